//! Typing of expressions over memory: member access, `*`, `&`, array indexing, pointer
//! arithmetic and comparison, casts, `sizeof`, `offsetof`, `stringof`, `copyin`.
//!
//! Structs and arrays are values by address: a struct-typed expression computes the address of
//! the struct, and reading a scalar member is a [`TKind::Load`] from that address plus the
//! member's offset. Messages and tags are dt_parser.c's.

use super::ir::*;
use super::types::{self, Members, Type, INT, ULONG};
use super::{err, Checker};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::{BinOp, Expr, ExprKind, TypeName, UnOp};

/// `copyin` of a size only known at run time copies at most this many bytes.
pub const COPYIN_MAX: u32 = 1024;
/// The largest constant `copyin` size (bounded by the per-CPU scratch area).
pub const COPYIN_LIMIT: u32 = 8192;

fn tx(kind: TKind, ty: Type, line: u32) -> TExpr {
    TExpr { kind, ty, line }
}

impl<'a> Checker<'a> {
    /// `base.member` and `base->member`.
    pub(super) fn member_expr(
        &mut self,
        base: &Expr,
        member: &str,
        arrow: bool,
        line: u32,
    ) -> Result<TExpr, CompileError> {
        if let Some(t) = self.xlate_member(base, member, arrow, line)? {
            self.enums.member = None;
            return Ok(t);
        }
        if let ExprKind::Index { base: b, keys } = &base.kind {
            if Self::is_args(b) {
                if let Some(e) = self.stable_args_ast(keys, line)? {
                    return self.member_expr(&e, member, arrow, line);
                }
            }
        }
        let b = self.expr(base)?;
        let op = if arrow { "->" } else { "." };
        let sou = if arrow {
            match b.ty.pointee() {
                Some(p) => p,
                None => {
                    return Err(err(
                        ErrTag::D_OP_PTR,
                        line,
                        "operator -> must be applied to a pointer",
                    ))
                }
            }
        } else {
            b.ty
        };
        let Some(s) = sou.sou() else {
            return Err(err(
                ErrTag::D_OP_SOU,
                line,
                if arrow {
                    format!("operator -> cannot be applied to pointer to type \"{}\"; must be applied to a struct or union pointer", sou)
                } else {
                    format!("operator . cannot be applied to type \"{}\"; must be applied to a struct or union", sou)
                },
            ));
        };
        if s.members == Members::Incomplete {
            return Err(err(
                ErrTag::D_OP_INCOMPLETE,
                line,
                format!(
                    "operator {} cannot be applied to a forward declaration: no {} definition is available",
                    op, sou
                ),
            ));
        }
        let m = sou.member(member).ok_or_else(|| {
            err(
                ErrTag::D_TYPE_MEMBER,
                line,
                format!("{} is not a member of {}", member, sou),
            )
        })?;
        let addr = offset(b, m.byte_offset() as i64, types::pointer(m.ty), line);
        let bits = (m.bits > 0).then_some(((m.bit_offset % 8) as u8, m.bits));
        self.set_member_enum(sou, member);
        self.deref_at(addr, m.ty, bits, line)
    }

    /// The object of type `ty` at the address `addr` computes: structs and arrays stay
    /// addresses, scalars are loaded.
    pub(super) fn deref_at(
        &mut self,
        addr: TExpr,
        ty: Type,
        bits: Option<(u8, u8)>,
        line: u32,
    ) -> Result<TExpr, CompileError> {
        match ty {
            Type::Array(_) | Type::Sou(_) => Ok(TExpr { ty, ..addr }),
            Type::Int { .. } | Type::Ptr(_) => {
                Ok(tx(TKind::Load(Box::new(addr), bits), ty, line))
            }
            Type::Void => Err(err(
                ErrTag::D_DEREF_VOID,
                line,
                "cannot dereference pointer to void",
            )),
            Type::Str => Ok(TExpr { ty, ..addr }),
            Type::Stack { .. } | Type::Sym(_) => Err(err(ErrTag::D_DEREF_VOID, line, "cannot dereference a stack or symbol")),
            Type::Func(_) => Err(err(
                ErrTag::D_DEREF_FUNC,
                line,
                "cannot dereference pointer to function",
            )),
        }
    }

