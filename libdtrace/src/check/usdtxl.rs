//! Translated arguments of user-defined (usdt) providers.
//!
//! A provider definition gives each probe native argument types (what the program passes)
//! and, after `:`, the types D programs see in `args[]`, each output argument naming the
//! native one it is. DTrace checks when the provider is cooked that every output argument
//! is either compatible with its native one or has a translator from it (dt_cook_probe,
//! D_PROV_PRXLATOR); a clause of a usdt probe then sees `args[i]` as the translation of
//! its native argument, while `argN` stays the raw value (dt_idcook_args: D_ARGS_TYPE when
//! a type cannot be resolved, D_ARGS_XLATOR when no translator applies).

use std::collections::HashMap;

use super::decl::Xlator;
use super::types::Type;
use super::{err, Checker};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::{self, Expr, ExprKind, TypeName};
use crate::provider::usdtdefs::{spell, UsdtTypes};
use crate::provider::ProbeKind;

/// dt_node_is_argcompat: may a value of type `n` be passed where `x` is declared? Integers
/// with integers, strings with strings, the same struct or union, and compatible pointers.
pub(super) fn arg_compat(n: Type, x: Type) -> bool {
    if n.is_int() && x.is_int() {
        return true;
    }
    if n.is_strcompat() && x.is_strcompat() {
        return true;
    }
    if n.sou().is_some() || x.sou().is_some() {
        return n == x;
    }
    n.is_ptr()
        && x.is_ptr()
        && (n == x || n.pointee() == Some(Type::Void) || x.pointee() == Some(Type::Void))
}

/// dt_xlator_lookup (DT_XLATE_FUZZY): a translator to struct `out` (or to the struct `out`
/// points to) from `native`, its input type exactly or one `native` may be passed as.
pub(super) fn xlator_for(xlators: &[Xlator], native: Type, out: Type) -> Option<&Xlator> {
    let dst = out.pointee().unwrap_or(out);
    dst.sou()?;
    let to_dst = || xlators.iter().filter(move |x| x.out == dst);
    to_dst()
        .find(|x| x.input == native)
        .or_else(|| to_dst().find(|x| arg_compat(native, x.input)))
}

/// The provider's name without the pid a usdt provider's name ends with.
fn unsuffixed(provider: &str, pid: i32) -> &str {
    provider
        .strip_suffix(pid.to_string().as_str())
        .unwrap_or(provider)
}

impl<'a> Checker<'a> {
    /// The types of a provider definition's arguments must exist when it is declared, as in
    /// DTrace, whose grammar knows only declared type names.
    pub(super) fn provider_types(&mut self, p: &ast::ProviderDef) -> Result<(), CompileError> {
        for probe in &p.probes {
            for t in probe.native.iter().chain(probe.xlated.iter().flatten()) {
                self.resolve_type(t, probe.line)?;
            }
        }
        Ok(())
    }

    /// dt_cook_probe: each output argument of a probe of provider `pv` must be compatible
    /// with its native argument or have a translator from it.
    pub(super) fn probe_xlators(
        &mut self,
        pv: &str,
        probe: &ast::ProbeDef,
    ) -> Result<(), CompileError> {
        let Some(xlated) = &probe.xlated else {
            return Ok(());
        };
        // The D library's translators are DTrace's too; without the library (no kernel
        // BTF for its types) only the program's own translators apply.
        let _ = self.load_dlib();
        for (i, x) in xlated.iter().enumerate() {
            let n = &probe.native[probe.mapping[i]];
            let nt = self.resolve_type(n, probe.line)?;
            let xt = self.resolve_type(x, probe.line)?;
            if xlator_for(&self.syms.tsyms.xlators, nt, xt).is_some() || arg_compat(nt, xt) {
                continue;
            }
            return Err(err(
                ErrTag::D_PROV_PRXLATOR,
                probe.line,
                format!(
                    // DTrace's probe identifier is named `::name`.
                    "translator for {}:::{} output argument #{} from {} to {} is not defined",
                    pv,
                    probe.name,
                    i + 1,
                    spell(n),
                    spell(x)
                ),
            ));
        }
        Ok(())
    }

    /// Keep the probes' types for the usdt probes of the provider that clauses enable.
    pub(super) fn record_usdt_types(&mut self, p: &ast::ProviderDef) {
        let probes: HashMap<String, UsdtTypes> = p
            .probes
            .iter()
            .map(|pr| (pr.name.clone(), UsdtTypes::of(pr)))
            .collect();
        self.syms.tsyms.usdt_defs.insert(p.name.clone(), probes);
    }

    /// The argument types of usdt probe `id`: those `dtrace -G` recorded in its object, or
    /// else those of the program's own definition of its provider. `None` for other probes.
    fn usdt_types(&self, id: u32) -> Option<UsdtTypes> {
        let p = self.probes.get(id)?;
        let ProbeKind::Uprobe(u) = &p.kind else {
            return None;
        };
        u.usdt_args.as_ref()?;
        if let Some(t) = &u.usdt_types {
            return Some((**t).clone());
        }
        self.syms
            .tsyms
            .usdt_defs
            .get(unsuffixed(&p.desc.provider, u.pid))?
            .get(&p.desc.name)
            .cloned()
    }

