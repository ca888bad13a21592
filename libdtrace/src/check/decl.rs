//! Type definitions, `inline`s and translators, the type names programs write, and the D
//! library (`dlib/*.d`: `psinfo_t`, `curpsinfo` ...) loaded on first reference.

use std::collections::HashMap;

use super::ir::TExpr;
use super::types::{self, Members, Sou, Type, TypeScope};
use super::{err, Checker};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::{self, Expr, ExprKind, TypeName};

/// The D library shipped with the tool, in the order it must be read.
const DLIB: &[(&str, &str)] = &[
    ("procfs.d", include_str!("../../dlib/procfs.d")),
    ("io.d", include_str!("../../dlib/io.d")),
    ("ip.d", include_str!("../../dlib/ip.d")),
    ("tcp.d", include_str!("../../dlib/tcp.d")),
    ("udp.d", include_str!("../../dlib/udp.d")),
    ("errno.d", include_str!("../../dlib/errno.d")),
    ("signal.d", include_str!("../../dlib/signal.d")),
];

/// Type and translator names the library defines; an unknown name among these, or among
/// its inlines ([`dlib_defines`]), loads it.
const DLIB_NAMES: &[&str] = &[
    "curpsinfo",
    "curlwpsinfo",
    "curcpu",
    "timestruc_t",
    "timestruc",
    "psetid_t",
    "dprojid_t",
    "poolid_t",
    "PR_MODEL_ILP32",
    "PR_MODEL_LP64",
    "PIDTYPE_PID",
    "PIDTYPE_TGID",
    "PIDTYPE_PGID",
    "PIDTYPE_SID",
    "PR_STOPPED",
    "PR_ISTOP",
    "PR_DSTOP",
    "PR_IDLE",
    "SSLEEP",
    "SRUN",
    "SZOMB",
    "SSTOP",
    "SIDL",
    "SONPROC",
    "SWAIT",
    "CLD_EXITED",
    "CLD_KILLED",
    "CLD_DUMPED",
    "CLD_TRAPPED",
    "CLD_STOPPED",
    "CLD_CONTINUED",
    "psinfo_t",
    "lwpsinfo_t",
    "cpuinfo_t",
    "psinfo",
    "lwpsinfo",
    "cpuinfo",
    "bufinfo_t",
    "devinfo_t",
    "fileinfo_t",
    "bufinfo",
    "devinfo",
    "fileinfo",
    "B_READ",
    "B_WRITE",
    "B_BUSY",
    "B_DONE",
    "B_ERROR",
    "B_PAGEIO",
    "B_PHYS",
    "B_ASYNC",
    "pktinfo_t",
    "ifinfo_t",
    "ipv4info_t",
    "ipv6info_t",
    "udpinfo_t",
    "udpsinfo_t",
    "void_ip_t",
    "ipaddr_t",
    "in6_addr_t",
    "netstackid_t",
    "csinfo_t",
    "ipinfo_t",
    "tcpsinfo_t",
    "tcplsinfo_t",
    "tcpinfo_t",
    "pktinfo",
    "csinfo",
    "ipinfo",
    "tcpsinfo",
    "tcplsinfo",
    "tcpinfo",
    "IPPROTO_IP",
    "IPPROTO_ICMP",
    "IPPROTO_IGMP",
    "IPPROTO_TCP",
    "IPPROTO_UDP",
    "IPPROTO_IPV6",
    "IPPROTO_ICMPV6",
    "IPPROTO_SCTP",
    "IPPROTO_RAW",
    "AF_INET",
    "AF_INET6",
    "TH_FIN",
    "TH_SYN",
    "TH_RST",
    "TH_PSH",
    "TH_ACK",
    "TH_URG",
    "TH_ECE",
    "TH_CWR",
    "TCP_STATE_IDLE",
    "TCP_STATE_ESTABLISHED",
    "TCP_STATE_SYN_SENT",
    "TCP_STATE_SYN_RECEIVED",
    "TCP_STATE_FIN_WAIT_1",
    "TCP_STATE_FIN_WAIT_2",
    "TCP_STATE_TIME_WAIT",
    "TCP_STATE_CLOSED",
    "TCP_STATE_CLOSE_WAIT",
    "TCP_STATE_LAST_ACK",
    "TCP_STATE_LISTEN",
    "TCP_STATE_CLOSING",
];

