/*
 * Shared definitions of the BPF runtime routines.
 *
 * Rules every routine follows (build.rs enforces the first two):
 *  - everything comes in as an argument: no maps, no global data, no string literals;
 *  - routines are global, non-inline functions so that each is one BPF function of the table;
 *  - input strings are read only through bpf_probe_read_kernel_str() into scratch buffers, so a
 *    routine accepts any address and never faults the verifier;
 *  - `n` is the string slot size (strsize + 1), passed by the code generator as a constant so
 *    that the verifier knows every buffer bound;
 *  - an index that outlives the loop computing it goes through launder() (a store to and a load
 *    from map memory): the verifier then sees one bounded unknown value instead of one state per
 *    possible value, which keeps verification linear in strsize.
 */
#ifndef DT_RUNTIME_H
#define DT_RUNTIME_H

typedef unsigned long long u64;
typedef long long s64;
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;

#define ROUTINE __attribute__((noinline))

static long (*const bpf_probe_read_user)(void *dst, u32 size, const void *src) = (void *)112;
static long (*const bpf_probe_read_kernel)(void *dst, u32 size, const void *src) = (void *)113;
static long (*const bpf_probe_read_kernel_str)(void *dst, u32 size, const void *src) = (void *)115;
static u64 (*const bpf_get_current_task)(void) = (void *)35;
static long (*const bpf_loop)(u32 nr_loops, void *callback_fn, void *callback_ctx, u64 flags) = (void *)181;

/*
 * Keep clang from rewriting v (say pos + k back into its parts) so that the register the
 * verifier saw bounds-checked is the one used for the access.
 */
#define barrier_var(v) asm volatile("" : "+r"(v))

/* Hide the value of v from the verifier's range tracking (see above). */
static inline u64 launder(volatile u64 *slot, u64 v)
{
	*slot = v;
	return *slot;
}

/*
 * A laundered length made non-negative for the verifier: clang may turn an unsigned bound
 * check into a signed one, which leaves the minimum unknown. Slots hold at most 2^20 + 1 bytes.
 */
#define LEN_MASK 0x3fffffULL

/*
 * Copy the string at src into buf (n bytes) and return its length, at most n - 1, as a value the
 * verifier knows only by its bounds.
 */
static inline u64 copy_str(char *buf, const char *src, u64 n)
{
	long r = bpf_probe_read_kernel_str(buf, n, src);

	if (r < 1) {
		buf[0] = 0;
		return 0;
	}
	if (r > (long)n)
		r = n;
	return r - 1;
}

/* Always inlined: a helper of one routine, not a BPF function of its own. */
#define INLINE static inline __attribute__((always_inline))

/* A kernel value of 8, 4, 2 or 1 bytes at addr; 0 where it cannot be read. */
INLINE u64 rd64(u64 addr)
{
	u64 v = 0;

	bpf_probe_read_kernel(&v, 8, (void *)addr);
	return v;
}

INLINE u32 rd32(u64 addr)
{
	u32 v = 0;

	bpf_probe_read_kernel(&v, 4, (void *)addr);
	return v;
}

INLINE u16 rd16(u64 addr)
{
	u16 v = 0;

	bpf_probe_read_kernel(&v, 2, (void *)addr);
	return v;
}

INLINE u8 rd8(u64 addr)
{
	u8 v = 0;

	bpf_probe_read_kernel(&v, 1, (void *)addr);
	return v;
}

#endif
