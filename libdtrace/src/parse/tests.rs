//! Parser tests. Expected trees follow D's grammar (C precedence, `^^` between `||` and `&&`);
//! expected errors are DTrace's messages from `dt_lex.l`, `dt_grammar.y`, `dt_pragma.c`.

use super::ast::*;
use super::parse_program;
use crate::error::{CompileError, ErrTag};

fn parse(src: &str) -> Program {
    match parse_program(src) {
        Ok(p) => p,
        Err(e) => panic!("parse of {:?} failed: {:?}", src, e),
    }
}

fn err(src: &str) -> CompileError {
    match parse_program(src) {
        Ok(p) => panic!("parse of {:?} unexpectedly succeeded: {:?}", src, p),
        Err(e) => e,
    }
}

fn clauses(p: &Program) -> Vec<&Clause> {
    p.items
        .iter()
        .filter_map(|i| match i {
            Item::Clause(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// The statements of the only clause of `BEGIN { body }`.
fn body(src_body: &str) -> Vec<Stmt> {
    let p = parse(&format!("BEGIN {{ {} }}", src_body));
    clauses(&p)[0].body.clone().expect("body")
}

/// The expression of `BEGIN { e; }`.
fn expr(e: &str) -> Expr {
    match body(&format!("{};", e)).into_iter().next() {
        Some(Stmt::Expr(e)) => e,
        other => panic!("not an expression statement: {:?}", other),
    }
}

fn ty(t: &TypeName) -> String {
    format!("{}{}", t.words.join(" "), "*".repeat(t.ptr as usize))
}

/// A compact prefix rendering of a tree, to compare shapes.
fn sh(e: &Expr) -> String {
    use ExprKind::*;
    let list = |v: &Vec<Expr>| v.iter().map(sh).collect::<Vec<_>>().join(" ");
    match &e.kind {
        Int { value, .. } => value.to_string(),
        Char(c) => format!("'{}'", c),
        Str(s) => format!("{:?}", String::from_utf8_lossy(s)),
        Ident(s) => s.clone(),
        Macro(m) => format!("${}", m),
        MacroStr(m) => format!("$${}", m),
        SelfVar(v) => format!("self->{}", v),
        ThisVar(v) => format!("this->{}", v),
        Agg { name, keys } if keys.is_empty() => format!("@{}", name),
        Agg { name, keys } => format!("(@{} {})", name, list(keys)),
        Index { base, keys } => format!("([] {} {})", sh(base), list(keys)),
        Call { name, args } if args.is_empty() => format!("({})", name),
        Call { name, args } => format!("({} {})", name, list(args)),
        Unary { op, expr } => {
            let o = match op {
                UnOp::Neg => "-",
                UnOp::Plus => "+",
                UnOp::Not => "!",
                UnOp::BitNot => "~",
                UnOp::Deref => "*",
                UnOp::AddrOf => "&",
            };
            format!("({} {})", o, sh(expr))
        }
        Binary { op, lhs, rhs } => format!("({} {} {})", op.as_str(), sh(lhs), sh(rhs)),
        Assign { op, lhs, rhs } => {
            format!(
                "({}= {} {})",
                op.map(|o| o.as_str()).unwrap_or(""),
                sh(lhs),
                sh(rhs)
            )
        }
        IncDec { pre, inc, expr } => {
            let o = if *inc { "++" } else { "--" };
            if *pre {
                format!("({}x {})", o, sh(expr))
            } else {
                format!("(x{} {})", o, sh(expr))
            }
        }
        Ternary { cond, then, els } => format!("(? {} {} {})", sh(cond), sh(then), sh(els)),
        Cast { ty: t, expr } => format!("(cast {} {})", ty(t), sh(expr)),
        SizeofType(t) => format!("(sizeof-type {})", ty(t)),
        SizeofExpr(e) => format!("(sizeof {})", sh(e)),
        Stringof(e) => format!("(stringof {})", sh(e)),
        Offsetof { ty: t, member } => format!("(offsetof {} {})", ty(t), member),
        Member {
            expr,
            member,
            arrow,
        } => {
            format!(
                "({} {} {})",
                if *arrow { "->" } else { "." },
                sh(expr),
                member
            )
        }
        Comma(a, b) => format!("(, {} {})", sh(a), sh(b)),
        Xlate { ty, expr } => format!("(xlate {} {})", ty.words.join(" "), sh(expr)),
    }
}

fn se(e: &str) -> String {
    sh(&expr(e))
}

fn check_err(src: &str, tag: ErrTag, line: u32, msg: &str) {
    let e = err(src);
    assert_eq!(
        (e.tag, e.line, e.msg.as_str()),
        (tag, Some(line), msg),
        "source {:?}",
        src
    );
}

// ---- precedence and associativity ----

#[test]
fn arithmetic_precedence() {
    assert_eq!(se("a + b * c"), "(+ a (* b c))");
    assert_eq!(se("a * b + c"), "(+ (* a b) c)");
    assert_eq!(se("a - b - c"), "(- (- a b) c)");
    assert_eq!(se("a / b % c"), "(% (/ a b) c)");
    assert_eq!(se("a << b + c"), "(<< a (+ b c))");
    assert_eq!(se("a < b << c"), "(< a (<< b c))");
    assert_eq!(se("a == b < c"), "(== a (< b c))");
    assert_eq!(se("a != b == c"), "(== (!= a b) c)");
}

#[test]
fn logical_and_bitwise_precedence() {
    assert_eq!(se("a & b == c"), "(& a (== b c))");
    assert_eq!(se("a | b ^ c & d"), "(| a (^ b (& c d)))");
    assert_eq!(se("a && b | c"), "(&& a (| b c))");
    // ^^ sits between || and && (dt_grammar.y).
    assert_eq!(se("a || b ^^ c && d"), "(|| a (^^ b (&& c d)))");
    assert_eq!(se("a ^^ b || c"), "(|| (^^ a b) c)");
    assert_eq!(se("a && b ^^ c"), "(^^ (&& a b) c)");
}

#[test]
fn ternary_assignment_comma() {
    assert_eq!(se("a ? b : c ? d : e"), "(? a b (? c d e))");
    assert_eq!(se("a || b ? c : d"), "(? (|| a b) c d)");
    assert_eq!(se("x = a ? b : c"), "(= x (? a b c))");
    assert_eq!(se("a ? b, c : d"), "(? a (, b c) d)");
    assert_eq!(se("a = b = c"), "(= a (= b c))");
    assert_eq!(se("a += b -= c"), "(+= a (-= b c))");
    for op in [
        "=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=",
    ] {
        assert_eq!(se(&format!("x {} 1", op)), format!("({} x 1)", op));
    }
    assert_eq!(se("a, b = c"), "(, a (= b c))");
    assert_eq!(se("a, b, c"), "(, (, a b) c)");
}

#[test]
fn assignment_needs_unary_lhs() {
    check_err(
        "BEGIN { a + b = c; }",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \"=\"",
    );
    check_err(
        "BEGIN { (int)a = c; }",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \"=\"",
    );
    // A parenthesised expression is primary, so this is grammatical (the checker rejects it).
    assert_eq!(se("(a) = 1"), "(= a 1)");
}

#[test]
fn unary_and_postfix() {
    assert_eq!(se("-a * b"), "(* (- a) b)");
    assert_eq!(se("!a && ~b"), "(&& (! a) (~ b))");
    assert_eq!(se("+a"), "(+ a)");
    assert_eq!(se("*p->x"), "(* (-> p x))");
    assert_eq!(se("&a[1]"), "(& ([] a 1))");
    assert_eq!(se("- -a"), "(- (- a))");
    assert_eq!(se("++x"), "(++x x)");
    assert_eq!(se("--x"), "(--x x)");
    assert_eq!(se("x++"), "(x++ x)");
    assert_eq!(se("x--"), "(x-- x)");
    assert_eq!(se("!x++"), "(! (x++ x))");
    assert_eq!(se("a---b"), "(- (x-- a) b)");
    assert_eq!(se("a.b.c"), "(. (. a b) c)");
    assert_eq!(se("a->b[1]->c"), "(-> ([] (-> a b) 1) c)");
    // A keyword after . or -> is a member name.
    assert_eq!(se("p->string"), "(-> p string)");
}

#[test]
fn casts_sizeof_stringof_offsetof() {
    assert_eq!(se("(int)x + 1"), "(+ (cast int x) 1)");
    assert_eq!(se("(unsigned long long)x"), "(cast unsigned long long x)");
    assert_eq!(se("(char *)arg0"), "(cast char* arg0)");
    assert_eq!(
        se("(struct task_struct *)curthread"),
        "(cast struct task_struct* curthread)"
    );
    assert_eq!(se("(uint64_t)x"), "(cast uint64_t x)");
    assert_eq!(se("(string)x"), "(cast string x)");
    assert_eq!(se("(void **)x"), "(cast void** x)");
    assert_eq!(se("(const char *)x"), "(cast char* x)");
    assert_eq!(se("(int)(char)x"), "(cast int (cast char x))");
    assert_eq!(se("(int)-x"), "(cast int (- x))");
    // A _t word used like a variable is not a type (DTrace's id_or_type lookahead).
    assert_eq!(se("(foo_t = 1)"), "(= foo_t 1)");
    assert_eq!(se("(x)"), "x");
    assert_eq!(se("sizeof(int)"), "(sizeof-type int)");
    assert_eq!(se("sizeof(struct foo *)"), "(sizeof-type struct foo*)");
    assert_eq!(se("sizeof(uint32_t)"), "(sizeof-type uint32_t)");
    assert_eq!(se("sizeof x"), "(sizeof x)");
    assert_eq!(se("sizeof(x)"), "(sizeof x)");
    assert_eq!(se("sizeof x + 1"), "(+ (sizeof x) 1)");
    assert_eq!(se("stringof(x)"), "(stringof x)");
    assert_eq!(se("stringof x"), "(stringof x)");
    assert_eq!(se("stringof(x) == \"a\""), "(== (stringof x) \"a\")");
    assert_eq!(se("offsetof(struct foo, bar)"), "(offsetof struct foo bar)");
    assert_eq!(se("offsetof(foo_t, bar) + 1"), "(+ (offsetof foo_t bar) 1)");
}

// ---- primaries ----

#[test]
fn variables_aggregations_macros() {
    assert_eq!(se("self->x"), "self->x");
    assert_eq!(se("this->y"), "this->y");
    assert_eq!(se("self->x->y"), "(-> self->x y)");
    assert_eq!(se("@a[k1, k2] = count()"), "(= (@a k1 k2) (count))");
    assert_eq!(se("@a = sum(1)"), "(= @a (sum 1))");
    assert_eq!(se("@ = count()"), "(= @ (count))");
    assert_eq!(se("@[execname] = count()"), "(= (@ execname) (count))");
    // dt_node_op2: an aggregation has one key tuple.
    let e = err("BEGIN { @a[1][2] = count(); }");
    assert_eq!(e.tag, ErrTag::D_AGG_MDIM);
    assert_eq!(e.msg, "improper attempt to reference @a as a multi-dimensional array");
    assert_eq!(se("$1 + $target + $pid"), "(+ (+ $1 $target) $pid)");
    assert_eq!(se("$$1"), "$$1");
    assert_eq!(se("$$execname"), "$$execname");
    assert_eq!(se("`max_pfn"), "`max_pfn");
    assert_eq!(se("vmlinux`jiffies"), "vmlinux`jiffies");
    assert_eq!(se("a[1, \"x\"]"), "([] a 1 \"x\")");
    assert_eq!(se("printf(\"%d\\n\", x)"), "(printf \"%d\\n\" x)");
    assert_eq!(se("exit(0)"), "(exit 0)");
    assert_eq!(se("trunc(@a, 5)"), "(trunc @a 5)");
    assert_eq!(se("f()"), "(f)");
    assert_eq!(se("f(a, (b, c))"), "(f a (, b c))");
    match &expr("self->x").kind {
        ExprKind::SelfVar(v) => assert_eq!(v, "x"),
        k => panic!("{:?}", k),
    }
}

fn int_of(e: &str) -> (u64, bool, u8, bool) {
    match expr(e).kind {
        ExprKind::Int {
            value,
            unsigned,
            long,
            decimal,
        } => (value, unsigned, long, decimal),
        k => panic!("{:?}", k),
    }
}

#[test]
fn integer_constants() {
    assert_eq!(int_of("10"), (10, false, 0, true));
    assert_eq!(int_of("0"), (0, false, 0, false));
    assert_eq!(int_of("010"), (8, false, 0, false));
    assert_eq!(int_of("0x1F"), (31, false, 0, false));
    assert_eq!(int_of("0XfF"), (255, false, 0, false));
    assert_eq!(int_of("10u"), (10, true, 0, true));
    assert_eq!(int_of("10U"), (10, true, 0, true));
    assert_eq!(int_of("10l"), (10, false, 1, true));
    assert_eq!(int_of("10L"), (10, false, 1, true));
    assert_eq!(int_of("10ll"), (10, false, 2, true));
    assert_eq!(int_of("10LL"), (10, false, 2, true));
    assert_eq!(int_of("10UL"), (10, true, 1, true));
    assert_eq!(int_of("10uLL"), (10, true, 2, true));
    assert_eq!(int_of("0x10ull"), (16, true, 2, false));
    assert_eq!(int_of("18446744073709551615"), (u64::MAX, false, 0, true));
    assert_eq!(int_of("0xffffffffffffffff"), (u64::MAX, false, 0, false));
}

#[test]
fn integer_constant_errors() {
    check_err(
        "BEGIN { x = 18446744073709551616; }",
        ErrTag::D_INT_OFLOW,
        1,
        "constant 18446744073709551616 results in integer overflow",
    );
    check_err(
        "BEGIN {\n x = 0x10000000000000000;\n}",
        ErrTag::D_INT_OFLOW,
        2,
        "constant 0x10000000000000000 results in integer overflow",
    );
    check_err(
        "BEGIN { x = 09; }",
        ErrTag::D_INT_DIGIT,
        1,
        "constant 09 contains invalid digit 9",
    );
    check_err(
        "BEGIN { x = 0778; }",
        ErrTag::D_INT_DIGIT,
        1,
        "constant 0778 contains invalid digit 8",
    );
    // The suffix grammar is [uU]?[lL]?[lL]?: "LU" leaves a stray U token.
    check_err(
        "BEGIN { x = 10LU; }",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \"U\"",
    );
    check_err(
        "BEGIN { x = 1.5; }",
        ErrTag::D_SYNTAX,
        1,
        "floating-point constants are not permitted",
    );
    check_err(
        "BEGIN { x = 1e3; }",
        ErrTag::D_SYNTAX,
        1,
        "floating-point constants are not permitted",
    );
}

fn char_of(e: &str) -> i64 {
    match expr(e).kind {
        ExprKind::Char(c) => c,
        k => panic!("{:?}", k),
    }
}

#[test]
fn character_constants() {
    assert_eq!(char_of("'a'"), 97);
    assert_eq!(char_of("'\\a'"), 7);
    assert_eq!(char_of("'\\b'"), 8);
    assert_eq!(char_of("'\\f'"), 12);
    assert_eq!(char_of("'\\n'"), 10);
    assert_eq!(char_of("'\\r'"), 13);
    assert_eq!(char_of("'\\t'"), 9);
    assert_eq!(char_of("'\\v'"), 11);
    assert_eq!(char_of("'\\\\'"), 92);
    assert_eq!(char_of("'\\''"), 39);
    assert_eq!(char_of("'\\\"'"), 34);
    assert_eq!(char_of("'\\?'"), 63);
    assert_eq!(char_of("'\\0'"), 0);
    assert_eq!(char_of("'\\101'"), 65);
    assert_eq!(char_of("'\\x41'"), 65);
    assert_eq!(char_of("'\\377'"), 255);
    // Multi-character constants: first character most significant, as C compilers do.
    assert_eq!(char_of("'ab'"), 0x6162);
}

#[test]
fn character_constant_errors() {
    check_err(
        "BEGIN { x = ''; }",
        ErrTag::D_CHR_NULL,
        1,
        "empty character constant",
    );
    check_err(
        "BEGIN { x = '123456789'; }",
        ErrTag::D_CHR_OFLOW,
        1,
        "character constant is too long",
    );
    check_err(
        "BEGIN {\n x = 'a\n'; }",
        ErrTag::D_CHR_NL,
        2,
        "newline encountered in character constant",
    );
    check_err(
        "BEGIN { x = 'a",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \"'\"",
    );
}

fn str_of(e: &str) -> Vec<u8> {
    match expr(e).kind {
        ExprKind::Str(s) => s,
        k => panic!("{:?}", k),
    }
}

#[test]
fn string_constants() {
    assert_eq!(str_of("\"hello\""), b"hello");
    assert_eq!(str_of("\"\""), b"");
    assert_eq!(str_of("\"a\\tb\\n\""), b"a\tb\n");
    assert_eq!(
        str_of(r#""\a\b\f\r\v\\\'\"\?""#),
        b"\x07\x08\x0c\r\x0b\\'\"?"
    );
    assert_eq!(str_of(r#""\101\x42\7""#), b"AB\x07");
    // D strings are C strings: \0 ends them.
    assert_eq!(str_of(r#""ab\0cd""#), b"ab");
    // Adjacent literals are not concatenated.
    check_err(
        "BEGIN { x = \"a\" \"b\"; }",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \"\"b\"\"",
    );
}

#[test]
fn string_constant_errors() {
    check_err(
        "BEGIN {\n\n x = \"abc\n\"; }",
        ErrTag::D_STR_NL,
        3,
        "newline encountered in string literal",
    );
    check_err(
        "BEGIN { x = \"abc",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \"\"\"",
    );
}

// ---- statements ----

#[test]
fn statement_separators() {
    assert_eq!(body("").len(), 0);
    assert_eq!(body(";;;").len(), 0);
    assert_eq!(body("x = 1").len(), 1);
    assert_eq!(body("x = 1; y = 2").len(), 2);
    assert_eq!(body("x = 1; y = 2;").len(), 2);
    assert_eq!(body(";x = 1;; ;y = 2;;").len(), 2);
    check_err(
        "BEGIN { x = 1 y = 2; }",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \"y\"",
    );
}

#[test]
fn if_else() {
    let s = body("if (x > 1) { a = 1; b = 2; } else c = 3; d = 4;");
    assert_eq!(s.len(), 2);
    match &s[0] {
        Stmt::If {
            cond,
            then,
            els,
            line,
        } => {
            assert_eq!(sh(cond), "(> x 1)");
            assert_eq!(then.len(), 2);
            assert_eq!(els.len(), 1);
            assert_eq!(*line, 1);
        }
        o => panic!("{:?}", o),
    }
    // Nested ifs; else binds to the nearest if.
    let s = body("if (a) if (b) x = 1; else x = 2;");
    match &s[..] {
        [Stmt::If { then, els, .. }] => {
            assert!(els.is_empty());
            assert!(matches!(&then[..], [Stmt::If { els, .. }] if els.len() == 1));
        }
        o => panic!("{:?}", o),
    }
    let s = body("if (a) { } else if (b) { x = 1 } else { y = 2 }");
    match &s[..] {
        [Stmt::If { then, els, .. }] => {
            assert!(then.is_empty());
            assert!(
                matches!(&els[..], [Stmt::If { then, els, .. }] if then.len() == 1 && els.len() == 1)
            );
        }
        o => panic!("{:?}", o),
    }
    // An if with a block needs no ';' after it; a single-statement branch needs its own ';'.
    assert_eq!(body("if (a) { x = 1 } y = 2").len(), 2);
    check_err(
        "BEGIN { if (a) x = 1 }",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \"}\"",
    );
    check_err(
        "BEGIN { if a { } }",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \"a\"",
    );
    let s = body("if (a)\n;\nelse\n{\nx = 1;\n}");
    assert!(matches!(&s[..], [Stmt::If { then, els, .. }] if then.is_empty() && els.len() == 1));
}

#[test]
fn reserved_words_are_not_identifiers() {
    check_err(
        "BEGIN { int = 1; }",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \"int\"",
    );
    check_err(
        "BEGIN { x = while; }",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \"while\"",
    );
    check_err(
        "BEGIN { for = 1; }",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \"for\"",
    );
    check_err(
        "BEGIN { x = y + return; }",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \"return\"",
    );
    check_err(
        "BEGIN { if = 1; }",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \"=\"",
    );
    check_err(
        "BEGIN { self = 1; x = self + this; counter++; }",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \"counter\"",
    );
}

// ---- clauses and probe descriptions ----

#[test]
fn probe_descriptions_kept_verbatim() {
    let src = "syscall::open*:entry, profile-997,\ntick-1s,pid$target:libc.so.6:malloc:entry, BEGIN, :::, fbt:vmlinux:`x:entry, a?c, 1234, syscall::read:[er]*\n{ }";
    let p = parse(src);
    let c = clauses(&p);
    let texts: Vec<&str> = c[0].probes.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "syscall::open*:entry",
            "profile-997",
            "tick-1s",
            "pid$target:libc.so.6:malloc:entry",
            "BEGIN",
            ":::",
            "fbt:vmlinux:`x:entry",
            "a?c",
            "1234",
            "syscall::read:[er]*"
        ]
    );
    let lines: Vec<u32> = c[0].probes.iter().map(|p| p.line).collect();
    assert_eq!(lines, [1, 1, 2, 2, 2, 2, 2, 2, 2, 2]);
}

#[test]
fn clause_forms() {
    let p = parse("BEGIN");
    assert_eq!(clauses(&p)[0].body, None);
    let p = parse("BEGIN {}");
    assert_eq!(clauses(&p)[0].body, Some(vec![]));
    let p = parse("BEGIN\n/x == 1/\n{\n}\n\nEND\n{ exit(0); }\n");
    let c = clauses(&p);
    assert_eq!(c.len(), 2);
    assert_eq!(sh(c[0].predicate.as_ref().unwrap()), "(== x 1)");
    assert_eq!(c[0].predicate.as_ref().unwrap().line, 2);
    assert_eq!(c[0].line, 1);
    assert_eq!(c[1].line, 6);
    assert_eq!(c[1].body.as_ref().unwrap().len(), 1);
    // Two body-less clauses (what -n accepts; the caller rejects it for files).
    let p = parse("BEGIN END");
    assert_eq!(clauses(&p).len(), 2);
    let p = parse("BEGIN/pid/{}");
    assert_eq!(sh(clauses(&p)[0].predicate.as_ref().unwrap()), "pid");
}

#[test]
fn predicate_slash_rule() {
    let pred = |src: &str| sh(clauses(&parse(src))[0].predicate.as_ref().unwrap());
    assert_eq!(pred("BEGIN /arg0 / 2 > 1/ { }"), "(> (/ arg0 2) 1)");
    assert_eq!(pred("BEGIN /a/b/{}"), "(/ a b)");
    assert_eq!(pred("BEGIN /a / b/\n\n{}"), "(/ a b)");
    assert_eq!(pred("BEGIN /x/ /* comment */ { }"), "x");
    assert_eq!(pred("BEGIN /x /= 2/ { }"), "(/= x 2)");
    check_err(
        "BEGIN /x/",
        ErrTag::D_SYNTAX,
        1,
        "expected actions { } following probe description and predicate",
    );
    check_err(
        "BEGIN /x/;",
        ErrTag::D_SYNTAX,
        1,
        "expected actions { } following probe description and predicate",
    );
    check_err(
        "BEGIN /(x/ { }",
        ErrTag::D_SYNTAX,
        1,
        "closing ) expected in predicate before /",
    );
    check_err(
        "BEGIN /a[x/ { }",
        ErrTag::D_SYNTAX,
        1,
        "closing ] expected in predicate before /",
    );
    check_err(
        "BEGIN /x",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near end of input",
    );
}

// ---- declarations ----

fn decls(src: &str) -> Vec<Decl> {
    parse(src)
        .items
        .into_iter()
        .filter_map(|i| match i {
            Item::Decl(d) => Some(d),
            _ => None,
        })
        .collect()
}

fn tn(words: &[&str], ptr: u32) -> TypeName {
    TypeName {
        words: words.iter().map(|w| w.to_string()).collect(),
        ptr,
    }
}

#[test]
fn declarations() {
    let d =
        decls("int x;\nself int y;\nthis string s;\nint a[string, int];\nunsigned long long z;\n");
    assert_eq!(d.len(), 5);
    assert_eq!(
        (d[0].scope, &d[0].ty, d[0].name.as_str(), d[0].line),
        (Scope::Global, &tn(&["int"], 0), "x", 1)
    );
    assert_eq!(
        (d[1].scope, d[1].name.as_str(), d[1].line),
        (Scope::Thread, "y", 2)
    );
    assert_eq!(
        (d[2].scope, &d[2].ty, d[2].line),
        (Scope::Clause, &tn(&["string"], 0), 3)
    );
    assert_eq!(d[3].keys, Some(vec![tn(&["string"], 0), tn(&["int"], 0)]));
    assert_eq!(d[4].ty, tn(&["unsigned", "long", "long"], 0));
    assert_eq!(d[0].keys, None);

    let d =
        decls("char **pp; struct foo *f; uint64_t u; foo_t *q; int*p; int m, *n; self uint32_t t;");
    let got: Vec<(String, String, Scope)> = d
        .iter()
        .map(|d| (d.name.clone(), ty(&d.ty), d.scope))
        .collect();
    let want: Vec<(String, String, Scope)> = [
        ("pp", "char**", Scope::Global),
        ("f", "struct foo*", Scope::Global),
        ("u", "uint64_t", Scope::Global),
        ("q", "foo_t*", Scope::Global),
        ("p", "int*", Scope::Global),
        ("m", "int", Scope::Global),
        ("n", "int*", Scope::Global),
        ("t", "uint32_t", Scope::Thread),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), *c))
    .collect();
    assert_eq!(got, want);

    // Declarations and clauses interleave in source order.
    let p = parse("int x;\nBEGIN { x = 1; }\nself int y;");
    assert!(matches!(
        &p.items[..],
        [Item::Decl(_), Item::Clause(_), Item::Decl(_)]
    ));
    check_err(
        "int x",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near end of input",
    );
    check_err("int 5;", ErrTag::D_SYNTAX, 1, "syntax error near \"5\"");
    // A declaration without declarators declares nothing: DTrace's dt_node_decl refuses it.
    check_err("int;", ErrTag::D_DECL_USELESS, 1, "useless declaration");
}

// ---- pragmas and control lines ----

fn pragmas(p: &Program) -> Vec<(Vec<String>, u32)> {
    p.items
        .iter()
        .filter_map(|i| match i {
            Item::Pragma { words, line } => Some((words.clone(), *line)),
            _ => None,
        })
        .collect()
}

fn w(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn pragma_lines() {
    let src = "#!/usr/sbin/dtrace -s\n#pragma D option quiet\n  #pragma D option bufsize=4m\n#pragma once\n#ident \"x\"\n#pragma ident \"y\"\n#\nBEGIN\n{\n#pragma D option switchrate=10hz\n\tx = 1;\n}\n";
    let p = parse(src);
    assert_eq!(
        pragmas(&p),
        [
            (w(&["option", "quiet"]), 2),
            (w(&["option", "bufsize=4m"]), 3),
            (w(&["option", "switchrate=10hz"]), 10)
        ]
    );
    assert_eq!(clauses(&p)[0].line, 8);
    // The pragma inside the clause comes before it.
    assert!(matches!(p.items.last(), Some(Item::Clause(_))));
    let p = parse("#pragma D depends_on module \"x\"\n");
    assert_eq!(pragmas(&p), [(w(&["depends_on", "module", "\"x\""]), 1)]);
}

#[test]
fn pragma_errors() {
    check_err(
        "#pragma D option\n",
        ErrTag::D_PRAGMA_MALFORM,
        1,
        "malformed #pragma option <option>=<val>",
    );
    check_err(
        "\n#pragma D option a b\n",
        ErrTag::D_PRAGMA_MALFORM,
        2,
        "superfluous arguments specified for #pragma option",
    );
    check_err(
        "#pragma D option \"q\"\n",
        ErrTag::D_PRAGMA_MALFORM,
        1,
        "malformed #pragma option <option>=<val>",
    );
    check_err(
        "#pragma D frobnicate\n",
        ErrTag::D_PRAGMA_INVAL,
        1,
        "invalid D pragma: frobnicate",
    );
    check_err(
        "\n\n#include <stdio.h>\n",
        ErrTag::D_PRAGCTL_INVAL,
        3,
        "invalid control directive: #include",
    );
    check_err(
        "#define X 1\n",
        ErrTag::D_PRAGCTL_INVAL,
        1,
        "invalid control directive: #define",
    );
    check_err(
        "#error stop \"now\" here\n",
        ErrTag::D_PRAGERR,
        1,
        "#error: stop now here ",
    );
    check_err(
        "#pragma D option quiet",
        ErrTag::D_SYNTAX,
        1,
        "end-of-file encountered before end of control line",
    );
    check_err(
        "#line x\n",
        ErrTag::D_PRAGMA_MALFORM,
        1,
        "malformed #line <line> [ [\"file\"] state ]",
    );
    // '#' not first on its line is just a bad character.
    check_err(
        "BEGIN { x = 1; # }",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \"#\"",
    );
}

#[test]
fn line_directives_renumber() {
    // DTrace numbers the line after "#line N" as N + 1, after cpp's "# N" as N.
    check_err(
        "#line 10\nBEGIN { x = ; }\n",
        ErrTag::D_SYNTAX,
        11,
        "syntax error near \";\"",
    );
    check_err(
        "# 10 \"foo.d\"\nBEGIN { x = ; }\n",
        ErrTag::D_SYNTAX,
        10,
        "syntax error near \";\"",
    );
}

// ---- comments, lexical errors, error lines ----

#[test]
fn comments() {
    let p = parse("/* a\n * b */ BEGIN /* c */ { /* d\n */ x = 1; }\n/**/END{}");
    let c = clauses(&p);
    assert_eq!((c[0].line, c[1].line), (2, 4));
    check_err(
        "BEGIN { x = 1; // no\n }",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \"/\"",
    );
    check_err(
        "/* a /* b */",
        ErrTag::D_SYNTAX,
        1,
        "/* encountered inside a comment",
    );
    check_err(
        "BEGIN\n/* open\n\n",
        ErrTag::D_SYNTAX,
        4,
        "end-of-file encountered before matching */",
    );
}

#[test]
fn syntax_error_token_and_line() {
    check_err(
        "BEGIN\n{\n  x = ;\n}\n",
        ErrTag::D_SYNTAX,
        3,
        "syntax error near \";\"",
    );
    check_err(
        "BEGIN {",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near end of input",
    );
    check_err(
        "BEGIN {\n x = 1;\n",
        ErrTag::D_SYNTAX,
        3,
        "syntax error near end of input",
    );
    check_err(
        "BEGIN { x = 1; } }",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \"}\"",
    );
    check_err(
        "BEGIN { x = 1 }\n;",
        ErrTag::D_SYNTAX,
        2,
        "syntax error near \";\"",
    );
    check_err(
        "BEGIN { x = \"s\" 1; }",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \"1\"",
    );
    check_err(
        "BEGIN { x = y \"str\"; }",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \"\"str\"\"",
    );
    check_err(
        "BEGIN { x = 1 $ }",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \"$\"",
    );
    check_err(
        "BEGIN { x = a); }",
        ErrTag::D_SYNTAX,
        1,
        "extra ) in input stream",
    );
    check_err(
        "BEGIN { x = a]; }",
        ErrTag::D_SYNTAX,
        1,
        "extra ] in input stream",
    );
    check_err(
        "BEGIN { x = a\0; }",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near end-of-input",
    );
    check_err("{ x = 1; }", ErrTag::D_SYNTAX, 1, "syntax error near \"{\"");
    check_err("BEGIN,\n{}", ErrTag::D_SYNTAX, 2, "syntax error near \"{\"");
    check_err(
        "BEGIN { x = y.1; }",
        ErrTag::D_SYNTAX,
        1,
        "floating-point constants are not permitted",
    );
    check_err(
        "BEGIN { x = y->; }",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \";\"",
    );
    check_err(
        "BEGIN { a[] = 1; }",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \"]\"",
    );
    check_err(
        "BEGIN { x.y(1); }",
        ErrTag::D_FUNC_IDENT,
        1,
        "function designator is not of function type",
    );
    check_err(
        "BEGIN { x = \u{e9}; }",
        ErrTag::D_SYNTAX,
        1,
        "syntax error near \"\u{e9}\"",
    );
    check_err("\"str\"", ErrTag::D_SYNTAX, 1, "syntax error near \"\"\"");
}

#[test]
fn expression_lines() {
    let s = body("\nx =\n  1 +\n 2;\nif (a)\n{ }");
    match &s[..] {
        [Stmt::Expr(e), Stmt::If { line, .. }] => {
            assert_eq!(e.line, 2);
            match &e.kind {
                ExprKind::Assign { rhs, .. } => assert_eq!(rhs.line, 3),
                k => panic!("{:?}", k),
            }
            assert_eq!(*line, 5);
        }
        o => panic!("{:?}", o),
    }
}

// ---- robustness and speed ----

/// A small deterministic generator (no external crates needed for the fuzz loop).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

const SAMPLE: &str = r#"#!/usr/sbin/dtrace -s
#pragma D option quiet
int x; self int y[string, int]; this string s;
/* a comment */
syscall::open*:entry, profile-997
/execname == "bash" && arg0 / 2 > 1 ^^ pid != $target/
{
	self->ts = timestamp; this->p = (char *)copyinstr(arg0);
	@counts[probefunc, execname] = count();
	@ = quantize(sizeof(int) + sizeof x + offsetof(struct foo, bar));
	x += 'a' + '\n' + 0x1fULL - 017 ? $1 : $$2;
	if (x > 1) { printf("%s\t%d\n", stringof(arg1), x--); } else if (!x) trace(-x); else ;
	a[1, "k"] = *p->q.r | ~y & 1 << 2 >> 3 % 4;
}
tick-1s { exit(0) }
"#;

#[test]
fn malformed_input_never_panics() {
    let mut inputs: Vec<String> = Vec::new();
    let cuts: Vec<usize> = (0..=SAMPLE.len())
        .filter(|i| SAMPLE.is_char_boundary(*i))
        .collect();
    for &i in &cuts {
        inputs.push(SAMPLE[..i].to_string());
        inputs.push(SAMPLE[i..].to_string());
    }
    let odd = [
        "\0",
        "\u{7f}",
        "é",
        "#",
        "/",
        "*",
        "'",
        "\"",
        "\\",
        "$",
        "$$",
        "@",
        "`",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "/*",
        "*/",
        "\n#",
        "?",
        ":",
        ",",
        ";",
        "0x",
        "08",
        "1.",
        "\r",
        "->",
        "...",
        "#pragma D ",
        "\u{feff}",
    ];
    let mut rng = Lcg(0x5eed);
    for _ in 0..3000 {
        let mut s: Vec<char> = SAMPLE.chars().collect();
        for _ in 0..(1 + rng.next() % 4) {
            let at = (rng.next() as usize) % (s.len() + 1);
            match rng.next() % 3 {
                0 => {
                    let o = odd[(rng.next() as usize) % odd.len()];
                    for (k, c) in o.chars().enumerate() {
                        s.insert(at + k, c);
                    }
                }
                1 if at < s.len() => {
                    s.remove(at);
                }
                _ => {
                    let len = s.len();
                    s.truncate(at.min(len));
                }
            }
        }
        inputs.push(s.into_iter().collect());
    }
    for src in [
        "(".repeat(5000),
        "-".repeat(5000),
        "!".repeat(5000),
        "if (a) ".repeat(3000),
        "a=".repeat(5000),
    ] {
        inputs.push(format!("BEGIN {{ {} }}", src));
        inputs.push(format!("BEGIN /{}/ {{ }}", src));
    }
    for src in &inputs {
        // Runs in a thread with a modest stack: deep nesting must be refused, not overflow.
        let src2 = src.clone();
        let r = std::thread::Builder::new()
            .stack_size(8 << 20)
            .spawn(move || {
                let _ = parse_program(&src2);
            })
            .expect("spawn")
            .join();
        assert!(r.is_ok(), "parser panicked on {:?}", src);
    }
    // Deep nesting is an error, not a crash. (Unoptimised builds need a few MB of stack to
    // reach the limit; release builds well under 1 MB.)
    let deep = format!("BEGIN {{ x = {}1{}; }}", "(".repeat(5000), ")".repeat(5000));
    let e = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || parse_program(&deep))
        .expect("spawn")
        .join()
        .expect("no panic")
        .expect_err("too deep");
    assert_eq!(e.tag, ErrTag::D_SYNTAX);
    assert!(e.msg.starts_with("memory exhausted near"), "{}", e.msg);
}

#[test]
fn thousand_line_script_parses_quickly() {
    let mut src = String::from("#pragma D option quiet\n");
    for n in 0..125 {
        src.push_str(&format!(
            "syscall::read{n}:entry, syscall::write:return\n/pid == $target && arg0 / 2 > {n}/\n{{\n\tself->ts[{n}] = timestamp;\n\t@a[execname, probefunc] = quantize(arg2 * {n} + (int)arg1);\n\tif (self->ts[{n}] > 0) {{ printf(\"%s %d\\n\", execname, arg0); }} else {{ trace(\"x\"); }}\n}}\n\n",
            n = n
        ));
    }
    assert!(src.lines().count() >= 1000);
    let t = std::time::Instant::now();
    let p = parse(&src);
    let dt = t.elapsed();
    eprintln!("parsed {} lines in {:?}", src.lines().count(), dt);
    assert_eq!(clauses(&p).len(), 125);
    assert_eq!(pragmas(&p).len(), 1);
}
