//! `vtimestamp`: the nanoseconds the current thread has spent running on a CPU.
//!
//! The kernel counts a thread's run time in `task->se.sum_exec_runtime`, but brings it up to
//! date only at ticks, context switches and a few scheduler events: read alone it moves in
//! steps of a tick (4 ms at HZ=250), and a syscall's entry and return usually read the same
//! value. So, when a clause reads `vtimestamp`, the session adds a hidden program
//! (`codegen::keeper`) on the `sched_switch` raw tracepoint that keeps, per thread, in an LRU
//! hash by thread ID (`MapRef::Vtime`), when the thread was last switched in
//! (`bpf_ktime_get_ns()`) and how long it had run then; `vtimestamp` is that run time plus the
//! time since (`bpf/vtime.c`). At a switch-out the thread keeps the larger of our count and
//! the kernel's, so a thread's `vtimestamp` never goes back.
//!
//! A thread's task storage would suit better than a map by ID, but the raw tracepoint's
//! `next` is a plain number to the verifier (not a trusted `task_struct` pointer, which only a
//! `tp_btf` program gets), and `sched_switch` runs on behalf of `prev`.
//!
//! What it cannot do: a thread not switched in since tracing began (one that has been running
//! since before, BEGIN's thread), or whose entry made room for others (more than
//! `MAX_THREADS` threads), reads the kernel's count, current as of the last tick. DTrace
//! subtracts the time its probes take; this does not: the time spent in probes (and, unlike
//! the kernel's count, in interrupts taken while the thread runs) counts as the thread's.

use super::emit::Emitter;
use super::insn::*;
use super::keeper::{self, Keeper};
use super::link::LinkError;
use super::MapRef;

/// The map's key: a thread ID.
pub const KEY_SIZE: u32 = 4;
/// `struct dt_vtime` of bpf/vtime.c: the task, its run time, when it was switched in.
pub const VALUE_SIZE: u32 = 24;
/// How many threads the map holds; beyond that the least recently switched in make room.
pub const MAX_THREADS: u32 = 1 << 16;
/// The raw tracepoint the keeper is attached to.
pub const EVENT: &str = "sched_switch";

/// Where the routines find what they read in a `task_struct`, and whether `sched_switch`
/// passes `prev_state` (Linux 5.18 added it), which says when a thread is switched out for
/// the last time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pid: u32,
    runtime: u32,
    has_state: bool,
}

impl Layout {
    /// From the running kernel's BTF; `None` without BTF, or when `task_struct` or
    /// `sched_switch` are not as this expects.
    pub fn from_vmlinux() -> Option<Layout> {
        let btf = crate::check::types::kernel_btf()?;
        let task = btf.find_struct("task_struct")?;
        let member = |id, name| {
            btf.member(id, name)
                .map(|m| (m.bit_offset, m.bitfield_size, m.type_id))
        };
        let pid = member(task, "pid").map(|m| (m.0, m.1));
        let runtime = member(task, "se").and_then(|(se_bits, size, se_ty)| {
            let (bits, rsize, _) = member(se_ty, "sum_exec_runtime")?;
            (size == 0).then_some((se_bits + bits, rsize))
        });
        let args = crate::provider::sdt::rawtp_arg_types(btf, EVENT)?;
        Layout::from_parts(pid, runtime, &args)
    }

    /// From the offsets in bits (and bit-field sizes, 0 for none) of `task_struct`'s `pid`
    /// and `se.sum_exec_runtime`, and the C types of `sched_switch`'s arguments.
    pub fn from_parts(
        pid: Option<(u32, u8)>,
        runtime: Option<(u32, u8)>,
        args: &[String],
    ) -> Option<Layout> {
        let byte = |m: Option<(u32, u8)>| match m {
            Some((bits, 0)) if bits % 8 == 0 => Some(bits / 8),
            _ => None,
        };
        let task = |i: usize| args.get(i).is_some_and(|t| t.contains("task_struct *"));
        if !task(1) || !task(2) {
            return None;
        }
        let has_state = args.get(3).is_some_and(|t| !t.contains('*'));
        Some(Layout {
            pid: byte(pid)?,
            runtime: byte(runtime)?,
            has_state,
        })
    }

    /// The offsets as `dt_vtime_switch` takes them: pid's low, the run time's high.
    fn packed(&self) -> u64 {
        self.pid as u64 | (self.runtime as u64) << 32
    }
}

