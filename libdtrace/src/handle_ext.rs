//! Handle calls for `dtrace -l` with descriptions.

use crate::handle::{Handle, ProbeDesc, ProgramId};

/// One probe description of a compiled program, as written (`prov:mod:func:name`, each field
/// possibly empty or a glob), with the probes it matches, for `dtrace -l -n ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DescMatches {
    pub provider: String,
    pub module: String,
    pub function: String,
    pub name: String,
    /// In probe ID order; empty when the description matches nothing (dtrace -l then prints
    /// `failed to match P:M:F:N: No probe matches description`).
    pub probes: Vec<ProbeDesc>,
}

impl Handle {
    /// The descriptions of each clause of `prog`, in program order (one entry per description,
    /// a clause with several descriptions gives several), each with the probes it matches.
    pub fn program_desc_matches(&self, prog: ProgramId) -> Vec<DescMatches> {
        let mut out = Vec::new();
        for c in &self.programs[prog.0] {
            for (pat, ids) in &c.descs {
                out.push(DescMatches {
                    provider: pat.provider.clone(),
                    module: pat.module.clone(),
                    function: pat.function.clone(),
                    name: pat.name.clone(),
                    probes: ids
                        .iter()
                        .filter_map(|id| self.probes.get(*id))
                        .map(|p| p.desc.clone())
                        .collect(),
                });
            }
        }
        out
    }
}
