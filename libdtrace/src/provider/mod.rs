//! Providers: which probes exist, how they are named and listed, and what attaching each needs.
//!
//! Probe IDs are assigned in a fixed order so that `dtrace -l` is stable: the dtrace provider
//! (BEGIN 1, END 2, ERROR 3), the profile provider's pre-listed probes, then every syscall's
//! entry and return probe in tracefs order. Probes created on demand (`profile-1234`,
//! `tick-3s`) get the next free IDs, and so do fbt probes, made (after the syscalls) only for
//! the descriptions that name them, as Oracle's fbt does: the kernel has tens of thousands.

pub mod args;
pub mod fbt;
pub mod glob;
pub mod insn;
pub mod net;
pub mod netpkt;
pub mod pid;
pub mod profile;
pub mod stable;
pub mod sdt;
pub mod syscall;
pub mod usdt;
pub mod usdtdefs;

use crate::error::{CompileError, ErrTag};
use crate::handle::{ProbeDesc, ProbeSpecKind};

/// How a probe is reached in the kernel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProbeKind {
    Begin,
    End,
    Error,
    /// A cpu-clock perf event every `period_ns`, on every CPU (`profile-N`) or on one (`tick-N`).
    Profile {
        period_ns: u64,
        every_cpu: bool,
    },
    /// The `sys_enter_<event>` tracepoint.
    SyscallEntry {
        event: String,
    },
    /// The `sys_exit_<event>` tracepoint.
    SyscallReturn {
        event: String,
    },
    /// `sdt:<group>::<event>`: the perf tracepoint event, arguments from its record.
    Sdt {
        group: String,
        event: String,
    },
    /// `rawtp:<group>::<event>`: the raw tracepoint `event`, arguments its C arguments.
    RawTp {
        event: String,
    },
    /// A pid or usdt probe: a uprobe in one process.
    Uprobe(Box<pid::Uprobe>),
    /// A probe of a stable provider (`proc`, `sched`): a raw tracepoint with translated
    /// arguments.
    Stable(&'static stable::Stable),
    /// A kprobe on the first instruction of `symbol` (`name` or `module:name`).
    FbtEntry {
        symbol: String,
    },
    /// A kretprobe on `symbol`.
    FbtReturn {
        symbol: String,
    },
}

#[derive(Debug, Clone)]
pub struct Probe {
    pub desc: ProbeDesc,
    pub kind: ProbeKind,
}

/// A probe description split into its four fields, each a glob pattern (empty = any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DescPattern {
    pub provider: String,
    pub module: String,
    pub function: String,
    pub name: String,
}

impl DescPattern {
    /// Split the text of a probe description. Fewer than four fields fill from the right
    /// (`BEGIN` is a name, `read:entry` a function and name) for `-n` and scripts; `-P`, `-m`
    /// and `-f` fill from the left as dtrace(8) says.
    pub fn parse(
        text: &str,
        kind: ProbeSpecKind,
        line: Option<u32>,
    ) -> Result<DescPattern, CompileError> {
        let fields: Vec<&str> = split_fields(text);
        let max = match kind {
            ProbeSpecKind::Provider => 1,
            ProbeSpecKind::Module => 2,
            ProbeSpecKind::Function => 3,
            _ => 4,
        };
        if fields.len() > max {
            let msg = format!(
                "invalid probe description \"{}\": Overspecified probe description",
                text
            );
            return Err(match line {
                Some(l) => CompileError::new(ErrTag::D_PDESC_INVAL, l, msg),
                None => CompileError::lineless(ErrTag::D_PDESC_INVAL, msg),
            });
        }
        let mut f = [""; 4];
        // Fields given fill the last `fields.len()` of the first `max` slots.
        let start = max - fields.len();
        for (i, v) in fields.iter().enumerate() {
            f[start + i] = v;
        }
        Ok(DescPattern {
            provider: f[0].to_string(),
            module: f[1].to_string(),
            function: f[2].to_string(),
            name: f[3].to_string(),
        })
    }

    pub fn matches(&self, d: &ProbeDesc) -> bool {
        glob::matches(&self.provider, &d.provider)
            && glob::matches(&self.module, &d.module)
            && glob::matches(&self.function, &d.function)
            && glob::matches(&self.name, &d.name)
    }
}

