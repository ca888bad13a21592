//! Code for expressions: results in R0, temporaries on the BPF stack.

use super::clause::{cerr, Gen};
use super::insn::*;
use super::{mstate, state, MapRef};
use crate::check::ir::*;
use crate::check::types::Type;
use crate::error::CompileError;
use crate::parse::ast::{BinOp, UnOp};

impl<'a> Gen<'a> {
    pub(super) fn expr(&mut self, x: &TExpr) -> Result<(), CompileError> {
        self.line = x.line;
        if self.mem_expr(x)?
            || self.global_mem_expr(x)?
            || self.scratch_expr(x)?
            || self.bitfield_expr(x)?
        {
            return Ok(());
        }
        match &x.kind {
            TKind::Const(v) => self.e.mov_imm(R0, *v),
            TKind::Str(off) => self.e.ld_map_value(R0, MapRef::StrTab, *off),
            TKind::Builtin(b) => self.builtin(*b)?,
            TKind::Arg(i) => {
                self.e
                    .emit(Insn::ldx(BPF_DW, R0, R6, mstate::ARGS + 8 * *i as i16));
                // A typed argument narrower than 64 bits (fbt's `int` in a register whose
                // upper half is undefined) is the value of its type.
                self.normalize(R0, x.ty);
            }
            TKind::Global(v) => {
                let g = &self.syms.globals[*v as usize];
                if g.ty == Type::Str {
                    self.e.ld_map_value(R0, MapRef::Globals, g.offset);
                    self.str_slot_load(R0, 0);
                } else if g.ty.by_ref() {
                    self.e.ld_map_value(R0, MapRef::Globals, g.offset);
                } else {
                    let (off, ty) = (g.offset, g.ty);
                    self.e.ld_map_value(R1, MapRef::Globals, off);
                    self.load_int(R0, R1, 0, ty);
                }
            }
            TKind::Unary(op, a) => {
                self.expr(a)?;
                match op {
                    UnOp::Neg => {
                        self.e.emit(Insn::alu64_imm(BPF_NEG, R0, 0));
                        self.normalize(R0, x.ty);
                    }
                    UnOp::BitNot => {
                        self.e.emit(Insn::alu64_imm(BPF_XOR, R0, -1));
                        self.normalize(R0, x.ty);
                    }
                    UnOp::Not => self.truth(true),
                    UnOp::Plus => self.normalize(R0, x.ty),
                    UnOp::Deref | UnOp::AddrOf => {
                        return Err(cerr(x.line, "pointers are not supported yet"))
                    }
                }
            }
            TKind::Binary(op, l, r) => self.binary(*op, l, r, x.ty)?,
            TKind::StrCmp(op, l, r) => {
                self.expr(l)?;
                self.push(R0)?;
                self.expr(r)?;
                self.e.emit(Insn::mov64_reg(R2, R0));
                self.pop(R1);
                self.strcmp_nullable();
                // R0 is <0, 0 or >0 as strcmp's; compare it with 0.
                self.e.emit(Insn::mov64_imm(R1, 0));
                self.compare(*op, true);
            }
            TKind::Assign { var, op, rhs } => {
                let g = self.syms.globals[*var as usize].clone();
                self.expr(rhs)?;
                if g.ty == Type::Str {
                    self.e.ld_map_value(R8, MapRef::Globals, g.offset);
                    self.str_slot_store(R8, 0);
                } else if g.ty.by_ref() {
                    // A struct, union or array is copied whole from the address of the value.
                    let size = g.ty.size(self.t.strsize).unwrap_or(0);
                    self.e.emit(Insn::mov64_reg(R3, R0));
                    self.e.ld_map_value(R8, MapRef::Globals, g.offset);
                    if size > 0 {
                        self.copy_to(R8, 0, size, false);
                    }
                    self.e.emit(Insn::mov64_reg(R0, R8));
                } else {
                    if let Some(op) = op {
                        self.e.emit(Insn::mov64_reg(R1, R0));
                        self.e.ld_map_value(R2, MapRef::Globals, g.offset);
                        self.load_int(R0, R2, 0, g.ty);
                        let common = crate::check::types::arith(g.ty, rhs.ty);
                        self.normalize(R0, common);
                        self.normalize(R1, common);
                        self.arith(*op, common)?;
                    }
                    self.normalize(R0, g.ty);
                    self.e.ld_map_value(R1, MapRef::Globals, g.offset);
                    let size = match g.ty {
                        Type::Int { size, .. } => size,
                        _ => 8,
                    };
                    self.store_int(R1, 0, R0, size);
                }
            }
            TKind::IncDec { var, pre, inc } => {
                let g = self.syms.globals[*var as usize].clone();
                self.e.ld_map_value(R2, MapRef::Globals, g.offset);
                self.load_int(R1, R2, 0, g.ty);
                self.e.emit(Insn::mov64_reg(R0, R1));
                self.e
                    .emit(Insn::alu64_imm(BPF_ADD, R0, if *inc { 1 } else { -1 }));
                self.normalize(R0, g.ty);
                let size = match g.ty {
                    Type::Int { size, .. } => size,
                    _ => 8,
                };
                self.store_int(R2, 0, R0, size);
                if !*pre {
                    self.e.emit(Insn::mov64_reg(R0, R1));
                }
            }
            TKind::Ternary(c, a, b) => {
                let els = self.e.label();
                let end = self.e.label();
                self.expr(c)?;
                self.e.jeq_imm(R0, 0, els);
                self.expr(a)?;
                self.normalize(R0, x.ty);
                self.e.ja(end);
                self.e.bind(els);
                self.expr(b)?;
                self.normalize(R0, x.ty);
                self.e.bind(end);
            }
            TKind::Cast(a) => {
                self.expr(a)?;
                self.normalize(R0, x.ty);
            }
            TKind::Copyinstr(addr, max) => {
                let slot = self.alloc_scratch(self.t.strsize);
                let ss = self.t.strsize as i32;
                if let Some(m) = max {
                    self.expr(m)?;
                    // size = min(max(n + 1, 1), strsize), in a form the verifier can bound.
                    self.e.emit(Insn::alu64_imm(BPF_ADD, R0, 1));
                    let ok_lo = self.e.label();
                    let ok_hi = self.e.label();
                    self.e.jump(Insn::jmp_imm(BPF_JSGE, R0, 1, 0), ok_lo);
                    self.e.emit(Insn::mov64_imm(R0, 1));
                    self.e.bind(ok_lo);
                    self.e.jump(Insn::jmp_imm(BPF_JSLE, R0, ss, 0), ok_hi);
                    self.e.emit(Insn::mov64_imm(R0, ss));
                    self.e.bind(ok_hi);
                    self.push(R0)?;
                }
                self.expr(addr)?;
                self.e.emit(Insn::mov64_reg(R3, R0));
                if max.is_some() {
                    self.pop(R2);
                } else {
                    self.e.emit(Insn::mov64_imm(R2, ss));
                }
                let at = self.push(R3)?;
                self.e.emit(Insn::mov64_reg(R1, R6));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R1, slot as i32));
                self.e.call(helper::PROBE_READ_USER_STR);
                // A failed read is DTrace's invalid address fault.
                let ok = self.e.label();
                self.e.jump(Insn::jmp_imm(BPF_JSGT, R0, 0, 0), ok);
                self.e.emit(Insn::ldx(BPF_DW, R1, FP, at));
                self.raise_fault(super::fault::code::BADADDR, Some(R1));
                self.e.bind(ok);
                self.pop(R1);
                self.e.emit(Insn::mov64_reg(R0, R6));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R0, slot as i32));
            }
            TKind::Comma(a, b) => {
                self.expr(a)?;
                self.expr(b)?;
            }
            TKind::Load(..)
            | TKind::PtrAdd { .. }
            | TKind::PtrDiff { .. }
            | TKind::KStr(..)
            | TKind::Copyin { .. } => return Err(cerr(x.line, "memory expression not compiled")),
            TKind::Var(v) => self.var_read(v, x.ty)?,
            TKind::VarAssign { var, op, rhs } => self.var_assign(var, *op, rhs, x.ty)?,
            TKind::VarIncDec { var, pre, inc } => self.var_incdec(var, *pre, *inc, x.ty)?,
            TKind::Subr { id, args } => self.subr(*id, args, x.ty)?,
            TKind::Speculation => self.speculation()?,
            // Handled by global_mem_expr before this match.
            TKind::Bounded { .. } | TKind::MemAssign { .. } => {}
            TKind::Alloca(_) | TKind::ScratchCopy { .. } | TKind::PtrAssign { .. } => {}
            TKind::BitAssign { .. } => {}
            TKind::DynAddr { var, mode } => self.dyn_addr(var, *mode)?,
        }
        Ok(())
    }

    /// R0 = (R0 == 0) when `negate`, else (R0 != 0).
    pub(super) fn truth(&mut self, negate: bool) {
        let done = self.e.label();
        self.e.emit(Insn::mov64_reg(R1, R0));
        self.e.emit(Insn::mov64_imm(R0, if negate { 1 } else { 0 }));
        self.e.jeq_imm(R1, 0, done);
        self.e.emit(Insn::mov64_imm(R0, if negate { 0 } else { 1 }));
        self.e.bind(done);
    }

    pub(super) fn binary(
        &mut self,
        op: BinOp,
        l: &TExpr,
        r: &TExpr,
        ty: Type,
    ) -> Result<(), CompileError> {
        use BinOp::*;
        match op {
            LogAnd | LogOr => {
                let done = self.e.label();
                self.expr(l)?;
                self.truth(false);
                if op == LogAnd {
                    self.e.jeq_imm(R0, 0, done);
                } else {
                    self.e.jne_imm(R0, 0, done);
                }
                self.expr(r)?;
                self.truth(false);
                self.e.bind(done);
                return Ok(());
            }
            LogXor => {
                self.expr(l)?;
                self.truth(false);
                self.push(R0)?;
                self.expr(r)?;
                self.truth(false);
                self.pop(R1);
                self.e.emit(Insn::alu64_reg(BPF_XOR, R0, R1));
                return Ok(());
            }
            _ => {}
        }
        // Both operands in the common type: C converts before it compares or computes.
        let common = match op {
            Shl | Shr => ty,
            _ => crate::check::types::arith(l.ty, r.ty),
        };
        self.expr(l)?;
        self.normalize(R0, common);
        self.push(R0)?;
        self.expr(r)?;
        self.e.emit(Insn::mov64_reg(R1, R0));
        if !matches!(op, Shl | Shr) {
            self.normalize(R1, common);
        }
        self.pop(R0);
        match op {
            Lt | Le | Gt | Ge | Eq | Ne => {
                let signed = matches!(common, Type::Int { signed: true, .. });
                self.compare(op, signed);
            }
            _ => {
                self.arith(op, common)?;
                self.normalize(R0, ty);
            }
        }
        Ok(())
    }

    /// R0 = R0 op R1 in `ty`; division and modulus by zero fault.
    pub(super) fn arith(&mut self, op: BinOp, ty: Type) -> Result<(), CompileError> {
        use BinOp::*;
        let signed = matches!(ty, Type::Int { signed: true, .. });
        let code = match op {
            Add => BPF_ADD,
            Sub => BPF_SUB,
            Mul => BPF_MUL,
            Div => BPF_DIV,
            Mod => BPF_MOD,
            Shl => BPF_LSH,
            Shr => {
                if signed {
                    BPF_ARSH
                } else {
                    BPF_RSH
                }
            }
            BitAnd => BPF_AND,
            BitOr => BPF_OR,
            BitXor => BPF_XOR,
            _ => {
                return Err(cerr(
                    self.line,
                    format!("operator {} is not arithmetic", op.as_str()),
                ))
            }
        };
        if matches!(op, Div | Mod) {
            let ok = self.e.label();
            self.e.jne_imm(R1, 0, ok);
            self.raise_fault(super::fault::code::DIVZERO, None);
            self.e.bind(ok);
            if signed {
                self.e.emit(Insn::alu64_sreg(code, R0, R1));
            } else {
                self.e.emit(Insn::alu64_reg(code, R0, R1));
            }
        } else {
            self.e.emit(Insn::alu64_reg(code, R0, R1));
        }
        Ok(())
    }

    /// R0 = (R0 op R1) as 0 or 1.
    pub(super) fn compare(&mut self, op: BinOp, signed: bool) {
        use BinOp::*;
        let j = match (op, signed) {
            (Lt, true) => BPF_JSLT,
            (Lt, false) => BPF_JLT,
            (Le, true) => BPF_JSLE,
            (Le, false) => BPF_JLE,
            (Gt, true) => BPF_JSGT,
            (Gt, false) => BPF_JGT,
            (Ge, true) => BPF_JSGE,
            (Ge, false) => BPF_JGE,
            (Eq, _) => BPF_JEQ,
            _ => BPF_JNE,
        };
        self.e.emit(Insn::mov64_reg(R2, R0));
        self.e.emit(Insn::mov64_imm(R0, 1));
        self.e.emit(Insn::jmp_reg(j, R2, R1, 1));
        self.e.emit(Insn::mov64_imm(R0, 0));
    }

    /// R0 = strcmp(R1, R2) over at most `strsize` bytes, as a bounded loop.
    pub(super) fn strcmp(&mut self) {
        let top = self.e.label();
        let differ = self.e.label();
        let equal = self.e.label();
        let done = self.e.label();
        self.e.emit(Insn::mov64_imm(R5, 0));
        self.e.bind(top);
        self.e
            .jump(Insn::jmp_imm(BPF_JGE, R5, self.t.strsize as i32, 0), equal);
        self.e.emit(Insn::mov64_reg(R3, R1));
        self.e.emit(Insn::alu64_reg(BPF_ADD, R3, R5));
        self.e.emit(Insn::ldx(BPF_B, R3, R3, 0));
        self.e.emit(Insn::mov64_reg(R4, R2));
        self.e.emit(Insn::alu64_reg(BPF_ADD, R4, R5));
        self.e.emit(Insn::ldx(BPF_B, R4, R4, 0));
        self.e.jump(Insn::jmp_reg(BPF_JNE, R3, R4, 0), differ);
        self.e.jeq_imm(R3, 0, equal);
        self.e.emit(Insn::alu64_imm(BPF_ADD, R5, 1));
        self.e.ja(top);
        self.e.bind(differ);
        self.e.emit(Insn::mov64_reg(R0, R3));
        self.e.emit(Insn::alu64_reg(BPF_SUB, R0, R4));
        self.e.ja(done);
        self.e.bind(equal);
        self.e.emit(Insn::mov64_imm(R0, 0));
        self.e.bind(done);
    }

    pub(super) fn builtin(&mut self, b: Builtin) -> Result<(), CompileError> {
        match b {
            Builtin::Pid => {
                self.e.call(helper::GET_CURRENT_PID_TGID);
                self.e.emit(Insn::alu64_imm(BPF_RSH, R0, 32));
            }
            Builtin::Tid => {
                self.e.call(helper::GET_CURRENT_PID_TGID);
                self.normalize(
                    R0,
                    Type::Int {
                        size: 4,
                        signed: false,
                    },
                );
            }
            Builtin::Uid => {
                self.e.call(helper::GET_CURRENT_UID_GID);
                self.normalize(
                    R0,
                    Type::Int {
                        size: 4,
                        signed: false,
                    },
                );
            }
            Builtin::Gid => {
                self.e.call(helper::GET_CURRENT_UID_GID);
                self.e.emit(Insn::alu64_imm(BPF_RSH, R0, 32));
            }
            Builtin::Timestamp => self.e.call(helper::KTIME_GET_NS),
            Builtin::Walltimestamp => {
                self.e.call(helper::KTIME_GET_NS);
                self.e.ld_map_value(R1, MapRef::State, 0);
                self.e.emit(Insn::ldx(BPF_DW, R1, R1, state::WALL_OFFSET));
                self.e.emit(Insn::alu64_reg(BPF_ADD, R0, R1));
            }
            Builtin::Cpu => self.e.call(helper::GET_SMP_PROCESSOR_ID),
            Builtin::Errno => self.e.emit(Insn::ldx(BPF_DW, R0, R6, mstate::ERRNO)),
            Builtin::Epid => self.e.emit(Insn::ldx(BPF_W, R0, R6, mstate::SLOT)),
            Builtin::Id => self.e.emit(Insn::ldx(BPF_W, R0, R6, mstate::PROBE)),
            Builtin::Curthread => self.e.call(helper::GET_CURRENT_TASK),
            Builtin::Execname => {
                let slot = self.alloc_scratch(self.t.strsize);
                self.e.emit(Insn::mov64_reg(R1, R6));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R1, slot as i32));
                self.e
                    .emit(Insn::mov64_imm(R2, self.t.strsize.min(16) as i32));
                self.e.call(helper::GET_CURRENT_COMM);
                self.e.emit(Insn::mov64_reg(R0, R6));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R0, slot as i32));
            }
            Builtin::Probeprov | Builtin::Probemod | Builtin::Probefunc | Builtin::Probename => {
                self.uses_probe_names = true;
                let field = match b {
                    Builtin::Probeprov => 0,
                    Builtin::Probemod => 1,
                    Builtin::Probefunc => 2,
                    _ => 3,
                };
                self.e.ld_map(R1, MapRef::ProbeNames);
                self.e.emit(Insn::mov64_reg(R2, R6));
                self.e
                    .emit(Insn::alu64_imm(BPF_ADD, R2, mstate::PROBE as i32));
                self.e.call(helper::MAP_LOOKUP_ELEM);
                let f = self.fault();
                self.e.jeq_imm(R0, 0, f);
                self.e.emit(Insn::alu64_imm(
                    BPF_ADD,
                    R0,
                    (field * self.t.strsize) as i32,
                ));
            }
            Builtin::Caller | Builtin::Ucaller | Builtin::Stackdepth | Builtin::Ustackdepth => {
                self.builtin2(b)?
            }
            Builtin::UregsBase => self.uregs_base(),
            Builtin::Ppid => {
                let (rp, tg) = match (self.t.task_real_parent, self.t.task_tgid) {
                    (Some(a), Some(b)) => (a, b),
                    _ => return Err(cerr(
                        self.line,
                        "ppid needs the kernel's BTF (task_struct offsets), which is not available",
                    )),
                };
                self.e.call(helper::GET_CURRENT_TASK);
                // parent = task->real_parent
                self.e.emit(Insn::mov64_reg(R3, R0));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R3, rp as i32));
                self.e.emit(Insn::mov64_reg(R1, FP));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R1, -8));
                self.e.emit(Insn::mov64_imm(R2, 8));
                self.e.call(helper::PROBE_READ_KERNEL);
                self.e.emit(Insn::ldx(BPF_DW, R3, FP, -8));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R3, tg as i32));
                self.e.emit(Insn::st(BPF_DW, FP, -8, 0));
                self.e.emit(Insn::mov64_reg(R1, FP));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R1, -8));
                self.e.emit(Insn::mov64_imm(R2, 4));
                self.e.call(helper::PROBE_READ_KERNEL);
                self.e.emit(Insn::ldx(BPF_W, R0, FP, -8));
            }
        }
        Ok(())
    }
}
