//! `print(ptr)` and `print(value)`: checking the argument and describing its type for the
//! consumer ([`PNode`]), from the D type table for types D declared and from BTF for kernel
//! types (which keeps the kernel's typedef and enum names, as DTrace shows them).

use std::sync::Arc;

use super::ir::{TExpr, TStmt};
use super::ir_act::ActStmt;
use super::types::{self, derived_name, Members, Type};
use super::{err, Checker};
use crate::btf::{Btf, TypeId, TypeKind};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::Expr;
use crate::print::typed::{PMember, PNode, Shape};

/// `printsize` when no option sets it: the most bytes of one value `print()` records.
pub const DEFAULT_PRINTSIZE: u32 = 8192;

/// Struct nesting deeper than this (only a malformed type can have it) prints as opaque.
const MAX_DEPTH: u32 = 32;

impl Checker<'_> {
    pub(super) fn print_action(&mut self, args: &[Expr], line: u32) -> Result<TStmt, CompileError> {
        Self::proto_len("print", args.len(), 1, 1, line)?;
        let a = self.expr(&args[0])?;
        let (target, ptr) = match a.ty {
            Type::Ptr(_) => (a.ty.pointee().unwrap_or(Type::Void), true),
            // A struct, union or array value (`print(*p)`, a global struct, `this->s`): its
            // value is already the address of its bytes.
            t if t.by_ref() => (t, false),
            t => return Err(Self::proto_arg("print", 1, "void *", t, line)),
        };
        // A void pointer references size 0: Oracle's print() reports it as D_PRINT_SIZE
        // (D_PRINT_VOID is illumos').
        let size = if target == Type::Void {
            0
        } else {
            target.size(self.strsize()).unwrap_or(0)
        };
        if size == 0 {
            return Err(err(
                ErrTag::D_PRINT_SIZE,
                line,
                format!(
                    "print( ) argument #1 reference has type '{}' with size 0; cannot print( ) it.",
                    derived_name(target)
                ),
            ));
        }
        let printsize = self
            .opts
            .size_option("printsize")
            .map(|v| v.min(u32::MAX as u64) as u32)
            .unwrap_or(DEFAULT_PRINTSIZE)
            .max(1);
        let node = pnode(target, None, self.strsize(), 0);
        // As much as any printsize shows: the consumer cuts the value at the printsize in force
        // when it prints the record, which setopt("printsize", ...) can change at run time
        // (Oracle's tst.print.local.trunc.d).
        Ok(TStmt::Act(ActStmt::Print {
            addr: a,
            node: Arc::new(node),
            size: size.min(printsize.max(DEFAULT_PRINTSIZE)),
            ptr,
        }))
    }
}

impl Checker<'_> {
    /// `trace()` of a struct, union or (non-char) array: its bytes, printed as `tracemem()`
    /// prints them.
    pub(super) fn trace_bytes(&mut self, a: TExpr, line: u32) -> Result<TStmt, CompileError> {
        let size = a.ty.size(self.strsize()).unwrap_or(0);
        if size == 0 {
            return Err(Self::proto_arg("trace", 1, "@", a.ty, line));
        }
        Ok(TStmt::Act(ActStmt::Tracemem {
            addr: a,
            size,
            dynsize: None,
        }))
    }
}

/// The print description of D type `t`, named `name` when the declaration spelled it.
pub fn pnode(t: Type, name: Option<String>, strsize: u32, depth: u32) -> PNode {
    if let Type::Sou(_) = t {
        if let Some(s) = t.sou() {
            if let Members::Btf(id) = s.members {
                if let Some(btf) = types::kernel_btf() {
                    return btf_node(btf, TypeId(id), depth);
                }
            }
        }
    }
    let name = name.unwrap_or_else(|| derived_name(t));
    let shape = match t {
        Type::Int { size: 1, .. } if name.ends_with("char") => Shape::Char,
        Type::Int { size, signed } => match name.strip_prefix("enum ").and_then(types::names::enum_values).or_else(|| types::names::enum_alias(&name)).or_else(|| super::enums::kernel_enum_values(&name)) {
            Some(values) => Shape::Enum {
                size,
                signed,
                values,
            },
            None => Shape::Int { size, signed },
        },
        Type::Ptr(_) => Shape::Ptr,
        Type::Str => Shape::Array {
            elem: Box::new(PNode {
                name: "char".into(),
                shape: Shape::Char,
            }),
            count: strsize,
            elem_size: 1,
        },
        Type::Array(_) => match t.array_info() {
            Some((elem, count)) => {
                let elem_size = elem.size(strsize).unwrap_or(0);
                // `int [2][3]` has elements `int [3]`.
                let elem_name = match name.find('[').zip(name.find(']')) {
                    Some((a, b)) if b > a => {
                        let rest = format!("{}{}", &name[..a], &name[b + 1..]);
                        rest.trim_end().to_string()
                    }
                    _ => derived_name(elem),
                };
                Shape::Array {
                    elem: Box::new(pnode(elem, Some(elem_name), strsize, depth + 1)),
                    count,
                    elem_size,
                }
            }
            None => Shape::Opaque,
        },
        Type::Sou(_) if depth < MAX_DEPTH => match t.sou().map(|s| s.members) {
            Some(Members::Known(ms)) => Shape::Sou {
                members: ms
                    .iter()
                    .map(|m| PMember {
                        name: m.name.clone(),
                        bit_offset: m.bit_offset,
                        bits: m.bits,
                        node: nested(pnode(m.ty, types::names::member_type_name(t, &m.name), strsize, depth + 1)),
                    })
                    .collect(),
            },
            _ => Shape::Opaque,
        },
        _ => Shape::Opaque,
    };
    PNode { name, shape }
}

