//! The fbt provider: `fbt:<module>:<function>:entry|return` for every traceable kernel function,
//! placed with kprobes and kretprobes through the kprobe PMU (perf_event_open).
//!
//! The functions are tracefs' `available_filter_functions` (what ftrace, and so kprobes on a
//! function's first instruction, can reach), less the kprobe blacklist when debugfs shows it,
//! less compiler-made names with a `.` (`foo.isra.0`, `bar.cold`), which Oracle's fbt leaves
//! out too. A name listed with `[module]` belongs to that module, any other to `vmlinux`.
//! Without a kprobe PMU (kernels built without kprobes) the provider offers no probes.

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
}
