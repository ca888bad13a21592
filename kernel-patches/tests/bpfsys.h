/*
 * What the series' tests and benchmark share: raw bpf(2) and perf_event_open(2), an
 * instruction buffer, kfunc BTF ids from /sys/kernel/btf/vmlinux, and a perf ring reader.
 * No libbpf: the tracer does the same with raw syscalls, and so do these.
 * The series' uapi numbers are spelled out (kernel-patches/UAPI.md) so the programs build
 * against the host's older headers.
 */
#ifndef BPFSYS_H
#define BPFSYS_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/perf_event.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define PROG_TYPE_DTRACE 33
#define F_DTRACE_PROG_ARRAY (1U << 19)
#define REC_BPF_OUTPUT 22
#define MISC_BPF_DISCARD (1 << 13)
#define DTRACE_CTX_SIZE 88 /* args[10] + cookie */

/* ---- instructions ---- */
struct prog {
	struct bpf_insn *insn;
	unsigned n, cap;
};

static inline void emit(struct prog *p, struct bpf_insn i)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 256;
		p->insn = realloc(p->insn, p->cap * sizeof(*p->insn));
		if (!p->insn) {
			perror("realloc");
			exit(2);
		}
	}
	p->insn[p->n++] = i;
}

#define I(code, dst, src, off, imm) ((struct bpf_insn){ (code), (dst), (src), (off), (imm) })
#define MOV64_REG(d, s) I(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define MOV64_IMM(d, imm) I(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, imm)
#define MOV32_IMM(d, imm) I(BPF_ALU | BPF_MOV | BPF_K, d, 0, 0, imm)
#define ADD64_IMM(d, imm) I(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, imm)
#define LSH64_IMM(d, imm) I(BPF_ALU64 | BPF_LSH | BPF_K, d, 0, 0, imm)
#define RSH64_IMM(d, imm) I(BPF_ALU64 | BPF_RSH | BPF_K, d, 0, 0, imm)
#define LDX_DW(d, s, off) I(BPF_LDX | BPF_MEM | BPF_DW, d, s, off, 0)
#define STX_DW(d, s, off) I(BPF_STX | BPF_MEM | BPF_DW, d, s, off, 0)
#define STX_W(d, s, off) I(BPF_STX | BPF_MEM | BPF_W, d, s, off, 0)
#define ST_DW(d, off, imm) I(BPF_ST | BPF_MEM | BPF_DW, d, 0, off, imm)
#define ST_W(d, off, imm) I(BPF_ST | BPF_MEM | BPF_W, d, 0, off, imm)
#define XADD_DW(d, s, off) I(BPF_STX | BPF_ATOMIC | BPF_DW, d, s, off, BPF_ADD)
#define JEQ_IMM(d, imm, off) I(BPF_JMP | BPF_JEQ | BPF_K, d, 0, off, imm)
#define JNE_IMM(d, imm, off) I(BPF_JMP | BPF_JNE | BPF_K, d, 0, off, imm)
#define JA(off) I(BPF_JMP | BPF_JA, 0, 0, off, 0)
#define CALL(helper) I(BPF_JMP | BPF_CALL, 0, 0, 0, helper)
#define KCALL(btf_id) I(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, btf_id)
#define EXIT() I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

static inline void ld_map(struct prog *p, int reg, int fd)
{
	emit(p, I(BPF_LD | BPF_DW | BPF_IMM, reg, BPF_PSEUDO_MAP_FD, 0, fd));
	emit(p, I(0, 0, 0, 0, 0));
}

/* Jumps forward to a label set later: remember the instruction, patch its offset. */
static inline unsigned here(struct prog *p)
{
	return p->n;
}

static inline void patch_to_here(struct prog *p, unsigned at)
{
	p->insn[at].off = p->n - at - 1;
}

/* ---- syscalls ---- */
static inline long sys_bpf(int cmd, union bpf_attr *a)
{
	return syscall(SYS_bpf, cmd, a, sizeof(*a));
}

static char bpf_log[1 << 20];

static inline int prog_load(int type, struct prog *p, int log)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.prog_type = type;
	a.insns = (uintptr_t)p->insn;
	a.insn_cnt = p->n;
	a.license = (uintptr_t) "GPL";
	if (log) {
		bpf_log[0] = 0;
		a.log_buf = (uintptr_t)bpf_log;
		a.log_size = sizeof(bpf_log);
		a.log_level = 1;
	}
	return sys_bpf(BPF_PROG_LOAD, &a);
}

static inline int map_create(int type, unsigned key, unsigned val, unsigned n, unsigned flags)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_type = type;
	a.key_size = key;
	a.value_size = val;
	a.max_entries = n;
	a.map_flags = flags;
	return sys_bpf(BPF_MAP_CREATE, &a);
}

static inline int map_update(int fd, const void *key, const void *val)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_fd = fd;
	a.key = (uintptr_t)key;
	a.value = (uintptr_t)val;
	return sys_bpf(BPF_MAP_UPDATE_ELEM, &a);
}

static inline int map_lookup(int fd, const void *key, void *val)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_fd = fd;
	a.key = (uintptr_t)key;
	a.value = (uintptr_t)val;
	return sys_bpf(BPF_MAP_LOOKUP_ELEM, &a);
}

