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
        let (native, names) = self.parameter_types("probe input", None)?;
        let (xlated, mapping) = if self.peek_is_op(":")? {
            self.next()?;
            let (types, xnames) = self.parameter_types("probe output", Some(&names))?;
            (Some(types), arg_mapping(&xnames, &names))
        } else {
            (None, (0..native.len()).collect())
        };
        self.expect_op(";")?;
        // dt_node_probe: at most UINT8_MAX parameters each way.
        for (kind, n) in [("input", native.len()), ("output", xlated.as_ref().map_or(0, |x| x.len()))] {
            if n > u8::MAX as usize {
                return Err(CompileError::new(
                    ErrTag::D_PROV_PRARGLEN,
                    line,
                    format!(
                        "probe ::{} {} prototype exceeds {} parameters: {} params used",
                        ident.replace("__", "-"),
                        kind,
                        u8::MAX,
                        n
                    ),
                ));
            }
        }
        Ok(ProbeDef {
            // C identifiers cannot hold `-`; DTrace spells it `__` in the definition.
            name: ident.replace("__", "-"),
            native,
            xlated,
            line,
            mapping,
        })
    }

    /// `( )`, `(void)` or `(type [name], ...)`: the parameter types and names, checked as
    /// dt_decl_prototype checks a probe's prototypes. `formals` are the input parameters' names
    /// when this is the output list: its parameters must be named, after input parameters.
    fn parameter_types(
        &mut self,
        kind: &str,
        formals: Option<&[Option<String>]>,
    ) -> PResult<(Vec<TypeName>, Vec<Option<String>>)> {
        self.expect_op("(")?;
        let mut types = Vec::new();
        let mut names: Vec<Option<String>> = Vec::new();
        if self.peek_is_op(")")? {
            self.next()?;
            return Ok((types, names));
        }
        loop {
            let pt = self.peek()?.clone();
            let i = types.len() + 1;
            if pt.tok == Tok::Op("...") {
                return Err(CompileError::new(
                    ErrTag::D_DECL_PROTO_VARARGS,
                    pt.line,
                    format!("{} prototype may not use a variable-length argument list", kind),
                ));
            }
            if let Tok::Kw("register") = self.peek()?.tok {
                self.next()?;
            }
            self.parameter_class()?;
            let mut ty = self.type_name()?;
            let name = match &self.peek()?.tok {
                Tok::Ident(n) => {
                    let n = n.clone();
                    self.next()?;
                    Some(n)
                }
                _ => None,
            };
            ty.words.extend(self.dimensions()?);
            let void = ty.words == ["void"] && ty.ptr == 0;
            if void {
                if let Some(n) = &name {
                    return Err(CompileError::new(
                        ErrTag::D_DECL_PROTO_NAME,
                        pt.line,
                        format!("void parameter may not have a name: {}", n),
                    ));
                }
            }
            if let Some(n) = &name {
                let declared = match formals {
                    Some(f) => f.iter().any(|x| x.as_deref() == Some(n.as_str())),
                    None => names.iter().any(|x| x.as_deref() == Some(n.as_str())),
                };
                if declared != formals.is_some() {
                    return Err(CompileError::new(
                        ErrTag::D_DECL_PROTO_FORM,
                        pt.line,
                        format!(
                            "parameter is {} declared in {} prototype: {}, parameter #{}",
                            if formals.is_some() { "not" } else { "already" },
                            kind,
                            n,
                            i
                        ),
                    ));
                }
            } else if !void && formals.is_some() {
                return Err(CompileError::new(
                    ErrTag::D_DECL_PROTO_NAME,
                    pt.line,
                    format!("parameter declaration requires a name: parameter #{}", i),
                ));
            }
            types.push(ty);
            names.push(name);
            let t = self.next()?;
            match t.tok {
                Tok::Op(",") => continue,
                Tok::Op(")") => break,
                _ => return Err(self.syntax_error(&t)),
            }
        }
        let voids = types.iter().filter(|t| t.words == ["void"] && t.ptr == 0).count();
        if voids > 0 && types.len() > 1 {
            return Err(CompileError::new(
                ErrTag::D_DECL_PROTO_VOID,
                self.lx.line(),
                "void must be sole parameter",
            ));
        }
        // `(void)` declares no parameters, as in C.
        if voids == 1 {
            types.clear();
            names.clear();
        }
        Ok((types, names))
    }
}

/// dt_probe_argmap: the native argument each output argument is, found by name (output
/// arguments may reorder or leave out native ones); an unnamed one is the native argument
/// in its own place.
fn arg_mapping(xnames: &[Option<String>], names: &[Option<String>]) -> Vec<usize> {
    xnames
        .iter()
        .enumerate()
        .map(|(i, x)| {
            x.as_ref()
                .and_then(|x| names.iter().position(|n| n.as_ref() == Some(x)))
                .unwrap_or(i)
        })
        .collect()
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
             \tprobe query__done(int n, const char *s) : (int n, string s);\n\
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
        assert_eq!(p.probes[0].mapping, [0, 1]);
        assert_eq!(p.probes[1].mapping, [0, 1]);
        assert!(p.probes[2].native.is_empty());
        assert!(p.probes[3].native.is_empty());
        assert_eq!(p.probes[3].line, 6);
    }

    #[test]
    fn output_arguments_map_to_native_ones_by_name() {
        let p = provider(
            "provider p { probe q(int a, char *b, long c) : (string b, long c, int a); \
             probe r(int a, int b) : (int b); };",
        );
        assert_eq!(p.probes[0].mapping, [1, 2, 0]);
        assert_eq!(p.probes[1].mapping, [1]);
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
