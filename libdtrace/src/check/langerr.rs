//! Checks DTrace makes on the shape of expressions before (or instead of) typing them:
//! identifiers used as functions (D_FUNC_IDKIND), actions inside expressions (D_OP_ACT),
//! variables read that nothing ever assigns (D_VAR_UNDEF), integer constants after `->`
//! (D_OP_IDENT), and `#pragma` on names the program did not define (D_PRAGMA_SCOPE).
//! Messages are dt_parser.c's and dt_pragma.c's.

use std::collections::HashSet;

use super::{err, Checker};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::{Expr, ExprKind, Item, Program, Scope, Stmt};

/// DTrace's actions (DT_IDENT_ACTFUNC): they produce records, never values.
const ACTIONS: &[&str] = &[
    "trace",
    "printf",
    "printa",
    "print",
    "exit",
    "stack",
    "ustack",
    "jstack",
    "tracemem",
    "speculate",
    "commit",
    "discard",
    "clear",
    "normalize",
    "denormalize",
    "trunc",
    "setopt",
    "system",
    "raise",
    "stop",
    "breakpoint",
    "panic",
    "chill",
    "copyout",
    "copyoutstr",
    "freopen",
    "ftruncate",
    "pcap",
];

/// Whether `e` is a call of an action.
pub(super) fn is_action(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Call { name, .. } if ACTIONS.contains(&name.as_str()))
}

/// The names of the variables a program assigns, increments or declares anywhere: `self->x`,
/// `this->x`, and `x` for global associative arrays.
pub(super) fn assigned_vars(prog: &Program) -> HashSet<String> {
    let mut out = HashSet::new();
    for item in &prog.items {
        match item {
            Item::Decl(d) => declared(d, &mut out),
            Item::Clause(c) => {
                if let Some(p) = &c.predicate {
                    walk(p, &mut out);
                }
                for s in c.body.iter().flatten() {
                    stmt(s, &mut out);
                }
            }
            _ => {}
        }
    }
    out
}

fn declared(d: &crate::parse::ast::Decl, out: &mut HashSet<String>) {
    match d.scope {
        Scope::Thread => out.insert(format!("self->{}", d.name)),
        Scope::Clause => out.insert(format!("this->{}", d.name)),
        Scope::Global | Scope::Extern => out.insert(d.name.clone()),
    };
}

fn stmt(s: &Stmt, out: &mut HashSet<String>) {
    match s {
        Stmt::Expr(e) => walk(e, out),
        Stmt::Decl(d) => declared(d, out),
        Stmt::If {
            cond, then, els, ..
        } => {
            walk(cond, out);
            for s in then.iter().chain(els) {
                stmt(s, out);
            }
        }
    }
}

/// The variable an assignment or `++` writes.
fn written(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::SelfVar(n) => Some(format!("self->{}", n)),
        ExprKind::ThisVar(n) => Some(format!("this->{}", n)),
        ExprKind::Index { base, .. } => written(base),
        ExprKind::Ident(n) => Some(n.clone()),
        _ => None,
    }
}

fn walk(e: &Expr, out: &mut HashSet<String>) {
    use ExprKind::*;
    match &e.kind {
        Assign { lhs, rhs, .. } => {
            if let Some(n) = written(lhs) {
                out.insert(n);
            }
            walk(lhs, out);
            walk(rhs, out);
        }
        IncDec { expr, .. } => {
            if let Some(n) = written(expr) {
                out.insert(n);
            }
            walk(expr, out);
        }
        Int { .. }
        | Char(_)
        | Str(_)
        | Ident(_)
        | Macro(_)
        | MacroStr(_)
        | SelfVar(_)
        | ThisVar(_)
        | SizeofType(_)
        | Offsetof { .. } => {}
        Agg { keys, .. } => keys.iter().for_each(|k| walk(k, out)),
        Index { base, keys } => {
            walk(base, out);
            keys.iter().for_each(|k| walk(k, out));
        }
        Call { args, .. } => args.iter().for_each(|a| walk(a, out)),
        Unary { expr, .. }
        | Cast { expr, .. }
        | SizeofExpr(expr)
        | Stringof(expr)
        | Member { expr, .. }
        | Xlate { expr, .. } => walk(expr, out),
        Binary { lhs, rhs, .. } | Comma(lhs, rhs) => {
            walk(lhs, out);
            walk(rhs, out);
        }
        Ternary { cond, then, els } => {
            walk(cond, out);
            walk(then, out);
            walk(els, out);
        }
    }
}

impl<'a> Checker<'a> {
    /// `name(...)` where `name` is a known identifier of another kind: DTrace's
    /// "scalar 'timestamp' may not be referenced as a function".
    pub(super) fn not_a_function(&self, name: &str, line: u32) -> Option<CompileError> {
        // DTrace looks the name up while parsing, before any clause has created variables:
        // only built-in and declared identifiers are known then.
        let kind = if self.builtin(name).is_some()
            || super::expr::arg_index(name).is_some()
            || self.syms.tsyms.inlines.contains_key(name)
        {
            "scalar"
        } else if name == "args" {
            "array"
        } else if self.syms.tsyms.scope.enumerators.contains_key(name) {
            "enumerator"
        } else {
            return None;
        };
        Some(err(
            ErrTag::D_FUNC_IDKIND,
            line,
            format!("{} '{}' may not be referenced as a function", kind, name),
        ))
    }

