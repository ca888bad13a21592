//! Merging one key's per-CPU values (the layouts of [`AggFunc::value_words`]) into one value.

use super::{AggFunc, AggValue};

/// Merge the per-CPU values of one key. `None` when no CPU saw data (all counts zero for the
/// functions that keep a count; sum() keeps none and always merges), or when a slice is too
/// short for the layout. A key that clear() zeroed therefore merges to `None` for count(),
/// avg(), stddev(), min() and max(): DTrace would still print such a key (with 0), so
/// clear() must keep its keys by other means.
pub fn merge(func: AggFunc, per_cpu: &[&[u64]]) -> Option<AggValue> {
    let w = func.value_words();
    if per_cpu.is_empty() || per_cpu.iter().any(|c| c.len() < w) {
        return None;
    }
    let count: u64 = per_cpu.iter().fold(0u64, |a, c| a.wrapping_add(c[0]));
    match func {
        AggFunc::Count => (count != 0).then_some(AggValue::Count(count)),
        AggFunc::Sum => Some(AggValue::Sum(count as i64)),
        AggFunc::Min | AggFunc::Max => {
            let vals = per_cpu.iter().filter(|c| c[0] != 0).map(|c| c[1] as i64);
            let v = if func == AggFunc::Min {
                vals.min()?
            } else {
                vals.max()?
            };
            Some(if func == AggFunc::Min {
                AggValue::Min(v)
            } else {
                AggValue::Max(v)
            })
        }
        AggFunc::Avg => {
            let sum = per_cpu
                .iter()
                .fold(0i64, |a, c| a.wrapping_add(c[1] as i64));
            (count != 0).then_some(AggValue::Avg { count, sum })
        }
        AggFunc::Stddev => {
            let sum = per_cpu
                .iter()
                .fold(0i64, |a, c| a.wrapping_add(c[1] as i64));
            let sumsq = per_cpu.iter().fold(0u128, |a, c| {
                a.wrapping_add(c[2] as u128 | (c[3] as u128) << 64)
            });
            (count != 0).then_some(AggValue::Stddev { count, sum, sumsq })
        }
        AggFunc::Quantize | AggFunc::Lquantize { .. } | AggFunc::Llquantize { .. } => {
            let mut buckets = vec![0i64; w];
            for c in per_cpu {
                for (b, v) in buckets.iter_mut().zip(c.iter()) {
                    *b = b.wrapping_add(*v as i64);
                }
            }
            // Negative increments can bring every bucket back to zero: DTrace still prints
            // such a key (its all-zero histogram), as the key exists.
            let seen = per_cpu.iter().any(|c| c[..w].iter().any(|&v| v != 0));
            seen.then_some(AggValue::Hist {
                func,
                buckets,
                normal: 1,
            })
        }
    }
}
