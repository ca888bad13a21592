//! Expected texts are worked out by hand from the illumos formats (`dt_print_quanthdr`,
//! `dt_print_quanthdr_packed`, `dt_print_quantize_packed`, `dt_print_lquantize_packed`,
//! `dt_print_packed`, `dt_print_quantline[_utf8]`, `dt_ndigits`, `dt_aggregate_total`).

use super::*;
use crate::aggregate::{AggDesc, AggEntry, AggValue, KeyValue};
use crate::options::Options;
use crate::print::agg::print_aggregation_raw;
use crate::print::hist::{print_hist_styled, HistStyle};
use crate::record::ValueKind;

fn s(b: Vec<u8>) -> String {
    String::from_utf8(b).unwrap()
}

fn sp(n: usize) -> String {
    " ".repeat(n)
}

fn at(n: usize) -> String {
    "@".repeat(n)
}

#[test]
fn ndigits_as_dtrace_counts() {
    assert_eq!(ndigits(0), 4);
    assert_eq!(ndigits(128), 4);
    // `>` rather than `>=`: 10000 is taken for four digits.
    assert_eq!(ndigits(10000), 4);
    assert_eq!(ndigits(16384), 5);
    assert_eq!(ndigits(-1), 4);
    assert_eq!(ndigits(-10001), 6);
    assert_eq!(ndigits(i64::MAX), 19);
    assert_eq!(ndigits(i64::MIN), 20);
}

#[test]
fn packed_cells() {
    let cell = |d: i64, t: f64, u: bool| {
        let mut o = Vec::new();
        packed_cell(&mut o, d, t, u);
        s(o)
    };
    assert_eq!(cell(0, 4.0, false), " ");
    assert_eq!(cell(1, 4.0, false), "x"); // 7/4 + .5 = 2.25
    assert_eq!(cell(4, 4.0, false), "X"); // 7.5
    assert_eq!(cell(1, 8.0, false), "_"); // 1.375
    assert_eq!(cell(3, 4.0, false), "x"); // 5.75 -> 5, the last x
    assert_eq!(cell(-1, 4.0, false), "v"); // 5/4 + .5 = 1.75
    assert_eq!(cell(-4, 4.0, false), "V"); // 5.5
    assert_eq!(cell(4, 4.0, true), "\u{2588}");
    assert_eq!(cell(1, 8.0, true), "\u{2582}");
    assert_eq!(cell(-4, 4.0, true), "V");
}

#[test]
fn packed_encoding_choice() {
    assert!(packed_utf8(Encoding::Unset, Some("xterm-256color")));
    assert!(!packed_utf8(Encoding::Unset, Some("dumb")));
    assert!(!packed_utf8(Encoding::Unset, Some("sun-color")));
    assert!(!packed_utf8(Encoding::Unset, None));
    assert!(!packed_utf8(Encoding::Ascii, Some("xterm")));
    assert!(packed_utf8(Encoding::Utf8, Some("dumb")));
}

fn qdata(bins: &[(usize, i64)]) -> Vec<i64> {
    let mut d = vec![0i64; QUANTIZE_BUCKETS];
    for &(b, c) in bins {
        d[b] += c;
    }
    d
}

#[test]
fn packed_ranges() {
    let q = AggFunc::Quantize;
    let a = qdata(&[(64, 1), (65, 2), (70, 1)]);
    let b = qdata(&[(63, 1), (66, 2)]);
    let empty = qdata(&[]);
    assert_eq!(packed_range(&q, [a.as_slice()]), Some((63, 71)));
    // Data at 0: the range does not widen below 0's bucket.
    assert_eq!(packed_range(&q, [b.as_slice()]), Some((63, 67)));
    assert_eq!(packed_range(&q, [empty.as_slice()]), Some((63, 64)));
    let c = qdata(&[(0, 1), (126, 1)]);
    assert_eq!(packed_range(&q, [c.as_slice()]), Some((0, 126)));
    let neg = qdata(&[(60, 1)]);
    assert_eq!(
        packed_range(&q, [neg.as_slice(), a.as_slice()]),
        Some((59, 71))
    );
    let l = AggFunc::Lquantize {
        base: 0,
        step: 2,
        levels: 5,
    };
    assert_eq!(packed_range(&l, std::iter::empty()), Some((0, 6)));
    assert_eq!(packed_range(&AggFunc::Count, std::iter::empty()), None);
}

