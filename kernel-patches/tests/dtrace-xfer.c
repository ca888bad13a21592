/*
 * Patches 2 and 3's test, run inside the VM lane on the patched kernel (dtrace-xfer.sh):
 *  - raw tracepoint, tracepoint, kprobe and perf_event programs call bpf_dtrace_call() into
 *    one DTrace-type program, which sees the arguments and cookie each caller built, gets a
 *    kernel stack from the registers the call carried, and writes a record with
 *    bpf_perf_output_reserve()/commit() that the test reads back from the mmap'd ring;
 *  - the verifier's and the map's refusals (UAPI.md);
 *  - records of 8 .. 16384 bytes, many crossing page boundaries and the ring's end, read
 *    back word for word; a discarded record; drops counted by the program and by perf's
 *    PERF_RECORD_LOST, which must agree.
 * One line per check; exit 0 when all pass, 1 on any failure, 77 without the series.
 */
#include "bpfsys.h"

static int failures;

static void check(int ok, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#include <stdarg.h>
static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(": %s\n", ok ? "ok" : "FAILED");
	failures += !ok;
}

static int k_call, k_reserve, k_commit, k_discard;
static int perf_map, res_map, dt_array;
static struct ring ring;
static int pid;

enum { RES_DROPS = 7 };

/* The record the DTrace program "clause" writes: who called, what it saw. */
struct clause_rec {
	uint64_t cookie, arg0, arg9, stack_bytes, ustack_bytes;
};

/*
 * clause: reads its context, takes the kernel and the user stack with bpf_get_stack(ctx),
 * writes a clause_rec. (A perf_event sample taken in user mode has no kernel stack.)
 */
static void gen_clause(struct prog *p)
{
	unsigned j;

	emit(p, MOV64_REG(6, 1));
	emit(p, LDX_DW(7, 6, 80));
	emit(p, LDX_DW(8, 6, 0));
	emit(p, MOV64_REG(1, 6));
	emit(p, MOV64_REG(2, 10));
	emit(p, ADD64_IMM(2, -256));
	emit(p, MOV64_IMM(3, 256));
	emit(p, MOV64_IMM(4, 0));
	emit(p, CALL(BPF_FUNC_get_stack));
	emit(p, MOV64_REG(9, 0));
	emit(p, MOV64_REG(1, 6));
	emit(p, MOV64_REG(2, 10));
	emit(p, ADD64_IMM(2, -256));
	emit(p, MOV64_IMM(3, 256));
	emit(p, MOV64_IMM(4, BPF_F_USER_STACK));
	emit(p, CALL(BPF_FUNC_get_stack));
	emit(p, STX_DW(10, 0, -264));
	ld_map(p, 1, perf_map);
	emit(p, MOV32_IMM(2, -1)); /* BPF_F_CURRENT_CPU */
	emit(p, MOV64_IMM(3, sizeof(struct clause_rec)));
	emit(p, KCALL(k_reserve));
	j = here(p);
	emit(p, JEQ_IMM(0, 0, 0));
	emit(p, STX_DW(0, 7, 0));
	emit(p, STX_DW(0, 8, 8));
	emit(p, LDX_DW(1, 6, 72));
	emit(p, STX_DW(0, 1, 16));
	emit(p, STX_DW(0, 9, 24));
	emit(p, LDX_DW(1, 10, -264));
	emit(p, STX_DW(0, 1, 32));
	emit(p, MOV64_REG(1, 0));
	emit(p, KCALL(k_commit));
	patch_to_here(p, j);
	emit(p, MOV64_IMM(0, 0));
	emit(p, EXIT());
}

/*
 * An event program: only for this process, builds a context with args[i] = 1000 * cookie + i,
 * calls slot 0 (the clause) and slot 3 (empty), stores both return values in res[cookie].
 */
