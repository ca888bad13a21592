//! Code for members and elements of global structs, unions and arrays: bounded indexes and
//! stores through addresses inside the globals map.

use super::clause::Gen;
use super::fault::code;
use super::insn::*;
use crate::check::ir::*;
use crate::check::types::{self, Type};
use crate::error::CompileError;

impl<'a> Gen<'a> {
    /// `Bounded` and `MemAssign`; returns `false` for other kinds.
    pub(super) fn global_mem_expr(&mut self, x: &TExpr) -> Result<bool, CompileError> {
        match &x.kind {
            TKind::Bounded { index, len } => {
                self.expr(index)?;
                self.normalize(R0, index.ty);
                // Unsigned: a negative index is out of bounds too. The verifier learns the
                // range on the path that goes on.
                let ok = self.e.label();
                self.e.jump(Insn::jmp_imm(BPF_JLT, R0, *len as i32, 0), ok);
                self.raise_fault(code::BADINDEX, Some(R0));
                self.e.bind(ok);
            }
            TKind::MemAssign { addr, rhs, .. } if x.ty == Type::Str => {
                // A string member: copy the string (at most the member's strsize bytes).
                self.expr(addr)?;
                let dst = self.push(R0)?;
                self.expr(rhs)?;
                self.e.emit(Insn::mov64_reg(R3, R0));
                self.e.emit(Insn::ldx(BPF_DW, R1, FP, dst));
                self.e.mov_imm(R2, self.t.strsize as i64);
                self.e.call(helper::PROBE_READ_KERNEL_STR);
                // The value of the assignment: the member's string.
                self.pop(R0);
            }
            TKind::MemAssign { addr, op, rhs } => {
                self.expr(addr)?;
                let slot = self.push(R0)?;
                self.expr(rhs)?;
                if let Some(op) = op {
                    self.e.emit(Insn::mov64_reg(R1, R0));
                    self.e.emit(Insn::ldx(BPF_DW, R2, FP, slot));
                    self.load_int(R0, R2, 0, x.ty);
                    let common = types::arith(x.ty, rhs.ty);
                    self.normalize(R0, common);
                    self.normalize(R1, common);
                    self.arith(*op, common)?;
                }
                self.normalize(R0, x.ty);
                self.pop(R2);
                let size = match x.ty {
                    Type::Int { size, .. } => size,
                    _ => 8,
                };
                self.store_int(R2, 0, R0, size);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}
