//! printf format strings: parsed at compile time, checked against the argument types, applied
//! by the consumer.
//!
//! The conversion table, the parse rules and every error message follow DTrace's `dt_printf.c`
//! (Oracle Linux 2.x). The C conversions themselves are written out by hand here, with glibc's
//! `printf` semantics, because DTrace hands each conversion to the C library.

use crate::aggregate::{AggFunc, AggValue};
use crate::error::ErrTag;
use crate::record::Value;

/// A format string DTrace rejects, or a record it cannot format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{msg}")]
pub struct FormatError {
    pub tag: ErrTag,
    /// DTrace's message, without the trailing newline.
    pub msg: String,
}

impl FormatError {
    fn new(tag: ErrTag, msg: impl Into<String>) -> Self {
        FormatError {
            tag,
            msg: msg.into(),
        }
    }
}

/// The static type of an argument, as the compiler knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgType {
    Int { size: u8, signed: bool },
    Pointer,
    String,
    /// A stack (an aggregation key `stack()`/`ustack()`), for `%k`.
    Stack,
}

impl ArgType {
    /// The D type name used in messages when the caller has no better one.
    pub fn default_name(&self) -> &'static str {
        match *self {
            ArgType::Int {
                size: 1,
                signed: true,
            } => "char",
            ArgType::Int {
                size: 1,
                signed: false,
            } => "unsigned char",
            ArgType::Int {
                size: 2,
                signed: true,
            } => "short",
            ArgType::Int {
                size: 2,
                signed: false,
            } => "unsigned short",
            ArgType::Int {
                size: 4,
                signed: true,
            } => "int",
            ArgType::Int {
                size: 4,
                signed: false,
            } => "unsigned int",
            ArgType::Int { signed: true, .. } => "int64_t",
            ArgType::Int { signed: false, .. } => "uint64_t",
            ArgType::Pointer => "void *",
            ArgType::String => "string",
            ArgType::Stack => "stack",
        }
    }
}

/// What one consumed argument of a format must be, in the order the arguments are consumed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    /// A `*` width or precision: an integer, used as a C `int`.
    Dynamic,
    /// Any integer (`%d %i %o %u %x %X`).
    Integer,
    /// An integer of at most 4 bytes (`%c %C`).
    Char,
    /// An integer of exactly this many bytes (`%hd`, `%ld`, `%lld`, ...).
    SizedInteger(u8),
    /// A pointer or an integer (`%p %a %A`).
    Address,
    /// An 8-byte integer of nanoseconds since the epoch (`%Y %T`).
    Time,
    /// A string or char array (`%s %S`).
    String,
    /// Conversions no D expression can satisfy here (floats, wide strings) or that need a
    /// record kind of their own (stacks, `%k`).
    Float,
    WideString,
    Stack,
}

/// How an argument is checked (`pfcheck_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    KAddr,
    UAddr,
    Stack,
    Time,
    Str,
    WStr,
    Csi,
    Fp,
    XInt,
    DInt,
    /// A length-modified conversion: DTrace demands the exact C type (`short`, `long`, ...);
    /// values here carry only size and sign, so the size is what is checked.
    Sized(u8),
    Void,
}

/// How a value is printed (`pfprint_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Print {
    Sint,
    Uint,
    Dint,
    Fp,
    Addr,
    UAddr,
    Stack,
    Time,
    Time822,
    CStr,
    EStr,
    EChr,
    WStr,
    Pct,
}

#[derive(Debug, PartialEq, Eq)]
struct ConvDef {
    name: &'static str,
    /// The final C conversion character handed to printf.
    ofmt: u8,
    /// The prototype shown in type mismatch messages.
    proto: &'static str,
    check: Check,
    print: Print,
}

const XINT: &str = "char, short, int, long, or long long";
const CSI: &str = "char, short, or int";
const FP: &str = "float, double, or long double";
const ADDR: &str = "pointer or integer";
const UADDR: &str = "pointer or integer (with -p/-c) or _usymaddr (without -p/-c)";
const CSTR: &str = "char [] or string (or use stringof)";
const WSTR: &str = "wchar_t []";

