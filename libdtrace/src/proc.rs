//! Processes under DTrace's control: `-c cmd` (created stopped, continued at go) and `-p pid`.
//!
//! A created process is forked at once, so its pid is known before the D program is compiled
//! (`$target`), but it does not exec its command until [`Proc::resume`] is called after tracing
//! has started: the child blocks reading a pipe whose write end only the parent holds. If the
//! parent dies first, the read sees end-of-file and the child exits without running anything.

use std::ffi::{CString, OsStr};
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

/// Why a process could not be created or grabbed, with DTrace's message text.
#[derive(Debug, thiserror::Error)]
pub enum ProcError {
    /// `dtrace: failed to execute CMD: REASON`
    #[error("failed to execute {cmd}: {}", strerror(.source))]
    Exec { cmd: String, source: io::Error },
    /// `dtrace: failed to grab pid N: REASON`
    #[error("failed to grab pid {pid}: {}", strerror(.source))]
    Grab { pid: i32, source: io::Error },
    #[error("failed to create process: {}", strerror(.0))]
    Fork(io::Error),
}

/// The C library's text for an OS error, without Rust's " (os error N)" suffix, as DTrace
/// prints it.
pub fn strerror(e: &io::Error) -> String {
    match e.raw_os_error() {
        // SAFETY: strerror returns a pointer to a NUL-terminated string that stays valid until
        // the next strerror call on this thread; we copy it at once.
        Some(n) => unsafe { std::ffi::CStr::from_ptr(libc::strerror(n)) }
            .to_string_lossy()
            .into_owned(),
        None => e.to_string(),
    }
}

/// How we learn that a process has gone.
#[derive(Debug)]
enum Kind {
    /// Our child: `go` is the write end of the pipe the child waits on (None once resumed),
    /// `exec_err` the read end of a close-on-exec pipe on which a failed exec reports errno.
    Created {
        go: Option<libc::c_int>,
        exec_err: libc::c_int,
        reaped: Option<i32>,
    },
    /// Someone else's process, watched through a pidfd when the kernel has them.
    Grabbed { pidfd: Option<libc::c_int> },
}

/// A process given to dtrace with `-c` or `-p`.
#[derive(Debug)]
pub struct Proc {
    pid: i32,
    cmd: String,
    /// The executable a created process will run (pid probes are looked up there before it
    /// has exec'd).
    exec_path: Option<std::path::PathBuf>,
    kind: Kind,
}

