//! Stability attributes and version bindings of D identifiers and probe descriptions, as
//! DTrace computes them for `dtrace -v` ("Stability attributes for ...") and enforces them
//! with `-x amin=...` (D_ATTR_MIN).
//!
//! Every built-in identifier has the attributes and the D API version of Oracle's identifier
//! table (dt_open.c); a probe description has the minimum of its provider's attributes for
//! the fields it names (dt_probe_info); a statement has the minimum of what its expressions
//! use (dt_node_attr_assign, dt_ident_cook).

use super::{err, Checker};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::{self, Expr, ExprKind};
use crate::provider::{DescPattern, ProbeKind};
use std::fmt;

/// DTrace's stability levels, lowest first (dtrace_stability_t).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stability {
    Internal,
    Private,
    Obsolete,
    External,
    Unstable,
    Evolving,
    Stable,
    Standard,
}

const STABILITIES: [(Stability, &str); 8] = [
    (Stability::Internal, "Internal"),
    (Stability::Private, "Private"),
    (Stability::Obsolete, "Obsolete"),
    (Stability::External, "External"),
    (Stability::Unstable, "Unstable"),
    (Stability::Evolving, "Evolving"),
    (Stability::Stable, "Stable"),
    (Stability::Standard, "Standard"),
];

/// DTrace's dependency classes, lowest first (dtrace_class_t).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    Unknown,
    Cpu,
    Platform,
    Group,
    Isa,
    Common,
}

const CLASSES: [(Class, &str); 6] = [
    (Class::Unknown, "Unknown"),
    (Class::Cpu, "CPU"),
    (Class::Platform, "Platform"),
    (Class::Group, "Group"),
    (Class::Isa, "ISA"),
    (Class::Common, "Common"),
];

impl Stability {
    pub fn name(self) -> &'static str {
        STABILITIES[self as usize].1
    }
}

impl Class {
    pub fn name(self) -> &'static str {
        CLASSES[self as usize].1
    }
}

/// Identifier names, data semantics and dependency class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attr {
    pub name: Stability,
    pub data: Stability,
    pub class: Class,
}

use Class as C;
use Stability as S;

const fn attr(name: Stability, data: Stability, class: Class) -> Attr {
    Attr { name, data, class }
}

/// The identity of [`Attr::min`] (_dtrace_maxattr).
pub const MAX: Attr = attr(S::Standard, S::Standard, C::Common);
/// Stable/Stable/Common: constants, D variables and most built-ins (_dtrace_defattr).
pub const STABLE_COMMON: Attr = attr(S::Stable, S::Stable, C::Common);
pub const EVOLVING_COMMON: Attr = attr(S::Evolving, S::Evolving, C::Common);
/// Kernel symbols and kernel types (_dtrace_symattr, _dtrace_typattr).
pub const PRIVATE_UNKNOWN: Attr = attr(S::Private, S::Private, C::Unknown);
const PRIVATE_ISA: Attr = attr(S::Private, S::Private, C::Isa);
const EVOLVING_ISA: Attr = attr(S::Evolving, S::Evolving, C::Isa);
const UNSTABLE_COMMON: Attr = attr(S::Unstable, S::Unstable, C::Common);
const UNSTABLE_UNKNOWN: Attr = attr(S::Unstable, S::Unstable, C::Unknown);
const STABLE_PRIVATE_COMMON: Attr = attr(S::Stable, S::Private, C::Common);

impl Attr {
    /// Each component's minimum (dt_attr_min).
    pub fn min(self, o: Attr) -> Attr {
        Attr {
            name: self.name.min(o.name),
            data: self.data.min(o.data),
            class: self.class.min(o.class),
        }
    }

    /// Whether any component is below `floor`'s (dt_attr_cmp(a, floor) < 0).
    pub fn below(self, floor: Attr) -> bool {
        self.name < floor.name || self.data < floor.data || self.class < floor.class
    }

    /// `name[/data[/class]]` as dtrace_str2attr reads it: names in any case, missing
    /// components at their maximum. `None` for an unknown name or a fourth component.
    pub fn parse(s: &str) -> Option<Attr> {
        let mut a = MAX;
        let mut parts = s.split('/');
        let stab = |p: &str| {
            STABILITIES
                .iter()
                .find(|(_, n)| n.eq_ignore_ascii_case(p))
                .map(|(s, _)| *s)
        };
        // dt_getstrattr stops at an empty component: the rest keeps its maximum.
        match parts.next() {
            None | Some("") => return Some(a),
            Some(p) => a.name = stab(p)?,
        }
        match parts.next() {
            None | Some("") => return Some(a),
            Some(p) => a.data = stab(p)?,
        }
        match parts.next() {
            None | Some("") => return Some(a),
            Some(p) => {
                a.class = CLASSES
                    .iter()
                    .find(|(_, n)| n.eq_ignore_ascii_case(p))
                    .map(|(c, _)| *c)?
            }
        }
        match parts.next() {
            None | Some("") => Some(a),
            Some(_) => None,
        }
    }
}

