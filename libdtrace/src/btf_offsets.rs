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

/// Byte offset of `member` (a dotted path such as `d_name.name`) in `struct sname`.
fn struct_member(btf: &Btf, sname: &str, member: &str) -> Option<u32> {
    let mut id = btf.find_struct(sname)?;
    let mut off = 0;
    for part in member.split('.') {
        let m = btf.member(id, part)?;
        off += m.bit_offset / 8;
        id = m.type_id;
    }
    Some(off)
}

/// The offsets `d_path()` walks a path with, packed four 16-bit offsets to a word as the
/// runtime routine `dt_d_path` (bpf/paths.c) unpacks them: `path.mnt`, `path.dentry`,
/// `dentry.d_parent`, `dentry.d_name.name`; then `vfsmount.mnt_root`, `mount.mnt`,
/// `mount.mnt_parent`, `mount.mnt_mountpoint`. `None` without BTF for these structs.
pub fn d_path(btf: &Btf) -> Option<(u64, u64)> {
    let offs = [
        struct_member(btf, "path", "mnt")?,
        struct_member(btf, "path", "dentry")?,
        struct_member(btf, "dentry", "d_parent")?,
        struct_member(btf, "dentry", "d_name.name")?,
        struct_member(btf, "vfsmount", "mnt_root")?,
        struct_member(btf, "mount", "mnt")?,
        struct_member(btf, "mount", "mnt_parent")?,
        struct_member(btf, "mount", "mnt_mountpoint")?,
    ];
    if offs.iter().any(|&o| o > u16::MAX as u32) {
        return None;
    }
    let pack = |o: &[u32]| o.iter().rev().fold(0u64, |acc, &x| acc << 16 | x as u64);
    Some((pack(&offs[..4]), pack(&offs[4..])))
}

#[cfg(test)]
mod tests {
    #[test]
    fn d_path_offsets_pack_in_order() {
        let Some(btf) = crate::check::types::kernel_btf() else {
            return; // no kernel BTF on this machine
        };
        let (a, b) = super::d_path(btf).expect("path, dentry, vfsmount and mount in BTF");
        // struct path { struct vfsmount *mnt; struct dentry *dentry; }
        assert_eq!(a & 0xffff, 0);
        assert_eq!(a >> 16 & 0xffff, 8);
        // struct vfsmount starts with mnt_root; struct mount embeds the vfsmount after its
        // hash link, parent and mountpoint.
        assert_eq!(b & 0xffff, 0);
        assert!(b >> 16 & 0xffff > b >> 32 & 0xffff);
    }
}
