//! Lock queries on Linux kernel locks, as Oracle's DTrace defines them: `mutex_owned`,
//! `mutex_owner`, `mutex_type_adaptive`, `mutex_type_spin` on a `struct mutex *`, and
//! `rw_read_held`, `rw_write_held`, `rw_iswriter` on a `rwlock_t *` (a queued rwlock).
//!
//! Each is compiled to reads of the lock word: `mutex.owner` is the owning task's address with
//! flags in its low 3 bits; `rwlock_t.raw_lock.cnts` counts readers from bit 9, with the writer
//! byte (0xff when write-locked) and a waiting-writer bit (0x100) below. Member offsets come
//! from the kernel's BTF, loaded only when a script calls one of these.

use super::ir::*;
use super::types::{self, Type, INT, UINT, ULONG};
use super::{err, Checker};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::{BinOp, Expr, TypeName};

/// The flag bits of `mutex.owner` (`MUTEX_FLAGS`).
const MUTEX_FLAGS: i64 = 0x07;
/// The writer byte of a queued rwlock (`_QW_LOCKED`) and it with the waiting bit (`_QW_WMASK`).
const QW_LOCKED: i64 = 0xff;
const QW_WMASK: i64 = 0x1ff;

#[derive(Clone, Copy, PartialEq)]
enum Query {
    Owned,
    Owner,
    Adaptive,
    Spin,
    ReadHeld,
    WriteHeld,
    IsWriter,
}

fn tx(kind: TKind, ty: Type, line: u32) -> TExpr {
    TExpr { kind, ty, line }
}

fn konst(v: i64, line: u32) -> TExpr {
    tx(TKind::Const(v), ULONG, line)
}

impl<'a> Checker<'a> {
    /// A lock query; `None` when `name` is not one.
    pub(super) fn lock_subr(
        &mut self,
        name: &str,
        args: &[Expr],
        line: u32,
    ) -> Option<Result<TExpr, CompileError>> {
        let q = match name {
            "mutex_owned" => Query::Owned,
            "mutex_owner" => Query::Owner,
            "mutex_type_adaptive" => Query::Adaptive,
            "mutex_type_spin" => Query::Spin,
            "rw_read_held" => Query::ReadHeld,
            "rw_write_held" => Query::WriteHeld,
            "rw_iswriter" => Query::IsWriter,
            _ => return None,
        };
        Some(self.lock_query(name, q, args, line))
    }

    fn lock_query(
        &mut self,
        name: &str,
        q: Query,
        args: &[Expr],
        line: u32,
    ) -> Result<TExpr, CompileError> {
        Self::proto_len(name, args.len(), 1, 1, line)?;
        let mutex = matches!(
            q,
            Query::Owned | Query::Owner | Query::Adaptive | Query::Spin
        );
        let (words, proto): (&[&str], &str) = if mutex {
            (&["struct", "mutex"], "struct mutex *")
        } else {
            (&["rwlock_t"], "rwlock_t *")
        };
        let a = self.expr(&args[0])?;
        let want = self.resolve_type(
            &TypeName {
                words: words.iter().map(|w| w.to_string()).collect(),
                ptr: 0,
            },
            line,
        )?;
        let ok = match a.ty.pointee() {
            Some(p) => p == want || p == Type::Void,
            None => false,
        };
        if !ok {
            return Err(Self::proto_arg(name, 1, proto, a.ty, line));
        }
        // Linux mutexes are all adaptive (they spin only while the owner runs).
        match q {
            Query::Adaptive => return Ok(tx(TKind::Const(1), INT, line)),
            Query::Spin => return Ok(tx(TKind::Const(0), INT, line)),
            _ => {}
        }
        self.lock_word_query(q, a, want, mutex, line)
    }

    fn lock_word_query(
        &mut self,
        q: Query,
        a: TExpr,
        want: Type,
        mutex: bool,
        line: u32,
    ) -> Result<TExpr, CompileError> {
        let path: &[&str] = if mutex {
            &["owner", "counter"]
        } else {
            &["raw_lock", "cnts", "counter"]
        };
        let mut off = 0i64;
        let mut t = want;
        for m in path {
            let mem = t.member(m).ok_or_else(|| {
                err(
                    ErrTag::D_TYPE_MEMBER,
                    line,
                    format!("{} is not a member of {}", m, t),
                )
            })?;
            off += mem.byte_offset() as i64;
            t = mem.ty;
        }
        let word_ty = if mutex { ULONG } else { UINT };
        let addr = tx(
            TKind::PtrAdd {
                base: Box::new(TExpr { ty: ULONG, ..a }),
                index: Box::new(konst(off, line)),
                scale: 1,
            },
            types::pointer(word_ty),
            line,
        );
        let word = tx(TKind::Load(Box::new(addr), None), word_ty, line);
        let and = |c: &mut Self, mask: i64| {
            c.binary(BinOp::BitAnd, word.clone(), konst(mask, line), line)
        };
        match q {
            Query::Owner => {
                let owner = and(self, !MUTEX_FLAGS)?;
                let task = self.resolve_type(
                    &TypeName {
                        words: vec!["struct".into(), "task_struct".into()],
                        ptr: 1,
                    },
                    line,
                )?;
                Ok(TExpr { ty: task, ..owner })
            }
            Query::Owned => {
                let owner = and(self, !MUTEX_FLAGS)?;
                let cur = tx(TKind::Builtin(Builtin::Curthread), ULONG, line);
                self.binary(BinOp::Eq, owner, cur, line)
            }
            Query::ReadHeld => and(self, !QW_WMASK & 0xffff_ffff).map(|e| cast_int(e, line)),
            Query::WriteHeld => and(self, QW_LOCKED).map(|e| cast_int(e, line)),
            Query::IsWriter => and(self, QW_WMASK).map(|e| cast_int(e, line)),
            Query::Adaptive => Ok(tx(TKind::Const(1), INT, line)),
            Query::Spin => Ok(tx(TKind::Const(0), INT, line)),
        }
    }
}

/// The value as the `int` these subroutines return (every value fits).
fn cast_int(e: TExpr, line: u32) -> TExpr {
    tx(TKind::Cast(Box::new(e)), INT, line)
}