impl fmt::Display for Attr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{}/{}",
            self.name.name(),
            self.data.name(),
            self.class.name()
        )
    }
}

/// A provider's attributes for each field of its probe descriptions and for its arguments
/// (dtrace_pattr_t).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProviderAttrs {
    pub provider: Attr,
    pub module: Attr,
    pub function: Attr,
    pub name: Attr,
    pub args: Attr,
}

/// What DTrace uses for a description whose provider is empty or a pattern (_dtrace_prvdesc).
pub const UNSTABLE_DESC: ProviderAttrs = ProviderAttrs {
    provider: UNSTABLE_COMMON,
    module: UNSTABLE_COMMON,
    function: UNSTABLE_COMMON,
    name: UNSTABLE_COMMON,
    args: UNSTABLE_COMMON,
};

/// The attributes of the provider of a probe, from Oracle's provider tables (dt_prov_*.c).
pub fn provider_attrs(kind: &ProbeKind) -> ProviderAttrs {
    let p = |provider, module, function, name, args| ProviderAttrs {
        provider,
        module,
        function,
        name,
        args,
    };
    match kind {
        ProbeKind::Begin | ProbeKind::End | ProbeKind::Error => p(
            STABLE_COMMON,
            PRIVATE_UNKNOWN,
            PRIVATE_UNKNOWN,
            STABLE_COMMON,
            STABLE_COMMON,
        ),
        ProbeKind::Profile { .. } => p(
            EVOLVING_COMMON,
            UNSTABLE_UNKNOWN,
            PRIVATE_UNKNOWN,
            EVOLVING_COMMON,
            EVOLVING_COMMON,
        ),
        ProbeKind::SyscallEntry { .. }
        | ProbeKind::SyscallReturn { .. }
        | ProbeKind::FbtEntry { .. }
        | ProbeKind::FbtReturn { .. } => p(
            EVOLVING_COMMON,
            PRIVATE_UNKNOWN,
            PRIVATE_ISA,
            EVOLVING_COMMON,
            PRIVATE_ISA,
        ),
        ProbeKind::Sdt { .. } | ProbeKind::RawTp { .. } => p(
            EVOLVING_ISA,
            PRIVATE_UNKNOWN,
            PRIVATE_UNKNOWN,
            PRIVATE_ISA,
            PRIVATE_ISA,
        ),
        ProbeKind::Uprobe(_) => p(
            EVOLVING_ISA,
            PRIVATE_UNKNOWN,
            PRIVATE_UNKNOWN,
            EVOLVING_ISA,
            PRIVATE_UNKNOWN,
        ),
        ProbeKind::Stable(_) => p(
            EVOLVING_ISA,
            PRIVATE_UNKNOWN,
            PRIVATE_UNKNOWN,
            EVOLVING_ISA,
            EVOLVING_ISA,
        ),
    }
}

fn is_glob(field: &str) -> bool {
    field.is_empty() || field.contains(['*', '?', '[', '\\'])
}

/// The attributes of a probe description (dt_probe_info): the provider's attributes, lowered
/// by those of each field given without a pattern; the unstable set when the provider field
/// is empty or a pattern.
pub fn desc_attr(pat: &DescPattern, prov: &ProviderAttrs) -> Attr {
    let pap = if is_glob(&pat.provider) {
        &UNSTABLE_DESC
    } else {
        prov
    };
    let mut a = pap.provider;
    if !is_glob(&pat.module) {
        a = a.min(pap.module);
    }
    if !is_glob(&pat.function) {
        a = a.min(pap.function);
    }
    if !is_glob(&pat.name) {
        a = a.min(pap.name);
    }
    a
}

/// A D API version: major, minor and micro packed as DT_VERSION_NUMBER packs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version(u32);

impl Version {
    pub const fn new(major: u32, minor: u32, micro: u32) -> Version {
        Version((major & 0xff) << 24 | (minor & 0xfff) << 12 | (micro & 0xfff))
    }

