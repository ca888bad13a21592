//! Snapshot: read one aggregation's per-CPU kernel map and merge each key across CPUs.

use super::{merge, AggDesc, AggEntry};
use crate::error::SysError;
use crate::load::Map;

/// Every key of the aggregation with its merged value; keys no CPU has data for are left out.
pub fn snapshot(map: &Map, desc: &AggDesc) -> Result<Vec<AggEntry>, SysError> {
    let words = desc.func.value_words();
    let mut out = Vec::new();
    if desc.keys.is_empty() {
        if let Some(v) = map.lookup_percpu(&0u32.to_ne_bytes())? {
            if let Some(value) = merge_cpus(desc, &v, words) {
                out.push(AggEntry {
                    key: Vec::new(),
                    value,
                });
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
    for i in 0..n {
        let k = &keys[i * ksize..(i + 1) * ksize];
        let v = &values[i * vsize..(i + 1) * vsize];
        if let Some(value) = merge_cpus(desc, v, words) {
            out.push(AggEntry {
                key: desc.decode_key(k),
                value,
            });
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
