//! Runtime faults and the ERROR probe.
//!
//! A fault (division by zero, a bad address) aborts the rest of the clause:
//! 1. the clause's record, if reserved, is discarded;
//! 2. a fault record goes to the ring buffer (header EPID [`FAULT_EPID`], then the faulting
//!    EPID, action index, fault code and value, see [`fault_record`]); the consumer prints
//!    `error on enabled probe ID ...` from it;
//! 3. if ERROR has clauses, the faulting probe's slot, probe ID and arg0..arg5 are saved in
//!    the fault frame, the machine state is set up as ERROR's (arg1 = EPID, arg2 = action,
//!    arg3 = -1, arg4 = fault code, arg5 = value) and the clause tail-calls ERROR's first
//!    clause, in the same prog array (each program type has its own copy of ERROR's clauses).
//!    ERROR's chain ends in the [`resume_program`], which restores the saved state and
//!    tail-calls the clause after the faulting one: the other clauses of the probe still run;
//! 4. otherwise it goes on with the next clause directly.
//! A fault inside an ERROR clause (the machine state's probe is ERROR) is only counted
//! (`N errors in ERROR probe enabling`), never reported through ERROR again.

use super::clause::Gen;
use super::emit::{Emitter, Label, Reloc};
use super::insn::*;
use super::{drops, mstate, MapRef};

/// The EPID that marks a fault record in the ring buffer.
pub const FAULT_EPID: u32 = u32::MAX;

/// DTrace's fault codes (`DTRACEFLT_*`), ERROR's arg4.
pub mod code {
    pub const UNKNOWN: u32 = 0;
    pub const BADADDR: u32 = 1;
    pub const BADALIGN: u32 = 2;
    pub const ILLOP: u32 = 3;
    pub const DIVZERO: u32 = 4;
    pub const NOSCRATCH: u32 = 5;
    pub const KPRIV: u32 = 6;
    pub const UPRIV: u32 = 7;
    pub const TUPOFLOW: u32 = 8;
    pub const BADSTACK: u32 = 9;
    pub const BADSIZE: u32 = 10;
    pub const BADINDEX: u32 = 11;
}

/// The fault frame: a fixed area at the start of the machine state's scratch space.
pub mod frame {
    /// u32: the faulting clause's slot (EPID), saved while ERROR runs.
    pub const SAVED_SLOT: u32 = 0;
    /// u32: the faulting probe's ID.
    pub const SAVED_PROBE: u32 = 4;
    /// u64 × 6: the faulting probe's arg0..arg5 (ERROR overwrites them).
    pub const SAVED_ARGS: u32 = 8;
    /// u32: the fault code of the fault being raised.
    pub const KIND: u32 = 56;
    /// u32: the action index (0 = predicate, then 1-based statement number).
    pub const ACTION: u32 = 60;
    /// u64: the fault value (the bad address; 0 for division by zero).
    pub const VALUE: u32 = 64;
    pub const SIZE: u32 = 72;
}

/// Offset from the machine state of a fault frame field.
fn f(field: u32) -> i16 {
    (mstate::SCRATCH + field) as i16
}

/// Layout of a fault record after the 8-byte header (EPID = [`FAULT_EPID`], CPU):
/// u32 faulting EPID at 8, u32 action index at 12, u32 fault code at 16, u64 value at 24.
pub mod fault_record {
    pub const EPID: usize = 8;
    pub const ACTION: usize = 12;
    pub const KIND: usize = 16;
    pub const VALUE: usize = 24;
    pub const SIZE: u32 = 32;
}

/// Where ERROR's clauses are, when it has any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorChain {
    /// The probe ID of `dtrace:::ERROR`.
    pub probe: u32,
    /// The slot of ERROR's first clause (its EPID).
    pub slot: u32,
}

impl<'a> Gen<'a> {
    /// Raise fault `kind` with the value in `value` (or 0): the clause stops here and the fault
    /// is reported and handed to ERROR. Emits an unconditional jump: callers branch around it.
    pub fn raise_fault(&mut self, kind: u32, value: Option<Reg>) {
        match value {
            Some(r) => self.e.emit(Insn::stx(BPF_DW, R6, f(frame::VALUE), r)),
            None => self.e.emit(Insn::st(BPF_DW, R6, f(frame::VALUE), 0)),
        }
        self.e
            .emit(Insn::st(BPF_W, R6, f(frame::KIND), kind as i32));
        self.e
            .emit(Insn::st(BPF_W, R6, f(frame::ACTION), self.action as i32));
        if self.reserved {
            self.flt_discard_used = true;
            self.e.ja(self.flt_discard);
        } else {
            self.flt_common_used = true;
            self.e.ja(self.flt_common);
        }
    }

