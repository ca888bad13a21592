/*
 * Conversions: lltostr, strtoll, inet_ntoa, inet_ntoa6, inet_ntop, and progenyof's walk of the
 * process tree.
 */
#include "runtime.h"

static inline char digit_char(u64 d)
{
	return d < 10 ? '0' + d : 'a' + (d - 10);
}

/*
 * lltostr(v, base) as illumos: base 10 prints a sign, 16 a "0x" prefix, 8 a leading 0; other
 * bases print the unsigned value. The code generator checks 2 <= base <= 36. d: n bytes,
 * tmp: 80 bytes.
 */
ROUTINE long dt_lltostr(char *d, s64 v, u64 base, u64 n, char *tmp)
{
	u64 val = (base == 10 && v < 0) ? -(u64)v : (u64)v;
	s64 pos = 78;
	u64 k;

	if (base < 2 || base > 36)
		return -1;
	tmp[79] = 0;
	for (k = 0; k < 64 && val; k++) {
		tmp[pos] = digit_char(val % base);
		val /= base;
		pos--;
	}
	if (v == 0 && base == 16)
		tmp[pos--] = '0';
	if (base == 16)
		tmp[pos--] = 'x';
	if (v == 0 || base == 8 || base == 16)
		tmp[pos--] = '0';
	if (v < 0 && base == 10)
		tmp[pos--] = '-';
	pos = launder((u64 *)tmp, pos + 1);
	if (pos < 0 || pos > 79)
		pos = 79;
	bpf_probe_read_kernel_str(d, n, tmp + pos);
	return 0;
}

static inline int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/*
 * strtoll(s, base) as illumos: leading blanks, a sign, "0x" for base 16, then the digits of
 * the base. tmp: w + 8 bytes, w = n rounded up to 8.
 */
ROUTINE s64 dt_strtoll(const char *s, u64 base, u64 n, char *tmp)
{
	u64 w = (n + 7) & ~7ULL;
	u64 *slot = (u64 *)(tmp + w);
	s64 val = 0;
	s64 pos;
	int neg = 0;
	u64 k;

	copy_str(tmp, s, n);
	for (k = 0; k < n; k++) {
		char c = tmp[k];

		if (c != ' ' && c != '\t')
			break;
	}
	pos = launder(slot, k) & LEN_MASK;
	if (pos + 3 >= (s64)n)
		goto digits;
	if (tmp[pos] == '-' || tmp[pos] == '+') {
		neg = tmp[pos] == '-';
		pos++;
	}
	if (base == 16 && tmp[pos] == '0' && (tmp[pos + 1] == 'x' || tmp[pos + 1] == 'X') &&
	    digit_value(tmp[pos + 2]) < 16)
		pos += 2;
digits:
	pos = launder(slot, pos) & LEN_MASK;
	if (pos >= (s64)n)
		return 0;
	for (k = 0; k < n; k++) {
		s64 p = pos + k;
		int x;

		barrier_var(p);
		if (p >= (s64)n)
			break;
		x = digit_value(tmp[p]);
		if (x >= (int)base)
			break;
		val = val * base + x;
	}
	return neg ? -val : val;
}

/*
 * Text is appended at t[at]; `at` goes through launder() before each store so that the
 * verifier does not follow one state per output length.
 */
#define PUT(c)                                   \
	do {                                     \
		t[launder(slot, at) & 63] = (c); \
		at++;                            \
	} while (0)

static inline u64 put_quad(char *t, u64 *slot, u64 at, const u8 *a)
{
	int i;

	for (i = 0; i < 4; i++) {
		u8 b = a[i];

		if (i)
			PUT('.');
		if (b >= 100)
			PUT('0' + b / 100);
		if (b >= 10)
			PUT('0' + (b / 10) % 10);
		PUT('0' + b % 10);
	}
	return at;
}

/*
 * inet_ntop(af, addr): AF_INET as a dotted quad, AF_INET6 as RFC 1884 text with the longest
 * run of zero groups as "::" and IPv4-mapped and -compatible addresses ending in a dotted quad
 * (only the quad for inet_ntoa6, af | 0x100). The address is read from kernel memory, then from
 * user memory. Returns -1 for another family. d: n bytes, tmp: 88 bytes (16 for the address,
 * 64 for the text, 8 for launder()).
 */
