//! Consume: read records from the output buffer and decode them through their EPID.

pub mod ringbuf;
pub mod perfbuf;
pub mod output;
pub mod act;
pub mod ksyms;
pub mod usyms;
pub mod record;
pub mod policy;

/// `1 drop`, `2 drops`: the count and noun of DTrace's drop and error messages.
pub fn count_of(n: u64, noun: &str) -> String {
    format!("{} {}{}", n, noun, if n == 1 { "" } else { "s" })
}
