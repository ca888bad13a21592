//! BPF programs: loading (with the verifier's log on failure), ids, and test runs.

use std::ffi::CString;
use std::io;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};

use super::sys::{self, ptr};
use crate::codegen::insn::Insn;
use crate::error::SysError;

/// Program types (`enum bpf_prog_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgType {
    SocketFilter,
    Kprobe,
    Tracepoint,
    PerfEvent,
    RawTracepoint,
    /// `BPF_PROG_TYPE_DTRACE` of kernel-patches/ (not in any released kernel).
    Dtrace,
}

impl ProgType {
    pub fn raw(self) -> u32 {
        match self {
            ProgType::SocketFilter => 1,
            ProgType::Kprobe => 2,
            ProgType::Tracepoint => 5,
            ProgType::PerfEvent => 7,
            ProgType::RawTracepoint => 17,
            ProgType::Dtrace => 33,
        }
    }
}

/// A loaded program. Drop closes its descriptor; the kernel frees the program when nothing
/// (link, perf event, prog_array slot) refers to it any more.
#[derive(Debug)]
pub struct Program {
    fd: OwnedFd,
    ty: ProgType,
    name: String,
}

/// The verifier log grows to this size at most (what every kernel accepts).
const MAX_LOG: usize = 16 << 20;
const FIRST_LOG: usize = 256 << 10;

impl Program {
    /// Load a program. The first attempt runs without a log, which is the common, fast case;
    /// when the kernel refuses the program it is loaded again with a verifier log so that the
    /// error says why.
    pub fn load(
        ty: ProgType,
        insns: &[Insn],
        name: &str,
        license: &str,
    ) -> Result<Program, SysError> {
        let lic = CString::new(license).map_err(|_| SysError::Os {
            what: format!("BPF program {}: license string contains NUL", name),
            source: io::Error::from(io::ErrorKind::InvalidInput),
        })?;
        let first = load_once(ty, insns, name, &lic, None);
        let err = match first {
            Ok(fd) => {
                return Ok(Program {
                    fd,
                    ty,
                    name: name.to_string(),
                })
            }
            Err(e) => e,
        };
        let mut size = FIRST_LOG;
        loop {
            let mut log = vec![0u8; size];
            match load_once(ty, insns, name, &lic, Some(&mut log)) {
                // Loads that depend on kernel state (memory, EAGAIN) can pass the second time.
                Ok(fd) => {
                    return Ok(Program {
                        fd,
                        ty,
                        name: name.to_string(),
                    })
                }
                Err(e) if e.raw_os_error() == Some(libc::ENOSPC) && size < MAX_LOG => {
                    size = (size * 4).min(MAX_LOG);
                }
                Err(e) => {
                    let end = log.iter().position(|&b| b == 0).unwrap_or(log.len());
                    let text = String::from_utf8_lossy(&log[..end]).trim_end().to_string();
                    // With a full log the kernel reports ENOSPC; the reason is the first error.
                    let source = if e.raw_os_error() == Some(libc::ENOSPC) {
                        err
                    } else {
                        e
                    };
                    if text.contains("BPF program is too large") {
                        // The verifier gave up: its log is a million steps no user can act on.
                        return Err(SysError::Os {
                            what: format!(
                                "BPF program {} is too complex for the kernel's verifier (more than 1000000 instructions to check): split the clause's work over several clauses",
                                name
                            ),
                            source: std::io::Error::from_raw_os_error(libc::E2BIG),
                        });
                    }
                    if text.is_empty() {
                        return Err(SysError::Os {
                            what: format!("failed to load BPF program {}", name),
                            source,
                        });
                    }
                    return Err(SysError::Verifier {
                        name: name.to_string(),
                        source,
                        log: text,
                    });
                }
            }
        }
    }

