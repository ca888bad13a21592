//! perf events: the kernel objects BPF programs hang from (tracepoints, CPU clocks, uprobes).

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

use super::tracefs;
use crate::error::SysError;
use crate::load::sys;
use crate::load::Program;

pub const PERF_TYPE_SOFTWARE: u32 = 1;
pub const PERF_TYPE_TRACEPOINT: u32 = 2;
pub const PERF_COUNT_SW_CPU_CLOCK: u64 = 0;
/// `perf_event_attr` flag bit: create the event disabled.
pub const ATTR_DISABLED: u64 = 1 << 0;

const PERF_FLAG_FD_CLOEXEC: libc::c_ulong = 1 << 3;
const PERF_EVENT_IOC_ENABLE: libc::c_ulong = 0x2400;
const PERF_EVENT_IOC_DISABLE: libc::c_ulong = 0x2401;
const PERF_EVENT_IOC_SET_BPF: libc::c_ulong = 0x4004_2408;

/// `struct perf_event_attr` (PERF_ATTR_SIZE_VER7, 128 bytes). The bit-field word is `flags`.
#[repr(C)]
#[derive(Debug, Default, Clone)]
pub struct PerfEventAttr {
    pub ty: u32,
    pub size: u32,
    pub config: u64,
    /// `sample_period` or `sample_freq`.
    pub sample_period: u64,
    pub sample_type: u64,
    pub read_format: u64,
    pub flags: u64,
    pub wakeup_events: u32,
    pub bp_type: u32,
    /// `config1` / `kprobe_func` / `uprobe_path`.
    pub config1: u64,
    /// `config2` / `kprobe_addr` / `probe_offset`.
    pub config2: u64,
    pub branch_sample_type: u64,
    pub sample_regs_user: u64,
    pub sample_stack_user: u32,
    pub clockid: i32,
    pub sample_regs_intr: u64,
    pub aux_watermark: u32,
    pub sample_max_stack: u16,
    pub reserved_2: u16,
    pub aux_sample_size: u32,
    pub reserved_3: u32,
    pub sig_data: u64,
}

/// perf_event_open(2), close-on-exec.
pub fn perf_event_open(attr: &PerfEventAttr, pid: i32, cpu: i32) -> io::Result<OwnedFd> {
    let mut a = attr.clone();
    a.size = std::mem::size_of::<PerfEventAttr>() as u32;
    // SAFETY: `a` is a live, correctly sized perf_event_attr.
    let fd = unsafe {
        libc::syscall(
            libc::SYS_perf_event_open,
            &a as *const PerfEventAttr,
            pid,
            cpu,
            -1 as libc::c_int,
            PERF_FLAG_FD_CLOEXEC,
        )
    };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: a descriptor the kernel just gave us.
    Ok(unsafe { OwnedFd::from_raw_fd(fd as i32) })
}

fn ioctl(fd: RawFd, req: libc::c_ulong, arg: libc::c_ulong) -> io::Result<()> {
    // SAFETY: perf ioctls with integer arguments.
    if unsafe { libc::ioctl(fd, req, arg) } < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(())
    }
}

/// How a program is tied to its perf event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachMethod {
    /// `PERF_EVENT_IOC_SET_BPF` then `PERF_EVENT_IOC_ENABLE`: two ioctls, one descriptor.
    Ioctl,
    /// `BPF_LINK_CREATE` with `BPF_PERF_EVENT`: one more descriptor, and a cookie the program
    /// can read with `bpf_get_attach_cookie`.
    BpfLink { cookie: u64 },
}

/// A program attached to a perf event or a raw tracepoint. Drop detaches it (closing the
/// descriptors); detaching many at once is faster with [`detach_all`].
#[derive(Debug)]
pub struct Link {
    // Field order is drop order: the BPF link goes before the event it points to.
    bpf_link: Option<OwnedFd>,
    perf: Option<OwnedFd>,
}

impl Link {
    /// Attach `prog` to an open (preferably disabled) perf event and enable it.
    pub fn attach(prog: &Program, perf: OwnedFd, how: AttachMethod) -> Result<Link, SysError> {
        let err = |what: &str| {
            let what = format!("BPF program {}: {}", prog.name(), what);
            move |source| SysError::Os { what, source }
        };
        let bpf_link = match how {
            AttachMethod::Ioctl => {
                ioctl(
                    perf.as_raw_fd(),
                    PERF_EVENT_IOC_SET_BPF,
                    prog.fd() as libc::c_ulong,
                )
                .map_err(err("PERF_EVENT_IOC_SET_BPF"))?;
                None
            }
            AttachMethod::BpfLink { cookie } => {
                let mut attr = sys::LinkCreateAttr {
                    prog_fd: prog.fd() as u32,
                    target_fd: perf.as_raw_fd() as u32,
                    attach_type: sys::BPF_PERF_EVENT,
                    bpf_cookie: cookie,
                    ..Default::default()
                };
                Some(sys::bpf_fd(sys::BPF_LINK_CREATE, &mut attr).map_err(err("BPF_LINK_CREATE"))?)
            }
        };
        ioctl(perf.as_raw_fd(), PERF_EVENT_IOC_ENABLE, 0).map_err(err("PERF_EVENT_IOC_ENABLE"))?;
        Ok(Link {
            bpf_link,
            perf: Some(perf),
        })
    }

