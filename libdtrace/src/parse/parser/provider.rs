//! Provider definitions (dt_grammar.y's provider_definition): the probes of a user-defined
//! provider with their argument types, for `dtrace -h` and `dtrace -G`.

use super::*;

impl<'a> Parser<'a> {
    /// `name { probe p(args) [: (args)]; ... };` after the `provider` keyword.
    pub(super) fn provider(&mut self, line: u32) -> PResult<ProviderDef> {
        let n = self.next()?;
        let Tok::Ident(name) = n.tok.clone() else {
            return Err(self.syntax_error(&n));
        };
        self.expect_op("{")?;
        let mut probes = Vec::new();
        loop {
            let t = self.next()?;
            match t.tok {
                // The grammar wants at least one probe in a provider.
                Tok::Op("}") if !probes.is_empty() => break,
                Tok::Kw("probe") => probes.push(self.probe_def(t.line)?),
                _ => return Err(self.syntax_error(&t)),
            }
        }
        self.expect_op(";")?;
        Ok(ProviderDef { name, probes, line })
    }

    /// `name(args) [: (args)];` after `probe`.
    fn probe_def(&mut self, line: u32) -> PResult<ProbeDef> {
        let n = self.next()?;
        let Tok::Ident(ident) = n.tok.clone() else {
            return Err(self.syntax_error(&n));
        };
        let native = self.parameter_types()?;
        let xlated = if self.peek_is_op(":")? {
            self.next()?;
            Some(self.parameter_types()?)
        } else {
            None
        };
        self.expect_op(";")?;
        Ok(ProbeDef {
            // C identifiers cannot hold `-`; DTrace spells it `__` in the definition.
            name: ident.replace("__", "-"),
            native,
            xlated,
            line,
        })
    }

    /// `( )`, `(void)` or `(type [name], ...)`: the parameter types, names dropped.
    fn parameter_types(&mut self) -> PResult<Vec<TypeName>> {
        self.expect_op("(")?;
        let mut types = Vec::new();
        if self.peek_is_op(")")? {
            self.next()?;
            return Ok(types);
        }
        loop {
            let mut ty = self.type_name()?;
            if let Tok::Ident(_) = self.peek()?.tok {
                self.next()?;
            }
            ty.words.extend(self.dimensions()?);
            types.push(ty);
            let t = self.next()?;
            match t.tok {
                Tok::Op(",") => continue,
                Tok::Op(")") => break,
                _ => return Err(self.syntax_error(&t)),
            }
        }
        // `(void)` declares no parameters, as in C.
        if types.len() == 1 && types[0].words == ["void"] && types[0].ptr == 0 {
            types.clear();
        }
        Ok(types)
    }
}

#[cfg(test)]
mod tests {
    use crate::parse::ast::{Item, ProviderDef, TypeName};
    use crate::parse::parse_program;

    fn provider(src: &str) -> ProviderDef {
        let prog = parse_program(src).unwrap();
        prog.items
            .into_iter()
            .find_map(|i| match i {
                Item::Provider(p) => Some(p),
                _ => None,
            })
            .unwrap()
    }

    fn ty(words: &[&str], ptr: u32) -> TypeName {
        TypeName {
            words: words.iter().map(|w| w.to_string()).collect(),
            ptr,
        }
    }

    #[test]
    fn probes_and_types() {
        let p = provider(
            "#pragma D attributes Evolving/Evolving/Common provider myapp provider\n\
             provider myapp {\n\
             \tprobe query__start(char *, int);\n\
             \tprobe query__done(int n, const char *s) : (int, string);\n\
             \tprobe tick(void);\n\
             \tprobe tock();\n\
             };\n",
        );
        assert_eq!(p.name, "myapp");
        assert_eq!(p.line, 2);
        let names: Vec<&str> = p.probes.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["query-start", "query-done", "tick", "tock"]);
        assert_eq!(p.probes[0].native, [ty(&["char"], 1), ty(&["int"], 0)]);
        assert_eq!(p.probes[0].xlated, None);
        assert_eq!(p.probes[1].native, [ty(&["int"], 0), ty(&["char"], 1)]);
        assert_eq!(
            p.probes[1].xlated,
            Some(vec![ty(&["int"], 0), ty(&["string"], 0)])
        );
        assert!(p.probes[2].native.is_empty());
        assert!(p.probes[3].native.is_empty());
        assert_eq!(p.probes[3].line, 6);
    }

    #[test]
    fn malformed_definitions() {
        for (src, near) in [
            ("provider p { };", "}"),
            ("provider { probe x(); };", "{"),
            ("provider p { probe x(int) }", "}"),
            ("provider p { probe x(int); }", "end of input"),
            ("provider p { int x; };", "int"),
        ] {
            let e = parse_program(src).unwrap_err();
            assert!(
                e.render(false).contains(near),
                "{}: {}",
                src,
                e.render(false)
            );
        }
    }
}
