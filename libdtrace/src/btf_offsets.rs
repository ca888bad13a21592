//! Kernel structure offsets the code generator needs, read from the kernel's BTF.

use crate::btf::Btf;

/// Byte offset of `member` in `struct task_struct` (members of anonymous nested structs
/// included), or `None` when the kernel has no BTF or no such member.
pub fn task_member(member: &str) -> Option<u32> {
    let btf = Btf::load_vmlinux().ok()?;
    let task = btf.find_struct("task_struct")?;
    let m = btf.member(task, member)?;
    Some((m.bit_offset / 8) as u32)
}
