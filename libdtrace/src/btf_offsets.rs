//! Kernel structure offsets the code generator needs, read from the kernel's BTF.

/// Byte offset of `member` in `struct task_struct`.
pub fn task_member(member: &str) -> Option<u32> {
    let _ = member;
    None
}
