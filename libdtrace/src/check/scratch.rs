//! Scratch memory subroutines: `alloca(size)`, `bcopy(src, dest, size)` and
//! `copyinto(addr, size, dest)`, with the prototypes DTrace gives them:
//! `void *alloca(size_t)`, `void bcopy(void *, void *, size_t)`,
//! `void copyinto(uintptr_t, size_t, void *)`.

use super::ir::*;
use super::types::{self, Type};
use super::{err, Checker};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::Expr;

fn addr_like(t: &TExpr) -> bool {
    t.ty.is_ptr() || t.ty.by_ref()
}

/// An address as a 64-bit integer value (codegen treats addresses as integers).
fn as_addr(t: TExpr) -> TExpr {
    TExpr {
        ty: types::ULONG,
        ..t
    }
}

impl<'a> Checker<'a> {
    /// `alloca`, `bcopy` or `copyinto`; `None` for other names.
    pub(super) fn scratch_subr(
        &mut self,
        name: &str,
        args: &[Expr],
        line: u32,
    ) -> Option<Result<TExpr, CompileError>> {
        let r = match name {
            "alloca" => self.alloca(args, line),
            "bcopy" => self.bcopy(args, line),
            "copyinto" => self.copyinto(args, line),
            _ => return None,
        };
        Some(r)
    }

    fn alloca(&mut self, args: &[Expr], line: u32) -> Result<TExpr, CompileError> {
        Self::proto_len("alloca", args.len(), 1, 1, line)?;
        let n = self.expr(&args[0])?;
        if !n.ty.is_int() {
            return Err(Self::proto_arg("alloca", 1, "size_t", n.ty, line));
        }
        // A constant size that could never fit is refused at compile time
        // (dt_cg_subr_alloca_impl); DTrace keeps the first 8 bytes of the scratch space for
        // its NULL pointer, so that is what a single allocation can have at most.
        let limit = crate::codegen::scratch::scratch_size(self.opts) as u64 - 8;
        if let TKind::Const(v) = n.kind {
            if v as u64 > limit {
                return Err(err(
                    ErrTag::D_ALLOCA_SIZE,
                    line,
                    format!("alloca({}) size larger than scratchsize {}", v as u64, limit),
                ));
            }
        }
        Ok(TExpr {
            kind: TKind::Alloca(Box::new(n)),
            ty: types::pointer(Type::Void),
            line,
        })
    }

    fn bcopy(&mut self, args: &[Expr], line: u32) -> Result<TExpr, CompileError> {
        Self::proto_len("bcopy", args.len(), 3, 3, line)?;
        let src = self.expr(&args[0])?;
        if !addr_like(&src) {
            return Err(Self::proto_arg("bcopy", 1, "void *", src.ty, line));
        }
        let dst = self.expr(&args[1])?;
        if !addr_like(&dst) {
            return Err(Self::proto_arg("bcopy", 2, "void *", dst.ty, line));
        }
        let size = self.expr(&args[2])?;
        if !size.ty.is_int() {
            return Err(Self::proto_arg("bcopy", 3, "size_t", size.ty, line));
        }
        Ok(TExpr {
            kind: TKind::ScratchCopy {
                src: Box::new(as_addr(src)),
                dst: Box::new(as_addr(dst)),
                size: Box::new(size),
                user: false,
            },
            ty: Type::Void,
            line,
        })
    }

    fn copyinto(&mut self, args: &[Expr], line: u32) -> Result<TExpr, CompileError> {
        Self::proto_len("copyinto", args.len(), 3, 3, line)?;
        let src = self.expr(&args[0])?;
        if !src.ty.is_int() && !src.ty.is_ptr() {
            return Err(Self::proto_arg("copyinto", 1, "uintptr_t", src.ty, line));
        }
        let size = self.expr(&args[1])?;
        if !size.ty.is_int() {
            return Err(Self::proto_arg("copyinto", 2, "size_t", size.ty, line));
        }
        let dst = self.expr(&args[2])?;
        if !addr_like(&dst) {
            return Err(Self::proto_arg("copyinto", 3, "void *", dst.ty, line));
        }
        Ok(TExpr {
            kind: TKind::ScratchCopy {
                src: Box::new(as_addr(src)),
                dst: Box::new(as_addr(dst)),
                size: Box::new(size),
                user: true,
            },
            ty: Type::Void,
            line,
        })
    }
}

/// Whether the clause uses scratch memory (its prologue sets the allocator up).
pub fn uses_scratch(c: &TClause) -> bool {
    let mut found = false;
    c.walk(&mut |e| {
        found |= matches!(
            e.kind,
            TKind::Alloca(_)
                | TKind::ScratchCopy { .. }
                | TKind::PtrAssign { .. }
                | TKind::BitAssign { scratch: true, .. }
        )
    });
    found
}
