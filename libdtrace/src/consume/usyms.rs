//! User-space symbols of a process, through blazesym (its ELF files as /proc/PID/maps names
//! them), for ustack(), usym(), umod(), uaddr(), ucaller and printf's %A.
//!
//! Lookups are cached per (pid, address): a process may exit between the firing and the
//! printing, and what was resolved while it lived stays resolvable.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

use blazesym::symbolize::source::{Process, Source};
use blazesym::symbolize::{Input, Symbolized, Symbolizer};
use blazesym::Pid;

/// A resolved user address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ULookup {
    /// The object's file name (no directory), as DTrace prints it.
    pub object: String,
    pub name: String,
    pub offset: u64,
}

/// Cached lookups kept at most; past it the cache starts over.
const CACHE_MAX: usize = 1 << 16;

pub struct UserSyms {
    sym: Symbolizer,
    cache: RefCell<HashMap<(u32, u64), Option<ULookup>>>,
}

impl Default for UserSyms {
    fn default() -> Self {
        UserSyms {
            sym: Symbolizer::builder().enable_code_info(false).build(),
            cache: RefCell::new(HashMap::new()),
        }
    }
}

impl UserSyms {
    /// Resolve `addrs` of process `pid`, cached.
    pub fn lookup_many(&self, pid: u32, addrs: &[u64]) -> Vec<Option<ULookup>> {
        let missing: Vec<u64> = {
            let c = self.cache.borrow();
            let mut m: Vec<u64> = addrs
                .iter()
                .copied()
                .filter(|a| !c.contains_key(&(pid, *a)))
                .collect();
            m.sort_unstable();
            m.dedup();
            m
        };
        if !missing.is_empty() && pid != 0 {
            let mut proc_src = Process::new(Pid::from(pid));
            proc_src.debug_syms = false;
            // JIT compilers (Java's perf-map-agent, node --perf-basic-prof, LuaJIT...) name
            // their code in /tmp/perf-PID.map: the part DTrace's ustack helpers play on
            // illumos.
            proc_src.perf_map = true;
            let src = Source::Process(proc_src);
            let found = self
                .sym
                .symbolize(&src, Input::AbsAddr(&missing))
                .unwrap_or_default();
            let mut c = self.cache.borrow_mut();
            if c.len() > CACHE_MAX {
                c.clear();
            }
            for (i, a) in missing.iter().enumerate() {
                let r = match found.get(i) {
                    Some(Symbolized::Sym(s)) => Some(ULookup {
                        object: s
                            .module
                            .as_ref()
                            .and_then(|m| Path::new(m).file_name())
                            .map(|f| f.to_string_lossy().into_owned())
                            .unwrap_or_default(),
                        name: s.name.to_string(),
                        offset: s.offset as u64,
                    }),
                    _ => None,
                };
                c.insert((pid, *a), r);
            }
        }
        let c = self.cache.borrow();
        addrs
            .iter()
            .map(|a| c.get(&(pid, *a)).cloned().flatten())
            .collect()
    }

    pub fn lookup(&self, pid: u32, addr: u64) -> Option<ULookup> {
        self.lookup_many(pid, &[addr]).pop().flatten()
    }

    /// `usym()`: `obj`sym` (or the JIT's `sym`), `0xaddr` when unknown.
    pub fn usym_text(&self, pid: u32, pc: u64) -> String {
        match self.lookup(pid, pc) {
            Some(l) => qualified(&l),
            None => format!("0x{:x}", pc),
        }
    }

    /// `umod()`: the object's name, `0xaddr` when unknown or not in an object file.
    pub fn umod_text(&self, pid: u32, pc: u64) -> String {
        match self.lookup(pid, pc) {
            Some(l) if !l.object.is_empty() => l.object,
            _ => format!("0x{:x}", pc),
        }
    }

    /// `obj`sym+0xoff`, `obj`sym` or `0xaddr`: a ustack frame, `uaddr()`, `%A`.
    pub fn addr_text(&self, pid: u32, pc: u64) -> String {
        addr_text(self.lookup(pid, pc).as_ref(), pc)
    }
}

pub fn addr_text(l: Option<&ULookup>, pc: u64) -> String {
    match l {
        Some(l) if l.offset > 0 => format!("{}+0x{:x}", qualified(l), l.offset),
        Some(l) => qualified(l),
        None => format!("0x{:x}", pc),
    }
}

/// `obj`sym`, or `sym` alone for code no object file holds (a JIT's, named by its perf map).
pub fn qualified(l: &ULookup) -> String {
    if l.object.is_empty() {
        l.name.clone()
    } else {
        format!("{}`{}", l.object, l.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[inline(never)]
    fn a_function_of_ours() -> u64 {
        a_function_of_ours as *const () as usize as u64
    }

    #[test]
    fn resolves_own_function() {
        let u = UserSyms::default();
        let pc = a_function_of_ours() + 1;
        let l = u.lookup(std::process::id(), pc).expect("symbol found");
        assert!(l.name.contains("a_function_of_ours"), "{:?}", l);
        assert_eq!(l.offset, 1);
        assert!(u.addr_text(std::process::id(), pc).ends_with("+0x1"));
        assert_eq!(addr_text(None, 0x10), "0x10");
    }
}
