//! Histogram buckets of quantize(), lquantize() and llquantize(): which bucket a value falls
//! in (the same arithmetic the BPF code in `codegen::agg` performs, kept here for the printer
//! and for tests), each bucket's lower bound, and DTrace's order of two histograms.
//!
//! Layouts (the lowest bucket first):
//! - quantize: 127 buckets; bucket 63 holds 0, bucket 63+k+1 holds [2^k, 2^(k+1)), bucket
//!   63-k-1 holds the negative values whose magnitude is in [2^k, 2^(k+1)) (k up to 62, the
//!   last buckets also take what is beyond).
//! - lquantize(base, step, levels): bucket 0 is `< base`, bucket i (1..=levels) holds
//!   [base + (i-1)*step, base + i*step), bucket levels+1 is `>= base + levels*step`.
//! - llquantize(factor, lmag, hmag, steps), Oracle's layout: `bin0 = 1 + R*B` where
//!   R = hmag-lmag+1 magnitudes and B = steps - steps/factor buckets per magnitude. Bucket bin0
//!   holds |v| < factor^lmag; bin0+1+r*B+j holds the j-th linear step of magnitude lmag+r;
//!   the last bucket (2*bin0) holds v >= factor^(hmag+1); negative values mirror them below
//!   bin0, bucket 0 being v <= -factor^(hmag+1). When lmag is 0 and steps > factor, the
//!   first magnitude's steps are narrower than 1: its values 1..factor-1 land every
//!   steps/factor buckets and the buckets between stay empty ("ghost" buckets, never printed).

use std::cmp::Ordering;

use super::AggFunc;

pub const QUANTIZE_BUCKETS: usize = 127;
pub const QUANTIZE_ZERO: usize = 63;

/// Lower bound of quantize bucket `i` (`DTRACE_QUANTIZE_BUCKETVAL`).
pub fn quantize_bucket_value(i: usize) -> i64 {
    match i.cmp(&QUANTIZE_ZERO) {
        Ordering::Less => -(1i64 << (QUANTIZE_ZERO - 1 - i)),
        Ordering::Equal => 0,
        Ordering::Greater => 1i64 << (i - QUANTIZE_ZERO - 1),
    }
}

/// The quantize bucket of `v`.
pub fn quantize_bin(v: i64) -> usize {
    if v == 0 {
        return QUANTIZE_ZERO;
    }
    let log2 = |m: u64| (63 - m.leading_zeros() as usize).min(62);
    if v > 0 {
        QUANTIZE_ZERO + 1 + log2(v as u64)
    } else {
        QUANTIZE_ZERO - 1 - log2(v.unsigned_abs())
    }
}

/// The lquantize bucket of `v`.
pub fn lquantize_bin(v: i64, base: i32, step: u16, levels: u16) -> usize {
    let base = base as i64;
    if v < base {
        return 0;
    }
    let d = (v as i128 - base as i128) as u128;
    let top = levels as u128 * step as u128;
    if d >= top {
        levels as usize + 1
    } else {
        1 + (d / step as u128) as usize
    }
}

fn llparams(f: &AggFunc) -> (u64, u32, u32, u64) {
    match *f {
        AggFunc::Llquantize {
            factor,
            lmag,
            hmag,
            steps,
        } => (factor as u64, lmag as u32, hmag as u32, steps as u64),
        _ => (2, 0, 1, 2),
    }
}

/// Buckets per magnitude and the index of the "magnitude below factor^lmag" bucket.
pub fn llquantize_bin0(f: &AggFunc) -> usize {
    let (factor, lmag, hmag, steps) = llparams(f);
    1 + (hmag - lmag + 1) as usize * (steps - steps / factor) as usize
}

pub fn llquantize_nbins(f: &AggFunc) -> usize {
    2 * llquantize_bin0(f) + 1
}

/// Index of `m` (> 0, factor^mag <= m < factor^(mag+1)) inside its magnitude: the linear
/// step `m * steps / factor^(mag+1)` less the steps that lower magnitudes cover.
pub fn llquantize_step(m: u64, upper: u64, steps: u64, factor: u64) -> u64 {
    let j = if upper >= steps && upper % steps == 0 {
        m / (upper / steps)
    } else if steps % upper == 0 {
        m * (steps / upper)
    } else {
        ((m as u128 * steps as u128) / upper as u128) as u64
    };
    j - steps / factor
}

