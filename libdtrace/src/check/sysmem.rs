//! The machine's memory size, for psinfo_t's `pr_pctmem`.
//!
//! The kernel keeps its count of RAM pages in `_totalram_pages`, a data symbol that kallsyms
//! does not list on kernels built without CONFIG_KALLSYMS_ALL (and BTF describes no globals
//! but per-CPU ones), so BPF cannot read it. The consumer reads the same count with sysinfo(2)
//! (`totalram` is that counter scaled by `mem_unit`, as /proc/meminfo's MemTotal) when the D
//! library is loaded, and hands it to the library as the inline `__dt_totalram_pages`.

/// Pages of RAM the kernel manages, or 0 when sysinfo(2) fails.
pub fn totalram_pages() -> u64 {
    // SAFETY: sysinfo fills the zeroed struct it is given and touches nothing else.
    let mut si: libc::sysinfo = unsafe { std::mem::zeroed() };
    if unsafe { libc::sysinfo(&mut si) } != 0 {
        return 0;
    }
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if page <= 0 {
        return 0;
    }
    (si.totalram as u64).saturating_mul(si.mem_unit.max(1) as u64) / page as u64
}

/// The D source declaring the memory size for the library.
pub fn dlib_source() -> String {
    format!(
        "inline uint64_t __dt_totalram_pages = {};\n",
        totalram_pages()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_meminfo() {
        // MemTotal (KB) is the same counter as sysinfo's totalram.
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap();
        let kb: u64 = meminfo
            .lines()
            .find_map(|l| l.strip_prefix("MemTotal:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap();
        let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as u64;
        assert_eq!(totalram_pages(), kb * 1024 / page);
        assert!(dlib_source().starts_with("inline uint64_t __dt_totalram_pages = "));
    }
}
