//! Handle calls the `dtrace` command needs beyond handle.rs (signatures agreed with the CLI;
//! bodies belong to the library's owners).

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

#[allow(unused)]
impl Handle {
    /// The descriptions of each clause of `prog`, in program order (one entry per description,
    /// a clause with several descriptions gives several), each with the probes it matches.
    pub fn program_desc_matches(&self, prog: ProgramId) -> Vec<DescMatches> {
        todo!("program_desc_matches")
    }
}