static void gen_caller(struct prog *p, int cookie, int use_array, int bad_ctx)
{
	unsigned j, k;

	emit(p, MOV64_REG(6, 1));
	emit(p, CALL(BPF_FUNC_get_current_pid_tgid));
	emit(p, RSH64_IMM(0, 32));
	j = here(p);
	emit(p, JNE_IMM(0, pid, 0));
	for (int i = 0; i < 10; i++)
		emit(p, ST_DW(10, -88 + 8 * i, 1000 * cookie + i));
	emit(p, ST_DW(10, -8, cookie));
	emit(p, MOV64_REG(1, bad_ctx ? 10 : 6));
	ld_map(p, 2, use_array);
	emit(p, MOV64_IMM(3, 0));
	emit(p, MOV64_REG(4, 10));
	emit(p, ADD64_IMM(4, -88));
	emit(p, KCALL(k_call));
	emit(p, MOV64_REG(7, 0));
	emit(p, MOV64_REG(1, 6));
	ld_map(p, 2, use_array);
	emit(p, MOV64_IMM(3, 3));
	emit(p, MOV64_REG(4, 10));
	emit(p, ADD64_IMM(4, -88));
	emit(p, KCALL(k_call));
	emit(p, MOV64_REG(8, 0));
	emit(p, ST_W(10, -92, cookie));
	ld_map(p, 1, res_map);
	emit(p, MOV64_REG(2, 10));
	emit(p, ADD64_IMM(2, -92));
	emit(p, CALL(BPF_FUNC_map_lookup_elem));
	k = here(p);
	emit(p, JEQ_IMM(0, 0, 0));
	emit(p, STX_DW(0, 7, 0));
	emit(p, STX_DW(0, 8, 8));
	patch_to_here(p, k);
	patch_to_here(p, j);
	emit(p, MOV64_IMM(0, 0));
	emit(p, EXIT());
}

/*
 * big: a DTrace program writing one record of @size bytes, word i = (args[0] << 16) + i,
 * committed (or discarded); a NULL from reserve adds 1 to res[RES_DROPS].
 */
static void gen_big(struct prog *p, unsigned size, int discard)
{
	unsigned j;

	emit(p, MOV64_REG(6, 1));
	emit(p, LDX_DW(7, 6, 0));
	emit(p, LSH64_IMM(7, 16));
	ld_map(p, 1, perf_map);
	emit(p, MOV32_IMM(2, -1));
	emit(p, MOV64_IMM(3, size));
	emit(p, KCALL(k_reserve));
	j = here(p);
	emit(p, JNE_IMM(0, 0, 0));
	emit(p, ST_W(10, -4, RES_DROPS));
	ld_map(p, 1, res_map);
	emit(p, MOV64_REG(2, 10));
	emit(p, ADD64_IMM(2, -4));
	emit(p, CALL(BPF_FUNC_map_lookup_elem));
	emit(p, JEQ_IMM(0, 0, 2));
	emit(p, MOV64_IMM(1, 1));
	emit(p, XADD_DW(0, 1, 0));
	emit(p, MOV64_IMM(0, 0));
	emit(p, EXIT());
	patch_to_here(p, j);
	emit(p, MOV64_REG(8, 0));
	for (unsigned i = 0; i < size / 8; i++) {
		emit(p, MOV64_REG(1, 7));
		emit(p, ADD64_IMM(1, i));
		emit(p, STX_DW(8, 1, 8 * i));
	}
	emit(p, MOV64_REG(1, 8));
	emit(p, KCALL(discard ? k_discard : k_commit));
	emit(p, MOV64_IMM(0, 0));
	emit(p, EXIT());
}

/* ---- what the ring holds ---- */
struct seen {
	int clause[8];		/* clause records per cookie */
	struct clause_rec last[8];
	int big, bad, discarded, other;
	uint64_t lost;
	unsigned size;		/* expected payload of big records */
	uint64_t next_seq;
};

static void on_record(const struct perf_event_header *h, void *arg)
{
	struct seen *s = arg;
	const uint64_t *w = (const uint64_t *)(h + 1);

	if (h->type == PERF_RECORD_LOST) {
		s->lost += w[1];
		return;
	}
	if (h->type != REC_BPF_OUTPUT) {
		s->other++;
		return;
	}
	if (h->misc & MISC_BPF_DISCARD) {
		s->discarded++;
		return;
	}
	if (h->size == 8 + sizeof(struct clause_rec) && !s->size) {
		const struct clause_rec *c = (const void *)w;

		if (c->cookie < 8) {
			s->clause[c->cookie]++;
			s->last[c->cookie] = *c;
		} else {
			s->bad++;
		}
		return;
	}
	if (h->size != 8 + s->size) {
		s->bad++;
		return;
	}
	/* Records arrive in order, each word as the program stored it. */
	uint64_t seq = w[0] >> 16;
	if (s->next_seq && seq != s->next_seq)
		s->bad++;
	s->next_seq = seq + 1;
	for (unsigned i = 0; i < s->size / 8; i++)
		if (w[i] != (seq << 16) + i) {
			s->bad++;
			break;
		}
	s->big++;
}