impl std::fmt::Display for DescPattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}:{}",
            self.provider, self.module, self.function, self.name
        )
    }
}

/// Split at `:` not escaped by a backslash.
fn split_fields(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == b':' {
            out.push(&text[start..i]);
            start = i + 1;
        }
        i += 1;
    }
    out.push(&text[start..]);
    out
}

/// Every probe this system offers, with stable IDs.
pub struct ProbeTable {
    probes: Vec<Probe>,
    /// Whether the syscall provider has been enumerated (it reads tracefs: done only when a
    /// description could match a syscall probe).
    syscalls_loaded: bool,
    /// Whether the sdt and rawtp providers have been enumerated (after the syscalls).
    tracepoints_loaded: bool,
    /// Process probes already created, by name.
    by_name: std::collections::HashMap<(String, String, String, String), u32>,
    /// Executables of processes created but not exec'd yet.
    exec_paths: std::collections::HashMap<i32, std::path::PathBuf>,
    /// Syscall probes are numbered after the pre-listed profile probes; probes created on
    /// demand before the syscalls are loaded are renumbered then, which is safe because IDs
    /// are only handed out after matching is complete.
    pending: Vec<Probe>,
    /// The kernel's traceable functions, read when a description first could match fbt.
    fbt_functions: Option<Vec<fbt::Function>>,
    /// fbt probes made so far: (index in `fbt_functions`, is return) → probe ID.
    fbt_made: std::collections::HashMap<(usize, bool), u32>,
    /// Why the last description matched no pid probe, when that is an error of the
    /// description (an offset inside an instruction), for [`ProbeTable::take_pid_error`].
    pid_error: Option<pid::PidError>,
}

impl Default for ProbeTable {
    fn default() -> Self {
        Self::new()
    }
}

impl ProbeTable {
    pub fn new() -> ProbeTable {
        let mut t = ProbeTable {
            probes: Vec::new(),
            syscalls_loaded: false,
            tracepoints_loaded: false,
            by_name: Default::default(),
            exec_paths: Default::default(),
            pending: Vec::new(),
            fbt_functions: None,
            fbt_made: std::collections::HashMap::new(),
            pid_error: None,
        };
        for (name, kind) in [
            ("BEGIN", ProbeKind::Begin),
            ("END", ProbeKind::End),
            ("ERROR", ProbeKind::Error),
        ] {
            t.push(
                ProbeDesc {
                    id: 0,
                    provider: "dtrace".into(),
                    module: "".into(),
                    function: "".into(),
                    name: name.into(),
                },
                kind,
            );
        }
        for (name, kind) in profile::prelisted() {
            t.push(
                ProbeDesc {
                    id: 0,
                    provider: "profile".into(),
                    module: "".into(),
                    function: "".into(),
                    name,
                },
                kind,
            );
        }
        t
    }

    fn push(&mut self, mut desc: ProbeDesc, kind: ProbeKind) -> u32 {
        let id = self.probes.len() as u32 + 1;
        desc.id = id;
        self.probes.push(Probe { desc, kind });
        id
    }

    fn load_syscalls(&mut self) {
        if self.syscalls_loaded {
            return;
        }
        self.syscalls_loaded = true;
        // On-demand probes created before this point keep their place after the syscalls.
        let pending: Vec<Probe> = std::mem::take(&mut self.pending);
        for name in syscall::names() {
            self.push(
                ProbeDesc {
                    id: 0,
                    provider: "syscall".into(),
                    module: "vmlinux".into(),
                    function: name.clone(),
                    name: "entry".into(),
                },
                ProbeKind::SyscallEntry {
                    event: name.clone(),
                },
            );
            self.push(
                ProbeDesc {
                    id: 0,
                    provider: "syscall".into(),
                    module: "vmlinux".into(),
                    function: name.clone(),
                    name: "return".into(),
                },
                ProbeKind::SyscallReturn { event: name },
            );
        }
        for p in pending {
            self.push(p.desc, p.kind);
        }
    }

