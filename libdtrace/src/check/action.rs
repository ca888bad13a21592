//! Statements that are actions: `trace`, `printf`, `exit`, and aggregations.

use std::sync::Arc;

use super::ir::*;
use super::types::Type;
use super::{err, Checker};
use crate::aggregate::AggFunc;
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::{Expr, ExprKind};
use crate::print::printf;

impl<'a> Checker<'a> {
    pub(super) fn proto_len(
        name: &str,
        got: usize,
        min: usize,
        max: usize,
        line: u32,
    ) -> Result<(), CompileError> {
        if got < min || got > max {
            let expected = if min == max {
                min.to_string()
            } else if got < min {
                format!("at least {}", min)
            } else {
                format!("at most {}", max)
            };
            return Err(err(
                ErrTag::D_PROTO_LEN,
                line,
                format!(
                    "{}( ) prototype mismatch: {} arg{} passed, {} expected",
                    name,
                    got,
                    if got == 1 { "" } else { "s" },
                    expected
                ),
            ));
        }
        Ok(())
    }

    pub(super) fn proto_arg(
        name: &str,
        n: usize,
        proto: &str,
        got: Type,
        line: u32,
    ) -> CompileError {
        err(
            ErrTag::D_PROTO_ARG,
            line,
            format!("{}( ) argument #{} is incompatible with prototype:\n\tprototype: {}\n\t argument: {}", name, n, proto, got),
        )
    }

