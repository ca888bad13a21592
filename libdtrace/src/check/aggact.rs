//! The histogram aggregating functions' constant parameters, and the actions on whole
//! aggregations: `printa`, `clear`, `trunc`, `normalize`, `denormalize`, `setopt`.
//! Messages and tags are DTrace's (`dt_cc.c`: `dt_compile_agg`, `dt_action_printa`,
//! `dt_action_clear`, `dt_action_normalize`, `dt_action_trunc`).

use std::sync::Arc;

use super::ir::*;
use super::types::Type;
use super::{err, Checker};
use crate::aggregate::{AggFunc, AggOp};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::{Expr, ExprKind};
use crate::print::printf;

impl<'a> Checker<'a> {
    /// The value of a constant integer argument, if it is one.
    fn const_arg(&mut self, e: &Expr) -> Result<Option<i64>, CompileError> {
        let t = self.expr(e)?;
        Ok(match t.kind {
            TKind::Const(v) if t.ty.is_int() => Some(v),
            _ => None,
        })
    }

    /// The function of `quantize`, `lquantize` or `llquantize` with its constant parameters
    /// checked, and the arguments evaluated at run time: the value, then the increment when
    /// one is given. `None` for another function name.
    pub(super) fn hist_func(
        &mut self,
        fname: &str,
        fargs: &[Expr],
        line: u32,
    ) -> Result<Option<AggFunc>, CompileError> {
        let (min, max) = match fname {
            "quantize" => (1, 2),
            "lquantize" => (3, 5),
            "llquantize" => (5, 6),
            _ => return Ok(None),
        };
        Self::proto_len(fname, fargs.len(), min, max, line)?;
        let func = match fname {
            "quantize" => AggFunc::Quantize,
            "lquantize" => self.lquantize_params(&fargs[1..], line)?,
            _ => self.llquantize_params(&fargs[1..], line)?,
        };
        Ok(Some(func))
    }

    fn lquantize_params(&mut self, a: &[Expr], line: u32) -> Result<AggFunc, CompileError> {
        let base = self.const_arg(&a[0])?.ok_or_else(|| {
            err(
                ErrTag::D_LQUANT_BASETYPE,
                line,
                "lquantize( ) argument #1 must be an integer constant",
            )
        })?;
        if base < i32::MIN as i64 || base > i32::MAX as i64 {
            return Err(err(
                ErrTag::D_LQUANT_BASEVAL,
                line,
                "lquantize( ) argument #1 must be a 32-bit quantity",
            ));
        }
        let limit = self.const_arg(&a[1])?.ok_or_else(|| {
            err(
                ErrTag::D_LQUANT_LIMTYPE,
                line,
                "lquantize( ) argument #2 must be an integer constant",
            )
        })?;
        if limit < i32::MIN as i64 || limit > i32::MAX as i64 {
            return Err(err(
                ErrTag::D_LQUANT_LIMVAL,
                line,
                "lquantize( ) argument #2 must be a 32-bit quantity",
            ));
        }
        if limit < base {
            return Err(err(
                ErrTag::D_LQUANT_MISMATCH,
                line,
                "lquantize( ) base (argument #1) must be less than limit (argument #2)",
            ));
        }
        let mut step = 1i64;
        if let Some(s) = a.get(2) {
            step = match self.const_arg(s)? {
                Some(v) if v > 0 => v,
                _ => {
                    return Err(err(
                        ErrTag::D_LQUANT_STEPTYPE,
                        line,
                        "lquantize( ) argument #3 must be a non-zero positive integer constant",
                    ))
                }
            };
            if step > u16::MAX as i64 {
                return Err(err(
                    ErrTag::D_LQUANT_STEPVAL,
                    line,
                    "lquantize( ) argument #3 must be a 16-bit quantity",
                ));
            }
        }
        let levels = (limit - base) / step;
        if levels == 0 {
            return Err(err(
                ErrTag::D_LQUANT_STEPLARGE,
                line,
                "lquantize( ) step (argument #3) too large: must have at least one quantization level",
            ));
        }
        if levels > u16::MAX as i64 {
            return Err(err(
                ErrTag::D_LQUANT_STEPSMALL,
                line,
                "lquantize( ) step (argument #3) too small: number of quantization levels must be a 16-bit quantity",
            ));
        }
        Ok(AggFunc::Lquantize {
            base: base as i32,
            step: step as u16,
            levels: levels as u16,
        })
    }

