/*
 * procfs.d: the process model of DTrace (psinfo_t, lwpsinfo_t, cpuinfo_t and curpsinfo,
 * curlwpsinfo, curcpu), translated from the Linux task_struct read through BTF.
 *
 * The types are Oracle Linux DTrace's (procfs.d). Every member is translated; where Linux
 * has no counterpart the value is the one Solaris gives in that case (pr_wchan, pr_stype,
 * pr_oldpri, pr_taskid, pr_projid, pr_poolid, pr_zoneid, pr_contract: 0; pr_bindpro,
 * pr_bindpset: -1, unbound). Times are timestruc_t: pr_start is wall-clock time, pr_time and
 * pr_ctime CPU time. Members computed from user memory (pr_psargs, pr_argc, pr_argv,
 * pr_envp) are only known for the process the probe fired in, and are empty or 0 for others.
 *
 * Read by the compiler the first time a program names one of these.
 */

typedef id_t psetid_t;
typedef id_t dprojid_t;
typedef id_t poolid_t;

typedef struct timestruc {
	time_t	tv_sec;
	long	tv_nsec;
} timestruc_t;

typedef struct lwpsinfo {
	int	pr_flag;		/* lwp flags */
	int	pr_lwpid;		/* lwp id */
	uintptr_t pr_addr;		/* internal address of lwp */
	uintptr_t pr_wchan;		/* wait addr for sleeping lwp */
	char	pr_stype;		/* sync event type */
	char	pr_state;		/* numeric lwp state */
	char	pr_sname;		/* printable char for pr_state */
	char	pr_nice;		/* nice for cpu usage */
	short	pr_syscall;		/* syscall number */
	char	pr_oldpri;		/* priority */
	char	pr_cpu;			/* CPU usage */
	int	pr_pri;			/* priority */
	ushort_t pr_pctcpu;		/* % of recent cpu time */
	ushort_t pr_pad;
	timestruc_t pr_start;		/* lwp start time */
	timestruc_t pr_time;		/* usr+sys cpu time */
	char	pr_clname[8];		/* scheduling class name */
	char	pr_name[16];		/* name */
	processorid_t pr_onpro;		/* processor last ran on */
	processorid_t pr_bindpro;	/* processor bound to */
	psetid_t pr_bindpset;		/* processor set */
	int	pr_lgrp;		/* lwp home lgroup */
	int	pr_filler[4];
} lwpsinfo_t;

typedef struct psinfo {
	int	pr_flag;		/* process flags */
	int	pr_nlwp;		/* number of active lwps */
	pid_t	pr_pid;			/* unique process id */
	pid_t	pr_ppid;		/* process id of parent */
	pid_t	pr_pgid;		/* pid of process group leader */
	pid_t	pr_sid;			/* session id */
	uid_t	pr_uid;			/* real user id */
	uid_t	pr_euid;		/* effective user id */
	uid_t	pr_gid;			/* real group id */
	uid_t	pr_egid;		/* effective group id */
	uintptr_t pr_addr;		/* address of process */
	size_t	pr_size;		/* size of process image (in KB) */
	size_t	pr_rssize;		/* resident set size (in KB) */
	size_t	pr_pad1;
	struct tty_struct *pr_ttydev;	/* controlling tty (or -1) */
	ushort_t pr_pctcpu;		/* % of recent cpu time used */
	ushort_t pr_pctmem;		/* % of recent memory used */
	timestruc_t pr_start;		/* process start time */
	timestruc_t pr_time;		/* usr+sys cpu time for process */
	timestruc_t pr_ctime;		/* usr+sys cpu time for children */
	char	pr_fname[16];		/* name of exec'd file */
	char	pr_psargs[80];		/* initial chars of arg list */
	int	pr_wstat;		/* if zombie, wait() status */
	int	pr_argc;		/* initial argument count */
	uintptr_t pr_argv;		/* address of initial arg vector */
	uintptr_t pr_envp;		/* address of initial env vector */
	char	pr_dmodel;		/* data model */
	char	pr_pad2[3];
	taskid_t pr_taskid;		/* task id */
	dprojid_t pr_projid;		/* project id */
	int	pr_nzomb;		/* number of zombie lwps */
	poolid_t pr_poolid;		/* pool id */
	zoneid_t pr_zoneid;		/* zone id */
	id_t	pr_contract;		/* process contract */
	int	pr_filler[1];
	lwpsinfo_t pr_lwp;		/* the representative lwp: the thread translated */
} psinfo_t;

