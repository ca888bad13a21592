//! Typing of expressions: identifiers, built-in variables, operators with C's conversions,
//! constant folding, subroutine calls.

use super::ir::*;
use super::types::{self, Type, INT, LONG, UINT, ULONG};
use super::{err, normalize, Checker};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::{BinOp, Expr, ExprKind, UnOp};

impl<'a> Checker<'a> {
    pub(super) fn expr(&mut self, e: &Expr) -> Result<TExpr, CompileError> {
        let line = e.line;
        let mk = |kind: TKind, ty: Type| TExpr { kind, ty, line };
        if let ExprKind::Index { base, .. } = &e.kind {
            // `fds[0]`: the D library defines the inline being indexed.
            self.load_dlib_for(base)?;
        }
        Ok(match &e.kind {
            ExprKind::Int {
                value,
                unsigned,
                long,
                decimal,
            } => {
                let v = *value;
                // C's rule: the first type of the list that holds the value.
                let list: &[Type] = match (*unsigned, *long > 0, *decimal) {
                    (false, false, true) => &[INT, LONG, ULONG],
                    (false, false, false) => &[INT, UINT, LONG, ULONG],
                    (true, false, _) => &[UINT, ULONG],
                    (false, true, _) => &[LONG, ULONG],
                    (true, true, _) => &[ULONG],
                };
                let fits = |t: &Type| match *t {
                    Type::Int {
                        size: 4,
                        signed: true,
                    } => v <= i32::MAX as u64,
                    Type::Int {
                        size: 4,
                        signed: false,
                    } => v <= u32::MAX as u64,
                    Type::Int {
                        size: 8,
                        signed: true,
                    } => v <= i64::MAX as u64,
                    _ => true,
                };
                let ty = *list.iter().find(|t| fits(t)).unwrap_or(&ULONG);
                mk(TKind::Const(normalize(v as i64, ty)), ty)
            }
            ExprKind::Char(c) => mk(TKind::Const(*c), types::CHAR),
            ExprKind::Str(s) => {
                let ss = self.strsize();
                mk(TKind::Str(self.syms.string(s, ss)), Type::Str)
            }
            ExprKind::Macro(name) => {
                let v = self.macro_text(name, line)?;
                match v {
                    None => mk(TKind::Const(0), INT),
                    Some(v) => {
                        super::langerr::macro_overflow(name, &v, line)?;
                        if let Some(n) = parse_int_text(&v) {
                            let ty = if n >= i32::MIN as i64 && n <= i32::MAX as i64 {
                                INT
                            } else {
                                LONG
                            };
                            mk(TKind::Const(n), ty)
                        } else {
                            // A non-numeric operand becomes an identifier, as in DTrace.
                            return self.expr(&Expr {
                                kind: ExprKind::Ident(v),
                                line,
                            });
                        }
                    }
                }
            }
            ExprKind::MacroStr(name) => {
                let v = self.macro_text(name, line)?.unwrap_or_default();
                let ss = self.strsize();
                mk(TKind::Str(self.syms.string(v.as_bytes(), ss)), Type::Str)
            }
            ExprKind::Ident(name) => {
                let t = self.ident(name, line)?;
                self.note_ident_enum(e, name);
                t
            }
            ExprKind::SelfVar(_) | ExprKind::ThisVar(_) => match self.var_read(e)? {
                Some(t) => {
                    self.note_var_enum(e);
                    t
                }
                None => return Err(err(ErrTag::D_SYNTAX, line, "invalid variable reference")),
            },
            ExprKind::Agg { name, .. } => {
                return Err(err(
                    ErrTag::D_AGG_FUNC,
                    line,
                    format!(
                        "@{} must be assigned the result of an aggregating function",
                        name
                    ),
                ));
            }
            ExprKind::Index { base, keys } if Self::is_args(base) => {
                self.enums.member = None;
                let t = self.args_ref(keys, line)?;
                self.note_member_enum(e);
                t
            }
            ExprKind::Index { base, keys } if Self::is_uregs(base) => self.uregs_ref(keys, line)?,
            ExprKind::Index { base, keys } if self.is_param_inline(base) => {
                self.inline_index(base, keys, line)?
            }
            ExprKind::Index { base, keys } if self.is_mem_index(base) => {
                self.index_mem(base, keys, line)?
            }
            ExprKind::Index { .. } => match self.var_read(e)? {
                Some(t) => t,
                None => {
                    return Err(err(
                        ErrTag::D_VAR_UNSUP,
                        line,
                        "indexing of this expression is not supported yet",
                    ))
                }
            },
            ExprKind::Call { name, args } => self.call(name, args, line)?,
            ExprKind::Unary { op, expr } => {
                let t = self.expr(expr)?;
                match op {
                    UnOp::Not => {
                        if !t.ty.is_scalar() {
                            return Err(err(
                                ErrTag::D_OP_SCALAR,
                                line,
                                "operator ! requires an operand of scalar type",
                            ));
                        }
                        mk(TKind::Unary(*op, Box::new(t)), INT)
                    }
                    UnOp::Neg | UnOp::Plus | UnOp::BitNot => {
                        if !t.ty.is_int() {
                            let o = match op {
                                UnOp::Neg => "-",
                                UnOp::Plus => "+",
                                _ => "~",
                            };
                            let tag = if *op == UnOp::BitNot {
                                ErrTag::D_OP_INT
                            } else {
                                ErrTag::D_OP_ARITH
                            };
                            let what = if *op == UnOp::BitNot {
                                "integral"
                            } else {
                                "arithmetic"
                            };
                            return Err(err(
                                tag,
                                line,
                                format!("operator {} requires an operand of {} type", o, what),
                            ));
                        }
                        let ty = t.ty.promote();
                        if let TKind::Const(v) = t.kind {
                            let r = match op {
                                UnOp::Neg => v.wrapping_neg(),
                                UnOp::Plus => v,
                                _ => !v,
                            };
                            return Ok(mk(TKind::Const(normalize(r, ty)), ty));
                        }
                        mk(TKind::Unary(*op, Box::new(t)), ty)
                    }
                    UnOp::Deref | UnOp::AddrOf => return self.unary_mem(*op, expr, line),
                }
            }
            ExprKind::Binary { op, lhs, rhs } => {
                self.clear_enum_note();
                let l = self.expr(lhs)?;
                let r = match self.enum_rhs(*op, lhs, rhs)? {
                    Some(r) => r,
                    None => self.expr(rhs)?,
                };
                match self.binary_mem(*op, l, r, line)? {
                    Ok(t) => t,
                    Err((l, r)) => self.binary(*op, l, r, line)?,
                }
            }
            ExprKind::Assign { op, lhs, rhs } => {
                self.clear_enum_note();
                let r = self.expr(rhs)?;
                if op.is_none() {
                    self.note_assign_enum(lhs, rhs);
                }
                if let ExprKind::Ident(n) = &lhs.kind {
                    if self.is_global_array(n) {
                        return Err(err(ErrTag::D_IDENT_BADREF, line, format!("array '{}' may not be referenced as scalar", n)));
                    }
                }
                let r = match self.mem_assign(lhs, *op, r, line)? {
                    Ok(t) => return Ok(t),
                    Err(r) => r,
                };
                let r = match self.var_assign(lhs, *op, r, line)? {
                    Ok(t) => return Ok(t),
                    Err(r) => r,
                };
                let name =
                    match &lhs.kind {
                        ExprKind::Ident(n) => n.clone(),
                        ExprKind::Agg { .. } => {
                            return Err(err(
                                ErrTag::D_AGG_FUNC,
                                line,
                                "aggregations may only be assigned in a statement",
                            ));
                        }
                        _ => return Err(err(
                            ErrTag::D_OP_LVAL,
                            line,
                            format!(
                                "operator {}= requires modifiable lvalue as an operand",
                                op.map(|o| o.as_str()).unwrap_or("")
                            ),
                        )),
                    };
                if self.not_writable(&name).is_some() {
                    return Err(err(
                        ErrTag::D_OP_WRITE,
                        line,
                        format!(
                            "operator {}= can only be applied to a writable variable",
                            op.map(|o| o.as_str()).unwrap_or("")
                        ),
                    ));
                }
                let var = match self.syms.global(&name) {
                    Some(v) => v,
                    None => {
                        if r.ty == Type::Void {
                            return Err(err(
                                ErrTag::D_OP_VOID,
                                line,
                                "operator = requires a non-void right-hand operand",
                            ));
                        }
                        let ty = match r.ty {
                            Type::Int { .. } => r.ty.promote(),
                            t => t,
                        };
                        let ss = self.strsize();
                        self.syms.add_global(&name, ty, ss, line)?
                    }
                };
                let gty = self.syms.globals[var as usize].ty;
                if let Type::Array(_) = gty {
                    return Err(err(
                        ErrTag::D_OP_ARRFUN,
                        line,
                        format!(
                            "operator {}= may not be applied to operand of type \"{}\"",
                            op.map(|o| o.as_str()).unwrap_or(""),
                            gty
                        ),
                    ));
                }
                match (gty, r.ty, op) {
                    (Type::Int { .. }, Type::Int { .. }, _) => {}
                    (Type::Str, Type::Str, None) => {}
                    // `s = NULL`: a string variable holding the null pointer.
                    (Type::Str, Type::Int { .. }, None) if matches!(r.kind, TKind::Const(0)) => {}
                    (a, b, None) if a == b => {}
                    // A null pointer constant, or a `void *`, assigned to a pointer.
                    (Type::Ptr(_), Type::Int { .. }, None) if matches!(r.kind, TKind::Const(0)) => {}
                    (Type::Ptr(_), Type::Ptr(_), None)
                        if gty.pointee() == Some(Type::Void) || r.ty.pointee() == Some(Type::Void) => {}
                    _ => {
                        return Err(err(
                            ErrTag::D_OP_INCOMPAT,
                            line,
                            format!(
                                "operands have incompatible types: \"{}\" {}= \"{}\"",
                                gty,
                                op.map(|o| o.as_str()).unwrap_or(""),
                                r.ty
                            ),
                        ));
                    }
                }
                if op.is_none() {
                    self.alloca_assign(super::allocas::Slot::Global(var), &name, &r, line)?;
                }
                mk(
                    TKind::Assign {
                        var,
                        op: *op,
                        rhs: Box::new(r),
                    },
                    gty,
                )
            }
            ExprKind::IncDec { pre, inc, expr } => {
                if let Some(t) = self.mem_incdec(expr, *pre, *inc, line)? {
                    return Ok(t);
                }
                if let Some(t) = self.var_incdec(expr, *pre, *inc, line)? {
                    return Ok(t);
                }
                let name = match &expr.kind {
                    ExprKind::Ident(n) => n.clone(),
                    _ => {
                        return Err(err(
                            ErrTag::D_OP_LVAL,
                            line,
                            format!(
                                "operator {} requires modifiable lvalue as an operand",
                                if *inc { "++" } else { "--" }
                            ),
                        ))
                    }
                };
                let var = match self.syms.global(&name) {
                    Some(v) => v,
                    None => {
                        if self.builtin(&name).is_some() || arg_index(&name).is_some() {
                            return Err(err(
                                ErrTag::D_OP_WRITE,
                                line,
                                format!(
                                    "operator {} can only be applied to a writable variable",
                                    if *inc { "++" } else { "--" }
                                ),
                            ));
                        }
                        // As in DTrace, ++ and -- declare an unknown variable as an int.
                        let ss = self.strsize();
                        self.syms.add_global(&name, INT, ss, line)?
                    }
                };
                let gty = self.syms.globals[var as usize].ty;
                if !gty.is_int() {
                    return Err(err(
                        ErrTag::D_OP_ARITH,
                        line,
                        format!(
                            "operator {} requires an operand of arithmetic type",
                            if *inc { "++" } else { "--" }
                        ),
                    ));
                }
                mk(
                    TKind::IncDec {
                        var,
                        pre: *pre,
                        inc: *inc,
                    },
                    gty,
                )
            }
            ExprKind::Ternary { cond, then, els } => {
                self.ternary_action(cond, then, els, line)?;
                let c = self.expr(cond)?;
                if c.ty.is_scalar() && (is_dynamic(then) || is_dynamic(els)) {
                    return Err(dynamic_operands("?:", line));
                }
                let t = self.expr(then)?;
                let f = self.expr(els)?;
                if !c.ty.is_scalar() {
                    return Err(err(
                        ErrTag::D_OP_SCALAR,
                        line,
                        "operator ?: requires a scalar first operand",
                    ));
                }
                let ty = match (t.ty, f.ty) {
                    (Type::Int { .. }, Type::Int { .. }) => types::arith(t.ty, f.ty),
                    (Type::Str, Type::Str) => Type::Str,
                    (Type::Ptr(_), _) | (_, Type::Ptr(_)) if ternary_ptr(&t, &f).is_some() => {
                        ternary_ptr(&t, &f).unwrap_or(t.ty)
                    }
                    _ => {
                        return Err(err(ErrTag::D_OP_INCOMPAT, line, format!("operator ?: operands must have compatible types: \"{}\" and \"{}\"", t.ty, f.ty)));
                    }
                };
                mk(TKind::Ternary(Box::new(c), Box::new(t), Box::new(f)), ty)
            }
            ExprKind::Cast { ty, expr } => {
                let t = self.cast_mem(ty, expr, line)?;
                let en = self.enum_of_type(ty);
                self.note_enum(e, en);
                t
            }
            ExprKind::SizeofType(ty) => self.sizeof_type(ty, line)?,
            ExprKind::SizeofExpr(e2) => self.sizeof_expr(e2, line)?,
            ExprKind::Stringof(e2) => self.stringof(e2, line)?,
            ExprKind::Offsetof { ty, member } => self.offsetof(ty, member, line)?,
            ExprKind::Member {
                expr,
                member,
                arrow,
            } => {
                self.member_is_constant(member, *arrow, line)?;
                let t = self.member_expr(expr, member, *arrow, line)?;
                self.note_member_enum(e);
                t
            }
            ExprKind::Xlate { ty, .. } => {
                return Err(err(
                    ErrTag::D_XLATE_NONE,
                    line,
                    format!(
                        "xlate <{}> may only be used with a member reference in this version",
                        ty.words.join(" ")
                    ),
                ))
            }
            ExprKind::Comma(a, b) => {
                self.comma_action(a, b, line)?;
                if is_dynamic(a) || is_dynamic(b) {
                    return Err(dynamic_operands(",", line));
                }
                let a = self.expr(a)?;
                let b = self.expr(b)?;
                let ty = b.ty;
                mk(TKind::Comma(Box::new(a), Box::new(b)), ty)
            }
        })
    }

