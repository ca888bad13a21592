//! Decoded views of BTF types. Views borrow the blob; lists (members, enumerators, parameters,
//! section variables) are iterators over the raw records so that looking at one member of a big
//! struct costs nothing for the others.

use std::fmt;

use super::raw::u32_at;
use super::Btf;

/// A BTF type id. Id 0 is `void`; ids of split (module) BTF continue after the base's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub u32);

impl TypeId {
    pub const VOID: TypeId = TypeId(0);
}

impl fmt::Display for TypeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The BTF kinds, numbered as in include/uapi/linux/btf.h.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Void,
    Int,
    Ptr,
    Array,
    Struct,
    Union,
    Enum,
    Fwd,
    Typedef,
    Volatile,
    Const,
    Restrict,
    Func,
    FuncProto,
    Var,
    Datasec,
    Float,
    DeclTag,
    TypeTag,
    Enum64,
}

impl Kind {
    /// Kinds of parsed types are validated, so every number seen here is known.
    pub(super) fn from_raw(kind: u32) -> Kind {
        use super::raw::*;
        match kind {
            KIND_INT => Kind::Int,
            KIND_PTR => Kind::Ptr,
            KIND_ARRAY => Kind::Array,
            KIND_STRUCT => Kind::Struct,
            KIND_UNION => Kind::Union,
            KIND_ENUM => Kind::Enum,
            KIND_FWD => Kind::Fwd,
            KIND_TYPEDEF => Kind::Typedef,
            KIND_VOLATILE => Kind::Volatile,
            KIND_CONST => Kind::Const,
            KIND_RESTRICT => Kind::Restrict,
            KIND_FUNC => Kind::Func,
            KIND_FUNC_PROTO => Kind::FuncProto,
            KIND_VAR => Kind::Var,
            KIND_DATASEC => Kind::Datasec,
            KIND_FLOAT => Kind::Float,
            KIND_DECL_TAG => Kind::DeclTag,
            KIND_TYPE_TAG => Kind::TypeTag,
            KIND_ENUM64 => Kind::Enum64,
            _ => Kind::Void,
        }
    }
}

/// The encoding bits of an INT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IntEncoding {
    pub signed: bool,
    pub char: bool,
    pub bool: bool,
}

/// Linkage of a FUNC (kept in vlen) or a VAR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Linkage {
    Static,
    Global,
    Extern,
    Other(u32),
}

impl Linkage {
    fn from_raw(v: u32) -> Linkage {
        match v {
            0 => Linkage::Static,
            1 => Linkage::Global,
            2 => Linkage::Extern,
            n => Linkage::Other(n),
        }
    }
}

/// One type, decoded.
#[derive(Debug, Clone)]
pub struct Type<'a> {
    pub id: TypeId,
    /// Empty for anonymous types.
    pub name: &'a str,
    pub kind: TypeKind<'a>,
}

#[derive(Debug, Clone)]
pub enum TypeKind<'a> {
    Void,
    /// `bits` and `bit_offset` only differ from the full size in the legacy bit-field encoding.
    Int {
        size: u32,
        encoding: IntEncoding,
        bit_offset: u8,
        bits: u8,
    },
    Ptr {
        target: TypeId,
    },
    Array {
        elem: TypeId,
        index: TypeId,
        nelems: u32,
    },
    Struct {
        size: u32,
        members: Members<'a>,
    },
    Union {
        size: u32,
        members: Members<'a>,
    },
    /// Both ENUM and ENUM64.
    Enum {
        size: u32,
        signed: bool,
        values: EnumValues<'a>,
    },
    Fwd {
        union: bool,
    },
    Typedef {
        target: TypeId,
    },
    Volatile {
        target: TypeId,
    },
    Const {
        target: TypeId,
    },
    Restrict {
        target: TypeId,
    },
    TypeTag {
        target: TypeId,
    },
    Func {
        proto: TypeId,
        linkage: Linkage,
    },
    FuncProto {
        ret: TypeId,
        params: Params<'a>,
    },
    Var {
        ty: TypeId,
        linkage: Linkage,
    },
    Datasec {
        size: u32,
        vars: SecVars<'a>,
    },
    Float {
        size: u32,
    },
    /// `component` is -1 when the tag applies to the type itself, else a member or parameter index.
    DeclTag {
        target: TypeId,
        component: i32,
    },
}