macro_rules! conv {
    ($name:expr, $ofmt:expr, $proto:expr, $check:expr, $print:expr) => {
        ConvDef {
            name: $name,
            ofmt: $ofmt,
            proto: $proto,
            check: $check,
            print: $print,
        }
    };
}

/// DTrace's conversion dictionary (`_dtrace_conversions`).
static CONVERSIONS: &[ConvDef] = &[
    conv!("a", b's', ADDR, Check::KAddr, Print::Addr),
    conv!("A", b's', UADDR, Check::UAddr, Print::UAddr),
    conv!("c", b'c', CSI, Check::Csi, Print::Sint),
    conv!("C", b's', CSI, Check::Csi, Print::EChr),
    conv!("d", b'd', XINT, Check::DInt, Print::Dint),
    conv!("e", b'e', FP, Check::Fp, Print::Fp),
    conv!("E", b'E', FP, Check::Fp, Print::Fp),
    conv!("f", b'f', FP, Check::Fp, Print::Fp),
    conv!("g", b'g', FP, Check::Fp, Print::Fp),
    conv!("G", b'G', FP, Check::Fp, Print::Fp),
    conv!("hd", b'd', "short", Check::Sized(2), Print::Sint),
    conv!("hi", b'i', "short", Check::Sized(2), Print::Sint),
    conv!("ho", b'o', "unsigned short", Check::Sized(2), Print::Uint),
    conv!("hu", b'u', "unsigned short", Check::Sized(2), Print::Uint),
    conv!("hx", b'x', "short", Check::Sized(2), Print::Uint),
    conv!("hX", b'X', "short", Check::Sized(2), Print::Uint),
    conv!("i", b'i', XINT, Check::DInt, Print::Dint),
    conv!("k", b's', "stack", Check::Stack, Print::Stack),
    conv!("lc", b'c', "int", Check::Sized(4), Print::Sint),
    conv!("ld", b'd', "long", Check::Sized(8), Print::Sint),
    conv!("li", b'i', "long", Check::Sized(8), Print::Sint),
    conv!("lo", b'o', "unsigned long", Check::Sized(8), Print::Uint),
    conv!("lu", b'u', "unsigned long", Check::Sized(8), Print::Uint),
    conv!("ls", b's', WSTR, Check::WStr, Print::WStr),
    conv!("lx", b'x', "long", Check::Sized(8), Print::Uint),
    conv!("lX", b'X', "long", Check::Sized(8), Print::Uint),
    conv!("lld", b'd', "long long", Check::Sized(8), Print::Sint),
    conv!("lli", b'i', "long long", Check::Sized(8), Print::Sint),
    conv!(
        "llo",
        b'o',
        "unsigned long long",
        Check::Sized(8),
        Print::Uint
    ),
    conv!(
        "llu",
        b'u',
        "unsigned long long",
        Check::Sized(8),
        Print::Uint
    ),
    conv!("llx", b'x', "long long", Check::Sized(8), Print::Uint),
    conv!("llX", b'X', "long long", Check::Sized(8), Print::Uint),
    conv!("Le", b'e', "long double", Check::Fp, Print::Fp),
    conv!("LE", b'E', "long double", Check::Fp, Print::Fp),
    conv!("Lf", b'f', "long double", Check::Fp, Print::Fp),
    conv!("Lg", b'g', "long double", Check::Fp, Print::Fp),
    conv!("LG", b'G', "long double", Check::Fp, Print::Fp),
    conv!("o", b'o', XINT, Check::XInt, Print::Uint),
    conv!("p", b'x', ADDR, Check::KAddr, Print::Uint),
    conv!("s", b's', CSTR, Check::Str, Print::CStr),
    conv!("S", b's', CSTR, Check::Str, Print::EStr),
    conv!("T", b's', "int64_t", Check::Time, Print::Time822),
    conv!("u", b'u', XINT, Check::XInt, Print::Uint),
    conv!("wc", b'c', "int", Check::Sized(4), Print::Sint),
    conv!("ws", b's', WSTR, Check::WStr, Print::WStr),
    conv!("x", b'x', XINT, Check::XInt, Print::Uint),
    conv!("X", b'X', XINT, Check::XInt, Print::Uint),
    conv!("Y", b's', "int64_t", Check::Time, Print::Time),
    conv!("%", b'%', "void", Check::Void, Print::Pct),
];

