//! The D lexer: turns source text into tokens on demand, in the lexical state the parser asks for.
//!
//! D has two token vocabularies, as in DTrace's `dt_lex.l`: the outer scope (probe descriptions,
//! which may contain `-`, `:`, `*`, `$` ...) and the expression scope (C-like tokens). The parser
//! switches between them, so tokens are produced lazily, one at a time, in the current [`Mode`].
//! Control lines (`#pragma`, `#line`, `#ident`, `#error`) are handled here, as DTrace does, and
//! `#pragma D ...` lines are queued as [`Item::Pragma`] for the parser to pick up.
//!
//! Token recognisers are small `nom` parsers; the driver around them is hand-written because the
//! state (mode, line, open parentheses) and DTrace's exact error messages matter more than
//! composability here.

use nom::{
    branch::alt,
    bytes::complete::{tag, take_while, take_while1, take_while_m_n},
    character::complete::{one_of, satisfy},
    combinator::{opt, recognize},
    sequence::{pair, tuple},
    IResult,
};

use super::ast::Item;
use crate::error::{CompileError, ErrTag};

/// Which token vocabulary to use, after `dt_lex.l`'s S2 (outer) and S0 (expression) states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Outer,
    Expr,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    Eof,
    Ident(String),
    /// A reserved word, by its text.
    Kw(&'static str),
    Int {
        value: u64,
        unsigned: bool,
        long: u8,
        decimal: bool,
    },
    Char(i64),
    Str(Vec<u8>),
    /// `@name`; `@` alone has the empty name.
    Agg(String),
    Macro(String),
    MacroStr(String),
    /// A probe specifier (outer mode only).
    PSpec(String),
    /// Punctuation and operators, by their text (`"{"`, `"<<="`, `"/"` as division ...).
    Op(&'static str),
    /// The `/` that closes a predicate.
    EPred,
}

#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub tok: Tok,
    pub start: usize,
    pub end: usize,
    pub line: u32,
}

/// Words reserved in expression scope (`dt_lex.l` S0 rules).
const KEYWORDS: &[&str] = &[
    "auto",
    "break",
    "case",
    "char",
    "const",
    "continue",
    "counter",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extern",
    "float",
    "for",
    "goto",
    "if",
    "import",
    "inline",
    "int",
    "long",
    "offsetof",
    "probe",
    "provider",
    "register",
    "restrict",
    "return",
    "self",
    "short",
    "signed",
    "sizeof",
    "static",
    "string",
    "stringof",
    "struct",
    "switch",
    "this",
    "translator",
    "typedef",
    "union",
    "unsigned",
    "void",
    "volatile",
    "while",
    "xlate",
];

/// Words that start a declaration or definition at outer scope (`dt_lex.l` S2 rules); any other
/// word there is a probe specifier.
const OUTER_KEYWORDS: &[&str] = &[
    "auto",
    "char",
    "const",
    "counter",
    "double",
    "enum",
    "extern",
    "float",
    "import",
    "inline",
    "int",
    "long",
    "provider",
    "register",
    "restrict",
    "self",
    "short",
    "signed",
    "static",
    "string",
    "struct",
    "this",
    "translator",
    "typedef",
    "union",
    "unsigned",
    "void",
    "volatile",
];

/// Operators, longest first so that a prefix never shadows a longer operator.
const OPS3: &[&str] = &["<<=", ">>=", "..."];
const OPS2: &[&str] = &[
    "->", "++", "--", "&&", "||", "^^", "==", "!=", "<=", ">=", "<<", ">>", "+=", "-=", "*=", "/=",
    "%=", "&=", "^=", "|=",
];
const OPS1: &[&str] = &[
    "|", "^", "&", "<", ">", "+", "-", "*", "%", "~", "!", "?", ":", ".", "=", ",", ";", "(", ")",
    "[", "]", "{", "}",
];

pub(crate) fn keyword(word: &str) -> Option<&'static str> {
    KEYWORDS.iter().find(|k| **k == word).copied()
}

fn outer_keyword(word: &str) -> Option<&'static str> {
    OUTER_KEYWORDS.iter().find(|k| **k == word).copied()
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == '`'
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '`'
}

fn is_pspec_start(c: char) -> bool {
    c.is_ascii_alphabetic() || "-$:_.?*\\[]!".contains(c)
}

