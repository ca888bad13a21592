//! dtrace(8)'s flow, as Oracle's cmd/dtrace.c runs it: options, processes, compilation,
//! listing or enabling, then the consume loop and the final output.

use std::fs::OpenOptions;
use std::io::{self, BufWriter, Write};

use libdtrace::proc::{strerror, Proc};
use libdtrace::{Handle, ProbeDesc, ProgramId, WorkStatus};

use crate::args::{self, Args, Mode, ProcSpec, ProgSource};
use crate::chew::Chew;
use crate::signals;
use crate::usdtgen;

pub const E_SUCCESS: i32 = 0;
pub const E_ERROR: i32 = 1;
pub const E_USAGE: i32 = 2;

/// The D version `-V` reports, as Oracle's dtrace does.
pub const D_VERSION: &str = "Oracle D 2.0";

/// A run that ends early, with what to print to stderr and the exit status.
#[derive(Debug)]
pub struct Fatal {
    pub msg: String,
    pub status: i32,
}

impl Fatal {
    fn error(msg: String) -> Fatal {
        Fatal {
            msg,
            status: E_ERROR,
        }
    }
}

/// The message text of a library error: compile errors carry line and, with `-x errtags`,
/// their tag.
pub fn errmsg(e: &libdtrace::Error, errtags: bool) -> String {
    match e {
        libdtrace::Error::Compile(c) => c.render(errtags),
        other => other.to_string(),
    }
}

/// One compiled program and the words its notices use.
struct Cmd {
    prog: ProgramId,
    /// "description" or "script"
    desc: &'static str,
    /// The cropped text or the script path.
    name: String,
}

/// Where traced data goes: stdout, or the `-o` file opened for appending.
fn open_output(ofile: Option<&str>) -> Result<Box<dyn Write>, Fatal> {
    match ofile {
        None => Ok(Box::new(BufWriter::new(io::stdout()))),
        Some(f) => match OpenOptions::new().append(true).create(true).open(f) {
            Ok(file) => Ok(Box::new(BufWriter::new(file))),
            Err(e) => Err(Fatal::error(format!(
                "failed to open output file '{}': {}",
                f,
                strerror(&e)
            ))),
        },
    }
}

/// Options from `DTRACE_OPT_NAME=value` in the environment, as dtrace_setoptenv: set before
/// the command line's, errors ignored.
fn setoptenv(h: &mut Handle) {
    for (k, v) in std::env::vars() {
        if let Some(name) = k.strip_prefix("DTRACE_OPT_") {
            let name = name.to_ascii_lowercase();
            let value = if v.is_empty() { None } else { Some(v.as_str()) };
            let _ = h.setopt(&name, value);
        }
    }
}

/// Run dtrace with parsed arguments; `stderr` receives notices and messages. Returns the exit
/// status.
pub fn run(a: &Args, stderr: &mut dyn Write) -> i32 {
    let pname = args::pname(&a.argv0).to_string();
    match run_inner(a, &pname, stderr) {
        Ok(status) => status,
        Err(f) => {
            let _ = writeln!(stderr, "{}: {}", pname, f.msg);
            f.status
        }
    }
}

