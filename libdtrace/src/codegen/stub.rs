//! Probe stubs: the small probe-specific program attached to each enabled probe. It fills the
//! machine state from the probe's context and tail-calls the first clause.

use super::emit::{Emitter, Reloc};
use super::insn::*;
use super::{mstate, state, MapRef};
pub use crate::provider::sdt::FieldLoad;
pub use crate::provider::usdt::{ArgLoc, ArgSpec};

/// x86-64 `struct pt_regs` offsets of the argument registers of the calling convention
/// (rdi, rsi, rdx, rcx, r8, r9), of rax and of rsp.
const PT_REGS_ARGS: [i16; 6] = [14 * 8, 13 * 8, 12 * 8, 11 * 8, 9 * 8, 8 * 8];
const PT_REGS_AX: i16 = 10 * 8;
const PT_REGS_SP: i16 = 19 * 8;
/// Stack slot the stub reads user memory into.
const READ_SLOT: i16 = -16;

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
    /// A tracepoint record (sdt): argument i from field `fields[i]`, for i < `n`.
    Tracepoint { n: u8, fields: [FieldLoad; 10] },
    /// A raw tracepoint: `nargs` u64 arguments at the start of the context.
    RawTracepoint { nargs: u8 },
    /// A uprobe at a function's entry (pid): arguments by the x86-64 calling convention.
    UprobeEntry,
    /// A uretprobe (pid return): arg0 = -1 (no return offset is known), arg1 = the return
    /// value.
    UprobeReturn,
    /// A usdt probe: argument i from `args[i]`, for i < `n`.
    Usdt { n: u8, args: [ArgSpec; 10] },
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
    /// On a kernel with the DTrace program type: the BTF id of `bpf_dtrace_call`, which runs
    /// the clauses instead of a tail call (see `dtrace_type`).
    pub dtrace_call: Option<u32>,
    /// A receive probe on `netif_receive_skb` whose clauses read its socket: `arg1` is the
    /// socket the packet is for, looked up in the socket table for protocol `.1`
    /// (`socktab`).
    pub sock_lookup: Option<(super::socktab::Layout, u8)>,
    /// `-x cpu=N`: fire only on CPU N.
    pub only_cpu: Option<u32>,
}

