//! uprobes as perf events: `perf_event_open` with the uprobe PMU, so the probe exists only as
//! long as our descriptor (no tracefs `uprobe_events` entry to clean up) and fires only in
//! the process it was opened for.

use std::ffi::CString;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::sync::OnceLock;

use super::perf::{perf_event_open, AttachMethod, Link, PerfEventAttr, ATTR_DISABLED};
use crate::error::SysError;
use crate::load::Program;

const PMU_DIR: &str = "/sys/bus/event_source/devices/uprobe";

/// The uprobe PMU: its perf type and the `config` bit that makes a return probe.
#[derive(Debug, Clone, Copy)]
struct Pmu {
    ty: u32,
    retprobe_bit: u32,
}

fn pmu() -> Result<Pmu, SysError> {
    static PMU: OnceLock<Option<Pmu>> = OnceLock::new();
    let p = PMU.get_or_init(|| {
        let ty = std::fs::read_to_string(format!("{}/type", PMU_DIR))
            .ok()?
            .trim()
            .parse()
            .ok()?;
        // `config:0`
        let fmt = std::fs::read_to_string(format!("{}/format/retprobe", PMU_DIR)).ok()?;
        let retprobe_bit = fmt.trim().strip_prefix("config:")?.parse().ok()?;
        Some(Pmu { ty, retprobe_bit })
    });
    p.ok_or_else(|| SysError::Os {
        what: format!("uprobe PMU ({})", PMU_DIR),
        source: io::Error::from(io::ErrorKind::NotFound),
    })
}

/// `config` bits 32-63 carry the reference counter (usdt semaphore) offset.
const REF_CTR_OFFSET_SHIFT: u32 = 32;

/// Attach a kprobe-type program to a uprobe (or uretprobe) at file offset `offset` of `path`,
/// firing in process `pid` only. `semaphore` is the file offset of a usdt semaphore the
/// kernel increments while the probe is attached.
pub fn attach_uprobe(
    prog: &Program,
    path: &Path,
    offset: u64,
    ret: bool,
    pid: i32,
    semaphore: Option<u64>,
) -> Result<Link, SysError> {
    let pmu = pmu()?;
    let cpath = CString::new(path.as_os_str().as_bytes()).map_err(|_| SysError::Os {
        what: format!("uprobe path {:?}", path),
        source: io::Error::from(io::ErrorKind::InvalidInput),
    })?;
    let mut config = 0u64;
    if ret {
        config |= 1 << pmu.retprobe_bit;
    }
    if let Some(s) = semaphore {
        config |= s << REF_CTR_OFFSET_SHIFT;
    }
    let attr = PerfEventAttr {
        ty: pmu.ty,
        config,
        config1: cpath.as_ptr() as u64,
        config2: offset,
        flags: ATTR_DISABLED,
        sample_period: 1,
        ..Default::default()
    };
    let fd = perf_event_open(&attr, pid, -1).map_err(|source| SysError::Os {
        what: format!(
            "perf_event_open uprobe {}:0x{:x} in pid {}",
            path.display(),
            offset,
            pid
        ),
        source,
    })?;
    Link::attach(prog, fd, AttachMethod::Ioctl)
}
