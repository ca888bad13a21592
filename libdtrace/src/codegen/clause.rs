//! The action program of one clause: predicate, actions, record, tail call to the next clause.
//!
//! Register use: R6 = machine state, R7 = the record being written (when the clause records
//! data), R8 = aggregation value, R9 = the program context (needed for the tail call).
//! Expression results land in R0 (an integer extended to 64 bits by its type's signedness, or
//! a pointer to a `strsize` string slot); intermediate results are kept on the BPF stack.

use std::sync::Arc;

use super::emit::{Emitter, Label, Reloc};
use super::insn::*;
use super::{mstate, state, MapRef};
use crate::check::ir::*;
use crate::check::types::Type;
use crate::check::Symbols;
use crate::error::{CompileError, ErrTag};
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
    /// Bytes of dynamic variable space (`dynvarsize`).
    pub dynvarsize: u64,
    /// The ERROR probe's ID (faults inside its clauses are not reported through it again).
    pub error_probe: Option<u32>,
    /// The slot of ERROR's first clause, when it has clauses.
    pub error_slot: Option<u32>,
    /// Speculation buffers (`nspec`).
    pub nspec: u32,
    /// Bytes `alloca()` can hand out per clause (`scratchsize`).
    pub scratchsize: u32,
    /// Where records go (see `recbuf`).
    pub recbuf: super::recbuf::RecBuf,
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
    /// Offset of the ran-actions mask in the record (see `record::DataDesc::guard`).
    pub guard: Option<u32>,
}

/// Bytes of BPF stack for temporaries: below the 8-byte key slot at fp-8.
const TEMP_BASE: i16 = -16;
const MAX_TEMPS: i16 = 56;

pub(super) struct Gen<'a> {
    pub(super) e: Emitter,
    pub(super) syms: &'a Symbols,
    pub(super) t: Target,
    pub(super) temps: i16,
    pub(super) scratch: u32,
    pub(super) record_size: u32,
    pub(super) actions: Vec<ActionDesc>,
    pub(super) uses_probe_names: bool,
    /// Where a runtime fault goes: drop the record and go on to the next clause.
    pub(super) fault: Label,
    /// Whether anything jumps to `fault` (the verifier refuses unreachable code).
    pub(super) fault_used: bool,
    /// The next clause's tail call.
    pub(super) next: Label,
    /// Whether R7 holds a reserved record.
    pub(super) reserved: bool,
    pub(super) line: u32,
    /// The statement being compiled, 1-based in source order (0 = the predicate): the action
    /// index a fault reports.
    pub(super) action: u32,
    /// Runtime faults (see `fault`): discard the record, then report.
    pub(super) flt_discard: Label,
    pub(super) flt_common: Label,
    pub(super) flt_discard_used: bool,
    pub(super) flt_common_used: bool,
    /// Offset of the ran-actions mask in the record, for clauses with `if` (see `ifelse`).
    pub(super) guard: Option<u32>,
    /// The work buffer every string search of the clause shares (see `subr`).
    pub(super) search_buf: Option<u32>,
    /// Size of the record last reserved (the perf transports send it by size).
    pub(super) rec_len: u32,
}

pub(super) fn cerr(line: u32, msg: impl Into<String>) -> CompileError {
    CompileError::new(ErrTag::D_UNKNOWN, line, msg)
}

