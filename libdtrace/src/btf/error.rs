//! Errors of reading BTF and of looking types up in it.

use std::path::PathBuf;

use super::TypeId;

#[derive(Debug, thiserror::Error)]
pub enum BtfError {
    #[error("cannot read BTF from {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("not BTF data: bad magic number")]
    BadMagic,
    #[error("unsupported BTF version {0}")]
    Version(u8),
    #[error("malformed BTF: {0}")]
    Malformed(String),
    #[error("malformed BTF: type {id} has unknown kind {kind}")]
    UnknownKind { id: u32, kind: u32 },
    #[error("BTF type id {0} is out of range")]
    BadTypeId(TypeId),
    #[error("BTF type chain starting at id {0} does not end (cycle or too deep)")]
    Cycle(TypeId),
    #[error("type {ty} has no size")]
    NoSize { ty: String },
    #[error("{ty} is not a struct or union, it has no member {member}")]
    NotAggregate { ty: String, member: String },
    #[error("{ty} has no member named {member}")]
    NoMember { ty: String, member: String },
    #[error("{ty} is incomplete, its member {member} is unknown")]
    Incomplete { ty: String, member: String },
    #[error("invalid BTF module name {0:?}")]
    BadModuleName(String),
}
