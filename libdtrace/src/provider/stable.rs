//! The stable providers (`proc`, `sched`, `io`), built on raw tracepoints: each probe is a raw
//! tracepoint whose `args[]` are D expressions over the tracepoint's raw arguments, translated
//! to DTrace's stable types by the translators of `dlib/procfs.d` (`psinfo_t`, `lwpsinfo_t`)
//! and `dlib/io.d` (`bufinfo_t`, `devinfo_t`, `fileinfo_t`).
//!
//! Only probes that a tracepoint of this kernel reaches with the right thread as `curthread`
//! are offered. Some are one case of what their tracepoint reports, told apart by a guard:
//! - `proc:::create` / `lwp-create`: `sched_process_fork` of a process (the child is its
//!   thread group's leader) / of a thread;
//! - `proc:::exit` / `lwp-exit`: `sched_process_exit` of a process's last thread
//!   (`signal->live` down to 0) / of any other thread;
//! - `proc:::exec` / `exec-failure`: `raw_syscalls:sys_enter` / `sys_exit` of execve(2) or
//!   execveat(2) (x86-64's numbers), the latter returning an error: the path is read from
//!   the caller's memory at entry, the errno at exit;
//! - `proc:::start` / `lwp-start`: `raw_syscalls:sys_exit` of the clone(2), fork(2), vfork(2)
//!   or clone3(2) that made the task, returning 0: a new task's first return to user space
//!   (the kernel gives a task created while a syscall tracepoint is in use that tracepoint's
//!   work flag, so the child's return is traced), in a process's first thread / in another;
//! - `sched:::sleep` / `preempt`: `sched_switch` leaving the CPU not runnable and not
//!   preempted / preempted, in the context of the thread leaving;
//! - `sched:::on-cpu` / `remain-cpu`: the bare tracepoint `sched_exit_tp` (`is_switch`) at
//!   the end of `__schedule()` and of `schedule_tail()`: after a switch it runs on the stack of
//!   the thread that came on the CPU (every built-in describes that thread), without one in
//!   the thread the scheduler kept;
//! - `sched:::surrender`: `raw_syscalls:sys_enter` of sched_yield(2), as Oracle's (on
//!   `do_sched_yield()`), in the yielding thread;
//! - `sched:::tick`: `timer:hrtimer_expire_entry` of the tick's hrtimer (whose `function` is
//!   `tick_nohz_handler`), in the hard interrupt, so in the context of the thread the tick
//!   charges, as Oracle's (on `scheduler_tick()`);
//! - `proc:::signal-clear`: `raw_syscalls:sys_exit` of rt_sigtimedwait(2) returning a signal
//!   number: sigwait(3), sigwaitinfo(2) and sigtimedwait(2) took a pending signal;
//! - `proc:::signal-discard`: `signal_generate` with result `TRACE_SIGNAL_IGNORED`.
//!
//! Missing, and why:
//! - `io:::wait-start`, `wait-done`: no tracepoint marks a thread waiting for its I/O
//!   (Oracle's are kprobes on `submit_bio_wait()`, plus XFS's `xfs_buf_iowait` tracepoints,
//!   which cover XFS metadata buffers only).
//! - `sched:::enqueue`, `dequeue`: no tracepoint on every run-queue insertion and removal.
//!   `sched_wakeup`, `sched_wakeup_new` and `sched_migrate_task` report some insertions, not
//!   a preempted thread's return to its queue nor the dequeue/enqueue pairs of a priority or
//!   group change, and the bare `sched_update_nr_running_tp` counts tasks without naming one.
//! - `sched:::change-pri`: `sched_pi_setprio` reports only priority-inheritance boosts, not
//!   nice(2) and sched_setscheduler(2) changes (Oracle does not offer it either).
//! - `sched:::tick` where the tick is not an hrtimer (low-resolution mode) or its handler
//!   is not `tick_nohz_handler` (before Linux 6.9): the probe is not listed then.
//!
//! The network providers are in `net.rs` (`tcp` state changes and connections, built on
//! socket state changes) and `netpkt.rs` (`ip`, `udp`, `tcp` send and receive, built on
//! per-packet tracepoints).
//!
//! A probe may carry a guard ([`guard`]): a D expression over the raw arguments that must be
//! true for the probe to fire, for probes that are one transition among those a tracepoint
//! reports (`tcp:::connect-established` is `inet_sock_set_state` from SYN_SENT to
//! ESTABLISHED). The checker ANDs it, for the probes that have one, into the predicate of every
//! clause enabling them (`check/guard.rs`), ahead of the clause's own predicate.

