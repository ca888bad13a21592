//! `-C`: scripts through the C preprocessor, as dtrace(8) runs cpp(1), with `-D`, `-U`, `-I`
//! and `-H` passed on in command-line order.
//!
//! The output keeps cpp's line markers (`# 12 "file"`), which the lexer takes as `#line`
//! directives, so errors still name the script's own lines.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::error::Error;
use crate::options::Options;

/// Whether `-C` (option `cpp`) is set.
pub fn enabled(opts: &Options) -> bool {
    opts.other.iter().any(|(n, _)| n == "cpp")
}

/// The arguments for cpp: DTrace's predefined macros, then `-D`/`-U`/`-I`/`-H` in order.
pub fn args(opts: &Options, dir: Option<&str>) -> Vec<String> {
    let mut v: Vec<String> = [
        "-D__linux",
        "-D__unix",
        "-D__SUNW_D=1",
        "-D__SUNW_D_64",
        "-D_LP64",
        "-D__LP64__",
        "-D__x86_64",
        "-D__amd64",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // dt_preproc: the D API version programs are bound to (`-x version`), as 0xMMmmmuuu.
    v.push(format!("-D__SUNW_D_VERSION=0x{:08x}", opts.version.number()));
    for (name, value) in &opts.other {
        match (name.as_str(), value) {
            ("define", Some(d)) => v.push(format!("-D{}", d)),
            ("undef", Some(u)) => v.push(format!("-U{}", u)),
            ("incdir", Some(i)) => v.push(format!("-I{}", i)),
            ("cpphdrs", _) => v.push("-H".into()),
            // dt_opt_cpp_args: more arguments for cpp, separated by white space.
            ("cppargs", Some(a)) => v.extend(a.split_whitespace().map(str::to_string)),
            _ => {}
        }
    }
    // `#include "x.h"` is found next to the script, as when cpp reads the file itself.
    if let Some(d) = dir {
        v.push(format!("-I{}", d));
    }
    v
}

/// Run `text` (the contents of `path`) through cpp. A `#!` first line is blanked (cpp would
/// reject it) so that line numbers stay those of the file.
pub fn preprocess(text: &str, path: &str, opts: &Options) -> Result<String, Error> {
    let cpp = opts
        .other
        .iter()
        .rev()
        .find(|(n, _)| n == "cpppath")
        .and_then(|(_, v)| v.clone())
        .unwrap_or_else(|| "cpp".to_string());
    let input = match text.strip_prefix("#!") {
        Some(rest) => match rest.find('\n') {
            Some(n) => format!("\n{}", &rest[n + 1..]),
            None => String::new(),
        },
        None => text.to_string(),
    };
    let dir = std::path::Path::new(path)
        .parent()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|d| !d.is_empty());
    let mut child = Command::new(&cpp)
        .args(args(opts, dir.as_deref()))
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| Error::Other(format!("failed to run {}: {}", cpp, e)))?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| Error::Other("cpp: no stdin".into()))?;
    // Write from a thread: cpp may fill its output pipe before reading all of its input.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child
        .wait_with_output()
        .map_err(|e| Error::Other(format!("failed to run {}: {}", cpp, e)))?;
    let _ = writer.join();
    if !out.status.success() {
        return Err(Error::Other(format!(
            "failed to preprocess {}: {} exited with status {}",
            path,
            cpp,
            out.status.code().unwrap_or(-1)
        )));
    }
    let s = String::from_utf8_lossy(&out.stdout).into_owned();
    // cpp names standard input "<stdin>"; errors should name the script.
    Ok(s.replace("\"<stdin>\"", &format!("\"{}\"", path)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defines_in_order() {
        let mut o = Options::default();
        o.set("define", Some("X=1")).unwrap();
        o.set("undef", Some("Y")).unwrap();
        o.set("incdir", Some("/tmp")).unwrap();
        let a = args(&o, None);
        let tail: Vec<&str> = a.iter().rev().take(3).rev().map(|s| s.as_str()).collect();
        assert_eq!(tail, vec!["-DX=1", "-UY", "-I/tmp"]);
    }

    #[test]
    fn cppargs_are_split_on_white_space() {
        let mut o = Options::default();
        o.set("cppargs", Some("-DA=1  -UB")).unwrap();
        let a = args(&o, None);
        let tail: Vec<&str> = a.iter().rev().take(2).rev().map(|s| s.as_str()).collect();
        assert_eq!(tail, vec!["-DA=1", "-UB"]);
    }

    #[test]
    fn runs_cpp() {
        if Command::new("cpp").arg("--version").output().is_err() {
            return;
        }
        let mut o = Options::default();
        o.set("define", Some("N=42")).unwrap();
        let s = preprocess("#!/usr/sbin/dtrace -s\nBEGIN { trace(N); }\n", "x.d", &o).unwrap();
        assert!(s.contains("trace(42)"), "{}", s);
    }
}