/// The llquantize bucket of `v` (the checker guarantees factor^(hmag+1) fits in 64 bits).
pub fn llquantize_bin(v: i64, f: &AggFunc) -> usize {
    let (factor, lmag, hmag, steps) = llparams(f);
    let bin0 = llquantize_bin0(f);
    let per = steps - steps / factor;
    let m = v.unsigned_abs();
    let mut pos = bin0 as u64; // overflow unless found below
    let mut lower = factor.pow(lmag);
    if m < lower {
        pos = 0;
    } else {
        for r in 0..=(hmag - lmag) as u64 {
            let upper = lower * factor;
            if m < upper {
                pos = 1 + r * per + llquantize_step(m, upper, steps, factor);
                break;
            }
            lower = upper;
        }
    }
    if v < 0 {
        bin0 - pos as usize
    } else {
        bin0 + pos as usize
    }
}

/// A comparable weight of each bucket, for sorting histograms by value
/// (`dt_aggregate_*quantizedcmp`): the sum of bucket value times count, then the count of
/// the bucket holding zero.
fn weights(func: &AggFunc, buckets: &[i64]) -> (f64, i64) {
    let mut total = 0f64;
    let mut zero = 0i64;
    match *func {
        AggFunc::Quantize => {
            for (i, &c) in buckets.iter().enumerate() {
                let bv = quantize_bucket_value(i);
                if bv == 0 {
                    zero = c;
                }
                total += bv as f64 * c as f64;
            }
        }
        AggFunc::Lquantize { base, step, levels } => {
            let n = levels as usize;
            for (i, &c) in buckets.iter().enumerate() {
                let bv = if i == 0 {
                    base as i64 - 1
                } else if i == n + 1 {
                    base as i64 + n as i64 * step as i64 + 1
                } else {
                    base as i64 + (i as i64 - 1) * step as i64
                };
                if bv == 0 && zero == 0 {
                    zero = c;
                }
                total += bv as f64 * c as f64;
            }
        }
        AggFunc::Llquantize { .. } => {
            let bin0 = llquantize_bin0(func);
            for (i, &c) in buckets.iter().enumerate() {
                let bv = llquantize_lower(func, i).unwrap_or(0);
                if i == bin0 {
                    zero = c;
                }
                total += bv as f64 * c as f64;
            }
        }
        _ => {}
    }
    (total, zero)
}

/// DTrace's order of two histograms of the same function.
pub fn hist_cmp(func: &AggFunc, a: &[i64], b: &[i64]) -> Ordering {
    let (ta, za) = weights(func, a);
    let (tb, zb) = weights(func, b);
    ta.partial_cmp(&tb)
        .unwrap_or(Ordering::Equal)
        .then(za.cmp(&zb))
}

/// The signed lower bound of llquantize bucket `i` (for weights), `None` for a ghost bucket.
fn llquantize_lower(f: &AggFunc, i: usize) -> Option<i64> {
    let bin0 = llquantize_bin0(f);
    if i == bin0 {
        return Some(0);
    }
    let (mag, neg) = if i > bin0 {
        (i - bin0, false)
    } else {
        (bin0 - i, true)
    };
    let v = llquantize_pos_label(f, mag)? as i64;
    Some(if neg { -v } else { v })
}

/// The magnitude printed for the bucket `pos` above bin0 (1-based), `None` for a ghost bucket
/// or the overflow bucket (which is printed as `>= N`).
pub fn llquantize_pos_label(f: &AggFunc, pos: usize) -> Option<u64> {
    let (factor, lmag, _, steps) = llparams(f);
    let sf = steps / factor;
    let per = (steps - sf) as usize;
    let bin0 = llquantize_bin0(f);
    if pos == 0 || pos >= bin0 {
        return None;
    }
    let r = (pos - 1) / per;
    let j = ((pos - 1) % per) as u64;
    let mag = lmag + r as u32;
    let lower = factor.pow(mag);
    if j == 0 {
        return Some(lower);
    }
    let upper = lower * factor;
    if upper < steps {
        // A narrow first magnitude: only every steps/factor-th bucket holds a value.
        let w = steps / upper;
        return (j % w == 0).then(|| lower + j / w);
    }
    Some((j + sf) * (upper / steps))
}

