//! The fbt provider: `fbt:<module>:<function>:entry|return` for every traceable kernel function,
//! placed with kprobes and kretprobes through the kprobe PMU (perf_event_open).
//!
//! The functions are tracefs' `available_filter_functions` (what ftrace, and so kprobes on a
//! function's first instruction, can reach), less the kprobe blacklist when debugfs shows it,
//! less compiler-made names with a `.` (`foo.isra.0`, `bar.cold`), which Oracle's fbt leaves
//! out too. A name listed with `[module]` belongs to that module, any other to `vmlinux`.
//! Without a kprobe PMU (kernels built without kprobes) the provider offers no probes.
//!
//! Why kprobes and not fentry/fexit, though fentry is cheaper per call: an fentry program is
//! loaded for one function, and the kernel lets a tracing program tail-call only programs
//! loaded for the same function prototype (`__bpf_prog_map_compatible` in kernel/bpf/core.c
//! compares `attach_func_proto` for BPF_PROG_TYPE_TRACING). A clause enabled on
//! `fbt:::entry` would then need one copy per distinct prototype (thousands), where kprobe
//! stubs all tail-call the one copy every other kprobe stub shares. `args[]` are still typed
//! from the function's BTF prototype (provider/args.rs), so scripts see what fentry would
//! give them. The patch series (kernel-patches/, patch 2) lets any probe type call one
//! DTrace-type clause, which is the kernel-side answer.

use std::collections::HashSet;
use std::path::Path;

const KPROBE_PMU: &str = "/sys/bus/event_source/devices/kprobe";
const KPROBE_BLACKLIST: &str = "/sys/kernel/debug/kprobes/blacklist";

/// The kprobe PMU as perf_event_open takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KprobePmu {
    /// `perf_event_attr.type`.
    pub ty: u32,
    /// The bit of `perf_event_attr.config` that makes a kretprobe.
    pub retprobe_bit: u32,
}

/// The kprobe PMU, when this kernel has one.
pub fn kprobe_pmu() -> Option<KprobePmu> {
    let dir = Path::new(KPROBE_PMU);
    let ty = std::fs::read_to_string(dir.join("type"))
        .ok()?
        .trim()
        .parse()
        .ok()?;
    let retprobe_bit = std::fs::read_to_string(dir.join("format/retprobe"))
        .ok()
        .and_then(|s| parse_config_bit(&s))
        .unwrap_or(0);
    Some(KprobePmu { ty, retprobe_bit })
}

/// A PMU format file's `config:N`.
fn parse_config_bit(text: &str) -> Option<u32> {
    text.trim().strip_prefix("config:")?.parse().ok()
}

/// One traceable function.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Function {
    pub module: String,
    pub name: String,
}

impl Function {
    /// The symbol the kprobe PMU resolves: `module:name` for a module's function, so that a
    /// name also present in vmlinux or another module does not make the kprobe ambiguous.
    pub fn symbol(&self) -> String {
        if self.module == "vmlinux" {
            self.name.clone()
        } else {
            format!("{}:{}", self.module, self.name)
        }
    }
}

/// Every function fbt can trace, in tracefs order, each once. Empty without a kprobe PMU.
pub fn functions() -> Vec<Function> {
    if kprobe_pmu().is_none() {
        return Vec::new();
    }
    let Ok(root) = crate::attach::tracefs::root() else {
        return Vec::new();
    };
    let Ok(text) = std::fs::read_to_string(root.join("available_filter_functions")) else {
        return Vec::new();
    };
    let blacklist = std::fs::read_to_string(KPROBE_BLACKLIST)
        .map(|t| parse_blacklist(&t))
        .unwrap_or_default();
    parse_filter_functions(&text)
        .into_iter()
        .filter(|f| !blacklist.contains(&f.name))
        .collect()
}

/// Parse `available_filter_functions`: `name` or `name [module]` per line. Synthetic names and
/// repeats (static functions of the same name in several files) are dropped.
pub fn parse_filter_functions(text: &str) -> Vec<Function> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for line in text.lines() {
        let mut words = line.split_whitespace();
        let Some(name) = words.next() else { continue };
        if name.contains('.') {
            continue;
        }
        let module = match words.next() {
            Some(m) => m.trim_start_matches('[').trim_end_matches(']'),
            None => "vmlinux",
        };
        let f = Function {
            module: module.to_string(),
            name: name.to_string(),
        };
        if seen.insert(f.clone()) {
            out.push(f);
        }
    }
    out
}

/// Parse debugfs' kprobes/blacklist: `0xstart-0xend<TAB>symbol` per line.
fn parse_blacklist(text: &str) -> HashSet<String> {
    text.lines()
        .filter_map(|l| l.split_whitespace().nth(1))
        .map(String::from)
        .collect()
}

