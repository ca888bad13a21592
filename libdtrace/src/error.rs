//! Errors of every stage, typed, each carrying what DTrace prints for it.
//!
//! Compile errors carry their `D_*` tag (shown with `-x errtags`) and the line of the source they
//! come from, so the `dtrace` command can print them exactly as DTrace does:
//! `dtrace: failed to compile script x.d: [D_SYNTAX] line 3: syntax error near "}"`.

use std::fmt;

/// The D compiler's error tags, as `dt_errtags.h` names them. Only the tags we can raise are
/// listed; each later capability adds the ones it raises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(non_camel_case_types)]
pub enum ErrTag {
    D_UNKNOWN,
    D_SYNTAX,
    D_EMPTY,
    D_PDESC_ZERO,
    D_PDESC_INVAL,
    D_PRED_SCALAR,
    D_FUNC_UNDEF,
    D_FUNC_IDENT,
    D_IDENT_UNDEF,
    D_IDENT_BADREF,
    D_OP_INT,
    D_OP_SCALAR,
    D_OP_ARITH,
    D_OP_LVAL,
    D_OP_WRITE,
    D_OP_INCOMPAT,
    D_OP_VOID,
    D_OP_ACT,
    D_CG_EXPR,
    D_AGG_FUNC,
    D_AGG_REDEF,
    D_AGG_SCALAR,
    D_AGG_MDIM,
    D_ARR_BADREF,
    D_DIV_ZERO,
    D_PROTO_LEN,
    D_PROTO_ARG,
    D_PRINTF_ARG_FMT,
    D_PRINTF_ARG_PROTO,
    D_PRINTF_ARG_TYPE,
    D_PRINTF_ARG_EXTRA,
    D_PRINTF_FMT_EMPTY,
    D_PRINTF_DYN_PROTO,
    D_PRINTF_DYN_TYPE,
    D_PRINTF_AGG_CONV,
    D_PRAGMA_INVAL,
    D_PRAGMA_MALFORM,
    D_PRAGMA_OPTSET,
    D_PRAGERR,
    D_PRAGCTL_INVAL,
    D_MACRO_UNDEF,
    D_MACRO_UNUSED,
    D_CHR_NL,
    D_CHR_NULL,
    D_CHR_OFLOW,
    D_STR_NL,
    D_INT_OFLOW,
    D_INT_DIGIT,
    D_VAR_UNSUP,
    D_ACT_SPEC,
    D_EXIT_SPEC,
    D_STRSIZE_BIG,
    D_TYPE_ERR,
    D_TYPE_MEMBER,
    D_DEREF_NONPTR,
    D_DEREF_VOID,
    D_DEREF_FUNC,
    D_ADDROF_LVAL,
    D_ADDROF_VAR,
    D_ADDROF_BITFIELD,
    D_OP_SOU,
    D_OP_PTR,
    D_OP_INCOMPLETE,
    D_XLATE_REDECL,
    D_XLATE_NOCONV,
    D_XLATE_NONE,
    D_XLATE_SOU,
    D_XLATE_INCOMPAT,
    D_XLATE_MEMB,
    D_CAST_INVAL,
    D_SIZEOF_TYPE,
    D_SIZEOF_BITFIELD,
    D_OFFSETOF_TYPE,
    D_OFFSETOF_BITFIELD,
    D_STRINGOF_TYPE,
    D_DECL_TYPERED,
    D_DECL_INCOMPLETE,
    D_DECL_BFSIZE,
    D_DECL_IDRED,
    D_DECL_ENCONST,
    D_DECL_VOIDOBJ,
    D_SYM_BADREF,
    D_DECL_LOCASSC,
    D_ARR_LOCAL,
    D_ARGS_MULTI,
    D_ARGS_IDX,
    D_SPEC_SPEC,
    D_SPEC_COMM,
    D_SPEC_DREC,
    D_AGG_SPEC,
    D_AGG_COMM,
    D_COMM_COMM,
    D_COMM_DREC,
    D_DREC_COMM,
    D_TRACEMEM_ADDR,
    D_TRACEMEM_SIZE,
    D_TRACEMEM_ARGS,
    D_TRACEMEM_DYNSIZE,
    D_STACK_PROTO,
    D_STACK_SIZE,
    D_USTACK_FRAMES,
    D_USTACK_STRSIZE,
    D_USTACK_PROTO,
    D_LQUANT_BASETYPE,
    D_LQUANT_BASEVAL,
    D_LQUANT_LIMTYPE,
    D_LQUANT_LIMVAL,
    D_LQUANT_MISMATCH,
    D_LQUANT_STEPTYPE,
    D_LQUANT_STEPVAL,
    D_LQUANT_STEPLARGE,
    D_LQUANT_STEPSMALL,
    D_LQUANT_MATCHBASE,
    D_LQUANT_MATCHLIM,
    D_LQUANT_MATCHSTEP,
    D_LLQUANT_FACTORTYPE,
    D_LLQUANT_FACTORVAL,
    D_LLQUANT_FACTORMATCH,
    D_LLQUANT_LOWTYPE,
    D_LLQUANT_LOWVAL,
    D_LLQUANT_LOWMATCH,
    D_LLQUANT_HIGHTYPE,
    D_LLQUANT_HIGHVAL,
    D_LLQUANT_HIGHMATCH,
    D_LLQUANT_NSTEPTYPE,
    D_LLQUANT_NSTEPVAL,
    D_LLQUANT_NSTEPMATCH,
    D_LLQUANT_FACTORSMALL,
    D_LLQUANT_MAGRANGE,
    D_LLQUANT_FACTORNSTEPS,
    D_LLQUANT_FACTOREVEN,
    D_LLQUANT_MAGTOOBIG,
    D_PRINTA_AGGARG,
    D_PRINTA_AGGBAD,
    D_PRINTA_AGGPROTO,
    D_CLEAR_AGGARG,
    D_CLEAR_AGGBAD,
    D_NORMALIZE_AGGARG,
    D_NORMALIZE_AGGBAD,
    D_NORMALIZE_SCALAR,
    D_TRUNC_AGGARG,
    D_TRUNC_AGGBAD,
    D_TRUNC_SCALAR,
    D_PROV_PRDUP,
    D_PROV_BADNAME,
    D_DECL_BFCONST,
    D_DECL_BFTYPE,
    D_PRAGMA_DEPEND,
    D_DECL_ENOFLOW,
    D_DECL_ARRNULL,
    D_AGG_NULL,
    D_DECL_LONGINT,
    D_DECL_SIGNINT,
    D_DECL_VOIDATTR,
    D_DECL_CHARATTR,
    D_DECL_COMBO,
    D_DECL_USELESS,
    D_DECL_BADCLASS,
    D_DECL_ARRBIG,
    D_TRACE_VOID,
    D_DECL_DYNOBJ,
    D_DECL_ARRSUB,
    D_DECL_CLASS,
    D_PRINT_VOID,
    D_PRINT_SIZE,
    D_PROC_NAME,
    D_PROC_OFF,
    D_PROC_ALIGN,
    D_REGS_IDX,
    D_KEY_TYPE,
    D_LLQUANT_LMAGTYPE,
    D_LLQUANT_LMAGVAL,
    D_LLQUANT_HMAGTYPE,
    D_LLQUANT_HMAGVAL,
    D_LLQUANT_STEPTYPE,
    D_LLQUANT_STEPVAL,
    D_LLQUANT_MATCHFACTOR,
    D_LLQUANT_MATCHLMAG,
    D_LLQUANT_MATCHHMAG,
    D_LLQUANT_MATCHSTEPS,
    D_PRINTA_PROTO,
    D_PRINTA_AGGKEY,
    D_TRACE_DYN,
    D_OP_DYN,
    D_FREOPEN_INVALID,
    D_ARR_BOUNDS,
    D_ALLOCA_SIZE,
    D_ALLOCA_INCOMPAT,
    D_DECL_SCOPE,
    D_SYM_NOTYPES,
    D_DECL_MNAME,
    D_DECL_PROTO_VARARGS,
    D_DECL_PROTO_TYPE,
    D_DECL_PROTO_VOID,
    D_DECL_PROTO_NAME,
    D_DECL_PROTO_FORM,
    D_FUNC_IDKIND,
    D_OP_VFPTR,
    D_OP_ARRFUN,
    D_OP_IDENT,
    D_VAR_UNDEF,
    D_PRAGMA_SCOPE,
    D_PROV_PRARGLEN,
    D_PROV_INCOMPAT,
    D_PROC_GRAB,
    D_PROC_DYN,
    D_PROC_FUNC,
    D_PROC_LIB,
    D_ARGS_NONE,
    D_IDENT_AMBIG,
    D_PROC_BADPID,
    D_MACRO_OFLOW,
    D_PRAGMA_UNUSED,
    D_DECL_IDENT,
    D_DECL_PARMCLASS,
    D_ATTR_MIN,
    D_ID_OFLOW,
    D_VERSION,
    D_PROC_BADPROV,
    D_PROV_PRXLATOR,
    D_ARGS_XLATOR,
    D_ARGS_TYPE,
}

