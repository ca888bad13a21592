/*
 * Calls pid_insn_fn once: a function written in assembly so that its instructions are known
 * (offsets 0, 1, 4, 9 and 0xa; 11 bytes), for pid offset probes:
 *	0: push %rbp  1: mov %rsp,%rbp  4: mov $42,%eax  9: pop %rbp  a: ret
 */
__asm__(".text\n"
	".globl pid_insn_fn\n"
	".type pid_insn_fn, @function\n"
	"pid_insn_fn:\n"
	"\tpush %rbp\n"
	"\tmov %rsp, %rbp\n"
	"\tmov $42, %eax\n"
	"\tpop %rbp\n"
	"\tret\n"
	".size pid_insn_fn, . - pid_insn_fn\n");

int pid_insn_fn(void);

int main(void)
{
	return pid_insn_fn() == 42 ? 0 : 1;
}
