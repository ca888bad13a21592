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
        let mut seen = HashSet::new();
        for probe in &p.probes {
            if !seen.insert(probe.name.as_str()) {
                return Err(err(
                    ErrTag::D_PROV_PRDUP,
                    probe.line,
                    format!("probe redeclared: {}:{}", p.name, probe.name),
                ));
            }
        }
        Ok(())
    }
}
