//! Kernel types from BTF (`/sys/kernel/btf/vmlinux`, module BTF under `/sys/kernel/btf/`).
//!
//! The D compiler needs a handful of kernel types per program out of the ~100k that vmlinux
//! describes, and dtrace must start within 50 ms, so parsing is lazy: [`Btf::parse`] checks the
//! header and makes one pass that records where each type starts; types are decoded only when
//! asked for, and the name index behind [`Btf::find_struct`] and friends is built on the first
//! lookup.
//!
//! The format is include/uapi/linux/btf.h: a header, a type section (`struct btf_type` plus
//! kind-specific records) and a string section. Split BTF (modules) continues the base's type
//! ids and string offsets, so a split [`Btf`] keeps its base and answers for both.

mod data;
mod error;
mod index;
pub mod kfunc;
mod name;
mod query;
mod raw;
mod types;

#[cfg(test)]
mod tests;

use std::path::Path;
use std::sync::{Arc, OnceLock};

pub use error::BtfError;
pub use query::{Hop, POINTER_SIZE};
pub use types::{
    EnumValue, EnumValues, IntEncoding, Kind, Linkage, Member, Members, Param, Params, SecVar,
    SecVars, Type, TypeId, TypeKind,
};

use data::Data;
use index::{NameIndex, Namespace, Table};

/// Where the running kernel publishes its BTF.
pub const SYSFS_BTF_DIR: &str = "/sys/kernel/btf";

/// Parsed BTF. Cloning is cheap (shared), which lets module BTF hold on to its base.
#[derive(Clone)]
pub struct Btf {
    inner: Arc<Inner>,
}

struct Inner {
    base: Option<Btf>,
    data: Data,
    le: bool,
    types: std::ops::Range<usize>,
    strings: std::ops::Range<usize>,
    /// Offset of each own type inside the type section; entry i is type `first_id + i`.
    offsets: Vec<u32>,
    /// 1 for base BTF (0 is void); the base's next id for split BTF.
    first_id: u32,
    /// 0 for base BTF; the base's total string length for split BTF.
    first_str: u32,
    types_index: OnceLock<NameIndex>,
    funcs_index: OnceLock<NameIndex>,
}

impl std::fmt::Debug for Btf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Btf")
            .field("first_id", &self.inner.first_id)
            .field("types", &self.inner.offsets.len())
            .field("split", &self.inner.base.is_some())
            .finish()
    }
}

impl Btf {
    /// Reads and parses the running kernel's BTF.
    pub fn load_vmlinux() -> Result<Btf, BtfError> {
        Btf::load_sysfs(&Path::new(SYSFS_BTF_DIR).join("vmlinux"), None)
    }

    /// Reads and parses the BTF of a loaded kernel module, split on top of `self` (vmlinux).
    pub fn load_module(&self, module: &str) -> Result<Btf, BtfError> {
        if module.is_empty() || module.contains('/') || module == "." || module == ".." {
            return Err(BtfError::BadModuleName(module.to_string()));
        }
        Btf::load_sysfs(&Path::new(SYSFS_BTF_DIR).join(module), Some(self))
    }