    #[allow(dead_code)]
    pub(super) fn size_of(&self, t: Type) -> u32 {
        match t {
            Type::Int { size, .. } => size as u32,
            Type::Str => self.strsize(),
            Type::Void => 0,
            t => t.size(self.strsize()).unwrap_or(0),
        }
    }

    pub(super) fn not_writable(&self, name: &str) -> Option<String> {
        if self.builtin(name).is_some() || arg_index(name).is_some() {
            Some(format!(
                "operator = requires a writable lvalue as the left-hand operand: {} is read-only",
                name
            ))
        } else {
            None
        }
    }

    pub(super) fn builtin(&self, name: &str) -> Option<(Builtin, Type)> {
        Some(match name {
            "pid" => (Builtin::Pid, INT),
            "tid" => (Builtin::Tid, INT),
            "ppid" => (Builtin::Ppid, INT),
            "uid" => (Builtin::Uid, UINT),
            "gid" => (Builtin::Gid, UINT),
            "execname" => (Builtin::Execname, Type::Str),
            "timestamp" => (Builtin::Timestamp, ULONG),
            "walltimestamp" => (Builtin::Walltimestamp, LONG),
            "cpu" => (Builtin::Cpu, INT),
            "probeprov" => (Builtin::Probeprov, Type::Str),
            "probemod" => (Builtin::Probemod, Type::Str),
            "probefunc" => (Builtin::Probefunc, Type::Str),
            "probename" => (Builtin::Probename, Type::Str),
            "errno" => (Builtin::Errno, INT),
            "epid" => (Builtin::Epid, ULONG),
            "id" => (Builtin::Id, UINT),
            "caller" => (Builtin::Caller, ULONG),
            "ucaller" => (Builtin::Ucaller, ULONG),
            "stackdepth" => (Builtin::Stackdepth, UINT),
            "ustackdepth" => (Builtin::Ustackdepth, UINT),
            "vtimestamp" => (Builtin::Vtimestamp, ULONG),
            _ => return None,
        })
    }

