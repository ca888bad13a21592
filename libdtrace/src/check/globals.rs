//! Global variables of struct, union, array and pointer type: their declarations, bounds on
//! indexes into global arrays, and stores to members and elements.
//!
//! A global of a by-reference type (struct, union, array) evaluates to its address inside the
//! globals map; member and element reads then go through the ordinary memory code (check/mem.rs).
//! Stores are only allowed through such addresses: D cannot write kernel memory.

use super::ir::*;
use super::types::{self, Members, Type};
use super::{err, Checker};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::{self, BinOp, Expr, ExprKind};

impl<'a> Checker<'a> {
    /// Whether `t` computes an address inside the globals map: a by-reference global (whose
    /// node may carry the type of its first member's address), or an offset from one.
    pub(super) fn in_globals(&self, t: &TExpr) -> bool {
        match &t.kind {
            TKind::Global(g) => self.syms.globals[*g as usize].ty.by_ref(),
            TKind::PtrAdd { base, .. } => self.in_globals(base),
            // A clause-local or dynamic struct: map memory too, stored to directly.
            TKind::DynAddr { .. } => true,
            _ => false,
        }
    }

    /// The type of a global declaration: any D type (integers, pointers, structs, unions,
    /// arrays, strings); not `void`, nor a struct or union without a definition.
    pub(super) fn global_decl_type(&mut self, d: &ast::Decl) -> Result<Type, CompileError> {
        let ty = self.resolve_type(&d.ty, d.line)?;
        if ty == Type::Void {
            return Err(err(
                ErrTag::D_DECL_VOIDOBJ,
                d.line,
                format!("cannot have void object: {}", d.name),
            ));
        }
        if let Some(s) = ty.sou() {
            if s.members == Members::Incomplete {
                return Err(err(
                    ErrTag::D_DECL_INCOMPLETE,
                    d.line,
                    format!("incomplete struct/union/enum {}: {}", ty, d.name),
                ));
            }
        }
        Ok(ty)
    }

    /// The index of `base[index]` when `base` is an array in the globals map: bounded at run
    /// time so that no access leaves the array (and the verifier can prove stores safe).
    pub(super) fn bound_index(&self, base: &TExpr, index: TExpr) -> TExpr {
        let Some((_, len)) = base.ty.array_info() else {
            return index;
        };
        if len == 0 || !self.in_globals(base) {
            return index;
        }
        if let TKind::Const(v) = index.kind {
            if v >= 0 && (v as u64) < len as u64 {
                return index;
            }
        }
        let line = index.line;
        TExpr {
            kind: TKind::Bounded {
                index: Box::new(index),
                len,
            },
            ty: types::ULONG,
            line,
        }
    }

    /// `lhs = rhs` or `lhs op= rhs` where `lhs` is a member or element of a global; when it is
    /// not, the checked right-hand side comes back as `Err`.
    pub(super) fn mem_assign(
        &mut self,
        lhs: &Expr,
        op: Option<BinOp>,
        r: TExpr,
        line: u32,
    ) -> Result<Result<TExpr, TExpr>, CompileError> {
        let candidate = match &lhs.kind {
            ExprKind::Member { .. } => true,
            ExprKind::Index { base, .. } => self.is_mem_index(base),
            ExprKind::Unary {
                op: ast::UnOp::Deref,
                ..
            } => true,
            _ => false,
        };
        if !candidate {
            return Ok(Err(r));
        }
        let l = self.expr(lhs)?;
        let opstr = format!("{}=", op.map(|o| o.as_str()).unwrap_or(""));
        // Stores through other addresses are checked at run time against the clause's
        // alloca()'d memory, the only other memory D may write.
        let (addr, scratch, bits) = match l.kind {
            TKind::Load(mut addr, bits) => {
                let s = !self.in_globals(&addr);
                super::vars::for_write(&mut addr);
                (addr, s, bits)
            }
            // A string member of a D struct is its own address: assigning copies the string.
            TKind::PtrAdd { .. } if l.ty == Type::Str && self.in_globals(&l) => {
                let mut addr = Box::new(l.clone());
                super::vars::for_write(&mut addr);
                (addr, false, None)
            }
            _ => return Ok(Err(r)),
        };
        if r.ty == Type::Void {
            return Err(err(
                ErrTag::D_OP_VOID,
                line,
                format!("operator {} requires a non-void right-hand operand", opstr),
            ));
        }
        let ok = match (op, l.ty, r.ty) {
            (_, Type::Int { .. }, Type::Int { .. }) => true,
            (None, Type::Ptr(_), Type::Ptr(_)) => {
                l.ty == r.ty
                    || l.ty.pointee() == Some(Type::Void)
                    || r.ty.pointee() == Some(Type::Void)
            }
            (None, Type::Ptr(_), Type::Int { .. }) => matches!(r.kind, TKind::Const(0)),
            (None, Type::Str, Type::Str) => true,
            _ => false,
        };
        if !ok {
            return Err(err(
                ErrTag::D_OP_INCOMPAT,
                line,
                format!(
                    "operands have incompatible types: \"{}\" {} \"{}\"",
                    l.ty, opstr, r.ty
                ),
            ));
        }
        let rhs = Box::new(r);
        if let Some((shift, width)) = bits {
            return Ok(Ok(TExpr {
                kind: TKind::BitAssign {
                    addr,
                    op,
                    rhs,
                    shift,
                    width,
                    scratch,
                    old: false,
                },
                ty: l.ty,
                line,
            }));
        }
        Ok(Ok(TExpr {
            kind: if scratch {
                TKind::PtrAssign { addr, op, rhs }
            } else {
                TKind::MemAssign { addr, op, rhs }
            },
            ty: l.ty,
            line,
        }))
    }

    /// `++e`, `e--` on a member or element of a global; `None` when `e` is not one. Compiled
    /// as `e += 1` (or `-= 1`); a postfix form's value is the new value undone, converted to
    /// the element's type (so wrap-around gives back the old value).
    pub(super) fn mem_incdec(
        &mut self,
        e: &Expr,
        pre: bool,
        inc: bool,
        line: u32,
    ) -> Result<Option<TExpr>, CompileError> {
        let one = TExpr {
            kind: TKind::Const(1),
            ty: types::INT,
            line,
        };
        let op = if inc { BinOp::Add } else { BinOp::Sub };
        let mut t = match self.mem_assign(e, Some(op), one, line)? {
            Ok(t) => t,
            Err(_) => return Ok(None),
        };
        if !t.ty.is_int() {
            return Err(err(
                ErrTag::D_OP_ARITH,
                line,
                format!(
                    "operator {} requires an operand of arithmetic type",
                    if inc { "++" } else { "--" }
                ),
            ));
        }
        if pre {
            return Ok(Some(t));
        }
        // A bit-field wraps at its own width: its store gives back the old value itself.
        if let TKind::BitAssign { old, .. } = &mut t.kind {
            *old = true;
            return Ok(Some(t));
        }
        let ty = t.ty;
        let undo = if inc { BinOp::Sub } else { BinOp::Add };
        let one = TExpr {
            kind: TKind::Const(1),
            ty: types::INT,
            line,
        };
        let back = self.binary(undo, t, one, line)?;
        Ok(Some(TExpr {
            kind: TKind::Cast(Box::new(back)),
            ty,
            line,
        }))
    }
}
