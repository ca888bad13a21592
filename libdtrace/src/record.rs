//! The contract between codegen and the consumer: how the bytes of a record are laid out.
//!
//! Every record in the output buffer starts with a [`RecordHeader`]; its EPID names a
//! [`DataDesc`] that lists the actions of the clause and where each action's data sits.
//!
//! Clauses with `if` statements record every action of every branch at a fixed offset and a
//! mask of the actions that ran ([`DataDesc::guard`]). A runtime fault writes a record of its
//! own whose EPID is `codegen::fault::FAULT_EPID` (layout in `codegen::fault::fault_record`):
//! the consumer turns it into DTrace's `error on enabled probe ID ...` message.

use std::sync::Arc;

use crate::print::printf::Format;

/// The first 8 bytes of every record: the enabled probe ID and the CPU it fired on. The BPF ring
/// buffer is shared by all CPUs, so the CPU travels in the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C)]
pub struct RecordHeader {
    pub epid: u32,
    pub cpu: u32,
}

pub const RECORD_HEADER_SIZE: u32 = 8;

/// How the bytes of one recorded value are read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueKind {
    /// An integer of 1, 2, 4 or 8 bytes, stored little-endian in that many bytes.
    Int { size: u8, signed: bool },
    /// A NUL-terminated string in a slot of `size` bytes (`strsize`).
    Str { size: u32 },
    /// A stack (an aggregation key `stack()` / `ustack()`): for a user stack the pid (u64)
    /// first, then `frames` program counters (u64), zero after the last frame.
    Stack { frames: u16, user: bool },
    /// An address to print as a symbol (an aggregation key `sym()`, `usym()`...): for a
    /// user address the pid (u64) first, then the address (u64).
    Sym { kind: crate::record_act::SymKind },
}

impl ValueKind {
    pub fn size(&self) -> u32 {
        match *self {
            ValueKind::Int { size, .. } => size as u32,
            ValueKind::Str { size } => size,
            ValueKind::Stack { frames, user } => 8 * (frames as u32 + user as u32),
            ValueKind::Sym { kind } => 8 * (1 + kind.user() as u32),
        }
    }
    pub fn align(&self) -> u32 {
        match *self {
            ValueKind::Int { size, .. } => size as u32,
            ValueKind::Str { .. } => 1,
            ValueKind::Stack { .. } | ValueKind::Sym { .. } => 8,
        }
    }
}

/// One recorded value: its kind and its offset from the start of the record (header included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecDesc {
    pub offset: u32,
    pub kind: ValueKind,
}

/// One data-recording action of a clause, in the order the clause runs them.
#[derive(Debug, Clone)]
pub enum ActionDesc {
    /// `trace(expr)`
    Trace(RecDesc),
    /// `printf(fmt, args...)`
    Printf {
        format: Arc<Format>,
        args: Vec<RecDesc>,
    },
    /// `exit(status)`: the status is an int32.
    Exit(RecDesc),
    /// Stacks, symbols, tracemem, speculations, destructive actions (record_act.rs).
    Act(crate::record_act::ActDesc),
    /// `printa([fmt, ]@a, ...)`: no data; the consumer prints the aggregations as they are
    /// when it reads the record.
    Printa {
        format: Option<Arc<Format>>,
        aggs: Vec<u32>,
    },
    /// `clear`, `trunc`, `normalize`, `denormalize` on aggregation `agg`, with the recorded
    /// argument (an int64) where there is one.
    AggOp {
        op: crate::aggregate::AggOp,
        agg: u32,
        arg: Option<RecDesc>,
    },
    /// `setopt(name[, value])`: two recorded strings.
    Setopt {
        name: RecDesc,
        value: Option<RecDesc>,
    },
}