#[test]
fn quantize_packed_header_and_row() {
    let q = AggFunc::Quantize;
    let mut o = Vec::new();
    packed_header(&mut o, 17, &q, (63, 71));
    assert_eq!(s(o), "\n              key  min .---------. max  | count\n");
    let a = qdata(&[(64, 1), (65, 2), (70, 1)]);
    let mut o = Vec::new();
    packed_row(&mut o, &q, &a, (63, 71), false, false);
    assert_eq!(s(o), "    0 : xx    x : 128  | 4\n");
    // aggzoom: the total is the largest count over .95; 2 -> 7.15 ('X'), 1 -> 3.825 ('x').
    let mut o = Vec::new();
    packed_row(&mut o, &q, &a, (63, 71), true, false);
    assert_eq!(s(o), "    0 : xX    x : 128  | 4\n");
    let mut o = Vec::new();
    packed_row(&mut o, &q, &a, (63, 71), false, true);
    assert_eq!(s(o), "    0 : \u{2583}\u{2585}    \u{2583} : 128  | 4\n");
    // No keys: the key column is empty; negative bounds take their sign's column.
    let n = qdata(&[(61, 3), (64, 1)]);
    let mut o = Vec::new();
    packed_header(&mut o, 0, &q, (60, 65));
    packed_row(&mut o, &q, &n, (60, 65), false, false);
    assert_eq!(
        s(o),
        "\n  min .------. max  | count\n   -4 : x  x : 2    | 4\n"
    );
}

#[test]
fn lquantize_packed_header_and_row() {
    let l = AggFunc::Lquantize {
        base: 0,
        step: 2,
        levels: 5,
    };
    let mut o = Vec::new();
    packed_header(&mut o, 9, &l, (0, 6));
    assert_eq!(s(o), "\n      key     min .-------. max      | count\n");
    let mut o = Vec::new();
    packed_row(&mut o, &l, &[0, 0, 1, 1, 0, 0, 0], (0, 6), false, false);
    assert_eq!(s(o), "     < 0 :  xx   : >= 10    | 2\n");
    let l = AggFunc::Lquantize {
        base: -10,
        step: 5,
        levels: 4,
    };
    let mut o = Vec::new();
    packed_row(&mut o, &l, &[2, 0, 0, -1, 5, 1], (0, 5), false, false);
    // total 9: 2 -> 2.06 'x', -1 -> 5/9 + .5 'v', 5 -> 4.39 'x', 1 -> 1.28 '_'.
    assert_eq!(s(o), "   < -10 :x  vx_: >= 10    | 7\n");
}

#[test]
fn agghist_header_and_rows() {
    let mut o = Vec::new();
    agghist_header(&mut o, 17);
    agghist_header(&mut o, 0);
    assert_eq!(
        s(o),
        "\n              key  ------------- Distribution ------------- count    \n\
         \n           value  ------------- Distribution ------------- count    \n"
    );
    let t = HistTotal::of([1, 2], false);
    assert_eq!(t.total, 3.0);
    let mut o = Vec::new();
    agghist_row(&mut o, 1, 1, &t, false);
    agghist_row(&mut o, 2, 1, &t, false);
    assert_eq!(
        s(o),
        format!(
            " |{}{} 1        \n |{}{} 2        \n",
            at(13),
            sp(27),
            at(27),
            sp(13)
        )
    );
    // aggzoom: the total is the largest value over .95, truncated.
    assert_eq!(HistTotal::of([1, 2], true).total, 2.0);
    let t = HistTotal::of([100, 50], true);
    assert_eq!(t.total, 105.0);
    let mut o = Vec::new();
    agghist_row(&mut o, 100, 1, &t, false);
    agghist_row(&mut o, 50, 10, &t, false);
    assert_eq!(
        s(o),
        format!(
            " |{}{} 100      \n |{}{} 5        \n",
            at(38),
            sp(2),
            at(19),
            sp(21)
        )
    );
    // Both signs: half bars either side of the centre line.
    let t = HistTotal::of([10, -30], false);
    assert!(t.positives && t.negatives);
    let mut o = Vec::new();
    agghist_row(&mut o, 10, 1, &t, false);
    agghist_row(&mut o, -30, 1, &t, false);
    assert_eq!(
        s(o),
        format!(
            " {}|{}{} 10       \n {}{}|{} -30      \n",
            sp(20),
            at(5),
            sp(15),
            sp(5),
            at(15),
            sp(20)
        )
    );
}

