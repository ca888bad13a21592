//! Code for kernels with the patch series (kernel-patches/UAPI.md): stubs of every event type
//! call into clause programs of the one DTrace program type through `bpf_dtrace_call`, and
//! clauses write their records in place into the perf ring buffer with
//! `bpf_perf_output_reserve` / `_commit` / `_discard`.
//!
//! The stub's call is the context conversion: the kernel builds the DTrace program's context
//! from the 88 bytes the stub points it at (the machine state's arg0..arg9, then its errno word
//! as the cookie) and from the registers of the caller's own context. The clause programs still
//! read everything from the machine state, exactly as on stock kernels, and tail-call the next
//! clause through an ordinary prog array of DTrace programs; `bpf_dtrace_call` needs its own
//! flagged array (`MapRef::DtraceCall`) holding each probe's first clause.
//!
//! Records carry their time: the perf ring's direct records have no sample fields, so the
//! commit appends `bpf_ktime_get_ns()` after the record's own bytes, and the consumer merges
//! the CPUs' rings by it and strips it (`consume::perfbuf::Framing::Direct`).

use super::clause::Gen;
use super::emit::Emitter;
use super::insn::*;
use super::{mstate, MapRef};

/// The BTF ids of the series' kfuncs in the running kernel (they change with every build).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kfuncs {
    pub call: u32,
    pub reserve: u32,
    pub commit: u32,
    pub discard: u32,
}

/// `src_reg` of a call to a kernel function by BTF id.
const BPF_PSEUDO_KFUNC_CALL: u8 = 2;
/// `bpf_perf_output_reserve` flag: the ring of the CPU the program runs on.
const BPF_F_CURRENT_CPU: u64 = 0xffff_ffff;
/// The largest reservation the kfunc accepts.
pub const MAX_RESERVE: u32 = 16384;
/// Bytes of the time trailer after each record.
pub const TRAILER: u32 = 8;

/// A call of the kfunc with BTF id `id`.
pub fn kfunc_call(id: u32) -> Insn {
    Insn::raw(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, id as i32)
}

/// The end of a stub (R9 = its context, R6 = the machine state): run the clause chain starting
/// at `slot`, then return.
pub fn emit_call(e: &mut Emitter, call: u32, slot: u32) {
    e.emit(Insn::mov64_reg(R1, R9));
    e.ld_map(R2, MapRef::DtraceCall);
    e.mov_imm(R3, slot as i64);
    e.emit(Insn::mov64_reg(R4, R6));
    e.emit(Insn::alu64_imm(BPF_ADD, R4, mstate::ARGS as i32));
    e.emit(kfunc_call(call));
}

impl<'a> Gen<'a> {
    /// R0 = a reservation of `size` bytes plus the time trailer, or NULL.
    pub(super) fn perf_reserve(&mut self, k: Kfuncs, size: u32) {
        self.e.ld_map(R1, MapRef::RingBuf);
        self.e.emit2(Insn::ld_imm64(R2, BPF_F_CURRENT_CPU));
        self.e.mov_imm(R3, (size + TRAILER) as i64);
        self.e.emit(kfunc_call(k.reserve));
    }

    /// Stamp and commit the record in R7.
    pub(super) fn perf_commit(&mut self, k: Kfuncs) {
        self.e.call(helper::KTIME_GET_NS);
        self.e.emit(Insn::stx(BPF_DW, R7, self.rec_len as i16, R0));
        self.e.emit(Insn::mov64_reg(R1, R7));
        self.e.emit(kfunc_call(k.commit));
    }

