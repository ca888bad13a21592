//! `uregs[R]`: the current thread's user-mode registers at the probe, and the `R_*` index
//! constants of Oracle's x86-64 `regs.d`.
//!
//! The index must be an integer constant (as DTrace's `dt_idcook_regs` requires). Indices
//! 0 to 20 are the words of x86-64's `struct pt_regs` in order (r15 ... ss), read from the
//! registers saved on the thread's kernel stack when it entered the kernel
//! (`task_pt_regs(current)`): in a pid or usdt probe the registers at the probed
//! instruction, in a syscall probe those of the system call. 21 to 25 are what pt_regs does
//! not hold, from `curthread->thread` as Oracle reads them (ds, es, fsbase, gsbase,
//! trap_nr). A negative index is D_REGS_IDX, a larger one D_UNKNOWN, both as DTrace says.

use super::ir::*;
use super::types::{Type, INT, ULONG};
use super::{err, Checker};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::{BinOp, Expr, ExprKind};

/// Oracle's x86-64 register index constants (`regs.d`): the pt_regs words, then the
/// thread's segment registers and trap number, then the i386 names as aliases.
const REGS: &[(&str, i64)] = &[
    ("R_R15", 0),
    ("R_R14", 1),
    ("R_R13", 2),
    ("R_R12", 3),
    ("R_RBP", 4),
    ("R_RBX", 5),
    ("R_R11", 6),
    ("R_R10", 7),
    ("R_R9", 8),
    ("R_R8", 9),
    ("R_RAX", 10),
    ("R_RCX", 11),
    ("R_RDX", 12),
    ("R_RSI", 13),
    ("R_RDI", 14),
    ("R_ERR", 15),
    ("R_RIP", 16),
    ("R_CS", 17),
    ("R_RFL", 18),
    ("R_RSP", 19),
    ("R_SS", 20),
    ("R_DS", 21),
    ("R_ES", 22),
    ("R_FS", 23),
    ("R_GS", 24),
    ("R_TRAPNO", 25),
    ("R_EBX", 5),
    ("R_ECX", 11),
    ("R_EDX", 12),
    ("R_ESI", 13),
    ("R_EDI", 14),
    ("R_EBP", 4),
    ("R_EAX", 10),
    ("R_EIP", 16),
    ("R_EFL", 18),
    ("R_ESP", 19),
    ("R_PC", 16),
    ("R_FP", 4),
    ("R_SP", 19),
    ("R_PS", 18),
    ("R_R0", 10),
    ("R_R1", 5),
];

/// Words of `struct pt_regs` on x86-64.
const PT_REGS_WORDS: i64 = 21;

/// The largest index: `R_TRAPNO`.
const MAX_INDEX: i64 = 25;

/// The integer constant an `R_*` identifier names.
pub(super) fn constant(name: &str) -> Option<(i64, Type)> {
    REGS.iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, v)| (v, INT))
}

impl<'a> Checker<'a> {
    pub(super) fn is_uregs(base: &Expr) -> bool {
        matches!(&base.kind, ExprKind::Ident(n) if n == "uregs")
    }

    /// `uregs[keys]`: a 64-bit register value.
    pub(super) fn uregs_ref(&mut self, keys: &[Expr], line: u32) -> Result<TExpr, CompileError> {
        let [key] = keys else {
            return Err(err(
                ErrTag::D_PROTO_LEN,
                line,
                format!(
                    "uregs[ ] prototype mismatch: {} arg{}passed, 1 expected",
                    keys.len(),
                    if keys.len() == 1 { " " } else { "s " }
                ),
            ));
        };
        let k = self.expr(key)?;
        let TKind::Const(idx) = k.kind else {
            return Err(err(
                ErrTag::D_PROTO_ARG,
                line,
                format!(
                    "uregs[ ] argument #1 is incompatible with prototype:\n\tprototype: integer constant\n\t argument: {}",
                    k.ty
                ),
            ));
        };
        let signed = matches!(k.ty, Type::Int { signed: true, .. });
        if signed && idx < 0 {
            return Err(err(
                ErrTag::D_REGS_IDX,
                line,
                format!("index {} is out of range for array uregs", idx),
            ));
        }
        // An unsigned constant beyond i64's range is out of bounds too.
        if idx < 0 || idx > MAX_INDEX {
            return Err(err(
                ErrTag::D_UNKNOWN,
                line,
                format!("uregs[]: index out of bounds ({})", idx as u64),
            ));
        }
        if idx < PT_REGS_WORDS {
            let base = TExpr {
                kind: TKind::Builtin(Builtin::UregsBase),
                ty: ULONG,
                line,
            };
            let off = TExpr {
                kind: TKind::Const(idx * 8),
                ty: ULONG,
                line,
            };
            let addr = TExpr {
                kind: TKind::Binary(BinOp::Add, Box::new(base), Box::new(off)),
                ty: ULONG,
                line,
            };
            return Ok(TExpr {
                kind: TKind::Load(Box::new(addr), None),
                ty: ULONG,
                line,
            });
        }
        let member = match idx {
            21 => "ds",
            22 => "es",
            23 => "fsbase",
            24 => "gsbase",
            _ => "trap_nr",
        };
        let text = format!("(uint64_t)curthread->thread.{}", member);
        let mut e = super::guard::parse_expr(&text, line, "uregs expression")?;
        e.line = line;
        let mut t = self.expr(&e)?;
        t.line = line;
        Ok(t)
    }
}
