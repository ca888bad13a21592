//! The output buffer a session reads records from: the BPF ring buffer shared by all CPUs, or
//! the per-CPU perf ring buffers (`-x recbuf=perf`, and the DTrace program type's path). Both
//! hand the consumer the same bytes: a record starting with its EPID.

use std::ops::ControlFlow;
use std::time::Duration;

use super::perfbuf::PerfBuf;
use super::ringbuf::RingBuf;
use crate::error::SysError;

pub enum Output {
    Ring(RingBuf),
    Perf(PerfBuf),
}

impl Output {
    pub fn pending_bytes(&self) -> u64 {
        match self {
            Output::Ring(r) => r.pending_bytes(),
            Output::Perf(p) => p.pending_bytes(),
        }
    }

    pub fn poll(&self, timeout: Duration) -> Result<bool, SysError> {
        match self {
            Output::Ring(r) => r.poll(timeout),
            Output::Perf(p) => p.poll(timeout),
        }
    }

    pub fn consume(&mut self, f: impl FnMut(&[u8]) -> ControlFlow<()>) -> Result<usize, SysError> {
        match self {
            Output::Ring(r) => r.consume(f),
            Output::Perf(p) => p.consume(f),
        }
    }
}

use std::collections::HashMap;

use crate::codegen::recbuf::RecBuf;
use crate::codegen::MapRef;
use crate::load::{self, Map, MapType};

/// Create the output buffer's maps for `kind`: the BPF ring buffer of `ring_size` bytes, or the
/// perf event array (one slot per possible CPU) and, for `PerfOutput`, the per-CPU scratch
/// where records of up to `max_record` bytes are built.
pub fn create_maps(
    kind: RecBuf,
    ring_size: u64,
    max_record: u32,
    maps: &mut HashMap<MapRef, Map>,
) -> Result<(), SysError> {
    match kind {
        RecBuf::Ring => {
            maps.insert(
                MapRef::RingBuf,
                Map::create(MapType::RingBuf, 0, 0, ring_size as u32, 0, "dt_output")?,
            );
        }
        RecBuf::PerfReserve(_) => {
            maps.insert(MapRef::Wake, wake_map()?);
            let ncpus = load::possible_cpus().max(1) as u32;
            maps.insert(
                MapRef::RingBuf,
                Map::create(MapType::PerfEventArray, 4, 4, ncpus, 0, "dt_output")?,
            );
        }
        RecBuf::PerfOutput => {
            maps.insert(MapRef::Wake, wake_map()?);
            let ncpus = load::possible_cpus().max(1) as u32;
            maps.insert(
                MapRef::RingBuf,
                Map::create(MapType::PerfEventArray, 4, 4, ncpus, 0, "dt_output")?,
            );
            let size = max_record.max(8).div_ceil(8) * 8;
            maps.insert(
                MapRef::RecScratch,
                Map::create(MapType::PercpuArray, 4, size, 1, 0, "dt_recbuf")?,
            );
        }
    }
    Ok(())
}

/// The one-page ring buffer of `MapRef::Wake`.
fn wake_map() -> Result<Map, SysError> {
    let page = super::ringbuf::page_size() as u32;
    Map::create(MapType::RingBuf, 0, 0, page, 0, "dt_wake")
}

/// Open the consumer's side of the output buffer created by [`create_maps`]. `bufsize` is
/// DTrace's principal buffer size, per CPU.
pub fn open(kind: RecBuf, maps: &HashMap<MapRef, Map>, bufsize: u64) -> Result<Output, SysError> {
    let map = &maps[&MapRef::RingBuf];
    match kind {
        RecBuf::Ring => Ok(Output::Ring(RingBuf::new(map)?)),
        RecBuf::PerfOutput | RecBuf::PerfReserve(_) => {
            let framing = match kind {
                RecBuf::PerfOutput => super::perfbuf::Framing::Sample,
                _ => super::perfbuf::Framing::Direct,
            };
            let cpus = load::online_cpus()?;
            let mut p = PerfBuf::new(map, &cpus, bufsize, framing)?;
            if let Some(w) = maps.get(&MapRef::Wake) {
                p.add_wake(RingBuf::new(w)?, w.fd())?;
            }
            Ok(Output::Perf(p))
        }
    }
}
