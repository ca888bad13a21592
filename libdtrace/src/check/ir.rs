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
    Assign {
        var: u32,
        op: Option<BinOp>,
        rhs: Box<TExpr>,
    },
    IncDec {
        var: u32,
        pre: bool,
        inc: bool,
    },
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
    Printf {
        format: Arc<Format>,
        args: Vec<TExpr>,
    },
    Exit(TExpr),
    /// `@agg[keys] = func(args)`
    Agg {
        agg: u32,
        keys: Vec<TExpr>,
        args: Vec<TExpr>,
    },
    /// `printa([fmt, ]@a[, @b ...])`: the aggregations' IDs, all with the same key signature.
    Printa {
        format: Option<Arc<Format>>,
        aggs: Vec<u32>,
    },
    /// `clear(@a)`, `trunc(@a[, n])`, `normalize(@a, n)`, `denormalize(@a)`.
    AggOp {
        op: crate::aggregate::AggOp,
        agg: u32,
        arg: Option<TExpr>,
    },
    /// `setopt(name[, value])`
    Setopt { name: TExpr, value: Option<TExpr> },
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
    /// For each string key column, the most bytes (NUL included) any clause can store in
    /// it (`execname` 16, a constant its length + 1, else `strsize`); 0 for other columns.
    /// The key's slot is that small: less to zero, copy and hash on every update.
    pub str_bound: Vec<u32>,
}

impl Agg {
    /// How each key column is stored in the kernel map key.
    pub fn key_kinds(&self, strsize: u32) -> Vec<crate::record::ValueKind> {
        self.keys
            .iter()
            .enumerate()
            .map(|(i, t)| match t {
                Type::Str => crate::record::ValueKind::Str {
                    size: match self.str_bound.get(i) {
                        Some(&b) if b > 0 => b.min(strsize),
                        _ => strsize,
                    },
                },
                _ => t.value_kind(strsize),
            })
            .collect()
    }
}

impl TExpr {
    /// Visit this node and every node below it.
    pub fn walk(&self, f: &mut dyn FnMut(&TExpr)) {
        f(self);
        match &self.kind {
            TKind::Const(_)
            | TKind::Str(_)
            | TKind::Builtin(_)
            | TKind::Arg(_)
            | TKind::Global(_)
            | TKind::IncDec { .. } => {}
            TKind::Unary(_, a) | TKind::Cast(a) => a.walk(f),
            TKind::Binary(_, l, r) | TKind::StrCmp(_, l, r) | TKind::Comma(l, r) => {
                l.walk(f);
                r.walk(f);
            }
            TKind::Assign { rhs, .. } => rhs.walk(f),
            TKind::Ternary(c, t, e) => {
                c.walk(f);
                t.walk(f);
                e.walk(f);
            }
            TKind::Copyinstr(a, n) => {
                a.walk(f);
                if let Some(n) = n {
                    n.walk(f);
                }
            }
        }
    }
}

impl TClause {
    /// Visit every expression node of the clause.
    pub fn walk(&self, f: &mut dyn FnMut(&TExpr)) {
        if let Some(p) = &self.predicate {
            p.walk(f);
        }
        for s in &self.stmts {
            match s {
                TStmt::Expr(e) | TStmt::Trace(e) | TStmt::Exit(e) => e.walk(f),
                TStmt::Printf { args, .. } => args.iter().for_each(|a| a.walk(f)),
                TStmt::Agg { keys, args, .. } => keys.iter().chain(args).for_each(|a| a.walk(f)),
                TStmt::Printa { .. } => {}
                TStmt::AggOp { arg, .. } => arg.iter().for_each(|a| a.walk(f)),
                TStmt::Setopt { name, value } => {
                    name.walk(f);
                    value.iter().for_each(|a| a.walk(f));
                }
            }
        }
    }

    /// Whether the clause reads built-in `b` anywhere.
    pub fn uses(&self, b: Builtin) -> bool {
        let mut found = false;
        self.walk(&mut |e| found |= matches!(e.kind, TKind::Builtin(x) if x == b));
        found
    }

    /// Which of `arg0..arg9` the clause reads (bit i for `argi`).
    pub fn args_used(&self) -> u16 {
        let mut m = 0u16;
        self.walk(&mut |e| {
            if let TKind::Arg(i) = e.kind {
                m |= 1 << i;
            }
        });
        m
    }
}
