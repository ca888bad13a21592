//! C type names as DTrace prints them: `struct task_struct *`, `unsigned int`, `char [16]`,
//! `int (*)(void *)`, `const char *`, `char *const`.
//!
//! A C declaration reads inside out, so the declarator is grown around an inner part while
//! walking from the outermost type (a pointer, array, ...) to the named type at the bottom.

use super::{Btf, BtfError, TypeId, TypeKind};

const MAX_DEPTH: usize = 64;

impl Btf {
    /// The C name of a type.
    pub fn type_name(&self, id: TypeId) -> Result<String, BtfError> {
        self.declare(id, String::new(), 0)
    }

    /// Writes the declaration of `inner` (a declarator, possibly empty) as type `id`.
    fn declare(&self, id: TypeId, inner: String, depth: usize) -> Result<String, BtfError> {
        if depth > MAX_DEPTH {
            return Err(BtfError::Cycle(id));
        }
        let ty = self.ty(id)?;
        let named = |base: String| {
            if inner.is_empty() {
                base
            } else {
                format!("{base} {inner}")
            }
        };
        let tagged = |tag: &str| {
            let name = if ty.name.is_empty() {
                "(anon)"
            } else {
                ty.name
            };
            named(format!("{tag} {name}"))
        };
        Ok(match ty.kind {
            TypeKind::Void => named("void".to_string()),
            TypeKind::Int { .. } | TypeKind::Float { .. } | TypeKind::Typedef { .. } => {
                named(ty.name.to_string())
            }
            TypeKind::Struct { .. } => tagged("struct"),
            TypeKind::Union { .. } => tagged("union"),
            TypeKind::Enum { .. } => tagged("enum"),
            TypeKind::Fwd { union } => tagged(if union { "union" } else { "struct" }),
            TypeKind::Ptr { target } => {
                // A pointer to an array or function needs parentheses: `int (*)[4]`.
                let star = match self.ty(target)?.kind {
                    TypeKind::Array { .. } | TypeKind::FuncProto { .. } => format!("(*{inner})"),
                    _ => format!("*{inner}"),
                };
                self.declare(target, star, depth + 1)?
            }
            TypeKind::Array { elem, nelems, .. } => {
                self.declare(elem, format!("{inner}[{nelems}]"), depth + 1)?
            }
            TypeKind::FuncProto { ret, params } => {
                let mut list = Vec::with_capacity(params.len());
                for p in params {
                    if p.type_id == TypeId::VOID && p.name.is_empty() {
                        list.push("...".to_string());
                    } else {
                        list.push(self.type_name(p.type_id)?);
                    }
                }
                let list = if list.is_empty() {
                    "void".to_string()
                } else {
                    list.join(", ")
                };
                self.declare(ret, format!("{inner}({list})"), depth + 1)?
            }
            TypeKind::Func { proto, .. } => self.declare(proto, inner, depth + 1)?,
            TypeKind::Var { ty: t, .. } => self.declare(t, inner, depth + 1)?,
            TypeKind::Const { target } => self.qualify("const", target, inner, depth)?,
            TypeKind::Volatile { target } => self.qualify("volatile", target, inner, depth)?,
            TypeKind::Restrict { target } => self.qualify("restrict", target, inner, depth)?,
            TypeKind::TypeTag { target } | TypeKind::DeclTag { target, .. } => {
                self.declare(target, inner, depth + 1)?
            }
            TypeKind::Datasec { .. } => named(ty.name.to_string()),
        })
    }

    /// A qualifier binds to the pointer below it (`char *const`), else precedes the base type
    /// (`const char *`).
    fn qualify(
        &self,
        qual: &str,
        target: TypeId,
        inner: String,
        depth: usize,
    ) -> Result<String, BtfError> {
        if let TypeKind::Ptr { .. } = self.ty(target)?.kind {
            let inner = if inner.is_empty() {
                qual.to_string()
            } else {
                format!("{qual} {inner}")
            };
            self.declare(target, inner, depth + 1)
        } else {
            Ok(format!(
                "{qual} {}",
                self.declare(target, inner, depth + 1)?
            ))
        }
    }
}
