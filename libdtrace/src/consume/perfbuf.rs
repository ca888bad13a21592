//! The consumer side of the perf ring buffer: one `PERF_COUNT_SW_BPF_OUTPUT` event per online
//! CPU, each with its mmap'ed ring, registered in a `BPF_MAP_TYPE_PERF_EVENT_ARRAY` under its
//! CPU number so that `bpf_perf_event_output(..., BPF_F_CURRENT_CPU, ...)` (or the kernel
//! patch's reserve/commit) writes into the ring of the CPU the probe fired on.
//!
//! Layout of a ring (perf_event_open(2)): one metadata page (`struct perf_event_mmap_page`:
//! `data_head` at 1024 is where the kernel writes next, `data_tail` at 1032 is ours and hands
//! space back), then 2^n data pages. Records are `struct perf_event_header` (type u32, misc
//! u16, size u16) followed by their body, 8-byte aligned; a record may wrap around the end of
//! the data area, so its bytes are copied out.
//!
//! Order: each CPU's ring is in the order its records were written, and records carry the
//! time they were written (`PERF_SAMPLE_TIME`), so a pass merges the CPUs by time: what one
//! BPF ring buffer shared by all CPUs gives in one sequence (BEGIN before the probes, END
//! after them, whatever CPU each ran on).
//!
//! Full rings: the kernel refuses the record, and the BPF side counts the drop in its own
//! counters (the helper's result), so the `PERF_RECORD_LOST` records the kernel writes later
//! are skipped rather than counted twice.

use std::io;
use std::ops::ControlFlow;
use std::os::fd::{AsRawFd, OwnedFd};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use super::ringbuf::{page_size, Mmap};
use crate::attach::{perf_event_open, PerfEventAttr};
use crate::error::SysError;
use crate::load::{Map, MapType};

const PERF_TYPE_SOFTWARE: u32 = 1;
const PERF_COUNT_SW_BPF_OUTPUT: u64 = 10;
const PERF_SAMPLE_TIME: u64 = 1 << 2;
const PERF_SAMPLE_RAW: u64 = 1 << 10;
/// `perf_event_attr` flag bit: wake up at `wakeup_watermark` bytes rather than every N events.
const ATTR_WATERMARK: u64 = 1 << 14;
const PERF_RECORD_SAMPLE: u32 = 9;
/// The kernel patch's records: the header, then the program's bytes (kernel-patches/UAPI.md).
const PERF_RECORD_BPF_OUTPUT: u32 = 22;
/// `misc` bit of a discarded `PERF_RECORD_BPF_OUTPUT` record.
const PERF_RECORD_MISC_BPF_DISCARD: u16 = 1 << 13;
/// Offsets in `struct perf_event_mmap_page`.
const DATA_HEAD: usize = 1024;
const DATA_TAIL: usize = 1032;
const PERF_EVENT_IOC_ENABLE: libc::c_ulong = 0x2400;

/// The sample type of the events: what [`parse_sample`] expects after the header.
pub const SAMPLE_TYPE: u64 = PERF_SAMPLE_TIME | PERF_SAMPLE_RAW;

/// Where the DTrace record is in the body of a `PERF_RECORD_SAMPLE` of [`SAMPLE_TYPE`]: the
/// u64 time, then the u32 size of the raw data (the record, padded by the kernel so that
/// size and data end 8-byte aligned), then the data. `None` when the body is malformed.
pub fn parse_sample(body: &[u8]) -> Option<(u64, std::ops::Range<usize>)> {
    let time = u64::from_ne_bytes(body.get(0..8)?.try_into().ok()?);
    let size = u32::from_ne_bytes(body.get(8..12)?.try_into().ok()?) as usize;
    let end = 12usize.checked_add(size)?;
    if end > body.len() {
        return None;
    }
    Some((time, 12..end))
}

struct CpuRing {
    cpu: u32,
    map: Mmap,
    /// Bytes of the data area (a power of two).
    size: u64,
    _fd: OwnedFd,
}