    /// `M[.m[.u]]` as dt_version_str2num reads it: digits and at most two dots, each part
    /// within its field. `None` otherwise.
    pub fn parse(s: &str) -> Option<Version> {
        let mut n = [0u64; 3];
        let mut i = 0;
        for c in s.chars() {
            if let Some(d) = c.to_digit(10) {
                n[i] = n[i].saturating_mul(10).saturating_add(d as u64);
            } else if c == '.' && i < 2 {
                i += 1;
            } else {
                return None;
            }
        }
        if n[0] > 0xff || n[1] > 0xfff || n[2] > 0xfff {
            return None;
        }
        Some(Version::new(n[0] as u32, n[1] as u32, n[2] as u32))
    }

    /// Whether this is one of the versions the compiler knows (dt_version_defined).
    pub fn defined(self) -> bool {
        VERSIONS.contains(&self)
    }

    /// The value of `__SUNW_D_VERSION` (the packed number).
    pub fn number(self) -> u32 {
        self.0
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (ma, mi, mc) = (self.0 >> 24, (self.0 >> 12) & 0xfff, self.0 & 0xfff);
        if mc == 0 {
            write!(f, "{}.{}", ma, mi)
        } else {
            write!(f, "{}.{}.{}", ma, mi, mc)
        }
    }
}

const V1_0: Version = Version::new(1, 0, 0);
const V1_1: Version = Version::new(1, 1, 0);
const V1_2: Version = Version::new(1, 2, 0);
const V1_3: Version = Version::new(1, 3, 0);
const V1_5: Version = Version::new(1, 5, 0);
const V1_6: Version = Version::new(1, 6, 0);
const V1_6_4: Version = Version::new(1, 6, 4);

/// Every D API version (Oracle's _dtrace_versions).
pub const VERSIONS: [Version; 15] = [
    V1_0,
    V1_1,
    V1_2,
    Version::new(1, 2, 1),
    Version::new(1, 2, 2),
    V1_3,
    Version::new(1, 4, 0),
    Version::new(1, 4, 1),
    V1_5,
    V1_6,
    Version::new(1, 6, 1),
    Version::new(1, 6, 2),
    Version::new(1, 6, 3),
    V1_6_4,
    LATEST,
];

/// The version the compiler implements (DT_VERS_LATEST, "Oracle D 2.0").
pub const LATEST: Version = Version::new(2, 0, 0);

/// What kind of built-in an identifier is; it names the identifier in D_ATTR_MIN messages
/// (dt_idkind_name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Scalar,
    Array,
    Pointer,
    Function,
    AggFunction,
    ActFunction,
}

impl IdKind {
    pub fn name(self) -> &'static str {
        match self {
            IdKind::Scalar => "scalar",
            IdKind::Array => "associative array",
            IdKind::Pointer => "pointer",
            IdKind::Function => "function",
            IdKind::AggFunction => "aggregating function",
            IdKind::ActFunction => "tracing function",
        }
    }

    pub fn is_function(self) -> bool {
        matches!(
            self,
            IdKind::Function | IdKind::AggFunction | IdKind::ActFunction
        )
    }
}

/// A built-in identifier's kind, attributes and the D API version that introduced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Builtin {
    pub kind: IdKind,
    pub attr: Attr,
    pub version: Version,
}