    pub fn fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }
    pub fn prog_type(&self) -> ProgType {
        self.ty
    }
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The kernel's id of this program (as `bpftool prog` shows it).
    pub fn id(&self) -> Result<u32, SysError> {
        // struct bpf_prog_info begins { __u32 type; __u32 id; ... }: ask for those 8 bytes only.
        let mut info = [0u32; 2];
        let mut attr = sys::InfoAttr {
            bpf_fd: self.fd() as u32,
            info_len: 8,
            info: ptr(info.as_mut_ptr()),
        };
        sys::bpf(sys::BPF_OBJ_GET_INFO_BY_FD, &mut attr).map_err(|source| SysError::Os {
            what: format!("BPF program {}: get info", self.name),
            source,
        })?;
        Ok(info[1])
    }
}

fn load_once(
    ty: ProgType,
    insns: &[Insn],
    name: &str,
    license: &CString,
    log: Option<&mut [u8]>,
) -> io::Result<OwnedFd> {
    let mut attr = sys::ProgLoadAttr {
        prog_type: ty.raw(),
        insn_cnt: insns.len() as u32,
        insns: ptr(insns.as_ptr()),
        license: ptr(license.as_ptr()),
        prog_name: sys::object_name(name),
        ..Default::default()
    };
    // A program passing a callback to bpf_loop() must describe its subprograms in BTF.
    let funcs = if super::funcinfo::needs_func_info(insns) {
        super::funcinfo::func_info(insns)
    } else {
        Vec::new()
    };
    if !funcs.is_empty() {
        attr.prog_btf_fd = super::funcinfo::btf_fd()? as u32;
        attr.func_info_rec_size = std::mem::size_of::<super::funcinfo::FuncInfo>() as u32;
        attr.func_info = ptr(funcs.as_ptr());
        attr.func_info_cnt = funcs.len() as u32;
    }
    if let Some(log) = log {
        attr.log_level = 1;
        attr.log_size = log.len() as u32;
        attr.log_buf = ptr(log.as_mut_ptr());
    }
    // EAGAIN: the verifier was interrupted by a signal or hit a transient limit; libbpf retries too.
    let mut tries = 0;
    loop {
        match sys::bpf_fd(sys::BPF_PROG_LOAD, &mut attr) {
            Err(e) if e.raw_os_error() == Some(libc::EAGAIN) && tries < 5 => tries += 1,
            r => return r,
        }
    }
}

/// Whether a program with this id still exists in the kernel.
pub fn prog_id_exists(id: u32) -> Result<bool, SysError> {
    let mut attr = sys::GetIdAttr {
        id,
        ..Default::default()
    };
    match sys::bpf_fd(sys::BPF_PROG_GET_FD_BY_ID, &mut attr) {
        Ok(_fd) => Ok(true),
        Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(false),
        Err(e) => Err(SysError::Os {
            what: format!("BPF program id {}", id),
            source: e,
        }),
    }
}

const BPF_F_TEST_RUN_ON_CPU: u32 = 1;

/// Run a raw-tracepoint program once, synchronously, with `args` as its context (at most 12),
/// on `cpu` (through an IPI when it is not the calling thread's CPU) or on the calling CPU.
/// Returns the program's return value. This is how BEGIN and END fire: the program runs in the
/// calling thread's context, so `pid` and friends are the consumer's.
pub fn test_run_raw_tp(prog: &Program, cpu: Option<u32>, args: &[u64]) -> Result<u32, SysError> {
    if args.len() > 12 {
        return Err(SysError::Os {
            what: format!(
                "BPF program {}: {} raw tracepoint arguments (at most 12)",
                prog.name,
                args.len()
            ),
            source: io::Error::from(io::ErrorKind::InvalidInput),
        });
    }
    let mut attr = sys::TestRunAttr {
        prog_fd: prog.fd() as u32,
        ctx_size_in: (args.len() * 8) as u32,
        ctx_in: if args.is_empty() {
            0
        } else {
            ptr(args.as_ptr())
        },
        ..Default::default()
    };
    if let Some(c) = cpu {
        attr.flags = BPF_F_TEST_RUN_ON_CPU;
        attr.cpu = c;
    }
    sys::bpf(sys::BPF_PROG_TEST_RUN, &mut attr).map_err(|source| SysError::Os {
        what: format!("BPF program {}: test run", prog.name),
        source,
    })?;
    Ok(attr.retval)
}
