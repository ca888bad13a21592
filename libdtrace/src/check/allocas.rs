//! DTrace's rule that a variable holds either pointers into alloca()'d scratch memory or other
//! pointers, never both (`D_ALLOCA_INCOMPAT`, Oracle's `DT_IDFLG_ALLOCA`/`DT_IDFLG_NONALLOCA`):
//! the kind of each variable is fixed by the first pointer assigned to it, in any clause. A
//! null pointer constant is neither kind.

use super::ir::{TExpr, TKind, VarKind};
use super::{err, Checker};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::{Expr, ExprKind};

/// A variable, as the alloca rule tells them apart (an associative array is one variable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    Global(u32),
    /// A variable of `Symbols::locals` (`this->`, tag 0) or `Symbols::dyns` (1).
    Var(u8, u32),
}

impl Slot {
    pub fn var(kind: VarKind, id: u32) -> Slot {
        match kind {
            VarKind::Local => Slot::Var(0, id),
            VarKind::Thread | VarKind::Array => Slot::Var(1, id),
        }
    }
}

impl Checker<'_> {
    /// `true` for an alloca pointer, `false` for another pointer, `None` for neither (an
    /// integer, a null pointer constant, a variable of no kind yet).
    fn alloca_kind(&self, e: &TExpr) -> Option<bool> {
        match &e.kind {
            TKind::Alloca(_) | TKind::Copyin { .. } => Some(true),
            TKind::Const(0) => None,
            TKind::Cast(a) => self
                .alloca_kind(a)
                .or((e.ty.is_ptr() && !matches!(a.kind, TKind::Const(0))).then_some(false)),
            TKind::PtrAdd { base, .. } => self.alloca_kind(base),
            TKind::Global(id) => self.alloca_vars.get(&Slot::Global(*id)).copied(),
            TKind::Var(v) => self.alloca_vars.get(&Slot::var(v.kind, v.id)).copied(),
            TKind::Ternary(_, a, b) => self.alloca_kind(a).or(self.alloca_kind(b)),
            _ => e.ty.is_ptr().then_some(false),
        }
    }

    /// Records the kind of pointer `rhs` assigned (`=`) to `slot`, refusing a clash.
    pub(super) fn alloca_assign(
        &mut self,
        slot: Slot,
        name: &str,
        rhs: &TExpr,
        line: u32,
    ) -> Result<(), CompileError> {
        if let TKind::Ternary(_, a, b) = &rhs.kind {
            if let (Some(x), Some(y)) = (self.alloca_kind(a), self.alloca_kind(b)) {
                if x != y {
                    return Err(err(
                        ErrTag::D_ALLOCA_INCOMPAT,
                        line,
                        "ternary conditional with alloca and non-alloca branches cannot be assigned to a variable",
                    ));
                }
            }
        }
        let Some(kind) = self.alloca_kind(rhs) else {
            return Ok(());
        };
        match self.alloca_vars.insert(slot, kind) {
            Some(prev) if prev != kind => Err(err(
                ErrTag::D_ALLOCA_INCOMPAT,
                line,
                format!(
                    "{}: cannot reuse the same identifier for both alloca and non-alloca allocations",
                    name
                ),
            )),
            _ => Ok(()),
        }
    }
}

/// The name DTrace gives the variable an assignment's left-hand side names.
pub(super) fn var_name(e: &Expr) -> &str {
    match &e.kind {
        ExprKind::SelfVar(n) | ExprKind::ThisVar(n) | ExprKind::Ident(n) => n,
        ExprKind::Index { base, .. } => var_name(base),
        _ => "",
    }
}
