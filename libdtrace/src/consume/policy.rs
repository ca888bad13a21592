//! The principal buffer policies of `-x bufpolicy` (DTrace's DTRACEOPT_BUFPOLICY), kept by the
//! consumer. The BPF ring buffer is one queue read as records arrive; DTrace's buffers are one
//! of `bufsize` bytes per CPU, and the policy says what happens when one fills:
//! - `switch` (the default): the consumer empties them as they fill, nothing is lost;
//! - `fill`: once a CPU's buffer is full, that CPU records nothing more and tracing stops, as
//!   if `exit()` had been called; END's records are always kept (DTrace reserves room for them);
//! - `ring`: each CPU keeps only its most recent `bufsize` bytes of records, and they are
//!   printed when tracing stops, one CPU after the other in CPU order.
//!
//! A record's size here is its size in our ring buffer, which is DTrace's layout of the same
//! data: records per CPU count as they would in a DTrace buffer.

use std::collections::VecDeque;

/// The buffer policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Switch,
    Fill,
    Ring,
}

impl Kind {
    /// The policy named by the option's value; `None` for another value.
    pub fn parse(v: &str) -> Option<Kind> {
        Some(match v {
            "switch" => Kind::Switch,
            "fill" => Kind::Fill,
            "ring" => Kind::Ring,
            _ => return None,
        })
    }
}

/// What becomes of one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admit {
    /// Print it now.
    Print,
    /// Kept for the end (ring).
    Kept,
    /// Its CPU's buffer is full (fill): dropped, and tracing must stop.
    Full,
}

/// The per-CPU accounting of a policy.
#[derive(Debug)]
pub struct Policy {
    kind: Kind,
    bufsize: u64,
    /// Bytes recorded per CPU (fill), or kept per CPU (ring).
    used: Vec<u64>,
    full: Vec<bool>,
    kept: Vec<VecDeque<Vec<u8>>>,
}

impl Policy {
    pub fn new(kind: Kind, bufsize: u64) -> Policy {
        Policy {
            kind,
            bufsize,
            used: Vec::new(),
            full: Vec::new(),
            kept: Vec::new(),
        }
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    fn grow(&mut self, cpu: usize) {
        if self.used.len() <= cpu {
            self.used.resize(cpu + 1, 0);
            self.full.resize(cpu + 1, false);
            self.kept.resize_with(cpu + 1, VecDeque::new);
        }
    }

    /// Account for a record of `cpu`; `end` when it is END's, which a full buffer still takes.
    pub fn admit(&mut self, cpu: u32, data: &[u8], end: bool) -> Admit {
        let cpu = cpu as usize;
        let size = data.len() as u64;
        match self.kind {
            Kind::Switch => Admit::Print,
            Kind::Fill => {
                self.grow(cpu);
                if end {
                    return Admit::Print;
                }
                if self.full[cpu] || self.used[cpu] + size > self.bufsize {
                    self.full[cpu] = true;
                    return Admit::Full;
                }
                self.used[cpu] += size;
                Admit::Print
            }
            Kind::Ring => {
                self.grow(cpu);
                if size > self.bufsize {
                    return Admit::Kept;
                }
                while self.used[cpu] + size > self.bufsize {
                    match self.kept[cpu].pop_front() {
                        Some(old) => self.used[cpu] -= old.len() as u64,
                        None => break,
                    }
                }
                self.used[cpu] += size;
                self.kept[cpu].push_back(data.to_vec());
                Admit::Kept
            }
        }
    }

    /// The records a ring kept, CPU by CPU, oldest first; the policy keeps none afterwards.
    pub fn take_kept(&mut self) -> Vec<Vec<u8>> {
        self.used.iter_mut().for_each(|u| *u = 0);
        self.kept.iter_mut().flat_map(|q| q.drain(..)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(n: usize, tag: u8) -> Vec<u8> {
        vec![tag; n]
    }

    #[test]
    fn switch_prints_everything() {
        let mut p = Policy::new(Kind::Switch, 16);
        for _ in 0..10 {
            assert_eq!(p.admit(0, &rec(8, 1), false), Admit::Print);
        }
    }

    #[test]
    fn fill_stops_a_cpu_once_full_but_keeps_end() {
        let mut p = Policy::new(Kind::Fill, 20);
        assert_eq!(p.admit(1, &rec(8, 1), false), Admit::Print);
        assert_eq!(p.admit(1, &rec(8, 2), false), Admit::Print);
        assert_eq!(p.admit(1, &rec(8, 3), false), Admit::Full);
        // Full stays full, even for a record that would fit.
        assert_eq!(p.admit(1, &rec(2, 4), false), Admit::Full);
        // Another CPU has its own buffer.
        assert_eq!(p.admit(0, &rec(8, 5), false), Admit::Print);
        assert_eq!(p.admit(1, &rec(8, 6), true), Admit::Print);
    }

    #[test]
    fn ring_keeps_the_latest_per_cpu_in_cpu_order() {
        let mut p = Policy::new(Kind::Ring, 24);
        for tag in 1..=5 {
            assert_eq!(p.admit(1, &rec(8, tag), false), Admit::Kept);
        }
        assert_eq!(p.admit(0, &rec(8, 9), false), Admit::Kept);
        let kept: Vec<u8> = p.take_kept().iter().map(|r| r[0]).collect();
        assert_eq!(kept, [9, 3, 4, 5]);
        assert!(p.take_kept().is_empty());
    }

    #[test]
    fn policy_names() {
        assert_eq!(Kind::parse("ring"), Some(Kind::Ring));
        assert_eq!(Kind::parse("fill"), Some(Kind::Fill));
        assert_eq!(Kind::parse("switch"), Some(Kind::Switch));
        assert_eq!(Kind::parse("full"), None);
    }
}
