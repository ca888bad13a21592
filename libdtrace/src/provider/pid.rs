//! The pid provider: `pid<N>:<module>:<function>:entry|return|<hex offset>`, uprobes in one
//! process, made when a description names the process (there are too many to list ahead).
//!
//! Modules are the ELF objects the process maps (`/proc/N/maps`), named by their file's base
//! name; a module pattern also matches the base name's leading dot-separated parts (`libc`,
//! `libc.so` for `libc.so.6`) and `a.out` names the executable, as in DTrace. Functions are
//! the objects' function symbols (symbol table and dynamic symbol table). A process created by
//! `dtrace -c` has not exec'd its command yet when probes are matched: its objects are then
//! the command's executable, its program interpreter and the libraries it needs (DT_NEEDED,
//! looked up in RUNPATH and the system library directories).
//!
//! The function `-` takes an absolute address of the executable as its probe name
//! (`pid123:a.out:-:401126`), as DTrace's does.
//!
//! Offset probes go only where an instruction starts (the function is decoded, see
//! `insn.rs`): a literal offset inside an instruction, past the function's end, or a literal
//! name that is no offset is an error of the description, as in DTrace; a glob name (an
//! empty one is `*`) matches `entry`, `return` and every instruction's offset.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use object::read::elf::{Dyn, ElfFile64, ProgramHeader};
use object::{Object, ObjectSegment, ObjectSymbol, SymbolKind};

use super::{glob, usdt, DescPattern, ProbeKind};
use crate::handle::ProbeDesc;

/// Why a process's probes could not be found.
#[derive(Debug, thiserror::Error)]
pub enum PidError {
    /// The process cannot be read (it does not exist, or is not ours to trace).
    #[error("failed to grab process {pid}")]
    Grab {
        pid: i32,
        #[source]
        source: std::io::Error,
    },
    /// A literal probe name that is neither `entry`, `return` nor a hexadecimal offset.
    #[error("'{0}' is an invalid probe name")]
    BadName(String),
    #[error("offset 0x{off:x} outside of function '{func}'")]
    Outside { off: u64, func: String },
    /// An offset inside an instruction: a probe there would corrupt it.
    #[error("offset 0x{0:x} is not aligned on an instruction")]
    Align(u64),
    /// `pid0`: process 0 is the kernel's.
    #[error("pid0 does not contain a valid pid")]
    Pid0,
    /// A pid probe in dtrace itself: its probes would fire in the tracer.
    #[error("process {0} is dtrace itself")]
    Itself(i32),
    /// A function named literally, in a module named literally, that the module lacks.
    #[error("failed to lookup '{func}' in module '{module}'")]
    NoFunc { func: String, module: String },
    /// A provider name of digits only, where a process ID must follow a provider's name.
    #[error("'{0}' is not a valid provider")]
    BadProv(String),
    /// The `-` function (absolute addresses) with a module other than the executable.
    #[error("only the a.out module is valid with the '-' function")]
    AbsLib,
    /// The `-` function with a probe name that is not one address.
    #[error("only individual addresses may be specified with the '-' function")]
    AbsName,
    /// The `-` function with an address the executable does not map.
    #[error("address 0x{0:x} is not in the a.out module")]
    AbsAddr(u64),
}

impl PidError {
    /// The compile error tag DTrace gives a bad pid probe description; `None` for a process
    /// that cannot be read, whose descriptions just match nothing.
    pub fn tag(&self) -> Option<crate::error::ErrTag> {
        use crate::error::ErrTag;
        match self {
            PidError::Grab { .. } => Some(ErrTag::D_PROC_GRAB),
            PidError::Pid0 => Some(ErrTag::D_PROC_BADPID),
            PidError::Itself(_) => Some(ErrTag::D_PROC_DYN),
            PidError::NoFunc { .. } => Some(ErrTag::D_PROC_FUNC),
            PidError::BadName(_) => Some(ErrTag::D_PROC_NAME),
            PidError::Outside { .. } => Some(ErrTag::D_PROC_OFF),
            PidError::Align(_) => Some(ErrTag::D_PROC_ALIGN),
            PidError::AbsLib => Some(ErrTag::D_PROC_LIB),
            PidError::BadProv(_) => Some(ErrTag::D_PROC_BADPROV),
            PidError::AbsName | PidError::AbsAddr(_) => Some(ErrTag::D_PROC_NAME),
        }
    }
}