    pub(super) fn ident(&mut self, name: &str, line: u32) -> Result<TExpr, CompileError> {
        if !self.syms.tsyms.bindings.is_empty() {
            if let Some(t) = self.ident_ext(name, line)? {
                return Ok(t);
            }
        }
        if let Some(i) = arg_index(name) {
            return Ok(TExpr {
                kind: TKind::Arg(i),
                ty: LONG,
                line,
            });
        }
        if let Some((b, ty)) = self.builtin(name) {
            return Ok(TExpr {
                kind: TKind::Builtin(b),
                ty,
                line,
            });
        }
        if let Some(t) = self.execargs(name, line)? {
            return Ok(t);
        }
        if let Some(v) = self.syms.global(name) {
            let ty = self.syms.globals[v as usize].ty;
            return Ok(TExpr {
                kind: TKind::Global(v),
                ty,
                line,
            });
        }
        if let Some(t) = self.ident_ext(name, line)? {
            return Ok(t);
        }
        if let Some((v, ty)) = super::vars::constant(name).or_else(|| super::uregs::constant(name)) {
            return Ok(TExpr {
                kind: TKind::Const(v),
                ty,
                line,
            });
        }
        if self.is_global_array(name) {
            return Err(err(
                ErrTag::D_IDENT_BADREF,
                line,
                format!("array '{}' may not be referenced as scalar", name),
            ));
        }
        Err(err(
            ErrTag::D_IDENT_UNDEF,
            line,
            format!("failed to resolve {}: Unknown variable name", name),
        ))
    }