    fn llquantize_params(&mut self, a: &[Expr], line: u32) -> Result<AggFunc, CompileError> {
        const ARGS: [(&str, ErrTag, ErrTag); 4] = [
            (
                "factor",
                ErrTag::D_LLQUANT_FACTORTYPE,
                ErrTag::D_LLQUANT_FACTORVAL,
            ),
            (
                "low magnitude",
                ErrTag::D_LLQUANT_LOWTYPE,
                ErrTag::D_LLQUANT_LOWVAL,
            ),
            (
                "high magnitude",
                ErrTag::D_LLQUANT_HIGHTYPE,
                ErrTag::D_LLQUANT_HIGHVAL,
            ),
            (
                "linear steps per magnitude",
                ErrTag::D_LLQUANT_NSTEPTYPE,
                ErrTag::D_LLQUANT_NSTEPVAL,
            ),
        ];
        let mut v = [0u16; 4];
        for (i, (what, badtype, badval)) in ARGS.iter().enumerate() {
            let x = self.const_arg(&a[i])?.ok_or_else(|| {
                err(
                    *badtype,
                    line,
                    format!(
                        "llquantize( ) argument #{} ({}) must be an integer constant",
                        i + 1,
                        what
                    ),
                )
            })?;
            if x as u64 > u16::MAX as u64 {
                return Err(err(
                    *badval,
                    line,
                    format!(
                        "llquantize( ) argument #{} ({}) must be an unsigned 16-bit quantity",
                        i + 1,
                        what
                    ),
                ));
            }
            v[i] = x as u16;
        }
        let [factor, lmag, hmag, steps] = v;
        if factor < 2 {
            return Err(err(
                ErrTag::D_LLQUANT_FACTORSMALL,
                line,
                "llquantize( ) factor (argument #1) must be two or more",
            ));
        }
        if lmag >= hmag {
            return Err(err(
                ErrTag::D_LLQUANT_MAGRANGE,
                line,
                "llquantize( ) high magnitude (argument #3) must be greater than low magnitude (argument #2)",
            ));
        }
        if steps < factor {
            return Err(err(
                ErrTag::D_LLQUANT_FACTORNSTEPS,
                line,
                "llquantize( ) factor (argument #1) must be less than or equal to the number of linear steps per magnitude (argument #4)",
            ));
        }
        let mut p = factor as u64;
        while p < steps as u64 {
            p *= factor as u64;
        }
        if steps % factor != 0 || p % steps as u64 != 0 {
            return Err(err(
                ErrTag::D_LLQUANT_FACTOREVEN,
                line,
                "llquantize( ) factor (argument #1) must evenly divide the number of steps per magnitude (argument #4), and the number of steps per magnitude must evenly divide a power of the factor",
            ));
        }
        let mut order = 1u64;
        for _ in 0..=hmag as u32 + 1 {
            match order.checked_mul(factor as u64) {
                Some(o) => order = o,
                None => {
                    return Err(err(
                        ErrTag::D_LLQUANT_MAGTOOBIG,
                        line,
                        format!(
                            "llquantize( ) factor ({}) raised to power of high magnitude ({}) plus 1 overflows 64-bits",
                            factor, hmag
                        ),
                    ))
                }
            }
        }
        Ok(AggFunc::Llquantize {
            factor,
            lmag,
            hmag,
            steps,
        })
    }

