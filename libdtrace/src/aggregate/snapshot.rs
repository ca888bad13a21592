//! Snapshot: read one aggregation's per-CPU kernel map and merge each key across CPUs.

use super::{merge, AggDesc, AggEntry};
use crate::error::SysError;
use crate::load::Map;

/// Every key of the aggregation with its merged value. Keys no CPU has data for are left out
/// unless `keep_empty` (after clear(), DTrace prints the zeroed keys), where they get the
/// function's zero value. A keyed map only holds keys some clause inserted.
pub fn snapshot(map: &Map, desc: &AggDesc, keep_empty: bool) -> Result<Vec<AggEntry>, SysError> {
    let mut out = Vec::new();
    walk(map, desc, keep_empty, |_, e| out.push(e))?;
    Ok(out)
}

/// As [`snapshot`], each entry with its kernel map key (to delete or reset it).
pub fn snapshot_raw(
    map: &Map,
    desc: &AggDesc,
    keep_empty: bool,
) -> Result<Vec<(Vec<u8>, AggEntry)>, SysError> {
    let mut out = Vec::new();
    walk(map, desc, keep_empty, |k, e| out.push((k.to_vec(), e)))?;
    Ok(out)
}

/// The walk behind both: `push` receives each kernel key and its entry.
fn walk(
    map: &Map,
    desc: &AggDesc,
    keep_empty: bool,
    mut push: impl FnMut(&[u8], AggEntry),
) -> Result<(), SysError> {
    let words = desc.func.value_words();
    // Buffers reused for every key: a million keys must not cost millions of allocations.
    let mut all: Vec<u64> = Vec::new();
    let mut value_of = |v: &[u8]| {
        merge_cpus(desc, v, words, &mut all)
            .or_else(|| keep_empty.then(|| super::AggValue::zero(desc.func)))
    };
    if desc.keys.is_empty() {
        let k = 0u32.to_ne_bytes();
        if let Some(v) = map.lookup_percpu(&k)? {
            if let Some(value) = value_of(&v) {
                push(
                    &k,
                    AggEntry {
                        key: Vec::new(),
                        value,
                    },
                );
            }
        }
        return Ok(());
    }
    let (keys, values) = map.lookup_batch_all()?;
    let ksize = map.key_size() as usize;
    if ksize == 0 {
        return Ok(());
    }
    let n = keys.len() / ksize;
    let vsize = if n == 0 { 0 } else { values.len() / n };
    let (offs, _) = desc.key_layout();
    for i in 0..n {
        let k = &keys[i * ksize..(i + 1) * ksize];
        let v = &values[i * vsize..(i + 1) * vsize];
        if let Some(value) = value_of(v) {
            push(
                k,
                AggEntry {
                    key: desc.decode_key_at(k, &offs),
                    value,
                },
            );
        }
    }
    Ok(())
}

/// `bytes` holds one value per possible CPU, each `words` 64-bit words.
fn merge_cpus(
    desc: &AggDesc,
    bytes: &[u8],
    words: usize,
    all: &mut Vec<u64>,
) -> Option<super::AggValue> {
    if !desc.func.is_hist() {
        return merge_scalar(desc.func, bytes, words);
    }
    all.clear();
    all.extend(
        bytes
            .chunks_exact(8)
            .map(|c| u64::from_ne_bytes(c.try_into().unwrap())),
    );
    // At most a few CPUs: the slices fit on the stack.
    let mut per: smallvec_like::Slices = smallvec_like::Slices::new();
    for c in all.chunks_exact(words) {
        per.push(c);
    }
    merge(desc.func, per.as_slice())
}

/// [`merge`] for the functions of at most four words, straight from the map's bytes (the
/// path a million keys take): each CPU's words copied into a fixed array.
fn merge_scalar(func: super::AggFunc, bytes: &[u8], words: usize) -> Option<super::AggValue> {
    if words == 0 || words > 4 {
        return None;
    }
    let cpus = bytes.len() / (8 * words);
    if cpus <= 16 {
        let mut buf = [[0u64; 4]; 16];
        for (c, b) in bytes.chunks_exact(8 * words).enumerate() {
            for (w, x) in b.chunks_exact(8).enumerate() {
                buf[c][w] = u64::from_ne_bytes(x.try_into().unwrap());
            }
        }
        let mut per: [&[u64]; 16] = [&[]; 16];
        for (p, b) in per.iter_mut().zip(buf.iter()).take(cpus) {
            *p = &b[..words];
        }
        return merge(func, &per[..cpus]);
    }
    let all: Vec<u64> = bytes
        .chunks_exact(8)
        .map(|c| u64::from_ne_bytes(c.try_into().unwrap()))
        .collect();
    let per: Vec<&[u64]> = all.chunks_exact(words).collect();
    merge(func, &per)
}

/// A fixed-capacity list of per-CPU slices, spilling to the heap past 16 CPUs.
mod smallvec_like {
    pub struct Slices<'a> {
        inline: [&'a [u64]; 16],
        len: usize,
        heap: Vec<&'a [u64]>,
    }
    impl<'a> Slices<'a> {
        pub fn new() -> Self {
            Slices {
                inline: [&[]; 16],
                len: 0,
                heap: Vec::new(),
            }
        }
        pub fn push(&mut self, s: &'a [u64]) {
            if !self.heap.is_empty() || self.len == 16 {
                if self.heap.is_empty() {
                    self.heap.extend_from_slice(&self.inline);
                }
                self.heap.push(s);
            } else {
                self.inline[self.len] = s;
                self.len += 1;
            }
        }
        pub fn as_slice(&self) -> &[&'a [u64]] {
            if self.heap.is_empty() {
                &self.inline[..self.len]
            } else {
                &self.heap
            }
        }
    }
}
