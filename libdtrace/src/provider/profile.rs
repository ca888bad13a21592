//! The profile provider: `profile-N` fires on every CPU, `tick-N` on one, N with a unit
//! (ns nsec us usec ms msec s sec m min h hour d day hz; none means hz).

use super::{DescPattern, ProbeKind};

/// The probes Oracle Linux DTrace lists before any are asked for.
pub fn prelisted() -> Vec<(String, ProbeKind)> {
    let mut v = Vec::new();
    for hz in [97u64, 199, 499, 997, 1999, 4001, 4999] {
        v.push((
            format!("profile-{}", hz),
            ProbeKind::Profile {
                period_ns: 1_000_000_000 / hz,
                every_cpu: true,
            },
        ));
    }
    for hz in [1u64, 10, 100, 500, 1000, 5000] {
        v.push((
            format!("tick-{}", hz),
            ProbeKind::Profile {
                period_ns: 1_000_000_000 / hz,
                every_cpu: false,
            },
        ));
    }
    v
}

/// Parse `profile-N[unit]` / `tick-N[unit]` into a probe kind.
pub fn parse_name(name: &str) -> Option<ProbeKind> {
    let (every_cpu, rest) = if let Some(r) = name.strip_prefix("profile-") {
        (true, r)
    } else if let Some(r) = name.strip_prefix("tick-") {
        (false, r)
    } else {
        return None;
    };
    let split = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let (num, unit) = rest.split_at(split);
    let n: u64 = num.parse().ok()?;
    if n == 0 {
        return None;
    }
    let period_ns = match unit {
        "" | "hz" => 1_000_000_000u64.checked_div(n)?,
        "ns" | "nsec" => n,
        "us" | "usec" => n.checked_mul(1_000)?,
        "ms" | "msec" => n.checked_mul(1_000_000)?,
        "s" | "sec" => n.checked_mul(1_000_000_000)?,
        "m" | "min" => n.checked_mul(60_000_000_000)?,
        "h" | "hour" => n.checked_mul(3_600_000_000_000)?,
        "d" | "day" => n.checked_mul(86_400_000_000_000)?,
        _ => return None,
    };
    // DTrace refuses intervals below 200us for profile probes.
    if period_ns < 200_000 || period_ns == 0 {
        return None;
    }
    Some(ProbeKind::Profile {
        period_ns,
        every_cpu,
    })
}

/// A profile probe that a description names exactly but that is not listed yet.
pub fn on_demand(pat: &DescPattern) -> Option<(String, ProbeKind)> {
    if !(pat.provider.is_empty() || pat.provider == "profile")
        || !pat.module.is_empty()
        || !pat.function.is_empty()
    {
        return None;
    }
    if !super::glob::is_literal(&pat.name) {
        return None;
    }
    parse_name(&pat.name).map(|k| (pat.name.clone(), k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            parse_name("tick-10ms"),
            Some(ProbeKind::Profile {
                period_ns: 10_000_000,
                every_cpu: false
            })
        );
        assert_eq!(
            parse_name("profile-997"),
            Some(ProbeKind::Profile {
                period_ns: 1_003_009,
                every_cpu: true
            })
        );
        assert_eq!(
            parse_name("tick-1s"),
            Some(ProbeKind::Profile {
                period_ns: 1_000_000_000,
                every_cpu: false
            })
        );
        assert_eq!(
            parse_name("tick-1hz"),
            Some(ProbeKind::Profile {
                period_ns: 1_000_000_000,
                every_cpu: false
            })
        );
        assert_eq!(parse_name("tick-0"), None);
        assert_eq!(parse_name("tick-5parsecs"), None);
        assert_eq!(parse_name("profile-"), None);
    }
}