    /// `args[idx]` of the clause's usdt probes whose types are known: the native argument
    /// cast to the output type when the two are compatible, else its translation. `None`
    /// when some probe of the clause is no such probe or has no argument `idx`.
    pub(super) fn usdt_arg_ast(
        &mut self,
        idx: u8,
        line: u32,
    ) -> Result<Option<Expr>, CompileError> {
        let mut found: Option<Expr> = None;
        for id in self.cur_probes.clone() {
            let Some(t) = self.usdt_types(id) else {
                return Ok(None);
            };
            let i = idx as usize;
            let (Some(x), Some(&m)) = (t.xlated.get(i), t.mapping.get(i)) else {
                return Ok(None);
            };
            let Some(n) = t.native.get(m) else {
                return Ok(None);
            };
            let e = self.usdt_arg(idx, m, n, x, line)?;
            match &found {
                Some(f) if *f != e => {
                    return Err(err(
                        ErrTag::D_ARGS_MULTI,
                        line,
                        "args[ ] may not be referenced because the probe description matches probes whose arguments have different types",
                    ))
                }
                _ => found = Some(e),
            }
        }
        Ok(found)
    }

    /// dt_idcook_args for one probe: output argument `idx`, native argument `m` of type `n`
    /// translated to `x`.
    fn usdt_arg(
        &mut self,
        idx: u8,
        m: usize,
        n: &TypeName,
        x: &TypeName,
        line: u32,
    ) -> Result<Expr, CompileError> {
        let xt = self.resolve_type(x, line).map_err(|_| {
            err(
                ErrTag::D_ARGS_TYPE,
                line,
                format!("failed to resolve translated type for args[{}]", idx),
            )
        })?;
        let nt = self.resolve_type(n, line).map_err(|_| {
            err(
                ErrTag::D_ARGS_TYPE,
                line,
                format!("failed to resolve native type for args[{}]", idx),
            )
        })?;
        let raw = Expr {
            kind: ExprKind::Ident(format!("arg{}", m)),
            line,
        };
        let cast = |ty: &TypeName| Expr {
            kind: ExprKind::Cast {
                ty: ty.clone(),
                expr: Box::new(raw.clone()),
            },
            line,
        };
        if n == x || arg_compat(nt, xt) {
            // A string argument is the program's string, read from its memory.
            if xt == Type::Str {
                return Ok(Expr {
                    kind: ExprKind::Call {
                        name: "copyinstr".into(),
                        args: vec![raw],
                    },
                    line,
                });
            }
            return Ok(cast(x));
        }
        self.load_dlib()?;
        if xlator_for(&self.syms.tsyms.xlators, nt, xt).is_some() {
            return Ok(Expr {
                kind: ExprKind::Xlate {
                    ty: x.clone(),
                    expr: Box::new(cast(n)),
                },
                line,
            });
        }
        Err(err(
            ErrTag::D_ARGS_XLATOR,
            line,
            format!(
                "translator for args[{}] from {} to {} is not defined",
                idx,
                spell(n),
                spell(x)
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::types::{self, INT, LONG};

    #[test]
    fn argument_compatibility() {
        let chr = Type::Int {
            size: 1,
            signed: true,
        };
        let pchar = types::pointer(chr);
        let pvoid = types::pointer(Type::Void);
        let pint = types::pointer(INT);
        assert!(arg_compat(INT, LONG));
        assert!(arg_compat(pchar, Type::Str));
        assert!(arg_compat(Type::Str, pchar));
        assert!(arg_compat(pint, pvoid));
        assert!(arg_compat(pvoid, pint));
        assert!(arg_compat(pint, pint));
        assert!(!arg_compat(pint, types::pointer(LONG)));
        assert!(!arg_compat(INT, pint));
        assert!(!arg_compat(pint, INT));
        assert!(!arg_compat(INT, Type::Str));
    }

    fn sou(name: &str) -> Type {
        types::new_sou(types::Sou {
            name: name.into(),
            union: false,
            size: 4,
            align: 4,
            members: types::Members::Known(Vec::new()),
        })
    }

    fn xlator(out: Type, input: Type) -> Xlator {
        Xlator {
            out,
            input,
            param: "X".into(),
            members: Vec::new(),
        }
    }

    #[test]
    fn translator_lookup() {
        let (job, info, other) = (sou("job"), sou("info"), sou("other"));
        let pjob = types::pointer(job);
        let xs = [xlator(info, types::pointer(Type::Void)), xlator(info, pjob)];
        // The exact input type first, then one the native type may be passed as.
        let found = xlator_for(&xs, pjob, types::pointer(info)).map(|x| x.input);
        assert_eq!(found, Some(pjob));
        let pint = types::pointer(INT);
        let found = xlator_for(&xs, pint, info).map(|x| x.input);
        assert_eq!(found, Some(types::pointer(Type::Void)));
        // Nothing translates to `other`, and only structs and unions are translated to.
        assert!(xlator_for(&xs, pjob, types::pointer(other)).is_none());
        assert!(xlator_for(&xs, INT, LONG).is_none());
        assert!(xlator_for(&xs[1..], INT, info).is_none());
    }

    #[test]
    fn provider_name_without_pid() {
        assert_eq!(unsuffixed("myapp1234", 1234), "myapp");
        assert_eq!(unsuffixed("myapp", 1234), "myapp");
    }
}
