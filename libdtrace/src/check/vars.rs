//! Variables other than global scalars: thread-local `self->x`, clause-local `this->x`,
//! associative arrays `a[k1, k2]` (global or `self->a[k]`), their declarations, and the
//! fault-code constants (`DTRACEFLT_*`) ERROR clauses compare `arg4` with.

use super::ir::*;
use super::types::{Type, INT, LONG};
use super::{err, Checker};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::{self, BinOp, Expr, ExprKind};

/// The `DTRACEFLT_*` fault codes (ERROR's arg4), with the values DTrace gives them.
pub const FAULT_CODES: &[(&str, i64)] = &[
    ("DTRACEFLT_UNKNOWN", 0),
    ("DTRACEFLT_BADADDR", 1),
    ("DTRACEFLT_BADALIGN", 2),
    ("DTRACEFLT_ILLOP", 3),
    ("DTRACEFLT_DIVZERO", 4),
    ("DTRACEFLT_NOSCRATCH", 5),
    ("DTRACEFLT_KPRIV", 6),
    ("DTRACEFLT_UPRIV", 7),
    ("DTRACEFLT_TUPOFLOW", 8),
    ("DTRACEFLT_BADSTACK", 9),
    ("DTRACEFLT_BADSIZE", 10),
    ("DTRACEFLT_BADINDEX", 11),
    ("DTRACEFLT_LIBRARY", 1000),
];

/// A fault code's integer constant, for identifiers like `DTRACEFLT_DIVZERO`.
pub(super) fn constant(name: &str) -> Option<(i64, Type)> {
    // D's NULL: the null pointer constant 0, usable wherever C allows it.
    if name == "NULL" {
        return Some((0, INT));
    }
    FAULT_CODES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, v)| (v, INT))
}

/// The type of a stored value: integers narrower than int are kept as int, as C promotes them.
fn stored(t: Type) -> Type {
    match t {
        Type::Int { .. } => t.promote(),
        t => t,
    }
}

fn compatible(a: Type, b: Type) -> bool {
    matches!(
        (a, b),
        (Type::Int { .. }, Type::Int { .. }) | (Type::Str, Type::Str)
    ) || ((a.is_ptr() || a.sou().is_some()) && a == b)
}

/// What an lvalue expression names, before its keys are checked.
enum Target<'e> {
    Thread(&'e str, &'e [Expr]),
    Local(&'e str, &'e [Expr]),
    Global(&'e str, &'e [Expr]),
}

fn target(e: &Expr) -> Option<Target<'_>> {
    match &e.kind {
        ExprKind::SelfVar(n) => Some(Target::Thread(n, &[])),
        ExprKind::ThisVar(n) => Some(Target::Local(n, &[])),
        ExprKind::Index { base, keys } => match &base.kind {
            ExprKind::SelfVar(n) => Some(Target::Thread(n, keys)),
            ExprKind::ThisVar(n) => Some(Target::Local(n, keys)),
            ExprKind::Ident(n) => Some(Target::Global(n, keys)),
            _ => None,
        },
        _ => None,
    }
}

