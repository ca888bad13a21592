//! The checked program: every identifier resolved, every expression typed. Codegen reads only
//! this.

use std::sync::Arc;

use super::types::Type;
use crate::aggregate::AggFunc;
use crate::parse::ast::{BinOp, UnOp};
use crate::print::printf::Format;

/// A built-in variable that codegen computes from the machine state or a helper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    Pid,
    Tid,
    Ppid,
    Uid,
    Gid,
    Execname,
    Timestamp,
    Walltimestamp,
    Cpu,
    Probeprov,
    Probemod,
    Probefunc,
    Probename,
    Errno,
    Epid,
    Id,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TExpr {
    pub kind: TKind,
    pub ty: Type,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TKind {
    /// An integer constant (already converted to the expression's type).
    Const(i64),
    /// A string constant: offset of its slot in the string table.
    Str(u32),
    Builtin(Builtin),
    /// `argN`
    Arg(u8),
    /// A global variable by index into `Symbols::globals`.
    Global(u32),
    Unary(UnOp, Box<TExpr>),
    /// Arithmetic, bitwise, shift and integer comparison; logical ops short-circuit.
    Binary(BinOp, Box<TExpr>, Box<TExpr>),
    /// String comparison with `== != < <= > >=`.
    StrCmp(BinOp, Box<TExpr>, Box<TExpr>),
    /// Assignment to a global; the value of the expression is the new value.
    Assign { var: u32, op: Option<BinOp>, rhs: Box<TExpr> },
    IncDec { var: u32, pre: bool, inc: bool },
    Ternary(Box<TExpr>, Box<TExpr>, Box<TExpr>),
    /// Integer conversion to `ty` of the node.
    Cast(Box<TExpr>),
    /// `copyinstr(addr[, maxlen])`
    Copyinstr(Box<TExpr>, Option<Box<TExpr>>),
    Comma(Box<TExpr>, Box<TExpr>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum TStmt {
    Expr(TExpr),
    Trace(TExpr),
    Printf { format: Arc<Format>, args: Vec<TExpr> },
    Exit(TExpr),
    /// `@agg[keys] = func(args)`
    Agg { agg: u32, keys: Vec<TExpr>, args: Vec<TExpr> },
}

#[derive(Debug, Clone, PartialEq)]
pub struct TClause {
    /// Probe IDs this clause is enabled on.
    pub probes: Vec<u32>,
    /// Each probe description as written (macros expanded) with the probes it matched.
    pub descs: Vec<(crate::provider::DescPattern, Vec<u32>)>,
    pub predicate: Option<TExpr>,
    pub stmts: Vec<TStmt>,
    /// A clause without statements gets DTrace's default action: it records only that the
    /// probe fired, which prints the probe's line.
    pub default_action: bool,
    pub line: u32,
}

/// A global variable: its type and where it lives in the globals map's value.
#[derive(Debug, Clone, PartialEq)]
pub struct Global {
    pub name: String,
    pub ty: Type,
    pub offset: u32,
}

/// An aggregation as the checker knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Agg {
    pub name: String,
    pub func: AggFunc,
    pub keys: Vec<Type>,
    pub line: u32,
}

impl TExpr {
    /// Whether the expression reads built-in `b` anywhere.
    pub fn uses(&self, b: Builtin) -> bool {
        match &self.kind {
            TKind::Builtin(x) => *x == b,
            TKind::Const(_) | TKind::Str(_) | TKind::Arg(_) | TKind::Global(_) | TKind::IncDec { .. } => false,
            TKind::Unary(_, a) | TKind::Cast(a) => a.uses(b),
            TKind::Binary(_, l, r) | TKind::StrCmp(_, l, r) | TKind::Comma(l, r) => l.uses(b) || r.uses(b),
            TKind::Assign { rhs, .. } => rhs.uses(b),
            TKind::Ternary(c, t, f) => c.uses(b) || t.uses(b) || f.uses(b),
            TKind::Copyinstr(a, n) => a.uses(b) || n.as_ref().map(|n| n.uses(b)).unwrap_or(false),
        }
    }
}

impl TClause {
    /// Whether the clause reads built-in `b` anywhere.
    pub fn uses(&self, b: Builtin) -> bool {
        self.predicate.as_ref().map(|p| p.uses(b)).unwrap_or(false)
            || self.stmts.iter().any(|s| match s {
                TStmt::Expr(e) | TStmt::Trace(e) | TStmt::Exit(e) => e.uses(b),
                TStmt::Printf { args, .. } => args.iter().any(|a| a.uses(b)),
                TStmt::Agg { keys, args, .. } => keys.iter().chain(args).any(|a| a.uses(b)),
            })
    }
}
