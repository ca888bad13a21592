//! An instruction buffer with forward labels and map relocations.

use super::insn::*;
use super::MapRef;

pub type Label = usize;

/// A place in the program that names a map; the linker puts the map's fd there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reloc {
    /// Index of the first slot of the `ld_imm64`.
    pub insn: usize,
    pub map: MapRef,
}

#[derive(Debug, Default, Clone)]
pub struct Emitter {
    pub insns: Vec<Insn>,
    pub relocs: Vec<Reloc>,
    labels: Vec<Option<usize>>,
    fixups: Vec<(usize, Label)>,
    /// Calls to BPF runtime routines: (instruction index, routine name), for `link`.
    pub routine_calls: Vec<(usize, &'static str)>,
}

impl Emitter {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn emit(&mut self, i: Insn) {
        self.insns.push(i);
    }
    pub fn emit2(&mut self, i: [Insn; 2]) {
        self.insns.extend_from_slice(&i);
    }
    pub fn label(&mut self) -> Label {
        self.labels.push(None);
        self.labels.len() - 1
    }
    pub fn bind(&mut self, l: Label) {
        self.labels[l] = Some(self.insns.len());
    }
    /// A jump whose offset is fixed up when the label is bound.
    pub fn jump(&mut self, mut i: Insn, l: Label) {
        i.off = 0;
        self.fixups.push((self.insns.len(), l));
        self.insns.push(i);
    }
    pub fn ja(&mut self, l: Label) {
        self.jump(Insn::ja(0), l);
    }
    pub fn jeq_imm(&mut self, r: Reg, imm: i32, l: Label) {
        self.jump(Insn::jmp_imm(BPF_JEQ, r, imm, 0), l);
    }
    pub fn jne_imm(&mut self, r: Reg, imm: i32, l: Label) {
        self.jump(Insn::jmp_imm(BPF_JNE, r, imm, 0), l);
    }
    /// `dst = map` (fd patched by the linker).
    pub fn ld_map(&mut self, dst: Reg, map: MapRef) {
        self.relocs.push(Reloc {
            insn: self.insns.len(),
            map,
        });
        self.emit2(Insn::ld_map_fd(dst, 0));
    }
    /// `dst = &map.value[0] + off` (fd patched by the linker).
    pub fn ld_map_value(&mut self, dst: Reg, map: MapRef, off: u32) {
        self.relocs.push(Reloc {
            insn: self.insns.len(),
            map,
        });
        self.emit2(Insn::ld_map_value(dst, 0, off));
    }
    /// `dst = imm` choosing the short form when it fits.
    pub fn mov_imm(&mut self, dst: Reg, v: i64) {
        if v >= i32::MIN as i64 && v <= i32::MAX as i64 {
            self.emit(Insn::mov64_imm(dst, v as i32));
        } else {
            self.emit2(Insn::ld_imm64(dst, v as u64));
        }
    }
    pub fn call(&mut self, helper: i32) {
        self.emit(Insn::call(helper));
    }
    /// A BPF-to-BPF call to runtime routine `name`; `link` places it and fixes the offset.
    pub fn call_routine(&mut self, name: &'static str) {
        self.routine_calls.push((self.insns.len(), name));
        self.emit(super::link::pseudo_call());
    }
    /// Resolve jumps. Panics only on a label never bound, which is a codegen bug.
    pub fn finish(mut self) -> (Vec<Insn>, Vec<Reloc>) {
        for (at, l) in std::mem::take(&mut self.fixups) {
            let target = self.labels[l].expect("codegen: jump to an unbound label");
            let off = target as i64 - (at as i64 + 1);
            self.insns[at].off = off as i16;
        }
        (self.insns, self.relocs)
    }
}
