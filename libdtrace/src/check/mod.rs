//! Check: resolve identifiers, type expressions, match probe descriptions, raise D_* errors.
//!
//! The checker turns the syntax tree of one program into typed clauses ([`ir::TClause`]).
//! Variables and aggregations live in [`Symbols`], which the handle keeps across programs:
//! every program compiled into one handle shares DTrace's one global namespace.

mod action;
mod args;
pub mod decl;
mod actions2;
mod aggact;
mod expr;
mod guard;
mod mem;
mod libdirs;
mod members;
mod procargs;
mod sysmem;
pub mod ir;
pub mod subr;
pub mod ir_act;
pub mod types;
mod vars;
mod provider;
mod globals;
pub mod scratch;
mod locks;
mod uregs;
mod externs;
mod langerr;
pub mod printtype;
mod allocas;
pub mod attrs;
mod inlines;
mod usdtxl;
mod enums;

use std::collections::HashMap;

use crate::error::{CompileError, ErrTag};
use crate::handle::ProbeSpecKind;
use crate::options::Options;
use crate::parse::ast::{self, ExprKind};
use crate::provider::{DescPattern, ProbeTable};
use ir::*;
use types::Type;

/// Names shared by every program of a handle.
#[derive(Debug, Default)]
pub struct Symbols {
    pub globals: Vec<Global>,
    /// Bytes used in the globals map value.
    pub globals_size: u32,
    pub aggs: Vec<Agg>,
    /// String constants, each in a zero-padded slot of `strsize` bytes.
    pub strtab: Vec<u8>,
    /// Declared types, inlines and translators.
    pub tsyms: decl::TypeSyms,
    /// Thread-local variables and associative arrays.
    pub dyns: Vec<DynVar>,
    /// Clause-local variables and the bytes their area takes.
    pub locals: Vec<Local>,
    pub locals_size: u32,
    /// Name → index in `globals`, and (thread-local?, name) → index in `dyns`: lookups stay
    /// constant-time in generated scripts with tens of thousands of variables.
    global_ix: HashMap<String, u32>,
    dyn_ix: HashMap<(bool, String), u32>,
    /// String constant → its offset in `strtab`.
    str_ix: HashMap<Vec<u8>, u32>,
    /// Variables numbered so far in each identifier space (see [`MAX_VARS`]).
    global_ids: usize,
    thread_ids: usize,
}

/// How many global (or thread-local) variables a program may create. DTrace numbers them
/// from DIF_VAR_OTHER_UBASE (0x500) up to, not including, DIF_VAR_OTHER_MAX (0xffff); global
/// scalars and global arrays share one numbering.
pub const MAX_VARS: usize = 0xffff - 0x500;

impl Symbols {
    pub(super) fn global(&self, name: &str) -> Option<u32> {
        self.global_ix.get(name).copied()
    }

    pub(super) fn dyn_var(&self, name: &str, thread: bool) -> Option<u32> {
        self.dyn_ix.get(&(thread, name.to_string())).copied()
    }

    /// Refuse a new variable once its kind has used DTrace's identifier space (D_ID_OFLOW).
    fn check_id_space(&self, name: &str, thread: bool, line: u32) -> Result<(), CompileError> {
        let used = if thread { self.thread_ids } else { self.global_ids };
        if used < MAX_VARS {
            return Ok(());
        }
        Err(CompileError::new(
            ErrTag::D_ID_OFLOW,
            line,
            format!(
                "cannot create {}: limit on number of {} variables exceeded",
                name,
                if thread { "thread local" } else { "global" }
            ),
        ))
    }

    /// A new thread-local variable or associative array; its index in `dyns`.
    pub(super) fn add_dyn(&mut self, v: DynVar, line: u32) -> Result<u32, CompileError> {
        self.check_id_space(&v.name, v.thread, line)?;
        if v.thread {
            self.thread_ids += 1;
        } else {
            self.global_ids += 1;
        }
        let id = self.dyns.len() as u32;
        self.dyn_ix.insert((v.thread, v.name.clone()), id);
        self.dyns.push(v);
        Ok(id)
    }

