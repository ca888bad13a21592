//! Options: `-x name[=value]`, `#pragma D option name[=value]`, with DTrace's names, value
//! syntax (sizes with k/m/g/t, times with ns/us/ms/s/hz) and defaults.

use crate::error::OptError;

/// The options this tracer honours, with DTrace's (Oracle Linux) defaults. Options DTrace
/// accepts but that have no meaning here are accepted and kept in `other`.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub quiet: bool,
    pub flowindent: bool,
    pub destructive: bool,
    pub errtags: bool,
    pub zdefs: bool,
    pub defaultargs: bool,
    pub rawbytes: bool,
    pub aggsortkey: bool,
    pub aggsortrev: bool,
    pub aggsortpos: u64,
    pub aggsortkeypos: u64,
    /// Bytes of a string slot.
    pub strsize: u64,
    /// Bytes of the principal buffer (per CPU in DTrace; the size of the shared ring here is
    /// this times the number of CPUs).
    pub bufsize: u64,
    pub aggsize: u64,
    pub dynvarsize: u64,
    /// Nanoseconds between buffer reads.
    pub switchrate: u64,
    /// Nanoseconds between aggregation snapshots.
    pub aggrate: u64,
    pub statusrate: u64,
    pub stackframes: u64,
    /// Spaces before each frame of a printed stack.
    pub stackindent: u64,
    pub ustackframes: u64,
    pub nspec: u64,
    pub specsize: u64,
    /// Accepted options without an effect here, as given.
    pub other: Vec<(String, Option<String>)>,
    /// Where records go: ours, not DTrace's (`-x recbuf=auto|ring|perf`).
    pub recbuf: RecBufOpt,
    /// `-x amin`: the minimum stability attributes a program may use (D_ATTR_MIN).
    pub amin: Option<crate::check::attrs::Attr>,
    /// `-x version`: the D API version programs are bound to.
    pub version: crate::check::attrs::Version,
    /// `-x aggzoom`: histogram bars scaled so the highest is ~95% of the width.
    pub aggzoom: bool,
    /// `-x aggpack`: quantize() and lquantize() printed one line per key.
    pub aggpack: bool,
    /// `-x agghist`: count() and sum() printed as one histogram over their keys.
    pub agghist: bool,
    /// `-x encoding=ascii|utf8`: the characters histograms are drawn with.
    pub encoding: Encoding,
    /// `-S` or `-x verbose` (DTRACE_C_DIFV): write the disassembly of the programs to stderr
    /// before tracing (session_dis.rs; `-x disasm` selects the listings).
    pub difv: bool,
}

/// The `encoding` option (illumos `dt_opt_encoding`). Unset, histogram bars are `@` and
/// packed aggregations use UTF-8 unless the terminal is known not to show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    #[default]
    Unset,
    Ascii,
    Utf8,
}

/// The `recbuf` option: `ring` is the BPF ring buffer shared by all CPUs; `perf` the per-CPU
/// perf ring buffers (written in place on a kernel with the DTrace program type patches,
/// through per-CPU scratch and `bpf_perf_event_output` otherwise); `auto` (the default) is
/// `perf` when the patched kernel's DTrace program type is there and `ring` otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RecBufOpt {
    #[default]
    Auto,
    Ring,
    Perf,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            quiet: false,
            flowindent: false,
            destructive: false,
            errtags: false,
            zdefs: false,
            defaultargs: false,
            rawbytes: false,
            aggsortkey: false,
            aggsortrev: false,
            aggsortpos: 0,
            aggsortkeypos: 0,
            strsize: 256,
            bufsize: 4 << 20,
            aggsize: 4 << 20,
            dynvarsize: 1 << 20,
            // Oracle's default switchrate and aggrate are 0 ("every pass"); a pass waits at most
            // this long for data, so a quiet system costs no CPU.
            switchrate: 1_000_000_000 / 4,
            aggrate: 1_000_000_000,
            statusrate: 1_000_000_000,
            stackframes: 20,
            stackindent: 14,
            ustackframes: 20,
            nspec: 1,
            specsize: 32 << 10,
            other: Vec::new(),
            recbuf: RecBufOpt::Auto,
            amin: None,
            version: crate::check::attrs::LATEST,
            aggzoom: false,
            aggpack: false,
            agghist: false,
            encoding: Encoding::Unset,
            difv: false,
        }
    }
}

