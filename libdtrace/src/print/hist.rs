//! Histograms as DTrace draws them (`dt_print_quantize`, `dt_print_lquantize`,
//! `dt_print_llquantize`, `dt_print_quantline` in `dt_consume.c`).
//!
//! A table starts with `"\n%16s %41s %-9s\n"` (value, the distribution banner, count); then
//! one row per bucket from one empty bucket before the first non-empty one to one after the
//! last (a histogram with no data shows the buckets around zero). A row is the label
//! (`"%16lld "`, or `"%16s "` for `< N` / `>= N` labels) and the bar: 40 columns of `@` as a
//! share of the total of the absolute counts (rounded to nearest), to the right of `|` when
//! every count is positive, to its left when every count is negative, and 20 columns on each
//! side when both signs are present; then `" %-9lld\n"` with the count divided by the
//! normalization factor.
//!
//! Two options change the bars (illumos `dt_quantize_total`, `dt_print_quantline_utf8`):
//! `aggzoom` scales them to the largest count instead of the total, so the highest bar is
//! `DTRACE_AGGZOOM_MAX` (95%) of the width; `encoding=utf8` draws all-positive bars with
//! Unicode block elements in eighths of a column, truncated rather than rounded.

use crate::aggregate::hist::{
    llquantize_bin0, llquantize_bounds, llquantize_pos_label, quantize_bucket_value,
    QUANTIZE_BUCKETS, QUANTIZE_ZERO,
};
use crate::aggregate::AggFunc;
use crate::options::{Encoding, Options};

/// The height of the highest bar under `aggzoom`, as a share of the width
/// (`DTRACE_AGGZOOM_MAX`).
pub const AGGZOOM_MAX: f64 = 0.95;

/// U+2588 FULL BLOCK: a whole column of a UTF-8 bar.
const UTF8_FULL: char = '\u{2588}';
/// U+258F LEFT ONE EIGHTH BLOCK: the narrowest partial column; wider ones count down.
const UTF8_BASE: u32 = 0x258f;

/// How bars are drawn, from the options in force when the table is printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HistStyle {
    /// `aggzoom`
    pub zoom: bool,
    /// `encoding=utf8` (only an explicit setting: unset, bars are `@`)
    pub utf8: bool,
}

impl HistStyle {
    pub fn from_options(o: &Options) -> HistStyle {
        HistStyle {
            zoom: o.aggzoom,
            utf8: o.encoding == Encoding::Utf8,
        }
    }
}

/// Add one count to the total bars are scaled by (`dt_quantize_total`): the sum of the
/// absolute counts, or under `aggzoom` the largest of them over `AGGZOOM_MAX`.
pub fn add_total(total: &mut f64, v: i64, zoom: bool) {
    let a = (v as f64).abs();
    if !zoom {
        *total += a;
        return;
    }
    let z = a * (1.0 / AGGZOOM_MAX);
    if *total < z {
        *total = z;
    }
}

