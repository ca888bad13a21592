//! Provider definitions: checked as DTrace declares their probes (dt_parser.c
//! `dt_cook_provider`); what they produce is `usdtgen`'s, for `dtrace -h` and `-G`.

use std::collections::HashSet;

use super::{err, Checker};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast;

/// DTrace's DTRACE_PROVNAMELEN, counting the terminating NUL.
const PROVNAMELEN: usize = 64;

impl<'a> Checker<'a> {
    /// The provider's name must leave room for the pid a usdt provider's name gets, and
    /// a probe may be declared once in a provider.
    pub(super) fn provider_def(&mut self, p: &ast::ProviderDef) -> Result<(), CompileError> {
        if p.name.len() > PROVNAMELEN - 1 {
            return Err(err(
                ErrTag::D_PROV_BADNAME,
                p.line,
                format!(
                    "provider name may not exceed {} characters: {}",
                    PROVNAMELEN - 1,
                    p.name
                ),
            ));
        }
        if p.name.ends_with(|c: char| c.is_ascii_digit()) {
            return Err(err(
                ErrTag::D_PROV_BADNAME,
                p.line,
                format!("provider name may not end with a digit: {}", p.name),
            ));
        }
        self.provider_types(p)?;
        self.provider_redecl(p)?;
        // DTrace's probe identifiers are named `::name`, so its messages say `prov:::name`.
        let mut seen = HashSet::new();
        for probe in &p.probes {
            if !seen.insert(probe.name.as_str()) {
                return Err(err(
                    ErrTag::D_PROV_PRDUP,
                    probe.line,
                    format!("probe redeclared: {}:::{}", p.name, probe.name),
                ));
            }
            self.probe_xlators(&p.name, probe)?;
        }
        self.record_usdt_types(p);
        Ok(())
    }

    /// A provider defined again must match its first definition probe for probe
    /// (dt_cook_provider's D_PROV_INCOMPAT).
    fn provider_redecl(&mut self, p: &ast::ProviderDef) -> Result<(), CompileError> {
        let outputs: Vec<(String, Vec<ast::TypeName>)> = p
            .probes
            .iter()
            .map(|pr| (pr.name.clone(), pr.xlated.clone().unwrap_or_else(|| pr.native.clone())))
            .collect();
        let Some(prev) = self.syms.tsyms.providers.get(&p.name) else {
            self.syms.tsyms.providers.insert(p.name.clone(), outputs);
            return Ok(());
        };
        for (probe, (name, args)) in p.probes.iter().zip(&outputs) {
            let Some((_, old)) = prev.iter().find(|(n, _)| n == name) else {
                return Err(err(
                    ErrTag::D_PROV_INCOMPAT,
                    probe.line,
                    format!(
                        "provider interface mismatch: {}\n\t current: probe {}:::{} defined\n\tprevious: probe {}:::{} not defined",
                        p.name, p.name, name, p.name, name
                    ),
                ));
            };
            let plural = |n: usize| if n != 1 { "s" } else { "" };
            if old.len() != args.len() {
                return Err(err(
                    ErrTag::D_PROV_INCOMPAT,
                    probe.line,
                    format!(
                        "probe {}:::{} output prototype mismatch:\n\t current: {} arg{}\n\tprevious: {} arg{}",
                        p.name,
                        name,
                        args.len(),
                        plural(args.len()),
                        old.len(),
                        plural(old.len())
                    ),
                ));
            }
            for (i, (a, o)) in args.iter().zip(old).enumerate() {
                if a != o {
                    let show = |t: &ast::TypeName| {
                        format!("{}{}", t.words.join(" "), " *".repeat(t.ptr as usize))
                    };
                    return Err(err(
                        ErrTag::D_PROV_INCOMPAT,
                        probe.line,
                        format!(
                            "probe {}:::{} output prototype argument #{} mismatch:\n\t current: {}\n\tprevious: {}",
                            p.name,
                            name,
                            i + 1,
                            show(a),
                            show(o)
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}
