//! Expected texts come from Oracle's test suite (test/unittest/printf/*.r, named per test) and
//! from glibc's printf applied to the C format DTrace builds for each conversion.

use super::*;

fn int(v: i64, size: u8, signed: bool) -> Value<'static> {
    let bits = if signed || size == 8 {
        v as u64
    } else {
        v as u64 & ((1u64 << (8 * size)) - 1)
    };
    Value::Int { bits, size, signed }
}

fn fmt(f: &str, args: &[Value]) -> String {
    let p = parse(f.as_bytes()).unwrap();
    let mut o = Vec::new();
    p.format(&mut o, args).unwrap();
    String::from_utf8(o).unwrap()
}

fn parse_err(f: &str) -> FormatError {
    parse(f.as_bytes()).unwrap_err()
}

fn check(f: &str, args: &[(ArgType, &str)]) -> Result<(), FormatError> {
    parse(f.as_bytes())
        .unwrap()
        .check_args_named("printf", args)
}

const INT: ArgType = ArgType::Int {
    size: 4,
    signed: true,
};
const STR: ArgType = ArgType::String;

#[test]
fn parse_errors_match_dtrace() {
    // err.D_SYNTAX.badconv1.r, badconv2.r, badconv3.r
    let e = parse_err("%3$d");
    assert_eq!(e.tag, ErrTag::D_SYNTAX);
    assert_eq!(
        e.msg,
        "format conversion #1 uses unsupported positional format (%n$)"
    );
    assert_eq!(
        parse_err("%").msg,
        "format conversion #1 name expected before end of format string"
    );
    assert_eq!(parse_err("%Z").msg, "format conversion #1 is undefined: %Z");
    // dt_printf_create's other rejections.
    assert_eq!(
        parse_err("%d %5%").msg,
        "format conversion #2 cannot be combined with other format flags: %%"
    );
    assert_eq!(
        parse_err("%1.2.3d").msg,
        "format conversion #1 has more than one '.' specified"
    );
    assert_eq!(
        parse_err("%hhd").msg,
        "format conversion #1 is undefined: %hhd"
    );
    assert_eq!(
        parse_err("%zd").msg,
        "format conversion #1 is undefined: %z"
    );
}

