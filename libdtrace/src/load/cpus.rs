//! CPU sets from sysfs: per-CPU map values are sized by the possible CPUs, per-CPU probes
//! (profile-N) are attached on the online ones.

use std::io;
use std::sync::OnceLock;

use crate::error::SysError;

/// Parse a kernel CPU list such as `0-1,4,6-7`.
pub fn parse_cpu_list(s: &str) -> Result<Vec<u32>, SysError> {
    let bad = || SysError::Os {
        what: format!("malformed CPU list {:?}", s.trim()),
        source: io::Error::from(io::ErrorKind::InvalidData),
    };
    let mut cpus = Vec::new();
    for part in s.trim().split(',').filter(|p| !p.is_empty()) {
        let (lo, hi) = match part.split_once('-') {
            Some((a, b)) => (
                a.parse::<u32>().map_err(|_| bad())?,
                b.parse::<u32>().map_err(|_| bad())?,
            ),
            None => {
                let c = part.parse::<u32>().map_err(|_| bad())?;
                (c, c)
            }
        };
        if hi < lo {
            return Err(bad());
        }
        cpus.extend(lo..=hi);
    }
    Ok(cpus)
}

fn read_cpu_file(name: &str) -> Result<Vec<u32>, SysError> {
    let path = format!("/sys/devices/system/cpu/{}", name);
    let text = std::fs::read_to_string(&path).map_err(|e| SysError::Os {
        what: path.clone(),
        source: e,
    })?;
    parse_cpu_list(&text)
}

/// Number of possible CPUs: the kernel's `num_possible_cpus()`, which sizes per-CPU map values.
/// Read once. If sysfs is unreadable, falls back to `sysconf(_SC_NPROCESSORS_CONF)`, which glibc
/// derives from the same CPU directory.
pub fn possible_cpus() -> usize {
    static N: OnceLock<usize> = OnceLock::new();
    *N.get_or_init(|| match read_cpu_file("possible") {
        Ok(v) if !v.is_empty() => v.len(),
        _ => {
            // SAFETY: sysconf has no preconditions.
            let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_CONF) };
            if n > 0 {
                n as usize
            } else {
                1
            }
        }
    })
}

/// The CPUs online now (not cached: CPUs can come and go).
pub fn online_cpus() -> Result<Vec<u32>, SysError> {
    read_cpu_file("online")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ranges_and_singles() {
        assert_eq!(parse_cpu_list("0-1,4\n").unwrap(), vec![0, 1, 4]);
        assert_eq!(parse_cpu_list("0").unwrap(), vec![0]);
        assert_eq!(parse_cpu_list("2-3,6-7").unwrap(), vec![2, 3, 6, 7]);
        assert!(parse_cpu_list("3-1").is_err());
        assert!(parse_cpu_list("x").is_err());
    }

    #[test]
    fn sysfs_agrees_with_itself() {
        let online = online_cpus().unwrap();
        assert!(!online.is_empty());
        assert!(online.len() <= possible_cpus());
    }
}
