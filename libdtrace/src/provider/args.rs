//! Probe arguments of the sdt, rawtp, pid and usdt providers: where a stub finds them, and
//! their native types as `dtrace -lv` shows them.

use super::sdt::{self, FieldLoad};
use super::usdt::{ArgLoc, ArgSpec};
use super::ProbeKind;
use crate::btf::Btf;
use crate::codegen::stub::ArgSource;

/// DTrace keeps ten arguments in the machine state.
const MAX_ARGS: usize = 10;

/// vmlinux BTF, read once per caller and only when a rawtp probe needs it.
fn btf(cache: &mut Option<Option<Btf>>) -> Option<&Btf> {
    cache
        .get_or_insert_with(|| Btf::load_vmlinux().ok())
        .as_ref()
}

/// Where the stub of a probe finds the arguments. Format files and BTF are read only when a
/// clause reads some argument (`args_used != 0`).
pub fn source(kind: &ProbeKind, args_used: u16, cache: &mut Option<Option<Btf>>) -> ArgSource {
    match kind {
        ProbeKind::Sdt { .. } | ProbeKind::RawTp { .. } if args_used == 0 => ArgSource::None,
        ProbeKind::Sdt { group, event } => {
            let a = sdt::event_args(group, event);
            let mut fields = [FieldLoad::Addr { offset: 0 }; MAX_ARGS];
            let n = a.len().min(MAX_ARGS);
            for (f, arg) in fields.iter_mut().zip(&a) {
                *f = arg.load;
            }
            ArgSource::Tracepoint { n: n as u8, fields }
        }
        ProbeKind::RawTp { event } => {
            let nargs = btf(cache)
                .and_then(|b| sdt::rawtp_arg_types(b, event))
                .map(|v| v.len())
                .unwrap_or(0);
            ArgSource::RawTracepoint {
                nargs: nargs.min(MAX_ARGS) as u8,
            }
        }
        ProbeKind::Uprobe(u) => match &u.usdt_args {
            Some(specs) => {
                let mut args = [ArgSpec {
                    size: 8,
                    signed: false,
                    loc: ArgLoc::Imm(0),
                }; MAX_ARGS];
                for (a, s) in args.iter_mut().zip(specs) {
                    *a = *s;
                }
                ArgSource::Usdt {
                    n: specs.len().min(MAX_ARGS) as u8,
                    args,
                }
            }
            None if u.ret => ArgSource::UprobeReturn,
            None => ArgSource::UprobeEntry,
        },
        _ => ArgSource::None,
    }
}