    /// The sdt and rawtp probes, numbered after the syscalls (loaded first so IDs are stable).
    fn load_tracepoints(&mut self) {
        if self.tracepoints_loaded {
            return;
        }
        self.load_syscalls();
        self.tracepoints_loaded = true;
        let tps = sdt::tracepoints();
        for (group, event) in &tps {
            self.push(
                ProbeDesc {
                    id: 0,
                    provider: "sdt".into(),
                    module: group.clone(),
                    function: "".into(),
                    name: event.clone(),
                },
                ProbeKind::Sdt {
                    group: group.clone(),
                    event: event.clone(),
                },
            );
        }
        let have: std::collections::HashSet<(String, String)> = tps.iter().cloned().collect();
        for (group, event) in tps {
            self.push(
                ProbeDesc {
                    id: 0,
                    provider: "rawtp".into(),
                    module: group,
                    function: "".into(),
                    name: event.clone(),
                },
                ProbeKind::RawTp { event },
            );
        }
        for p in stable::all() {
            if stable::available(p, &have) {
                self.push(
                    ProbeDesc {
                        id: 0,
                        provider: p.provider.into(),
                        module: "vmlinux".into(),
                        function: "".into(),
                        name: p.name.into(),
                    },
                    ProbeKind::Stable(p),
                );
            }
        }
    }

    /// Every provider enumerated, so that probes created on demand get IDs after them.
    fn load_static(&mut self) {
        self.load_syscalls();
        self.load_tracepoints();
        self.provide_fbt(&DescPattern {
            provider: String::new(),
            module: String::new(),
            function: String::new(),
            name: String::new(),
        });
    }

