//! Checking of the actions beyond trace/printf/exit: stacks, symbols, tracemem, speculations
//! and the destructive actions, with DTrace's compile-time rules for speculations.

use std::sync::Arc;

use super::ir::*;
use super::ir_act::{ActStmt, SymKind};
use super::types::Type;
use super::{err, Checker};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::{Expr, ExprKind};
use crate::print::printf;

/// Frames a stack record may hold: far above the kernel's own limit (perf_event_max_stack).
const MAX_FRAMES: i64 = 1024;

impl<'a> Checker<'a> {
    /// The actions of this file; `None` when `name` is not one of them.
    pub(super) fn action2(
        &mut self,
        name: &str,
        args: &[Expr],
        line: u32,
    ) -> Result<Option<TStmt>, CompileError> {
        let act = match name {
            "stack" => {
                // The prototype, stack([uint32_t]), is checked before the action's own
                // D_STACK_PROTO could be.
                Self::proto_len(name, args.len(), 0, 1, line)?;
                let frames = match args.first() {
                    Some(a) => self.posconst(a).ok_or_else(|| {
                        err(
                            ErrTag::D_STACK_SIZE,
                            line,
                            "stack( ) size must be a non-zero positive integral constant expression",
                        )
                    })?,
                    None => self.opts.stackframes as i64,
                };
                ActStmt::Stack {
                    frames: frames.clamp(1, MAX_FRAMES) as u32,
                }
            }
            // jstack() is ustack() for a virtual machine's frames; on Linux those are named
            // by the /tmp/perf-PID.map files JITs write (consume/usyms.rs), for every ustack.
            "ustack" | "jstack" => {
                // As for stack(): the prototype decides, D_USTACK_PROTO never arises.
                Self::proto_len(name, args.len(), 0, 2, line)?;
                let frames = match args.first() {
                    Some(a) => self.posconst(a).ok_or_else(|| {
                        err(
                            ErrTag::D_USTACK_FRAMES,
                            line,
                            "ustack( ) argument #1 must be a non-zero positive integer constant",
                        )
                    })?,
                    None if name == "jstack" => self.opts.jstackframes() as i64,
                    None => self.opts.ustackframes as i64,
                };
                let strsize = match args.get(1) {
                    Some(a) => {
                        let t = self.expr(a)?;
                        match t.kind {
                            TKind::Const(v) if v >= 0 && t.ty.is_int() => v as u32,
                            _ => {
                                return Err(err(
                                    ErrTag::D_USTACK_STRSIZE,
                                    line,
                                    "ustack( ) argument #2 must be a positive integer constant",
                                ))
                            }
                        }
                    }
                    None => 0,
                };
                ActStmt::Ustack {
                    frames: frames.clamp(1, MAX_FRAMES) as u32,
                    strsize,
                }
            }
            "func" | "sym" | "mod" | "ufunc" | "usym" | "umod" | "uaddr" => {
                Self::proto_len(name, args.len(), 1, 1, line)?;
                let a = self.expr(&args[0])?;
                if !a.ty.is_int() {
                    let proto = if name.starts_with('u') {
                        "uint64_t"
                    } else {
                        "uintptr_t"
                    };
                    return Err(Self::proto_arg(name, 1, proto, a.ty, line));
                }
                let kind = match name {
                    "func" | "sym" => SymKind::Sym,
                    "mod" => SymKind::Mod,
                    "ufunc" | "usym" => SymKind::USym,
                    "umod" => SymKind::UMod,
                    _ => SymKind::UAddr,
                };
                ActStmt::Sym { kind, addr: a }
            }
            "tracemem" => {
                Self::proto_len(name, args.len(), 2, 3, line)?;
                let addr = self.expr(&args[0])?;
                if !addr.ty.is_int() {
                    return Err(err(
                        ErrTag::D_TRACEMEM_ADDR,
                        line,
                        format!(
                            "tracemem( ) argument #1 is incompatible with prototype:\n\tprototype: pointer or integer\n\t argument: {}",
                            addr.ty
                        ),
                    ));
                }
                let t = self.expr(&args[1])?;
                if !t.ty.is_int() {
                    return Err(Self::proto_arg(name, 2, "size_t", t.ty, line));
                }
                let size = self.posconst(&args[1]).ok_or_else(|| {
                    err(
                        ErrTag::D_TRACEMEM_SIZE,
                        line,
                        "tracemem( ) argument #2 must be a non-zero positive integral constant expression",
                    )
                })?;
                let dynsize = match args.get(2) {
                    Some(a) => {
                        let t = self.expr(a)?;
                        // tracemem(@, size_t, [size_t]): the prototype rejects a
                        // non-integer before D_TRACEMEM_DYNSIZE could.
                        if !t.ty.is_int() {
                            return Err(Self::proto_arg(name, 3, "size_t", t.ty, line));
                        }
                        Some(t)
                    }
                    None => None,
                };
                ActStmt::Tracemem {
                    addr,
                    size: size.min(1 << 16) as u32,
                    dynsize,
                }
            }
            "speculate" | "commit" | "discard" | "raise" => {
                Self::proto_len(name, args.len(), 1, 1, line)?;
                let a = self.expr(&args[0])?;
                if !a.ty.is_int() {
                    return Err(Self::proto_arg(name, 1, "int", a.ty, line));
                }
                match name {
                    "speculate" => ActStmt::Speculate(a),
                    "commit" => ActStmt::Commit(a),
                    "discard" => ActStmt::Discard(a),
                    _ => ActStmt::Raise(a),
                }
            }
            "stop" => {
                Self::proto_len(name, args.len(), 0, 0, line)?;
                ActStmt::Stop
            }
            "system" | "freopen" => {
                if args.is_empty() {
                    return Err(err(
                        ErrTag::D_PROTO_LEN,
                        line,
                        format!(
                            "{}( ) prototype mismatch: 0 args passed, at least 1 expected",
                            name
                        ),
                    ));
                }
                let fmt = match &args[0].kind {
                    ExprKind::Str(s) => s.clone(),
                    _ => {
                        let t = self.expr(&args[0])?;
                        return Err(err(
                            ErrTag::D_PRINTF_ARG_FMT,
                            line,
                            format!(
                                "{}( ) argument #1 is incompatible with prototype:\n\tprototype: string constant\n\t argument: {}",
                                name, t.ty
                            ),
                        ));
                    }
                };
                // "." is the consumer's sentinel for "restore stdout" (DT_FREOPEN_RESTORE),
                // never a file one can open for writing.
                if name == "freopen" && fmt == b"." {
                    return Err(err(
                        ErrTag::D_FREOPEN_INVALID,
                        line,
                        "freopen( ) argument #1 cannot be \".\"",
                    ));
                }
                if name == "freopen" && fmt.is_empty() {
                    Self::proto_len(name, args.len(), 1, 1, line)?;
                    return Ok(Some(TStmt::Act(ActStmt::Freopen {
                        format: None,
                        args: Vec::new(),
                    })));
                }
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
                format
                    .check_args(name, &kinds)
                    .map_err(|e| err(e.tag, line, e.msg))?;
                let format = Arc::new(format);
                if name == "system" {
                    ActStmt::System {
                        format,
                        args: targs,
                    }
                } else {
                    ActStmt::Freopen {
                        format: Some(format),
                        args: targs,
                    }
                }
            }
            "copyout" | "copyoutstr" => {
                Self::proto_len(name, args.len(), 3, 3, line)?;
                let src = self.expr(&args[0])?;
                let dst = self.expr(&args[1])?;
                let len = self.expr(&args[2])?;
                let string = name == "copyoutstr";
                // Until D has pointers, the bytes copied out come from a string.
                if src.ty != Type::Str {
                    let proto = if string { "char *" } else { "void *" };
                    return Err(Self::proto_arg(name, 1, proto, src.ty, line));
                }
                if !dst.ty.is_int() {
                    return Err(Self::proto_arg(name, 2, "uintptr_t", dst.ty, line));
                }
                if !len.ty.is_int() {
                    return Err(Self::proto_arg(name, 3, "size_t", len.ty, line));
                }
                ActStmt::Copyout {
                    src,
                    dst,
                    len,
                    string,
                }
            }
            "chill" | "breakpoint" | "panic" => {
                // As Oracle Linux DTrace: refused rather than silently ignored.
                return Err(err(
                    ErrTag::D_UNKNOWN,
                    line,
                    format!("{}() is not implemented (yet)", name),
                ));
            }
            _ => return Ok(None),
        };
        Ok(Some(TStmt::Act(act)))
    }