    /// `*e` and `&e`.
    pub(super) fn unary_mem(&mut self, op: UnOp, e: &Expr, line: u32) -> Result<TExpr, CompileError> {
        let t = self.expr(e)?;
        if op == UnOp::Deref {
            let target = match (t.ty.pointee(), t.ty.array_info()) {
                (Some(p), _) => p,
                (None, Some((el, _))) => el,
                _ => {
                    return Err(err(
                        ErrTag::D_DEREF_NONPTR,
                        line,
                        "cannot dereference non-pointer type",
                    ))
                }
            };
            let addr = TExpr {
                ty: types::pointer(target),
                ..t
            };
            return self.deref_at(addr, target, None, line);
        }
        match t.kind {
            // A global struct, union or array lives in the globals map: its value is its address.
            TKind::Global(_) if t.ty.by_ref() => Ok(TExpr {
                ty: types::pointer(t.ty),
                ..t
            }),
            TKind::Global(_) | TKind::DynAddr { .. } => Err(err(
                ErrTag::D_ADDROF_VAR,
                line,
                "cannot take address of dynamic variable",
            )),
            TKind::Load(_, Some(_)) => Err(err(
                ErrTag::D_ADDROF_BITFIELD,
                line,
                "cannot take address of bit-field",
            )),
            TKind::Load(a, None) => Ok(TExpr {
                ty: types::pointer(t.ty),
                ..*a
            }),
            // A struct or array reached through memory is its own address.
            TKind::PtrAdd { .. } | TKind::Arg(_) | TKind::Builtin(_) | TKind::Const(_)
                if t.ty.by_ref() =>
            {
                Ok(TExpr {
                    ty: types::pointer(t.ty),
                    ..t
                })
            }
            _ => Err(err(
                ErrTag::D_ADDROF_LVAL,
                line,
                "unacceptable operand for unary & operator",
            )),
        }
    }

    /// Whether `base[...]` indexes memory (a pointer or array) rather than an associative
    /// array or aggregation. Decided without checking `base`, which may have effects.
    pub(super) fn is_mem_index(&self, base: &Expr) -> bool {
        use crate::parse::ast::ExprKind;
        match &base.kind {
            ExprKind::Ident(n) => {
                let typed = |g: u32| {
                    let t = self.syms.globals[g as usize].ty;
                    t.is_ptr() || t.by_ref()
                };
                self.syms.tsyms.inlines.contains_key(n)
                    || self.syms.tsyms.bindings.iter().any(|(b, _)| b == n)
                    || n == "curthread"
                    || crate::check::expr::arg_index(n).is_some()
                    || self.syms.global(n).map(typed).unwrap_or(false)
            }
            // A pointer or array in a clause-local or thread-local scalar is indexed as memory.
            ExprKind::ThisVar(n) => self
                .syms
                .locals
                .iter()
                .any(|l| &l.name == n && (l.ty.is_ptr() || l.ty.array_info().is_some())),
            ExprKind::SelfVar(n) => self.syms.dyns.iter().any(|v| {
                &v.name == n
                    && v.thread
                    && v.keys.is_empty()
                    && (v.ty.is_ptr() || v.ty.array_info().is_some())
            }),
            ExprKind::Agg { .. } => false,
            _ => true,
        }
    }

