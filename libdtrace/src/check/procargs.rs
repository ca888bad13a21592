//! `execargs`: the current process's argument string (FreeBSD's and Oracle's built-in variable,
//! and what psinfo_t's pr_psargs is translated from). Read at run time from the process's
//! argument area by the runtime routine dt_execargs (bpf/procargs.c), given the offsets of
//! task_struct.mm, mm_struct.arg_start and mm_struct.arg_end from the kernel's BTF.

use super::ir::{TExpr, TKind};
use super::subr::Subr;
use super::types::{self, Type};
use super::{err, Checker};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::TypeName;

impl<'a> Checker<'a> {
    /// The built-in variable `execargs`; `None` for other names.
    pub(super) fn execargs(
        &mut self,
        name: &str,
        line: u32,
    ) -> Result<Option<TExpr>, CompileError> {
        if name != "execargs" {
            return Ok(None);
        }
        let missing = || {
            err(
                ErrTag::D_IDENT_UNDEF,
                line,
                "failed to resolve execargs: the kernel has no BTF for struct task_struct and struct mm_struct",
            )
        };
        let task = self
            .resolve_type(
                &TypeName {
                    words: vec!["struct".into(), "task_struct".into()],
                    ptr: 0,
                },
                line,
            )
            .map_err(|_| missing())?;
        let mm = task.member("mm").ok_or_else(missing)?;
        let mm_struct = mm.ty.pointee().ok_or_else(missing)?;
        let start = mm_struct.member("arg_start").ok_or_else(missing)?;
        let end = mm_struct.member("arg_end").ok_or_else(missing)?;
        let off = |bits: u32| TExpr {
            kind: TKind::Const((bits / 8) as i64),
            ty: types::ULONG,
            line,
        };
        Ok(Some(TExpr {
            kind: TKind::Subr {
                id: Subr::Execargs,
                args: vec![
                    off(mm.bit_offset),
                    off(start.bit_offset),
                    off(end.bit_offset),
                ],
            },
            ty: Type::Str,
            line,
        }))
    }
}
