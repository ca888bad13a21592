//! BPF instructions: the encoding codegen writes and the loader hands to the kernel.

/// One 8-byte BPF instruction, laid out as `struct bpf_insn`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[repr(C)]
pub struct Insn {
    pub code: u8,
    /// dst in the low nibble, src in the high nibble.
    pub regs: u8,
    pub off: i16,
    pub imm: i32,
}

pub type Reg = u8;
pub const R0: Reg = 0;
pub const R1: Reg = 1;
pub const R2: Reg = 2;
pub const R3: Reg = 3;
pub const R4: Reg = 4;
pub const R5: Reg = 5;
pub const R6: Reg = 6;
pub const R7: Reg = 7;
pub const R8: Reg = 8;
pub const R9: Reg = 9;
pub const FP: Reg = 10;

// Instruction classes.
pub const BPF_LD: u8 = 0x00;
pub const BPF_LDX: u8 = 0x01;
pub const BPF_ST: u8 = 0x02;
pub const BPF_STX: u8 = 0x03;
pub const BPF_ALU: u8 = 0x04;
pub const BPF_JMP: u8 = 0x05;
pub const BPF_JMP32: u8 = 0x06;
pub const BPF_ALU64: u8 = 0x07;
// Sizes.
pub const BPF_W: u8 = 0x00;
pub const BPF_H: u8 = 0x08;
pub const BPF_B: u8 = 0x10;
pub const BPF_DW: u8 = 0x18;
// Modes.
pub const BPF_IMM: u8 = 0x00;
pub const BPF_MEM: u8 = 0x60;
pub const BPF_ATOMIC: u8 = 0xc0;
// Sources.
pub const BPF_K: u8 = 0x00;
pub const BPF_X: u8 = 0x08;
// ALU operations.
pub const BPF_ADD: u8 = 0x00;
pub const BPF_SUB: u8 = 0x10;
pub const BPF_MUL: u8 = 0x20;
pub const BPF_DIV: u8 = 0x30;
pub const BPF_OR: u8 = 0x40;
pub const BPF_AND: u8 = 0x50;
pub const BPF_LSH: u8 = 0x60;
pub const BPF_RSH: u8 = 0x70;
pub const BPF_NEG: u8 = 0x80;
pub const BPF_MOD: u8 = 0x90;
pub const BPF_XOR: u8 = 0xa0;
pub const BPF_MOV: u8 = 0xb0;
pub const BPF_ARSH: u8 = 0xc0;
// Jumps.
pub const BPF_JA: u8 = 0x00;
pub const BPF_JEQ: u8 = 0x10;
pub const BPF_JGT: u8 = 0x20;
pub const BPF_JGE: u8 = 0x30;
pub const BPF_JSET: u8 = 0x40;
pub const BPF_JNE: u8 = 0x50;
pub const BPF_JSGT: u8 = 0x60;
pub const BPF_JSGE: u8 = 0x70;
pub const BPF_CALL: u8 = 0x80;
pub const BPF_EXIT: u8 = 0x90;
pub const BPF_JLT: u8 = 0xa0;
pub const BPF_JLE: u8 = 0xb0;
pub const BPF_JSLT: u8 = 0xc0;
pub const BPF_JSLE: u8 = 0xd0;

/// `src_reg` of a `ld_imm64` whose immediate is a map fd.
pub const BPF_PSEUDO_MAP_FD: u8 = 1;
/// `src_reg` of a `ld_imm64` whose immediate is a map fd and whose second half is an offset into
/// the map's (single) value.
pub const BPF_PSEUDO_MAP_VALUE: u8 = 2;

