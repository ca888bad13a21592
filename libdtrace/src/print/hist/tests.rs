//! Expected tables are Oracle's expected outputs and the literal formats of the reference.

use super::*;
use crate::aggregate::hist::{llquantize_bin, lquantize_bin, quantize_bin};

fn render(func: AggFunc, values: &[(i64, i64)]) -> String {
    let mut data = vec![0i64; func.value_words()];
    for &(v, incr) in values {
        let b = match func {
            AggFunc::Quantize => quantize_bin(v),
            AggFunc::Lquantize { base, step, levels } => lquantize_bin(v, base, step, levels),
            _ => llquantize_bin(v, &func),
        };
        data[b] += incr;
    }
    let mut out = Vec::new();
    print_hist(&mut out, &func, &data, 1);
    String::from_utf8(out).unwrap()
}

const HEAD: &str = "\n           value  ------------- Distribution ------------- count    \n";

#[test]
fn llquantize_negative_increments() {
    // test/unittest/aggs/tst.llquantneg.d: i = 0..1499, +1 for even i, -1 for odd i.
    let f = AggFunc::Llquantize {
        factor: 10,
        lmag: 0,
        hmag: 6,
        steps: 20,
    };
    let vals: Vec<(i64, i64)> = (0..1500)
        .map(|i| (i, if i % 2 == 0 { 1 } else { -1 }))
        .collect();
    let got = render(f, &vals);
    let want = format!("{}{}", HEAD, "              -1                     |                     0        \n               0                     |@                    1        \n               1                    @|                     -1       \n               2                     |@                    1        \n               3                    @|                     -1       \n               4                     |@                    1        \n               5                    @|                     -1       \n               6                     |@                    1        \n               7                    @|                     -1       \n               8                     |@                    1        \n               9                    @|                     -1       \n              10                     |@                    1        \n              15                    @|                     -1       \n              20                     |@                    1        \n              25                    @|                     -1       \n              30                     |@                    1        \n              35                    @|                     -1       \n              40                     |@                    1        \n              45                    @|                     -1       \n              50                     |@                    1        \n              55                    @|                     -1       \n              60                     |@                    1        \n              65                    @|                     -1       \n              70                     |@                    1        \n              75                    @|                     -1       \n              80                     |@                    1        \n              85                    @|                     -1       \n              90                     |@                    1        \n              95                    @|                     -1       \n             100                     |                     0        \n");
    assert_eq!(got, want);
}

#[test]
fn lquantize_rows() {
    // Reference section 3 item 5: lquantize(x, 0, 1000, 100) with 0, 100, 200.
    let f = AggFunc::Lquantize {
        base: 0,
        step: 100,
        levels: 10,
    };
    let got = render(f, &[(0, 1), (100, 1), (200, 1)]);
    let want = format!("{}{}", HEAD, "             < 0 |                                         0        \n               0 |@@@@@@@@@@@@@                            1        \n             100 |@@@@@@@@@@@@@                            1        \n             200 |@@@@@@@@@@@@@                            1        \n             300 |                                         0        \n");
    assert_eq!(got, want);
    // The overflow row.
    let got = render(f, &[(5000, 2)]);
    let want = format!("{}{}", HEAD, "             900 |                                         0        \n         >= 1000 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 2        \n");
    assert_eq!(got, want);
}

#[test]
fn quantize_all_negative_and_empty() {
    // test/unittest/aggs/tst.quantzero.r: a count of -12 in the zero bucket.
    let got = render(AggFunc::Quantize, &[(0, -12)]);
    let want = format!("{}{}", HEAD, "              -1                                         | 0        \n               0 @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@| -12      \n               1                                         | 0        \n");
    assert_eq!(got, want);
    // No data at all: the buckets around zero.
    let got = render(AggFunc::Quantize, &[(5, 1), (5, -1)]);
    let want = format!("{}{}", HEAD, "              -1 |                                         0        \n               0 |                                         0        \n               1 |                                         0        \n");
    assert_eq!(got, want);
}

#[test]
fn quantize_positive() {
    // Powers of two: 1 once, 2..3 three times, 8 once; 40 columns share 5 counts.
    let got = render(AggFunc::Quantize, &[(1, 1), (2, 1), (3, 2), (8, 1)]);
    let want = format!("{}{}", HEAD, "               0 |                                         0        \n               1 |@@@@@@@@                                 1        \n               2 |@@@@@@@@@@@@@@@@@@@@@@@@                 3        \n               4 |                                         0        \n               8 |@@@@@@@@                                 1        \n              16 |                                         0        \n");
    assert_eq!(got, want);
}
