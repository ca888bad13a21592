//! Code for memory access: loads through pointers (bpf_probe_read_kernel into the stack slot
//! at fp-8, a failed read faulting), address arithmetic, strings read from memory, `copyin`.

use super::clause::Gen;
use super::insn::*;
use crate::check::ir::*;
use crate::check::types::Type;
use crate::error::CompileError;

/// The stack slot loads go through; free between uses (also the map-key slot).
const LOAD_SLOT: i16 = -8;

impl<'a> Gen<'a> {
    /// Expressions over memory; returns `false` for other kinds.
    pub(super) fn mem_expr(&mut self, x: &TExpr) -> Result<bool, CompileError> {
        match &x.kind {
            TKind::Load(addr, bits) => {
                self.expr(addr)?;
                self.load(x.ty, *bits)?;
            }
            TKind::PtrAdd { base, index, scale } => {
                if let TKind::Const(i) = index.kind {
                    self.expr(base)?;
                    let off = i.wrapping_mul(*scale);
                    if off != 0 {
                        self.e.mov_imm(R1, off);
                        self.e.emit(Insn::alu64_reg(BPF_ADD, R0, R1));
                    }
                } else {
                    self.expr(base)?;
                    self.push(R0)?;
                    self.expr(index)?;
                    self.normalize(R0, index.ty);
                    if *scale != 1 {
                        self.e.mov_imm(R1, *scale);
                        self.e.emit(Insn::alu64_reg(BPF_MUL, R0, R1));
                    }
                    self.pop(R1);
                    self.e.emit(Insn::alu64_reg(BPF_ADD, R0, R1));
                }
            }
            TKind::PtrDiff { l, r, scale } => {
                self.expr(l)?;
                self.push(R0)?;
                self.expr(r)?;
                self.e.emit(Insn::mov64_reg(R1, R0));
                self.pop(R0);
                self.e.emit(Insn::alu64_reg(BPF_SUB, R0, R1));
                if *scale > 1 {
                    self.e.mov_imm(R1, *scale);
                    self.e.emit(Insn::alu64_sreg(BPF_DIV, R0, R1));
                }
            }
            TKind::KStr(addr, max) => {
                let slot = self.alloc_scratch(self.t.strsize);
                let max = (*max).clamp(1, self.t.strsize);
                self.expr(addr)?;
                self.e.emit(Insn::mov64_reg(R3, R0));
                self.e.emit(Insn::mov64_reg(R1, R6));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R1, slot as i32));
                self.e.emit(Insn::mov64_imm(R2, max as i32));
                self.read_or_fault(helper::PROBE_READ_KERNEL_STR, true)?;
                self.e.emit(Insn::mov64_reg(R0, R6));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R0, slot as i32));
            }
            TKind::Copyin { addr, size, max } => {
                let slot = self.alloc_scratch(*max);
                self.expr(size)?;
                // Bounded for the verifier: sizes above the buffer copy the buffer's worth.
                let ok = self.e.label();
                self.e.jump(Insn::jmp_imm(BPF_JLE, R0, *max as i32, 0), ok);
                self.e.emit(Insn::mov64_imm(R0, *max as i32));
                self.e.bind(ok);
                self.push(R0)?;
                self.expr(addr)?;
                self.e.emit(Insn::mov64_reg(R3, R0));
                self.pop(R2);
                self.e.emit(Insn::mov64_reg(R1, R6));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R1, slot as i32));
                self.read_or_fault(helper::PROBE_READ_USER, false)?;
                self.e.emit(Insn::mov64_reg(R0, R6));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R0, slot as i32));
            }
            TKind::Builtin(Builtin::Curthread) => self.e.call(helper::GET_CURRENT_TASK),
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// R0 = the value of type `ty` at the address in R0 (for a bit-field, `bits` = shift and
    /// width inside the bytes read); a failed read faults.
    fn load(&mut self, ty: Type, bits: Option<(u8, u8)>) -> Result<(), CompileError> {
        let (size, signed) = match ty {
            Type::Int { size, signed } => (size as u32, signed),
            _ => (8, false),
        };
        let n = match bits {
            Some((shift, width)) => (shift as u32 + width as u32).div_ceil(8).min(8),
            None => size,
        };
        self.e.emit(Insn::mov64_reg(R3, R0));
        if bits.is_some() {
            self.e.emit(Insn::st(BPF_DW, FP, LOAD_SLOT, 0));
        }
        self.e.emit(Insn::mov64_reg(R1, FP));
        self.e.emit(Insn::alu64_imm(BPF_ADD, R1, LOAD_SLOT as i32));
        self.e.emit(Insn::mov64_imm(R2, n as i32));
        self.read_or_fault(helper::PROBE_READ_KERNEL, false)?;
        match bits {
            None => self.load_int(R0, FP, LOAD_SLOT, ty),
            Some((shift, width)) => {
                self.e.emit(Insn::ldx(BPF_DW, R0, FP, LOAD_SLOT));
                let up = 64 - (shift as i32 + width as i32);
                if up > 0 {
                    self.e.emit(Insn::alu64_imm(BPF_LSH, R0, up));
                }
                let down = 64 - width as i32;
                self.e
                    .emit(Insn::alu64_imm(if signed { BPF_ARSH } else { BPF_RSH }, R0, down));
            }
        }
        Ok(())
    }
}

impl<'a> Gen<'a> {
    /// Call a `bpf_probe_read*` helper whose source address is in R3; when it fails, raise an
    /// invalid-address fault naming that address. `str_read`: the helper returns a length
    /// (negative on failure) rather than 0 on success.
    pub(super) fn read_or_fault(&mut self, helper_id: i32, str_read: bool) -> Result<(), CompileError> {
        let slot = self.push(R3)?;
        self.e.call(helper_id);
        let ok = self.e.label();
        if str_read {
            self.e.jump(Insn::jmp_imm(BPF_JSGE, R0, 0, 0), ok);
        } else {
            self.e.jeq_imm(R0, 0, ok);
        }
        self.e.emit(Insn::ldx(BPF_DW, R1, FP, slot));
        self.raise_fault(super::fault::code::BADADDR, Some(R1));
        self.e.bind(ok);
        // The saved address is not needed on the path that goes on.
        self.temps -= 1;
        Ok(())
    }
}
