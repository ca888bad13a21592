//! Code for thread-local, clause-local and associative-array variables.
//!
//! Dynamic variables (`self->x`, `self->a[k]`, `a[k]`) live in one BPF hash map each
//! (`MapRef::Dyn(id)`). The key is the thread (the 64-bit pid/tgid word, for `self->`)
//! followed by the key tuple: integers as 8 bytes, strings as zero-padded `strsize` slots,
//! structs and unions as their bytes, zero-padded to a multiple of 8.
//! The value is 8 bytes for an integer, `strsize` bytes for a string. A missing element
//! reads as 0, or NULL for a string; storing 0 (or a NULL string) deletes the element
//! (DTrace's semantics: it frees the dynamic variable).
//!
//! `dynvarsize` bounds the space of all dynamic variables together: each element is charged
//! [`dyn_cost`] bytes in the shared state's `DYN_USED` counter when inserted and refunded when
//! deleted; an insertion that would pass the bound is dropped and counted (`drops::DYN`),
//! which the consumer reports as `N dynamic variable drops`.
//!
//! A struct or union value (`self struct foo s;`, `self->a[k] = *p`) is stored whole, its size
//! rounded up to 8, and charged against `dynvarsize` like any element. Such a variable is an
//! address ([`TKind::DynAddr`]): of the element when it exists; when it does not, of the
//! read-only zeroes map for a read (its members read as 0, nothing is created), of a new
//! zero-filled element for a member store, and 0 for the source of a whole-struct copy (which
//! then frees the destination, as storing 0 does).
//!
//! Clause-local variables (`this->x`) live in the machine state, at a fixed offset per
//! variable after the fault frame ([`locals_base`]): every clause of a probe firing sees the
//! same storage, and the area is reused by the next firing.

use super::clause::Gen;
use super::fault;
use super::insn::*;
use super::{drops, mstate, state, MapRef};
use crate::check::ir::*;
use crate::check::types::Type;
use crate::check::Symbols;
use crate::error::CompileError;
use crate::parse::ast::BinOp;

/// Offset in the machine state of the clause-local area.
pub fn locals_base() -> u32 {
    mstate::SCRATCH + fault::frame::SIZE
}

/// Bytes of machine-state scratch reserved before a clause's own scratch: the fault frame and
/// the clause-local variables.
pub fn reserved_scratch(syms: &Symbols) -> u32 {
    fault::frame::SIZE + (syms.locals_size + 7) / 8 * 8
}

/// Key and value sizes of dynamic variable `id`'s map.
pub fn dyn_layout(syms: &Symbols, id: u32, strsize: u32) -> (u32, u32) {
    let v = &syms.dyns[id as usize];
    let slot = |t: &Type| match t {
        Type::Str => (strsize + 7) / 8 * 8,
        t if t.by_ref() => t.size(strsize).unwrap_or(8).max(1).div_ceil(8) * 8,
        _ => 8,
    };
    let mut key: u32 = if v.thread { 8 } else { 0 };
    key += v.keys.iter().map(slot).sum::<u32>();
    (key.max(8), slot(&v.ty))
}

/// Bytes of read-only zeroes the dynamic struct variables need: the largest such value (0 when
/// there is none). Missing elements read from there, new ones are inserted from there.
pub fn zeroes_size(syms: &Symbols, strsize: u32) -> u32 {
    (0..syms.dyns.len() as u32)
        .filter(|&i| syms.dyns[i as usize].ty.by_ref())
        .map(|i| dyn_layout(syms, i, strsize).1)
        .max()
        .unwrap_or(0)
}

/// Bytes one element of a dynamic variable is charged against `dynvarsize`: its key and
/// value plus the hash table's bookkeeping (about 48 bytes per element in the kernel).
pub fn dyn_cost(key: u32, value: u32) -> u64 {
    (key + value) as u64 + 48
}

impl<'a> Gen<'a> {
    fn local_off(&self, id: u32) -> i16 {
        (locals_base() + self.syms.locals[id as usize].offset) as i16
    }

