//! Bucketing of quantize(), lquantize() and llquantize() values in BPF: a call to the bpf/
//! runtime routine of the function (`bpf/buckets.c`, the same arithmetic as
//! `aggregate::hist`, which documents the layouts) with the function's constant parameters,
//! so that the verifier follows the routine with known values.

use super::clause::Gen;
use super::insn::*;
use crate::aggregate::AggFunc;

impl<'a> Gen<'a> {
    /// R1 holds the value (signed 64 bits); leave its bucket index in R1, always below
    /// `func.value_words()` (clamped, so the verifier can prove the access in bounds).
    /// Clobbers R0 and R2..R5 (a BPF-to-BPF call).
    pub(super) fn hist_bucket(&mut self, func: AggFunc) {
        match func {
            AggFunc::Quantize => self.e.call_routine("dt_quantize_bucket"),
            AggFunc::Lquantize { base, step, levels } => {
                self.e.emit(Insn::mov64_imm(R2, base));
                self.e.emit(Insn::mov64_imm(R3, step as i32));
                self.e.emit(Insn::mov64_imm(R4, levels as i32));
                self.e.call_routine("dt_lquantize_bucket");
            }
            AggFunc::Llquantize {
                factor,
                lmag,
                hmag,
                steps,
            } => {
                self.e.emit(Insn::mov64_imm(R2, factor as i32));
                self.e.emit(Insn::mov64_imm(R3, lmag as i32));
                self.e.emit(Insn::mov64_imm(R4, hmag as i32));
                self.e.emit(Insn::mov64_imm(R5, steps as i32));
                self.e.call_routine("dt_llquantize_bucket");
            }
            _ => self.e.emit(Insn::mov64_imm(R0, 0)),
        }
        self.e.emit(Insn::mov64_reg(R1, R0));
        let max = func.value_words().saturating_sub(1) as i32;
        let ok = self.e.label();
        self.e.jump(Insn::jmp_imm(BPF_JLE, R1, max, 0), ok);
        self.e.emit(Insn::mov64_imm(R1, max));
        self.e.bind(ok);
    }
}