    /// Actions that are statements: `trace`, `printf`, `exit`. Returns `None` for other calls.
    pub(super) fn action(
        &mut self,
        name: &str,
        args: &[Expr],
        line: u32,
    ) -> Result<Option<TStmt>, CompileError> {
        match name {
            "trace" => {
                Self::proto_len(name, args.len(), 1, 1, line)?;
                if super::expr::is_dynamic(&args[0]) {
                    return Err(err(
                        ErrTag::D_TRACE_DYN,
                        line,
                        "trace( ) may not be applied to a dynamic expression",
                    ));
                }
                let a = self.expr(&args[0])?;
                let a = self.output_value(a);
                if a.ty == Type::Void {
                    return Err(err(
                        ErrTag::D_TRACE_VOID,
                        line,
                        "trace( ) may not be applied to a void expression",
                    ));
                }
                if a.ty.by_ref() {
                    // DTrace prints a traced struct, union or non-char array as its bytes.
                    return self.trace_bytes(a, line).map(Some);
                }
                Ok(Some(TStmt::Trace(a)))
            }
            "print" => self.print_action(args, line).map(Some),
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
                    return Err(err(
                        ErrTag::D_PROTO_LEN,
                        line,
                        "printf( ) prototype mismatch: 0 args passed, at least 1 expected",
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
                                "printf( ) argument #1 is incompatible with prototype:\n\tprototype: string constant\n\t argument: {}",
                                t.ty
                            ),
                        ));
                    }
                };
                let format = printf::parse(&fmt)
                    .map_err(|e| err(e.tag, line, e.msg))?
                    .with_string_slot(self.opts.strsize.min(u32::MAX as u64) as u32);
                let mut targs = Vec::new();
                for a in &args[1..] {
                    let t = self.expr(a)?;
                    targs.push(self.output_value(t));
                }
                let kinds: Vec<printf::ArgType> = targs
                    .iter()
                    .map(|t| match t.ty {
                        Type::Int { size, signed } => printf::ArgType::Int { size, signed },
                        Type::Ptr(_) | Type::Array(_) | Type::Sou(_) => printf::ArgType::Int { size: 8, signed: false },
                        _ => printf::ArgType::String,
                    })
                    .collect();
                format
                    .check_args("printf", &kinds)
                    .map_err(|e| err(e.tag, line, e.msg))?;
                Ok(Some(TStmt::Printf {
                    format: Arc::new(format),
                    args: targs,
                }))
            }
            _ => match self.agg_action(name, args, line)? {
                Some(s) => Ok(Some(s)),
                None => self.action2(name, args, line),
            },
        }
    }

    fn is_hist_name(&self, f: &str) -> bool {
        matches!(f, "quantize" | "lquantize" | "llquantize")
    }

    pub(super) fn aggregation(
        &mut self,
        name: &str,
        keys: &[Expr],
        rhs: &Expr,
        line: u32,
    ) -> Result<TStmt, CompileError> {
        let (fname, fargs) = match &rhs.kind {
            ExprKind::Call { name, args } => (name.as_str(), args),
            _ => {
                return Err(err(
                    ErrTag::D_AGG_FUNC,
                    line,
                    format!(
                        "@{} must be assigned the result of an aggregating function",
                        name
                    ),
                ))
            }
        };
        let func = match fname {
            "count" => AggFunc::Count,
            "sum" => AggFunc::Sum,
            "min" => AggFunc::Min,
            "max" => AggFunc::Max,
            "avg" => AggFunc::Avg,
            "stddev" => AggFunc::Stddev,
            _ if self.is_hist_name(fname) => {
                // Argument #1 is checked first, as DTrace does.
                if let Some(a) = fargs.first() {
                    let t = self.expr(a)?;
                    if !t.ty.is_int() {
                        return Err(err(
                            ErrTag::D_AGG_SCALAR,
                            line,
                            format!("{}( ) argument #1 must be of scalar type", fname),
                        ));
                    }
                }
                self.hist_func(fname, fargs, line)?.expect("a histogram function")
            }
            _ => {
                return Err(err(
                    ErrTag::D_AGG_FUNC,
                    line,
                    format!(
                        "@{} must be assigned the result of an aggregating function",
                        name
                    ),
                ))
            }
        };
        let nargs = if func == AggFunc::Count { 0 } else { 1 };
        if !func.is_hist() {
            Self::proto_len(fname, fargs.len(), nargs, nargs, line)?;
        }
        // A histogram's run-time arguments: the value and, last, the optional increment.
        let runtime: Vec<&Expr> = match func {
            AggFunc::Quantize => fargs.iter().collect(),
            AggFunc::Lquantize { .. } => fargs.iter().take(1).chain(fargs.get(4)).collect(),
            AggFunc::Llquantize { .. } => fargs.iter().take(1).chain(fargs.get(5)).collect(),
            _ => fargs.iter().collect(),
        };
        let mut targs = Vec::new();
        for (n, a) in runtime.into_iter().enumerate() {
            let t = self.expr(a)?;
            if n == 1 && !t.ty.is_int() {
                return Err(err(
                    ErrTag::D_PROTO_ARG,
                    line,
                    format!(
                        "{}( ) increment value (argument #{}) must be of scalar type",
                        fname,
                        fargs.len()
                    ),
                ));
            }
            if !t.ty.is_int() {
                return Err(err(
                    ErrTag::D_AGG_SCALAR,
                    line,
                    format!("{}( ) argument #1 must be of scalar type", fname),
                ));
            }
            targs.push(t);
        }
        let defined = self.syms.aggs.iter().position(|a| a.name == name);
        let mut tkeys = Vec::new();
        for k in keys {
            if let Some(t) = self.stack_key(k)? {
                tkeys.push(t);
                continue;
            }
            if let Some(t) = self.sym_key(k)? {
                tkeys.push(t);
                continue;
            }
            // Char arrays are keyed by their string, pointers by their value, as in trace().
            let t = self.expr(k)?;
            let t = self.output_value(t);
            // A key's type is fixed by the aggregation's first use (dt_idcook_assc); later
            // uses are checked against it below.
            if t.ty == Type::Void && defined.is_none() {
                return Err(err(
                    ErrTag::D_KEY_TYPE,
                    line,
                    format!(
                        "void expression may not be used as aggregation index: key #{}",
                        tkeys.len() + 1
                    ),
                ));
            }
            // Integer keys are recorded in their promoted width, as DTrace does.
            tkeys.push(t);
        }
        let key_types: Vec<Type> = tkeys.iter().map(|t| t.ty).collect();
        let bounds: Vec<u32> = tkeys.iter().map(|t| self.str_bound(t)).collect();
        let agg = match self.syms.aggs.iter().position(|a| a.name == name) {
            Some(i) => {
                let a = &self.syms.aggs[i];
                if let Some(e) = Self::hist_mismatch(a.func, func, line) {
                    return Err(e);
                }
                if a.func != func {
                    return Err(err(
                        ErrTag::D_AGG_REDEF,
                        line,
                        format!(
                            "aggregation redefined: @{}\n\t current: {}( )\n\tprevious: {}( )",
                            name,
                            func.name(),
                            a.func.name()
                        ),
                    ));
                }
                if let Some(e) = Self::key_mismatch(name, &a.keys, &key_types, line) {
                    return Err(e);
                }
                for (b, n) in self.syms.aggs[i].str_bound.iter_mut().zip(&bounds) {
                    *b = (*b).max(*n);
                }
                i as u32
            }
            None => {
                self.syms.aggs.push(Agg {
                    name: name.to_string(),
                    func,
                    keys: key_types,
                    line,
                    str_bound: bounds,
                });
                (self.syms.aggs.len() - 1) as u32
            }
        };
        Ok(TStmt::Agg {
            agg,
            keys: tkeys,
            args: targs,
        })
    }
}