    /// Build the key of a dynamic variable reference in scratch; returns its offset from R6.
    fn dyn_key(&mut self, v: &VarRef) -> Result<u32, CompileError> {
        let (ksize, _) = dyn_layout(self.syms, v.id, self.t.strsize);
        let ko = self.alloc_scratch(ksize);
        let dv = self.syms.dyns[v.id as usize].clone();
        // String slots and struct keys leave bytes to pad: zero them so equal keys match.
        let has_str = dv.keys.iter().any(|t| *t == Type::Str || t.by_ref());
        if has_str || (v.keys.is_empty() && !dv.thread) {
            for i in 0..ksize / 8 {
                self.e.emit(Insn::st(BPF_DW, R6, (ko + 8 * i) as i16, 0));
            }
        }
        let mut off = 0;
        if dv.thread {
            self.e.call(helper::GET_CURRENT_PID_TGID);
            self.e.emit(Insn::stx(BPF_DW, R6, ko as i16, R0));
            off = 8;
        }
        if v.keys.is_empty() && !dv.thread {
            return Ok(ko);
        }
        for (k, kt) in v.keys.iter().zip(&dv.keys) {
            self.expr(k)?;
            match kt {
                Type::Str => {
                    self.null_str_fault(R0);
                    self.e.emit(Insn::mov64_reg(R3, R0));
                    self.copy_to(R6, ko + off, self.t.strsize, true);
                    off += (self.t.strsize + 7) / 8 * 8;
                }
                t if t.by_ref() => {
                    // A struct key: its bytes, from wherever the key expression points.
                    let size = t.size(self.t.strsize).unwrap_or(0);
                    self.e.emit(Insn::mov64_reg(R3, R0));
                    self.e.emit(Insn::mov64_reg(R1, R6));
                    self.e.emit(Insn::alu64_imm(BPF_ADD, R1, (ko + off) as i32));
                    self.e.mov_imm(R2, size as i64);
                    self.read_or_fault(helper::PROBE_READ_KERNEL, false)?;
                    off += size.max(1).div_ceil(8) * 8;
                }
                _ => {
                    self.e.emit(Insn::stx(BPF_DW, R6, (ko + off) as i16, R0));
                    off += 8;
                }
            }
        }
        Ok(ko)
    }

    fn dyn_lookup(&mut self, id: u32, ko: u32) {
        self.e.ld_map(R1, MapRef::Dyn(id));
        self.e.emit(Insn::mov64_reg(R2, R6));
        self.e.emit(Insn::alu64_imm(BPF_ADD, R2, ko as i32));
        self.e.call(helper::MAP_LOOKUP_ELEM);
    }

    /// R0 = the value of dynamic variable `id` at the key built at `ko` (0 or "" if unset).
    fn dyn_load(&mut self, id: u32, ko: u32, ty: Type) {
        let done = self.e.label();
        self.dyn_lookup(id, ko);
        if ty == Type::Str {
            // A missing string element is NULL, as DTrace's; the explicit 0 turns the
            // verifier's map-value-or-null into two plain cases.
            self.e.jne_imm(R0, 0, done);
            self.e.emit(Insn::mov64_imm(R0, 0));
        } else {
            let zero = self.e.label();
            self.e.jeq_imm(R0, 0, zero);
            self.e.emit(Insn::ldx(BPF_DW, R0, R0, 0));
            self.e.ja(done);
            self.e.bind(zero);
            self.e.emit(Insn::mov64_imm(R0, 0));
        }
        self.e.bind(done);
    }

    /// Charge (`sign` 1) or refund (`sign` -1) one element of `id` against `dynvarsize`;
    /// leaves R1 = the shared state.
    fn dyn_charge(&mut self, cost: u64, sign: i64) {
        self.e.ld_map_value(R1, MapRef::State, 0);
        self.e.mov_imm(R2, cost as i64 * sign);
        self.e
            .emit(Insn::atomic_add(BPF_DW, R1, state::DYN_USED, R2));
    }

