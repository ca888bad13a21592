//! Which record transport a session uses, from the `recbuf` option and what the kernel offers.

use crate::codegen::recbuf::RecBuf;
use crate::options::{Options, RecBufOpt};

/// The transport for `opts`: the BPF ring buffer unless the perf ring buffer is asked for.
pub fn choose(opts: &Options) -> RecBuf {
    match opts.recbuf {
        RecBufOpt::Auto | RecBufOpt::Ring => RecBuf::Ring,
        RecBufOpt::Perf => RecBuf::PerfOutput,
    }
}
