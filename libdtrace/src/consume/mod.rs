//! Consume: read records from the output buffer and decode them through their EPID.

pub mod ringbuf;
pub mod act;
pub mod ksyms;
pub mod usyms;
pub mod record;
