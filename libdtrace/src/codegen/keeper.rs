//! Hidden programs: raw tracepoint programs a session loads and attaches, besides the probes'
//! own, only when a clause needs what they keep up to date (the socket table of the receive
//! probes, `codegen::socktab`; the threads' run times of `vtimestamp`, `codegen::vtime`).
//! They record nothing; the session attaches them before BEGIN runs (and so before the
//! probes: on one tracepoint the kernel runs programs in the order they were attached) and
//! detaches them after END has run, so that every clause sees what they keep up to date.

use super::emit::{Emitter, Reloc};
use super::insn::*;
use super::link::LinkError;

/// A hidden program: the raw tracepoint it is attached to, and its code.
pub struct Keeper {
    pub event: &'static str,
    /// A kernel without this tracepoint (`sk_data_ready` is Linux 6.6's) does without it.
    pub optional: bool,
    /// The program's name, as `bpftool prog` shows it.
    pub name: &'static str,
    pub insns: Vec<Insn>,
    pub relocs: Vec<Reloc>,
}

/// A keeper whose code is `body` (the context in R1) followed by `return 0`, linked against
/// the runtime routines `body` calls.
pub fn build(
    event: &'static str,
    optional: bool,
    name: &'static str,
    body: impl FnOnce(&mut Emitter),
) -> Result<Keeper, LinkError> {
    let mut e = Emitter::new();
    body(&mut e);
    e.emit(Insn::mov64_imm(R0, 0));
    e.emit(Insn::exit());
    let calls = std::mem::take(&mut e.routine_calls);
    let (mut insns, relocs) = e.finish();
    super::link::link(&mut insns, &calls)?;
    Ok(Keeper {
        event,
        optional,
        name,
        insns,
        relocs,
    })
}
