//! tracefs: where tracepoints are listed, numbered and described.

use std::ffi::CStr;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::error::SysError;

const TRACING: &str = "/sys/kernel/tracing";
const DEBUG_TRACING: &str = "/sys/kernel/debug/tracing";

fn usable(p: &Path) -> bool {
    p.join("events").is_dir()
}

/// The tracefs mount point: /sys/kernel/tracing, mounting tracefs there when nothing is mounted
/// (we run as root), else the debugfs path older systems use.
pub fn root() -> Result<PathBuf, SysError> {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    if let Some(p) = ROOT.get() {
        return Ok(p.clone());
    }
    let tracing = Path::new(TRACING);
    // Mount only when nothing usable is there; `||` keeps the mount attempt lazy.
    let found = if usable(tracing) || (mount_tracefs().is_ok() && usable(tracing)) {
        Some(tracing.to_path_buf())
    } else if usable(Path::new(DEBUG_TRACING)) {
        Some(PathBuf::from(DEBUG_TRACING))
    } else {
        None
    };
    match found {
        Some(p) => Ok(ROOT.get_or_init(|| p).clone()),
        None => Err(SysError::Os {
            what: format!(
                "tracefs is not mounted at {} and could not be mounted",
                TRACING
            ),
            source: io::Error::from(io::ErrorKind::NotFound),
        }),
    }
}

fn mount_tracefs() -> io::Result<()> {
    const SRC: &CStr = c"nodev";
    const DST: &CStr = c"/sys/kernel/tracing";
    const FS: &CStr = c"tracefs";
    // SAFETY: all strings are NUL-terminated constants; no data argument.
    let r = unsafe { libc::mount(SRC.as_ptr(), DST.as_ptr(), FS.as_ptr(), 0, std::ptr::null()) };
    if r < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(())
    }
}

// Names come from users' probe descriptions: refuse anything that would leave the directory.
fn check_name(s: &str) -> Result<(), SysError> {
    if s.is_empty() || s.contains('/') || s == "." || s == ".." {
        return Err(SysError::Os {
            what: format!("invalid tracepoint name {:?}", s),
            source: io::Error::from(io::ErrorKind::InvalidInput),
        });
    }
    Ok(())
}

fn group_dir(group: &str) -> Result<PathBuf, SysError> {
    check_name(group)?;
    Ok(root()?.join("events").join(group))
}

fn event_dir(group: &str, event: &str) -> Result<PathBuf, SysError> {
    check_name(event)?;
    Ok(group_dir(group)?.join(event))
}

fn read(path: &Path, what: impl FnOnce() -> String) -> Result<String, SysError> {
    std::fs::read_to_string(path).map_err(|source| SysError::Os {
        what: what(),
        source,
    })
}

/// The perf event id of tracepoint `group:event`.
pub fn event_id(group: &str, event: &str) -> Result<u32, SysError> {
    let text = read(&event_dir(group, event)?.join("id"), || {
        format!("tracepoint {}:{}", group, event)
    })?;
    text.trim().parse().map_err(|_| SysError::Os {
        what: format!(
            "tracepoint {}:{}: malformed id {:?}",
            group,
            event,
            text.trim()
        ),
        source: io::Error::from(io::ErrorKind::InvalidData),
    })
}

/// The events of a group, sorted.
pub fn events(group: &str) -> Result<Vec<String>, SysError> {
    // The group directory also holds `enable` and `filter` files: only directories count.
    subdirs(&group_dir(group)?, &format!("tracepoint group {}", group))
}

/// The groups (tracepoint providers' modules), sorted.
pub fn groups() -> Result<Vec<String>, SysError> {
    subdirs(&root()?.join("events"), "tracefs events")
}

/// The names of the directories in `dir`, sorted.
fn subdirs(dir: &std::path::Path, what: &str) -> Result<Vec<String>, SysError> {
    let err = |source| SysError::Os { what: what.to_string(), source };
    let mut out = Vec::new();
    for ent in std::fs::read_dir(dir).map_err(err)? {
        let ent = ent.map_err(err)?;
        if ent.file_type().map(|t| t.is_dir()).unwrap_or(false) {
            out.push(ent.file_name().to_string_lossy().into_owned());
        }
    }
    out.sort();
    Ok(out)
}

