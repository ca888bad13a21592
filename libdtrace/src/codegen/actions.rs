//! Code for the actions of check/actions2.rs: stacks (bpf_get_stack into the record), symbol
//! addresses, tracemem, speculations, and the destructive actions run in the kernel (raise,
//! stop, copyout). `system()` and `freopen()` only record their arguments: the consumer runs them.

use std::sync::Arc;

use super::clause::{cerr, Gen};
use super::insn::*;
use super::MapRef;
use crate::check::ir::*;
use crate::check::ir_act::ActStmt;
use crate::error::CompileError;
use crate::print::printf::ArgKind;
use crate::record::{ActionDesc, RecDesc, ValueKind};
use crate::record_act::ActDesc;

/// Layout of the speculation map's single value.
pub mod spec {
    /// u64: speculation() calls that found no free buffer.
    pub const FAILED: i16 = 0;
    /// u32 per speculation ID 1..=nspec: 1 while the speculation is active.
    pub const STATES: i16 = 8;
    /// Most speculations the allocation code searches (it is unrolled).
    pub const MAX_NSPEC: u32 = 1024;
    pub fn size(nspec: u32) -> u32 {
        (8 + 4 * nspec).div_ceil(8) * 8
    }
}

/// `bpf_get_stack` flag: the user stack.
const BPF_F_USER_STACK: i32 = 1 << 8;
const HELPER_SEND_SIGNAL: i32 = 109;
const HELPER_PROBE_WRITE_USER: i32 = 36;
/// `BPF_CMPXCHG` (with `BPF_FETCH`).
const BPF_CMPXCHG: i32 = 0xf1;
const SIGSTOP: i32 = 19;
/// Frames `stackdepth`/`ustackdepth` can count: the kernel's default perf_event_max_stack.
const DEPTH_FRAMES: u32 = 127;

/// Most bytes of frame strings `ustack(nframes, strsize)` records.
const MAX_USTACK_STRSIZE: u32 = 4096;

/// The bytes a `ustack()` strsize reserves: bounded, a whole number of words.
fn ustack_strings(strsize: u32) -> u32 {
    strsize.min(MAX_USTACK_STRSIZE).div_ceil(8) * 8
}

/// Whether the consumer needs the pid of the firing: user symbols are the process's.
fn needs_pid(c: &TClause) -> bool {
    c.stmts.iter().any(|s| match s {
        TStmt::Act(ActStmt::Ustack { .. }) => true,
        TStmt::Act(ActStmt::Sym { kind, .. }) => kind.user(),
        // %a and %A cannot be told apart here; both are cheap to serve.
        TStmt::Printf { format, .. } => format.arg_kinds().contains(&ArgKind::Address),
        _ => false,
    })
}

impl<'a> Gen<'a> {
    fn alloc_bytes(&mut self, size: u32, align: u32) -> u32 {
        let off = self.record_size.div_ceil(align) * align;
        self.record_size = off + size;
        off
    }

    /// The pid slot of the record, when the clause needs one; allocated before all others.
    pub(super) fn act_pid_slot(&mut self, c: &TClause) -> Option<RecDesc> {
        if needs_pid(c) {
            Some(self.alloc_rec(ValueKind::Int {
                size: 4,
                signed: true,
            }))
        } else {
            None
        }
    }

    /// Fill the pid slot right after the record is reserved.
    pub(super) fn act_prologue(&mut self, pid: Option<RecDesc>) {
        if let Some(r) = pid {
            self.e.call(helper::GET_CURRENT_PID_TGID);
            self.e.emit(Insn::alu64_imm(BPF_RSH, R0, 32));
            self.e.emit(Insn::stx(BPF_W, R7, r.offset as i16, R0));
            self.actions.push(ActionDesc::Act(ActDesc::Pid(r)));
        }
    }

