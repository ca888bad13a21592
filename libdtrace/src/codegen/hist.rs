//! Bucketing of quantize(), lquantize() and llquantize() values in BPF: the same arithmetic as
//! `aggregate::hist` (which documents the layouts), generated inline with the function's
//! constant parameters folded in.
//!
//! The bucketing is kept behind [`Gen::hist_bucket`] so that it can move to a shared
//! routine of the bpf/ runtime without touching its callers.

use super::clause::Gen;
use super::insn::*;
use crate::aggregate::hist::{llquantize_bin0, QUANTIZE_ZERO};
use crate::aggregate::AggFunc;

impl<'a> Gen<'a> {
    /// R1 holds the value (signed 64 bits); leave its bucket index in R1, always below
    /// `func.value_words()` (clamped, so the verifier can prove the access in bounds).
    /// Clobbers R2..R5.
    pub(super) fn hist_bucket(&mut self, func: AggFunc) {
        match func {
            AggFunc::Quantize => self.quantize_bucket(),
            AggFunc::Lquantize { base, step, levels } => self.lquantize_bucket(base, step, levels),
            AggFunc::Llquantize { .. } => self.llquantize_bucket(&func),
            _ => self.e.emit(Insn::mov64_imm(R1, 0)),
        }
        let max = func.value_words().saturating_sub(1) as i32;
        let ok = self.e.label();
        self.e.jump(Insn::jmp_imm(BPF_JLE, R1, max, 0), ok);
        self.e.emit(Insn::mov64_imm(R1, max));
        self.e.bind(ok);
    }

    /// R3 = floor(log2(R1)) for R1 != 0 (unsigned); R1 is destroyed. Uses R4.
    fn log2(&mut self) {
        self.e.emit(Insn::mov64_imm(R3, 0));
        for s in [32, 16, 8, 4, 2, 1] {
            let skip = self.e.label();
            self.e.emit(Insn::mov64_reg(R4, R1));
            self.e.emit(Insn::alu64_imm(BPF_RSH, R4, s));
            self.e.jeq_imm(R4, 0, skip);
            self.e.emit(Insn::mov64_reg(R1, R4));
            self.e.emit(Insn::alu64_imm(BPF_ADD, R3, s));
            self.e.bind(skip);
        }
    }

    fn quantize_bucket(&mut self) {
        let done = self.e.label();
        let positive = self.e.label();
        let clamp = self.e.label();
        let z = QUANTIZE_ZERO as i32;
        self.e.emit(Insn::mov64_imm(R2, z));
        self.e.jeq_imm(R1, 0, done);
        self.e.jump(Insn::jmp_imm(BPF_JSGT, R1, 0, 0), positive);
        // Negative: the magnitude's power of two counts down from just below zero; the
        // magnitude of INT64_MIN (2^63) shares the last bucket with 2^62.
        self.e.emit(Insn::alu64_imm(BPF_NEG, R1, 0));
        self.log2();
        self.e.jump(Insn::jmp_imm(BPF_JLE, R3, 62, 0), clamp);
        self.e.emit(Insn::mov64_imm(R3, 62));
        self.e.bind(clamp);
        self.e.emit(Insn::mov64_imm(R2, z - 1));
        self.e.emit(Insn::alu64_reg(BPF_SUB, R2, R3));
        self.e.ja(done);
        self.e.bind(positive);
        self.log2();
        self.e.emit(Insn::mov64_imm(R2, z + 1));
        self.e.emit(Insn::alu64_reg(BPF_ADD, R2, R3));
        self.e.bind(done);
        self.e.emit(Insn::mov64_reg(R1, R2));
    }

