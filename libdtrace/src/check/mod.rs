//! Check: resolve identifiers, type expressions, match probe descriptions, raise D_* errors.
//!
//! The checker turns the syntax tree of one program into typed clauses ([`ir::TClause`]).
//! Variables and aggregations live in [`Symbols`], which the handle keeps across programs:
//! every program compiled into one handle shares DTrace's one global namespace.

pub mod ir;
pub mod types;

use std::sync::Arc;

use crate::aggregate::AggFunc;
use crate::error::{CompileError, ErrTag};
use crate::handle::ProbeSpecKind;
use crate::options::Options;
use crate::parse::ast::{self, BinOp, Expr, ExprKind, UnOp};
use crate::print::printf;
use crate::provider::{DescPattern, ProbeTable};
use ir::*;
use types::{Type, INT, LONG, UINT, ULONG};

/// Names shared by every program of a handle.
#[derive(Debug, Default)]
pub struct Symbols {
    pub globals: Vec<Global>,
    /// Bytes used in the globals map value.
    pub globals_size: u32,
    pub aggs: Vec<Agg>,
    /// String constants, each in a zero-padded slot of `strsize` bytes.
    pub strtab: Vec<u8>,
}

impl Symbols {
    fn global(&self, name: &str) -> Option<u32> {
        self.globals.iter().position(|g| g.name == name).map(|i| i as u32)
    }

    fn add_global(&mut self, name: &str, ty: Type, strsize: u32) -> u32 {
        let (size, align) = match ty {
            Type::Int { size, .. } => (size as u32, size as u32),
            Type::Str => (strsize, 8),
            Type::Void => (8, 8),
        };
        let off = (self.globals_size + align - 1) / align * align;
        self.globals_size = off + size;
        self.globals.push(Global { name: name.to_string(), ty, offset: off });
        (self.globals.len() - 1) as u32
    }

    fn string(&mut self, s: &[u8], strsize: u32) -> u32 {
        let slot = strsize as usize;
        let mut v = s.to_vec();
        v.truncate(slot - 1);
        v.resize(slot, 0);
        // Reuse an identical constant.
        let mut off = 0;
        while off + slot <= self.strtab.len() {
            if self.strtab[off..off + slot] == v[..] {
                return off as u32;
            }
            off += slot;
        }
        let off = self.strtab.len() as u32;
        self.strtab.extend_from_slice(&v);
        off
    }
}

/// Macro variables: `$0..$N` from the command line and the `$target`, `$pid` family.
#[derive(Debug, Clone, Default)]
pub struct Macros {
    /// `argv[0]` is `$0`.
    pub argv: Vec<String>,
    pub target: Option<i32>,
}

impl Macros {
    fn lookup(&self, name: &str) -> Option<String> {
        if let Ok(n) = name.parse::<usize>() {
            return self.argv.get(n).cloned();
        }
        // SAFETY: these libc calls only read the calling process's ids.
        let v: i64 = unsafe {
            match name {
                "target" => self.target.unwrap_or(0) as i64,
                "pid" => libc::getpid() as i64,
                "ppid" => libc::getppid() as i64,
                "uid" => libc::getuid() as i64,
                "gid" => libc::getgid() as i64,
                "euid" => libc::geteuid() as i64,
                "egid" => libc::getegid() as i64,
                "pgid" => libc::getpgid(0) as i64,
                "sid" => libc::getsid(0) as i64,
                _ => return None,
            }
        };
        Some(v.to_string())
    }
}

/// What checking a program produced.
#[derive(Debug)]
pub struct Checked {
    pub clauses: Vec<TClause>,
    /// Options set by `#pragma D option`, applied to the handle.
    pub pragmas: Vec<(String, Option<String>)>,
}

pub struct Checker<'a> {
    pub syms: &'a mut Symbols,
    pub probes: &'a mut ProbeTable,
    pub opts: &'a Options,
    pub macros: &'a Macros,
    pub kind: ProbeSpecKind,
    pub zdefs: bool,
    used_macros: Vec<bool>,
}

fn err(tag: ErrTag, line: u32, msg: impl Into<String>) -> CompileError {
    CompileError::new(tag, line, msg)
}

