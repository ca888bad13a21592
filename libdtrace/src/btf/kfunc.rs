//! Finding kernel functions (kfuncs) by name in vmlinux BTF, fast: one pass over the type
//! section looking only at FUNC records, with no index, no name validation and no copy of the
//! blob. A BPF program calls a kfunc by its BTF id, which changes with every kernel build, so
//! the tracer looks them up at each start (kernel-patches/UAPI.md).

use std::path::Path;

use super::raw;
use super::BtfError;

const VMLINUX: &str = "/sys/kernel/btf/vmlinux";

/// The BTF ids of the FUNCs named `names` in the running kernel's vmlinux BTF, in the order
/// asked; `None` for a name the kernel does not have.
pub fn vmlinux_func_ids(names: &[&str]) -> Result<Vec<Option<u32>>, BtfError> {
    // Mapped, and populated in one go: sysfs serves read(2) of the 5 MB blob a page at a time
    // (4-5 times slower), and faulting the mapping in page by page costs about as much again.
    let err = |source| BtfError::Io {
        path: VMLINUX.into(),
        source,
    };
    let file = std::fs::File::open(VMLINUX).map_err(err)?;
    let len = file.metadata().map_err(err)?.len() as usize;
    if len == 0 {
        return Ok(vec![None; names.len()]);
    }
    // SAFETY: a fresh read-only private mapping of an open sysfs file (which cannot shrink
    // under us), unmapped below before the slice's lifetime ends.
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ,
            libc::MAP_PRIVATE | libc::MAP_POPULATE,
            std::os::fd::AsRawFd::as_raw_fd(&file),
            0,
        )
    };
    if p == libc::MAP_FAILED {
        let data = super::data::map_sysfs(Path::new(VMLINUX)).map_err(err)?;
        return func_ids(&data, names);
    }
    // SAFETY: the mapping is `len` readable bytes until the munmap below.
    let r = func_ids(
        unsafe { std::slice::from_raw_parts(p as *const u8, len) },
        names,
    );
    // SAFETY: our mapping, no longer borrowed.
    unsafe { libc::munmap(p, len) };
    r
}

/// As [`vmlinux_func_ids`], on a base (not split) BTF blob.
pub fn func_ids(data: &[u8], names: &[&str]) -> Result<Vec<Option<u32>>, BtfError> {
    let layout = raw::header(data)?;
    let types = &data[layout.types.clone()];
    let strs = &data[layout.strings.clone()];
    let mut found = vec![None; names.len()];
    let mut left = names.len();
    let firsts: Vec<u8> = names
        .iter()
        .filter_map(|n| n.as_bytes().first().copied())
        .collect();
    let mut pos = 0usize;
    let mut id = 1u32;
    let word = |b: &[u8]| {
        let w = [b[0], b[1], b[2], b[3]];
        if layout.le {
            u32::from_le_bytes(w)
        } else {
            u32::from_be_bytes(w)
        }
    };
    while left > 0 {
        // One bounds check per record: this loop walks ~150k types.
        let Some(rec) = types.get(pos..pos + raw::TYPE_LEN) else {
            break;
        };
        let name_off = word(&rec[0..4]) as usize;
        let info = word(&rec[4..8]);
        let kind = raw::info_kind(info);
        let extra = raw::trailing_len(kind, raw::info_vlen(info))
            .ok_or(BtfError::UnknownKind { id, kind })?;
        // Most FUNCs are rejected on their first byte.
        if kind == raw::KIND_FUNC && strs.get(name_off).is_some_and(|c| firsts.contains(c)) {
            let name = &strs[name_off..];
            for (i, n) in names.iter().enumerate() {
                let n = n.as_bytes();
                if found[i].is_none()
                    && name.len() > n.len()
                    && &name[..n.len()] == n
                    && name[n.len()] == 0
                {
                    found[i] = Some(id);
                    left -= 1;
                }
            }
        }
        pos += raw::TYPE_LEN + extra;
        id += 1;
    }
    Ok(found)
}