    pub(super) fn add_global(
        &mut self,
        name: &str,
        ty: Type,
        strsize: u32,
        line: u32,
    ) -> Result<u32, CompileError> {
        self.check_id_space(name, false, line)?;
        self.global_ids += 1;
        let (size, align) = match ty {
            Type::Int { size, .. } => (size as u32, size as u32),
            Type::Str => (strsize, 8),
            Type::Void => (8, 8),
            t => (t.size(strsize).unwrap_or(8).max(1), t.align().max(1)),
        };
        let off = (self.globals_size + align - 1) / align * align;
        self.globals_size = off + size;
        let id = self.globals.len() as u32;
        self.global_ix.insert(name.to_string(), id);
        self.globals.push(Global {
            name: name.to_string(),
            ty,
            offset: off,
        });
        Ok(id)
    }

    pub(super) fn string(&mut self, s: &[u8], strsize: u32) -> u32 {
        let slot = strsize as usize;
        let mut v = s.to_vec();
        v.truncate(slot - 1);
        v.resize(slot, 0);
        // Reuse an identical constant.
        if let Some(&off) = self.str_ix.get(&v) {
            return off;
        }
        let off = self.strtab.len() as u32;
        self.strtab.extend_from_slice(&v);
        self.str_ix.insert(v, off);
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
    pub(super) fn lookup(&self, name: &str) -> Option<String> {
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
    /// The minimum attributes of the program's descriptions and statements (`dtrace -v`).
    pub attrs: attrs::ProgramAttrs,
}

pub struct Checker<'a> {
    pub syms: &'a mut Symbols,
    pub probes: &'a mut ProbeTable,
    pub opts: &'a Options,
    pub macros: &'a Macros,
    pub kind: ProbeSpecKind,
    pub zdefs: bool,
    used_macros: Vec<bool>,
    /// Probes of the clause being checked (for `args[]`).
    cur_probes: Vec<u32>,
    /// Argument types of probes already looked up (reading them costs a format file or BTF).
    arg_types: std::collections::HashMap<u32, Vec<String>>,
    /// Which variables hold alloca pointers (`true`) or other pointers (`check::allocas`).
    alloca_vars: std::collections::HashMap<allocas::Slot, bool>,
    attrs: attrs::ProgramAttrs,
    pragma_attrs: attrs::PragmaAttrs,
    /// Enum types of expressions, for comparisons with enumerator names (`check::enums`).
    enums: enums::EnumState,
}

pub(super) fn err(tag: ErrTag, line: u32, msg: impl Into<String>) -> CompileError {
    CompileError::new(tag, line, msg)
}

/// Truncate/extend a constant to a type, as a register holding it would.
pub(super) fn normalize(v: i64, ty: Type) -> i64 {
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
        Checker {
            syms,
            probes,
            opts,
            macros,
            kind,
            zdefs,
            used_macros: vec![false; n],
            cur_probes: Vec::new(),
            arg_types: std::collections::HashMap::new(),
            alloca_vars: std::collections::HashMap::new(),
            attrs: attrs::ProgramAttrs::default(),
            pragma_attrs: attrs::PragmaAttrs::default(),
            enums: enums::EnumState::default(),
        }
    }

    /// Bytes of a string slot.
    pub(super) fn strsize(&self) -> u32 {
        self.opts.string_slot()
    }