    /// The error for a histogram function used again on an aggregation with other
    /// parameters (`D_LQUANT_MATCH*`, `D_LLQUANT_*MATCH`); `None` when the parameters agree
    /// or the functions differ.
    pub(super) fn hist_mismatch(prev: AggFunc, cur: AggFunc, line: u32) -> Option<CompileError> {
        match (prev, cur) {
            (
                AggFunc::Lquantize {
                    base: ob,
                    step: os,
                    levels: ol,
                },
                AggFunc::Lquantize { base, step, levels },
            ) => {
                if ob != base {
                    return Some(err(ErrTag::D_LQUANT_MATCHBASE, line, format!("lquantize( ) base (argument #1) doesn't match previous declaration: expected {}, found {}", ob, base)));
                }
                let (olim, lim) = (ol as i64 * os as i64, levels as i64 * step as i64);
                if olim != lim {
                    return Some(err(ErrTag::D_LQUANT_MATCHLIM, line, format!("lquantize( ) limit (argument #2) doesn't match previous declaration: expected {}, found {}", ob as i64 + olim, base as i64 + lim)));
                }
                if os != step {
                    return Some(err(ErrTag::D_LQUANT_MATCHSTEP, line, format!("lquantize( ) step (argument #3) doesn't match previous declaration: expected {}, found {}", os, step)));
                }
                None
            }
            (
                AggFunc::Llquantize {
                    factor: a0,
                    lmag: a1,
                    hmag: a2,
                    steps: a3,
                },
                AggFunc::Llquantize {
                    factor: b0,
                    lmag: b1,
                    hmag: b2,
                    steps: b3,
                },
            ) => {
                let rows = [
                    ("factor", ErrTag::D_LLQUANT_FACTORMATCH, a0, b0),
                    ("low magnitude", ErrTag::D_LLQUANT_LOWMATCH, a1, b1),
                    ("high magnitude", ErrTag::D_LLQUANT_HIGHMATCH, a2, b2),
                    (
                        "linear steps per magnitude",
                        ErrTag::D_LLQUANT_NSTEPMATCH,
                        a3,
                        b3,
                    ),
                ];
                rows.iter()
                    .enumerate()
                    .find(|(_, r)| r.2 != r.3)
                    .map(|(i, (what, tag, e, f))| {
                        err(*tag, line, format!("llquantize( ) {} (argument #{}) doesn't match previous declaration: expected {}, found {}", what, i + 1, e, f))
                    })
            }
            _ => None,
        }
    }

    /// The aggregation an argument names, or the error `argtag` (`argument #n is
    /// incompatible with prototype`) / `badtag` (`undefined aggregation`).
    fn agg_arg(
        &mut self,
        fname: &str,
        e: &Expr,
        n: usize,
        argtag: ErrTag,
        badtag: ErrTag,
        line: u32,
    ) -> Result<u32, CompileError> {
        let ExprKind::Agg { name, keys } = &e.kind else {
            let ty = self.expr(e).map(|t| t.ty.to_string()).unwrap_or_default();
            return Err(err(
                argtag,
                line,
                format!(
                    "{}( ) argument #{} is incompatible with prototype:\n\tprototype: aggregation\n\t argument: {}",
                    fname, n, ty
                ),
            ));
        };
        if !keys.is_empty() {
            return Err(err(
                argtag,
                line,
                format!(
                    "{}( ) argument #{} is incompatible with prototype:\n\tprototype: aggregation\n\t argument: aggregation element",
                    fname, n
                ),
            ));
        }
        match self.syms.aggs.iter().position(|a| &a.name == name) {
            Some(i) => Ok(i as u32),
            None => Err(err(
                badtag,
                line,
                format!("undefined aggregation: @{}", name),
            )),
        }
    }