fn is_pspec_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-$:_.`?*\\[]!".contains(c)
}

// ---- nom recognisers ----------------------------------------------------------------------

/// `RGX_IDENT`: `[a-zA-Z_`][0-9a-zA-Z_`]*`
fn ident(i: &str) -> IResult<&str, &str> {
    recognize(pair(satisfy(is_ident_start), take_while(is_ident_char)))(i)
}

/// `RGX_PSPEC`
fn pspec(i: &str) -> IResult<&str, &str> {
    recognize(pair(satisfy(is_pspec_start), take_while(is_pspec_char)))(i)
}

/// `RGX_INT`: `([0-9]+|0[xX][0-9A-Fa-f]+)[uU]?[lL]?[lL]?`
fn int_lit(i: &str) -> IResult<&str, &str> {
    let hex = recognize(tuple((
        tag("0"),
        one_of("xX"),
        take_while1(|c: char| c.is_ascii_hexdigit()),
    )));
    let dec = take_while1(|c: char| c.is_ascii_digit());
    recognize(tuple((
        alt((hex, dec)),
        opt(one_of("uU")),
        opt(one_of("lL")),
        opt(one_of("lL")),
    )))(i)
}

/// `RGX_AGG` after its `@`: `[a-zA-Z_][0-9a-zA-Z_]*`
fn agg_name(i: &str) -> IResult<&str, &str> {
    recognize(pair(
        satisfy(|c: char| c.is_ascii_alphabetic() || c == '_'),
        take_while(|c: char| c.is_ascii_alphanumeric() || c == '_'),
    ))(i)
}

fn digits0(i: &str) -> IResult<&str, &str> {
    take_while(|c: char| c.is_ascii_digit())(i)
}

fn digits1(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_digit())(i)
}

/// `RGX_FP`: `([0-9]+"."?[0-9]*|"."[0-9]+)((e|E)("+"|-)?[0-9]+)?[fFlL]?`
fn fp_lit(i: &str) -> IResult<&str, &str> {
    let mantissa = alt((
        recognize(tuple((digits1, opt(tag(".")), digits0))),
        recognize(pair(tag("."), digits1)),
    ));
    let exponent = recognize(tuple((one_of("eE"), opt(one_of("+-")), digits1)));
    recognize(tuple((mantissa, opt(exponent), opt(one_of("fFlL")))))(i)
}

fn operator(i: &str) -> IResult<&str, &'static str> {
    for set in [OPS3, OPS2, OPS1] {
        for op in set {
            if let Ok((rest, _)) = tag::<&str, &str, nom::error::Error<&str>>(*op)(i) {
                return Ok((rest, op));
            }
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        nom::error::ErrorKind::Tag,
    )))
}

/// `[ \f\t\v]*` as in `RGX_CTL`: the blanks allowed before `#` of a control line.
fn ctl_blanks(i: &str) -> IResult<&str, &str> {
    take_while(|c: char| matches!(c, ' ' | '\t' | '\x0b' | '\x0c'))(i)
}

fn octal_digits(i: &str) -> IResult<&str, &str> {
    take_while_m_n(1, 3, |c: char| ('0'..='7').contains(&c))(i)
}

// ---- helpers shared with the parser ---------------------------------------------------------

/// Decode C escapes the way DTrace's `stresc2chr` does. Returns the raw bytes (NULs kept).
pub(crate) fn decode_escapes(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        if c != '\\' {
            let mut buf = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        let Some(e) = rest.chars().next() else {
            // A lone trailing backslash cannot be produced by the string rules; keep it.
            out.push(b'\\');
            break;
        };
        match e {
            '0'..='7' => {
                // Up to three octal digits, truncated to a byte like C's char arithmetic.
                let (r, d) = octal_digits(rest).unwrap_or((rest, ""));
                let v = d.bytes().fold(0u32, |v, b| v * 8 + u32::from(b - b'0'));
                out.push(v as u8);
                rest = r;
                continue;
            }
            'x' => {
                let r = &rest[1..];
                let n = r.bytes().take_while(|b| b.is_ascii_hexdigit()).count();
                let v = r[..n].bytes().fold(0u32, |v, b| {
                    v.wrapping_mul(16)
                        .wrapping_add((b as char).to_digit(16).unwrap_or(0))
                });
                out.push(v as u8);
                rest = &r[n..];
                continue;
            }
            'a' => out.push(0x07),
            'b' => out.push(0x08),
            'f' => out.push(0x0c),
            'n' => out.push(b'\n'),
            'r' => out.push(b'\r'),
            't' => out.push(b'\t'),
            'v' => out.push(0x0b),
            '"' | '\\' | '\'' | '?' => out.push(e as u8),
            other => {
                // Unknown escapes keep their backslash, as stresc2chr does.
                out.push(b'\\');
                let mut buf = [0u8; 4];
                out.extend_from_slice(other.encode_utf8(&mut buf).as_bytes());
            }
        }
        rest = &rest[e.len_utf8()..];
    }
    out
}

