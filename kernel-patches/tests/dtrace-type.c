/*
 * Patch 1's test, run inside the VM lane on the patched kernel: load a BPF_PROG_TYPE_DTRACE
 * program that returns args[0] + args[9] + cookie of its context, run it with
 * BPF_PROG_TEST_RUN on args 0..9 = 100..109 and cookie 1000, and check the verifier's
 * refusals: a store into the context, a read past its end (88 bytes), a 4-byte read. Prints one line per check; exits 0 when all pass, 77 when the
 * kernel has no DTrace program type (stock kernels).
 */
#include <errno.h>
#include <linux/bpf.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Patch 1's value (after BPF_PROG_TYPE_NETFILTER, 32), for building against older headers. */
#define PROG_TYPE_DTRACE 33

static int load(const struct bpf_insn *insns, unsigned n, char *log, unsigned logsz)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.prog_type = PROG_TYPE_DTRACE;
	a.insns = (uintptr_t)insns;
	a.insn_cnt = n;
	a.license = (uintptr_t)"GPL";
	a.log_buf = (uintptr_t)log;
	a.log_size = logsz;
	a.log_level = log ? 1 : 0;
	return syscall(SYS_bpf, BPF_PROG_LOAD, &a, sizeof(a));
}

#define LDX_DW(dst, src, off) ((struct bpf_insn){ BPF_LDX | BPF_MEM | BPF_DW, dst, src, off, 0 })
#define LDX_W(dst, src, off) ((struct bpf_insn){ BPF_LDX | BPF_MEM | BPF_W, dst, src, off, 0 })
#define ST_DW(dst, off, imm) ((struct bpf_insn){ BPF_ST | BPF_MEM | BPF_DW, dst, 0, off, imm })
#define ADD_REG(dst, src) ((struct bpf_insn){ BPF_ALU64 | BPF_ADD | BPF_X, dst, src, 0, 0 })
#define MOV_IMM(dst, imm) ((struct bpf_insn){ BPF_ALU64 | BPF_MOV | BPF_K, dst, 0, 0, imm })
#define EXIT() ((struct bpf_insn){ BPF_JMP | BPF_EXIT, 0, 0, 0, 0 })

static int failures;

static void check(int ok, const char *what)
{
	printf("%s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

int main(void)
{
	static char log[65536];
	struct bpf_insn sum[] = { LDX_DW(0, 1, 0), LDX_DW(2, 1, 72), ADD_REG(0, 2), LDX_DW(2, 1, 80),
				  ADD_REG(0, 2), EXIT() };
	struct bpf_insn store[] = { ST_DW(1, 0, 1), MOV_IMM(0, 0), EXIT() };
	struct bpf_insn past[] = { LDX_DW(0, 1, 88), EXIT() };
	struct bpf_insn narrow[] = { LDX_W(0, 1, 0), EXIT() };
	uint64_t ctx[11];
	union bpf_attr a;
	int fd;

	fd = load(sum, 6, log, sizeof(log));
	/* An unknown program type is refused before the verifier runs: EINVAL, empty log. */
	if (fd < 0 && errno == EINVAL && log[0] == 0) {
		printf("no BPF_PROG_TYPE_DTRACE in this kernel\n");
		return 77;
	}
	check(fd >= 0, "load args[0] + args[9] + cookie");
	if (fd < 0) {
		fprintf(stderr, "%s\n", log);
		return 1;
	}
	for (int i = 0; i < 10; i++)
		ctx[i] = 100 + i;
	ctx[10] = 1000;
	memset(&a, 0, sizeof(a));
	a.test.prog_fd = fd;
	a.test.ctx_in = (uintptr_t)ctx;
	a.test.ctx_size_in = sizeof(ctx);
	check(syscall(SYS_bpf, BPF_PROG_TEST_RUN, &a, sizeof(a)) == 0, "test run");
	check(a.test.retval == 1209, "retval 1209");
	a.test.ctx_size_in = sizeof(ctx) + 8;
	check(syscall(SYS_bpf, BPF_PROG_TEST_RUN, &a, sizeof(a)) < 0 && errno == E2BIG,
	      "oversized context refused (E2BIG)");
	check(load(store, 3, NULL, 0) < 0 && errno == EACCES, "store into the context refused");
	check(load(past, 2, NULL, 0) < 0 && errno == EACCES, "read past the context refused");
	check(load(narrow, 2, NULL, 0) < 0 && errno == EACCES, "4-byte read refused");
	return failures ? 1 : 0;
}
