//! DTrace's aggregation order (`dt_aggregate.c`): by value ascending with the key as the
//! tie-breaker, or by key (`aggsortkey`, starting at field `aggsortkeypos`), everything
//! reversed by `aggsortrev`.

use std::cmp::Ordering;

use super::key::key_cmp;
use super::{AggEntry, AggFunc, AggValue, KeyValue};
use crate::options::Options;

/// `dt_aggregate_valcmp` for two values of the same function: avg by its truncated signed
/// average, stddev by its integer standard deviation, the others as signed 64-bit numbers
/// (count included: DTrace compares every value as `int64_t`).
pub(super) fn val_cmp(a: &AggValue, b: &AggValue) -> Ordering {
    match (a, b) {
        (AggValue::Stddev { .. }, AggValue::Stddev { .. }) => a.scalar().cmp(&b.scalar()),
        (AggValue::Hist { func, buckets: x, .. }, AggValue::Hist { buckets: y, .. }) => {
            super::hist::hist_cmp(func, x, y)
        }
        _ => (a.scalar() as i64).cmp(&(b.scalar() as i64)),
    }
}

fn entry_cmp(a: &AggEntry, b: &AggEntry, opts: &Options) -> Ordering {
    let o = if opts.aggsortkey {
        key_cmp(&a.key, &b.key, opts.aggsortkeypos)
    } else {
        val_cmp(&a.value, &b.value).then_with(|| key_cmp(&a.key, &b.key, opts.aggsortkeypos))
    };
    if opts.aggsortrev {
        o.reverse()
    } else {
        o
    }
}

/// Sort the entries of one aggregation for printing.
pub fn sort_entries(entries: &mut Vec<AggEntry>, opts: &Options) {
    if entries.len() < 1024 {
        // Keys are unique, so no two entries compare equal: an unstable sort is deterministic.
        entries.sort_unstable_by(|a, b| entry_cmp(a, b, opts));
        return;
    }
    // Many entries (a million keys must print in well under a second): sort indices,
    // comparing precomputed values and keys encoded so that comparing their bytes is
    // comparing the keys, then move each entry once.
    let Some(keys) = KeyCache::build(entries, opts.aggsortkeypos) else {
        entries.sort_unstable_by(|a, b| entry_cmp(a, b, opts));
        return;
    };
    let scalar = entries
        .iter()
        .all(|e| !matches!(e.value, AggValue::Hist { .. }));
    let vals: Vec<i128> = if opts.aggsortkey || !scalar {
        Vec::new()
    } else {
        entries
            .iter()
            .map(|e| match e.value {
                AggValue::Stddev { .. } => e.value.scalar() as i128,
                _ => e.value.scalar() as i64 as i128,
            })
            .collect()
    };
    if (scalar || opts.aggsortkey) && keys.stride <= 16 {
        // The common case (integer or short keys): sort the values, keys and indices side by
        // side, so that comparisons touch one contiguous array.
        let mut rows: Vec<(i128, u128, u32)> = (0..entries.len())
            .map(|i| {
                let mut k = [0u8; 16];
                k[..keys.stride].copy_from_slice(keys.get(i));
                let v = if opts.aggsortkey { 0 } else { vals[i] };
                (v, u128::from_be_bytes(k), i as u32)
            })
            .collect();
        rows.sort_unstable();
        if opts.aggsortrev {
            // Keys are unique: the descending order is the ascending one reversed.
            rows.reverse();
        }
        let idx: Vec<u32> = rows.into_iter().map(|r| r.2).collect();
        permute(entries, &idx);
        return;
    }
    let mut idx: Vec<u32> = (0..entries.len() as u32).collect();
    idx.sort_unstable_by(|&a, &b| {
        let (a, b) = (a as usize, b as usize);
        let o = if opts.aggsortkey {
            Ordering::Equal
        } else if scalar {
            vals[a].cmp(&vals[b])
        } else {
            val_cmp(&entries[a].value, &entries[b].value)
        };
        let o = o.then_with(|| keys.get(a).cmp(keys.get(b)));
        if opts.aggsortrev {
            o.reverse()
        } else {
            o
        }
    });
    permute(entries, &idx);
}

/// Reorder `v` so that `v[i]` becomes the old `v[order[i]]`, in place: follow each cycle of
/// the permutation, moving each element once.
fn permute<T>(v: &mut [T], order: &[u32]) {
    let mut done = vec![false; v.len()];
    for start in 0..v.len() {
        if done[start] {
            continue;
        }
        let mut i = start;
        loop {
            done[i] = true;
            let from = order[i] as usize;
            if from == start {
                break;
            }
            v.swap(i, from);
            i = from;
        }
    }
}