/// The argument types of an fbt probe from the function's BTF (vmlinux's, or its module's
/// split on top of it), as `dtrace -lv` shows them and `args[]` is typed: on entry the
/// parameters of its FUNC_PROTO; on return, as Oracle's fbt, `args[0]` the offset of the
/// returning instruction (unknown, -1, `uint64_t`) and `args[1]` the return value, typed as
/// the function's return type (absent for a void function). Empty when BTF lacks the function.
pub fn arg_types(vmlinux: &crate::btf::Btf, symbol: &str, ret: bool) -> Vec<String> {
    let (module, name) = match symbol.split_once(':') {
        Some((m, n)) => (Some(m), n),
        None => (None, symbol),
    };
    let module_btf;
    let btf = match module {
        Some(m) => match vmlinux.load_module(m) {
            Ok(b) => {
                module_btf = b;
                &module_btf
            }
            Err(_) => return Vec::new(),
        },
        None => vmlinux,
    };
    proto_types(btf, name, ret).unwrap_or_default()
}

fn proto_types(btf: &crate::btf::Btf, name: &str, ret: bool) -> Option<Vec<String>> {
    use crate::btf::{TypeId, TypeKind};
    let func = btf.find_func(name)?;
    let TypeKind::Func { proto, .. } = btf.ty(func).ok()?.kind else {
        return None;
    };
    let TypeKind::FuncProto { ret: rty, params } = btf.ty(proto).ok()?.kind else {
        return None;
    };
    let name_of = |id: TypeId| btf.type_name(id).unwrap_or_else(|_| "uint64_t".to_string());
    if ret {
        let mut v = vec!["uint64_t".to_string()];
        if rty != TypeId::VOID {
            v.push(name_of(rty));
        }
        return Some(v);
    }
    Some(
        params
            // A variadic function's `...` has no type to give.
            .filter(|p| !(p.type_id == TypeId::VOID && p.name.is_empty()))
            .map(|p| name_of(p.type_id))
            .collect(),
    )
}

/// Whether a probe name pattern can match `entry` or `return`: fbt has no other names.
pub fn could_match_name(pat: &str) -> bool {
    super::glob::matches(pat, "entry") || super::glob::matches(pat, "return")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_functions() {
        let text = "do_sys_openat2\n\
                    __x64_sys_openat\n\
                    schedule.cold\n\
                    virtnet_poll [virtio_net]\n\
                    init_once\n\
                    init_once\n\
                    init_once [ext4]\n";
        let v = parse_filter_functions(text);
        let got: Vec<(&str, &str)> = v
            .iter()
            .map(|f| (f.module.as_str(), f.name.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("vmlinux", "do_sys_openat2"),
                ("vmlinux", "__x64_sys_openat"),
                ("virtio_net", "virtnet_poll"),
                ("vmlinux", "init_once"),
                ("ext4", "init_once"),
            ]
        );
        assert_eq!(v[2].symbol(), "virtio_net:virtnet_poll");
        assert_eq!(v[0].symbol(), "do_sys_openat2");
    }

    #[test]
    fn blacklist_and_format() {
        let b = parse_blacklist("0xffffffff81000000-0xffffffff81000010\tdo_int3\n");
        assert!(b.contains("do_int3"));
        assert_eq!(parse_config_bit("config:0\n"), Some(0));
        assert_eq!(parse_config_bit("config1:0-63\n"), None);
        assert!(could_match_name("entry"));
        assert!(could_match_name(""));
        assert!(could_match_name("ret*"));
        assert!(!could_match_name("BEGIN"));
    }

    /// Typed from this kernel's BTF: `vfs_read(struct file *, char __user *, size_t,
    /// loff_t *)` returning `ssize_t`; `schedule(void)` returning void.
    #[test]
    fn btf_arg_types() {
        let Ok(btf) = crate::btf::Btf::load_vmlinux() else {
            return;
        };
        assert_eq!(
            arg_types(&btf, "vfs_read", false),
            vec!["struct file *", "char *", "size_t", "loff_t *"]
        );
        assert_eq!(arg_types(&btf, "vfs_read", true), vec!["uint64_t", "ssize_t"]);
        assert_eq!(arg_types(&btf, "schedule", false), Vec::<String>::new());
        assert_eq!(arg_types(&btf, "schedule", true), vec!["uint64_t"]);
        assert_eq!(arg_types(&btf, "no_such_function_here", false), Vec::<String>::new());
        assert_eq!(arg_types(&btf, "no_such_module:f", false), Vec::<String>::new());
    }
}
