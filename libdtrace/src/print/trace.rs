//! trace() output (Oracle Linux DTrace 2.x `dt_print_trace`) and DTrace's byte dumps.

use crate::record::Value;

fn right(out: &mut Vec<u8>, s: &str, width: usize) {
    out.extend(std::iter::repeat_n(b' ', width.saturating_sub(s.len())));
    out.extend_from_slice(s.as_bytes());
}

/// Print one traced value. Integers by size and signedness: signed `" %19ld"`, `" %10d"`,
/// `" %5hd"`, `" %3hhd"`, unsigned `" %20lu"`, `" %10u"`, `" %5hu"`, `" %3hhu"`; strings
/// `"  %-33s"`. With `quiet` the same conversions without padding.
pub fn trace(out: &mut Vec<u8>, v: &Value, quiet: bool) {
    match *v {
        Value::Str(s) => {
            if quiet {
                out.extend_from_slice(s);
            } else {
                out.extend_from_slice(b"  ");
                out.extend_from_slice(s);
                out.extend(std::iter::repeat_n(b' ', 33usize.saturating_sub(s.len())));
            }
        }
        Value::Int { bits, size, signed } => {
            let (text, width) = match (size, signed) {
                (8, true) => ((bits as i64).to_string(), 19),
                (4, true) => ((bits as i32).to_string(), 10),
                (2, true) => ((bits as i16).to_string(), 5),
                (1, true) => ((bits as i8).to_string(), 3),
                (8, false) => (bits.to_string(), 20),
                (4, false) => ((bits as u32).to_string(), 10),
                (2, false) => ((bits as u16).to_string(), 5),
                (1, false) => ((bits as u8).to_string(), 3),
                // Other sizes do not occur for integers; DTrace would dump the bytes.
                _ => {
                    print_rawbytes(out, &bits.to_le_bytes()[..(size as usize).min(8)]);
                    return;
                }
            };
            if quiet {
                out.extend_from_slice(text.as_bytes());
            } else {
                out.push(b' ');
                right(out, &text, width);
            }
        }
        // trace() never records a stack (stack() is its own action).
        Value::Stack { bytes, .. } => print_rawbytes(out, bytes),
        Value::Sym { pc, .. } => print_rawbytes(out, &pc.to_ne_bytes()),
    }
}

/// DTrace's hex dump (`dt_print_rawbytes`), used for `-x rawbytes`, tracemem() and data
/// that does not look like a string.
pub fn print_rawbytes(out: &mut Vec<u8>, bytes: &[u8]) {
    if bytes.is_empty() {
        return;
    }
    const MARGIN: usize = 5;
    out.push(b'\n');
    out.extend(std::iter::repeat_n(b' ', MARGIN + 6));
    for d in b"0123456789abcdef" {
        out.extend_from_slice(b"  ");
        out.push(*d);
    }
    out.extend_from_slice(b"  0123456789abcdef\n");
    for (n, line) in bytes.chunks(16).enumerate() {
        out.extend(std::iter::repeat_n(b' ', MARGIN));
        right(out, &format!("{:x}", n * 16), 5);
        out.push(b':');
        for b in line {
            out.extend_from_slice(format!(" {:02x}", b).as_bytes());
        }
        for _ in line.len()..16 {
            out.extend_from_slice(b"   ");
        }
        out.extend_from_slice(b"  ");
        for &b in line {
            // DTrace tests a signed char, so bytes above 0x7e print as '.' as well.
            out.push(if (b' '..=b'~').contains(&b) { b } else { b'.' });
        }
        out.push(b'\n');
    }
}

fn printable(c: u8) -> bool {
    // isprint || isspace || \b || \a, in the C locale.
    (b' '..=b'~').contains(&c) || (9..=13).contains(&c) || c == 8 || c == 7
}

/// Print a byte slot that may hold a string (`dt_print_bytes`): printable characters up to a
/// NUL followed only by NULs (or filling the slot) print as a string, `"%s"` when `quiet`
/// and `"  %-*s"` otherwise; anything else (an empty string included) as a hex dump.
pub fn print_bytes(out: &mut Vec<u8>, slot: &[u8], width: usize, quiet: bool) {
    if slot.is_empty() {
        return;
    }
    let end = slot
        .iter()
        .position(|&c| !printable(c))
        .unwrap_or(slot.len());
    let is_string =
        end == slot.len() || (slot[end] == 0 && end > 0 && slot[end + 1..].iter().all(|&c| c == 0));
    if !is_string {
        print_rawbytes(out, slot);
        return;
    }
    let s = &slot[..end];
    if quiet && end < slot.len() {
        out.extend_from_slice(s);
    } else {
        out.extend_from_slice(b"  ");
        out.extend_from_slice(s);
        out.extend(std::iter::repeat_n(b' ', width.saturating_sub(s.len())));
    }
}

