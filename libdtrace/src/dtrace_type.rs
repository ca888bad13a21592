//! Start-up detection of the kernel patch series (kernel-patches/, interface in
//! kernel-patches/UAPI.md): the DTrace program type, `bpf_dtrace_call` and its flagged prog
//! array, the stack helpers in DTrace programs, and the perf ring buffer reserve/commit kfuncs.
//!
//! The first probe loads the smallest program of the type (`r0 = 0; exit`): a stock kernel
//! refuses the unknown type with EINVAL before the verifier runs, so a stock kernel pays one
//! bpf(2) call and nothing else (no BTF is read). Only a kernel that has the type is asked for
//! the rest, which needs one pass over vmlinux BTF for the kfuncs' ids.

use crate::codegen::dtrace_type::Kfuncs;
use crate::codegen::insn::*;
use crate::load::{sys, Map, MapType, ProgType};

/// `map_flags` of the prog array `bpf_dtrace_call` takes.
pub const BPF_F_DTRACE_PROG_ARRAY: u32 = 1 << 19;

/// What the running kernel offers of the patch series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Features {
    /// `BPF_PROG_TYPE_DTRACE` loads.
    pub dtrace_type: bool,
    /// Everything the DTrace-type path needs, when all of it is there: the kfuncs (by BTF id),
    /// the flagged prog array and `bpf_get_stack` in DTrace programs.
    pub kfuncs: Option<Kfuncs>,
}

/// Probe the running kernel.
pub fn detect() -> Features {
    let ret0 = [Insn::mov64_imm(R0, 0), Insn::exit()];
    if !loads(ProgType::Dtrace, &ret0) {
        return Features::default();
    }
    Features {
        dtrace_type: true,
        kfuncs: path_kfuncs(),
    }
}

fn path_kfuncs() -> Option<Kfuncs> {
    // bpf_get_stack(ctx, fp - 64, 64, 0) from a DTrace program: patch 2's register access.
    let stack = [
        Insn::mov64_reg(R2, FP),
        Insn::alu64_imm(BPF_ADD, R2, -64),
        Insn::mov64_imm(R3, 64),
        Insn::mov64_imm(R4, 0),
        Insn::call(helper::GET_STACK),
        Insn::mov64_imm(R0, 0),
        Insn::exit(),
    ];
    if !loads(ProgType::Dtrace, &stack) {
        return None;
    }
    Map::create(
        MapType::ProgArray,
        4,
        4,
        1,
        BPF_F_DTRACE_PROG_ARRAY,
        "dt_detect",
    )
    .ok()?;
    let ids = crate::btf::kfunc::vmlinux_func_ids(&[
        "bpf_dtrace_call",
        "bpf_perf_output_reserve",
        "bpf_perf_output_commit",
        "bpf_perf_output_discard",
    ])
    .ok()?;
    Some(Kfuncs {
        call: ids[0]?,
        reserve: ids[1]?,
        commit: ids[2]?,
        discard: ids[3]?,
    })
}

/// Whether the kernel accepts `insns` as a program of type `ty` (the program is dropped).
fn loads(ty: ProgType, insns: &[Insn]) -> bool {
    let license = c"GPL";
    let mut attr = sys::ProgLoadAttr {
        prog_type: ty.raw(),
        insn_cnt: insns.len() as u32,
        insns: sys::ptr(insns.as_ptr()),
        license: sys::ptr(license.as_ptr()),
        prog_name: sys::object_name("dt_detect"),
        ..Default::default()
    };
    sys::bpf_fd(sys::BPF_PROG_LOAD, &mut attr).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same probe accepts a type every kernel has, so a refusal of the DTrace type means
    /// the type is missing, not that probing is broken. Needs root (skipped otherwise).
    #[test]
    fn detection_is_cheap_and_consistent() {
        if !loads(
            ProgType::RawTracepoint,
            &[Insn::mov64_imm(R0, 0), Insn::exit()],
        ) {
            return;
        }
        let t = std::time::Instant::now();
        let f = detect();
        let cost = t.elapsed();
        eprintln!("{:?}, detection took {:?}", f, cost);
        assert!(cost < std::time::Duration::from_millis(50));
        assert_eq!(f, detect());
        if !f.dtrace_type {
            assert_eq!(f.kfuncs, None);
        }
    }

    /// The kfunc scan finds a FUNC every kernel with BTF has, and not a made-up one.
    #[test]
    fn kfunc_scan() {
        let t = std::time::Instant::now();
        let Ok(ids) = crate::btf::kfunc::vmlinux_func_ids(&["vfs_read", "no_such_func_at_all"])
        else {
            return;
        };
        eprintln!("vmlinux kfunc scan took {:?}", t.elapsed());
        let btf = crate::btf::Btf::load_vmlinux().unwrap();
        assert_eq!(ids[0], btf.find_func("vfs_read").map(|t| t.0));
        assert_eq!(ids[1], None);
    }
}
