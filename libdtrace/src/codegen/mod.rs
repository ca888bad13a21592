//! Codegen: BPF instructions for stubs and clause action programs.

pub mod insn;