impl fmt::Display for ErrTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// A compile error: tag, line (1-based) and DTrace's message text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct CompileError {
    pub tag: ErrTag,
    /// The source line; `None` for errors DTrace reports without a line (probe matching of a
    /// `-n` description, for one).
    pub line: Option<u32>,
    pub msg: String,
}

impl CompileError {
    pub fn new(tag: ErrTag, line: u32, msg: impl Into<String>) -> Self {
        CompileError {
            tag,
            line: Some(line),
            msg: msg.into(),
        }
    }
    pub fn lineless(tag: ErrTag, msg: impl Into<String>) -> Self {
        CompileError {
            tag,
            line: None,
            msg: msg.into(),
        }
    }
    /// The text after `dtrace: failed to compile script F: `, with the tag when `errtags` is set.
    pub fn render(&self, errtags: bool) -> String {
        let mut s = String::new();
        if errtags {
            s.push_str(&format!("[{}] ", self.tag));
        }
        if let Some(l) = self.line {
            s.push_str(&format!("line {}: ", l));
        }
        s.push_str(&self.msg);
        s
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// An option that could not be set: DTrace's two reasons.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OptError {
    #[error("Invalid option name")]
    BadName,
    #[error("Invalid value for specified option")]
    BadValue,
    #[error("Version is not properly formatted or is too large")]
    VersionInvalid,
    /// A well-formed version the compiler does not know: Oracle's current `-x version`
    /// refuses it with ENOTSUP (test/unittest/options/err.version.r).
    #[error("Operation not supported")]
    VersionUnsupported,
    /// dt_reduce: a binding only ever goes down to earlier versions.
    #[error("Requested version conflicts with earlier setting")]
    VersionReduced,
}

/// A failure of the kernel side: map or program creation, attach, ring buffer.
#[derive(Debug, thiserror::Error)]
pub enum SysError {
    #[error("{what}: {source}")]
    Os {
        what: String,
        source: std::io::Error,
    },
    #[error("BPF program {name} rejected by the verifier: {source}\n{log}")]
    Verifier {
        name: String,
        source: std::io::Error,
        log: String,
    },
}

impl SysError {
    pub fn os(what: impl Into<String>) -> SysError {
        SysError::Os {
            what: what.into(),
            source: std::io::Error::last_os_error(),
        }
    }
}

/// Everything libdtrace can report to its caller.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Compile(#[from] CompileError),
    #[error(transparent)]
    Opt(#[from] OptError),
    #[error(transparent)]
    Sys(#[from] SysError),
    #[error("{0}")]
    Other(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
