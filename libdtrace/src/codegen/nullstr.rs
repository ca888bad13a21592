//! NULL strings kept in string variables.
//!
//! A string subroutine that finds nothing (strchr(), strstr(), strtok()...) returns the null
//! pointer, and DTrace keeps it NULL when it is assigned to a variable: `g = strchr(s, 'z');
//! g == NULL` is true and recording `g` faults. Global and clause-local string variables are
//! slots holding the characters by value, so NULL is a marker in the slot, as Oracle's
//! DT_NULL_STRING: an empty string whose second byte is 0x7f. A stored empty string gets its
//! second byte cleared, so the two never collide. Dynamic variables (`self->`, arrays) need
//! no marker: storing NULL deletes the element and a missing element reads as NULL.

use super::clause::Gen;
use super::insn::*;

/// The first two bytes of a slot holding NULL, read as a little-endian u16: NUL then 0x7f.
pub const NULL_MARK: i32 = 0x7f00;

impl<'a> Gen<'a> {
    /// The slot can hold the marker (a slot of one byte only ever holds "").
    fn slot_marks_null(&self) -> bool {
        self.t.strsize >= 2
    }

    /// Store the string pointed to by R0 (or NULL) into the slot at `[dst + off]`; `dst` must be
    /// a callee-saved register. R0 = the slot, or 0 when NULL was stored.
    pub(super) fn str_slot_store(&mut self, dst: Reg, off: u32) {
        let done = self.e.label();
        if self.slot_marks_null() {
            let copy = self.e.label();
            self.e.jne_imm(R0, 0, copy);
            self.e.mov_imm(R1, NULL_MARK as i64);
            self.e.emit(Insn::stx(BPF_H, dst, off as i16, R1));
            self.e.ja(done);
            self.e.bind(copy);
        }
        self.e.emit(Insn::mov64_reg(R3, R0));
        self.copy_to(dst, off, self.t.strsize, false);
        if self.slot_marks_null() {
            // An empty string whose next byte happened to be 0x7f would read back as NULL.
            let nonempty = self.e.label();
            self.e.emit(Insn::ldx(BPF_B, R1, dst, off as i16));
            self.e.jne_imm(R1, 0, nonempty);
            self.e.emit(Insn::st(BPF_B, dst, off as i16 + 1, 0));
            self.e.bind(nonempty);
        }
        self.e.emit(Insn::mov64_reg(R0, dst));
        self.e.emit(Insn::alu64_imm(BPF_ADD, R0, off as i32));
        self.e.bind(done);
    }

    /// R0 = the slot at `[base + off]`, or 0 when it holds NULL.
    pub(super) fn str_slot_load(&mut self, base: Reg, off: u32) {
        let done = self.e.label();
        if self.slot_marks_null() {
            let string = self.e.label();
            self.e.emit(Insn::ldx(BPF_H, R1, base, off as i16));
            self.e.jne_imm(R1, NULL_MARK, string);
            self.e.emit(Insn::mov64_imm(R0, 0));
            self.e.ja(done);
            self.e.bind(string);
        }
        self.e.emit(Insn::mov64_reg(R0, base));
        self.e.emit(Insn::alu64_imm(BPF_ADD, R0, off as i32));
        self.e.bind(done);
    }

    /// String comparison with NULL: when either pointer (R1, R2) is NULL the pointers are
    /// compared, as DTrace does, so NULL equals NULL and sorts before any string. R0 is then
    /// <0, 0 or >0 as strcmp's.
    pub(super) fn strcmp_nullable(&mut self) {
        let ptrs = self.e.label();
        let done = self.e.label();
        self.e.jeq_imm(R1, 0, ptrs);
        self.e.jeq_imm(R2, 0, ptrs);
        self.strcmp();
        self.e.ja(done);
        self.e.bind(ptrs);
        // One of them is 0: equal when both are, otherwise the NULL one is less.
        let left_null = self.e.label();
        self.e.jeq_imm(R1, 0, left_null);
        self.e.emit(Insn::mov64_imm(R0, 1));
        self.e.ja(done);
        self.e.bind(left_null);
        self.e.emit(Insn::mov64_imm(R0, 0));
        self.e.jeq_imm(R2, 0, done);
        self.e.emit(Insn::mov64_imm(R0, -1));
        self.e.bind(done);
    }
}
