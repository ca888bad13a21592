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
    let scalar = entries
        .iter()
        .all(|e| !matches!(e.value, AggValue::Hist { .. }));
    if !scalar || entries.len() < 1024 {
        // Keys are unique, so no two entries compare equal: an unstable sort is deterministic.
        entries.sort_unstable_by(|a, b| entry_cmp(a, b, opts));
        return;
    }
    // Many entries (a million keys must print in well under a second): sort indices,
    // comparing precomputed values, then move each entry once.
    let vals: Vec<i128> = entries
        .iter()
        .map(|e| match e.value {
            _ if opts.aggsortkey => 0,
            AggValue::Stddev { .. } => e.value.scalar() as i128,
            _ => e.value.scalar() as i64 as i128,
        })
        .collect();
    let mut idx: Vec<u32> = (0..entries.len() as u32).collect();
    idx.sort_unstable_by(|&a, &b| {
        let (a, b) = (a as usize, b as usize);
        let o = vals[a]
            .cmp(&vals[b])
            .then_with(|| key_cmp(&entries[a].key, &entries[b].key, opts.aggsortkeypos));
        if opts.aggsortrev {
            o.reverse()
        } else {
            o
        }
    });
    let mut slots: Vec<Option<AggEntry>> = std::mem::take(entries).into_iter().map(Some).collect();
    entries.extend(idx.iter().filter_map(|&i| slots[i as usize].take()));
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
