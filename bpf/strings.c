/*
 * String subroutines of D: strlen, strjoin, substr, index, rindex, strstr, strchr, strrchr,
 * toupper, tolower. Each writes its result into a fresh slot `d` and returns 0, or returns a
 * number; the code generator documents the size of every scratch buffer it passes.
 */
#include "runtime.h"

/* strlen(s); tmp: n bytes. */
ROUTINE u64 dt_strlen(const char *s, char *tmp, u64 n)
{
	return copy_str(tmp, s, n);
}

/* strjoin(a, b); d: 2 * n bytes, truncated to n - 1 characters. */
ROUTINE long dt_strjoin(char *d, const char *a, const char *b, u64 n)
{
	u64 la = copy_str(d, a, n);

	bpf_probe_read_kernel_str(d + la, n, b);
	d[n - 1] = 0;
	return 0;
}

/*
 * substr(s, index, rem) as DTrace: a negative index counts from the end, a negative length
 * leaves that many characters off the end; without a length the code generator passes
 * strsize (n - 1). d: n bytes.
 */
ROUTINE long dt_substr(char *d, const char *s, s64 index, s64 rem, u64 n)
{
	s64 size = n - 1;
	s64 len = copy_str(d, s, n);

	if (index < 0) {
		index += len;
		if (index < 0 && index + rem > 0) {
			rem += index;
			index = 0;
		}
	}
	if (index >= len || index < 0)
		rem = 0;
	else if (rem < 0)
		rem += len - index;
	else if (index + rem > size)
		rem = size - index;
	if (rem <= 0 || index < 0 || index >= size) {
		d[0] = 0;
		return 0;
	}
	if (rem > size)
		rem = size;
	bpf_probe_read_kernel_str(d, rem + 1, s + index);
	return 0;
}

#define FIND_REVERSE (1ULL << 32)
#define FIND_HAS_POS (1ULL << 33)

/*
 * The state of a Knuth-Morris-Pratt search, on dt_strfind's stack for the bpf_loop()
 * callbacks: tt (m bytes of t), sc (len bytes of s), fail (a u32 per byte of t).
 */
struct kmp {
	char *tt;
	char *sc;
	u32 *fail;
	u64 n;
	u64 m;
	u64 len;
	s64 start;
	u64 reverse;
	/* fail table: q and k; scan: i (in s) and j (matched length of t). */
	u64 a;
	u64 b;
	s64 found;
};

/*
 * One step of the failure table: fail[q] is the length of the longest proper prefix of
 * t[0..q] that is also its suffix. Each step advances q or falls back along k, so 2 * m steps
 * finish it. Returns 1 to stop bpf_loop().
 */
ROUTINE long dt_kmp_fail_step(u64 idx, struct kmp *c)
{
	u64 q = c->a;
	u64 k = c->b;

	if (q >= c->m || q >= c->n || k >= c->n)
		return 1;
	if (c->tt[q] == c->tt[k]) {
		c->fail[q] = k + 1;
		c->a = q + 1;
		c->b = k + 1;
	} else if (k > 0) {
		c->b = c->fail[k - 1];
	} else {
		c->fail[q] = 0;
		c->a = q + 1;
	}
	return 0;
}

/*
 * One step of the scan of s: each step advances in s or falls back in t, so 2 * len steps
 * finish it. index() stops at the first match at or after start; rindex() scans all of s and
 * keeps the last match at or before start.
 */
ROUTINE long dt_kmp_scan_step(u64 idx, struct kmp *c)
{
	u64 i = c->a;
	u64 j = c->b;
	u64 m = c->m;

	if (i >= c->len || i >= c->n || j >= m || j >= c->n || m == 0 || m > c->n)
		return 1;
	if (c->sc[i] != c->tt[j]) {
		if (j > 0)
			c->b = c->fail[j - 1];
		else
			c->a = i + 1;
		return 0;
	}
	c->a = i + 1;
	if (j + 1 < m) {
		c->b = j + 1;
		return 0;
	}
	if (!c->reverse) {
		c->found = i + 1 - m;
		return 1;
	}
	if ((s64)(i + 1 - m) <= c->start)
		c->found = i + 1 - m;
	c->b = c->fail[m - 1];
	return 0;
}

