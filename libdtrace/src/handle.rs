//! The consumer handle and its life cycle.

use std::io::Write;

use crate::error::Result;
use crate::record::Value;

/// How a program text names its probes (`dtrace -n/-f/-m/-P/-i`, or a script file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProbeSpecKind {
    /// `-n`: `[[[prov:]mod:]func:]name`
    Name,
    /// `-f`: `[[prov:]mod:]func`
    Function,
    /// `-m`: `[prov:]mod`
    Module,
    /// `-P`: `prov`
    Provider,
    /// `-i`: a probe ID
    Id,
    /// `-s`: a script file (every probe description is full and needs a statement block)
    Script,
}

/// A probe as `dtrace -l` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeDesc {
    pub id: u32,
    pub provider: String,
    pub module: String,
    pub function: String,
    pub name: String,
}

/// A compiled program, ready to [`Handle::exec`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgramId(pub usize);

/// What [`Handle::exec`] reports: DTrace's `matched N probes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgramInfo {
    pub matched: usize,
}

/// One firing of an enabled probe as the consumer sees it.
#[derive(Debug, Clone, Copy)]
pub struct ProbeData<'a> {
    pub cpu: u32,
    pub epid: u32,
    pub probe: &'a ProbeDesc,
}

/// One action's data within a firing, given to [`ConsumeHandler::record`] before the library
/// prints it (or, for `exit`, instead).
#[derive(Debug, Clone, Copy)]
pub enum RecordData<'a> {
    /// `exit(status)`
    Exit(i32),
    /// `trace(value)`
    Trace(Value<'a>),
    /// `printf(...)`
    Printf,
}

/// What a handler tells the consume loop to do next, as libdtrace's DTRACE_CONSUME_*.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consume {
    /// Let the library print this record (DTRACE_CONSUME_THIS).
    This,
    /// Skip this record (DTRACE_CONSUME_NEXT).
    Next,
    /// Stop consuming (DTRACE_CONSUME_ABORT).
    Abort,
}

/// The callbacks of [`Handle::work`]: `chew` and `chewrec` of dtrace(1), plus the error and drop
/// handlers.
pub trait ConsumeHandler {
    /// Called once per firing, before its records.
    fn probe(&mut self, out: &mut dyn Write, data: &ProbeData) -> Consume;
    /// Called for each record of the firing, and once more with `None` after the last.
    fn record(&mut self, out: &mut dyn Write, data: &ProbeData, rec: Option<&RecordData>) -> Consume;
    /// A runtime fault message (`error on enabled probe ...`), without the `dtrace: ` prefix.
    fn error(&mut self, msg: &str) {
        eprintln!("dtrace: {}", msg);
    }
    /// A drop message (`N drops on CPU C`), without the `dtrace: ` prefix.
    fn drop(&mut self, msg: &str) {
        eprintln!("dtrace: {}", msg);
    }
}

/// What one call of [`Handle::work`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkStatus {
    /// Tracing goes on.
    Okay,
    /// Tracing has stopped (exit() was called, or [`Handle::stop`]) and all data is consumed.
    Done,
}

pub use crate::options::Options;

/// A DTrace consumer: options, compiled programs, and once started, the kernel state.
pub struct Handle {
    pub(crate) opts: Options,
    /// `$target`: the first process of `-c` or `-p`.
    pub(crate) target: Option<i32>,
}

impl Handle {
    /// dtrace_open: a handle with DTrace's default options.
    pub fn open() -> Result<Handle> {
        Ok(Handle { opts: Options::default(), target: None })
    }

    /// dtrace_setopt: `-x name[=value]`; `value` is `None` for a bare boolean option.
    pub fn setopt(&mut self, name: &str, value: Option<&str>) -> Result<()> {
        self.opts.set(name, value)?;
        Ok(())
    }

    pub fn options(&self) -> &Options {
        &self.opts
    }

    /// Set `$target` (the CLI calls this for the first `-c` or `-p` process, before compiling).
    pub fn set_target(&mut self, pid: i32) {
        if self.target.is_none() {
            self.target = Some(pid);
        }
    }
}

#[allow(unused)]
impl Handle {
    /// dtrace_program_strcompile: compile `-n`/`-P`/`-m`/`-f`/`-i` text. `argv` are the macro
    /// arguments: `argv[0]` is `$0`, the operands follow.
    pub fn compile_str(&mut self, text: &str, kind: ProbeSpecKind, zdefs: bool, argv: &[String]) -> Result<ProgramId> {
        todo!("compile_str")
    }

    /// dtrace_program_fcompile: compile a script file's text (the `#!` line is ignored).
    pub fn compile_file(&mut self, text: &str, zdefs: bool, argv: &[String]) -> Result<ProgramId> {
        todo!("compile_file")
    }

    /// The probes a compiled program matches, in probe ID order, for `dtrace -l -n ...`.
    pub fn program_probes(&self, prog: ProgramId) -> Vec<ProbeDesc> {
        todo!("program_probes")
    }

    /// Every probe this system offers, in ID order (`dtrace -l`).
    pub fn list_probes(&self) -> Result<Vec<ProbeDesc>> {
        todo!("list_probes")
    }

    /// dtrace_program_exec: make the program's clauses part of the tracing session.
    pub fn exec(&mut self, prog: ProgramId) -> Result<ProgramInfo> {
        todo!("exec")
    }

    /// dtrace_go: load and attach everything, run BEGIN.
    pub fn go(&mut self) -> Result<()> {
        todo!("go")
    }

    /// dtrace_stop: detach every probe, run END.
    pub fn stop(&mut self) -> Result<()> {
        todo!("stop")
    }

    /// dtrace_work: wait up to `switchrate` for data, consume it (printing trace and printf
    /// output to `out`), and at the end print the aggregations.
    pub fn work(&mut self, out: &mut dyn Write, handler: &mut dyn ConsumeHandler) -> Result<WorkStatus> {
        todo!("work")
    }

    /// dtrace_aggregate_print: print every aggregation not printed yet, in ID order.
    pub fn aggregate_print(&mut self, out: &mut dyn Write) -> Result<()> {
        todo!("aggregate_print")
    }
}
