//! Code for aggregation updates: build the key, find or insert the per-CPU value, update it.

use super::clause::Gen;
use super::drops;
use super::insn::*;
use super::MapRef;
use crate::aggregate::AggFunc;
use crate::check::ir::*;
use crate::check::types::Type;
use crate::error::CompileError;
use crate::record::ValueKind;

impl<'a> Gen<'a> {
    pub(super) fn aggregate(
        &mut self,
        agg: u32,
        keys: &[TExpr],
        args: &[TExpr],
    ) -> Result<(), CompileError> {
        let a = &self.syms.aggs[agg as usize];
        let func = a.func;
        let desc = crate::aggregate::AggDesc {
            id: agg,
            name: a.name.clone(),
            func,
            keys: a.key_kinds(self.t.strsize),
        };
        let words = func.value_words() as u32;
        let skip = self.e.label();
        let have = self.e.label();
        if let Some(arg) = args.first() {
            self.expr(arg)?;
            self.normalize(
                R0,
                Type::Int {
                    size: 8,
                    signed: true,
                },
            );
        } else {
            self.e.emit(Insn::mov64_imm(R0, 0));
        }
        let argslot = self.push(R0)?;
        let is_hist = func.is_hist();
        // The histogram increment (its last, optional argument; 1 by default).
        let incrslot = if is_hist {
            match args.get(1) {
                Some(incr) => {
                    self.expr(incr)?;
                    self.normalize(
                        R0,
                        Type::Int {
                            size: 8,
                            signed: true,
                        },
                    );
                }
                None => self.e.emit(Insn::mov64_imm(R0, 1)),
            }
            Some(self.push(R0)?)
        } else {
            None
        };

        // The key: zero-filled, then each field at its offset (zeroes make equal keys hash
        // equal, whatever followed a string's NUL).
        let key_off;
        if keys.is_empty() {
            self.e.emit(Insn::st(BPF_W, FP, -8, 0));
            key_off = None;
        } else {
            let (offs, size) = desc.key_layout();
            let ko = self.alloc_scratch(size);
            for i in 0..size / 8 {
                self.e.emit(Insn::st(BPF_DW, R6, (ko + 8 * i) as i16, 0));
            }
            for ((k, off), kind) in keys.iter().zip(&offs).zip(&desc.keys) {
                if let ValueKind::Stack { frames, user } = *kind {
                    self.stack_key(ko + off, frames, user);
                    continue;
                }
                self.expr(k)?;
                match kind {
                    ValueKind::Int { size, .. } => self.store_int(R6, (ko + off) as i16, R0, *size),
                    ValueKind::Str { size } => {
                        self.null_str_fault(R0);
                        self.e.emit(Insn::mov64_reg(R3, R0));
                        self.copy_to(R6, ko + off, *size, true);
                    }
                    ValueKind::Stack { .. } => {}
                    ValueKind::Sym { kind } => {
                        let mut at = ko + off;
                        if kind.user() {
                            self.e.emit(Insn::mov64_reg(R8, R0));
                            self.e.call(helper::GET_CURRENT_PID_TGID);
                            self.e.emit(Insn::alu64_imm(BPF_RSH, R0, 32));
                            self.e.emit(Insn::stx(BPF_DW, R6, at as i16, R0));
                            self.e.emit(Insn::mov64_reg(R0, R8));
                            at += 8;
                        }
                        self.e.emit(Insn::stx(BPF_DW, R6, at as i16, R0));
                    }
                }
            }
            key_off = Some(ko);
        }
        let key_ptr = |g: &mut Gen| {
            g.e.emit(Insn::mov64_reg(
                R2,
                match key_off {
                    Some(_) => R6,
                    None => FP,
                },
            ));
            g.e.emit(Insn::alu64_imm(
                BPF_ADD,
                R2,
                match key_off {
                    Some(k) => k as i32,
                    None => -8,
                },
            ));
        };
        self.e.ld_map(R1, MapRef::Agg(agg));
        key_ptr(self);
        self.e.call(helper::MAP_LOOKUP_ELEM);
        self.e.jne_imm(R0, 0, have);
        {
            // First use of this key on any CPU: insert zeroes, then look it up again.
            if is_hist {
                // Histograms are too large for scratch: their zeroes come from a map.
                let nozero = self.e.label();
                let got = self.e.label();
                self.e.emit(Insn::st(BPF_W, FP, -8, 0));
                self.e.ld_map(R1, MapRef::Zeroes);
                self.e.emit(Insn::mov64_reg(R2, FP));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R2, -8));
                self.e.call(helper::MAP_LOOKUP_ELEM);
                self.e.jeq_imm(R0, 0, nozero);
                self.e.ja(got);
                self.e.bind(nozero);
                self.count_drop(drops::AGG);
                self.e.ja(skip);
                self.e.bind(got);
                self.e.emit(Insn::mov64_reg(R3, R0));
            } else {
                let vo = self.alloc_scratch(words * 8);
                for i in 0..words {
                    self.e.emit(Insn::st(BPF_DW, R6, (vo + 8 * i) as i16, 0));
                }
                self.e.emit(Insn::mov64_reg(R3, R6));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R3, vo as i32));
            }
            self.e.ld_map(R1, MapRef::Agg(agg));
            key_ptr(self);
            self.e.emit(Insn::mov64_imm(R4, 1)); // BPF_NOEXIST: another CPU may have won the race
            self.e.call(helper::MAP_UPDATE_ELEM);
            self.e.ld_map(R1, MapRef::Agg(agg));
            key_ptr(self);
            self.e.call(helper::MAP_LOOKUP_ELEM);
            self.e.jne_imm(R0, 0, have);
        }
        self.count_drop(drops::AGG);
        self.e.ja(skip);
        self.e.bind(have);
        self.e.emit(Insn::mov64_reg(R8, R0));
        self.e.emit(Insn::ldx(BPF_DW, R1, FP, argslot));
        match func {
            AggFunc::Count => {
                self.e.emit(Insn::ldx(BPF_DW, R2, R8, 0));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R2, 1));
                self.e.emit(Insn::stx(BPF_DW, R8, 0, R2));
            }
            AggFunc::Sum => {
                self.e.emit(Insn::ldx(BPF_DW, R2, R8, 0));
                self.e.emit(Insn::alu64_reg(BPF_ADD, R2, R1));
                self.e.emit(Insn::stx(BPF_DW, R8, 0, R2));
            }
            AggFunc::Min | AggFunc::Max => {
                let set = self.e.label();
                let keep = self.e.label();
                self.e.emit(Insn::ldx(BPF_DW, R2, R8, 0));
                self.e.emit(Insn::ldx(BPF_DW, R3, R8, 8));
                self.e.jeq_imm(R2, 0, set);
                let j = if func == AggFunc::Min {
                    BPF_JSGE
                } else {
                    BPF_JSLE
                };
                self.e.jump(Insn::jmp_reg(j, R1, R3, 0), keep);
                self.e.bind(set);
                self.e.emit(Insn::stx(BPF_DW, R8, 8, R1));
                self.e.bind(keep);
                self.e.emit(Insn::alu64_imm(BPF_ADD, R2, 1));
                self.e.emit(Insn::stx(BPF_DW, R8, 0, R2));
            }
            AggFunc::Avg | AggFunc::Stddev => {
                self.e.emit(Insn::ldx(BPF_DW, R2, R8, 0));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R2, 1));
                self.e.emit(Insn::stx(BPF_DW, R8, 0, R2));
                self.e.emit(Insn::ldx(BPF_DW, R2, R8, 8));
                self.e.emit(Insn::alu64_reg(BPF_ADD, R2, R1));
                self.e.emit(Insn::stx(BPF_DW, R8, 8, R2));
                if func == AggFunc::Stddev {
                    // sum of squares, 128 bits: low += v*v; high += carry.
                    let nocarry = self.e.label();
                    self.e.emit(Insn::mov64_reg(R3, R1));
                    self.e.emit(Insn::alu64_reg(BPF_MUL, R3, R1));
                    self.e.emit(Insn::ldx(BPF_DW, R2, R8, 16));
                    self.e.emit(Insn::alu64_reg(BPF_ADD, R2, R3));
                    self.e.emit(Insn::stx(BPF_DW, R8, 16, R2));
                    self.e.jump(Insn::jmp_reg(BPF_JGE, R2, R3, 0), nocarry);
                    self.e.emit(Insn::ldx(BPF_DW, R2, R8, 24));
                    self.e.emit(Insn::alu64_imm(BPF_ADD, R2, 1));
                    self.e.emit(Insn::stx(BPF_DW, R8, 24, R2));
                    self.e.bind(nocarry);
                }
            }
            AggFunc::Quantize | AggFunc::Lquantize { .. } | AggFunc::Llquantize { .. } => {
                self.hist_bucket(func);
                self.e.emit(Insn::alu64_imm(BPF_LSH, R1, 3));
                self.e.emit(Insn::alu64_reg(BPF_ADD, R8, R1));
                if let Some(slot) = incrslot {
                    self.e.emit(Insn::ldx(BPF_DW, R2, FP, slot));
                }
                self.e.emit(Insn::ldx(BPF_DW, R3, R8, 0));
                self.e.emit(Insn::alu64_reg(BPF_ADD, R3, R2));
                self.e.emit(Insn::stx(BPF_DW, R8, 0, R3));
            }
        }
        self.e.bind(skip);
        self.temps -= if incrslot.is_some() { 2 } else { 1 };
        Ok(())
    }
}

/// `bpf_get_stack` flag: the user stack rather than the kernel's.
const BPF_F_USER_STACK: i32 = 1 << 8;

impl<'a> Gen<'a> {
    /// Write a `stack()` / `ustack()` key field at `[R6 + off]` (already zeroed): the pid for
    /// a user stack, then the program counters; frames the stack does not have stay 0.
    fn stack_key(&mut self, off: u32, frames: u16, user: bool) {
        let mut at = off;
        if user {
            self.e.call(helper::GET_CURRENT_PID_TGID);
            self.e.emit(Insn::alu64_imm(BPF_RSH, R0, 32));
            self.e.emit(Insn::stx(BPF_DW, R6, at as i16, R0));
            at += 8;
        }
        self.e.emit(Insn::mov64_reg(R1, R9));
        self.e.emit(Insn::mov64_reg(R2, R6));
        self.e.emit(Insn::alu64_imm(BPF_ADD, R2, at as i32));
        self.e.emit(Insn::mov64_imm(R3, 8 * frames as i32));
        self.e.emit(Insn::mov64_imm(R4, if user { BPF_F_USER_STACK } else { 0 }));
        self.e.call(helper::GET_STACK);
    }
}