    /// `a, b` with an action on either side.
    pub(super) fn comma_action(&self, a: &Expr, b: &Expr, line: u32) -> Result<(), CompileError> {
        if is_action(a) || is_action(b) {
            return Err(err(
                ErrTag::D_OP_ACT,
                line,
                "operator , operands cannot be actions",
            ));
        }
        Ok(())
    }

    /// `c ? a : b` with actions for both results (one action and one value is a type
    /// mismatch, reported by the caller).
    pub(super) fn ternary_action(
        &mut self,
        cond: &Expr,
        a: &Expr,
        b: &Expr,
        line: u32,
    ) -> Result<(), CompileError> {
        if !(is_action(a) && is_action(b)) {
            return Ok(());
        }
        let c = self.expr(cond)?;
        if !c.ty.is_scalar() {
            return Err(err(
                ErrTag::D_OP_SCALAR,
                line,
                "operator ?: expression must be of scalar type",
            ));
        }
        Err(err(
            ErrTag::D_OP_ACT,
            line,
            "action cannot be used in a conditional context",
        ))
    }

    /// A read of `self->x`, `this->x` or an associative array `x` that the program never
    /// assigns nor declares: DTrace's D_VAR_UNDEF (the first reference is a read).
    pub(super) fn never_assigned(&self, label: &str, line: u32) -> Result<(), CompileError> {
        match &self.syms.tsyms.assigned {
            Some(set) if !set.contains(label) => {}
            _ => return Ok(()),
        }
        Err(err(
            ErrTag::D_VAR_UNDEF,
            line,
            format!("{} has not yet been declared or assigned", label),
        ))
    }

    /// `e->m` or `e.m` where `m` names an integer inline or enumerator: DTrace's lexer has
    /// turned it into an integer constant, which is no member name.
    pub(super) fn member_is_constant(
        &self,
        member: &str,
        arrow: bool,
        line: u32,
    ) -> Result<(), CompileError> {
        let inline_int = self
            .syms
            .tsyms
            .inlines
            .get(member)
            .map(|i| matches!(i.expr.kind, ExprKind::Int { .. } | ExprKind::Char(_)))
            .unwrap_or(false);
        if inline_int || self.syms.tsyms.scope.enumerators.contains_key(member) {
            return Err(err(
                ErrTag::D_OP_IDENT,
                line,
                format!(
                    "operator {} must be followed by an identifier",
                    if arrow { "->" } else { "." }
                ),
            ));
        }
        Ok(())
    }

    /// `#pragma D attributes|binding ... name` on an identifier the program did not define
    /// (a built-in variable or a library inline).
    pub(super) fn pragma_scope(&self, words: &[String], line: u32) -> Result<(), CompileError> {
        let (Some(kind), Some(name)) = (words.first(), words.get(2)) else {
            return Ok(());
        };
        if kind != "attributes" && kind != "binding" {
            return Ok(());
        }
        if name == "provider" {
            return Ok(());
        }
        let builtin = self.builtin(name).is_some()
            || super::expr::arg_index(name).is_some()
            || matches!(name.as_str(), "args" | "curthread");
        if builtin {
            return Err(err(
                ErrTag::D_PRAGMA_SCOPE,
                line,
                format!(
                    "#pragma {} cannot modify entity defined outside program scope",
                    kind
                ),
            ));
        }
        Ok(())
    }
}

/// `$n` whose text is an integer too big for 64 bits (dt_lex.l's D_MACRO_OFLOW): the text
/// is read as `strtoull(v, &p, 0)` reads it, after an optional sign.
pub(super) fn macro_overflow(name: &str, text: &str, line: u32) -> Result<(), CompileError> {
    let v = text.strip_prefix(['+', '-']).unwrap_or(text);
    if !v.starts_with(|c: char| c.is_ascii_digit()) {
        return Ok(());
    }
    let (digits, radix) = match v.strip_prefix("0x").or_else(|| v.strip_prefix("0X")) {
        Some(h) => (h, 16),
        None if v.len() > 1 && v.starts_with('0') => (&v[1..], 8),
        None => (v, 10),
    };
    let digits: String = digits.chars().take_while(|c| c.is_digit(radix)).collect();
    if digits.is_empty() || u64::from_str_radix(&digits, radix).is_ok() {
        return Ok(());
    }
    Err(err(
        ErrTag::D_MACRO_OFLOW,
        line,
        format!(
            "macro argument ${} constant {} results in integer overflow",
            name, v
        ),
    ))
}

/// Providers a `#pragma D attributes ... provider NAME part` may name without defining them:
/// the tracer's own.
const KNOWN_PROVIDERS: &[&str] = &[
    "dtrace", "syscall", "fbt", "profile", "tick", "sdt", "proc", "sched", "io", "ip", "tcp",
    "udp", "lockstat", "rawtp", "pid", "usdt", "stapsdt", "cpc",
];

