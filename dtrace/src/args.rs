//! The command line of dtrace(8), parsed as Oracle's getopt string
//! `3:6:aAb:Bc:CD:ef:FGhHi:I:lL:m:n:o:p:P:qs:SU:vVwx:X:Z` does: grouped flags (`-qs f`),
//! attached arguments (`-xquiet`, `-n'BEGIN'`), options and operands in any order, and the
//! order of `-n`/`-P`/`-m`/`-f`/`-i`/`-s` and of option settings kept.

use std::ffi::OsString;

use libdtrace::ProbeSpecKind;

/// What dtrace is asked to do; only one of `-G`, `-h`, `-l`, `-V` may be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Enable the programs and consume their data (the default).
    Exec,
    /// `-l`: list the probes the programs match, or every probe.
    List,
    /// `-V`: print the D version.
    Version,
    /// `-G`: link an ELF object.
    Link,
    /// `-h`: generate a header.
    Header,
}

/// One program to compile, in command-line order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgSource {
    /// `-n`/`-P`/`-m`/`-f`/`-i` text.
    Text { text: String, kind: ProbeSpecKind },
    /// `-s file`.
    File(String),
}

/// An option setting, in command-line order, with the words dtrace uses when it fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    pub name: String,
    pub value: Option<String>,
    /// What follows `dtrace: failed to set ` in the error: `-x name`, `-b 4m`, `-q`, ...
    pub origin: String,
}

/// A process to control, in command-line order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProcSpec {
    /// `-c cmd`
    Create(String),
    /// `-p pid`, checked when the process is grabbed
    Grab(String),
}

/// The parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    /// `argv[0]` as given: `$0` of `-n` programs.
    pub argv0: String,
    pub mode: Mode,
    /// False with `-e`: compile, do not enable.
    pub exec: bool,
    pub verbose: u32,
    /// `-Z`, also implied by `-l`, `-G`, `-h`.
    pub zdefs: bool,
    /// `-B`
    pub buffered: bool,
    pub settings: Vec<Setting>,
    pub programs: Vec<ProgSource>,
    pub procs: Vec<ProcSpec>,
    /// `-o file`
    pub ofile: Option<String>,
    /// Operands: the macro arguments `$1`, `$2`, ...
    pub operands: Vec<String>,
}

/// Why the command line cannot be used; each is exit status 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgError {
    /// Print the message (if any) and the usage text.
    Usage(Option<String>),
    /// `dtrace: only one of the [-GhlV] options can be specified at a time`
    ManyModes,
}

fn lossy(s: OsString) -> String {
    s.to_string_lossy().into_owned()
}

/// The program name in messages, as dtrace.c's basename(argv[0]).
pub fn pname(argv0: &str) -> &str {
    let b = argv0.rsplit('/').next().unwrap_or(argv0);
    if b.is_empty() {
        "dtrace"
    } else {
        b
    }
}

