//! Aggregate: the consumer's side of aggregations. The kernel keeps one per-CPU map per
//! aggregation; here the per-CPU values are merged exactly, sorted as DTrace sorts, and handed
//! to `print::agg`.

mod consumer;
pub mod hist;
mod key;
mod merge;
mod snapshot;
mod sort;
mod stddev;

pub use hist::{llquantize_bin, lquantize_bin, quantize_bin, QUANTIZE_BUCKETS, QUANTIZE_ZERO};
pub use key::KeyValue;
pub use merge::merge;
pub use consumer::AggConsumer;
pub use snapshot::{snapshot, snapshot_raw};
pub use sort::{sort_entries, sort_joined, JoinedEntry};
pub use stddev::stddev;

use crate::record::{Value, ValueKind};

/// An aggregating function with its constant parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AggFunc {
    Count,
    Sum,
    Min,
    Max,
    Avg,
    Stddev,
    /// Power-of-two histogram: [`QUANTIZE_BUCKETS`] buckets.
    Quantize,
    /// Linear histogram: `levels` buckets of `step` from `base`, plus one below and one above.
    Lquantize { base: i32, step: u16, levels: u16 },
    /// Log-linear histogram (Oracle's layout, with negative buckets): see [`hist`].
    Llquantize {
        factor: u16,
        lmag: u16,
        hmag: u16,
        steps: u16,
    },
}

impl AggFunc {
    pub fn name(&self) -> &'static str {
        match self {
            AggFunc::Count => "count",
            AggFunc::Sum => "sum",
            AggFunc::Min => "min",
            AggFunc::Max => "max",
            AggFunc::Avg => "avg",
            AggFunc::Stddev => "stddev",
            AggFunc::Quantize => "quantize",
            AggFunc::Lquantize { .. } => "lquantize",
            AggFunc::Llquantize { .. } => "llquantize",
        }
    }

    /// The number of 64-bit words of one CPU's value in the kernel map. The layouts:
    /// - count: `[count]`
    /// - sum: `[sum]`
    /// - min, max: `[count, value]` (a CPU whose count is 0 never saw data: the kernel zero-fills
    ///   other CPUs' slots when one CPU inserts a key)
    /// - avg: `[count, sum]`
    /// - stddev: `[count, sum, sum of squares low 64 bits, high 64 bits]`
    /// - quantize, lquantize, llquantize: one signed count per bucket, lowest bucket first
    ///   (increments may be negative, so a bucket may hold a negative count)
    pub fn value_words(&self) -> usize {
        match self {
            AggFunc::Count | AggFunc::Sum => 1,
            AggFunc::Min | AggFunc::Max | AggFunc::Avg => 2,
            AggFunc::Stddev => 4,
            AggFunc::Quantize => QUANTIZE_BUCKETS,
            AggFunc::Lquantize { levels, .. } => *levels as usize + 2,
            AggFunc::Llquantize { .. } => hist::llquantize_nbins(self),
        }
    }

    /// Whether the value is a histogram (printed as a table, `%@` prints the table).
    pub fn is_hist(&self) -> bool {
        matches!(
            self,
            AggFunc::Quantize | AggFunc::Lquantize { .. } | AggFunc::Llquantize { .. }
        )
    }
}

/// What the consumer knows of one aggregation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AggDesc {
    /// Aggregation variable ID, in order of first appearance in the program (the order in which
    /// DTrace prints aggregations at exit).
    pub id: u32,
    /// Name without the `@` (`""` for the anonymous `@`).
    pub name: String,
    pub func: AggFunc,
    /// The kinds of the key tuple, in order. Empty for an unkeyed aggregation.
    pub keys: Vec<ValueKind>,
}

impl AggDesc {
    /// Offsets of each key field inside the kernel map key, and the key size (a multiple of 8).
    /// Each field sits at the next offset aligned to its own alignment.
    pub fn key_layout(&self) -> (Vec<u32>, u32) {
        let mut offs = Vec::with_capacity(self.keys.len());
        let mut off = 0u32;
        for k in &self.keys {
            let a = k.align();
            off = (off + a - 1) / a * a;
            offs.push(off);
            off += k.size();
        }
        (offs, (off + 7) / 8 * 8)
    }
}

/// A merged aggregation value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AggValue {
    Count(u64),
    Sum(i64),
    Min(i64),
    Max(i64),
    Avg { count: u64, sum: i64 },
    Stddev { count: u64, sum: i64, sumsq: u128 },
    /// A histogram of `func` (quantize, lquantize or llquantize): one count per bucket, and
    /// the normalization factor its printed counts are divided by (bars are drawn from the
    /// raw counts, as DTrace draws them).
    Hist {
        func: AggFunc,
        buckets: Vec<i64>,
        normal: u64,
    },
}

impl AggValue {
    /// The value DTrace prints for this entry by default and sorts by: count, sum, min and
    /// max as they are; avg the sum divided by the count (signed, truncating; 0 without data);
    /// stddev DTrace's integer standard deviation. Count and stddev are unsigned quantities.
    pub fn scalar(&self) -> u64 {
        match *self {
            AggValue::Count(c) => c,
            AggValue::Sum(v) | AggValue::Min(v) | AggValue::Max(v) => v as u64,
            AggValue::Avg { count, sum } => {
                if count == 0 {
                    0
                } else {
                    sum.wrapping_div(count as i64) as u64
                }
            }
            AggValue::Stddev { count, sum, sumsq } => stddev(count, sum, sumsq),
            AggValue::Hist { ref buckets, .. } => buckets.iter().map(|&c| c as u64).sum(),
        }
    }