/// Oracle's identifier table (dt_open.c _dtrace_globals), by name.
pub fn builtin(name: &str) -> Option<Builtin> {
    use IdKind::*;
    let sc = STABLE_COMMON;
    let ev = EVOLVING_COMMON;
    let (kind, attr, version) = match name {
        "alloca" | "basename" | "bcopy" | "cleanpath" | "copyin" | "copyinstr" | "copyinto"
        | "copyout" | "copyoutstr" | "dirname" | "lltostr" | "msgdsize" | "msgsize"
        | "progenyof" | "rand" | "speculation" | "strlen" | "strjoin" => (Function, sc, V1_0),
        "index" | "rindex" | "strchr" | "strrchr" | "strstr" | "strtok" | "substr" => {
            (Function, sc, V1_1)
        }
        "inet_ntoa" | "inet_ntoa6" | "inet_ntop" | "link_ntop" => (Function, sc, V1_5),
        "d_path"
        | "ddi_pathname"
        | "getmajor"
        | "getminor"
        | "mutex_owned"
        | "mutex_owner"
        | "mutex_type_adaptive"
        | "mutex_type_spin"
        | "rw_iswriter"
        | "rw_read_held"
        | "rw_write_held" => (Function, ev, V1_0),
        "htonl" | "htonll" | "htons" | "ntohl" | "ntohll" | "ntohs" => (Function, ev, V1_3),
        "avg" | "count" | "lquantize" | "max" | "min" | "quantize" | "sum" => {
            (AggFunction, sc, V1_0)
        }
        "stddev" => (AggFunction, sc, V1_6),
        "llquantize" => (AggFunction, sc, V1_6_4),
        "breakpoint" | "chill" | "clear" | "commit" | "denormalize" | "discard" | "exit"
        | "ftruncate" | "jstack" | "normalize" | "panic" | "printa" | "printf" | "raise"
        | "speculate" | "stack" | "stop" | "system" | "trace" | "tracemem" | "trunc" | "ustack" => {
            (ActFunction, sc, V1_0)
        }
        "freopen" => (ActFunction, sc, V1_1),
        "func" | "mod" | "setopt" | "sym" | "uaddr" | "ufunc" | "umod" | "usym" => {
            (ActFunction, sc, V1_2)
        }
        "pcap" => (ActFunction, sc, V1_6_4),
        "arg0" | "arg1" | "arg2" | "arg3" | "arg4" | "arg5" | "arg6" | "arg7" | "arg8" | "arg9"
        | "caller" | "curcpu" | "epid" | "errno" | "execname" | "gid" | "id" | "ipl" | "pid"
        | "ppid" | "probefunc" | "probemod" | "probename" | "probeprov" | "stackdepth" | "tid"
        | "timestamp" | "uid" | "vtimestamp" | "walltimestamp" => (Scalar, sc, V1_0),
        "ucaller" | "ustackdepth" => (Scalar, sc, V1_2),
        "curthread" => (Scalar, STABLE_PRIVATE_COMMON, V1_0),
        "args" | "uregs" => (Array, sc, V1_0),
        "self" | "this" => (Pointer, sc, V1_0),
        _ => return None,
    };
    Some(Builtin {
        kind,
        attr,
        version,
    })
}

/// An identifier whose attributes are below the minimum: the message of D_ATTR_MIN.
pub fn below_minimum(what: &str, a: Attr) -> String {
    format!(
        "attributes for {} ({}) are less than predefined minimum",
        what, a
    )
}

/// The minimum attributes of a program's probe descriptions and statements
/// (dtrace_proginfo_t's dpi_descattr and dpi_stmtattr).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgramAttrs {
    pub desc: Attr,
    pub stmt: Attr,
}

impl Default for ProgramAttrs {
    fn default() -> Self {
        ProgramAttrs {
            desc: MAX,
            stmt: MAX,
        }
    }
}

impl ProgramAttrs {
    /// The `dtrace -v` report of a program, after its "matched" notice (cmd/dtrace.c
    /// exec_prog): `what` is "description", `name` the program's name.
    pub fn report(&self, what: &str, name: &str) -> String {
        let part = |title: &str, a: &Attr| {
            format!(
                "\n\t{}\n\t\tIdentifier Names: {}\n\t\tData Semantics:   {}\n\t\tDependency Class: {}\n",
                title,
                a.name.name(),
                a.data.name(),
                a.class.name()
            )
        };
        format!(
            "\nStability attributes for {} {}:\n{}{}",
            what,
            name,
            part("Minimum Probe Description Attributes", &self.desc),
            part("Minimum Statement Attributes", &self.stmt)
        )
    }
}

/// The attributes of what a clause uses, in the order DTrace cooks it (actions first, then
/// the predicate; operands before the operation). `probe` is the provider context that
/// `probeprov`, `probemod`, `probefunc`, `probename` and `args` take their attributes from.
/// `floor` is the `amin` option: the first use below it is reported as `Err((what, attr))`.
pub struct Walk<'a> {
    pub probe: &'a ProviderAttrs,
    pub floor: Option<Attr>,
    /// The D API version the program is bound to (`-x version`): built-ins introduced
    /// later are not defined (dt_reduce removes them).
    pub version: Version,
    /// Whether the program itself declares or assigns a variable of this name.
    pub user: &'a dyn Fn(&str) -> bool,
    /// Attributes the program gave its own identifiers (`#pragma D attributes`).
    pub pragmas: &'a PragmaAttrs,
    /// Whether a type name is the kernel's (BTF), not one of D's or the program's.
    pub kernel_type: &'a dyn Fn(&ast::TypeName) -> bool,
    /// The attributes of the translators to a type (`xlate <T>`, `xlate <T *>`): those a
    /// `#pragma D attributes ... translator` gave them, else Stable/Stable/Common.
    pub xlate_attr: &'a dyn Fn(&ast::TypeName) -> Attr,
}

