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
//! An entry goes when its task is freed (a second hidden program, on `sched_process_free`),
//! not at the thread's last switch-out, which later programs on `sched_switch` still read;
//! an entry names its task so that a thread ID used again is not mistaken for the old one.
//! BEGIN and END run in dtrace's own thread: the session sleeps a microsecond after
//! attaching the keepers and before BEGIN so that the thread is switched in under tracing,
//! and detaches them only after END.
//!
//! What it cannot do: a thread not switched in since tracing began (one that has been
//! running on a CPU since before), or whose entry made room for others (more than
//! `MAX_THREADS` threads), reads the kernel's count, current as of the last tick. DTrace
//! subtracts the time its probes take; this does not: the time spent in probes counts as the
//! thread's, and so does the time in interrupts taken while it runs (which a kernel built
//! with IRQ_TIME_ACCOUNTING leaves out of its own count). Measured here: over 200 ms of
//! spinning, `vtimestamp` and the thread's CPU clock differ by less than 0.1%.

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
/// The raw tracepoints the keepers are attached to: each thread switched in and out, each
/// task freed.
const SWITCH: &str = "sched_switch";
const FREE: &str = "sched_process_free";

/// Where the routines find what they read in a `task_struct`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pid: u32,
    runtime: u32,
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
        let args = crate::provider::sdt::rawtp_arg_types(btf, SWITCH)?;
        Layout::from_parts(pid, runtime, &args)
    }

    /// From the offsets in bits (and bit-field sizes, 0 for none) of `task_struct`'s `pid`
    /// and `se.sum_exec_runtime`, and the C types of `sched_switch`'s arguments (`preempt,
    /// prev, next`, and since Linux 5.18 `prev_state`).
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
        Some(Layout {
            pid: byte(pid)?,
            runtime: byte(runtime)?,
        })
    }

    /// The offsets as `dt_vtime_switch` takes them: pid's low, the run time's high.
    fn packed(&self) -> u64 {
        self.pid as u64 | (self.runtime as u64) << 32
    }
}

/// R0 = the current thread's `vtimestamp`. Clobbers R1-R5; R6-R9 are kept.
pub fn emit_read(e: &mut Emitter, l: &Layout) {
    e.ld_map(R1, MapRef::Vtime);
    e.mov_imm(R2, l.runtime as i64);
    e.call_routine("dt_vtime");
}

/// The hidden programs keeping the map: on `sched_switch (preempt, prev, next, ...)`, and on
/// `sched_process_free (task)` (optional: without it, entries of threads that exited stay
/// until the map needs their room).
pub fn keepers(l: &Layout) -> Result<Vec<Keeper>, LinkError> {
    let l = *l;
    let switch = keeper::build(SWITCH, false, "dt_vtime", move |e| {
        e.emit(Insn::ldx(BPF_DW, R2, R1, 8));
        e.emit(Insn::ldx(BPF_DW, R3, R1, 16));
        e.ld_map(R1, MapRef::Vtime);
        e.mov_imm(R4, l.packed() as i64);
        e.call_routine("dt_vtime_switch");
    })?;
    let free = keeper::build(FREE, true, "dt_vtime", move |e| {
        e.emit(Insn::ldx(BPF_DW, R2, R1, 0));
        e.ld_map(R1, MapRef::Vtime);
        e.mov_imm(R3, l.pid as i64);
        e.call_routine("dt_vtime_free");
    })?;
    Ok(vec![switch, free])
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
        // Before Linux 5.18 there is no prev_state.
        assert!(Layout::from_parts(Some((8, 0)), Some((16, 0)), &args(&NOW[..3])).is_some());
        assert!(Layout::from_parts(None, Some((16, 0)), &args(&NOW)).is_none());
        assert!(Layout::from_parts(Some((8, 0)), Some((12, 0)), &args(&NOW)).is_none());
        assert!(Layout::from_parts(Some((8, 3)), Some((16, 0)), &args(&NOW)).is_none());
        assert!(Layout::from_parts(Some((8, 0)), Some((16, 0)), &args(&["bool"])).is_none());
    }

    #[test]
    fn keepers_pass_the_tasks_and_the_map() {
        let l = Layout::from_parts(Some((8 * 40, 0)), Some((8 * 300, 0)), &args(&NOW)).unwrap();
        let k = keepers(&l).unwrap();
        let events: Vec<&str> = k.iter().map(|k| k.event).collect();
        assert_eq!(events, ["sched_switch", "sched_process_free"]);
        assert!(!k[0].optional && k[1].optional);
        let loads = |k: &Keeper| -> Vec<i16> {
            k.insns
                .iter()
                .filter(|i| i.code == BPF_LDX | BPF_MEM | BPF_DW && i.src() == R1)
                .map(|i| i.off)
                .collect()
        };
        // prev and next; the freed task.
        assert_eq!(loads(&k[0]), [8, 16]);
        assert_eq!(loads(&k[1]), [0]);
        for p in &k {
            assert_eq!(p.relocs.len(), 1);
            assert!(p.relocs.iter().all(|r| r.map == MapRef::Vtime));
            // The routine is linked after the program's exit.
            assert!(p.insns.len() > 10);
        }
        assert!(k[0]
            .insns
            .iter()
            .any(|i| i.imm == 40 && i.code == BPF_LD | BPF_IMM | BPF_DW));
    }

    #[test]
    fn a_read_calls_dt_vtime_with_the_map_and_the_run_time_offset() {
        let l = Layout::from_parts(Some((8 * 40, 0)), Some((8 * 300, 0)), &args(&NOW)).unwrap();
        let mut e = Emitter::new();
        emit_read(&mut e, &l);
        e.emit(Insn::exit());
        let calls = std::mem::take(&mut e.routine_calls);
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].1, "dt_vtime");
        let (mut insns, relocs) = e.finish();
        assert_eq!(relocs.len(), 1);
        assert_eq!(relocs[0].map, MapRef::Vtime);
        assert!(insns
            .iter()
            .any(|i| i.code == BPF_ALU64 | BPF_MOV | BPF_K && i.dst() == R2 && i.imm == 300));
        let before = insns.len();
        crate::codegen::link::link(&mut insns, &calls).unwrap();
        assert!(insns.len() > before);
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