    /// Store the value held at `[FP + val]` into dynamic variable `id` at the key built at
    /// `ko`: update in place, insert within the `dynvarsize` bound, or delete on 0.
    fn dyn_store(&mut self, id: u32, ko: u32, val: i16, ty: Type) {
        let (ksize, vsize) = dyn_layout(self.syms, id, self.t.strsize);
        let cost = dyn_cost(ksize, vsize);
        let done = self.e.label();
        let insert = self.e.label();
        {
            // Storing 0 (NULL, for a string) deletes the element.
            let nonzero = self.e.label();
            self.e.emit(Insn::ldx(BPF_DW, R1, FP, val));
            self.e.jne_imm(R1, 0, nonzero);
            self.e.ld_map(R1, MapRef::Dyn(id));
            self.e.emit(Insn::mov64_reg(R2, R6));
            self.e.emit(Insn::alu64_imm(BPF_ADD, R2, ko as i32));
            self.e.call(helper::MAP_DELETE_ELEM);
            self.e.jne_imm(R0, 0, done);
            self.dyn_charge(cost, -1);
            self.e.ja(done);
            self.e.bind(nonzero);
        }
        self.dyn_lookup(id, ko);
        self.e.jeq_imm(R0, 0, insert);
        self.put_value(R0, 0, val, ty);
        self.e.ja(done);

        self.e.bind(insert);
        let room = self.e.label();
        self.dyn_charge(cost, 1);
        self.e.emit(Insn::ldx(BPF_DW, R2, R1, state::DYN_USED));
        self.e.mov_imm(R3, self.t.dynvarsize as i64);
        self.e.jump(Insn::jmp_reg(BPF_JLE, R2, R3, 0), room);
        self.dyn_charge(cost, -1);
        self.count_drop(drops::DYN);
        self.e.ja(done);
        self.e.bind(room);
        let vo = self.alloc_scratch(vsize);
        self.e.emit(Insn::mov64_reg(R0, R6));
        self.put_value(R0, vo, val, ty);
        self.e.ld_map(R1, MapRef::Dyn(id));
        self.e.emit(Insn::mov64_reg(R2, R6));
        self.e.emit(Insn::alu64_imm(BPF_ADD, R2, ko as i32));
        self.e.emit(Insn::mov64_reg(R3, R6));
        self.e.emit(Insn::alu64_imm(BPF_ADD, R3, vo as i32));
        self.e.emit(Insn::mov64_imm(R4, 1)); // BPF_NOEXIST
        self.e.call(helper::MAP_UPDATE_ELEM);
        self.e.jeq_imm(R0, 0, done);
        // The map is full, or another CPU inserted the same key meanwhile.
        self.dyn_charge(cost, -1);
        self.count_drop(drops::DYN);
        self.e.bind(done);
    }

    /// Write the value at `[FP + val]` to `[dst + off]`: 8 bytes, or a string slot.
    fn put_value(&mut self, dst: Reg, off: u32, val: i16, ty: Type) {
        if ty == Type::Str {
            self.e.emit(Insn::ldx(BPF_DW, R3, FP, val));
            self.copy_to(dst, off, self.t.strsize, false);
        } else {
            self.e.emit(Insn::ldx(BPF_DW, R1, FP, val));
            self.e.emit(Insn::stx(BPF_DW, dst, off as i16, R1));
        }
    }

    /// Leave the clause when a dynamic struct element cannot be created for a member store:
    /// the store has nowhere to go. The drop is already counted.
    fn dyn_abort(&mut self) {
        if self.reserved {
            self.fault_used = true;
            self.e.ja(self.fault);
        } else {
            self.e.ja(self.next);
        }
    }