impl<'a> Checker<'a> {
    /// Declarations other than global scalars: `self int x;`, `this string s;`,
    /// `int a[string, int];`, `self int a[int];`.
    pub(super) fn declare(&mut self, d: &ast::Decl) -> Result<(), CompileError> {
        let line = d.line;
        if d.scope == ast::Scope::Extern {
            return self.extern_decl(d);
        }
        let ty = self.dyn_decl_type(&d.ty, &d.name, line, true)?;
        let keys = match &d.keys {
            None => Vec::new(),
            Some(ks) => {
                if d.scope == ast::Scope::Clause {
                    return Err(err(
                        ErrTag::D_DECL_LOCASSC,
                        line,
                        format!(
                            "associative arrays may not be declared as local variables: {}",
                            d.name
                        ),
                    ));
                }
                let mut v = Vec::new();
                for k in ks {
                    v.push(self.dyn_decl_type(k, &d.name, line, false)?);
                }
                v
            }
        };
        match d.scope {
            ast::Scope::Clause => {
                if let Some(i) = self.local(&d.name) {
                    let prev = self.syms.locals[i as usize].ty;
                    if prev != ty {
                        return Err(redeclared(&d.name, "scalar", ty, "scalar", prev, line));
                    }
                    return Ok(());
                }
                self.add_local(&d.name, ty, true);
                Ok(())
            }
            ast::Scope::Extern => Ok(()),
            ast::Scope::Thread | ast::Scope::Global => {
                let thread = d.scope == ast::Scope::Thread;
                if !thread && self.syms.global(&d.name).is_some() {
                    let prev = self.syms.globals[self.syms.global(&d.name).unwrap() as usize].ty;
                    return Err(redeclared(&d.name, "array", ty, "scalar", prev, line));
                }
                if !thread
                    && (self.builtin(&d.name).is_some()
                        || super::expr::arg_index(&d.name).is_some())
                {
                    return Err(err(
                        ErrTag::D_DECL_IDRED,
                        line,
                        format!("built-in identifier redeclared: {}", d.name),
                    ));
                }
                if let Some(i) = self.dyn_var(&d.name, thread) {
                    let prev = self.syms.dyns[i as usize].clone();
                    let kind = |k: &[Type]| if k.is_empty() { "scalar" } else { "array" };
                    if prev.ty != ty || kind(&prev.keys) != kind(&keys) {
                        return Err(redeclared(
                            &d.name,
                            kind(&keys),
                            ty,
                            kind(&prev.keys),
                            prev.ty,
                            line,
                        ));
                    }
                    for (n, (k, p)) in keys.iter().zip(&prev.keys).enumerate() {
                        if !compatible(*k, *p) {
                            return Err(err(
                                ErrTag::D_DECL_IDRED,
                                line,
                                format!(
                                    "identifier redeclared: {}\n\t current: array, key #{} of type {}\n\tprevious: array, key #{} of type {}",
                                    d.name, n + 1, k, n + 1, p
                                ),
                            ));
                        }
                    }
                    if keys.len() != prev.keys.len() {
                        return Err(err(
                            ErrTag::D_DECL_IDRED,
                            line,
                            format!(
                                "identifier redeclared: {}\n\t current: array of {}, tuple length {}\n\tprevious: array of {}, tuple length {}",
                                d.name, ty, keys.len(), prev.ty, prev.keys.len()
                            ),
                        ));
                    }
                    return Ok(());
                }
                self.syms.add_dyn(
                    DynVar {
                        name: d.name.clone(),
                        thread,
                        ty,
                        typed: true,
                        keys,
                    },
                    line,
                )?;
                Ok(())
            }
        }
    }

    /// The type of a clause-local or dynamic variable's declaration (`value`), or of an
    /// associative array's key: a scalar (integer, pointer), a string, or a struct or union
    /// with a definition; a value may also be a fixed-size array.
    fn dyn_decl_type(
        &mut self,
        t: &ast::TypeName,
        name: &str,
        line: u32,
        value: bool,
    ) -> Result<Type, CompileError> {
        let ty = self.resolve_type(t, line)?;
        if ty == Type::Void {
            return Err(err(
                ErrTag::D_DECL_VOIDOBJ,
                line,
                format!("cannot have void object: {}", name),
            ));
        }
        // A fixed-size array: its elements are reached by index, as a global array's are.
        if let (true, Some((elem, n))) = (value, ty.array_info()) {
            if n > 0 && elem.size(self.strsize()).is_some() {
                return Ok(ty);
            }
        }
        // Values and keys may be structs or unions: a key is compared by its bytes.
        if let Some(s) = ty.sou() {
            if s.members == super::types::Members::Incomplete {
                return Err(err(
                    ErrTag::D_DECL_INCOMPLETE,
                    line,
                    format!("incomplete struct/union/enum {}: {}", ty, name),
                ));
            }
            return Ok(ty);
        }
        if !matches!(ty, Type::Int { .. } | Type::Str) && !ty.is_ptr() {
            return Err(err(
                ErrTag::D_VAR_UNSUP,
                line,
                format!("declaration of {} of type {} is not supported", name, ty),
            ));
        }
        Ok(ty)
    }

    fn local(&self, name: &str) -> Option<u32> {
        self.syms
            .locals
            .iter()
            .position(|l| l.name == name)
            .map(|i| i as u32)
    }

    fn dyn_var(&self, name: &str, thread: bool) -> Option<u32> {
        self.syms.dyn_var(name, thread)
    }

    /// Whether `name` is a global associative array (for errors on scalar use of it).
    pub(super) fn is_global_array(&self, name: &str) -> bool {
        self.dyn_var(name, false).is_some()
    }