fn lookup(name: &[u8]) -> Option<&'static ConvDef> {
    CONVERSIONS.iter().find(|c| c.name.as_bytes() == name)
}

/// One `%` conversion with its flags.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Spec {
    conv: &'static ConvDef,
    alt: bool,
    zpad: bool,
    left: bool,
    plus: bool,
    space: bool,
    /// `'`: thousands grouping, a no-op in the C locale the consumer runs in.
    group: bool,
    width: u32,
    /// 0 means "no precision": DTrace only passes a precision greater than 0 to printf.
    prec: u32,
    dyn_width: bool,
    dyn_prec: bool,
    agg: bool,
}

/// Literal text followed by at most one conversion (DTrace's `dt_pfargd_t`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    prefix: Vec<u8>,
    spec: Option<Spec>,
}

/// A parsed printf format string.
#[derive(Debug, Clone, PartialEq)]
pub struct Format {
    /// The format as written (up to any NUL byte).
    pub text: Vec<u8>,
    pieces: Vec<Piece>,
    /// Bytes of a string record as DTrace sizes it (`strsize`), which `%S` escapes whole; 0
    /// when unknown (the string alone is escaped).
    string_slot: u32,
}

/// Turns addresses into `module`symbol+0xoff` text for `%a` and `%A`.
pub trait Symbolizer {
    fn kernel_addr(&self, addr: u64) -> String;
    fn user_addr(&self, addr: u64) -> String;
}

/// No symbol tables: addresses print as DTrace prints an unknown address, `0x` and hex.
pub struct NoSymbols;

impl Symbolizer for NoSymbols {
    fn kernel_addr(&self, addr: u64) -> String {
        format!("0x{:x}", addr)
    }
    fn user_addr(&self, addr: u64) -> String {
        format!("0x{:x}", addr)
    }
}

fn syntax(n: usize, what: &str) -> FormatError {
    FormatError::new(
        ErrTag::D_SYNTAX,
        format!("format conversion #{} {}", n, what),
    )
}

/// Parse a format string as `dt_printf_create` does.
pub fn parse(fmt: &[u8]) -> Result<Format, FormatError> {
    let fmt = match fmt.iter().position(|&c| c == 0) {
        Some(n) => &fmt[..n],
        None => fmt,
    };
    let at = |i: usize| fmt.get(i).copied().unwrap_or(0);
    let mut pieces = Vec::new();
    let mut q = 0usize;
    while let Some(rel) = fmt[q..].iter().position(|&c| c == b'%') {
        let start = q + rel;
        let n = pieces.len() + 1;
        let mut spec = Spec {
            conv: &CONVERSIONS[0],
            alt: false,
            zpad: false,
            left: false,
            plus: false,
            space: false,
            group: false,
            width: 0,
            prec: 0,
            dyn_width: false,
            dyn_prec: false,
            agg: false,
        };
        let mut name: Vec<u8> = Vec::new();
        let mut digits = 0;
        let mut dot = false;
        let mut p = start;
        loop {
            p += 1;
            let c = at(p);
            match c {
                b'0'..=b'9' => {
                    if !dot && digits == 0 && c == b'0' {
                        spec.zpad = true;
                        spec.left = false;
                        continue;
                    }
                    let mut v: u32 = 0;
                    while at(p).is_ascii_digit() {
                        v = v.saturating_mul(10).saturating_add((at(p) - b'0') as u32);
                        p += 1;
                    }
                    p -= 1;
                    if dot {
                        spec.prec = v;
                    } else {
                        spec.width = v;
                    }
                    digits += 1;
                }
                b'#' => spec.alt = true,
                b'*' => {
                    let already = if dot { spec.dyn_prec } else { spec.dyn_width };
                    if already {
                        // DTrace's message always says "precision" here (it tests the flag
                        // value, which is never zero).
                        return Err(syntax(
                            n,
                            "has more than one '*' specified for the output precision",
                        ));
                    }
                    if dot {
                        spec.dyn_prec = true;
                    } else {
                        spec.dyn_width = true;
                    }
                }
                b'+' => spec.plus = true,
                b'-' => {
                    spec.left = true;
                    spec.zpad = false;
                }
                b'.' => {
                    if dot {
                        return Err(syntax(n, "has more than one '.' specified"));
                    }
                    dot = true;
                    digits = 0;
                }
                b'?' => spec.width = 16,
                b'@' => spec.agg = true,
                b'\'' => spec.group = true,
                b' ' => spec.space = true,
                b'$' => return Err(syntax(n, "uses unsupported positional format (%n$)")),
                b'%' if at(p - 1) == b'%' => {
                    name.push(c);
                    break;
                }
                b'%' => return Err(syntax(n, "cannot be combined with other format flags: %%")),
                0 => return Err(syntax(n, "name expected before end of format string")),
                b'h' | b'l' | b'L' | b'w' => {
                    if name.len() < 6 {
                        name.push(c);
                    }
                }
                _ => {
                    name.push(c);
                    break;
                }
            }
        }
        spec.conv = lookup(&name).ok_or_else(|| {
            syntax(
                n,
                &format!("is undefined: %{}", String::from_utf8_lossy(&name)),
            )
        })?;
        pieces.push(Piece {
            prefix: fmt[q..start].to_vec(),
            spec: Some(spec),
        });
        q = p + 1;
    }
    if q < fmt.len() || fmt.is_empty() {
        pieces.push(Piece {
            prefix: fmt[q..].to_vec(),
            spec: None,
        });
    }
    Ok(Format {
        text: fmt.to_vec(),
        pieces,
        string_slot: 0,
    })
}

