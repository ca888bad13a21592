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
    /// `curthread`: the current `struct task_struct *`.
    Curthread,
    /// Kernel PC of the caller (`caller`), user PC of the caller (`ucaller`), stack depths.
    Caller,
    Ucaller,
    Stackdepth,
    Ustackdepth,
    /// The address of the current thread's user-mode registers (`task_pt_regs(current)`,
    /// a `struct pt_regs`), for `uregs[]`.
    UregsBase,
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
    /// Read a scalar of the node's type from the address the operand computes (a safe read:
    /// a bad address faults). For a bit-field, the bit shift inside the bytes read and the width.
    Load(Box<TExpr>, Option<(u8, u8)>),
    /// `base + index * scale`: pointer arithmetic, array elements, member addresses.
    PtrAdd {
        base: Box<TExpr>,
        index: Box<TExpr>,
        scale: i64,
    },
    /// `(l - r) / scale` for two pointers to objects of `scale` bytes.
    PtrDiff {
        l: Box<TExpr>,
        r: Box<TExpr>,
        scale: i64,
    },
    /// A NUL-terminated string read from the address the operand computes, at most `max` bytes
    /// (`stringof`, char arrays and pointers used as strings).
    KStr(Box<TExpr>, u32),
    /// `copyin(addr, size)`: user memory copied into a scratch buffer of `max` bytes; the value
    /// is the buffer's address.
    Copyin {
        addr: Box<TExpr>,
        size: Box<TExpr>,
        max: u32,
    },
    /// Read of a thread-local, clause-local or associative-array variable.
    Var(VarRef),
    /// Assignment to a variable of `Var`; the value is the new value.
    VarAssign {
        var: VarRef,
        op: Option<BinOp>,
        rhs: Box<TExpr>,
    },
    VarIncDec {
        var: VarRef,
        pre: bool,
        inc: bool,
    },
    /// A call to a subroutine (`check::subr`).
    Subr {
        id: super::subr::Subr,
        args: Vec<TExpr>,
    },
    /// `speculation()`: a free speculation buffer ID, 0 when none is free.
    Speculation,
    /// An index into an array of `len` elements kept in the globals map: the index as a
    /// 64-bit value, checked at run time (`index out of bounds` fault when `>= len`).
    Bounded { index: Box<TExpr>, len: u32 },
    /// `*addr = rhs` (or `op=`) where `addr` points into the globals map (a member or element
    /// of a global struct, union or array); the value is the new value.
    MemAssign {
        addr: Box<TExpr>,
        op: Option<BinOp>,
        rhs: Box<TExpr>,
    },
    /// `alloca(size)`: `size` bytes of the clause's scratch memory.
    Alloca(Box<TExpr>),
    /// `bcopy(src, dst, size)` (kernel source) or `copyinto(src, size, dst)` (user source):
    /// `dst` must lie in memory the clause allocated with `alloca`.
    ScratchCopy {
        src: Box<TExpr>,
        dst: Box<TExpr>,
        size: Box<TExpr>,
        user: bool,
    },
    /// `*addr = rhs` (or `op=`) through any other address: allowed only inside the clause's
    /// `alloca`'d memory, checked at run time (an invalid address fault otherwise).
    PtrAssign {
        addr: Box<TExpr>,
        op: Option<BinOp>,
        rhs: Box<TExpr>,
    },
    /// `lhs = rhs` (or `op=`, `++`, `--`) on a bit-field of `width` bits starting `shift` bits
    /// into the bytes at `addr`; `scratch` when `addr` must be checked against the clause's
    /// `alloca`'d memory (else it is inside the globals map). The value is the field's new
    /// value, or its old one when `old` (postfix `++`/`--`).
    BitAssign {
        addr: Box<TExpr>,
        op: Option<BinOp>,
        rhs: Box<TExpr>,
        shift: u8,
        width: u8,
        scratch: bool,
        old: bool,
    },
    /// The address of a struct or union held in a clause-local or dynamic variable (see
    /// [`DynMode`] for what a missing dynamic element gives).
    DynAddr { var: VarRef, mode: DynMode },
}

/// What the address of a missing dynamic struct element is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DynMode {
    /// Read-only zeroes: its members read as 0 and the element stays missing.
    Read,
    /// A zero-filled element inserted (charged against `dynvarsize`) for a member store.
    Write,
    /// 0, the right-hand side of a whole-struct copy: copying it deletes the destination,
    /// as storing 0 does.
    Null,
}