    fn add_local(&mut self, name: &str, ty: Type, typed: bool) -> u32 {
        let size = match ty {
            Type::Str => self.strsize(),
            t if t.by_ref() => t.size(self.strsize()).unwrap_or(8),
            _ => 8,
        };
        let off = (self.syms.locals_size + 7) / 8 * 8;
        self.syms.locals_size = off + size;
        self.syms.locals.push(Local {
            name: name.to_string(),
            ty,
            typed,
            offset: off,
        });
        (self.syms.locals.len() - 1) as u32
    }

    /// Resolve an lvalue or rvalue variable reference. `assigned` is the type of the value
    /// about to be stored (`None` for a read); it types a variable seen for the first time.
    fn resolve(
        &mut self,
        t: Target<'_>,
        assigned: Option<Type>,
        line: u32,
    ) -> Result<(VarRef, Type), CompileError> {
        let ty0 = assigned.map(stored).unwrap_or(LONG);
        let typed = assigned.is_some();
        match t {
            Target::Local(name, keys) => {
                if !keys.is_empty() {
                    return Err(err(
                        ErrTag::D_ARR_LOCAL,
                        line,
                        format!(
                            "local variables may not be used as associative arrays: {}",
                            name
                        ),
                    ));
                }
                let id = match self.local(name) {
                    Some(i) => i,
                    None => {
                        if !typed {
                            self.never_assigned(&format!("this->{}", name), line)?;
                        }
                        self.add_local(name, ty0, typed)
                    }
                };
                let l = &mut self.syms.locals[id as usize];
                if typed && !l.typed {
                    if let (Type::Int { .. }, Type::Int { .. }) = (l.ty, ty0) {
                        l.ty = ty0;
                        l.typed = true;
                    }
                }
                let ty = l.ty;
                Ok((
                    VarRef {
                        kind: VarKind::Local,
                        id,
                        keys: Vec::new(),
                    },
                    ty,
                ))
            }
            Target::Thread(name, keys) | Target::Global(name, keys) => {
                let thread = matches!(t, Target::Thread(..));
                if !thread {
                    if let Some(g) = self.syms.global(name) {
                        let _ = g;
                        return Err(err(
                            ErrTag::D_ARR_BADREF,
                            line,
                            format!("cannot access {} as an associative array", name),
                        ));
                    }
                    if self.builtin(name).is_some() || super::expr::arg_index(name).is_some() {
                        return Err(err(
                            ErrTag::D_ARR_BADREF,
                            line,
                            format!("cannot access {} as an associative array", name),
                        ));
                    }
                }
                let mut tkeys = Vec::new();
                for k in keys {
                    // Char arrays are keyed by their string and pointers by their value, as
                    // aggregation keys are.
                    let tk = self.expr(k)?;
                    let tk = self.output_value(tk);
                    if !matches!(tk.ty, Type::Int { .. } | Type::Str)
                        && !tk.ty.is_ptr()
                        && tk.ty.sou().is_none()
                    {
                        return Err(err(
                            ErrTag::D_OP_INCOMPAT,
                            line,
                            format!("{}[ ] key may not be of type {}", name, tk.ty),
                        ));
                    }
                    tkeys.push(tk);
                }
                let label = if thread {
                    format!("self->{}", name)
                } else {
                    name.to_string()
                };
                let id = match self.dyn_var(name, thread) {
                    Some(i) => i,
                    None => {
                        if !thread && keys.is_empty() {
                            return Err(err(
                                ErrTag::D_ARR_BADREF,
                                line,
                                format!("cannot access {} as an associative array", name),
                            ));
                        }
                        if !typed {
                            self.never_assigned(&label, line)?;
                        }
                        self.syms.add_dyn(
                            DynVar {
                                name: name.to_string(),
                                thread,
                                ty: ty0,
                                typed,
                                keys: tkeys.iter().map(|k| stored(k.ty)).collect(),
                            },
                            line,
                        )?
                    }
                };
                let v = &self.syms.dyns[id as usize];
                if v.keys.len() != tkeys.len() {
                    if v.keys.is_empty() {
                        return Err(err(
                            ErrTag::D_IDENT_BADREF,
                            line,
                            format!("scalar '{}' may not be referenced as array", name),
                        ));
                    }
                    if tkeys.is_empty() {
                        return Err(err(
                            ErrTag::D_IDENT_BADREF,
                            line,
                            format!("array '{}' may not be referenced as scalar", name),
                        ));
                    }
                    return Err(err(
                        ErrTag::D_PROTO_LEN,
                        line,
                        format!(
                            "{}[ ] prototype mismatch: {} key{} passed, {} expected",
                            label,
                            tkeys.len(),
                            if tkeys.len() == 1 { "" } else { "s" },
                            v.keys.len()
                        ),
                    ));
                }
                for (n, (k, p)) in tkeys.iter().zip(&v.keys).enumerate() {
                    if !compatible(k.ty, *p) {
                        return Err(err(
                            ErrTag::D_PROTO_ARG,
                            line,
                            format!(
                                "{}[ ] key #{} is incompatible with prototype:\n\tprototype: {}\n\t{:>9}: {}",
                                label,
                                n + 1,
                                p,
                                "key",
                                k.ty
                            ),
                        ));
                    }
                }
                let v = &mut self.syms.dyns[id as usize];
                if typed && !v.typed {
                    if let (Type::Int { .. }, Type::Int { .. }) = (v.ty, ty0) {
                        v.ty = ty0;
                        v.typed = true;
                    }
                }
                let ty = v.ty;
                let kind = if thread {
                    VarKind::Thread
                } else {
                    VarKind::Array
                };
                Ok((
                    VarRef {
                        kind,
                        id,
                        keys: tkeys,
                    },
                    ty,
                ))
            }
        }
    }