/// One stable probe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stable {
    pub provider: &'static str,
    pub name: &'static str,
    /// The raw tracepoint it is attached to (by its event name).
    pub event: &'static str,
    /// The tracepoint's group, for checking that this kernel has it.
    pub group: &'static str,
    /// `args[i]`: a D expression over the raw arguments `arg0..`, and its type as `-lv` shows
    /// it.
    pub args: &'static [(&'static str, &'static str)],
}

/// The group of a bare tracepoint: one in BTF (`btf_trace_<event>`) and reachable as a raw
/// tracepoint, but with no event under tracefs.
pub const BARE: &str = "";

/// The scheduler tick's hrtimer handler (`kernel/time/tick-sched.c`, since Linux 6.9).
const TICK_HANDLER: &str = "tick_nohz_handler";

const LWPSINFO: &str = "lwpsinfo_t *";
const PSINFO: &str = "psinfo_t *";
/// signal_generate (sig, info, task, ...): the receiving thread and process, the signal.
const SIGNAL_TARGET_ARGS: &[(&str, &str)] = &[
    ("xlate <lwpsinfo_t *> ((struct task_struct *)arg2)", LWPSINFO),
    ("xlate <psinfo_t *> ((struct task_struct *)arg2)", PSINFO),
    ("(int)arg0", "int"),
];

/// `CLD_EXITED` (1), `CLD_DUMPED` (3) or `CLD_KILLED` (2) from the task's exit code.
const EXIT_REASON: &str = "(((struct task_struct *)arg0)->exit_code & 0x7f) == 0 ? 1 : \
    ((((struct task_struct *)arg0)->exit_code & 0x80) != 0 ? 3 : 2)";

pub const PROBES: &[Stable] = &[
    Stable {
        provider: "proc",
        name: "create",
        event: "sched_process_fork",
        group: "sched",
        args: &[("xlate <psinfo_t *> ((struct task_struct *)arg1)", PSINFO)],
    },
    Stable { provider: "proc", name: "exec-success", event: "sched_process_exec", group: "sched", args: &[] },
    Stable { provider: "proc", name: "exit", event: "sched_process_exit", group: "sched", args: &[(EXIT_REASON, "int")] },
    Stable {
        provider: "proc",
        name: "signal-send",
        event: "signal_generate",
        group: "signal",
        args: SIGNAL_TARGET_ARGS,
    },
    Stable { provider: "proc", name: "signal-handle", event: "signal_deliver", group: "signal", args: &[("(int)arg0", "int")] },
    Stable {
        provider: "sched",
        name: "off-cpu",
        event: "sched_switch",
        group: "sched",
        args: &[
            ("xlate <lwpsinfo_t *> ((struct task_struct *)arg2)", LWPSINFO),
            ("xlate <psinfo_t *> ((struct task_struct *)arg2)", PSINFO),
        ],
    },
    Stable {
        provider: "sched",
        name: "wakeup",
        event: "sched_wakeup",
        group: "sched",
        args: &[
            ("xlate <lwpsinfo_t *> ((struct task_struct *)arg0)", LWPSINFO),
            ("xlate <psinfo_t *> ((struct task_struct *)arg0)", PSINFO),
        ],
    },
    Stable {
        provider: "proc",
        name: "lwp-create",
        event: "sched_process_fork",
        group: "sched",
        args: &[
            ("xlate <lwpsinfo_t *> ((struct task_struct *)arg1)", LWPSINFO),
            ("xlate <psinfo_t *> ((struct task_struct *)arg1)", PSINFO),
        ],
    },
    Stable { provider: "proc", name: "lwp-exit", event: "sched_process_exit", group: "sched", args: &[] },
    Stable {
        provider: "proc",
        name: "exec",
        event: "sys_enter",
        group: "raw_syscalls",
        // execve(path, ...) or execveat(dirfd, path, ...): the path as the caller wrote it.
        args: &[(
            "copyinstr(arg1 == 322 ? ((struct pt_regs *)arg0)->si : ((struct pt_regs *)arg0)->di)",
            "string",
        )],
    },
    Stable {
        provider: "proc",
        name: "exec-failure",
        event: "sys_exit",
        group: "raw_syscalls",
        args: &[("(int)-arg1", "int")],
    },
    Stable { provider: "proc", name: "start", event: "sys_exit", group: "raw_syscalls", args: &[] },
    Stable { provider: "proc", name: "lwp-start", event: "sys_exit", group: "raw_syscalls", args: &[] },
    Stable { provider: "sched", name: "sleep", event: "sched_switch", group: "sched", args: &[] },
    Stable { provider: "sched", name: "preempt", event: "sched_switch", group: "sched", args: &[] },
    Stable {
        provider: "proc",
        name: "signal-discard",
        event: "signal_generate",
        group: "signal",
        args: SIGNAL_TARGET_ARGS,
    },
    Stable {
        provider: "proc",
        name: "signal-clear",
        event: "sys_exit",
        group: "raw_syscalls",
        args: &[("(int)arg1", "int")],
    },
    Stable { provider: "sched", name: "on-cpu", event: "sched_exit_tp", group: BARE, args: &[] },
    Stable { provider: "sched", name: "remain-cpu", event: "sched_exit_tp", group: BARE, args: &[] },
    Stable {
        provider: "sched",
        name: "surrender",
        event: "sys_enter",
        group: "raw_syscalls",
        args: &[("xlate <lwpsinfo_t *> (curthread)", LWPSINFO), ("xlate <psinfo_t *> (curthread)", PSINFO)],
    },
    Stable {
        provider: "sched",
        name: "tick",
        event: "hrtimer_expire_entry",
        group: "timer",
        args: &[("xlate <lwpsinfo_t *> (curthread)", LWPSINFO), ("xlate <psinfo_t *> (curthread)", PSINFO)],
    },
    Stable {
        provider: "io",
        name: "start",
        event: "block_rq_issue",
        group: "block",
        args: &[
            ("xlate <bufinfo_t *> ((struct request *)arg0)", "bufinfo_t *"),
            ("xlate <devinfo_t *> ((struct request *)arg0)", "devinfo_t *"),
            ("xlate <fileinfo_t *> ((struct file *)0)", "fileinfo_t *"),
        ],
    },
    Stable {
        provider: "io",
        name: "done",
        event: "block_rq_complete",
        group: "block",
        args: &[
            ("xlate <bufinfo_t *> ((struct request *)arg0)", "bufinfo_t *"),
            ("xlate <devinfo_t *> ((struct request *)arg0)", "devinfo_t *"),
            ("xlate <fileinfo_t *> ((struct file *)0)", "fileinfo_t *"),
        ],
    },
];

