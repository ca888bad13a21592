//! Finding the tests in test-suite/ and reading their tags.
//!
//! Conventions (DTrace's, as Oracle's runtest.sh reads them):
//! - `tst.NAME.d`: a script that must exit 0 (or the `@@status`); if `tst.NAME.r` exists, its
//!   stdout, followed by `-- @@stderr --` and its stderr when stderr is not empty, must equal
//!   the `.r` file byte for byte.
//! - `err.D_TAG.NAME.d`: must fail to compile: exit status 1 and `[D_TAG]` on stderr (it is run
//!   with `-x errtags`). `err.NAME.d` without a tag must just exit non-zero. A `.r` beside it
//!   is compared as above.
//! - `tst.NAME.sh`: a shell test run with bash, `$dtrace` naming the binary under test.
//! - Tags in comments: `@@runtest-opts: -q -x switchrate=10hz`, `@@trigger: NAME [ARGS]`
//!   (test-suite/triggers/NAME.c, built with cc, run with `-c`; `$trigger` in shell tests),
//!   `@@timeout: SECONDS`, `@@status: N` (the exit status expected), `@@nokernel` (a shell
//!   test that needs no privileges), `@@needs: PROBE-DESCRIPTION` (repeatable: a probe this
//!   kernel may lack, such as sched:::on-cpu before Linux 6.16; the test is reported as
//!   ignored where `dtrace -l -n` matches nothing).

use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// `tst.*.d`
    Tst,
    /// `err.*.d`, with the tag when the name carries one
    Err { tag: Option<String> },
    /// `tst.*.sh`
    Sh,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tags {
    pub opts: Vec<String>,
    pub trigger: Option<Vec<String>>,
    pub timeout: Option<u64>,
    pub status: Option<i32>,
    pub nokernel: bool,
    pub needs: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Spec {
    /// Relative to the repository root, as dtrace is given it (its name appears in notices).
    pub path: PathBuf,
    /// The test's name: its path under test-suite/.
    pub name: String,
    pub kind: Kind,
    pub tags: Tags,
    /// The `.r` file, when there is one.
    pub expected: Option<PathBuf>,
}

impl Spec {
    /// The test's time limit, times DTRACE_SUITE_TIMEOUT_SCALE when set (the VM lane's
    /// guest runs the suite under TCG, several times slower than the host).
    pub fn timeout(&self) -> Duration {
        let scale = std::env::var("DTRACE_SUITE_TIMEOUT_SCALE")
            .ok()
            .and_then(|v| v.parse::<u32>().ok())
            .filter(|&n| n > 0)
            .unwrap_or(1);
        Duration::from_secs(self.tags.timeout.unwrap_or(20)) * scale
    }
    /// Whether the test needs root and the kernel (every D script does).
    pub fn needs_kernel(&self) -> bool {
        !(self.kind == Kind::Sh && self.tags.nokernel)
    }
    /// The exit status the test must end with.
    pub fn expected_status(&self) -> Option<i32> {
        match (&self.kind, self.tags.status) {
            (_, Some(s)) => Some(s),
            (Kind::Err { tag: Some(_) }, None) => Some(1),
            (Kind::Err { tag: None }, None) => None,
            _ => Some(0),
        }
    }
}

/// Split a tag's value into words: whitespace separates, single and double quotes group.
pub fn shell_words(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in s.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => cur.push(c),
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                in_word = true;
            }
            None if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            None => {
                cur.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    words
}

/// Read the `@@` tags of a test's text. A tag's value runs to the end of its line or to `*/`.
pub fn parse_tags(text: &str) -> Result<Tags, String> {
    let mut t = Tags::default();
    for line in text.lines() {
        let Some(i) = line.find("@@") else { continue };
        let rest = &line[i + 2..];
        let rest = rest.split("*/").next().unwrap_or(rest);
        let (key, value) = match rest.split_once(':') {
            Some((k, v)) => (k.trim(), v.trim()),
            None => (rest.trim(), ""),
        };
        match key {
            "runtest-opts" => t.opts.extend(shell_words(value)),
            "trigger" => {
                let w = shell_words(value);
                if w.is_empty() {
                    return Err("@@trigger needs a name".into());
                }
                t.trigger = Some(w);
            }
            "timeout" => {
                t.timeout = Some(
                    value
                        .parse()
                        .map_err(|_| format!("bad @@timeout: {}", value))?,
                )
            }
            "status" => {
                t.status = Some(
                    value
                        .parse()
                        .map_err(|_| format!("bad @@status: {}", value))?,
                )
            }
            "nokernel" => t.nokernel = true,
            "needs" => {
                if value.is_empty() {
                    return Err("@@needs needs a probe description".into());
                }
                t.needs.push(value.to_string());
            }
            // Oracle's other tags (@@nosort, @@xfail, ...) are not ours to act on.
            _ => {}
        }
    }
    Ok(t)
}

/// The kind of a test file from its name, or None when the file is not a test.
pub fn kind_of(file: &str) -> Option<Kind> {
    if file.starts_with("tst.") && file.ends_with(".d") {
        Some(Kind::Tst)
    } else if file.starts_with("tst.") && file.ends_with(".sh") {
        Some(Kind::Sh)
    } else if let Some(rest) = file.strip_prefix("err.").and_then(|r| r.strip_suffix(".d")) {
        let tag = rest.split('.').next().filter(|t| t.starts_with("D_"));
        Some(Kind::Err {
            tag: tag.map(str::to_string),
        })
    } else {
        None
    }
}

/// Every test under `root/test-suite`, sorted by name.
pub fn discover(root: &Path) -> Result<Vec<Spec>, String> {
    let base = root.join("test-suite");
    let mut specs = Vec::new();
    let mut dirs = vec![base.clone()];
    while let Some(dir) = dirs.pop() {
        let rd = std::fs::read_dir(&dir).map_err(|e| format!("{}: {}", dir.display(), e))?;
        for ent in rd {
            let ent = ent.map_err(|e| e.to_string())?;
            let path = ent.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "triggers") {
                    dirs.push(path);
                }
                continue;
            }
            let Some(file) = path.file_name().and_then(|f| f.to_str()) else {
                continue;
            };
            let Some(kind) = kind_of(file) else { continue };
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {}", path.display(), e))?;
            let tags = parse_tags(&text).map_err(|e| format!("{}: {}", path.display(), e))?;
            let stem = file.rsplit_once('.').map(|(s, _)| s).unwrap_or(file);
            let r = path.with_file_name(format!("{}.r", stem));
            let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            let name = path
                .strip_prefix(&base)
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            specs.push(Spec {
                path: rel,
                name,
                kind,
                tags,
                expected: r.exists().then_some(r),
            });
        }
    }
    specs.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(specs)
}

