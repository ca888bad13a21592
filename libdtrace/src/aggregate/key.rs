//! Aggregation keys: decoding the kernel map key into its fields, and DTrace's key order.

use std::cmp::Ordering;

use super::AggDesc;
use crate::record::{Value, ValueKind};

/// One decoded key field.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum KeyValue {
    /// The raw bits (sign- or zero-extended to 64 according to `signed`) and the source size.
    Int { bits: u64, size: u8, signed: bool },
    /// The bytes up to the first NUL (the whole slot if there is none).
    Str(Vec<u8>),
    /// A stack: its program counters (up to the first 0), the process of a user stack, and
    /// once symbolized (`AggConsumer`), its text as DTrace prints a stack: a newline, then a
    /// frame per line after `stackindent` (14) spaces.
    Stack { user: bool, pid: u32, pcs: Vec<u64>, text: String },
    /// An address shown as a symbol (`sym()`, `usym()`...), with its text once symbolized.
    Sym { kind: crate::record_act::SymKind, pid: u32, pc: u64, text: String },
}

impl KeyValue {
    /// The field as a record value, for printa conversions.
    pub fn as_value(&self) -> Value<'_> {
        match self {
            KeyValue::Int { bits, size, signed } => Value::Int {
                bits: *bits,
                size: *size,
                signed: *signed,
            },
            KeyValue::Str(s) => Value::Str(s),
            // A stack is not a printf argument; %k prints it from the key itself.
            KeyValue::Stack { text, .. } => Value::Str(text.as_bytes()),
            KeyValue::Sym { text, .. } => Value::Str(text.as_bytes()),
        }
    }

    /// DTrace's comparison of two fields of the same key position (`dt_aggregate_keycmp`):
    /// integers as unsigned numbers of their own size (so -1 sorts after every positive
    /// value), strings byte by byte over their zero-padded slots.
    pub fn dtrace_cmp(&self, other: &KeyValue) -> Ordering {
        match (self, other) {
            (
                KeyValue::Int {
                    bits: a, size: sa, ..
                },
                KeyValue::Int {
                    bits: b, size: sb, ..
                },
            ) => sa.cmp(sb).then_with(|| mask(*a, *sa).cmp(&mask(*b, *sb))),
            // A string's slot holds its bytes then NULs: comparing the slots byte by byte is
            // comparing the strings with a shorter prefix first.
            (KeyValue::Str(a), KeyValue::Str(b)) => a.cmp(b),
            (KeyValue::Stack { pcs: a, .. }, KeyValue::Stack { pcs: b, .. }) => a.cmp(b),
            (KeyValue::Sym { pc: a, .. }, KeyValue::Sym { pc: b, .. }) => a.cmp(b),
            (KeyValue::Sym { .. }, _) => Ordering::Greater,
            (_, KeyValue::Sym { .. }) => Ordering::Less,
            (KeyValue::Int { .. }, _) => Ordering::Less,
            (_, KeyValue::Int { .. }) => Ordering::Greater,
            (KeyValue::Str(_), KeyValue::Stack { .. }) => Ordering::Less,
            (KeyValue::Stack { .. }, KeyValue::Str(_)) => Ordering::Greater,
        }
    }
}

fn mask(bits: u64, size: u8) -> u64 {
    if size >= 8 {
        bits
    } else {
        bits & ((1u64 << (8 * size as u32)) - 1)
    }
}

impl AggDesc {
    /// Decode a kernel map key (laid out by [`AggDesc::key_layout`]) into its fields.
    /// Fields that do not fit in `bytes` are left out.
    pub fn decode_key(&self, bytes: &[u8]) -> Vec<KeyValue> {
        let (offs, _) = self.key_layout();
        self.decode_key_at(bytes, &offs)
    }

    /// As [`AggDesc::decode_key`] with the field offsets of [`AggDesc::key_layout`] given.
    pub fn decode_key_at(&self, bytes: &[u8], offs: &[u32]) -> Vec<KeyValue> {
        let mut v = Vec::with_capacity(self.keys.len());
        for (kind, &off) in self.keys.iter().zip(offs) {
            let rec = crate::record::RecDesc {
                offset: off,
                kind: *kind,
            };
            match Value::decode(bytes, &rec) {
                Some(Value::Int { bits, size, signed }) => {
                    v.push(KeyValue::Int { bits, size, signed })
                }
                Some(Value::Str(s)) => v.push(KeyValue::Str(s.to_vec())),
                Some(Value::Stack { bytes, user }) => {
                    let mut words = bytes.chunks_exact(8).map(|c| u64::from_ne_bytes(c.try_into().unwrap()));
                    let pid = if user { words.next().unwrap_or(0) as u32 } else { 0 };
                    let pcs = words.take_while(|&pc| pc != 0).collect();
                    v.push(KeyValue::Stack { user, pid, pcs, text: String::new() })
                }
                Some(Value::Sym { pc, pid, kind }) => v.push(KeyValue::Sym { kind, pid, pc, text: String::new() }),
                None => break,
            }
        }
        v
    }

    /// The slot size of key field `i` (for printing a string key as DTrace does, which looks
    /// at the whole slot).
    pub fn key_size(&self, i: usize) -> Option<u32> {
        self.keys.get(i).map(ValueKind::size)
    }
}

/// Compare two keys field by field, starting at field `keypos` and wrapping around
/// (`aggsortkeypos`); an out-of-range position means 0.
pub fn key_cmp(a: &[KeyValue], b: &[KeyValue], keypos: u64) -> Ordering {
    let n = a.len().min(b.len());
    let start = if keypos as usize >= n {
        0
    } else {
        keypos as usize
    };
    for i in 0..n {
        let k = (start + i) % n;
        let o = a[k].dtrace_cmp(&b[k]);
        if o != Ordering::Equal {
            return o;
        }
    }
    a.len().cmp(&b.len())
}