    pub(super) fn call(
        &mut self,
        name: &str,
        args: &[Expr],
        line: u32,
    ) -> Result<TExpr, CompileError> {
        if let Some(r) = self.subr(name, args, line) {
            return r;
        }
        if let Some(r) = self.scratch_subr(name, args, line) {
            return r;
        }
        if let Some(r) = self.lock_subr(name, args, line) {
            return r;
        }
        match name {
            "copyin" => self.copyin(args, line),
            "copyinstr" => {
                Self::proto_len(name, args.len(), 1, 2, line)?;
                let a = self.expr(&args[0])?;
                if !a.ty.is_int() {
                    return Err(Self::proto_arg(name, 1, "uintptr_t", a.ty, line));
                }
                let n = match args.get(1) {
                    Some(e) => {
                        let t = self.expr(e)?;
                        if !t.ty.is_int() {
                            return Err(Self::proto_arg(name, 2, "size_t", t.ty, line));
                        }
                        Some(Box::new(t))
                    }
                    None => None,
                };
                Ok(TExpr { kind: TKind::Copyinstr(Box::new(a), n), ty: Type::Str, line })
            }
            "speculation" => {
                Self::proto_len(name, args.len(), 0, 0, line)?;
                Ok(TExpr { kind: TKind::Speculation, ty: INT, line })
            }
            "trace" | "printf" | "exit" => Err(err(
                ErrTag::D_CG_EXPR,
                line,
                format!("action {}( ) may not be called from a D expression (D program context required)", name),
            )),
            "count" | "sum" | "min" | "max" | "avg" | "stddev" | "quantize" | "lquantize" | "llquantize" => Err(err(
                ErrTag::D_CG_EXPR,
                line,
                format!("aggregating function {}( ) may not be called from a D expression (D program context required)", name),
            )),
            _ => Err(self
                .not_a_function(name, line)
                .unwrap_or_else(|| err(ErrTag::D_FUNC_UNDEF, line, format!("undefined function name: {}", name)))),
        }
    }