    pub(super) fn perf_discard(&mut self, k: Kfuncs) {
        self.e.emit(Insn::mov64_reg(R1, R7));
        self.e.emit(kfunc_call(k.discard));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kfunc_call_encoding() {
        let i = kfunc_call(70123);
        assert_eq!(i.code, 0x85);
        assert_eq!(i.src(), 2);
        assert_eq!(i.dst(), 0);
        assert_eq!(i.off, 0);
        assert_eq!(i.imm, 70123);
    }

    /// The stub's end: R1 its own context, R2 the flagged prog array, R3 the first clause's
    /// slot, R4 the 88 bytes at the machine state's arguments, then the kfunc by BTF id.
    #[test]
    fn stub_call_sequence() {
        let mut e = Emitter::new();
        emit_call(&mut e, 4242, 17);
        let (insns, relocs) = e.finish();
        assert_eq!(relocs.len(), 1);
        assert_eq!(relocs[0].map, MapRef::DtraceCall);
        let last = insns.last().unwrap();
        assert_eq!((last.code, last.src(), last.imm), (0x85, 2, 4242));
        // mov r1, r9 first; r4 = r6 + ARGS just before the call.
        assert_eq!((insns[0].dst(), insns[0].src()), (1, 9));
        let add = &insns[insns.len() - 2];
        assert_eq!((add.dst(), add.imm), (4, mstate::ARGS as i32));
        assert!(insns.iter().any(|i| i.dst() == 3 && i.imm == 17));
    }

    /// A recording clause compiled for the DTrace-type path: reserve of the record plus its
    /// time trailer through the kfunc, the time stored right after the record, commit of R7;
    /// no BPF ring buffer helper anywhere (a fault path discards through the kfunc too).
    #[test]
    fn clause_reserves_and_commits_in_the_perf_ring() {
        use crate::check::{Checker, Macros, Symbols};
        use crate::codegen::clause::{compile, Target};
        use crate::codegen::recbuf::RecBuf;
        let k = Kfuncs {
            call: 901,
            reserve: 902,
            commit: 903,
            discard: 904,
        };
        let mut syms = Symbols::default();
        let mut probes = crate::provider::ProbeTable::new();
        let opts = crate::options::Options::default();
        let macros = Macros {
            argv: vec![],
            target: None,
        };
        let ast =
            crate::parse::parse_program("BEGIN { printf(\"%d %d\\n\", 1 / arg0, 2); }").unwrap();
        let checked = Checker::new(
            &mut syms,
            &mut probes,
            &opts,
            &macros,
            crate::handle::ProbeSpecKind::Script,
            false,
        )
        .check(&ast)
        .unwrap();
        let t = Target {
            strsize: 257,
            ring_size: 1 << 16,
            task_real_parent: None,
            task_tgid: None,
            dynvarsize: 1 << 20,
            error_probe: None,
            error_slot: None,
            nspec: 1,
            scratchsize: crate::codegen::scratch::SCRATCH_SIZE,
            recbuf: RecBuf::PerfReserve(k),
        };
        let code = compile(&checked.clauses[0], &syms, t).unwrap();
        let kcalls: Vec<(usize, i32)> = code
            .insns
            .iter()
            .enumerate()
            .filter(|(_, i)| i.code == 0x85 && i.src() == 2)
            .map(|(n, i)| (n, i.imm))
            .collect();
        let reserves: Vec<usize> = kcalls.iter().filter(|c| c.1 == 902).map(|c| c.0).collect();
        // The clause's record, and the fault record of the division.
        assert_eq!(reserves.len(), 2);
        assert!(kcalls.iter().any(|c| c.1 == 903));
        assert!(kcalls.iter().any(|c| c.1 == 904));
        // R3 = record size + trailer, just before the clause's reservation.
        let size = code.record_size + TRAILER;
        assert!(code.insns[..reserves[0]]
            .iter()
            .rev()
            .take(3)
            .any(|i| i.dst() == 3 && i.imm == size as i32));
        assert_eq!(size % 8, 0);
        // The time lands right after the record's own bytes.
        assert!(code
            .insns
            .iter()
            .any(|i| i.code == (BPF_STX | BPF_MEM | BPF_DW)
                && i.dst() == 7
                && i.off == code.record_size as i16));
        for ringbuf in [
            helper::RINGBUF_RESERVE,
            helper::RINGBUF_SUBMIT,
            helper::RINGBUF_DISCARD,
            helper::RINGBUF_QUERY,
        ] {
            assert!(!code
                .insns
                .iter()
                .any(|i| i.code == 0x85 && i.src() == 0 && i.imm == ringbuf));
        }
    }
}
