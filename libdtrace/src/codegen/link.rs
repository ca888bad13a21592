//! The link step: appends the BPF runtime routines (bpf/*.c, compiled by build.rs) that a program
//! calls, each once, together with the routines they call, and fixes every call's offset.
//!
//! Codegen emits a call to a routine as a BPF-to-BPF call (`BPF_PSEUDO_CALL`) whose target is
//! not yet known and records the call site with the routine's name (`Emitter::call_routine`).
//! Routines take everything as arguments (pointers into map values, sizes as constants) and hold
//! no map or data relocation (build.rs refuses them), so appending them needs nothing else.

use std::collections::HashMap;

use thiserror::Error;

use super::insn::{Insn, BPF_CALL, BPF_JMP};

/// `src_reg` of a call whose immediate is the offset of a BPF function in the same program.
pub const BPF_PSEUDO_CALL: u8 = 1;
/// Source register of a 64-bit load of a subprogram's address.
pub const BPF_PSEUDO_FUNC: u8 = 4;
/// `BPF_LD | BPF_IMM | BPF_DW`
const LD_IMM64: u8 = 0x18;

/// A routine of the runtime: its instructions and, for each BPF-to-BPF call among them, the
/// instruction index and the callee's name.
#[derive(Debug)]
pub struct RoutineDef {
    pub name: &'static str,
    pub insns: &'static [Insn],
    pub calls: &'static [(usize, &'static str)],
    /// 64-bit loads of another routine's address (a `bpf_loop()` callback): (index, routine).
    pub funcs: &'static [(usize, &'static str)],
}

include!(concat!(env!("OUT_DIR"), "/bpf_routines.rs"));

#[derive(Debug, Error, PartialEq, Eq)]
pub enum LinkError {
    #[error("no BPF runtime routine is named {0}")]
    Unknown(String),
    #[error("call to {0} is too far for a BPF call")]
    TooFar(String),
    #[error("instruction {0} is not a BPF-to-BPF call")]
    NotACall(usize),
}

/// A call to a routine not yet placed.
pub fn pseudo_call() -> Insn {
    Insn::raw(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, -1)
}

/// The routine table built from bpf/.
pub fn routines() -> &'static [RoutineDef] {
    ROUTINES
}

/// Link `prog` against the runtime: `calls` lists each call site (instruction index) and the
/// routine it calls.
pub fn link(prog: &mut Vec<Insn>, calls: &[(usize, &str)]) -> Result<(), LinkError> {
    link_with(ROUTINES, prog, calls)
}