/// Whether the D library defines `name`: one of [`DLIB_NAMES`] or any of its inlines (read
/// from the library's text once, so a new inline needs no list entry).
pub(super) fn dlib_defines(name: &str) -> bool {
    static INLINES: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    DLIB_NAMES.contains(&name)
        || INLINES
            .get_or_init(|| {
                DLIB.iter()
                    .flat_map(|(_, text)| text.lines())
                    .filter_map(|l| {
                        // `inline T name = ...;` or `inline T name[params] = ...`
                        let decl = l.strip_prefix("inline ")?;
                        let head = decl.split(['=', '[']).next()?;
                        let name = head.split_whitespace().last()?;
                        Some(name.trim_start_matches('*'))
                    })
                    .collect()
            })
            .contains(name)
}

/// An `inline`: its type and the expression substituted where it is named.
#[derive(Debug, Clone)]
pub struct Inline {
    pub ty: Type,
    pub expr: Expr,
    /// The parameters of `inline T name[T1 p1, ...] = expr;`, named and typed; `None` for a
    /// plain inline (check/inlines.rs).
    pub params: Option<Vec<(String, Type)>>,
}

/// A translator from `input` to the struct `out`.
#[derive(Debug, Clone)]
pub struct Xlator {
    pub out: Type,
    pub input: Type,
    pub param: String,
    pub members: Vec<(String, Expr)>,
}

/// What a handle knows about declared types, inlines and translators.
#[derive(Debug, Default)]
pub struct TypeSyms {
    pub scope: TypeScope,
    pub inlines: HashMap<String, Inline>,
    pub xlators: Vec<Xlator>,
    pub dlib_loaded: bool,
    /// The `libdir` directories have been read (check/libdirs.rs).
    pub libs_loaded: bool,
    /// Translator parameters in scope while a translated member is checked.
    pub(super) bindings: Vec<(String, TExpr)>,
    /// Inlines being expanded (a self-referencing inline is an error, not a loop).
    pub(super) expanding: Vec<String>,
    /// Kernel symbols declared `extern`, with their types (check/externs.rs).
    pub externs: HashMap<String, Type>,
    /// Probes of the providers defined so far, with their output argument types: a provider
    /// defined again must declare the same interface (check/provider.rs).
    pub providers: HashMap<String, Vec<(String, Vec<crate::parse::ast::TypeName>)>>,
    /// The argument types of the probes of the providers defined so far, by provider and
    /// probe: the types of their usdt probes (check/usdtxl.rs).
    pub usdt_defs: HashMap<String, HashMap<String, crate::provider::usdtdefs::UsdtTypes>>,
    /// Attributes `#pragma D attributes ... translator` gave the translators to a type
    /// (check/attrs.rs).
    pub xlator_attrs: Vec<(Type, super::attrs::Attr)>,
    /// The variables the program being checked assigns or declares (check/langerr.rs).
    pub(super) assigned: Option<std::collections::HashSet<String>>,
}

impl<'a> Checker<'a> {
    /// Resolve a type as written to a type; errors with DTrace's D_TYPE_ERR when unknown.
    pub(super) fn resolve_type(&mut self, tn: &TypeName, line: u32) -> Result<Type, CompileError> {
        let dims: Vec<u32> = tn
            .words
            .iter()
            .filter_map(|w| w.strip_prefix('[')?.strip_suffix(']')?.parse().ok())
            .collect();
        let words: Vec<String> = tn
            .words
            .iter()
            .filter(|w| !w.starts_with('['))
            .cloned()
            .collect();
        let mut t = self.base_type(&words, line)?;
        for _ in 0..tn.ptr {
            t = types::pointer(t);
        }
        for &n in dims.iter().rev() {
            t = types::array(t, n);
        }
        Ok(t)
    }

    fn base_type(&mut self, words: &[String], line: u32) -> Result<Type, CompileError> {
        self.check_specifiers(words, line)?;
        if let Some(t) = self.declared_type(words) {
            return Ok(t);
        }
        if let Some(t) = types::from_words(words) {
            return Ok(t);
        }
        if !self.syms.tsyms.dlib_loaded
            && words
                .last()
                .map(|w| dlib_defines(w))
                .unwrap_or(false)
        {
            self.load_dlib()?;
            return self.base_type(words, line);
        }
        if let Some(t) = types::kernel_type(words) {
            return Ok(t);
        }
        // A tag nobody defined names an incomplete struct, as in C.
        if words.len() == 2 && matches!(words[0].as_str(), "struct" | "union") {
            return Ok(self.forward(words[0] == "union", &words[1]));
        }
        Err(err(
            ErrTag::D_TYPE_ERR,
            line,
            format!("failed to resolve type {}: Unknown type name", words.join(" ")),
        ))
    }

