//! Checked form of the actions of check/actions2.rs: stacks, symbols, tracemem, speculations
//! and destructive actions.

use std::sync::Arc;

use super::ir::TExpr;
use crate::print::printf::Format;

pub use crate::record_act::SymKind;

#[derive(Debug, Clone, PartialEq)]
pub enum ActStmt {
    /// `stack([frames])`
    Stack {
        frames: u32,
    },
    /// `ustack([frames[, strsize]])`
    Ustack {
        frames: u32,
        strsize: u32,
    },
    /// `sym(addr)` and friends
    Sym {
        kind: SymKind,
        addr: TExpr,
    },
    /// `tracemem(addr, size[, dynsize])`
    Tracemem {
        addr: TExpr,
        size: u32,
        dynsize: Option<TExpr>,
    },
    /// `speculate(id)`: the rest of the clause's record goes to speculation `id`.
    Speculate(TExpr),
    Commit(TExpr),
    Discard(TExpr),
    /// `system(fmt, ...)`: run by the consumer through the shell.
    System {
        format: Arc<Format>,
        args: Vec<TExpr>,
    },
    /// `freopen(fmt, ...)`: redirect the consumer's output; `freopen("")` (no format) goes
    /// back to the original stream.
    Freopen {
        format: Option<Arc<Format>>,
        args: Vec<TExpr>,
    },
    /// `raise(sig)`: signal the current process.
    Raise(TExpr),
    /// `stop()`: stop the current process.
    Stop,
    /// `copyout(buf, addr, n)` / `copyoutstr(str, addr, n)`: write to user memory.
    Copyout {
        src: TExpr,
        dst: TExpr,
        len: TExpr,
        string: bool,
    },
    /// `print(addr)`: `size` bytes (at most `printsize`) of a value of type `node`; `ptr`
    /// when `addr` is a pointer rather than a struct, union or array value.
    Print {
        addr: TExpr,
        node: Arc<crate::print::typed::PNode>,
        size: u32,
        ptr: bool,
    },
}

impl ActStmt {
    pub fn exprs(&self) -> Vec<&TExpr> {
        match self {
            ActStmt::Stack { .. } | ActStmt::Ustack { .. } | ActStmt::Stop => Vec::new(),
            ActStmt::Sym { addr, .. } => vec![addr],
            ActStmt::Tracemem { addr, dynsize, .. } => {
                let mut v = vec![addr];
                v.extend(dynsize.iter());
                v
            }
            ActStmt::Speculate(e)
            | ActStmt::Commit(e)
            | ActStmt::Discard(e)
            | ActStmt::Raise(e) => {
                vec![e]
            }
            ActStmt::System { args, .. } | ActStmt::Freopen { args, .. } => args.iter().collect(),
            ActStmt::Copyout { src, dst, len, .. } => vec![src, dst, len],
            ActStmt::Print { addr, .. } => vec![addr],
        }
    }

    /// Whether the action needs `-w`.
    pub fn destructive(&self) -> bool {
        matches!(
            self,
            ActStmt::System { .. }
                | ActStmt::Freopen { .. }
                | ActStmt::Raise(_)
                | ActStmt::Stop
                | ActStmt::Copyout { .. }
        )
    }

    /// Whether the action puts data in the clause's record.
    pub fn records(&self) -> bool {
        !matches!(
            self,
            ActStmt::Raise(_) | ActStmt::Stop | ActStmt::Copyout { .. }
        )
    }

    /// Whether DTrace counts it as a data-recording action (for the speculation rules).
    pub fn data_recording(&self) -> bool {
        matches!(
            self,
            ActStmt::Stack { .. }
                | ActStmt::Ustack { .. }
                | ActStmt::Sym { .. }
                | ActStmt::Tracemem { .. }
                | ActStmt::Print { .. }
        )
    }
}
