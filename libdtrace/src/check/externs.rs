//! `extern` declarations and kernel symbol references (`` `sym ``, `` vmlinux`sym ``).
//!
//! As in DTrace, `extern type name;` gives a kernel symbol a type (dt_node_decl's
//! DT_DC_EXTERN): the symbol is then an object of that type, read where it is named, either
//! as `name` (when no D variable has that name) or as `` `name ``. A data symbol with no type
//! known is DTrace's D_SYM_NOTYPES; a function symbol stays its address, as before. BTF has
//! no types for ordinary kernel variables (only per-CPU ones), so `extern` is how a program
//! reads one.

use std::sync::OnceLock;

use super::ir::{TExpr, TKind};
use super::types::{self, Type};
use super::{err, Checker};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast;

/// A kernel symbol from `/proc/kallsyms`: its address and whether it is code.
struct KSym {
    addr: u64,
    text: bool,
}

/// A kernel symbol by name. `/proc/kallsyms` is read once per process and scanned per
/// lookup: building a table of its hundred thousand lines costs more than the few lookups
/// a program makes.
fn lookup(name: &str) -> Option<KSym> {
    static TEXT: OnceLock<String> = OnceLock::new();
    let text = TEXT.get_or_init(|| std::fs::read_to_string("/proc/kallsyms").unwrap_or_default());
    for line in text.lines() {
        // address kind name [module]
        let mut it = line.splitn(4, ' ');
        let (Some(addr), Some(kind), Some(sym)) = (it.next(), it.next(), it.next()) else {
            continue;
        };
        let sym = sym.split(['\t', ' ']).next().unwrap_or(sym);
        if sym != name {
            continue;
        }
        let addr = u64::from_str_radix(addr, 16).ok()?;
        // Without privilege the kernel shows zeros: such symbols are unknown.
        if addr == 0 {
            return None;
        }
        let text = matches!(kind, "t" | "T" | "w" | "W");
        return Some(KSym { addr, text });
    }
    None
}

impl<'a> Checker<'a> {
    /// `extern type name;` at file scope.
    pub(super) fn extern_decl(&mut self, d: &ast::Decl) -> Result<(), CompileError> {
        let ty = self.resolve_type(&d.ty, d.line)?;
        if ty == Type::Void {
            return Err(err(
                ErrTag::D_DECL_VOIDOBJ,
                d.line,
                format!("cannot have void object: {}", d.name),
            ));
        }
        if let Some(prev) = self.syms.tsyms.externs.get(&d.name) {
            if *prev != ty {
                return Err(err(
                    ErrTag::D_DECL_IDRED,
                    d.line,
                    format!(
                        "identifier redeclared: D`{}\n\t current: {}\n\tprevious: {}",
                        d.name, ty, prev
                    ),
                ));
            }
        }
        self.syms.tsyms.externs.insert(d.name.clone(), ty);
        Ok(())
    }

    /// `name` declared `extern`: the symbol's object. `None` when `name` is no extern.
    pub(super) fn extern_ident(
        &mut self,
        name: &str,
        line: u32,
    ) -> Result<Option<TExpr>, CompileError> {
        if !self.syms.tsyms.externs.contains_key(name) {
            return Ok(None);
        }
        self.kernel_symbol(name, name, line).map(Some)
    }

    /// `` `sym `` or `` module`sym ``, `written` as in the source.
    pub(super) fn scoped_symbol(
        &mut self,
        written: &str,
        line: u32,
    ) -> Result<Option<TExpr>, CompileError> {
        let sym = written.rsplit('`').next().unwrap_or(written);
        if lookup(sym).is_none() {
            return Err(err(
                ErrTag::D_SYM_BADREF,
                line,
                format!("failed to resolve {}: Unknown symbol name", written),
            ));
        }
        self.kernel_symbol(written, sym, line).map(Some)
    }

    fn kernel_symbol(
        &mut self,
        written: &str,
        sym: &str,
        line: u32,
    ) -> Result<TExpr, CompileError> {
        let Some(k) = lookup(sym) else {
            return Err(err(
                ErrTag::D_IDENT_UNDEF,
                line,
                format!("failed to resolve {}: Unknown symbol name", written),
            ));
        };
        if let Some(ty) = self.syms.tsyms.externs.get(sym).copied() {
            let addr = TExpr {
                kind: TKind::Const(k.addr as i64),
                ty: types::pointer(ty),
                line,
            };
            return self.deref_at(addr, ty, None, line);
        }
        if k.text {
            return Ok(TExpr {
                kind: TKind::Const(k.addr as i64),
                ty: types::pointer(Type::Void),
                line,
            });
        }
        Err(err(
            ErrTag::D_SYM_NOTYPES,
            line,
            format!(
                "no symbolic type information is available for vmlinux`{}: No type information available for symbol",
                sym
            ),
        ))
    }
}