/// Options DTrace accepts that we take without effect (yet).
const ACCEPTED: &[&str] = &[
    "aggpercpu",
    "argref",
    "bpflog",
    "bpflogsize",
    "bufpolicy",
    "bufresize",
    "cleanrate",
    "core",
    "cpp",
    "cppargs",
    "cpphdrs",
    "cpppath",
    "cpu",
    "ctfpath",
    "ctypes",
    "debug",
    "define",
    "disasm",
    "droptags",
    "dtypes",
    "empty",
    "evaltime",
    "grabanon",
    "incdir",
    "iregs",
    "jstackframes",
    "jstackstrsize",
    "kdefs",
    "knodefs",
    "late",
    "lazyload",
    "ldpath",
    "libdir",
    "linkmode",
    "linktype",
    "lockmem",
    "maxframes",
    "modpath",
    "nolibs",
    "noresolve",
    "pcapsize",
    "pgmax",
    "preallocate",
    "printsize",
    "procfspath",
    "pspec",
    "setenv",
    "unsetenv",
    "quietresize",
    "scratchsize",
   
    "stdc",
    "strip",
    "syslibdir",
    "tree",
    "tregs",
    "udefs",
    "undef",
    "unodefs",
    "useruid",
    "verbose",
    "temporal",
];

/// The value of a dynamic run-time switch (illumos `dt_opt_runtime`): no value, a number
/// (any non-negative one) or yes/enable/enabled/true/on/set turn it on; no/disable/disabled/
/// false/off/unset or an empty value turn it off.
fn parse_switch(v: Option<&str>) -> Result<bool, OptError> {
    let Some(v) = v else { return Ok(true) };
    if v.is_empty() {
        return Ok(false);
    }
    const COUPLES: [(&str, &str); 6] = [
        ("yes", "no"),
        ("enable", "disable"),
        ("enabled", "disabled"),
        ("true", "false"),
        ("on", "off"),
        ("set", "unset"),
    ];
    for (on, off) in COUPLES {
        if v.eq_ignore_ascii_case(on) {
            return Ok(true);
        }
        if v.eq_ignore_ascii_case(off) {
            return Ok(false);
        }
    }
    // strtoull with base 0: decimal, 0x hex or 0 octal; a sign makes it invalid here.
    let ok = if let Some(h) = v.strip_prefix("0x").or_else(|| v.strip_prefix("0X")) {
        u64::from_str_radix(h, 16).is_ok()
    } else if v.len() > 1 && v.starts_with('0') {
        u64::from_str_radix(&v[1..], 8).is_ok()
    } else {
        v.parse::<u64>().is_ok()
    };
    if ok {
        Ok(true)
    } else {
        Err(OptError::BadValue)
    }
}

/// Parse a size: a number with an optional k/m/g/t suffix (either case).
pub fn parse_size(s: &str) -> Result<u64, OptError> {
    let s = s.trim();
    let (num, mul) = match s.chars().last() {
        Some('k' | 'K') => (&s[..s.len() - 1], 1u64 << 10),
        Some('m' | 'M') => (&s[..s.len() - 1], 1u64 << 20),
        Some('g' | 'G') => (&s[..s.len() - 1], 1u64 << 30),
        Some('t' | 'T') => (&s[..s.len() - 1], 1u64 << 40),
        _ => (s, 1),
    };
    let n = parse_uint(num)?;
    n.checked_mul(mul).ok_or(OptError::BadValue)
}

/// Parse a time: a number with a unit (ns, nsec, us, usec, ms, msec, s, sec, m, min, h, hour,
/// d, day, hz). A bare number is a rate in hertz, as DTrace takes it.
pub fn parse_time(s: &str) -> Result<u64, OptError> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n = parse_uint(num)?;
    let ns_per: Option<u64> = match unit {
        "ns" | "nsec" => Some(1),
        "us" | "usec" => Some(1_000),
        "ms" | "msec" => Some(1_000_000),
        "s" | "sec" => Some(1_000_000_000),
        "m" | "min" => Some(60 * 1_000_000_000),
        "h" | "hour" => Some(3600 * 1_000_000_000),
        "d" | "day" => Some(86400 * 1_000_000_000),
        "" | "hz" => None,
        _ => return Err(OptError::BadValue),
    };
    match ns_per {
        Some(m) => n.checked_mul(m).ok_or(OptError::BadValue),
        None => {
            if n == 0 {
                Ok(0)
            } else {
                Ok(1_000_000_000 / n)
            }
        }
    }
}

fn parse_uint(s: &str) -> Result<u64, OptError> {
    if s.is_empty() {
        return Err(OptError::BadValue);
    }
    let r = if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        u64::from_str_radix(h, 16)
    } else {
        s.parse::<u64>()
    };
    r.map_err(|_| OptError::BadValue)
}