    /// A read of `self->x`, `this->x`, `a[k]`; `None` if `e` is none of these.
    pub(super) fn var_read(&mut self, e: &Expr) -> Result<Option<TExpr>, CompileError> {
        let Some(t) = target(e) else {
            return Ok(None);
        };
        let (var, ty) = self.resolve(t, None, e.line)?;
        // A struct or union is its address, as a global one is: members are read through it.
        let kind = if ty.by_ref() {
            TKind::DynAddr {
                var,
                mode: DynMode::Read,
            }
        } else {
            TKind::Var(var)
        };
        Ok(Some(TExpr {
            kind,
            ty,
            line: e.line,
        }))
    }

    /// `lhs = rhs` or `lhs op= rhs` where `lhs` is one of this module's variables; when it is
    /// not, the checked right-hand side comes back as `Err`.
    pub(super) fn var_assign(
        &mut self,
        lhs: &Expr,
        op: Option<BinOp>,
        r: TExpr,
        line: u32,
    ) -> Result<Result<TExpr, TExpr>, CompileError> {
        let Some(t) = target(lhs) else {
            return Ok(Err(r));
        };
        let opstr = format!("{}=", op.map(|o| o.as_str()).unwrap_or(""));
        if r.ty == Type::Void {
            return Err(err(
                ErrTag::D_OP_VOID,
                line,
                format!("operator {} requires a non-void right-hand operand", opstr),
            ));
        }
        let (var, vty) = self.resolve(t, Some(r.ty), line)?;
        if vty.array_info().is_some() {
            return Err(err(
                ErrTag::D_OP_ARRFUN,
                line,
                format!("operator {} may not be applied to operand of type \"{}\"", opstr, vty),
            ));
        }
        if matches!(op, Some(BinOp::Add | BinOp::Sub)) && vty.pointee() == Some(Type::Void) {
            return Err(err(
                ErrTag::D_OP_VFPTR,
                line,
                format!("operator {} requires left-hand scalar operand of known size", opstr),
            ));
        }
        // Storing 0 frees a dynamic variable, a struct-valued one too.
        let zero_ok = vty.is_ptr()
            || vty == Type::Str
            || (vty.by_ref() && var.kind != VarKind::Local && r.ty.is_int());
        let ok = match op {
            None => compatible(vty, r.ty) || (zero_ok && matches!(r.kind, TKind::Const(0))),
            Some(_) => vty.is_int() && r.ty.is_int(),
        };
        if !ok {
            return Err(err(
                ErrTag::D_OP_INCOMPAT,
                line,
                format!(
                    "operands have incompatible types: \"{}\" {} \"{}\"",
                    vty, opstr, r.ty
                ),
            ));
        }
        if op.is_none() && !vty.by_ref() {
            let slot = super::allocas::Slot::var(var.kind, var.id);
            self.alloca_assign(slot, super::allocas::var_name(lhs), &r, line)?;
        }
        let mut r = r;
        if var.kind != VarKind::Local {
            // A missing dynamic struct copied into a dynamic variable frees it, as DTrace's
            // copy of a NULL reference does.
            if let TKind::DynAddr { mode, .. } = &mut r.kind {
                *mode = DynMode::Null;
            }
        }
        Ok(Ok(TExpr {
            kind: TKind::VarAssign {
                var,
                op,
                rhs: Box::new(r),
            },
            ty: vty,
            line,
        }))
    }