impl CpuRing {
    fn head(&self) -> &AtomicU64 {
        // SAFETY: the metadata page is mapped for our lifetime; the field is 8-aligned.
        unsafe { &*(self.map.addr.as_ptr().add(DATA_HEAD) as *const AtomicU64) }
    }
    fn tail(&self) -> &AtomicU64 {
        // SAFETY: as above; the page is mapped read-write.
        unsafe { &*(self.map.addr.as_ptr().add(DATA_TAIL) as *const AtomicU64) }
    }
    /// Append `len` bytes at ring position `pos` to `out`, across the end of the area.
    fn copy(&self, pos: u64, len: usize, out: &mut Vec<u8>) {
        let page = page_size();
        let off = (pos & (self.size - 1)) as usize;
        let first = len.min(self.size as usize - off);
        // SAFETY: both pieces lie in the data area, which starts one page into the mapping
        // and is `size` bytes long; the kernel does not write them until we move the tail.
        unsafe {
            let data = self.map.addr.as_ptr().add(page);
            out.extend_from_slice(std::slice::from_raw_parts(data.add(off), first));
            out.extend_from_slice(std::slice::from_raw_parts(data, len - first));
        }
    }
}

/// One record found by a pass: its time, its ring, its bytes in the pass's arena, and the ring
/// position just after it (the tail to publish once it is consumed).
struct Found {
    time: u64,
    ring: usize,
    data: Option<std::ops::Range<usize>>,
    next: u64,
}

/// How records are framed in the rings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// `PERF_RECORD_SAMPLE` of [`SAMPLE_TYPE`], written by `bpf_perf_event_output`.
    Sample,
    /// `PERF_RECORD_BPF_OUTPUT`, written in place by the kernel patch's reserve/commit: the
    /// record, then its time as a u64 trailer (see `codegen::dtrace_type`).
    Direct,
}

/// Where the DTrace record is in the body of a `Framing::Direct` record and its time: all but
/// the last 8 bytes, then the time. `None` when the body is too short.
pub fn parse_direct(body: &[u8]) -> Option<(u64, std::ops::Range<usize>)> {
    let end = body.len().checked_sub(8)?;
    let time = u64::from_ne_bytes(body[end..].try_into().ok()?);
    Some((time, 0..end))
}

/// The perf ring buffers of every online CPU.
pub struct PerfBuf {
    rings: Vec<CpuRing>,
    epoll: OwnedFd,
    framing: Framing,
    arena: Vec<u8>,
    /// The ring buffer programs write to after an `exit()` record, to wake us at once.
    wake: Option<super::ringbuf::RingBuf>,
}

// SAFETY: the mappings are owned by this value alone; the kernel synchronises through the
// head and tail atomics.
unsafe impl Send for PerfBuf {}

