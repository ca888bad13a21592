//! DTrace-style USDT for Linux: `dtrace -h` (the C header of a provider definition) and
//! `dtrace -G` (what the link needs).
//!
//! DTrace's header makes each probe macro call an undefined `__dtrace_prov___probe()` function
//! that `dtrace -G` rewrites into no-ops and describes in DOF, which a kernel module (or
//! Oracle's dtprobed daemon) registers. Here the macros expand to `<sys/sdt.h>` probes
//! instead: the compiler leaves a `.note.stapsdt` note per probe site, which the usdt provider
//! reads from the running program, so nothing in the objects needs rewriting and no daemon
//! is involved. The is-enabled macros read an sdt.h semaphore, which the kernel increments
//! while a uprobe with that reference counter is attached (provider/usdt.rs passes it); the
//! semaphores are what `dtrace -G` defines, in an object compiled from generated C, along
//! with the provider definitions themselves (section `.dtrace_provdefs`, see
//! provider/usdtdefs.rs): the probes' native and translated argument types, which DOF would
//! carry and the notes do not.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::CompileError;
use crate::parse::ast::{Item, ProbeDef, ProviderDef, TypeName};

/// sys/sdt.h has DTRACE_PROBE0 to DTRACE_PROBE12.
pub const MAX_ARGS: usize = 12;

/// Why `-h` or `-G` could not produce its file.
#[derive(Debug, thiserror::Error)]
pub enum UsdtGenError {
    #[error(
        "probe {provider}:{probe} has {nargs} arguments; sys/sdt.h probes take at most {MAX_ARGS}"
    )]
    TooManyArgs {
        provider: String,
        probe: String,
        nargs: usize,
    },
    #[error("failed to open {path}: {reason}")]
    Open { path: String, reason: String },
    #[error("invalid file type: {path}")]
    NotElf { path: String },
    #[error("archives are not permitted; use the contents of the archive instead: {path}")]
    Archive { path: String },
    #[error("incorrect ELF class for object file: {path}")]
    Class { path: String },
    #[error("incorrect ELF machine type for object file: {path}")]
    Machine { path: String },
    #[error("failed to write {path}: {reason}")]
    Write { path: String, reason: String },
    #[error("failed to run {cc}: {reason}")]
    Spawn { cc: String, reason: String },
    #[error("{cc} failed to compile the semaphores of {ofile}:\n{stderr}")]
    Compile {
        cc: String,
        ofile: String,
        stderr: String,
    },
}

/// The provider definitions of a D program, in source order.
pub fn providers(src: &str) -> Result<Vec<ProviderDef>, CompileError> {
    let prog = crate::parse::parse_program(src)?;
    Ok(prog
        .items
        .into_iter()
        .filter_map(|i| match i {
            Item::Provider(p) => Some(p),
            _ => None,
        })
        .collect())
}

/// DTrace's macro spelling of a name (dt_header_fmt_macro): lower case raised, `-` and `.`
/// made `_`.
fn macro_name(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '-' | '.' => '_',
            c => c.to_ascii_uppercase(),
        })
        .collect()
}

/// DTrace's function spelling of a name (dt_header_fmt_func): each `-` doubled into `__`.
fn func_name(s: &str) -> String {
    s.replace('-', "__")
}

/// The name sys/sdt.h gives a probe's semaphore (`provider##_##name##_semaphore`).
pub fn semaphore_name(provider: &str, probe: &str) -> String {
    format!("{}_{}_semaphore", func_name(provider), func_name(probe))
}

fn check_args(pv: &ProviderDef) -> Result<(), UsdtGenError> {
    for p in &pv.probes {
        if p.native.len() > MAX_ARGS {
            return Err(UsdtGenError::TooManyArgs {
                provider: pv.name.clone(),
                probe: p.name.clone(),
                nargs: p.native.len(),
            });
        }
    }
    Ok(())
}

