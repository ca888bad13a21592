//! The consumer side of a `BPF_MAP_TYPE_RINGBUF`, by hand.
//!
//! The kernel lays the map out for mmap as: one page holding `consumer_pos` (the only thing user
//! space writes), one page holding `producer_pos`, then the data area mapped twice in a row so
//! that a record that wraps around the end is still contiguous in our address space. Each record
//! is an 8-byte header (`len` with BUSY in bit 31 and DISCARD in bit 30, then a page offset the
//! kernel uses) followed by `len` bytes, the whole rounded up to 8.
//!
//! Ordering: producers publish a record by clearing BUSY with a release store; we read the header
//! with an acquire load, so the payload is visible once BUSY is clear. We hand the space back by
//! storing `consumer_pos` with release semantics, after we are done reading the record.

use std::io;
use std::ops::ControlFlow;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::Duration;

use crate::error::SysError;
use crate::load::{Map, MapType};

const BUSY: u32 = 1 << 31;
const DISCARD: u32 = 1 << 30;
const HDR: u64 = 8;

/// A mapping that is unmapped on drop.
pub(super) struct Mmap {
    pub(super) addr: NonNull<u8>,
    len: usize,
}

impl Mmap {
    pub(super) fn new(fd: i32, len: usize, prot: i32, offset: usize) -> io::Result<Mmap> {
        // SAFETY: a fresh shared mapping of a BPF map fd; the kernel validates length and offset.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                prot,
                libc::MAP_SHARED,
                fd,
                offset as libc::off_t,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        Ok(Mmap {
            addr: NonNull::new(p as *mut u8)
                .ok_or_else(|| io::Error::from(io::ErrorKind::Other))?,
            len,
        })
    }
}

impl Drop for Mmap {
    fn drop(&mut self) {
        // SAFETY: we own this mapping and nothing borrows it past the owner's lifetime.
        unsafe { libc::munmap(self.addr.as_ptr() as *mut _, self.len) };
    }
}

/// A ring buffer consumer. It holds its own descriptor of the map (for epoll) and the mappings,
/// which keep the map alive in the kernel even if the [`Map`] is dropped first.
pub struct RingBuf {
    consumer: Mmap,
    producer: Mmap,
    mask: u64,
    epoll: OwnedFd,
    _fd: OwnedFd,
}

// SAFETY: the mappings are owned by this value alone; the kernel is the only other party and it
// synchronises through the atomics below, not through Rust references.
unsafe impl Send for RingBuf {}

pub(super) fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if n > 0 {
        n as usize
    } else {
        4096
    }
}

impl RingBuf {
    pub fn new(map: &Map) -> Result<RingBuf, SysError> {
        let err = |what: &str| {
            let what = format!("ring buffer {}: {}", map.name(), what);
            move |source| SysError::Os { what, source }
        };
        if map.map_type() != MapType::RingBuf {
            return Err(err("not a ring buffer map")(io::Error::from(
                io::ErrorKind::InvalidInput,
            )));
        }
        let size = map.max_entries() as usize;
        let page = page_size();
        // SAFETY: fcntl on a descriptor we borrow; the duplicate is ours.
        let dup = unsafe { libc::fcntl(map.fd(), libc::F_DUPFD_CLOEXEC, 0) };
        if dup < 0 {
            return Err(err("dup")(io::Error::last_os_error()));
        }
        // SAFETY: just created, owned by nobody else.
        let fd = unsafe { OwnedFd::from_raw_fd(dup) };
        let consumer = Mmap::new(fd.as_raw_fd(), page, libc::PROT_READ | libc::PROT_WRITE, 0)
            .map_err(err("mmap consumer page"))?;
        let producer = Mmap::new(fd.as_raw_fd(), page + 2 * size, libc::PROT_READ, page)
            .map_err(err("mmap data"))?;
        // SAFETY: plain epoll setup on descriptors we own.
        let ep = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
        if ep < 0 {
            return Err(err("epoll_create1")(io::Error::last_os_error()));
        }
        // SAFETY: as above.
        let epoll = unsafe { OwnedFd::from_raw_fd(ep) };
        let mut ev = libc::epoll_event {
            events: libc::EPOLLIN as u32,
            u64: 0,
        };
        // SAFETY: `ev` is live for the call.
        if unsafe { libc::epoll_ctl(ep, libc::EPOLL_CTL_ADD, fd.as_raw_fd(), &mut ev) } < 0 {
            return Err(err("epoll_ctl")(io::Error::last_os_error()));
        }
        Ok(RingBuf {
            consumer,
            producer,
            mask: size as u64 - 1,
            epoll,
            _fd: fd,
        })
    }