/*
 * Position of t in s as D's index() (or rindex() with FIND_REVERSE), starting at pos when
 * FIND_HAS_POS is set; -1 when absent. mode_n holds the flags and n (low 32 bits).
 *
 * Knuth-Morris-Pratt, its steps run by bpf_loop(): the verifier checks each step once, so a
 * search costs it the same whatever strsize is, and a clause can make many searches.
 *
 * buf: 6 * w + 8 bytes, w = n rounded up to 8: a copy of t, a copy of s, the failure table,
 * a word for launder().
 */
ROUTINE s64 dt_strfind(const char *s, const char *t, s64 pos, u64 mode_n, char *buf)
{
	u64 n = mode_n & 0xffffffff;
	u64 w = (n + 7) & ~7ULL;
	u64 *slot = (u64 *)(buf + 6 * w);
	struct kmp c;
	s64 len, sublen, start;
	u64 ulen, usub;

	c.tt = buf;
	c.sc = buf + w;
	c.fail = (u32 *)(buf + 2 * w);
	c.n = n;
	ulen = launder(slot, copy_str(c.sc, s, n)) & LEN_MASK;
	usub = launder(slot, copy_str(c.tt, t, n)) & LEN_MASK;
	/* Unsigned bounds, which the verifier turns into both signed bounds. */
	if (ulen >= n || usub >= n)
		return -1;
	len = ulen;
	sublen = usub;
	if (sublen == 0 && len == 0)
		return 0;

	if (mode_n & FIND_REVERSE) {
		start = len;
		if (mode_n & FIND_HAS_POS) {
			if (pos < 0)
				return sublen == 0 ? 0 : -1;
			if (pos < len)
				start = pos;
		}
	} else {
		start = 0;
		if (mode_n & FIND_HAS_POS) {
			if (pos < 0)
				pos = 0;
			if (pos >= len)
				return sublen == 0 ? len : -1;
			start = pos;
		}
	}
	if (start < 0 || start > len)
		return -1;
	if (sublen == 0)
		return start;

	c.m = usub;
	c.len = ulen;
	c.start = start;
	c.reverse = (mode_n & FIND_REVERSE) != 0;
	c.found = -1;
	/*
	 * The indices start as values the verifier knows only by their bounds: it then checks a
	 * step once for all the values a step can see, instead of once per value.
	 */
	c.a = launder(slot, 1) & LEN_MASK;
	c.b = launder(slot, 0) & LEN_MASK;
	c.fail[0] = 0;
	bpf_loop(2 * n, dt_kmp_fail_step, &c, 0);
	c.a = launder(slot, c.reverse ? 0 : start) & LEN_MASK;
	c.b = launder(slot, 0) & LEN_MASK;
	bpf_loop(2 * n, dt_kmp_scan_step, &c, 0);
	return c.found;
}

/*
 * strchr(s, c), or strrchr(s, c) when bit 32 of rev_n is set: the rest of s from c; -1 (D's
 * NULL) when c is absent. d: n bytes; tmp: n bytes.
 */
ROUTINE long dt_strchr(char *d, const char *s, u64 c, u64 rev_n, char *tmp)
{
	u64 n = rev_n & 0xffffffff;
	s64 pos = -1;
	u64 k;

	copy_str(tmp, s, n);
	for (k = 0; k < n; k++) {
		char ch = tmp[k];

		if (ch == (char)c) {
			pos = k;
			if (!(rev_n & FIND_REVERSE))
				break;
		}
		if (ch == 0)
			break;
	}
	pos = launder((u64 *)tmp, pos);
	d[0] = 0;
	if (pos >= 0 && pos < (s64)n) {
		/* Keep clang from passing rev_n, flags included, as the u32 size. */
		barrier_var(n);
		bpf_probe_read_kernel_str(d, n, s + pos);
		return 0;
	}
	return -1;
}

/* toupper(s) when upper, else tolower(s). d: n bytes. */
ROUTINE long dt_case(char *d, const char *s, u64 n, u64 upper)
{
	u64 k;

	copy_str(d, s, n);
	for (k = 0; k < n; k++) {
		char c = d[k];

		if (c == 0)
			break;
		if (upper && c >= 'a' && c <= 'z')
			d[k] = c - 'a' + 'A';
		else if (!upper && c >= 'A' && c <= 'Z')
			d[k] = c - 'A' + 'a';
	}
	return 0;
}
