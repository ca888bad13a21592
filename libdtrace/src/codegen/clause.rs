//! The action program of one clause: predicate, actions, record, tail call to the next clause.
//!
//! Register use: R6 = machine state, R7 = the record being written (when the clause records
//! data), R8 = aggregation value, R9 = the program context (needed for the tail call).
//! Expression results land in R0 (an integer extended to 64 bits by its type's signedness, or
//! a pointer to a `strsize` string slot); intermediate results are kept on the BPF stack.

use std::sync::Arc;

use super::emit::{Emitter, Label, Reloc};
use super::insn::*;
use super::{drops, mstate, state, MapRef};
use crate::aggregate::AggFunc;
use crate::check::ir::*;
use crate::check::types::Type;
use crate::check::Symbols;
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::{BinOp, UnOp};
use crate::record::{ActionDesc, RecDesc, ValueKind, RECORD_HEADER_SIZE};

/// Facts about the kernel that the generated code depends on.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    pub strsize: u32,
    /// Size of the output ring buffer in bytes; a record submitted while more than half of it
    /// is unread wakes the consumer.
    pub ring_size: u64,
    /// Offsets for `ppid`: `task_struct.real_parent` and `task_struct.tgid`.
    pub task_real_parent: Option<u32>,
    pub task_tgid: Option<u32>,
}

/// One compiled clause.
#[derive(Debug, Clone)]
pub struct ClauseCode {
    pub insns: Vec<Insn>,
    pub relocs: Vec<Reloc>,
    pub actions: Vec<ActionDesc>,
    /// Record size, header included; 0 when the clause records nothing.
    pub record_size: u32,
    /// Bytes of machine-state scratch used after `mstate::SCRATCH`.
    pub scratch: u32,
    pub uses_probe_names: bool,
}

/// Bytes of BPF stack for temporaries: below the 8-byte key slot at fp-8.
const TEMP_BASE: i16 = -16;
const MAX_TEMPS: i16 = 56;

struct Gen<'a> {
    e: Emitter,
    syms: &'a Symbols,
    t: Target,
    temps: i16,
    scratch: u32,
    record_size: u32,
    actions: Vec<ActionDesc>,
    uses_probe_names: bool,
    /// Where a runtime fault goes: drop the record and go on to the next clause.
    fault: Label,
    /// Whether anything jumps to `fault` (the verifier refuses unreachable code).
    fault_used: bool,
    /// The next clause's tail call.
    next: Label,
    /// Whether R7 holds a reserved record.
    reserved: bool,
    line: u32,
}

fn cerr(line: u32, msg: impl Into<String>) -> CompileError {
    CompileError::new(ErrTag::D_UNKNOWN, line, msg)
}

