//! D library directories (`-L dir`, `-x libdir=dir`) and `#pragma D depends_on`.
//!
//! As DTrace's dt_load_libs: every `*.d` file of each directory is read before the first
//! program is checked; `#pragma D depends_on library x.d` orders the files of a directory (a
//! dependency on a file the directory lacks, or a cycle, is an error); a library whose
//! `depends_on` is not met (a provider or module that is not there, a library that was
//! skipped) is skipped without a word; any other error in a library is the program's error,
//! located as `"file", line N`. A library's types, inlines and translators are kept for the
//! programs; its clauses are compiled by DTrace only to be thrown away, so they are ignored.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{err, Checker};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::{self, Item};
use crate::provider::DescPattern;

/// A library file of a directory, parsed.
struct LibFile {
    path: PathBuf,
    prog: ast::Program,
    /// `depends_on library` names, as paths in the same directory, with their lines.
    deps: Vec<(PathBuf, u32)>,
}

/// What a `depends_on` pragma asks for.
enum Depends<'w> {
    Provider(&'w str),
    Module(&'w str),
    Library(&'w str),
}

impl<'a> Checker<'a> {
    /// Read the library directories named by the `libdir` options, once per handle.
    pub(super) fn load_libdirs(&mut self) -> Result<(), CompileError> {
        if self.syms.tsyms.libs_loaded {
            return Ok(());
        }
        self.syms.tsyms.libs_loaded = true;
        // `-x nolibs`: no library is read, the shipped one included (DTRACE_O_NOLIBS).
        if self.opts.is_set("nolibs") {
            return Ok(());
        }
        let dirs: Vec<String> = self
            .opts
            .other
            .iter()
            .filter(|(n, _)| n == "libdir")
            .filter_map(|(_, v)| v.clone())
            .collect();
        for d in dirs {
            self.load_libdir(Path::new(&d))?;
        }
        Ok(())
    }

    fn load_libdir(&mut self, dir: &Path) -> Result<(), CompileError> {
        // A directory that cannot be read is skipped, as DTrace does.
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Ok(());
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "d") && p.is_file())
            .collect();
        paths.sort();
        let mut files = Vec::with_capacity(paths.len());
        for path in paths {
            let Ok(src) = std::fs::read_to_string(&path) else {
                continue;
            };
            let prog = crate::parse::parse_program(&src).map_err(|e| located(&path, e))?;
            let mut deps = Vec::new();
            for item in &prog.items {
                if let Item::Pragma { words, line } = item {
                    if let Ok(Some(Depends::Library(name))) = depends(words, *line) {
                        deps.push((dir.join(name), *line));
                    }
                }
            }
            files.push(LibFile { path, prog, deps });
        }
        let order = sort(&files)?;
        let mut loaded: Vec<PathBuf> = Vec::new();
        for i in order {
            let f = &files[i];
            match self.load_library(f, &loaded) {
                Ok(()) => loaded.push(f.path.clone()),
                // An unmet dependency skips the library.
                Err(e) if e.tag == ErrTag::D_PRAGMA_DEPEND => {}
                Err(e) => return Err(located(&f.path, e)),
            }
        }
        Ok(())
    }

    /// A library's dependencies checked first (so that a skipped library leaves nothing
    /// behind), then its definitions.
    fn load_library(&mut self, f: &LibFile, loaded: &[PathBuf]) -> Result<(), CompileError> {
        for item in &f.prog.items {
            if let Item::Pragma { words, line } = item {
                match depends(words, *line)? {
                    Some(Depends::Library(name)) => {
                        let want = f.path.with_file_name(name);
                        if !loaded.contains(&want) {
                            return Err(err(
                                ErrTag::D_PRAGMA_DEPEND,
                                *line,
                                format!(
                                    "program requires library \"{}\" which failed to load",
                                    want.display()
                                ),
                            ));
                        }
                    }
                    Some(d) => self.depends_met(d, *line)?,
                    None => {}
                }
            }
        }
        for item in &f.prog.items {
            match item {
                Item::Type(t) => self.type_def(t)?,
                Item::Inline {
                    ty,
                    name,
                    params,
                    expr,
                    line,
                } => self.inline_def(ty, name, params.as_deref(), expr, *line)?,
                Item::Translator(x) => self.translator_def(x)?,
                _ => {}
            }
        }
        Ok(())
    }

    /// `#pragma D depends_on ...` in a program (not a library).
    pub(super) fn depends_on(&mut self, words: &[String], line: u32) -> Result<(), CompileError> {
        match depends(words, line)? {
            Some(Depends::Library(_)) => Err(err(
                ErrTag::D_PRAGMA_DEPEND,
                line,
                "main program may not explicitly depend on a library",
            )),
            Some(d) => self.depends_met(d, line),
            None => Ok(()),
        }
    }

    /// A provider or module dependency: the provider has probes, the module's types are
    /// known (BTF).
    fn depends_met(&mut self, d: Depends, line: u32) -> Result<(), CompileError> {
        let (class, name, found) = match d {
            Depends::Provider(p) => {
                let found = matches!(p, "dtrace" | "profile")
                    || !self
                        .probes
                        .matching(&DescPattern {
                            provider: p.to_string(),
                            module: String::new(),
                            function: String::new(),
                            name: String::new(),
                        })
                        .is_empty();
                ("provider", p, found)
            }
            Depends::Module(m) => {
                let found = Path::new("/sys/kernel/btf").join(m).exists();
                ("module", m, found)
            }
            Depends::Library(_) => return Ok(()),
        };
        if found {
            Ok(())
        } else {
            Err(err(
                ErrTag::D_PRAGMA_DEPEND,
                line,
                format!("program requires {} {}", class, name),
            ))
        }
    }
}

