//! Derived types: pointers, arrays, structs and unions, and the namespace of declared types.
//!
//! `Type` stays `Copy` by naming derived types by index into one process-wide table of
//! definitions. Pointers and arrays are interned (the same pointer type always has the same
//! index, so `==` compares types); every struct or union definition gets its own index.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, OnceLock};

use super::Type;

/// What a derived type is.
#[derive(Debug, Clone, PartialEq)]
pub enum Def {
    Ptr(Type),
    Array { elem: Type, count: u32 },
    Sou(Sou),
}

/// A struct or union.
#[derive(Debug, Clone, PartialEq)]
pub struct Sou {
    /// The tag (`""` for an anonymous one).
    pub name: String,
    pub union: bool,
    pub size: u32,
    pub align: u32,
    pub members: Members,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Members {
    /// Declared in D (or converted): offsets computed.
    Known(Vec<Member>),
    /// A kernel type: members are looked up in BTF by type id when named.
    Btf(u32),
    /// Declared (`struct foo;`) but not defined.
    Incomplete,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub name: String,
    pub ty: Type,
    /// Offset from the start of the struct, in bits.
    pub bit_offset: u32,
    /// Width of a bit-field; 0 for an ordinary member.
    pub bits: u8,
}

impl Member {
    pub fn byte_offset(&self) -> u32 {
        self.bit_offset / 8
    }
}

#[derive(Default)]
struct Table {
    defs: Vec<Def>,
    ptrs: HashMap<Type, u32>,
    arrays: HashMap<(Type, u32), u32>,
}

fn table() -> MutexGuard<'static, Table> {
    static T: OnceLock<Mutex<Table>> = OnceLock::new();
    let m = T.get_or_init(|| Mutex::new(Table::default()));
    // A panic while holding the lock leaves the table consistent (pushes are atomic).
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The definition behind a derived type's index.
pub fn def(id: u32) -> Option<Def> {
    table().defs.get(id as usize).cloned()
}

/// `to *`
pub fn pointer(to: Type) -> Type {
    let mut t = table();
    if let Some(&id) = t.ptrs.get(&to) {
        return Type::Ptr(id);
    }
    let id = t.defs.len() as u32;
    t.defs.push(Def::Ptr(to));
    t.ptrs.insert(to, id);
    Type::Ptr(id)
}

/// `elem [count]`
pub fn array(elem: Type, count: u32) -> Type {
    let mut t = table();
    if let Some(&id) = t.arrays.get(&(elem, count)) {
        return Type::Array(id);
    }
    let id = t.defs.len() as u32;
    t.defs.push(Def::Array { elem, count });
    t.arrays.insert((elem, count), id);
    Type::Array(id)
}

/// A new struct or union type.
pub fn new_sou(s: Sou) -> Type {
    let mut t = table();
    let id = t.defs.len() as u32;
    t.defs.push(Def::Sou(s));
    Type::Sou(id)
}

/// Complete a struct declared earlier without members.
pub fn define_sou(ty: Type, s: Sou) {
    if let Type::Sou(id) = ty {
        if let Some(d) = table().defs.get_mut(id as usize) {
            *d = Def::Sou(s);
        }
    }
}

impl Type {
    /// The pointed-to type of a pointer.
    pub fn pointee(&self) -> Option<Type> {
        match *self {
            Type::Ptr(id) => match def(id) {
                Some(Def::Ptr(t)) => Some(t),
                _ => None,
            },
            _ => None,
        }
    }
    /// Element type and length of an array.
    pub fn array_info(&self) -> Option<(Type, u32)> {
        match *self {
            Type::Array(id) => match def(id) {
                Some(Def::Array { elem, count }) => Some((elem, count)),
                _ => None,
            },
            _ => None,
        }
    }
    pub fn sou(&self) -> Option<Sou> {
        match *self {
            Type::Sou(id) => match def(id) {
                Some(Def::Sou(s)) => Some(s),
                _ => None,
            },
            _ => None,
        }
    }
    pub fn is_ptr(&self) -> bool {
        matches!(self, Type::Ptr(_))
    }
    /// Values of this type are addresses of memory holding them.
    pub fn by_ref(&self) -> bool {
        matches!(self, Type::Array(_) | Type::Sou(_))
    }
    /// A `char` array or `char *`, which D lets stand where a string is expected.
    pub fn is_strcompat(&self) -> bool {
        let char_like = |t: Type| matches!(t, Type::Int { size: 1, .. });
        *self == Type::Str
            || self.pointee().map(char_like).unwrap_or(false)
            || self.array_info().map(|(e, _)| char_like(e)).unwrap_or(false)
    }
    /// C's `sizeof`; `None` for void, incomplete types and functions.
    pub fn size(&self, strsize: u32) -> Option<u32> {
        match *self {
            Type::Int { size, .. } => Some(size as u32),
            Type::Str => Some(strsize),
            Type::Void => None,
            Type::Ptr(_) => Some(8),
            Type::Array(_) => {
                let (e, n) = self.array_info()?;
                e.size(strsize)?.checked_mul(n)
            }
            Type::Sou(_) => {
                let s = self.sou()?;
                (s.members != Members::Incomplete).then_some(s.size)
            }
            Type::Stack { frames, user } => Some(8 * (frames as u32 + user as u32)),
            Type::Sym(k) => Some(if k.user() { 16 } else { 8 }),
            Type::Func(_) => None,
        }
    }
    /// C's alignment.
    pub fn align(&self) -> u32 {
        match *self {
            Type::Int { size, .. } => size as u32,
            Type::Str => 1,
            Type::Void => 1,
            Type::Ptr(_) => 8,
            Type::Array(_) => self.array_info().map(|(e, _)| e.align()).unwrap_or(1),
            Type::Sou(_) => self.sou().map(|s| s.align).unwrap_or(1),
            Type::Stack { .. } | Type::Sym(_) => 8,
            Type::Func(_) => 1,
        }
    }
    /// Member `name` of a struct or union (searching anonymous members as C does).
    pub fn member(&self, name: &str) -> Option<Member> {
        let s = self.sou()?;
        match s.members {
            Members::Known(ms) => {
                for m in &ms {
                    if m.name == name {
                        return Some(m.clone());
                    }
                    if m.name.is_empty() {
                        if let Some(mut inner) = m.ty.member(name) {
                            inner.bit_offset += m.bit_offset;
                            return Some(inner);
                        }
                    }
                }
                None
            }
            Members::Btf(id) => super::kernel::member(id, name),
            Members::Incomplete => None,
        }
    }
}

/// The C name of a derived type, as DTrace prints it in messages (`struct foo *`, `char [16]`).
pub fn derived_name(t: Type) -> String {
    match t {
        Type::Ptr(_) => match t.pointee() {
            Some(p @ Type::Ptr(_)) => format!("{}*", derived_name(p)),
            Some(Type::Func(id)) => super::kernel::func_ptr_name(id),
            Some(p) => format!("{} *", p),
            None => "void *".into(),
        },
        Type::Array(_) => match t.array_info() {
            Some((e, n)) => format!("{} [{}]", e, n),
            None => "array".into(),
        },
        Type::Sou(_) => match t.sou() {
            Some(s) => format!("{} {}", if s.union { "union" } else { "struct" }, s.name),
            None => "struct".into(),
        },
        other => other.to_string(),
    }
}

/// Lays out members in declaration order by C's rules (each member at its alignment, bit-fields
/// packed into units of their declared type, the size rounded up to the largest alignment).
/// `members` are (name, type, bit-field width or 0).
pub fn layout(union: bool, members: &[(String, Type, u8)], strsize: u32) -> (Vec<Member>, u32, u32) {
    let mut out = Vec::with_capacity(members.len());
    let mut bit = 0u32; // next free bit
    let mut max_end = 0u32;
    let mut align = 1u32;
    for (name, ty, bits) in members {
        let size = ty.size(strsize).unwrap_or(0);
        let a = ty.align().max(1);
        align = align.max(a);
        let off = if union {
            0
        } else if *bits > 0 {
            // A bit-field goes in the current unit of its type unless it would straddle it.
            let unit = size * 8;
            let start = bit;
            if unit > 0 && (start % unit) + *bits as u32 > unit {
                start.div_ceil(unit) * unit
            } else {
                start
            }
        } else {
            bit.div_ceil(a * 8) * a * 8
        };
        let width = if *bits > 0 { *bits as u32 } else { size * 8 };
        out.push(Member {
            name: name.clone(),
            ty: *ty,
            bit_offset: off,
            bits: *bits,
        });
        if !union {
            bit = off + width;
        }
        max_end = max_end.max(off + width);
    }
    let bytes = max_end.div_ceil(8);
    let size = bytes.div_ceil(align) * align;
    (out, size, align)
}

/// Types and enumerators declared by D programs of one handle.
#[derive(Debug, Default, Clone)]
pub struct TypeScope {
    pub structs: HashMap<String, Type>,
    pub unions: HashMap<String, Type>,
    /// Enum tags; enums are `int`-sized integers.
    pub enums: HashMap<String, Type>,
    pub typedefs: HashMap<String, Type>,
    /// Enumerator constants.
    pub enumerators: HashMap<String, i64>,
}

#[cfg(test)]
mod tests {
    use super::super::{CHAR, INT, LONG};
    use super::*;

