//! Inlines with parameters, `inline T name[T1 p1, ...] = expr;` (DTrace's inline arrays, as
//! the D library's `fds[]`): a reference `name[a1, ...]` is the expression with each parameter
//! bound to its argument, converted to the parameter's type, and the result converted to `T`.

use super::ir::TExpr;
use super::types::Type;
use super::Checker;
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::{Expr, ExprKind, TypeName};

use super::decl::Inline;

fn err(tag: ErrTag, line: u32, msg: impl Into<String>) -> CompileError {
    CompileError::new(tag, line, msg)
}

impl<'a> Checker<'a> {
    /// The named, typed parameters of an inline's declaration.
    pub(super) fn inline_params(
        &mut self,
        params: &[(TypeName, Option<String>)],
        line: u32,
    ) -> Result<Vec<(String, Type)>, CompileError> {
        let mut out = Vec::with_capacity(params.len());
        for (tn, pname) in params {
            let ty = self.resolve_type(tn, line)?;
            // An unnamed parameter takes an argument the expression cannot use, as in DTrace
            // (dt_node_inline ignores anonymous parameters); "" is no identifier.
            out.push((pname.clone().unwrap_or_default(), ty));
        }
        Ok(out)
    }

    /// Read the D library when `base` of `base[...]` is a name it defines.
    pub(super) fn load_dlib_for(&mut self, base: &Expr) -> Result<(), CompileError> {
        match &base.kind {
            ExprKind::Ident(n)
                if !self.syms.tsyms.dlib_loaded && super::decl::dlib_defines(n) =>
            {
                self.load_dlib()
            }
            _ => Ok(()),
        }
    }

    /// Whether `base` of `base[...]` names an inline with parameters.
    pub(super) fn is_param_inline(&self, base: &Expr) -> bool {
        let ExprKind::Ident(n) = &base.kind else {
            return false;
        };
        self.syms
            .tsyms
            .inlines
            .get(n)
            .is_some_and(|i| i.params.is_some())
    }

    /// The checked arguments of `name[keys]`, each bound to its parameter's name.
    pub(super) fn inline_args(
        &mut self,
        name: &str,
        inl: &Inline,
        keys: &[Expr],
        line: u32,
    ) -> Result<Vec<(String, TExpr)>, CompileError> {
        let params = inl.params.as_deref().unwrap_or(&[]);
        if keys.len() != params.len() {
            return Err(err(
                ErrTag::D_PROTO_LEN,
                line,
                format!(
                    "{}[ ] prototype mismatch: {} arg{} passed, {} expected",
                    name,
                    keys.len(),
                    if keys.len() == 1 { "" } else { "s" },
                    params.len()
                ),
            ));
        }
        let mut out = Vec::with_capacity(keys.len());
        for (i, (k, (pname, pty))) in keys.iter().zip(params).enumerate() {
            let t = self.expr(k)?;
            let compatible = (t.ty.is_int() && pty.is_int())
                || (t.ty.is_strcompat() && *pty == Type::Str)
                || (pty.is_ptr() && (t.ty.is_ptr() || t.ty.is_int()));
            if !compatible {
                return Err(err(
                    ErrTag::D_PROTO_ARG,
                    line,
                    format!(
                        "{}[ ] argument #{} is incompatible with prototype:\n\tprototype: {}\n\t argument: {}",
                        name,
                        i + 1,
                        pty,
                        t.ty
                    ),
                ));
            }
            let t = self.convert(t, *pty, line)?;
            out.push((pname.clone(), t));
        }
        Ok(out)
    }

    /// `name[keys]` for an inline with parameters: its expression, typed as declared.
    pub(super) fn inline_index(
        &mut self,
        base: &Expr,
        keys: &[Expr],
        line: u32,
    ) -> Result<TExpr, CompileError> {
        let inl = match &base.kind {
            ExprKind::Ident(name) => self
                .syms
                .tsyms
                .inlines
                .get(name)
                .cloned()
                .map(|i| (name, i)),
            _ => None,
        };
        let Some((name, inl)) = inl else {
            return Err(err(
                ErrTag::D_SYNTAX,
                line,
                "indexing of this expression is not supported",
            ));
        };
        if self.syms.tsyms.expanding.iter().any(|n| n == name) {
            return Err(err(
                ErrTag::D_IDENT_UNDEF,
                line,
                format!("failed to resolve {}: inline refers to itself", name),
            ));
        }
        let args = self.inline_args(name, &inl, keys, line)?;
        self.syms.tsyms.expanding.push(name.clone());
        let r = self.with_bindings(args, |c| c.expr(&inl.expr));
        self.syms.tsyms.expanding.pop();
        let mut t = r?;
        t.line = line;
        self.convert(t, inl.ty, line)
    }

    /// Run `f` with `bindings` in scope (innermost last), removing them afterwards.
    pub(super) fn with_bindings<T>(
        &mut self,
        bindings: Vec<(String, TExpr)>,
        f: impl FnOnce(&mut Self) -> Result<T, CompileError>,
    ) -> Result<T, CompileError> {
        let depth = self.syms.tsyms.bindings.len();
        self.syms.tsyms.bindings.extend(bindings);
        let r = f(self);
        self.syms.tsyms.bindings.truncate(depth);
        r
    }
}