/// Split a `-c` command as dtrace(1)'s make_argv does: on whitespace, no shell, no quoting.
pub fn split_command(cmd: &str) -> Vec<String> {
    cmd.split(|c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c'))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `file` names something execvp would run: a path with a '/' is taken as it is,
/// a bare name is looked up in PATH (with execvp's default when PATH is unset).
fn resolve(file: &str) -> Result<std::path::PathBuf, io::Error> {
    let executable = |p: &Path| -> bool {
        let Ok(c) = CString::new(p.as_os_str().as_bytes()) else {
            return false;
        };
        // SAFETY: c is a valid NUL-terminated string.
        let ok = unsafe { libc::access(c.as_ptr(), libc::X_OK) == 0 };
        ok && !p.is_dir()
    };
    if file.contains('/') {
        return if executable(Path::new(file)) {
            Ok(Path::new(file).to_path_buf())
        } else {
            Err(io::Error::last_os_error_or(libc::ENOENT))
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_else(|| "/bin:/usr/bin".into());
    for dir in path.as_bytes().split(|&b| b == b':') {
        let dir = if dir.is_empty() {
            Path::new(".")
        } else {
            Path::new(OsStr::from_bytes(dir))
        };
        if executable(&dir.join(file)) {
            return Ok(dir.join(file));
        }
    }
    Err(io::Error::from_raw_os_error(libc::ENOENT))
}

trait LastOsErrorOr {
    fn last_os_error_or(default: i32) -> io::Error;
}

impl LastOsErrorOr for io::Error {
    /// The errno of the call just made, or `default` when it left none.
    fn last_os_error_or(default: i32) -> io::Error {
        let e = io::Error::last_os_error();
        match e.raw_os_error() {
            Some(0) | None => io::Error::from_raw_os_error(default),
            _ => e,
        }
    }
}

fn pipe_cloexec() -> io::Result<[libc::c_int; 2]> {
    let mut fds = [0; 2];
    // SAFETY: fds has room for the two descriptors.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(fds)
}

fn close(fd: libc::c_int) {
    // SAFETY: closing a descriptor we own.
    unsafe { libc::close(fd) };
}

impl Proc {
    /// Create the process for `-c cmd`, held before exec until [`Proc::resume`].
    pub fn create(cmd: &str) -> Result<Proc, ProcError> {
        Self::create_with_env(cmd, &[])
    }

    /// [`Proc::create`] with changes to the environment the command gets, applied in order:
    /// `(name, Some(value))` sets a variable, `(name, None)` removes it (`-x setenv`,
    /// `-x unsetenv`).
    pub fn create_with_env(
        cmd: &str,
        env_changes: &[(String, Option<String>)],
    ) -> Result<Proc, ProcError> {
        let argv = split_command(cmd);
        let exec_error = |e: io::Error| ProcError::Exec {
            cmd: cmd.to_string(),
            source: e,
        };
        let Some(file) = argv.first() else {
            return Err(exec_error(io::Error::from_raw_os_error(libc::ENOENT)));
        };
        // Report a command that cannot run now, before tracing starts, as DTrace does.
        let exec_path = resolve(file).map_err(exec_error)?;
        let cargs: Vec<CString> = argv
            .iter()
            .map(|a| CString::new(a.as_bytes()))
            .collect::<Result<_, _>>()
            .map_err(|_| exec_error(io::Error::from_raw_os_error(libc::EINVAL)))?;
        let mut cptrs: Vec<*const libc::c_char> = cargs.iter().map(|c| c.as_ptr()).collect();
        cptrs.push(std::ptr::null());
        // The environment is built before the fork: the child may only call
        // async-signal-safe functions.
        let envs: Option<Vec<CString>> = if env_changes.is_empty() {
            None
        } else {
            let mut vars: Vec<(std::ffi::OsString, std::ffi::OsString)> = std::env::vars_os().collect();
            for (name, value) in env_changes {
                vars.retain(|(n, _)| n.as_os_str() != std::ffi::OsStr::new(name));
                if let Some(v) = value {
                    vars.push((name.into(), v.into()));
                }
            }
            use std::os::unix::ffi::OsStrExt;
            Some(
                vars.iter()
                    .filter_map(|(n, v)| {
                        let mut b = n.as_bytes().to_vec();
                        b.push(b'=');
                        b.extend_from_slice(v.as_bytes());
                        CString::new(b).ok()
                    })
                    .collect(),
            )
        };
        let mut eptrs: Vec<*const libc::c_char> = envs
            .iter()
            .flatten()
            .map(|c| c.as_ptr())
            .collect();
        eptrs.push(std::ptr::null());

        let go = pipe_cloexec().map_err(ProcError::Fork)?;
        let err = match pipe_cloexec() {
            Ok(p) => p,
            Err(e) => {
                close(go[0]);
                close(go[1]);
                return Err(ProcError::Fork(e));
            }
        };
        // SAFETY: the child only calls async-signal-safe functions (read, execvp, write,
        // _exit) on memory prepared before the fork.
        let pid = unsafe { libc::fork() };
        if pid < 0 {
            let e = io::Error::last_os_error();
            for fd in go.into_iter().chain(err) {
                close(fd);
            }
            return Err(ProcError::Fork(e));
        }
        if pid == 0 {
            unsafe {
                libc::close(go[1]);
                libc::close(err[0]);
                let mut b = 0u8;
                let n = loop {
                    let n = libc::read(go[0], &mut b as *mut u8 as *mut libc::c_void, 1);
                    if n >= 0 || *libc::__errno_location() != libc::EINTR {
                        break n;
                    }
                };
                if n != 1 {
                    // dtrace went away without starting us.
                    libc::_exit(127);
                }
                if envs.is_some() {
                    libc::execvpe(cptrs[0], cptrs.as_ptr(), eptrs.as_ptr());
                } else {
                    libc::execvp(cptrs[0], cptrs.as_ptr());
                }
                let errno = *libc::__errno_location();
                libc::write(err[1], &errno as *const i32 as *const libc::c_void, 4);
                libc::_exit(127);
            }
        }
        close(go[0]);
        close(err[1]);
        Ok(Proc {
            pid,
            exec_path: std::fs::canonicalize(&exec_path).ok().or(Some(exec_path)),
            cmd: cmd.to_string(),
            kind: Kind::Created {
                go: Some(go[1]),
                exec_err: err[0],
                reaped: None,
            },
        })
    }

    /// Take `-p pid`: the process must exist.
    pub fn grab(pid: i32) -> Result<Proc, ProcError> {
        if pid <= 0 {
            return Err(ProcError::Grab {
                pid,
                source: io::Error::from_raw_os_error(libc::ESRCH),
            });
        }
        // SAFETY: signal 0 only checks for existence and permission.
        if unsafe { libc::kill(pid, 0) } != 0 {
            let e = io::Error::last_os_error();
            // EPERM means it exists but is not ours: DTrace refuses those too.
            return Err(ProcError::Grab { pid, source: e });
        }
        // SAFETY: pidfd_open takes a pid and flags and returns a new descriptor or -1.
        let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
        let pidfd = if fd >= 0 {
            Some(fd as libc::c_int)
        } else {
            None
        };
        Ok(Proc {
            pid,
            cmd: String::new(),
            exec_path: None,
            kind: Kind::Grabbed { pidfd },
        })
    }

    pub fn pid(&self) -> i32 {
        self.pid
    }

    /// Whether this process was created by us (`-c`) rather than grabbed (`-p`).
    /// The executable a process created by [`Proc::create`] will run; `None` for a grabbed one.
    pub fn exec_path(&self) -> Option<&Path> {
        self.exec_path.as_deref()
    }

    pub fn is_created(&self) -> bool {
        matches!(self.kind, Kind::Created { .. })
    }

    /// Let a created process exec its command (a grabbed one is already running). Returns the
    /// exec failure, if any, as `dtrace: failed to execute CMD: REASON`.
    pub fn resume(&mut self) -> Result<(), ProcError> {
        let Kind::Created { go, exec_err, .. } = &mut self.kind else {
            return Ok(());
        };
        let Some(fd) = go.take() else { return Ok(()) };
        let b = 1u8;
        // SAFETY: writing one byte from a local to a pipe we own.
        unsafe { libc::write(fd, &b as *const u8 as *const libc::c_void, 1) };
        close(fd);
        // The error pipe is close-on-exec: EOF means the exec succeeded.
        let mut errno: i32 = 0;
        let n = loop {
            // SAFETY: reading at most 4 bytes into a local i32.
            let n =
                unsafe { libc::read(*exec_err, &mut errno as *mut i32 as *mut libc::c_void, 4) };
            if n >= 0 || io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
                break n;
            }
        };
        if n == 4 {
            return Err(ProcError::Exec {
                cmd: self.cmd.clone(),
                source: io::Error::from_raw_os_error(errno),
            });
        }
        Ok(())
    }

    /// Whether the process is still running. A created child that has exited is reaped here;
    /// its status is not dtrace's exit status.
    pub fn is_alive(&mut self) -> bool {
        match &mut self.kind {
            Kind::Created {
                reaped: Some(_), ..
            } => false,
            Kind::Created { reaped, .. } => {
                let mut status = 0;
                // SAFETY: waitpid on our own child with WNOHANG does not block.
                let r = unsafe { libc::waitpid(self.pid, &mut status, libc::WNOHANG) };
                if r == self.pid {
                    *reaped = Some(status);
                    false
                } else {
                    // 0: still running; -1 (ECHILD) would mean someone else reaped it.
                    r == 0
                }
            }
            Kind::Grabbed { pidfd: Some(fd) } => {
                let mut pfd = libc::pollfd {
                    fd: *fd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: polling one descriptor with a zero timeout.
                let r = unsafe { libc::poll(&mut pfd, 1, 0) };
                !(r > 0 && pfd.revents & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0)
            }
            Kind::Grabbed { pidfd: None } => {
                // SAFETY: existence check only.
                let alive = unsafe { libc::kill(self.pid, 0) == 0 };
                alive || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
            }
        }
    }

    /// The wait status of a created child once it has been reaped.
    pub fn wait_status(&self) -> Option<i32> {
        match self.kind {
            Kind::Created { reaped, .. } => reaped,
            Kind::Grabbed { .. } => None,
        }
    }
}

impl Drop for Proc {
    /// A created process dies with dtrace (as DTrace releases it with a kill); a grabbed one is
    /// left alone.
    fn drop(&mut self) {
        match &mut self.kind {
            Kind::Created {
                go,
                exec_err,
                reaped,
            } => {
                if let Some(fd) = go.take() {
                    // Never resumed: closing the pipe makes the child exit on its own.
                    close(fd);
                } else if reaped.is_none() {
                    // SAFETY: our own unreaped child, so the pid cannot have been reused.
                    unsafe { libc::kill(self.pid, libc::SIGKILL) };
                }
                close(*exec_err);
                if reaped.is_none() {
                    let mut status = 0;
                    // SAFETY: reaping our own child.
                    unsafe { libc::waitpid(self.pid, &mut status, 0) };
                }
            }
            Kind::Grabbed { pidfd } => {
                if let Some(fd) = pidfd.take() {
                    close(fd);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn wait_gone(p: &mut Proc, limit: Duration) -> bool {
        let t = Instant::now();
        while t.elapsed() < limit {
            if !p.is_alive() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        false
    }

    #[test]
    fn splits_like_make_argv() {
        assert_eq!(
            split_command("  cat\t/etc/hostname \n"),
            vec!["cat", "/etc/hostname"]
        );
        assert_eq!(split_command("sh -c 'a b'"), vec!["sh", "-c", "'a", "b'"]);
        assert!(split_command("   ").is_empty());
    }

    #[test]
    fn created_waits_until_resumed() {
        let mut p = Proc::create("true").unwrap();
        // Held before exec: must still be there well after `true` would have finished.
        std::thread::sleep(Duration::from_millis(100));
        assert!(p.is_alive());
        p.resume().unwrap();
        assert!(wait_gone(&mut p, Duration::from_secs(5)));
        let st = p.wait_status().unwrap();
        assert!(libc::WIFEXITED(st) && libc::WEXITSTATUS(st) == 0);
    }

    #[test]
    fn child_status_is_reported_not_propagated() {
        let mut p = Proc::create("false").unwrap();
        p.resume().unwrap();
        assert!(wait_gone(&mut p, Duration::from_secs(5)));
        assert_eq!(libc::WEXITSTATUS(p.wait_status().unwrap()), 1);
    }

    #[test]
    fn missing_command_fails_at_create() {
        let e = Proc::create("/nonexistent/xyzzy-dtrace-test arg").unwrap_err();
        assert_eq!(
            e.to_string(),
            "failed to execute /nonexistent/xyzzy-dtrace-test arg: No such file or directory"
        );
        let e = Proc::create("xyzzy-no-such-command-dtrace").unwrap_err();
        assert!(matches!(e, ProcError::Exec { .. }));
        assert!(Proc::create("").is_err());
    }

    #[test]
    fn dropped_unresumed_child_exits() {
        let p = Proc::create("sleep 100").unwrap();
        let pid = p.pid();
        drop(p);
        // Reaped by drop: the pid is no longer our child.
        assert_eq!(
            unsafe { libc::waitpid(pid, std::ptr::null_mut(), libc::WNOHANG) },
            -1
        );
    }

    #[test]
    fn killed_child_is_noticed() {
        let mut p = Proc::create("sleep 100").unwrap();
        p.resume().unwrap();
        assert!(p.is_alive());
        unsafe { libc::kill(p.pid(), libc::SIGKILL) };
        assert!(wait_gone(&mut p, Duration::from_secs(5)));
        let st = p.wait_status().unwrap();
        assert!(libc::WIFSIGNALED(st) && libc::WTERMSIG(st) == libc::SIGKILL);
    }

    #[test]
    fn grab_checks_existence_and_watches() {
        assert!(Proc::grab(i32::MAX - 1).is_err());
        assert!(Proc::grab(0).is_err());
        let mut child = std::process::Command::new("sleep")
            .arg("100")
            .spawn()
            .unwrap();
        let mut p = Proc::grab(child.id() as i32).unwrap();
        assert!(!p.is_created());
        assert!(p.is_alive());
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(wait_gone(&mut p, Duration::from_secs(5)));
    }
}