/// A struct or union member that is itself a struct or union shows as `(struct)` or
/// `(union)`, without its tag (DTrace's `.headers = (struct) {` for a `struct
/// sk_buff_headers`).
fn nested(mut n: PNode) -> PNode {
    if matches!(n.shape, Shape::Sou { .. }) {
        if let Some(kind) = n.name.split_whitespace().next() {
            if kind == "struct" || kind == "union" {
                n.name = kind.to_string();
            }
        }
    }
    n
}

/// The C name DTrace shows for a BTF type: an anonymous struct or union is just `struct` or
/// `union`.
fn btf_name(btf: &Btf, id: TypeId) -> String {
    let n = btf.type_name(id).unwrap_or_else(|_| "?".into());
    n.replace(" (anon)", "")
}

/// The print description of kernel type `id`.
fn btf_node(btf: &Btf, id: TypeId, depth: u32) -> PNode {
    let name = btf_name(btf, id);
    let resolved = btf.resolve(id).unwrap_or(id);
    let Ok(ty) = btf.ty(resolved) else {
        return PNode {
            name,
            shape: Shape::Opaque,
        };
    };
    let shape = match ty.kind {
        TypeKind::Int { size, encoding, .. } => {
            if size == 1 && (encoding.char || ty.name.ends_with("char")) && !encoding.bool {
                Shape::Char
            } else {
                Shape::Int {
                    size: size.min(8) as u8,
                    signed: encoding.signed,
                }
            }
        }
        TypeKind::Enum {
            size,
            signed,
            ref values,
        } => Shape::Enum {
            size: size.min(8) as u8,
            signed,
            values: values
                .clone()
                .map(|v| (v.name.to_string(), v.value as i64))
                .collect(),
        },
        TypeKind::Float { size } => Shape::Float {
            size: size.min(8) as u8,
        },
        TypeKind::Ptr { .. } => Shape::Ptr,
        TypeKind::Array { elem, nelems, .. } if depth < MAX_DEPTH => Shape::Array {
            elem: Box::new(btf_node(btf, elem, depth + 1)),
            count: nelems,
            elem_size: btf.size_of(elem).unwrap_or(0) as u32,
        },
        TypeKind::Struct { ref members, .. } | TypeKind::Union { ref members, .. }
            if depth < MAX_DEPTH =>
        {
            Shape::Sou {
                members: members
                    .clone()
                    .map(|m| PMember {
                        name: m.name.to_string(),
                        bit_offset: m.bit_offset,
                        bits: m.bitfield_size,
                        node: nested(btf_node(btf, m.type_id, depth + 1)),
                    })
                    .collect(),
            }
        }
        _ => Shape::Opaque,
    };
    PNode { name, shape }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernel_struct_names() {
        let Some(t) = types::kernel_type(&["struct".into(), "sk_buff".into()]) else {
            return; // no BTF here
        };
        let n = pnode(t, None, 256, 0);
        assert_eq!(n.name, "struct sk_buff");
        let Shape::Sou { members } = &n.shape else {
            panic!("sk_buff is a struct");
        };
        let len = members.iter().find(|m| m.name == "len").expect("len");
        assert_eq!(len.node.name, "unsigned int");
        let data = members.iter().find(|m| m.name == "data").expect("data");
        assert_eq!(data.node.name, "unsigned char *");
        assert_eq!(data.node.shape, Shape::Ptr);
        // Anonymous members keep an empty name and show as `struct` / `union`.
        assert!(members.iter().any(|m| m.name.is_empty() && (m.node.name == "struct" || m.node.name == "union")));
    }
}