impl<'a> Type<'a> {
    pub fn kind(&self) -> Kind {
        match &self.kind {
            TypeKind::Void => Kind::Void,
            TypeKind::Int { .. } => Kind::Int,
            TypeKind::Ptr { .. } => Kind::Ptr,
            TypeKind::Array { .. } => Kind::Array,
            TypeKind::Struct { .. } => Kind::Struct,
            TypeKind::Union { .. } => Kind::Union,
            TypeKind::Enum { values, .. } => {
                if values.wide {
                    Kind::Enum64
                } else {
                    Kind::Enum
                }
            }
            TypeKind::Fwd { .. } => Kind::Fwd,
            TypeKind::Typedef { .. } => Kind::Typedef,
            TypeKind::Volatile { .. } => Kind::Volatile,
            TypeKind::Const { .. } => Kind::Const,
            TypeKind::Restrict { .. } => Kind::Restrict,
            TypeKind::TypeTag { .. } => Kind::TypeTag,
            TypeKind::Func { .. } => Kind::Func,
            TypeKind::FuncProto { .. } => Kind::FuncProto,
            TypeKind::Var { .. } => Kind::Var,
            TypeKind::Datasec { .. } => Kind::Datasec,
            TypeKind::Float { .. } => Kind::Float,
            TypeKind::DeclTag { .. } => Kind::DeclTag,
        }
    }

    /// Members of a struct or union; `None` for other kinds.
    pub fn members(&self) -> Option<Members<'a>> {
        match &self.kind {
            TypeKind::Struct { members, .. } | TypeKind::Union { members, .. } => {
                Some(members.clone())
            }
            _ => None,
        }
    }
}

/// A struct or union member. `bit_offset` counts from the start of the struct it was looked up
/// in (for members reached through anonymous structs, from the outer struct);
/// `bitfield_size` is 0 for a member that is not a bit-field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member<'a> {
    pub name: &'a str,
    pub type_id: TypeId,
    pub bit_offset: u32,
    pub bitfield_size: u8,
}

impl Member<'_> {
    /// Offset of the byte holding the member's first bit.
    pub fn byte_offset(&self) -> u32 {
        self.bit_offset / 8
    }
}

/// The raw records that follow a type, `stride` bytes each.
#[derive(Clone)]
struct Records<'a> {
    btf: &'a Btf,
    bytes: &'a [u8],
    le: bool,
    stride: usize,
    pos: usize,
}

impl<'a> Records<'a> {
    fn next_record(&mut self) -> Option<usize> {
        if self.pos + self.stride > self.bytes.len() {
            return None;
        }
        let at = self.pos;
        self.pos += self.stride;
        Some(at)
    }

    fn u32(&self, at: usize) -> u32 {
        u32_at(self.bytes, at, self.le)
    }

    fn remaining(&self) -> usize {
        (self.bytes.len() - self.pos.min(self.bytes.len())) / self.stride
    }
}

impl fmt::Debug for Records<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{} records]", self.remaining())
    }
}

macro_rules! record_iter {
    ($name:ident) => {
        impl<'a> $name<'a> {
            pub fn len(&self) -> usize {
                self.rec.remaining()
            }
            pub fn is_empty(&self) -> bool {
                self.len() == 0
            }
        }
    };
}

/// Members of a struct or union, in declaration order, offsets relative to that struct.
#[derive(Debug, Clone)]
pub struct Members<'a> {
    rec: Records<'a>,
    kflag: bool,
}
record_iter!(Members);

impl<'a> Iterator for Members<'a> {
    type Item = Member<'a>;
    fn next(&mut self) -> Option<Member<'a>> {
        let at = self.rec.next_record()?;
        let name = self.rec.btf.str_at(self.rec.u32(at));
        let type_id = TypeId(self.rec.u32(at + 4));
        let offset = self.rec.u32(at + 8);
        let (mut bit_offset, mut bitfield_size) = if self.kflag {
            (offset & 0x00ff_ffff, (offset >> 24) as u8)
        } else {
            (offset, 0)
        };
        if !self.kflag {
            // Without kind_flag a bit-field is a member whose INT type is narrower than its
            // storage, possibly with a bit offset of its own.
            if let Ok(TypeKind::Int {
                size,
                bit_offset: io,
                bits,
                ..
            }) = self
                .rec
                .btf
                .resolve(type_id)
                .and_then(|r| self.rec.btf.ty(r))
                .map(|t| t.kind)
            {
                if io != 0 || u32::from(bits) != size * 8 {
                    bit_offset += u32::from(io);
                    bitfield_size = bits;
                }
            }
        }
        Some(Member {
            name,
            type_id,
            bit_offset,
            bitfield_size,
        })
    }
}

/// One enumerator. The value is exact for both signed and unsigned 64-bit enums.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnumValue<'a> {
    pub name: &'a str,
    pub value: i128,
}

#[derive(Debug, Clone)]
pub struct EnumValues<'a> {
    rec: Records<'a>,
    signed: bool,
    wide: bool,
}
record_iter!(EnumValues);

impl<'a> Iterator for EnumValues<'a> {
    type Item = EnumValue<'a>;
    fn next(&mut self) -> Option<EnumValue<'a>> {
        let at = self.rec.next_record()?;
        let name = self.rec.btf.str_at(self.rec.u32(at));
        let lo = self.rec.u32(at + 4);
        let value = if self.wide {
            let v = (u64::from(self.rec.u32(at + 8)) << 32) | u64::from(lo);
            if self.signed {
                i128::from(v as i64)
            } else {
                i128::from(v)
            }
        } else if self.signed {
            i128::from(lo as i32)
        } else {
            i128::from(lo)
        };
        Some(EnumValue { name, value })
    }
}

