use super::*;
use crate::options::Options;

#[test]
fn decode_key_fields() {
    let d = AggDesc {
        id: 1,
        name: "a".into(),
        func: AggFunc::Count,
        keys: vec![
            ValueKind::Int {
                size: 4,
                signed: true,
            },
            ValueKind::Str { size: 6 },
            ValueKind::Int {
                size: 8,
                signed: false,
            },
        ],
    };
    // int at 0, string at 4..10, u64 at 16 (aligned), key size 24.
    assert_eq!(d.key_layout(), (vec![0, 4, 16], 24));
    let mut b = vec![0u8; 24];
    b[0..4].copy_from_slice(&(-2i32).to_le_bytes());
    b[4..7].copy_from_slice(b"sh\0");
    b[16..24].copy_from_slice(&7u64.to_le_bytes());
    assert_eq!(
        d.decode_key(&b),
        vec![
            KeyValue::Int {
                bits: (-2i64) as u64,
                size: 4,
                signed: true
            },
            KeyValue::Str(b"sh".to_vec()),
            KeyValue::Int {
                bits: 7,
                size: 8,
                signed: false
            },
        ]
    );
    // A short buffer yields the fields that fit.
    assert_eq!(d.decode_key(&b[..8]).len(), 1);
}

#[test]
fn merge_layouts() {
    assert_eq!(
        merge(AggFunc::Count, &[&[2], &[0], &[5]]),
        Some(AggValue::Count(7))
    );
    assert_eq!(merge(AggFunc::Count, &[&[0], &[0]]), None);
    assert_eq!(
        merge(AggFunc::Sum, &[&[(-5i64) as u64], &[3]]),
        Some(AggValue::Sum(-2))
    );
    // A CPU with count 0 never saw data: its zero value must not win min().
    let neg = (-4i64) as u64;
    assert_eq!(
        merge(AggFunc::Min, &[&[0, 0], &[3, 10], &[1, 20]]),
        Some(AggValue::Min(10))
    );
    assert_eq!(
        merge(AggFunc::Max, &[&[0, 0], &[3, neg], &[1, (-9i64) as u64]]),
        Some(AggValue::Max(-4))
    );
    assert_eq!(merge(AggFunc::Max, &[&[0, 0]]), None);
    assert_eq!(
        merge(AggFunc::Avg, &[&[2, neg], &[1, 1]]),
        Some(AggValue::Avg { count: 3, sum: -3 })
    );
    // The sum of squares carries from the low word into the high one.
    assert_eq!(
        merge(AggFunc::Stddev, &[&[1, 1, u64::MAX, 0], &[1, 2, 1, 1]]),
        Some(AggValue::Stddev {
            count: 2,
            sum: 3,
            sumsq: 2u128 << 64
        })
    );
    assert_eq!(merge(AggFunc::Avg, &[&[1]]), None);
    assert_eq!(merge(AggFunc::Count, &[]), None);
}

#[test]
fn stddev_values() {
    // test/unittest/aggs/tst.stddev2.r: pairs (x, 2x) give x/2.
    let sd = |a: i64, b: i64| {
        stddev(
            2,
            a + b,
            (a as i128 * a as i128 + b as i128 * b as i128) as u128,
        )
    };
    assert_eq!(sd(0, 0), 0);
    assert_eq!(sd(0x10, 0x20), 8);
    assert_eq!(sd(0x10000000, 0x20000000), 0x8000000);
    assert_eq!(sd(0x100000000, 0x200000000), 0x80000000);
    // Negative values: the average's sign does not matter.
    assert_eq!(sd(-0x10, -0x20), 8);
    // A sum of squares beyond 64 bits.
    let big = 3_000_000_000_000i64;
    assert_eq!(sd(big, 3 * big), big as u64);
    assert_eq!(stddev(0, 0, 0), 0);
    assert_eq!(AggValue::Avg { count: 0, sum: 0 }.scalar(), 0);
    assert_eq!(AggValue::Avg { count: 2, sum: -3 }.scalar() as i64, -1);
}

fn e(k: i64, v: i64) -> AggEntry {
    AggEntry {
        key: vec![KeyValue::Int {
            bits: k as u64,
            size: 8,
            signed: true,
        }],
        value: AggValue::Sum(v),
    }
}

fn keys(v: &[AggEntry]) -> Vec<i64> {
    v.iter()
        .map(|e| match e.key[0] {
            KeyValue::Int { bits, .. } => bits as i64,
            _ => unreachable!(),
        })
        .collect()
}

#[test]
fn sort_orders() {
    let mut opts = Options::default();
    let base = vec![e(3, 10), e(-1, 5), e(1, 10), e(2, -7)];
    let mut v = base.clone();
    sort_entries(&mut v, &opts);
    // By value (signed), ties by key (unsigned: 1 before 3).
    assert_eq!(keys(&v), vec![2, -1, 1, 3]);
    opts.aggsortrev = true;
    let mut v = base.clone();
    sort_entries(&mut v, &opts);
    assert_eq!(keys(&v), vec![3, 1, -1, 2]);
    opts.aggsortrev = false;
    opts.aggsortkey = true;
    let mut v = base.clone();
    sort_entries(&mut v, &opts);
    // Keys compare unsigned: -1 is the largest.
    assert_eq!(keys(&v), vec![1, 2, 3, -1]);
}