impl Format {
    /// The size of a string record (`strsize`): `%S` escapes all of it, the NULs after the
    /// string included, as DTrace's `strchr2esc` over the record does.
    pub fn with_string_slot(mut self, strsize: u32) -> Format {
        self.string_slot = strsize;
        self
    }

    /// True if some conversion uses `%@` (valid only in printa).
    pub fn has_agg_conversion(&self) -> bool {
        self.specs().any(|s| s.agg)
    }

    fn specs(&self) -> impl Iterator<Item = &Spec> {
        self.pieces.iter().filter_map(|p| p.spec.as_ref())
    }

    /// In order, what each consumed argument must be. `%@` and `%%` consume none.
    pub fn arg_kinds(&self) -> Vec<ArgKind> {
        let mut v = Vec::new();
        for s in self.specs() {
            if s.conv.print == Print::Pct {
                continue;
            }
            if s.dyn_width {
                v.push(ArgKind::Dynamic);
            }
            if s.dyn_prec {
                v.push(ArgKind::Dynamic);
            }
            if s.agg {
                continue;
            }
            v.push(match s.conv.check {
                Check::KAddr | Check::UAddr => ArgKind::Address,
                Check::Stack => ArgKind::Stack,
                Check::Time => ArgKind::Time,
                Check::Str => ArgKind::String,
                Check::WStr => ArgKind::WideString,
                Check::Csi => ArgKind::Char,
                Check::Fp => ArgKind::Float,
                Check::XInt | Check::DInt => ArgKind::Integer,
                Check::Sized(n) => ArgKind::SizedInteger(n),
                Check::Void => continue,
            });
        }
        v
    }

    /// Check the arguments of a printf-like action (`printf`, `system`, ...): the format is
    /// argument #1, every value must be consumed.
    pub fn check_args(&self, func: &str, args: &[ArgType]) -> Result<(), FormatError> {
        let named: Vec<(ArgType, &str)> = args.iter().map(|a| (*a, a.default_name())).collect();
        self.check_args_named(func, &named)
    }

    /// As [`Format::check_args`], with the D type name of each argument for the messages.
    pub fn check_args_named(
        &self,
        func: &str,
        args: &[(ArgType, &str)],
    ) -> Result<(), FormatError> {
        self.validate(func, args, None, true)
    }