    fn declared_type(&self, words: &[String]) -> Option<Type> {
        let sc = &self.syms.tsyms.scope;
        match words {
            [k, n] if k == "struct" => sc.structs.get(n).copied(),
            [k, n] if k == "union" => sc.unions.get(n).copied(),
            [k, n] if k == "enum" => sc.enums.get(n).copied(),
            [n] => sc.typedefs.get(n).copied(),
            _ => None,
        }
    }

    fn forward(&mut self, union: bool, name: &str) -> Type {
        let map = if union {
            &mut self.syms.tsyms.scope.unions
        } else {
            &mut self.syms.tsyms.scope.structs
        };
        *map.entry(name.to_string()).or_insert_with(|| {
            types::new_sou(Sou {
                name: name.to_string(),
                union,
                size: 0,
                align: 1,
                members: Members::Incomplete,
            })
        })
    }

    /// `struct`/`union`/`enum` definitions and `typedef`.
    pub(super) fn type_def(&mut self, d: &ast::TypeDef) -> Result<(), CompileError> {
        match d {
            ast::TypeDef::Sou {
                union,
                name,
                members,
                line,
            } => {
                let ty = self.forward(*union, name);
                let Some(members) = members else {
                    return Ok(());
                };
                if ty.sou().map(|s| s.members != Members::Incomplete).unwrap_or(false) {
                    return Err(err(
                        ErrTag::D_DECL_TYPERED,
                        *line,
                        format!(
                            "type redeclared: {} {}",
                            if *union { "union" } else { "struct" },
                            name
                        ),
                    ));
                }
                let mut ms = Vec::with_capacity(members.len());
                for m in members {
                    if let Some(bits) = self.member_decl(m, &ms)? {
                        ms.push(bits);
                    }
                    types::names::set_member_type_name(ty, &m.name, types::names::spelled(&m.ty.words, m.ty.ptr));
                }
                let (members, size, align) = types::layout(*union, &ms, self.strsize());
                types::define_sou(
                    ty,
                    Sou {
                        name: name.clone(),
                        union: *union,
                        size,
                        align,
                        members: Members::Known(members),
                    },
                );
                Ok(())
            }
            ast::TypeDef::Enum { name, values, line } => {
                let mut next = 0i64;
                let mut named = Vec::with_capacity(values.len());
                for (n, v) in values {
                    if let Some(e) = v {
                        next = self.enumerator_value(n, e)?;
                    }
                    if self.syms.tsyms.scope.enumerators.contains_key(n) {
                        return Err(err(
                            ErrTag::D_DECL_IDRED,
                            *line,
                            format!("identifier redeclared: {}", n),
                        ));
                    }
                    self.syms.tsyms.scope.enumerators.insert(n.clone(), next);
                    named.push((n.clone(), next));
                    next = next.wrapping_add(1);
                }
                types::names::set_enum(name, named);
                self.syms
                    .tsyms
                    .scope
                    .enums
                    .insert(name.clone(), types::INT);
                Ok(())
            }
            ast::TypeDef::Typedef { ty, name, line } => {
                let t = self.resolve_type(ty, *line)?;
                self.note_typedef_enum(ty, name);
                self.syms.tsyms.scope.typedefs.insert(name.clone(), t);
                Ok(())
            }
        }
    }

    pub(super) fn inline_def(
        &mut self,
        ty: &TypeName,
        name: &str,
        params: Option<&[(TypeName, Option<String>)]>,
        expr: &Expr,
        line: u32,
    ) -> Result<(), CompileError> {
        let t = self.resolve_type(ty, line)?;
        let params = match params {
            None => None,
            Some(ps) => Some(self.inline_params(ps, line)?),
        };
        // dt_node_inline: a built-in variable is a global identifier already.
        if self.builtin(name).is_some() || super::expr::arg_index(name).is_some() {
            return Err(err(
                ErrTag::D_DECL_IDRED,
                line,
                format!(
                    "identifier redefined: {}\n\t current: inline definition\n\tprevious: scalar ",
                    name
                ),
            ));
        }
        if self.syms.tsyms.inlines.contains_key(name) || self.syms.global(name).is_some() {
            return Err(err(
                ErrTag::D_DECL_IDRED,
                line,
                format!("identifier redeclared: {}", name),
            ));
        }
        self.syms.tsyms.inlines.insert(
            name.to_string(),
            Inline {
                ty: t,
                expr: expr.clone(),
                params,
            },
        );
        self.note_inline_enum(ty, name);
        Ok(())
    }