#[test]
fn sort_by_key_position() {
    let two = |a: &str, b: i64, v: u64| AggEntry {
        key: vec![
            KeyValue::Str(a.as_bytes().to_vec()),
            KeyValue::Int {
                bits: b as u64,
                size: 4,
                signed: true,
            },
        ],
        value: AggValue::Count(v),
    };
    let mut v = vec![
        two("b", 1, 1),
        two("a", 2, 1),
        two("ab", 1, 1),
        two("a", 1, 1),
    ];
    let mut opts = Options::default();
    opts.aggsortkey = true;
    sort_entries(&mut v, &opts);
    let names: Vec<(&[u8], u64)> = v
        .iter()
        .map(|e| match (&e.key[0], &e.key[1]) {
            (KeyValue::Str(s), KeyValue::Int { bits, .. }) => (s.as_slice(), *bits),
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(
        names,
        vec![(&b"a"[..], 1), (b"a", 2), (b"ab", 1), (b"b", 1)]
    );
    opts.aggsortkeypos = 1;
    sort_entries(&mut v, &opts);
    let order: Vec<String> = v
        .iter()
        .map(|e| match (&e.key[0], &e.key[1]) {
            (KeyValue::Str(s), KeyValue::Int { bits, .. }) => {
                format!("{}{}", String::from_utf8_lossy(s), bits)
            }
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(order, vec!["a1", "ab1", "b1", "a2"]);
}

#[test]
fn joined_sort() {
    let row = |k: i64, a: Option<u64>, b: Option<u64>| JoinedEntry {
        key: vec![KeyValue::Int {
            bits: k as u64,
            size: 8,
            signed: true,
        }],
        values: vec![a.map(AggValue::Count), b.map(AggValue::Count)],
    };
    let funcs = [AggFunc::Count, AggFunc::Count];
    let base = vec![
        row(1, Some(5), Some(1)),
        row(2, None, Some(9)),
        row(3, Some(5), Some(0)),
    ];
    let mut opts = Options::default();
    let mut v = base.clone();
    sort_joined(&funcs, &mut v, &opts);
    let ks = |v: &[JoinedEntry]| v.iter().map(|r| r.key[0].clone()).collect::<Vec<_>>();
    let k = |n: i64| KeyValue::Int {
        bits: n as u64,
        size: 8,
        signed: true,
    };
    // A missing value sorts as 0; ties on the first go to the second.
    assert_eq!(ks(&v), vec![k(2), k(3), k(1)]);
    opts.aggsortpos = 1;
    let mut v = base.clone();
    sort_joined(&funcs, &mut v, &opts);
    assert_eq!(ks(&v), vec![k(3), k(1), k(2)]);
    opts.aggsortpos = 7;
    let mut v = base;
    sort_joined(&funcs, &mut v, &opts);
    assert_eq!(ks(&v), vec![k(2), k(3), k(1)]);
}

#[test]
fn large_sort_matches_comparator() {
    // Above the threshold the precomputed order is used: it must agree with entry_cmp.
    let mut opts = Options::default();
    for (rev, key, pos) in [(false, false, 0), (true, false, 0), (false, true, 1), (true, true, 0)] {
        opts.aggsortrev = rev;
        opts.aggsortkey = key;
        opts.aggsortkeypos = pos;
        let base: Vec<AggEntry> = (0..3000i64)
            .map(|i| AggEntry {
                key: vec![
                    KeyValue::Str(format!("k{}", i % 7).into_bytes()),
                    KeyValue::Int {
                        bits: (i - 1500) as u64,
                        size: 4,
                        signed: true,
                    },
                ],
                value: AggValue::Sum((i * 7919) % 13 - 6),
            })
            .collect();
        let mut fast = base.clone();
        sort_entries(&mut fast, &opts);
        let mut slow = base;
        slow.sort_by(|a, b| {
            let o = if key {
                key::key_cmp(&a.key, &b.key, pos)
            } else {
                sort::val_cmp(&a.value, &b.value).then_with(|| key::key_cmp(&a.key, &b.key, pos))
            };
            if rev {
                o.reverse()
            } else {
                o
            }
        });
        assert_eq!(fast, slow);
    }
}

#[test]
fn large_sort_long_keys_and_hists_match_comparator() {
    // Keys wider than 16 bytes and histogram values take the index sort; integer keys of
    // negative values and stacks of different depths must keep DTrace's order there too.
    let mut opts = Options::default();
    for (rev, key, pos) in [(false, false, 0), (true, false, 1), (false, true, 1), (true, true, 2)] {
        opts.aggsortrev = rev;
        opts.aggsortkey = key;
        opts.aggsortkeypos = pos;
        for hist in [false, true] {
            let base: Vec<AggEntry> = (0..2500i64)
                .map(|i| AggEntry {
                    key: vec![
                        KeyValue::Str(format!("a-rather-long-key-{}", i % 11).into_bytes()),
                        KeyValue::Int {
                            bits: (i - 1250) as u64,
                            size: 8,
                            signed: true,
                        },
                        KeyValue::Stack {
                            user: false,
                            pid: 0,
                            pcs: (0..(i % 3) as u64).map(|p| 0xffff_0000 + p * (i as u64 % 5 + 1)).collect(),
                            text: String::new(),
                        },
                    ],
                    value: if hist {
                        let mut b = vec![0i64; AggFunc::Quantize.value_words()];
                        b[(i % 40) as usize + 60] = i % 9 + 1;
                        AggValue::Hist { func: AggFunc::Quantize, buckets: b, normal: 1 }
                    } else {
                        AggValue::Max((i * 7919) % 13 - 6)
                    },
                })
                .collect();
            let mut fast = base.clone();
            sort_entries(&mut fast, &opts);
            let mut slow = base;
            slow.sort_by(|a, b| {
                let o = if key {
                    key::key_cmp(&a.key, &b.key, pos)
                } else {
                    sort::val_cmp(&a.value, &b.value).then_with(|| key::key_cmp(&a.key, &b.key, pos))
                };
                if rev {
                    o.reverse()
                } else {
                    o
                }
            });
            assert_eq!(fast, slow, "rev {} key {} pos {} hist {}", rev, key, pos, hist);
        }
    }
}