pub fn compile(c: &TClause, syms: &Symbols, t: Target) -> Result<ClauseCode, CompileError> {
    let records = c.default_action || c.stmts.iter().any(super::ifelse::records);
    let mut e = Emitter::new();
    let fault = e.label();
    let next = e.label();
    let flt_discard = e.label();
    let flt_common = e.label();
    let mut g = Gen {
        e,
        syms,
        t,
        temps: 0,
        scratch: super::vars::reserved_scratch(syms),
        record_size: RECORD_HEADER_SIZE,
        actions: Vec::new(),
        uses_probe_names: false,
        fault,
        fault_used: false,
        next,
        reserved: false,
        line: c.line,
        action: 0,
        flt_discard,
        flt_common,
        flt_discard_used: false,
        flt_common_used: false,
        guard: None,
        search_buf: None,
        rec_len: 0,
    };
    let out = g.e.label();

    g.e.emit(Insn::mov64_reg(R9, R1));
    g.lookup_mstate(out);
    g.scratch_prologue(c);

    if let Some(p) = &c.predicate {
        g.expr(p)?;
        if p.ty == Type::Str {
            // A string predicate is true when the string is not empty.
            g.e.emit(Insn::ldx(BPF_B, R0, R0, 0));
        }
        g.e.jeq_imm(R0, 0, next);
    }

    // The record's layout is fixed before any code writes to it.
    if super::ifelse::guarded(&c.stmts) {
        g.guard = Some(
            g.alloc_rec(ValueKind::Int {
                size: 8,
                signed: false,
            })
            .offset,
        );
    }
    let mut slots = Vec::new();
    let pid_rec = g.act_pid_slot(c);
    for s in &c.stmts {
        slots.push(g.stmt_slots(s));
    }
    g.record_size = (g.record_size + 7) / 8 * 8;
    let exits = c.stmts.iter().any(super::ifelse::exits);

    if records {
        g.rec_reserve(g.record_size, next);
        g.reserved = true;
        g.e.emit(Insn::ldx(BPF_W, R1, R6, mstate::SLOT));
        g.e.emit(Insn::stx(BPF_W, R7, 0, R1));
        g.e.call(helper::GET_SMP_PROCESSOR_ID);
        g.e.emit(Insn::stx(BPF_W, R7, 4, R0));
        if let Some(off) = g.guard {
            g.e.emit(Insn::st(BPF_DW, R7, off as i16, 0));
        }
        g.act_prologue(pid_rec);
    }

    for (s, recs) in c.stmts.iter().zip(slots) {
        g.stmt(s, &recs)?;
    }

    if records {
        let submit = g.e.label();
        let done = g.e.label();
        if let Some(off) = g.guard {
            // No action ran: the firing leaves no record.
            g.e.emit(Insn::ldx(BPF_DW, R1, R7, off as i16));
            g.e.jne_imm(R1, 0, submit);
            g.rec_discard();
            g.e.ja(done);
        }
        g.e.bind(submit);
        if exits {
            g.submit(Some(BPF_RB_FORCE_WAKEUP));
        } else {
            g.submit(None);
        }
        g.e.bind(done);
        if g.fault_used {
            g.e.ja(next);
            // A fault after the reservation discards the record.
            g.e.bind(g.fault);
            g.rec_discard();
        }
    } else if g.fault_used {
        g.e.bind(g.fault);
    }
    g.fault_handler(next);

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

    let limit = super::mstate::MAX_SIZE - super::mstate::SCRATCH;
    if g.scratch.div_ceil(8) * 8 > limit {
        return Err(cerr(
            c.line,
            format!(
                "clause needs {} bytes of temporary storage (strings, keys, search buffers), more than the {} bytes a CPU's machine state holds: split its work over several clauses or lower strsize",
                g.scratch, limit
            ),
        ));
    }
    let calls = std::mem::take(&mut g.e.routine_calls);
    let (mut insns, relocs) = g.e.finish();
    super::link::link(&mut insns, &calls).map_err(|e| cerr(c.line, e.to_string()))?;
    Ok(ClauseCode {
        insns,
        relocs,
        actions: g.actions,
        record_size: if records { g.record_size } else { 0 },
        scratch: g.scratch,
        uses_probe_names: g.uses_probe_names,
        guard: g.guard,
    })
}

impl<'a> Gen<'a> {
    /// The record slots statement `s` writes, allocated in the record (both branches of an
    /// `if`, in source order).
    pub(super) fn stmt_slots(&mut self, s: &TStmt) -> Vec<RecDesc> {
        let strsize = self.t.strsize;
        match s {
            TStmt::Trace(x) => vec![self.alloc_rec(x.ty.value_kind(strsize))],
            TStmt::Printf { args, .. } => args
                .iter()
                .map(|a| self.alloc_rec(a.ty.value_kind(strsize)))
                .collect(),
            TStmt::Exit(_) => vec![self.alloc_rec(ValueKind::Int {
                size: 4,
                signed: true,
            })],
            TStmt::If { then, els, .. } => then
                .iter()
                .chain(els)
                .flat_map(|s| self.stmt_slots(s))
                .collect(),
            TStmt::Printa { .. } | TStmt::AggOp { .. } | TStmt::Setopt { .. } => self.aggop_slots(s),
            _ => self.act_alloc(s),
        }
    }

    /// One statement, writing its data to the record slots `recs`.
    pub(super) fn stmt(&mut self, s: &TStmt, recs: &[RecDesc]) -> Result<(), CompileError> {
        self.action += 1;
        self.line = match s {
            TStmt::Expr(x) | TStmt::Trace(x) | TStmt::Exit(x) => x.line,
            _ => self.line,
        };
        match s {
            TStmt::Expr(x) => self.expr(x)?,
            TStmt::Trace(x) => {
                self.expr(x)?;
                self.store_rec(&recs[0]);
                self.actions.push(ActionDesc::Trace(recs[0]));
                self.mark_ran()?;
            }
            TStmt::Printf { format, args } => {
                for (a, r) in args.iter().zip(recs) {
                    self.expr(a)?;
                    self.store_rec(r);
                }
                self.actions.push(ActionDesc::Printf {
                    format: Arc::clone(format),
                    args: recs.to_vec(),
                });
                self.mark_ran()?;
            }
            TStmt::Exit(x) => {
                self.expr(x)?;
                self.store_rec(&recs[0]);
                self.actions.push(ActionDesc::Exit(recs[0]));
                self.mark_ran()?;
                self.e.ld_map_value(R1, MapRef::State, 0);
                self.e.emit(Insn::st(BPF_W, R1, state::ACTIVITY, 1));
            }
            TStmt::Agg { agg, keys, args } => self.aggregate(*agg, keys, args)?,
            TStmt::If { cond, then, els } => self.if_stmt(cond, then, els, recs)?,
            TStmt::Act(a) => {
                self.act_stmt(a, recs)?;
                if !recs.is_empty() {
                    self.mark_ran()?;
                }
            }
            TStmt::Printa { .. } | TStmt::AggOp { .. } | TStmt::Setopt { .. } => {
                let before = self.actions.len();
                self.aggop(s, recs)?;
                if self.actions.len() > before {
                    self.mark_ran()?;
                }
            }
        }
        Ok(())
    }