/// Kernel helper function numbers (`enum bpf_func_id`).
pub mod helper {
    pub const MAP_LOOKUP_ELEM: i32 = 1;
    pub const MAP_UPDATE_ELEM: i32 = 2;
    pub const MAP_DELETE_ELEM: i32 = 3;
    pub const PROBE_READ: i32 = 4;
    pub const KTIME_GET_NS: i32 = 5;
    pub const GET_PRANDOM_U32: i32 = 7;
    pub const GET_SMP_PROCESSOR_ID: i32 = 8;
    pub const TAIL_CALL: i32 = 12;
    pub const GET_CURRENT_PID_TGID: i32 = 14;
    pub const GET_CURRENT_UID_GID: i32 = 15;
    pub const GET_CURRENT_COMM: i32 = 16;
    pub const PERF_EVENT_OUTPUT: i32 = 25;
    pub const GET_STACKID: i32 = 27;
    pub const GET_CURRENT_TASK: i32 = 35;
    pub const PROBE_READ_STR: i32 = 45;
    pub const GET_STACK: i32 = 67;
    pub const PROBE_READ_USER: i32 = 112;
    pub const PROBE_READ_KERNEL: i32 = 113;
    pub const PROBE_READ_USER_STR: i32 = 114;
    pub const PROBE_READ_KERNEL_STR: i32 = 115;
    pub const RINGBUF_OUTPUT: i32 = 130;
    pub const RINGBUF_RESERVE: i32 = 131;
    pub const RINGBUF_SUBMIT: i32 = 132;
    pub const RINGBUF_DISCARD: i32 = 133;
    pub const RINGBUF_QUERY: i32 = 134;
    pub const GET_CURRENT_TASK_BTF: i32 = 158;
    pub const KTIME_GET_BOOT_NS: i32 = 125;
    pub const STRNCMP: i32 = 182;
    pub const GET_FUNC_IP: i32 = 173;
    pub const TASK_PT_REGS: i32 = 175;
}

/// `bpf_ringbuf_submit`/`output` flag: do not wake the consumer (it polls at `switchrate`).
pub const BPF_RB_NO_WAKEUP: i32 = 1;
/// Force a wakeup.
pub const BPF_RB_FORCE_WAKEUP: i32 = 2;

/// `bpf_ringbuf_query` flag: bytes not yet consumed.
pub const BPF_RB_AVAIL_DATA: i32 = 0;
/// `bpf_ringbuf_query` flag: ring size.
pub const BPF_RB_RING_SIZE: i32 = 1;

fn regs(dst: Reg, src: Reg) -> u8 {
    (src << 4) | (dst & 0x0f)
}

impl Insn {
    pub const fn raw(code: u8, dst: Reg, src: Reg, off: i16, imm: i32) -> Insn {
        Insn {
            code,
            regs: (src << 4) | (dst & 0x0f),
            off,
            imm,
        }
    }
    pub fn dst(&self) -> Reg {
        self.regs & 0x0f
    }
    pub fn src(&self) -> Reg {
        self.regs >> 4
    }

