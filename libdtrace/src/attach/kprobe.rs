//! kprobes and kretprobes through the kprobe PMU: perf_event_open makes the probe and the
//! event at once (no kprobe_events text, nothing left behind in tracefs when the process dies).

use std::ffi::CString;
use std::io;

use super::perf::{perf_event_open, AttachMethod, Link, PerfEventAttr, ATTR_DISABLED};
use crate::error::SysError;
use crate::load::Program;
use crate::provider::fbt;

/// Attach a kprobe program to the entry of kernel function `symbol` (`name` or `module:name`),
/// or with `retprobe` to its return. As with tracepoints, one event on CPU 0 suffices: the
/// program hangs off the probe and runs on every CPU.
pub fn attach_kprobe(prog: &Program, symbol: &str, retprobe: bool) -> Result<Link, SysError> {
    let what = || {
        format!(
            "perf_event_open {} {}",
            if retprobe { "kretprobe" } else { "kprobe" },
            symbol
        )
    };
    let pmu = fbt::kprobe_pmu().ok_or_else(|| SysError::Os {
        what: what(),
        source: io::Error::from_raw_os_error(libc::ENOENT),
    })?;
    let name = CString::new(symbol).map_err(|_| SysError::Os {
        what: what(),
        source: io::Error::from(io::ErrorKind::InvalidInput),
    })?;
    let attr = PerfEventAttr {
        ty: pmu.ty,
        config: if retprobe {
            1u64 << pmu.retprobe_bit
        } else {
            0
        },
        // kprobe_func: the kernel copies the name during the call.
        config1: name.as_ptr() as u64,
        config2: 0,
        flags: ATTR_DISABLED,
        ..Default::default()
    };
    let fd = perf_event_open(&attr, -1, 0).map_err(|source| SysError::Os {
        what: what(),
        source,
    })?;
    drop(name);
    Link::attach(prog, fd, AttachMethod::Ioctl)
}