impl<'a> Checker<'a> {
    /// A later use of an aggregation whose keys differ from its first use, worded as
    /// `dt_idcook_sign` words it.
    fn key_mismatch(name: &str, proto: &[Type], got: &[Type], line: u32) -> Option<CompileError> {
        if proto.len() != got.len() {
            let n = got.len();
            return Some(err(
                ErrTag::D_PROTO_LEN,
                line,
                format!(
                    "@{}[ ] prototype mismatch: {} key{}passed, {} expected",
                    name,
                    n,
                    if n == 1 { " " } else { "s " },
                    proto.len()
                ),
            ));
        }
        // Integers of any width and sign are compatible keys, as in dt_node_is_argcompat:
        // the value is stored at the width the first use gave the key.
        let differs = |p: &Type, g: &Type| {
            !matches!((p, g), (Type::Int { .. }, Type::Int { .. })) && p != g
        };
        let i = proto.iter().zip(got).position(|(p, g)| differs(p, g))?;
        Some(err(
            ErrTag::D_PROTO_ARG,
            line,
            format!(
                "@{}[ ] key #{} is incompatible with prototype:\n\tprototype: {}\n\t      key: {}",
                name,
                i + 1,
                proto[i],
                got[i]
            ),
        ))
    }

    /// `stack([n])` / `ustack([n])` as an aggregation key: a key column of program counters,
    /// filled by the aggregation's own code (the expression itself is never evaluated).
    fn stack_key(&mut self, k: &Expr) -> Result<Option<TExpr>, CompileError> {
        let ExprKind::Call { name, args } = &k.kind else {
            return Ok(None);
        };
        let user = match name.as_str() {
            "stack" => false,
            "ustack" | "jstack" => true,
            _ => return Ok(None),
        };
        let max = if user { 2 } else { 1 };
        Self::proto_len(name, args.len(), 0, max, k.line)?;
        let frames = match args.first() {
            None => {
                if name == "jstack" {
                    self.opts.jstackframes()
                } else if user {
                    self.opts.ustackframes
                } else {
                    self.opts.stackframes
                }
            }
            Some(a) => match self.expr(a)?.kind {
                TKind::Const(n) if n > 0 => n as u64,
                _ => {
                    return Err(err(
                        ErrTag::D_STACK_SIZE,
                        k.line,
                        format!("{}( ) size must be a positive integer constant", name),
                    ))
                }
            },
        };
        // bpf_get_stack() fills at most 127 frames (PERF_MAX_STACK_DEPTH).
        let frames = frames.clamp(1, 127) as u16;
        Ok(Some(TExpr { kind: TKind::Const(0), ty: Type::Stack { frames, user }, line: k.line }))
    }
}

impl<'a> Checker<'a> {
    /// `func(pc)`, `sym(pc)`, `mod(pc)`, `ufunc(pc)`, `usym(pc)`, `umod(pc)`, `uaddr(pc)` as an
    /// aggregation key: the address, printed as its symbol.
    fn sym_key(&mut self, k: &Expr) -> Result<Option<TExpr>, CompileError> {
        use crate::record_act::SymKind;
        let ExprKind::Call { name, args } = &k.kind else {
            return Ok(None);
        };
        let kind = match name.as_str() {
            "func" | "sym" => SymKind::Sym,
            "mod" => SymKind::Mod,
            "ufunc" | "usym" => SymKind::USym,
            "umod" => SymKind::UMod,
            "uaddr" => SymKind::UAddr,
            _ => return Ok(None),
        };
        Self::proto_len(name, args.len(), 1, 1, k.line)?;
        let a = self.expr(&args[0])?;
        if !a.ty.is_int() && !a.ty.is_ptr() {
            let proto = if kind.user() { "uint64_t" } else { "uintptr_t" };
            return Err(Self::proto_arg(name, 1, proto, a.ty, k.line));
        }
        Ok(Some(TExpr { ty: Type::Sym(kind), ..a }))
    }
}
