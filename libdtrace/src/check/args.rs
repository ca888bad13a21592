//! `args[N]`: a probe argument with the type its provider gives it.

use super::ir::*;
use super::types::{self, Type, LONG};
use super::{err, Checker};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::{Expr, ExprKind};

impl<'a> Checker<'a> {
    pub(super) fn is_args(base: &Expr) -> bool {
        matches!(&base.kind, ExprKind::Ident(n) if n == "args")
    }

    /// `args[i]`: `argi` typed by the probes of the clause, which must agree on the type.
    pub(super) fn args_ref(&mut self, keys: &[Expr], line: u32) -> Result<TExpr, CompileError> {
        // dt_idcook_args: one integer constant index, within the probe's arguments.
        let idx = match keys {
            [k] => {
                let t = self.expr(k)?;
                match t.kind {
                    TKind::Const(v) if (0..10).contains(&v) => v as u8,
                    TKind::Const(v) => {
                        return Err(err(ErrTag::D_ARGS_IDX, line, format!("index {} is out of range for args[ ]", v)));
                    }
                    _ => {
                        return Err(err(
                            ErrTag::D_PROTO_ARG,
                            line,
                            format!(
                                "args[ ] argument #1 is incompatible with prototype:\n\tprototype: integer constant\n\t argument: {}",
                                t.ty
                            ),
                        ))
                    }
                }
            }
            _ => {
                return Err(err(
                    ErrTag::D_PROTO_LEN,
                    line,
                    format!(
                        "args[ ] prototype mismatch: {} arg{}passed, 1 expected",
                        keys.len(),
                        if keys.len() == 1 { " " } else { "s " }
                    ),
                ))
            }
        };
        if let Some(t) = self.stable_arg(idx, line)? {
            self.set_arg_enum(None);
            return Ok(t);
        }
        let mut ty: Option<Type> = None;
        let mut btf = None;
        for id in self.cur_probes.clone() {
            let names = match self.arg_types.get(&id) {
                Some(v) => v.clone(),
                None => {
                    let v = match self.probes.get(id) {
                        Some(p) => crate::provider::args::native_types(&p.kind, &mut btf),
                        None => Vec::new(),
                    };
                    self.arg_types.insert(id, v.clone());
                    v
                }
            };
            let t = names.get(idx as usize).map(|n| c_type(n)).unwrap_or(LONG);
            match ty {
                None => ty = Some(t),
                Some(prev) if prev != t => {
                    return Err(err(
                        ErrTag::D_ARGS_MULTI,
                        line,
                        "args[ ] may not be referenced because the probe description matches probes whose arguments have different types",
                    ));
                }
                _ => {}
            }
        }
        // An enum-typed argument (a raw tracepoint's `enum hrtimer_mode`) keeps its enum for
        // comparisons with enumerator names (`check::enums`).
        let first = self.cur_probes.first().and_then(|id| self.arg_types.get(id)).and_then(|v| v.get(idx as usize)).cloned();
        self.set_arg_enum(first.as_deref());
        Ok(TExpr { kind: TKind::Arg(idx), ty: ty.unwrap_or(LONG), line })
    }
}

impl<'a> Checker<'a> {
    /// `args[i]` of stable-provider probes: the D expression the provider defines for it,
    /// checked here. `None` when the clause's probes are not stable-provider probes.
    fn stable_arg(&mut self, idx: u8, line: u32) -> Result<Option<TExpr>, CompileError> {
        match self.stable_arg_ast(idx, line)? {
            Some(e) => Ok(Some(self.expr(&e)?)),
            None => Ok(None),
        }
    }

    /// `args[keys]` as the syntax tree of the stable provider's expression for it, so that a
    /// member reference on it reaches the translator (`args[0]->pr_pid`).
    pub(super) fn stable_args_ast(&mut self, keys: &[Expr], line: u32) -> Result<Option<Expr>, CompileError> {
        let [k] = keys else { return Ok(None) };
        let idx = match &k.kind {
            ExprKind::Int { value, .. } if *value < 10 => *value as u8,
            _ => return Ok(None),
        };
        self.stable_arg_ast(idx, line)
    }

    fn stable_arg_ast(&mut self, idx: u8, line: u32) -> Result<Option<Expr>, CompileError> {
        if let Some(e) = self.usdt_arg_ast(idx, line)? {
            return Ok(Some(e));
        }
        let mut text: Option<&'static str> = None;
        let mut others = false;
        // Probes whose translations differ (the same types from a packet sent and one
        // received): (probe, expression, type), chosen between by `id` at run time.
        let mut per_probe: Vec<(u32, &'static str, &'static str)> = Vec::new();
        let mut nonstable = false;
        for &id in &self.cur_probes {
            match self.probes.get(id).map(|p| &p.kind) {
                Some(crate::provider::ProbeKind::Stable(st)) => {
                    let (t, ty) = st.args.get(idx as usize).copied().unwrap_or(("0", "void"));
                    if text.is_some_and(|p| p != t) {
                        others = true;
                    }
                    text = Some(t);
                    per_probe.push((id, t, ty));
                }
                _ => {
                    others = true;
                    nonstable = true;
                }
            }
        }
        let Some(mut text) = text else { return Ok(None) };
        let by_id: String;
        if others && !nonstable && per_probe.iter().all(|p| p.2 == per_probe[0].2) {
            let (last, rest) = per_probe.split_last().expect("one probe at least");
            let mut t = format!("({})", last.1);
            for (id, e, _) in rest.iter().rev() {
                t = format!("(id == {} ? ({}) : {})", id, e, t);
            }
            by_id = t;
            text = &by_id;
            others = false;
        }
        if others {
            return Err(err(
                ErrTag::D_ARGS_MULTI,
                line,
                "args[ ] may not be referenced because the probe description matches probes whose arguments have different types",
            ));
        }
        // The provider's expression is D over the raw arguments.
        let mut e = super::guard::parse_expr(text, line, "argument translation")?;
        e.line = line;
        self.load_dlib()?;
        Ok(Some(e))
    }
}

/// The D type of a C type written by a tracepoint format file or BTF (`const char *`,
/// `unsigned long`, `pid_t`, `struct file *`, `char[16]`). Unknown types are int64, as an
/// untyped `argN`.
fn c_type(text: &str) -> Type {
    let mut t = text.trim();
    let mut array = false;
    if let Some(i) = t.find('[') {
        t = t[..i].trim();
        array = true;
    }
    let ptrs = t.matches('*').count() + array as usize;
    let words: Vec<String> = t
        .replace('*', " ")
        .split_whitespace()
        .filter(|w| !matches!(*w, "const" | "volatile" | "__user" | "restrict"))
        .map(String::from)
        .collect();
    let base = types::from_words(&words).or_else(|| types::kernel_type(&words));
    match base {
        Some(mut b) => {
            if b == Type::Void && ptrs == 0 {
                return LONG;
            }
            for _ in 0..ptrs {
                b = types::pointer(b);
            }
            b
        }
        None if ptrs > 0 => types::pointer(Type::Void),
        None => LONG,
    }
}
