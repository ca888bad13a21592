//! Kernel types from BTF, converted to D types when a program names them, and kernel symbols
//! from `/proc/kallsyms`.
//!
//! BTF is loaded on first use only: programs that never name a kernel type pay nothing.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use super::derived::{array, new_sou, pointer, Member, Members, Sou};
use super::Type;
use crate::btf::{Btf, TypeId, TypeKind};

/// The running kernel's BTF, read once; `None` when the kernel has none.
pub fn btf() -> Option<&'static Btf> {
    static BTF: OnceLock<Option<Btf>> = OnceLock::new();
    BTF.get_or_init(|| Btf::load_vmlinux().ok()).as_ref()
}

fn cache() -> std::sync::MutexGuard<'static, HashMap<u32, Type>> {
    static C: OnceLock<Mutex<HashMap<u32, Type>>> = OnceLock::new();
    C.get_or_init(|| Mutex::new(HashMap::new()))
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

/// The D type for BTF type `id`. Structs and unions convert without their members (those are
/// looked up when named), so converting `struct task_struct *` costs a few lookups.
pub fn from_btf(btf: &Btf, id: TypeId) -> Type {
    let Ok(id) = btf.resolve(id) else {
        return Type::Void;
    };
    if let Some(&t) = cache().get(&id.0) {
        return t;
    }
    let Ok(ty) = btf.ty(id) else {
        return Type::Void;
    };
    let t = match ty.kind {
        TypeKind::Int { size, encoding, .. } => Type::Int {
            size: int_size(size),
            signed: encoding.signed,
        },
        TypeKind::Enum { size, signed, .. } => Type::Int {
            size: int_size(size),
            signed,
        },
        TypeKind::Float { size } => Type::Int {
            size: int_size(size),
            signed: true,
        },
        TypeKind::Ptr { target } => {
            let to = from_btf(btf, target);
            if let Type::Func(proto) = to {
                // C spells a function pointer around its declarator: `int (*)(void *)`.
                if let Ok(name) = btf.type_name(id) {
                    func_ptr_names().insert(proto, name);
                }
            }
            pointer(to)
        }
        TypeKind::FuncProto { .. } => Type::Func(id.0),
        TypeKind::Array { elem, nelems, .. } => array(from_btf(btf, elem), nelems),
        TypeKind::Struct { size, .. } | TypeKind::Union { size, .. } => {
            let union = matches!(ty.kind, TypeKind::Union { .. });
            new_sou(Sou {
                name: ty.name.to_string(),
                union,
                size,
                align: natural_align(size),
                members: Members::Btf(id.0),
            })
        }
        TypeKind::Fwd { union } => {
            let full = if union {
                btf.find_union(ty.name)
            } else {
                btf.find_struct(ty.name)
            };
            match full {
                Some(f) if f != id && !matches!(btf.ty(f).map(|t| t.kind), Ok(TypeKind::Fwd { .. })) => {
                    from_btf(btf, f)
                }
                _ => new_sou(Sou {
                    name: ty.name.to_string(),
                    union,
                    size: 0,
                    align: 1,
                    members: Members::Incomplete,
                }),
            }
        }
        _ => Type::Void,
    };
    cache().insert(id.0, t);
    t
}

fn func_ptr_names() -> std::sync::MutexGuard<'static, HashMap<u32, String>> {
    static N: OnceLock<Mutex<HashMap<u32, String>>> = OnceLock::new();
    N.get_or_init(|| Mutex::new(HashMap::new()))
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

/// The C name of kernel function type `proto` (`int (struct sock *, int)`).
pub fn func_name(proto: u32) -> String {
    btf()
        .and_then(|b| b.type_name(TypeId(proto)).ok())
        .unwrap_or_else(|| "function".into())
}

/// The C name of a pointer to kernel function type `proto` (`int (*)(struct sock *, int)`).
pub fn func_ptr_name(proto: u32) -> String {
    match func_ptr_names().get(&proto) {
        Some(n) => n.clone(),
        None => format!("{} *", func_name(proto)),
    }
}

fn int_size(size: u32) -> u8 {
    match size {
        1 | 2 | 4 => size as u8,
        _ => 8,
    }
}

/// Kernel structs are laid out by the kernel's compiler; the alignment only matters when a D
/// declaration embeds one.
fn natural_align(size: u32) -> u32 {
    match size {
        0 => 1,
        s if s >= 8 => 8,
        s if s >= 4 => 4,
        s if s >= 2 => 2,
        _ => 1,
    }
}

/// Member `name` of the kernel struct or union with BTF id `id`.
pub(super) fn member(id: u32, name: &str) -> Option<Member> {
    let btf = btf()?;
    let m = btf.member(TypeId(id), name)?;
    Some(Member {
        name: name.to_string(),
        ty: from_btf(btf, m.type_id),
        bit_offset: m.bit_offset,
        bits: m.bitfield_size,
    })
}

/// A kernel type by its D words (`struct task_struct`, `u64`, `pid_t`), loading BTF when first
/// asked. `None` when the kernel has no BTF or no such type.
pub fn kernel_type(words: &[String]) -> Option<Type> {
    let name = words
        .iter()
        .filter(|w| !matches!(w.as_str(), "const" | "volatile" | "restrict"))
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    // A module-scoped name (`vmlinux`struct task_struct`) is looked up in vmlinux.
    let name = match name.rsplit_once('`') {
        Some((_, n)) => n.to_string(),
        None => name,
    };
    let btf = btf()?;
    let id = btf.find_type(&name)?;
    Some(from_btf(btf, id))
}

/// The address of kernel symbol `name` from `/proc/kallsyms`.
pub fn ksym(name: &str) -> Option<u64> {
    let text = std::fs::read_to_string("/proc/kallsyms").ok()?;
    for line in text.lines() {
        let mut it = line.split_whitespace();
        let (Some(addr), Some(_kind), Some(sym)) = (it.next(), it.next(), it.next()) else {
            continue;
        };
        if sym == name {
            let a = u64::from_str_radix(addr, 16).ok()?;
            // Without privilege the kernel shows zeros: treat as unknown.
            return (a != 0).then_some(a);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_struct() {
        let Some(t) = kernel_type(&["struct".into(), "task_struct".into()]) else {
            return; // no BTF on this machine
        };
        let pid = t.member("pid").expect("task_struct.pid");
        assert_eq!(pid.ty, super::super::INT);
        let comm = t.member("comm").expect("task_struct.comm");
        assert_eq!(comm.ty.array_info().map(|(_, n)| n), Some(16));
        let rp = t.member("real_parent").expect("real_parent");
        assert_eq!(rp.ty.pointee(), Some(t));
        assert_eq!(super::super::derived_name(rp.ty), "struct task_struct *");
    }

    #[test]
    fn function_pointers() {
        let Some(t) = kernel_type(&["struct".into(), "file_operations".into()]) else {
            return; // no BTF on this machine
        };
        let open = t.member("open").expect("file_operations.open");
        let Some(Type::Func(_)) = open.ty.pointee() else {
            panic!("open is a pointer to a function: {:?}", open.ty.pointee());
        };
        assert_eq!(
            super::super::derived_name(open.ty),
            "int (*)(struct inode *, struct file *)"
        );
        assert_eq!(open.ty.pointee().map(|f| f.to_string()).as_deref(), Some("int (struct inode *, struct file *)"));
        assert_eq!(open.ty.pointee().and_then(|f| f.size(256)), None);
    }
}