/// Truncate/extend a constant to a type, as a register holding it would.
fn normalize(v: i64, ty: Type) -> i64 {
    match ty {
        Type::Int { size: 8, .. } => v,
        Type::Int { size, signed } => {
            let shift = 64 - 8 * size as u32;
            if signed {
                (v << shift) >> shift
            } else {
                ((v as u64) << shift >> shift) as i64
            }
        }
        _ => v,
    }
}

impl<'a> Checker<'a> {
    pub fn new(
        syms: &'a mut Symbols,
        probes: &'a mut ProbeTable,
        opts: &'a Options,
        macros: &'a Macros,
        kind: ProbeSpecKind,
        zdefs: bool,
    ) -> Self {
        let n = macros.argv.len();
        Checker { syms, probes, opts, macros, kind, zdefs, used_macros: vec![false; n] }
    }

    /// Bytes of a string slot.
    fn strsize(&self) -> u32 {
        self.opts.string_slot()
    }

    pub fn check(mut self, prog: &ast::Program) -> Result<Checked, CompileError> {
        let mut clauses = Vec::new();
        let mut pragmas = Vec::new();
        let mut last_line = 1;
        for item in &prog.items {
            match item {
                ast::Item::Pragma { words, line } => {
                    last_line = *line;
                    self.pragma(words, *line, &mut pragmas)?;
                }
                ast::Item::Decl(d) => {
                    last_line = d.line;
                    self.decl(d)?;
                }
                ast::Item::Clause(c) => {
                    last_line = c.line;
                    if let Some(tc) = self.clause(c)? {
                        clauses.push(tc);
                    }
                }
            }
        }
        let _ = last_line;
        // Operands never referenced are an error unless defaultargs is set ($0 is always used).
        if !self.opts.defaultargs {
            for (i, used) in self.used_macros.iter().enumerate().skip(1) {
                if !used {
                    return Err(CompileError::lineless(
                        ErrTag::D_MACRO_UNUSED,
                        format!("extraneous argument '{}' (${} is not referenced)", self.macros.argv[i], i),
                    ));
                }
            }
        }
        Ok(Checked { clauses, pragmas })
    }

    fn pragma(&mut self, words: &[String], line: u32, out: &mut Vec<(String, Option<String>)>) -> Result<(), CompileError> {
        match words.first().map(|s| s.as_str()) {
            Some("option") => {
                if words.len() < 2 {
                    return Err(err(ErrTag::D_PRAGMA_MALFORM, line, "malformed #pragma option"));
                }
                for w in &words[1..] {
                    let (name, value) = match w.split_once('=') {
                        Some((n, v)) => (n.to_string(), Some(v.to_string())),
                        None => (w.clone(), None),
                    };
                    let mut probe = self.opts.clone();
                    if let Err(e) = probe.set(&name, value.as_deref()) {
                        let shown = value.clone().unwrap_or_default();
                        return Err(err(
                            ErrTag::D_PRAGMA_OPTSET,
                            line,
                            format!("failed to set option '{}' to '{}': {}", name, shown, e),
                        ));
                    }
                    out.push((name, value));
                }
                Ok(())
            }
            Some("attributes") | Some("binding") | Some("depends_on") | Some("ident") | Some("line") => Ok(()),
            Some("error") => Err(err(ErrTag::D_PRAGMA_INVAL, line, format!("#pragma error: {}", words[1..].join(" ")))),
            Some(w) => Err(err(ErrTag::D_PRAGMA_INVAL, line, format!("invalid control directive: #pragma D {}", w))),
            None => Err(err(ErrTag::D_PRAGMA_MALFORM, line, "malformed #pragma D")),
        }
    }

    fn decl(&mut self, d: &ast::Decl) -> Result<(), CompileError> {
        if d.scope != ast::Scope::Global || d.keys.is_some() || d.ty.ptr > 0 {
            return Err(err(ErrTag::D_VAR_UNSUP, d.line, format!("declaration of {} is not supported yet", d.name)));
        }
        let ty = types::from_words(&d.ty.words)
            .ok_or_else(|| err(ErrTag::D_SYNTAX, d.line, format!("unknown type: {}", d.ty.words.join(" "))))?;
        if self.syms.global(&d.name).is_some() {
            return Ok(());
        }
        let ss = self.strsize();
        self.syms.add_global(&d.name, ty, ss);
        Ok(())
    }

