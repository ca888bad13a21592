//! dtrace(8)'s per-firing callbacks (`chew` and `chewrec`): the column header, the
//! `CPU ID FUNCTION:NAME` prefix of each firing, the newline that ends it, and `exit()`'s status.

use std::io::Write;

use libdtrace::{Consume, ConsumeHandler, ProbeData, RecordData};

use crate::signals;

/// Where a firing sits in the call flow, for `-F` (dt_flowindent's rule: a probe named `entry`
/// or `*-entry` indents, `return` or `*-return` unindents).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    None,
    Entry,
    Return,
}

fn flow_of(name: &str) -> Flow {
    let ends = |suffix: &str| name == suffix || name.ends_with(&format!("-{}", suffix));
    if ends("entry") {
        Flow::Entry
    } else if ends("return") {
        Flow::Return
    } else {
        Flow::None
    }
}

/// The consume callbacks and the state dtrace(8) keeps across them.
#[derive(Debug, Default)]
pub struct Chew {
    pub quiet: bool,
    pub flowindent: bool,
    /// `_DTRACE_TESTING` in the environment: no CPU and ID columns.
    pub testing: bool,
    /// The status `exit()` asked for.
    pub status: i32,
    heading: bool,
    indent: usize,
}

impl Chew {
    pub fn new(quiet: bool, flowindent: bool, testing: bool) -> Chew {
        Chew {
            quiet,
            flowindent,
            testing,
            ..Chew::default()
        }
    }

    fn heading(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        if self.heading {
            return Ok(());
        }
        self.heading = true;
        if !self.flowindent {
            if !self.quiet {
                if self.testing {
                    writeln!(out, "{:>32}", "FUNCTION:NAME")?;
                } else {
                    writeln!(out, "{:>3} {:>6} {:>32}", "CPU", "ID", "FUNCTION:NAME")?;
                }
            }
        } else if self.testing {
            writeln!(out, "{:<41}", "FUNCTION")?;
        } else {
            writeln!(out, "{:>3} {:<41}", "CPU", "FUNCTION")?;
        }
        Ok(())
    }

    fn prefix(&mut self, out: &mut dyn Write, data: &ProbeData) -> std::io::Result<()> {
        let pd = data.probe;
        if !self.flowindent {
            if self.quiet {
                return Ok(());
            }
            let name = format!("{}:{}", pd.function, pd.name);
            if self.testing {
                write!(out, "{:>32} ", name)
            } else {
                write!(out, "{:>3} {:>6} {:>32} ", data.cpu, pd.id, name)
            }
        } else {
            let flow = flow_of(&pd.name);
            let syscall = pd.provider == "syscall";
            if flow == Flow::Return {
                self.indent = self.indent.saturating_sub(2);
            }
            let name = match flow {
                Flow::None => format!("{:w$}| {}:{}", "", pd.function, pd.name, w = self.indent),
                Flow::Entry => format!(
                    "{:w$}{}{}",
                    "",
                    if syscall { " => " } else { " -> " },
                    pd.function,
                    w = self.indent
                ),
                Flow::Return => format!(
                    "{:w$}{}{}",
                    "",
                    if syscall { " <= " } else { " <- " },
                    pd.function,
                    w = self.indent
                ),
            };
            if flow == Flow::Entry {
                self.indent += 2;
            }
            if self.testing {
                write!(out, "{:<41} ", name)
            } else {
                write!(out, "{:>3} {:<41} ", data.cpu, name)
            }
        }
    }
}

impl ConsumeHandler for Chew {
    fn probe(&mut self, out: &mut dyn Write, data: &ProbeData) -> Consume {
        if signals::impatient() {
            signals::clear_newline();
            return Consume::Abort;
        }
        // A failed write is noticed when the output is flushed after this pass.
        let _ = self.heading(out);
        let _ = self.prefix(out, data);
        Consume::This
    }

    fn record(
        &mut self,
        out: &mut dyn Write,
        _data: &ProbeData,
        rec: Option<&RecordData>,
    ) -> Consume {
        match rec {
            None => {
                if !self.quiet {
                    let _ = out.write_all(b"\n");
                }
                Consume::Next
            }
            Some(RecordData::Exit(status)) => {
                self.status = *status;
                Consume::Next
            }
            Some(_) => Consume::This,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use libdtrace::ProbeDesc;

    fn probe(id: u32, prov: &str, func: &str, name: &str) -> ProbeDesc {
        ProbeDesc {
            id,
            provider: prov.into(),
            module: String::new(),
            function: func.into(),
            name: name.into(),
        }
    }

    fn fire(
        c: &mut Chew,
        out: &mut Vec<u8>,
        cpu: u32,
        pd: &ProbeDesc,
        recs: &[RecordData],
    ) -> Vec<Consume> {
        let data = ProbeData {
            cpu,
            epid: 1,
            probe: pd,
        };
        let mut r = vec![c.probe(out, &data)];
        for rec in recs {
            r.push(c.record(out, &data, Some(rec)));
        }
        r.push(c.record(out, &data, None));
        r
    }

    #[test]
    fn default_format_header_once_and_prefix() {
        let mut c = Chew::new(false, false, false);
        let mut out = Vec::new();
        let begin = probe(1, "dtrace", "", "BEGIN");
        fire(&mut c, &mut out, 0, &begin, &[]);
        fire(
            &mut c,
            &mut out,
            1,
            &probe(4711, "syscall", "read", "entry"),
            &[],
        );
        let s = String::from_utf8(out).unwrap();
        assert_eq!(
            s,
            "CPU     ID                    FUNCTION:NAME\n  0      1                           :BEGIN \n  1   4711                       read:entry \n"
        );
    }

    #[test]
    fn quiet_prints_nothing_of_its_own() {
        let mut c = Chew::new(true, false, false);
        let mut out = Vec::new();
        let r = fire(
            &mut c,
            &mut out,
            0,
            &probe(1, "dtrace", "", "BEGIN"),
            &[RecordData::Printf],
        );
        assert!(out.is_empty());
        assert_eq!(r, vec![Consume::This, Consume::This, Consume::Next]);
    }

    #[test]
    fn testing_mode_drops_cpu_and_id() {
        let mut c = Chew::new(false, false, true);
        let mut out = Vec::new();
        fire(
            &mut c,
            &mut out,
            0,
            &probe(9, "profile", "", "tick-1005ms"),
            &[],
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "                   FUNCTION:NAME\n                    :tick-1005ms \n"
        );
    }

    #[test]
    fn exit_sets_status_and_is_not_printed() {
        let mut c = Chew::new(false, false, false);
        let mut out = Vec::new();
        let r = fire(
            &mut c,
            &mut out,
            0,
            &probe(1, "dtrace", "", "BEGIN"),
            &[RecordData::Exit(3)],
        );
        assert_eq!(c.status, 3);
        assert_eq!(r[1], Consume::Next);
    }

    #[test]
    fn flowindent() {
        let mut c = Chew::new(false, true, false);
        let mut out = Vec::new();
        fire(
            &mut c,
            &mut out,
            0,
            &probe(5, "syscall", "read", "entry"),
            &[],
        );
        fire(
            &mut c,
            &mut out,
            0,
            &probe(6, "syscall", "read", "return"),
            &[],
        );
        let s = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[0], format!("CPU {:<41}", "FUNCTION"));
        assert_eq!(lines[1], format!("  0 {:<41} ", " => read"));
        assert_eq!(lines[2], format!("  0 {:<41} ", " <= read"));
    }
}