/// `strtoull(text, &end, 0)` on an `RGX_INT` lexeme: value, overflow, and the first character
/// not consumed as a digit (a suffix letter, or an invalid octal digit).
fn strtoull(text: &str) -> (u64, bool, Option<char>) {
    let (digits, radix) = if text.len() > 2 && (text.starts_with("0x") || text.starts_with("0X")) {
        (&text[2..], 16)
    } else if text.starts_with('0') {
        (text, 8)
    } else {
        (text, 10)
    };
    let mut value: u64 = 0;
    let mut overflow = false;
    for c in digits.chars() {
        let Some(d) = c.to_digit(radix) else {
            return (value, overflow, Some(c));
        };
        match value
            .checked_mul(u64::from(radix))
            .and_then(|v| v.checked_add(u64::from(d)))
        {
            Some(v) => value = v,
            None => overflow = true,
        }
    }
    (if overflow { u64::MAX } else { value }, overflow, None)
}

/// One token of a control line (`dt_lex.l` S3 state).
#[derive(Debug, Clone)]
enum CtlTok {
    Int(u64),
    /// A string: raw text with its quotes, and the decoded content.
    Str(String, Vec<u8>),
    Word(String),
}

/// Where a pragma name may be used, after `dt_pragma.c`: bare after `#`, after `#pragma`, or
/// only after `#pragma D`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum PragKind {
    Dir,
    Sub,
    Dcp,
}

const PRAGMAS: &[(&str, PragKind)] = &[
    ("attributes", PragKind::Dcp),
    ("binding", PragKind::Dcp),
    ("depends_on", PragKind::Dcp),
    ("error", PragKind::Dir),
    ("ident", PragKind::Dir),
    ("line", PragKind::Dir),
    ("option", PragKind::Dcp),
];

pub(crate) struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    line: u32,
    pub mode: Mode,
    /// Open `(` and `[` in expression scope, for DTrace's predicate checks.
    parens: i32,
    brackets: i32,
    /// Just lexed `.` or `->`: the next word is a member name even if it is a keyword.
    member_next: bool,
    /// `#pragma D` lines seen, in order, not yet collected by the parser.
    pub pragmas: Vec<Item>,
}

type LexResult<T> = Result<T, CompileError>;

impl<'a> Lexer<'a> {
    pub fn new(src: &'a str) -> Self {
        Lexer {
            src,
            pos: 0,
            line: 1,
            mode: Mode::Outer,
            parens: 0,
            brackets: 0,
            member_next: false,
            pragmas: Vec::new(),
        }
    }