/* Bit 0: the 16-byte record came first and is intact; bit 1: the 24-byte one second. */
static int nested_seen, nested_n;

static void on_nested(const struct perf_event_header *h, void *arg)
{
	const uint64_t *w = (const uint64_t *)(h + 1);

	if (h->type != REC_BPF_OUTPUT || (h->misc & MISC_BPF_DISCARD))
		return;
	if (nested_seen == 0 && h->size == 24 && w[0] == 0x1111 && w[1] == 0x1112)
		nested_seen |= 1;
	else if (nested_seen == 1 && h->size == 32 && w[0] == 0x2221 && w[1] == 0x2222 && w[2] == 0x2223)
		nested_seen |= 2;
	nested_n++;
}

static int load_or_die(int type, struct prog *p, const char *what)
{
	/* Long programs overflow any log (ENOSPC): log only to explain a failure. */
	int fd = prog_load(type, p, 0);

	if (fd < 0)
		fd = prog_load(type, p, 1);
	if (fd < 0) {
		printf("%s: load failed: %s\n%s\n", what, strerror(errno), bpf_log);
		exit(1);
	}
	return fd;
}

static int refused(int type, struct prog *p, const char *expect)
{
	int fd = prog_load(type, p, 1);

	if (fd >= 0) {
		close(fd);
		return 0;
	}
	if (expect && !strstr(bpf_log, expect)) {
		printf("  (log did not say \"%s\":)\n%s", expect, bpf_log);
		return 0;
	}
	return 1;
}

static int attach_perf(struct perf_event_attr *attr, int prog, int pid_, int cpu)
{
	int fd = perf_open(attr, pid_, cpu);

	if (fd < 0)
		return -1;
	if (ioctl(fd, PERF_EVENT_IOC_SET_BPF, prog) || ioctl(fd, PERF_EVENT_IOC_ENABLE, 0)) {
		close(fd);
		return -1;
	}
	return fd;
}