    /// Insert a zero-filled element of `id` at the key built at `ko` (within `dynvarsize`,
    /// else counting a drop) and leave R0 = its address, or 0 when there is no room.
    fn dyn_insert_zeroed(&mut self, id: u32, ko: u32) {
        let (ksize, vsize) = dyn_layout(self.syms, id, self.t.strsize);
        let cost = dyn_cost(ksize, vsize);
        let room = self.e.label();
        let again = self.e.label();
        let done = self.e.label();
        self.dyn_charge(cost, 1);
        self.e.emit(Insn::ldx(BPF_DW, R2, R1, state::DYN_USED));
        self.e.mov_imm(R3, self.t.dynvarsize as i64);
        self.e.jump(Insn::jmp_reg(BPF_JLE, R2, R3, 0), room);
        self.dyn_charge(cost, -1);
        self.count_drop(drops::DYN);
        self.e.emit(Insn::mov64_imm(R0, 0));
        self.e.ja(done);
        self.e.bind(room);
        self.e.ld_map(R1, MapRef::Dyn(id));
        self.e.emit(Insn::mov64_reg(R2, R6));
        self.e.emit(Insn::alu64_imm(BPF_ADD, R2, ko as i32));
        self.e.ld_map_value(R3, MapRef::Zeroes, 0);
        self.e.emit(Insn::mov64_imm(R4, 1)); // BPF_NOEXIST
        self.e.call(helper::MAP_UPDATE_ELEM);
        self.e.jeq_imm(R0, 0, again);
        // The map is full, or another CPU inserted the same key meanwhile (then the lookup
        // below finds its element).
        self.dyn_charge(cost, -1);
        self.e.bind(again);
        self.dyn_lookup(id, ko);
        self.e.jne_imm(R0, 0, done);
        self.count_drop(drops::DYN);
        self.e.emit(Insn::mov64_imm(R0, 0));
        self.e.bind(done);
    }

    /// R0 = the address of the struct or union in variable `v` (see [`DynMode`]).
    pub(super) fn dyn_addr(&mut self, v: &VarRef, mode: DynMode) -> Result<(), CompileError> {
        if v.kind == VarKind::Local {
            let off = self.local_off(v.id);
            self.e.emit(Insn::mov64_reg(R0, R6));
            self.e.emit(Insn::alu64_imm(BPF_ADD, R0, off as i32));
            return Ok(());
        }
        let ko = self.dyn_key(v)?;
        let done = self.e.label();
        self.dyn_lookup(v.id, ko);
        // The explicit branch splits the verifier's map-value-or-null into two cases.
        self.e.jne_imm(R0, 0, done);
        match mode {
            DynMode::Read => self.e.ld_map_value(R0, MapRef::Zeroes, 0),
            DynMode::Null => self.e.emit(Insn::mov64_imm(R0, 0)),
            DynMode::Write => {
                let ok = self.e.label();
                self.dyn_insert_zeroed(v.id, ko);
                self.e.jne_imm(R0, 0, ok);
                self.dyn_abort();
                self.e.bind(ok);
            }
        }
        self.e.bind(done);
        Ok(())
    }

