//! D's types as far as the checker knows them, and C's integer conversion rules.

use std::fmt;

use crate::record::ValueKind;

mod derived;
mod kernel;
pub mod names;
pub use derived::*;
pub use kernel::{btf as kernel_btf, kernel_type, ksym};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Type {
    /// An integer of `size` bytes (1, 2, 4, 8). Registers hold it extended to 64 bits according
    /// to its signedness.
    Int { size: u8, signed: bool },
    /// D's `string`: a NUL-terminated byte string of at most `strsize` bytes.
    Str,
    /// The result of an action or a void function.
    Void,
    /// A pointer; the pointed-to type is `def(id)` ([`Def::Ptr`]).
    Ptr(u32),
    /// An array ([`Def::Array`]); its value is the address of its first element.
    Array(u32),
    /// A struct or union ([`Def::Sou`]); its value is its address.
    Sou(u32),
    /// `stack()` / `ustack()` as an aggregation key: `frames` program counters.
    Stack { frames: u16, user: bool },
    /// `sym()`, `func()`, `mod()`, `usym()`... as an aggregation key: an address printed as
    /// its symbol.
    Sym(crate::record_act::SymKind),
    /// A kernel function type (BTF FUNC_PROTO `id`), which only pointers point to: a
    /// function pointer is `Ptr` to it. D cannot call or dereference it.
    Func(u32),
}

pub const INT: Type = Type::Int {
    size: 4,
    signed: true,
};
pub const UINT: Type = Type::Int {
    size: 4,
    signed: false,
};
pub const LONG: Type = Type::Int {
    size: 8,
    signed: true,
};
pub const ULONG: Type = Type::Int {
    size: 8,
    signed: false,
};
pub const CHAR: Type = Type::Int {
    size: 1,
    signed: true,
};

impl Type {
    pub fn is_int(&self) -> bool {
        matches!(self, Type::Int { .. })
    }
    pub fn is_scalar(&self) -> bool {
        self.is_int() || matches!(self, Type::Ptr(_))
    }
    /// How a value of this type is recorded, given the string size in force.
    pub fn value_kind(&self, strsize: u32) -> ValueKind {
        match *self {
            Type::Int { size, signed } => ValueKind::Int { size, signed },
            Type::Str => ValueKind::Str { size: strsize },
            Type::Void => ValueKind::Int {
                size: 8,
                signed: true,
            },
            // Pointers, and arrays and structs as their address.
            Type::Ptr(_) | Type::Array(_) | Type::Sou(_) | Type::Func(_) => ValueKind::Int {
                size: 8,
                signed: false,
            },
            Type::Stack { frames, user } => ValueKind::Stack { frames, user },
            Type::Sym(kind) => ValueKind::Sym { kind },
        }
    }
    /// Integer promotion: types narrower than int become int.
    pub fn promote(self) -> Type {
        match self {
            Type::Int { size, .. } if size < 4 => INT,
            t => t,
        }
    }
}

/// The usual arithmetic conversions of C for two integer operands.
pub fn arith(a: Type, b: Type) -> Type {
    let (a, b) = (a.promote(), b.promote());
    match (a, b) {
        (
            Type::Int {
                size: sa,
                signed: ga,
            },
            Type::Int {
                size: sb,
                signed: gb,
            },
        ) => {
            if sa == sb {
                Type::Int {
                    size: sa,
                    signed: ga && gb,
                }
            } else if sa > sb {
                Type::Int {
                    size: sa,
                    signed: ga,
                }
            } else {
                Type::Int {
                    size: sb,
                    signed: gb,
                }
            }
        }
        _ => LONG,
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Type::Int { size, signed } => {
                let base = match size {
                    1 => "char",
                    2 => "short",
                    4 => "int",
                    _ => "long",
                };
                if signed {
                    f.write_str(base)
                } else {
                    write!(f, "unsigned {}", base)
                }
            }
            Type::Str => f.write_str("string"),
            Type::Void => f.write_str("void"),
            Type::Ptr(_) | Type::Array(_) | Type::Sou(_) => f.write_str(&derived_name(*self)),
            Type::Stack { user, .. } => f.write_str(if user { "ustack" } else { "stack" }),
            Type::Sym(_) => f.write_str("_symaddr"),
            Type::Func(id) => f.write_str(&kernel::func_name(id)),
        }
    }
}

/// Resolve a type written in D (`int`, `unsigned long long`, `uint32_t`, `string`) to a type.
/// Returns `None` for a name this checker does not know.
pub fn from_words(words: &[String]) -> Option<Type> {
    let ws: Vec<&str> = words.iter().map(|s| s.as_str()).collect();
    let named = |s: &str| -> Option<Type> {
        Some(match s {
            "string" => Type::Str,
            "void" => Type::Void,
            "int8_t" => CHAR,
            "uint8_t" | "uchar_t" => Type::Int {
                size: 1,
                signed: false,
            },
            "int16_t" => Type::Int {
                size: 2,
                signed: true,
            },
            "uint16_t" | "ushort_t" => Type::Int {
                size: 2,
                signed: false,
            },
            "int32_t" | "pid_t" | "id_t" | "processorid_t" | "zoneid_t" | "projid_t"
            | "taskid_t" => INT,
            "uint32_t" | "uid_t" | "gid_t" | "uint_t" | "dev_t" | "mode_t" => UINT,
            "int64_t" | "ssize_t" | "intptr_t" | "off_t" | "hrtime_t" | "longlong_t" | "time_t" => {
                LONG
            }
            "uint64_t" | "size_t" | "uintptr_t" | "ulong_t" | "u_longlong_t" => ULONG,
            _ => return None,
        })
    };
    if ws.len() == 1 {
        if let Some(t) = named(ws[0]) {
            return Some(t);
        }
    }
    let mut signed = None;
    let mut size = None;
    let mut longs = 0;
    for w in &ws {
        match *w {
            "signed" => signed = Some(true),
            "unsigned" => signed = Some(false),
            "char" => size = Some(1),
            "short" => size = Some(2),
            "int" => size = size.or(Some(4)),
            "long" => longs += 1,
            "const" | "volatile" => {}
            _ => return None,
        }
    }
    let size = if longs > 0 { 8 } else { size.unwrap_or(4) };
    if ws.iter().all(|w| *w == "const" || *w == "volatile") {
        return None;
    }
    Some(Type::Int {
        size,
        signed: signed.unwrap_or(true),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn words() {
        assert_eq!(from_words(&w("int")), Some(INT));
        assert_eq!(from_words(&w("unsigned")), Some(UINT));
        assert_eq!(from_words(&w("unsigned long long")), Some(ULONG));
        assert_eq!(from_words(&w("long int")), Some(LONG));
        assert_eq!(
            from_words(&w("unsigned char")),
            Some(Type::Int {
                size: 1,
                signed: false
            })
        );
        assert_eq!(from_words(&w("uint64_t")), Some(ULONG));
        assert_eq!(from_words(&w("string")), Some(Type::Str));
        assert_eq!(from_words(&w("struct foo")), None);
    }

    #[test]
    fn conversions() {
        assert_eq!(arith(CHAR, CHAR), INT);
        assert_eq!(arith(INT, UINT), UINT);
        assert_eq!(arith(INT, LONG), LONG);
        assert_eq!(arith(UINT, LONG), LONG);
        assert_eq!(arith(ULONG, LONG), ULONG);
    }
}
