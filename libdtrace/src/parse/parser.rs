//! The D grammar: a recursive-descent parser over the lexer's tokens, following `dt_grammar.y`.
//!
//! Errors name the token the parser stopped at, as yacc does in DTrace
//! (`syntax error near "TOKEN"`, or `near end of input`).

use std::collections::VecDeque;

use super::ast::*;
use super::lexer::{Lexer, Mode, Tok, Token};
use crate::error::{CompileError, ErrTag};

mod decl;
mod provider;

type PResult<T> = Result<T, CompileError>;

/// Nesting beyond this is refused rather than risking the stack (DTrace's yacc stack is bounded
/// too and fails with the same wording).
const MAX_DEPTH: u32 = 200;

/// Base type words accepted in declarations, casts and `sizeof`.
const TYPE_WORDS: &[&str] = &[
    "void", "char", "short", "int", "long", "float", "double", "signed", "unsigned", "string",
];
const QUALIFIERS: &[&str] = &["const", "volatile", "restrict"];

pub(crate) struct Parser<'a> {
    lx: Lexer<'a>,
    ahead: VecDeque<Token>,
    /// Whether the expression just parsed was a bare unary expression (the only thing that may
    /// stand left of an assignment operator in the grammar).
    was_unary: bool,
    depth: u32,
    /// Names declared by `typedef` so far: they read as type names, as in DTrace's lexer.
    typedefs: std::collections::HashSet<String>,
}

fn is_type_word(w: &str) -> bool {
    TYPE_WORDS.contains(&w)
}

impl<'a> Parser<'a> {
    pub fn new(src: &'a str) -> Self {
        Parser {
            lx: Lexer::new(src),
            ahead: VecDeque::new(),
            was_unary: false,
            depth: 0,
            typedefs: Default::default(),
        }
    }

    // ---- token plumbing ----

    fn fill(&mut self, n: usize) -> PResult<()> {
        while self.ahead.len() < n {
            let t = self.lx.next_token()?;
            self.ahead.push_back(t);
        }
        Ok(())
    }

    fn peek(&mut self) -> PResult<&Token> {
        self.fill(1)?;
        Ok(&self.ahead[0])
    }

    fn peek2(&mut self) -> PResult<&Token> {
        self.fill(2)?;
        Ok(&self.ahead[1])
    }

    fn next(&mut self) -> PResult<Token> {
        self.fill(1)?;
        // fill(1) guarantees an element; fall back to an Eof token rather than panic.
        Ok(self.ahead.pop_front().unwrap_or(Token {
            tok: Tok::Eof,
            start: 0,
            end: 0,
            line: 1,
        }))
    }

    fn peek_is_op(&mut self, op: &str) -> PResult<bool> {
        Ok(matches!(&self.peek()?.tok, Tok::Op(o) if *o == op))
    }

    fn peek_is_kw(&mut self, kw: &str) -> PResult<bool> {
        Ok(matches!(&self.peek()?.tok, Tok::Kw(k) if *k == kw))
    }

    fn syntax_error(&self, t: &Token) -> CompileError {
        if t.tok == Tok::Eof {
            return CompileError::new(ErrTag::D_SYNTAX, t.line, "syntax error near end of input");
        }
        let text = self.lx.src().get(t.start..t.end).unwrap_or("");
        let text = text.split('\n').next().unwrap_or("");
        CompileError::new(
            ErrTag::D_SYNTAX,
            t.line,
            format!("syntax error near \"{}\"", text),
        )
    }

    fn error_here(&mut self) -> CompileError {
        match self.next() {
            Ok(t) => self.syntax_error(&t),
            Err(e) => e,
        }
    }

