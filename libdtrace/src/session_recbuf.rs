//! Which record transport and program layout a session uses, from the `recbuf` option and what
//! the kernel offers (`dtrace_type::detect`).

use crate::codegen::dtrace_type::{self as dt, Kfuncs};
use crate::codegen::recbuf::RecBuf;
use crate::options::{Options, RecBufOpt};

/// The transport for `opts`, and the kfuncs when the DTrace-type path is taken: `auto` and
/// `perf` take it on a kernel with the whole patch series; otherwise `perf` is the stock perf
/// path (scratch + `bpf_perf_event_output`) and `auto` the BPF ring buffer. `ring` never
/// probes the kernel.
pub fn choose(opts: &Options) -> (RecBuf, Option<Kfuncs>) {
    let patched = || crate::dtrace_type::detect().kfuncs;
    match opts.recbuf {
        RecBufOpt::Ring => (RecBuf::Ring, None),
        RecBufOpt::Auto => match patched() {
            Some(k) => (RecBuf::PerfReserve(k), Some(k)),
            None => (RecBuf::Ring, None),
        },
        RecBufOpt::Perf => match patched() {
            Some(k) => (RecBuf::PerfReserve(k), Some(k)),
            None => (RecBuf::PerfOutput, None),
        },
    }
}

/// Whether records of up to `max_record` bytes fit the patch's reservations; when they do not,
/// the session falls back to the stock path.
pub fn fits_reserve(max_record: u32) -> bool {
    max_record + dt::TRAILER <= dt::MAX_RESERVE
}

/// Compile every clause for `target`, whose transport `choose` gave along with `path` (the
/// kfuncs of the DTrace-type path). A clause whose record is too large for the patch's
/// reservations sends the whole session back to the stock path, compiled again. Returns the
/// code, the target it was compiled for, and the path's kfuncs when it is taken.
pub fn compile_all(
    enabled: &[crate::check::ir::TClause],
    syms: &crate::check::Symbols,
    mut target: crate::codegen::clause::Target,
    path: Option<Kfuncs>,
    opts: &Options,
) -> Result<
    (
        Vec<crate::codegen::clause::ClauseCode>,
        crate::codegen::clause::Target,
        Option<Kfuncs>,
    ),
    crate::error::CompileError,
> {
    let compile = |t| {
        enabled
            .iter()
            .map(|c| crate::codegen::clause::compile(c, syms, t))
            .collect::<Result<Vec<_>, _>>()
    };
    let codes = compile(target)?;
    let largest = codes.iter().map(|c| c.record_size).max().unwrap_or(0);
    if path.is_none() || fits_reserve(largest.max(crate::codegen::fault::fault_record::SIZE)) {
        return Ok((codes, target, path));
    }
    target.recbuf = match opts.recbuf {
        RecBufOpt::Perf => RecBuf::PerfOutput,
        _ => RecBuf::Ring,
    };
    Ok((compile(target)?, target, None))
}
