/*
 * uregs[] in pid probes: at the entry of pid_args_fn(1, ..., 8) the PC is the function's
 * first instruction, the first six arguments are in rdi, rsi, rdx, rcx, r8 and r9, and the
 * stack pointer is 8 bytes below a 16-byte boundary (the call pushed the return address it
 * points to). At the return the PC is that return address, the stack pointer 8 bytes higher
 * and rax the return value, 36.
 */
/* @@trigger: pid-args 3 */
#pragma D option quiet

pid$target:a.out:pid_args_fn:entry
/!self->ret/
{
	self->ret = *(uint64_t *)copyin(uregs[R_SP], 8);
	self->sp = uregs[R_SP];
	printf("pc %A\n", uregs[R_PC]);
	printf("args %d %d %d %d %d %d arg0 %d\n", uregs[R_RDI], uregs[R_RSI], uregs[R_RDX],
	    uregs[R_RCX], uregs[R_R8], uregs[R_R9], uregs[R_RDI] == arg0);
	printf("sp aligned %d\n", (uregs[R_SP] + 8) % 16 == 0);
}

pid$target:a.out:pid_args_fn:return
/self->ret/
{
	printf("rax %d pc-is-return-address %d sp-popped %d\n", uregs[R_RAX],
	    uregs[R_PC] == self->ret, uregs[R_SP] == self->sp + 8);
	exit(0);
}