impl Walk<'_> {
    fn check(
        &self,
        what: impl FnOnce() -> String,
        a: Attr,
        line: u32,
    ) -> Result<Attr, CompileError> {
        match self.floor {
            Some(f) if a.below(f) => Err(err(ErrTag::D_ATTR_MIN, line, below_minimum(&what(), a))),
            _ => Ok(a),
        }
    }

    fn ident(&self, name: &str, line: u32) -> Result<Attr, CompileError> {
        if name.contains('`') {
            // dt_node_name names a symbol by the object it was found in: the kernel for
            // a bare `name.
            let shown = match name.strip_prefix('`') {
                Some(n) => format!("vmlinux`{}", n),
                None => name.to_string(),
            };
            return self.check(|| format!("symbol {}", shown), PRIVATE_UNKNOWN, line);
        }
        if let Some(a) = self.pragmas.idents.get(name) {
            if builtin(name).is_none() || (self.user)(name) {
                return self.check(|| format!("scalar {}", name), *a, line);
            }
        }
        let Some(b) = builtin(name) else {
            return Ok(STABLE_COMMON);
        };
        if b.version > self.version {
            if (self.user)(name) {
                return Ok(STABLE_COMMON);
            }
            return Err(err(
                ErrTag::D_IDENT_UNDEF,
                line,
                format!("failed to resolve {}: Unknown variable name", name),
            ));
        }
        let a = match name {
            "probeprov" => self.probe.provider,
            "probemod" => self.probe.module,
            "probefunc" => self.probe.function,
            "probename" => self.probe.name,
            "args" => self.probe.args,
            _ => b.attr,
        };
        self.check(|| format!("{} {}", b.kind.name(), name), a, line)
    }

    /// dt_node_list_cook: the minimum of a list, starting from Stable/Stable/Common.
    fn list(&self, es: &[Expr]) -> Result<Attr, CompileError> {
        let mut a = STABLE_COMMON;
        for e in es {
            a = a.min(self.expr(e)?);
        }
        Ok(a)
    }

    pub fn expr(&self, e: &Expr) -> Result<Attr, CompileError> {
        Ok(match &e.kind {
            ExprKind::Int { .. }
            | ExprKind::Char(_)
            | ExprKind::Str(_)
            | ExprKind::Macro(_)
            | ExprKind::MacroStr(_)
            | ExprKind::SizeofType(_)
            | ExprKind::Offsetof { .. } => STABLE_COMMON,
            ExprKind::Ident(n) => self.ident(n, e.line)?,
            ExprKind::SelfVar(_) | ExprKind::ThisVar(_) => STABLE_COMMON,
            ExprKind::Agg { keys, .. } => STABLE_COMMON.min(self.list(keys)?),
            ExprKind::Index { base, keys } => {
                let b = self.expr(base)?;
                b.min(self.list(keys)?)
            }
            ExprKind::Call { name, args } => {
                let a = self.list(args)?;
                match builtin(name) {
                    Some(b) if b.version > self.version => {
                        return Err(err(
                            ErrTag::D_FUNC_UNDEF,
                            e.line,
                            format!("undefined function name: {}", name),
                        ))
                    }
                    Some(b) => {
                        let a = a.min(b.attr);
                        self.check(|| format!("{} {}( )", b.kind.name(), name), a, e.line)?
                    }
                    None => a,
                }
            }
            ExprKind::Cast { ty, expr } => {
                // dt_node_type: a type from a kernel module has _dtrace_typattr.
                let t = if (self.kernel_type)(ty) {
                    let name = format!("{}{}", ty.words.join(" "), " *".repeat(ty.ptr as usize));
                    self.check(|| format!("type {}", name), PRIVATE_UNKNOWN, e.line)?
                } else {
                    STABLE_COMMON
                };
                t.min(self.expr(expr)?)
            }
            ExprKind::Unary { expr, .. }
            | ExprKind::IncDec { expr, .. }
            | ExprKind::SizeofExpr(expr)
            | ExprKind::Stringof(expr)
            | ExprKind::Member { expr, .. } => self.expr(expr)?,
            // dt_cook_op2: the translated expression's attributes and the translator's.
            ExprKind::Xlate { ty, expr } => {
                let a = self.expr(expr)?.min((self.xlate_attr)(ty));
                self.check(|| "operator xlate".to_string(), a, e.line)?
            }
            ExprKind::Binary { lhs, rhs, .. }
            | ExprKind::Assign { lhs, rhs, .. }
            | ExprKind::Comma(lhs, rhs) => {
                let l = self.expr(lhs)?;
                l.min(self.expr(rhs)?)
            }
            ExprKind::Ternary { cond, then, els } => {
                let c = self.expr(cond)?;
                let t = self.expr(then)?;
                c.min(t).min(self.expr(els)?)
            }
        })
    }

    pub fn stmts(&self, body: &[ast::Stmt]) -> Result<Attr, CompileError> {
        let mut a = STABLE_COMMON;
        for s in body {
            a = a.min(match s {
                ast::Stmt::Expr(e) => self.expr(e)?,
                ast::Stmt::If {
                    cond, then, els, ..
                } => {
                    let c = self.expr(cond)?;
                    let t = self.stmts(then)?;
                    c.min(t).min(self.stmts(els)?)
                }
                ast::Stmt::Decl(_) => STABLE_COMMON,
            });
        }
        Ok(a)
    }
}

