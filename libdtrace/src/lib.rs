//! libdtrace: DTrace for Linux on BPF.
//!
//! The library follows libdtrace's life cycle so that a C ABI can wrap it one to one:
//! [`Handle::open`] (dtrace_open), [`Handle::setopt`], [`Handle::compile_str`] /
//! [`Handle::compile_file`] (dtrace_program_*compile), [`Handle::exec`] (dtrace_program_exec),
//! [`Handle::go`], [`Handle::work`] with a [`ConsumeHandler`] (dtrace_work with chew/chewrec),
//! [`Handle::stop`], [`Handle::aggregate_print`], and drop (dtrace_close).
//!
//! Inside, the stages run in the order data flows: `parse` → `check` → `codegen` → `load` →
//! `attach` → `consume` → `aggregate` → `print`.

pub mod aggregate;
pub mod attach;
pub mod btf;
pub mod btf_offsets;
pub mod check;
pub mod codegen;
pub mod consume;
pub mod cpp;
pub mod dtrace_type;
pub mod error;
pub mod handle;
pub mod handle_ext;
pub mod load;
pub mod options;
pub mod parse;
pub mod print;
pub mod proc;
pub mod provider;
pub mod record;
pub mod record_act;
pub mod session;
pub mod session_recbuf;
pub mod session_dis;
pub mod usdtgen;

pub use error::{CompileError, ErrTag, Error, OptError, Result, SysError};
pub use handle::*;
pub use handle_ext::DescMatches;
