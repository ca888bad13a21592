//! Members of struct and union definitions: their types and bit-field widths, checked as
//! DTrace's dt_decl_member checks them.

use super::ir::TKind;
use super::types::{Members, Type};
use super::{err, Checker};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::{Expr, MemberDecl};

impl<'a> Checker<'a> {
    /// The (name, type, bit-field width or 0) of member `m`, given the members before it;
    /// `None` for an unnamed zero-width bit-field, which DTrace ignores. Unnamed bit-fields
    /// have an empty name, which no D expression can refer to.
    pub(super) fn member_decl(
        &mut self,
        m: &MemberDecl,
        before: &[(String, Type, u8)],
    ) -> Result<Option<(String, Type, u8)>, CompileError> {
        let mt = self.resolve_type(&m.ty, m.line)?;
        let idname = if m.name.is_empty() { "(anon)" } else { &m.name };
        let incomplete = mt.sou().is_some_and(|s| s.members == Members::Incomplete);
        if incomplete {
            return Err(err(
                ErrTag::D_DECL_INCOMPLETE,
                m.line,
                format!("incomplete struct/union/enum {}: {}", mt, m.name),
            ));
        }
        let size = mt.size(self.strsize()).unwrap_or(0);
        if mt == Type::Void || size == 0 {
            return Err(err(
                ErrTag::D_DECL_VOIDOBJ,
                m.line,
                format!("cannot have void member: {}", m.name),
            ));
        }
        let bits = match &m.bits {
            None => 0,
            Some(e) => {
                let width = match self.expr(e)?.kind {
                    TKind::Const(v) => Some(v),
                    _ => None,
                };
                if m.name.is_empty() && width == Some(0) {
                    return Ok(None);
                }
                let Some(width) = width.filter(|&v| v > 0) else {
                    return Err(err(
                        ErrTag::D_DECL_BFCONST,
                        m.line,
                        "positive integral constant expression expected as bit-field size",
                    ));
                };
                if !mt.is_int() {
                    return Err(err(
                        ErrTag::D_DECL_BFTYPE,
                        m.line,
                        format!("invalid type for bit-field: {}", idname),
                    ));
                }
                if width > size as i64 * 8 {
                    return Err(err(
                        ErrTag::D_DECL_BFSIZE,
                        m.line,
                        format!("bit-field too big for type: {}", idname),
                    ));
                }
                width as u8
            }
        };
        if !m.name.is_empty() && before.iter().any(|(n, _, _)| *n == m.name) {
            return Err(err(
                ErrTag::D_UNKNOWN,
                m.line,
                format!(
                    "failed to define member '{}': Duplicate member name",
                    m.name
                ),
            ));
        }
        Ok(Some((m.name.clone(), mt, bits)))
    }

    /// The value assigned to enumerator `name`: an integer constant that fits an int.
    pub(super) fn enumerator_value(&mut self, name: &str, e: &Expr) -> Result<i64, CompileError> {
        let v = match self.expr(e)?.kind {
            TKind::Const(v) => v,
            _ => {
                return Err(err(
                    ErrTag::D_DECL_ENCONST,
                    e.line,
                    format!(
                        "enumerator '{}' must be assigned to an integral constant expression",
                        name
                    ),
                ))
            }
        };
        if v > i32::MAX as i64 || v < i32::MIN as i64 {
            return Err(err(
                ErrTag::D_DECL_ENOFLOW,
                e.line,
                format!("enumerator '{}' value overflows INT_MAX ({})", name, i32::MAX),
            ));
        }
        Ok(v)
    }

    /// The combination of type specifiers in `words`, checked as dt_decl_check and
    /// dt_decl_spec check it: `short`, `long`, `signed` and `unsigned` go with integer types
    /// (`long` with floating-point ones too), not with `char` (short, long) or `void`, and one
    /// type name at most.
    pub(super) fn check_specifiers(&self, words: &[String], line: u32) -> Result<(), CompileError> {
        let words: Vec<&str> = words
            .iter()
            .map(String::as_str)
            .filter(|w| !w.starts_with('['))
            .collect();
        if words.len() < 2 {
            return Ok(());
        }
        let (mut short, mut long, mut sign) = (false, false, false);
        let mut names: Vec<&str> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match words[i] {
                "short" => short = true,
                "long" => long = true,
                "signed" | "unsigned" => sign = true,
                "struct" | "union" | "enum" => {
                    names.push(words[i]);
                    i += 1;
                }
                w => names.push(w),
            }
            i += 1;
        }
        if names.len() > 1 {
            return Err(err(ErrTag::D_DECL_COMBO, line, "invalid type combination"));
        }
        let Some(&name) = names.first() else {
            return Ok(());
        };
        let integer = matches!(name, "char" | "int" | "void");
        if name == "char" && (short || long) {
            return Err(err(
                ErrTag::D_DECL_CHARATTR,
                line,
                "invalid type declaration: short and long may not be used with char type",
            ));
        }
        if name == "void" && (short || long || sign) {
            return Err(err(
                ErrTag::D_DECL_VOIDATTR,
                line,
                "invalid type declaration: attributes may not be used with void type",
            ));
        }
        if !integer && sign {
            return Err(err(
                ErrTag::D_DECL_SIGNINT,
                line,
                "invalid type declaration: signed and unsigned may only be used with integer type",
            ));
        }
        if !integer && !matches!(name, "float" | "double") && long {
            return Err(err(
                ErrTag::D_DECL_LONGINT,
                line,
                "invalid type declaration: long and long long may only be used with integer or floating-point type",
            ));
        }
        Ok(())
    }
}