/// `dt_print_bytes` with a positive width (the packed layouts of `aggpack`/`agghist`):
/// a NUL-terminated string `" %*s"` right-aligned, one filling its slot `"  %-*s"`, anything
/// else a hex dump.
pub fn print_bytes_right(out: &mut Vec<u8>, slot: &[u8], width: usize) {
    if slot.is_empty() {
        return;
    }
    let end = slot
        .iter()
        .position(|&c| !printable(c))
        .unwrap_or(slot.len());
    if end == slot.len() {
        print_bytes(out, slot, width, false);
        return;
    }
    if !(slot[end] == 0 && end > 0 && slot[end + 1..].iter().all(|&c| c == 0)) {
        print_rawbytes(out, slot);
        return;
    }
    out.push(b' ');
    right(out, &String::from_utf8_lossy(&slot[..end]), width);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(v: Value, quiet: bool) -> String {
        let mut o = Vec::new();
        trace(&mut o, &v, quiet);
        String::from_utf8(o).unwrap()
    }

    fn int(bits: i64, size: u8, signed: bool) -> Value<'static> {
        let bits = if signed {
            bits as u64
        } else {
            bits as u64 & (u64::MAX >> (64 - 8 * size as u32))
        };
        Value::Int { bits, size, signed }
    }

    #[test]
    fn non_quiet_widths() {
        // Oracle's dt_print_trace formats, applied by hand.
        assert_eq!(t(int(1, 4, true), false), "          1");
        assert_eq!(t(int(-1, 8, true), false), format!(" {}-1", " ".repeat(17)));
        assert_eq!(
            t(int(1234567890123, 8, true), false),
            "       1234567890123"
        );
        assert_eq!(t(int(-1, 8, false), false), " 18446744073709551615");
        assert_eq!(t(int(-2, 2, true), false), "    -2");
        assert_eq!(t(int(-2, 1, true), false), "  -2");
        assert_eq!(t(int(-1, 4, false), false), " 4294967295");
        assert_eq!(t(int(-1, 2, false), false), " 65535");
        assert_eq!(t(int(-1, 1, false), false), " 255");
        assert_eq!(
            t(Value::Str(b"hello world"), false),
            format!("  hello world{}", " ".repeat(22))
        );
    }

    #[test]
    fn quiet_is_unpadded() {
        // From test/unittest/aggs/tst.signedkeys.r: trace((char)-2) prints "-2".
        assert_eq!(t(int(-2, 1, true), true), "-2");
        assert_eq!(t(int(-2, 2, true), true), "-2");
        assert_eq!(t(int(-2, 4, true), true), "-2");
        assert_eq!(t(int(-2, 8, true), true), "-2");
        assert_eq!(t(Value::Str(b"\n"), true), "\n");
        assert_eq!(t(Value::Str(b"hello world"), true), "hello world");
    }

    #[test]
    fn rawbytes_layout() {
        let mut o = Vec::new();
        print_rawbytes(&mut o, b"AB\x00\x7f");
        let want = format!(
            "\n{}{}  0123456789abcdef\n{}    0: 41 42 00 7f{}  AB..\n",
            " ".repeat(11),
            "  0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f",
            " ".repeat(5),
            "   ".repeat(12)
        );
        assert_eq!(String::from_utf8(o).unwrap(), want);
    }

    #[test]
    fn bytes_as_string_or_dump() {
        let mut o = Vec::new();
        print_bytes(&mut o, b"dtrace\0\0", 50, false);
        assert_eq!(
            String::from_utf8(o).unwrap(),
            format!("  dtrace{}", " ".repeat(44))
        );
        // An empty string is not taken for a string: DTrace dumps the slot.
        let mut o = Vec::new();
        print_bytes(&mut o, b"\0\0", 50, false);
        assert!(String::from_utf8(o).unwrap().contains("    0: 00 00"));
        // Bytes after the terminating NUL make it binary data.
        let mut o = Vec::new();
        print_bytes(&mut o, b"ab\0c", 50, false);
        assert!(String::from_utf8(o).unwrap().contains("    0: 61 62 00 63"));
    }
}
