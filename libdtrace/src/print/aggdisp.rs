//! The aggregation display options DTrace has from illumos (`dt_consume.c`,
//! `dt_aggregate.c`; Oracle Linux DTrace lacks them):
//!
//! - `agghist`: a count() or sum() aggregation printed as one histogram whose rows are its
//!   keys: a header `"\n%*s %41s %-9s\n"` (the keys' width and `key`, or 16 and `value`
//!   without keys), then per entry the key fields and `" "` and the bar and value of
//!   `dt_print_quantline`, scaled by the total over every entry (`dt_aggregate_total`).
//! - `aggpack`: quantize() and lquantize() printed one line per key, each bucket one
//!   character (`dt_print_packed`): a header `"\n%*s %*s ."`, a `-` per bucket,
//!   `". %-*s | count\n"`; then per entry the key fields and the packed row. The buckets shown
//!   are the same for every entry of the aggregation: for quantize the range holding data in
//!   any entry widened by one bucket each way (not below 0's bucket, `dt_aggregate_minmaxbin`),
//!   for lquantize all of them.
//! - In both, key fields print with the packed widths (strings in 16 columns).

use super::hist::{add_total, quantline, AGGZOOM_MAX};
use crate::aggregate::hist::{quantize_bucket_value, QUANTIZE_BUCKETS, QUANTIZE_ZERO};
use crate::aggregate::AggFunc;
use crate::options::Encoding;

/// The header of an `agghist` aggregation (`dt_print_quanthdr`): `width` is the width of
/// the key fields (0 without keys).
pub fn agghist_header(out: &mut Vec<u8>, width: usize) {
    let (w, label) = if width > 0 {
        (width, "key")
    } else {
        (16, "value")
    };
    out.extend_from_slice(
        format!(
            "\n{:>w$} {:>41} {:<9}\n",
            label,
            "------------- Distribution -------------",
            "count",
            w = w
        )
        .as_bytes(),
    );
}

/// What the bars of an `agghist` aggregation are scaled by (`dt_aggregate_total`): the sum of
/// the absolute values of every entry, or under `aggzoom` the largest of them over
/// `AGGZOOM_MAX` (truncated to an integer, as DTrace keeps it); and the signs present.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HistTotal {
    pub total: f64,
    pub positives: bool,
    pub negatives: bool,
}

impl HistTotal {
    pub fn of(values: impl IntoIterator<Item = i64>, zoom: bool) -> HistTotal {
        let mut t = HistTotal {
            total: 0.0,
            positives: false,
            negatives: false,
        };
        for v in values {
            t.positives |= v > 0;
            t.negatives |= v < 0;
            let a = v.unsigned_abs() as f64;
            if zoom {
                let z = (a * (1.0 / AGGZOOM_MAX)).trunc();
                if z > t.total {
                    t.total = z;
                }
            } else {
                t.total += a;
            }
        }
        t
    }
}

/// One `agghist` row after its keys: `" "`, the bar, the value over `normal`.
pub fn agghist_row(out: &mut Vec<u8>, val: i64, normal: u64, t: &HistTotal, utf8: bool) {
    out.push(b' ');
    quantline(out, val, normal, t.total, (t.positives, t.negatives), utf8);
}

/// `dt_ndigits`: the columns of a bucket bound in a packed row, at least 4.
pub fn ndigits(v: i64) -> usize {
    let mut r = 1usize;
    let mut m = v;
    if m < 0 {
        m = if m == i64::MIN { i64::MAX } else { -m };
        r += 1;
    }
    let mut cmp: i64 = 10;
    // DTrace compares with `>`, so 100 counts as two digits; the loop stops when the
    // power of ten overflows.
    while m > cmp {
        r += 1;
        match cmp.checked_mul(10) {
            Some(c) => cmp = c,
            None => break,
        }
    }
    r.max(4)
}

/// Whether packed rows use UTF-8 block elements: as `encoding` says, else unless the
/// terminal is one DTrace knows cannot show them (`sun`, `sun-color`, `dumb`). Without a
/// TERM at all we take ASCII (DTrace would read a null TERM).
pub fn packed_utf8(encoding: Encoding, term: Option<&str>) -> bool {
    match encoding {
        Encoding::Ascii => false,
        Encoding::Utf8 => true,
        Encoding::Unset => !matches!(term, None | Some("sun" | "sun-color" | "dumb")),
    }
}

