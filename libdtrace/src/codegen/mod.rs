//! Codegen: BPF instructions for stubs and clause action programs.
//!
//! A probe firing runs the probe's stub (`stub`), which fills the per-CPU machine state and
//! tail-calls the first clause enabled on the probe; each clause (`clause`) runs its predicate
//! and actions and tail-calls the next. The clause programs are probe-independent: everything
//! probe-specific is read from the machine state.
//!
//! Tail-call slots: probe P with clauses c1..cn owns slots `base_P .. base_P + n` of the
//! prog array; slot `base_P + i` holds clause i's program and slot `base_P + n` stays empty, so
//! the last clause's tail call falls through. The slot number doubles as the EPID of the
//! (probe, clause) pair, so an action program learns its EPID from the machine state.

mod actions;
pub use actions::spec as spec_layout;
mod agg;
mod bitfield;
mod aggops;
pub mod clause;
pub mod emit;
mod expr;
mod globals;
pub mod scratch;
pub mod fault;
mod ifelse;
pub mod vars;
mod hist;
pub mod insn;
mod mem;
pub mod link;
pub mod stub;
pub mod subr;
pub mod recbuf;
pub mod dtrace_type;
mod uregs;
mod nullstr;
pub mod dis;
pub mod socktab;
pub mod keeper;
pub mod vtime;

/// The maps a program can name; the linker replaces each with the fd of the map created for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MapRef {
    /// Per-CPU machine state (see `mstate`).
    MState,
    /// Global variables (one array element).
    Globals,
    /// String constants (one array element, read-only).
    StrTab,
    /// The output ring buffer.
    RingBuf,
    /// The clause programs, by slot (one prog array per program type).
    ProgArray,
    /// Tracing state shared by all CPUs (see `state`).
    State,
    /// Per-CPU drop counters (see `drops`).
    Drops,
    /// Probe names by probe ID, for `probeprov` and friends.
    ProbeNames,
    /// Aggregation by ID.
    Agg(u32),
    /// Dynamic variable (thread-local or associative array) by index into `Symbols::dyns`.
    Dyn(u32),
    /// Per-CPU state of subroutines that outlives a clause (`strtok`), see `subr::state_size`.
    SubrState,
    /// Speculation buffer states and the failed-speculation counter (see `actions::spec`).
    Spec,
    /// Read-only zeroes, as large as the largest histogram value: the initial value of a
    /// histogram key.
    Zeroes,
    /// Per-CPU scratch where a record is built before `bpf_perf_event_output` copies it into
    /// the perf ring buffer (`recbuf::RecBuf::PerfOutput`).
    RecScratch,
    /// The `BPF_F_DTRACE_PROG_ARRAY` prog array `bpf_dtrace_call` runs clauses from
    /// (`dtrace_type`): each probe's first clause, at its slot.
    DtraceCall,
    /// A one-page BPF ring buffer the perf transports write a word into, with a forced
    /// wakeup, after a record that calls `exit()`: perf rings wake by watermark only.
    Wake,
    /// The sockets of connections by addresses and ports, for the receive probes (`socktab`).
    SockTab,
    /// Per thread: when it was switched in and its run time then, for `vtimestamp` (`vtime`).
    Vtime,
}

/// Layout of the per-CPU machine state.
pub mod mstate {
    /// u32: the current tail-call slot, which is the EPID of the running clause.
    pub const SLOT: i16 = 0;
    /// u32: the probe ID.
    pub const PROBE: i16 = 4;
    /// u64 × 10: arg0..arg9.
    pub const ARGS: i16 = 8;
    /// u64: errno of the syscall return probe.
    pub const ERRNO: i16 = 88;
    /// Start of per-clause scratch space (strings, keys, aggregation values).
    pub const SCRATCH: u32 = 96;
    /// The most the state can be: a per-CPU map value is at most 32 KB (the kernel's
    /// PCPU_MIN_UNIT_SIZE), and offsets into it must fit BPF's signed 16-bit displacements.
    pub const MAX_SIZE: u32 = 32760;
}

/// Layout of the shared state map's value.
pub mod state {
    /// u32: 0 while tracing, 1 once `exit()` ran or the consumer stopped tracing.
    pub const ACTIVITY: i16 = 0;
    /// i64: CLOCK_REALTIME minus CLOCK_MONOTONIC in ns, for `walltimestamp`.
    pub const WALL_OFFSET: i16 = 8;
    /// u64: bytes of dynamic variable space in use (bounded by `dynvarsize`).
    pub const DYN_USED: i16 = 16;
    pub const SIZE: u32 = 24;
}

/// Layout of the per-CPU drop counters.
pub mod drops {
    /// u64: records lost because the ring buffer was full.
    pub const BUFFER: i16 = 0;
    /// u64: aggregation updates lost because the aggregation map was full.
    pub const AGG: i16 = 8;
    /// u64: dynamic variable stores dropped because `dynvarsize` was exhausted.
    pub const DYN: i16 = 16;
    /// u64: faults inside ERROR clauses (not reported through ERROR again).
    pub const DBLERR: i16 = 24;
    pub const SIZE: u32 = 32;
}

/// Offsets of the four names in a `ProbeNames` value; each is a `strsize` slot.
pub fn probe_name_offset(field: u32, strsize: u32) -> u32 {
    field * strsize
}