pub fn generate(s: &StubSpec) -> Result<(Vec<Insn>, Vec<Reloc>), super::link::LinkError> {
    let mut e = Emitter::new();
    let out = e.label();
    e.emit(Insn::mov64_reg(R9, R1));
    if !s.ignore_stop {
        e.ld_map_value(R1, MapRef::State, 0);
        e.emit(Insn::ldx(BPF_W, R1, R1, state::ACTIVITY));
        e.jne_imm(R1, 0, out);
    }
    if let Some(cpu) = s.only_cpu {
        e.call(helper::GET_SMP_PROCESSOR_ID);
        e.jne_imm(R0, cpu as i32, out);
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
        ArgSource::Tracepoint { n, fields } => {
            for i in (0..n as i16).filter(|&i| used(i)) {
                tracepoint_field(&mut e, fields[i as usize]);
                e.emit(Insn::stx(BPF_DW, R6, arg(i), R1));
            }
            filled = n as i16;
        }
        ArgSource::RawTracepoint { nargs } => {
            for i in (0..nargs as i16).filter(|&i| used(i)) {
                e.emit(Insn::ldx(BPF_DW, R1, R9, 8 * i));
                e.emit(Insn::stx(BPF_DW, R6, arg(i), R1));
            }
            filled = nargs as i16;
        }
        ArgSource::UprobeEntry => {
            for i in (0..6i16).filter(|&i| used(i)) {
                e.emit(Insn::ldx(BPF_DW, R1, R9, PT_REGS_ARGS[i as usize]));
                e.emit(Insn::stx(BPF_DW, R6, arg(i), R1));
            }
            // Arguments 7 on are on the stack, above the return address.
            for i in (6..10i16).filter(|&i| used(i)) {
                let spec = ArgSpec {
                    size: 8,
                    signed: false,
                    loc: ArgLoc::Mem {
                        reg: PT_REGS_SP,
                        disp: 8 * (i as i32 - 5),
                    },
                };
                usdt_arg(&mut e, spec);
                e.emit(Insn::stx(BPF_DW, R6, arg(i), R1));
            }
            filled = 10;
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
        ArgSource::UprobeReturn | ArgSource::KprobeReturn => {
            if used(0) {
                e.emit(Insn::st(BPF_DW, R6, arg(0), -1));
            }
            if used(1) {
                e.emit(Insn::ldx(BPF_DW, R1, R9, PT_REGS_AX));
                e.emit(Insn::stx(BPF_DW, R6, arg(1), R1));
            }
            filled = 2;
        }
        ArgSource::Usdt { n, args } => {
            for i in (0..n as i16).filter(|&i| used(i)) {
                usdt_arg(&mut e, args[i as usize]);
                e.emit(Insn::stx(BPF_DW, R6, arg(i), R1));
            }
            filled = n as i16;
        }
    }
    for i in (filled..10).filter(|&i| used(i)) {
        e.emit(Insn::st(BPF_DW, R6, arg(i), 0));
    }
    if s.errno_used && !matches!(s.args, ArgSource::SyscallReturn { .. }) {
        e.emit(Insn::st(BPF_DW, R6, mstate::ERRNO, 0));
    }
    if let Some((layout, proto)) = &s.sock_lookup {
        super::socktab::emit_lookup(&mut e, layout, *proto);
        e.emit(Insn::stx(BPF_DW, R6, arg(1), R0));
    }
    if let Some(call) = s.dtrace_call {
        super::dtrace_type::emit_call(&mut e, call, s.slot);
    } else {
        e.emit(Insn::mov64_reg(R1, R9));
        e.ld_map(R2, MapRef::ProgArray);
        e.mov_imm(R3, s.slot as i64);
        e.call(helper::TAIL_CALL);
    }
    e.bind(out);
    e.emit(Insn::mov64_imm(R0, 0));
    e.emit(Insn::exit());
    let calls = std::mem::take(&mut e.routine_calls);
    let (mut insns, relocs) = e.finish();
    super::link::link(&mut insns, &calls)?;
    Ok((insns, relocs))
}

/// R1 = a tracepoint field (R9 is the record).
fn tracepoint_field(e: &mut Emitter, f: FieldLoad) {
    match f {
        FieldLoad::Scalar {
            offset,
            size,
            signed,
        } => {
            let sz = match size {
                1 => BPF_B,
                2 => BPF_H,
                4 => BPF_W,
                _ => BPF_DW,
            };
            e.emit(Insn::ldx(sz, R1, R9, offset as i16));
            if signed && size < 8 {
                let sh = 64 - 8 * size as i32;
                e.emit(Insn::alu64_imm(BPF_LSH, R1, sh));
                e.emit(Insn::alu64_imm(BPF_ARSH, R1, sh));
            }
        }
        FieldLoad::Addr { offset } => {
            e.emit(Insn::mov64_reg(R1, R9));
            e.emit(Insn::alu64_imm(BPF_ADD, R1, offset as i32));
        }
        FieldLoad::DataLoc { offset } => {
            // The low 16 bits locate the data from the start of the record.
            e.emit(Insn::ldx(BPF_W, R2, R9, offset as i16));
            e.emit(Insn::alu64_imm(BPF_AND, R2, 0xffff));
            e.emit(Insn::mov64_reg(R1, R9));
            e.emit(Insn::alu64_reg(BPF_ADD, R1, R2));
        }
    }
}

/// R1 = a usdt argument (R9 is the uprobe's pt_regs). Clobbers R1-R5.
fn usdt_arg(e: &mut Emitter, a: ArgSpec) {
    match a.loc {
        ArgLoc::Imm(v) => {
            e.mov_imm(R1, v);
            return;
        }
        ArgLoc::Reg(off) => e.emit(Insn::ldx(BPF_DW, R1, R9, off)),
        ArgLoc::Mem { reg, disp } => {
            // A fault leaves the slot zeroed: the argument reads as 0.
            e.emit(Insn::st(BPF_DW, FP, READ_SLOT, 0));
            e.emit(Insn::ldx(BPF_DW, R3, R9, reg));
            e.emit(Insn::alu64_imm(BPF_ADD, R3, disp));
            e.emit(Insn::mov64_reg(R1, FP));
            e.emit(Insn::alu64_imm(BPF_ADD, R1, READ_SLOT as i32));
            e.mov_imm(R2, a.size as i64);
            e.call(helper::PROBE_READ_USER);
            e.emit(Insn::ldx(BPF_DW, R1, FP, READ_SLOT));
        }
        ArgLoc::Indexed {
            base,
            index,
            scale,
            disp,
        } => {
            e.emit(Insn::st(BPF_DW, FP, READ_SLOT, 0));
            match base {
                Some(b) => e.emit(Insn::ldx(BPF_DW, R3, R9, b)),
                None => e.mov_imm(R3, 0),
            }
            e.emit(Insn::ldx(BPF_DW, R4, R9, index));
            // Scales are 1, 2, 4 or 8 (the parser checks): a shift.
            e.emit(Insn::alu64_imm(BPF_LSH, R4, scale.trailing_zeros() as i32));
            e.emit(Insn::alu64_reg(BPF_ADD, R3, R4));
            e.emit(Insn::alu64_imm(BPF_ADD, R3, disp));
            e.emit(Insn::mov64_reg(R1, FP));
            e.emit(Insn::alu64_imm(BPF_ADD, R1, READ_SLOT as i32));
            e.mov_imm(R2, a.size as i64);
            e.call(helper::PROBE_READ_USER);
            e.emit(Insn::ldx(BPF_DW, R1, FP, READ_SLOT));
        }
        ArgLoc::PcRel { disp } => {
            e.emit(Insn::st(BPF_DW, FP, READ_SLOT, 0));
            // The probe's address in the process (bpf_get_func_ip of a uprobe), wherever the
            // object is loaded.
            e.emit(Insn::mov64_reg(R1, R9));
            e.call(helper::GET_FUNC_IP);
            e.emit(Insn::mov64_reg(R3, R0));
            e.emit(Insn::alu64_imm(BPF_ADD, R3, disp));
            e.emit(Insn::mov64_reg(R1, FP));
            e.emit(Insn::alu64_imm(BPF_ADD, R1, READ_SLOT as i32));
            e.mov_imm(R2, a.size as i64);
            e.call(helper::PROBE_READ_USER);
            e.emit(Insn::ldx(BPF_DW, R1, FP, READ_SLOT));
        }
    }
    if a.size < 8 {
        let sh = 64 - 8 * a.size as i32;
        e.emit(Insn::alu64_imm(BPF_LSH, R1, sh));
        let op = if a.signed { BPF_ARSH } else { BPF_RSH };
        e.emit(Insn::alu64_imm(op, R1, sh));
    }
}
