//! `if`/`else` in clause programs.
//!
//! A clause's record has one fixed layout: every data-recording action of every branch has
//! its slot. When a clause has an `if` containing such actions, the record also carries a
//! 64-bit mask after the header (see `record::DataDesc::guard`): bit i is set when the clause's
//! i-th action (in source order) ran. The consumer prints only the actions whose bit is set;
//! a record whose mask is 0 (no action ran) is discarded in the kernel, so the firing prints
//! nothing, as when DTrace runs no data-recording action for it.

use super::clause::Gen;
use super::insn::*;
use crate::check::ir::*;
use crate::check::types::Type;
use crate::error::CompileError;
use crate::record::RecDesc;

/// The most actions a guarded clause can have (bits of the mask).
pub const MAX_GUARDED_ACTIONS: usize = 64;

/// Whether the statement records data (trace, printf, exit), branches included.
pub(super) fn records(s: &TStmt) -> bool {
    match s {
        TStmt::Trace(_) | TStmt::Printf { .. } | TStmt::Exit(_) => true,
        TStmt::Act(a) => a.records(),
        TStmt::Printa { .. } | TStmt::AggOp { .. } | TStmt::Setopt { .. } => super::aggops::records(s),
        TStmt::If { then, els, .. } => then.iter().chain(els).any(records),
        _ => false,
    }
}

/// Whether the statement exits, branches included.
pub(super) fn exits(s: &TStmt) -> bool {
    match s {
        TStmt::Exit(_) => true,
        TStmt::If { then, els, .. } => then.iter().chain(els).any(exits),
        _ => false,
    }
}

/// Whether the clause needs the ran-actions mask.
pub(super) fn guarded(stmts: &[TStmt]) -> bool {
    stmts
        .iter()
        .any(|s| matches!(s, TStmt::If { .. }) && records(s))
}

/// How many record slots the statement takes (see `Gen::stmt_slots`).
pub(super) fn nrecs(s: &TStmt) -> usize {
    match s {
        TStmt::Trace(_) | TStmt::Exit(_) => 1,
        TStmt::Printf { args, .. } => args.len(),
        TStmt::If { then, els, .. } => then.iter().chain(els).map(nrecs).sum(),
        _ => 0,
    }
}

impl<'a> Gen<'a> {
    /// Note in the record that the action just pushed on `actions` ran.
    pub(super) fn mark_ran(&mut self) -> Result<(), CompileError> {
        let Some(off) = self.guard else {
            return Ok(());
        };
        let bit = self.actions.len() - 1;
        if bit >= MAX_GUARDED_ACTIONS {
            return Err(super::clause::cerr(
                self.line,
                format!(
                    "a clause with if statements may have at most {} data-recording actions",
                    MAX_GUARDED_ACTIONS
                ),
            ));
        }
        self.e.emit(Insn::ldx(BPF_DW, R1, R7, off as i16));
        self.e.mov_imm(R2, (1u64 << bit) as i64);
        self.e.emit(Insn::alu64_reg(BPF_OR, R1, R2));
        self.e.emit(Insn::stx(BPF_DW, R7, off as i16, R1));
        Ok(())
    }

    /// `if (cond) { then } else { els }`, with the record slots of both branches in `recs`.
    pub(super) fn if_stmt(
        &mut self,
        cond: &TExpr,
        then: &[TStmt],
        els: &[TStmt],
        recs: &[RecDesc],
    ) -> Result<(), CompileError> {
        let other = self.e.label();
        let end = self.e.label();
        self.expr(cond)?;
        if cond.ty == Type::Str {
            self.e.emit(Insn::ldx(BPF_B, R0, R0, 0));
        }
        self.e.jeq_imm(R0, 0, other);
        let mut at = 0;
        for s in then {
            let n = nrecs(s);
            self.stmt(s, &recs[at..at + n])?;
            at += n;
        }
        self.e.ja(end);
        self.e.bind(other);
        for s in els {
            let n = nrecs(s);
            self.stmt(s, &recs[at..at + n])?;
            at += n;
        }
        self.e.bind(end);
        Ok(())
    }
}
