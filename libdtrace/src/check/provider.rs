//! Provider definitions: checked as DTrace declares their probes (dt_parser.c
//! `dt_cook_provider`); what they produce is `usdtgen`'s, for `dtrace -h` and `-G`.

use std::collections::HashSet;

use super::{err, Checker};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast;

impl<'a> Checker<'a> {
    /// A probe may be declared once in a provider.
    pub(super) fn provider_def(&mut self, p: &ast::ProviderDef) -> Result<(), CompileError> {
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