/// Link against a given table (tests use their own).
pub fn link_with(
    table: &[RoutineDef],
    prog: &mut Vec<Insn>,
    calls: &[(usize, &str)],
) -> Result<(), LinkError> {
    let mut placed: HashMap<&str, usize> = HashMap::new();
    // (site, routine, whether the site loads the routine's address rather than calling it)
    let mut pending: Vec<(usize, String, bool)> =
        calls.iter().map(|(i, n)| (*i, n.to_string(), false)).collect();
    while let Some((site, name, is_ref)) = pending.pop() {
        let start = match placed.get(name.as_str()) {
            Some(&s) => s,
            None => {
                let r = table
                    .iter()
                    .find(|r| r.name == name)
                    .ok_or_else(|| LinkError::Unknown(name.clone()))?;
                let start = prog.len();
                prog.extend_from_slice(r.insns);
                placed.insert(r.name, start);
                pending.extend(r.calls.iter().map(|(i, c)| (start + i, c.to_string(), false)));
                pending.extend(r.funcs.iter().map(|(i, c)| (start + i, c.to_string(), true)));
                start
            }
        };
        let insn = prog.get_mut(site).ok_or(LinkError::NotACall(site))?;
        let off = start as i64 - (site as i64 + 1);
        let off = i32::try_from(off).map_err(|_| LinkError::TooFar(name.clone()))?;
        if is_ref {
            if insn.code != LD_IMM64 {
                return Err(LinkError::NotACall(site));
            }
            *insn = Insn::raw(LD_IMM64, insn.dst(), BPF_PSEUDO_FUNC, 0, off);
            continue;
        }
        if insn.code != BPF_JMP | BPF_CALL || insn.src() != BPF_PSEUDO_CALL {
            return Err(LinkError::NotACall(site));
        }
        insn.imm = off;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codegen::insn::*;

    static LEAF: [Insn; 2] = [
        Insn::raw(BPF_ALU64 | BPF_MOV, R0, 0, 0, 7),
        Insn::raw(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
    ];
    static MID: [Insn; 3] = [
        Insn::raw(BPF_ALU64 | BPF_MOV, R1, 0, 0, 1),
        Insn::raw(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, -1),
        Insn::raw(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
    ];
    static TABLE: [RoutineDef; 2] = [
        RoutineDef {
            name: "leaf",
            insns: &LEAF,
            calls: &[],
            funcs: &[],
        },
        RoutineDef {
            name: "mid",
            insns: &MID,
            calls: &[(1, "leaf")],
            funcs: &[],
        },
    ];

    fn main_prog(n: usize) -> Vec<Insn> {
        let mut v = vec![Insn::mov64_imm(R0, 0); n];
        v.push(Insn::exit());
        v
    }

    #[test]
    fn routine_used_twice_is_appended_once() {
        let mut p = main_prog(4);
        p[0] = pseudo_call();
        p[2] = pseudo_call();
        link_with(&TABLE, &mut p, &[(0, "leaf"), (2, "leaf")]).unwrap();
        assert_eq!(p.len(), 5 + LEAF.len());
        // Both calls land on the leaf's first instruction at index 5.
        assert_eq!(p[0].imm, 5 - 1);
        assert_eq!(p[2].imm, 5 - 3);
        assert_eq!(&p[5..], &LEAF[..]);
    }

    #[test]
    fn nested_calls_bring_their_callees() {
        let mut p = main_prog(2);
        p[1] = pseudo_call();
        link_with(&TABLE, &mut p, &[(1, "mid")]).unwrap();
        // main (3) + mid (3) + leaf (2)
        assert_eq!(p.len(), 8);
        assert_eq!(p[1].imm, 3 - 2);
        // mid's call at 3 + 1 = 4 targets leaf at 6.
        assert_eq!(p[4].imm, 6 - 5);
        assert_eq!(p[4].src(), BPF_PSEUDO_CALL);
    }

    #[test]
    fn shared_callee_is_placed_once() {
        let mut p = main_prog(3);
        p[0] = pseudo_call();
        p[1] = pseudo_call();
        link_with(&TABLE, &mut p, &[(0, "mid"), (1, "leaf")]).unwrap();
        assert_eq!(p.len(), 4 + 3 + 2);
        let target = |i: usize| (i as i64 + 1 + p[i].imm as i64) as usize;
        assert_eq!(p[target(0)], MID[0]);
        assert_eq!(p[target(1)], LEAF[0]);
        // mid's inner call and main's direct call reach the same copy of leaf.
        let mid_call = target(0) + 1;
        assert_eq!(target(mid_call), target(1));
    }

    #[test]
    fn unknown_routine_and_bad_site_are_errors() {
        let mut p = main_prog(1);
        p[0] = pseudo_call();
        assert_eq!(
            link_with(&TABLE, &mut p, &[(0, "nope")]),
            Err(LinkError::Unknown("nope".into()))
        );
        let mut p = main_prog(1);
        assert_eq!(
            link_with(&TABLE, &mut p, &[(0, "leaf")]),
            Err(LinkError::NotACall(0))
        );
    }

    #[test]
    fn runtime_table_is_consistent() {
        for r in routines() {
            assert!(!r.insns.is_empty(), "{} is empty", r.name);
            for (i, c) in r.calls {
                assert!(
                    routines().iter().any(|x| x.name == *c),
                    "{} calls unknown {}",
                    r.name,
                    c
                );
                assert_eq!(r.insns[*i].src(), BPF_PSEUDO_CALL);
            }
        }
        assert!(routines().iter().any(|r| r.name == "dt_strjoin"));
    }
}