ROUTINE long dt_inet_ntop(char *d, u64 af, const void *addr, u64 n, char *tmp)
{
	u8 *a = (u8 *)tmp;
	char *t = tmp + 16;
	u64 *slot = (u64 *)(tmp + 80);
	u64 size = (af & 0xff) == 2 ? 4 : 16;
	u64 at = 0;
	int i;

	if ((af & 0xff) != 2 && (af & 0xff) != 10)
		return -1;
	if (bpf_probe_read_kernel(a, size, addr) < 0 && bpf_probe_read_user(a, size, addr) < 0) {
		d[0] = 0;
		return 0;
	}
	if (size == 4) {
		at = put_quad(t, slot, at, a);
	} else {
		int first = -1, best = 0, run = 0, start = -1, v4 = 0;
		u32 w0 = *(u32 *)a, w1 = *(u32 *)(a + 4), w2 = *(u32 *)(a + 8), w3 = *(u32 *)(a + 12);

		/* IPv4-compatible (::a.b.c.d, not :: or ::1) or IPv4-mapped (::ffff:a.b.c.d). */
		if (w0 == 0 && w1 == 0) {
			if (w2 == 0 && w3 != 0 && w3 != 0x01000000)
				v4 = 1;
			else if (w2 == 0xffff0000)
				v4 = 1;
		}
		if (v4 && (af & 0x100)) {
			at = put_quad(t, slot, at, a + 12);
			goto out;
		}
		/* Longest run of zero groups (the first of equal ones). */
		for (i = 0; i < 8; i++) {
			if (a[2 * i] == 0 && a[2 * i + 1] == 0) {
				if (start < 0)
					start = i;
				run = i - start + 1;
				if (run > best) {
					best = run;
					first = start;
				}
			} else {
				start = -1;
			}
		}
		int groups = v4 ? 6 : 8;

		if (first >= 0 && first + best > groups)
			best = groups - first;
		for (i = 0; i < groups; i++) {
			u16 g = (a[2 * i] << 8) | a[2 * i + 1];
			int shift, started = 0;

			if (best > 0 && i == first) {
				PUT(':');
				PUT(':');
				i += best - 1;
				continue;
			}
			if (i > 0 && !(best > 0 && i == first + best))
				PUT(':');
			for (shift = 12; shift >= 0; shift -= 4) {
				u16 x = (g >> shift) & 0xf;

				if (x || started || shift == 0) {
					PUT(digit_char(x));
					started = 1;
				}
			}
		}
		if (v4) {
			if (!(best > 0 && first + best == groups))
				PUT(':');
			at = put_quad(t, slot, at, a + 12);
		}
	}
out:
	t[launder(slot, at) & 63] = 0;
	bpf_probe_read_kernel_str(d, n, t);
	return 0;
}

/*
 * progenyof(pid): whether the current task or one of its ancestors (by real_parent) has
 * process ID pid. The offsets of real_parent and tgid in task_struct come from BTF.
 */
ROUTINE long dt_progenyof(s64 pid, u64 parent_off, u64 tgid_off)
{
	u64 task = bpf_get_current_task();
	int k;

	for (k = 0; k < 256 && task; k++) {
		int tgid = 0;
		u64 parent = 0;

		if (bpf_probe_read_kernel(&tgid, sizeof(tgid), (void *)(task + tgid_off)) < 0)
			return 0;
		if (tgid == (int)pid)
			return 1;
		if (bpf_probe_read_kernel(&parent, sizeof(parent), (void *)(task + parent_off)) < 0)
			return 0;
		if (parent == task)
			return 0;
		task = parent;
	}
	return 0;
}

static inline char hexdigit(u8 v)
{
	return v < 10 ? '0' + v : 'a' + v - 10;
}

/*
 * link_ntop(type, addr): a hardware address as colon-separated pairs of lowercase hex digits,
 * "00:1b:21:3a:4f:5e": 6 bytes for ARPHRD_ETHER (1), 20 for ARPHRD_INFINIBAND (32). The
 * address is read from kernel memory, then from user memory. Returns -1 for another type.
 * d: n bytes (the text is cut to n - 1); tmp: 24 bytes.
 */
ROUTINE long dt_link_ntop(char *d, u64 type, const void *addr, u64 n, char *tmp)
{
	u8 *a = (u8 *)tmp;
	u64 len, i, at = 0;

	if (type == 1)
		len = 6;
	else if (type == 32)
		len = 20;
	else
		return -1;
	d[0] = 0;
	if (bpf_probe_read_kernel(a, len, addr) < 0 && bpf_probe_read_user(a, len, addr) < 0)
		return 0;
	for (i = 0; i < 20 && i < len; i++) {
		if (at + 3 >= n)
			break;
		if (i > 0)
			d[at++] = ':';
		d[at++] = hexdigit(a[i] >> 4);
		d[at++] = hexdigit(a[i] & 0xf);
	}
	if (at < n)
		d[at] = 0;
	return 0;
}
