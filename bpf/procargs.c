/* The current process's argument string (execargs, and psinfo_t's pr_psargs). */
#include "runtime.h"

/*
 * The arguments the current process was exec'd with, as ps shows them: the bytes between
 * mm->arg_start and mm->arg_end read from user memory, each NUL but the last turned into a
 * space, at most n - 1 of them. Empty for a task without user memory (a kernel thread) or when
 * the area cannot be read. The offsets of task_struct.mm, mm_struct.arg_start and
 * mm_struct.arg_end come from BTF. d: n bytes.
 */
ROUTINE long dt_execargs(char *d, u64 n, u64 off_mm, u64 off_start, u64 off_end)
{
	u64 task = bpf_get_current_task();
	u64 mm = 0, start = 0, end = 0, len, i;

	d[0] = 0;
	if (task == 0 || bpf_probe_read_kernel(&mm, 8, (void *)(task + off_mm)) || mm == 0)
		return 0;
	if (bpf_probe_read_kernel(&start, 8, (void *)(mm + off_start)) ||
	    bpf_probe_read_kernel(&end, 8, (void *)(mm + off_end)))
		return 0;
	if (end <= start || end - start < 2)
		return 0;
	len = end - start;
	if (len > n - 1)
		len = n - 1;
	len &= LEN_MASK;
	barrier_var(len);
	if (len == 0 || len > n - 1)
		return 0;
	if (bpf_probe_read_user(d, len, (void *)start)) {
		d[0] = 0;
		return 0;
	}
	d[len] = 0;
	for (i = 0; i + 1 < n; i++) {
		if (i + 1 >= len)
			break;
		if (d[i] == 0)
			d[i] = ' ';
	}
	return len;
}