/// Where a pid or usdt probe's uprobe goes and how its arguments are found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uprobe {
    /// Only this process's hits fire the probe.
    pub pid: i32,
    /// The object file the uprobe is placed in (uprobes belong to files, not processes).
    pub path: PathBuf,
    /// File offset of the probed instruction.
    pub offset: u64,
    /// A return probe (uretprobe at the function's entry).
    pub ret: bool,
    /// usdt: the note's argument locations. `None` for pid probes, whose arguments follow
    /// the x86-64 calling convention.
    pub usdt_args: Option<Vec<usdt::ArgSpec>>,
    /// usdt: file offset of the probe's semaphore, which the kernel increments while the
    /// probe is attached so the program knows it is traced.
    pub semaphore: Option<u64>,
    /// usdt: the argument types of the provider definition recorded by `dtrace -G` in the
    /// object (provider/usdtdefs.rs), when it has one.
    pub usdt_types: Option<Box<super::usdtdefs::UsdtTypes>>,
}

/// The process a provider name designates: `pid123` (pid provider) or `prov123` (usdt).
pub fn described_pid(provider: &str) -> Option<i32> {
    let (prefix, pid) = split_provider(provider)?;
    if prefix.is_empty() || !glob::is_literal(prefix) {
        return None;
    }
    Some(pid)
}

/// `prov123` → (`prov`, 123).
pub fn split_provider(provider: &str) -> Option<(&str, i32)> {
    let digits = provider
        .bytes()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits == 0 {
        return None;
    }
    let (prefix, num) = provider.split_at(provider.len() - digits);
    let pid: i32 = num.parse().ok()?;
    if pid <= 0 {
        return None;
    }
    Some((prefix, pid))
}

/// One ELF object mapped by (or about to be mapped by) a process.
#[derive(Debug, Clone)]
pub struct ProcObject {
    pub path: PathBuf,
    /// The file's base name: the probes' module.
    pub name: String,
    /// The process's executable (`a.out`).
    pub main: bool,
}

impl ProcObject {
    /// Whether a module pattern names this object.
    pub fn matches(&self, pat: &str) -> bool {
        if glob::matches(pat, &self.name) || (self.main && glob::matches(pat, "a.out")) {
            return true;
        }
        // `libc` and `libc.so` name `libc.so.6`.
        let mut end = 0;
        while let Some(i) = self.name[end..].find('.') {
            end += i;
            if end > 0 && glob::matches(pat, &self.name[..end]) {
                return true;
            }
            end += 1;
        }
        false
    }
}