    /// Record space for a statement of this file (nothing for any other statement).
    pub(super) fn act_alloc(&mut self, s: &TStmt) -> Vec<RecDesc> {
        let TStmt::Act(a) = s else {
            return Vec::new();
        };
        let u64k = ValueKind::Int {
            size: 8,
            signed: false,
        };
        let i32k = ValueKind::Int {
            size: 4,
            signed: true,
        };
        match a {
            ActStmt::Ustack { frames, strsize } => {
                let off = self.alloc_bytes(8 * frames + ustack_strings(*strsize), 8);
                vec![RecDesc {
                    offset: off,
                    kind: u64k,
                }]
            }
            ActStmt::Stack { frames } => {
                let off = self.alloc_bytes(8 * frames, 8);
                vec![RecDesc {
                    offset: off,
                    kind: u64k,
                }]
            }
            ActStmt::Sym { .. } => vec![self.alloc_rec(u64k)],
            ActStmt::Tracemem { size, dynsize, .. } => {
                let off = self.alloc_bytes(*size, 8);
                let mut v = vec![RecDesc {
                    offset: off,
                    kind: u64k,
                }];
                if dynsize.is_some() {
                    v.push(self.alloc_rec(u64k));
                }
                v
            }
            ActStmt::Speculate(_) | ActStmt::Commit(_) | ActStmt::Discard(_) => {
                vec![self.alloc_rec(i32k)]
            }
            ActStmt::System { args, .. } | ActStmt::Freopen { args, .. } => {
                let s = self.t.strsize;
                args.iter()
                    .map(|a| self.alloc_rec(a.ty.value_kind(s)))
                    .collect()
            }
            ActStmt::Raise(_) | ActStmt::Stop | ActStmt::Copyout { .. } => Vec::new(),
            ActStmt::Print { size, .. } => {
                let addr = self.alloc_rec(u64k);
                let off = self.alloc_bytes(*size, 8);
                vec![
                    addr,
                    RecDesc {
                        offset: off,
                        kind: u64k,
                    },
                ]
            }
        }
    }