/// What the consumer knows about an EPID: which probe fired and how to decode the record.
#[derive(Debug, Clone)]
pub struct DataDesc {
    pub epid: u32,
    /// The probe ID (as `dtrace -l` lists it).
    pub probe_id: u32,
    /// Total record size in bytes, header included, a multiple of 8.
    pub size: u32,
    pub actions: Vec<ActionDesc>,
    /// For a clause with `if` statements around data-recording actions: the offset of a u64
    /// mask whose bit i says that `actions[i]` ran in this firing (the record has slots for
    /// every action of every branch; only those that ran hold data). `None`: every action ran.
    pub guard: Option<u32>,
}

impl DataDesc {
    /// Whether action `i` ran in the firing recorded in `data`.
    pub fn ran(&self, data: &[u8], i: usize) -> bool {
        match self.guard {
            None => true,
            Some(off) => {
                let off = off as usize;
                match data.get(off..off + 8) {
                    Some(b) => {
                        let mask = u64::from_le_bytes(b.try_into().unwrap_or([0; 8]));
                        i < 64 && mask & (1 << i) != 0
                    }
                    None => false,
                }
            }
        }
    }
}

/// A decoded value, borrowed from the record it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value<'a> {
    /// The raw bits (sign- or zero-extended to 64 according to `signed`) and the source size.
    Int { bits: u64, size: u8, signed: bool },
    /// String bytes up to (not including) the first NUL, or the whole slot if there is none.
    Str(&'a [u8]),
    /// A stack's bytes as `ValueKind::Stack` lays them out.
    Stack { bytes: &'a [u8], user: bool },
    /// An address to print as a symbol of `kind`, with the process of a user address.
    Sym { pc: u64, pid: u32, kind: crate::record_act::SymKind },
}

impl<'a> Value<'a> {
    /// Read a value of `kind` at `offset` in `data`. Returns `None` if it does not fit.
    pub fn decode(data: &'a [u8], rec: &RecDesc) -> Option<Value<'a>> {
        let off = rec.offset as usize;
        match rec.kind {
            ValueKind::Int { size, signed } => {
                let b = data.get(off..off + size as usize)?;
                let mut raw = [0u8; 8];
                raw[..size as usize].copy_from_slice(b);
                let mut bits = u64::from_le_bytes(raw);
                if signed && size < 8 {
                    let shift = 64 - 8 * size as u32;
                    bits = (((bits << shift) as i64) >> shift) as u64;
                }
                Some(Value::Int { bits, size, signed })
            }
            ValueKind::Str { size } => {
                let b = data.get(off..off + size as usize)?;
                let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
                Some(Value::Str(&b[..end]))
            }
            ValueKind::Stack { user, .. } => {
                let b = data.get(off..off + rec.kind.size() as usize)?;
                Some(Value::Stack { bytes: b, user })
            }
            ValueKind::Sym { kind } => {
                let b = data.get(off..off + rec.kind.size() as usize)?;
                let word = |i: usize| u64::from_ne_bytes(b[8 * i..8 * i + 8].try_into().unwrap());
                let (pid, pc) = if kind.user() { (word(0) as u32, word(1)) } else { (0, word(0)) };
                Some(Value::Sym { pc, pid, kind })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_signed_and_unsigned() {
        let data = [0xffu8, 0xff, 0xff, 0xff, b'h', b'i', 0, b'x'];
        let r = RecDesc {
            offset: 0,
            kind: ValueKind::Int {
                size: 4,
                signed: true,
            },
        };
        assert_eq!(
            Value::decode(&data, &r),
            Some(Value::Int {
                bits: u64::MAX,
                size: 4,
                signed: true
            })
        );
        let r = RecDesc {
            offset: 0,
            kind: ValueKind::Int {
                size: 4,
                signed: false,
            },
        };
        assert_eq!(
            Value::decode(&data, &r),
            Some(Value::Int {
                bits: 0xffff_ffff,
                size: 4,
                signed: false
            })
        );
        let r = RecDesc {
            offset: 4,
            kind: ValueKind::Str { size: 4 },
        };
        assert_eq!(Value::decode(&data, &r), Some(Value::Str(b"hi")));
        let r = RecDesc {
            offset: 6,
            kind: ValueKind::Str { size: 4 },
        };
        assert_eq!(Value::decode(&data, &r), None);
    }
}