fn run_inner(a: &Args, pname: &str, stderr: &mut dyn Write) -> Result<i32, Fatal> {
    if a.mode == Mode::Version {
        let mut out = io::stdout();
        let _ = writeln!(out, "{}: {}", pname, D_VERSION);
        if a.verbose > 0 {
            let _ = writeln!(out, "This is DTrace {}", env!("CARGO_PKG_VERSION"));
        }
        return Ok(E_SUCCESS);
    }

    let mut h = Handle::open().map_err(|e| {
        Fatal::error(format!(
            "failed to initialize dtrace: {}",
            errmsg(&e, false)
        ))
    })?;
    setoptenv(&mut h);

    for s in &a.settings {
        if let Err(e) = h.setopt(&s.name, s.value.as_deref()) {
            return Err(Fatal::error(format!(
                "failed to set {}: {}",
                s.origin,
                errmsg(&e, false)
            )));
        }
    }

    if a.buffered && a.mode != Mode::Exec {
        return Err(Fatal {
            msg: "-B not valid in combination with [-Gl] options".into(),
            status: E_USAGE,
        });
    }
    if a.buffered && a.ofile.is_some() {
        return Err(Fatal {
            msg: "-B not valid in combination with -o option".into(),
            status: E_USAGE,
        });
    }
    let testing = std::env::var_os("_DTRACE_TESTING").is_some();

    // Processes come before compilation so that `$target` is known to the compiler.
    let mut procs: Vec<Proc> = Vec::new();
    for p in &a.procs {
        let proc = match p {
            ProcSpec::Create(cmd) => Proc::create_with_env(cmd, &h.options().env_changes())
                .map_err(|e| Fatal::error(e.to_string()))?,
            ProcSpec::Grab(s) => {
                let pid: i32 = s
                    .parse()
                    .map_err(|_| Fatal::error(format!("invalid pid: {}", s)))?;
                Proc::grab(pid).map_err(|e| Fatal::error(e.to_string()))?
            }
        };
        h.set_target(proc.pid());
        if let Some(path) = proc.exec_path() {
            h.set_exec_path(proc.pid(), path);
        }
        procs.push(proc);
    }

    let zdefs = a.zdefs || h.options().zdefs;
    let mut cmds = Vec::new();
    // Each program's provider definitions, for -h and -G.
    let mut provs = Vec::new();
    for src in &a.programs {
        match src {
            ProgSource::Text { text, kind } => {
                let mut argv = vec![a.argv0.clone()];
                // With -G the operands are the objects to link, not macro arguments.
                if a.mode != Mode::Link {
                    argv.extend(a.operands.iter().cloned());
                }
                let prog = h.compile_str(text, *kind, zdefs, &argv).map_err(|e| {
                    Fatal::error(format!(
                        "invalid probe specifier {}: {}",
                        text,
                        errmsg(&e, h.options().errtags)
                    ))
                })?;
                provs.push(Vec::new());
                cmds.push(Cmd {
                    prog,
                    desc: "description",
                    name: args::crop_name(text).to_string(),
                });
            }
            ProgSource::File(path) => {
                let bytes = std::fs::read(path).map_err(|e| {
                    Fatal::error(format!("failed to open {}: {}", path, strerror(&e)))
                })?;
                let mut text = String::from_utf8_lossy(&bytes).into_owned();
                if libdtrace::cpp::enabled(h.options()) {
                    text = libdtrace::cpp::preprocess(&text, path, h.options())
                        .map_err(|e| Fatal::error(e.to_string()))?;
                }
                let mut argv = vec![path.clone()];
                if a.mode != Mode::Link {
                    argv.extend(a.operands.iter().cloned());
                }
                let prog = h.compile_file(&text, zdefs, &argv).map_err(|e| {
                    Fatal::error(format!(
                        "failed to compile script {}: {}",
                        path,
                        errmsg(&e, h.options().errtags)
                    ))
                })?;
                provs.push(libdtrace::usdtgen::providers(&text).unwrap_or_default());
                cmds.push(Cmd {
                    prog,
                    desc: "script",
                    name: path.clone(),
                });
            }
        }
    }

    match a.mode {
        Mode::Version | Mode::Exec => {}
        Mode::List => return list(&mut h, a, &cmds, stderr, pname),
        Mode::Link | Mode::Header => {
            let progs: Vec<usdtgen::Prog> = cmds
                .iter()
                .zip(&provs)
                .map(|(c, p)| usdtgen::Prog {
                    desc: c.desc,
                    name: &c.name,
                    providers: p,
                })
                .collect();
            return if a.mode == Mode::Link {
                usdtgen::link(a, &progs)
            } else {
                usdtgen::header(a, &progs)
            };
        }
    }

    let mut out = open_output(a.ofile.as_deref())?;
    let quiet = h.options().quiet;
    let mut total = 0usize;
    for c in &cmds {
        if !a.exec {
            // -S: the clause listings Oracle prints at compile time.
            let _ = h.disassemble_unexecuted(c.prog);
            if a.verbose > 0 && a.mode == Mode::Exec {
                // -e: the report, then each description's information instead of a newline.
                let r = h.program_attrs(c.prog).report(c.desc, &c.name);
                let _ = out.write_all(r.as_bytes());
                let _ = out.write_all(h.program_desc_info(c.prog).as_bytes());
            }
            continue;
        }
        let info = h.exec(c.prog).map_err(|e| {
            Fatal::error(format!(
                "failed to enable '{}': {}",
                c.name,
                errmsg(&e, h.options().errtags)
            ))
        })?;
        if !quiet {
            let _ = writeln!(
                stderr,
                "{}: {} '{}' matched {} probe{}",
                pname,
                c.desc,
                c.name,
                info.matched,
                if info.matched == 1 { "" } else { "s" }
            );
        }
        if a.verbose > 0 {
            // The report goes where trace output goes (oprintf), after the notice.
            let r = h.program_attrs(c.prog).report(c.desc, &c.name);
            let _ = out.write_all(r.as_bytes());
            let _ = out.write_all(b"\n");
        }
        total += info.matched;
    }
    if !a.exec {
        return Ok(E_SUCCESS);
    }
    if total == 0 && !zdefs {
        return Err(Fatal::error(format!(
            "no probes {}",
            if cmds.is_empty() {
                "specified"
            } else {
                "matched"
            }
        )));
    }

    h.go()
        .map_err(|e| Fatal::error(format!("could not enable tracing: {}", errmsg(&e, false))))?;

    let opts = h.options();
    let mut chew = Chew::new(opts.quiet, opts.flowindent, testing);
    if opts.destructive && !opts.quiet {
        let _ = writeln!(stderr, "{}: allowing destructive actions", pname);
    }

    signals::install();

    // Tracing is on: let the processes run.
    for p in procs.iter_mut() {
        if let Err(e) = p.resume() {
            let _ = writeln!(stderr, "{}: {}", pname, e);
        }
    }

    let mut done = false;
    let mut stopped = false;
    loop {
        if signals::take_newline() && !testing {
            // As dtrace does even in quiet mode: the ^C line ends before the final output.
            let _ = out.write_all(b"\n");
        }
        if done
            || signals::interrupted()
            || (!procs.is_empty() && procs.iter_mut().all(|p| !p.is_alive()))
        {
            done = true;
            if !stopped {
                h.stop().map_err(|e| {
                    Fatal::error(format!("couldn't stop tracing: {}", errmsg(&e, false)))
                })?;
                stopped = true;
            }
        }
        match h.work(&mut *out, &mut chew) {
            Ok(WorkStatus::Done) => done = true,
            Ok(WorkStatus::Okay) => {}
            Err(e) => {
                if !signals::impatient() {
                    let _ = out.flush();
                    return Err(Fatal::error(format!(
                        "processing aborted: {}",
                        errmsg(&e, false)
                    )));
                }
            }
        }
        if let Err(e) = out.flush() {
            return Err(Fatal::error(format!(
                "failed to write to {}: {}",
                a.ofile.as_deref().unwrap_or("<stdout>"),
                strerror(&e)
            )));
        }
        if done {
            break;
        }
    }

    let _ = out.write_all(b"\n");
    if !signals::impatient() {
        if let Err(e) = h.aggregate_print(&mut *out) {
            let _ = out.flush();
            return Err(Fatal::error(format!(
                "failed to print aggregations: {}",
                errmsg(&e, false)
            )));
        }
    }
    let _ = out.flush();
    drop(procs);
    Ok(chew.status)
}