impl Checker<'_> {
    /// The attributes of a clause's probe descriptions and statements, added to the
    /// program's; with `-x amin`, the first attribute below the minimum is D_ATTR_MIN.
    /// DTrace compiles a clause once per description, in that description's context.
    pub(super) fn clause_attrs(
        &mut self,
        c: &ast::Clause,
        descs: &[(DescPattern, Vec<u32>)],
    ) -> Result<(), CompileError> {
        let floor = self.opts.amin;
        for (pat, ids) in descs {
            let prov = ids.first().and_then(|id| self.probes.get(*id)).map(|p| {
                self.pragma_attrs
                    .apply(&p.desc.provider, provider_attrs(&p.kind))
            });
            let (dattr, ctx) = match prov {
                Some(p) if !unstable_match(pat, &p, ids.len()) => (desc_attr(pat, &p), p),
                // dt_setcontext: a description DTrace declines to describe gets the
                // unstable set for the context variables too.
                Some(_) => (UNSTABLE_DESC.provider, UNSTABLE_DESC),
                None => (UNSTABLE_DESC.provider, UNSTABLE_DESC),
            };
            if let Some(f) = floor {
                if dattr.below(f) {
                    return Err(err(
                        ErrTag::D_ATTR_MIN,
                        c.end_line,
                        below_minimum("clause", dattr),
                    ));
                }
            }
            let syms = &*self.syms;
            let user = |n: &str| {
                syms.global(n).is_some()
                    || syms.tsyms.inlines.contains_key(n)
                    || syms.tsyms.assigned.as_ref().is_some_and(|a| a.contains(n))
            };
            let scope = &syms.tsyms.scope;
            let kernel_type = |t: &ast::TypeName| match t.words.as_slice() {
                [k, tag, ..] if k == "struct" => !scope.structs.contains_key(tag),
                [k, tag, ..] if k == "union" => !scope.unions.contains_key(tag),
                [k, tag, ..] if k == "enum" => !scope.enums.contains_key(tag),
                // A typedef neither D's nor the program's (nor the D library's) is the
                // kernel's, when BTF has it.
                [n] => {
                    !scope.typedefs.contains_key(n)
                        && super::types::from_words(&t.words).is_none()
                        && super::types::kernel_type(&t.words).is_some()
                }
                _ => false,
            };
            let xlators = &syms.tsyms.xlator_attrs;
            let xlate_attr = |t: &ast::TypeName| {
                let out = match t.words.as_slice() {
                    [k, tag] if k == "struct" => scope.structs.get(tag),
                    [k, tag] if k == "union" => scope.unions.get(tag),
                    [n] => scope.typedefs.get(n),
                    _ => None,
                };
                xlators
                    .iter()
                    .filter(|(o, _)| Some(o) == out)
                    .fold(STABLE_COMMON, |a, (_, x)| a.min(*x))
            };
            let walk = Walk {
                probe: &ctx,
                floor,
                version: self.opts.version,
                user: &user,
                kernel_type: &kernel_type,
                xlate_attr: &xlate_attr,
                pragmas: &self.pragma_attrs,
            };
            let body = c.body.as_deref().unwrap_or(&[]);
            let stmt = if body.is_empty() {
                STABLE_COMMON
            } else {
                let a = walk.stmts(body)?;
                match &c.predicate {
                    Some(p) => a.min(walk.expr(p)?),
                    None => a,
                }
            };
            self.attrs.desc = self.attrs.desc.min(dattr);
            self.attrs.stmt = self.attrs.stmt.min(stmt);
        }
        Ok(())
    }
}

/// What `#pragma D attributes` set in a program: attributes of its own identifiers, and of
/// parts of providers' descriptions.
#[derive(Debug, Clone, Default)]
pub struct PragmaAttrs {
    pub idents: std::collections::HashMap<String, Attr>,
    /// (provider, part, attributes), in order.
    pub providers: Vec<(String, String, Attr)>,
}