/// factor^(hmag+1) and factor^lmag: the bounds printed as `>= N`, `<= -N` and `< N`.
pub fn llquantize_bounds(f: &AggFunc) -> (u64, u64) {
    let (factor, lmag, hmag, _) = llparams(f);
    (factor.pow(lmag), factor.pow(hmag + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantize_buckets() {
        assert_eq!(quantize_bin(0), 63);
        assert_eq!(quantize_bin(1), 64);
        assert_eq!(quantize_bin(3), 65);
        assert_eq!(quantize_bin(4), 66);
        assert_eq!(quantize_bin(-1), 62);
        assert_eq!(quantize_bin(-3), 61);
        assert_eq!(quantize_bin(i64::MAX), 126);
        assert_eq!(quantize_bin(i64::MIN), 0);
        for i in 0..QUANTIZE_BUCKETS {
            assert_eq!(quantize_bin(quantize_bucket_value(i)), i);
        }
    }

    #[test]
    fn lquantize_buckets() {
        assert_eq!(lquantize_bin(-1, 0, 10, 10), 0);
        assert_eq!(lquantize_bin(0, 0, 10, 10), 1);
        assert_eq!(lquantize_bin(99, 0, 10, 10), 10);
        assert_eq!(lquantize_bin(100, 0, 10, 10), 11);
        assert_eq!(lquantize_bin(i64::MAX, -5, 1, 10), 11);
        assert_eq!(lquantize_bin(i64::MIN, -5, 1, 10), 0);
    }

    #[test]
    fn llquantize_buckets_and_labels() {
        // llquantize(x, 10, 0, 6, 20): the layout of Oracle's tst.llquantneg.r.
        let f = AggFunc::Llquantize {
            factor: 10,
            lmag: 0,
            hmag: 6,
            steps: 20,
        };
        let bin0 = llquantize_bin0(&f);
        assert_eq!(bin0, 1 + 7 * 18);
        assert_eq!(llquantize_bin(0, &f), bin0);
        assert_eq!(llquantize_bin(1, &f), bin0 + 1);
        assert_eq!(llquantize_bin(2, &f), bin0 + 3);
        assert_eq!(llquantize_bin(-2, &f), bin0 - 3);
        assert_eq!(llquantize_pos_label(&f, 1), Some(1));
        assert_eq!(llquantize_pos_label(&f, 2), None);
        assert_eq!(llquantize_pos_label(&f, 3), Some(2));
        assert_eq!(llquantize_pos_label(&f, 17), Some(9));
        assert_eq!(llquantize_pos_label(&f, 19), Some(10));
        assert_eq!(llquantize_pos_label(&f, 20), Some(15));
        assert_eq!(llquantize_bin(10, &f), bin0 + 19);
        assert_eq!(llquantize_bin(14, &f), bin0 + 19);
        assert_eq!(llquantize_bin(15, &f), bin0 + 20);
        assert_eq!(llquantize_bin(10_000_000, &f), 2 * bin0);
        assert_eq!(llquantize_bin(-10_000_000, &f), 0);
        // Every labelled bucket's lower bound falls in that bucket.
        for pos in 1..bin0 {
            if let Some(v) = llquantize_pos_label(&f, pos) {
                assert_eq!(llquantize_bin(v as i64, &f), bin0 + pos, "pos {}", pos);
            }
        }
        // llquantize(x, 10, 1, 3, 10): below 10 is bucket bin0.
        let g = AggFunc::Llquantize {
            factor: 10,
            lmag: 1,
            hmag: 3,
            steps: 10,
        };
        let b = llquantize_bin0(&g);
        assert_eq!(llquantize_bin(9, &g), b);
        assert_eq!(llquantize_bin(10, &g), b + 1);
        assert_eq!(llquantize_bin(25, &g), b + 2);
        assert_eq!(llquantize_pos_label(&g, 2), Some(20));
        assert_eq!(llquantize_bin(100, &g), b + 10);
        assert_eq!(llquantize_bin(9999, &g), b + 27);
        assert_eq!(llquantize_bin(10000, &g), 2 * b);
    }
}
