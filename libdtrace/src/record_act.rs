//! Record descriptions of the actions beyond trace/printf/exit (stacks, symbols, tracemem,
//! speculations, destructive actions): what codegen put where, for the consumer.

use std::sync::Arc;

use crate::print::printf::Format;
use crate::record::RecDesc;

/// Which symbol of an address `func`/`sym`/`mod` and their user-land forms record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SymKind {
    /// `sym()` / `func()`: mod`symbol
    Sym,
    /// `mod()`: the module only
    Mod,
    /// `usym()` / `ufunc()`: lib`symbol
    USym,
    /// `umod()`: the object's name
    UMod,
    /// `uaddr()`: lib`symbol+0xoff
    UAddr,
}

impl SymKind {
    pub fn user(self) -> bool {
        matches!(self, SymKind::USym | SymKind::UMod | SymKind::UAddr)
    }
}

#[derive(Debug, Clone)]
pub enum ActDesc {
    /// The process (tgid) the probe fired in, for user symbols; first in the record when
    /// present.
    Pid(RecDesc),
    /// `stack()`: `frames` u64 PCs at `offset`, ending early at a zero.
    Stack {
        offset: u32,
        frames: u32,
    },
    /// `ustack()`: as `Stack`, user PCs of the process of `Pid`, then `strsize` bytes of
    /// frame strings (`ustack(nframes, strsize)`): one NUL-terminated string per frame, which
    /// names a frame its address cannot, or annotates it when it starts with `@`. Nothing on
    /// Linux writes them (they come from ustack helpers), so they are empty.
    Ustack {
        offset: u32,
        frames: u32,
        strsize: u32,
    },
    Sym {
        kind: SymKind,
        rec: RecDesc,
    },
    /// `tracemem()`: `size` bytes at `offset`; `dynsize` limits how many are printed.
    Tracemem {
        offset: u32,
        size: u32,
        dynsize: Option<RecDesc>,
    },
    /// The record belongs to speculation `id` (0: dropped).
    Speculate(RecDesc),
    Commit(RecDesc),
    Discard(RecDesc),
    System {
        format: Arc<Format>,
        args: Vec<RecDesc>,
    },
    /// `freopen()`; no format: back to the original stream.
    Freopen {
        format: Option<Arc<Format>>,
        args: Vec<RecDesc>,
    },
    /// `print()`: the address (u64) at `addr`, `size` bytes of the value at `offset`.
    Print {
        addr: u32,
        offset: u32,
        size: u32,
        node: Arc<crate::print::typed::PNode>,
        ptr: bool,
    },
}
