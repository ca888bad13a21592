//! Aggregate: the consumer's side of aggregations. The kernel keeps one per-CPU map per
//! aggregation; here the per-CPU values are merged exactly, sorted as DTrace sorts, and handed
//! to `print::agg`.

use crate::record::ValueKind;

/// An aggregating function with its constant parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AggFunc {
    Count,
    Sum,
    Min,
    Max,
    Avg,
    Stddev,
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
        }
    }

    /// The number of 64-bit words of one CPU's value in the kernel map. The layouts:
    /// - count: `[count]`
    /// - sum: `[sum]`
    /// - min, max: `[count, value]` (a CPU whose count is 0 never saw data: the kernel zero-fills
    ///   other CPUs' slots when one CPU inserts a key)
    /// - avg: `[count, sum]`
    /// - stddev: `[count, sum, sum of squares low 64 bits, high 64 bits]`
    pub fn value_words(&self) -> usize {
        match self {
            AggFunc::Count | AggFunc::Sum => 1,
            AggFunc::Min | AggFunc::Max | AggFunc::Avg => 2,
            AggFunc::Stddev => 4,
        }
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AggValue {
    Count(u64),
    Sum(i64),
    Min(i64),
    Max(i64),
    Avg { count: u64, sum: i64 },
    Stddev { count: u64, sum: i64, sumsq: u128 },
}
