//! `uregs[]`'s base: the address of the current thread's user-mode registers.

use super::clause::Gen;
use super::insn::*;

impl<'a> Gen<'a> {
    /// R0 = `task_pt_regs(current)` as a plain number. `bpf_task_pt_regs` wants the task as a
    /// BTF pointer (`bpf_get_current_task_btf`) and returns one; it goes through an 8-byte
    /// slot of the clause's scratch (map memory) and comes back as a scalar, which the
    /// checked kernel-memory loads of `uregs[]` then offset and read like any address.
    pub(super) fn uregs_base(&mut self) {
        self.e.call(helper::GET_CURRENT_TASK_BTF);
        self.e.emit(Insn::mov64_reg(R1, R0));
        self.e.call(helper::TASK_PT_REGS);
        let slot = self.alloc_scratch(8);
        self.e.emit(Insn::stx(BPF_DW, R6, slot as i16, R0));
        self.e.emit(Insn::ldx(BPF_DW, R0, R6, slot as i16));
    }
}