/// The native types of a probe's arguments, in order (`dtrace -lv`). Empty when unknown.
pub fn native_types(kind: &ProbeKind, cache: &mut Option<Option<Btf>>) -> Vec<String> {
    match kind {
        ProbeKind::Sdt { group, event } => sdt::event_args(group, event)
            .into_iter()
            .map(|a| a.native)
            .collect(),
        ProbeKind::RawTp { event } => btf(cache)
            .and_then(|b| sdt::rawtp_arg_types(b, event))
            .unwrap_or_default(),
        // dtrace -lv shows the types args[] has: the translated ones of the definition.
        ProbeKind::Uprobe(u) if u.usdt_types.is_some() => u
            .usdt_types
            .iter()
            .flat_map(|t| t.xlated.iter().map(super::usdtdefs::spell))
            .collect(),
        ProbeKind::Uprobe(u) => match &u.usdt_args {
            Some(specs) => specs
                .iter()
                .map(|s| {
                    match (s.size, s.signed) {
                        (1, true) => "int8_t",
                        (1, false) => "uint8_t",
                        (2, true) => "int16_t",
                        (2, false) => "uint16_t",
                        (4, true) => "int32_t",
                        (4, false) => "uint32_t",
                        (_, true) => "int64_t",
                        (_, false) => "uint64_t",
                    }
                    .to_string()
                })
                .collect(),
            // Oracle knows no argument types for pid probes.
            None => Vec::new(),
        },
        ProbeKind::SyscallEntry { event } => {
            crate::attach::tracefs::format("syscalls", &format!("sys_enter_{}", event))
                .map(|f| {
                    f.args()
                        .filter(|a| a.name != "__syscall_nr")
                        .map(|a| a.ty.clone())
                        .collect()
                })
                .unwrap_or_default()
        }
        ProbeKind::SyscallReturn { .. } => vec!["long".into()],
        ProbeKind::Stable(st) => st.args.iter().map(|(_, t)| t.to_string()).collect(),
        ProbeKind::FbtEntry { symbol } => btf(cache)
            .map(|b| super::fbt::arg_types(b, symbol, false))
            .unwrap_or_default(),
        ProbeKind::FbtReturn { symbol } => btf(cache)
            .map(|b| super::fbt::arg_types(b, symbol, true))
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Stability attributes: identifier names, data semantics, dependency class (as
/// `dtrace -v` prints them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attr {
    pub name: &'static str,
    pub data: &'static str,
    pub class: &'static str,
}

/// What `dtrace -lv` reports about a probe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeInfo {
    /// The lowest attributes of the probe description's four fields.
    pub desc_attr: Attr,
    pub arg_attr: Attr,
    pub arg_types: Vec<String>,
}

const PRIVATE_UNKNOWN: Attr = Attr {
    name: "Private",
    data: "Private",
    class: "Unknown",
};
const PRIVATE_ISA: Attr = Attr {
    name: "Private",
    data: "Private",
    class: "ISA",
};

const STABLE_COMMON: Attr = Attr {
    name: "Stable",
    data: "Stable",
    class: "Common",
};
const EVOLVING_COMMON: Attr = Attr {
    name: "Evolving",
    data: "Evolving",
    class: "Common",
};
const EVOLVING_ISA: Attr = Attr {
    name: "Evolving",
    data: "Evolving",
    class: "ISA",
};

/// `dtrace -lv` information of a probe, for the providers whose attributes are known here.
/// A probe's description attributes are, as in DTrace, the lowest of its provider's and of
/// those of its non-empty module, function and name; from Oracle's tables:
/// - sdt and rawtp: provider Evolving/ISA, module and function Private/Unknown, name
///   Private/ISA, arguments Private/ISA;
/// - pid and usdt: provider and name Evolving/ISA, module, function and arguments
///   Private/Unknown;
/// - dtrace: provider, name and arguments Stable/Common (module and function are empty);
/// - profile: provider, name and arguments Evolving/Common (module and function, Unstable
///   and Private, are empty);
/// - syscall: provider and name Evolving/Common, module (`vmlinux`) Private/Unknown, function
///   Private/ISA, arguments Private/ISA;
/// - proc, sched, io and tcp: provider and name Evolving/ISA, module (`vmlinux`) and function
///   (empty) Private/Unknown, arguments Evolving/ISA.
///
/// `None` for other providers.
pub fn info(kind: &ProbeKind, cache: &mut Option<Option<Btf>>) -> Option<ProbeInfo> {
    let (desc_attr, arg_attr) = match kind {
        ProbeKind::Sdt { .. } | ProbeKind::RawTp { .. } => (PRIVATE_UNKNOWN, PRIVATE_ISA),
        ProbeKind::Uprobe(_) => (PRIVATE_UNKNOWN, PRIVATE_UNKNOWN),
        ProbeKind::Begin | ProbeKind::End | ProbeKind::Error => (STABLE_COMMON, STABLE_COMMON),
        ProbeKind::Profile { .. } => (EVOLVING_COMMON, EVOLVING_COMMON),
        ProbeKind::SyscallEntry { .. } | ProbeKind::SyscallReturn { .. } => (PRIVATE_UNKNOWN, PRIVATE_ISA),
        ProbeKind::Stable(_) => (PRIVATE_UNKNOWN, EVOLVING_ISA),
        // Oracle's fbt: provider and name Evolving/Common, module Private/Unknown, function
        // Private/ISA, arguments Private/ISA.
        ProbeKind::FbtEntry { .. } | ProbeKind::FbtReturn { .. } => {
            (PRIVATE_UNKNOWN, PRIVATE_ISA)
        }
    };
    Some(ProbeInfo {
        desc_attr,
        arg_attr,
        arg_types: native_types(kind, cache),
    })
}

/// The text `dtrace -lv` prints after a probe's line.
pub fn format_info(p: &ProbeInfo) -> String {
    let mut s = String::new();
    let attr = |s: &mut String, title: &str, a: &Attr| {
        s.push_str(&format!(
            "\n\t{}\n\t\tIdentifier Names: {}\n\t\tData Semantics:   {}\n\t\tDependency Class: {}\n",
            title, a.name, a.data, a.class
        ));
    };
    attr(&mut s, "Probe Description Attributes", &p.desc_attr);
    attr(&mut s, "Argument Attributes", &p.arg_attr);
    s.push_str("\n\tArgument Types\n");
    for (i, t) in p.arg_types.iter().enumerate() {
        s.push_str(&format!("\t\targs[{}]: {}\n", i, t));
    }
    if p.arg_types.is_empty() {
        s.push_str("\t\tNone\n");
    }
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lv_text() {
        let p = ProbeInfo {
            desc_attr: PRIVATE_UNKNOWN,
            arg_attr: PRIVATE_ISA,
            arg_types: vec!["char[16]".into(), "pid_t".into()],
        };
        assert_eq!(
            format_info(&p),
            "\n\tProbe Description Attributes\n\t\tIdentifier Names: Private\n\t\t\
             Data Semantics:   Private\n\t\tDependency Class: Unknown\n\n\t\
             Argument Attributes\n\t\tIdentifier Names: Private\n\t\t\
             Data Semantics:   Private\n\t\tDependency Class: ISA\n\n\t\
             Argument Types\n\t\targs[0]: char[16]\n\t\targs[1]: pid_t\n\n"
        );
    }
}