impl PragmaAttrs {
    /// A provider's attributes with the program's pragmas applied.
    pub fn apply(&self, provider: &str, mut p: ProviderAttrs) -> ProviderAttrs {
        for (prov, part, a) in &self.providers {
            if prov != provider {
                continue;
            }
            match part.as_str() {
                "provider" => p.provider = *a,
                "module" => p.module = *a,
                "function" => p.function = *a,
                "name" => p.name = *a,
                "args" => p.args = *a,
                _ => {}
            }
        }
        p
    }
}

fn is_ident(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
}

impl Checker<'_> {
    /// `#pragma D attributes <attributes> <ident>` (or `... provider <name> <part>`) and
    /// `#pragma D binding "<version>" <ident>`: their form and values, as dt_pragma.c checks
    /// them. Attributes are recorded; a binding changes nothing a program can observe here
    /// (DTrace drops identifiers of later versions only when the version is set).
    pub(super) fn pragma_stability(
        &mut self,
        words: &[String],
        line: u32,
    ) -> Result<(), CompileError> {
        let kind = words[0].as_str();
        if kind == "binding" {
            let (Some(v), Some(name)) = (words.get(1), words.get(2)) else {
                return Err(malformed_binding(line));
            };
            let Some(v) = v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) else {
                return Err(malformed_binding(line));
            };
            if !is_ident(name) {
                return Err(malformed_binding(line));
            }
            if Version::parse(v).is_none() {
                return Err(err(
                    ErrTag::D_PRAGMA_INVAL,
                    line,
                    "invalid version string specified by #pragma binding",
                ));
            }
            return Ok(());
        }
        let malformed = || {
            err(
                ErrTag::D_PRAGMA_MALFORM,
                line,
                "malformed #pragma attributes <attributes> <ident>",
            )
        };
        let (Some(a), Some(name)) = (words.get(1), words.get(2)) else {
            return Err(malformed());
        };
        if !is_ident(a) || !is_ident(name) {
            return Err(malformed());
        }
        let Some(attr) = Attr::parse(a) else {
            return Err(err(
                ErrTag::D_PRAGMA_INVAL,
                line,
                "invalid attributes specified by #pragma attributes",
            ));
        };
        if name == "provider" {
            let (Some(prov), Some(part)) = (words.get(3), words.get(4)) else {
                return Err(malformed());
            };
            let any = DescPattern {
                provider: prov.clone(),
                module: String::new(),
                function: String::new(),
                name: String::new(),
            };
            if !self.probes.matching(&any).is_empty() {
                if !matches!(
                    part.as_str(),
                    "provider" | "module" | "function" | "name" | "args"
                ) {
                    // dt_pragma_attributes names the provider where the component goes.
                    return Err(err(
                        ErrTag::D_PRAGMA_INVAL,
                        line,
                        format!(
                            "invalid component \"{}\" in attribute #pragma for provider {}",
                            prov, part
                        ),
                    ));
                }
                self.pragma_attrs
                    .providers
                    .push((prov.clone(), part.clone(), attr));
            }
            return Ok(());
        }
        self.pragma_attrs.idents.insert(name.clone(), attr);
        Ok(())
    }
}

impl Checker<'_> {
    /// The translator the program defines next after `#pragma D attributes <attr>
    /// translator` has those attributes (DTrace's deferred pragma on the keyword, which
    /// dt_xlator_create applies and dt_pragma_apply then removes).
    pub(super) fn translator_attrs(&mut self, x: &ast::Translator) -> Result<(), CompileError> {
        let Some(a) = self.pragma_attrs.idents.remove("translator") else {
            return Ok(());
        };
        let out = self.resolve_type(&x.out, x.line)?;
        self.syms.tsyms.xlator_attrs.push((out, a));
        Ok(())
    }
}

fn malformed_binding(line: u32) -> CompileError {
    err(
        ErrTag::D_PRAGMA_MALFORM,
        line,
        "malformed #pragma binding \"version\" <ident>",
    )
}

/// dtrace_probe_info of a description that matched `matched` probes, the first of kind
/// `kind`: the description's attributes and its provider's argument attributes; `None` when
/// DTrace declines to describe it.
pub fn probe_info(pat: &DescPattern, kind: &ProbeKind, matched: usize) -> Option<(Attr, Attr)> {
    let p = provider_attrs(kind);
    if unstable_match(pat, &p, matched) {
        return None;
    }
    let args = if is_glob(&pat.provider) {
        UNSTABLE_DESC.args
    } else {
        p.args
    };
    Some((desc_attr(pat, &p), args))
}