/// Where a variable that is not a global scalar lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VarKind {
    /// `this->x`: index into `Symbols::locals`.
    Local,
    /// `self->x` or `self->x[keys]`: index into `Symbols::dyns`.
    Thread,
    /// `a[keys]`: a global associative array, index into `Symbols::dyns`.
    Array,
}

/// A reference to a variable of kind `kind` with its key expressions (empty for scalars).
#[derive(Debug, Clone, PartialEq)]
pub struct VarRef {
    pub kind: VarKind,
    pub id: u32,
    pub keys: Vec<TExpr>,
}

/// A dynamic variable (thread-local or associative array): one BPF hash map each.
#[derive(Debug, Clone, PartialEq)]
pub struct DynVar {
    pub name: String,
    /// `self->` (keyed by thread first) or global associative array.
    pub thread: bool,
    /// Value type: declared, or that of the first assignment (an implicit variable read
    /// before any assignment is an int64_t, as DTrace's implicit variables are).
    pub ty: Type,
    /// Whether the type came from a declaration or an assignment (an implicit variable
    /// typed by a read takes the type of its first assignment instead).
    pub typed: bool,
    /// Key types; empty for a thread-local scalar.
    pub keys: Vec<Type>,
}

/// A clause-local variable: its type and offset in the clause-local area of the machine state.
#[derive(Debug, Clone, PartialEq)]
pub struct Local {
    pub name: String,
    pub ty: Type,
    pub typed: bool,
    pub offset: u32,
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
    /// `if (cond) { then } else { els }`
    If {
        cond: TExpr,
        then: Vec<TStmt>,
        els: Vec<TStmt>,
    },
    /// Stacks, symbols, tracemem, speculations, destructive actions (check/actions2.rs).
    Act(super::ir_act::ActStmt),
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
            | TKind::IncDec { .. }
            | TKind::Speculation => {}
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
            TKind::Load(a, _) | TKind::KStr(a, _) => a.walk(f),
            TKind::Bounded { index, .. } | TKind::Alloca(index) => index.walk(f),
            TKind::ScratchCopy { src, dst, size, .. } => {
                src.walk(f);
                dst.walk(f);
                size.walk(f);
            }
            TKind::MemAssign { addr, rhs, .. }
            | TKind::PtrAssign { addr, rhs, .. }
            | TKind::BitAssign { addr, rhs, .. } => {
                addr.walk(f);
                rhs.walk(f);
            }
            TKind::PtrAdd {
                base: l, index: r, ..
            }
            | TKind::PtrDiff { l, r, .. }
            | TKind::Copyin {
                addr: l, size: r, ..
            } => {
                l.walk(f);
                r.walk(f);
            }
            TKind::Subr { args, .. } => args.iter().for_each(|a| a.walk(f)),
            TKind::Copyinstr(a, n) => {
                a.walk(f);
                if let Some(n) = n {
                    n.walk(f);
                }
            }
            TKind::Var(v) | TKind::VarIncDec { var: v, .. } | TKind::DynAddr { var: v, .. } => {
                v.keys.iter().for_each(|k| k.walk(f))
            }
            TKind::VarAssign { var, rhs, .. } => {
                var.keys.iter().for_each(|k| k.walk(f));
                rhs.walk(f);
            }
        }
    }
}

impl TStmt {
    /// Visit every expression node of the statement, nested statements included.
    pub fn walk(&self, f: &mut dyn FnMut(&TExpr)) {
        match self {
            TStmt::Expr(e) | TStmt::Trace(e) | TStmt::Exit(e) => e.walk(f),
            TStmt::Printf { args, .. } => args.iter().for_each(|a| a.walk(f)),
            TStmt::Agg { keys, args, .. } => keys.iter().chain(args).for_each(|a| a.walk(f)),
            TStmt::If { cond, then, els } => {
                cond.walk(f);
                then.iter().chain(els).for_each(|s| s.walk(f));
            }
            TStmt::Act(a) => a.exprs().into_iter().for_each(|a| a.walk(f)),
            TStmt::Printa { .. } => {}
            TStmt::AggOp { arg, .. } => arg.iter().for_each(|a| a.walk(f)),
            TStmt::Setopt { name, value } => {
                name.walk(f);
                value.iter().for_each(|a| a.walk(f));
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
            s.walk(f);
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
