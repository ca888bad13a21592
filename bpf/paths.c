/* Path and token subroutines: basename, dirname, cleanpath, strtok. */
#include "runtime.h"

/*
 * basename(s), or dirname(s) when dir is set, as DTrace: trailing slashes ignored, "." for an
 * empty string or (dirname) a name without a slash, "/" for a string of slashes.
 * d: n bytes; tmp: w + 8 bytes, w = n rounded up to 8. The index tests are one unsigned
 * compare: as `i < 0 || i >= n`, clang moves `i < 0` to the loop's latch, after `i - 1`,
 * and verifiers before 6.13 lose the bound between the two and reject tmp[i].
 */
ROUTINE long dt_pathpart(char *d, const char *s, u64 n, u64 dir, char *tmp)
{
	u64 w = (n + 7) & ~7ULL;
	u64 *slot = (u64 *)(tmp + w);
	s64 len = copy_str(tmp, s, n);
	s64 lastbase = -1, firstbase = -1, lastdir = -1, start, end, cnt, i;
	u64 k;

	d[0] = 0;
	if (len == 0) {
		tmp[0] = '.';
		tmp[1] = 0;
		len = 1;
	}
	/* Back over trailing slashes to the basename's last character. */
	i = launder(slot, len - 1);
	for (k = 0; k < n; k++, i--) {
		if ((u64)i >= n || tmp[i] != '/')
			break;
	}
	i = launder(slot, i);
	if (i >= 0)
		lastbase = i;
	/* Back to the slash before the basename. */
	for (k = 0; k < n; k++, i--) {
		if ((u64)i >= n || tmp[i] == '/')
			break;
	}
	i = launder(slot, i);
	if (i >= 0)
		firstbase = i + 1;
	/* Back over the slashes before it to the dirname's last character. */
	for (k = 0; k < n; k++, i--) {
		if ((u64)i >= n || tmp[i] != '/')
			break;
	}
	i = launder(slot, i);
	if (i >= 0)
		lastdir = i;

	if (lastbase == -1)
		firstbase = lastbase = lastdir = 0;
	if (firstbase == -1) {
		if (dir) {
			tmp[0] = '.';
			lastdir = 0;
		} else {
			firstbase = 0;
		}
	}
	if (dir) {
		if (lastdir == -1)
			lastdir = 0;
		start = 0;
		end = lastdir;
	} else {
		start = firstbase;
		end = lastbase;
	}
	cnt = end - start + 1;
	if (cnt > (s64)n - 1)
		cnt = n - 1;
	start = launder(slot, start);
	if (start < 0 || start >= (s64)n || cnt <= 0 || cnt >= (s64)n)
		return 0;
	bpf_probe_read_kernel(d, cnt, tmp + start);
	d[cnt] = 0;
	return 0;
}

/*
 * cleanpath(s) as DTrace: "//" becomes "/", "/./" is dropped, "/../" removes the previous
 * component; the text stops 5 characters short of n. The positions of the slashes written
 * are kept on a stack so that "/.." backs up in one step. d: n bytes; tmp: w + 8 + 8 * n bytes
 * (a copy of s, a launder() slot, the stack).
 */
ROUTINE long dt_cleanpath(char *d, const char *s, u64 n, char *tmp)
{
	u64 w = (n + 7) & ~7ULL;
	u64 *slot = (u64 *)(tmp + w);
	u64 *stack = (u64 *)(tmp + w + 8);
	u64 i = 0, j = 0, sp = 0, step, x;
	int have = 0;
	char c = 0;

#define RD()                                     \
	do {                                     \
		x = launder(slot, i);            \
		c = x < n ? tmp[x] : 0;          \
		i = x + 1;                       \
	} while (0)
#define WR(ch)                                   \
	do {                                     \
		x = launder(slot, j);            \
		if (x < n)                       \
			d[x] = (ch);             \
		j = x + 1;                       \
	} while (0)
#define SLASH()                                  \
	do {                                     \
		x = launder(slot, sp);           \
		if (x < n)                       \
			stack[x] = j;            \
		sp = x + 1;                      \
		WR('/');                         \
	} while (0)

	copy_str(tmp, s, n);
	d[0] = 0;
	for (step = 0; step < 2 * n; step++) {
		j = launder(slot, j);
		if (!have)
			RD();
		have = 0;
		if (j + 5 >= n)
			break;
		if (c != '/') {
			WR(c);
			if (c == 0)
				break;
			continue;
		}
		RD();
		if (c == '/') {
			have = 1;
			continue;
		}
		if (c != '.') {
			SLASH();
			WR(c);
			if (c == 0)
				break;
			continue;
		}
		RD();
		if (c == '/') {
			have = 1;
			continue;
		}
		if (c != '.') {
			SLASH();
			WR('.');
			WR(c);
			if (c == 0)
				break;
			continue;
		}
		RD();
		if (c != '/' && c != 0) {
			SLASH();
			WR('.');
			WR('.');
			WR(c);
			continue;
		}
		/* "/../" or "/.." at the end: back up to the last slash written. */
		i = launder(slot, i) - 1;
		x = launder(slot, sp);
		if (x > 0 && x <= n) {
			sp = x - 1;
			j = stack[sp];
		} else {
			sp = 0;
			j = 0;
		}
		if (c == 0) {
			j++;
			break;
		}
	}
	x = launder(slot, j);
	if (x >= n)
		x = n - 1;
	d[x] = 0;
	return 0;
#undef RD
#undef WR
#undef SLASH
}

