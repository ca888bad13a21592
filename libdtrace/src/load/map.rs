//! BPF maps: creation, element access, per-CPU values and batch snapshots.

use std::io;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};

use super::cpus::possible_cpus;
use super::prog::Program;
use super::sys::{self, ptr};
use crate::error::SysError;

/// Update flag: create or replace.
pub const BPF_ANY: u64 = 0;
/// Update flag: create only.
pub const BPF_NOEXIST: u64 = 1;
/// Update flag: replace only.
pub const BPF_EXIST: u64 = 2;
/// Map flag: allocate hash elements on demand rather than all at creation.
pub const BPF_F_NO_PREALLOC: u32 = 1;

/// The map types we use (`enum bpf_map_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapType {
    Hash,
    Array,
    ProgArray,
    PerfEventArray,
    PercpuHash,
    PercpuArray,
    StackTrace,
    LruHash,
    LruPercpuHash,
    ArrayOfMaps,
    HashOfMaps,
    RingBuf,
}

impl MapType {
    pub fn raw(self) -> u32 {
        match self {
            MapType::Hash => 1,
            MapType::Array => 2,
            MapType::ProgArray => 3,
            MapType::PerfEventArray => 4,
            MapType::PercpuHash => 5,
            MapType::PercpuArray => 6,
            MapType::StackTrace => 7,
            MapType::LruHash => 9,
            MapType::LruPercpuHash => 10,
            MapType::ArrayOfMaps => 12,
            MapType::HashOfMaps => 13,
            MapType::RingBuf => 27,
        }
    }
    /// Whether user space sees one value per possible CPU.
    pub fn is_percpu(self) -> bool {
        matches!(
            self,
            MapType::PercpuHash | MapType::PercpuArray | MapType::LruPercpuHash
        )
    }
}

/// A BPF map. Drop closes its descriptor (the kernel frees the map once no program uses it).
#[derive(Debug)]
pub struct Map {
    fd: OwnedFd,
    ty: MapType,
    key_size: u32,
    value_size: u32,
    max_entries: u32,
    name: String,
}

fn os(what: String) -> impl FnOnce(io::Error) -> SysError {
    move |source| SysError::Os { what, source }
}

fn invalid(what: String) -> SysError {
    SysError::Os {
        what,
        source: io::Error::from(io::ErrorKind::InvalidInput),
    }
}

fn round8(n: usize) -> usize {
    (n + 7) & !7
}

impl Map {
    /// Create a map. For `RingBuf`, keys and values are 0 and `max_entries` is the ring size in
    /// bytes (a power of two, a multiple of the page size). For maps of maps, see
    /// [`Map::create_of_maps`].
    pub fn create(
        ty: MapType,
        key_size: u32,
        value_size: u32,
        max_entries: u32,
        flags: u32,
        name: &str,
    ) -> Result<Map, SysError> {
        Self::create_inner(ty, key_size, value_size, max_entries, flags, name, 0)
    }

    /// Create an `ArrayOfMaps` or `HashOfMaps` whose values are maps shaped like `inner`.
    pub fn create_of_maps(
        ty: MapType,
        key_size: u32,
        max_entries: u32,
        inner: &Map,
        flags: u32,
        name: &str,
    ) -> Result<Map, SysError> {
        Self::create_inner(ty, key_size, 4, max_entries, flags, name, inner.fd() as u32)
    }

    fn create_inner(
        ty: MapType,
        key_size: u32,
        value_size: u32,
        max_entries: u32,
        flags: u32,
        name: &str,
        inner_map_fd: u32,
    ) -> Result<Map, SysError> {
        let mut attr = sys::MapCreateAttr {
            map_type: ty.raw(),
            key_size,
            value_size,
            max_entries,
            map_flags: flags,
            inner_map_fd,
            map_name: sys::object_name(name),
            ..Default::default()
        };
        let fd = sys::bpf_fd(sys::BPF_MAP_CREATE, &mut attr)
            .map_err(os(format!("failed to create BPF map {} ({:?})", name, ty)))?;
        Ok(Map {
            fd,
            ty,
            key_size,
            value_size,
            max_entries,
            name: name.to_string(),
        })
    }