#[test]
fn argument_errors_match_dtrace() {
    // err.D_PRINTF_ARG_EXTRA.toomany.r: printf("x = %d y = %d\n", 123, 456, 789)
    let e = check(
        "x = %d y = %d\n",
        &[(INT, "int"), (INT, "int"), (INT, "int")],
    )
    .unwrap_err();
    assert_eq!(e.tag, ErrTag::D_PRINTF_ARG_EXTRA);
    assert_eq!(
        e.msg,
        "printf( ) prototype mismatch: only 2 arguments required by this format string"
    );
    // err.D_PRINTF_ARG_PROTO.novalue.r
    let e = check("%s\n", &[]).unwrap_err();
    assert_eq!(e.tag, ErrTag::D_PRINTF_ARG_PROTO);
    assert_eq!(
        e.msg,
        "printf( ) prototype mismatch: conversion #1 (%s) is missing a corresponding value argument"
    );
    // err.D_PRINTF_DYN_PROTO.nowidth.r: printf("%s %*d\n", "foo")
    let e = check("%s %*d\n", &[(STR, "string")]).unwrap_err();
    assert_eq!(e.tag, ErrTag::D_PRINTF_DYN_PROTO);
    assert_eq!(
        e.msg,
        "printf( ) prototype mismatch: conversion #2 (%d) is missing a corresponding \"*\" argument"
    );
    // err.D_PRINTF_DYN_TYPE.badprec.r: printf("%.*d\n", "foo", 1)
    let e = check("%.*d\n", &[(STR, "string"), (INT, "int")]).unwrap_err();
    assert_eq!(e.tag, ErrTag::D_PRINTF_DYN_TYPE);
    assert_eq!(
        e.msg,
        "printf( ) argument #2 is incompatible with conversion #1 prototype:\n\tconversion: % .* d\n\t prototype: int\n\t  argument: string"
    );
    // err.D_PRINTF_ARG_TYPE.recursive.r: %s given a void expression
    let e = check("%s", &[(INT, "void")]).unwrap_err();
    assert_eq!(e.tag, ErrTag::D_PRINTF_ARG_TYPE);
    assert_eq!(
        e.msg,
        "printf( ) argument #2 is incompatible with conversion #1 prototype:\n\tconversion: %s\n\t prototype: char [] or string (or use stringof)\n\t  argument: void"
    );
    // err.D_PRINTF_ARG_TYPE.aggarg.r: the second conversion given an aggregation
    let e = check("%d %d", &[(INT, "int"), (STR, "aggregation")]).unwrap_err();
    assert_eq!(
        e.msg,
        "printf( ) argument #3 is incompatible with conversion #2 prototype:\n\tconversion: %d\n\t prototype: char, short, int, long, or long long\n\t  argument: aggregation"
    );
    // %d given a string uses the default type name.
    let e = parse(b"%d")
        .unwrap()
        .check_args("printf", &[STR])
        .unwrap_err();
    assert!(e.msg.ends_with("\t  argument: string"), "{}", e.msg);
    // %@ outside printa.
    let e = check("%@d", &[]).unwrap_err();
    assert_eq!(e.tag, ErrTag::D_PRINTF_AGG_CONV);
    assert_eq!(
        e.msg,
        "%@ conversion requires an aggregation and is not for use with printf( )"
    );
    // An empty format.
    let e = check("", &[]).unwrap_err();
    assert_eq!(e.tag, ErrTag::D_PRINTF_FMT_EMPTY);
    assert_eq!(e.msg, "printf( ) format string is empty");
}

#[test]
fn argument_types_accepted() {
    assert!(check(
        "%d %s %c %p %x %%",
        &[
            (INT, ""),
            (STR, ""),
            (INT, ""),
            (ArgType::Pointer, ""),
            (INT, "")
        ]
    )
    .is_ok());
    // %c takes at most an int; %Y wants 8 bytes; %hd 2 bytes; %ld 8.
    assert!(check(
        "%c",
        &[(
            ArgType::Int {
                size: 8,
                signed: true
            },
            "int64_t"
        )]
    )
    .is_err());
    assert!(check("%Y", &[(INT, "int")]).is_err());
    assert!(check(
        "%Y",
        &[(
            ArgType::Int {
                size: 8,
                signed: false
            },
            "uint64_t"
        )]
    )
    .is_ok());
    assert!(check(
        "%hd",
        &[(
            ArgType::Int {
                size: 2,
                signed: true
            },
            "short"
        )]
    )
    .is_ok());
    assert!(check("%ld", &[(INT, "int")]).is_err());
    assert!(check("%f", &[(INT, "int")]).is_err());
    // printa: %@ takes the aggregation value, keys fill the rest, extras are fine.
    let p = parse(b"%s %@d\n").unwrap();
    assert!(p
        .check_printa(AggFunc::Count, &[(STR, "string"), (INT, "int")])
        .is_ok());
    assert!(p.has_agg_conversion());
}

#[test]
fn arg_kinds_in_order() {
    let p = parse(b"%*.*d %s %@u %% %c %p %Y %hd").unwrap();
    assert_eq!(
        p.arg_kinds(),
        vec![
            ArgKind::Dynamic,
            ArgKind::Dynamic,
            ArgKind::Integer,
            ArgKind::String,
            ArgKind::Char,
            ArgKind::Address,
            ArgKind::Time,
            ArgKind::SizedInteger(2),
        ]
    );
}