    pub(super) fn act_stmt(&mut self, a: &ActStmt, recs: &[RecDesc]) -> Result<(), CompileError> {
        match a {
            ActStmt::Stack { frames } => {
                self.get_stack(recs[0].offset, *frames, 0);
                self.actions.push(ActionDesc::Act(ActDesc::Stack {
                    offset: recs[0].offset,
                    frames: *frames,
                }));
            }
            ActStmt::Ustack { frames, strsize } => {
                self.get_stack(recs[0].offset, *frames, BPF_F_USER_STACK);
                // No ustack helper fills the frame strings: they are empty.
                let strings = ustack_strings(*strsize);
                let base = recs[0].offset + 8 * frames;
                for i in (0..strings).step_by(8) {
                    self.e
                        .emit(Insn::st(BPF_DW, R7, (base + i) as i16, 0));
                }
                self.actions.push(ActionDesc::Act(ActDesc::Ustack {
                    offset: recs[0].offset,
                    frames: *frames,
                    strsize: strings,
                }));
            }
            ActStmt::Sym { kind, addr } => {
                self.expr(addr)?;
                self.store_rec(&recs[0]);
                self.actions.push(ActionDesc::Act(ActDesc::Sym {
                    kind: *kind,
                    rec: recs[0],
                }));
            }
            ActStmt::Tracemem {
                addr,
                size,
                dynsize,
            } => {
                self.expr(addr)?;
                let a_slot = self.push(R0)?;
                self.e.emit(Insn::mov64_reg(R3, R0));
                self.e.emit(Insn::mov64_reg(R1, R7));
                self.e
                    .emit(Insn::alu64_imm(BPF_ADD, R1, recs[0].offset as i32));
                self.e.mov_imm(R2, *size as i64);
                // bpf_probe_read reads kernel and (on x86) user addresses alike, as
                // tracemem() of a user buffer expects.
                self.e.call(helper::PROBE_READ);
                // An address that cannot be read is DTrace's invalid address fault.
                let ok = self.e.label();
                self.e.jump(Insn::jmp_imm(BPF_JSGE, R0, 0, 0), ok);
                self.e.emit(Insn::ldx(BPF_DW, R1, FP, a_slot));
                self.raise_fault(super::fault::code::BADADDR, Some(R1));
                self.e.bind(ok);
                self.pop(R1);
                let mut dynrec = None;
                if let Some(d) = dynsize {
                    self.expr(d)?;
                    self.store_rec(&recs[1]);
                    dynrec = Some(recs[1]);
                }
                self.actions.push(ActionDesc::Act(ActDesc::Tracemem {
                    offset: recs[0].offset,
                    size: *size,
                    dynsize: dynrec,
                }));
            }
            ActStmt::Print {
                addr,
                node,
                size,
                ptr,
            } => {
                self.expr(addr)?;
                self.store_rec(&recs[0]);
                self.e.emit(Insn::ldx(BPF_DW, R3, R7, recs[0].offset as i16));
                self.e.emit(Insn::mov64_reg(R1, R7));
                self.e
                    .emit(Insn::alu64_imm(BPF_ADD, R1, recs[1].offset as i32));
                self.e.mov_imm(R2, *size as i64);
                self.e.call(helper::PROBE_READ);
                // An address that cannot be read is DTrace's invalid address fault.
                let ok = self.e.label();
                self.e.jump(Insn::jmp_imm(BPF_JSGE, R0, 0, 0), ok);
                self.e
                    .emit(Insn::ldx(BPF_DW, R1, R7, recs[0].offset as i16));
                self.raise_fault(super::fault::code::BADADDR, Some(R1));
                self.e.bind(ok);
                self.actions.push(ActionDesc::Act(ActDesc::Print {
                    addr: recs[0].offset,
                    offset: recs[1].offset,
                    size: *size,
                    node: Arc::clone(node),
                    ptr: *ptr,
                }));
            }
            ActStmt::Speculate(id) => {
                self.expr(id)?;
                self.store_rec(&recs[0]);
                self.speculate_check()?;
                self.actions
                    .push(ActionDesc::Act(ActDesc::Speculate(recs[0])));
            }
            ActStmt::Commit(id) | ActStmt::Discard(id) => {
                self.expr(id)?;
                self.store_rec(&recs[0]);
                self.spec_release();
                self.actions.push(ActionDesc::Act(match a {
                    ActStmt::Commit(_) => ActDesc::Commit(recs[0]),
                    _ => ActDesc::Discard(recs[0]),
                }));
            }
            ActStmt::System { format, args } => {
                self.record_args(args, recs)?;
                self.actions.push(ActionDesc::Act(ActDesc::System {
                    format: Arc::clone(format),
                    args: recs.to_vec(),
                }));
            }
            ActStmt::Freopen { format, args } => {
                self.record_args(args, recs)?;
                self.actions.push(ActionDesc::Act(ActDesc::Freopen {
                    format: format.clone(),
                    args: recs.to_vec(),
                }));
            }
            ActStmt::Raise(sig) => {
                self.expr(sig)?;
                self.e.emit(Insn::mov64_reg(R1, R0));
                self.e.call(HELPER_SEND_SIGNAL);
            }
            ActStmt::Stop => {
                self.e.emit(Insn::mov64_imm(R1, SIGSTOP));
                self.e.call(HELPER_SEND_SIGNAL);
            }
            ActStmt::Copyout { src, dst, len, .. } => {
                self.expr(src)?;
                self.push(R0)?;
                self.expr(dst)?;
                self.push(R0)?;
                self.expr(len)?;
                let skip = self.e.label();
                let max = self.t.strsize as i32;
                let within = self.e.label();
                self.e.emit(Insn::mov64_reg(R3, R0));
                self.e.jump(Insn::jmp_imm(BPF_JSLE, R3, max, 0), within);
                self.e.emit(Insn::mov64_imm(R3, max));
                self.e.bind(within);
                self.pop(R1);
                self.pop(R2);
                self.e.jump(Insn::jmp_imm(BPF_JSLE, R3, 0, 0), skip);
                self.e.call(HELPER_PROBE_WRITE_USER);
                self.e.bind(skip);
            }
        }
        Ok(())
    }