    fn load_sysfs(path: &Path, base: Option<&Btf>) -> Result<Btf, BtfError> {
        let data = data::map_sysfs(path).map_err(|source| BtfError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Btf::from_data(data, base)
    }

    pub fn load_file(path: impl AsRef<Path>, base: Option<&Btf>) -> Result<Btf, BtfError> {
        let path = path.as_ref();
        let data = std::fs::read(path).map_err(|source| BtfError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Btf::from_data(Data::Owned(data), base)
    }

    /// Parses a BTF blob; `base` must be given for split BTF (a module's).
    pub fn parse(bytes: &[u8], base: Option<&Btf>) -> Result<Btf, BtfError> {
        Btf::from_data(Data::Owned(bytes.to_vec()), base)
    }

    fn from_data(data: Data, base: Option<&Btf>) -> Result<Btf, BtfError> {
        let layout = raw::header(&data)?;
        let strs = &data[layout.strings.clone()];
        // Every name is then a nul-terminated UTF-8 string wherever it starts on a character.
        if let Some(&last) = strs.last() {
            if last != 0 {
                return Err(BtfError::Malformed(
                    "string section is not nul-terminated".into(),
                ));
            }
        }
        if std::str::from_utf8(strs).is_err() {
            return Err(BtfError::Malformed("string section is not UTF-8".into()));
        }
        let (first_id, first_str) = match base {
            Some(b) => (b.next_id(), b.str_limit()),
            None => {
                if strs.first().is_some_and(|&c| c != 0) {
                    return Err(BtfError::Malformed(
                        "string section must start empty".into(),
                    ));
                }
                (1, 0)
            }
        };
        let str_limit = u32::try_from(strs.len() as u64 + u64::from(first_str))
            .map_err(|_| BtfError::Malformed("string section too large".into()))?;
        let offsets = raw::scan_types(&data[layout.types.clone()], layout.le, first_id, str_limit)?;
        Ok(Btf {
            inner: Arc::new(Inner {
                base: base.cloned(),
                le: layout.le,
                types: layout.types,
                strings: layout.strings,
                data,
                offsets,
                first_id,
                first_str,
                types_index: OnceLock::new(),
                funcs_index: OnceLock::new(),
            }),
        })
    }

    /// The base BTF of split BTF.
    pub fn base(&self) -> Option<&Btf> {
        self.inner.base.as_ref()
    }

    /// One past the last type id (counting void and the base's types).
    pub fn next_id(&self) -> u32 {
        self.inner.first_id + self.inner.offsets.len() as u32
    }

    /// Ids of every type, the base's included, void excluded.
    pub fn type_ids(&self) -> impl Iterator<Item = TypeId> {
        (1..self.next_id()).map(TypeId)
    }

    fn str_limit(&self) -> u32 {
        self.inner.first_str + self.inner.strings.len() as u32
    }

    /// The string at `off` in the (combined) string section; "" for an offset that is out of
    /// range, which parsing rules out for every offset the format contains.
    pub fn str_at(&self, off: u32) -> &str {
        std::str::from_utf8(self.str_bytes_at(off)).unwrap_or("")
    }

    /// The bytes of [`Btf::str_at`], for hashing and comparing without UTF-8 checks.
    fn str_bytes_at(&self, off: u32) -> &[u8] {
        let inner = &*self.inner;
        if off < inner.first_str {
            return match &inner.base {
                Some(b) => b.str_bytes_at(off),
                None => &[],
            };
        }
        let start = inner.strings.start + (off - inner.first_str) as usize;
        let tail = inner.data.get(start..inner.strings.end).unwrap_or(&[]);
        let len = tail.iter().position(|&c| c == 0).unwrap_or(tail.len());
        &tail[..len]
    }

    /// Locates the `struct btf_type` of `id`: the BTF holding it and its offset in the blob.
    fn locate(&self, id: TypeId) -> Option<(&Btf, usize)> {
        let inner = &*self.inner;
        if id.0 < inner.first_id {
            return inner.base.as_ref()?.locate(id);
        }
        let off = *inner.offsets.get((id.0 - inner.first_id) as usize)?;
        Some((self, inner.types.start + off as usize))
    }

    /// The raw `name_off`, `info`, `size/type` words of a type, without decoding.
    fn header_words(&self, id: TypeId) -> Option<(u32, u32, u32)> {
        let (owner, pos) = self.locate(id)?;
        let (d, le) = (&owner.inner.data, owner.inner.le);
        Some((
            raw::u32_at(d, pos, le),
            raw::u32_at(d, pos + 4, le),
            raw::u32_at(d, pos + 8, le),
        ))
    }

    /// Decodes one type.
    pub fn ty(&self, id: TypeId) -> Result<Type<'_>, BtfError> {
        if id == TypeId::VOID {
            return Ok(Type {
                id,
                name: "",
                kind: TypeKind::Void,
            });
        }
        let (owner, pos) = self.locate(id).ok_or(BtfError::BadTypeId(id))?;
        Ok(types::decode(
            self,
            &owner.inner.data,
            owner.inner.le,
            id,
            pos,
        ))
    }

    pub fn kind(&self, id: TypeId) -> Result<Kind, BtfError> {
        if id == TypeId::VOID {
            return Ok(Kind::Void);
        }
        let (_, info, _) = self.header_words(id).ok_or(BtfError::BadTypeId(id))?;
        Ok(Kind::from_raw(raw::info_kind(info)))
    }

    /// The type's own name ("" when anonymous), without `struct ` or declarators.
    pub fn name(&self, id: TypeId) -> Result<&str, BtfError> {
        if id == TypeId::VOID {
            return Ok("");
        }
        let (name_off, _, _) = self.header_words(id).ok_or(BtfError::BadTypeId(id))?;
        Ok(self.str_at(name_off))
    }

    fn index(&self, table: Table) -> &NameIndex {
        let cell = match table {
            Table::Types => &self.inner.types_index,
            Table::Funcs => &self.inner.funcs_index,
        };
        cell.get_or_init(|| NameIndex::build(self, table))
    }

    /// First type named `name` in namespace `ns`, the base's types taking precedence.
    fn find(&self, ns: Namespace, name: &str) -> Option<TypeId> {
        if name.is_empty() {
            return None;
        }
        if let Some(found) = self.inner.base.as_ref().and_then(|b| b.find(ns, name)) {
            return Some(found);
        }
        self.index(ns.table()).find(self, ns, name)
    }

    /// `struct name`: its definition, or its forward declaration if it has none.
    pub fn find_struct(&self, name: &str) -> Option<TypeId> {
        self.find(Namespace::Struct, name)
            .or_else(|| self.find(Namespace::FwdStruct, name))
    }

    /// `union name`: its definition, or its forward declaration if it has none.
    pub fn find_union(&self, name: &str) -> Option<TypeId> {
        self.find(Namespace::Union, name)
            .or_else(|| self.find(Namespace::FwdUnion, name))
    }

    /// `enum name` (ENUM or ENUM64).
    pub fn find_enum(&self, name: &str) -> Option<TypeId> {
        self.find(Namespace::Enum, name)
    }

    /// A typedef, INT or FLOAT by name (C's ordinary identifier namespace for types).
    pub fn find_typedef(&self, name: &str) -> Option<TypeId> {
        self.find(Namespace::Ordinary, name)
    }

    /// A kernel function (FUNC); its prototype is the FUNC's `proto`.
    pub fn find_func(&self, name: &str) -> Option<TypeId> {
        self.find(Namespace::Func, name)
    }

    /// A type by its C name without declarators: `struct task_struct`, `union X`, `enum X`,
    /// or a bare name for a typedef or base type (`pid_t`, `int`, `unsigned int`).
    pub fn find_type(&self, c_name: &str) -> Option<TypeId> {
        let c_name = c_name.trim();
        let tagged = |tag: &str| {
            c_name
                .strip_prefix(tag)
                .filter(|rest| rest.starts_with(char::is_whitespace))
                .map(str::trim_start)
        };
        if let Some(n) = tagged("struct") {
            self.find_struct(n)
        } else if let Some(n) = tagged("union") {
            self.find_union(n)
        } else if let Some(n) = tagged("enum") {
            self.find_enum(n)
        } else {
            self.find_typedef(c_name)
        }
    }
}