    /// `base[index]` on a pointer or array.
    pub(super) fn index_mem(
        &mut self,
        base: &Expr,
        keys: &[Expr],
        line: u32,
    ) -> Result<TExpr, CompileError> {
        let b = self.expr(base)?;
        let elem = match (b.ty.pointee(), b.ty.array_info()) {
            (Some(p), _) => p,
            (None, Some((el, _))) => el,
            _ => {
                return Err(err(
                    ErrTag::D_ARR_BADREF,
                    line,
                    format!("cannot access {} as an associative array", describe(&b)),
                ))
            }
        };
        if keys.len() != 1 {
            return Err(err(
                ErrTag::D_ARR_BADREF,
                line,
                format!("cannot access {} as an associative array", describe(&b)),
            ));
        }
        let i = self.expr(&keys[0])?;
        if !i.ty.is_int() {
            return Err(err(
                ErrTag::D_OP_INCOMPAT,
                line,
                format!("operands have incompatible types: \"{}\" + \"{}\"", b.ty, i.ty),
            ));
        }
        // A constant index past a sized array's end is refused at compile time (a cast to a
        // pointer is the way round it); other indexes are checked at run time.
        if let (TKind::Const(v), None, Some((_, len))) =
            (&i.kind, b.ty.pointee(), b.ty.array_info())
        {
            if len > 0 && (*v < 0 || *v as u64 >= len as u64) {
                return Err(err(
                    ErrTag::D_ARR_BOUNDS,
                    line,
                    format!("index outside array bounds: {}, max is {}", v, len),
                ));
            }
        }
        let i = self.bound_index(&b, i);
        let scale = elem.size(self.strsize()).unwrap_or(1) as i64;
        let addr = tx(
            TKind::PtrAdd {
                base: Box::new(b),
                index: Box::new(i),
                scale,
            },
            types::pointer(elem),
            line,
        );
        self.deref_at(addr, elem, None, line)
    }

    /// Binary operators with a pointer, array or string-compatible operand; `None` when both
    /// are ordinary (integers, two strings).
    pub(super) fn binary_mem(
        &mut self,
        op: BinOp,
        l: TExpr,
        r: TExpr,
        line: u32,
    ) -> Result<Result<TExpr, (TExpr, TExpr)>, CompileError> {
        use BinOp::*;
        let special = |t: &TExpr| t.ty.is_ptr() || t.ty.by_ref();
        if !special(&l) && !special(&r) {
            return Ok(Err((l, r)));
        }
        let incompat = |l: &TExpr, r: &TExpr| {
            err(
                ErrTag::D_OP_INCOMPAT,
                line,
                format!(
                    "operands have incompatible types: \"{}\" {} \"{}\"",
                    l.ty,
                    op.as_str(),
                    r.ty
                ),
            )
        };
        match op {
            Lt | Le | Gt | Ge | Eq | Ne => {
                if (l.ty == Type::Str || r.ty == Type::Str)
                    && l.ty.is_strcompat()
                    && r.ty.is_strcompat()
                {
                    let (l, r) = (self.as_string(l), self.as_string(r));
                    return Ok(Ok(tx(TKind::StrCmp(op, Box::new(l), Box::new(r)), INT, line)));
                }
                let ok = |t: &TExpr| t.ty.is_ptr() || t.ty.is_int() || t.ty.by_ref();
                if !ok(&l) || !ok(&r) {
                    return Err(incompat(&l, &r));
                }
                // Addresses compare unsigned.
                let (l, r) = (as_ulong(l), as_ulong(r));
                Ok(Ok(tx(TKind::Binary(op, Box::new(l), Box::new(r)), INT, line)))
            }
            Add | Sub => {
                let decay = |t: TExpr| match t.ty.array_info() {
                    Some((el, _)) => TExpr {
                        ty: types::pointer(el),
                        ..t
                    },
                    None => t,
                };
                let (l, r) = (decay(l), decay(r));
                let scale = |t: &TExpr, ss: u32| {
                    t.ty.pointee()
                        .and_then(|p| p.size(ss))
                        .unwrap_or(1)
                        .max(1) as i64
                };
                let ss = self.strsize();
                match (l.ty.is_ptr(), r.ty.is_ptr()) {
                    (true, false) if r.ty.is_int() => {
                        let s = scale(&l, ss);
                        let ty = l.ty;
                        Ok(Ok(tx(
                            TKind::PtrAdd {
                                base: Box::new(l),
                                index: Box::new(r),
                                scale: if op == Sub { -s } else { s },
                            },
                            ty,
                            line,
                        )))
                    }
                    (false, true) if l.ty.is_int() && op == Add => {
                        let s = scale(&r, ss);
                        let ty = r.ty;
                        Ok(Ok(tx(
                            TKind::PtrAdd {
                                base: Box::new(r),
                                index: Box::new(l),
                                scale: s,
                            },
                            ty,
                            line,
                        )))
                    }
                    (true, true) if op == Sub && ptr_compat(l.ty, r.ty) => {
                        let s = scale(&l, ss);
                        Ok(Ok(tx(
                            TKind::PtrDiff {
                                l: Box::new(l),
                                r: Box::new(r),
                                scale: s,
                            },
                            types::LONG,
                            line,
                        )))
                    }
                    _ => Err(incompat(&l, &r)),
                }
            }
            LogAnd | LogOr | LogXor => Ok(Err((l, r))),
            _ => Ok(Err((l, r))),
        }
    }

