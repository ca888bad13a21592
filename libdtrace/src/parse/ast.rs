//! The D syntax tree: what the parser produces and the checker consumes.
//!
//! Every node that can be named in an error carries the 1-based source line it starts on.

/// A whole D program: a translation unit of clauses, pragmas and declarations in source order.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    pub items: Vec<Item>,
    /// The line the text ends on (where DTrace reports an empty program).
    pub end_line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Clause(Clause),
    /// `#pragma D ...` with its words after `D` (`["option", "quiet"]`,
    /// `["option", "bufsize=4m"]`). `#pragma` lines not for D are dropped by the parser.
    Pragma {
        words: Vec<String>,
        line: u32,
    },
    /// A declaration at file scope: `int x;`, `self int y;`, `this string s;`.
    Decl(Decl),
    /// A type definition: `struct foo { ... };`, `enum e { ... };`, `typedef int myint;`.
    Type(TypeDef),
    /// `inline type name = expr;`, or with parameters `inline type name[type p, ...] = expr;`
    /// (`params` is `None` for the plain form).
    Inline {
        ty: TypeName,
        name: String,
        params: Option<Vec<(TypeName, Option<String>)>>,
        expr: Expr,
        line: u32,
    },
    /// `translator out < in param > { member = expr; ... };`
    Translator(Translator),
    /// `provider name { probe p__name(types) [: (types)]; ... };`
    Provider(ProviderDef),
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeDef {
    /// `struct|union name { members };`, or without members (`None`) a forward declaration.
    Sou {
        union: bool,
        name: String,
        members: Option<Vec<MemberDecl>>,
        line: u32,
    },
    /// `enum name { A, B = expr, ... };`
    Enum {
        name: String,
        values: Vec<(String, Option<Expr>)>,
        line: u32,
    },
    /// `typedef type name;`
    Typedef {
        ty: TypeName,
        name: String,
        line: u32,
    },
}

/// A member of a struct or union definition: `int a;`, `char b[8];`, `unsigned c : 3;`.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberDecl {
    pub ty: TypeName,
    pub name: String,
    pub bits: Option<Expr>,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Translator {
    pub out: TypeName,
    pub input: TypeName,
    pub param: String,
    pub members: Vec<(String, Expr)>,
    pub line: u32,
}

/// A user-defined (USDT) provider: what `dtrace -h` and `dtrace -G` build from.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderDef {
    pub name: String,
    pub probes: Vec<ProbeDef>,
    pub line: u32,
}

/// `probe query__start(char *, int) : (string, int);` in a provider definition.
#[derive(Debug, Clone, PartialEq)]
pub struct ProbeDef {
    /// The probe's name with each `__` spelled `-`, as DTrace names it (`query-start`).
    pub name: String,
    /// The argument types the program passes (`pr_nargs`): the C macro's parameters.
    pub native: Vec<TypeName>,
    /// The types D scripts see after `:` (`pr_xargs`); `None` when they are the native ones.
    pub xlated: Option<Vec<TypeName>>,
    pub line: u32,
    /// For each output argument, the index of the native argument it is (dt_probe_argmap):
    /// the identity without output types.
    pub mapping: Vec<usize>,
}

/// `desc[, desc...] [/predicate/] [{ statements }]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    pub probes: Vec<ProbeSpec>,
    pub predicate: Option<Expr>,
    /// `None` when the clause has no statement block at all (allowed for `-n BEGIN`: the default
    /// action); `Some(vec![])` for `{}`.
    pub body: Option<Vec<Stmt>>,
    pub line: u32,
    /// The line of the closing `}` (the description's line without a body): DTrace names it
    /// in errors about the whole clause (D_ATTR_MIN).
    pub end_line: u32,
}