    pub fn check(mut self, prog: &ast::Program) -> Result<Checked, CompileError> {
        // dt_compile: a script with nothing in it (comments, blank lines and pragmas at most:
        // pragmas make no node of the translation unit), unless `-x empty` permits it.
        let empty = prog.items.iter().all(|i| matches!(i, ast::Item::Pragma { .. }));
        if self.kind == ProbeSpecKind::Script && empty && !self.opts.is_set("empty") {
            return Err(err(
                ErrTag::D_EMPTY,
                prog.end_line,
                "empty D program translation unit",
            ));
        }
        let mut clauses = Vec::new();
        let mut pragmas = Vec::new();
        let mut last_line = 1;
        self.load_libdirs()?;
        self.syms.tsyms.assigned = Some(langerr::assigned_vars(prog));
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
                ast::Item::Type(t) => self.type_def(t)?,
                ast::Item::Inline {
                    ty,
                    name,
                    params,
                    expr,
                    line,
                } => {
                    self.args_outside_clause(expr)?;
                    self.inline_def(ty, name, params.as_deref(), expr, *line)?
                }
                ast::Item::Translator(x) => {
                    self.translator_def(x)?;
                    self.xlate_incompat(x)?;
                    self.translator_attrs(x)?;
                }
                // Provider definitions are for `dtrace -h` and `-G` (usdtgen.rs).
                ast::Item::Provider(p) => self.provider_def(p)?,
                ast::Item::Clause(c) => {
                    last_line = c.line;
                    if let Some(tc) = self.clause(c)? {
                        clauses.push(tc);
                    }
                }
            }
        }
        let _ = last_line;
        self.unused_pragmas(prog)?;
        // Operands never referenced are an error unless defaultargs or argref is set ($0 is
        // always used).
        if !self.opts.defaultargs && !self.opts.is_set("argref") {
            for (i, used) in self.used_macros.iter().enumerate().skip(1) {
                if !used {
                    return Err(CompileError::lineless(
                        ErrTag::D_MACRO_UNUSED,
                        format!(
                            "extraneous argument '{}' (${} is not referenced)",
                            self.macros.argv[i], i
                        ),
                    ));
                }
            }
        }
        Ok(Checked {
            clauses,
            pragmas,
            attrs: self.attrs,
        })
    }

    pub(super) fn pragma(
        &mut self,
        words: &[String],
        line: u32,
        out: &mut Vec<(String, Option<String>)>,
    ) -> Result<(), CompileError> {
        match words.first().map(|s| s.as_str()) {
            Some("option") => {
                if words.len() < 2 {
                    return Err(err(
                        ErrTag::D_PRAGMA_MALFORM,
                        line,
                        "malformed #pragma option",
                    ));
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
            Some("depends_on") => self.depends_on(words, line),
            Some("attributes") | Some("binding") => {
                self.pragma_stability(words, line)?;
                self.pragma_scope(words, line)
            }
            Some("ident") | Some("line") => Ok(()),
            Some("error") => Err(err(
                ErrTag::D_PRAGMA_INVAL,
                line,
                format!("#pragma error: {}", words[1..].join(" ")),
            )),
            Some(w) => Err(err(
                ErrTag::D_PRAGMA_INVAL,
                line,
                format!("invalid D pragma: {}", w),
            )),
            None => Err(err(ErrTag::D_PRAGMA_MALFORM, line, "malformed #pragma D")),
        }
    }

    pub(super) fn decl(&mut self, d: &ast::Decl) -> Result<(), CompileError> {
        self.note_decl_enum(d);
        if d.scope == ast::Scope::Extern {
            return self.extern_decl(d);
        }
        if d.scope != ast::Scope::Global || d.keys.is_some() {
            return self.declare(d);
        }
        let ty = self.global_decl_type(d)?;
        // Subroutines and actions are built-in identifiers too, from the version that
        // introduced them on (Oracle's version/err.1.1.d: `int strstr;` at 1.1).
        let builtin_func = attrs::builtin(&d.name).is_some_and(|b| b.version <= self.opts.version);
        if self.builtin(&d.name).is_some()
            || expr::arg_index(&d.name).is_some()
            || builtin_func
        {
            return Err(err(
                ErrTag::D_DECL_IDRED,
                d.line,
                format!("built-in identifier redeclared: {}", d.name),
            ));
        }
        if self.is_global_array(&d.name) {
            return Err(err(
                ErrTag::D_DECL_IDRED,
                d.line,
                format!("identifier redeclared: {}\n\t current: scalar {}\n\tprevious: array", d.name, ty),
            ));
        }
        if let Some(g) = self.syms.global(&d.name) {
            let prev = self.syms.globals[g as usize].ty;
            if prev != ty {
                return Err(err(
                    ErrTag::D_DECL_IDRED,
                    d.line,
                    format!("identifier redeclared: {}\n\t current: scalar {}\n\tprevious: scalar {}", d.name, ty, prev),
                ));
            }
            return Ok(());
        }
        let ss = self.strsize();
        self.syms.add_global(&d.name, ty, ss, d.line)?;
        Ok(())
    }

    /// Expand `$1`, `$target` and friends inside a probe description's text.
    pub(super) fn expand_desc(&mut self, text: &str, line: u32) -> Result<String, CompileError> {
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

    pub(super) fn macro_text(
        &mut self,
        name: &str,
        line: u32,
    ) -> Result<Option<String>, CompileError> {
        if let Ok(n) = name.parse::<usize>() {
            if n < self.used_macros.len() {
                self.used_macros[n] = true;
            }
        }
        match self.macros.lookup(name) {
            Some(v) => Ok(Some(v)),
            None if name.parse::<usize>().is_ok() && self.opts.defaultargs => Ok(None),
            None => Err(err(
                ErrTag::D_MACRO_UNDEF,
                line,
                format!("macro argument ${} is not defined", name),
            )),
        }
    }

    pub(super) fn clause(&mut self, c: &ast::Clause) -> Result<Option<TClause>, CompileError> {
        let mut probes: Vec<u32> = Vec::new();
        let mut descs = Vec::new();
        for p in &c.probes {
            let text = self.expand_desc(&p.text, p.line)?;
            let line = if self.kind == ProbeSpecKind::Script {
                Some(p.line)
            } else {
                None
            };
            let pat = DescPattern::parse(&text, self.kind, line)?;
            let ids = self.probes.matching(&pat);
            if let Some(e) = self.probes.take_pid_error() {
                let tag = e.tag().unwrap_or(ErrTag::D_UNKNOWN);
                return Err(match line {
                    Some(l) => err(tag, l, e.to_string()),
                    None => CompileError::lineless(tag, e.to_string()),
                });
            }
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
        self.cur_probes = probes.clone();
        self.clause_attrs(c, &descs)?;
        let body = match &c.body {
            Some(b) => b,
            None if self.kind != ProbeSpecKind::Script => &Vec::new() as &Vec<ast::Stmt>,
            None => {
                return Err(err(
                    ErrTag::D_SYNTAX,
                    c.line,
                    "syntax error near end of input",
                ))
            }
        };
        let guarded = self.guarded_predicate(c.predicate.as_ref(), c.line)?;
        let predicate = match &guarded {
            Some(p) => {
                let t = self.expr(p)?;
                if !t.ty.is_scalar() && t.ty != Type::Str {
                    return Err(err(
                        ErrTag::D_PRED_SCALAR,
                        p.line,
                        "predicate result must be of scalar type",
                    ));
                }
                Some(t)
            }
            None => None,
        };
        let mut stmts = Vec::new();
        for s in body {
            self.stmt(s, &mut stmts)?;
        }
        self.speculation_rules(&stmts, body, c.line)?;
        let default_action = body.is_empty();
        Ok(Some(TClause {
            probes,
            descs,
            predicate,
            stmts,
            default_action,
            line: c.line,
        }))
    }

    pub(super) fn stmt(&mut self, s: &ast::Stmt, out: &mut Vec<TStmt>) -> Result<(), CompileError> {
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
                // A statement that is only an aggregation does nothing (dt_compile_agg).
                if let ExprKind::Agg { name, .. } = &e.kind {
                    return Err(err(
                        ErrTag::D_AGG_NULL,
                        e.line,
                        format!("expression has null effect: @{}", name),
                    ));
                }
                let t = self.expr(e)?;
                out.push(TStmt::Expr(t));
                Ok(())
            }
            ast::Stmt::If {
                cond, then, els, ..
            } => self.if_stmt(cond, then, els, out),
            ast::Stmt::Decl(d) => Err(err(
                ErrTag::D_SYNTAX,
                d.line,
                format!("declaration of {} inside a clause", d.name),
            )),
        }
    }
}