    /// `(type) expr`
    pub(super) fn cast_mem(&mut self, tn: &TypeName, e: &Expr, line: u32) -> Result<TExpr, CompileError> {
        let to = self.resolve_type(tn, line)?;
        let t = self.expr(e)?;
        if t.ty == to {
            return Ok(t);
        }
        let invalid = |t: &TExpr| {
            err(
                ErrTag::D_CAST_INVAL,
                line,
                format!("invalid cast expression: \"{}\" to \"{}\"", t.ty, to),
            )
        };
        match to {
            Type::Int { .. } if t.ty.is_int() => {
                if let TKind::Const(v) = t.kind {
                    return Ok(tx(TKind::Const(super::normalize(v, to)), to, line));
                }
                Ok(tx(TKind::Cast(Box::new(t)), to, line))
            }
            Type::Int { .. } if t.ty.is_ptr() || t.ty.by_ref() => {
                Ok(tx(TKind::Cast(Box::new(TExpr { ty: ULONG, ..t })), to, line))
            }
            Type::Ptr(_) if t.ty.is_int() || t.ty.is_ptr() || t.ty.array_info().is_some() => {
                Ok(TExpr { ty: to, ..t })
            }
            Type::Str if t.ty.is_strcompat() || t.ty.is_scalar() => Ok(self.as_string(t)),
            Type::Void => Ok(TExpr { ty: to, ..t }),
            _ => Err(invalid(&t)),
        }
    }

    pub(super) fn sizeof_type(&mut self, tn: &TypeName, line: u32) -> Result<TExpr, CompileError> {
        let t = self.resolve_type(tn, line)?;
        self.sizeof_of(t, line)
    }

    pub(super) fn sizeof_expr(&mut self, e: &Expr, line: u32) -> Result<TExpr, CompileError> {
        let t = self.expr(e)?;
        if matches!(t.kind, TKind::Load(_, Some(_))) {
            return Err(err(
                ErrTag::D_SIZEOF_BITFIELD,
                line,
                "cannot apply sizeof to a bit-field",
            ));
        }
        self.sizeof_of(t.ty, line)
    }

    fn sizeof_of(&self, t: Type, line: u32) -> Result<TExpr, CompileError> {
        match t.size(self.strsize()) {
            Some(n) if n > 0 || t.array_info().is_some() => {
                Ok(tx(TKind::Const(n as i64), ULONG, line))
            }
            _ => Err(err(
                ErrTag::D_SIZEOF_TYPE,
                line,
                "cannot apply sizeof to an operand of unknown size",
            )),
        }
    }

    pub(super) fn offsetof(&mut self, tn: &TypeName, member: &str, line: u32) -> Result<TExpr, CompileError> {
        let t = self.resolve_type(tn, line)?;
        if t.sou().is_none() {
            return Err(err(
                ErrTag::D_OFFSETOF_TYPE,
                line,
                "offsetof operand must be a struct or union type",
            ));
        }
        let m = t.member(member).ok_or_else(|| {
            err(
                ErrTag::D_UNKNOWN,
                line,
                format!("failed to determine offset of {}: Member name not found", member),
            )
        })?;
        if m.bits > 0 {
            return Err(err(
                ErrTag::D_OFFSETOF_BITFIELD,
                line,
                format!("cannot take offset of a bit-field: {}", member),
            ));
        }
        Ok(tx(TKind::Const(m.byte_offset() as i64), ULONG, line))
    }