impl PerfBuf {
    /// Open a ring of `bytes_per_cpu` (rounded up to a power of two pages) on each CPU in
    /// `cpus` and store it in `map` (a `PerfEventArray` indexed by CPU). The consumer is woken
    /// when a ring is half full; below that it reads at its own pace.
    pub fn new(
        map: &Map,
        cpus: &[u32],
        bytes_per_cpu: u64,
        framing: Framing,
    ) -> Result<PerfBuf, SysError> {
        let err = |what: String| move |source| SysError::Os { what, source };
        if map.map_type() != MapType::PerfEventArray {
            return Err(err(format!(
                "perf buffer {}: not a perf event array",
                map.name()
            ))(io::Error::from(io::ErrorKind::InvalidInput)));
        }
        let page = page_size() as u64;
        let pages = (bytes_per_cpu.max(page) / page)
            .next_power_of_two()
            .min(1 << 16);
        let size = pages * page;
        // SAFETY: plain epoll setup.
        let ep = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
        if ep < 0 {
            return Err(err("perf buffer: epoll_create1".into())(
                io::Error::last_os_error(),
            ));
        }
        // SAFETY: a descriptor we just created.
        let epoll = unsafe { <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(ep) };
        let mut rings = Vec::with_capacity(cpus.len());
        for &cpu in cpus {
            let attr = PerfEventAttr {
                ty: PERF_TYPE_SOFTWARE,
                config: PERF_COUNT_SW_BPF_OUTPUT,
                sample_period: 1,
                sample_type: SAMPLE_TYPE,
                flags: ATTR_WATERMARK,
                wakeup_events: (size / 2) as u32,
                ..Default::default()
            };
            let fd = perf_event_open(&attr, -1, cpu as i32)
                .map_err(err(format!("perf_event_open bpf-output on CPU {}", cpu)))?;
            let m = Mmap::new(
                fd.as_raw_fd(),
                (page + size) as usize,
                libc::PROT_READ | libc::PROT_WRITE,
                0,
            )
            .map_err(err(format!("perf buffer: mmap on CPU {}", cpu)))?;
            // SAFETY: ioctl on our own perf event descriptor.
            if unsafe { libc::ioctl(fd.as_raw_fd(), PERF_EVENT_IOC_ENABLE, 0) } < 0 {
                return Err(err("perf buffer: enable".into())(io::Error::last_os_error()));
            }
            map.update(
                &cpu.to_ne_bytes(),
                &(fd.as_raw_fd() as u32).to_ne_bytes(),
                0,
            )?;
            let mut ev = libc::epoll_event {
                events: libc::EPOLLIN as u32,
                u64: rings.len() as u64,
            };
            // SAFETY: `ev` is live for the call.
            if unsafe { libc::epoll_ctl(ep, libc::EPOLL_CTL_ADD, fd.as_raw_fd(), &mut ev) } < 0 {
                return Err(err("perf buffer: epoll_ctl".into())(
                    io::Error::last_os_error(),
                ));
            }
            rings.push(CpuRing {
                cpu,
                map: m,
                size,
                _fd: fd,
            });
        }
        Ok(PerfBuf {
            rings,
            epoll,
            framing,
            arena: Vec::with_capacity(1 << 16),
            wake: None,
        })
    }

    /// Also wake [`PerfBuf::poll`] when `ring` (whose map descriptor is `fd`) gets data.
    pub fn add_wake(&mut self, ring: super::ringbuf::RingBuf, fd: i32) -> Result<(), SysError> {
        let mut ev = libc::epoll_event {
            events: libc::EPOLLIN as u32,
            u64: u64::MAX,
        };
        // SAFETY: `ev` is live for the call; both descriptors are open.
        if unsafe { libc::epoll_ctl(self.epoll.as_raw_fd(), libc::EPOLL_CTL_ADD, fd, &mut ev) } < 0
        {
            return Err(SysError::Os {
                what: "perf buffer: epoll_ctl wake ring".into(),
                source: io::Error::last_os_error(),
            });
        }
        self.wake = Some(ring);
        Ok(())
    }

    /// Bytes written and not yet consumed, over all CPUs.
    pub fn pending_bytes(&self) -> u64 {
        self.rings
            .iter()
            .map(|r| {
                let t = r.tail().load(Ordering::Relaxed);
                r.head().load(Ordering::Acquire).wrapping_sub(t)
            })
            .sum()
    }