/// Parse `argv` (including `argv[0]`).
pub fn parse(argv: Vec<OsString>) -> Result<Args, ArgError> {
    let argv0 = argv
        .first()
        .map(|a| a.to_string_lossy().into_owned())
        .unwrap_or_else(|| "dtrace".into());
    let pn = pname(&argv0).to_string();
    if argv.len() <= 1 {
        return Err(ArgError::Usage(None));
    }
    let mut a = Args {
        argv0,
        mode: Mode::Exec,
        exec: true,
        verbose: 0,
        zdefs: false,
        buffered: false,
        settings: Vec::new(),
        programs: Vec::new(),
        procs: Vec::new(),
        ofile: None,
        operands: Vec::new(),
    };
    let mut modes = 0;
    let mut p = lexopt::Parser::from_args(argv.into_iter().skip(1));
    // getopt does not strip '=' from `-x=y`; neither do we.
    p.set_short_equals(false);
    let set = |a: &mut Args, name: &str, value: Option<String>, origin: String| {
        a.settings.push(Setting {
            name: name.to_string(),
            value,
            origin,
        });
    };
    loop {
        let arg = match p.next() {
            Ok(Some(arg)) => arg,
            Ok(None) => break,
            Err(e) => return Err(ArgError::Usage(Some(format!("{}: {}", pn, e)))),
        };
        use lexopt::Arg::*;
        let c = match arg {
            Value(v) => {
                a.operands.push(lossy(v));
                continue;
            }
            Long(l) => {
                return Err(ArgError::Usage(Some(format!(
                    "{}: unrecognized option '--{}'",
                    pn, l
                ))));
            }
            Short(c) => c,
        };
        let needs_arg = "36bcDfiILmnopPsUxX".contains(c);
        let optarg = if needs_arg {
            match p.value() {
                Ok(v) => lossy(v),
                Err(_) => {
                    return Err(ArgError::Usage(Some(format!(
                        "{}: option requires an argument -- '{}'",
                        pn, c
                    ))));
                }
            }
        } else {
            String::new()
        };
        match c {
            '3' | '6' => {
                let want = if c == '3' { "2" } else { "4" };
                if optarg != want {
                    return Err(ArgError::Usage(Some(format!(
                        "{}: illegal option -- {}{}",
                        pn, c, optarg
                    ))));
                }
            }
            'a' | 'A' => {}
            // DTRACE_C_DIFV, which Oracle's `verbose` option also sets.
            'S' => set(&mut a, "verbose", None, "-S".into()),
            'b' => set(
                &mut a,
                "bufsize",
                Some(optarg.clone()),
                format!("-b {}", optarg),
            ),
            'B' => a.buffered = true,
            'c' => a.procs.push(ProcSpec::Create(optarg)),
            'C' => set(&mut a, "cpp", None, "-C".into()),
            'D' => set(
                &mut a,
                "define",
                Some(optarg.clone()),
                format!("-D {}", optarg),
            ),
            'e' => a.exec = false,
            'f' => a.programs.push(ProgSource::Text {
                text: optarg,
                kind: ProbeSpecKind::Function,
            }),
            'F' => set(&mut a, "flowindent", None, "-F".into()),
            'G' => {
                a.mode = Mode::Link;
                a.zdefs = true;
                a.exec = false;
                modes += 1;
            }
            'h' => {
                a.mode = Mode::Header;
                a.zdefs = true;
                a.exec = false;
                modes += 1;
            }
            'H' => set(&mut a, "cpphdrs", None, "-H".into()),
            'i' => a.programs.push(ProgSource::Text {
                text: optarg,
                kind: ProbeSpecKind::Id,
            }),
            'I' => set(
                &mut a,
                "incdir",
                Some(optarg.clone()),
                format!("-I {}", optarg),
            ),
            'l' => {
                a.mode = Mode::List;
                a.zdefs = true;
                modes += 1;
            }
            'L' => set(
                &mut a,
                "libdir",
                Some(optarg.clone()),
                format!("-L {}", optarg),
            ),
            'm' => a.programs.push(ProgSource::Text {
                text: optarg,
                kind: ProbeSpecKind::Module,
            }),
            'n' => a.programs.push(ProgSource::Text {
                text: optarg,
                kind: ProbeSpecKind::Name,
            }),
            'o' => a.ofile = Some(optarg),
            'p' => a.procs.push(ProcSpec::Grab(optarg)),
            'P' => a.programs.push(ProgSource::Text {
                text: optarg,
                kind: ProbeSpecKind::Provider,
            }),
            'q' => set(&mut a, "quiet", None, "-q".into()),
            's' => a.programs.push(ProgSource::File(optarg)),
            'U' => set(
                &mut a,
                "undef",
                Some(optarg.clone()),
                format!("-U {}", optarg),
            ),
            'v' => a.verbose += 1,
            'V' => {
                a.mode = Mode::Version;
                modes += 1;
            }
            'w' => set(&mut a, "destructive", None, "-w".into()),
            'x' => {
                let (name, value) = match optarg.split_once('=') {
                    Some((n, v)) => (n.to_string(), Some(v.to_string())),
                    None => (optarg.clone(), None),
                };
                let origin = format!("-x {}", name);
                set(&mut a, &name, value, origin);
            }
            'X' => set(
                &mut a,
                "stdc",
                Some(optarg.clone()),
                format!("-X {}", optarg),
            ),
            'Z' => a.zdefs = true,
            other => {
                return Err(ArgError::Usage(Some(format!(
                    "{}: invalid option -- '{}'",
                    pn, other
                ))));
            }
        }
    }
    if modes > 1 {
        return Err(ArgError::ManyModes);
    }
    Ok(a)
}