/// A C spelling of a D type, for the comments of the header.
fn c_type(t: &TypeName) -> String {
    let mut words: Vec<&str> = Vec::new();
    let mut ptr = t.ptr as usize;
    for w in &t.words {
        if w.starts_with('[') {
            ptr += 1;
        } else if w == "string" {
            words.push("char");
            ptr += 1;
        } else {
            words.push(w);
        }
    }
    let mut s = words.join(" ");
    if ptr > 0 {
        s.push(' ');
        s.push_str(&"*".repeat(ptr));
    }
    s
}

fn args_list(n: usize) -> String {
    (0..n)
        .map(|i| format!("arg{}", i))
        .collect::<Vec<_>>()
        .join(", ")
}

fn probe_macros(out: &mut String, pm: &str, pf: &str, p: &ProbeDef, empty: bool) {
    let mname = macro_name(&p.name);
    let fname = func_name(&p.name);
    let args = args_list(p.native.len());
    if empty {
        let _ = writeln!(out, "#define\t{}_{}({})", pm, mname, args);
        let _ = writeln!(out, "#define\t{}_{}_ENABLED() (0)", pm, mname);
        return;
    }
    let _ = write!(out, "#define\t{}_{}({}) \\\n\t", pm, mname, args);
    if p.native.is_empty() {
        let _ = writeln!(out, "DTRACE_PROBE({}, {})", pf, fname);
    } else {
        let _ = writeln!(
            out,
            "DTRACE_PROBE{}({}, {}, {})",
            p.native.len(),
            pf,
            fname,
            args
        );
    }
    let _ = writeln!(
        out,
        "#define\t{}_{}_ENABLED() \\\n\t__builtin_expect({}, 0)",
        pm,
        mname,
        semaphore_name(pf, &p.name)
    );
}

fn provider_header(out: &mut String, pv: &ProviderDef) {
    let pm = macro_name(&pv.name);
    let pf = func_name(&pv.name);
    out.push_str("#define _DTRACE_VERSION 1\n\n#if _DTRACE_VERSION\n\n");
    for p in &pv.probes {
        probe_macros(out, &pm, &pf, p, false);
    }
    out.push_str("\n\n");
    for p in &pv.probes {
        let types: Vec<String> = p.native.iter().map(c_type).collect();
        let types = if types.is_empty() {
            "void".to_string()
        } else {
            types.join(", ")
        };
        let _ = writeln!(out, "/* {}:::{}({}) */", pv.name, p.name, types);
        let _ = writeln!(
            out,
            "extern unsigned short {} __attribute__ ((unused));",
            semaphore_name(&pf, &p.name)
        );
    }
    out.push_str("\n#else\n\n");
    for p in &pv.probes {
        probe_macros(out, &pm, &pf, p, true);
    }
    out.push_str("\n#endif\n\n");
}

/// The header `dtrace -h` writes for `providers` into file `ofile` (whose base name makes the
/// include guard, as in DTrace), starting with dtrace(1M)'s banner.
pub fn header(providers: &[ProviderDef], ofile: &str) -> Result<String, UsdtGenError> {
    for pv in providers {
        check_args(pv)?;
    }
    let base = ofile.rsplit('/').next().unwrap_or(ofile);
    let guard = macro_name(base);
    let mut out = String::new();
    out.push_str("/*\n * Generated by dtrace(1M).\n */\n\n");
    let _ = write!(out, "#ifndef\t_{}\n#define\t_{}\n\n", guard, guard);
    out.push_str("#include <unistd.h>\n#include <inttypes.h>\n\n");
    out.push_str(
        "/*\n\
         \x20* On Linux the probe macros below are sys/sdt.h probes: each probe site leaves a\n\
         \x20* .note.stapsdt note that dtrace finds in the running program, so no DOF and no\n\
         \x20* dtprobed daemon are needed. Each probe has an sdt.h semaphore, counted up by the\n\
         \x20* kernel while the probe is enabled, which the _ENABLED() macros read; the\n\
         \x20* semaphores are defined by the object `dtrace -G` makes, which must be linked in.\n\
         \x20*/\n",
    );
    out.push_str("#ifndef _SDT_HAS_SEMAPHORES\n#define _SDT_HAS_SEMAPHORES 1\n#endif\n");
    out.push_str("#include <sys/sdt.h>\n\n");
    out.push_str("#ifdef\t__cplusplus\nextern \"C\" {\n#endif\n\n");
    for pv in providers {
        provider_header(&mut out, pv);
    }
    out.push_str("\n#ifdef\t__cplusplus\n}\n#endif\n");
    let _ = write!(out, "\n#endif\t/* _{} */\n", guard);
    Ok(out)
}

