//! Scratch memory for `alloca`, `bcopy` and `copyinto`.
//!
//! A clause that uses them gets, at the start of its machine-state scratch space, a region:
//! the region's own address (stored as a plain number, so that addresses which went through
//! variables can be turned back into offsets), the bytes allocated so far, then the data.
//! The data is twice `scratchsize`: an offset and a size are each bounded by it, which is
//! what the verifier can check; the runtime checks keep every copy inside what was allocated.
//! The region lives as long as the clause: its next run starts afresh.

use super::clause::Gen;
use super::fault::code;
use super::insn::*;
use super::mstate;
use crate::check::ir::*;
use crate::error::CompileError;

/// Bytes `alloca` can hand out per clause when `scratchsize` is not set (DTrace's default).
pub const SCRATCH_SIZE: u32 = 256;
/// The most `scratchsize` can be: the region (twice the size) must fit in the per-CPU machine
/// state beside everything else, and offsets into it must fit BPF's 16-bit displacements.
pub const MAX_SCRATCH_SIZE: u32 = 8192;

/// `scratchsize` as set (`-x scratchsize=N`), bounded by [`MAX_SCRATCH_SIZE`] and rounded up
/// to 8 bytes.
pub fn scratch_size(opts: &crate::options::Options) -> u32 {
    opts.size_option("scratchsize")
        .map(|v| v.clamp(8, MAX_SCRATCH_SIZE as u64) as u32)
        .unwrap_or(SCRATCH_SIZE)
        .div_ceil(8)
        * 8
}
/// Offsets inside the region.
const BASE: u32 = 0;
const USED: u32 = 8;
/// A word for turning an address into a number.
const TMP: u32 = 16;
const DATA: u32 = 24;

impl<'a> Gen<'a> {
    /// The region's offset from the machine state: the clause's first scratch allocation.
    fn region(&self) -> u32 {
        mstate::SCRATCH + super::vars::reserved_scratch(self.syms).div_ceil(8) * 8
    }

    /// Set the region up; called before any other scratch allocation of the clause.
    pub(super) fn scratch_prologue(&mut self, c: &TClause) {
        if !crate::check::scratch::uses_scratch(c) {
            return;
        }
        let r = self.alloc_scratch(DATA + 2 * self.t.scratchsize);
        debug_assert_eq!(r, self.region());
        self.e.emit(Insn::stx(BPF_DW, R6, (r + BASE) as i16, R6));
        self.e.emit(Insn::st(BPF_DW, R6, (r + USED) as i16, 0));
    }