    pub fn fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }
    pub fn map_type(&self) -> MapType {
        self.ty
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn key_size(&self) -> u32 {
        self.key_size
    }
    pub fn value_size(&self) -> u32 {
        self.value_size
    }
    pub fn max_entries(&self) -> u32 {
        self.max_entries
    }

    /// Size of a value as user space reads and writes it: per-CPU maps carry one 8-byte aligned
    /// slot per possible CPU.
    pub fn user_value_size(&self) -> usize {
        if self.ty.is_percpu() {
            possible_cpus() * round8(self.value_size as usize)
        } else {
            self.value_size as usize
        }
    }

    fn check_key(&self, key: &[u8]) -> Result<(), SysError> {
        if key.len() != self.key_size as usize {
            return Err(invalid(format!(
                "map {}: key of {} bytes, expected {}",
                self.name,
                key.len(),
                self.key_size
            )));
        }
        Ok(())
    }

    fn check_value(&self, value: usize) -> Result<(), SysError> {
        if value != self.user_value_size() {
            return Err(invalid(format!(
                "map {}: value of {} bytes, expected {}",
                self.name,
                value,
                self.user_value_size()
            )));
        }
        Ok(())
    }

    /// Write an element (`value` is [`Map::user_value_size`] bytes; flags `BPF_ANY` etc.).
    pub fn update(&self, key: &[u8], value: &[u8], flags: u64) -> Result<(), SysError> {
        self.check_key(key)?;
        self.check_value(value.len())?;
        let mut attr = sys::ElemAttr {
            map_fd: self.fd() as u32,
            key: ptr(key.as_ptr()),
            value: ptr(value.as_ptr()),
            flags,
            ..Default::default()
        };
        sys::bpf(sys::BPF_MAP_UPDATE_ELEM, &mut attr)
            .map_err(os(format!("map {}: update", self.name)))?;
        Ok(())
    }

    /// Read an element into `value` ([`Map::user_value_size`] bytes). `Ok(false)`: no such key.
    pub fn lookup(&self, key: &[u8], value: &mut [u8]) -> Result<bool, SysError> {
        self.check_key(key)?;
        self.check_value(value.len())?;
        let mut attr = sys::ElemAttr {
            map_fd: self.fd() as u32,
            key: ptr(key.as_ptr()),
            value: ptr(value.as_mut_ptr()),
            ..Default::default()
        };
        match sys::bpf(sys::BPF_MAP_LOOKUP_ELEM, &mut attr) {
            Ok(_) => Ok(true),
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(false),
            Err(e) => Err(SysError::Os {
                what: format!("map {}: lookup", self.name),
                source: e,
            }),
        }
    }

    /// Read a per-CPU element: `possible_cpus() * round_up(value_size, 8)` bytes, CPU 0 first.
    pub fn lookup_percpu(&self, key: &[u8]) -> Result<Option<Vec<u8>>, SysError> {
        if !self.ty.is_percpu() {
            return Err(invalid(format!("map {} is not a per-CPU map", self.name)));
        }
        let mut v = vec![0u8; self.user_value_size()];
        Ok(if self.lookup(key, &mut v)? {
            Some(v)
        } else {
            None
        })
    }

    /// Delete an element. `Ok(false)`: there was none.
    pub fn delete(&self, key: &[u8]) -> Result<bool, SysError> {
        self.check_key(key)?;
        let mut attr = sys::ElemAttr {
            map_fd: self.fd() as u32,
            key: ptr(key.as_ptr()),
            ..Default::default()
        };
        match sys::bpf(sys::BPF_MAP_DELETE_ELEM, &mut attr) {
            Ok(_) => Ok(true),
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(false),
            Err(e) => Err(SysError::Os {
                what: format!("map {}: delete", self.name),
                source: e,
            }),
        }
    }

    /// The key after `prev` (the first key when `None`) into `next`. `Ok(false)`: no more keys.
    pub fn next_key(&self, prev: Option<&[u8]>, next: &mut [u8]) -> Result<bool, SysError> {
        if let Some(p) = prev {
            self.check_key(p)?;
        }
        self.check_key(next)?;
        let mut attr = sys::ElemAttr {
            map_fd: self.fd() as u32,
            key: prev.map_or(0, |p| ptr(p.as_ptr())),
            value: ptr(next.as_mut_ptr()),
            ..Default::default()
        };
        match sys::bpf(sys::BPF_MAP_GET_NEXT_KEY, &mut attr) {
            Ok(_) => Ok(true),
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(false),
            Err(e) => Err(SysError::Os {
                what: format!("map {}: next key", self.name),
                source: e,
            }),
        }
    }

    /// Make the map read-only for bpf(2) writers from now on. Programs still write it unless it
    /// was created with `BPF_F_RDONLY_PROG`, in which case the verifier may treat its contents as
    /// constants.
    pub fn freeze(&self) -> Result<(), SysError> {
        let mut attr = sys::FreezeAttr {
            map_fd: self.fd() as u32,
        };
        sys::bpf(sys::BPF_MAP_FREEZE, &mut attr)
            .map_err(os(format!("map {}: freeze", self.name)))?;
        Ok(())
    }

    /// Every (key, value) pair: keys concatenated (`key_size` each) and values concatenated
    /// ([`Map::user_value_size`] each), in the same order. Uses `BPF_MAP_LOOKUP_BATCH`, which copies
    /// whole hash buckets per call, and falls back to key iteration on kernels or map types that
    /// refuse batch operations. Not atomic: elements added or removed meanwhile may or may not
    /// appear, as with any walk of a live map.
    pub fn lookup_batch_all(&self) -> Result<(Vec<u8>, Vec<u8>), SysError> {
        match self.lookup_batch_inner() {
            Ok(kv) => Ok(kv),
            Err(e) if batch_unsupported(&e) => self.lookup_iter_all(),
            Err(e) => Err(SysError::Os {
                what: format!("map {}: batch lookup", self.name),
                source: e,
            }),
        }
    }

    fn lookup_batch_inner(&self) -> io::Result<(Vec<u8>, Vec<u8>)> {
        let ks = self.key_size as usize;
        let vs = self.user_value_size();
        let mut keys: Vec<u8> = Vec::new();
        let mut values: Vec<u8> = Vec::new();
        // The batch token is a bucket index for hashes and a key for arrays: room for either.
        let tok_len = round8(ks.max(8));
        let mut in_tok = vec![0u8; tok_len];
        let mut out_tok = vec![0u8; tok_len];
        let mut first = true;
        let mut chunk = (self.max_entries as usize).clamp(1, 65536);
        loop {
            let (k0, v0) = (keys.len(), values.len());
            keys.resize(k0 + chunk * ks, 0);
            values.resize(v0 + chunk * vs, 0);
            let mut attr = sys::BatchAttr {
                in_batch: if first { 0 } else { ptr(in_tok.as_ptr()) },
                out_batch: ptr(out_tok.as_mut_ptr()),
                keys: ptr(keys[k0..].as_mut_ptr()),
                values: ptr(values[v0..].as_mut_ptr()),
                count: chunk as u32,
                map_fd: self.fd() as u32,
                ..Default::default()
            };
            let r = sys::bpf(sys::BPF_MAP_LOOKUP_BATCH, &mut attr);
            let got = attr.count as usize;
            keys.truncate(k0 + got * ks);
            values.truncate(v0 + got * vs);
            match r {
                Ok(_) => {}
                // The end of the map; `count` holds the last partial batch.
                Err(e) if e.raw_os_error() == Some(libc::ENOENT) => return Ok((keys, values)),
                // One bucket holds more elements than `chunk`: retry the same position with more room.
                Err(e) if e.raw_os_error() == Some(libc::ENOSPC) && got == 0 => {
                    chunk *= 2;
                    continue;
                }
                Err(e) => return Err(e),
            }
            first = false;
            std::mem::swap(&mut in_tok, &mut out_tok);
        }
    }

    /// Delete every key of `keys` (concatenated, `key_size` each) with `BPF_MAP_DELETE_BATCH`,
    /// one call for many keys; keys already gone are skipped. Falls back to one delete per key
    /// where batch operations are refused. Returns how many keys were deleted.
    pub fn delete_batch(&self, keys: &[u8]) -> Result<usize, SysError> {
        let ks = self.key_size as usize;
        if ks == 0 || keys.len() % ks != 0 {
            return Err(invalid(format!(
                "map {}: {} bytes of keys, not a multiple of {}",
                self.name,
                keys.len(),
                ks
            )));
        }
        let mut deleted = 0;
        let mut rest = keys;
        while !rest.is_empty() {
            let n = (rest.len() / ks).min(1 << 20);
            let mut attr = sys::BatchAttr {
                keys: ptr(rest.as_ptr()),
                count: n as u32,
                map_fd: self.fd() as u32,
                ..Default::default()
            };
            let r = sys::bpf(sys::BPF_MAP_DELETE_BATCH, &mut attr);
            // `count` is how many keys were deleted before the call stopped.
            let done = (attr.count as usize).min(n);
            deleted += done;
            rest = &rest[done * ks..];
            match r {
                Ok(_) => {}
                // The next key is gone already (deleted meanwhile): skip it.
                Err(e) if e.raw_os_error() == Some(libc::ENOENT) => rest = &rest[ks.min(rest.len())..],
                Err(e) if batch_unsupported(&e) && done == 0 => {
                    for k in rest.chunks_exact(ks) {
                        if self.delete(k)? {
                            deleted += 1;
                        }
                    }
                    return Ok(deleted);
                }
                Err(e) => {
                    return Err(SysError::Os {
                        what: format!("map {}: batch delete", self.name),
                        source: e,
                    })
                }
            }
        }
        Ok(deleted)
    }

    fn lookup_iter_all(&self) -> Result<(Vec<u8>, Vec<u8>), SysError> {
        let ks = self.key_size as usize;
        let vs = self.user_value_size();
        let mut keys: Vec<u8> = Vec::new();
        let mut values: Vec<u8> = Vec::new();
        let mut cur = vec![0u8; ks];
        let mut next = vec![0u8; ks];
        let mut val = vec![0u8; vs];
        let mut have_prev = false;
        while self.next_key(if have_prev { Some(&cur) } else { None }, &mut next)? {
            // A key deleted between the two calls is simply not part of the snapshot.
            if self.lookup(&next, &mut val)? {
                keys.extend_from_slice(&next);
                values.extend_from_slice(&val);
            }
            std::mem::swap(&mut cur, &mut next);
            have_prev = true;
        }
        Ok((keys, values))
    }
}