    /// The BPF link's descriptor, when attached with [`AttachMethod::BpfLink`].
    pub fn bpf_link_fd(&self) -> Option<RawFd> {
        self.bpf_link.as_ref().map(|f| f.as_raw_fd())
    }

    /// The perf event's descriptor (none for raw tracepoints).
    pub fn perf_fd(&self) -> Option<RawFd> {
        self.perf.as_ref().map(|f| f.as_raw_fd())
    }

    fn fds(&self) -> impl Iterator<Item = RawFd> + '_ {
        self.bpf_link
            .iter()
            .chain(self.perf.iter())
            .map(|f| f.as_raw_fd())
    }

    /// Disable the perf event (`PERF_EVENT_IOC_DISABLE`). For a CPU clock this stops the
    /// program; a tracepoint's program keeps running until the link is dropped, because the
    /// kernel hangs it off the tracepoint, not off the event. No-op for raw tracepoints.
    pub fn disable(&self) -> Result<(), SysError> {
        match &self.perf {
            Some(p) => {
                ioctl(p.as_raw_fd(), PERF_EVENT_IOC_DISABLE, 0).map_err(|source| SysError::Os {
                    what: "PERF_EVENT_IOC_DISABLE".into(),
                    source,
                })
            }
            None => Ok(()),
        }
    }
}

/// Attach a tracepoint program to `group:event`. One event on CPU 0 is enough: a tracepoint's
/// BPF programs hang off the tracepoint itself and run on every CPU.
pub fn attach_tracepoint(prog: &Program, group: &str, event: &str) -> Result<Link, SysError> {
    attach_tracepoint_with(prog, group, event, AttachMethod::Ioctl)
}

pub fn attach_tracepoint_with(
    prog: &Program,
    group: &str,
    event: &str,
    how: AttachMethod,
) -> Result<Link, SysError> {
    let id = tracefs::event_id(group, event)?;
    let attr = PerfEventAttr {
        ty: PERF_TYPE_TRACEPOINT,
        config: id as u64,
        flags: ATTR_DISABLED,
        ..Default::default()
    };
    let fd = perf_event_open(&attr, -1, 0).map_err(|source| SysError::Os {
        what: format!("perf_event_open tracepoint {}:{}", group, event),
        source,
    })?;
    Link::attach(prog, fd, how)
}

/// Attach a raw-tracepoint program to raw tracepoint `name` (`sys_enter`, `sched_switch`...).
/// Detaching a raw tracepoint does not wait for an RCU grace period, unlike a perf tracepoint
/// event: a provider with hundreds of probes on one raw tracepoint (syscalls) detaches fast.
pub fn attach_raw_tracepoint(prog: &Program, name: &str) -> Result<Link, SysError> {
    let cname = std::ffi::CString::new(name).map_err(|_| SysError::Os {
        what: format!("raw tracepoint name {:?}", name),
        source: io::Error::from(io::ErrorKind::InvalidInput),
    })?;
    let mut attr = sys::RawTpOpenAttr {
        name: sys::ptr(cname.as_ptr()),
        prog_fd: prog.fd() as u32,
        _pad: 0,
    };
    let fd =
        sys::bpf_fd(sys::BPF_RAW_TRACEPOINT_OPEN, &mut attr).map_err(|source| SysError::Os {
            what: format!("attach raw tracepoint {}", name),
            source,
        })?;
    Ok(Link {
        bpf_link: Some(fd),
        perf: None,
    })
}

/// Attach a perf-event program to a CPU clock on `cpu` firing every `period_ns` of that CPU's
/// time (idle included): `profile-N` opens one per online CPU, `tick-N` one in all.
pub fn attach_cpu_clock(prog: &Program, cpu: u32, period_ns: u64) -> Result<Link, SysError> {
    let attr = PerfEventAttr {
        ty: PERF_TYPE_SOFTWARE,
        config: PERF_COUNT_SW_CPU_CLOCK,
        sample_period: period_ns.max(1),
        flags: ATTR_DISABLED,
        ..Default::default()
    };
    let fd = perf_event_open(&attr, -1, cpu as i32).map_err(|source| SysError::Os {
        what: format!("perf_event_open cpu-clock on CPU {}", cpu),
        source,
    })?;
    Link::attach(prog, fd, AttachMethod::Ioctl)
}