    fn consumer_pos(&self) -> &AtomicU64 {
        // SAFETY: the consumer page is mapped read-write, page aligned, for our lifetime.
        unsafe { &*(self.consumer.addr.as_ptr() as *const AtomicU64) }
    }

    fn producer_pos(&self) -> &AtomicU64 {
        // SAFETY: the producer page is mapped (read-only: we only load), page aligned.
        unsafe { &*(self.producer.addr.as_ptr() as *const AtomicU64) }
    }

    fn data(&self) -> *const u8 {
        // SAFETY: the data area starts one page into the producer mapping.
        unsafe { self.producer.addr.as_ptr().add(page_size()) }
    }

    /// Bytes written by producers and not yet consumed (including records still being written).
    pub fn pending_bytes(&self) -> u64 {
        let c = self.consumer_pos().load(Ordering::Acquire);
        self.producer_pos().load(Ordering::Acquire).wrapping_sub(c)
    }

    /// Wait up to `timeout` for the kernel to signal data. Producers that submit with
    /// `BPF_RB_NO_WAKEUP` never signal, so a timeout does not mean the buffer is empty: consume
    /// anyway. `Ok(true)` when woken. EINTR counts as a timeout, so signals can interrupt a wait.
    pub fn poll(&self, timeout: Duration) -> Result<bool, SysError> {
        let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
        let mut ev = libc::epoll_event { events: 0, u64: 0 };
        // SAFETY: room for one event.
        let n = unsafe { libc::epoll_wait(self.epoll.as_raw_fd(), &mut ev, 1, ms) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.raw_os_error() == Some(libc::EINTR) {
                return Ok(false);
            }
            return Err(SysError::Os {
                what: "ring buffer: epoll_wait".into(),
                source: e,
            });
        }
        Ok(n > 0)
    }

    /// Hand every committed record, in order, to `f` until the buffer is empty, a record is still
    /// being written (BUSY: records after it must wait for it) or `f` breaks. Discarded records are
    /// skipped. Returns the number of records given to `f`.
    pub fn consume(
        &mut self,
        mut f: impl FnMut(&[u8]) -> ControlFlow<()>,
    ) -> Result<usize, SysError> {
        let mut n = 0;
        let mut cons = self.consumer_pos().load(Ordering::Acquire);
        loop {
            let prod = self.producer_pos().load(Ordering::Acquire);
            if cons >= prod {
                return Ok(n);
            }
            while cons < prod {
                // SAFETY: `cons & mask` is inside the data area and the header is 8-aligned.
                let hdr = unsafe { self.data().add((cons & self.mask) as usize) };
                // SAFETY: as above; the kernel writes the length word atomically.
                let len = unsafe { &*(hdr as *const AtomicU32) }.load(Ordering::Acquire);
                if len & BUSY != 0 {
                    return Ok(n);
                }
                let body = (len & !(BUSY | DISCARD)) as u64;
                let next = cons + ((body + HDR + 7) & !7);
                let mut stop = false;
                if len & DISCARD == 0 {
                    // SAFETY: the record is contiguous thanks to the double mapping and was
                    // published (BUSY clear, acquire above); it stays untouched until we release it.
                    let rec =
                        unsafe { std::slice::from_raw_parts(hdr.add(HDR as usize), body as usize) };
                    n += 1;
                    stop = f(rec).is_break();
                }
                cons = next;
                self.consumer_pos().store(cons, Ordering::Release);
                if stop {
                    return Ok(n);
                }
            }
        }
    }
}