/// The C source of the `-G` object: one semaphore per probe, in section `.probes` as
/// SystemTap's dtrace(1) puts them, so that they live in a file-backed mapping (the kernel's
/// uprobe reference counter is a file offset; `.bss` has none).
pub fn semaphores_source(providers: &[ProviderDef]) -> String {
    let mut out = String::from("/* Generated by dtrace(1M) -G: usdt semaphores. */\n");
    for pv in providers {
        for p in &pv.probes {
            let _ = writeln!(
                out,
                "__extension__ unsigned short {} __attribute__ ((unused)) \
                 __attribute__ ((section (\".probes\")));",
                semaphore_name(&pv.name, &p.name)
            );
        }
    }
    if providers.iter().all(|p| p.probes.is_empty()) {
        // ISO C wants a translation unit to declare something.
        out.push_str("typedef int dtrace_usdt_empty_t;\n");
    } else {
        // The probes' argument types, which the notes lack, as DOF would carry them.
        let _ = writeln!(
            out,
            "static const char dtrace_provdefs[] __attribute__ ((used)) \
             __attribute__ ((section (\"{}\"))) =\n\t\"{}\";",
            crate::provider::usdtdefs::SECTION,
            c_string(&crate::provider::usdtdefs::definitions_text(providers))
        );
    }
    out
}

