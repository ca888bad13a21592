//! The sdt and rawtp providers: every kernel tracepoint, named as Oracle Linux DTrace names
//! them (`sdt:<group>::<event>`, `rawtp:<group>::<event>`).
//!
//! sdt probes attach to the perf tracepoint event and take their arguments from the event's
//! record, one argument per field of its `format` file, in order. rawtp probes attach to the
//! raw tracepoint of the same name and see the tracepoint's C arguments (u64 each), whose
//! number and types come from the kernel's BTF (`btf_trace_<event>` typedefs).

use crate::attach::tracefs::{self, EventFormat, Field};
use crate::btf::{Btf, Kind, TypeKind};

/// Groups that are not sdt probes: syscalls have their own provider, and dynamic probe groups
/// (kprobes, uprobes, ours) are not the kernel's static tracepoints. `ftrace` events are
/// internal to the function tracer and cannot take BPF programs.
const SKIPPED_GROUPS: &[&str] = &["syscalls", "kprobes", "uprobes", "dt_pid", "ftrace"];

/// Every tracepoint (group, event), sorted, from tracefs `available_events` (one file, cheap to
/// read, unlike walking `events/`).
pub fn tracepoints() -> Vec<(String, String)> {
    let Ok(root) = tracefs::root() else {
        return Vec::new();
    };
    let Ok(text) = std::fs::read_to_string(root.join("available_events")) else {
        return Vec::new();
    };
    let mut v: Vec<(String, String)> = text
        .lines()
        .filter_map(|l| l.split_once(':'))
        .filter(|(g, e)| !g.is_empty() && !e.is_empty() && !SKIPPED_GROUPS.contains(g))
        // Groups DTrace processes create for their own probes (`dt_<pid>_...`).
        .filter(|(g, _)| !g.starts_with("dt_"))
        .map(|(g, e)| (g.to_string(), e.to_string()))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// How an sdt probe argument is taken from the tracepoint record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldLoad {
    /// An integer of `size` bytes at `offset`, sign-extended when `signed`.
    Scalar { offset: u16, size: u8, signed: bool },
    /// An array (`char comm[16]`): the address of the field.
    Addr { offset: u16 },
    /// `__data_loc`: the address of the data the 32-bit locator at `offset` points to.
    DataLoc { offset: u16 },
}

/// The argument of one field: how to load it, and its native type as `dtrace -lv` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TpArg {
    pub load: FieldLoad,
    pub native: String,
}

/// The arguments of an sdt probe, one per non-common field of the event's format.
pub fn args(format: &EventFormat) -> Vec<TpArg> {
    format.args().filter_map(tp_arg).collect()
}

/// The arguments of `sdt:<group>::<event>` (none when the format cannot be read).
pub fn event_args(group: &str, event: &str) -> Vec<TpArg> {
    tracefs::format(group, event)
        .map(|f| args(&f))
        .unwrap_or_default()
}

fn tp_arg(f: &Field) -> Option<TpArg> {
    let offset = u16::try_from(f.offset).ok()?;
    // Oracle shows the declared type with `__data_loc` dropped: `char[]`.
    let native =
        f.ty.strip_prefix("__data_loc")
            .map(str::trim)
            .unwrap_or(&f.ty)
            .to_string();
    let load = if f.data_loc {
        FieldLoad::DataLoc { offset }
    } else if f.array_len.is_some() || !matches!(f.size, 1 | 2 | 4 | 8) {
        FieldLoad::Addr { offset }
    } else {
        FieldLoad::Scalar {
            offset,
            size: f.size as u8,
            signed: f.signed,
        }
    };
    Some(TpArg { load, native })
}

/// The C argument types of raw tracepoint `event` from BTF: the `btf_trace_<event>` typedef is
/// a pointer to `void (*)(void *__data, args...)`; the first parameter is the tracepoint's
/// private data, not an argument. `None` when BTF does not describe the tracepoint.
pub fn rawtp_arg_types(btf: &Btf, event: &str) -> Option<Vec<String>> {
    let td = btf.find_typedef(&format!("btf_trace_{}", event))?;
    let TypeKind::Typedef { target } = btf.ty(td).ok()?.kind else {
        return None;
    };
    let ptr = btf.resolve(target).ok()?;
    let TypeKind::Ptr { target: proto } = btf.ty(ptr).ok()?.kind else {
        return None;
    };
    let proto = btf.resolve(proto).ok()?;
    if btf.kind(proto).ok()? != Kind::FuncProto {
        return None;
    }
    let TypeKind::FuncProto { params, .. } = btf.ty(proto).ok()?.kind else {
        return None;
    };
    Some(
        params
            .skip(1)
            .map(|p| {
                btf.type_name(p.type_id)
                    .unwrap_or_else(|_| "uint64_t".to_string())
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_tracepoints_without_syscalls() {
        let tps = tracepoints();
        assert!(tps.iter().any(|(g, e)| g == "sched" && e == "sched_switch"));
        assert!(!tps.iter().any(|(g, _)| g == "syscalls"));
        assert!(tps.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn sched_process_exec_args() {
        let a = event_args("sched", "sched_process_exec");
        assert_eq!(a.len(), 3);
        assert_eq!(a[0].native, "char[]");
        assert!(matches!(a[0].load, FieldLoad::DataLoc { offset: 8 }));
        assert_eq!(a[1].native, "pid_t");
        assert_eq!(
            a[1].load,
            FieldLoad::Scalar {
                offset: 12,
                size: 4,
                signed: true
            }
        );
        let s = event_args("sched", "sched_switch");
        assert_eq!(s[0].native, "char[16]");
        assert_eq!(s[0].load, FieldLoad::Addr { offset: 8 });
    }

    #[test]
    fn rawtp_types_from_btf() {
        let btf = Btf::load_vmlinux().unwrap();
        let t = rawtp_arg_types(&btf, "sched_switch").unwrap();
        assert_eq!(t[0], "bool");
        assert_eq!(t[1], "struct task_struct *");
        assert!(rawtp_arg_types(&btf, "no_such_tracepoint").is_none());
    }
}
