//! Code for subroutine calls: arguments evaluated left to right onto the BPF stack, then a
//! BPF-to-BPF call to a runtime routine of bpf/ (placed by `link`), or a few instructions inline
//! for the trivial ones. String results live in fresh machine-state scratch slots; every buffer
//! size and `strsize` reach the routines as constants so the verifier can bound every access.

use super::clause::{cerr, Gen};
use super::insn::*;
use super::MapRef;
use crate::check::ir::TExpr;
use crate::check::subr::Subr;
use crate::check::types::Type;
use crate::error::CompileError;

/// Flags of `dt_strfind`/`dt_strchr`, above `n` in the same argument.
const FIND_REVERSE: i64 = 1 << 32;
const FIND_HAS_POS: i64 = 1 << 33;
/// Address families of `inet_ntop`; `NTOA6` asks for `inet_ntoa6`'s form.
const AF_INET: i64 = 2;
const AF_INET6: i64 = 10;
const NTOA6: i64 = 0x100;
/// `BPF_END | BPF_TO_BE` in the 32-bit ALU class: byte swap to big endian, zero-extended.
const BPF_END_TO_BE: u8 = BPF_ALU | 0xd0 | 0x08;
/// Linux's `MINORBITS`.
const MINORBITS: i32 = 20;

/// Bytes of the per-CPU subroutine state (`MapRef::SubrState`) for slot size `n`: strtok's
/// offset, a scratch word, the delimiter bitmap, its saved string and a copy of the delimiters.
pub fn state_size(n: u32) -> u32 {
    (48 + 2 * n).div_ceil(8) * 8
}

impl<'a> Gen<'a> {
    /// R0 = the string slot at `d`, or NULL when the routine returned a negative R0.
    fn null_if_negative(&mut self, d: u32) {
        let found = self.e.label();
        let done = self.e.label();
        self.e.jump(Insn::jmp_imm(BPF_JSGE, R0, 0, 0), found);
        self.e.mov_imm(R0, 0);
        self.e.jump(Insn::ja(0), done);
        self.e.bind(found);
        self.scratch_ptr(R0, d);
        self.e.bind(done);
    }

    /// The work buffer of `dt_strfind` (index, rindex, strstr): the routine uses it only while
    /// it runs, so every search of the clause shares one.
    fn search_buffer(&mut self, size: u32) -> u32 {
        match self.search_buf {
            Some(off) => off,
            None => {
                let off = self.alloc_scratch(size);
                self.search_buf = Some(off);
                off
            }
        }
    }

    /// Fault with an invalid address (0x0) when the string pointer in `r` is NULL.
    pub(super) fn null_str_fault(&mut self, r: Reg) {
        let ok = self.e.label();
        self.e.jump(Insn::jmp_imm(BPF_JNE, r, 0, 0), ok);
        self.raise_fault(super::fault::code::BADADDR, Some(r));
        self.e.bind(ok);
    }