    pub fn src(&self) -> &'a str {
        self.src
    }

    /// Move back to an earlier byte offset on the current line (used to split `int*x`).
    pub fn rewind_to(&mut self, pos: usize) {
        self.pos = pos;
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn err(&self, tag: ErrTag, msg: impl Into<String>) -> CompileError {
        CompileError::new(tag, self.line, msg)
    }

    /// DTrace's lexer fallback: `syntax error near "c"` for a character no rule accepts; a NUL
    /// byte reads as the end of the input there.
    fn bad_char(&self, c: char) -> CompileError {
        if c == '\0' {
            self.err(ErrTag::D_SYNTAX, "syntax error near end-of-input")
        } else {
            self.err(ErrTag::D_SYNTAX, format!("syntax error near \"{}\"", c))
        }
    }

    fn at_line_start(&self) -> bool {
        self.pos == 0 || self.src.as_bytes().get(self.pos - 1) == Some(&b'\n')
    }

    fn advance(&mut self, n: usize) {
        let taken = &self.src[self.pos..self.pos + n];
        self.line += taken.bytes().filter(|b| *b == b'\n').count() as u32;
        self.pos += n;
    }

    /// Skip whitespace, comments, `#!` lines and control lines.
    fn skip_trivia(&mut self) -> LexResult<()> {
        loop {
            if self.at_line_start() {
                let rest = self.rest();
                let (after, blanks) = ctl_blanks(rest).unwrap_or((rest, ""));
                if after.starts_with("#!") {
                    let n = after.find('\n').unwrap_or(after.len());
                    self.pos += blanks.len() + n;
                    continue;
                }
                if after.starts_with('#') {
                    self.pos += blanks.len() + 1;
                    self.control_line()?;
                    continue;
                }
            }
            let rest = self.rest();
            let Some(c) = rest.chars().next() else {
                return Ok(());
            };
            match c {
                ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' => self.advance(1),
                '\\' if self.mode == Mode::Expr && rest[1..].starts_with('\n') => self.advance(2),
                '/' if rest[1..].starts_with('*') => self.comment()?,
                _ => return Ok(()),
            }
        }
    }

    fn comment(&mut self) -> LexResult<()> {
        self.advance(2);
        loop {
            let rest = self.rest();
            match rest.find(['*', '/', '\n']) {
                None => {
                    self.pos = self.src.len();
                    return Err(self.err(
                        ErrTag::D_SYNTAX,
                        "end-of-file encountered before matching */",
                    ));
                }
                Some(i) => {
                    self.advance(i);
                    let rest = self.rest();
                    if rest.starts_with("*/") {
                        self.advance(2);
                        return Ok(());
                    }
                    if rest.starts_with("/*") {
                        return Err(self.err(ErrTag::D_SYNTAX, "/* encountered inside a comment"));
                    }
                    self.advance(1);
                }
            }
        }
    }

    /// A control line, after its `#`: collect its tokens up to the newline, then act on them.
    fn control_line(&mut self) -> LexResult<()> {
        let dir_line = self.line;
        let mut toks = Vec::new();
        loop {
            let rest = self.rest();
            let Some(c) = rest.chars().next() else {
                return Err(self.err(
                    ErrTag::D_SYNTAX,
                    "end-of-file encountered before end of control line",
                ));
            };
            match c {
                '\n' => {
                    self.advance(1);
                    break;
                }
                ' ' | '\t' | '\x0b' | '\x0c' => self.advance(1),
                '"' => {
                    let body = self.string_body(&rest[1..])?;
                    let raw = &rest[..body.len() + 2];
                    toks.push(CtlTok::Str(raw.to_string(), cstring(decode_escapes(body))));
                    self.advance(raw.len());
                }
                _ => {
                    let n = rest
                        .find(['\x0c', '\n', '\t', '\x0b', ' ', '"'])
                        .unwrap_or(rest.len());
                    let word = &rest[..n];
                    match int_lit(word) {
                        Ok(("", _)) => {
                            let v = self.int_value(word)?;
                            toks.push(CtlTok::Int(v.0));
                        }
                        _ => toks.push(CtlTok::Word(word.to_string())),
                    }
                    self.advance(n);
                }
            }
        }
        self.pragma(dir_line, &toks)
    }

    /// Act on a control line the way `dt_pragma()` does.
    fn pragma(&mut self, dir_line: u32, toks: &[CtlTok]) -> LexResult<()> {
        let mut kind = PragKind::Dir;
        for (i, t) in toks.iter().enumerate() {
            let name = match t {
                CtlTok::Int(_) => return self.pragma_line("line", dir_line, &toks[i..], false),
                CtlTok::Str(..) => {
                    return Err(self.err(ErrTag::D_PRAGCTL_INVAL, "invalid control directive"))
                }
                CtlTok::Word(w) => w.as_str(),
            };
            if kind == PragKind::Dir && name == "pragma" {
                kind = PragKind::Sub;
                continue;
            }
            if kind == PragKind::Sub && name == "D" {
                kind = PragKind::Dcp;
                continue;
            }
            let args = &toks[i + 1..];
            let found = PRAGMAS.iter().find(|(n, k)| *k <= kind && *n == name);
            let Some((prname, _)) = found else {
                return match kind {
                    PragKind::Dir => Err(CompileError::new(
                        ErrTag::D_PRAGCTL_INVAL,
                        dir_line,
                        format!("invalid control directive: #{}", name),
                    )),
                    PragKind::Sub => Ok(()), // unknown #pragma lines are ignored, as in C
                    PragKind::Dcp => Err(CompileError::new(
                        ErrTag::D_PRAGMA_INVAL,
                        dir_line,
                        format!("invalid D pragma: {}", name),
                    )),
                };
            };
            return match *prname {
                "ident" => Ok(()),
                "line" => self.pragma_line("line", dir_line, args, true),
                "error" => {
                    let mut msg = format!("#{}: ", prname);
                    for a in args {
                        match a {
                            CtlTok::Word(w) => msg.push_str(w),
                            CtlTok::Str(_, s) => msg.push_str(&String::from_utf8_lossy(s)),
                            CtlTok::Int(_) => continue,
                        }
                        msg.push(' ');
                    }
                    Err(CompileError::new(ErrTag::D_PRAGERR, dir_line, msg))
                }
                "option" => {
                    let Some(CtlTok::Word(opt)) = args.first() else {
                        return Err(CompileError::new(
                            ErrTag::D_PRAGMA_MALFORM,
                            dir_line,
                            format!("malformed #pragma {} <option>=<val>", prname),
                        ));
                    };
                    if args.len() > 1 {
                        return Err(CompileError::new(
                            ErrTag::D_PRAGMA_MALFORM,
                            dir_line,
                            format!("superfluous arguments specified for #pragma {}", prname),
                        ));
                    }
                    self.pragmas.push(Item::Pragma {
                        words: vec![prname.to_string(), opt.clone()],
                        line: dir_line,
                    });
                    Ok(())
                }
                _ => {
                    // attributes, binding, depends_on: their meaning is the checker's business.
                    let mut words = vec![prname.to_string()];
                    words.extend(args.iter().map(|a| match a {
                        CtlTok::Word(w) => w.clone(),
                        CtlTok::Str(raw, _) => raw.clone(),
                        CtlTok::Int(v) => v.to_string(),
                    }));
                    self.pragmas.push(Item::Pragma {
                        words,
                        line: dir_line,
                    });
                    Ok(())
                }
            };
        }
        Ok(()) // a null directive (`#` alone, `#pragma`, `#pragma D`) is ignored
    }

    /// `#line N ["file" [state...]]` and cpp's `# N "file" ...`. DTrace numbers the next line
    /// N for the cpp form but N + 1 for the named form (it re-increments after the directive);
    /// we keep that quirk so line numbers in errors match.
    fn pragma_line(
        &mut self,
        prname: &str,
        dir_line: u32,
        args: &[CtlTok],
        named: bool,
    ) -> LexResult<()> {
        let malformed = || {
            CompileError::new(
                ErrTag::D_PRAGMA_MALFORM,
                if named { dir_line } else { dir_line + 1 },
                format!("malformed #{} <line> [ [\"file\"] state ]", prname),
            )
        };
        let Some(CtlTok::Int(n)) = args.first() else {
            return Err(malformed());
        };
        if let Some(f) = args.get(1) {
            if !matches!(f, CtlTok::Str(..)) {
                return Err(malformed());
            }
        }
        if args.iter().skip(2).any(|a| !matches!(a, CtlTok::Int(_))) {
            return Err(malformed());
        }
        let n = u32::try_from(*n).unwrap_or(u32::MAX);
        self.line = if named { n.saturating_add(1) } else { n };
        Ok(())
    }

    /// Scan a string body after its opening quote (`RGX_STR`); returns the body up to, not
    /// including, the closing quote.
    fn string_body<'s>(&self, s: &'s str) -> LexResult<&'s str> {
        let b = s.as_bytes();
        let mut i = 0;
        loop {
            match b.get(i) {
                Some(b'"') => return Ok(&s[..i]),
                Some(b'\n') => {
                    return Err(self.err(ErrTag::D_STR_NL, "newline encountered in string literal"))
                }
                Some(b'\\') => match b.get(i + 1) {
                    Some(b'\n') | None => return Err(self.bad_char('"')),
                    Some(_) => i += 2,
                },
                Some(_) => i += 1,
                None => return Err(self.bad_char('"')),
            }
        }
    }

    /// Value of an `RGX_INT` lexeme with DTrace's overflow and digit checks.
    fn int_value(&self, text: &str) -> LexResult<(u64, bool, u8, bool)> {
        let (value, overflow, stop) = strtoull(text);
        if overflow {
            return Err(self.err(
                ErrTag::D_INT_OFLOW,
                format!("constant {} results in integer overflow", text),
            ));
        }
        if let Some(c) = stop {
            if !"uUlL".contains(c) {
                return Err(self.err(
                    ErrTag::D_INT_DIGIT,
                    format!("constant {} contains invalid digit {}", text, c),
                ));
            }
        }
        // Hex digits never include u or l, so the trailing run of those letters is the suffix.
        let tail: String = text
            .chars()
            .rev()
            .take_while(|c| "uUlL".contains(*c))
            .collect();
        let unsigned = tail.contains(['u', 'U']);
        let long = tail.chars().filter(|c| *c == 'l' || *c == 'L').count() as u8;
        Ok((value, unsigned, long, !text.starts_with('0')))
    }

    /// The next token in the current mode.
    pub fn next_token(&mut self) -> LexResult<Token> {
        self.skip_trivia()?;
        let start = self.pos;
        let line = self.line;
        let tok = match self.mode {
            Mode::Outer => self.outer_token()?,
            Mode::Expr => self.expr_token()?,
        };
        Ok(Token {
            tok,
            start,
            end: self.pos,
            line,
        })
    }

    fn outer_token(&mut self) -> LexResult<Tok> {
        let rest = self.rest();
        let Some(c) = rest.chars().next() else {
            return Ok(Tok::Eof);
        };
        if c.is_ascii_digit() {
            let (_, text) = int_lit(rest).map_err(|_| self.bad_char(c))?;
            self.int_value(text)?;
            self.advance(text.len());
            return Ok(Tok::PSpec(text.to_string()));
        }
        if let Ok((_, text)) = pspec(rest) {
            self.advance(text.len());
            if let Some(k) = outer_keyword(text) {
                return Ok(Tok::Kw(k));
            }
            return Ok(Tok::PSpec(text.to_string()));
        }
        let op = match c {
            '/' => "/",
            ',' => ",",
            '{' => "{",
            _ => return Err(self.bad_char(c)),
        };
        self.advance(1);
        Ok(Tok::Op(op))
    }

    fn expr_token(&mut self) -> LexResult<Tok> {
        let member = std::mem::replace(&mut self.member_next, false);
        let rest = self.rest();
        let Some(c) = rest.chars().next() else {
            return Ok(Tok::Eof);
        };

        if let Ok((_, word)) = ident(rest) {
            self.advance(word.len());
            if !member {
                if let Some(k) = keyword(word) {
                    return Ok(Tok::Kw(k));
                }
            }
            return Ok(Tok::Ident(word.to_string()));
        }
        if c == '$' {
            let strmacro = !member && rest.starts_with("$$");
            let r = if strmacro { &rest[2..] } else { &rest[1..] };
            let name = match digits1(r) {
                Ok((_, n)) => n,
                Err(_) if !member => ident(r).map(|(_, n)| n).map_err(|_| self.bad_char('$'))?,
                Err(_) => return Err(self.bad_char('$')),
            };
            self.advance(rest.len() - r.len() + name.len());
            return Ok(if strmacro {
                Tok::MacroStr(name.to_string())
            } else {
                Tok::Macro(name.to_string())
            });
        }
        if c == '@' {
            let r = &rest[1..];
            let n = agg_name(r).map(|(_, n)| n).unwrap_or("");
            self.advance(1 + n.len());
            return Ok(Tok::Agg(n.to_string()));
        }
        if c.is_ascii_digit() || (c == '.' && rest[1..].starts_with(|d: char| d.is_ascii_digit())) {
            let int_len = int_lit(rest).map(|(_, t)| t.len()).unwrap_or(0);
            let fp_len = fp_lit(rest).map(|(_, t)| t.len()).unwrap_or(0);
            if fp_len > int_len {
                return Err(self.err(
                    ErrTag::D_SYNTAX,
                    "floating-point constants are not permitted",
                ));
            }
            let text = &rest[..int_len];
            let (value, unsigned, long, decimal) = self.int_value(text)?;
            self.advance(int_len);
            return Ok(Tok::Int {
                value,
                unsigned,
                long,
                decimal,
            });
        }
        if c == '"' {
            let body = self.string_body(&rest[1..])?;
            let s = cstring(decode_escapes(body));
            self.advance(body.len() + 2);
            return Ok(Tok::Str(s));
        }
        if c == '\'' {
            return self.char_const();
        }
        if c == '/' {
            if rest[1..].starts_with('=') {
                self.advance(2);
                return Ok(Tok::Op("/="));
            }
            self.advance(1);
            // DTrace's rule for the predicate delimiter: a `/` followed (after whitespace) by
            // end of input, `;`, `{` or `/` closes the predicate; any other `/` divides.
            let next = self
                .rest()
                .trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c'])
                .chars()
                .next();
            if matches!(next, None | Some(';') | Some('{') | Some('/')) {
                if self.parens != 0 {
                    return Err(
                        self.err(ErrTag::D_SYNTAX, "closing ) expected in predicate before /")
                    );
                }
                if self.brackets != 0 {
                    return Err(
                        self.err(ErrTag::D_SYNTAX, "closing ] expected in predicate before /")
                    );
                }
                return Ok(Tok::EPred);
            }
            return Ok(Tok::Op("/"));
        }
        let Ok((_, op)) = operator(rest) else {
            return Err(self.bad_char(c));
        };
        self.advance(op.len());
        match op {
            "(" => self.parens += 1,
            ")" => {
                self.parens -= 1;
                if self.parens < 0 {
                    return Err(self.err(ErrTag::D_SYNTAX, "extra ) in input stream"));
                }
            }
            "[" => self.brackets += 1,
            "]" => {
                self.brackets -= 1;
                if self.brackets < 0 {
                    return Err(self.err(ErrTag::D_SYNTAX, "extra ] in input stream"));
                }
            }
            "." | "->" => self.member_next = true,
            _ => {}
        }
        Ok(Tok::Op(op))
    }

    fn char_const(&mut self) -> LexResult<Tok> {
        let rest = self.rest();
        let b = rest.as_bytes();
        let mut i = 1;
        loop {
            match b.get(i) {
                Some(b'\'') => break,
                Some(b'\n') => {
                    return Err(self.err(
                        ErrTag::D_CHR_NL,
                        "newline encountered in character constant",
                    ))
                }
                Some(b'\\') => match b.get(i + 1) {
                    Some(b'\n') | None => return Err(self.bad_char('\'')),
                    Some(_) => i += 2,
                },
                Some(_) => i += 1,
                None => return Err(self.bad_char('\'')),
            }
        }
        let body = &rest[1..i];
        if body.is_empty() {
            return Err(self.err(ErrTag::D_CHR_NULL, "empty character constant"));
        }
        let bytes = decode_escapes(body);
        if bytes.len() > 8 {
            return Err(self.err(ErrTag::D_CHR_OFLOW, "character constant is too long"));
        }
        // The first character is the most significant byte, as DTrace lays them out.
        let v = bytes.iter().fold(0u64, |v, b| (v << 8) | u64::from(*b));
        self.advance(i + 1);
        Ok(Tok::Char(v as i64))
    }

    /// Does the source after byte `pos` make an identifier there a type name? DTrace's rule
    /// (`id_or_type`): a word followed by `++`, `--`, `[`, `=` (not `==`), `;`, or `,` outside
    /// parentheses is a variable, whatever its name.
    pub fn followed_like_variable(&self, pos: usize) -> bool {
        let after = self.src.get(pos..).unwrap_or("");
        let after = after.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
        let mut cs = after.chars();
        match (cs.next(), cs.next()) {
            (Some('+'), Some('+')) | (Some('-'), Some('-')) => true,
            (Some('='), Some('=')) => false,
            (Some('='), _) | (Some('['), _) | (Some(';'), _) => true,
            (Some(','), _) => self.parens == 0,
            _ => false,
        }
    }

    pub fn line(&self) -> u32 {
        self.line
    }
}

/// DTrace strings are C strings: an embedded NUL (from `\0`) ends them.
fn cstring(mut v: Vec<u8>) -> Vec<u8> {
    if let Some(n) = v.iter().position(|b| *b == 0) {
        v.truncate(n);
    }
    v
}
