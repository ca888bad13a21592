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

/* Whether words a[0..words) and b[0..words) differ (0 when equal). */
ROUTINE u64 dt_words_differ(const u64 *a, const u64 *b, u64 words)
{
	u64 x = 0;
	u64 i;

	for (i = 0; i < words; i++)
		x |= a[i] ^ b[i];
	return x;
}

#define FIND_REVERSE (1ULL << 32)
#define FIND_HAS_POS (1ULL << 33)

/*
 * Position of t in s as D's index() (or rindex() with FIND_REVERSE), starting at pos when
 * FIND_HAS_POS is set; -1 when absent. mode_n holds the flags and n (low 32 bits).
 * buf: 4 * w bytes, w = n rounded up to 8: t, the window compared with t, and a copy of s
 * followed by zeros (a window may run past the end of s).
 */
ROUTINE s64 dt_strfind(const char *s, const char *t, s64 pos, u64 mode_n, char *buf)
{
	u64 n = mode_n & 0xffffffff;
	u64 w = (n + 7) & ~7ULL;
	u64 *tt = (u64 *)buf;
	u64 *win = (u64 *)(buf + w);
	u64 *sc = (u64 *)(buf + 2 * w);
	s64 len, sublen, start, k, p;
	u64 i, ulen, usub;

	for (i = 0; i < w / 8; i++) {
		tt[i] = 0;
		win[i] = 0;
		sc[i] = 0;
		sc[w / 8 + i] = 0;
	}
	ulen = launder(&win[0], copy_str((char *)sc, s, n)) & LEN_MASK;
	usub = launder(&win[0], copy_str((char *)tt, t, n)) & LEN_MASK;
	win[0] = 0;
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

	for (k = 0; k < (s64)n; k++) {
		if (mode_n & FIND_REVERSE) {
			p = start - k;
			if (p < 0)
				break;
		} else {
			p = start + k;
			if (p >= len)
				break;
		}
		if (p < 0 || p > (s64)n)
			break;
		bpf_probe_read_kernel(win, sublen, (char *)sc + p);
		if (dt_words_differ(tt, win, w / 8) == 0)
			return p;
	}
	return -1;
}

/* strstr(s, t): the rest of s from the first t; -1 (D's NULL) when absent. d: n bytes. */
ROUTINE long dt_strstr(char *d, const char *s, const char *t, u64 n, char *buf)
{
	s64 p = dt_strfind(s, t, 0, n, buf);

	d[0] = 0;
	if (p >= 0 && p < (s64)n) {
		bpf_probe_read_kernel_str(d, n, s + p);
		return 0;
	}
	return -1;
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
