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
        Ok(ProviderDef {
            name,
            probes,
            line,
        })
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
