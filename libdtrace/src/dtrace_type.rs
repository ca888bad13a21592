//! Start-up detection of the kernel patch series (kernel-patches/): the DTrace program type.
//!
//! Detection loads the smallest program of the type (`r0 = 0; exit`) once: a stock kernel
//! refuses the unknown type with EINVAL before the verifier runs, a patched one accepts it.
//! No BTF is read and no verifier log is asked for, so it costs one bpf(2) call either way.

use crate::codegen::insn::Insn;
use crate::load::{sys, ProgType};

/// What the running kernel offers of the patch series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Features {
    /// `BPF_PROG_TYPE_DTRACE` loads.
    pub dtrace_type: bool,
}

/// Probe the running kernel.
pub fn detect() -> Features {
    Features {
        dtrace_type: loads(ProgType::Dtrace, &[Insn::mov64_imm(0, 0), Insn::exit()]),
    }
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

    /// The same probe sees a type every kernel has, so a refusal of the DTrace type means
    /// the type is missing, not that probing is broken. Needs root (skipped otherwise).
    #[test]
    fn detection_is_cheap_and_consistent() {
        if !loads(ProgType::RawTracepoint, &[Insn::mov64_imm(0, 0), Insn::exit()]) {
            return;
        }
        let t = std::time::Instant::now();
        let f = detect();
        let cost = t.elapsed();
        eprintln!("DTrace type present: {}, detection took {:?}", f.dtrace_type, cost);
        assert!(cost < std::time::Duration::from_millis(50));
        assert_eq!(f, detect());
    }
}
