//! Snapshot: read one aggregation's per-CPU kernel map and merge each key across CPUs.

use super::{merge, AggDesc, AggEntry};
use crate::error::SysError;
use crate::load::Map;

/// Every key of the aggregation with its merged value. Keys no CPU has data for are left out
/// unless `keep_empty` (after clear(), DTrace prints the zeroed keys), where they get the
/// function's zero value. A keyed map only holds keys some clause inserted.
pub fn snapshot(map: &Map, desc: &AggDesc, keep_empty: bool) -> Result<Vec<AggEntry>, SysError> {
    Ok(snapshot_raw(map, desc, keep_empty)?
        .into_iter()
        .map(|(_, e)| e)
        .collect())
}

/// As [`snapshot`], each entry with its kernel map key (to delete or reset it).
pub fn snapshot_raw(
    map: &Map,
    desc: &AggDesc,
    keep_empty: bool,
) -> Result<Vec<(Vec<u8>, AggEntry)>, SysError> {
    let words = desc.func.value_words();
    let mut out = Vec::new();
    let value_of = |v: &[u8]| {
        merge_cpus(desc, v, words).or_else(|| keep_empty.then(|| super::AggValue::zero(desc.func)))
    };
    if desc.keys.is_empty() {
        let k = 0u32.to_ne_bytes();
        if let Some(v) = map.lookup_percpu(&k)? {
            if let Some(value) = value_of(&v) {
                out.push((
                    k.to_vec(),
                    AggEntry {
                        key: Vec::new(),
                        value,
                    },
                ));
            }
        }
        return Ok(out);
    }
    let (keys, values) = map.lookup_batch_all()?;
    let ksize = map.key_size() as usize;
    if ksize == 0 {
        return Ok(out);
    }
    let n = keys.len() / ksize;
    let vsize = if n == 0 { 0 } else { values.len() / n };
    out.reserve(n);
    for i in 0..n {
        let k = &keys[i * ksize..(i + 1) * ksize];
        let v = &values[i * vsize..(i + 1) * vsize];
        if let Some(value) = value_of(v) {
            out.push((
                k.to_vec(),
                AggEntry {
                    key: desc.decode_key(k),
                    value,
                },
            ));
        }
    }
    Ok(out)
}

/// `bytes` holds one value per possible CPU, each `words` 64-bit words.
fn merge_cpus(desc: &AggDesc, bytes: &[u8], words: usize) -> Option<super::AggValue> {
    let all: Vec<u64> = bytes
        .chunks_exact(8)
        .map(|c| u64::from_ne_bytes(c.try_into().unwrap()))
        .collect();
    let per: Vec<&[u64]> = all.chunks_exact(words).collect();
    merge(desc.func, &per)
}