    /// `++x`, `x--` on one of this module's variables; `None` when `e` is not one.
    pub(super) fn var_incdec(
        &mut self,
        e: &Expr,
        pre: bool,
        inc: bool,
        line: u32,
    ) -> Result<Option<TExpr>, CompileError> {
        let Some(t) = target(e) else {
            return Ok(None);
        };
        // As for globals, ++ and -- give an unknown variable the type int.
        let (var, ty) = self.resolve(t, Some(INT), line)?;
        if ty.pointee() == Some(Type::Void) {
            return Err(err(
                ErrTag::D_OP_VFPTR,
                line,
                format!(
                    "operator {} requires an operand of known size",
                    if inc { "++" } else { "--" }
                ),
            ));
        }
        if !ty.is_int() {
            return Err(err(
                ErrTag::D_OP_SCALAR,
                line,
                format!(
                    "operator {} requires operand of scalar type",
                    if inc { "++" } else { "--" }
                ),
            ));
        }
        Ok(Some(TExpr {
            kind: TKind::VarIncDec { var, pre, inc },
            ty,
            line,
        }))
    }

    /// `if (cond) { ... } else { ... }`
    pub(super) fn if_stmt(
        &mut self,
        cond: &Expr,
        then: &[ast::Stmt],
        els: &[ast::Stmt],
        out: &mut Vec<TStmt>,
    ) -> Result<(), CompileError> {
        let c = self.expr(cond)?;
        if !c.ty.is_scalar() && c.ty != Type::Str {
            return Err(err(
                ErrTag::D_OP_SCALAR,
                cond.line,
                "if-condition must be of scalar type",
            ));
        }
        let mut t = Vec::new();
        for s in then {
            self.stmt(s, &mut t)?;
        }
        let mut e = Vec::new();
        for s in els {
            self.stmt(s, &mut e)?;
        }
        out.push(TStmt::If {
            cond: c,
            then: t,
            els: e,
        });
        Ok(())
    }
}

fn redeclared(name: &str, kind: &str, ty: Type, pkind: &str, pty: Type, line: u32) -> CompileError {
    err(
        ErrTag::D_DECL_IDRED,
        line,
        format!(
            "identifier redeclared: {}\n\t current: {} {}\n\tprevious: {} {}",
            name, kind, ty, pkind, pty
        ),
    )
}

/// Turn the reads of dynamic structs under the address `t` computes into inserting ones, for
/// a store through it (`self->s.m = v` creates the element, zero-filled).
pub(super) fn for_write(t: &mut TExpr) {
    match &mut t.kind {
        TKind::DynAddr { mode, .. } => *mode = DynMode::Write,
        TKind::PtrAdd { base, .. } => for_write(base),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::types::ULONG;

    fn dyn_read() -> TExpr {
        TExpr {
            kind: TKind::DynAddr {
                var: VarRef {
                    kind: VarKind::Thread,
                    id: 0,
                    keys: Vec::new(),
                },
                mode: DynMode::Read,
            },
            ty: ULONG,
            line: 1,
        }
    }

    fn mode(t: &TExpr) -> Option<DynMode> {
        match &t.kind {
            TKind::DynAddr { mode, .. } => Some(*mode),
            TKind::PtrAdd { base, .. } => mode(base),
            _ => None,
        }
    }

    #[test]
    fn member_store_inserts() {
        // self->s.m: the member's address is an offset from the struct's.
        let mut member = TExpr {
            kind: TKind::PtrAdd {
                base: Box::new(dyn_read()),
                index: Box::new(TExpr {
                    kind: TKind::Const(8),
                    ty: ULONG,
                    line: 1,
                }),
                scale: 1,
            },
            ty: ULONG,
            line: 1,
        };
        assert_eq!(mode(&member), Some(DynMode::Read));
        for_write(&mut member);
        assert_eq!(mode(&member), Some(DynMode::Write));
        // Addresses that are not in a variable are left alone.
        let mut other = TExpr {
            kind: TKind::Const(0),
            ty: ULONG,
            line: 1,
        };
        for_write(&mut other);
        assert_eq!(other.kind, TKind::Const(0));
    }
}