/// A probe description exactly as written (`syscall::open*:entry`, `BEGIN`, `pid$target::f:entry`).
/// Macro expansion and splitting into fields happen in the checker.
#[derive(Debug, Clone, PartialEq)]
pub struct ProbeSpec {
    pub text: String,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Stmt {
    Expr(Expr),
    If {
        cond: Expr,
        then: Vec<Stmt>,
        els: Vec<Stmt>,
        line: u32,
    },
    Decl(Decl),
}

/// Storage class of a declared variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Global,
    /// `self`
    Thread,
    /// `this`
    Clause,
    /// `extern`: the type of a kernel symbol, not a D variable.
    Extern,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Decl {
    pub scope: Scope,
    pub ty: TypeName,
    pub name: String,
    /// `int a[string, int]` declares an associative array with these key types.
    pub keys: Option<Vec<TypeName>>,
    pub line: u32,
}

/// A type as written: `int`, `unsigned long long`, `string`, `char *`, `struct foo *`,
/// `uint64_t`. Kept as its words plus pointer depth; the checker resolves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeName {
    /// The words of the base type, in order: `["unsigned", "long", "long"]`, `["struct", "foo"]`.
    /// Array dimensions of a declarator follow as words `"[N]"` (`int a[5]` has
    /// `["int", "[5]"]`), outermost first.
    pub words: Vec<String>,
    /// Number of `*` after it.
    pub ptr: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// Integer constant with the flags of its suffix and base (they decide its type).
    Int {
        value: u64,
        unsigned: bool,
        long: u8,
        decimal: bool,
    },
    /// Character constant `'a'` (value of the character; multi-character constants as C).
    Char(i64),
    /// String constant, escapes already decoded.
    Str(Vec<u8>),
    /// An identifier: a variable, a built-in variable, an inline, an enumerator.
    Ident(String),
    /// `$1`, `$target`, `$pid`: a macro variable, by name without the `$`.
    Macro(String),
    /// `$$1`: a macro variable forced to a string.
    MacroStr(String),
    /// `self->name`
    SelfVar(String),
    /// `this->name`
    ThisVar(String),
    /// `@name[keys]`; `@` alone has name `""`. `keys` is empty for `@a` (no brackets).
    Agg {
        name: String,
        keys: Vec<Expr>,
    },
    /// `base[k1, k2, ...]`: associative array or array/pointer index.
    Index {
        base: Box<Expr>,
        keys: Vec<Expr>,
    },
    /// `name(args...)`: an action, subroutine or aggregating function.
    Call {
        name: String,
        args: Vec<Expr>,
    },
    Unary {
        op: UnOp,
        expr: Box<Expr>,
    },
    Binary {
        op: BinOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `lhs = rhs` (op `None`) or `lhs op= rhs`.
    Assign {
        op: Option<BinOp>,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `++x`, `x++`, `--x`, `x--`.
    IncDec {
        pre: bool,
        inc: bool,
        expr: Box<Expr>,
    },
    Ternary {
        cond: Box<Expr>,
        then: Box<Expr>,
        els: Box<Expr>,
    },
    Cast {
        ty: TypeName,
        expr: Box<Expr>,
    },
    SizeofType(TypeName),
    SizeofExpr(Box<Expr>),
    Stringof(Box<Expr>),
    Offsetof {
        ty: TypeName,
        member: String,
    },
    /// `e.member` (arrow false) or `e->member` (arrow true).
    Member {
        expr: Box<Expr>,
        member: String,
        arrow: bool,
    },
    /// `a, b`
    Comma(Box<Expr>, Box<Expr>),
    /// `xlate <type>(expr)`
    Xlate {
        ty: TypeName,
        expr: Box<Expr>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Plus,
    Not,
    BitNot,
    Deref,
    AddrOf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Mul,
    Div,
    Mod,
    Add,
    Sub,
    Shl,
    Shr,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    BitAnd,
    BitXor,
    BitOr,
    LogAnd,
    LogXor,
    LogOr,
}

impl BinOp {
    /// The operator as written in D, for error messages.
    pub fn as_str(self) -> &'static str {
        use BinOp::*;
        match self {
            Mul => "*",
            Div => "/",
            Mod => "%",
            Add => "+",
            Sub => "-",
            Shl => "<<",
            Shr => ">>",
            Lt => "<",
            Le => "<=",
            Gt => ">",
            Ge => ">=",
            Eq => "==",
            Ne => "!=",
            BitAnd => "&",
            BitXor => "^",
            BitOr => "|",
            LogAnd => "&&",
            LogXor => "^^",
            LogOr => "||",
        }
    }
}