fn batch_unsupported(e: &io::Error) -> bool {
    // ENOTSUPP (524) is the kernel-internal code old kernels leak for unsupported batch ops.
    matches!(
        e.raw_os_error(),
        Some(libc::EINVAL) | Some(libc::EOPNOTSUPP) | Some(524)
    )
}

/// A program array: the tail-call table from stubs to clause programs.
#[derive(Debug)]
pub struct ProgArray {
    map: Map,
}

impl ProgArray {
    pub fn create(max_entries: u32, name: &str) -> Result<ProgArray, SysError> {
        Ok(ProgArray {
            map: Map::create(MapType::ProgArray, 4, 4, max_entries, 0, name)?,
        })
    }
    /// Slot `index` now tail-calls into `prog` (which must be of the type of the array's first
    /// user: the kernel pins a prog_array to one program type).
    pub fn set(&self, index: u32, prog: &Program) -> Result<(), SysError> {
        self.map.update(
            &index.to_ne_bytes(),
            &(prog.fd() as u32).to_ne_bytes(),
            BPF_ANY,
        )
    }
    pub fn clear(&self, index: u32) -> Result<bool, SysError> {
        self.map.delete(&index.to_ne_bytes())
    }
    pub fn map(&self) -> &Map {
        &self.map
    }
    pub fn fd(&self) -> RawFd {
        self.map.fd()
    }
}

