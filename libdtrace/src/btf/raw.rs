//! The BTF wire format (include/uapi/linux/btf.h): header, kind numbers, the size of each kind's
//! trailing data, and the single scan that records where every type starts.

use super::BtfError;

pub const MAGIC: u16 = 0xeb9f;
pub const VERSION: u8 = 1;
/// Size of `struct btf_header` as of version 1; newer headers may be longer (hdr_len says).
pub const HEADER_LEN: usize = 24;
/// Size of `struct btf_type`: name_off, info, size/type.
pub const TYPE_LEN: usize = 12;

pub const KIND_INT: u32 = 1;
pub const KIND_PTR: u32 = 2;
pub const KIND_ARRAY: u32 = 3;
pub const KIND_STRUCT: u32 = 4;
pub const KIND_UNION: u32 = 5;
pub const KIND_ENUM: u32 = 6;
pub const KIND_FWD: u32 = 7;
pub const KIND_TYPEDEF: u32 = 8;
pub const KIND_VOLATILE: u32 = 9;
pub const KIND_CONST: u32 = 10;
pub const KIND_RESTRICT: u32 = 11;
pub const KIND_FUNC: u32 = 12;
pub const KIND_FUNC_PROTO: u32 = 13;
pub const KIND_VAR: u32 = 14;
pub const KIND_DATASEC: u32 = 15;
pub const KIND_FLOAT: u32 = 16;
pub const KIND_DECL_TAG: u32 = 17;
pub const KIND_TYPE_TAG: u32 = 18;
pub const KIND_ENUM64: u32 = 19;

pub fn info_kind(info: u32) -> u32 {
    (info >> 24) & 0x1f
}

pub fn info_vlen(info: u32) -> usize {
    (info & 0xffff) as usize
}

pub fn info_kflag(info: u32) -> bool {
    info >> 31 != 0
}

/// Reads a u32 in the blob's byte order. Every range is checked when the blob is parsed, so an
/// out-of-range read can only come from a bug here; it yields 0 rather than a panic.
pub fn u32_at(bytes: &[u8], pos: usize, le: bool) -> u32 {
    match bytes.get(pos..pos + 4) {
        Some(b) => {
            let b = [b[0], b[1], b[2], b[3]];
            if le {
                u32::from_le_bytes(b)
            } else {
                u32::from_be_bytes(b)
            }
        }
        None => 0,
    }
}

/// Where the sections lie inside the blob, as absolute byte ranges.
pub struct Layout {
    pub le: bool,
    pub types: std::ops::Range<usize>,
    pub strings: std::ops::Range<usize>,
}

pub fn header(data: &[u8]) -> Result<Layout, BtfError> {
    let le = match data.get(0..2) {
        Some(m) if u16::from_le_bytes([m[0], m[1]]) == MAGIC => true,
        Some(m) if u16::from_be_bytes([m[0], m[1]]) == MAGIC => false,
        _ => return Err(BtfError::BadMagic),
    };
    if data.len() < HEADER_LEN {
        return Err(BtfError::Malformed("header is truncated".into()));
    }
    if data[2] != VERSION {
        return Err(BtfError::Version(data[2]));
    }
    let hdr_len = u32_at(data, 4, le) as usize;
    if hdr_len < HEADER_LEN || hdr_len > data.len() {
        return Err(BtfError::Malformed(format!("bad header length {hdr_len}")));
    }
    let section = |off_pos: usize, what: &str| {
        let off = u32_at(data, off_pos, le) as usize;
        let len = u32_at(data, off_pos + 4, le) as usize;
        let start = hdr_len.checked_add(off);
        let end = start.and_then(|s| s.checked_add(len));
        match (start, end) {
            (Some(s), Some(e)) if e <= data.len() => Ok(s..e),
            _ => Err(BtfError::Malformed(format!(
                "{what} section lies outside the data"
            ))),
        }
    };
    let types = section(8, "type")?;
    let strings = section(16, "string")?;
    if types.start < strings.end && strings.start < types.end {
        return Err(BtfError::Malformed(
            "type and string sections overlap".into(),
        ));
    }
    Ok(Layout { le, types, strings })
}

/// Bytes of kind-specific data that follow a `struct btf_type`, or `None` for an unknown kind.
pub fn trailing_len(kind: u32, vlen: usize) -> Option<usize> {
    Some(match kind {
        KIND_PTR | KIND_FWD | KIND_TYPEDEF | KIND_VOLATILE | KIND_CONST | KIND_RESTRICT
        | KIND_FUNC | KIND_FLOAT | KIND_TYPE_TAG => 0,
        KIND_INT | KIND_VAR | KIND_DECL_TAG => 4,
        KIND_ARRAY => 12,
        KIND_STRUCT | KIND_UNION | KIND_DATASEC | KIND_ENUM64 => 12 * vlen,
        KIND_ENUM | KIND_FUNC_PROTO => 8 * vlen,
        _ => return None,
    })
}

/// Walks the type section once and returns the offset of every type in it, checking that each
/// kind is known, each record fits, and each name offset is 0 (anonymous) or points into the string space (which
/// for split BTF begins with the base's strings, hence `str_limit`).
pub fn scan_types(
    types: &[u8],
    le: bool,
    first_id: u32,
    str_limit: u32,
) -> Result<Vec<u32>, BtfError> {
    // vmlinux averages about 30 bytes per type; guessing avoids most regrowth.
    let mut offsets = Vec::with_capacity(types.len() / 28);
    let mut pos = 0usize;
    while pos < types.len() {
        let id = first_id as u64 + offsets.len() as u64;
        if id > u32::MAX as u64 {
            return Err(BtfError::Malformed("too many types".into()));
        }
        if pos + TYPE_LEN > types.len() {
            return Err(BtfError::Malformed(format!("type {id} is truncated")));
        }
        let name_off = u32_at(types, pos, le);
        let info = u32_at(types, pos + 4, le);
        let kind = info_kind(info);
        let vlen = info_vlen(info);
        let extra = trailing_len(kind, vlen).ok_or(BtfError::UnknownKind {
            id: id as u32,
            kind,
        })?;
        let end = pos + TYPE_LEN + extra;
        if end > types.len() {
            return Err(BtfError::Malformed(format!("type {id} is truncated")));
        }
        if name_off != 0 && name_off >= str_limit {
            return Err(BtfError::Malformed(format!(
                "type {id} has a bad name offset"
            )));
        }
        // Records of these kinds start with a name offset of their own.
        let record = match kind {
            KIND_STRUCT | KIND_UNION | KIND_ENUM64 => 12,
            KIND_ENUM | KIND_FUNC_PROTO => 8,
            _ => 0,
        };
        if record != 0 {
            let mut r = pos + TYPE_LEN;
            while r < end {
                let off = u32_at(types, r, le);
                if off != 0 && off >= str_limit {
                    return Err(BtfError::Malformed(format!(
                        "type {id} has a bad member name offset"
                    )));
                }
                r += record;
            }
        }
        offsets.push(pos as u32);
        pos = end;
    }
    Ok(offsets)
}