/// Closing threads [`detach_all`] uses at most.
const DETACH_THREADS: usize = 32;

/// Detach many links at once and return when the kernel is done. The last detach from each
/// tracepoint waits for RCU grace periods under a kernel-wide mutex (measured ~72 ms each on
/// these VMs); closing from several threads overlaps the part outside the mutex, which halves
/// the total (100 syscall tracepoints: 7.3 s one by one, 3.8 s here). When the caller does not
/// need to wait, [`detach_in_background`] returns in milliseconds.
pub fn detach_all(links: Vec<Link>) {
    detach_all_with(links, DETACH_THREADS, true)
}

/// [`detach_all`] with its knobs exposed (for measurement): optionally disable every event first
/// (this stops CPU clocks at once; tracepoint programs run until their event is closed), then
/// close from up to `threads` threads.
pub fn detach_all_with(links: Vec<Link>, threads: usize, disable_first: bool) {
    if disable_first {
        for l in &links {
            // A failure here only means the event keeps firing until it is closed just below.
            let _ = l.disable();
        }
    }
    let threads = threads.clamp(1, links.len().max(1));
    if threads == 1 {
        drop(links);
        return;
    }
    let per = links.len().div_ceil(threads);
    let mut links = links;
    std::thread::scope(|s| {
        while !links.is_empty() {
            let batch: Vec<Link> = links.split_off(links.len().saturating_sub(per));
            let spawned = std::thread::Builder::new().spawn_scoped(s, move || drop(batch));
            // If no thread can be made, the batch was dropped (closed) here by the failed spawn.
            let _ = spawned;
        }
    });
}

/// Detach many links without waiting for the kernel: a detached helper process inherits the
/// links, the caller closes its own copies (cheap, since the helper still holds them) and
/// returns, and the helper exits, which makes the kernel do the slow teardown (one RCU grace
/// period per tracepoint, serialised by a kernel mutex: ~70 ms each measured here) in the
/// helper's exit. The helper keeps no other descriptor, so it holds no pipe or terminal open;
/// it is double-forked, so nobody has to reap it. Programs on tracepoints may still run until
/// the helper finishes: callers that need probes to stop at once must gate them in BPF (a
/// "stopped" flag in a map) before detaching. Falls back to [`detach_all`] when no process can
/// be created.
pub fn detach_in_background(links: Vec<Link>) {
    if links.is_empty() {
        return;
    }
    for l in &links {
        let _ = l.disable();
    }
    let mut pipe = [0 as libc::c_int; 2];
    // SAFETY: pipe2 writes two descriptors into the array.
    if unsafe { libc::pipe2(pipe.as_mut_ptr(), libc::O_CLOEXEC) } < 0 {
        return detach_all(links);
    }
    let mut keep: Vec<u32> = links
        .iter()
        .flat_map(|l| l.fds())
        .map(|fd| fd as u32)
        .collect();
    keep.push(pipe[0] as u32);
    keep.sort_unstable();
    // Everything the helper must close, worked out now: after fork it may only make syscalls.
    let mut gaps: Vec<(u32, u32)> = Vec::with_capacity(keep.len() + 1);
    let mut lo = 0u32;
    for &fd in &keep {
        if fd > lo {
            gaps.push((lo, fd - 1));
        }
        lo = fd + 1;
    }
    gaps.push((lo, u32::MAX));

    // SAFETY: the child only calls async-signal-safe system calls before _exit.
    let pid = unsafe { libc::fork() };
    if pid == 0 {
        // SAFETY: see above; nothing here allocates, locks or unwinds.
        unsafe {
            if libc::fork() != 0 {
                libc::_exit(0);
            }
            for &(lo, hi) in &gaps {
                libc::syscall(libc::SYS_close_range, lo, hi, 0 as libc::c_uint);
            }
            let mut b = 0u8;
            // Wait for the parent to drop its copies (EOF), or for the parent to die.
            while libc::read(pipe[0], &mut b as *mut u8 as *mut libc::c_void, 1) < 0
                && *libc::__errno_location() == libc::EINTR
            {}
            libc::_exit(0);
        }
    }
    // SAFETY: closing our copy of the read end.
    unsafe { libc::close(pipe[0]) };
    if pid < 0 {
        // SAFETY: closing the write end we own.
        unsafe { libc::close(pipe[1]) };
        return detach_all(links);
    }
    let mut status = 0;
    // SAFETY: reaping the intermediate child we just forked.
    while unsafe { libc::waitpid(pid, &mut status, 0) } < 0
        && io::Error::last_os_error().raw_os_error() == Some(libc::EINTR)
    {}
    drop(links);
    // SAFETY: closing the write end we own; the helper sees EOF and exits.
    unsafe { libc::close(pipe[1]) };
}