    /// The code every `raise_fault` jumps to; placed after the clause's normal exit, before
    /// `next` (the tail call to the next clause).
    pub(super) fn fault_handler(&mut self, next: Label) {
        if !self.flt_discard_used && !self.flt_common_used {
            return;
        }
        self.e.ja(next);
        if self.flt_discard_used {
            self.e.bind(self.flt_discard);
            self.rec_discard();
        }
        self.e.bind(self.flt_common);
        let err = self.t.error_probe;
        if let Some(ep) = err {
            let not_dbl = self.e.label();
            self.e.emit(Insn::ldx(BPF_W, R1, R6, mstate::PROBE));
            self.e.mov_imm(R2, ep as i64);
            self.e.jump(Insn::jmp_reg(BPF_JNE, R1, R2, 0), not_dbl);
            self.count_drop(drops::DBLERR);
            self.e.ja(next);
            self.e.bind(not_dbl);
        }
        // The fault record, for the consumer's message.
        let no_record = self.e.label();
        self.rec_reserve(fault_record::SIZE, no_record);
        self.e.emit(Insn::st(BPF_W, R7, 0, FAULT_EPID as i32));
        self.e.call(helper::GET_SMP_PROCESSOR_ID);
        self.e.emit(Insn::stx(BPF_W, R7, 4, R0));
        self.e.emit(Insn::ldx(BPF_W, R1, R6, mstate::SLOT));
        self.e
            .emit(Insn::stx(BPF_W, R7, fault_record::EPID as i16, R1));
        self.e.emit(Insn::ldx(BPF_W, R1, R6, f(frame::ACTION)));
        self.e
            .emit(Insn::stx(BPF_W, R7, fault_record::ACTION as i16, R1));
        self.e.emit(Insn::ldx(BPF_W, R1, R6, f(frame::KIND)));
        self.e
            .emit(Insn::stx(BPF_DW, R7, fault_record::KIND as i16, R1));
        self.e.emit(Insn::ldx(BPF_DW, R1, R6, f(frame::VALUE)));
        self.e
            .emit(Insn::stx(BPF_DW, R7, fault_record::VALUE as i16, R1));
        self.submit(None);
        self.e.bind(no_record);
        if let (Some(ep), Some(slot)) = (err, self.t.error_slot) {
            let arg = |i: i16| mstate::ARGS + 8 * i;
            // Save what ERROR overwrites.
            self.e.emit(Insn::ldx(BPF_W, R1, R6, mstate::SLOT));
            self.e.emit(Insn::stx(BPF_W, R6, f(frame::SAVED_SLOT), R1));
            self.e.emit(Insn::ldx(BPF_W, R2, R6, mstate::PROBE));
            self.e.emit(Insn::stx(BPF_W, R6, f(frame::SAVED_PROBE), R2));
            for i in 0..6 {
                self.e.emit(Insn::ldx(BPF_DW, R2, R6, arg(i)));
                self.e
                    .emit(Insn::stx(BPF_DW, R6, f(frame::SAVED_ARGS) + 8 * i, R2));
            }
            // ERROR's arguments.
            self.e.emit(Insn::st(BPF_DW, R6, arg(0), 0));
            self.e.emit(Insn::stx(BPF_DW, R6, arg(1), R1));
            self.e.emit(Insn::ldx(BPF_W, R2, R6, f(frame::ACTION)));
            self.e.emit(Insn::stx(BPF_DW, R6, arg(2), R2));
            self.e.emit(Insn::st(BPF_DW, R6, arg(3), -1));
            self.e.emit(Insn::ldx(BPF_W, R2, R6, f(frame::KIND)));
            self.e.emit(Insn::stx(BPF_DW, R6, arg(4), R2));
            self.e.emit(Insn::ldx(BPF_DW, R2, R6, f(frame::VALUE)));
            self.e.emit(Insn::stx(BPF_DW, R6, arg(5), R2));
            self.e.mov_imm(R1, ep as i64);
            self.e.emit(Insn::stx(BPF_W, R6, mstate::PROBE, R1));
            self.e.mov_imm(R1, slot as i64);
            self.e.emit(Insn::stx(BPF_W, R6, mstate::SLOT, R1));
            self.e.emit(Insn::mov64_reg(R1, R9));
            self.e.ld_map(R2, MapRef::ProgArray);
            self.e.mov_imm(R3, slot as i64);
            self.e.call(helper::TAIL_CALL);
            // The tail call failed: put the probe's state back and go on with its next clause.
            restore(&mut self.e);
        }
        self.e.ja(next);
    }
}