    pub(super) fn translator_def(&mut self, x: &ast::Translator) -> Result<(), CompileError> {
        let out = self.resolve_type(&x.out, x.line)?;
        let input = self.resolve_type(&x.input, x.line)?;
        let Some(sou) = out.sou() else {
            return Err(err(
                ErrTag::D_XLATE_SOU,
                x.line,
                format!("translator output type must be a struct or union: {}", out),
            ));
        };
        if sou.members == Members::Incomplete {
            return Err(err(
                ErrTag::D_XLATE_SOU,
                x.line,
                format!("incomplete struct/union/enum {}", out),
            ));
        }
        if self
            .syms
            .tsyms
            .xlators
            .iter()
            .any(|t| t.out == out && t.input == input)
        {
            return Err(err(
                ErrTag::D_XLATE_REDECL,
                x.line,
                format!("translator from {} to {} has already been declared", input, out),
            ));
        }
        for (m, e) in &x.members {
            if member_path(out, m).is_none() {
                return Err(err(
                    ErrTag::D_XLATE_MEMB,
                    e.line,
                    format!("translator member {} is not a member of {}", m, out),
                ));
            }
        }
        self.syms.tsyms.xlators.push(Xlator {
            out,
            input,
            param: x.param.clone(),
            members: x.members.clone(),
        });
        Ok(())
    }

    /// Read the D library into this handle's symbols.
    pub(super) fn load_dlib(&mut self) -> Result<(), CompileError> {
        if self.syms.tsyms.dlib_loaded {
            return Ok(());
        }
        self.syms.tsyms.dlib_loaded = true;
        if self.opts.is_set("nolibs") {
            return Ok(());
        }
        let mem = super::sysmem::dlib_source();
        let sources = std::iter::once(("sysmem", mem.as_str())).chain(DLIB.iter().copied());
        for (file, src) in sources {
            let prog = crate::parse::parse_program(src).map_err(|e| {
                CompileError::lineless(e.tag, format!("{}: {}", file, e.render(false)))
            })?;
            for item in &prog.items {
                let r = match item {
                    ast::Item::Type(t) => self.type_def(t),
                    ast::Item::Inline {
                        ty,
                        name,
                        params,
                        expr,
                        line,
                    } => self.inline_def(ty, name, params.as_deref(), expr, *line),
                    ast::Item::Translator(x) => self.translator_def(x),
                    _ => Ok(()),
                };
                r.map_err(|e| {
                    CompileError::lineless(e.tag, format!("{}: {}", file, e.render(false)))
                })?;
            }
        }
        Ok(())
    }

    /// Identifiers this module resolves: translator parameters, inlines, enumerators,
    /// `curthread`, kernel symbols, and the library's names. `None` when none applies.
    pub(super) fn ident_ext(
        &mut self,
        name: &str,
        line: u32,
    ) -> Result<Option<TExpr>, CompileError> {
        if let Some((_, t)) = self
            .syms
            .tsyms
            .bindings
            .iter()
            .rev()
            .find(|(n, _)| n == name)
        {
            let mut t = t.clone();
            t.line = line;
            return Ok(Some(t));
        }
        if let Some(v) = self.syms.tsyms.scope.enumerators.get(name) {
            return Ok(Some(TExpr {
                kind: super::ir::TKind::Const(*v),
                ty: types::INT,
                line,
            }));
        }
        if let Some(inl) = self.syms.tsyms.inlines.get(name).cloned() {
            if inl.params.is_some() {
                return Err(err(
                    ErrTag::D_IDENT_BADREF,
                    line,
                    format!("array '{}' may not be referenced as scalar", name),
                ));
            }
            if self.syms.tsyms.expanding.iter().any(|n| n == name) {
                return Err(err(
                    ErrTag::D_IDENT_UNDEF,
                    line,
                    format!("failed to resolve {}: inline refers to itself", name),
                ));
            }
            self.syms.tsyms.expanding.push(name.to_string());
            let r = self.expr(&inl.expr);
            self.syms.tsyms.expanding.pop();
            let mut t = r?;
            t.line = line;
            return Ok(Some(self.convert(t, inl.ty, line)?));
        }
        if name == "curthread" {
            let task = self
                .base_type(&["struct".into(), "task_struct".into()], line)
                .ok()
                .filter(|t| t.sou().map(|s| s.members != Members::Incomplete).unwrap_or(false))
                .ok_or_else(|| {
                    err(
                        ErrTag::D_IDENT_UNDEF,
                        line,
                        "failed to resolve curthread: the kernel has no BTF for struct task_struct",
                    )
                })?;
            return Ok(Some(TExpr {
                kind: super::ir::TKind::Builtin(super::ir::Builtin::Curthread),
                ty: types::pointer(task),
                line,
            }));
        }
        if let Some(t) = self.extern_ident(name, line)? {
            return Ok(Some(t));
        }
        if name.contains('`') {
            if let Some(t) = self.scoped_symbol(name, line)? {
                return Ok(Some(t));
            }
        }
        if let Some(sym) = name.strip_prefix('`').or_else(|| name.split_once('`').map(|(_, s)| s)) {
            return match types::ksym(sym) {
                Some(addr) => Ok(Some(TExpr {
                    kind: super::ir::TKind::Const(addr as i64),
                    ty: types::pointer(Type::Void),
                    line,
                })),
                None => Err(err(
                    ErrTag::D_SYM_BADREF,
                    line,
                    format!("failed to resolve {}: Unknown symbol name", name),
                )),
            };
        }
        if !self.syms.tsyms.dlib_loaded && dlib_defines(name) {
            self.load_dlib()?;
            return self.ident_ext(name, line);
        }
        Ok(None)
    }