    pub(super) fn subr(&mut self, id: Subr, args: &[TExpr], ty: Type) -> Result<(), CompileError> {
        let n = self.t.strsize as i64;
        let w = (n + 7) & !7;
        for a in args {
            self.expr(a)?;
            if a.ty == Type::Str {
                // A NULL string (strstr() without a match...) cannot be read.
                self.null_str_fault(R0);
            }
            self.push(R0)?;
        }
        // Argument i in register `reg`.
        let nargs = args.len();
        let regs_for = |g: &mut Self, want: &[Reg]| {
            for (i, &r) in want.iter().enumerate().rev() {
                if i < nargs {
                    g.pop(r);
                }
            }
        };
        match id {
            Subr::Strlen => {
                let tmp = self.alloc_scratch(n as u32);
                regs_for(self, &[R1]);
                self.scratch_ptr(R2, tmp);
                self.e.mov_imm(R3, n);
                self.e.call_routine("dt_strlen");
            }
            Subr::Strjoin => {
                let d = self.alloc_scratch(2 * n as u32);
                regs_for(self, &[R2, R3]);
                self.scratch_ptr(R1, d);
                self.e.mov_imm(R4, n);
                self.e.call_routine("dt_strjoin");
                self.scratch_ptr(R0, d);
            }
            Subr::Substr => {
                let d = self.alloc_scratch(n as u32);
                regs_for(self, &[R2, R3, R4]);
                if nargs < 3 {
                    self.e.mov_imm(R4, n - 1);
                }
                self.scratch_ptr(R1, d);
                self.e.mov_imm(R5, n);
                self.e.call_routine("dt_substr");
                self.scratch_ptr(R0, d);
            }
            Subr::Index | Subr::Rindex => {
                let buf = self.search_buffer(6 * w as u32 + 8);
                regs_for(self, &[R1, R2, R3]);
                let mut mode = n;
                if id == Subr::Rindex {
                    mode |= FIND_REVERSE;
                }
                if nargs == 3 {
                    mode |= FIND_HAS_POS;
                } else {
                    self.e.mov_imm(R3, 0);
                }
                self.e.mov_imm(R4, mode);
                self.scratch_ptr(R5, buf);
                self.e.call_routine("dt_strfind");
            }
            Subr::Strstr => {
                // index() then a copy of the rest of s: dt_strfind called from the clause
                // itself costs the verifier a fixed amount, where a routine calling it made the
                // verifier walk the search's steps one by one (80 strstr() in a clause passed
                // its million-instruction limit).
                let d = self.alloc_scratch(n as u32);
                let buf = self.search_buffer(6 * w as u32 + 8);
                regs_for(self, &[R1, R2]);
                let s_at = self.push(R1)?;
                self.e.mov_imm(R3, 0);
                self.e.mov_imm(R4, n);
                self.scratch_ptr(R5, buf);
                self.e.call_routine("dt_strfind");
                let found = self.e.label();
                let absent = self.e.label();
                let done = self.e.label();
                self.e.jump(Insn::jmp_imm(BPF_JSGE, R0, 0, 0), found);
                self.e.bind(absent);
                self.e.mov_imm(R0, 0);
                self.e.ja(done);
                self.e.bind(found);
                self.e.jump(Insn::jmp_imm(BPF_JSGE, R0, n as i32, 0), absent);
                self.e.emit(Insn::ldx(BPF_DW, R3, FP, s_at));
                self.e.emit(Insn::alu64_reg(BPF_ADD, R3, R0));
                self.scratch_ptr(R1, d);
                self.e.mov_imm(R2, n);
                self.e.call(helper::PROBE_READ_KERNEL_STR);
                self.scratch_ptr(R0, d);
                self.e.bind(done);
                self.pop(R1);
            }
            Subr::Strchr | Subr::Strrchr => {
                let d = self.alloc_scratch(n as u32);
                let tmp = self.alloc_scratch(n as u32);
                regs_for(self, &[R2, R3]);
                self.scratch_ptr(R1, d);
                let rev = if id == Subr::Strrchr { FIND_REVERSE } else { 0 };
                self.e.mov_imm(R4, n | rev);
                self.scratch_ptr(R5, tmp);
                self.e.call_routine("dt_strchr");
                self.null_if_negative(d);
            }
            Subr::Toupper | Subr::Tolower => {
                let d = self.alloc_scratch(n as u32);
                regs_for(self, &[R2]);
                self.scratch_ptr(R1, d);
                self.e.mov_imm(R3, n);
                self.e.mov_imm(R4, (id == Subr::Toupper) as i64);
                self.e.call_routine("dt_case");
                self.scratch_ptr(R0, d);
            }
            Subr::Lltostr => {
                let d = self.alloc_scratch(n as u32);
                let tmp = self.alloc_scratch(80);
                regs_for(self, &[R2, R3]);
                if nargs < 2 {
                    self.e.mov_imm(R3, 10);
                }
                self.check_base(R3);
                self.scratch_ptr(R1, d);
                self.e.mov_imm(R4, n);
                self.scratch_ptr(R5, tmp);
                self.e.call_routine("dt_lltostr");
                self.scratch_ptr(R0, d);
            }
            Subr::Strtoll => {
                let tmp = self.alloc_scratch(w as u32 + 8);
                regs_for(self, &[R1, R2]);
                if nargs < 2 {
                    self.e.mov_imm(R2, 10);
                }
                self.check_base(R2);
                self.e.mov_imm(R3, n);
                self.scratch_ptr(R4, tmp);
                self.e.call_routine("dt_strtoll");
            }
            Subr::Basename | Subr::Dirname => {
                let d = self.alloc_scratch(n as u32);
                let tmp = self.alloc_scratch(w as u32 + 8);
                regs_for(self, &[R2]);
                self.scratch_ptr(R1, d);
                self.e.mov_imm(R3, n);
                self.e.mov_imm(R4, (id == Subr::Dirname) as i64);
                self.scratch_ptr(R5, tmp);
                self.e.call_routine("dt_pathpart");
                self.scratch_ptr(R0, d);
            }
            Subr::Cleanpath => {
                let d = self.alloc_scratch(n as u32);
                let tmp = self.alloc_scratch((w + 8 + 8 * n) as u32);
                regs_for(self, &[R2]);
                self.scratch_ptr(R1, d);
                self.e.mov_imm(R3, n);
                self.scratch_ptr(R4, tmp);
                self.e.call_routine("dt_cleanpath");
                self.scratch_ptr(R0, d);
            }
            Subr::Strtok => {
                let d = self.alloc_scratch(n as u32);
                // The state outlives the clause: a per-CPU map of its own.
                self.e.emit(Insn::st(BPF_W, FP, -8, 0));
                self.e.ld_map(R1, MapRef::SubrState);
                self.e.emit(Insn::mov64_reg(R2, FP));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R2, -8));
                self.e.call(helper::MAP_LOOKUP_ELEM);
                let f = self.fault();
                self.e.jeq_imm(R0, 0, f);
                self.push(R0)?;
                self.pop(R4);
                regs_for(self, &[R2, R3]);
                self.scratch_ptr(R1, d);
                self.e.mov_imm(R5, n);
                self.e.call_routine("dt_strtok");
                self.null_if_negative(d);
            }
            Subr::InetNtoa | Subr::InetNtoa6 | Subr::InetNtop => {
                let d = self.alloc_scratch(n as u32);
                let tmp = self.alloc_scratch(88);
                match id {
                    Subr::InetNtop => regs_for(self, &[R2, R3]),
                    _ => {
                        regs_for(self, &[R3]);
                        let af = if id == Subr::InetNtoa {
                            AF_INET
                        } else {
                            AF_INET6 | NTOA6
                        };
                        self.e.mov_imm(R2, af);
                    }
                }
                self.scratch_ptr(R1, d);
                self.e.mov_imm(R4, n);
                self.scratch_ptr(R5, tmp);
                self.e.call_routine("dt_inet_ntop");
                // An address family other than AF_INET and AF_INET6 is an illegal operation.
                self.illop_if_negative(R0);
                self.scratch_ptr(R0, d);
            }
            Subr::Htons | Subr::Ntohs | Subr::Htonl | Subr::Ntohl | Subr::Htonll | Subr::Ntohll => {
                regs_for(self, &[R0]);
                let bits = match id {
                    Subr::Htons | Subr::Ntohs => 16,
                    Subr::Htonl | Subr::Ntohl => 32,
                    _ => 64,
                };
                self.e.emit(Insn::raw(BPF_END_TO_BE, R0, 0, 0, bits));
            }
            Subr::Rand => {
                self.e.call(helper::GET_PRANDOM_U32);
                self.normalize(R0, ty);
            }
            Subr::LinkNtop => {
                let d = self.alloc_scratch(n as u32);
                let tmp = self.alloc_scratch(24);
                regs_for(self, &[R2, R3]);
                self.scratch_ptr(R1, d);
                self.e.mov_imm(R4, n);
                self.scratch_ptr(R5, tmp);
                self.e.call_routine("dt_link_ntop");
                // A hardware type other than Ethernet and InfiniBand is an illegal operation.
                self.illop_if_negative(R0);
                self.scratch_ptr(R0, d);
            }
            Subr::DPath => {
                let d = self.alloc_scratch(3 * w as u32 + 8);
                regs_for(self, &[R2, R3, R4]);
                self.scratch_ptr(R1, d);
                self.e.mov_imm(R5, n);
                self.e.call_routine("dt_d_path");
                self.scratch_ptr(R0, d);
            }
            Subr::Progenyof => {
                let (rp, tg) = match (self.t.task_real_parent, self.t.task_tgid) {
                    (Some(a), Some(b)) => (a, b),
                    _ => {
                        return Err(cerr(
                            self.line,
                            "progenyof( ) needs the kernel's BTF (task_struct offsets), which is not available",
                        ))
                    }
                };
                regs_for(self, &[R1]);
                self.e.mov_imm(R2, rp as i64);
                self.e.mov_imm(R3, tg as i64);
                self.e.call_routine("dt_progenyof");
            }
            Subr::Getmajor => {
                regs_for(self, &[R0]);
                self.normalize(R0, ty);
                self.e.emit(Insn::alu64_imm(BPF_RSH, R0, MINORBITS));
            }
            Subr::Getminor => {
                regs_for(self, &[R0]);
                self.e
                    .emit(Insn::alu64_imm(BPF_AND, R0, (1 << MINORBITS) - 1));
            }
            Subr::Execargs => {
                let d = self.alloc_scratch(n as u32);
                regs_for(self, &[R3, R4, R5]);
                self.scratch_ptr(R1, d);
                self.e.mov_imm(R2, n);
                self.e.call_routine("dt_execargs");
                self.scratch_ptr(R0, d);
            }
        }
        Ok(())
    }

    /// `r = R6 + off`: a pointer to a machine-state scratch slot.
    fn scratch_ptr(&mut self, r: Reg, off: u32) {
        self.e.emit(Insn::mov64_reg(r, R6));
        self.e.emit(Insn::alu64_imm(BPF_ADD, r, off as i32));
    }

    /// A base outside 2..36 is an illegal operation, as in DTrace.
    fn check_base(&mut self, r: Reg) {
        let bad = self.e.label();
        let ok = self.e.label();
        self.e.jump(Insn::jmp_imm(BPF_JSLE, r, 1, 0), bad);
        self.e.jump(Insn::jmp_imm(BPF_JSGT, r, 36, 0), bad);
        self.e.ja(ok);
        self.e.bind(bad);
        self.raise_fault(super::fault::code::ILLOP, None);
        self.e.bind(ok);
    }

    /// Raise DTrace's illegal-operation fault when `r` (a routine's result) is negative.
    fn illop_if_negative(&mut self, r: Reg) {
        let ok = self.e.label();
        self.e.jump(Insn::jmp_imm(BPF_JSGE, r, 0, 0), ok);
        self.raise_fault(super::fault::code::ILLOP, None);
        self.e.bind(ok);
    }
}
