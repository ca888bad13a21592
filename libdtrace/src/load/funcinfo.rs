//! BTF function information for programs that pass a subprogram to a helper as a callback
//! (`bpf_loop()` in the string searches of bpf/strings.c). The kernel accepts a callback only in
//! a program that describes every subprogram with a BTF `FUNC`; one static `void (void)`
//! function type, loaded once per process, serves them all (a static subprogram's prototype is
//! not checked against its use).

use std::io;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::sync::OnceLock;

use super::sys::{self, ptr};
use crate::codegen::insn::{Insn, BPF_CALL, BPF_JMP};
use crate::codegen::link::{BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC};

const BPF_BTF_LOAD: u32 = 18;
const BTF_KIND_FUNC: u32 = 12;
const BTF_KIND_FUNC_PROTO: u32 = 13;
/// The type id of the `FUNC` in the blob below.
const FUNC_TYPE_ID: u32 = 2;
const LD_IMM64: u8 = 0x18;

#[repr(C)]
#[derive(Default)]
struct BtfLoadAttr {
    btf: u64,
    btf_log_buf: u64,
    btf_size: u32,
    btf_log_size: u32,
    btf_log_level: u32,
}

/// `struct bpf_func_info`: where a subprogram starts and its BTF type.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FuncInfo {
    pub insn_off: u32,
    pub type_id: u32,
}

/// Whether the program loads a subprogram's address (and so needs function information).
pub fn needs_func_info(insns: &[Insn]) -> bool {
    insns
        .iter()
        .any(|i| i.code == LD_IMM64 && i.src() == BPF_PSEUDO_FUNC)
}

/// One entry per subprogram, in order: the program's start and every target of a BPF-to-BPF
/// call or of a subprogram address load.
pub fn func_info(insns: &[Insn]) -> Vec<FuncInfo> {
    let mut starts = vec![0u32];
    for (i, insn) in insns.iter().enumerate() {
        let call = insn.code == BPF_JMP | BPF_CALL && insn.src() == BPF_PSEUDO_CALL;
        let addr = insn.code == LD_IMM64 && insn.src() == BPF_PSEUDO_FUNC;
        if call || addr {
            let t = i as i64 + 1 + insn.imm as i64;
            if t > 0 && (t as usize) < insns.len() {
                starts.push(t as u32);
            }
        }
    }
    starts.sort_unstable();
    starts.dedup();
    starts
        .into_iter()
        .map(|insn_off| FuncInfo {
            insn_off,
            type_id: FUNC_TYPE_ID,
        })
        .collect()
}

/// The BTF blob: [1] `void (void)`, [2] static function `dt_func` of that type.
fn blob() -> Vec<u8> {
    let strings = b"\0dt_func\0";
    let mut types = Vec::new();
    for w in [
        0u32,
        BTF_KIND_FUNC_PROTO << 24,
        0,
        1,
        BTF_KIND_FUNC << 24,
        1,
    ] {
        types.extend_from_slice(&w.to_le_bytes());
    }
    let mut b = Vec::new();
    b.extend_from_slice(&0xeb9fu16.to_le_bytes());
    b.push(1); // version
    b.push(0); // flags
    for w in [24u32, 0, types.len() as u32, types.len() as u32, strings.len() as u32] {
        b.extend_from_slice(&w.to_le_bytes());
    }
    b.extend_from_slice(&types);
    b.extend_from_slice(strings);
    b
}

/// The BTF object for program loads, loaded on first use and kept for the process.
pub fn btf_fd() -> io::Result<RawFd> {
    static FD: OnceLock<Result<OwnedFd, i32>> = OnceLock::new();
    let r = FD.get_or_init(|| {
        let data = blob();
        let mut attr = BtfLoadAttr {
            btf: ptr(data.as_ptr()),
            btf_size: data.len() as u32,
            ..Default::default()
        };
        sys::bpf_fd(BPF_BTF_LOAD, &mut attr).map_err(|e| e.raw_os_error().unwrap_or(libc::EINVAL))
    });
    match r {
        Ok(fd) => Ok(fd.as_raw_fd()),
        Err(e) => Err(io::Error::from_raw_os_error(*e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codegen::insn::*;

    #[test]
    fn subprogram_starts() {
        let mut p = vec![Insn::mov64_imm(R0, 0); 8];
        p[1] = Insn::raw(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 3); // -> 5
        p[2] = Insn::raw(LD_IMM64, R2, BPF_PSEUDO_FUNC, 0, 4); // -> 7
        assert!(needs_func_info(&p));
        let starts: Vec<u32> = func_info(&p).iter().map(|f| f.insn_off).collect();
        assert_eq!(starts, vec![0, 5, 7]);
        assert!(!needs_func_info(&p[..2]));
    }

    #[test]
    fn blob_layout() {
        let b = blob();
        assert_eq!(&b[..2], &[0x9f, 0xeb]);
        assert_eq!(b.len(), 24 + 24 + 9);
    }
}