/// `prev_state` of a thread switched out for the last time (`TASK_DEAD`).
const TASK_DEAD: i32 = 0x80;

/// R0 = the current thread's `vtimestamp`. Clobbers R1-R5; R6-R9 are kept.
pub fn emit_read(e: &mut Emitter, l: &Layout) {
    e.ld_map(R1, MapRef::Vtime);
    e.mov_imm(R2, l.runtime as i64);
    e.call_routine("dt_vtime");
}

/// The hidden program on `sched_switch (preempt, prev, next[, prev_state])` keeping the map.
pub fn keeper(l: &Layout) -> Result<Keeper, LinkError> {
    let l = *l;
    keeper::build(EVENT, false, "dt_vtime", move |e| {
        e.emit(Insn::mov64_reg(R6, R1));
        // R4 = whether prev is dead: not preempted, and TASK_DEAD in prev_state.
        e.emit(Insn::mov64_imm(R4, 0));
        if l.has_state {
            let alive = e.label();
            e.emit(Insn::ldx(BPF_DW, R5, R6, 0));
            e.emit(Insn::alu64_imm(BPF_AND, R5, 1));
            e.jne_imm(R5, 0, alive);
            e.emit(Insn::ldx(BPF_DW, R4, R6, 24));
            e.emit(Insn::alu64_imm(BPF_AND, R4, TASK_DEAD));
            e.bind(alive);
        }
        e.ld_map(R1, MapRef::Vtime);
        e.emit(Insn::ldx(BPF_DW, R2, R6, 8));
        e.emit(Insn::ldx(BPF_DW, R3, R6, 16));
        e.mov_imm(R5, l.packed() as i64);
        e.call_routine("dt_vtime_switch");
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    const NOW: [&str; 4] = [
        "bool",
        "struct task_struct *",
        "struct task_struct *",
        "unsigned int",
    ];

    #[test]
    fn layout_needs_byte_offsets_and_task_arguments() {
        let l = Layout::from_parts(Some((8 * 1000, 0)), Some((8 * 200, 0)), &args(&NOW)).unwrap();
        assert_eq!(l.packed(), 1000 | 200 << 32);
        assert!(l.has_state);
        // Before Linux 5.18 there is no prev_state.
        let old = Layout::from_parts(Some((8, 0)), Some((16, 0)), &args(&NOW[..3])).unwrap();
        assert!(!old.has_state);
        assert!(Layout::from_parts(None, Some((16, 0)), &args(&NOW)).is_none());
        assert!(Layout::from_parts(Some((8, 0)), Some((12, 0)), &args(&NOW)).is_none());
        assert!(Layout::from_parts(Some((8, 3)), Some((16, 0)), &args(&NOW)).is_none());
        assert!(Layout::from_parts(Some((8, 0)), Some((16, 0)), &args(&["bool"])).is_none());
    }

    #[test]
    fn keeper_reads_prev_state_only_where_the_kernel_passes_it() {
        let reads_ctx = |k: &Keeper, off: i16| {
            k.insns.iter().any(|i| {
                i.code == BPF_LDX | BPF_MEM | BPF_DW && i.src() == R6 && i.off == off
            })
        };
        let new = Layout::from_parts(Some((8, 0)), Some((16, 0)), &args(&NOW)).unwrap();
        let old = Layout::from_parts(Some((8, 0)), Some((16, 0)), &args(&NOW[..3])).unwrap();
        let k = keeper(&new).unwrap();
        assert_eq!(k.event, "sched_switch");
        assert!(reads_ctx(&k, 24) && reads_ctx(&k, 16) && reads_ctx(&k, 8));
        assert!(!reads_ctx(&keeper(&old).unwrap(), 24));
        assert_eq!(k.relocs.len(), 1);
        assert!(k.relocs.iter().all(|r| r.map == MapRef::Vtime));
    }

    #[test]
    fn this_kernel_has_the_layout() {
        let Some(btf) = crate::check::types::kernel_btf() else {
            return; // no BTF on this machine
        };
        let l = Layout::from_vmlinux().expect("task_struct and sched_switch as expected");
        let task = btf.find_struct("task_struct").unwrap();
        assert_eq!(l.pid, btf.member(task, "pid").unwrap().byte_offset());
        assert!(l.runtime > btf.member(task, "se").unwrap().byte_offset());
    }
}