    fn record_args(&mut self, args: &[TExpr], recs: &[RecDesc]) -> Result<(), CompileError> {
        for (x, r) in args.iter().zip(recs) {
            self.expr(x)?;
            self.store_rec(r);
        }
        Ok(())
    }

    /// `bpf_get_stack(ctx, record + off, 8 * frames, flags)`. The helper zeroes what it does
    /// not fill, so the consumer reads frames up to the first zero; a failure leaves an empty
    /// stack, as DTrace prints one it could not walk.
    fn get_stack(&mut self, off: u32, frames: u32, flags: i32) {
        self.e.emit(Insn::mov64_reg(R1, R9));
        self.e.emit(Insn::mov64_reg(R2, R7));
        self.e.emit(Insn::alu64_imm(BPF_ADD, R2, off as i32));
        self.e.mov_imm(R3, 8 * frames as i64);
        self.e.emit(Insn::mov64_imm(R4, flags));
        self.e.call(helper::GET_STACK);
    }

    /// R0 = the speculation map's value, or jump to `none`.
    fn spec_value(&mut self, none: super::emit::Label) {
        self.e.emit(Insn::st(BPF_W, FP, -8, 0));
        self.e.ld_map(R1, MapRef::Spec);
        self.e.emit(Insn::mov64_reg(R2, FP));
        self.e.emit(Insn::alu64_imm(BPF_ADD, R2, -8));
        self.e.call(helper::MAP_LOOKUP_ELEM);
        self.e.jeq_imm(R0, 0, none);
    }

    /// After `speculate(id)` stored the ID (R0): unless `id` names an active speculation,
    /// the record is dropped and the clause ends, as DTrace drops data speculated to an
    /// inactive buffer.
    fn speculate_check(&mut self) -> Result<(), CompileError> {
        let nspec = self.t.nspec;
        let drop = self.e.label();
        let ok = self.e.label();
        self.e.jump(Insn::jmp_imm(BPF_JSLE, R0, 0, 0), drop);
        self.e
            .jump(Insn::jmp_imm(BPF_JSGT, R0, nspec as i32, 0), drop);
        self.push(R0)?;
        self.spec_value(drop);
        self.pop(R1);
        self.e.emit(Insn::alu64_imm(BPF_SUB, R1, 1));
        self.e.emit(Insn::alu64_imm(BPF_LSH, R1, 2));
        // Redundant for us, needed by the verifier to bound the offset.
        self.e
            .jump(Insn::jmp_imm(BPF_JGE, R1, (4 * nspec) as i32, 0), drop);
        self.e.emit(Insn::alu64_reg(BPF_ADD, R0, R1));
        self.e.emit(Insn::ldx(BPF_W, R2, R0, spec::STATES));
        self.e.jne_imm(R2, 0, ok);
        self.e.bind(drop);
        self.rec_discard();
        let next = self.next;
        self.e.ja(next);
        self.e.bind(ok);
        Ok(())
    }

