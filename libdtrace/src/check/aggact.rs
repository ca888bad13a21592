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
        if limit <= base {
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

    /// llquantize()'s factor, low and high magnitudes and steps, checked in the order and
    /// with the rules of Oracle's `dt_cg_agg_llquantize()`.
    fn llquantize_params(&mut self, a: &[Expr], line: u32) -> Result<AggFunc, CompileError> {
        let konst = |c: &mut Self, i: usize, tag: ErrTag| -> Result<u64, CompileError> {
            c.const_arg(&a[i])?.map(|v| v as u64).ok_or_else(|| {
                err(
                    tag,
                    line,
                    format!("llquantize( ) argument #{} must be an integer constant", i + 1),
                )
            })
        };
        let u16_max = u16::MAX as u64;
        let factor = konst(self, 0, ErrTag::D_LLQUANT_FACTORTYPE)?;
        if factor > u16_max || factor < 2 {
            return Err(err(
                ErrTag::D_LLQUANT_FACTORVAL,
                line,
                "llquantize( ) argument #1 must be an unsigned 16-bit quantity greater than or equal to 2",
            ));
        }
        let lmag = konst(self, 1, ErrTag::D_LLQUANT_LMAGTYPE)?;
        if lmag > u16_max {
            return Err(err(
                ErrTag::D_LLQUANT_LMAGVAL,
                line,
                "llquantize( ) argument #2 must be an unsigned 16-bit quantity",
            ));
        }
        let hmag = konst(self, 2, ErrTag::D_LLQUANT_HMAGTYPE)?;
        if hmag > u16_max {
            return Err(err(
                ErrTag::D_LLQUANT_HMAGVAL,
                line,
                "llquantize( ) argument #3 must be an unsigned 16-bit quantity",
            ));
        }
        if hmag < lmag {
            return Err(err(
                ErrTag::D_LLQUANT_HMAGVAL,
                line,
                "llquantize( ) argument #3 (high magnitude) must be at least argument #2 (low magnitude)",
            ));
        }
        if pow_fits_u64(factor, hmag + 1).is_none() {
            return Err(err(
                ErrTag::D_LLQUANT_HMAGVAL,
                line,
                "llquantize( ) argument #3 (high magnitude) will cause overflow of 64 bits",
            ));
        }
        let steps = match self.const_arg(&a[3])? {
            Some(v) if v > 0 => v as u64,
            _ => {
                return Err(err(
                    ErrTag::D_LLQUANT_STEPTYPE,
                    line,
                    "llquantize( ) argument #4 must be a non-zero positive integer constant",
                ))
            }
        };
        if steps > u16_max {
            return Err(err(
                ErrTag::D_LLQUANT_STEPVAL,
                line,
                "llquantize( ) argument #4 must be an unsigned 16-bit quantity",
            ));
        }
        let stepval = |m: &str| Err(err(ErrTag::D_LLQUANT_STEPVAL, line, m.to_string()));
        if steps < factor && factor % steps != 0 {
            return stepval("llquantize() argument #4 (steps) must evenly divide argument #1 (factor) when steps<factor");
        }
        if steps > factor {
            if steps % factor != 0 {
                return stepval("llquantize() argument #4 (steps) must be a multiple of argument #1 (factor) when steps>factor");
            }
            if lmag == 0 {
                if (factor * factor) % steps != 0 {
                    return stepval("llquantize() argument #4 (steps) must evenly divide the square of argument #1 (factor) when steps>factor and lmag==0");
                }
            } else if pow_mod(factor, lmag + 1, steps) != 0 {
                return stepval("llquantize() argument #4 (steps) must evenly divide pow(argument #1 (factor), lmag (argument #2) + 1) when steps>factor and lmag>0");
            }
        }
        Ok(AggFunc::Llquantize {
            factor: factor as u16,
            lmag: lmag as u16,
            hmag: hmag as u16,
            steps: steps as u16,
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
                    ("factor", ErrTag::D_LLQUANT_MATCHFACTOR, a0, b0),
                    ("lmag", ErrTag::D_LLQUANT_MATCHLMAG, a1, b1),
                    ("hmag", ErrTag::D_LLQUANT_MATCHHMAG, a2, b2),
                    ("steps", ErrTag::D_LLQUANT_MATCHSTEPS, a3, b3),
                ];
                rows.iter()
                    .enumerate()
                    .find(|(_, r)| r.2 != r.3)
                    .map(|(i, (what, tag, e, f))| {
                        err(*tag, line, format!("llquantize() {} (argument #{}) doesn't match previous declaration: expected {}, found {}", what, i + 1, e, f))
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
                        if args.len() < 2 {
                            return Err(err(
                                ErrTag::D_PRINTA_PROTO,
                                line,
                                format!(
                                    "printa( ) prototype mismatch: {} args passed, 2 expected",
                                    args.len()
                                ),
                            ));
                        }
                        let f = printf::parse(s).map_err(|e| err(e.tag, line, e.msg))?;
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
                        if let Some(e) = self.printa_keys(a0, id, line) {
                            return Err(e);
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
                let (min, argtag, badtag, op) = if name == "trunc" {
                    (
                        1,
                        ErrTag::D_TRUNC_AGGARG,
                        ErrTag::D_TRUNC_AGGBAD,
                        AggOp::Trunc,
                    )
                } else {
                    (
                        2,
                        ErrTag::D_NORMALIZE_AGGARG,
                        ErrTag::D_NORMALIZE_AGGBAD,
                        AggOp::Normalize,
                    )
                };
                Self::proto_len(name, args.len(), min, 2, line)?;
                let arg = match args.get(1) {
                    Some(a) => {
                        // The prototype (uint64_t) is checked before the action's own
                        // scalar test, so a non-integer is a prototype mismatch.
                        let t = self.expr(a)?;
                        if !t.ty.is_int() {
                            return Err(Self::proto_arg(name, 2, "uint64_t", t.ty, line));
                        }
                        Some(t)
                    }
                    None => None,
                };
                let agg = self.agg_arg(name, &args[0], 1, argtag, badtag, line)?;
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
    /// printa() of several aggregations: each must have the key signature of the first
    /// (`dt_printa_validate`).
    fn printa_keys(&self, first: u32, other: u32, line: u32) -> Option<CompileError> {
        let (l, r) = (&self.syms.aggs[first as usize], &self.syms.aggs[other as usize]);
        let (ln, rn) = (l.keys.len(), r.keys.len());
        if ln != rn {
            return Some(err(
                ErrTag::D_PRINTA_AGGKEY,
                line,
                format!(
                    "printa( ): @{} and @{} do not have matching key signatures: @{} has {} key{}, @{} has {} key{}",
                    l.name,
                    r.name,
                    l.name,
                    ln,
                    if ln == 1 { "" } else { "s" },
                    r.name,
                    rn,
                    if rn == 1 { "" } else { "s" }
                ),
            ));
        }
        let i = l.keys.iter().zip(&r.keys).position(|(a, b)| a != b)?;
        Some(err(
            ErrTag::D_PRINTA_AGGPROTO,
            line,
            format!(
                "printa( ): @{}[ ] key #{} is incompatible with @{}:\n{:>9} key #{}: {}\n{:>9} key #{}: {}",
                r.name,
                i + 1,
                l.name,
                l.name,
                i + 1,
                l.keys[i],
                r.name,
                i + 1,
                r.keys[i]
            ),
        ))
    }

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

/// `base^exp` when it fits in 64 bits (llquantize's highest bucket bound must).
fn pow_fits_u64(base: u64, exp: u64) -> Option<u64> {
    let mut r: u64 = 1;
    for _ in 0..exp {
        r = r.checked_mul(base)?;
    }
    Some(r)
}

/// `base^exp mod m`, exact for any exponent.
fn pow_mod(base: u64, exp: u64, m: u64) -> u64 {
    let mut r: u128 = 1 % m as u128;
    for _ in 0..exp {
        r = r * base as u128 % m as u128;
    }
    r as u64
}