typedef struct cpuinfo {
	processorid_t cpu_id;
	psetid_t cpu_pset;
	int	cpu_chip;
	int	cpu_lgrp;
} cpuinfo_t;

inline char PR_MODEL_ILP32 = 1;
inline char PR_MODEL_LP64 = 2;

inline int PIDTYPE_PID = 0;
inline int PIDTYPE_TGID = 1;
inline int PIDTYPE_PGID = 2;
inline int PIDTYPE_SID = 3;

inline int PR_STOPPED = 0x00000001;
inline int PR_ISTOP = 0x00000002;
inline int PR_DSTOP = 0x00000004;
inline int PR_IDLE = 0x10000000;

inline char SSLEEP = 1;
inline char SRUN = 2;
inline char SZOMB = 3;
inline char SSTOP = 4;
inline char SIDL = 5;
inline char SONPROC = 6;
inline char SWAIT = 7;

inline int CLD_EXITED = 1;
inline int CLD_KILLED = 2;
inline int CLD_DUMPED = 3;
inline int CLD_TRAPPED = 4;
inline int CLD_STOPPED = 5;
inline int CLD_CONTINUED = 6;

/*
 * Linux's task states (include/linux/sched.h): TASK_INTERRUPTIBLE 0x1,
 * TASK_UNINTERRUPTIBLE 0x2, __TASK_STOPPED 0x4, __TASK_TRACED 0x8, EXIT_DEAD 0x10,
 * EXIT_ZOMBIE 0x20, TASK_DEAD 0x80, TASK_WAKEKILL 0x100, TASK_WAKING 0x200; exit states are
 * in exit_state. Scheduling policies: SCHED_NORMAL 0, SCHED_FIFO 1, SCHED_RR 2,
 * SCHED_BATCH 3, SCHED_IDLE 5, SCHED_DEADLINE 6. Memory counters: MM_FILEPAGES 0,
 * MM_ANONPAGES 1, MM_SHMEMPAGES 3; pages are 4 KB. Times are nanoseconds; start_time is
 * on the clock of timestamp, so walltimestamp - timestamp turns it into wall-clock time.
 * pr_pctcpu and pr_pctmem are binary fractions, 0x8000 being 100%; pr_pctmem is the resident
 * set against the RAM the kernel manages (__dt_totalram_pages, read by the consumer with
 * sysinfo(2) since BPF cannot read the kernel's _totalram_pages). pr_rssize is the kernel's
 * get_mm_rss(): the central part of each RSS counter, a negative one counting 0, which is
 * what /proc/PID/stat and ps(1) report (/proc/PID/status adds the per-CPU parts, at most a
 * few dozen pages per CPU).
 * pr_syscall is the system call the thread is in: orig_ax of the user registers at the top
 * of its kernel stack (THREAD_SIZE 16 KB on x86_64 without KASAN), which the entry code sets
 * to -1 for an interrupt or exception; 0 for a kernel thread or a thread not in a system
 * call, as illumos' t_sysnum.
 */
inline int __dt_thread_size = 16384;

/* One RSS counter of an mm as the kernel's get_mm_counter() reads it (never negative). */
inline long __dt_rss[struct mm_struct *mm, int i] =
    mm->rss_stat[i].count > 0 ? mm->rss_stat[i].count : 0;
inline long __dt_rss_pages[struct mm_struct *mm] =
    __dt_rss[mm, 0] + __dt_rss[mm, 1] + __dt_rss[mm, 3];
