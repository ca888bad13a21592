//! Guards of stable probes (`provider::stable::guard`): the condition a raw tracepoint's
//! arguments must meet for the stable probe built on it to fire, folded into the predicate of
//! each clause that enables the probe.

use super::{err, Checker};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::{BinOp, Expr, ExprKind, Item, Stmt};
use crate::provider::{stable, ProbeKind};

impl<'a> Checker<'a> {
    /// The clause's predicate with the guards of its probes ANDed in front of it: a clause
    /// shared by probes with different guards tests each under `id == <probe>`.
    pub(super) fn guarded_predicate(
        &mut self,
        pred: Option<&Expr>,
        line: u32,
    ) -> Result<Option<Expr>, CompileError> {
        let mut guards: Vec<(u32, &'static str)> = Vec::new();
        let mut unguarded = false;
        for &id in &self.cur_probes {
            match self.probes.get(id).map(|p| &p.kind) {
                Some(ProbeKind::Stable(st)) => match stable::guard(st) {
                    Some(g) => guards.push((id, g)),
                    None => unguarded = true,
                },
                _ => unguarded = true,
            }
        }
        if guards.is_empty() {
            return Ok(pred.cloned());
        }
        let text = if !unguarded && guards.iter().all(|g| g.1 == guards[0].1) {
            format!("({})", guards[0].1)
        } else {
            guards
                .iter()
                .map(|(id, g)| format!("(id != {} || ({}))", id, g))
                .collect::<Vec<_>>()
                .join(" && ")
        };
        let mut guard = parse_expr(&text, line, "probe guard")?;
        set_line(&mut guard, line);
        Ok(Some(match pred {
            Some(p) => Expr {
                kind: ExprKind::Binary {
                    op: BinOp::LogAnd,
                    lhs: Box::new(guard),
                    rhs: Box::new(p.clone()),
                },
                line: p.line,
            },
            None => guard,
        }))
    }
}

/// A D expression written by a provider or the compiler itself (a guard, an argument's
/// translation, a register's location), parsed as the statement of a clause; `what` names it
/// in the internal error a text that is not one expression gives.
pub(super) fn parse_expr(text: &str, line: u32, what: &str) -> Result<Expr, CompileError> {
    let prog = crate::parse::parse_program(&format!("BEGIN {{ {}; }}", text))?;
    let stmt = prog.items.into_iter().find_map(|i| match i {
        Item::Clause(c) => c.body.and_then(|b| b.into_iter().next()),
        _ => None,
    });
    match stmt {
        Some(Stmt::Expr(e)) => Ok(e),
        _ => Err(err(
            ErrTag::D_UNKNOWN,
            line,
            format!("bad {}: {}", what, text),
        )),
    }
}

/// Errors in a guard are reported at the clause's line, not the guard text's.
fn set_line(e: &mut Expr, line: u32) {
    e.line = line;
    if let ExprKind::Binary { lhs, rhs, .. } = &mut e.kind {
        set_line(lhs, line);
        set_line(rhs, line);
    }
}