pub fn compile(c: &TClause, syms: &Symbols, t: Target) -> Result<ClauseCode, CompileError> {
    let records = c.default_action || c.stmts.iter().any(|s| matches!(s, TStmt::Trace(_) | TStmt::Printf { .. } | TStmt::Exit(_)));
    let mut e = Emitter::new();
    let fault = e.label();
    let next = e.label();
    let mut g = Gen {
        e,
        syms,
        t,
        temps: 0,
        scratch: 0,
        record_size: RECORD_HEADER_SIZE,
        actions: Vec::new(),
        uses_probe_names: false,
        fault,
        fault_used: false,
        next,
        reserved: false,
        line: c.line,
    };
    let out = g.e.label();

    g.e.emit(Insn::mov64_reg(R9, R1));
    g.lookup_mstate(out);

    if let Some(p) = &c.predicate {
        g.expr(p)?;
        if p.ty == Type::Str {
            // A string predicate is true when the string is not empty.
            g.e.emit(Insn::ldx(BPF_B, R0, R0, 0));
        }
        g.e.jeq_imm(R0, 0, next);
    }

    // The record's layout is fixed before any code writes to it.
    let mut slots = Vec::new();
    for s in &c.stmts {
        match s {
            TStmt::Trace(x) => slots.push(vec![g.alloc_rec(x.ty.value_kind(t.strsize))]),
            TStmt::Printf { args, .. } => {
                let v: Vec<RecDesc> = args.iter().map(|a| g.alloc_rec(a.ty.value_kind(t.strsize))).collect();
                slots.push(v);
            }
            TStmt::Exit(_) => slots.push(vec![g.alloc_rec(ValueKind::Int { size: 4, signed: true })]),
            _ => slots.push(Vec::new()),
        }
    }
    g.record_size = (g.record_size + 7) / 8 * 8;
    let exits = c.stmts.iter().any(|s| matches!(s, TStmt::Exit(_)));

    if records {
        let reserved = g.e.label();
        g.e.ld_map(R1, MapRef::RingBuf);
        g.e.mov_imm(R2, g.record_size as i64);
        g.e.emit(Insn::mov64_imm(R3, 0));
        g.e.call(helper::RINGBUF_RESERVE);
        g.e.jne_imm(R0, 0, reserved);
        g.count_drop(drops::BUFFER);
        g.e.ja(next);
        g.e.bind(reserved);
        g.e.emit(Insn::mov64_reg(R7, R0));
        g.reserved = true;
        g.e.emit(Insn::ldx(BPF_W, R1, R6, mstate::SLOT));
        g.e.emit(Insn::stx(BPF_W, R7, 0, R1));
        g.e.call(helper::GET_SMP_PROCESSOR_ID);
        g.e.emit(Insn::stx(BPF_W, R7, 4, R0));
    }

    for (s, recs) in c.stmts.iter().zip(slots) {
        g.line = match s {
            TStmt::Expr(x) | TStmt::Trace(x) | TStmt::Exit(x) => x.line,
            _ => g.line,
        };
        match s {
            TStmt::Expr(x) => g.expr(x)?,
            TStmt::Trace(x) => {
                g.expr(x)?;
                g.store_rec(&recs[0]);
                g.actions.push(ActionDesc::Trace(recs[0]));
            }
            TStmt::Printf { format, args } => {
                for (a, r) in args.iter().zip(&recs) {
                    g.expr(a)?;
                    g.store_rec(r);
                }
                g.actions.push(ActionDesc::Printf { format: Arc::clone(format), args: recs.clone() });
            }
            TStmt::Exit(x) => {
                g.expr(x)?;
                g.store_rec(&recs[0]);
                g.actions.push(ActionDesc::Exit(recs[0]));
                g.e.ld_map_value(R1, MapRef::State, 0);
                g.e.emit(Insn::st(BPF_W, R1, state::ACTIVITY, 1));
            }
            TStmt::Agg { agg, keys, args } => g.aggregate(*agg, keys, args)?,
        }
    }

    if records {
        if exits {
            g.submit(Some(BPF_RB_FORCE_WAKEUP));
        } else {
            g.submit(None);
        }
        if g.fault_used {
            g.e.ja(next);
            // A fault after the reservation discards the record.
            g.e.bind(g.fault);
            g.e.emit(Insn::mov64_reg(R1, R7));
            g.e.emit(Insn::mov64_imm(R2, 0));
            g.e.call(helper::RINGBUF_DISCARD);
        }
    } else if g.fault_used {
        g.e.bind(g.fault);
    }

    g.e.bind(next);
    g.e.emit(Insn::ldx(BPF_W, R3, R6, mstate::SLOT));
    g.e.emit(Insn::alu64_imm(BPF_ADD, R3, 1));
    g.e.emit(Insn::stx(BPF_W, R6, mstate::SLOT, R3));
    g.e.emit(Insn::mov64_reg(R1, R9));
    g.e.ld_map(R2, MapRef::ProgArray);
    g.e.call(helper::TAIL_CALL);
    g.e.bind(out);
    g.e.emit(Insn::mov64_imm(R0, 0));
    g.e.emit(Insn::exit());

    let (insns, relocs) = g.e.finish();
    Ok(ClauseCode {
        insns,
        relocs,
        actions: g.actions,
        record_size: if records { g.record_size } else { 0 },
        scratch: g.scratch,
        uses_probe_names: g.uses_probe_names,
    })
}

impl<'a> Gen<'a> {
    /// The fault label, noting that it is used.
    fn fault(&mut self) -> Label {
        if !self.reserved {
            return self.next;
        }
        self.fault_used = true;
        self.fault
    }

    /// R6 = this CPU's machine state, or jump to `out`.
    fn lookup_mstate(&mut self, out: Label) {
        self.e.emit(Insn::st(BPF_W, FP, -8, 0));
        self.e.ld_map(R1, MapRef::MState);
        self.e.emit(Insn::mov64_reg(R2, FP));
        self.e.emit(Insn::alu64_imm(BPF_ADD, R2, -8));
        self.e.call(helper::MAP_LOOKUP_ELEM);
        self.e.jeq_imm(R0, 0, out);
        self.e.emit(Insn::mov64_reg(R6, R0));
    }