/// A function parameter. A last parameter with type `void` and no name marks `...`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param<'a> {
    pub name: &'a str,
    pub type_id: TypeId,
}

#[derive(Debug, Clone)]
pub struct Params<'a> {
    rec: Records<'a>,
}
record_iter!(Params);

impl<'a> Iterator for Params<'a> {
    type Item = Param<'a>;
    fn next(&mut self) -> Option<Param<'a>> {
        let at = self.rec.next_record()?;
        Some(Param {
            name: self.rec.btf.str_at(self.rec.u32(at)),
            type_id: TypeId(self.rec.u32(at + 4)),
        })
    }
}

/// A variable placed in a data section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecVar {
    pub type_id: TypeId,
    pub offset: u32,
    pub size: u32,
}

#[derive(Debug, Clone)]
pub struct SecVars<'a> {
    rec: Records<'a>,
}
record_iter!(SecVars);

impl Iterator for SecVars<'_> {
    type Item = SecVar;
    fn next(&mut self) -> Option<SecVar> {
        let at = self.rec.next_record()?;
        Some(SecVar {
            type_id: TypeId(self.rec.u32(at)),
            offset: self.rec.u32(at + 4),
            size: self.rec.u32(at + 8),
        })
    }
}

/// Decodes the type whose `struct btf_type` starts at `pos` in `types` (already validated).
/// Names are looked up through `btf`, the outermost BTF, because split BTF shares its string
/// offsets with its base.
pub(super) fn decode<'a>(
    btf: &'a Btf,
    types: &'a [u8],
    le: bool,
    id: TypeId,
    pos: usize,
) -> Type<'a> {
    use super::raw::*;
    let name = btf.str_at(u32_at(types, pos, le));
    let info = u32_at(types, pos + 4, le);
    let size_or_type = u32_at(types, pos + 8, le);
    let target = TypeId(size_or_type);
    let kind = info_kind(info);
    let vlen = info_vlen(info);
    let kflag = info_kflag(info);
    let body = pos + TYPE_LEN;
    let extra = trailing_len(kind, vlen).unwrap_or(0);
    let trailing = types.get(body..body + extra).unwrap_or(&[]);
    let records = |stride| Records {
        btf,
        bytes: trailing,
        le,
        stride,
        pos: 0,
    };
    let word = |i: usize| u32_at(trailing, i * 4, le);
    let kind = match kind {
        KIND_INT => {
            let v = word(0);
            TypeKind::Int {
                size: size_or_type,
                encoding: IntEncoding {
                    signed: v >> 24 & 1 != 0,
                    char: v >> 24 & 2 != 0,
                    bool: v >> 24 & 4 != 0,
                },
                bit_offset: (v >> 16) as u8,
                bits: v as u8,
            }
        }
        KIND_PTR => TypeKind::Ptr { target },
        KIND_ARRAY => TypeKind::Array {
            elem: TypeId(word(0)),
            index: TypeId(word(1)),
            nelems: word(2),
        },
        KIND_STRUCT => TypeKind::Struct {
            size: size_or_type,
            members: Members {
                rec: records(12),
                kflag,
            },
        },
        KIND_UNION => TypeKind::Union {
            size: size_or_type,
            members: Members {
                rec: records(12),
                kflag,
            },
        },
        KIND_ENUM | KIND_ENUM64 => TypeKind::Enum {
            size: size_or_type,
            signed: kflag,
            values: EnumValues {
                rec: records(if kind == KIND_ENUM { 8 } else { 12 }),
                signed: kflag,
                wide: kind == KIND_ENUM64,
            },
        },
        KIND_FWD => TypeKind::Fwd { union: kflag },
        KIND_TYPEDEF => TypeKind::Typedef { target },
        KIND_VOLATILE => TypeKind::Volatile { target },
        KIND_CONST => TypeKind::Const { target },
        KIND_RESTRICT => TypeKind::Restrict { target },
        KIND_TYPE_TAG => TypeKind::TypeTag { target },
        KIND_FUNC => TypeKind::Func {
            proto: target,
            linkage: Linkage::from_raw(vlen as u32),
        },
        KIND_FUNC_PROTO => TypeKind::FuncProto {
            ret: target,
            params: Params { rec: records(8) },
        },
        KIND_VAR => TypeKind::Var {
            ty: target,
            linkage: Linkage::from_raw(word(0)),
        },
        KIND_DATASEC => TypeKind::Datasec {
            size: size_or_type,
            vars: SecVars { rec: records(12) },
        },
        KIND_FLOAT => TypeKind::Float { size: size_or_type },
        KIND_DECL_TAG => TypeKind::DeclTag {
            target,
            component: word(0) as i32,
        },
        _ => TypeKind::Void,
    };
    Type { id, name, kind }
}
