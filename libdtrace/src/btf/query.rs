//! What the D compiler asks of a type: what it really is, its size, its members, and the
//! offsets along a member path such as `curthread->real_parent->tgid`.

use super::{Btf, BtfError, Member, TypeId, TypeKind};

/// Longer chains than this are cycles in corrupt data; real ones have a handful of links.
const MAX_CHAIN: usize = 64;

/// Kernel BTF describes an LP64 kernel on every architecture DTrace runs on.
pub const POINTER_SIZE: u64 = 8;

/// One step of a member path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hop<'a> {
    /// The value reached so far is a pointer that must be loaded through before adding `offset`
    /// (`->`); otherwise `offset` adds to the address of the value reached so far (`.`).
    pub deref: bool,
    /// Byte offset of the member within its struct (the member's first bit's byte).
    pub offset: u32,
    pub member: Member<'a>,
}

impl Btf {
    /// Follows typedefs and qualifiers (const, volatile, restrict, type tags) to the type they
    /// stand for.
    pub fn resolve(&self, mut id: TypeId) -> Result<TypeId, BtfError> {
        for _ in 0..MAX_CHAIN {
            match self.ty(id)?.kind {
                TypeKind::Typedef { target }
                | TypeKind::Const { target }
                | TypeKind::Volatile { target }
                | TypeKind::Restrict { target }
                | TypeKind::TypeTag { target } => id = target,
                _ => return Ok(id),
            }
        }
        Err(BtfError::Cycle(id))
    }

    /// Size in bytes of an object of the type, as C's `sizeof`.
    pub fn size_of(&self, id: TypeId) -> Result<u64, BtfError> {
        let mut id = id;
        let mut factor: u64 = 1;
        for _ in 0..MAX_CHAIN {
            let r = self.resolve(id)?;
            let size = match self.ty(r)?.kind {
                TypeKind::Int { size, .. }
                | TypeKind::Struct { size, .. }
                | TypeKind::Union { size, .. }
                | TypeKind::Enum { size, .. }
                | TypeKind::Float { size }
                | TypeKind::Datasec { size, .. } => u64::from(size),
                TypeKind::Ptr { .. } => POINTER_SIZE,
                TypeKind::Var { ty, .. } => {
                    id = ty;
                    continue;
                }
                TypeKind::Array { elem, nelems, .. } => {
                    factor = factor.checked_mul(u64::from(nelems)).ok_or_else(|| {
                        BtfError::Malformed(format!("array type {r} is too large"))
                    })?;
                    id = elem;
                    continue;
                }
                _ => {
                    return Err(BtfError::NoSize {
                        ty: self.type_name_or_id(r),
                    })
                }
            };
            return size
                .checked_mul(factor)
                .ok_or_else(|| BtfError::Malformed(format!("type {r} is too large")));
        }
        Err(BtfError::Cycle(id))
    }

    /// Member `name` of a struct or union (typedefs and qualifiers resolved), searching into
    /// anonymous struct and union members as C does. `None` when `id` is not a struct or union
    /// or has no such member.
    pub fn member(&self, id: TypeId, name: &str) -> Option<Member<'_>> {
        if name.is_empty() {
            return None;
        }
        self.member_in(id, name, 0, 0)
    }

    fn member_in(&self, id: TypeId, name: &str, base: u32, depth: usize) -> Option<Member<'_>> {
        if depth > MAX_CHAIN {
            return None;
        }
        let ty = self.ty(self.resolve(id).ok()?).ok()?;
        for m in ty.members()? {
            if m.name == name {
                return Some(Member {
                    bit_offset: base + m.bit_offset,
                    ..m
                });
            }
            if m.name.is_empty() {
                if let Some(found) = self.member_in(m.type_id, name, base + m.bit_offset, depth + 1)
                {
                    return Some(found);
                }
            }
        }
        None
    }

    /// For a forward declaration, the complete struct or union of the same name, if any.
    fn complete(&self, id: TypeId) -> Result<TypeId, BtfError> {
        let ty = self.ty(id)?;
        if let TypeKind::Fwd { union } = ty.kind {
            let full = if union {
                self.find(super::Namespace::Union, ty.name)
            } else {
                self.find(super::Namespace::Struct, ty.name)
            };
            return Ok(full.unwrap_or(id));
        }
        Ok(id)
    }

    /// Walks `path` from a value of type `start` (a struct or union, or a pointer to one, as
    /// `curthread` is), dereferencing pointers between hops as `->` does.
    pub fn member_path(&self, start: TypeId, path: &[&str]) -> Result<Vec<Hop<'_>>, BtfError> {
        let mut hops = Vec::with_capacity(path.len());
        let mut cur = start;
        for &name in path {
            let mut agg = self.resolve(cur)?;
            let mut deref = false;
            if let TypeKind::Ptr { target } = self.ty(agg)?.kind {
                agg = self.resolve(target)?;
                deref = true;
            }
            agg = self.complete(agg)?;
            let ty = self.ty(agg)?;
            match ty.kind {
                TypeKind::Struct { .. } | TypeKind::Union { .. } => {}
                TypeKind::Fwd { .. } => {
                    return Err(BtfError::Incomplete {
                        ty: self.type_name_or_id(agg),
                        member: name.to_string(),
                    })
                }
                _ => {
                    return Err(BtfError::NotAggregate {
                        ty: self.type_name_or_id(cur),
                        member: name.to_string(),
                    })
                }
            }
            let member = self.member(agg, name).ok_or_else(|| BtfError::NoMember {
                ty: self.type_name_or_id(agg),
                member: name.to_string(),
            })?;
            hops.push(Hop {
                deref,
                offset: member.byte_offset(),
                member,
            });
            cur = member.type_id;
        }
        Ok(hops)
    }

    /// A type's C name for error messages, falling back to its id.
    pub(super) fn type_name_or_id(&self, id: TypeId) -> String {
        self.type_name(id)
            .unwrap_or_else(|_| format!("<type {id}>"))
    }
}