/// `dt_print_quantline_utf8`: an all-positive bar in whole and eighth columns.
fn quantline_utf8(out: &mut Vec<u8>, val: i64, normal: u64, total: f64) {
    let f = (val as f64).abs() * 40.0 / total;
    let whole = f as usize;
    let partial = ((f - whole as f64) * 8.0) as u32;
    out.push(b'|');
    let mut buf = [0u8; 4];
    for _ in 0..whole {
        out.extend_from_slice(UTF8_FULL.encode_utf8(&mut buf).as_bytes());
    }
    let mut used = whole;
    if partial != 0 {
        if let Some(c) = char::from_u32(UTF8_BASE - (partial - 1)) {
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
        used += 1;
    }
    let shown = val.wrapping_div(normal.max(1) as i64);
    out.extend_from_slice(
        format!("{} {:<9}\n", &SPACES[used.min(40)..], shown).as_bytes(),
    );
}

const ATS: &str = "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@";
const SPACES: &str = "                                        ";

fn header(out: &mut Vec<u8>) {
    out.extend_from_slice(
        format!(
            "\n{:>16} {:>41} {:<9}\n",
            "value", "------------- Distribution -------------", "count"
        )
        .as_bytes(),
    );
}

/// `dt_print_quantline`: the bar and count of one row.
pub fn quantline(
    out: &mut Vec<u8>,
    val: i64,
    normal: u64,
    total: f64,
    (pos, neg): (bool, bool),
    utf8: bool,
) {
    if utf8 && pos && !neg {
        quantline_utf8(out, val, normal, total);
        return;
    }
    let mut len = 40usize;
    let depth_of = |len: usize| -> usize {
        if total == 0.0 {
            0
        } else {
            ((val as f64).abs() * len as f64 / total + 0.5) as usize
        }
        .min(len)
    };
    let shown = val.wrapping_div(normal.max(1) as i64);
    if !neg {
        let d = if pos { depth_of(len) } else { 0 };
        out.extend_from_slice(
            format!("|{}{} {:<9}\n", &ATS[len - d..], &SPACES[d..], shown).as_bytes(),
        );
        return;
    }
    if !pos {
        let d = depth_of(len);
        out.extend_from_slice(
            format!("{}{}| {:<9}\n", &SPACES[d..], &ATS[len - d..], shown).as_bytes(),
        );
        return;
    }
    len /= 2;
    let ats = &ATS[len..];
    let spaces = &SPACES[len..];
    let d = depth_of(len);
    if val <= 0 {
        out.extend_from_slice(
            format!(
                "{}{}|{:len$} {:<9}\n",
                &spaces[d..],
                &ats[len - d..],
                "",
                shown,
                len = len
            )
            .as_bytes(),
        );
    } else {
        out.extend_from_slice(
            format!(
                "{:20}|{}{} {:<9}\n",
                "",
                &ats[len - d..],
                &spaces[d..],
                shown
            )
            .as_bytes(),
        );
    }
}

/// Signs present and the total of absolute counts over `data[first..=last]`.
fn totals(data: &[i64], first: usize, last: usize, zoom: bool) -> (bool, bool, f64) {
    let mut pos = false;
    let mut neg = false;
    let mut total = 0f64;
    for &v in &data[first..=last] {
        pos |= v > 0;
        neg |= v < 0;
        add_total(&mut total, v, zoom);
    }
    (pos, neg, total)
}

/// The rows shown: one empty bucket around the non-empty range; `None` without data.
fn range(data: &[i64]) -> Option<(usize, usize)> {
    let first = data.iter().position(|&v| v != 0)?;
    let last = data.iter().rposition(|&v| v != 0)?;
    Some((first.saturating_sub(1), (last + 1).min(data.len() - 1)))
}

/// Print the table of a histogram value of `func`, drawn as by default.
pub fn print_hist(out: &mut Vec<u8>, func: &AggFunc, data: &[i64], normal: u64) {
    print_hist_styled(out, func, data, normal, HistStyle::default())
}

/// Print the table of a histogram value of `func` with the bars `style` asks for.
pub fn print_hist_styled(
    out: &mut Vec<u8>,
    func: &AggFunc,
    data: &[i64],
    normal: u64,
    style: HistStyle,
) {
    if data.len() != func.value_words() || data.is_empty() {
        return;
    }
    match *func {
        AggFunc::Quantize => {
            let (first, last) = range(data).unwrap_or((QUANTIZE_ZERO - 1, QUANTIZE_ZERO + 1));
            let (pos, neg, total) = totals(data, first, last, style.zoom);
            header(out);
            for i in first..=last.min(QUANTIZE_BUCKETS - 1) {
                out.extend_from_slice(format!("{:>16} ", quantize_bucket_value(i)).as_bytes());
                quantline(out, data[i], normal, total, (pos, neg), style.utf8);
            }
        }
        AggFunc::Lquantize { base, step, levels } => {
            let n = levels as usize;
            let (first, last) = range(data).unwrap_or((0, 2.min(n + 1)));
            let (pos, neg, total) = totals(data, first, last, style.zoom);
            header(out);
            for i in first..=last {
                let label = if i == 0 {
                    format!("< {}", base)
                } else if i == n + 1 {
                    format!(">= {}", base as i64 + n as i64 * step as i64)
                } else {
                    (base as i64 + (i as i64 - 1) * step as i64).to_string()
                };
                out.extend_from_slice(format!("{:>16} ", label).as_bytes());
                quantline(out, data[i], normal, total, (pos, neg), style.utf8);
            }
        }
        AggFunc::Llquantize { .. } => print_llquantize(out, func, data, normal, style),
        _ => {}
    }
}

/// `dt_print_llquantize` (Oracle's, with negative buckets).
fn print_llquantize(
    out: &mut Vec<u8>,
    func: &AggFunc,
    data: &[i64],
    normal: u64,
    style: HistStyle,
) {
    let bin0 = llquantize_bin0(func);
    let nbins = data.len();
    let (low, high) = llquantize_bounds(func);
    let (first, last, pos, neg, total) = match (
        data.iter().position(|&v| v != 0),
        data.iter().rposition(|&v| v != 0),
    ) {
        (Some(f), Some(l)) => {
            let (p, n, t) = totals(data, f, l, style.zoom);
            (f, l, p, n, t)
        }
        // No data: one row, the first positive bucket.
        _ => (bin0 + 1, bin0 + 1, false, false, 0.0),
    };
    let from = if data.iter().any(|&v| v != 0) {
        first.saturating_sub(1)
    } else {
        first
    };
    // The bucket below factor^lmag is "abs() < N" when the rows shown (after widening)
    // reach the negative buckets, as Oracle decides it.
    let label = |i: usize| -> Option<String> {
        if i == 0 {
            return Some(format!("<= -{}", high));
        }
        if i == nbins - 1 {
            return Some(format!(">= {}", high));
        }
        if i == bin0 {
            return Some(if low == 1 {
                "0".to_string()
            } else if from >= bin0 {
                format!("< {}", low)
            } else {
                format!("abs() < {}", low)
            });
        }
        if i > bin0 {
            llquantize_pos_label(func, i - bin0).map(|v| v.to_string())
        } else {
            llquantize_pos_label(func, bin0 - i).map(|v| format!("-{}", v))
        }
    };
    header(out);
    let to = if data.iter().any(|&v| v != 0) {
        (last + 1).min(nbins - 1)
    } else {
        last
    };
    // A widened edge that lands on a ghost bucket takes the label of the nearest labelled
    // bucket beyond it (Oracle's "ghost bin" fix-up); ghost buckets inside are skipped.
    let edge = |i: usize, dir: isize| -> Option<String> {
        let mut j = i as isize;
        while j >= 0 && (j as usize) < nbins {
            if let Some(l) = label(j as usize) {
                return Some(l);
            }
            j += dir;
        }
        None
    };
    for i in from..=to {
        let l = if i == from && i != first {
            edge(i, -1)
        } else if i == to && i != last {
            edge(i, 1)
        } else {
            label(i)
        };
        let Some(l) = l else { continue };
        out.extend_from_slice(format!("{:>16} ", l).as_bytes());
        quantline(out, data[i], normal, total, (pos, neg), style.utf8);
    }
}

#[cfg(test)]
mod tests;
