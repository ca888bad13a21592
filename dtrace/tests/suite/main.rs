//! The conformance suite: every test in test-suite/ run against the built `dtrace`, one trial
//! per file, reported by `cargo test` / `cargo nextest run` under its path
//! (e.g. `unittest/begin/tst.begin.d`).
//!
//! Tests run one at a time unless `--test-threads` says otherwise: each is pinned to CPU 0,
//! and rate tests (ticks per second) must not compete with each other. Tests that need the
//! kernel are skipped, with the reason, when not running as root.

mod exec;
mod spec;

use std::path::{Path, PathBuf};
use std::process::Command;

use libtest_mimic::{Arguments, Completion, Failed, Trial};

use spec::{Kind, Spec};

const DTRACE: &str = env!("CARGO_BIN_EXE_dtrace");

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("dtrace/ has a parent")
        .to_path_buf()
}

fn trigger_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("triggers")
}

/// What the test printed, in the shape of a `.r` file: stdout, then stderr after a marker
/// line when there is any (Oracle's runtest.sh convention).
fn combined(o: &exec::Output) -> String {
    let mut s = String::from_utf8_lossy(&o.stdout).into_owned();
    if !o.stderr.is_empty() {
        s.push_str("-- @@stderr --\n");
        s.push_str(&String::from_utf8_lossy(&o.stderr));
    }
    s
}

/// A shell test's exit status meaning "cannot run here" (automake's convention): the test is
/// reported as ignored with the last line of its stderr as the reason.
const SKIP_STATUS: i32 = 77;

/// The first probe description of `@@needs` that this kernel has no probe for.
fn missing_probe(s: &Spec) -> Option<&str> {
    // `-l` implies -Z: a description matching nothing still exits 0, with the header only.
    s.tags.needs.iter().map(String::as_str).find(|d| {
        let listed = Command::new(DTRACE)
            .args(["-l", "-n", d])
            .stderr(std::process::Stdio::null())
            .output();
        let lines = |out: &[u8]| out.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count();
        !matches!(listed, Ok(o) if o.status.success() && lines(&o.stdout) > 1)
    })
}

fn run_spec(root: &Path, s: &Spec) -> Result<Completion, Failed> {
    if let Some(d) = missing_probe(s) {
        return Ok(Completion::ignored_with(format!(
            "this kernel has no probe {}",
            d
        )));
    }
    let mut cmd;
    let mut trigger = None;
    if let Some(t) = &s.tags.trigger {
        let bin = exec::trigger(root, &trigger_dir(), &t[0])?;
        let mut words = vec![bin.to_string_lossy().into_owned()];
        words.extend(t[1..].iter().cloned());
        trigger = Some(words.join(" "));
    }
    match s.kind {
        Kind::Sh => {
            cmd = Command::new("bash");
            cmd.arg(&s.path);
            if let Some(t) = &trigger {
                cmd.env("trigger", t);
            }
        }
        Kind::Tst | Kind::Err { .. } => {
            cmd = Command::new(DTRACE);
            if matches!(s.kind, Kind::Err { tag: Some(_) }) {
                cmd.args(["-x", "errtags"]);
            }
            cmd.args(&s.tags.opts);
            if let Some(t) = &trigger {
                cmd.args(["-c", t]);
            }
            cmd.arg("-s").arg(&s.path);
        }
    }
    cmd.current_dir(root)
        .env("dtrace", DTRACE)
        .env_remove("_DTRACE_TESTING");
    let o = exec::run(cmd, s.timeout()).map_err(|e| format!("cannot run the test: {}", e))?;
    if s.kind == Kind::Sh
        && o.status == Some(SKIP_STATUS)
        && s.expected_status() != Some(SKIP_STATUS)
    {
        let err = String::from_utf8_lossy(&o.stderr);
        let why = err.lines().last().unwrap_or("skipped").to_string();
        return Ok(Completion::ignored_with(why));
    }
    let got = combined(&o);
    let mut problems = Vec::new();
    if o.timed_out {
        problems.push(format!("timed out after {:?}", s.timeout()));
    } else if let Some(sig) = o.signal {
        problems.push(format!("killed by signal {}", sig));
    }
    match (s.expected_status(), o.status) {
        (Some(want), Some(got)) if want != got => {
            problems.push(format!("exit status {}, expected {}", got, want))
        }
        (None, Some(0)) => problems.push("exit status 0, expected a failure".into()),
        _ => {}
    }
    if let Kind::Err { tag: Some(tag) } = &s.kind {
        let stderr = String::from_utf8_lossy(&o.stderr);
        if !stderr.contains(&format!("[{}]", tag)) {
            problems.push(format!("stderr does not carry [{}]", tag));
        }
    }
    if let Some(r) = &s.expected {
        let want = std::fs::read_to_string(r).map_err(|e| format!("{}: {}", r.display(), e))?;
        if want != got {
            problems.push(format!(
                "output differs from {}:\n{}",
                r.display(),
                exec::diff(&want, &got)
            ));
        }
    }
    if problems.is_empty() {
        Ok(Completion::Completed)
    } else if s.expected.is_some() {
        Err(problems.join("\n").into())
    } else {
        Err(format!("{}\n--- output was:\n{}", problems.join("\n"), got).into())
    }
}

/// Appends each test's wall time to `suite-times` in the target's tmp dir, so the slow tests
/// can be found (`sort -n`) when the suite's run time creeps up.
fn record_time(name: &str, d: std::time::Duration) {
    use std::io::Write;
    let p = Path::new(env!("CARGO_TARGET_TMPDIR")).join("suite-times");
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(p)
    {
        let _ = writeln!(f, "{:8.2} {}", d.as_secs_f64(), name);
    }
}

fn main() {
    let mut args = Arguments::from_args();
    if args.test_threads.is_none() {
        args.test_threads = Some(1);
    }
    let root = repo_root();
    let specs = match spec::discover(&root) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("test-suite: {}", e);
            std::process::exit(1);
        }
    };
    // SAFETY: geteuid has no preconditions.
    let is_root = unsafe { libc::geteuid() } == 0;
    let kernel = specs.iter().filter(|s| s.needs_kernel()).count();
    if !is_root && kernel > 0 && !args.list {
        eprintln!(
            "test-suite: not running as root: {} tests that need the kernel are skipped (run as root to include them)",
            kernel
        );
    }
    let mut trials = vec![
        Trial::test("runner::spec", || spec::self_test().map_err(Failed::from)),
        Trial::test("runner::exec", || exec::self_test().map_err(Failed::from)),
    ];
    for s in specs {
        let root = root.clone();
        trials.push(Trial::ignorable_test(s.name.clone(), move || {
            if s.needs_kernel() && !is_root {
                return Ok(Completion::ignored_with("needs root (BPF and tracefs)"));
            }
            let t = std::time::Instant::now();
            let r = run_spec(&root, &s);
            record_time(&s.name, t.elapsed());
            r
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}