/// The stable probe named `provider:::name`.
pub fn lookup(provider: &str, name: &str) -> Option<&'static Stable> {
    all().find(|p| p.provider == provider && p.name == name)
}

/// Every stable probe: these and the network providers'.
pub fn all() -> impl Iterator<Item = &'static Stable> {
    PROBES.iter().chain(super::net::PROBES).chain(super::netpkt::PROBES)
}

/// Whether this kernel has what probe `p` is built on: its tracepoint (`tracefs` lists the
/// `(group, event)` pairs of the ordinary ones; bare ones are looked up in vmlinux BTF) and,
/// for `sched:::tick`, the tick handler its guard names.
pub fn available(p: &Stable, tracefs: &std::collections::HashSet<(String, String)>) -> bool {
    let tp = if p.group == BARE {
        btf_has_name(&format!("btf_trace_{}", p.event))
    } else {
        tracefs.contains(&(p.group.to_string(), p.event.to_string()))
    };
    tp && (p.name != "tick" || p.provider != "sched" || btf_has_name(TICK_HANDLER))
}

/// Whether vmlinux BTF has the string `name` (a type or function name): a bare tracepoint's
/// `btf_trace_` typedef, a function's name. A search of the string section (read once per
/// thread), far cheaper than parsing BTF just to list probes.
fn btf_has_name(name: &str) -> bool {
    thread_local! {
        static STRINGS: Option<String> = std::fs::read("/sys/kernel/btf/vmlinux")
            .ok()
            .and_then(|b| btf_strings(&b).map(str::to_string));
    }
    STRINGS.with(|s| {
        s.as_deref()
            .is_some_and(|s| s.contains(&format!("\0{}\0", name)))
    })
}

/// The string section of raw BTF (after its header: magic, version, flags, hdr_len, then
/// type_off, type_len, str_off, str_len), as text: names are ASCII.
fn btf_strings(b: &[u8]) -> Option<&str> {
    let word = |at: usize| -> Option<usize> {
        Some(u32::from_ne_bytes(b.get(at..at + 4)?.try_into().ok()?) as usize)
    };
    if b.get(0..2)? != 0xeb9fu16.to_ne_bytes() {
        return None;
    }
    let start = word(4)?.checked_add(word(16)?)?;
    let section = b.get(start..start.checked_add(word(20)?)?)?;
    std::str::from_utf8(section).ok()
}

/// The D expression that must be true for the probe to fire, if it has one.
pub fn guard(p: &Stable) -> Option<&'static str> {
    match p.provider {
        "tcp" => super::net::guard(p.name).or_else(|| super::netpkt::guard(p.provider, p.name)),
        "ip" | "udp" => super::netpkt::guard(p.provider, p.name),
        "proc" | "sched" => own_guard(p.name),
        _ => None,
    }
}

/// x86-64's system call numbers of execve(2) and execveat(2).
#[cfg(target_arch = "x86_64")]
macro_rules! is_exec {
    ($nr:expr) => {
        concat!("(", $nr, " == 59 || ", $nr, " == 322)")
    };
}