#[test]
fn oracle_basics() {
    // tst.basics.r, with i = (int)'a'.
    let i = int(97, 4, true);
    assert_eq!(fmt("%%c = %c\n", &[i]), "%c = a\n");
    assert_eq!(fmt("%%d = %d\n", &[i]), "%d = 97\n");
    assert_eq!(fmt("%%hd = %hd\n", &[int(97, 2, true)]), "%hd = 97\n");
    assert_eq!(fmt("%%ho = %ho\n", &[int(97, 2, false)]), "%ho = 141\n");
    assert_eq!(fmt("%%hX = %hX\n", &[int(97, 2, false)]), "%hX = 61\n");
    assert_eq!(fmt("%%lc = %lc\n", &[i]), "%lc = a\n");
    assert_eq!(fmt("%%li = %li\n", &[int(97, 8, true)]), "%li = 97\n");
    assert_eq!(fmt("%%lo = %lo\n", &[int(97, 8, false)]), "%lo = 141\n");
    assert_eq!(fmt("%%o = %o\n", &[int(97, 4, false)]), "%o = 141\n");
    assert_eq!(fmt("%%p = %p\n", &[int(97, 8, false)]), "%p = 61\n");
    assert_eq!(fmt("%%s = %s\n", &[Value::Str(b"hello")]), "%s = hello\n");
    assert_eq!(fmt("%%X = %X\n", &[int(97, 4, false)]), "%X = 61\n");
}

#[test]
fn oracle_flags_and_widths() {
    // tst.flags.r (the %#8x line is post-processed there; C gives "   0x123").
    assert_eq!(fmt("# %#8x\n", &[int(0x123, 4, true)]), "#    0x123\n");
    assert_eq!(fmt("0 %08x\n", &[int(0x123, 4, true)]), "0 00000123\n");
    assert_eq!(fmt("- %-8x\n", &[int(0x123, 4, true)]), "- 123     \n");
    assert_eq!(fmt("+ %+8d\n", &[int(123, 4, true)]), "+     +123\n");
    assert_eq!(fmt("  % 8d\n", &[int(123, 4, true)]), "       123\n");
    // tst.widths1.r: %? is a width of 16 on LP64.
    assert_eq!(fmt("%?d\n", &[int(3, 4, true)]), "               3\n");
}

#[test]
fn sizes_and_signedness() {
    assert_eq!(fmt("%d", &[int(-1, 4, true)]), "-1");
    assert_eq!(fmt("%u", &[int(-1, 4, true)]), "4294967295");
    assert_eq!(fmt("%x", &[int(-1, 8, true)]), "ffffffffffffffff");
    assert_eq!(fmt("%x", &[int(-1, 1, true)]), "ff");
    // %d of an unsigned value prints it unsigned (pfcheck_dint turns d into u).
    assert_eq!(fmt("%d", &[int(-1, 8, false)]), "18446744073709551615");
    assert_eq!(fmt("%i", &[int(-1, 4, false)]), "4294967295");
    // %c of 65, a width on %c, %% ignoring everything.
    assert_eq!(fmt("%c", &[int(65, 4, true)]), "A");
    assert_eq!(fmt("[%3c]", &[int(65, 4, true)]), "[  A]");
    assert_eq!(fmt("%%", &[]), "%");
}