inline int __dt_pf_kthread = 0x00200000;
translator psinfo_t < struct task_struct *T > {
	pr_flag = (T->__state & 0x4) ? PR_STOPPED : 0;
	pr_nlwp = T->signal->nr_threads;
	pr_pid = T->tgid;
	pr_ppid = T->real_parent->tgid;
	pr_pgid = T->signal->pids[PIDTYPE_PGID]->numbers[0].nr;
	pr_sid = T->signal->pids[PIDTYPE_SID]->numbers[0].nr;
	pr_uid = T->cred->uid.val;
	pr_euid = T->cred->euid.val;
	pr_gid = T->cred->gid.val;
	pr_egid = T->cred->egid.val;
	pr_addr = (uintptr_t)T;
	pr_size = T->mm ? T->mm->total_vm * 4 : 0;
	pr_rssize = T->mm ? __dt_rss_pages[T->mm] * 4 : 0;
	pr_pad1 = 0;
	pr_ttydev = T->signal->tty ? T->signal->tty : (struct tty_struct *)-1;
	pr_pctcpu = timestamp > T->group_leader->start_time ?
	    (((T->signal->utime + T->signal->stime + T->utime + T->stime) << 15) /
	    (timestamp - T->group_leader->start_time) > 0x8000 ? 0x8000 :
	    ((T->signal->utime + T->signal->stime + T->utime + T->stime) << 15) /
	    (timestamp - T->group_leader->start_time)) : 0;
	pr_pctmem = T->mm && __dt_totalram_pages ?
	    (__dt_rss_pages[T->mm] *
	    0x8000 / __dt_totalram_pages > 0x8000 ? 0x8000 :
	    __dt_rss_pages[T->mm] *
	    0x8000 / __dt_totalram_pages) : 0;
	pr_start.tv_sec = (walltimestamp - timestamp + T->group_leader->start_time) / 1000000000;
	pr_start.tv_nsec = (walltimestamp - timestamp + T->group_leader->start_time) % 1000000000;
	pr_time.tv_sec = (T->signal->utime + T->signal->stime + T->utime + T->stime) / 1000000000;
	pr_time.tv_nsec = (T->signal->utime + T->signal->stime + T->utime + T->stime) % 1000000000;
	pr_ctime.tv_sec = (T->signal->cutime + T->signal->cstime) / 1000000000;
	pr_ctime.tv_nsec = (T->signal->cutime + T->signal->cstime) % 1000000000;
	pr_fname = T->comm;
	pr_psargs = T->mm != 0 && T->mm == curthread->mm ? substr(execargs, 0, 79) : "";
	pr_wstat = T->exit_code;
	pr_argc = T->mm != 0 && T->mm == curthread->mm ?
	    *(long *)copyin(T->mm->start_stack, 8) : 0;
	pr_argv = T->mm != 0 && T->mm == curthread->mm ? T->mm->start_stack + 8 : 0;
	pr_envp = T->mm != 0 && T->mm == curthread->mm ?
	    T->mm->start_stack + 8 * (*(long *)copyin(T->mm->start_stack, 8) + 2) : 0;
	pr_dmodel = PR_MODEL_LP64;
	pr_taskid = 0;
	pr_projid = 0;
	pr_nzomb = 0;
	pr_poolid = 0;
	pr_zoneid = 0;
	pr_contract = 0;
	pr_lwp.pr_flag = (T->__state & 0x4) ? PR_STOPPED : 0;
	pr_lwp.pr_lwpid = T->pid;
	pr_lwp.pr_addr = (uintptr_t)T;
	pr_lwp.pr_wchan = 0;
	pr_lwp.pr_stype = 0;
	pr_lwp.pr_state = (T->exit_state & 0x30) ? SZOMB :
	    (T->__state & 0x3) ? SSLEEP : (T->__state & 0xc) ? SSTOP :
	    (T->__state & 0x80) ? SZOMB : (T->__state & 0x300) ? SWAIT : SRUN;
	pr_lwp.pr_sname = (T->exit_state & 0x30) ? 'Z' :
	    (T->__state & 0x3) ? 'S' : (T->__state & 0xc) ? 'T' :
	    (T->__state & 0x80) ? 'Z' : (T->__state & 0x300) ? 'W' : 'R';
	pr_lwp.pr_nice = T->static_prio - 120;
	pr_lwp.pr_syscall = (T->flags & __dt_pf_kthread) || T->stack == 0 ? 0 :
	    (long)((struct pt_regs *)((uintptr_t)T->stack + __dt_thread_size) - 1)->orig_ax < 0 ? 0 :
	    ((struct pt_regs *)((uintptr_t)T->stack + __dt_thread_size) - 1)->orig_ax;
	pr_lwp.pr_oldpri = 0;
	pr_lwp.pr_cpu = 0;
	pr_lwp.pr_pri = T->prio;
	pr_lwp.pr_pctcpu = timestamp > T->start_time ?
	    (((T->utime + T->stime) << 15) / (timestamp - T->start_time) > 0x8000 ? 0x8000 :
	    ((T->utime + T->stime) << 15) / (timestamp - T->start_time)) : 0;
	pr_lwp.pr_pad = 0;
	pr_lwp.pr_start.tv_sec = (walltimestamp - timestamp + T->start_time) / 1000000000;
	pr_lwp.pr_start.tv_nsec = (walltimestamp - timestamp + T->start_time) % 1000000000;
	pr_lwp.pr_time.tv_sec = (T->utime + T->stime) / 1000000000;
	pr_lwp.pr_time.tv_nsec = (T->utime + T->stime) % 1000000000;
	pr_lwp.pr_clname = T->policy == 1 || T->policy == 2 ? "RT" : T->policy == 6 ? "DL" :
	    T->policy == 5 ? "IA" : "TS";
	pr_lwp.pr_name = T->comm;
	pr_lwp.pr_onpro = T->thread_info.cpu;
	pr_lwp.pr_bindpro = -1;
	pr_lwp.pr_bindpset = -1;
	pr_lwp.pr_lgrp = 0;
};