/// x86-64's system call numbers of clone(2), fork(2), vfork(2) and clone3(2).
#[cfg(target_arch = "x86_64")]
macro_rules! is_clone {
    ($nr:expr) => {
        concat!("(", $nr, " == 56 || ", $nr, " == 57 || ", $nr, " == 58 || ", $nr, " == 435)")
    };
}

/// A 64-bit system call: not one of a 32-bit task (or `int $0x80`), whose numbers are i386's
/// (`TS_COMPAT` in the thread's `thread_info.status`, as `in_ia32_syscall()` tests).
#[cfg(target_arch = "x86_64")]
macro_rules! native {
    () => {
        "(curthread->thread_info.status & 2) == 0"
    };
}

/// Guards of the proc and sched probes that are one case of what their tracepoint reports.
fn own_guard(name: &str) -> Option<&'static str> {
    Some(match name {
        // sched_process_fork (parent, child) reports new threads and new processes; a new
        // process's first thread is its leader.
        "create" => "((struct task_struct *)arg1)->pid == ((struct task_struct *)arg1)->tgid",
        "lwp-create" => "((struct task_struct *)arg1)->pid != ((struct task_struct *)arg1)->tgid",
        // sched_process_exit runs for each exiting thread; the process exits with its last
        // one, the one that took the thread group's count of live threads to zero (do_exit
        // decrements it before the tracepoint). Kernels since 6.16 pass that as group_dead;
        // the count itself tells on older ones too (Debian 12's 6.1, 6.12).
        "exit" => "curthread->signal->live.counter == 0",
        "lwp-exit" => "curthread->signal->live.counter != 0",
        // A new task's first return to user space is from the clone/fork call that made it,
        // returning 0 (the parent gets the child's ID): before any instruction of its own.
        "start" => concat!(
            "arg1 == 0 && ",
            is_clone!("((struct pt_regs *)arg0)->orig_ax"),
            " && pid == tid && ",
            native!()
        ),
        "lwp-start" => concat!(
            "arg1 == 0 && ",
            is_clone!("((struct pt_regs *)arg0)->orig_ax"),
            " && pid != tid && ",
            native!()
        ),
        "exec" => concat!(is_exec!("arg1"), " && ", native!()),
        "exec-failure" => concat!(
            is_exec!("((struct pt_regs *)arg0)->orig_ax"),
            " && arg1 < 0 && ",
            native!()
        ),
        // rt_sigtimedwait(2) (x86-64's 128), behind sigwait(3), sigwaitinfo(2) and
        // sigtimedwait(2), returns the number of the pending signal it took.
        "signal-clear" => concat!(
            "arg1 > 0 && ((struct pt_regs *)arg0)->orig_ax == 128 && ",
            native!()
        ),
        // signal_generate (sig, info, task, group, result): TRACE_SIGNAL_IGNORED (1).
        "signal-discard" => "arg4 == 1",
        // sched_exit_tp (is_switch): the end of __schedule(), in the context of the thread
        // that runs next: a new one (also from schedule_tail(), a new task's first run) or
        // the one that called it, kept.
        "on-cpu" => "arg0 != 0",
        "remain-cpu" => "arg0 == 0",
        // sched_yield(2) (x86-64's 24): Oracle's surrender is do_sched_yield().
        "surrender" => concat!("arg1 == 24 && ", native!()),
        // hrtimer_expire_entry (timer, now) of the tick's hrtimer, in the hard interrupt
        // that interrupted the thread the tick accounts to.
        "tick" => "(uint64_t)((struct hrtimer *)arg0)->function == (uint64_t)`tick_nohz_handler",
        // sched_switch (preempt, prev, next, prev_state) runs in prev's context: it leaves
        // the CPU preempted, or to sleep (not runnable, TASK_RUNNING being 0).
        "preempt" => "arg0 != 0",
        "sleep" => "arg0 == 0 && arg3 != 0",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_consistent() {
        for p in all() {
            assert_eq!(lookup(p.provider, p.name), Some(p));
            assert!(p.args.len() <= 10);
        }
    }

    #[test]
    fn btf_names_found_in_the_string_section() {
        if !std::path::Path::new("/sys/kernel/btf/vmlinux").exists() {
            return; // no BTF on this machine
        }
        assert!(btf_has_name("btf_trace_sched_switch"));
        assert!(btf_has_name("task_struct"));
        assert!(!btf_has_name("btf_trace_sched_switc"));
        assert!(!btf_has_name("no_such_name_in_any_kernel"));
    }

    #[test]
    fn tick_guard_names_the_handler_checked() {
        let tick = lookup("sched", "tick").expect("sched:::tick");
        assert!(guard(tick).expect("tick's guard").ends_with(&format!("`{}", TICK_HANDLER)));
    }
}