    /// An inline's or translated member's value converted to its declared type.
    pub(super) fn convert(&mut self, t: TExpr, to: Type, line: u32) -> Result<TExpr, CompileError> {
        if t.ty == to {
            return Ok(t);
        }
        match (to, t.ty) {
            (Type::Int { .. }, Type::Int { .. }) => {
                if let super::ir::TKind::Const(v) = t.kind {
                    return Ok(TExpr {
                        kind: super::ir::TKind::Const(super::normalize(v, to)),
                        ty: to,
                        line,
                    });
                }
                Ok(TExpr {
                    kind: super::ir::TKind::Cast(Box::new(t)),
                    ty: to,
                    line,
                })
            }
            (Type::Ptr(_) | Type::Int { .. }, Type::Ptr(_) | Type::Int { .. }) => Ok(TExpr {
                ty: to,
                ..t
            }),
            (Type::Str, _) if t.ty.is_strcompat() => Ok(self.as_string(t)),
            (Type::Array(_), Type::Array(_)) | (Type::Array(_), Type::Str) => Ok(t),
            _ => Err(err(
                ErrTag::D_OP_INCOMPAT,
                line,
                format!("operands have incompatible types: \"{}\" = \"{}\"", to, t.ty),
            )),
        }
    }

    /// `xlate`d member access: `xlate<T *>(e)->m`, `xlate<T>(e).m`, or through an inline
    /// whose value is such an `xlate` (`curpsinfo->pr_pid`). `None` when `base` is no
    /// translation.
    pub(super) fn xlate_member(
        &mut self,
        base: &Expr,
        member: &str,
        arrow: bool,
        line: u32,
    ) -> Result<Option<TExpr>, CompileError> {
        // `x->a.b.c` with `x->a` translated: the translator's member `a.b.c`.
        if !arrow {
            let mut path = vec![member];
            let mut b = base;
            while let ExprKind::Member {
                expr: inner,
                member: m,
                arrow: a,
            } = &b.kind
            {
                if *a || !matches!(inner.kind, ExprKind::Member { .. }) {
                    path.reverse();
                    let sub = path.join(".");
                    return self.xlate_member_at(inner, m, *a, Some(&sub), line);
                }
                path.push(m);
                b = inner;
            }
        }
        self.xlate_member_at(base, member, arrow, None, line)
    }