    pub(super) fn binary(
        &mut self,
        op: BinOp,
        l: TExpr,
        r: TExpr,
        line: u32,
    ) -> Result<TExpr, CompileError> {
        use BinOp::*;
        let mk = |kind: TKind, ty: Type| TExpr { kind, ty, line };
        let both_str = l.ty == Type::Str && r.ty == Type::Str;
        match op {
            Lt | Le | Gt | Ge | Eq | Ne if both_str => {
                return Ok(mk(TKind::StrCmp(op, Box::new(l), Box::new(r)), INT));
            }
            // `s == NULL`: the string's address against the null pointer constant.
            Eq | Ne if is_null_string_test(&l, &r) || is_null_string_test(&r, &l) => {
                // A cast node, not a retyped operand: a string variable read as an
                // integer would load its characters instead of its address.
                let as_addr = |t: TExpr| {
                    if t.ty == Type::Str {
                        let line = t.line;
                        TExpr { kind: TKind::Cast(Box::new(t)), ty: types::ULONG, line }
                    } else {
                        t
                    }
                };
                return Ok(mk(TKind::Binary(op, Box::new(as_addr(l)), Box::new(as_addr(r))), INT));
            }
            LogAnd | LogOr | LogXor => {
                for t in [&l, &r] {
                    if !t.ty.is_scalar() && t.ty != Type::Str {
                        return Err(err(
                            ErrTag::D_OP_SCALAR,
                            line,
                            format!("operator {} requires operands of scalar type", op.as_str()),
                        ));
                    }
                }
                return Ok(mk(TKind::Binary(op, Box::new(l), Box::new(r)), INT));
            }
            _ => {}
        }
        if !l.ty.is_int() || !r.ty.is_int() {
            let (tag, what) = match op {
                Add | Sub | Mul | Div => (ErrTag::D_OP_ARITH, "arithmetic"),
                Lt | Le | Gt | Ge | Eq | Ne => (ErrTag::D_OP_INCOMPAT, "compatible"),
                _ => (ErrTag::D_OP_INT, "integral"),
            };
            if tag == ErrTag::D_OP_INCOMPAT {
                return Err(err(
                    tag,
                    line,
                    format!(
                        "operands have incompatible types: \"{}\" {} \"{}\"",
                        l.ty,
                        op.as_str(),
                        r.ty
                    ),
                ));
            }
            return Err(err(
                tag,
                line,
                format!(
                    "operator {} requires operands of {} type",
                    op.as_str(),
                    what
                ),
            ));
        }
        let ty = match op {
            Shl | Shr => l.ty.promote(),
            Lt | Le | Gt | Ge | Eq | Ne => INT,
            _ => types::arith(l.ty, r.ty),
        };
        if let (TKind::Const(a), TKind::Const(b)) = (&l.kind, &r.kind) {
            let cty = match op {
                Lt | Le | Gt | Ge | Eq | Ne => types::arith(l.ty, r.ty),
                _ => ty,
            };
            if let Some(v) = fold(op, *a, *b, cty) {
                return Ok(mk(TKind::Const(normalize(v, ty)), ty));
            }
            if matches!(op, Div | Mod) && *b == 0 {
                return Err(err(
                    ErrTag::D_DIV_ZERO,
                    line,
                    "expression contains division by zero",
                ));
            }
        }
        Ok(mk(TKind::Binary(op, Box::new(l), Box::new(r)), ty))
    }
}