/// dtrace(8)'s usage text, as Oracle prints it to stderr.
pub fn usage(pname: &str) -> String {
    let pa = "[[ predicate ] action ]";
    let mut s = format!(
        "Usage: {pname} [-32|-64] [-CeFGhHlqSvVwZ] [-b bufsz] [-c cmd] [-D name[=def]]\n\t[-I path] [-L path] \
         [-o output] [-p pid] [-s script] [-U name]\n\t[-x opt[=val]] [-X a|c|s|t]\n\n\
         \t[-P provider {pa}]\n\
         \t[-m [ provider: ] module {pa}]\n\
         \t[-f [[ provider: ] module: ] func {pa}]\n\
         \t[-n [[[ provider: ] module: ] func: ] name {pa}]\n\
         \t[-i probe-id {pa}] [ args ... ]\n\n"
    );
    s.push_str("\tpredicate -> '/' D-expression '/'\n");
    s.push_str("\t   action -> '{' D-statements '}'\n");
    s.push_str(
        "\n\
         \t-32 generate 32-bit D programs and ELF files\n\
         \t-64 generate 64-bit D programs and ELF files\n\n\
         \t-b  set trace buffer size\n\
         \t-c  run specified command and exit upon its completion\n\
         \t-C  run cpp(1) preprocessor on script files\n\
         \t-D  define symbol when invoking preprocessor\n\
         \t-e  exit after compiling request but prior to enabling probes\n\
         \t-f  enable or list probes matching the specified function name\n\
         \t-F  coalesce trace output by function\n\
         \t-G  generate an ELF file containing embedded dtrace program\n\
         \t-h  generate a header file with definitions for static probes\n\
         \t-H  print included files when invoking preprocessor\n\
         \t-i  enable or list probes matching the specified probe id\n\
         \t-I  add include directory to preprocessor search path\n\
         \t-l  list probes matching specified criteria\n\
         \t-L  add library directory to library search path\n\
         \t-m  enable or list probes matching the specified module name\n\
         \t-n  enable or list probes matching the specified probe name\n\
         \t-o  set output file\n\
         \t-p  grab specified process-ID and cache its symbol tables\n\
         \t-P  enable or list probes matching the specified provider name\n\
         \t-q  set quiet mode (only output explicitly traced data)\n\
         \t-s  enable or list probes according to the specified D script\n\
         \t-S  print D compiler intermediate code\n\
         \t-U  undefine symbol when invoking preprocessor\n\
         \t-v  set verbose mode (report stability attributes, arguments)\n\
         \t-V  report DTrace API version\n\
         \t-w  permit destructive actions\n\
         \t-x  enable or modify compiler and tracing options\n\
         \t-X  specify ISO C conformance settings for preprocessor\n\
         \t-Z  permit probe descriptions that match zero probes\n",
    );
    s
}