static int read_int_file(const char *path)
{
	FILE *f = fopen(path, "r");
	int v = -1;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

static void reset_res(void)
{
	uint64_t zero[2] = { 0, 0 };

	for (uint32_t k = 0; k < 8; k++)
		map_update(res_map, &k, zero);
}

static void transfers(void)
{
	struct prog p = { 0 };
	struct seen s;
	uint64_t v[2];
	int clause, fd, ev;
	uint32_t k;
	const char *names[] = { "", "raw_tracepoint", "tracepoint", "kprobe", "perf_event" };
	int types[] = { 0, BPF_PROG_TYPE_RAW_TRACEPOINT, BPF_PROG_TYPE_TRACEPOINT,
			BPF_PROG_TYPE_KPROBE, BPF_PROG_TYPE_PERF_EVENT };
	int fds[5];

	gen_clause(&p);
	clause = load_or_die(PROG_TYPE_DTRACE, &p, "clause");
	k = 0;
	check(map_update(dt_array, &k, &clause) == 0, "DTrace program into a BPF_F_DTRACE_PROG_ARRAY array");
	for (int c = 1; c <= 4; c++) {
		p.n = 0;
		gen_caller(&p, c, dt_array, 0);
		fds[c] = prog_load(types[c], &p, 1);
		check(fds[c] >= 0, "%s program calling bpf_dtrace_call loads", names[c]);
		if (fds[c] < 0)
			printf("%s\n", bpf_log);
	}
	reset_res();

	/* raw_tp: BPF_PROG_TEST_RUN runs it right here. */
	if (fds[1] >= 0) {
		uint64_t args[1] = { 0 };
		uint32_t ret;

		check(test_run(fds[1], args, sizeof(args), &ret) == 0, "raw_tracepoint test run");
	}
	/* tracepoint and kprobe: getppid() in this process. */
	if (fds[2] >= 0) {
		struct perf_event_attr a = { .type = PERF_TYPE_TRACEPOINT, .size = sizeof(a),
					     .sample_period = 1, .wakeup_events = 1 };
		a.config = read_int_file("/sys/kernel/tracing/events/syscalls/sys_enter_getppid/id");
		ev = attach_perf(&a, fds[2], -1, 0);
		check(ev >= 0, "tracepoint syscalls:sys_enter_getppid attached");
		getppid();
		if (ev >= 0)
			close(ev);
	}
	if (fds[3] >= 0) {
		struct perf_event_attr a = { .size = sizeof(a), .sample_period = 1, .wakeup_events = 1 };
		a.type = read_int_file("/sys/bus/event_source/devices/kprobe/type");
		a.config1 = (uintptr_t) "__x64_sys_getppid";
		ev = attach_perf(&a, fds[3], -1, 0);
		check(ev >= 0, "kprobe __x64_sys_getppid attached");
		getppid();
		if (ev >= 0)
			close(ev);
	}
	/* perf_event: this task's cpu-clock every 100 us while it spins. */
	if (fds[4] >= 0) {
		struct perf_event_attr a = { .type = PERF_TYPE_SOFTWARE, .size = sizeof(a),
					     .config = PERF_COUNT_SW_CPU_CLOCK, .sample_period = 100000 };
		ev = attach_perf(&a, fds[4], 0, -1);
		check(ev >= 0, "perf_event cpu-clock attached");
		for (double t0 = now_ns(); now_ns() - t0 < 200e6;)
			;
		if (ev >= 0)
			close(ev);
	}

	memset(&s, 0, sizeof(s));
	ring_drain(&ring, on_record, &s);
	for (int c = 1; c <= 4; c++) {
		k = c;
		if (fds[c] < 0 || map_lookup(res_map, &k, v))
			continue;
		check(s.clause[c] >= 1, "%s: the DTrace program ran and its record is in the ring (%d)",
		      names[c], s.clause[c]);
		check(v[0] == 0, "%s: bpf_dtrace_call returned 0 for slot 0 (%ld)", names[c], (long)v[0]);
		/* An int: the upper 32 bits of R0 are not the sign. */
		check((int32_t)v[1] == -ENOENT, "%s: bpf_dtrace_call returned -ENOENT for an empty slot (%d)",
		      names[c], (int32_t)v[1]);
		check(s.last[c].cookie == (uint64_t)c && s.last[c].arg0 == 1000u * c &&
			      s.last[c].arg9 == 1000u * c + 9,
		      "%s: the DTrace program saw the caller's arguments and cookie", names[c]);
		if (c == 4) /* sampled while this task spins in user mode */
			check((int64_t)s.last[c].ustack_bytes > 0 && (int64_t)s.last[c].stack_bytes >= 0,
			      "%s: bpf_get_stack(ctx, BPF_F_USER_STACK) in the DTrace program gave the "
			      "interrupted user stack (%ld bytes; kernel %ld)", names[c],
			      (long)s.last[c].ustack_bytes, (long)s.last[c].stack_bytes);
		else
			check((int64_t)s.last[c].stack_bytes > 0 && s.last[c].stack_bytes % 8 == 0,
			      "%s: bpf_get_stack(ctx) in the DTrace program gave a kernel stack (%ld bytes)",
			      names[c], (long)s.last[c].stack_bytes);
	}
	check(!s.bad && !s.other, "no malformed or unexpected records (%d, %d)", s.bad, s.other);
	for (int c = 1; c <= 4; c++)
		if (fds[c] >= 0)
			close(fds[c]);

	/* The same clause on a test run: its registers are the test run's. */
	{
		uint64_t ctx[11] = { 5000, 0, 0, 0, 0, 0, 0, 0, 0, 5009, 5 };
		uint32_t ret;

		memset(&s, 0, sizeof(s));
		check(test_run(clause, ctx, sizeof(ctx), &ret) == 0, "DTrace program test run");
		ring_drain(&ring, on_record, &s);
		check(s.clause[5] == 1 && s.last[5].arg0 == 5000 && s.last[5].arg9 == 5009 &&
			      (int64_t)s.last[5].stack_bytes > 0,
		      "test run: cookie, arguments and a stack");
	}

	/* Refusals. */
	{
		struct prog q = { 0 };
		int plain = map_create(BPF_MAP_TYPE_PROG_ARRAY, 4, 4, 4, 0);
		uint32_t k0 = 0;

		gen_caller(&q, 1, dt_array, 0);
		check(refused(PROG_TYPE_DTRACE, &q, NULL), "a DTrace program cannot call bpf_dtrace_call");
		q.n = 0;
		gen_caller(&q, 1, plain, 0);
		check(refused(BPF_PROG_TYPE_RAW_TRACEPOINT, &q, "BPF_F_DTRACE_PROG_ARRAY"),
		      "bpf_dtrace_call refuses an ordinary prog array");
		q.n = 0;
		gen_caller(&q, 1, dt_array, 1);
		check(refused(BPF_PROG_TYPE_RAW_TRACEPOINT, &q, "expected pointer to ctx"),
		      "bpf_dtrace_call refuses a first argument that is not the caller's context");
		q.n = 0;
		emit(&q, MOV64_REG(6, 1));
		ld_map(&q, 2, dt_array);
		emit(&q, MOV64_IMM(3, 0));
		emit(&q, CALL(BPF_FUNC_tail_call));
		emit(&q, MOV64_IMM(0, 0));
		emit(&q, EXIT());
		check(refused(BPF_PROG_TYPE_RAW_TRACEPOINT, &q, NULL),
		      "bpf_tail_call through a BPF_F_DTRACE_PROG_ARRAY array is refused");
		check(refused(PROG_TYPE_DTRACE, &q, NULL),
		      "... also from a DTrace program");
		q.n = 0;
		emit(&q, MOV64_IMM(0, 0));
		emit(&q, EXIT());
		fd = load_or_die(BPF_PROG_TYPE_RAW_TRACEPOINT, &q, "raw_tp");
		check(map_update(dt_array, &k0, &fd) < 0 && errno == EINVAL,
		      "a raw_tp program cannot go into a BPF_F_DTRACE_PROG_ARRAY array (EINVAL)");
		close(fd);
		/* reserve without commit */
		q.n = 0;
		ld_map(&q, 1, perf_map);
		emit(&q, MOV32_IMM(2, -1));
		emit(&q, MOV64_IMM(3, 16));
		emit(&q, KCALL(k_reserve));
		emit(&q, MOV64_IMM(0, 0));
		emit(&q, EXIT());
		check(refused(PROG_TYPE_DTRACE, &q, "Unreleased reference"),
		      "a reservation never committed is refused");
		q.n = 0;
		ld_map(&q, 1, perf_map);
		emit(&q, MOV32_IMM(2, -1));
		emit(&q, MOV64_IMM(3, 12));
		emit(&q, KCALL(k_reserve));
		emit(&q, JEQ_IMM(0, 0, 2));
		emit(&q, MOV64_REG(1, 0));
		emit(&q, KCALL(k_commit));
		emit(&q, MOV64_IMM(0, 0));
		emit(&q, EXIT());
		check(refused(PROG_TYPE_DTRACE, &q, "multiple of 8"), "a 12-byte reservation is refused");
		q.insn[3] = MOV64_IMM(3, 16);
		check(!refused(PROG_TYPE_DTRACE, &q, NULL), "... and a 16-byte one accepted");
		q.n = 0;
		ld_map(&q, 1, perf_map);
		emit(&q, MOV32_IMM(2, -1));
		emit(&q, MOV64_IMM(3, 16));
		emit(&q, KCALL(k_reserve));
		emit(&q, JEQ_IMM(0, 0, 4));
		emit(&q, MOV64_REG(6, 0));
		emit(&q, MOV64_REG(1, 0));
		emit(&q, KCALL(k_commit));
		emit(&q, ST_DW(6, 0, 1));
		emit(&q, MOV64_IMM(0, 0));
		emit(&q, EXIT());
		check(refused(PROG_TYPE_DTRACE, &q, NULL), "a store after commit is refused");
		q.n = 0;
		ld_map(&q, 1, perf_map);
		emit(&q, MOV32_IMM(2, -1));
		emit(&q, MOV64_IMM(3, 16));
		emit(&q, KCALL(k_reserve));
		emit(&q, ST_DW(0, 0, 1));
		emit(&q, JEQ_IMM(0, 0, 2));
		emit(&q, MOV64_REG(1, 0));
		emit(&q, KCALL(k_commit));
		emit(&q, MOV64_IMM(0, 0));
		emit(&q, EXIT());
		check(refused(PROG_TYPE_DTRACE, &q, NULL), "a store before the NULL test is refused");
		q.n = 0;
		ld_map(&q, 1, perf_map);
		emit(&q, MOV32_IMM(2, -1));
		emit(&q, MOV64_IMM(3, 16));
		emit(&q, KCALL(k_reserve));
		emit(&q, MOV64_REG(1, 0));
		emit(&q, KCALL(k_commit));
		emit(&q, MOV64_IMM(0, 0));
		emit(&q, EXIT());
		check(refused(PROG_TYPE_DTRACE, &q, "NULL"), "committing a record not tested for NULL is refused");
		close(plain);
	}
	close(clause);
}

/* Records of @size bytes, @n of them, read back after each one (no drops). */
static void records(unsigned size, int n)
{
	struct prog p = { 0 };
	struct seen s;
	int fd;

	gen_big(&p, size, 0);
	fd = load_or_die(PROG_TYPE_DTRACE, &p, "big");
	memset(&s, 0, sizeof(s));
	s.size = size;
	reset_res();
	for (int i = 1; i <= n; i++) {
		uint64_t ctx[11] = { i };

		test_run(fd, ctx, sizeof(ctx), NULL);
		ring_drain(&ring, on_record, &s);
	}
	check(s.big == n && !s.bad && !s.lost,
	      "%d records of %u bytes read back word for word (%d read, %d bad, %lu lost)", n, size,
	      s.big, s.bad, (unsigned long)s.lost);
	close(fd);
}

int main(void)
{
	union bpf_attr a;
	uint32_t k;

	setvbuf(stdout, NULL, _IONBF, 0);
	pid = getpid();
	pin_cpu(0);
	k_call = btf_func_id("bpf_dtrace_call");
	k_reserve = btf_func_id("bpf_perf_output_reserve");
	k_commit = btf_func_id("bpf_perf_output_commit");
	k_discard = btf_func_id("bpf_perf_output_discard");
	if (k_call <= 0 || k_reserve <= 0 || k_commit <= 0 || k_discard <= 0) {
		printf("no bpf_dtrace_call / bpf_perf_output_* kfuncs in this kernel's BTF\n");
		return 77;
	}
	printf("kfunc ids: bpf_dtrace_call %d, reserve %d, commit %d, discard %d\n", k_call,
	       k_reserve, k_commit, k_discard);

	dt_array = map_create(BPF_MAP_TYPE_PROG_ARRAY, 4, 4, 4, F_DTRACE_PROG_ARRAY);
	check(dt_array >= 0, "BPF_F_DTRACE_PROG_ARRAY prog array created");
	check(map_create(BPF_MAP_TYPE_ARRAY, 4, 8, 4, F_DTRACE_PROG_ARRAY) < 0 && errno == EINVAL,
	      "the flag is refused on a plain array (EINVAL)");
	perf_map = map_create(BPF_MAP_TYPE_PERF_EVENT_ARRAY, 4, 4, sysconf(_SC_NPROCESSORS_CONF), 0);
	res_map = map_create(BPF_MAP_TYPE_ARRAY, 4, 16, 8, 0);
	if (dt_array < 0 || perf_map < 0 || res_map < 0) {
		perror("map_create");
		return 1;
	}
	/* 4 data pages: records of a few hundred bytes cross pages and the ring's end often. */
	if (ring_open(&ring, 0, 2)) {
		perror("BPF output event");
		return 1;
	}
	k = 0;
	if (map_update(perf_map, &k, &ring.fd)) {
		perror("perf map");
		return 1;
	}
	(void)a;

	transfers();

	records(8, 50);
	records(1000, 200);	/* 1008 with the header: all 8-byte offsets in a page, both ways */
	records(4096, 40);	/* 4104: every one crosses a page boundary */
	records(6000, 30);
	records(16368, 4);	/* perf keeps one byte free: 16376 of a 16 KiB ring is the most */

	/* Two reservations outstanding at once, committed in either order. */
	for (int order = 0; order < 2; order++) {
		struct prog p = { 0 };
		struct seen s;
		uint64_t ctx[11] = { 0 };
		unsigned j1, j2;
		int fd;

		ld_map(&p, 1, perf_map);
		emit(&p, MOV32_IMM(2, -1));
		emit(&p, MOV64_IMM(3, 16));
		emit(&p, KCALL(k_reserve));
		j1 = here(&p);
		emit(&p, JEQ_IMM(0, 0, 0));
		emit(&p, MOV64_REG(6, 0));
		ld_map(&p, 1, perf_map);
		emit(&p, MOV32_IMM(2, -1));
		emit(&p, MOV64_IMM(3, 24));
		emit(&p, KCALL(k_reserve));
		j2 = here(&p);
		emit(&p, JNE_IMM(0, 0, 0));
		emit(&p, MOV64_REG(1, 6));
		emit(&p, KCALL(k_discard));
		emit(&p, MOV64_IMM(0, 1));
		emit(&p, EXIT());
		patch_to_here(&p, j2);
		emit(&p, MOV64_REG(7, 0));
		emit(&p, ST_DW(6, 0, 0x1111));
		emit(&p, ST_DW(6, 8, 0x1112));
		emit(&p, ST_DW(7, 0, 0x2221));
		emit(&p, ST_DW(7, 8, 0x2222));
		emit(&p, ST_DW(7, 16, 0x2223));
		emit(&p, MOV64_REG(1, order ? 7 : 6));
		emit(&p, KCALL(k_commit));
		emit(&p, MOV64_REG(1, order ? 6 : 7));
		emit(&p, KCALL(k_commit));
		patch_to_here(&p, j1);
		emit(&p, MOV64_IMM(0, 0));
		emit(&p, EXIT());
		fd = load_or_die(PROG_TYPE_DTRACE, &p, "nested");
		memset(&s, 0, sizeof(s));
		nested_seen = 0;
		test_run(fd, ctx, sizeof(ctx), NULL);
		ring_drain(&ring, on_nested, &s);
		check(nested_seen == 3, "two reservations at once, committed %s, both read back in reserve order",
		      order ? "newest first" : "oldest first");
		free(p.insn);
		close(fd);
	}

	/* A discarded record: in the ring, flagged, skipped by readers. */
	{
		struct prog p = { 0 };
		struct seen s;
		uint64_t ctx[11] = { 1 };
		int fd;

		gen_big(&p, 64, 1);
		fd = load_or_die(PROG_TYPE_DTRACE, &p, "discard");
		memset(&s, 0, sizeof(s));
		s.size = 64;
		test_run(fd, ctx, sizeof(ctx), NULL);
		ring_drain(&ring, on_record, &s);
		check(s.discarded == 1 && s.big == 0, "a discarded record is flagged PERF_RECORD_MISC_BPF_DISCARD");
		close(fd);
	}

	/* Drops: 40 records of 1000 bytes into 16 KiB without reading; 16 fit. */
	{
		struct prog p = { 0 };
		struct seen s;
		uint64_t drops[2];
		int fd, dropped;

		gen_big(&p, 1000, 0);
		fd = load_or_die(PROG_TYPE_DTRACE, &p, "drops");
		reset_res();
		memset(&s, 0, sizeof(s));
		s.size = 1000;
		for (int i = 1; i <= 40; i++) {
			uint64_t ctx[11] = { i };

			test_run(fd, ctx, sizeof(ctx), NULL);
		}
		k = RES_DROPS;
		map_lookup(res_map, &k, drops);
		dropped = drops[0];
		ring_drain(&ring, on_record, &s);
		check(s.big == 16 && dropped == 24, "a full ring: 16 records kept, the program saw 24 NULLs (%d, %d)",
		      s.big, dropped);
		{
			uint64_t ctx[11] = { 17 };

			test_run(fd, ctx, sizeof(ctx), NULL);
		}
		ring_drain(&ring, on_record, &s);
		check(s.lost == (uint64_t)dropped && s.big == 17 && !s.bad,
		      "perf's PERF_RECORD_LOST counts the same %d drops (%lu)", dropped, (unsigned long)s.lost);
		close(fd);
	}

	printf("%s\n", failures ? "FAILED" : "all passed");
	return failures ? 1 : 0;
}