/*
 * strtok(s, delims) as DTrace; s == NULL continues the string of the previous call on this
 * CPU. The result is "" where DTrace returns NULL. st: the per-CPU state, 48 + 2 * n bytes:
 * the offset of the rest (n when none), a launder() slot, the delimiter bitmap, the saved
 * string and the delimiters. d: n bytes.
 */
ROUTINE long dt_strtok(char *d, const char *s, const char *delims, char *st, u64 n)
{
	u64 *offp = (u64 *)st;
	u64 *slot = (u64 *)(st + 8);
	u64 *bits = (u64 *)(st + 16);
	u8 *map = (u8 *)(st + 16);
	char *saved = st + 48;
	char *dl = st + 48 + n;
	u64 off, p = 0, k;
	u8 c = 0;

	d[0] = 0;
	if (s) {
		copy_str(saved, s, n);
		*offp = 0;
	}
	off = *(volatile u64 *)offp;
	if (off >= n)
		return -1;
	for (k = 0; k < 4; k++)
		bits[k] = 0;
	copy_str(dl, delims, n);
	for (k = 0; k < n; k++) {
		u8 t = dl[k];

		if (t == 0)
			break;
		map[t >> 3] |= 1 << (t & 7);
	}
	/* Skip leading delimiters. */
	for (k = 0; k < n; k++) {
		p = off + k;
		if (p >= n)
			break;
		c = saved[p];
		if (c == 0 || !(map[c >> 3] & (1 << (c & 7))))
			break;
	}
	p = launder(slot, p);
	if (p >= n || saved[p] == 0) {
		*offp = n;
		return -1;
	}
	for (k = 0; k < n - 1; k++) {
		u64 q = p + k;

		if (q >= n)
			break;
		c = saved[q];
		if (c == 0 || (map[c >> 3] & (1 << (c & 7))))
			break;
		d[k] = c;
	}
	d[k] = 0;
	*offp = p + k;
	return 0;
}

/* How many directories d_path() climbs: deeper paths come out with their top cut off. */
#define DPATH_DEPTH 64

/*
 * d_path(path): the absolute pathname of a struct path, as the kernel's d_path() builds it:
 * from the dentry up to the root of its mount, then across to the mountpoint in the parent
 * mount, to the root of the mount tree. The struct offsets come packed four 16-bit values to
 * a word (btf_offsets.rs): oa = path.mnt, path.dentry, dentry.d_parent, dentry.d_name.name;
 * ob = vfsmount.mnt_root, mount.mnt, mount.mnt_parent, mount.mnt_mountpoint.
 * d: w bytes of result, then w bytes where the path is built right to left, w bytes for one
 * name and an 8-byte slot (w = n rounded up to 8). A path longer than n - 1 bytes keeps its
 * last components.
 */
ROUTINE long dt_d_path(char *d, const char *path, u64 oa, u64 ob, u64 n)
{
	u64 w = (n + 7) & ~7ULL;
	char *tmp = d + w;
	char *name = d + 2 * w;
	u64 *slot = (u64 *)(d + 3 * w);
	const char *dentry = 0, *vfsmnt = 0, *mnt, *parent, *root, *np;
	s64 pos, len, start;
	u64 k;

	d[0] = 0;
	bpf_probe_read_kernel(&vfsmnt, 8, path + (oa & 0xffff));
	bpf_probe_read_kernel(&dentry, 8, path + (oa >> 16 & 0xffff));
	mnt = vfsmnt - (ob >> 16 & 0xffff);
	pos = launder(slot, n - 1);
	for (k = 0; k < DPATH_DEPTH; k++) {
		root = 0;
		parent = 0;
		bpf_probe_read_kernel(&root, 8, vfsmnt + (ob & 0xffff));
		if (dentry == root || !dentry) {
			/* The root of this mount: continue at its mountpoint in the parent mount. */
			bpf_probe_read_kernel(&parent, 8, mnt + (ob >> 32 & 0xffff));
			if (!parent || parent == mnt)
				break;
			bpf_probe_read_kernel(&dentry, 8, mnt + (ob >> 48));
			mnt = parent;
			vfsmnt = mnt + (ob >> 16 & 0xffff);
			continue;
		}
		bpf_probe_read_kernel(&parent, 8, dentry + (oa >> 32 & 0xffff));
		if (!parent || parent == dentry)
			break;
		np = 0;
		bpf_probe_read_kernel(&np, 8, dentry + (oa >> 48));
		len = copy_str(name, np, n);
		start = pos - len - 1;
		start = launder(slot, start);
		len = launder(slot + 0, len) & LEN_MASK;
		/* Room for "/" and the name before what is built already. */
		if (start < 0 || start >= (s64)n || len >= (s64)n)
			break;
		barrier_var(start);
		tmp[start] = '/';
		if (len > 0)
			bpf_probe_read_kernel(tmp + start + 1, len, name);
		pos = launder(slot, start);
		dentry = parent;
	}
	pos = launder(slot, pos);
	if (pos < 0 || pos >= (s64)n)
		return 0;
	if (pos == (s64)n - 1) {
		d[0] = '/';
		d[1] = 0;
		return 0;
	}
	len = launder(slot, (s64)n - 1 - pos) & LEN_MASK;
	if (len <= 0 || len >= (s64)n)
		return 0;
	barrier_var(pos);
	bpf_probe_read_kernel(d, len, tmp + pos);
	d[len] = 0;
	return 0;
}