    /// Check a `printa(fmt, @a)` format against the aggregation's key types.
    pub fn check_printa(&self, func: AggFunc, keys: &[(ArgType, &str)]) -> Result<(), FormatError> {
        self.validate("printa", keys, Some(func), false)
    }

    /// `dt_printf_validate`.
    fn validate(
        &self,
        func: &str,
        args: &[(ArgType, &str)],
        agg: Option<AggFunc>,
        exact: bool,
    ) -> Result<(), FormatError> {
        const FOFF: usize = 1;
        if self.text.is_empty() {
            return Err(FormatError::new(
                ErrTag::D_PRINTF_FMT_EMPTY,
                format!("{}( ) format string is empty", func),
            ));
        }
        let mut j = 0usize;
        for (i, piece) in self.pieces.iter().enumerate() {
            let Some(s) = &piece.spec else { continue };
            let name = s.conv.name;
            if s.conv.print == Print::Pct {
                continue;
            }
            let mut dyns = Vec::new();
            if s.dyn_width {
                dyns.push("*");
            }
            if s.dyn_prec {
                dyns.push(".*");
            }
            for d in dyns {
                let Some((ty, tname)) = args.get(j) else {
                    return Err(FormatError::new(
                        ErrTag::D_PRINTF_DYN_PROTO,
                        format!(
                            "{}( ) prototype mismatch: conversion #{} (%{}) is missing a \
                             corresponding \"{}\" argument",
                            func,
                            i + 1,
                            name,
                            d
                        ),
                    ));
                };
                if !matches!(ty, ArgType::Int { .. }) {
                    return Err(FormatError::new(
                        ErrTag::D_PRINTF_DYN_TYPE,
                        format!(
                            "{}( ) argument #{} is incompatible with conversion #{} prototype:\n\
                             \tconversion: % {} {}\n\t prototype: int\n\t  argument: {}",
                            func,
                            j + FOFF + 1,
                            i + 1,
                            d,
                            name,
                            tname
                        ),
                    ));
                }
                j += 1;
            }
            let (vname, ty, tname) = if s.agg {
                let Some(f) = agg else {
                    return Err(FormatError::new(
                        ErrTag::D_PRINTF_AGG_CONV,
                        format!(
                            "%@ conversion requires an aggregation and is not for use with {}( )",
                            func
                        ),
                    ));
                };
                // count() is the one unsigned aggregating function.
                let signed = f != AggFunc::Count;
                let tname = if signed { "int64_t" } else { "uint64_t" };
                (
                    "aggregating action".to_string(),
                    ArgType::Int { size: 8, signed },
                    tname,
                )
            } else {
                let Some((ty, tname)) = args.get(j) else {
                    return Err(FormatError::new(
                        ErrTag::D_PRINTF_ARG_PROTO,
                        format!(
                            "{}( ) prototype mismatch: conversion #{} (%{}) is missing a \
                             corresponding value argument",
                            func,
                            i + 1,
                            name
                        ),
                    ));
                };
                j += 1;
                (format!("argument #{}", j + FOFF), *ty, *tname)
            };
            if !type_ok(s.conv.check, ty) {
                return Err(FormatError::new(
                    ErrTag::D_PRINTF_ARG_TYPE,
                    format!(
                        "{}( ) {} is incompatible with conversion #{} prototype:\n\
                         \tconversion: %{}\n\t prototype: {}\n\t  argument: {}",
                        func,
                        vname,
                        i + 1,
                        name,
                        s.conv.proto,
                        tname
                    ),
                ));
            }
        }
        if exact && j < args.len() {
            return Err(FormatError::new(
                ErrTag::D_PRINTF_ARG_EXTRA,
                format!(
                    "{}( ) prototype mismatch: only {} arguments required by this format string",
                    func, j
                ),
            ));
        }
        Ok(())
    }

    /// Format the values of a printf record.
    pub fn format(&self, out: &mut Vec<u8>, args: &[Value]) -> Result<(), FormatError> {
        self.run(out, args, None, &NoSymbols, Default::default())
    }