    /// `v = rhs` for a struct or union: copy `size` bytes from the address `rhs` computes (kernel
    /// memory or another variable); for a dynamic variable, a 0 address frees the element.
    /// R0 = 0 afterwards.
    fn by_ref_assign(&mut self, v: &VarRef, rhs: &TExpr, ty: Type) -> Result<(), CompileError> {
        let size = ty.size(self.t.strsize).unwrap_or(0);
        if v.kind == VarKind::Local {
            let off = self.local_off(v.id);
            self.expr(rhs)?;
            self.e.emit(Insn::mov64_reg(R3, R0));
            self.e.emit(Insn::mov64_reg(R1, R6));
            self.e.emit(Insn::alu64_imm(BPF_ADD, R1, off as i32));
            self.e.mov_imm(R2, size as i64);
            self.read_or_fault(helper::PROBE_READ_KERNEL, false)?;
            self.e.emit(Insn::mov64_imm(R0, 0));
            return Ok(());
        }
        let (ksize, vsize) = dyn_layout(self.syms, v.id, self.t.strsize);
        let cost = dyn_cost(ksize, vsize);
        let ko = self.dyn_key(v)?;
        self.expr(rhs)?;
        let src = self.push(R0)?;
        let done = self.e.label();
        let have = self.e.label();
        let nonzero = self.e.label();
        self.e.jne_imm(R0, 0, nonzero);
        self.e.ld_map(R1, MapRef::Dyn(v.id));
        self.e.emit(Insn::mov64_reg(R2, R6));
        self.e.emit(Insn::alu64_imm(BPF_ADD, R2, ko as i32));
        self.e.call(helper::MAP_DELETE_ELEM);
        self.e.jne_imm(R0, 0, done);
        self.dyn_charge(cost, -1);
        self.e.ja(done);
        self.e.bind(nonzero);
        self.dyn_lookup(v.id, ko);
        self.e.jne_imm(R0, 0, have);
        self.dyn_insert_zeroed(v.id, ko);
        self.e.jeq_imm(R0, 0, done);
        self.e.bind(have);
        self.e.emit(Insn::mov64_reg(R1, R0));
        self.e.mov_imm(R2, size as i64);
        self.e.emit(Insn::ldx(BPF_DW, R3, FP, src));
        self.read_or_fault(helper::PROBE_READ_KERNEL, false)?;
        self.e.bind(done);
        self.pop(R0);
        self.e.emit(Insn::mov64_imm(R0, 0));
        Ok(())
    }

    /// R0 = the variable's value.
    pub(super) fn var_read(&mut self, v: &VarRef, ty: Type) -> Result<(), CompileError> {
        match v.kind {
            VarKind::Local => {
                let off = self.local_off(v.id);
                if ty == Type::Str {
                    self.str_slot_load(R6, off as u32);
                } else {
                    self.e.emit(Insn::ldx(BPF_DW, R0, R6, off));
                }
            }
            VarKind::Thread | VarKind::Array => {
                let ko = self.dyn_key(v)?;
                self.dyn_load(v.id, ko, ty);
            }
        }
        Ok(())
    }

    /// R0 = `old op R1` in the common type of the variable and the right-hand side.
    fn combine(&mut self, op: BinOp, ty: Type, rty: Type) -> Result<(), CompileError> {
        let common = crate::check::types::arith(ty, rty);
        self.normalize(R0, common);
        self.normalize(R1, common);
        self.arith(op, common)
    }

    /// `v = rhs` / `v op= rhs`; R0 = the new value.
    pub(super) fn var_assign(
        &mut self,
        v: &VarRef,
        op: Option<BinOp>,
        rhs: &TExpr,
        ty: Type,
    ) -> Result<(), CompileError> {
        if ty.by_ref() {
            return self.by_ref_assign(v, rhs, ty);
        }
        match v.kind {
            VarKind::Local => {
                let off = self.local_off(v.id);
                self.expr(rhs)?;
                if ty == Type::Str {
                    self.str_slot_store(R6, off as u32);
                    return Ok(());
                }
                if let Some(op) = op {
                    self.e.emit(Insn::mov64_reg(R1, R0));
                    self.e.emit(Insn::ldx(BPF_DW, R0, R6, off));
                    self.combine(op, ty, rhs.ty)?;
                }
                self.normalize(R0, ty);
                self.e.emit(Insn::stx(BPF_DW, R6, off, R0));
            }
            VarKind::Thread | VarKind::Array => {
                let ko = self.dyn_key(v)?;
                self.expr(rhs)?;
                if let Some(op) = op {
                    let r = self.push(R0)?;
                    self.dyn_load(v.id, ko, ty);
                    self.e.emit(Insn::ldx(BPF_DW, R1, FP, r));
                    self.combine(op, ty, rhs.ty)?;
                    self.pop(R1);
                }
                if ty != Type::Str {
                    self.normalize(R0, ty);
                }
                let val = self.push(R0)?;
                self.dyn_store(v.id, ko, val, ty);
                self.pop(R0);
            }
        }
        Ok(())
    }