    /// `printa`, `clear`, `trunc`, `normalize`, `denormalize`, `setopt`; `None` for other
    /// names.
    pub(super) fn agg_action(
        &mut self,
        name: &str,
        args: &[Expr],
        line: u32,
    ) -> Result<Option<TStmt>, CompileError> {
        match name {
            "printa" => {
                if args.is_empty() {
                    Self::proto_len(name, 0, 1, usize::MAX, line)?;
                }
                let (format, rest, first) = match &args[0].kind {
                    ExprKind::Str(s) => {
                        let f = printf::parse(s).map_err(|e| err(e.tag, line, e.msg))?;
                        if args.len() < 2 {
                            Self::proto_len(name, args.len(), 2, usize::MAX, line)?;
                        }
                        (Some(f), &args[1..], 2)
                    }
                    _ => (None, args, 1),
                };
                let mut aggs = Vec::new();
                for (i, a) in rest.iter().enumerate() {
                    let id = self.agg_arg(
                        name,
                        a,
                        first + i,
                        ErrTag::D_PRINTA_AGGARG,
                        ErrTag::D_PRINTA_AGGBAD,
                        line,
                    )?;
                    if let Some(&a0) = aggs.first() {
                        let k0 = &self.syms.aggs[a0 as usize].keys;
                        let k = &self.syms.aggs[id as usize].keys;
                        if k0 != k {
                            return Err(err(
                                ErrTag::D_PRINTA_AGGPROTO,
                                line,
                                format!(
                                    "printa( ) argument #{} is incompatible with argument #{}: key signature mismatch",
                                    first + i,
                                    first
                                ),
                            ));
                        }
                    }
                    aggs.push(id);
                }
                let format = match format {
                    Some(f) => {
                        let a0 = &self.syms.aggs[aggs[0] as usize];
                        let names: Vec<String> = a0.keys.iter().map(|t| t.to_string()).collect();
                        let keys: Vec<(printf::ArgType, &str)> = a0
                            .keys
                            .iter()
                            .zip(&names)
                            .map(|(t, n)| {
                                (
                                    match *t {
                                        Type::Int { size, signed } => {
                                            printf::ArgType::Int { size, signed }
                                        }
                                        Type::Stack { .. } => printf::ArgType::Stack,
                                        _ => printf::ArgType::String,
                                    },
                                    n.as_str(),
                                )
                            })
                            .collect();
                        f.check_printa(a0.func, &keys)
                            .map_err(|e| err(e.tag, line, e.msg))?;
                        Some(Arc::new(f))
                    }
                    None => None,
                };
                Ok(Some(TStmt::Printa { format, aggs }))
            }
            "clear" | "denormalize" => {
                Self::proto_len(name, args.len(), 1, 1, line)?;
                let (argtag, badtag, op) = if name == "clear" {
                    (ErrTag::D_CLEAR_AGGARG, ErrTag::D_CLEAR_AGGBAD, AggOp::Clear)
                } else {
                    (
                        ErrTag::D_NORMALIZE_AGGARG,
                        ErrTag::D_NORMALIZE_AGGBAD,
                        AggOp::Denormalize,
                    )
                };
                let agg = self.agg_arg(name, &args[0], 1, argtag, badtag, line)?;
                Ok(Some(TStmt::AggOp { op, agg, arg: None }))
            }
            "trunc" | "normalize" => {
                let (min, argtag, badtag, stag, op) = if name == "trunc" {
                    (
                        1,
                        ErrTag::D_TRUNC_AGGARG,
                        ErrTag::D_TRUNC_AGGBAD,
                        ErrTag::D_TRUNC_SCALAR,
                        AggOp::Trunc,
                    )
                } else {
                    (
                        2,
                        ErrTag::D_NORMALIZE_AGGARG,
                        ErrTag::D_NORMALIZE_AGGBAD,
                        ErrTag::D_NORMALIZE_SCALAR,
                        AggOp::Normalize,
                    )
                };
                Self::proto_len(name, args.len(), min, 2, line)?;
                let agg = self.agg_arg(name, &args[0], 1, argtag, badtag, line)?;
                let arg = match args.get(1) {
                    Some(a) => {
                        let t = self.expr(a)?;
                        if !t.ty.is_int() {
                            return Err(err(
                                stag,
                                line,
                                format!("{}( ) argument #2 must be of scalar type", name),
                            ));
                        }
                        Some(t)
                    }
                    None => None,
                };
                Ok(Some(TStmt::AggOp { op, agg, arg }))
            }
            "setopt" => {
                Self::proto_len(name, args.len(), 1, 2, line)?;
                let mut v = Vec::new();
                for (i, a) in args.iter().enumerate() {
                    let t = self.expr(a)?;
                    if t.ty != Type::Str {
                        return Err(Self::proto_arg(name, i + 1, "const char *", t.ty, line));
                    }
                    v.push(t);
                }
                let value = if v.len() > 1 { v.pop() } else { None };
                let name = v.pop().expect("one argument");
                Ok(Some(TStmt::Setopt { name, value }))
            }
            _ => Ok(None),
        }
    }
}

impl<'a> Checker<'a> {
    /// The most bytes (NUL included) a string expression can produce; 0 for a non-string.
    pub(super) fn str_bound(&self, e: &TExpr) -> u32 {
        let strsize = self.strsize();
        if e.ty != Type::Str {
            return 0;
        }
        match &e.kind {
            // The kernel's TASK_COMM_LEN.
            TKind::Builtin(Builtin::Execname) => 16.min(strsize),
            TKind::Str(off) => {
                let slot = &self.syms.strtab[*off as usize..];
                let n = slot
                    .iter()
                    .take(strsize as usize)
                    .position(|&c| c == 0)
                    .unwrap_or(strsize as usize - 1);
                n as u32 + 1
            }
            TKind::Ternary(_, a, b) => self.str_bound(a).max(self.str_bound(b)),
            _ => strsize,
        }
    }
}
