//! Kernel symbols from /proc/kallsyms, for stack(), sym(), mod(), caller and printf's %a.
//!
//! Read by hand rather than through blazesym: kallsyms is a three-column text file, and
//! blazesym's kernel source does not report which module a symbol belongs to, which DTrace
//! prints (`vmlinux`, or the module's name).

/// One symbol: its address, name and module (`vmlinux` for the kernel proper).
#[derive(Debug, Clone, PartialEq, Eq)]
struct KSym {
    addr: u64,
    name: String,
    module: u32,
}

/// A resolved kernel address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KLookup<'a> {
    pub module: &'a str,
    pub name: &'a str,
    pub offset: u64,
}

#[derive(Debug, Default)]
pub struct KernelSyms {
    syms: Vec<KSym>,
    modules: Vec<String>,
}

/// Code further than this past the last symbol of a region is not attributed to it.
const MAX_OFFSET: u64 = 1 << 20;

impl KernelSyms {
    pub fn load() -> KernelSyms {
        match std::fs::read_to_string("/proc/kallsyms") {
            Ok(text) => KernelSyms::parse(&text),
            Err(_) => KernelSyms::default(),
        }
    }

    pub fn parse(text: &str) -> KernelSyms {
        let mut ks = KernelSyms {
            syms: Vec::new(),
            modules: vec!["vmlinux".to_string()],
        };
        for line in text.lines() {
            let mut f = line.split_whitespace();
            let (Some(addr), Some(ty), Some(name)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            // Text symbols only: code addresses are what stacks and callers hold.
            if !matches!(ty, "t" | "T" | "w" | "W") {
                continue;
            }
            let Ok(addr) = u64::from_str_radix(addr, 16) else {
                continue;
            };
            if addr == 0 {
                continue;
            }
            let module = match f.next() {
                Some(m) => {
                    let m = m.trim_start_matches('[').trim_end_matches(']');
                    match ks.modules.iter().position(|x| x == m) {
                        Some(i) => i as u32,
                        None => {
                            ks.modules.push(m.to_string());
                            (ks.modules.len() - 1) as u32
                        }
                    }
                }
                None => 0,
            };
            ks.syms.push(KSym {
                addr,
                name: name.to_string(),
                module,
            });
        }
        ks.syms.sort_by_key(|s| s.addr);
        ks
    }

    pub fn lookup(&self, pc: u64) -> Option<KLookup<'_>> {
        let i = self.syms.partition_point(|s| s.addr <= pc);
        let s = self.syms.get(i.checked_sub(1)?)?;
        if pc - s.addr >= MAX_OFFSET {
            return None;
        }
        Some(KLookup {
            module: &self.modules[s.module as usize],
            name: &s.name,
            offset: pc - s.addr,
        })
    }

    /// The frames of a kernel stack from the probe site on: the stack the kernel hands a BPF
    /// program starts inside the tracing machinery that ran it (`perf_syscall_enter` for a
    /// syscall probe, `perf_trace_*` for a tracepoint, `bpf_trace_run*` for a raw tracepoint),
    /// which DTrace does not show.
    pub fn site_frames<'p>(&self, pcs: &'p [u64]) -> &'p [u64] {
        let skip = pcs
            .iter()
            .take_while(|&&pc| self.lookup(pc).map(|l| is_tracing_frame(l.name)).unwrap_or(false))
            .count();
        &pcs[skip..]
    }

    /// `mod`sym+0xoff` (no offset when 0), or `0xaddr` when unknown: a stack frame, `%a`.
    pub fn addr_text(&self, pc: u64) -> String {
        match self.lookup(pc) {
            Some(l) if l.offset > 0 => format!("{}`{}+0x{:x}", l.module, l.name, l.offset),
            Some(l) => format!("{}`{}", l.module, l.name),
            None => format!("0x{:x}", pc),
        }
    }

    /// `mod`sym` or `0xaddr`: `sym()`/`func()`.
    pub fn sym_text(&self, pc: u64) -> String {
        match self.lookup(pc) {
            Some(l) => format!("{}`{}", l.module, l.name),
            None => format!("0x{:x}", pc),
        }
    }

    /// The module or `0xaddr`: `mod()`.
    pub fn mod_text(&self, pc: u64) -> String {
        match self.lookup(pc) {
            Some(l) => l.module.to_string(),
            None => format!("0x{:x}", pc),
        }
    }
}

/// Functions of the tracing machinery between a probe site and the BPF program.
fn is_tracing_frame(name: &str) -> bool {
    const EXACT: &[&str] = &[
        "perf_syscall_enter",
        "perf_syscall_exit",
        "perf_tp_event",
        "perf_trace_run_bpf_submit",
        "trace_call_bpf",
        "bpf_get_stack",
        "bpf_get_stack_raw_tp",
        "bpf_get_stackid",
        "kprobe_perf_func",
        "kretprobe_perf_func",
        "kprobe_dispatcher",
        "kretprobe_dispatcher",
        "uprobe_perf_func",
        "uprobe_dispatcher",
    ];
    const PREFIXES: &[&str] = &[
        "perf_trace_",
        "__bpf_trace_",
        "bpf_trace_run",
        "__traceiter_",
        "bpf_prog_",
        "__bpf_prog_run",
        "trace_event_raw_event_",
    ];
    EXACT.contains(&name) || PREFIXES.iter().any(|p| name.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "ffffffff81000000 T _stext\n\
ffffffff81000100 t do_one\n\
ffffffff81002000 D some_data\n\
ffffffffc0001000 t ext4_read\t[ext4]\n";

    #[test]
    fn resolves_kernel_and_module_symbols() {
        let k = KernelSyms::parse(TEXT);
        assert_eq!(k.addr_text(0xffffffff81000100), "vmlinux`do_one");
        assert_eq!(k.addr_text(0xffffffff81000123), "vmlinux`do_one+0x23");
        assert_eq!(k.sym_text(0xffffffff81000123), "vmlinux`do_one");
        assert!(is_tracing_frame("perf_syscall_enter"));
        assert!(is_tracing_frame("perf_trace_sched_switch"));
        assert!(is_tracing_frame("bpf_trace_run2"));
        assert!(!is_tracing_frame("syscall_trace_enter"));
        assert!(!is_tracing_frame("do_one"));
        assert_eq!(k.addr_text(0xffffffffc0001010), "ext4`ext4_read+0x10");
        assert_eq!(k.mod_text(0xffffffffc0001010), "ext4");
        assert_eq!(k.addr_text(0x1000), "0x1000");
        assert_eq!(k.mod_text(0x1000), "0x1000");
    }
}
