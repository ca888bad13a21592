//! Probe stubs: the small probe-specific program attached to each enabled probe. It fills the
//! machine state from the probe's context and tail-calls the first clause.

use super::emit::{Emitter, Reloc};
use super::insn::*;
use super::{mstate, state, MapRef};

/// Where a probe's arguments come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgSource {
    /// No arguments (BEGIN, END).
    None,
    /// A `sys_enter_*` tracepoint: `nargs` 8-byte arguments from `offset` in the record.
    SyscallEntry { offset: i16, nargs: u8 },
    /// A `sys_exit_*` tracepoint: the return value at `offset`; arg0 = arg1 = it, and errno.
    SyscallReturn { offset: i16 },
    /// A perf event (profile/tick): arg0 = kernel PC (0 in user mode), arg1 = user PC (0 in
    /// the kernel).
    PerfEvent,
    /// A kprobe on a function's entry (x86-64 `pt_regs`): arguments 0-5 from their registers,
    /// the rest from the stack above the return address.
    KprobeEntry,
    /// A kretprobe: arg0 = -1 (the returning instruction is gone by then, as in Oracle's fbt),
    /// arg1 = the return value.
    KprobeReturn,
}

/// x86-64 `struct pt_regs` offsets of `ip` and `cs` (the perf event context starts with it).
const PT_REGS_IP: i16 = 16 * 8;
const PT_REGS_CS: i16 = 17 * 8;
/// x86-64 `struct pt_regs` offsets of the argument registers (di, si, dx, cx, r8, r9), of ax
/// (the return value) and of sp.
const PT_REGS_ARGS: [i16; 6] = [14 * 8, 13 * 8, 12 * 8, 11 * 8, 9 * 8, 8 * 8];
const PT_REGS_AX: i16 = 10 * 8;
const PT_REGS_SP: i16 = 19 * 8;

pub struct StubSpec {
    pub probe_id: u32,
    /// The first clause's tail-call slot.
    pub slot: u32,
    pub args: ArgSource,
    /// Fire even after tracing stopped (END).
    pub ignore_stop: bool,
    /// Bit i: some clause on this probe reads `argi`. Other arguments are not stored: the
    /// stub's work is paid on every firing.
    pub args_used: u16,
    /// Some clause on this probe reads `errno`.
    pub errno_used: bool,
}

