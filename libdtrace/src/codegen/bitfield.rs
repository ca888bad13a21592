//! Code for stores to bit-fields: the bytes holding the field are read, the field's bits
//! replaced, and the bytes written back, so that neighbouring fields keep their values.
//!
//! Bit-fields are laid out little-endian from the byte address of the field (as loads in
//! codegen/mem.rs read them): bit `shift` of the bytes is the field's lowest bit. The bytes
//! are read and written one at a time, since a field may span 3, 5, 6 or 7 bytes.

use super::clause::Gen;
use super::insn::*;
use crate::check::ir::*;
use crate::check::types::{self, Type};
use crate::error::CompileError;

impl<'a> Gen<'a> {
    /// `BitAssign`; returns `false` for other kinds.
    pub(super) fn bitfield_expr(&mut self, x: &TExpr) -> Result<bool, CompileError> {
        let TKind::BitAssign {
            addr,
            op,
            rhs,
            shift,
            width,
            scratch,
            old,
        } = &x.kind
        else {
            return Ok(false);
        };
        let (shift, width) = (*shift as i32, *width as i32);
        let signed = matches!(x.ty, Type::Int { signed: true, .. });
        let nbytes = (shift + width + 7) / 8;

        self.expr(addr)?;
        let a_slot = self.push(R0)?;
        self.expr(rhs)?;
        let v_slot = self.push(R0)?;
        self.e.emit(Insn::ldx(BPF_DW, R0, FP, a_slot));
        if *scratch {
            self.scratch_dest(nbytes as u32);
        } else {
            self.e.emit(Insn::mov64_reg(R2, R0));
        }
        let p_slot = self.push(R2)?;

        // R3 = the bytes holding the field.
        self.e.emit(Insn::mov64_imm(R3, 0));
        for i in 0..nbytes {
            self.e.emit(Insn::ldx(BPF_B, R4, R2, i as i16));
            if i > 0 {
                self.e.emit(Insn::alu64_imm(BPF_LSH, R4, 8 * i));
            }
            self.e.emit(Insn::alu64_reg(BPF_OR, R3, R4));
        }
        let w_slot = self.push(R3)?;

        // R5 = the field's current value, extended by its signedness.
        self.e.emit(Insn::mov64_reg(R5, R3));
        self.field_value(R5, shift, width, signed);
        let o_slot = self.push(R5)?;

        self.e.emit(Insn::ldx(BPF_DW, R0, FP, v_slot));
        if let Some(op) = op {
            self.e.emit(Insn::mov64_reg(R1, R0));
            self.e.emit(Insn::ldx(BPF_DW, R0, FP, o_slot));
            let common = types::arith(x.ty, rhs.ty);
            self.normalize(R0, common);
            self.normalize(R1, common);
            self.arith(*op, common)?;
        }
        // The new value as the field holds it: its low `width` bits, extended.
        if width < 64 {
            self.e.emit(Insn::alu64_imm(BPF_LSH, R0, 64 - width));
            self.e.emit(Insn::alu64_imm(
                if signed { BPF_ARSH } else { BPF_RSH },
                R0,
                64 - width,
            ));
        }

        // R1 = the new field bits in place; R3 = the old bytes with the field's bits cleared
        // (xor with the old field bits in place), then merged.
        self.e.emit(Insn::mov64_reg(R1, R0));
        self.field_in_place(R1, shift, width);
        self.e.emit(Insn::ldx(BPF_DW, R3, FP, w_slot));
        self.e.emit(Insn::mov64_reg(R4, R3));
        self.e.emit(Insn::alu64_imm(BPF_RSH, R4, shift));
        self.field_in_place(R4, shift, width);
        self.e.emit(Insn::alu64_reg(BPF_XOR, R3, R4));
        self.e.emit(Insn::alu64_reg(BPF_OR, R3, R1));

        self.e.emit(Insn::ldx(BPF_DW, R2, FP, p_slot));
        for i in 0..nbytes {
            self.e.emit(Insn::stx(BPF_B, R2, i as i16, R3));
            if i + 1 < nbytes {
                self.e.emit(Insn::alu64_imm(BPF_RSH, R3, 8));
            }
        }
        if *old {
            self.e.emit(Insn::ldx(BPF_DW, R0, FP, o_slot));
        }
        for _ in 0..5 {
            self.pop(R1);
        }
        Ok(true)
    }

    /// `r` = the field of `width` bits at bit `shift` of `r`, extended by signedness.
    fn field_value(&mut self, r: Reg, shift: i32, width: i32, signed: bool) {
        let up = 64 - (shift + width);
        if up > 0 {
            self.e.emit(Insn::alu64_imm(BPF_LSH, r, up));
        }
        if width < 64 {
            self.e.emit(Insn::alu64_imm(
                if signed { BPF_ARSH } else { BPF_RSH },
                r,
                64 - width,
            ));
        }
    }

    /// `r` = the low `width` bits of `r` moved up to bit `shift`, every other bit clear.
    fn field_in_place(&mut self, r: Reg, shift: i32, width: i32) {
        if width < 64 {
            self.e.emit(Insn::alu64_imm(BPF_LSH, r, 64 - width));
        }
        let down = 64 - width - shift;
        if down > 0 {
            self.e.emit(Insn::alu64_imm(BPF_RSH, r, down));
        }
    }
}