    /// Wait up to `timeout` for a ring to pass its watermark; `Ok(true)` when woken. EINTR
    /// counts as a timeout.
    pub fn poll(&self, timeout: Duration) -> Result<bool, SysError> {
        let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
        let mut evs = [libc::epoll_event { events: 0, u64: 0 }; 8];
        // SAFETY: room for `evs.len()` events.
        let n = unsafe {
            libc::epoll_wait(
                self.epoll.as_raw_fd(),
                evs.as_mut_ptr(),
                evs.len() as i32,
                ms,
            )
        };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.raw_os_error() == Some(libc::EINTR) {
                return Ok(false);
            }
            return Err(SysError::Os {
                what: "perf buffer: epoll_wait".into(),
                source: e,
            });
        }
        Ok(n > 0)
    }

    /// The CPUs that have a ring, in ring order.
    pub fn cpus(&self) -> impl Iterator<Item = u32> + '_ {
        self.rings.iter().map(|r| r.cpu)
    }

    /// Hand every record written so far to `f`, all CPUs merged in time order, until `f`
    /// breaks. Records after a break stay in their rings for the next pass. Returns the
    /// number of records given to `f`.
    pub fn consume(
        &mut self,
        mut f: impl FnMut(&[u8]) -> ControlFlow<()>,
    ) -> Result<usize, SysError> {
        if let Some(w) = &mut self.wake {
            // The wake-up words carry nothing: hand their space back.
            w.consume(|_| ControlFlow::Continue(()))?;
        }
        self.arena.clear();
        let mut found: Vec<Found> = Vec::new();
        for (ri, r) in self.rings.iter().enumerate() {
            let head = r.head().load(Ordering::Acquire);
            let mut pos = r.tail().load(Ordering::Relaxed);
            let mut last_time = 0;
            let mut hdr = Vec::with_capacity(8);
            while head.wrapping_sub(pos) >= 8 {
                hdr.clear();
                r.copy(pos, 8, &mut hdr);
                let ty = u32::from_ne_bytes(hdr[0..4].try_into().unwrap());
                let misc = u16::from_ne_bytes(hdr[4..6].try_into().unwrap());
                let size = u16::from_ne_bytes(hdr[6..8].try_into().unwrap()) as u64;
                if size < 8 || size > head.wrapping_sub(pos) {
                    // A torn or corrupt header: nothing after it can be trusted in this pass.
                    break;
                }
                let mut data = None;
                type Parse = fn(&[u8]) -> Option<(u64, std::ops::Range<usize>)>;
                let parse: Option<Parse> = match (self.framing, ty) {
                    (Framing::Sample, PERF_RECORD_SAMPLE) => Some(parse_sample),
                    (Framing::Direct, PERF_RECORD_BPF_OUTPUT)
                        if misc & PERF_RECORD_MISC_BPF_DISCARD == 0 =>
                    {
                        Some(parse_direct)
                    }
                    _ => None,
                };
                if let Some(parse) = parse {
                    let start = self.arena.len();
                    r.copy(pos + 8, (size - 8) as usize, &mut self.arena);
                    if let Some((time, range)) = parse(&self.arena[start..]) {
                        last_time = time;
                        data = Some(start + range.start..start + range.end);
                    }
                }
                pos = pos.wrapping_add(size);
                found.push(Found {
                    time: last_time,
                    ring: ri,
                    data,
                    next: pos,
                });
            }
        }
        // Stable: each ring's records keep their order among equal times.
        found.sort_by_key(|x| x.time);
        let mut n = 0;
        for x in &found {
            let stop = match &x.data {
                Some(d) => {
                    n += 1;
                    f(&self.arena[d.clone()]).is_break()
                }
                None => false,
            };
            self.rings[x.ring].tail().store(x.next, Ordering::Release);
            if stop {
                break;
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_body_is_time_size_data() {
        let mut b = Vec::new();
        b.extend_from_slice(&77u64.to_ne_bytes());
        b.extend_from_slice(&20u32.to_ne_bytes());
        b.extend_from_slice(&[1u8; 20]);
        assert_eq!(parse_sample(&b), Some((77, 12..32)));
        // A size running past the body is refused.
        b.truncate(30);
        assert_eq!(parse_sample(&b), None);
        assert_eq!(parse_sample(&[0u8; 10]), None);
    }

    #[test]
    fn direct_body_is_record_then_time() {
        let mut b = vec![7u8; 16];
        b.extend_from_slice(&99u64.to_ne_bytes());
        assert_eq!(parse_direct(&b), Some((99, 0..16)));
        assert_eq!(parse_direct(&[0u8; 4]), None);
    }
}