    /// `++v`, `v--`...; R0 = the new value (prefix) or the old one (postfix).
    pub(super) fn var_incdec(
        &mut self,
        v: &VarRef,
        pre: bool,
        inc: bool,
        ty: Type,
    ) -> Result<(), CompileError> {
        let delta = if inc { 1 } else { -1 };
        match v.kind {
            VarKind::Local => {
                let off = self.local_off(v.id);
                self.e.emit(Insn::ldx(BPF_DW, R1, R6, off));
                self.e.emit(Insn::mov64_reg(R0, R1));
                self.e.emit(Insn::alu64_imm(BPF_ADD, R0, delta));
                self.normalize(R0, ty);
                self.e.emit(Insn::stx(BPF_DW, R6, off, R0));
                if !pre {
                    self.e.emit(Insn::mov64_reg(R0, R1));
                }
            }
            VarKind::Thread | VarKind::Array => {
                let ko = self.dyn_key(v)?;
                self.dyn_load(v.id, ko, ty);
                let old = self.push(R0)?;
                self.e.emit(Insn::alu64_imm(BPF_ADD, R0, delta));
                self.normalize(R0, ty);
                let new = self.push(R0)?;
                self.dyn_store(v.id, ko, new, ty);
                self.e
                    .emit(Insn::ldx(BPF_DW, R0, FP, if pre { new } else { old }));
                self.pop(R1);
                self.pop(R1);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::types::{INT, LONG};

    #[test]
    fn layouts() {
        let mut syms = Symbols::default();
        syms.dyns.push(DynVar {
            name: "x".into(),
            thread: true,
            ty: LONG,
            typed: true,
            keys: vec![],
        });
        syms.dyns.push(DynVar {
            name: "a".into(),
            thread: false,
            ty: Type::Str,
            typed: true,
            keys: vec![Type::Str, INT],
        });
        // self->x: the thread word; an 8-byte value.
        assert_eq!(dyn_layout(&syms, 0, 256), (8, 8));
        // a[string, int]: a 256-byte string slot and an 8-byte integer; a string value.
        assert_eq!(dyn_layout(&syms, 1, 256), (264, 256));
        // Odd string sizes are padded so integer keys stay aligned.
        assert_eq!(dyn_layout(&syms, 1, 13), (24, 16));
        // No struct value: no zeroes needed.
        assert_eq!(zeroes_size(&syms, 256), 0);
    }

    fn sou(name: &str, size: u32) -> Type {
        crate::check::types::new_sou(crate::check::types::Sou {
            name: name.into(),
            union: false,
            size,
            align: 4,
            members: crate::check::types::Members::Known(vec![]),
        })
    }

    #[test]
    fn struct_layouts() {
        let mut syms = Symbols::default();
        // self struct odd s[int]: the thread word and the key; 12 bytes stored as 16.
        syms.dyns.push(DynVar {
            name: "s".into(),
            thread: true,
            ty: sou("odd", 12),
            typed: true,
            keys: vec![INT],
        });
        // big[string]: the whole 4000-byte struct per element.
        syms.dyns.push(DynVar {
            name: "big".into(),
            thread: false,
            ty: sou("big", 4000),
            typed: true,
            keys: vec![Type::Str],
        });
        assert_eq!(dyn_layout(&syms, 0, 256), (16, 16));
        assert_eq!(dyn_layout(&syms, 1, 256), (256, 4000));
        // int hits[struct odd]: a struct key takes its padded size.
        syms.dyns.push(DynVar {
            name: "hits".into(),
            thread: false,
            ty: INT,
            typed: true,
            keys: vec![sou("odd", 12), LONG],
        });
        assert_eq!(dyn_layout(&syms, 2, 256), (24, 8));
        // Each element is charged its key, its whole value and the table's bookkeeping.
        assert_eq!(dyn_cost(16, 16), 80);
        assert_eq!(dyn_cost(256, 4000), 4304);
        // Zeroes cover the largest struct value, for missing reads and zero-filled inserts.
        assert_eq!(zeroes_size(&syms, 256), 4000);
    }
}