    /// As [`Format::format`], resolving `%a`/`%A` through `sym`.
    pub fn format_with(
        &self,
        out: &mut Vec<u8>,
        args: &[Value],
        sym: &dyn Symbolizer,
    ) -> Result<(), FormatError> {
        self.run(out, args, None, sym, Default::default())
    }

    /// Format one entry of `printa(fmt, @a[, @b ...])`: plain conversions take the key fields
    /// in order; the n-th `%@` takes the value of the n-th aggregation (the last one again
    /// once they run out), as `dt_printf_format` does.
    pub fn format_printa(
        &self,
        out: &mut Vec<u8>,
        keys: &[Value],
        aggs: &[AggValue],
    ) -> Result<(), FormatError> {
        self.run(out, keys, Some(aggs), &NoSymbols, Default::default())
    }

    /// As [`Format::format_printa`], `%@` of a histogram drawn as `style` says (`aggzoom`,
    /// `encoding`).
    pub fn format_printa_styled(
        &self,
        out: &mut Vec<u8>,
        keys: &[Value],
        aggs: &[AggValue],
        style: super::hist::HistStyle,
    ) -> Result<(), FormatError> {
        self.run(out, keys, Some(aggs), &NoSymbols, style)
    }

    fn run(
        &self,
        out: &mut Vec<u8>,
        args: &[Value],
        aggs: Option<&[AggValue]>,
        sym: &dyn Symbolizer,
        style: super::hist::HistStyle,
    ) -> Result<(), FormatError> {
        let mismatch = || FormatError::new(ErrTag::D_UNKNOWN, "printf( ) data record mismatch");
        let mut next = 0usize;
        let mut curagg = 0usize;
        let take = |next: &mut usize| -> Result<Value, FormatError> {
            let v = args.get(*next).copied().ok_or_else(mismatch)?;
            *next += 1;
            Ok(v)
        };
        for piece in &self.pieces {
            out.extend_from_slice(&piece.prefix);
            let Some(s) = &piece.spec else { continue };
            if s.conv.print == Print::Pct {
                out.push(b'%');
                continue;
            }
            let mut width = s.width as i64;
            let mut prec = s.prec as i64;
            if s.dyn_width {
                width = c_int_of(take(&mut next)?).ok_or_else(mismatch)?;
            }
            if s.dyn_prec {
                prec = c_int_of(take(&mut next)?).ok_or_else(mismatch)?;
            }
            let value = if s.agg {
                let aggs = aggs.ok_or_else(mismatch)?;
                let a = aggs.get(curagg).ok_or_else(mismatch)?;
                if curagg + 1 < aggs.len() {
                    curagg += 1;
                }
                if let AggValue::Hist {
                    func,
                    buckets,
                    normal,
                } = a
                {
                    // %@ of a histogram prints its table, whatever the conversion.
                    super::hist::print_hist_styled(out, func, buckets, *normal, style);
                    continue;
                }
                a.format_arg()
            } else {
                take(&mut next)?
            };
            let f = CFlags {
                alt: s.alt,
                zpad: s.zpad,
                left: s.left || width < 0,
                plus: s.plus,
                space: s.space,
                width: width.unsigned_abs() as usize,
                prec: if prec > 0 { Some(prec as usize) } else { None },
            };
            print_one(out, s, &f, value, sym, self.string_slot).ok_or_else(mismatch)?;
        }
        Ok(())
    }
}

fn type_ok(check: Check, ty: ArgType) -> bool {
    match (check, ty) {
        (Check::Void, _) => true,
        (Check::KAddr | Check::UAddr, ArgType::Int { .. } | ArgType::Pointer) => true,
        (Check::Time, ArgType::Int { size: 8, .. }) => true,
        (Check::Str, ArgType::String) => true,
        (Check::Stack, ArgType::Stack) => true,
        // A symbol key (func(), usym()...) is printed by its text.
        (Check::KAddr | Check::UAddr, ArgType::String) => true,
        (Check::Csi, ArgType::Int { size, .. }) => size <= 4,
        (Check::XInt | Check::DInt, ArgType::Int { .. }) => true,
        (Check::Sized(n), ArgType::Int { size, .. }) => n == size,
        _ => false,
    }
}

