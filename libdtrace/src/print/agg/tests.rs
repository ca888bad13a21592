//! Expected texts are Oracle's expected outputs (test/unittest/aggs/*.r) for the same data.

use super::*;
use crate::aggregate::{sort_entries, AggFunc};
use crate::record::ValueKind;

fn desc(func: AggFunc, keys: Vec<ValueKind>) -> AggDesc {
    AggDesc {
        id: 1,
        name: "a".into(),
        func,
        keys,
    }
}

fn ik(v: i64, size: u8) -> KeyValue {
    KeyValue::Int {
        bits: v as u64,
        size,
        signed: true,
    }
}

fn render(d: &AggDesc, mut entries: Vec<AggEntry>, opts: &Options) -> String {
    sort_entries(&mut entries, opts);
    let mut o = Vec::new();
    print_aggregation(&mut o, d, &entries, opts);
    String::from_utf8(o).unwrap()
}

#[test]
fn signed_keys_sorted_by_key() {
    // test/unittest/aggs/tst.signedkeys.d: @iN[(type)k] = sum(k) for k in -2..=2 with
    // aggsortkey; keys sort unsigned, 1- and 2-byte keys print unsigned.
    let mut opts = Options::default();
    opts.aggsortkey = true;
    let mut got = String::new();
    for size in [1u8, 2, 4, 8] {
        let d = desc(AggFunc::Sum, vec![ValueKind::Int { size, signed: true }]);
        let entries = (-2i64..=2)
            .map(|k| AggEntry {
                key: vec![ik(k, size)],
                value: AggValue::Sum(k),
            })
            .collect();
        got.push_str(&render(&d, entries, &opts));
    }
    let want = "   0                0\n   1                1\n   2                2\n 254               -2\n 255               -1\n     0                0\n     1                1\n     2                2\n 65534               -2\n 65535               -1\n        0                0\n        1                1\n        2                2\n       -2               -2\n       -1               -1\n                0                0\n                1                1\n                2                2\n               -2               -2\n               -1               -1\n";
    assert_eq!(got, want);
}

#[test]
fn string_key_and_unkeyed() {
    // tst.chararray-key.r
    let d = desc(AggFunc::Count, vec![ValueKind::Str { size: 16 }]);
    let e = vec![AggEntry {
        key: vec![KeyValue::Str(b"dtrace".to_vec())],
        value: AggValue::Count(1),
    }];
    assert_eq!(
        render(&d, e, &Options::default()),
        "  dtrace                                                            1\n"
    );
    // tst.min.r / tst.max_neg.r: an unkeyed aggregation is its value alone.
    let d = desc(AggFunc::Max, vec![]);
    let e = vec![AggEntry {
        key: vec![],
        value: AggValue::Max(-100),
    }];
    assert_eq!(render(&d, e, &Options::default()), "             -100\n");
}

#[test]
fn values_and_default_order() {
    // Section 3 of the reference: by value ascending, string keys "  %-50s".
    let d = desc(AggFunc::Count, vec![ValueKind::Str { size: 256 }]);
    let e = vec![
        AggEntry {
            key: vec![KeyValue::Str(b"dtrace".to_vec())],
            value: AggValue::Count(1204),
        },
        AggEntry {
            key: vec![KeyValue::Str(b"sshd".to_vec())],
            value: AggValue::Count(3),
        },
        AggEntry {
            key: vec![KeyValue::Str(b"bash".to_vec())],
            value: AggValue::Count(17),
        },
    ];
    let want = format!(
        "  sshd{}{}3\n  bash{}{}17\n  dtrace{}{}1204\n",
        " ".repeat(46),
        " ".repeat(16),
        " ".repeat(46),
        " ".repeat(15),
        " ".repeat(44),
        " ".repeat(13)
    );
    assert_eq!(render(&d, e, &Options::default()), want);
    // avg prints the truncated signed average, stddev unsigned.
    let d = desc(AggFunc::Avg, vec![]);
    let e = vec![AggEntry {
        key: vec![],
        value: AggValue::Avg { count: 2, sum: -3 },
    }];
    assert_eq!(render(&d, e, &Options::default()), "               -1\n");
}

#[test]
fn printa_forms() {
    let d = desc(AggFunc::Count, vec![ValueKind::Str { size: 16 }]);
    let e = vec![AggEntry {
        key: vec![KeyValue::Str(b"bash".to_vec())],
        value: AggValue::Count(17),
    }];
    let mut o = Vec::new();
    printa_default(&mut o, &d, &e, &Options::default());
    assert_eq!(
        String::from_utf8(o).unwrap(),
        format!("\n  bash{}{}17\n", " ".repeat(46), " ".repeat(15))
    );
    // Section 3, example 7 (without the leading newline dtrace_fprinta does not print).
    let f = crate::print::printf::parse(b"%-16s %@8d\n").unwrap();
    let mut o = Vec::new();
    printa_format(&mut o, &f, &e).unwrap();
    assert_eq!(String::from_utf8(o).unwrap(), "bash                   17\n");
}
