//! The syscall provider: `syscall:vmlinux:<name>:entry|return` on the `syscalls` tracepoints.

use crate::attach::tracefs;

/// Syscall names that have both an enter and an exit tracepoint, in tracefs order (sorted).
pub fn names() -> Vec<String> {
    let events = match tracefs::events("syscalls") {
        Ok(e) => e,
        Err(_) => return Vec::new(),
    };
    let exits: std::collections::HashSet<&str> = events
        .iter()
        .filter_map(|e| e.strip_prefix("sys_exit_"))
        .collect();
    let mut v: Vec<String> = events
        .iter()
        .filter_map(|e| e.strip_prefix("sys_enter_"))
        .filter(|n| exits.contains(n))
        .map(String::from)
        .collect();
    v.sort();
    v
}

/// Offset in the tracepoint record of the first syscall argument (after `__syscall_nr` and its
/// padding) and of the return value; the same for every syscall on x86-64, read from the
/// format files when a probe is enabled.
pub const ARGS_OFFSET: usize = 16;