impl Options {
    /// The value of a size option kept without a field of its own (`printsize`,
    /// `scratchsize`): the last setting, `None` when unset or not a size.
    pub fn size_option(&self, name: &str) -> Option<u64> {
        self.other
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| parse_size(v.as_deref()?).ok())
    }

    /// The value of an integer option kept without a field of its own (`cpu`): the last
    /// setting, `None` when unset or not an integer.
    pub fn int_option(&self, name: &str) -> Option<u64> {
        self.other
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| parse_uint(v.as_deref()?).ok())
    }

    /// Frames of `jstack()` without an argument: `jstackframes`, DTrace's default 50.
    pub fn jstackframes(&self) -> u64 {
        self.int_option("jstackframes").filter(|&n| n > 0).unwrap_or(50)
    }

    /// `-x setenv=NAME=VALUE` and `-x unsetenv=NAME` in the order given: the changes to the
    /// environment of a `-c` command (`(NAME, None)` removes NAME).
    pub fn env_changes(&self) -> Vec<(String, Option<String>)> {
        self.other
            .iter()
            .filter_map(|(n, v)| match (n.as_str(), v.as_deref()) {
                ("setenv", Some(v)) => Some(match v.split_once('=') {
                    Some((name, value)) => (name.to_string(), Some(value.to_string())),
                    None => (v.to_string(), Some(String::new())),
                }),
                ("unsetenv", Some(v)) => Some((v.to_string(), None)),
                _ => None,
            })
            .collect()
    }

    /// Whether the flag option `name`, kept without a field of its own (`empty`, `argref`,
    /// `nolibs`), is set.
    pub fn is_set(&self, name: &str) -> bool {
        self.other.iter().any(|(n, _)| n == name)
    }

    /// Bytes of a string slot: `strsize` characters and the terminating NUL.
    pub fn string_slot(&self) -> u32 {
        (self.strsize.min(1 << 20) + 1) as u32
    }

    /// Set an option by name. Boolean options take no value ("cannot be unset").
    pub fn set(&mut self, name: &str, value: Option<&str>) -> Result<(), OptError> {
        let flag = |v: Option<&str>| -> Result<bool, OptError> {
            match v {
                None => Ok(true),
                Some(_) => Err(OptError::BadValue),
            }
        };
        match name {
            "quiet" => self.quiet = flag(value)?,
            "flowindent" => self.flowindent = flag(value)?,
            "destructive" => self.destructive = flag(value)?,
            "errtags" => self.errtags = flag(value)?,
            "zdefs" => self.zdefs = flag(value)?,
            "defaultargs" => self.defaultargs = flag(value)?,
            "rawbytes" => self.rawbytes = flag(value)?,
            "aggsortkey" => self.aggsortkey = flag(value)?,
            "aggsortrev" => self.aggsortrev = flag(value)?,
            "aggsortpos" => self.aggsortpos = parse_uint(value.ok_or(OptError::BadValue)?)?,
            "aggsortkeypos" => self.aggsortkeypos = parse_uint(value.ok_or(OptError::BadValue)?)?,
            "strsize" => {
                let v = parse_size(value.ok_or(OptError::BadValue)?)?;
                if v == 0 {
                    return Err(OptError::BadValue);
                }
                self.strsize = v;
            }
            "bufsize" => self.bufsize = parse_size(value.ok_or(OptError::BadValue)?)?,
            "aggsize" => self.aggsize = parse_size(value.ok_or(OptError::BadValue)?)?,
            "dynvarsize" => self.dynvarsize = parse_size(value.ok_or(OptError::BadValue)?)?,
            "specsize" => self.specsize = parse_size(value.ok_or(OptError::BadValue)?)?,
            "nspec" => self.nspec = parse_uint(value.ok_or(OptError::BadValue)?)?,
            "stackindent" => self.stackindent = parse_uint(value.ok_or(OptError::BadValue)?)?,
            "stackframes" => self.stackframes = parse_uint(value.ok_or(OptError::BadValue)?)?,
            "ustackframes" => self.ustackframes = parse_uint(value.ok_or(OptError::BadValue)?)?,
            "switchrate" => self.switchrate = parse_time(value.ok_or(OptError::BadValue)?)?,
            "aggrate" => self.aggrate = parse_time(value.ok_or(OptError::BadValue)?)?,
            "statusrate" => self.statusrate = parse_time(value.ok_or(OptError::BadValue)?)?,
            "recbuf" => {
                self.recbuf = match value {
                    Some("auto") => RecBufOpt::Auto,
                    Some("ring") => RecBufOpt::Ring,
                    Some("perf") => RecBufOpt::Perf,
                    _ => return Err(OptError::BadValue),
                }
            }
            "amin" => {
                self.amin = Some(
                    value
                        .and_then(crate::check::attrs::Attr::parse)
                        .ok_or(OptError::BadValue)?,
                )
            }
            "version" => {
                let v = crate::check::attrs::Version::parse(value.ok_or(OptError::BadValue)?)
                    .ok_or(OptError::VersionInvalid)?;
                if !v.defined() {
                    return Err(OptError::VersionUnsupported);
                }
                if v > self.version {
                    return Err(OptError::VersionReduced);
                }
                self.version = v;
            }
            "aggzoom" => self.aggzoom = parse_switch(value)?,
            "aggpack" => self.aggpack = parse_switch(value)?,
            "agghist" => self.agghist = parse_switch(value)?,
            "verbose" => self.difv = flag(value)?,
            "encoding" => {
                self.encoding = match value {
                    Some("ascii") => Encoding::Ascii,
                    Some("utf8") => Encoding::Utf8,
                    _ => return Err(OptError::BadValue),
                }
            }
            "bufpolicy" => {
                let v = value.ok_or(OptError::BadValue)?;
                if crate::consume::policy::Kind::parse(v).is_none() {
                    return Err(OptError::BadValue);
                }
                self.other.push((name.to_string(), Some(v.to_string())))
            }
            n if ACCEPTED.contains(&n) => {
                self.other.push((n.to_string(), value.map(str::to_string)))
            }
            _ => return Err(OptError::BadName),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_times() {
        assert_eq!(parse_size("4m"), Ok(4 << 20));
        assert_eq!(parse_size("512"), Ok(512));
        assert_eq!(parse_size("2k"), Ok(2048));
        assert_eq!(parse_size("x"), Err(OptError::BadValue));
        assert_eq!(parse_time("10ms"), Ok(10_000_000));
        assert_eq!(parse_time("97hz"), Ok(1_000_000_000 / 97));
        assert_eq!(parse_time("4"), Ok(250_000_000));
        assert_eq!(parse_time("1s"), Ok(1_000_000_000));
        assert_eq!(parse_time("5parsecs"), Err(OptError::BadValue));
    }

    #[test]
    fn names_and_values() {
        let mut o = Options::default();
        assert_eq!(o.set("wombats", None), Err(OptError::BadName));
        assert_eq!(o.set("quiet", None), Ok(()));
        assert!(o.quiet);
        assert_eq!(o.set("bufsize", Some("what")), Err(OptError::BadValue));
        assert_eq!(o.set("strsize", Some("32")), Ok(()));
        assert_eq!(o.strsize, 32);
        assert_eq!(o.recbuf, RecBufOpt::Auto);
        assert_eq!(o.set("recbuf", Some("perf")), Ok(()));
        assert_eq!(o.recbuf, RecBufOpt::Perf);
        assert_eq!(o.set("recbuf", Some("pipe")), Err(OptError::BadValue));
        assert_eq!(o.set("recbuf", None), Err(OptError::BadValue));
    }

    #[test]
    fn display_options() {
        let mut o = Options::default();
        assert!(!o.aggzoom && !o.aggpack && !o.agghist);
        assert_eq!(o.encoding, Encoding::Unset);
        assert_eq!(o.set("aggzoom", None), Ok(()));
        assert!(o.aggzoom);
        assert_eq!(o.set("aggzoom", Some("off")), Ok(()));
        assert!(!o.aggzoom);
        assert_eq!(o.set("aggpack", Some("Yes")), Ok(()));
        assert!(o.aggpack);
        assert_eq!(o.set("aggpack", Some("")), Ok(()));
        assert!(!o.aggpack);
        assert_eq!(o.set("agghist", Some("0")), Ok(()));
        assert!(o.agghist);
        assert_eq!(o.set("agghist", Some("-1")), Err(OptError::BadValue));
        assert_eq!(o.set("agghist", Some("maybe")), Err(OptError::BadValue));
        assert_eq!(o.set("encoding", Some("utf8")), Ok(()));
        assert_eq!(o.encoding, Encoding::Utf8);
        assert_eq!(o.set("encoding", Some("ascii")), Ok(()));
        assert_eq!(o.encoding, Encoding::Ascii);
        assert_eq!(o.set("encoding", Some("latin1")), Err(OptError::BadValue));
        assert_eq!(o.set("encoding", None), Err(OptError::BadValue));
    }
}