    /// `Alloca` and `ScratchCopy`; returns `false` for other kinds.
    pub(super) fn scratch_expr(&mut self, x: &TExpr) -> Result<bool, CompileError> {
        let r = self.region();
        match &x.kind {
            TKind::Alloca(size) => {
                self.expr(size)?;
                self.normalize(R0, size.ty);
                // R1 = allocated so far, rounded up to 8; R2 = the new total.
                self.e.emit(Insn::ldx(BPF_DW, R1, R6, (r + USED) as i16));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R1, 7));
                self.e.emit(Insn::alu64_imm(BPF_AND, R1, -8));
                let ok = self.e.label();
                let full = self.e.label();
                self.e
                    .jump(Insn::jmp_imm(BPF_JGT, R0, self.t.scratchsize as i32, 0), full);
                self.e.emit(Insn::mov64_reg(R2, R1));
                self.e.emit(Insn::alu64_reg(BPF_ADD, R2, R0));
                // DTrace keeps the first 8 bytes of the space for its NULL pointer.
                self.e.jump(
                    Insn::jmp_imm(BPF_JLE, R2, self.t.scratchsize as i32 - 8, 0),
                    ok,
                );
                self.e.bind(full);
                self.raise_fault(code::NOSCRATCH, None);
                self.e.bind(ok);
                self.e.emit(Insn::stx(BPF_DW, R6, (r + USED) as i16, R2));
                self.e.emit(Insn::ldx(BPF_DW, R0, R6, (r + BASE) as i16));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R0, (r + DATA) as i32));
                self.e.emit(Insn::alu64_reg(BPF_ADD, R0, R1));
            }
            TKind::ScratchCopy {
                src,
                dst,
                size,
                user,
            } => {
                self.expr(src)?;
                self.push(R0)?;
                self.expr(dst)?;
                self.push(R0)?;
                self.expr(size)?;
                self.normalize(R0, size.ty);
                self.e.emit(Insn::mov64_reg(R2, R0));
                self.pop(R0);
                // The destination as a number, then as an offset into the data.
                self.e.emit(Insn::stx(BPF_DW, R6, (r + TMP) as i16, R0));
                self.e.emit(Insn::ldx(BPF_DW, R1, R6, (r + TMP) as i16));
                self.e.emit(Insn::ldx(BPF_DW, R3, R6, (r + BASE) as i16));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R3, (r + DATA) as i32));
                self.e.emit(Insn::alu64_reg(BPF_SUB, R1, R3));
                // Inside what alloca handed out: offset + size <= allocated.
                let bad = self.e.label();
                let ok = self.e.label();
                self.e
                    .jump(Insn::jmp_imm(BPF_JGT, R1, self.t.scratchsize as i32, 0), bad);
                self.e
                    .jump(Insn::jmp_imm(BPF_JGT, R2, self.t.scratchsize as i32, 0), bad);
                self.e.emit(Insn::mov64_reg(R4, R1));
                self.e.emit(Insn::alu64_reg(BPF_ADD, R4, R2));
                self.e.emit(Insn::ldx(BPF_DW, R5, R6, (r + USED) as i16));
                self.e.jump(Insn::jmp_reg(BPF_JLE, R4, R5, 0), ok);
                self.e.bind(bad);
                self.raise_fault(code::BADADDR, Some(R0));
                self.e.bind(ok);
                // R1 = destination pointer, R2 = size, R3 = source.
                self.e.emit(Insn::mov64_reg(R3, R1));
                self.e.emit(Insn::mov64_reg(R1, R6));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R1, (r + DATA) as i32));
                self.e.emit(Insn::alu64_reg(BPF_ADD, R1, R3));
                self.pop(R3);
                self.read_or_fault(
                    if *user {
                        helper::PROBE_READ_USER
                    } else {
                        helper::PROBE_READ_KERNEL
                    },
                    false,
                )?;
                self.e.emit(Insn::mov64_imm(R0, 0));
            }
            TKind::PtrAssign { addr, op, rhs } => self.ptr_assign(addr, *op, rhs, x.ty)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// R2 = the address in R0 as a pointer the verifier accepts for a store of `size` bytes,
    /// when those bytes lie in what the clause allocated; an invalid address fault otherwise.
    pub(super) fn scratch_dest(&mut self, size: u32) {
        let r = self.region();
        self.e.emit(Insn::stx(BPF_DW, R6, (r + TMP) as i16, R0));
        self.e.emit(Insn::ldx(BPF_DW, R1, R6, (r + TMP) as i16));
        self.e.emit(Insn::ldx(BPF_DW, R3, R6, (r + BASE) as i16));
        self.e.emit(Insn::alu64_imm(BPF_ADD, R3, (r + DATA) as i32));
        self.e.emit(Insn::alu64_reg(BPF_SUB, R1, R3));
        let bad = self.e.label();
        let ok = self.e.label();
        self.e.jump(
            Insn::jmp_imm(BPF_JGT, R1, (2 * self.t.scratchsize - size as u32) as i32, 0),
            bad,
        );
        self.e.emit(Insn::mov64_reg(R4, R1));
        self.e.emit(Insn::alu64_imm(BPF_ADD, R4, size as i32));
        self.e.emit(Insn::ldx(BPF_DW, R5, R6, (r + USED) as i16));
        self.e.jump(Insn::jmp_reg(BPF_JLE, R4, R5, 0), ok);
        self.e.bind(bad);
        self.raise_fault(code::BADADDR, Some(R0));
        self.e.bind(ok);
        self.e.emit(Insn::mov64_reg(R2, R6));
        self.e.emit(Insn::alu64_imm(BPF_ADD, R2, (r + DATA) as i32));
        self.e.emit(Insn::alu64_reg(BPF_ADD, R2, R1));
    }

    /// A store through an address that must lie in what the clause allocated.
    fn ptr_assign(
        &mut self,
        addr: &TExpr,
        op: Option<crate::parse::ast::BinOp>,
        rhs: &TExpr,
        ty: crate::check::types::Type,
    ) -> Result<(), CompileError> {
        let size = match ty {
            crate::check::types::Type::Int { size, .. } => size,
            _ => 8,
        };
        self.expr(addr)?;
        let a_slot = self.push(R0)?;
        self.expr(rhs)?;
        let v_slot = self.push(R0)?;
        self.e.emit(Insn::ldx(BPF_DW, R0, FP, a_slot));
        self.scratch_dest(size as u32);
        let p_slot = self.push(R2)?;
        self.e.emit(Insn::ldx(BPF_DW, R0, FP, v_slot));
        if let Some(op) = op {
            self.e.emit(Insn::mov64_reg(R1, R0));
            self.e.emit(Insn::ldx(BPF_DW, R2, FP, p_slot));
            self.load_int(R0, R2, 0, ty);
            let common = crate::check::types::arith(ty, rhs.ty);
            self.normalize(R0, common);
            self.normalize(R1, common);
            self.arith(op, common)?;
        }
        self.normalize(R0, ty);
        self.pop(R2);
        self.store_int(R2, 0, R0, size);
        self.pop(R1);
        self.pop(R1);
        Ok(())
    }
}