/// Every entry's key encoded into `stride` bytes that compare (as bytes) as
/// [`key_cmp`] compares the keys, fields taken from `aggsortkeypos` on: integers as their
/// big-endian unsigned value of their size, strings and stacks zero-padded to the longest
/// one at their position (neither holds a zero byte or word, so padding keeps their order).
struct KeyCache {
    stride: usize,
    bytes: Vec<u8>,
}

impl KeyCache {
    /// `None` when the keys are not all of the same shape (`key_cmp` then decides by kind
    /// and length, which the encoding does not capture).
    fn build(entries: &[AggEntry], keypos: u64) -> Option<KeyCache> {
        let first = &entries.first()?.key;
        let n = first.len();
        let start = if keypos as usize >= n { 0 } else { keypos as usize };
        // The width of each field: integers 8 bytes; strings and stacks their longest value.
        let mut width = vec![0usize; n];
        for e in entries {
            if e.key.len() != n {
                return None;
            }
            for (i, (k, f)) in e.key.iter().zip(first).enumerate() {
                let w = match (k, f) {
                    (KeyValue::Int { size: a, .. }, KeyValue::Int { size: b, .. }) if a == b => 8,
                    (KeyValue::Str(s), KeyValue::Str(_)) => s.len(),
                    (KeyValue::Stack { pcs, .. }, KeyValue::Stack { .. }) => pcs.len() * 8,
                    (KeyValue::Sym { .. }, KeyValue::Sym { .. }) => 8,
                    _ => return None,
                };
                width[i] = width[i].max(w);
            }
        }
        let stride: usize = width.iter().sum();
        let mut bytes = vec![0u8; stride * entries.len()];
        for (e, out) in entries.iter().zip(bytes.chunks_exact_mut(stride.max(1))) {
            let mut at = 0;
            for j in 0..n {
                let i = (start + j) % n;
                let slot = &mut out[at..at + width[i]];
                match &e.key[i] {
                    KeyValue::Int { bits, size, .. } => {
                        let m = if *size >= 8 {
                            *bits
                        } else {
                            bits & ((1u64 << (8 * *size as u32)) - 1)
                        };
                        slot.copy_from_slice(&m.to_be_bytes());
                    }
                    KeyValue::Str(s) => slot[..s.len()].copy_from_slice(s),
                    KeyValue::Stack { pcs, .. } => {
                        for (w, pc) in slot.chunks_exact_mut(8).zip(pcs) {
                            w.copy_from_slice(&pc.to_be_bytes());
                        }
                    }
                    KeyValue::Sym { pc, .. } => slot.copy_from_slice(&pc.to_be_bytes()),
                }
                at += width[i];
            }
        }
        Some(KeyCache { stride, bytes })
    }

    fn get(&self, i: usize) -> &[u8] {
        &self.bytes[i * self.stride..(i + 1) * self.stride]
    }
}

/// One key of a joined `printa(fmt, @a, @b, ...)`: the value of each aggregation for that
/// key, `None` where an aggregation has no entry (it prints and sorts as zero).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinedEntry {
    pub key: Vec<KeyValue>,
    pub values: Vec<Option<AggValue>>,
}

/// Sort the rows of a joined printa (`dt_aggregate_bundlecmp`): with `aggsortkey` by key
/// first; then by the values, starting with aggregation number `aggsortpos` (0 if out of
/// range) and wrapping around; then by key. `funcs[i]` is the function of aggregation `i`.
pub fn sort_joined(funcs: &[AggFunc], rows: &mut [JoinedEntry], opts: &Options) {
    let n = funcs.len();
    let pos = if opts.aggsortpos as usize >= n {
        0
    } else {
        opts.aggsortpos as usize
    };
    let value = |r: &JoinedEntry, i: usize| -> AggValue {
        r.values
            .get(i)
            .cloned()
            .flatten()
            .unwrap_or_else(|| AggValue::zero(funcs[i]))
    };
    rows.sort_by(|a, b| {
        let mut o = Ordering::Equal;
        if opts.aggsortkey {
            o = key_cmp(&a.key, &b.key, opts.aggsortkeypos);
        }
        for k in 0..n {
            if o != Ordering::Equal {
                break;
            }
            let i = (k + pos) % n;
            o = val_cmp(&value(a, i), &value(b, i));
        }
        if o == Ordering::Equal && !opts.aggsortkey {
            o = key_cmp(&a.key, &b.key, opts.aggsortkeypos);
        }
        if opts.aggsortrev {
            o.reverse()
        } else {
            o
        }
    });
}