/// `arg0`..`arg9`
pub(super) fn arg_index(name: &str) -> Option<u8> {
    let n = name.strip_prefix("arg")?;
    if n.len() == 1 {
        let d = n.as_bytes()[0];
        if d.is_ascii_digit() {
            return Some(d - b'0');
        }
    }
    None
}

fn parse_int_text(s: &str) -> Option<i64> {
    let (neg, t) = match s.strip_prefix('-') {
        Some(t) => (true, t),
        None => (false, s),
    };
    let v = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        u64::from_str_radix(h, 16).ok()?
    } else if t.len() > 1 && t.starts_with('0') {
        u64::from_str_radix(&t[1..], 8).ok()?
    } else {
        t.parse::<u64>().ok()?
    };
    Some(if neg {
        (v as i64).wrapping_neg()
    } else {
        v as i64
    })
}

/// Constant folding with C semantics in `ty` (the operands' common type).
fn fold(op: BinOp, a: i64, b: i64, ty: Type) -> Option<i64> {
    use BinOp::*;
    let signed = matches!(ty, Type::Int { signed: true, .. });
    let (ua, ub) = (a as u64, b as u64);
    Some(match op {
        Add => a.wrapping_add(b),
        Sub => a.wrapping_sub(b),
        Mul => a.wrapping_mul(b),
        Div | Mod if b == 0 => return None,
        Div => {
            if signed {
                a.wrapping_div(b)
            } else {
                (ua / ub) as i64
            }
        }
        Mod => {
            if signed {
                a.wrapping_rem(b)
            } else {
                (ua % ub) as i64
            }
        }
        Shl => a.wrapping_shl(b as u32),
        Shr => {
            if signed {
                a.wrapping_shr(b as u32)
            } else {
                ua.wrapping_shr(b as u32) as i64
            }
        }
        BitAnd => a & b,
        BitOr => a | b,
        BitXor => a ^ b,
        Lt => (if signed { a < b } else { ua < ub }) as i64,
        Le => (if signed { a <= b } else { ua <= ub }) as i64,
        Gt => (if signed { a > b } else { ua > ub }) as i64,
        Ge => (if signed { a >= b } else { ua >= ub }) as i64,
        Eq => (a == b) as i64,
        Ne => (a != b) as i64,
        LogAnd => (a != 0 && b != 0) as i64,
        LogOr => (a != 0 || b != 0) as i64,
        LogXor => ((a != 0) ^ (b != 0)) as i64,
    })
}