    pub(super) fn stringof(&mut self, e: &Expr, line: u32) -> Result<TExpr, CompileError> {
        let t = self.expr(e)?;
        if t.ty == Type::Str {
            return Ok(t);
        }
        if !t.ty.is_scalar() && !t.ty.is_strcompat() {
            return Err(err(
                ErrTag::D_STRINGOF_TYPE,
                line,
                format!("cannot apply stringof to a value of type {}", t.ty),
            ));
        }
        let mut s = self.as_string(t);
        s.line = line;
        Ok(s)
    }

    /// A char array, `char *` or address read as a string.
    pub(super) fn as_string(&self, t: TExpr) -> TExpr {
        if t.ty == Type::Str {
            return t;
        }
        let slot = self.strsize();
        let max = match t.ty.array_info() {
            Some((_, n)) if n > 0 => n.min(slot),
            _ => slot,
        };
        let line = t.line;
        tx(TKind::KStr(Box::new(t), max), Type::Str, line)
    }

    /// What `trace()` and `printf()` record for a value: char arrays as strings.
    pub(super) fn output_value(&self, t: TExpr) -> TExpr {
        if t.ty.array_info().map(|(e, _)| matches!(e, Type::Int { size: 1, .. })) == Some(true) {
            return self.as_string(t);
        }
        t
    }

    /// `copyin(addr, size)`
    pub(super) fn copyin(&mut self, args: &[Expr], line: u32) -> Result<TExpr, CompileError> {
        Self::proto_len("copyin", args.len(), 2, 2, line)?;
        let a = self.expr(&args[0])?;
        if !a.ty.is_int() && !a.ty.is_ptr() {
            return Err(Self::proto_arg("copyin", 1, "uintptr_t", a.ty, line));
        }
        let n = self.expr(&args[1])?;
        if !n.ty.is_int() {
            return Err(Self::proto_arg("copyin", 2, "size_t", n.ty, line));
        }
        let max = match n.kind {
            TKind::Const(v) if v >= 0 && v as u64 <= COPYIN_LIMIT as u64 => (v as u32).max(1),
            TKind::Const(v) => {
                return Err(err(
                    ErrTag::D_PROTO_ARG,
                    line,
                    format!("copyin( ) size {} exceeds the scratch space ({} bytes)", v, COPYIN_LIMIT),
                ))
            }
            _ => COPYIN_MAX,
        };
        Ok(tx(
            TKind::Copyin {
                addr: Box::new(as_ulong(a)),
                size: Box::new(n),
                max,
            },
            types::pointer(Type::Void),
            line,
        ))
    }
}

/// `t + off` as an address of type `ty`.
fn offset(t: TExpr, off: i64, ty: Type, line: u32) -> TExpr {
    if off == 0 {
        return TExpr { ty, ..t };
    }
    tx(
        TKind::PtrAdd {
            base: Box::new(t),
            index: Box::new(tx(TKind::Const(off), types::LONG, line)),
            scale: 1,
        },
        ty,
        line,
    )
}

fn as_ulong(t: TExpr) -> TExpr {
    if t.ty.is_int() {
        return t;
    }
    TExpr { ty: ULONG, ..t }
}

/// Pointers to the same type, or either a `void *`.
fn ptr_compat(a: Type, b: Type) -> bool {
    a == b || a.pointee() == Some(Type::Void) || b.pointee() == Some(Type::Void)
}

fn describe(t: &TExpr) -> String {
    match t.kind {
        TKind::Builtin(_) | TKind::Global(_) => format!("variable of type {}", t.ty),
        _ => format!("expression of type {}", t.ty),
    }
}