/// One field of a tracepoint's record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    /// The C type as declared, without the name: `const char *`, `char[16]`,
    /// `__data_loc char[]`.
    pub ty: String,
    pub offset: u32,
    pub size: u32,
    pub signed: bool,
    /// Element count of an array field (`Some(0)` for `[]`).
    pub array_len: Option<u32>,
    /// `__data_loc`: the field holds (length << 16 | offset) of data stored after the record.
    pub data_loc: bool,
    /// One of the `common_*` fields every event starts with.
    pub common: bool,
}

/// An event's `format` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventFormat {
    pub name: String,
    pub id: u32,
    pub fields: Vec<Field>,
}

impl EventFormat {
    /// The event's own fields (the `common_*` header left out), in record order.
    pub fn args(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|f| !f.common)
    }
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// Read and parse `events/<group>/<event>/format`.
pub fn format(group: &str, event: &str) -> Result<EventFormat, SysError> {
    let text = read(&event_dir(group, event)?.join("format"), || {
        format!("tracepoint {}:{}", group, event)
    })?;
    parse_format(&text).map_err(|msg| SysError::Os {
        what: format!("tracepoint {}:{}: format: {}", group, event, msg),
        source: io::Error::from(io::ErrorKind::InvalidData),
    })
}

/// Parse the text of a `format` file.
pub fn parse_format(text: &str) -> Result<EventFormat, String> {
    let mut name = None;
    let mut id = None;
    let mut fields = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if let Some(n) = line.strip_prefix("name:") {
            name = Some(n.trim().to_string());
        } else if let Some(i) = line.strip_prefix("ID:") {
            id = Some(
                i.trim()
                    .parse::<u32>()
                    .map_err(|_| format!("bad ID {:?}", i.trim()))?,
            );
        } else if line.starts_with("field:") {
            fields.push(parse_field(line)?);
        } else if line.starts_with("print fmt:") {
            break;
        }
    }
    Ok(EventFormat {
        name: name.ok_or("no name")?,
        id: id.ok_or("no ID")?,
        fields,
    })
}

fn parse_field(line: &str) -> Result<Field, String> {
    let mut decl = None;
    let (mut offset, mut size, mut signed) = (None, None, None);
    for part in line.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (k, v) = part
            .split_once(':')
            .ok_or_else(|| format!("malformed field {:?}", line))?;
        let num = || {
            v.trim()
                .parse::<u32>()
                .map_err(|_| format!("malformed field {:?}", line))
        };
        match k.trim() {
            "field" => decl = Some(v.trim()),
            "offset" => offset = Some(num()?),
            "size" => size = Some(num()?),
            "signed" => signed = Some(num()? != 0),
            _ => {}
        }
    }
    let decl = decl.ok_or_else(|| format!("malformed field {:?}", line))?;
    let (name, ty, array_len) =
        split_decl(decl).ok_or_else(|| format!("malformed declaration {:?}", decl))?;
    Ok(Field {
        common: name.starts_with("common_"),
        data_loc: ty.starts_with("__data_loc"),
        name,
        ty,
        offset: offset.ok_or_else(|| format!("field {:?} has no offset", decl))?,
        size: size.ok_or_else(|| format!("field {:?} has no size", decl))?,
        signed: signed.unwrap_or(false),
        array_len,
    })
}