    /// The fault label, noting that it is used.
    pub(super) fn fault(&mut self) -> Label {
        if !self.reserved {
            return self.next;
        }
        self.fault_used = true;
        self.fault
    }

    /// R6 = this CPU's machine state, or jump to `out`.
    pub(super) fn lookup_mstate(&mut self, out: Label) {
        self.e.emit(Insn::st(BPF_W, FP, -8, 0));
        self.e.ld_map(R1, MapRef::MState);
        self.e.emit(Insn::mov64_reg(R2, FP));
        self.e.emit(Insn::alu64_imm(BPF_ADD, R2, -8));
        self.e.call(helper::MAP_LOOKUP_ELEM);
        self.e.jeq_imm(R0, 0, out);
        self.e.emit(Insn::mov64_reg(R6, R0));
    }

    pub(super) fn count_drop(&mut self, which: i16) {
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
    pub(super) fn submit(&mut self, force: Option<i32>) {
        if self.t.recbuf != super::recbuf::RecBuf::Ring {
            return self.rec_commit_perf(force.is_some());
        }
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

    pub(super) fn alloc_rec(&mut self, kind: ValueKind) -> RecDesc {
        let a = kind.align();
        let off = (self.record_size + a - 1) / a * a;
        self.record_size = off + kind.size();
        RecDesc { offset: off, kind }
    }

    /// A scratch slot of `size` bytes in the machine state; returns its offset from R6.
    pub(super) fn alloc_scratch(&mut self, size: u32) -> u32 {
        let off = mstate::SCRATCH + (self.scratch + 7) / 8 * 8;
        self.scratch = (self.scratch + 7) / 8 * 8 + size;
        off
    }

    pub(super) fn push(&mut self, r: Reg) -> Result<i16, CompileError> {
        if self.temps >= MAX_TEMPS {
            return Err(cerr(self.line, "expression too complex"));
        }
        let off = TEMP_BASE - 8 * self.temps;
        self.temps += 1;
        self.e.emit(Insn::stx(BPF_DW, FP, off, r));
        Ok(off)
    }

    pub(super) fn pop(&mut self, r: Reg) {
        self.temps -= 1;
        let off = TEMP_BASE - 8 * self.temps;
        self.e.emit(Insn::ldx(BPF_DW, r, FP, off));
    }

    /// Bring the 64-bit value in `r` to the representation of `ty`.
    pub(super) fn normalize(&mut self, r: Reg, ty: Type) {
        if let Type::Int { size, signed } = ty {
            if size < 8 {
                let shift = 64 - 8 * size as i32;
                self.e.emit(Insn::alu64_imm(BPF_LSH, r, shift));
                self.e.emit(Insn::alu64_imm(
                    if signed { BPF_ARSH } else { BPF_RSH },
                    r,
                    shift,
                ));
            }
        }
    }

    /// Load an integer of `ty` from `[src + off]` into `dst`, extended by signedness.
    pub(super) fn load_int(&mut self, dst: Reg, src: Reg, off: i16, ty: Type) {
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

    pub(super) fn store_int(&mut self, dst: Reg, off: i16, src: Reg, size: u8) {
        let sz = match size {
            1 => BPF_B,
            2 => BPF_H,
            4 => BPF_W,
            _ => BPF_DW,
        };
        self.e.emit(Insn::stx(sz, dst, off, src));
    }

    /// Copy `len` bytes from the pointer in R3 to `[dst + off]` (kernel memory, fixed size).
    pub(super) fn copy_to(&mut self, dst: Reg, off: u32, len: u32, str_only: bool) {
        self.e.emit(Insn::mov64_reg(R1, dst));
        self.e.emit(Insn::alu64_imm(BPF_ADD, R1, off as i32));
        self.e.mov_imm(R2, len as i64);
        self.e.call(if str_only {
            helper::PROBE_READ_KERNEL_STR
        } else {
            helper::PROBE_READ_KERNEL
        });
    }

    /// Store the value in R0 into the record at `r`.
    pub(super) fn store_rec(&mut self, r: &RecDesc) {
        match r.kind {
            ValueKind::Int { size, .. } => self.store_int(R7, r.offset as i16, R0, size),
            ValueKind::Str { size } => {
                self.null_str_fault(R0);
                self.e.emit(Insn::mov64_reg(R3, R0));
                self.copy_to(R7, r.offset, size, false);
            }
            // Stacks are recorded by the stack() action itself, never through a value.
            ValueKind::Stack { .. } | ValueKind::Sym { .. } => {}
        }
    }
}