    fn m(n: &str, t: Type, b: u8) -> (String, Type, u8) {
        (n.to_string(), t, b)
    }

    #[test]
    fn c_layout() {
        // struct { char a; int b; char c[3]; long d; } : offsets 0, 4, 8, 16; size 24.
        let (ms, size, align) = layout(
            false,
            &[m("a", CHAR, 0), m("b", INT, 0), m("c", array(CHAR, 3), 0), m("d", LONG, 0)],
            256,
        );
        let offs: Vec<u32> = ms.iter().map(|m| m.byte_offset()).collect();
        assert_eq!(offs, vec![0, 4, 8, 16]);
        assert_eq!((size, align), (24, 8));
    }

    #[test]
    fn bitfields_and_unions() {
        // struct { unsigned a:3; unsigned b:30; char c; } : b starts a new unit.
        let u = super::super::UINT;
        let (ms, size, _) = layout(false, &[m("a", u, 3), m("b", u, 30), m("c", CHAR, 0)], 256);
        assert_eq!(ms[0].bit_offset, 0);
        assert_eq!(ms[1].bit_offset, 32);
        assert_eq!(ms[2].bit_offset, 64);
        assert_eq!(size, 12);
        let (_, usize_, _) = layout(true, &[m("a", CHAR, 0), m("b", LONG, 0)], 256);
        assert_eq!(usize_, 8);
    }

    #[test]
    fn interned() {
        assert_eq!(pointer(INT), pointer(INT));
        assert_ne!(pointer(INT), pointer(CHAR));
        assert_eq!(pointer(INT).pointee(), Some(INT));
        assert_eq!(derived_name(pointer(CHAR)), "char *");
        assert_eq!(derived_name(pointer(pointer(CHAR))), "char **");
        assert_eq!(derived_name(array(CHAR, 16)), "char [16]");
        assert_eq!(array(INT, 5).size(256), Some(20));
    }
}