    /// 64-bit ALU with a register operand: `dst op= src`.
    pub fn alu64_reg(op: u8, dst: Reg, src: Reg) -> Insn {
        Insn {
            code: BPF_ALU64 | op | BPF_X,
            regs: regs(dst, src),
            off: 0,
            imm: 0,
        }
    }
    /// 64-bit ALU with an immediate operand: `dst op= imm`.
    pub fn alu64_imm(op: u8, dst: Reg, imm: i32) -> Insn {
        Insn {
            code: BPF_ALU64 | op | BPF_K,
            regs: regs(dst, 0),
            off: 0,
            imm,
        }
    }
    /// Signed 64-bit division or modulus (`off` = 1 selects the signed form, kernel 6.6+).
    pub fn alu64_sreg(op: u8, dst: Reg, src: Reg) -> Insn {
        Insn {
            code: BPF_ALU64 | op | BPF_X,
            regs: regs(dst, src),
            off: 1,
            imm: 0,
        }
    }
    pub fn alu32_imm(op: u8, dst: Reg, imm: i32) -> Insn {
        Insn {
            code: BPF_ALU | op | BPF_K,
            regs: regs(dst, 0),
            off: 0,
            imm,
        }
    }
    pub fn mov64_reg(dst: Reg, src: Reg) -> Insn {
        Insn::alu64_reg(BPF_MOV, dst, src)
    }
    pub fn mov64_imm(dst: Reg, imm: i32) -> Insn {
        Insn::alu64_imm(BPF_MOV, dst, imm)
    }
    /// Sign-extending move of the low `bits` (8, 16 or 32) of `src` (kernel 6.6+ `movsx`).
    pub fn movsx64(dst: Reg, src: Reg, bits: i16) -> Insn {
        Insn {
            code: BPF_ALU64 | BPF_MOV | BPF_X,
            regs: regs(dst, src),
            off: bits,
            imm: 0,
        }
    }
    /// `dst = *(size *)(src + off)`
    pub fn ldx(size: u8, dst: Reg, src: Reg, off: i16) -> Insn {
        Insn {
            code: BPF_LDX | BPF_MEM | size,
            regs: regs(dst, src),
            off,
            imm: 0,
        }
    }
    /// `*(size *)(dst + off) = src`
    pub fn stx(size: u8, dst: Reg, off: i16, src: Reg) -> Insn {
        Insn {
            code: BPF_STX | BPF_MEM | size,
            regs: regs(dst, src),
            off,
            imm: 0,
        }
    }
    /// `*(size *)(dst + off) = imm`
    pub fn st(size: u8, dst: Reg, off: i16, imm: i32) -> Insn {
        Insn {
            code: BPF_ST | BPF_MEM | size,
            regs: regs(dst, 0),
            off,
            imm,
        }
    }
    /// Atomic `*(size *)(dst + off) += src` (size W or DW).
    pub fn atomic_add(size: u8, dst: Reg, off: i16, src: Reg) -> Insn {
        Insn {
            code: BPF_STX | BPF_ATOMIC | size,
            regs: regs(dst, src),
            off,
            imm: BPF_ADD as i32,
        }
    }
    /// Conditional jump comparing two registers; `off` counts instructions after this one.
    pub fn jmp_reg(op: u8, dst: Reg, src: Reg, off: i16) -> Insn {
        Insn {
            code: BPF_JMP | op | BPF_X,
            regs: regs(dst, src),
            off,
            imm: 0,
        }
    }
    pub fn jmp_imm(op: u8, dst: Reg, imm: i32, off: i16) -> Insn {
        Insn {
            code: BPF_JMP | op | BPF_K,
            regs: regs(dst, 0),
            off,
            imm,
        }
    }
    pub fn ja(off: i16) -> Insn {
        Insn {
            code: BPF_JMP | BPF_JA,
            regs: 0,
            off,
            imm: 0,
        }
    }
    pub fn call(helper: i32) -> Insn {
        Insn {
            code: BPF_JMP | BPF_CALL,
            regs: 0,
            off: 0,
            imm: helper,
        }
    }
    pub fn exit() -> Insn {
        Insn {
            code: BPF_JMP | BPF_EXIT,
            regs: 0,
            off: 0,
            imm: 0,
        }
    }
    /// `dst = imm64`: two instruction slots.
    pub fn ld_imm64(dst: Reg, imm: u64) -> [Insn; 2] {
        [
            Insn {
                code: BPF_LD | BPF_DW | BPF_IMM,
                regs: regs(dst, 0),
                off: 0,
                imm: imm as u32 as i32,
            },
            Insn {
                code: 0,
                regs: 0,
                off: 0,
                imm: (imm >> 32) as u32 as i32,
            },
        ]
    }
    /// `dst = map (by fd)`: two instruction slots.
    pub fn ld_map_fd(dst: Reg, fd: i32) -> [Insn; 2] {
        [
            Insn {
                code: BPF_LD | BPF_DW | BPF_IMM,
                regs: regs(dst, BPF_PSEUDO_MAP_FD),
                off: 0,
                imm: fd,
            },
            Insn::default(),
        ]
    }
    /// `dst = &map_value[0] + off` for a single-element array map: two instruction slots.
    pub fn ld_map_value(dst: Reg, fd: i32, off: u32) -> [Insn; 2] {
        [
            Insn {
                code: BPF_LD | BPF_DW | BPF_IMM,
                regs: regs(dst, BPF_PSEUDO_MAP_VALUE),
                off: 0,
                imm: fd,
            },
            Insn {
                code: 0,
                regs: 0,
                off: 0,
                imm: off as i32,
            },
        ]
    }
    pub fn is_ld_imm64(&self) -> bool {
        self.code == BPF_LD | BPF_DW | BPF_IMM
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_the_kernel_macros() {
        // BPF_MOV64_IMM(BPF_REG_0, 0) = b7 00 00 00 00 00 00 00
        let i = Insn::mov64_imm(R0, 0);
        assert_eq!((i.code, i.regs, i.off, i.imm), (0xb7, 0, 0, 0));
        // BPF_LDX_MEM(BPF_DW, R1, R10, -8) = 79 a1 f8 ff 00 00 00 00
        let i = Insn::ldx(BPF_DW, R1, FP, -8);
        assert_eq!((i.code, i.regs, i.off), (0x79, 0xa1, -8));
        assert_eq!(Insn::exit().code, 0x95);
        assert_eq!(Insn::call(helper::TAIL_CALL).code, 0x85);
        assert_eq!(std::mem::size_of::<Insn>(), 8);
    }
}