/// `-l`: the header, then the probes each description matches (or every probe).
fn list(
    h: &mut Handle,
    a: &Args,
    cmds: &[Cmd],
    stderr: &mut dyn Write,
    pname: &str,
) -> Result<i32, Fatal> {
    let mut out = open_output(a.ofile.as_deref())?;
    let _ = out.write_all(list_header().as_bytes());
    if cmds.is_empty() {
        let probes = h
            .list_probes()
            .map_err(|e| Fatal::error(format!("failed to list probes: {}", errmsg(&e, false))))?;
        for p in &probes {
            let _ = out.write_all(list_line(p).as_bytes());
            if a.verbose > 0 {
                if let Some(t) = h.probe_info_text(p.id) {
                    let _ = out.write_all(t.as_bytes());
                }
            }
        }
    }
    for c in cmds {
        for m in h.program_desc_matches(c.prog) {
            if m.probes.is_empty() {
                let _ = out.flush();
                let _ = writeln!(
                    stderr,
                    "{}: failed to match {}:{}:{}:{}: No probe matches description",
                    pname, m.provider, m.module, m.function, m.name
                );
            }
            for p in &m.probes {
                let _ = out.write_all(list_line(p).as_bytes());
                if a.verbose > 0 {
                    if let Some(t) = h.probe_info_text(p.id) {
                        let _ = out.write_all(t.as_bytes());
                    }
                }
            }
        }
    }
    out.flush()
        .map_err(|e| Fatal::error(format!("failed to write to <stdout>: {}", strerror(&e))))?;
    Ok(E_SUCCESS)
}

pub fn list_header() -> String {
    format!(
        "{:>5} {:>10} {:>17} {:>33} {}\n",
        "ID", "PROVIDER", "MODULE", "FUNCTION", "NAME"
    )
}

pub fn list_line(p: &ProbeDesc) -> String {
    format!(
        "{:>5} {:>10} {:>17} {:>33} {}\n",
        p.id, p.provider, p.module, p.function, p.name
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_format() {
        assert_eq!(
            list_header(),
            "   ID   PROVIDER            MODULE                          FUNCTION NAME\n"
        );
        let p = ProbeDesc {
            id: 1,
            provider: "dtrace".into(),
            module: "".into(),
            function: "".into(),
            name: "BEGIN".into(),
        };
        assert_eq!(
            list_line(&p),
            "    1     dtrace                                                     BEGIN\n"
        );
        let p = ProbeDesc {
            id: 4711,
            provider: "syscall".into(),
            module: "vmlinux".into(),
            function: "read".into(),
            name: "entry".into(),
        };
        assert_eq!(
            list_line(&p),
            " 4711    syscall           vmlinux                              read entry\n"
        );
    }

    #[test]
    fn compile_errors_render_with_tags() {
        let e = libdtrace::Error::Compile(libdtrace::CompileError::new(
            libdtrace::ErrTag::D_SYNTAX,
            3,
            "syntax error near \"}\"",
        ));
        assert_eq!(errmsg(&e, false), "line 3: syntax error near \"}\"");
        assert_eq!(
            errmsg(&e, true),
            "[D_SYNTAX] line 3: syntax error near \"}\""
        );
        let e = libdtrace::Error::Opt(libdtrace::OptError::BadName);
        assert_eq!(errmsg(&e, true), "Invalid option name");
    }
}