    fn count_drop(&mut self, which: i16) {
        let skip = self.e.label();
        self.e.emit(Insn::st(BPF_W, FP, -8, 0));
        self.e.ld_map(R1, MapRef::Drops);
        self.e.emit(Insn::mov64_reg(R2, FP));
        self.e.emit(Insn::alu64_imm(BPF_ADD, R2, -8));
        self.e.call(helper::MAP_LOOKUP_ELEM);
        self.e.jeq_imm(R0, 0, skip);
        self.e.emit(Insn::ldx(BPF_DW, R1, R0, which));
        self.e.emit(Insn::alu64_imm(BPF_ADD, R1, 1));
        self.e.emit(Insn::stx(BPF_DW, R0, which, R1));
        self.e.bind(skip);
    }

    /// Submit the record in R7, waking the consumer only when it is needed: when `force` is
    /// given, or when more than half of the ring is unread.
    fn submit(&mut self, force: Option<i32>) {
        match force {
            Some(f) => {
                self.e.emit(Insn::mov64_imm(R2, f));
            }
            None => {
                let quiet = self.e.label();
                self.e.ld_map(R1, MapRef::RingBuf);
                self.e.emit(Insn::mov64_imm(R2, BPF_RB_AVAIL_DATA));
                self.e.call(helper::RINGBUF_QUERY);
                self.e.emit(Insn::mov64_imm(R2, BPF_RB_NO_WAKEUP));
                self.e.mov_imm(R1, (self.t.ring_size / 2) as i64);
                self.e.jump(Insn::jmp_reg(BPF_JLE, R0, R1, 0), quiet);
                self.e.emit(Insn::mov64_imm(R2, BPF_RB_FORCE_WAKEUP));
                self.e.bind(quiet);
            }
        }
        self.e.emit(Insn::mov64_reg(R1, R7));
        self.e.call(helper::RINGBUF_SUBMIT);
    }

    fn alloc_rec(&mut self, kind: ValueKind) -> RecDesc {
        let a = kind.align();
        let off = (self.record_size + a - 1) / a * a;
        self.record_size = off + kind.size();
        RecDesc { offset: off, kind }
    }

    /// A scratch slot of `size` bytes in the machine state; returns its offset from R6.
    fn alloc_scratch(&mut self, size: u32) -> u32 {
        let off = mstate::SCRATCH + (self.scratch + 7) / 8 * 8;
        self.scratch = (self.scratch + 7) / 8 * 8 + size;
        off
    }

    fn push(&mut self, r: Reg) -> Result<i16, CompileError> {
        if self.temps >= MAX_TEMPS {
            return Err(cerr(self.line, "expression too complex"));
        }
        let off = TEMP_BASE - 8 * self.temps;
        self.temps += 1;
        self.e.emit(Insn::stx(BPF_DW, FP, off, r));
        Ok(off)
    }

    fn pop(&mut self, r: Reg) {
        self.temps -= 1;
        let off = TEMP_BASE - 8 * self.temps;
        self.e.emit(Insn::ldx(BPF_DW, r, FP, off));
    }

    /// Bring the 64-bit value in `r` to the representation of `ty`.
    fn normalize(&mut self, r: Reg, ty: Type) {
        if let Type::Int { size, signed } = ty {
            if size < 8 {
                let shift = 64 - 8 * size as i32;
                self.e.emit(Insn::alu64_imm(BPF_LSH, r, shift));
                self.e.emit(Insn::alu64_imm(if signed { BPF_ARSH } else { BPF_RSH }, r, shift));
            }
        }
    }

    /// Load an integer of `ty` from `[src + off]` into `dst`, extended by signedness.
    fn load_int(&mut self, dst: Reg, src: Reg, off: i16, ty: Type) {
        let (size, signed) = match ty {
            Type::Int { size, signed } => (size, signed),
            _ => (8, true),
        };
        let sz = match size {
            1 => BPF_B,
            2 => BPF_H,
            4 => BPF_W,
            _ => BPF_DW,
        };
        self.e.emit(Insn::ldx(sz, dst, src, off));
        if signed && size < 8 {
            self.normalize(dst, ty);
        }
    }

    fn store_int(&mut self, dst: Reg, off: i16, src: Reg, size: u8) {
        let sz = match size {
            1 => BPF_B,
            2 => BPF_H,
            4 => BPF_W,
            _ => BPF_DW,
        };
        self.e.emit(Insn::stx(sz, dst, off, src));
    }

