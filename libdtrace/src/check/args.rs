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
        let idx = match keys {
            [k] => match self.expr(k)?.kind {
                TKind::Const(v) if (0..10).contains(&v) => v as u8,
                TKind::Const(v) => {
                    return Err(err(ErrTag::D_ARGS_IDX, line, format!("index {} is out of range for args[ ]", v)));
                }
                _ => return Err(err(ErrTag::D_ARGS_IDX, line, "args[ ] index must be an integer constant")),
            },
            _ => {
                return Err(err(
                    ErrTag::D_ARGS_IDX,
                    line,
                    format!("args[ ] prototype mismatch: {} args passed, 1 expected", keys.len()),
                ))
            }
        };
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
        Ok(TExpr { kind: TKind::Arg(idx), ty: ty.unwrap_or(LONG), line })
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