    /// After `commit(id)`/`discard(id)` stored the ID (R0): free the buffer for the next
    /// speculation(). The consumer sees the commit before any later use of the ID, since
    /// the ring buffer keeps records in reservation order.
    fn spec_release(&mut self) {
        let nspec = self.t.nspec;
        let done = self.e.label();
        self.e.jump(Insn::jmp_imm(BPF_JSLE, R0, 0, 0), done);
        self.e
            .jump(Insn::jmp_imm(BPF_JSGT, R0, nspec as i32, 0), done);
        self.e.emit(Insn::mov64_reg(R8, R0));
        self.spec_value(done);
        self.e.emit(Insn::alu64_imm(BPF_SUB, R8, 1));
        self.e.emit(Insn::alu64_imm(BPF_LSH, R8, 2));
        self.e
            .jump(Insn::jmp_imm(BPF_JGE, R8, (4 * nspec) as i32, 0), done);
        self.e.emit(Insn::alu64_reg(BPF_ADD, R0, R8));
        self.e.emit(Insn::st(BPF_W, R0, spec::STATES, 0));
        self.e.bind(done);
    }

    /// `speculation()`: claim the first free buffer with a compare-and-swap, or count a
    /// failure and return 0.
    pub(super) fn speculation(&mut self) -> Result<(), CompileError> {
        let nspec = self.t.nspec;
        if nspec > spec::MAX_NSPEC {
            return Err(cerr(
                self.line,
                format!("nspec {} exceeds the supported {}", nspec, spec::MAX_NSPEC),
            ));
        }
        let none = self.e.label();
        let done = self.e.label();
        self.spec_value(none);
        self.e.emit(Insn::mov64_reg(R1, R0));
        for i in 0..nspec {
            let busy = self.e.label();
            self.e.emit(Insn::mov64_imm(R0, 0));
            self.e.emit(Insn::mov64_imm(R2, 1));
            self.e.emit(Insn {
                code: BPF_STX | BPF_ATOMIC | BPF_W,
                regs: R1 | (R2 << 4),
                off: spec::STATES + 4 * i as i16,
                imm: BPF_CMPXCHG,
            });
            self.e.jne_imm(R0, 0, busy);
            self.e.emit(Insn::mov64_imm(R0, i as i32 + 1));
            self.e.ja(done);
            self.e.bind(busy);
        }
        self.e.emit(Insn::mov64_imm(R2, 1));
        self.e.emit(Insn::atomic_add(BPF_DW, R1, spec::FAILED, R2));
        self.e.bind(none);
        self.e.emit(Insn::mov64_imm(R0, 0));
        self.e.bind(done);
        Ok(())
    }

    /// `caller`, `ucaller`, `stackdepth`, `ustackdepth`: from bpf_get_stack into scratch.
    pub(super) fn builtin2(&mut self, b: Builtin) -> Result<(), CompileError> {
        let (frames, flags, depth) = match b {
            Builtin::Caller => (2, 0, false),
            Builtin::Ucaller => (2, BPF_F_USER_STACK, false),
            Builtin::Stackdepth => (DEPTH_FRAMES, 0, true),
            Builtin::Ustackdepth => (DEPTH_FRAMES, BPF_F_USER_STACK, true),
            _ => return Err(cerr(self.line, "internal error: not a stack built-in")),
        };
        let slot = self.alloc_scratch(8 * frames);
        let failed = self.e.label();
        let done = self.e.label();
        self.e.emit(Insn::mov64_reg(R1, R9));
        self.e.emit(Insn::mov64_reg(R2, R6));
        self.e.emit(Insn::alu64_imm(BPF_ADD, R2, slot as i32));
        self.e.mov_imm(R3, 8 * frames as i64);
        self.e.emit(Insn::mov64_imm(R4, flags));
        self.e.call(helper::GET_STACK);
        self.e.jump(Insn::jmp_imm(BPF_JSLT, R0, 0, 0), failed);
        if depth {
            self.e.emit(Insn::alu64_imm(BPF_RSH, R0, 3));
        } else {
            self.e.emit(Insn::ldx(BPF_DW, R0, R6, slot as i16 + 8));
        }
        self.e.ja(done);
        self.e.bind(failed);
        self.e.emit(Insn::mov64_imm(R0, 0));
        self.e.bind(done);
        Ok(())
    }
}