/// An integer record read as a C `int` (`dt_printf_getint`).
fn c_int_of(v: Value) -> Option<i64> {
    match v {
        Value::Int { bits, .. } => Some(bits as u32 as i32 as i64),
        Value::Str(_) | Value::Stack { .. } => None,
        Value::Sym { pc, .. } => Some(pc as i64),
    }
}

fn sext(bits: u64, size: u8) -> i64 {
    if size >= 8 {
        return bits as i64;
    }
    let shift = 64 - 8 * size as u32;
    ((bits << shift) as i64) >> shift
}

fn zext(bits: u64, size: u8) -> u64 {
    if size >= 8 {
        bits
    } else {
        bits & ((1u64 << (8 * size as u32)) - 1)
    }
}

fn print_one(
    out: &mut Vec<u8>,
    s: &Spec,
    f: &CFlags,
    v: Value,
    sym: &dyn Symbolizer,
    string_slot: u32,
) -> Option<()> {
    let ofmt = s.conv.ofmt;
    let (signed_print, ofmt) = match (s.conv.print, v) {
        (Print::Dint, Value::Int { signed, .. }) => (signed, if signed { ofmt } else { b'u' }),
        (Print::Sint, _) => (true, ofmt),
        _ => (false, ofmt),
    };
    match (s.conv.print, v) {
        (Print::Sint | Print::Uint | Print::Dint, Value::Int { bits, size, .. }) => {
            if ofmt == b'c' {
                c_string(out, &[sext(bits, size) as u8], f, false);
            } else if signed_print {
                let x = sext(bits, size);
                c_integer(out, x < 0, x.unsigned_abs(), ofmt, f);
            } else {
                c_integer(out, false, zext(bits, size), ofmt, f);
            }
        }
        (Print::Addr, Value::Int { bits, size, .. }) => {
            c_string(out, sym.kernel_addr(zext(bits, size)).as_bytes(), f, true)
        }
        (Print::UAddr, Value::Int { bits, size, .. }) => {
            c_string(out, sym.user_addr(zext(bits, size)).as_bytes(), f, true)
        }
        (Print::Time, Value::Int { bits, .. }) => c_string(out, time_y(bits).as_bytes(), f, true),
        (Print::Time822, Value::Int { bits, .. }) => {
            c_string(out, time_822(bits).as_bytes(), f, true)
        }
        (Print::CStr, Value::Str(b)) => c_string(out, b, f, true),
        (Print::EStr, Value::Str(b)) => {
            let mut e = escape(b);
            // The record holds the string and NULs up to its size.
            for _ in b.len()..string_slot as usize {
                e.extend_from_slice(b"\\0");
            }
            c_string(out, &e, f, true)
        }
        (Print::EChr, Value::Int { bits, .. }) => c_string(out, &escape(&[bits as u8]), f, true),
        // %k of a stack key: its text as aggregation output prints it.
        (Print::Stack, Value::Str(b)) => out.extend_from_slice(b),
        (Print::Addr | Print::UAddr, Value::Str(b)) => c_string(out, b, f, true),
        _ => return None,
    }
    Some(())
}

/// Flags, width and precision of one conversion as finally handed to C.
struct CFlags {
    alt: bool,
    zpad: bool,
    left: bool,
    plus: bool,
    space: bool,
    width: usize,
    prec: Option<usize>,
}

fn pad(out: &mut Vec<u8>, c: u8, n: usize) {
    out.extend(std::iter::repeat_n(c, n));
}

