//! The default output of an aggregation (`dt_print_aggs` / `dt_print_datum`), as printed at
//! exit and by printa() without a format.

use super::printf::{Format, FormatError};
use super::trace::print_bytes;
use crate::aggregate::{AggDesc, AggEntry, AggValue, JoinedEntry, KeyValue};
use crate::options::Options;
use crate::record::Value;

/// `" %*lld"` of a number, formatted by hand (a million lines print fast).
fn right_num(out: &mut Vec<u8>, v: impl Into<i128>, width: usize) {
    let v: i128 = v.into();
    let mut digits = [0u8; 40];
    let mut at = digits.len();
    let mut m = v.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    if v < 0 {
        at -= 1;
        digits[at] = b'-';
    }
    let len = digits.len() - at;
    out.push(b' ');
    out.resize(out.len() + width.saturating_sub(len), b' ');
    out.extend_from_slice(&digits[at..]);
}

/// One key field by its size: 8 bytes `" %16lld"`, 4 bytes `" %8d"` (signed), 2 and 1 bytes
/// `" %5d"` and `" %3d"` of the *unsigned* value (DTrace widens them from `uint16_t` and
/// `uint8_t`, so `(short)-1` prints 65535), strings `"  %-50s"` over their slot.
fn print_key_field(out: &mut Vec<u8>, k: &KeyValue, slot: u32) {
    match k {
        KeyValue::Int { bits, size: 8, .. } => right_num(out, *bits as i64, 16),
        KeyValue::Int { bits, size: 4, .. } => right_num(out, *bits as u32 as i32, 8),
        KeyValue::Int { bits, size: 2, .. } => right_num(out, *bits as u16, 5),
        KeyValue::Int { bits, size: 1, .. } => right_num(out, *bits as u8, 3),
        KeyValue::Int { bits, size, .. } => print_bytes(
            out,
            &bits.to_le_bytes()[..(*size as usize).min(8)],
            50,
            false,
        ),
        KeyValue::Str(s) => {
            // DTrace looks at the whole zero-padded slot, not just the string.
            let mut b = s.clone();
            if b.len() < slot as usize {
                b.resize(slot as usize, 0);
            }
            print_bytes(out, &b, 50, false);
        }
        // A symbol key: its text as a string key.
        KeyValue::Sym { text, .. } => {
            let _ = std::io::Write::write_fmt(out, format_args!("  {:<50}", text));
        }
        // A stack key: a newline, then a frame per line after `stackindent` (14) spaces; the
        // value that follows lands on a line of its own.
        KeyValue::Stack { pcs, text, .. } => {
            if text.is_empty() {
                // Not symbolized: the addresses, laid out the same way.
                out.push(b'\n');
                for pc in pcs {
                    out.extend_from_slice(&[b' '; 14]);
                    out.extend_from_slice(format!("0x{:x}\n", pc).as_bytes());
                }
            } else {
                out.extend_from_slice(text.as_bytes());
            }
        }
    }
}

/// The value column: `" %16lld"`, avg the truncated average, stddev `" %16llu"`.
fn print_value(out: &mut Vec<u8>, v: &AggValue) {
    match v {
        AggValue::Hist {
            func,
            buckets,
            normal,
        } => super::hist::print_hist(out, func, buckets, *normal),
        AggValue::Stddev { .. } => right_num(out, v.scalar(), 16),
        _ => right_num(out, v.scalar() as i64, 16),
    }
}

/// Print an aggregation in DTrace's default format, one line per entry (entries already
/// sorted, see `aggregate::sort_entries`): each key field (see `print_key_field`), the
/// value, `"\n"`. An unkeyed aggregation is one line holding its value. Nothing separates
/// two aggregations.
///
/// End of run (what the `dtrace` command does after its consume loop ends): it prints a
/// single `"\n"`, then every aggregation not already printed by printa(), in aggregation
/// ID order, each with this function. The evidence is Oracle's expected outputs:
/// `test/unittest/aggs/tst.signedkeys.r` (quiet trace() output, then one blank line, then
/// four aggregations back to back with nothing after them), `tst.min.r` and
/// `tst.max_neg.r` (`"\n"` then the one value line), `tst.count_notquiet.r` (the record
/// line, the blank line, then the value), and `test/unittest/printa/tst.basics.r` (every
/// aggregation already printed by printa(): the output just ends with the blank line).
pub fn print_aggregation(out: &mut Vec<u8>, desc: &AggDesc, entries: &[AggEntry], opts: &Options) {
    // Sorting is the caller's business; the options matter only for the order.
    let _ = opts;
    for e in entries {
        for (i, k) in e.key.iter().enumerate() {
            print_key_field(out, k, desc.key_size(i).unwrap_or(0));
        }
        print_value(out, &e.value);
        out.push(b'\n');
    }
}

/// `printa(@a, @b, ...)` without a format: a `"\n"`, then per row the key fields and each
/// aggregation's value (its zero value where it has no entry), then `"\n"`
/// (`dt_print_aggs` over a bundle). `descs[0]` gives the key layout.
pub fn printa_joined(out: &mut Vec<u8>, descs: &[AggDesc], rows: &[JoinedEntry]) {
    out.push(b'\n');
    let Some(d0) = descs.first() else { return };
    for r in rows {
        for (i, k) in r.key.iter().enumerate() {
            print_key_field(out, k, d0.key_size(i).unwrap_or(0));
        }
        for (i, d) in descs.iter().enumerate() {
            let v = r
                .values
                .get(i)
                .cloned()
                .flatten()
                .unwrap_or_else(|| AggValue::zero(d.func));
            print_value(out, &v);
        }
        out.push(b'\n');
    }
}

/// `printa(fmt, @a, @b, ...)`: the format applied to each joined row.
pub fn printa_format_joined(
    out: &mut Vec<u8>,
    fmt: &Format,
    descs: &[AggDesc],
    rows: &[JoinedEntry],
) -> Result<(), FormatError> {
    for r in rows {
        let keys: Vec<Value> = r.key.iter().map(KeyValue::as_value).collect();
        let vals: Vec<AggValue> = descs
            .iter()
            .enumerate()
            .map(|(i, d)| {
                r.values
                    .get(i)
                    .cloned()
                    .flatten()
                    .unwrap_or_else(|| AggValue::zero(d.func))
            })
            .collect();
        fmt.format_printa(out, &keys, &vals)?;
    }
    Ok(())
}

/// `printa(@a)` without a format: a `"\n"`, then the default format (`dt_printa`).
pub fn printa_default(out: &mut Vec<u8>, desc: &AggDesc, entries: &[AggEntry], opts: &Options) {
    out.push(b'\n');
    print_aggregation(out, desc, entries, opts);
}

/// `printa(fmt, @a)`: the format applied to each entry in order, nothing before it
/// (`dtrace_fprinta`, unlike printa without a format, prints no leading newline).
pub fn printa_format(
    out: &mut Vec<u8>,
    fmt: &Format,
    entries: &[AggEntry],
) -> Result<(), FormatError> {
    for e in entries {
        let keys: Vec<Value> = e.key.iter().map(KeyValue::as_value).collect();
        fmt.format_printa(out, &keys, std::slice::from_ref(&e.value))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