impl<'a> Checker<'a> {
    /// dt_cc.c's D_PRAGMA_UNUSED: a `#pragma D attributes` or `binding` whose identifier the
    /// program never defines (it stays pending, then is reported at its line). A provider's
    /// attributes apply only to a provider already defined when the pragma is read.
    pub(super) fn unused_pragmas(&self, prog: &Program) -> Result<(), CompileError> {
        let mut providers: HashSet<&str> = HashSet::new();
        for (i, item) in prog.items.iter().enumerate() {
            match item {
                Item::Provider(p) => {
                    providers.insert(p.name.as_str());
                }
                Item::Pragma { words, line } => {
                    let kind = words.first().map(String::as_str);
                    if !matches!(kind, Some("attributes" | "binding")) || words.len() < 3 {
                        continue;
                    }
                    let kind = kind.unwrap_or_default();
                    let used = if words[2] == "provider" && kind == "attributes" {
                        words.get(3).map_or(true, |p| {
                            providers.contains(p.as_str()) || KNOWN_PROVIDERS.contains(&p.as_str())
                        })
                    } else if words[2] == "translator" {
                        // Pending for the next translator the program defines.
                        prog.items[i + 1..]
                            .iter()
                            .any(|it| matches!(it, Item::Translator(_)))
                    } else {
                        let n = words[2].as_str();
                        self.syms.global(n).is_some()
                            || self.is_global_array(n)
                            || self.syms.tsyms.inlines.contains_key(n)
                            || self.syms.tsyms.scope.enumerators.contains_key(n)
                            || self.builtin(n).is_some()
                    };
                    if !used {
                        return Err(err(
                            ErrTag::D_PRAGMA_UNUSED,
                            *line,
                            format!("unused #pragma {}", kind),
                        ));
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// Whether `e` reads `args[...]`.
fn uses_args(e: &Expr) -> bool {
    use ExprKind::*;
    match &e.kind {
        Index { base, keys } => {
            matches!(&base.kind, Ident(n) if n == "args")
                || uses_args(base)
                || keys.iter().any(uses_args)
        }
        Assign { lhs, rhs, .. } | Binary { lhs, rhs, .. } | Comma(lhs, rhs) => {
            uses_args(lhs) || uses_args(rhs)
        }
        IncDec { expr, .. }
        | Unary { expr, .. }
        | Cast { expr, .. }
        | SizeofExpr(expr)
        | Stringof(expr)
        | Member { expr, .. }
        | Xlate { expr, .. } => uses_args(expr),
        Ternary { cond, then, els } => uses_args(cond) || uses_args(then) || uses_args(els),
        Agg { keys, .. } => keys.iter().any(uses_args),
        Call { args, .. } => args.iter().any(uses_args),
        _ => false,
    }
}

impl<'a> Checker<'a> {
    /// DTrace types an inline's or translator member's expression where it is defined, with
    /// no probe in context: `args[]` there is D_ARGS_NONE.
    pub(super) fn args_outside_clause(&self, e: &Expr) -> Result<(), CompileError> {
        if uses_args(e) {
            return Err(err(
                ErrTag::D_ARGS_NONE,
                e.line,
                "args[ ] may not be referenced outside of a probe clause",
            ));
        }
        Ok(())
    }

    /// A program's translator, typed where it is defined as dt_cook_xlator does: a member
    /// whose expression cannot be assigned to the member's type is D_XLATE_INCOMPAT.
    /// Expressions this checker cannot type without a probe are left for their first use.
    pub(super) fn xlate_incompat(
        &mut self,
        x: &crate::parse::ast::Translator,
    ) -> Result<(), CompileError> {
        use super::types::Type;
        for (_, e) in &x.members {
            self.args_outside_clause(e)?;
        }
        let (Ok(out), Ok(input)) = (
            self.resolve_type(&x.out, x.line),
            self.resolve_type(&x.input, x.line),
        ) else {
            return Ok(());
        };
        for (m, e) in &x.members {
            let mut t = out;
            for part in m.split('.') {
                match t.member(part) {
                    Some(mm) => t = mm.ty,
                    None => return Ok(()),
                }
            }
            let param = super::ir::TExpr {
                kind: super::ir::TKind::Const(0),
                ty: input,
                line: x.line,
            };
            self.syms.tsyms.bindings.push((x.param.clone(), param));
            let r = self.expr(e);
            self.syms.tsyms.bindings.pop();
            let Ok(v) = r else { continue };
            let zero = matches!(v.kind, super::ir::TKind::Const(0));
            let incompat = match t {
                Type::Int { .. } => !v.ty.is_int(),
                Type::Str => !(v.ty == Type::Str || v.ty.is_strcompat()),
                Type::Ptr(_) => v.ty == Type::Str || (v.ty.is_int() && !zero),
                _ => false,
            };
            if incompat {
                return Err(err(
                    ErrTag::D_XLATE_INCOMPAT,
                    e.line,
                    format!(
                        "translator member {} definition uses incompatible types: \"{}\" = \"{}\"",
                        m, t, v.ty
                    ),
                ));
            }
        }
        Ok(())
    }
}