    /// Expand `$1`, `$target` and friends inside a probe description's text.
    fn expand_desc(&mut self, text: &str, line: u32) -> Result<String, CompileError> {
        let mut out = String::new();
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'$' {
                let mut j = i + 1;
                if j < b.len() && b[j] == b'$' {
                    j += 1;
                }
                let start = j;
                while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                    j += 1;
                }
                let name = &text[start..j];
                if name.is_empty() {
                    out.push('$');
                    i += 1;
                    continue;
                }
                match self.macro_text(name, line)? {
                    Some(v) => out.push_str(&v),
                    None => {}
                }
                i = j;
                continue;
            }
            out.push(b[i] as char);
            i += 1;
        }
        Ok(out)
    }

    fn macro_text(&mut self, name: &str, line: u32) -> Result<Option<String>, CompileError> {
        if let Ok(n) = name.parse::<usize>() {
            if n < self.used_macros.len() {
                self.used_macros[n] = true;
            }
        }
        match self.macros.lookup(name) {
            Some(v) => Ok(Some(v)),
            None if name.parse::<usize>().is_ok() && self.opts.defaultargs => Ok(None),
            None => Err(err(ErrTag::D_MACRO_UNDEF, line, format!("macro argument ${} is not defined", name))),
        }
    }

    fn clause(&mut self, c: &ast::Clause) -> Result<Option<TClause>, CompileError> {
        let mut probes: Vec<u32> = Vec::new();
        let mut descs = Vec::new();
        for p in &c.probes {
            let text = self.expand_desc(&p.text, p.line)?;
            let line = if self.kind == ProbeSpecKind::Script { Some(p.line) } else { None };
            let pat = DescPattern::parse(&text, self.kind, line)?;
            let ids = self.probes.matching(&pat);
            if ids.is_empty() && !self.zdefs {
                let msg = format!("probe description {} does not match any probes", pat);
                return Err(match line {
                    Some(l) => err(ErrTag::D_PDESC_ZERO, l, msg),
                    None => CompileError::lineless(ErrTag::D_PDESC_ZERO, msg),
                });
            }
            for &id in &ids {
                if !probes.contains(&id) {
                    probes.push(id);
                }
            }
            descs.push((pat, ids));
        }
        let body = match &c.body {
            Some(b) => b,
            None if self.kind != ProbeSpecKind::Script => &Vec::new() as &Vec<ast::Stmt>,
            None => return Err(err(ErrTag::D_SYNTAX, c.line, "syntax error near end of input")),
        };
        let predicate = match &c.predicate {
            Some(p) => {
                let t = self.expr(p)?;
                if !t.ty.is_scalar() && t.ty != Type::Str {
                    return Err(err(ErrTag::D_PRED_SCALAR, p.line, "predicate result must be of scalar type"));
                }
                Some(t)
            }
            None => None,
        };
        let mut stmts = Vec::new();
        for s in body {
            self.stmt(s, &mut stmts)?;
        }
        let default_action = body.is_empty();
        Ok(Some(TClause { probes, descs, predicate, stmts, default_action, line: c.line }))
    }

    fn stmt(&mut self, s: &ast::Stmt, out: &mut Vec<TStmt>) -> Result<(), CompileError> {
        match s {
            ast::Stmt::Expr(e) => {
                if let ExprKind::Call { name, args } = &e.kind {
                    if let Some(st) = self.action(name, args, e.line)? {
                        out.push(st);
                        return Ok(());
                    }
                }
                if let ExprKind::Assign { op: None, lhs, rhs } = &e.kind {
                    if let ExprKind::Agg { name, keys } = &lhs.kind {
                        out.push(self.aggregation(name, keys, rhs, e.line)?);
                        return Ok(());
                    }
                }
                let t = self.expr(e)?;
                out.push(TStmt::Expr(t));
                Ok(())
            }
            ast::Stmt::If { line, .. } => {
                Err(err(ErrTag::D_SYNTAX, *line, "if statements are not supported yet"))
            }
            ast::Stmt::Decl(d) => Err(err(ErrTag::D_SYNTAX, d.line, format!("declaration of {} inside a clause", d.name))),
        }
    }

    fn proto_len(name: &str, got: usize, min: usize, max: usize, line: u32) -> Result<(), CompileError> {
        if got < min || got > max {
            let expected = if min == max {
                min.to_string()
            } else if got < min {
                format!("at least {}", min)
            } else {
                format!("no more than {}", max)
            };
            return Err(err(
                ErrTag::D_PROTO_LEN,
                line,
                format!("{}( ) prototype mismatch: {} arg{} passed, {} expected", name, got, if got == 1 { "" } else { "s" }, expected),
            ));
        }
        Ok(())
    }

    fn proto_arg(name: &str, n: usize, proto: &str, got: Type, line: u32) -> CompileError {
        err(
            ErrTag::D_PROTO_ARG,
            line,
            format!("{}( ) argument #{} is incompatible with prototype:\n\tprototype: {}\n\t argument: {}", name, n, proto, got),
        )
    }

    /// Actions that are statements: `trace`, `printf`, `exit`. Returns `None` for other calls.
    fn action(&mut self, name: &str, args: &[Expr], line: u32) -> Result<Option<TStmt>, CompileError> {
        match name {
            "trace" => {
                Self::proto_len(name, args.len(), 1, 1, line)?;
                let a = self.expr(&args[0])?;
                if a.ty == Type::Void {
                    return Err(Self::proto_arg(name, 1, "@", a.ty, line));
                }
                Ok(Some(TStmt::Trace(a)))
            }
            "exit" => {
                Self::proto_len(name, args.len(), 1, 1, line)?;
                let a = self.expr(&args[0])?;
                if !a.ty.is_int() {
                    return Err(Self::proto_arg(name, 1, "int", a.ty, line));
                }
                Ok(Some(TStmt::Exit(a)))
            }
            "printf" => {
                if args.is_empty() {
                    return Err(err(ErrTag::D_PROTO_LEN, line, "printf( ) prototype mismatch: 0 args passed, at least 1 expected"));
                }
                let fmt = match &args[0].kind {
                    ExprKind::Str(s) => s.clone(),
                    _ => {
                        return Err(err(ErrTag::D_PRINTF_ARG_FMT, line, "printf( ) argument #1 must be a string literal"));
                    }
                };
                let format = printf::parse(&fmt).map_err(|e| err(e.tag, line, e.msg))?;
                let mut targs = Vec::new();
                for a in &args[1..] {
                    targs.push(self.expr(a)?);
                }
                let kinds: Vec<printf::ArgType> = targs
                    .iter()
                    .map(|t| match t.ty {
                        Type::Int { size, signed } => printf::ArgType::Int { size, signed },
                        _ => printf::ArgType::String,
                    })
                    .collect();
                format.check_args("printf", &kinds).map_err(|e| err(e.tag, line, e.msg))?;
                Ok(Some(TStmt::Printf { format: Arc::new(format), args: targs }))
            }
            _ => Ok(None),
        }
    }

    fn aggregation(&mut self, name: &str, keys: &[Expr], rhs: &Expr, line: u32) -> Result<TStmt, CompileError> {
        let (fname, fargs) = match &rhs.kind {
            ExprKind::Call { name, args } => (name.as_str(), args),
            _ => return Err(err(ErrTag::D_AGG_FUNC, line, format!("@{} must be assigned the result of an aggregating function", name))),
        };
        let func = match fname {
            "count" => AggFunc::Count,
            "sum" => AggFunc::Sum,
            "min" => AggFunc::Min,
            "max" => AggFunc::Max,
            "avg" => AggFunc::Avg,
            "stddev" => AggFunc::Stddev,
            _ => return Err(err(ErrTag::D_AGG_FUNC, line, format!("@{} must be assigned the result of an aggregating function", name))),
        };
        let nargs = if func == AggFunc::Count { 0 } else { 1 };
        Self::proto_len(fname, fargs.len(), nargs, nargs, line)?;
        let mut targs = Vec::new();
        for a in fargs {
            let t = self.expr(a)?;
            if !t.ty.is_int() {
                return Err(err(
                    ErrTag::D_AGG_SCALAR,
                    line,
                    format!("{}( ) argument #1 must be of scalar type", fname),
                ));
            }
            targs.push(t);
        }
        let mut tkeys = Vec::new();
        for k in keys {
            let t = self.expr(k)?;
            if t.ty == Type::Void {
                return Err(err(ErrTag::D_OP_INCOMPAT, line, "aggregation key cannot be void"));
            }
            // Integer keys are recorded in their promoted width, as DTrace does.
            tkeys.push(t);
        }
        let key_types: Vec<Type> = tkeys.iter().map(|t| t.ty).collect();
        let agg = match self.syms.aggs.iter().position(|a| a.name == name) {
            Some(i) => {
                let a = &self.syms.aggs[i];
                if a.func != func {
                    return Err(err(
                        ErrTag::D_AGG_REDEF,
                        line,
                        format!("aggregation redefined: @{}\n\t current: {}( )\n\tprevious: {}( )", name, func.name(), a.func.name()),
                    ));
                }
                if a.keys != key_types {
                    return Err(err(
                        ErrTag::D_AGG_MDIM,
                        line,
                        format!("@{}[ ] key signature mismatch", name),
                    ));
                }
                i as u32
            }
            None => {
                self.syms.aggs.push(Agg { name: name.to_string(), func, keys: key_types, line });
                (self.syms.aggs.len() - 1) as u32
            }
        };
        Ok(TStmt::Agg { agg, keys: tkeys, args: targs })
    }

    fn expr(&mut self, e: &Expr) -> Result<TExpr, CompileError> {
        let line = e.line;
        let mk = |kind: TKind, ty: Type| TExpr { kind, ty, line };
        Ok(match &e.kind {
            ExprKind::Int { value, unsigned, long, decimal } => {
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
                    Type::Int { size: 4, signed: true } => v <= i32::MAX as u64,
                    Type::Int { size: 4, signed: false } => v <= u32::MAX as u64,
                    Type::Int { size: 8, signed: true } => v <= i64::MAX as u64,
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
                        if let Some(n) = parse_int_text(&v) {
                            let ty = if n >= i32::MIN as i64 && n <= i32::MAX as i64 { INT } else { LONG };
                            mk(TKind::Const(n), ty)
                        } else {
                            // A non-numeric operand becomes an identifier, as in DTrace.
                            return self.expr(&Expr { kind: ExprKind::Ident(v), line });
                        }
                    }
                }
            }
            ExprKind::MacroStr(name) => {
                let v = self.macro_text(name, line)?.unwrap_or_default();
                let ss = self.strsize();
                mk(TKind::Str(self.syms.string(v.as_bytes(), ss)), Type::Str)
            }
            ExprKind::Ident(name) => self.ident(name, line)?,
            ExprKind::SelfVar(n) | ExprKind::ThisVar(n) => {
                return Err(err(ErrTag::D_VAR_UNSUP, line, format!("thread-local and clause-local variables are not supported yet: {}", n)));
            }
            ExprKind::Agg { name, .. } => {
                return Err(err(ErrTag::D_AGG_FUNC, line, format!("@{} must be assigned the result of an aggregating function", name)));
            }
            ExprKind::Index { .. } => {
                return Err(err(ErrTag::D_VAR_UNSUP, line, "associative arrays are not supported yet"));
            }
            ExprKind::Call { name, args } => self.call(name, args, line)?,
            ExprKind::Unary { op, expr } => {
                let t = self.expr(expr)?;
                match op {
                    UnOp::Not => {
                        if !t.ty.is_scalar() {
                            return Err(err(ErrTag::D_OP_SCALAR, line, "operator ! requires an operand of scalar type"));
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
                            let tag = if *op == UnOp::BitNot { ErrTag::D_OP_INT } else { ErrTag::D_OP_ARITH };
                            let what = if *op == UnOp::BitNot { "integral" } else { "arithmetic" };
                            return Err(err(tag, line, format!("operator {} requires an operand of {} type", o, what)));
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
                    UnOp::Deref | UnOp::AddrOf => {
                        return Err(err(ErrTag::D_VAR_UNSUP, line, "pointers are not supported yet"));
                    }
                }
            }
            ExprKind::Binary { op, lhs, rhs } => {
                let l = self.expr(lhs)?;
                let r = self.expr(rhs)?;
                self.binary(*op, l, r, line)?
            }
            ExprKind::Assign { op, lhs, rhs } => {
                let r = self.expr(rhs)?;
                let name = match &lhs.kind {
                    ExprKind::Ident(n) => n.clone(),
                    ExprKind::Agg { .. } => {
                        return Err(err(ErrTag::D_AGG_FUNC, line, "aggregations may only be assigned in a statement"));
                    }
                    _ => return Err(err(ErrTag::D_OP_LVAL, line, format!("operator {}= requires a writable lvalue as the left-hand operand", op.map(|o| o.as_str()).unwrap_or("")))),
                };
                if let Some(reason) = self.not_writable(&name) {
                    return Err(err(ErrTag::D_OP_WRITE, line, reason));
                }
                let var = match self.syms.global(&name) {
                    Some(v) => v,
                    None => {
                        if r.ty == Type::Void {
                            return Err(err(ErrTag::D_OP_VOID, line, "operator = requires a non-void right-hand operand"));
                        }
                        let ty = match r.ty {
                            Type::Int { .. } => r.ty.promote(),
                            t => t,
                        };
                        let ss = self.strsize();
                        self.syms.add_global(&name, ty, ss)
                    }
                };
                let gty = self.syms.globals[var as usize].ty;
                match (gty, r.ty, op) {
                    (Type::Int { .. }, Type::Int { .. }, _) => {}
                    (Type::Str, Type::Str, None) => {}
                    _ => {
                        return Err(err(
                            ErrTag::D_OP_INCOMPAT,
                            line,
                            format!("operands have incompatible types: \"{}\" {}= \"{}\"", gty, op.map(|o| o.as_str()).unwrap_or(""), r.ty),
                        ));
                    }
                }
                mk(TKind::Assign { var, op: *op, rhs: Box::new(r) }, gty)
            }
            ExprKind::IncDec { pre, inc, expr } => {
                let name = match &expr.kind {
                    ExprKind::Ident(n) => n.clone(),
                    _ => return Err(err(ErrTag::D_OP_LVAL, line, format!("operator {} requires a writable lvalue", if *inc { "++" } else { "--" }))),
                };
                let var = match self.syms.global(&name) {
                    Some(v) => v,
                    None => {
                        if self.builtin(&name).is_some() || arg_index(&name).is_some() {
                            return Err(err(ErrTag::D_OP_WRITE, line, format!("operator {} requires a writable lvalue", if *inc { "++" } else { "--" })));
                        }
                        // As in DTrace, ++ and -- declare an unknown variable as an int.
                        let ss = self.strsize();
                        self.syms.add_global(&name, INT, ss)
                    }
                };
                let gty = self.syms.globals[var as usize].ty;
                if !gty.is_int() {
                    return Err(err(ErrTag::D_OP_ARITH, line, format!("operator {} requires an operand of arithmetic type", if *inc { "++" } else { "--" })));
                }
                mk(TKind::IncDec { var, pre: *pre, inc: *inc }, gty)
            }
            ExprKind::Ternary { cond, then, els } => {
                let c = self.expr(cond)?;
                let t = self.expr(then)?;
                let f = self.expr(els)?;
                if !c.ty.is_scalar() {
                    return Err(err(ErrTag::D_OP_SCALAR, line, "operator ?: requires a scalar first operand"));
                }
                let ty = match (t.ty, f.ty) {
                    (Type::Int { .. }, Type::Int { .. }) => types::arith(t.ty, f.ty),
                    (Type::Str, Type::Str) => Type::Str,
                    _ => {
                        return Err(err(ErrTag::D_OP_INCOMPAT, line, format!("operator ?: operands must have compatible types: \"{}\" and \"{}\"", t.ty, f.ty)));
                    }
                };
                mk(TKind::Ternary(Box::new(c), Box::new(t), Box::new(f)), ty)
            }
            ExprKind::Cast { ty, expr } => {
                let t = self.expr(expr)?;
                let to = if ty.ptr > 0 { Some(ULONG) } else { types::from_words(&ty.words) }
                    .ok_or_else(|| err(ErrTag::D_SYNTAX, line, format!("unknown type: {}", ty.words.join(" "))))?;
                match (to, t.ty) {
                    (Type::Int { .. }, Type::Int { .. }) => {
                        if let TKind::Const(v) = t.kind {
                            return Ok(mk(TKind::Const(normalize(v, to)), to));
                        }
                        mk(TKind::Cast(Box::new(t)), to)
                    }
                    (Type::Str, Type::Str) => t,
                    _ => return Err(err(ErrTag::D_OP_INCOMPAT, line, format!("invalid cast expression: \"{}\" to \"{}\"", t.ty, to))),
                }
            }
            ExprKind::SizeofType(ty) => {
                let t = types::from_words(&ty.words).ok_or_else(|| err(ErrTag::D_SYNTAX, line, "unknown type"))?;
                let size = if ty.ptr > 0 { 8 } else { self.size_of(t) };
                mk(TKind::Const(size as i64), ULONG)
            }
            ExprKind::SizeofExpr(e2) => {
                let t = self.expr(e2)?;
                mk(TKind::Const(self.size_of(t.ty) as i64), ULONG)
            }
            ExprKind::Stringof(e2) => {
                let t = self.expr(e2)?;
                if t.ty != Type::Str {
                    return Err(err(ErrTag::D_VAR_UNSUP, line, "stringof of non-string values is not supported yet"));
                }
                t
            }
            ExprKind::Offsetof { .. } | ExprKind::Member { .. } => {
                return Err(err(ErrTag::D_VAR_UNSUP, line, "structures are not supported yet"));
            }
            ExprKind::Comma(a, b) => {
                let a = self.expr(a)?;
                let b = self.expr(b)?;
                let ty = b.ty;
                mk(TKind::Comma(Box::new(a), Box::new(b)), ty)
            }
        })
    }

    fn size_of(&self, t: Type) -> u32 {
        match t {
            Type::Int { size, .. } => size as u32,
            Type::Str => self.strsize(),
            Type::Void => 0,
        }
    }

    fn not_writable(&self, name: &str) -> Option<String> {
        if self.builtin(name).is_some() || arg_index(name).is_some() {
            Some(format!("operator = requires a writable lvalue as the left-hand operand: {} is read-only", name))
        } else {
            None
        }
    }

    fn builtin(&self, name: &str) -> Option<(Builtin, Type)> {
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
            _ => return None,
        })
    }

    fn ident(&mut self, name: &str, line: u32) -> Result<TExpr, CompileError> {
        if let Some(i) = arg_index(name) {
            return Ok(TExpr { kind: TKind::Arg(i), ty: LONG, line });
        }
        if let Some((b, ty)) = self.builtin(name) {
            return Ok(TExpr { kind: TKind::Builtin(b), ty, line });
        }
        if let Some(v) = self.syms.global(name) {
            let ty = self.syms.globals[v as usize].ty;
            return Ok(TExpr { kind: TKind::Global(v), ty, line });
        }
        Err(err(ErrTag::D_IDENT_UNDEF, line, format!("failed to resolve {}: Unknown variable name", name)))
    }

    fn call(&mut self, name: &str, args: &[Expr], line: u32) -> Result<TExpr, CompileError> {
        match name {
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
            _ => Err(err(ErrTag::D_FUNC_UNDEF, line, format!("undefined function name: {}", name))),
        }
    }

    fn binary(&mut self, op: BinOp, l: TExpr, r: TExpr, line: u32) -> Result<TExpr, CompileError> {
        use BinOp::*;
        let mk = |kind: TKind, ty: Type| TExpr { kind, ty, line };
        let both_str = l.ty == Type::Str && r.ty == Type::Str;
        match op {
            Lt | Le | Gt | Ge | Eq | Ne if both_str => {
                return Ok(mk(TKind::StrCmp(op, Box::new(l), Box::new(r)), INT));
            }
            LogAnd | LogOr | LogXor => {
                for t in [&l, &r] {
                    if !t.ty.is_scalar() && t.ty != Type::Str {
                        return Err(err(ErrTag::D_OP_SCALAR, line, format!("operator {} requires operands of scalar type", op.as_str())));
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
                return Err(err(tag, line, format!("operands have incompatible types: \"{}\" {} \"{}\"", l.ty, op.as_str(), r.ty)));
            }
            return Err(err(tag, line, format!("operator {} requires operands of {} type", op.as_str(), what)));
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
                return Err(err(ErrTag::D_DIV_ZERO, line, "expression contains division by zero"));
            }
        }
        Ok(mk(TKind::Binary(op, Box::new(l), Box::new(r)), ty))
    }
}

/// `arg0`..`arg9`
fn arg_index(name: &str) -> Option<u8> {
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
    Some(if neg { (v as i64).wrapping_neg() } else { v as i64 })
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