fn base_name(p: &Path) -> String {
    p.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The ELF objects of process `pid`. `exec` is the command a created process will exec (its
/// maps still show dtrace then).
pub fn objects(pid: i32, exec: Option<&Path>) -> Result<Vec<ProcObject>, PidError> {
    if let Some(exe) = exec {
        return Ok(objects_of_command(exe));
    }
    let grab = |source| PidError::Grab { pid, source };
    let maps = std::fs::read_to_string(format!("/proc/{}/maps", pid)).map_err(grab)?;
    let exe = std::fs::read_link(format!("/proc/{}/exe", pid)).ok();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for m in maps.lines().filter_map(MapsLine::parse) {
        let path = m.path;
        if !path.starts_with('/') || path.ends_with(" (deleted)") || !seen.insert(path) {
            continue;
        }
        let path = PathBuf::from(path);
        if !is_elf(&path) {
            continue;
        }
        out.push(ProcObject {
            name: base_name(&path),
            main: exe.as_deref() == Some(path.as_path()),
            path,
        });
    }
    Ok(out)
}

fn is_elf(p: &Path) -> bool {
    use std::io::Read;
    let mut m = [0u8; 4];
    std::fs::File::open(p)
        .and_then(|mut f| f.read_exact(&mut m))
        .map(|_| &m == b"\x7fELF")
        .unwrap_or(false)
}

const LIB_DIRS: &[&str] = &[
    "/lib/x86_64-linux-gnu",
    "/usr/lib/x86_64-linux-gnu",
    "/lib64",
    "/usr/lib64",
    "/lib",
    "/usr/lib",
    "/usr/local/lib",
];

/// The executable, its interpreter and its libraries (transitively), as the dynamic linker
/// would find them.
fn objects_of_command(exe: &Path) -> Vec<ProcObject> {
    let mut out = vec![ProcObject {
        path: exe.to_path_buf(),
        name: base_name(exe),
        main: true,
    }];
    let mut seen: HashSet<PathBuf> = HashSet::from([exe.to_path_buf()]);
    let mut i = 0;
    while i < out.len() {
        let path = out[i].path.clone();
        i += 1;
        let Ok(data) = std::fs::read(&path) else {
            continue;
        };
        let Ok(deps) = dependencies(&data, &path) else {
            continue;
        };
        for d in deps {
            if seen.insert(d.clone()) {
                out.push(ProcObject {
                    name: base_name(&d),
                    path: d,
                    main: false,
                });
            }
        }
    }
    out
}

fn dependencies(data: &[u8], path: &Path) -> object::Result<Vec<PathBuf>> {
    let elf = ElfFile64::<object::Endianness>::parse(data)?;
    let endian = elf.endian();
    let mut out = Vec::new();
    for ph in elf.elf_program_headers() {
        if let Some(interp) = ph.interpreter(endian, data)? {
            out.push(PathBuf::from(String::from_utf8_lossy(interp).into_owned()));
        }
    }
    let sections = elf.elf_section_table();
    let Some((dyns, link)) = sections.dynamic(endian, data)? else {
        return Ok(out);
    };
    let strings = sections.strings(endian, data, link)?;
    let origin = path.parent().unwrap_or(Path::new("/"));
    let mut needed = Vec::new();
    let mut runpath: Vec<PathBuf> = Vec::new();
    for d in dyns {
        let tag = d.d_tag(endian) as u32;
        let Ok(s) = d.string(endian, strings) else {
            continue;
        };
        let s = String::from_utf8_lossy(s).into_owned();
        match tag {
            object::elf::DT_NEEDED => needed.push(s),
            object::elf::DT_RUNPATH | object::elf::DT_RPATH => {
                for p in s.split(':').filter(|p| !p.is_empty()) {
                    let p = p.replace("$ORIGIN", &origin.to_string_lossy());
                    runpath.push(PathBuf::from(p));
                }
            }
            _ => {}
        }
    }
    let env_dirs: Vec<PathBuf> = std::env::var("LD_LIBRARY_PATH")
        .unwrap_or_default()
        .split(':')
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .collect();
    for n in needed {
        let found = if n.contains('/') {
            Some(PathBuf::from(&n))
        } else {
            env_dirs
                .iter()
                .chain(runpath.iter())
                .cloned()
                .chain(LIB_DIRS.iter().map(PathBuf::from))
                .map(|d| d.join(&n))
                .find(|p| is_elf(p))
        };
        if let Some(p) = found {
            out.push(std::fs::canonicalize(&p).unwrap_or(p));
        }
    }
    Ok(out)
}

/// A function of an object: its name, file offset and size.
#[derive(Debug, Clone)]
pub struct Function {
    pub name: String,
    pub offset: u64,
    pub size: u64,
}

/// File offset of virtual address `addr` in an ELF file.
pub fn file_offset(file: &object::File, addr: u64) -> Option<u64> {
    file.segments().find_map(|s| {
        let (off, size) = s.file_range();
        let start = s.address();
        (addr >= start && addr - start < size).then(|| off + (addr - start))
    })
}

/// The defined functions of an ELF object, by name (the first definition of a name wins).
pub fn functions(file: &object::File) -> Vec<Function> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for sym in file.symbols().chain(file.dynamic_symbols()) {
        if sym.kind() != SymbolKind::Text || !sym.is_definition() || sym.address() == 0 {
            continue;
        }
        let Ok(name) = sym.name() else {
            continue;
        };
        if name.is_empty() || !seen.insert(name.to_string()) {
            continue;
        }
        if let Some(offset) = file_offset(file, sym.address()) {
            out.push(Function {
                name: name.to_string(),
                offset,
                size: sym.size(),
            });
        }
    }
    out
}

/// What a probe name pattern asks for in each function.
enum NameSel {
    /// A glob (an empty name is `*`), matched against `entry`, `return` and the hexadecimal
    /// name of each instruction's offset, as DTrace does.
    Glob(String),
    /// `entry` or `return`.
    Literal(String),
    /// An instruction offset in the function (a literal hexadecimal name).
    Offset(u64),
    /// A literal name that is none of those.
    Invalid(String),
}

fn name_sel(name: &str) -> NameSel {
    if name.is_empty() || !glob::is_literal(name) {
        return NameSel::Glob(name.to_string());
    }
    if name == "entry" || name == "return" {
        return NameSel::Literal(name.to_string());
    }
    let hex = name.strip_prefix("0x").unwrap_or(name);
    match u64::from_str_radix(hex, 16) {
        Ok(off) => NameSel::Offset(off),
        Err(_) => NameSel::Invalid(name.to_string()),
    }
}

/// The instruction offsets of function `f` of the object whose bytes are `data`.
fn instructions(data: &[u8], f: &Function) -> Vec<u64> {
    let code = usize::try_from(f.offset)
        .ok()
        .and_then(|start| Some((start, start.checked_add(usize::try_from(f.size).ok()?)?)))
        .and_then(|(start, end)| data.get(start..end));
    code.map(super::insn::boundaries).unwrap_or_default()
}

/// The probes of the process a description names (pid provider or usdt), with their kinds.
pub fn probes_for(
    pid: i32,
    pat: &DescPattern,
    exec: Option<&Path>,
) -> Result<Vec<(ProbeDesc, ProbeKind)>, PidError> {
    let Some((prefix, _)) = split_provider(&pat.provider) else {
        return Ok(Vec::new());
    };
    if prefix == "pid" && pid as u32 == std::process::id() && exec.is_none() {
        return Err(PidError::Itself(pid));
    }
    let objs = objects(pid, exec)?;
    let mut out = Vec::new();
    if prefix == "pid" && pat.function == "-" {
        absolute_probe(pid, &objs, exec.is_some(), pat, &mut out)?;
        return Ok(out);
    }
    // dt_pid_per_mod: a function named exactly in a module named exactly must be there.
    let exact = prefix == "pid"
        && !pat.function.is_empty()
        && glob::is_literal(&pat.function)
        && !pat.module.is_empty()
        && glob::is_literal(&pat.module);
    for obj in objs.iter().filter(|o| o.matches(&pat.module)) {
        if exact && !functions_named(&obj.path, &pat.function) {
            return Err(PidError::NoFunc {
                func: pat.function.clone(),
                module: pat.module.clone(),
            });
        }
        let Ok(data) = std::fs::read(&obj.path) else {
            continue;
        };
        let Ok(file) = object::File::parse(&*data) else {
            continue;
        };
        if prefix == "pid" {
            pid_probes(pid, obj, &data, &file, pat, &mut out)?;
        }
        // A provider called `pid` can also be a usdt provider: DTrace looks for both.
        usdt::probes(pid, prefix, obj, &data, &file, pat, &mut out);
    }
    Ok(out)
}

/// `pid<N>:a.out:-:ADDR`: a probe at one absolute address of the executable, as DTrace's `-`
/// function. In a running process ADDR is where the executable is mapped (what `uaddr` and
/// `ustack` show, PIE or not); for a command `-c` has not started yet, it is the address the
/// executable's ELF headers give (the same for a non-PIE executable).
fn absolute_probe(
    pid: i32,
    objs: &[ProcObject],
    created: bool,
    pat: &DescPattern,
    out: &mut Vec<(ProbeDesc, ProbeKind)>,
) -> Result<(), PidError> {
    let main = objs.iter().find(|o| o.main);
    let module_ok = pat.module.is_empty()
        || (glob::is_literal(&pat.module) && main.is_some_and(|m| m.matches(&pat.module)));
    if !module_ok {
        return Err(PidError::AbsLib);
    }
    if pat.name.is_empty() || !glob::is_literal(&pat.name) {
        return Err(PidError::AbsName);
    }
    let hex = pat.name.strip_prefix("0x").unwrap_or(&pat.name);
    let addr = u64::from_str_radix(hex, 16).map_err(|_| PidError::BadName(pat.name.clone()))?;
    let Some(main) = main else {
        return Ok(());
    };
    let offset = if created {
        std::fs::read(&main.path).ok().and_then(|data| {
            object::File::parse(&*data)
                .ok()
                .and_then(|f| file_offset(&f, addr))
        })
    } else {
        mapped_offset(pid, &main.path, addr)
    };
    let offset = offset.ok_or(PidError::AbsAddr(addr))?;
    out.push((
        ProbeDesc {
            id: 0,
            provider: format!("pid{}", pid),
            module: "a.out".into(),
            function: "-".into(),
            name: format!("{:x}", addr),
        },
        ProbeKind::Uprobe(Box::new(Uprobe {
            pid,
            path: main.path.clone(),
            offset,
            ret: false,
            usdt_args: None,
            semaphore: None,
            usdt_types: None,
        })),
    ));
    Ok(())
}

/// The offset in file `path` of address `addr` of process `pid`, from the process's mappings.
fn mapped_offset(pid: i32, path: &Path, addr: u64) -> Option<u64> {
    let maps = std::fs::read_to_string(format!("/proc/{}/maps", pid)).ok()?;
    maps.lines()
        .filter_map(MapsLine::parse)
        .find(|m| Path::new(m.path) == path && (m.start..m.end).contains(&addr))
        .map(|m| m.offset + (addr - m.start))
}

/// One line of /proc/PID/maps: `start-end perms offset dev inode path`.
struct MapsLine<'a> {
    start: u64,
    end: u64,
    offset: u64,
    path: &'a str,
}

