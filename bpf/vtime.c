/*
 * vtimestamp: the nanoseconds the current thread has spent on a CPU (codegen/vtime.rs).
 *
 * The kernel's own count, task->se.sum_exec_runtime, is brought up to date only at ticks,
 * context switches and a few scheduler events, so two reads within a time slice often
 * return the same value. A hidden program on sched:sched_switch (dt_vtime_switch) remembers,
 * per thread, when it was switched in and how long it had run then; a thread's virtual time
 * is that plus the time since it was switched in (dt_vtime).
 *
 * The map (an LRU hash by thread ID) and the offsets of task_struct's pid and
 * se.sum_exec_runtime come in as arguments. An entry names its task_struct so that a thread
 * ID used again by a new thread is not mistaken for the old one.
 */
#include "runtime.h"

static void *(*const bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*const bpf_map_update_elem)(void *map, const void *key, const void *value,
					 u64 flags) = (void *)2;
static long (*const bpf_map_delete_elem)(void *map, const void *key) = (void *)3;
static u64 (*const bpf_ktime_get_ns)(void) = (void *)5;
static u64 (*const bpf_get_current_pid_tgid)(void) = (void *)14;

/* Must match codegen/vtime.rs (VALUE_SIZE). */
struct dt_vtime {
	/* The task_struct this entry is for. */
	u64 task;
	/* The thread's run time (ns) when it was last switched in or out. */
	u64 base;
	/* bpf_ktime_get_ns() when it was switched in; 0 while it is switched out. */
	u64 since;
};

INLINE u64 max64(u64 a, u64 b)
{
	return a > b ? a : b;
}

/*
 * sched_switch(preempt, prev, next, ...): prev and next are the task_structs switched out and
 * in; offs packs the offsets of task_struct's pid (low 32 bits) and se.sum_exec_runtime (high
 * 32 bits).
 *
 * The thread switched out keeps the larger of the kernel's count (just brought up to date)
 * and ours (which also counts interrupts the kernel may leave out), so that its vtimestamp
 * never goes back; the thread switched in starts a new slice. A thread's last switch-out
 * (it exits) keeps its entry too: probes on sched_switch after this one still read it.
 */
ROUTINE u64 dt_vtime_switch(void *map, u64 prev, u64 next, u64 offs)
{
	u64 now = bpf_ktime_get_ns();
	u64 pid_off = offs & 0xffffffff, runtime_off = offs >> 32;
	struct dt_vtime *v;
	u32 tid;

	tid = rd32(prev + pid_off);
	/* The idle threads are all thread 0: they are not tracked. */
	if (tid != 0) {
		v = bpf_map_lookup_elem(map, &tid);
		if (v && v->task == prev) {
			u64 base = v->base;
			u64 since = v->since;

			if (since != 0 && now > since)
				base += now - since;
			v->base = max64(base, rd64(prev + runtime_off));
			v->since = 0;
		}
	}
	tid = rd32(next + pid_off);
	if (tid == 0)
		return 0;
	v = bpf_map_lookup_elem(map, &tid);
	if (v && v->task == next) {
		/*
		 * A switch-out this program missed (it does not run where it would recurse):
		 * the kernel's count, up to date now.
		 */
		if (v->since != 0)
			v->base = rd64(next + runtime_off);
		else
			v->base = max64(v->base, rd64(next + runtime_off));
		v->since = now;
		return 0;
	}
	struct dt_vtime n = { next, rd64(next + runtime_off), now };

	bpf_map_update_elem(map, &tid, &n, 0);
	return 0;
}

/*
 * sched_process_free(task): a task that exited is freed (an RCU grace period after its last
 * switch-out). Its entry goes, so that the map holds the threads that live.
 */
ROUTINE u64 dt_vtime_free(void *map, u64 task, u64 pid_off)
{
	u32 tid = rd32(task + pid_off);
	struct dt_vtime *v;

	if (tid == 0)
		return 0;
	v = bpf_map_lookup_elem(map, &tid);
	if (v && v->task == task)
		bpf_map_delete_elem(map, &tid);
	return 0;
}

/*
 * The current thread's vtimestamp. A thread not seen switched in since tracing began (or
 * whose entry made room for others) gets the kernel's count, current as of the last tick.
 */
ROUTINE u64 dt_vtime(void *map, u64 runtime_off)
{
	u64 task = bpf_get_current_task();
	u32 tid = (u32)bpf_get_current_pid_tgid();
	u64 now = bpf_ktime_get_ns();
	struct dt_vtime *v;

	if (tid != 0) {
		v = bpf_map_lookup_elem(map, &tid);
		if (v && v->task == task) {
			u64 base = v->base;
			u64 since = v->since;

			/*
			 * since is 0 in a probe on sched_switch after dt_vtime_switch has switched
			 * the thread out: base is its run time then.
			 */
			if (since == 0)
				return base;
			if (now >= since)
				return base + (now - since);
			return base;
		}
	}
	return rd64(task + runtime_off);
}
