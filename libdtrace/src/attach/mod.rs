//! Attach: connect loaded programs to probes (tracepoints, perf events) and run BEGIN/END.
//!
//! Every attachment is a perf event descriptor (close-on-exec, never pinned), so the kernel
//! detaches everything when the process exits, however it exits.

mod kprobe;
mod perf;
pub mod tracefs;
mod uprobe;

pub use kprobe::attach_kprobe;
pub use perf::{
    attach_cpu_clock, attach_raw_tracepoint, attach_tracepoint, attach_tracepoint_with, detach_all,
    detach_all_with, detach_in_background, perf_event_open, AttachMethod, Link, PerfEventAttr,
    ATTR_DISABLED, PERF_COUNT_SW_CPU_CLOCK, PERF_TYPE_SOFTWARE, PERF_TYPE_TRACEPOINT,
};
pub use uprobe::attach_uprobe;