/// dt_probe_info refuses to describe several probes matched through a pattern or an empty
/// field that the provider keeps stable, or whose arguments are less than Evolving; the
/// clause then has the unstable attributes.
fn unstable_match(pat: &DescPattern, p: &ProviderAttrs, matched: usize) -> bool {
    matched > 1
        && ((p.args.data < S::Evolving && is_glob(&pat.provider))
            || (p.module.name >= S::Evolving && is_glob(&pat.module))
            || (p.function.name >= S::Evolving && is_glob(&pat.function))
            || (p.name.name >= S::Evolving && is_glob(&pat.name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_print() {
        assert_eq!(
            Attr::parse("evolving/Evolving/COMMON"),
            Some(EVOLVING_COMMON)
        );
        assert_eq!(
            Attr::parse("Stable"),
            Some(attr(S::Stable, S::Standard, C::Common))
        );
        assert_eq!(Attr::parse("Stable/Bogus"), None);
        assert_eq!(Attr::parse("Stable/Stable/Common/x"), None);
        assert_eq!(PRIVATE_ISA.to_string(), "Private/Private/ISA");
        assert_eq!(
            STABLE_PRIVATE_COMMON.min(EVOLVING_ISA).to_string(),
            "Evolving/Private/ISA"
        );
        assert!(STABLE_PRIVATE_COMMON.below(EVOLVING_COMMON));
        assert!(!STABLE_COMMON.below(EVOLVING_COMMON));
    }

    #[test]
    fn identifier_table() {
        let b = |n| builtin(n).unwrap();
        assert_eq!(b("execname").attr, STABLE_COMMON);
        assert_eq!(b("execname").kind, IdKind::Scalar);
        assert_eq!(b("curthread").attr.to_string(), "Stable/Private/Common");
        assert_eq!(b("htons").attr, EVOLVING_COMMON);
        assert_eq!(b("htons").version, V1_3);
        assert_eq!(b("strstr").version, V1_1);
        assert_eq!(b("llquantize").kind, IdKind::AggFunction);
        assert_eq!(b("llquantize").version, V1_6_4);
        assert_eq!(b("printf").kind.name(), "tracing function");
        assert_eq!(b("args").kind.name(), "associative array");
        assert!(builtin("wombat").is_none());
        assert!(VERSIONS.iter().all(|v| *v <= LATEST));
        assert!(VERSIONS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn report_text() {
        let r = ProgramAttrs {
            desc: PRIVATE_ISA,
            stmt: STABLE_COMMON,
        }
        .report("description", "syscall::read:entry ");
        assert_eq!(
            r,
            "\nStability attributes for description syscall::read:entry :\n\n\t\
             Minimum Probe Description Attributes\n\t\tIdentifier Names: Private\n\t\t\
             Data Semantics:   Private\n\t\tDependency Class: ISA\n\n\t\
             Minimum Statement Attributes\n\t\tIdentifier Names: Stable\n\t\t\
             Data Semantics:   Stable\n\t\tDependency Class: Common\n"
        );
    }

    #[test]
    fn versions() {
        assert_eq!(Version::parse("1.1"), Some(V1_1));
        assert_eq!(Version::parse("1.6.4"), Some(V1_6_4));
        assert_eq!(Version::parse("2"), Some(LATEST));
        assert_eq!(Version::parse("1.x"), None);
        assert_eq!(Version::parse("1.2.3.4"), None);
        assert_eq!(Version::parse("256.0"), None);
        assert!(!Version::parse("99.1").unwrap().defined());
        assert!(Version::parse("1.2.1").unwrap().defined());
        assert_eq!(LATEST.number(), 0x0200_0000);
        assert_eq!(V1_6_4.to_string(), "1.6.4");
        assert_eq!(LATEST.to_string(), "2.0");
    }

    #[test]
    fn descriptions() {
        let d = |p: &str, m: &str, f: &str, n: &str| DescPattern {
            provider: p.into(),
            module: m.into(),
            function: f.into(),
            name: n.into(),
        };
        let sys = provider_attrs(&ProbeKind::SyscallEntry {
            event: "read".into(),
        });
        assert_eq!(
            desc_attr(&d("syscall", "", "read", "entry"), &sys),
            PRIVATE_ISA
        );
        assert_eq!(
            desc_attr(&d("syscall", "", "", "entry"), &sys),
            EVOLVING_COMMON
        );
        assert_eq!(desc_attr(&d("", "", "", "BEGIN"), &sys), UNSTABLE_COMMON);
        let dt = provider_attrs(&ProbeKind::Begin);
        assert_eq!(desc_attr(&d("dtrace", "", "", "BEGIN"), &dt), STABLE_COMMON);
    }
}
