//! dtrace(8): a thin client of libdtrace, behaving as Oracle Linux DTrace 2.x's command.

mod args;
mod chew;
mod run;
mod signals;
mod usdtgen;

use std::ffi::OsString;
use std::io::Write;

use args::ArgError;

fn main() {
    // Writing to a closed pipe ends dtrace quietly, as it does for C programs.
    // SAFETY: restoring a default signal disposition.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
    let argv: Vec<OsString> = std::env::args_os().collect();
    let argv0 = argv
        .first()
        .map(|a| a.to_string_lossy().into_owned())
        .unwrap_or_else(|| "dtrace".into());
    let pname = args::pname(&argv0).to_string();
    let mut stderr = std::io::stderr();
    let status = match args::parse(argv) {
        Ok(a) => run::run(&a, &mut stderr),
        Err(ArgError::Usage(msg)) => {
            if let Some(m) = msg {
                let _ = writeln!(stderr, "{}", m);
            }
            let _ = stderr.write_all(args::usage(&pname).as_bytes());
            run::E_USAGE
        }
        Err(ArgError::ManyModes) => {
            let _ = writeln!(
                stderr,
                "{}: only one of the [-GhlV] options can be specified at a time",
                pname
            );
            run::E_USAGE
        }
    };
    std::process::exit(status);
}