    /// The pid/usdt probes of the process a description names, created on first use (they
    /// exist once some description names them). Module names match more loosely than globs
    /// (`libc` names `libc.so.6`), so the IDs are returned rather than re-matched.
    pub fn process_probes(&mut self, pat: &DescPattern) -> Result<Vec<u32>, pid::PidError> {
        if pat.provider == "pid0" {
            return Err(pid::PidError::Pid0);
        }
        // dt_pid_get_pid: a provider name ending in digits names a process, and one that is
        // nothing but digits names no provider (`dtrace -P 123`).
        if !pat.provider.is_empty() && pat.provider.bytes().all(|c| c.is_ascii_digit()) {
            return Err(pid::PidError::BadProv(pat.provider.clone()));
        }
        let Some(pid) = pid::described_pid(&pat.provider) else {
            return Ok(Vec::new());
        };
        let exec = self.exec_paths.get(&pid).cloned();
        let found = pid::probes_for(pid, pat, exec.as_deref())?;
        if found.is_empty() {
            return Ok(Vec::new());
        }
        self.load_static();
        let mut ids = Vec::with_capacity(found.len());
        for (desc, kind) in found {
            let key = (
                desc.provider.clone(),
                desc.module.clone(),
                desc.function.clone(),
                desc.name.clone(),
            );
            let id = match self.by_name.get(&key) {
                Some(&id) => id,
                None => {
                    let id = self.push(desc, kind);
                    self.by_name.insert(key, id);
                    id
                }
            };
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Ok(ids)
    }

    /// Record that process `pid` (created by `dtrace -c`, held before exec) will run the
    /// executable `path`: its pid probes are looked up there, not in its current image.
    pub fn set_exec_path(&mut self, pid: i32, path: std::path::PathBuf) {
        self.exec_paths.insert(pid, path);
    }

    pub fn get(&self, id: u32) -> Option<&Probe> {
        self.probes.get((id as usize).checked_sub(1)?)
    }

    /// Every probe, in ID order.
    pub fn all(&mut self) -> &[Probe] {
        self.load_static();
        &self.probes
    }

    /// Make the fbt probes `pat` matches that do not exist yet (after the syscalls, so that
    /// their IDs never move).
    fn provide_fbt(&mut self, pat: &DescPattern) {
        if !glob::could_match(&pat.provider, "fbt") || !fbt::could_match_name(&pat.name) {
            return;
        }
        self.load_syscalls();
        let funcs = self.fbt_functions.get_or_insert_with(fbt::functions);
        let mut new: Vec<(usize, bool)> = Vec::new();
        for (i, f) in funcs.iter().enumerate() {
            if !glob::matches(&pat.function, &f.name) || !glob::matches(&pat.module, &f.module) {
                continue;
            }
            for ret in [false, true] {
                let name = if ret { "return" } else { "entry" };
                if glob::matches(&pat.name, name) && !self.fbt_made.contains_key(&(i, ret)) {
                    new.push((i, ret));
                }
            }
        }
        for (i, ret) in new {
            let f = &self.fbt_functions.as_ref().expect("read above")[i];
            let desc = ProbeDesc {
                id: 0,
                provider: "fbt".into(),
                module: f.module.clone(),
                function: f.name.clone(),
                name: if ret { "return" } else { "entry" }.into(),
            };
            let symbol = f.symbol();
            let kind = if ret {
                ProbeKind::FbtReturn { symbol }
            } else {
                ProbeKind::FbtEntry { symbol }
            };
            let id = self.push(desc, kind);
            self.fbt_made.insert((i, ret), id);
        }
    }

    /// The error of the description last matched, if it named pid probes badly.
    pub fn take_pid_error(&mut self) -> Option<pid::PidError> {
        self.pid_error.take()
    }

    /// The IDs of the probes a description matches, creating a profile/tick probe on demand.
    pub fn matching(&mut self, pat: &DescPattern) -> Vec<u32> {
        // Enumerating the syscall and tracepoint providers reads tracefs (milliseconds): skip
        // it when the description's name cannot be one of theirs (`BEGIN`, `tick-1s`).
        let literal = glob::is_literal(&pat.name) && !pat.name.is_empty();
        let syscall_name = !literal || pat.name == "entry" || pat.name == "return";
        if glob::could_match(&pat.provider, "syscall") && syscall_name {
            self.load_syscalls();
        }
        // Tracepoint names are lowercase C identifiers (kernel style for TRACE_EVENT names).
        let tracepoint_name = !literal
            || pat.name.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_');
        let tracepoints = ["sdt", "rawtp"].iter().any(|p| glob::could_match(&pat.provider, p)) && tracepoint_name;
        let stable = stable::all()
            .any(|p| glob::could_match(&pat.provider, p.provider) && glob::matches(&pat.name, p.name));
        if tracepoints || stable {
            self.load_tracepoints();
        }
        self.provide_fbt(pat);
        // A process that cannot be read leaves its description matching nothing.
        let extra: std::collections::HashSet<u32> = match self.process_probes(pat) {
            Ok(ids) => ids.into_iter().collect(),
            Err(e) => {
                if e.tag().is_some() {
                    self.pid_error = Some(e);
                }
                Default::default()
            }
        };
        let mut ids: Vec<u32> = self
            .probes
            .iter()
            .filter(|p| pat.matches(&p.desc) || extra.contains(&p.desc.id))
            .map(|p| p.desc.id)
            .collect();
        if ids.is_empty() {
            if let Some((name, kind)) = profile::on_demand(pat) {
                let desc = ProbeDesc {
                    id: 0,
                    provider: "profile".into(),
                    module: "".into(),
                    function: "".into(),
                    name,
                };
                // Number it after every enumerated provider: load them now so the ID is final.
                self.load_static();
                ids.push(self.push(desc, kind));
            }
        }
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_descriptions() {
        let p = DescPattern::parse("BEGIN", ProbeSpecKind::Name, None).unwrap();
        assert_eq!(p.to_string(), ":::BEGIN");
        let p = DescPattern::parse("read:entry", ProbeSpecKind::Name, None).unwrap();
        assert_eq!(p.to_string(), "::read:entry");
        let p = DescPattern::parse("syscall::read:entry", ProbeSpecKind::Script, Some(1)).unwrap();
        assert_eq!(p.to_string(), "syscall::read:entry");
        let p = DescPattern::parse("syscall", ProbeSpecKind::Provider, None).unwrap();
        assert_eq!(p.to_string(), "syscall:::");
        let p = DescPattern::parse("syscall:vmlinux", ProbeSpecKind::Module, None).unwrap();
        assert_eq!(p.to_string(), "syscall:vmlinux::");
        let e = DescPattern::parse("a:b:c:d:e", ProbeSpecKind::Name, None).unwrap_err();
        assert_eq!(e.tag, ErrTag::D_PDESC_INVAL);
    }

    #[test]
    fn dtrace_provider_ids() {
        let mut t = ProbeTable::new();
        let p = DescPattern::parse("BEGIN", ProbeSpecKind::Name, None).unwrap();
        assert_eq!(t.matching(&p), vec![1]);
        let p = DescPattern::parse("dtrace:::", ProbeSpecKind::Name, None).unwrap();
        assert_eq!(t.matching(&p), vec![1, 2, 3]);
    }
}
