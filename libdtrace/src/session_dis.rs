//! `dtrace -S` (or `-x verbose`, DTRACE_C_DIFV): the disassembly listings Oracle Linux DTrace
//! writes to stderr, for our programs (codegen/dis.rs formats them).
//!
//! `-x disasm=N` selects them by bit, as Oracle's DT_DISASM_OPT_* do (default 1):
//! 1 `clause`: each clause's own code, maps unresolved;
//! 2 `program`: each probe's program (our per-probe stub, which tail-calls the clauses);
//! 4 `linked program`: each clause with the runtime routines (bpf/*.c) it calls appended;
//! 8 `final program`: each probe's stub and each clause as loaded, map fds resolved.
//! Oracle writes the clause listing at compile time and the others when loading; we generate
//! code when the program is loaded and write them all then, before the programs are loaded (so
//! that a program the verifier refuses can be seen). With `-e` (compile only) the clause
//! listings (1 and 4) are generated for the occasion (`Handle::disassemble_unexecuted`).
//! Not listed: the ERROR chain's resume program and the helper programs of vtimestamp and the
//! receive probes, which Oracle does not have.

use std::io::Write;

use crate::check::ir::TClause;
use crate::check::Symbols;
use crate::codegen::clause::ClauseCode;
use crate::codegen::dis::{self, Symbols as DisSymbols};
use crate::codegen::emit::Reloc;
use crate::codegen::insn::Insn;
use crate::codegen::MapRef;
use crate::options::Options;

pub const CLAUSE: u64 = 1;
pub const PROG: u64 = 2;
pub const PROG_LINKED: u64 = 4;
pub const PROG_FINAL: u64 = 8;

/// Which listings to write, from the options; `None` without `-S`.
pub fn listings(opts: &Options) -> Option<u64> {
    if !opts.difv {
        return None;
    }
    Some(opts.int_option("disasm").unwrap_or(CLAUSE))
}

/// A name for a relocated map in a listing.
pub fn map_name(m: MapRef, syms: &Symbols) -> String {
    match m {
        MapRef::MState => "mstate".into(),
        MapRef::Globals => "gvars".into(),
        MapRef::StrTab => "strtab".into(),
        MapRef::RingBuf => "buffers".into(),
        MapRef::ProgArray => "progs".into(),
        MapRef::State => "state".into(),
        MapRef::Drops => "drops".into(),
        MapRef::ProbeNames => "probenames".into(),
        MapRef::Agg(i) => match syms.aggs.get(i as usize) {
            Some(a) if a.name.is_empty() => "agg @".into(),
            Some(a) => format!("agg @{}", a.name.trim_start_matches('@')),
            None => format!("agg {}", i),
        },
        MapRef::Dyn(i) => match syms.dyns.get(i as usize) {
            Some(d) if d.thread => format!("dvar self->{}", d.name),
            Some(d) => format!("dvar {}[]", d.name),
            None => format!("dvar {}", i),
        },
        other => format!("{:?}", other).to_lowercase(),
    }
}

fn symbols(insns: &[Insn], relocs: &[Reloc], resolved: bool, syms: &Symbols) -> DisSymbols {
    let mut s = DisSymbols::default();
    for r in relocs {
        let value = resolved.then(|| insns.get(r.insn).map_or(0, |i| i.imm as u32 as u64));
        s.loads.insert(r.insn, (map_name(r.map, syms), value));
        let off = insns.get(r.insn + 1).map_or(0, |i| i.imm as u32);
        if let Some(note) = reference(r.map, off, syms) {
            s.refs.insert(r.insn, note);
        }
    }
    s.funcs = dis::routine_symbols(insns, crate::codegen::link::routines());
    s
}

fn clause_desc(c: &TClause) -> Option<String> {
    c.descs.first().map(|(d, _)| d.to_string())
}

fn emit(text: &str) {
    let mut e = std::io::stderr().lock();
    let _ = e.write_all(text.as_bytes());
    let _ = e.flush();
}

/// Listings 1 and 4 of every clause, in program order. Oracle compiles a clause once per probe
/// description and lists each compilation under its description; ours is compiled once, and
/// listed once per description.
pub fn clauses(bits: u64, enabled: &[TClause], codes: &[ClauseCode], syms: &Symbols) {
    for (ci, (c, code)) in enabled.iter().zip(codes).enumerate() {
        let mut descs: Vec<Option<String>> =
            c.descs.iter().map(|(d, _)| Some(d.to_string())).collect();
        if descs.is_empty() {
            descs.push(None);
        }
        let ident = format!("dt_clause_{}", ci);
        let dsyms = symbols(&code.insns, &code.relocs, false, syms);
        let own = dis::own_length(&code.insns);
        for desc in &descs {
            if bits & CLAUSE != 0 {
                let insns = &code.insns[..own];
                emit(&dis::listing(
                    "clause",
                    desc.as_deref(),
                    Some(&ident),
                    insns,
                    &dsyms,
                ));
            }
            if bits & PROG_LINKED != 0 {
                let kind = "linked program";
                emit(&dis::listing(
                    kind,
                    desc.as_deref(),
                    Some(&ident),
                    &code.insns,
                    &dsyms,
                ));
            }
        }
    }
}