impl<'a> MapsLine<'a> {
    fn parse(line: &'a str) -> Option<MapsLine<'a>> {
        let mut f = line.splitn(6, ' ');
        let (range, _perms, offset) = (f.next()?, f.next()?, f.next()?);
        let path = f.nth(2)?.trim();
        let (start, end) = range.split_once('-')?;
        Some(MapsLine {
            start: u64::from_str_radix(start, 16).ok()?,
            end: u64::from_str_radix(end, 16).ok()?,
            offset: u64::from_str_radix(offset, 16).ok()?,
            path,
        })
    }
}

/// Whether the object at `path` defines function `name`.
fn functions_named(path: &Path, name: &str) -> bool {
    let Ok(data) = std::fs::read(path) else {
        return true;
    };
    let Ok(file) = object::File::parse(&*data) else {
        return true;
    };
    functions(&file).iter().any(|f| f.name == name)
}

fn pid_probes(
    pid: i32,
    obj: &ProcObject,
    data: &[u8],
    file: &object::File,
    pat: &DescPattern,
    out: &mut Vec<(ProbeDesc, ProbeKind)>,
) -> Result<(), PidError> {
    let sel = name_sel(&pat.name);
    let provider = format!("pid{}", pid);
    for f in functions(file) {
        if !glob::matches(&pat.function, &f.name) {
            continue;
        }
        let mut add = |name: String, offset: u64, ret: bool| {
            out.push((
                ProbeDesc {
                    id: 0,
                    provider: provider.clone(),
                    module: obj.name.clone(),
                    function: f.name.clone(),
                    name,
                },
                ProbeKind::Uprobe(Box::new(Uprobe {
                    pid,
                    path: obj.path.clone(),
                    offset,
                    ret,
                    usdt_args: None,
                    semaphore: None,
                    usdt_types: None,
                })),
            ))
        };
        match &sel {
            NameSel::Literal(n) => add(n.clone(), f.offset, n == "return"),
            NameSel::Glob(g) => {
                if glob::matches(g, "entry") {
                    add("entry".into(), f.offset, false);
                }
                if glob::matches(g, "return") {
                    add("return".into(), f.offset, true);
                }
                for off in instructions(data, &f) {
                    let name = format!("{:x}", off);
                    if glob::matches(g, &name) {
                        add(name, f.offset + off, false);
                    }
                }
            }
            NameSel::Offset(off) if *off >= f.size => {
                return Err(PidError::Outside {
                    off: *off,
                    func: f.name.clone(),
                })
            }
            NameSel::Offset(off) => {
                if !instructions(data, &f).contains(off) {
                    return Err(PidError::Align(*off));
                }
                add(format!("{:x}", off), f.offset + off, false)
            }
            NameSel::Invalid(n) => return Err(PidError::BadName(n.clone())),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_lines() {
        let m = MapsLine::parse(
            "55d0c1e00000-55d0c1e02000 r-xp 00001000 fe:01 1234                       /usr/bin/sleep",
        )
        .expect("a file mapping");
        assert_eq!(
            (m.start, m.end, m.offset, m.path),
            (0x55d0c1e00000, 0x55d0c1e02000, 0x1000, "/usr/bin/sleep")
        );
        let anon = MapsLine::parse("7ffd1000-7ffd2000 rw-p 00000000 00:00 0 ").expect("anonymous");
        assert_eq!(anon.path, "");
        assert!(MapsLine::parse("garbage").is_none());
    }

    #[test]
    fn provider_names() {
        assert_eq!(split_provider("pid123"), Some(("pid", 123)));
        assert_eq!(split_provider("myprov42"), Some(("myprov", 42)));
        assert_eq!(split_provider("pid"), None);
        assert_eq!(split_provider("pid0"), None);
        assert_eq!(described_pid("pid*"), None);
        assert_eq!(described_pid("p*d1"), None);
        assert_eq!(described_pid("syscall"), None);
    }

    #[test]
    fn module_names() {
        let o = ProcObject {
            path: "/lib/x86_64-linux-gnu/libc.so.6".into(),
            name: "libc.so.6".into(),
            main: false,
        };
        assert!(o.matches("libc.so.6"));
        assert!(o.matches("libc"));
        assert!(o.matches("libc.so"));
        assert!(o.matches("libc*"));
        assert!(!o.matches("libc.s"));
        assert!(!o.matches("a.out"));
        let m = ProcObject {
            path: "/bin/sleep".into(),
            name: "sleep".into(),
            main: true,
        };
        assert!(m.matches("a.out") && m.matches("sleep") && m.matches(""));
    }

    #[test]
    fn own_objects_and_functions() {
        let me = std::process::id() as i32;
        let objs = objects(me, None).unwrap();
        assert!(objs.iter().any(|o| o.main));
        let libc = objs
            .iter()
            .find(|o| o.matches("libc"))
            .expect("libc is mapped");
        let data = std::fs::read(&libc.path).unwrap();
        let file = object::File::parse(&*data).unwrap();
        let fs = functions(&file);
        assert!(fs.iter().any(|f| f.name == "malloc" && f.offset > 0));
        assert!(objects(i32::MAX, None).is_err());
    }

    #[test]
    fn command_objects() {
        let objs = objects_of_command(Path::new("/bin/sleep"));
        assert!(objs[0].main);
        assert!(objs.iter().any(|o| o.name.starts_with("libc.so")));
        assert!(objs.iter().any(|o| o.name.starts_with("ld-linux")));
    }
}