/// `dt_print_packed`: one bucket as one character. Empty is a space; negative counts
/// `vvvvVV`; positive ones `__xxxxXX` or U+2581..U+2588, by share of `total`, rounded.
pub fn packed_cell(out: &mut Vec<u8>, datum: i64, total: f64, utf8: bool) {
    const ASCII: &[u8] = b"__xxxxXX";
    const NEG: &[u8] = b"vvvvVV";
    if datum == 0 || total == 0.0 {
        out.push(b' ');
        return;
    }
    let d = datum as f64;
    if datum < 0 {
        let i = ((d * (NEG.len() - 1) as f64).abs() / total + 0.5) as usize;
        out.push(NEG[i.min(NEG.len() - 1)]);
        return;
    }
    let level = (d * (ASCII.len() - 1) as f64 / total + 0.5) as usize;
    if utf8 {
        let c = char::from_u32(0x2581 + level.min(7) as u32).unwrap_or('?');
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    } else {
        out.push(ASCII[level.min(ASCII.len() - 1)]);
    }
}

/// The buckets a packed aggregation shows, first and last (inclusive), the same for every
/// entry; `None` for a function `aggpack` does not apply to.
pub fn packed_range<'a>(
    func: &AggFunc,
    entries: impl IntoIterator<Item = &'a [i64]>,
) -> Option<(usize, usize)> {
    match *func {
        AggFunc::Lquantize { levels, .. } => Some((0, levels as usize + 1)),
        AggFunc::Quantize => {
            let mut range: Option<(usize, usize)> = None;
            for data in entries {
                // An entry without data counts as data at 0 (`dt_aggregate_minmaxbin`).
                let lo = data.iter().position(|&v| v != 0).unwrap_or(QUANTIZE_ZERO);
                let hi = data.iter().rposition(|&v| v != 0).unwrap_or(QUANTIZE_ZERO);
                range = Some(match range {
                    None => (lo, hi),
                    Some((a, b)) => (a.min(lo), b.max(hi)),
                });
            }
            let (mut lo, mut hi) = range.unwrap_or((QUANTIZE_ZERO, QUANTIZE_ZERO));
            if lo != 0 && lo != QUANTIZE_ZERO {
                lo -= 1;
            }
            if hi < QUANTIZE_BUCKETS - 1 {
                hi += 1;
            }
            Some((lo, hi))
        }
        _ => None,
    }
}

fn lquantize_bounds(base: i32, step: u16, levels: u16) -> (String, String) {
    (
        format!("< {}", base),
        format!(">= {}", base as i64 + levels as i64 * step as i64),
    )
}

/// The header of an `aggpack` aggregation (`dt_print_quanthdr_packed`).
pub fn packed_header(out: &mut Vec<u8>, width: usize, func: &AggFunc, (lo, hi): (usize, usize)) {
    let (minw, maxw) = match func {
        AggFunc::Quantize => (
            ndigits(quantize_bucket_value(lo)),
            ndigits(quantize_bucket_value(hi)),
        ),
        _ => (7, 8),
    };
    let label = if width > 0 { "key" } else { "" };
    out.extend_from_slice(format!("\n{:>width$} {:>minw$} .", label, "min").as_bytes());
    out.extend(std::iter::repeat_n(b'-', hi + 1 - lo));
    out.extend_from_slice(format!(". {:<maxw$} | count\n", "max").as_bytes());
}

/// One packed row after its keys (`dt_print_quantize_packed`, `dt_print_lquantize_packed`):
/// the lower bound, a character per bucket, the upper bound, and the sum of the counts shown
/// (not normalized).
pub fn packed_row(
    out: &mut Vec<u8>,
    func: &AggFunc,
    data: &[i64],
    (lo, hi): (usize, usize),
    zoom: bool,
    utf8: bool,
) {
    let Some(shown) = data.get(lo..=hi) else {
        return;
    };
    let mut total = 0f64;
    let mut count: i128 = 0;
    for &v in shown {
        add_total(&mut total, v, zoom);
        count += v as i128;
    }
    let count = count.clamp(i64::MIN as i128, i64::MAX as i128) as i64;
    match *func {
        AggFunc::Quantize => {
            let (minv, maxv) = (quantize_bucket_value(lo), quantize_bucket_value(hi));
            out.extend_from_slice(format!(" {:>w$} :", minv, w = ndigits(minv)).as_bytes());
            for &v in shown {
                packed_cell(out, v, total, utf8);
            }
            out.extend_from_slice(
                format!(": {:<w$} | {}\n", maxv, count, w = ndigits(maxv)).as_bytes(),
            );
        }
        AggFunc::Lquantize { base, step, levels } => {
            let (below, above) = lquantize_bounds(base, step, levels);
            out.extend_from_slice(format!("{:>8} :", below).as_bytes());
            for &v in shown {
                packed_cell(out, v, total, utf8);
            }
            out.extend_from_slice(format!(": {:<8} | {}\n", above, count).as_bytes());
        }
        _ => {}
    }
}

/// The packed width of a key field of `size` bytes (`dt_print_datum`'s table): 3, 5, 8, 16
/// for integers of 1, 2, 4, 8 bytes, 16 for anything else.
pub fn packed_key_width(size: u32) -> usize {
    match size {
        1 => 3,
        2 => 5,
        4 => 8,
        _ => 16,
    }
}

#[cfg(test)]
mod tests;
