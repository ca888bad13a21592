//! Definitions at outer scope: `struct`/`union`/`enum` bodies, `typedef`, `inline` and
//! `translator` (dt_grammar.y's struct_or_union_specifier, enum_specifier, inline_definition,
//! translator_definition), and array declarators.

use super::*;

impl<'a> Parser<'a> {
    /// A definition opened by keyword `kw` (already consumed, the lexer in expression mode), or
    /// `None` when `kw` opens an ordinary declaration.
    pub(super) fn type_item(&mut self, kw: &Token) -> PResult<Option<Vec<Item>>> {
        let line = kw.line;
        let Tok::Kw(k) = kw.tok else { return Ok(None) };
        match k {
            "typedef" => {
                let mut items = Vec::new();
                let base = self.specifier(&mut items, line)?;
                loop {
                    let ptr = self.pointers()?;
                    let n = self.next()?;
                    let Tok::Ident(name) = n.tok.clone() else {
                        return Err(self.syntax_error(&n));
                    };
                    let mut words = base.words.clone();
                    words.extend(self.dimensions()?);
                    self.typedefs.insert(name.clone());
                    items.push(Item::Type(TypeDef::Typedef {
                        ty: TypeName {
                            words,
                            ptr: ptr + base.ptr,
                        },
                        name,
                        line,
                    }));
                    let t = self.next()?;
                    match t.tok {
                        Tok::Op(",") => continue,
                        Tok::Op(";") => break,
                        _ => return Err(self.syntax_error(&t)),
                    }
                }
                Ok(Some(items))
            }
            "inline" => {
                let ty = self.type_name()?;
                let n = self.next()?;
                let Tok::Ident(name) = n.tok.clone() else {
                    return Err(self.syntax_error(&n));
                };
                let mut ty = ty;
                ty.words.extend(self.dimensions()?);
                let params = if self.peek_is_op("[")? {
                    Some(self.tuple_signature()?)
                } else {
                    None
                };
                self.expect_op("=")?;
                let expr = self.assignment()?;
                self.expect_op(";")?;
                Ok(Some(vec![Item::Inline {
                    ty,
                    name,
                    params,
                    expr,
                    line,
                }]))
            }
            "translator" => Ok(Some(vec![Item::Translator(self.translator(line)?)])),
            "provider" => Ok(Some(vec![Item::Provider(self.provider(line)?)])),
            "struct" | "union" | "enum" => {
                // A definition when a body or `;` follows the tag; else a declaration of a
                // variable of that type.
                let defines = match &self.peek()?.tok {
                    Tok::Op("{") => true,
                    Tok::Ident(_) => matches!(self.peek2()?.tok, Tok::Op("{") | Tok::Op(";")),
                    _ => false,
                };
                if !defines {
                    return Ok(None);
                }
                let mut items = Vec::new();
                let words = self.sou_or_enum(k, &mut items, line)?;
                // `struct s { ... } x, *p;` also declares variables of the new type.
                if self.peek_is_op(";")? {
                    self.next()?;
                } else {
                    let decls = self.declarators(Scope::Global, &words, line)?;
                    items.extend(decls.into_iter().map(Item::Decl));
                }
                Ok(Some(items))
            }
            _ => Ok(None),
        }
    }

    /// A type specifier that may define a struct, union or enum on the way; definitions go to
    /// `items`. Returns the words naming the type.
    fn specifier(&mut self, items: &mut Vec<Item>, line: u32) -> PResult<TypeName> {
        let t = self.peek()?.clone();
        if let Tok::Kw(k @ ("struct" | "union" | "enum")) = t.tok {
            let defines = match &self.peek2()?.tok {
                Tok::Op("{") => true,
                Tok::Ident(_) => {
                    self.fill(3)?;
                    matches!(self.ahead[2].tok, Tok::Op("{"))
                }
                _ => false,
            };
            if defines {
                self.next()?;
                let words = self.sou_or_enum(k, items, line)?;
                let ptr = self.pointers()?;
                return Ok(TypeName { words, ptr });
            }
        }
        self.type_name()
    }