/// The type of `c ? t : f` with pointer operands, as dt_node_is_ptrcompat allows: the same
/// pointer type, a pointer and `void *`, or a pointer and the constant 0.
fn ternary_ptr(t: &TExpr, f: &TExpr) -> Option<Type> {
    match (t.ty, f.ty) {
        (Type::Ptr(_), Type::Ptr(_)) if t.ty == f.ty => Some(t.ty),
        (Type::Ptr(_), Type::Ptr(_)) if f.ty.pointee() == Some(Type::Void) => Some(t.ty),
        (Type::Ptr(_), Type::Ptr(_)) if t.ty.pointee() == Some(Type::Void) => Some(f.ty),
        (Type::Ptr(_), Type::Int { .. }) if f.kind == TKind::Const(0) => Some(t.ty),
        (Type::Int { .. }, Type::Ptr(_)) if t.kind == TKind::Const(0) => Some(f.ty),
        _ => None,
    }
}

/// `s` is a string and `z` the constant 0 (`NULL`).
fn is_null_string_test(s: &TExpr, z: &TExpr) -> bool {
    s.ty == Type::Str && matches!(z.kind, TKind::Const(0))
}

/// An expression of DTrace's dynamic type: an aggregation named as a value.
pub(super) fn is_dynamic(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Agg { .. })
}

/// `D_OP_DYN`, as `dt_cook_op2`/`dt_cook_op3` word it.
fn dynamic_operands(op: &str, line: u32) -> CompileError {
    err(
        ErrTag::D_OP_DYN,
        line,
        format!("operator {} operands cannot be of dynamic type", op),
    )
}
