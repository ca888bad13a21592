//! D's subroutines (strlen, strjoin, substr, ...): their prototypes as DTrace declares them, and
//! the checks of a call against them with DTrace's messages.

use super::ir::{TClause, TExpr, TKind};
use super::types::{Type, INT, LONG, UINT, ULONG};
use super::Checker;
use crate::error::CompileError;
use crate::parse::ast::{Expr, ExprKind};

/// A subroutine call in the typed IR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subr {
    Strlen,
    Strjoin,
    Substr,
    Index,
    Rindex,
    Strchr,
    Strrchr,
    Strstr,
    Strtok,
    Lltostr,
    Toupper,
    Tolower,
    Basename,
    Dirname,
    Cleanpath,
    Strtoll,
    InetNtoa,
    InetNtoa6,
    InetNtop,
    Htons,
    Htonl,
    Htonll,
    Ntohs,
    Ntohl,
    Ntohll,
    Rand,
    Progenyof,
    Getmajor,
    Getminor,
    /// The built-in variable `execargs` (check/procargs.rs), not callable by name.
    Execargs,
    /// `d_path(struct path *)`; the checker appends the packed struct offsets it walks with
    /// (btf_offsets::d_path) as two constant arguments.
    DPath,
    LinkNtop,
}

/// A parameter of a prototype: a string, or an integer (addresses included) of the named type.
#[derive(Debug, Clone, Copy)]
enum Param {
    Str,
    Int(&'static str),
}

use Param::{Int as I, Str as S};

const U16: Type = Type::Int {
    size: 2,
    signed: false,
};

/// (subroutine, return type, parameters, number of required parameters).
fn proto(name: &str) -> Option<(Subr, Type, &'static [Param], usize)> {
    use Subr::*;
    const STR1: &[Param] = &[S];
    const STR2: &[Param] = &[S, S];
    Some(match name {
        "strlen" => (Strlen, ULONG, STR1, 1),
        "strjoin" => (Strjoin, Type::Str, STR2, 2),
        "substr" => (Substr, Type::Str, &[S, I("int"), I("int")], 2),
        "index" => (Index, INT, &[S, S, I("int")], 2),
        "rindex" => (Rindex, INT, &[S, S, I("int")], 2),
        "strchr" => (Strchr, Type::Str, &[S, I("char")], 2),
        "strrchr" => (Strrchr, Type::Str, &[S, I("char")], 2),
        "strstr" => (Strstr, Type::Str, STR2, 2),
        "strtok" => (Strtok, Type::Str, STR2, 2),
        "lltostr" => (Lltostr, Type::Str, &[I("int64_t"), I("int")], 1),
        "toupper" => (Toupper, Type::Str, STR1, 1),
        "tolower" => (Tolower, Type::Str, STR1, 1),
        "basename" => (Basename, Type::Str, STR1, 1),
        "dirname" => (Dirname, Type::Str, STR1, 1),
        "cleanpath" => (Cleanpath, Type::Str, STR1, 1),
        "strtoll" => (Strtoll, LONG, &[S, I("int")], 1),
        "inet_ntoa" => (InetNtoa, Type::Str, &[I("ipaddr_t *")], 1),
        "inet_ntoa6" => (InetNtoa6, Type::Str, &[I("struct in6_addr *")], 1),
        "inet_ntop" => (InetNtop, Type::Str, &[I("int"), I("void *")], 2),
        "htons" => (Htons, U16, &[I("uint16_t")], 1),
        "ntohs" => (Ntohs, U16, &[I("uint16_t")], 1),
        "htonl" => (Htonl, UINT, &[I("uint32_t")], 1),
        "ntohl" => (Ntohl, UINT, &[I("uint32_t")], 1),
        "htonll" => (Htonll, ULONG, &[I("uint64_t")], 1),
        "ntohll" => (Ntohll, ULONG, &[I("uint64_t")], 1),
        "rand" => (Rand, INT, &[], 0),
        "progenyof" => (Progenyof, INT, &[I("pid_t")], 1),
        // Linux's dev_t is a 32-bit unsigned integer.
        "getmajor" => (Getmajor, UINT, &[I("dev_t")], 1),
        "getminor" => (Getminor, UINT, &[I("dev_t")], 1),
        "d_path" => (DPath, Type::Str, &[I("struct path *")], 1),
        "link_ntop" => (LinkNtop, Type::Str, &[I("int"), I("void *")], 2),
        _ => return None,
    })
}

impl<'a> Checker<'a> {
    /// A call to subroutine `name`, or `None` when `name` is not one.
    pub(super) fn subr(
        &mut self,
        name: &str,
        args: &[Expr],
        line: u32,
    ) -> Option<Result<TExpr, CompileError>> {
        let (id, ret, params, required) = proto(name)?;
        Some(
            self.subr_args(name, id, params, required, args, line)
                .and_then(|mut args| {
                    if id == Subr::DPath {
                        args.extend(d_path_offsets(line)?);
                    }
                    Ok(TExpr {
                        kind: TKind::Subr { id, args },
                        ty: ret,
                        line,
                    })
                }),
        )
    }