/// The name text dtrace reports for a `-n`-style program: cut at the first `{`, `/` or `;`.
pub fn crop_name(text: &str) -> &str {
    match text.find(['{', '/', ';']) {
        Some(i) => &text[..i],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<Args, ArgError> {
        parse(
            std::iter::once("dtrace")
                .chain(args.iter().copied())
                .map(OsString::from)
                .collect(),
        )
    }

    fn text(t: &str, kind: ProbeSpecKind) -> ProgSource {
        ProgSource::Text {
            text: t.into(),
            kind,
        }
    }

    #[test]
    fn no_arguments_is_usage() {
        assert_eq!(p(&[]), Err(ArgError::Usage(None)));
    }

    #[test]
    fn programs_keep_their_order() {
        let a = p(&[
            "-n", "BEGIN", "-s", "x.d", "-P", "syscall", "-m", "vmlinux", "-f", "read", "-i", "3",
        ])
        .unwrap();
        assert_eq!(
            a.programs,
            vec![
                text("BEGIN", ProbeSpecKind::Name),
                ProgSource::File("x.d".into()),
                text("syscall", ProbeSpecKind::Provider),
                text("vmlinux", ProbeSpecKind::Module),
                text("read", ProbeSpecKind::Function),
                text("3", ProbeSpecKind::Id),
            ]
        );
        assert_eq!(a.mode, Mode::Exec);
        assert!(a.exec);
    }

    #[test]
    fn grouped_and_attached() {
        let a = p(&["-qs", "x.d"]).unwrap();
        assert_eq!(a.programs, vec![ProgSource::File("x.d".into())]);
        assert_eq!(a.settings[0].name, "quiet");
        let a = p(&["-qn", "BEGIN { exit(0); }"]).unwrap();
        assert_eq!(
            a.programs,
            vec![text("BEGIN { exit(0); }", ProbeSpecKind::Name)]
        );
        let a = p(&[
            "-nBEGIN",
            "-xquiet",
            "-xswitchrate=10hz",
            "-x",
            "strsize=8",
            "-Zw",
        ])
        .unwrap();
        assert_eq!(a.programs, vec![text("BEGIN", ProbeSpecKind::Name)]);
        let names: Vec<_> = a
            .settings
            .iter()
            .map(|s| (s.name.as_str(), s.value.as_deref(), s.origin.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("quiet", None, "-x quiet"),
                ("switchrate", Some("10hz"), "-x switchrate"),
                ("strsize", Some("8"), "-x strsize"),
                ("destructive", None, "-w"),
            ]
        );
        assert!(a.zdefs);
    }

    #[test]
    fn option_argument_may_look_like_an_option() {
        let a = p(&["-n", "-x"]).unwrap();
        assert_eq!(a.programs, vec![text("-x", ProbeSpecKind::Name)]);
    }

    #[test]
    fn operands_anywhere() {
        let a = p(&["-s", "x.d", "foo", "-q", "42"]).unwrap();
        assert_eq!(a.operands, vec!["foo", "42"]);
        assert_eq!(a.settings.len(), 1);
    }

    #[test]
    fn procs_and_output() {
        let a = p(&["-c", "ls -l", "-p", "123", "-o", "out.txt", "-b", "8m"]).unwrap();
        assert_eq!(
            a.procs,
            vec![
                ProcSpec::Create("ls -l".into()),
                ProcSpec::Grab("123".into())
            ]
        );
        assert_eq!(a.ofile.as_deref(), Some("out.txt"));
        assert_eq!(
            a.settings[0],
            Setting {
                name: "bufsize".into(),
                value: Some("8m".into()),
                origin: "-b 8m".into()
            }
        );
    }

    #[test]
    fn modes() {
        assert_eq!(p(&["-l"]).unwrap().mode, Mode::List);
        assert!(p(&["-l"]).unwrap().zdefs);
        assert_eq!(p(&["-V"]).unwrap().mode, Mode::Version);
        assert_eq!(p(&["-l", "-V"]), Err(ArgError::ManyModes));
        assert_eq!(p(&["-lV"]), Err(ArgError::ManyModes));
        assert!(!p(&["-e", "-n", "BEGIN"]).unwrap().exec);
        assert_eq!(p(&["-64", "-l"]).unwrap().mode, Mode::List);
    }

    #[test]
    fn bad_flags_are_usage_errors() {
        assert_eq!(
            p(&["-k"]),
            Err(ArgError::Usage(Some(
                "dtrace: invalid option -- 'k'".into()
            )))
        );
        assert_eq!(
            p(&["-n"]),
            Err(ArgError::Usage(Some(
                "dtrace: option requires an argument -- 'n'".into()
            )))
        );
        assert_eq!(
            p(&["-33"]),
            Err(ArgError::Usage(Some("dtrace: illegal option -- 33".into())))
        );
        assert!(matches!(p(&["--wombat"]), Err(ArgError::Usage(Some(_)))));
    }

    #[test]
    fn crop_like_dtrace() {
        assert_eq!(
            crop_name("syscall::read:entry { trace(1); }"),
            "syscall::read:entry "
        );
        assert_eq!(crop_name("BEGIN/1/{}"), "BEGIN");
        assert_eq!(crop_name("BEGIN;END"), "BEGIN");
        assert_eq!(crop_name("BEGIN"), "BEGIN");
    }

    #[test]
    fn usage_text() {
        let u = usage("dtrace");
        assert!(u.starts_with("Usage: dtrace [-32|-64] [-CeFGhHlqSvVwZ] [-b bufsz] [-c cmd] [-D name[=def]]\n\t[-I path]"));
        assert!(
            u.contains("\t[-n [[[ provider: ] module: ] func: ] name [[ predicate ] action ]]\n")
        );
        assert!(u.ends_with("\t-Z  permit probe descriptions that match zero probes\n"));
        assert_eq!(pname("/usr/sbin/dtrace"), "dtrace");
    }
}
