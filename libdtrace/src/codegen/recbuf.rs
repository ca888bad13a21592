//! How a clause gets its record to the consumer: reserve, direct stores into R7, then commit
//! or discard. Three transports share that shape:
//!
//! - `Ring`: `bpf_ringbuf_reserve` / `bpf_ringbuf_submit` / `bpf_ringbuf_discard` on the BPF
//!   ring buffer shared by all CPUs (stock kernels, the default).
//! - `PerfOutput`: the perf ring buffer on a stock kernel. There is no reservation there, so
//!   the record is built in a per-CPU scratch map value and copied out by
//!   `bpf_perf_event_output(ctx, map, BPF_F_CURRENT_CPU, rec, size)`; discarding is simply
//!   not sending it. A refused output (full ring) is counted as a buffer drop.
//! - `PerfReserve`: the perf ring buffer through the kernel patch's reserve/commit kfuncs
//!   (see `dtrace_type`), written in place like the BPF ring buffer.

use super::clause::Gen;
use super::emit::Label;
use super::insn::*;
use super::{drops, MapRef};

/// The record transport the generated code uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecBuf {
    Ring,
    PerfOutput,
    PerfReserve(super::dtrace_type::Kfuncs),
}

/// `bpf_perf_event_output` flag: the ring of the CPU the program runs on.
const BPF_F_CURRENT_CPU: u64 = 0xffff_ffff;

impl<'a> Gen<'a> {
    /// Reserve a record of `size` bytes: R7 points to it afterwards. When there is no room the
    /// drop is counted and control goes to `fail`.
    pub(super) fn rec_reserve(&mut self, size: u32, fail: Label) {
        let reserved = self.e.label();
        self.rec_len = size;
        match self.t.recbuf {
            RecBuf::Ring => {
                self.e.ld_map(R1, MapRef::RingBuf);
                self.e.mov_imm(R2, size as i64);
                self.e.emit(Insn::mov64_imm(R3, 0));
                self.e.call(helper::RINGBUF_RESERVE);
            }
            RecBuf::PerfOutput => {
                self.e.emit(Insn::st(BPF_W, FP, -8, 0));
                self.e.ld_map(R1, MapRef::RecScratch);
                self.e.emit(Insn::mov64_reg(R2, FP));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R2, -8));
                self.e.call(helper::MAP_LOOKUP_ELEM);
            }
            RecBuf::PerfReserve(k) => self.perf_reserve(k, size),
        }
        self.e.jne_imm(R0, 0, reserved);
        self.count_drop(drops::BUFFER);
        self.e.ja(fail);
        self.e.bind(reserved);
        self.e.emit(Insn::mov64_reg(R7, R0));
    }

    /// Give up the record in R7.
    pub(super) fn rec_discard(&mut self) {
        match self.t.recbuf {
            RecBuf::Ring => {
                self.e.emit(Insn::mov64_reg(R1, R7));
                self.e.emit(Insn::mov64_imm(R2, 0));
                self.e.call(helper::RINGBUF_DISCARD);
            }
            // The scratch value is simply reused by the next record.
            RecBuf::PerfOutput => {}
            RecBuf::PerfReserve(k) => self.perf_discard(k),
        }
    }

    /// Send the record in R7 (of the size last reserved) on the perf transports, then `wake`
    /// the consumer at once if asked (records with `exit()`). The BPF ring buffer's commit,
    /// with its wakeup policy, is `Gen::submit`.
    pub(super) fn rec_commit_perf(&mut self, wake: bool) {
        match self.t.recbuf {
            RecBuf::Ring => {}
            RecBuf::PerfOutput => {
                let sent = self.e.label();
                self.e.emit(Insn::mov64_reg(R1, R9));
                self.e.ld_map(R2, MapRef::RingBuf);
                self.e.emit2(Insn::ld_imm64(R3, BPF_F_CURRENT_CPU));
                self.e.emit(Insn::mov64_reg(R4, R7));
                self.e.mov_imm(R5, self.rec_len as i64);
                self.e.call(helper::PERF_EVENT_OUTPUT);
                self.e.jump(Insn::jmp_imm(BPF_JSGE, R0, 0, 0), sent);
                self.count_drop(drops::BUFFER);
                self.e.bind(sent);
            }
            RecBuf::PerfReserve(k) => self.perf_commit(k),
        }
        if wake && self.t.recbuf != RecBuf::Ring {
            self.e.emit(Insn::st(BPF_DW, FP, -8, 0));
            self.e.ld_map(R1, MapRef::Wake);
            self.e.emit(Insn::mov64_reg(R2, FP));
            self.e.emit(Insn::alu64_imm(BPF_ADD, R2, -8));
            self.e.emit(Insn::mov64_imm(R3, 8));
            self.e.emit(Insn::mov64_imm(R4, BPF_RB_FORCE_WAKEUP));
            self.e.call(helper::RINGBUF_OUTPUT);
        }
    }
}