/// Self-tests of this module, run as trials of the suite.
pub fn self_test() -> Result<(), String> {
    let t = parse_tags("/* @@runtest-opts: -q -x switchrate=10hz */\n/* @@trigger: getppid-loop 1000 */\n/* @@timeout: 5 */\n")?;
    check(t.opts == ["-q", "-x", "switchrate=10hz"], "runtest-opts")?;
    check(
        t.trigger == Some(vec!["getppid-loop".into(), "1000".into()]),
        "trigger",
    )?;
    check(t.timeout == Some(5), "timeout")?;
    let t = parse_tags("# @@nokernel\n# @@status: 2\n")?;
    check(t.nokernel && t.status == Some(2), "shell tags")?;
    let t = parse_tags("/* @@needs: sched:::on-cpu */\n/* @@needs: sched:::remain-cpu */\n")?;
    check(t.needs == ["sched:::on-cpu", "sched:::remain-cpu"], "needs")?;
    check(parse_tags("/* @@needs: */").is_err(), "empty needs refused")?;
    check(
        parse_tags("/* @@timeout: soon */").is_err(),
        "bad timeout refused",
    )?;
    check(
        shell_words(r#"-n 'BEGIN { exit(0); }' -x "a b""#)
            == ["-n", "BEGIN { exit(0); }", "-x", "a b"],
        "quotes",
    )?;
    check(kind_of("tst.begin.d") == Some(Kind::Tst), "tst")?;
    check(kind_of("tst.usage.sh") == Some(Kind::Sh), "sh")?;
    check(
        kind_of("err.D_SYNTAX.brace.d")
            == Some(Kind::Err {
                tag: Some("D_SYNTAX".into()),
            }),
        "err tag",
    )?;
    check(
        kind_of("err.divzero.d") == Some(Kind::Err { tag: None }),
        "err without tag",
    )?;
    check(
        kind_of("err.D_PDESC_ZERO.d")
            == Some(Kind::Err {
                tag: Some("D_PDESC_ZERO".into()),
            }),
        "tag only",
    )?;
    check(
        kind_of("tst.begin.r").is_none() && kind_of("README").is_none(),
        "not tests",
    )?;
    Ok(())
}

fn check(ok: bool, what: &str) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(format!("self-test failed: {}", what))
    }
}