#[cfg(test)]
mod delete_batch_tests {
    use super::*;

    #[test]
    fn delete_batch_skips_missing_keys() {
        let m = match Map::create(MapType::PercpuHash, 8, 8, 4096, 0, "t_delbatch") {
            Ok(m) => m,
            // Without CAP_BPF there is no map to test.
            Err(_) => return,
        };
        let v = vec![0u8; m.user_value_size()];
        for k in 0u64..3000 {
            m.update(&k.to_ne_bytes(), &v, 0).unwrap();
        }
        // Keys 10 and 20 are gone before the batch: it must skip them and go on.
        assert!(m.delete(&10u64.to_ne_bytes()).unwrap());
        assert!(m.delete(&20u64.to_ne_bytes()).unwrap());
        let keys: Vec<u8> = (0u64..2000).flat_map(|k| k.to_ne_bytes()).collect();
        assert_eq!(m.delete_batch(&keys).unwrap(), 1998);
        let (left, _) = m.lookup_batch_all().unwrap();
        let mut left: Vec<u64> = left
            .chunks_exact(8)
            .map(|c| u64::from_ne_bytes(c.try_into().unwrap()))
            .collect();
        left.sort();
        assert_eq!(left, (2000u64..3000).collect::<Vec<_>>());
        assert!(m.delete_batch(&[1u8; 5]).is_err());
    }
}