/// Listing 8 of a clause as loaded (`insns` linked against the maps).
pub fn final_clause(
    bits: u64,
    ci: usize,
    clause: &TClause,
    insns: &[Insn],
    relocs: &[Reloc],
    syms: &Symbols,
) {
    if bits & PROG_FINAL == 0 {
        return;
    }
    let dsyms = symbols(insns, relocs, true, syms);
    let ident = format!("dt_clause_{}", ci);
    let desc = clause_desc(clause);
    emit(&dis::listing(
        "final program",
        desc.as_deref(),
        Some(&ident),
        insns,
        &dsyms,
    ));
}

/// Listings 2 and 8 of a probe's stub: `insns` as generated, `linked` as loaded.
pub fn stub(
    bits: u64,
    probe: &str,
    insns: &[Insn],
    linked: &[Insn],
    relocs: &[Reloc],
    syms: &Symbols,
) {
    if bits & PROG != 0 {
        let dsyms = symbols(insns, relocs, false, syms);
        emit(&dis::listing("program", Some(probe), None, insns, &dsyms));
    }
    if bits & PROG_FINAL != 0 {
        let dsyms = symbols(linked, relocs, true, syms);
        emit(&dis::listing(
            "final program",
            Some(probe),
            None,
            linked,
            &dsyms,
        ));
    }
}

/// What a load of `map`'s value at `off` refers to: Oracle comments a string constant with its
/// text in quotes and a global variable with its name.
fn reference(map: MapRef, off: u32, syms: &Symbols) -> Option<String> {
    match map {
        MapRef::StrTab => {
            let rest = syms.strtab.get(off as usize..)?;
            let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
            Some(format!("\"{}\"", String::from_utf8_lossy(&rest[..end])))
        }
        MapRef::Globals => syms
            .globals
            .iter()
            .find(|g| g.offset == off)
            .map(|g| g.name.clone()),
        _ => None,
    }
}

impl crate::handle::Handle {
    /// `-S` with `-e` (compile only): listings 1 and 4 of `prog`'s clauses, generated as
    /// `go` would with nothing else enabled. Without `-S` nothing. The code is the same but for
    /// what only a session knows: an ERROR clause's chain has no slot yet. Errors of code
    /// generation are returned (`go` would report them).
    pub fn disassemble_unexecuted(
        &self,
        prog: crate::handle::ProgramId,
    ) -> crate::error::Result<()> {
        let Some(bits) = listings(&self.opts) else {
            return Ok(());
        };
        let Some(clauses) = self.programs.get(prog.0) else {
            return Ok(());
        };
        let opts = &self.opts;
        let ncpus = crate::load::possible_cpus().max(1) as u64;
        // As Session::start sizes the ring.
        let ring = (opts.bufsize.max(4096) * ncpus).min(1 << 30);
        let (recbuf, path) = crate::session_recbuf::choose(opts);
        let task = clauses
            .iter()
            .any(|c| c.uses(crate::check::ir::Builtin::Ppid) || crate::check::subr::uses_task(c));
        let target = crate::codegen::clause::Target {
            strsize: opts.string_slot(),
            ring_size: ring.max(1).next_power_of_two().max(1 << 16),
            task_real_parent: task
                .then(|| crate::btf_offsets::task_member("real_parent"))
                .flatten(),
            task_tgid: task
                .then(|| crate::btf_offsets::task_member("tgid"))
                .flatten(),
            dynvarsize: opts.dynvarsize,
            error_probe: (1..=3u32).find(|&id| {
                self.probes
                    .get(id)
                    .is_some_and(|p| p.kind == crate::provider::ProbeKind::Error)
            }),
            error_slot: None,
            nspec: (opts.nspec as u32).clamp(1, crate::codegen::spec_layout::MAX_NSPEC),
            scratchsize: crate::codegen::scratch::scratch_size(opts),
            recbuf,
        };
        let (codes, _, _) =
            crate::session_recbuf::compile_all(clauses, &self.syms, target, path, opts)?;
        self::clauses(bits, clauses, &codes, &self.syms);
        Ok(())
    }
}