/// C's `%d %i %u %o %x %X` for a value of magnitude `mag` (negative if `neg`).
fn c_integer(out: &mut Vec<u8>, neg: bool, mag: u64, conv: u8, f: &CFlags) {
    let mut digits: Vec<u8> = match conv {
        b'o' => format!("{:o}", mag).into_bytes(),
        b'x' => format!("{:x}", mag).into_bytes(),
        b'X' => format!("{:X}", mag).into_bytes(),
        _ => format!("{}", mag).into_bytes(),
    };
    if f.prec == Some(0) && mag == 0 {
        digits.clear();
    }
    if let Some(p) = f.prec {
        if digits.len() < p {
            let mut z = vec![b'0'; p - digits.len()];
            z.extend_from_slice(&digits);
            digits = z;
        }
    }
    if f.alt && conv == b'o' && digits.first() != Some(&b'0') {
        digits.insert(0, b'0');
    }
    let prefix: &[u8] = match conv {
        b'd' | b'i' if neg => b"-",
        b'd' | b'i' if f.plus => b"+",
        b'd' | b'i' if f.space => b" ",
        b'x' if f.alt && mag != 0 => b"0x",
        b'X' if f.alt && mag != 0 => b"0X",
        _ => b"",
    };
    let len = prefix.len() + digits.len();
    let fill = f.width.saturating_sub(len);
    if f.left {
        out.extend_from_slice(prefix);
        out.extend_from_slice(&digits);
        pad(out, b' ', fill);
    } else if f.zpad && f.prec.is_none() {
        out.extend_from_slice(prefix);
        pad(out, b'0', fill);
        out.extend_from_slice(&digits);
    } else {
        pad(out, b' ', fill);
        out.extend_from_slice(prefix);
        out.extend_from_slice(&digits);
    }
}

/// C's `%s` (precision truncates when `use_prec`) and `%c`; glibc pads both with spaces even
/// under the `0` flag.
fn c_string(out: &mut Vec<u8>, s: &[u8], f: &CFlags, use_prec: bool) {
    let s = match f.prec {
        Some(p) if use_prec && p < s.len() => &s[..p],
        _ => s,
    };
    let fill = f.width.saturating_sub(s.len());
    if f.left {
        out.extend_from_slice(s);
        pad(out, b' ', fill);
    } else {
        pad(out, b' ', fill);
        out.extend_from_slice(s);
    }
}

/// `strchr2esc`: C escapes for specials, `\ooo` for other non-printables.
fn escape(s: &[u8]) -> Vec<u8> {
    let mut o = Vec::with_capacity(s.len());
    for &c in s {
        let e = match c {
            0 => Some(b'0'),
            7 => Some(b'a'),
            8 => Some(b'b'),
            12 => Some(b'f'),
            b'\n' => Some(b'n'),
            b'\r' => Some(b'r'),
            b'\t' => Some(b't'),
            11 => Some(b'v'),
            b'"' => Some(b'"'),
            b'\\' => Some(b'\\'),
            _ => None,
        };
        if let Some(e) = e {
            o.push(b'\\');
            o.push(e);
        } else if c == b' ' || (b'!'..=b'~').contains(&c) {
            o.push(c);
        } else {
            o.extend_from_slice(format!("\\{:03o}", c).as_bytes());
        }
    }
    o
}

fn local_tm(ns: u64) -> libc::tm {
    let secs = (ns / 1_000_000_000) as libc::time_t;
    // SAFETY: localtime_r only writes the tm we own; a zeroed tm is a valid initial value.
    unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        libc::localtime_r(&secs, &mut tm);
        tm
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `%Y`: ctime(3)'s fields reordered year first, `1973 Dec  3 17:20:00` (local time).
pub fn time_y(ns: u64) -> String {
    let tm = local_tm(ns);
    let mon = MONTHS.get(tm.tm_mon as usize).copied().unwrap_or("???");
    format!(
        "{} {}{:3} {:02}:{:02}:{:02}",
        tm.tm_year as i64 + 1900,
        mon,
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec
    )
}

/// `%T`: RFC 822 time, strftime `%a, %d %b %G %T %Z` (local time).
pub fn time_822(ns: u64) -> String {
    let tm = local_tm(ns);
    let mut buf = [0u8; 64];
    let fmt = b"%a, %d %b %G %T %Z\0";
    // SAFETY: buf is writable for its length, fmt is NUL-terminated, tm is initialised.
    let n = unsafe {
        libc::strftime(
            buf.as_mut_ptr() as *mut libc::c_char,
            buf.len(),
            fmt.as_ptr() as *const _,
            &tm,
        )
    };
    String::from_utf8_lossy(&buf[..n]).into_owned()
}

#[cfg(test)]
mod tests;