translator lwpsinfo_t < struct task_struct *T > {
	pr_flag = (T->__state & 0x4) ? PR_STOPPED : 0;
	pr_lwpid = T->pid;
	pr_addr = (uintptr_t)T;
	pr_wchan = 0;
	pr_stype = 0;
	pr_state = (T->exit_state & 0x30) ? SZOMB :
	    (T->__state & 0x3) ? SSLEEP : (T->__state & 0xc) ? SSTOP :
	    (T->__state & 0x80) ? SZOMB : (T->__state & 0x300) ? SWAIT : SRUN;
	pr_sname = (T->exit_state & 0x30) ? 'Z' :
	    (T->__state & 0x3) ? 'S' : (T->__state & 0xc) ? 'T' :
	    (T->__state & 0x80) ? 'Z' : (T->__state & 0x300) ? 'W' : 'R';
	pr_nice = T->static_prio - 120;
	pr_syscall = (T->flags & __dt_pf_kthread) || T->stack == 0 ? 0 :
	    (long)((struct pt_regs *)((uintptr_t)T->stack + __dt_thread_size) - 1)->orig_ax < 0 ? 0 :
	    ((struct pt_regs *)((uintptr_t)T->stack + __dt_thread_size) - 1)->orig_ax;
	pr_oldpri = 0;
	pr_cpu = 0;
	pr_pri = T->prio;
	pr_pctcpu = timestamp > T->start_time ?
	    (((T->utime + T->stime) << 15) / (timestamp - T->start_time) > 0x8000 ? 0x8000 :
	    ((T->utime + T->stime) << 15) / (timestamp - T->start_time)) : 0;
	pr_pad = 0;
	pr_start.tv_sec = (walltimestamp - timestamp + T->start_time) / 1000000000;
	pr_start.tv_nsec = (walltimestamp - timestamp + T->start_time) % 1000000000;
	pr_time.tv_sec = (T->utime + T->stime) / 1000000000;
	pr_time.tv_nsec = (T->utime + T->stime) % 1000000000;
	pr_clname = T->policy == 1 || T->policy == 2 ? "RT" : T->policy == 6 ? "DL" :
	    T->policy == 5 ? "IA" : "TS";
	pr_name = T->comm;
	pr_onpro = T->thread_info.cpu;
	pr_bindpro = -1;
	pr_bindpset = -1;
	pr_lgrp = 0;
};

translator cpuinfo_t < struct task_struct *T > {
	cpu_id = T->thread_info.cpu;
	cpu_pset = -1;
	cpu_chip = T->thread_info.cpu;
	cpu_lgrp = 0;
};

inline psinfo_t *curpsinfo = xlate <psinfo_t *> (curthread);
inline lwpsinfo_t *curlwpsinfo = xlate <lwpsinfo_t *> (curthread);
inline cpuinfo_t *curcpu = xlate <cpuinfo_t *> (curthread);

/* The CPU's processor set, chip and locality group, as cpuinfo_t has them. */
inline psetid_t pset = curcpu->cpu_pset;
inline int chip = curcpu->cpu_chip;
inline int lgrp = curcpu->cpu_lgrp;

/*
 * A struct pid's number as the current process sees it, in its own pid namespace (the
 * kernel's pid_vnr()): 0 when the pid is not visible there.
 */
inline struct pid_namespace *pid_namespace[struct pid *p] =
    p != NULL ? p->numbers[p->level].ns : NULL;
inline int pid_namespace_level[struct pid *p] =
    p != NULL && pid_namespace[p] != NULL ? pid_namespace[p]->level : 0;
inline struct pid *task_pid[struct task_struct *t] = t != NULL ? t->thread_pid : NULL;
inline int current_namespace_level = pid_namespace_level[task_pid[curthread]];
inline pid_t structpid2pid[struct pid *p] =
    p != NULL && current_namespace_level <= p->level &&
    p->numbers[current_namespace_level].ns == pid_namespace[task_pid[curthread]] ?
    p->numbers[current_namespace_level].nr : 0;

/* The current process's working and root directories. */
inline string cwd = d_path(&curthread->fs->pwd);
inline string root = d_path(&curthread->fs->root);