    /// Copy `len` bytes from the pointer in R3 to `[dst + off]` (kernel memory, fixed size).
    fn copy_to(&mut self, dst: Reg, off: u32, len: u32, str_only: bool) {
        self.e.emit(Insn::mov64_reg(R1, dst));
        self.e.emit(Insn::alu64_imm(BPF_ADD, R1, off as i32));
        self.e.mov_imm(R2, len as i64);
        self.e.call(if str_only { helper::PROBE_READ_KERNEL_STR } else { helper::PROBE_READ_KERNEL });
    }

    /// Store the value in R0 into the record at `r`.
    fn store_rec(&mut self, r: &RecDesc) {
        match r.kind {
            ValueKind::Int { size, .. } => self.store_int(R7, r.offset as i16, R0, size),
            ValueKind::Str { size } => {
                self.e.emit(Insn::mov64_reg(R3, R0));
                self.copy_to(R7, r.offset, size, false);
            }
        }
    }

    fn expr(&mut self, x: &TExpr) -> Result<(), CompileError> {
        self.line = x.line;
        match &x.kind {
            TKind::Const(v) => self.e.mov_imm(R0, *v),
            TKind::Str(off) => self.e.ld_map_value(R0, MapRef::StrTab, *off),
            TKind::Builtin(b) => self.builtin(*b)?,
            TKind::Arg(i) => self.e.emit(Insn::ldx(BPF_DW, R0, R6, mstate::ARGS + 8 * *i as i16)),
            TKind::Global(v) => {
                let g = &self.syms.globals[*v as usize];
                if g.ty == Type::Str {
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
                    UnOp::Deref | UnOp::AddrOf => return Err(cerr(x.line, "pointers are not supported yet")),
                }
            }
            TKind::Binary(op, l, r) => self.binary(*op, l, r, x.ty)?,
            TKind::StrCmp(op, l, r) => {
                self.expr(l)?;
                self.push(R0)?;
                self.expr(r)?;
                self.e.emit(Insn::mov64_reg(R2, R0));
                self.pop(R1);
                self.strcmp();
                // R0 is <0, 0 or >0 as strcmp's; compare it with 0.
                self.e.emit(Insn::mov64_imm(R1, 0));
                self.compare(*op, true);
            }
            TKind::Assign { var, op, rhs } => {
                let g = self.syms.globals[*var as usize].clone();
                self.expr(rhs)?;
                if g.ty == Type::Str {
                    self.e.emit(Insn::mov64_reg(R3, R0));
                    self.e.ld_map_value(R8, MapRef::Globals, g.offset);
                    self.copy_to(R8, 0, self.t.strsize, false);
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
                self.e.emit(Insn::alu64_imm(BPF_ADD, R0, if *inc { 1 } else { -1 }));
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
                self.e.emit(Insn::mov64_reg(R1, R6));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R1, slot as i32));
                self.e.call(helper::PROBE_READ_USER_STR);
                // A failed read leaves an empty string.
                let ok = self.e.label();
                self.e.jump(Insn::jmp_imm(BPF_JSGT, R0, 0, 0), ok);
                self.e.emit(Insn::st(BPF_B, R6, slot as i16, 0));
                self.e.bind(ok);
                self.e.emit(Insn::mov64_reg(R0, R6));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R0, slot as i32));
            }
            TKind::Comma(a, b) => {
                self.expr(a)?;
                self.expr(b)?;
            }
        }
        Ok(())
    }

    /// R0 = (R0 == 0) when `negate`, else (R0 != 0).
    fn truth(&mut self, negate: bool) {
        let done = self.e.label();
        self.e.emit(Insn::mov64_reg(R1, R0));
        self.e.emit(Insn::mov64_imm(R0, if negate { 1 } else { 0 }));
        self.e.jeq_imm(R1, 0, done);
        self.e.emit(Insn::mov64_imm(R0, if negate { 0 } else { 1 }));
        self.e.bind(done);
    }

    fn binary(&mut self, op: BinOp, l: &TExpr, r: &TExpr, ty: Type) -> Result<(), CompileError> {
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
    fn arith(&mut self, op: BinOp, ty: Type) -> Result<(), CompileError> {
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
            _ => return Err(cerr(self.line, format!("operator {} is not arithmetic", op.as_str()))),
        };
        if matches!(op, Div | Mod) {
            let f = self.fault();
            self.e.jeq_imm(R1, 0, f);
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
    fn compare(&mut self, op: BinOp, signed: bool) {
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
    fn strcmp(&mut self) {
        let top = self.e.label();
        let differ = self.e.label();
        let equal = self.e.label();
        let done = self.e.label();
        self.e.emit(Insn::mov64_imm(R5, 0));
        self.e.bind(top);
        self.e.jump(Insn::jmp_imm(BPF_JGE, R5, self.t.strsize as i32, 0), equal);
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

    fn builtin(&mut self, b: Builtin) -> Result<(), CompileError> {
        match b {
            Builtin::Pid => {
                self.e.call(helper::GET_CURRENT_PID_TGID);
                self.e.emit(Insn::alu64_imm(BPF_RSH, R0, 32));
            }
            Builtin::Tid => {
                self.e.call(helper::GET_CURRENT_PID_TGID);
                self.normalize(R0, Type::Int { size: 4, signed: false });
            }
            Builtin::Uid => {
                self.e.call(helper::GET_CURRENT_UID_GID);
                self.normalize(R0, Type::Int { size: 4, signed: false });
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
            Builtin::Execname => {
                let slot = self.alloc_scratch(self.t.strsize);
                self.e.emit(Insn::mov64_reg(R1, R6));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R1, slot as i32));
                self.e.emit(Insn::mov64_imm(R2, self.t.strsize.min(16) as i32));
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
                self.e.emit(Insn::alu64_imm(BPF_ADD, R2, mstate::PROBE as i32));
                self.e.call(helper::MAP_LOOKUP_ELEM);
                let f = self.fault();
                self.e.jeq_imm(R0, 0, f);
                self.e.emit(Insn::alu64_imm(BPF_ADD, R0, (field * self.t.strsize) as i32));
            }
            Builtin::Ppid => {
                let (rp, tg) = match (self.t.task_real_parent, self.t.task_tgid) {
                    (Some(a), Some(b)) => (a, b),
                    _ => return Err(cerr(self.line, "ppid needs the kernel's BTF (task_struct offsets), which is not available")),
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

    fn aggregate(&mut self, agg: u32, keys: &[TExpr], args: &[TExpr]) -> Result<(), CompileError> {
        let a = &self.syms.aggs[agg as usize];
        let func = a.func;
        let desc = crate::aggregate::AggDesc {
            id: agg,
            name: a.name.clone(),
            func,
            keys: a.keys.iter().map(|t| t.value_kind(self.t.strsize)).collect(),
        };
        let words = func.value_words() as u32;
        let skip = self.e.label();
        let have = self.e.label();
        if let Some(arg) = args.first() {
            self.expr(arg)?;
            self.normalize(R0, Type::Int { size: 8, signed: true });
        } else {
            self.e.emit(Insn::mov64_imm(R0, 0));
        }
        let argslot = self.push(R0)?;

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
                self.expr(k)?;
                match kind {
                    ValueKind::Int { size, .. } => self.store_int(R6, (ko + off) as i16, R0, *size),
                    ValueKind::Str { size } => {
                        self.e.emit(Insn::mov64_reg(R3, R0));
                        self.copy_to(R6, ko + off, *size, true);
                    }
                }
            }
            key_off = Some(ko);
        }
        let key_ptr = |g: &mut Gen| {
            g.e.emit(Insn::mov64_reg(R2, match key_off {
                Some(_) => R6,
                None => FP,
            }));
            g.e.emit(Insn::alu64_imm(BPF_ADD, R2, match key_off {
                Some(k) => k as i32,
                None => -8,
            }));
        };
        self.e.ld_map(R1, MapRef::Agg(agg));
        key_ptr(self);
        self.e.call(helper::MAP_LOOKUP_ELEM);
        self.e.jne_imm(R0, 0, have);
        if key_off.is_some() {
            // First use of this key on any CPU: insert zeroes, then look it up again.
            let vo = self.alloc_scratch(words * 8);
            for i in 0..words {
                self.e.emit(Insn::st(BPF_DW, R6, (vo + 8 * i) as i16, 0));
            }
            self.e.ld_map(R1, MapRef::Agg(agg));
            key_ptr(self);
            self.e.emit(Insn::mov64_reg(R3, R6));
            self.e.emit(Insn::alu64_imm(BPF_ADD, R3, vo as i32));
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
                let j = if func == AggFunc::Min { BPF_JSGE } else { BPF_JSLE };
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
        }
        self.e.bind(skip);
        self.temps -= 1;
        Ok(())
    }
}
