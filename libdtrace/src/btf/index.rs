//! The name index: an open-addressing table from names to type ids, built on the first lookup.
//!
//! It holds only the kinds a lookup by name can want, stores nothing but ids, and compares names
//! in place in the string section, so building it costs one hash per named type and one
//! allocation. Functions (half of vmlinux's named types) get a table of their own, built only by
//! programs that look a function up.

use super::raw::{self, info_kflag, info_kind};
use super::{Btf, TypeId};

/// C's tag namespaces kept apart, plus functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Namespace {
    Struct,
    Union,
    FwdStruct,
    FwdUnion,
    Enum,
    /// Typedefs and base types (INT, FLOAT).
    Ordinary,
    Func,
}

impl Namespace {
    /// Which of the two tables holds the namespace.
    pub fn table(self) -> Table {
        match self {
            Namespace::Func => Table::Funcs,
            _ => Table::Types,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Types,
    Funcs,
}

fn namespace(info: u32) -> Option<Namespace> {
    Some(match info_kind(info) {
        raw::KIND_STRUCT => Namespace::Struct,
        raw::KIND_UNION => Namespace::Union,
        raw::KIND_FWD if info_kflag(info) => Namespace::FwdUnion,
        raw::KIND_FWD => Namespace::FwdStruct,
        raw::KIND_ENUM | raw::KIND_ENUM64 => Namespace::Enum,
        raw::KIND_TYPEDEF | raw::KIND_INT | raw::KIND_FLOAT => Namespace::Ordinary,
        raw::KIND_FUNC => Namespace::Func,
        _ => return None,
    })
}

/// FNV-1a: names are short, and this needs no state or dependency.
fn hash(name: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in name {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

pub struct NameIndex {
    /// Type ids; 0 (void, never indexed) marks an empty slot.
    slots: Vec<u32>,
}

impl NameIndex {
    /// Indexes the types of `btf` itself (not its base) that belong in `table`, in id order so
    /// that probing finds the lowest id among equal names first.
    pub fn build(btf: &Btf, table: Table) -> NameIndex {
        let inner = &*btf.inner;
        let types = &inner.data[inner.types.clone()];
        let mut wanted = Vec::new();
        for (i, &off) in inner.offsets.iter().enumerate() {
            let name_off = raw::u32_at(types, off as usize, inner.le);
            let ns = namespace(raw::u32_at(types, off as usize + 4, inner.le));
            if name_off != 0 && ns.is_some_and(|ns| ns.table() == table) {
                wanted.push((inner.first_id + i as u32, name_off));
            }
        }
        let size = (wanted.len() * 2).next_power_of_two().max(16);
        let mask = size - 1;
        let mut slots = vec![0u32; size];
        for (id, name_off) in wanted {
            let mut i = hash(btf.str_bytes_at(name_off)) as usize & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = id;
        }
        NameIndex { slots }
    }

    pub fn find(&self, btf: &Btf, ns: Namespace, name: &str) -> Option<TypeId> {
        let mask = self.slots.len() - 1;
        let mut i = hash(name.as_bytes()) as usize & mask;
        loop {
            let id = TypeId(*self.slots.get(i)?);
            if id == TypeId::VOID {
                return None;
            }
            if let Some((name_off, info, _)) = btf.header_words(id) {
                if namespace(info) == Some(ns) && btf.str_bytes_at(name_off) == name.as_bytes() {
                    return Some(id);
                }
            }
            i = (i + 1) & mask;
        }
    }
}