    /// The value a printa `%@` conversion receives. Its type is `uint64_t` for count() and
    /// `int64_t` for the others (`dt_printf_validate`); avg() is divided unsigned there
    /// (`pfprint_average` reads the data as `uint64_t`), so a negative average with more than
    /// one sample prints as DTrace prints it, not as the default output shows it.
    pub fn format_arg(&self) -> Value<'static> {
        let bits = match *self {
            AggValue::Avg { count, sum } => {
                if count == 0 {
                    0
                } else {
                    (sum as u64) / count
                }
            }
            _ => self.scalar(),
        };
        Value::Int {
            bits,
            size: 8,
            signed: !matches!(self, AggValue::Count(_)),
        }
    }

    /// The value as `normalize(@, normal)` shows it: what DTrace divides by the factor when
    /// printing (`dt_print_datum`, `dt_stddev`): count, sum, min, max as they are; avg's and
    /// stddev's sums (stddev's sum of squares too, once, as DTrace does); a histogram keeps
    /// its counts and carries the factor.
    pub fn normalized(&self, normal: u64) -> AggValue {
        if normal <= 1 {
            return self.clone();
        }
        let n = normal as i64;
        match self {
            AggValue::Count(c) => AggValue::Count(c / normal),
            AggValue::Sum(v) => AggValue::Sum(v.wrapping_div(n)),
            AggValue::Min(v) => AggValue::Min(v.wrapping_div(n)),
            AggValue::Max(v) => AggValue::Max(v.wrapping_div(n)),
            AggValue::Avg { count, sum } => AggValue::Avg {
                count: *count,
                sum: sum.wrapping_div(n),
            },
            AggValue::Stddev { count, sum, sumsq } => AggValue::Stddev {
                count: *count,
                sum: sum.wrapping_div(n),
                sumsq: sumsq / normal as u128,
            },
            AggValue::Hist { func, buckets, .. } => AggValue::Hist {
                func: *func,
                buckets: buckets.clone(),
                normal,
            },
        }
    }

    pub fn func(&self) -> AggFunc {
        match self {
            AggValue::Count(_) => AggFunc::Count,
            AggValue::Sum(_) => AggFunc::Sum,
            AggValue::Min(_) => AggFunc::Min,
            AggValue::Max(_) => AggFunc::Max,
            AggValue::Avg { .. } => AggFunc::Avg,
            AggValue::Stddev { .. } => AggFunc::Stddev,
            AggValue::Hist { func, .. } => *func,
        }
    }

    /// The all-zero value DTrace substitutes for an aggregation that has no entry for a key
    /// in a joined printa().
    pub fn zero(func: AggFunc) -> AggValue {
        match func {
            AggFunc::Count => AggValue::Count(0),
            AggFunc::Sum => AggValue::Sum(0),
            AggFunc::Min => AggValue::Min(0),
            AggFunc::Max => AggValue::Max(0),
            AggFunc::Avg => AggValue::Avg { count: 0, sum: 0 },
            AggFunc::Stddev => AggValue::Stddev {
                count: 0,
                sum: 0,
                sumsq: 0,
            },
            f => AggValue::Hist {
                func: f,
                buckets: vec![0; f.value_words()],
                normal: 1,
            },
        }
    }
}

/// One entry of an aggregation: its decoded key and merged value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AggEntry {
    pub key: Vec<KeyValue>,
    pub value: AggValue,
}

#[cfg(test)]
mod tests;

/// An operation on a whole aggregation that a clause asks the consumer to perform, in order
/// with the clause's other output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AggOp {
    /// `clear(@a)`: every value back to zero, keys kept.
    Clear,
    /// `trunc(@a[, n])`: keep the first n entries in sort order (the last -n when negative),
    /// none without n.
    Trunc,
    /// `normalize(@a, n)`: print values divided by n.
    Normalize,
    /// `denormalize(@a)`: undo normalize().
    Denormalize,
}

impl AggValue {
    /// The value of two entries taken together (entries whose keys print the same, such as
    /// two addresses in one function under a `func()` key, are one entry in DTrace).
    pub fn combine(&self, other: &AggValue) -> AggValue {
        use AggValue::*;
        match (self, other) {
            (Count(a), Count(b)) => Count(a.wrapping_add(*b)),
            (Sum(a), Sum(b)) => Sum(a.wrapping_add(*b)),
            (Min(a), Min(b)) => Min(*a.min(b)),
            (Max(a), Max(b)) => Max(*a.max(b)),
            (Avg { count: c1, sum: s1 }, Avg { count: c2, sum: s2 }) => Avg {
                count: c1 + c2,
                sum: s1.wrapping_add(*s2),
            },
            (Stddev { count: c1, sum: s1, sumsq: q1 }, Stddev { count: c2, sum: s2, sumsq: q2 }) => Stddev {
                count: c1 + c2,
                sum: s1.wrapping_add(*s2),
                sumsq: q1.wrapping_add(*q2),
            },
            (Hist { func, buckets: a, normal }, Hist { buckets: b, .. }) => Hist {
                func: *func,
                buckets: a.iter().zip(b).map(|(x, y)| x.wrapping_add(*y)).collect(),
                normal: *normal,
            },
            (a, _) => a.clone(),
        }
    }
}