/// `s` as the contents of a C string literal.
fn c_string(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

/// Check each object to link as DTrace's linker opens it (dt_link.c `process_obj`): it
/// must exist and be a 64-bit x86-64 ELF object, not an archive. Their probe sites need
/// no change, so nothing more is read.
fn check_objects(objs: &[String]) -> Result<(), UsdtGenError> {
    use std::io::Read;
    const EM_X86_64: u16 = 62;
    const ELFCLASS64: u8 = 2;
    for o in objs {
        let mut f = std::fs::File::open(o).map_err(|e| UsdtGenError::Open {
            path: o.clone(),
            reason: crate::proc::strerror(&e),
        })?;
        let mut head = Vec::with_capacity(20);
        f.by_ref()
            .take(20)
            .read_to_end(&mut head)
            .map_err(|e| UsdtGenError::Open {
                path: o.clone(),
                reason: crate::proc::strerror(&e),
            })?;
        if head.starts_with(b"!<arch>\n") {
            return Err(UsdtGenError::Archive { path: o.clone() });
        }
        if head.len() < 20 || !head.starts_with(b"\x7fELF") {
            return Err(UsdtGenError::NotElf { path: o.clone() });
        }
        if head[4] != ELFCLASS64 {
            return Err(UsdtGenError::Class { path: o.clone() });
        }
        if u16::from_le_bytes([head[18], head[19]]) != EM_X86_64 {
            return Err(UsdtGenError::Machine { path: o.clone() });
        }
    }
    Ok(())
}

/// `dtrace -G`: write to `ofile` the object the link of `objs` needs for `providers`: their
/// semaphores, compiled with `$CC` (default `cc`). The objects themselves need no change.
pub fn link(providers: &[ProviderDef], ofile: &str, objs: &[String]) -> Result<(), UsdtGenError> {
    for pv in providers {
        check_args(pv)?;
    }
    check_objects(objs)?;
    let src = semaphores_source(providers);
    let tmp: PathBuf = std::env::temp_dir().join(format!(
        "dtrace-G-{}-{}.c",
        std::process::id(),
        Path::new(ofile)
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    std::fs::write(&tmp, src).map_err(|e| UsdtGenError::Write {
        path: tmp.display().to_string(),
        reason: crate::proc::strerror(&e),
    })?;
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    // -fPIC so that the object links into shared libraries as well as programs.
    let r = Command::new(&cc)
        .args(["-c", "-fPIC", "-o", ofile])
        .arg(&tmp)
        .output();
    let _ = std::fs::remove_file(&tmp);
    let o = r.map_err(|e| UsdtGenError::Spawn {
        cc: cc.clone(),
        reason: crate::proc::strerror(&e),
    })?;
    if !o.status.success() {
        return Err(UsdtGenError::Compile {
            cc,
            ofile: ofile.into(),
            stderr: String::from_utf8_lossy(&o.stderr).trim_end().into(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROV: &str = "provider myapp {\n\
        \tprobe query__start(char *, int);\n\
        \tprobe query__done(int n) : (int n);\n\
        \tprobe tick();\n\
        };\n";

    #[test]
    fn names_as_dtrace_spells_them() {
        assert_eq!(macro_name("query-start"), "QUERY_START");
        assert_eq!(macro_name("myapp.h"), "MYAPP_H");
        assert_eq!(func_name("query-start"), "query__start");
        assert_eq!(
            semaphore_name("myapp", "query-start"),
            "myapp_query__start_semaphore"
        );
    }

    #[test]
    fn header_macros() {
        let p = providers(PROV).unwrap();
        let h = header(&p, "/tmp/x/myapp.h").unwrap();
        assert!(h.starts_with(
            "/*\n * Generated by dtrace(1M).\n */\n\n#ifndef\t_MYAPP_H\n#define\t_MYAPP_H\n\n\
             #include <unistd.h>\n#include <inttypes.h>\n\n"
        ));
        assert!(h.contains(
            "#define\tMYAPP_QUERY_START(arg0, arg1) \\\n\
             \tDTRACE_PROBE2(myapp, query__start, arg0, arg1)\n\
             #define\tMYAPP_QUERY_START_ENABLED() \\\n\
             \t__builtin_expect(myapp_query__start_semaphore, 0)\n"
        ));
        assert!(h.contains("#define\tMYAPP_TICK() \\\n\tDTRACE_PROBE(myapp, tick)\n"));
        assert!(h.contains(
            "#define\tMYAPP_QUERY_DONE(arg0)\n#define\tMYAPP_QUERY_DONE_ENABLED() (0)\n"
        ));
        assert!(h.contains("/* myapp:::query-start(char *, int) */\n"));
        assert!(h.ends_with("\n#endif\t/* _MYAPP_H */\n"));
    }

    #[test]
    fn too_many_arguments() {
        let src = "provider p { probe x(int,int,int,int,int,int,int,int,int,int,int,int,int); };";
        let p = providers(src).unwrap();
        assert!(matches!(
            header(&p, "p.h"),
            Err(UsdtGenError::TooManyArgs { nargs: 13, .. })
        ));
    }

    #[test]
    fn semaphores() {
        let p = providers(PROV).unwrap();
        let s = semaphores_source(&p);
        assert!(s.contains(
            "__extension__ unsigned short myapp_query__done_semaphore __attribute__ ((unused)) \
             __attribute__ ((section (\".probes\")));\n"
        ));
        assert_eq!(s.matches("_semaphore").count(), 3);
        assert!(s.contains(
            "__attribute__ ((section (\".dtrace_provdefs\"))) =\n\t\"provider myapp {\\n\
             \\tprobe query__start(char *a0, int a1);\\n"
        ));
        assert!(s.contains("\\tprobe query__done(int a0) : (int a0);\\n"));
        assert_eq!(c_string("a\"b\\c\n"), "a\\\"b\\\\c\\n");
    }
}