pub fn generate(s: &StubSpec) -> (Vec<Insn>, Vec<Reloc>) {
    let mut e = Emitter::new();
    let out = e.label();
    e.emit(Insn::mov64_reg(R9, R1));
    if !s.ignore_stop {
        e.ld_map_value(R1, MapRef::State, 0);
        e.emit(Insn::ldx(BPF_W, R1, R1, state::ACTIVITY));
        e.jne_imm(R1, 0, out);
    }
    e.emit(Insn::st(BPF_W, FP, -8, 0));
    e.ld_map(R1, MapRef::MState);
    e.emit(Insn::mov64_reg(R2, FP));
    e.emit(Insn::alu64_imm(BPF_ADD, R2, -8));
    e.call(helper::MAP_LOOKUP_ELEM);
    e.jeq_imm(R0, 0, out);
    e.emit(Insn::mov64_reg(R6, R0));
    e.mov_imm(R1, s.slot as i64);
    e.emit(Insn::stx(BPF_W, R6, mstate::SLOT, R1));
    e.mov_imm(R1, s.probe_id as i64);
    e.emit(Insn::stx(BPF_W, R6, mstate::PROBE, R1));
    let arg = |i: i16| mstate::ARGS + 8 * i;
    let used = |i: i16| s.args_used & (1 << i) != 0;
    // Arguments beyond the probe's arity read as 0.
    let mut filled = 0i16;
    match s.args {
        ArgSource::None => {}
        ArgSource::SyscallEntry { offset, nargs } => {
            for i in (0..nargs as i16).filter(|&i| used(i)) {
                e.emit(Insn::ldx(BPF_DW, R1, R9, offset + 8 * i));
                e.emit(Insn::stx(BPF_DW, R6, arg(i), R1));
            }
            filled = nargs as i16;
        }
        ArgSource::SyscallReturn { .. } if !used(0) && !used(1) && !s.errno_used => {
            filled = 2;
        }
        ArgSource::SyscallReturn { offset } => {
            let ok = e.label();
            e.emit(Insn::ldx(BPF_DW, R1, R9, offset));
            e.emit(Insn::stx(BPF_DW, R6, arg(0), R1));
            e.emit(Insn::stx(BPF_DW, R6, arg(1), R1));
            filled = 2;
            // errno = -ret for returns in (-2048, 0), else 0, as Oracle Linux DTrace does.
            e.emit(Insn::mov64_imm(R2, 0));
            e.jump(Insn::jmp_imm(BPF_JSGE, R1, 0, 0), ok);
            e.jump(Insn::jmp_imm(BPF_JSLE, R1, -2048, 0), ok);
            e.emit(Insn::mov64_reg(R2, R1));
            e.emit(Insn::alu64_imm(BPF_NEG, R2, 0));
            e.bind(ok);
            e.emit(Insn::stx(BPF_DW, R6, mstate::ERRNO, R2));
        }
        ArgSource::PerfEvent => {
            let user = e.label();
            let done = e.label();
            e.emit(Insn::ldx(BPF_DW, R1, R9, PT_REGS_IP));
            e.emit(Insn::ldx(BPF_DW, R2, R9, PT_REGS_CS));
            e.emit(Insn::alu64_imm(BPF_AND, R2, 3));
            e.jne_imm(R2, 0, user);
            e.emit(Insn::stx(BPF_DW, R6, arg(0), R1));
            e.emit(Insn::st(BPF_DW, R6, arg(1), 0));
            e.ja(done);
            e.bind(user);
            e.emit(Insn::st(BPF_DW, R6, arg(0), 0));
            e.emit(Insn::stx(BPF_DW, R6, arg(1), R1));
            e.bind(done);
            filled = 2;
        }
        ArgSource::KprobeEntry => {
            for (i, &off) in PT_REGS_ARGS.iter().enumerate() {
                if used(i as i16) {
                    e.emit(Insn::ldx(BPF_DW, R1, R9, off));
                    e.emit(Insn::stx(BPF_DW, R6, arg(i as i16), R1));
                }
            }
            // Arguments 6 and up were pushed by the caller: at sp + 8 (above the return
            // address), sp + 16... A failed read leaves 0.
            for i in (6..10i16).filter(|&i| used(i)) {
                e.emit(Insn::mov64_reg(R1, R6));
                e.emit(Insn::alu64_imm(BPF_ADD, R1, arg(i) as i32));
                e.emit(Insn::mov64_imm(R2, 8));
                e.emit(Insn::ldx(BPF_DW, R3, R9, PT_REGS_SP));
                e.emit(Insn::alu64_imm(BPF_ADD, R3, 8 * (i as i32 - 5)));
                e.call(helper::PROBE_READ_KERNEL);
            }
            filled = 10;
        }
        ArgSource::KprobeReturn => {
            if used(0) {
                e.emit(Insn::st(BPF_DW, R6, arg(0), -1));
            }
            if used(1) {
                e.emit(Insn::ldx(BPF_DW, R1, R9, PT_REGS_AX));
                e.emit(Insn::stx(BPF_DW, R6, arg(1), R1));
            }
            filled = 2;
        }
    }
    for i in (filled..10).filter(|&i| used(i)) {
        e.emit(Insn::st(BPF_DW, R6, arg(i), 0));
    }
    if s.errno_used && !matches!(s.args, ArgSource::SyscallReturn { .. }) {
        e.emit(Insn::st(BPF_DW, R6, mstate::ERRNO, 0));
    }
    e.emit(Insn::mov64_reg(R1, R9));
    e.ld_map(R2, MapRef::ProgArray);
    e.mov_imm(R3, s.slot as i64);
    e.call(helper::TAIL_CALL);
    e.bind(out);
    e.emit(Insn::mov64_imm(R0, 0));
    e.emit(Insn::exit());
    e.finish()
}
