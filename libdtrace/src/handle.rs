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
    fn record(
        &mut self,
        out: &mut dyn Write,
        data: &ProbeData,
        rec: Option<&RecordData>,
    ) -> Consume;
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

use crate::check::ir::TClause;
use crate::check::{Checker, Macros, Symbols};
use crate::provider::ProbeTable;
use crate::session::Session;

/// A DTrace consumer: options, compiled programs, and once started, the kernel state.
pub struct Handle {
    pub(crate) opts: Options,
    /// `$target`: the first process of `-c` or `-p`.
    pub(crate) target: Option<i32>,
    pub(crate) syms: Symbols,
    pub(crate) probes: ProbeTable,
    /// Checked programs, by `ProgramId`.
    pub(crate) programs: Vec<Vec<TClause>>,
    /// Clauses of executed programs, in execution order.
    pub(crate) enabled: Vec<TClause>,
    pub(crate) session: Option<Session>,
    /// vmlinux BTF for `dtrace -lv` of rawtp probes, read on first use.
    pub(crate) btf_cache: Option<Option<crate::btf::Btf>>,
    /// Stability attributes of the checked programs, by `ProgramId`.
    pub(crate) program_attrs: Vec<crate::check::attrs::ProgramAttrs>,
}

impl Handle {
    /// dtrace_open: a handle with DTrace's default options.
    pub fn open() -> Result<Handle> {
        crate::load::raise_nofile_limit();
        Ok(Handle {
            opts: Options::default(),
            target: None,
            syms: Symbols::default(),
            probes: ProbeTable::new(),
            programs: Vec::new(),
            enabled: Vec::new(),
            session: None,
            btf_cache: None,
            program_attrs: Vec::new(),
        })
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

    /// Tell the probe table that process `pid` (created, not yet exec'd) will run `path`, so
    /// that its pid and usdt probes are found in that executable and its libraries.
    pub fn set_exec_path(&mut self, pid: i32, path: &std::path::Path) {
        self.probes.set_exec_path(pid, path.to_path_buf());
    }

    /// dtrace_program_strcompile: compile `-n`/`-P`/`-m`/`-f`/`-i` text. `argv` are the macro
    /// arguments: `argv[0]` is `$0`, the operands follow.
    pub fn compile_str(
        &mut self,
        text: &str,
        kind: ProbeSpecKind,
        zdefs: bool,
        argv: &[String],
    ) -> Result<ProgramId> {
        self.compile(text, kind, zdefs, argv)
    }

    /// dtrace_program_fcompile: compile a script file's text (the `#!` line is ignored).
    pub fn compile_file(&mut self, text: &str, zdefs: bool, argv: &[String]) -> Result<ProgramId> {
        self.compile(text, ProbeSpecKind::Script, zdefs, argv)
    }

    fn compile(
        &mut self,
        text: &str,
        kind: ProbeSpecKind,
        zdefs: bool,
        argv: &[String],
    ) -> Result<ProgramId> {
        // DTrace names the line of an error only in script files, not in `-n` text.
        self.compile_inner(text, kind, zdefs, argv).map_err(|e| match e {
            crate::Error::Compile(mut c) if kind != ProbeSpecKind::Script => {
                c.line = None;
                crate::Error::Compile(c)
            }
            e => e,
        })
    }

    fn compile_inner(
        &mut self,
        text: &str,
        kind: ProbeSpecKind,
        zdefs: bool,
        argv: &[String],
    ) -> Result<ProgramId> {
        let ast = crate::parse::parse_program(text)?;
        let macros = Macros {
            argv: argv.to_vec(),
            target: self.target,
        };
        // Pragmas take effect before the clauses that follow them are checked (strsize).
        let mut opts = self.opts.clone();
        for item in &ast.items {
            if let crate::parse::ast::Item::Pragma { words, .. } = item {
                if words.first().map(|w| w == "option").unwrap_or(false) {
                    for w in &words[1..] {
                        let (n, v) = match w.split_once('=') {
                            Some((n, v)) => (n, Some(v)),
                            None => (w.as_str(), None),
                        };
                        let _ = opts.set(n, v);
                    }
                }
            }
        }
        let zdefs = zdefs || opts.zdefs;
        let checked = Checker::new(
            &mut self.syms,
            &mut self.probes,
            &opts,
            &macros,
            kind,
            zdefs,
        )
        .check(&ast)?;
        for (n, v) in &checked.pragmas {
            self.opts.set(n, v.as_deref())?;
        }
        self.programs.push(checked.clauses);
        self.program_attrs.push(checked.attrs);
        Ok(ProgramId(self.programs.len() - 1))
    }

    /// dtrace_program_info's attributes: the minimum attributes of a compiled program's
    /// probe descriptions and statements (`dtrace -v`).
    pub fn program_attrs(&self, prog: ProgramId) -> crate::check::attrs::ProgramAttrs {
        self.program_attrs[prog.0]
    }

    /// `dtrace -e -v`: for each probe description of a compiled program, `\nprov:mod:func:name\n`
    /// and, when DTrace can describe it (dtrace_probe_info), the attributes of the
    /// description, those of its arguments and the argument types of its first probe
    /// (cmd/dtrace.c info_stmt).
    pub fn program_desc_info(&mut self, prog: ProgramId) -> String {
        use crate::check::attrs;
        let conv = |a: attrs::Attr| crate::provider::args::Attr {
            name: a.name.name(),
            data: a.data.name(),
            class: a.class.name(),
        };
        let mut out = String::new();
        let descs: Vec<_> = self.programs[prog.0]
            .iter()
            .flat_map(|c| c.descs.iter().cloned())
            .collect();
        for (pat, ids) in descs {
            out.push_str(&format!(
                "\n{}:{}:{}:{}\n",
                pat.provider, pat.module, pat.function, pat.name
            ));
            let Some(kind) = ids.first().and_then(|id| self.probes.get(*id)).map(|p| p.kind.clone())
            else {
                continue;
            };
            let Some((desc, args)) = attrs::probe_info(&pat, &kind, ids.len()) else {
                continue;
            };
            let info = crate::provider::args::ProbeInfo {
                desc_attr: conv(desc),
                arg_attr: conv(args),
                arg_types: crate::provider::args::native_types(&kind, &mut self.btf_cache),
            };
            out.push_str(&crate::provider::args::format_info(&info));
        }
        out
    }

    /// The probes a compiled program matches, in probe ID order, for `dtrace -l -n ...`.
    pub fn program_probes(&self, prog: ProgramId) -> Vec<ProbeDesc> {
        let mut ids: Vec<u32> = self.programs[prog.0]
            .iter()
            .flat_map(|c| c.probes.iter().copied())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.iter()
            .filter_map(|id| self.probes.get(*id))
            .map(|p| p.desc.clone())
            .collect()
    }

    /// Every probe this system offers, in ID order (`dtrace -l`).
    pub fn list_probes(&mut self) -> Result<Vec<ProbeDesc>> {
        Ok(self.probes.all().iter().map(|p| p.desc.clone()).collect())
    }

    /// `dtrace -lv`: the text describing probe `id`'s attributes and argument types, when its
    /// provider's attributes are known.
    pub fn probe_info_text(&mut self, id: u32) -> Option<String> {
        let kind = self.probes.get(id)?.kind.clone();
        let info = crate::provider::args::info(&kind, &mut self.btf_cache)?;
        Some(crate::provider::args::format_info(&info))
    }

    /// dtrace_program_exec: make the program's clauses part of the tracing session.
    pub fn exec(&mut self, prog: ProgramId) -> Result<ProgramInfo> {
        let clauses = self.programs[prog.0].clone();
        // DTrace counts enablings: a probe named by two clauses counts twice.
        let matched = clauses.iter().map(|c| c.probes.len()).sum();
        self.enabled.extend(clauses);
        Ok(ProgramInfo { matched })
    }

    /// dtrace_go: load and attach everything, run BEGIN.
    pub fn go(&mut self) -> Result<()> {
        let s = Session::start(&self.enabled, &self.syms, &self.probes, &self.opts)?;
        self.session = Some(s);
        Ok(())
    }

    /// dtrace_stop: detach every probe, run END.
    pub fn stop(&mut self) -> Result<()> {
        match &mut self.session {
            Some(s) => s.stop(),
            None => Ok(()),
        }
    }

    /// dtrace_work: wait up to `switchrate` for data, consume it (printing trace and printf
    /// output to `out`) and report whether tracing is over.
    pub fn work(
        &mut self,
        out: &mut dyn Write,
        handler: &mut dyn ConsumeHandler,
    ) -> Result<WorkStatus> {
        match &mut self.session {
            Some(s) => s.work(out, handler, &self.probes, &self.opts),
            None => Ok(WorkStatus::Done),
        }
    }

    /// dtrace_aggregate_print: print every aggregation not printed yet, in ID order.
    pub fn aggregate_print(&mut self, out: &mut dyn Write) -> Result<()> {
        match &mut self.session {
            Some(s) => s.aggregate_print(out, &self.syms, &self.opts),
            None => Ok(()),
        }
    }
}