/// `const char * filename` → (`filename`, `const char *`, None);
/// `char prev_comm[16]` → (`prev_comm`, `char[16]`, Some(16));
/// `__data_loc char[] filename` → (`filename`, `__data_loc char[]`, Some(0)).
fn split_decl(decl: &str) -> Option<(String, String, Option<u32>)> {
    let (head, array) = match decl.find('[') {
        // An array suffix after the name (`comm[16]`), not inside the type (`char[] name`).
        Some(i)
            if decl[i..]
                .find(']')
                .is_some_and(|j| decl[i + j + 1..].trim().is_empty()) =>
        {
            (&decl[..i], Some(&decl[i..]))
        }
        _ => (decl, None),
    };
    let head = head.trim_end();
    let start = head
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    let name = &head[start..];
    if name.is_empty() || name.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    let mut ty = head[..start].trim_end().to_string();
    let mut array_len = None;
    if let Some(a) = array {
        let inner = a
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .trim();
        array_len = Some(if inner.is_empty() {
            0
        } else {
            inner.parse().ok()?
        });
        ty.push_str(a.trim());
    } else if let (Some(i), true) = (ty.find('['), ty.ends_with(']')) {
        let inner = ty[i + 1..ty.len() - 1].trim();
        array_len = Some(if inner.is_empty() {
            0
        } else {
            inner.parse().ok()?
        });
    }
    if ty.is_empty() {
        return None;
    }
    Some((name.to_string(), ty, array_len))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPENAT: &str = "name: sys_enter_openat\nID: 782\nformat:\n\
\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n\
\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n\
\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n\
\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n\
\n\
\tfield:int __syscall_nr;\toffset:8;\tsize:4;\tsigned:1;\n\
\tfield:int dfd;\toffset:16;\tsize:8;\tsigned:0;\n\
\tfield:const char * filename;\toffset:24;\tsize:8;\tsigned:0;\n\
\tfield:char prev_comm[16];\toffset:32;\tsize:16;\tsigned:0;\n\
\tfield:__data_loc char[] path;\toffset:48;\tsize:4;\tsigned:0;\n\
\n\
print fmt: \"dfd: 0x%08lx\", ((unsigned long)(REC->dfd))\n";

    #[test]
    fn parses_a_format_file() {
        let f = parse_format(OPENAT).unwrap();
        assert_eq!(f.name, "sys_enter_openat");
        assert_eq!(f.id, 782);
        assert_eq!(f.fields.len(), 9);
        assert_eq!(f.args().count(), 5);
        let pid = f.field("common_pid").unwrap();
        assert!(pid.common && pid.signed);
        assert_eq!((pid.offset, pid.size, pid.ty.as_str()), (4, 4, "int"));
        let fname = f.field("filename").unwrap();
        assert_eq!(
            (fname.ty.as_str(), fname.offset, fname.size, fname.signed),
            ("const char *", 24, 8, false)
        );
        let comm = f.field("prev_comm").unwrap();
        assert_eq!((comm.ty.as_str(), comm.array_len), ("char[16]", Some(16)));
        let path = f.field("path").unwrap();
        assert!(path.data_loc);
        assert_eq!(
            (path.ty.as_str(), path.array_len),
            ("__data_loc char[]", Some(0))
        );
    }

    #[test]
    fn rejects_garbage() {
        assert!(parse_format("ID: 3\n").is_err());
        assert!(
            parse_format("name: x\nID: 3\n\tfield:int;\toffset:0;\tsize:4;\tsigned:1;\n").is_err()
        );
        assert!(parse_format("name: x\nID: 3\n\tfield:int a;\tsize:4;\n").is_err());
    }

    #[test]
    fn reads_the_live_syscall_tracepoints() {
        let evs = events("syscalls").unwrap();
        assert!(evs.windows(2).all(|w| w[0] < w[1]));
        assert!(evs.iter().any(|e| e == "sys_enter_openat"));
        let f = format("syscalls", "sys_enter_openat").unwrap();
        assert_eq!(f.id, event_id("syscalls", "sys_enter_openat").unwrap());
        // The syscall tracepoints' arguments follow __syscall_nr as 8-byte slots.
        let names: Vec<_> = f.args().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["__syscall_nr", "dfd", "filename", "flags", "mode"]);
        assert!(f.args().skip(1).all(|a| a.size == 8 && a.offset % 8 == 0));
        assert!(event_id("syscalls", "no_such_event").is_err());
        assert!(event_id("..", "x").is_err());
    }
}