    fn expect_op(&mut self, op: &str) -> PResult<Token> {
        let t = self.next()?;
        match &t.tok {
            Tok::Op(o) if *o == op => Ok(t),
            _ => Err(self.syntax_error(&t)),
        }
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let t = self.peek()?.clone();
            let near = self
                .syntax_error(&t)
                .msg
                .replacen("syntax error", "memory exhausted", 1);
            return Err(CompileError::new(ErrTag::D_SYNTAX, t.line, near));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    // ---- program ----

    pub fn program(mut self) -> PResult<Program> {
        let mut items = Vec::new();
        let end_line;
        loop {
            self.lx.mode = Mode::Outer;
            let t = self.peek()?.clone();
            let mut new_items = Vec::new();
            match &t.tok {
                Tok::Eof => {
                    items.append(&mut self.lx.pragmas);
                    end_line = t.line;
                    break;
                }
                Tok::Kw(_) => {
                    self.next()?;
                    self.lx.mode = Mode::Expr;
                    if let Some(items) = self.type_item(&t)? {
                        new_items.extend(items);
                    } else {
                        new_items.extend(self.declaration(Some(t))?.into_iter().map(Item::Decl));
                    }
                }
                Tok::PSpec(text) => {
                    if let Some(n) = self.outer_type_len(&t, text) {
                        // A type name opens a declaration: `uint64_t x;`, `int*p;`.
                        self.next()?;
                        self.lx.rewind_to(t.start + n);
                        self.lx.mode = Mode::Expr;
                        let ty = Token {
                            tok: Tok::Ident(text[..n].to_string()),
                            start: t.start,
                            end: t.start + n,
                            line: t.line,
                        };
                        new_items.extend(self.declaration(Some(ty))?.into_iter().map(Item::Decl));
                    } else {
                        new_items.push(Item::Clause(self.clause()?));
                    }
                }
                _ => return Err(self.error_here()),
            }
            // Pragmas met while reading this item come before it.
            items.append(&mut self.lx.pragmas);
            items.append(&mut new_items);
        }
        Ok(Program { items, end_line })
    }

    /// DTrace decides between a probe specifier and a type name at outer scope by looking the
    /// word up as a type. Without the type tables here, a plain word is taken as a type when a
    /// declarator follows it (`foo_t x`, `foo_t *x`), or when it is glued to a `*` and looks like
    /// a type (`int*x`, `uint64_t*p`). Returns the length of the type name.
    fn outer_type_len(&self, t: &Token, text: &str) -> Option<usize> {
        if text.contains([':', '-', '.', '?', '!', '`'])
            || ["BEGIN", "END", "ERROR"].contains(&text)
        {
            return None;
        }
        let prefix = text.split('*').next().unwrap_or("");
        let plain = !prefix.is_empty()
            && prefix.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && prefix
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !plain {
            return None;
        }
        if prefix.len() < text.len() {
            let typeish = is_type_word(prefix) || prefix.ends_with("_t");
            return typeish.then_some(prefix.len());
        }
        let after = self.lx.src().get(t.end..).unwrap_or("");
        let after = after.trim_start_matches([' ', '\t', '\r', '\x0b', '\x0c', '\n']);
        let next = after.chars().next()?;
        (next.is_ascii_alphabetic() || next == '_' || next == '*').then_some(text.len())
    }

    fn clause(&mut self) -> PResult<Clause> {
        let mut probes = Vec::new();
        loop {
            let t = self.next()?;
            match t.tok {
                Tok::PSpec(text) => probes.push(ProbeSpec { text, line: t.line }),
                _ => return Err(self.syntax_error(&t)),
            }
            if self.peek_is_op(",")? {
                self.next()?;
                continue;
            }
            break;
        }
        let line = probes.first().map(|p| p.line).unwrap_or(1);
        self.lx.mode = Mode::Expr;
        let mut predicate = None;
        if self.peek_is_op("/")? {
            self.next()?;
            let e = self.expression()?;
            let t = self.next()?;
            if t.tok != Tok::EPred {
                return Err(self.syntax_error(&t));
            }
            if !self.peek_is_op("{")? {
                return Err(CompileError::new(
                    ErrTag::D_SYNTAX,
                    t.line,
                    "expected actions { } following probe description and predicate",
                ));
            }
            predicate = Some(e);
        }
        let mut end_line = line;
        let body = if self.peek_is_op("{")? {
            self.next()?;
            let stmts = self.statement_list()?;
            end_line = self.expect_op("}")?.line;
            Some(stmts)
        } else {
            None
        };
        Ok(Clause {
            probes,
            predicate,
            body,
            line,
            end_line,
        })
    }

    // ---- declarations ----

    /// `[self|this] type declarator[, declarator...] ;` with `first` the already consumed
    /// opening token (a keyword or a type name).
    fn declaration(&mut self, first: Option<Token>) -> PResult<Vec<Decl>> {
        let line = first
            .as_ref()
            .map(|t| t.line)
            .unwrap_or_else(|| self.lx.line());
        let mut scope = Scope::Global;
        let mut words: Vec<String> = Vec::new();
        let mut pending = first;
        let mut class: Option<&str> = None;
        loop {
            let t = match pending.take() {
                Some(t) => t,
                None => {
                    let t = self.peek()?.clone();
                    let takes = match &t.tok {
                        Tok::Kw(_) => true,
                        Tok::Ident(_) => words.is_empty(),
                        _ => false,
                    };
                    if !takes {
                        break;
                    }
                    self.next()?
                }
            };
            // A second storage class, and C's classes that D has no use for, as dt_decl_class
            // and dt_node_decl refuse them.
            if let Tok::Kw(k @ ("self" | "this" | "auto" | "register" | "static" | "extern")) = t.tok {
                if class.is_some() {
                    return Err(CompileError::new(
                        ErrTag::D_DECL_CLASS,
                        t.line,
                        "only one storage class allowed in a declaration",
                    ));
                }
                class = Some(k);
            }
            match &t.tok {
                Tok::Kw("auto" | "register" | "static") if words.is_empty() => {}
                Tok::Kw("extern") if scope == Scope::Global && words.is_empty() => {
                    scope = Scope::Extern
                }
                Tok::Kw("self") if scope == Scope::Global && words.is_empty() => {
                    scope = Scope::Thread
                }
                Tok::Kw("this") if scope == Scope::Global && words.is_empty() => {
                    scope = Scope::Clause
                }
                Tok::Kw(k) if QUALIFIERS.contains(k) => {}
                Tok::Kw(k) if is_type_word(k) => words.push(k.to_string()),
                Tok::Kw(k @ ("struct" | "union" | "enum")) => {
                    words.push(k.to_string());
                    let n = self.next()?;
                    match n.tok {
                        Tok::Ident(name) => words.push(name),
                        _ => return Err(self.syntax_error(&n)),
                    }
                }
                Tok::Ident(name) if words.is_empty() => words.push(name.clone()),
                _ => return Err(self.syntax_error(&t)),
            }
        }
        if words.is_empty() {
            return Err(self.error_here());
        }
        if matches!(class, Some("auto" | "register" | "static")) {
            return Err(CompileError::new(
                ErrTag::D_DECL_BADCLASS,
                line,
                "specified storage class not appropriate in D",
            ));
        }
        if self.peek_is_op(";")? {
            self.next()?;
            if !matches!(words[0].as_str(), "struct" | "union" | "enum") {
                return Err(CompileError::new(ErrTag::D_DECL_USELESS, line, "useless declaration"));
            }
            return Ok(Vec::new());
        }
        self.declarators(scope, &words, line)
    }

    /// The declarators after a declaration's type, up to and including the `;`:
    /// `x`, `*p`, `a[5]`, `v[string, int]`, separated by commas.
    pub(super) fn declarators(&mut self, scope: Scope, words: &[String], line: u32) -> PResult<Vec<Decl>> {
        let mut decls = Vec::new();
        loop {
            let ptr = self.pointers()?;
            let n = self.next()?;
            let Tok::Ident(name) = n.tok.clone() else {
                return Err(self.syntax_error(&n));
            };
            // dt_decl_ident: a type name where the declarator belongs, then another name.
            if let Tok::Ident(_) = self.peek()?.tok {
                if is_type_word(&name) || name.ends_with("_t") || self.typedefs.contains(&name) {
                    return Err(CompileError::new(
                        ErrTag::D_DECL_IDENT,
                        n.line,
                        "old-style declaration or incorrect type specified",
                    ));
                }
            }
            if name.contains('`') {
                return Err(CompileError::new(
                    ErrTag::D_DECL_SCOPE,
                    n.line,
                    format!("D scoping operator may not be used in a declaration name ({})", name),
                ));
            }
            let mut keys = None;
            let mut words = words.to_vec();
            words.extend(self.dimensions()?);
            if self.peek_is_op("[")? && matches!(self.peek2()?.tok, Tok::Op("]")) {
                return Err(CompileError::new(
                    ErrTag::D_DECL_ARRNULL,
                    n.line,
                    format!(
                        "array declaration requires array dimension or tuple signature: {}",
                        name
                    ),
                ));
            }
            if self.peek_is_op("[")? && words.iter().any(|w| w.starts_with('[')) {
                return Err(CompileError::new(
                    ErrTag::D_DECL_DYNOBJ,
                    n.line,
                    "cannot declare array of associative arrays",
                ));
            }
            if self.peek_is_op("[")? {
                keys = Some(self.tuple_signature()?.into_iter().map(|(t, _)| t).collect());
            }
            decls.push(Decl {
                scope,
                ty: TypeName { words, ptr },
                name,
                keys,
                line,
            });
            let t = self.next()?;
            match t.tok {
                Tok::Op(",") => continue,
                Tok::Op(";") => break,
                _ => return Err(self.syntax_error(&t)),
            }
        }
        Ok(decls)
    }

    /// dt_decl_pop_param: a parameter may have no storage class but `register`.
    /// An array's tuple signature after its name, `[type [name], ...]`: the key types of an
    /// associative array's declaration, the parameters of an inline's (dt_decl_prototype).
    pub(super) fn tuple_signature(&mut self) -> PResult<Vec<(TypeName, Option<String>)>> {
        self.next()?;
        let mut ks = Vec::new();
        let mut pnames: Vec<String> = Vec::new();
        loop {
            let pt = self.peek()?.clone();
            if pt.tok == Tok::Op("...") {
                return Err(CompileError::new(
                    ErrTag::D_DECL_PROTO_VARARGS,
                    pt.line,
                    "array prototype may not use a variable-length argument list",
                ));
            }
            if let Tok::Kw("register") = self.peek()?.tok {
                self.next()?;
            }
            self.parameter_class()?;
            if !self.peek_is_type(false)? {
                return Err(self.error_here());
            }
            let kt = self.type_name()?;
            // dt_decl_prototype: a parameter may be named, once, and not be void.
            let pname = match &self.peek()?.tok {
                Tok::Ident(p) => {
                    let p = p.clone();
                    self.next()?;
                    Some(p)
                }
                _ => None,
            };
            let i = ks.len() + 1;
            if kt.ptr == 0 && kt.words == ["void"] {
                return Err(CompileError::new(
                    ErrTag::D_DECL_PROTO_TYPE,
                    pt.line,
                    format!(
                        "array prototype may not use parameter of type void: {}, parameter #{}",
                        pname.as_deref().unwrap_or("(anonymous)"),
                        i
                    ),
                ));
            }
            if let Some(p) = &pname {
                if pnames.contains(p) {
                    return Err(CompileError::new(
                        ErrTag::D_DECL_PROTO_FORM,
                        pt.line,
                        format!(
                            "parameter is already declared in array prototype: {}, parameter #{}",
                            p, i
                        ),
                    ));
                }
                pnames.push(p.clone());
            }
            ks.push((kt, pname));
            if self.peek_is_op(",")? {
                self.next()?;
                continue;
            }
            break;
        }
        self.expect_op("]")?;
        Ok(ks)
    }

    pub(super) fn parameter_class(&mut self) -> PResult<()> {
        let t = self.peek()?.clone();
        if let Tok::Kw("auto" | "static" | "extern" | "typedef" | "self" | "this") = t.tok {
            return Err(CompileError::new(
                ErrTag::D_DECL_PARMCLASS,
                t.line,
                "inappropriate storage class for function or associative array parameter",
            ));
        }
        Ok(())
    }

    fn pointers(&mut self) -> PResult<u32> {
        let mut ptr = 0u32;
        loop {
            match &self.peek()?.tok {
                Tok::Op("*") => ptr = ptr.saturating_add(1),
                Tok::Kw(k) if QUALIFIERS.contains(k) && ptr > 0 => {}
                _ => return Ok(ptr),
            }
            self.next()?;
        }
    }

    /// Whether the next token (or the one after a `(` when `after_paren`) starts a type name.
    fn peek_is_type(&mut self, after_paren: bool) -> PResult<bool> {
        let t = if after_paren {
            self.peek2()?.clone()
        } else {
            self.peek()?.clone()
        };
        Ok(match &t.tok {
            Tok::Kw(k) => {
                is_type_word(k)
                    || QUALIFIERS.contains(k)
                    || matches!(*k, "struct" | "union" | "enum")
            }
            // Without type tables, a word is a type name when it reads like a typedef (`_t`)
            // and is not used the way DTrace's lexer takes as a variable.
            Tok::Ident(name) => {
                let base = name.rsplit('`').next().unwrap_or(name);
                (base.ends_with("_t") || self.typedefs.contains(base))
                    && !self.lx.followed_like_variable(t.end)
            }
            _ => false,
        })
    }

    /// `type_name`: specifiers and qualifiers, then `*`s.
    fn type_name(&mut self) -> PResult<TypeName> {
        let mut words: Vec<String> = Vec::new();
        loop {
            let t = self.peek()?.clone();
            match &t.tok {
                Tok::Kw(k) if QUALIFIERS.contains(k) => {}
                Tok::Kw(k) if is_type_word(k) => words.push(k.to_string()),
                Tok::Kw(k @ ("struct" | "union" | "enum")) => {
                    self.next()?;
                    words.push(k.to_string());
                    let n = self.next()?;
                    match n.tok {
                        Tok::Ident(name) => words.push(name),
                        _ => return Err(self.syntax_error(&n)),
                    }
                    continue;
                }
                Tok::Ident(name) if words.is_empty() => words.push(name.clone()),
                _ => break,
            }
            self.next()?;
        }
        if words.is_empty() {
            return Err(self.error_here());
        }
        let ptr = self.pointers()?;
        Ok(TypeName { words, ptr })
    }

    // ---- statements ----

    /// Statements up to (not including) the closing `}`.
    fn statement_list(&mut self) -> PResult<Vec<Stmt>> {
        let mut stmts = Vec::new();
        loop {
            let t = self.peek()?.clone();
            match &t.tok {
                Tok::Op("}") => return Ok(stmts),
                Tok::Op(";") => {
                    self.next()?;
                }
                Tok::Kw("if") => stmts.push(self.if_statement()?),
                _ => {
                    let e = self.expression()?;
                    stmts.push(Stmt::Expr(e));
                    // The last statement before `}` needs no `;`.
                    if !self.peek_is_op("}")? {
                        self.expect_op(";")?;
                    }
                }
            }
        }
    }

    fn if_statement(&mut self) -> PResult<Stmt> {
        self.enter()?;
        let kw = self.next()?;
        self.expect_op("(")?;
        let cond = self.expression()?;
        self.expect_op(")")?;
        let then = self.statement_or_block()?;
        let els = if self.peek_is_kw("else")? {
            self.next()?;
            self.statement_or_block()?
        } else {
            Vec::new()
        };
        self.leave();
        Ok(Stmt::If {
            cond,
            then,
            els,
            line: kw.line,
        })
    }

    /// The branch of an `if`: a `{ block }` or one statement, which then needs its `;`.
    fn statement_or_block(&mut self) -> PResult<Vec<Stmt>> {
        let t = self.peek()?.clone();
        match &t.tok {
            Tok::Op("{") => {
                self.next()?;
                let stmts = self.statement_list()?;
                self.expect_op("}")?;
                Ok(stmts)
            }
            Tok::Op(";") => {
                self.next()?;
                Ok(Vec::new())
            }
            Tok::Kw("if") => Ok(vec![self.if_statement()?]),
            _ => {
                let e = self.expression()?;
                self.expect_op(";")?;
                Ok(vec![Stmt::Expr(e)])
            }
        }
    }

    // ---- expressions ----

    pub fn expression(&mut self) -> PResult<Expr> {
        let mut e = self.assignment()?;
        while self.peek_is_op(",")? {
            self.next()?;
            let r = self.assignment()?;
            let line = e.line;
            e = Expr {
                kind: ExprKind::Comma(Box::new(e), Box::new(r)),
                line,
            };
            self.was_unary = false;
        }
        Ok(e)
    }

    fn assignment(&mut self) -> PResult<Expr> {
        self.enter()?;
        let lhs = self.conditional()?;
        let op = match &self.peek()?.tok {
            Tok::Op("=") => Some(None),
            Tok::Op("+=") => Some(Some(BinOp::Add)),
            Tok::Op("-=") => Some(Some(BinOp::Sub)),
            Tok::Op("*=") => Some(Some(BinOp::Mul)),
            Tok::Op("/=") => Some(Some(BinOp::Div)),
            Tok::Op("%=") => Some(Some(BinOp::Mod)),
            Tok::Op("&=") => Some(Some(BinOp::BitAnd)),
            Tok::Op("|=") => Some(Some(BinOp::BitOr)),
            Tok::Op("^=") => Some(Some(BinOp::BitXor)),
            Tok::Op("<<=") => Some(Some(BinOp::Shl)),
            Tok::Op(">>=") => Some(Some(BinOp::Shr)),
            _ => None,
        };
        let Some(op) = op else {
            self.leave();
            return Ok(lhs);
        };
        if !self.was_unary {
            return Err(self.error_here());
        }
        self.next()?;
        let rhs = self.assignment()?;
        self.leave();
        self.was_unary = false;
        let line = lhs.line;
        Ok(Expr {
            kind: ExprKind::Assign {
                op,
                lhs: Box::new(lhs),
                rhs: Box::new(rhs),
            },
            line,
        })
    }

    fn conditional(&mut self) -> PResult<Expr> {
        let cond = self.binary(1)?;
        if !self.peek_is_op("?")? {
            return Ok(cond);
        }
        self.enter()?;
        self.next()?;
        let then = self.expression()?;
        self.expect_op(":")?;
        let els = self.conditional()?;
        self.leave();
        self.was_unary = false;
        let line = cond.line;
        Ok(Expr {
            kind: ExprKind::Ternary {
                cond: Box::new(cond),
                then: Box::new(then),
                els: Box::new(els),
            },
            line,
        })
    }

    fn binop(tok: &Tok) -> Option<(BinOp, u8)> {
        let Tok::Op(op) = tok else { return None };
        Some(match *op {
            "||" => (BinOp::LogOr, 1),
            "^^" => (BinOp::LogXor, 2),
            "&&" => (BinOp::LogAnd, 3),
            "|" => (BinOp::BitOr, 4),
            "^" => (BinOp::BitXor, 5),
            "&" => (BinOp::BitAnd, 6),
            "==" => (BinOp::Eq, 7),
            "!=" => (BinOp::Ne, 7),
            "<" => (BinOp::Lt, 8),
            "<=" => (BinOp::Le, 8),
            ">" => (BinOp::Gt, 8),
            ">=" => (BinOp::Ge, 8),
            "<<" => (BinOp::Shl, 9),
            ">>" => (BinOp::Shr, 9),
            "+" => (BinOp::Add, 10),
            "-" => (BinOp::Sub, 10),
            "*" => (BinOp::Mul, 11),
            "/" => (BinOp::Div, 11),
            "%" => (BinOp::Mod, 11),
            _ => return None,
        })
    }

    /// Left-associative binary operators by precedence climbing.
    fn binary(&mut self, min: u8) -> PResult<Expr> {
        let mut lhs = self.cast()?;
        while let Some((op, prec)) = Self::binop(&self.peek()?.tok) {
            if prec < min {
                break;
            }
            self.next()?;
            self.enter()?;
            let rhs = self.binary(prec + 1)?;
            self.leave();
            let line = lhs.line;
            lhs = Expr {
                kind: ExprKind::Binary {
                    op,
                    lhs: Box::new(lhs),
                    rhs: Box::new(rhs),
                },
                line,
            };
            self.was_unary = false;
        }
        Ok(lhs)
    }

    fn cast(&mut self) -> PResult<Expr> {
        if self.peek_is_op("(")? && self.peek_is_type(true)? {
            self.enter()?;
            let open = self.next()?;
            let ty = self.type_name()?;
            self.expect_op(")")?;
            let e = self.cast()?;
            self.leave();
            self.was_unary = false;
            return Ok(Expr {
                kind: ExprKind::Cast {
                    ty,
                    expr: Box::new(e),
                },
                line: open.line,
            });
        }
        self.unary()
    }

    fn unary(&mut self) -> PResult<Expr> {
        self.enter()?;
        let t = self.peek()?.clone();
        let line = t.line;
        let kind = match &t.tok {
            Tok::Op(op @ ("++" | "--")) => {
                self.next()?;
                let e = self.unary()?;
                ExprKind::IncDec {
                    pre: true,
                    inc: *op == "++",
                    expr: Box::new(e),
                }
            }
            Tok::Op(op @ ("&" | "*" | "+" | "-" | "~" | "!")) => {
                let op = match *op {
                    "&" => UnOp::AddrOf,
                    "*" => UnOp::Deref,
                    "+" => UnOp::Plus,
                    "-" => UnOp::Neg,
                    "~" => UnOp::BitNot,
                    _ => UnOp::Not,
                };
                self.next()?;
                let e = self.cast()?;
                ExprKind::Unary {
                    op,
                    expr: Box::new(e),
                }
            }
            Tok::Kw("sizeof") => {
                self.next()?;
                if self.peek_is_op("(")? && self.peek_is_type(true)? {
                    self.next()?;
                    let ty = self.type_name()?;
                    self.expect_op(")")?;
                    ExprKind::SizeofType(ty)
                } else {
                    ExprKind::SizeofExpr(Box::new(self.unary()?))
                }
            }
            Tok::Kw("stringof") => {
                self.next()?;
                ExprKind::Stringof(Box::new(self.unary()?))
            }
            _ => {
                let e = self.postfix()?;
                self.leave();
                self.was_unary = true;
                return Ok(e);
            }
        };
        self.leave();
        self.was_unary = true;
        Ok(Expr { kind, line })
    }

    /// Comma-separated assignment expressions up to (not including) `close`.
    fn arguments(&mut self, close: &str) -> PResult<Vec<Expr>> {
        let mut args = Vec::new();
        if self.peek_is_op(close)? {
            return Ok(args);
        }
        loop {
            args.push(self.assignment()?);
            if self.peek_is_op(",")? {
                self.next()?;
                continue;
            }
            return Ok(args);
        }
    }

    fn postfix(&mut self) -> PResult<Expr> {
        let mut e = self.primary()?;
        let mut agg_keyed = false;
        loop {
            let t = self.peek()?.clone();
            let line = e.line;
            match &t.tok {
                Tok::Op("[") => {
                    self.next()?;
                    if self.peek_is_op("]")? {
                        // The grammar requires at least one key.
                        return Err(self.error_here());
                    }
                    let keys = self.arguments("]")?;
                    let close = self.expect_op("]")?;
                    if let ExprKind::Agg { name, .. } = &e.kind {
                        if agg_keyed {
                            return Err(CompileError::new(
                                ErrTag::D_AGG_MDIM,
                                close.line,
                                format!(
                                    "improper attempt to reference @{} as a multi-dimensional array",
                                    name
                                ),
                            ));
                        }
                    }
                    e = match e.kind {
                        ExprKind::Agg { name, keys: k } if k.is_empty() && !agg_keyed => {
                            agg_keyed = true;
                            Expr {
                                kind: ExprKind::Agg { name, keys },
                                line,
                            }
                        }
                        kind => Expr {
                            kind: ExprKind::Index {
                                base: Box::new(Expr { kind, line }),
                                keys,
                            },
                            line,
                        },
                    };
                }
                Tok::Op("(") => {
                    self.next()?;
                    let args = self.arguments(")")?;
                    let close = self.expect_op(")")?;
                    let ExprKind::Ident(name) = e.kind else {
                        return Err(CompileError::new(
                            ErrTag::D_FUNC_IDENT,
                            close.line,
                            "function designator is not of function type",
                        ));
                    };
                    e = Expr {
                        kind: ExprKind::Call { name, args },
                        line,
                    };
                }
                Tok::Op(op @ ("." | "->")) => {
                    let arrow = *op == "->";
                    self.next()?;
                    let m = self.next()?;
                    let Tok::Ident(member) = m.tok.clone() else {
                        return Err(self.syntax_error(&m));
                    };
                    e = match (&e.kind, arrow) {
                        (ExprKind::Ident(n), true) if n == "self" => Expr {
                            kind: ExprKind::SelfVar(member),
                            line,
                        },
                        (ExprKind::Ident(n), true) if n == "this" => Expr {
                            kind: ExprKind::ThisVar(member),
                            line,
                        },
                        _ => Expr {
                            kind: ExprKind::Member {
                                expr: Box::new(e),
                                member,
                                arrow,
                            },
                            line,
                        },
                    };
                }
                Tok::Op(op @ ("++" | "--")) => {
                    let inc = *op == "++";
                    self.next()?;
                    e = Expr {
                        kind: ExprKind::IncDec {
                            pre: false,
                            inc,
                            expr: Box::new(e),
                        },
                        line,
                    };
                }
                _ => return Ok(e),
            }
        }
    }

    fn primary(&mut self) -> PResult<Expr> {
        let t = self.next()?;
        let line = t.line;
        let kind = match t.tok {
            Tok::Ident(s) => ExprKind::Ident(s),
            Tok::Kw(k @ ("self" | "this")) => ExprKind::Ident(k.to_string()),
            Tok::Agg(name) => ExprKind::Agg {
                name,
                keys: Vec::new(),
            },
            Tok::Int {
                value,
                unsigned,
                long,
                decimal,
            } => ExprKind::Int {
                value,
                unsigned,
                long,
                decimal,
            },
            Tok::Char(c) => ExprKind::Char(c),
            Tok::Str(s) => ExprKind::Str(s),
            Tok::Macro(m) => ExprKind::Macro(m),
            Tok::MacroStr(m) => ExprKind::MacroStr(m),
            Tok::Op("(") => {
                let e = self.expression()?;
                self.expect_op(")")?;
                return Ok(Expr { kind: e.kind, line });
            }
            Tok::Kw("xlate") => {
                self.expect_op("<")?;
                let ty = self.type_name()?;
                self.expect_op(">")?;
                self.expect_op("(")?;
                let e = self.expression()?;
                self.expect_op(")")?;
                ExprKind::Xlate {
                    ty,
                    expr: Box::new(e),
                }
            }
            Tok::Kw("offsetof") => {
                self.expect_op("(")?;
                let ty = self.type_name()?;
                self.expect_op(",")?;
                let m = self.next()?;
                let Tok::Ident(member) = m.tok.clone() else {
                    return Err(self.syntax_error(&m));
                };
                self.expect_op(")")?;
                ExprKind::Offsetof { ty, member }
            }
            _ => return Err(self.syntax_error(&t)),
        };
        Ok(Expr { kind, line })
    }
}