    fn subr_args(
        &mut self,
        name: &str,
        id: Subr,
        params: &[Param],
        required: usize,
        args: &[Expr],
        line: u32,
    ) -> Result<Vec<TExpr>, CompileError> {
        Self::proto_len(name, args.len(), required, params.len(), line)?;
        let mut out = Vec::with_capacity(args.len());
        for (i, (a, p)) in args.iter().zip(params).enumerate() {
            // strtok(NULL, delims) continues the previous string.
            if id == Subr::Strtok && i == 0 && matches!(&a.kind, ExprKind::Ident(n) if n == "NULL")
            {
                out.push(TExpr {
                    kind: TKind::Const(0),
                    ty: ULONG,
                    line,
                });
                continue;
            }
            let t = self.expr(a)?;
            let ok = match p {
                Param::Str => {
                    t.ty == Type::Str || (id == Subr::Strtok && i == 0 && t.kind == TKind::Const(0))
                }
                // A pointer parameter (`ipaddr_t *`) takes any pointer, as an address.
                Param::Int(n) => t.ty.is_int() || (n.ends_with('*') && t.ty.is_ptr()),
            };
            if !ok {
                let proto = match p {
                    Param::Str => "const char *",
                    Param::Int(n) => n,
                };
                return Err(Self::proto_arg(name, i + 1, proto, t.ty, line));
            }
            out.push(t);
        }
        Ok(out)
    }
}

/// The two words of struct offsets `d_path()` walks a path with, as constants.
fn d_path_offsets(line: u32) -> Result<[TExpr; 2], CompileError> {
    let (a, b) = super::types::kernel_btf()
        .and_then(crate::btf_offsets::d_path)
        .ok_or_else(|| {
            CompileError::new(
                crate::error::ErrTag::D_TYPE_ERR,
                line,
                "d_path( ) needs the kernel's BTF for struct path, dentry and mount, which is not available",
            )
        })?;
    let c = |v: u64| TExpr {
        kind: TKind::Const(v as i64),
        ty: ULONG,
        line,
    };
    Ok([c(a), c(b)])
}

/// Whether the clause calls a subroutine that walks task structures (needs BTF offsets).
pub fn uses_task(c: &TClause) -> bool {
    let mut found = false;
    c.walk(&mut |e| {
        found |= matches!(
            e.kind,
            TKind::Subr {
                id: Subr::Progenyof,
                ..
            }
        )
    });
    found
}

/// Whether the clause calls `strtok` (needs the per-CPU subroutine state).
pub fn uses_strtok(c: &TClause) -> bool {
    let mut found = false;
    c.walk(&mut |e| {
        found |= matches!(
            e.kind,
            TKind::Subr {
                id: Subr::Strtok,
                ..
            }
        )
    });
    found
}