static inline int test_run(int fd, const void *ctx, unsigned ctx_size, uint32_t *retval)
{
	union bpf_attr a;
	int r;

	memset(&a, 0, sizeof(a));
	a.test.prog_fd = fd;
	a.test.ctx_in = (uintptr_t)ctx;
	a.test.ctx_size_in = ctx_size;
	r = sys_bpf(BPF_PROG_TEST_RUN, &a);
	if (retval)
		*retval = a.test.retval;
	return r;
}

static inline int perf_open(struct perf_event_attr *attr, int pid, int cpu)
{
	return syscall(SYS_perf_event_open, attr, pid, cpu, -1, PERF_FLAG_FD_CLOEXEC);
}

static inline void pin_cpu(int cpu)
{
	cpu_set_t s;

	CPU_ZERO(&s);
	CPU_SET(cpu, &s);
	if (sched_setaffinity(0, sizeof(s), &s)) {
		perror("sched_setaffinity");
		exit(2);
	}
}

static inline double now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e9 + t.tv_nsec;
}

/* ---- kfunc ids: a BTF_KIND_FUNC of that name in vmlinux's BTF ---- */
static inline int btf_func_id(const char *want)
{
	static char *buf;
	static size_t len;
	struct btf_header *h;
	const char *strs;
	const uint8_t *t, *end;
	int id = 1;

	if (!buf) {
		int fd = open("/sys/kernel/btf/vmlinux", O_RDONLY);
		size_t cap = 1 << 20;
		ssize_t r;

		if (fd < 0)
			return -1;
		buf = malloc(cap);
		while ((r = read(fd, buf + len, cap - len)) > 0) {
			len += r;
			if (len == cap)
				buf = realloc(buf, cap *= 2);
		}
		close(fd);
	}
	h = (struct btf_header *)buf;
	if (len < sizeof(*h) || h->magic != 0xeB9F)
		return -1;
	t = (uint8_t *)buf + h->hdr_len + h->type_off;
	end = t + h->type_len;
	strs = buf + h->hdr_len + h->str_off;
	while (t < end) {
		const uint32_t *w = (const uint32_t *)t;
		unsigned kind = (w[1] >> 24) & 0x1f, vlen = w[1] & 0xffff;
		size_t extra = 0;

		if (kind == 12 && !strcmp(strs + w[0], want))
			return id;
		switch (kind) {
		case 1: case 14: case 17: extra = 4; break;	/* int, var, decl_tag */
		case 3: extra = 12; break;			/* array */
		case 4: case 5: case 15: case 19: extra = 12 * vlen; break;
		case 6: case 13: extra = 8 * vlen; break;	/* enum, func_proto */
		default: break;
		}
		t += 12 + extra;
		id++;
	}
	return 0;
}

/* ---- a perf ring, mmap'd ---- */
struct ring {
	int fd;
	struct perf_event_mmap_page *up;
	uint8_t *data;
	uint64_t size;
};

/* A BPF output event on @cpu with 2^order data pages, mmap'd. */
static inline int ring_open(struct ring *r, int cpu, int order)
{
	struct perf_event_attr attr;
	long pg = sysconf(_SC_PAGESIZE);
	void *m;

	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_SOFTWARE;
	attr.size = sizeof(attr);
	attr.config = PERF_COUNT_SW_BPF_OUTPUT;
	attr.sample_type = PERF_SAMPLE_RAW;
	attr.sample_period = 1;
	attr.wakeup_events = 1;
	r->fd = perf_open(&attr, -1, cpu);
	if (r->fd < 0)
		return -1;
	r->size = (uint64_t)pg << order;
	m = mmap(NULL, pg + r->size, PROT_READ | PROT_WRITE, MAP_SHARED, r->fd, 0);
	if (m == MAP_FAILED)
		return -1;
	r->up = m;
	r->data = (uint8_t *)m + pg;
	if (ioctl(r->fd, PERF_EVENT_IOC_ENABLE, 0))
		return -1;
	return 0;
}

/*
 * Hands each record (header + payload, copied out when it wraps the ring's end) to @fn, then
 * frees the space. Returns the number of records.
 */
static inline int ring_drain(struct ring *r, void (*fn)(const struct perf_event_header *, void *), void *arg)
{
	uint64_t head = __atomic_load_n(&r->up->data_head, __ATOMIC_ACQUIRE);
	uint64_t tail = r->up->data_tail;
	static uint8_t copy[65536];
	int n = 0;

	while (tail < head) {
		uint64_t off = tail % r->size;
		struct perf_event_header *h = (void *)(r->data + off);
		struct perf_event_header hc;

		if (off + sizeof(hc) > r->size) {
			fprintf(stderr, "header across the ring's end\n");
			exit(2);
		}
		hc = *h;
		if (off + hc.size > r->size) {
			uint64_t first = r->size - off;

			memcpy(copy, r->data + off, first);
			memcpy(copy + first, r->data, hc.size - first);
			h = (void *)copy;
		}
		fn(h, arg);
		tail += hc.size;
		n++;
	}
	__atomic_store_n(&r->up->data_tail, tail, __ATOMIC_RELEASE);
	return n;
}

/* memlock of a bpf object, from /proc/self/fdinfo. */
static inline long fd_memlock(int fd)
{
	char path[64], line[256];
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "memlock: %ld", &v) == 1)
			break;
	fclose(f);
	return v;
}

#endif