    /// After `struct`/`union`/`enum`: an optional tag, then a body or nothing (a forward
    /// declaration when `;` follows). Returns the words naming the type.
    fn sou_or_enum(
        &mut self,
        k: &'static str,
        items: &mut Vec<Item>,
        line: u32,
    ) -> PResult<Vec<String>> {
        let name = match &self.peek()?.tok {
            Tok::Ident(n) => {
                let n = n.clone();
                self.next()?;
                n
            }
            // An anonymous type gets a name no D program can write.
            Tok::Op("{") => format!("<anon:{}>", self.peek()?.start),
            _ => return Err(self.error_here()),
        };
        let words = vec![k.to_string(), name.clone()];
        if !self.peek_is_op("{")? {
            if k != "enum" {
                items.push(Item::Type(TypeDef::Sou {
                    union: k == "union",
                    name,
                    members: None,
                    line,
                }));
            }
            return Ok(words);
        }
        self.next()?;
        if k == "enum" {
            let mut values = Vec::new();
            loop {
                let t = self.next()?;
                match t.tok {
                    Tok::Op("}") if !values.is_empty() => break,
                    Tok::Ident(n) => {
                        if n.contains('`') {
                            return Err(CompileError::new(
                                ErrTag::D_DECL_SCOPE,
                                t.line,
                                format!("D scoping operator may not be used in an enumerator name ({})", n),
                            ));
                        }
                        let v = if self.peek_is_op("=")? {
                            self.next()?;
                            Some(self.conditional()?)
                        } else {
                            None
                        };
                        values.push((n, v));
                        let t = self.next()?;
                        match t.tok {
                            Tok::Op(",") => continue,
                            Tok::Op("}") => break,
                            _ => return Err(self.syntax_error(&t)),
                        }
                    }
                    _ => return Err(self.syntax_error(&t)),
                }
            }
            items.push(Item::Type(TypeDef::Enum { name, values, line }));
            return Ok(words);
        }
        let mut members = Vec::new();
        loop {
            if self.peek_is_op("}")? {
                self.next()?;
                break;
            }
            let mline = self.peek()?.line;
            let base = self.specifier(items, mline)?;
            loop {
                // `type : width;` pads with an unnamed bit-field.
                if self.peek_is_op(":")? {
                    self.next()?;
                    let width = self.conditional()?;
                    members.push(MemberDecl {
                        ty: base.clone(),
                        name: String::new(),
                        bits: Some(width),
                        line: mline,
                    });
                    let t = self.next()?;
                    match t.tok {
                        Tok::Op(",") => continue,
                        Tok::Op(";") => break,
                        _ => return Err(self.syntax_error(&t)),
                    }
                }
                let mut ptr = self.pointers()?;
                let mut words = base.words.clone();
                let fptr = self.peek_is_op("(")?;
                if fptr {
                    self.next()?;
                    ptr = self.pointers()?;
                    if ptr == 0 {
                        let t = self.next()?;
                        return Err(self.syntax_error(&t));
                    }
                }
                let n = self.next()?;
                let Tok::Ident(mname) = n.tok.clone() else {
                    return Err(self.syntax_error(&n));
                };
                if mname.contains('`') {
                    return Err(CompileError::new(
                        ErrTag::D_DECL_SCOPE,
                        n.line,
                        format!("D scoping operator may not be used in a member name ({})", mname),
                    ));
                }
                if fptr {
                    self.expect_op(")")?;
                    self.skip_parameters()?;
                    // DTrace gives every function pointer one type of pointer size; D
                    // cannot call through it.
                    words = vec!["void".to_string()];
                }
                words.extend(self.dimensions()?);
                let ptr = if fptr { ptr } else { ptr + base.ptr };
                let bits = if self.peek_is_op(":")? {
                    self.next()?;
                    Some(self.conditional()?)
                } else {
                    None
                };
                members.push(MemberDecl {
                    ty: TypeName { words, ptr },
                    name: mname,
                    bits,
                    line: mline,
                });
                let t = self.next()?;
                match t.tok {
                    Tok::Op(",") => continue,
                    Tok::Op(";") => break,
                    _ => return Err(self.syntax_error(&t)),
                }
            }
        }
        items.push(Item::Type(TypeDef::Sou {
            union: k == "union",
            name,
            members: Some(members),
            line,
        }));
        Ok(words)
    }