    /// The value of a non-zero positive integer constant expression.
    fn posconst(&mut self, e: &Expr) -> Option<i64> {
        let t = self.expr(e).ok()?;
        match t.kind {
            TKind::Const(v) if v > 0 && t.ty.is_int() => Some(v),
            _ => None,
        }
    }

    /// DTrace's rules for speculations within one clause (`dt_compile_one_clause`).
    pub(super) fn speculation_rules(
        &self,
        stmts: &[TStmt],
        body: &[crate::parse::ast::Stmt],
        clause_line: u32,
    ) -> Result<(), CompileError> {
        let (mut speculate, mut commit, mut datarec) = (false, false, false);
        for (i, s) in stmts.iter().enumerate() {
            // Each statement of the body gives one checked statement; the line is the
            // statement's.
            let line = match body.get(i) {
                Some(crate::parse::ast::Stmt::Expr(e)) if body.len() == stmts.len() => e.line,
                _ => stmt_line(s).unwrap_or(clause_line),
            };
            match s {
                TStmt::Act(ActStmt::Commit(_)) => {
                    if commit {
                        return Err(err(
                            ErrTag::D_COMM_COMM,
                            line,
                            "commit( ) may not follow commit( )",
                        ));
                    }
                    if datarec {
                        return Err(err(
                            ErrTag::D_COMM_DREC,
                            line,
                            "commit( ) may not follow data-recording action(s)",
                        ));
                    }
                    commit = true;
                }
                TStmt::Act(ActStmt::Speculate(_)) => {
                    if speculate {
                        return Err(err(
                            ErrTag::D_SPEC_SPEC,
                            line,
                            "speculate( ) may not follow speculate( )",
                        ));
                    }
                    if commit {
                        return Err(err(
                            ErrTag::D_SPEC_COMM,
                            line,
                            "speculate( ) may not follow commit( )",
                        ));
                    }
                    if datarec {
                        return Err(err(
                            ErrTag::D_SPEC_DREC,
                            line,
                            "speculate( ) may not follow data-recording action(s)",
                        ));
                    }
                    speculate = true;
                }
                TStmt::Agg { .. } => {
                    if speculate {
                        return Err(err(
                            ErrTag::D_AGG_SPEC,
                            line,
                            "aggregating actions may not follow speculate( )",
                        ));
                    }
                    if commit {
                        return Err(err(
                            ErrTag::D_AGG_COMM,
                            line,
                            "aggregating actions may not follow commit( )",
                        ));
                    }
                    datarec = true;
                }
                TStmt::Act(a) if a.destructive() => {
                    if speculate {
                        return Err(err(
                            ErrTag::D_ACT_SPEC,
                            line,
                            "destructive actions may not follow speculate( )",
                        ));
                    }
                }
                TStmt::Act(ActStmt::Discard(_)) | TStmt::Expr(_) => {}
                TStmt::Exit(_) | TStmt::Trace(_) | TStmt::Printf { .. } | TStmt::Act(_) => {
                    if speculate && matches!(s, TStmt::Exit(_)) {
                        return Err(err(
                            ErrTag::D_EXIT_SPEC,
                            line,
                            "exit( ) may not follow speculate( )",
                        ));
                    }
                    if commit {
                        return Err(err(
                            ErrTag::D_DREC_COMM,
                            line,
                            "data-recording actions may not follow commit( )",
                        ));
                    }
                    if !speculate {
                        datarec = true;
                    }
                }
                #[allow(unreachable_patterns)]
                _ => {}
            }
        }
        Ok(())
    }
}

fn stmt_line(s: &TStmt) -> Option<u32> {
    match s {
        TStmt::Expr(x) | TStmt::Trace(x) | TStmt::Exit(x) => Some(x.line),
        TStmt::Printf { args, .. } => args.first().map(|a| a.line),
        TStmt::Agg { keys, args, .. } => keys.iter().chain(args).next().map(|a| a.line),
        TStmt::Act(a) => a.exprs().first().map(|e| e.line),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}