/// Restore the slot, probe ID and arg0..arg5 saved in the fault frame (R6 = machine state).
fn restore(e: &mut Emitter) {
    e.emit(Insn::ldx(BPF_W, R1, R6, f(frame::SAVED_SLOT)));
    e.emit(Insn::stx(BPF_W, R6, mstate::SLOT, R1));
    e.emit(Insn::ldx(BPF_W, R1, R6, f(frame::SAVED_PROBE)));
    e.emit(Insn::stx(BPF_W, R6, mstate::PROBE, R1));
    for i in 0..6i16 {
        e.emit(Insn::ldx(BPF_DW, R1, R6, f(frame::SAVED_ARGS) + 8 * i));
        e.emit(Insn::stx(BPF_DW, R6, mstate::ARGS + 8 * i, R1));
    }
}

/// The program in the slot that ends ERROR's chain: it restores the faulting probe's state and
/// tail-calls the clause after the faulting one.
pub fn resume_program() -> (Vec<Insn>, Vec<Reloc>) {
    let mut e = Emitter::new();
    let out = e.label();
    e.emit(Insn::mov64_reg(R9, R1));
    e.emit(Insn::st(BPF_W, FP, -8, 0));
    e.ld_map(R1, MapRef::MState);
    e.emit(Insn::mov64_reg(R2, FP));
    e.emit(Insn::alu64_imm(BPF_ADD, R2, -8));
    e.call(helper::MAP_LOOKUP_ELEM);
    e.jeq_imm(R0, 0, out);
    e.emit(Insn::mov64_reg(R6, R0));
    restore(&mut e);
    e.emit(Insn::ldx(BPF_W, R3, R6, mstate::SLOT));
    e.emit(Insn::alu64_imm(BPF_ADD, R3, 1));
    e.emit(Insn::stx(BPF_W, R6, mstate::SLOT, R3));
    e.emit(Insn::mov64_reg(R1, R9));
    e.ld_map(R2, MapRef::ProgArray);
    e.call(helper::TAIL_CALL);
    e.bind(out);
    e.emit(Insn::mov64_imm(R0, 0));
    e.emit(Insn::exit());
    e.finish()
}

/// DTrace's text for a fault code (`dtrace_faultstr`).
pub fn fault_str(kind: u32) -> &'static str {
    match kind {
        code::BADADDR => "invalid address",
        code::BADALIGN => "invalid alignment",
        code::ILLOP => "illegal operation",
        code::DIVZERO => "divide-by-zero",
        code::NOSCRATCH => "out of scratch space",
        code::KPRIV => "invalid kernel access",
        code::UPRIV => "invalid user access",
        code::TUPOFLOW => "tuple stack overflow",
        code::BADSTACK => "bad stack",
        code::BADSIZE => "invalid size",
        code::BADINDEX => "index out of bounds",
        _ => "unknown fault",
    }
}

/// The message dtrace prints for a fault record (without `dtrace: `), as illumos and Oracle
/// format it: no `at DIF offset` (there is no DIF; the offset is always -1).
pub fn fault_message(
    epid: u32,
    probe: &crate::handle::ProbeDesc,
    action: u32,
    kind: u32,
    value: u64,
) -> String {
    let detail = match kind {
        code::BADADDR | code::BADALIGN | code::BADSTACK | code::BADSIZE => {
            format!(" (0x{:x})", value)
        }
        code::BADINDEX => format!(" ({})", value as i64),
        _ => String::new(),
    };
    let place = if action == 0 {
        "predicate".to_string()
    } else {
        format!("action #{}", action)
    };
    format!(
        "error on enabled probe ID {} (ID {}: {}:{}:{}:{}): {}{} in {}",
        epid,
        probe.id,
        probe.provider,
        probe.module,
        probe.function,
        probe.name,
        fault_str(kind),
        detail,
        place
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages() {
        let p = crate::handle::ProbeDesc {
            id: 1,
            provider: "dtrace".into(),
            module: "".into(),
            function: "".into(),
            name: "BEGIN".into(),
        };
        assert_eq!(
            fault_message(3, &p, 1, code::DIVZERO, 0),
            "error on enabled probe ID 3 (ID 1: dtrace:::BEGIN): divide-by-zero in action #1"
        );
        assert_eq!(
            fault_message(3, &p, 0, code::BADADDR, 0x10),
            "error on enabled probe ID 3 (ID 1: dtrace:::BEGIN): invalid address (0x10) in predicate"
        );
    }
}
