//! The open-file limit: every enabled probe holds a program and a perf event descriptor, so
//! `sdt:::` (a thousand tracepoints and more) needs well over the 1024 descriptors a process
//! gets by default where no service manager raised it (an initramfs, a container). DTrace's
//! own dtrace_open raises the limit too.

/// Raise RLIMIT_NOFILE's soft limit to the hard one, and with CAP_SYS_RESOURCE the hard one to
/// the kernel's ceiling (fs.nr_open). Failures leave the limit as it was: too few descriptors
/// then shows as the error of the bpf(2) or perf_event_open call that ran out.
pub fn raise_nofile_limit() {
    let mut rl = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit writes the struct we pass.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut rl) } != 0 {
        return;
    }
    let ceiling = std::fs::read_to_string("/proc/sys/fs/nr_open")
        .ok()
        .and_then(|s| s.trim().parse::<libc::rlim_t>().ok());
    if let Some(max) = ceiling.filter(|&m| m > rl.rlim_max) {
        let raised = libc::rlimit { rlim_cur: max, rlim_max: max };
        // SAFETY: setrlimit reads the struct we pass; without privilege it fails with EPERM.
        if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
            return;
        }
    }
    if rl.rlim_cur < rl.rlim_max {
        rl.rlim_cur = rl.rlim_max;
        // SAFETY: as above; lowering nothing, raising the soft limit to the hard one.
        unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &rl) };
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn soft_limit_reaches_the_hard_limit() {
        super::raise_nofile_limit();
        let mut rl = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: getrlimit writes the struct we pass.
        assert_eq!(unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut rl) }, 0);
        assert_eq!(rl.rlim_cur, rl.rlim_max);
    }
}
