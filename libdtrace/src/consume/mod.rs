//! Consume: read records from the output buffer and decode them through their EPID.

pub mod ringbuf;