    fn lquantize_bucket(&mut self, base: i32, step: u16, levels: u16) {
        let done = self.e.label();
        self.e.emit(Insn::mov64_imm(R2, 0));
        self.e.emit(Insn::mov64_imm(R3, base));
        self.e.jump(Insn::jmp_reg(BPF_JSLT, R1, R3, 0), done);
        // v >= base: the distance fits in an unsigned 64-bit number.
        self.e.emit(Insn::alu64_reg(BPF_SUB, R1, R3));
        self.e.mov_imm(R3, levels as i64 * step as i64);
        self.e.emit(Insn::mov64_imm(R2, levels as i32 + 1));
        self.e.jump(Insn::jmp_reg(BPF_JGE, R1, R3, 0), done);
        self.e
            .emit(Insn::alu64_imm(BPF_DIV, R1, step.max(1) as i32));
        self.e.emit(Insn::mov64_reg(R2, R1));
        self.e.emit(Insn::alu64_imm(BPF_ADD, R2, 1));
        self.e.bind(done);
        self.e.emit(Insn::mov64_reg(R1, R2));
    }

    /// Position above bin0 by magnitude, mirrored below bin0 for negative values.
    fn llquantize_bucket(&mut self, func: &AggFunc) {
        let AggFunc::Llquantize {
            factor,
            lmag,
            hmag,
            steps,
        } = *func
        else {
            return;
        };
        let (factor, steps) = (factor as u64, steps as u64);
        let bin0 = llquantize_bin0(func) as i64;
        let per = steps - steps / factor;
        let found = self.e.label();
        let neg = self.e.label();
        let end = self.e.label();
        // R5 = 1 when the value is negative; R1 = its magnitude.
        self.e.emit(Insn::mov64_imm(R5, 0));
        let pos_val = self.e.label();
        self.e.jump(Insn::jmp_imm(BPF_JSGE, R1, 0, 0), pos_val);
        self.e.emit(Insn::alu64_imm(BPF_NEG, R1, 0));
        self.e.emit(Insn::mov64_imm(R5, 1));
        self.e.bind(pos_val);
        // Below factor^lmag: position 0.
        let mut lower = factor.pow(lmag as u32);
        self.e.emit(Insn::mov64_imm(R2, 0));
        self.e.mov_imm(R3, lower as i64);
        self.e.jump(Insn::jmp_reg(BPF_JLT, R1, R3, 0), found);
        for r in 0..=(hmag - lmag) as u64 {
            let upper = lower * factor;
            let next = self.e.label();
            self.e.mov_imm(R3, upper as i64);
            self.e.jump(Insn::jmp_reg(BPF_JGE, R1, R3, 0), next);
            // j = m * steps / upper, computed without overflow for these constants.
            if upper >= steps && upper % steps == 0 {
                self.e.mov_imm(R3, (upper / steps) as i64);
                self.e.emit(Insn::alu64_reg(BPF_DIV, R1, R3));
            } else if steps % upper == 0 {
                self.e.mov_imm(R3, (steps / upper) as i64);
                self.e.emit(Insn::alu64_reg(BPF_MUL, R1, R3));
            } else {
                self.e.mov_imm(R3, steps as i64);
                self.e.emit(Insn::alu64_reg(BPF_MUL, R1, R3));
                self.e.mov_imm(R3, upper as i64);
                self.e.emit(Insn::alu64_reg(BPF_DIV, R1, R3));
            }
            // position = 1 + r*per + j - steps/factor
            self.e
                .mov_imm(R2, 1 + (r * per) as i64 - (steps / factor) as i64);
            self.e.emit(Insn::alu64_reg(BPF_ADD, R2, R1));
            self.e.ja(found);
            self.e.bind(next);
            lower = upper;
        }
        // Beyond factor^(hmag+1): the overflow bucket.
        self.e.mov_imm(R2, bin0);
        self.e.bind(found);
        self.e.jne_imm(R5, 0, neg);
        self.e.mov_imm(R1, bin0);
        self.e.emit(Insn::alu64_reg(BPF_ADD, R1, R2));
        self.e.ja(end);
        self.e.bind(neg);
        self.e.mov_imm(R1, bin0);
        self.e.emit(Insn::alu64_reg(BPF_SUB, R1, R2));
        self.e.bind(end);
    }
}