#[test]
fn exotic_flags() {
    assert_eq!(fmt("%-5d|", &[int(42, 4, true)]), "42   |");
    assert_eq!(fmt("%05d", &[int(-42, 4, true)]), "-0042");
    assert_eq!(fmt("%+d", &[int(5, 4, true)]), "+5");
    assert_eq!(fmt("% d", &[int(5, 4, true)]), " 5");
    assert_eq!(fmt("%#x", &[int(255, 4, true)]), "0xff");
    assert_eq!(fmt("%#x", &[int(0, 4, true)]), "0");
    assert_eq!(fmt("%#o", &[int(8, 4, true)]), "010");
    assert_eq!(fmt("%.3s", &[Value::Str(b"abcdef")]), "abc");
    assert_eq!(fmt("%-8.3s|", &[Value::Str(b"abcdef")]), "abc     |");
    // A negative * width means left-justify.
    assert_eq!(fmt("%*d|", &[int(-5, 4, true), int(42, 4, true)]), "42   |");
    assert_eq!(fmt("%*d|", &[int(5, 4, true), int(42, 4, true)]), "   42|");
    assert_eq!(fmt("%.*d|", &[int(4, 4, true), int(42, 4, true)]), "0042|");
    // DTrace passes a precision to printf only when it is > 0: %.0d of 0 prints "0" and
    // %.0s prints the whole string.
    assert_eq!(fmt("%.0d", &[int(0, 4, true)]), "0");
    assert_eq!(fmt("%.0s", &[Value::Str(b"abc")]), "abc");
    // "0" after "-" wins, "-" after "0" wins.
    assert_eq!(fmt("%-05d|", &[int(7, 4, true)]), "00007|");
    assert_eq!(fmt("%0-5d|", &[int(7, 4, true)]), "7    |");
    // %S and %C escape.
    assert_eq!(fmt("%S", &[Value::Str(b"a\nb\x01\"")]), "a\\nb\\001\\\"");
    assert_eq!(fmt("%C", &[int(9, 4, true)]), "\\t");
}

/// DTrace hands each conversion to glibc's printf: compare with it directly. Each case is
/// (DTrace format, the C format DTrace builds for it, value).
#[test]
fn matches_glibc_printf() {
    fn c(cfmt: &str, v: Value) -> String {
        let cf = std::ffi::CString::new(cfmt).unwrap();
        let mut buf = vec![0u8; 256];
        // SAFETY: the buffer is large enough, the format takes exactly the argument passed.
        let n = unsafe {
            match v {
                Value::Int {
                    bits,
                    size: 8,
                    signed: true,
                } => libc::snprintf(
                    buf.as_mut_ptr() as *mut _,
                    buf.len(),
                    cf.as_ptr(),
                    bits as i64,
                ),
                Value::Int {
                    bits,
                    size: 8,
                    signed: false,
                } => libc::snprintf(buf.as_mut_ptr() as *mut _, buf.len(), cf.as_ptr(), bits),
                Value::Int {
                    bits, signed: true, ..
                } => libc::snprintf(
                    buf.as_mut_ptr() as *mut _,
                    buf.len(),
                    cf.as_ptr(),
                    bits as i64 as i32,
                ),
                Value::Int { bits, .. } => libc::snprintf(
                    buf.as_mut_ptr() as *mut _,
                    buf.len(),
                    cf.as_ptr(),
                    bits as u32,
                ),
                Value::Str(s) => {
                    let cs = std::ffi::CString::new(s).unwrap();
                    libc::snprintf(
                        buf.as_mut_ptr() as *mut _,
                        buf.len(),
                        cf.as_ptr(),
                        cs.as_ptr(),
                    )
                }
                Value::Stack { .. } | Value::Sym { .. } => unreachable!("no stack or symbol is formatted by printf"),
            }
        };
        String::from_utf8(buf[..n as usize].to_vec()).unwrap()
    }
    let flags = [
        "", "-", "0", "+", " ", "#", "-+", "0+", "#0", "-#", "+ ", "0 ",
    ];
    let widths = ["", "1", "6", "12"];
    let precs = ["", ".1", ".4", ".10"];
    let ints = [
        int(0, 4, true),
        int(7, 4, true),
        int(-7, 4, true),
        int(123456, 4, true),
        int(i32::MIN as i64, 4, true),
        int(-1, 4, false),
        int(0, 8, true),
        int(-99999999999, 8, true),
        int(i64::MIN, 8, true),
        int(-1, 8, false),
        int(300, 8, false),
    ];
    let mut n = 0;
    for fl in flags {
        for w in widths {
            for p in precs {
                for conv in ["d", "i", "u", "o", "x", "X"] {
                    for v in ints {
                        let Value::Int { size, signed, .. } = v else {
                            unreachable!()
                        };
                        let dfmt = format!("%{}{}{}{}", fl, w, p, conv);
                        // pfcheck_dint makes %d/%i of an unsigned value a %u.
                        let cconv = if !signed && (conv == "d" || conv == "i") {
                            "u"
                        } else {
                            conv
                        };
                        let ll = if size == 8 { "ll" } else { "" };
                        let cfmt = format!("%{}{}{}{}{}", fl, w, p, ll, cconv);
                        // The unsigned conversions read the value zero-extended.
                        let cv = if cconv == "d" || cconv == "i" {
                            v
                        } else {
                            let Value::Int { bits, size, .. } = v else {
                                unreachable!()
                            };
                            Value::Int {
                                bits,
                                size,
                                signed: false,
                            }
                        };
                        assert_eq!(
                            fmt(&dfmt, &[v]),
                            c(&cfmt, cv),
                            "format {} value {:?}",
                            dfmt,
                            v
                        );
                        n += 1;
                    }
                }
                let dfmt = format!("%{}{}{}s", fl, w, p);
                for s in [&b""[..], b"a", b"hello world"] {
                    assert_eq!(
                        fmt(&dfmt, &[Value::Str(s)]),
                        c(&dfmt, Value::Str(s)),
                        "format {}",
                        dfmt
                    );
                }
            }
        }
    }
    assert!(n > 10_000);
}