    /// `base->member` (or `.member`) on a translation, then `.outer` when given.
    fn xlate_member_at(
        &mut self,
        base: &Expr,
        member: &str,
        arrow: bool,
        outer: Option<&str>,
        line: u32,
    ) -> Result<Option<TExpr>, CompileError> {
        let mut b = base.clone();
        // The arguments of an inline with parameters (`fds[1].fi_name`), bound while the
        // translated expression is checked.
        let mut params = Vec::new();
        // Follow inlines to the xlate they stand for.
        for _ in 0..8 {
            match &b.kind {
                ExprKind::Index { base: ib, keys } if params.is_empty() => {
                    let ExprKind::Ident(n) = &ib.kind else {
                        return Ok(None);
                    };
                    if !self.syms.tsyms.dlib_loaded && dlib_defines(n) {
                        self.load_dlib()?;
                    }
                    match self.syms.tsyms.inlines.get(n).cloned() {
                        Some(inl)
                            if inl.params.is_some()
                                && matches!(inl.expr.kind, ExprKind::Xlate { .. }) =>
                        {
                            params = self.inline_args(n, &inl, keys, line)?;
                            b = inl.expr.clone();
                        }
                        _ => return Ok(None),
                    }
                }
                ExprKind::Ident(n) => {
                    if !self.syms.tsyms.dlib_loaded && dlib_defines(n) {
                        self.load_dlib()?;
                    }
                    match self.syms.tsyms.inlines.get(n) {
                        Some(inl) if matches!(inl.expr.kind, ExprKind::Xlate { .. }) => {
                            b = inl.expr.clone()
                        }
                        _ => return Ok(None),
                    }
                }
                _ => break,
            }
        }
        // A choice between translations of the same type (`args[3]` of a clause on
        // tcp:::send and tcp:::receive): the member of the one chosen.
        if let ExprKind::Ternary { cond, then, els } = &b.kind {
            let member_of = |e: &Expr| Expr {
                kind: ExprKind::Member {
                    expr: Box::new(e.clone()),
                    member: member.to_string(),
                    arrow,
                },
                line,
            };
            if self.xlate_member(then, member, arrow, line)?.is_none() {
                return Ok(None);
            }
            let choice = Expr {
                kind: ExprKind::Ternary {
                    cond: cond.clone(),
                    then: Box::new(member_of(then)),
                    els: Box::new(member_of(els)),
                },
                line,
            };
            return self.expr(&choice).map(Some);
        }
        let ExprKind::Xlate { ty, expr } = &b.kind else {
            return Ok(None);
        };
        let to = self.resolve_type(ty, line)?;
        let (out, is_ptr) = match to.pointee() {
            Some(p) => (p, true),
            None => (to, false),
        };
        if is_ptr != arrow {
            return Err(if arrow {
                err(ErrTag::D_OP_PTR, line, "operator -> must be applied to a pointer")
            } else {
                err(
                    ErrTag::D_OP_SOU,
                    line,
                    format!(
                        "operator . cannot be applied to type \"{}\"; must be applied to a struct or union",
                        to
                    ),
                )
            });
        }
        let input = self.with_bindings(params, |c| c.expr(expr))?;
        let xl = self.find_xlator(out, &input, line)?;
        // `xlate<T *>(e)->a.b`: the translator's `a.b` member.
        let member = &match (outer, member_path(out, member)) {
            (Some(sub), Some(_)) => format!("{}.{}", member, sub),
            (Some(_), None) => return Ok(None),
            (None, _) => member.to_string(),
        };
        let Some((_, mexpr)) = xl.members.iter().find(|(m, _)| m == member) else {
            return Err(err(
                ErrTag::D_XLATE_NOCONV,
                line,
                format!("translator does not define conversion for member: {}", member),
            ));
        };
        let mty = member_path(out, member).unwrap_or(types::LONG);
        self.syms.tsyms.bindings.push((xl.param.clone(), input));
        let r = self.expr(mexpr);
        self.syms.tsyms.bindings.pop();
        let mut t = r?;
        t.line = line;
        Ok(Some(self.convert(t, mty, line)?))
    }

    fn find_xlator(&self, out: Type, input: &TExpr, line: u32) -> Result<Xlator, CompileError> {
        let xs = &self.syms.tsyms.xlators;
        let exact = xs.iter().find(|x| x.out == out && x.input == input.ty);
        // DT_XLATE_FUZZY: any pointer input matches a translator from a pointer type.
        let fuzzy = || {
            xs.iter()
                .find(|x| x.out == out && x.input.is_ptr() && input.ty.is_ptr())
        };
        exact.or_else(fuzzy).cloned().ok_or_else(|| {
            err(
                ErrTag::D_XLATE_NONE,
                line,
                format!("cannot translate from \"{}\" to \"{}\"", input.ty, out),
            )
        })
    }
}

/// The type of `path` (`a` or `a.b.c`, members of members) inside struct or union `ty`.
fn member_path(ty: Type, path: &str) -> Option<Type> {
    let mut t = ty;
    for m in path.split('.') {
        t = t.member(m)?.ty;
    }
    Some(t)
}
