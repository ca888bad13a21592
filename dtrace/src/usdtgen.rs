//! `dtrace -h` and `dtrace -G`: the output files and their names, with cmd/dtrace.c's
//! messages for misuse. What goes in the files is libdtrace's `usdtgen`.

use libdtrace::parse::ast::ProviderDef;
use libdtrace::proc::strerror;

use crate::args::Args;
use crate::run::{Fatal, E_SUCCESS, E_USAGE};

/// One compiled program: how dtrace names it in errors, and its provider definitions.
pub struct Prog<'a> {
    /// "script" or "description"
    pub desc: &'static str,
    /// The script path or the program text.
    pub name: &'a str,
    pub providers: &'a [ProviderDef],
}

fn usage(msg: &str) -> Fatal {
    Fatal {
        msg: msg.into(),
        status: E_USAGE,
    }
}

fn error(msg: String) -> Fatal {
    Fatal {
        msg,
        status: crate::run::E_ERROR,
    }
}

/// `name` without its directories and its `.d` suffix, when it has one.
fn d_stem(name: &str) -> Option<&str> {
    let base = name.rsplit('/').next().unwrap_or(name);
    base.strip_suffix(".d")
}

/// `-h`: one header for the providers of every program, in `-o file` or else in `script.h`
/// (in the current directory) for a single script `script.d`.
pub fn header(a: &Args, progs: &[Prog]) -> Result<i32, Fatal> {
    if progs.is_empty() {
        return Err(usage("-h requires one or more scripts or enabling options"));
    }
    let ofile = match &a.ofile {
        Some(o) => o.clone(),
        None => {
            if progs.len() > 1 {
                return Err(usage(
                    "-h requires an output file if multiple scripts are specified",
                ));
            }
            match d_stem(progs[0].name) {
                Some(stem) => format!("{}.h", stem),
                None => {
                    return Err(usage(
                        "-h requires an output file if no scripts are specified",
                    ))
                }
            }
        }
    };
    let all: Vec<ProviderDef> = progs
        .iter()
        .flat_map(|p| p.providers.iter().cloned())
        .collect();
    let text = libdtrace::usdtgen::header(&all, &ofile)
        .map_err(|e| error(format!("failed to create header file {}: {}", ofile, e)))?;
    std::fs::write(&ofile, text).map_err(|e| {
        error(format!(
            "failed to open header file '{}': {}",
            ofile,
            strerror(&e)
        ))
    })?;
    Ok(E_SUCCESS)
}

/// `-G`: an object per program, named as dtrace names it (`-o file` for a single program,
/// else `script.o` for `script.d`, else `d.out` or `d.out.N`). With several programs and
/// `-o`, DTrace then links their objects into the `-o` file; here that file is made directly
/// from all their providers, which gives the same link.
pub fn link(a: &Args, progs: &[Prog]) -> Result<i32, Fatal> {
    if progs.is_empty() {
        return Err(usage("-G requires one or more scripts or enabling options"));
    }
    let objs = &a.operands;
    for (i, p) in progs.iter().enumerate() {
        let ofile = if progs.len() == 1 && a.ofile.is_some() {
            a.ofile.clone().unwrap_or_default()
        } else if let Some(stem) = d_stem(p.name) {
            format!("{}.o", stem)
        } else if progs.len() > 1 {
            format!("d.out.{}", i)
        } else {
            "d.out".to_string()
        };
        libdtrace::usdtgen::link(p.providers, &ofile, objs)
            .map_err(|e| error(format!("failed to link {} {}: {}", p.desc, p.name, e)))?;
    }
    if progs.len() > 1 {
        if let Some(ofile) = &a.ofile {
            let all: Vec<ProviderDef> = progs
                .iter()
                .flat_map(|p| p.providers.iter().cloned())
                .collect();
            libdtrace::usdtgen::link(&all, ofile, objs).map_err(|e| error(e.to_string()))?;
        }
    }
    Ok(E_SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        assert_eq!(d_stem("dir/prov.d"), Some("prov"));
        assert_eq!(d_stem("prov.d"), Some("prov"));
        assert_eq!(d_stem("syscall:::entry"), None);
    }
}