#[test]
fn printa_values() {
    let p = parse(b"%-8s %@8d|%@u\n").unwrap();
    let mut o = Vec::new();
    p.format_printa(
        &mut o,
        &[Value::Str(b"bash")],
        &[AggValue::Count(17), AggValue::Sum(-3)],
    )
    .unwrap();
    assert_eq!(
        String::from_utf8(o).unwrap(),
        "bash           17|18446744073709551613\n"
    );
    // tst.stddev2.r: printa("%9@x\n") of stddev(0x10), stddev(0x20) prints "        8".
    let p = parse(b"%9@x\n").unwrap();
    let mut o = Vec::new();
    let sd = AggValue::Stddev {
        count: 2,
        sum: 0x30,
        sumsq: 0x100 + 0x400,
    };
    p.format_printa(&mut o, &[], &[sd]).unwrap();
    assert_eq!(String::from_utf8(o).unwrap(), "        8\n");
}

#[test]
fn time_y_layout() {
    // The layout is ctime's fields with the year first: "YYYY Mon dd HH:MM:SS", day padded
    // with a space.
    let s = time_y(0);
    let b = s.as_bytes();
    assert_eq!(s.len(), 20, "{}", s);
    assert!(b[..4].iter().all(u8::is_ascii_digit));
    assert_eq!(b[4], b' ');
    assert!(MONTHS.contains(&&s[5..8]));
    assert_eq!(b[11], b' ');
    assert_eq!(b[14], b':');
    assert_eq!(b[17], b':');
}

#[test]
fn estr_escapes_the_whole_record() {
    // DTrace's %S escapes the string record of strsize bytes: the NULs after the string too.
    let f = parse(b"[%S]").unwrap().with_string_slot(6);
    let mut out = Vec::new();
    f.format_with(&mut out, &[Value::Str(b"a\tb")], &NoSymbols).unwrap();
    assert_eq!(String::from_utf8_lossy(&out), "[a\\tb\\0\\0\\0]");
    // The precision cuts the escaped text.
    let f = parse(b"[%.4S]").unwrap().with_string_slot(6);
    let mut out = Vec::new();
    f.format_with(&mut out, &[Value::Str(b"a\tb")], &NoSymbols).unwrap();
    assert_eq!(String::from_utf8_lossy(&out), "[a\\tb]");
}
