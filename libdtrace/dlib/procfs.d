/*
 * procfs.d: the process model of DTrace (psinfo_t, lwpsinfo_t, cpuinfo_t and curpsinfo,
 * curlwpsinfo, curcpu), translated from the Linux task_struct read through BTF.
 *
 * Read by the compiler the first time a program names one of these; members with no
 * translation here have no Linux counterpart we can compute and are reported as such.
 */

typedef struct lwpsinfo {
	int	pr_flag;
	id_t	pr_lwpid;
	uintptr_t pr_addr;
	uintptr_t pr_wchan;
	char	pr_stype;
	char	pr_state;
	char	pr_sname;
	char	pr_nice;
	short	pr_syscall;
	char	pr_oldpri;
	char	pr_cpu;
	int	pr_pri;
	ushort_t pr_pctcpu;
	int	pr_pad;
	int64_t	pr_start;
	int64_t	pr_time;
	char	pr_clname[8];
	char	pr_name[16];
	processorid_t pr_onpro;
	processorid_t pr_bindpro;
	int	pr_bindpset;
	int	pr_lgrp;
} lwpsinfo_t;

typedef struct psinfo {
	int	pr_flag;
	int	pr_nlwp;
	pid_t	pr_pid;
	pid_t	pr_ppid;
	pid_t	pr_pgid;
	pid_t	pr_sid;
	uid_t	pr_uid;
	uid_t	pr_euid;
	gid_t	pr_gid;
	gid_t	pr_egid;
	uintptr_t pr_addr;
	size_t	pr_size;
	size_t	pr_rssize;
	uintptr_t pr_ttydev;
	ushort_t pr_pctcpu;
	ushort_t pr_pctmem;
	int64_t	pr_start;
	int64_t	pr_time;
	int64_t	pr_ctime;
	char	pr_fname[16];
	char	pr_psargs[80];
	int	pr_wstat;
	int	pr_argc;
	uintptr_t pr_argv;
	uintptr_t pr_envp;
	char	pr_dmodel;
	taskid_t pr_taskid;
	projid_t pr_projid;
	int	pr_nzomb;
	int	pr_poolid;
	zoneid_t pr_zoneid;
	id_t	pr_contract;
	lwpsinfo_t pr_lwp;
} psinfo_t;

typedef struct cpuinfo {
	processorid_t cpu_id;
	int	cpu_pset;
	int	cpu_chip;
	int	cpu_lgrp;
} cpuinfo_t;

translator psinfo_t < struct task_struct *T > {
	pr_nlwp = T->signal->nr_threads;
	pr_pid = T->tgid;
	pr_ppid = T->real_parent->tgid;
	/* PIDTYPE_PGID = 2, PIDTYPE_SID = 3 in enum pid_type */
	pr_pgid = T->signal->pids[2]->numbers[0].nr;
	pr_sid = T->signal->pids[3]->numbers[0].nr;
	pr_uid = T->cred->uid.val;
	pr_euid = T->cred->euid.val;
	pr_gid = T->cred->gid.val;
	pr_egid = T->cred->egid.val;
	pr_addr = (uintptr_t)T->mm;
	pr_start = T->start_time;
	pr_fname = T->comm;
	/* PR_MODEL_LP64 */
	pr_dmodel = 2;
	pr_taskid = 0;
	pr_projid = 0;
	pr_poolid = 0;
	pr_zoneid = 0;
	pr_contract = 0;
};

translator lwpsinfo_t < struct task_struct *T > {
	pr_lwpid = T->pid;
	pr_addr = (uintptr_t)T;
	pr_nice = T->static_prio - 120;
	pr_pri = T->prio;
	pr_start = T->start_time;
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