/// The dependency a pragma states; `None` for other pragmas.
fn depends(words: &[String], line: u32) -> Result<Option<Depends<'_>>, CompileError> {
    if words.first().map(String::as_str) != Some("depends_on") {
        return Ok(None);
    }
    if words.len() != 3 {
        return Err(err(
            ErrTag::D_PRAGMA_MALFORM,
            line,
            "malformed #pragma depends_on <class> <name>",
        ));
    }
    let name = words[2].trim_matches('"');
    Ok(Some(match words[1].as_str() {
        "provider" => Depends::Provider(name),
        "module" => Depends::Module(name),
        "library" => Depends::Library(name),
        c => {
            return Err(err(
                ErrTag::D_PRAGMA_INVAL,
                line,
                format!("invalid class {} specified by #pragma depends_on", c),
            ))
        }
    }))
}

/// The files in an order where each comes after those it depends on; a dependency outside
/// the directory's files, or a cycle, is an error.
fn sort(files: &[LibFile]) -> Result<Vec<usize>, CompileError> {
    let index: HashMap<&Path, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.path.as_path(), i))
        .collect();
    for f in files {
        for (d, _) in &f.deps {
            if !index.contains_key(d.as_path()) {
                return Err(CompileError::lineless(
                    ErrTag::D_PRAGMA_DEPEND,
                    format!(
                        "Invalid library dependency in {}: {}",
                        f.path.display(),
                        d.display()
                    ),
                ));
            }
        }
    }
    // Depth-first: 0 unvisited, 1 on the path, 2 placed.
    fn visit(
        i: usize,
        files: &[LibFile],
        index: &HashMap<&Path, usize>,
        state: &mut [u8],
        out: &mut Vec<usize>,
    ) -> Result<(), CompileError> {
        state[i] = 1;
        for (d, _) in &files[i].deps {
            let j = index[d.as_path()];
            match state[j] {
                0 => visit(j, files, index, state, out)?,
                1 => {
                    return Err(CompileError::lineless(
                        ErrTag::D_PRAGMA_DEPEND,
                        format!(
                            "Cyclic dependency detected: {} => {}",
                            d.display(),
                            files[i].path.display()
                        ),
                    ))
                }
                _ => {}
            }
        }
        state[i] = 2;
        out.push(i);
        Ok(())
    }
    let mut state = vec![0u8; files.len()];
    let mut out = Vec::with_capacity(files.len());
    for i in 0..files.len() {
        if state[i] == 0 {
            visit(i, files, &index, &mut state, &mut out)?;
        }
    }
    Ok(out)
}

/// An error of a library file, located as DTrace locates it: `"file", line N: ...`.
fn located(path: &Path, e: CompileError) -> CompileError {
    match e.line {
        Some(l) => CompileError::lineless(
            e.tag,
            format!("\"{}\", line {}: {}", path.display(), l, e.msg),
        ),
        None => e,
    }
}