    /// A function declarator's parameter list, `( ... )` with nested parentheses; the
    /// parameters do not matter to D.
    fn skip_parameters(&mut self) -> PResult<()> {
        self.expect_op("(")?;
        let mut depth = 1;
        while depth > 0 {
            let t = self.next()?;
            match t.tok {
                Tok::Op("(") => depth += 1,
                Tok::Op(")") => depth -= 1,
                Tok::Op(";") | Tok::Op("{") | Tok::Op("}") | Tok::Eof => {
                    return Err(self.syntax_error(&t))
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// `translator out < in param > { member = expr; ... };` after the keyword.
    fn translator(&mut self, line: u32) -> PResult<Translator> {
        let out = self.type_name()?;
        self.expect_op("<")?;
        let input = self.type_name()?;
        let p = self.next()?;
        let Tok::Ident(param) = p.tok.clone() else {
            return Err(self.syntax_error(&p));
        };
        self.expect_op(">")?;
        self.expect_op("{")?;
        let mut members = Vec::new();
        loop {
            let t = self.next()?;
            match t.tok {
                Tok::Op("}") => break,
                Tok::Op(";") => continue,
                Tok::Ident(m) => {
                    // A member of a struct member: `pr_start.tv_sec = ...`.
                    let mut m = m;
                    while self.peek_is_op(".")? {
                        self.next()?;
                        let t = self.next()?;
                        let Tok::Ident(sub) = t.tok.clone() else {
                            return Err(self.syntax_error(&t));
                        };
                        m = format!("{}.{}", m, sub);
                    }
                    self.expect_op("=")?;
                    let e = self.assignment()?;
                    members.push((m, e));
                    if !self.peek_is_op("}")? {
                        self.expect_op(";")?;
                    }
                }
                _ => return Err(self.syntax_error(&t)),
            }
        }
        self.expect_op(";")?;
        Ok(Translator {
            out,
            input,
            param,
            members,
            line,
        })
    }

    /// Array dimensions after a declarator's name: `[5][2]` gives `["[5]", "[2]"]`. A `[`
    /// followed by anything but an integer is left for the caller (associative array keys).
    pub(super) fn dimensions(&mut self) -> PResult<Vec<String>> {
        let mut dims = Vec::new();
        while self.peek_is_op("[")? {
            let t = self.peek2()?.clone();
            // dt_decl_array: a positive constant below 2^32, or a tuple of types.
            let arrsub = || {
                CompileError::new(
                    ErrTag::D_DECL_ARRSUB,
                    t.line,
                    "positive integral constant expression or tuple signature expected as array declaration subscript",
                )
            };
            match t.tok {
                Tok::Op("-") => return Err(arrsub()),
                Tok::Int { value: 0, .. } => return Err(arrsub()),
                Tok::Int { value, .. } if value > u32::MAX as u64 => {
                    return Err(CompileError::new(
                        ErrTag::D_DECL_ARRBIG,
                        t.line,
                        "array dimension too big",
                    ))
                }
                _ => {}
            }
            let Tok::Int { value, .. } = self.peek2()?.tok else {
                break;
            };
            self.next()?;
            self.next()?;
            self.expect_op("]")?;
            dims.push(format!("[{}]", value));
        }
        Ok(dims)
    }
}
