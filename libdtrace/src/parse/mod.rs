//! Parse: D source text to the syntax tree of `ast`.
//!
//! The lexer and grammar follow Oracle DTrace's `dt_lex.l` and `dt_grammar.y`, including their
//! error messages and tags, so that `dtrace` can print compile errors as DTrace does.
//!
//! Rules worth knowing, because D is not context free:
//!
//! * **Predicate delimiter.** As in DTrace's lexer, a `/` in expression scope closes the
//!   predicate when the next non-blank character is end of input, `;`, `{` or `/` (the latter
//!   also covers a comment: `/x/ /* c */ {`); any other `/` is division. So `/arg0 / 2 > 1/`
//!   divides once and closes at the last slash. A closing `/` with a `(` or `[` still open is
//!   DTrace's "closing ) expected in predicate before /" error.
//! * **Probe descriptions vs declarations** at outer scope: keywords (`int`, `self`, `struct`,
//!   ...) open declarations; any other word is a probe description, unless it is a plain word
//!   followed by a declarator (`uint64_t x;`, `foo_t *p;`) or a type-looking word glued to `*`
//!   (`int*x;`). DTrace asks its type tables here; we have none at parse time.
//! * **Casts and `sizeof(type)`**: `(` opens a cast when followed by a type keyword or by a
//!   word ending in `_t` that is not used like a variable (DTrace's `id_or_type` lookahead:
//!   followed by `++`, `--`, `[`, `=`, `;`, or `,` outside parentheses).
//! * **Control lines** (`#` first on a line) are handled as DTrace does without cpp:
//!   `#pragma D option x` and the other `#pragma D` pragmas become [`ast::Item::Pragma`]
//!   (a pragma inside a clause body is emitted before that clause), other `#pragma` lines are
//!   ignored, `#ident` is ignored, `#line N` renumbers lines (as DTrace, the line after
//!   `#line N` is N + 1; after cpp's `# N "file"` it is N), `#error` fails with D_PRAGERR, and
//!   any other directive fails with D_PRAGCTL_INVAL. Lines starting with `#!` are ignored.
//! * `#pragma D` words are kept as written; a string argument keeps its quotes
//!   (`#pragma D binding "1.0" x` gives `["binding", "\"1.0\"", "x"]`). `#pragma D option`
//!   is checked for shape here (DTrace's D_PRAGMA_MALFORM errors); setting it is the caller's.
//! * Type qualifiers (`const`, `volatile`, `restrict`) are accepted and dropped from
//!   [`ast::TypeName`]; they do not change D semantics.
//! * Not supported yet (reported as `syntax error near "WORD"`): `inline`, `typedef`, `extern`,
//!   `static`, `register`, `auto`, `counter`, `translator`, `import`, `xlate`,
//!   struct/union/enum definitions, scalar array declarators (`int a[5]`), floating-point types
//!   beyond their names, and declarations inside clause bodies.
//! * Only `/* */` comments exist; `//` is not a comment in D.
//! * A predicate with no action block is DTrace's grammar error "expected actions { }
//!   following probe description and predicate"; a clause with neither predicate nor actions
//!   parses with `body: None` (DTrace accepts it from `-n` but not from a script file: the caller
//!   decides).
//!
//! Lines in errors are the line of the offending token (the last line for end of input).
//! DTrace omits the line for programs given with `-n`/`-P`..., which is the caller's concern.

pub mod ast;
mod lexer;
mod parser;

#[cfg(test)]
mod tests;

use crate::error::CompileError;

/// Parse a whole D program (script file or `-n` text).
pub fn parse_program(src: &str) -> Result<ast::Program, CompileError> {
    parser::Parser::new(src).program()
}