#[test]
fn utf8_bars_in_eighths() {
    // 1 and 2 of 3: 13.33 columns (13 full, 2/8: U+258E) and 26.67 (26 full, 5/8: U+258B).
    let mut d = vec![0i64; QUANTIZE_BUCKETS];
    d[64] = 1;
    d[65] = 2;
    let mut o = Vec::new();
    print_hist_styled(
        &mut o,
        &AggFunc::Quantize,
        &d,
        1,
        HistStyle {
            zoom: false,
            utf8: true,
        },
    );
    let full = "\u{2588}";
    assert_eq!(
        s(o),
        format!(
            "\n           value  ------------- Distribution ------------- count    \n\
             {:>16} |{} 0        \n\
             {:>16} |{}\u{258e}{} 1        \n\
             {:>16} |{}\u{258b}{} 2        \n\
             {:>16} |{} 0        \n",
            0,
            sp(40),
            1,
            full.repeat(13),
            sp(26),
            2,
            full.repeat(26),
            sp(13),
            4,
            sp(40)
        )
    );
}

#[test]
fn aggzoom_quantize_table() {
    // Counts 1, 5, 2: total 5/.95; 5 -> 38 columns, 2 -> 15.7 -> 15, 1 -> 8.1 -> 8.
    let mut d = vec![0i64; QUANTIZE_BUCKETS];
    d[64] = 1;
    d[65] = 5;
    d[66] = 2;
    let mut o = Vec::new();
    print_hist_styled(
        &mut o,
        &AggFunc::Quantize,
        &d,
        1,
        HistStyle {
            zoom: true,
            utf8: false,
        },
    );
    let row = |v: i64, n: usize, c: i64| format!("{:>16} |{}{} {:<9}\n", v, at(n), sp(40 - n), c);
    assert_eq!(
        s(o),
        format!(
            "\n           value  ------------- Distribution ------------- count    \n{}{}{}{}{}",
            row(0, 0, 0),
            row(1, 8, 1),
            row(2, 38, 5),
            row(4, 15, 2),
            row(8, 0, 0)
        )
    );
}

fn entry(key: &str, value: AggValue) -> AggEntry {
    AggEntry {
        key: vec![KeyValue::Str(key.as_bytes().to_vec())],
        value,
    }
}

#[test]
fn whole_aggregations() {
    let desc = |func| AggDesc {
        id: 1,
        name: "a".into(),
        func,
        keys: vec![ValueKind::Str { size: 8 }],
    };
    let mut opts = Options::default();
    opts.agghist = true;
    opts.aggpack = true;
    opts.encoding = Encoding::Ascii;
    // agghist: keys in 16 columns, right-aligned; the values normalized by 2 while the bars
    // are drawn from the raw counts (1 and 3 of 4: 10 and 30 columns).
    let entries = vec![
        entry("ab", AggValue::Count(1)),
        entry("cde", AggValue::Count(3)),
    ];
    let mut o = Vec::new();
    print_aggregation_raw(&mut o, &desc(AggFunc::Count), &entries, 2, &opts);
    assert_eq!(
        s(o),
        format!(
            "\n              key  ------------- Distribution ------------- count    \n\
             {:>17} |{}{} 0        \n{:>17} |{}{} 1        \n",
            "ab",
            at(10),
            sp(30),
            "cde",
            at(30),
            sp(10)
        )
    );
    // aggpack: one range for every entry.
    let q = AggFunc::Quantize;
    let hist = |bins: &[(usize, i64)]| AggValue::Hist {
        func: q,
        buckets: qdata(bins),
        normal: 1,
    };
    let entries = vec![
        entry("x", hist(&[(66, 2)])),
        entry("y", hist(&[(64, 1), (65, 1)])),
    ];
    let mut o = Vec::new();
    print_aggregation_raw(&mut o, &desc(q), &entries, 1, &opts);
    assert_eq!(
        s(o),
        "\n              key  min .-----. max  | count\n\
         \x20               x    0 :   X : 8    | 2\n\
         \x20               y    0 : xx  : 8    | 2\n"
    );
    // Neither applies to min(): the default layout.
    let mut o = Vec::new();
    print_aggregation_raw(
        &mut o,
        &desc(AggFunc::Min),
        &[entry("m", AggValue::Min(-3))],
        1,
        &opts,
    );
    assert_eq!(s(o), format!("  m{} {:>16}\n", sp(49), -3));
}
