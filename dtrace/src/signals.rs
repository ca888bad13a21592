//! SIGINT and SIGTERM as dtrace.c's `intr`: the first asks tracing to stop (END runs and the
//! aggregations print) and a newline to be printed; the second makes dtrace impatient (stop
//! consuming, print nothing more).

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

static INTR: AtomicU32 = AtomicU32::new(0);
static NEWLINE: AtomicBool = AtomicBool::new(false);
static IMPATIENT: AtomicBool = AtomicBool::new(false);

extern "C" fn intr(_signo: libc::c_int) {
    // Only atomics here: this runs in signal context.
    if INTR.fetch_add(1, Ordering::SeqCst) == 0 {
        NEWLINE.store(true, Ordering::SeqCst);
    } else {
        IMPATIENT.store(true, Ordering::SeqCst);
    }
}

/// Install the handler for SIGINT and SIGTERM, unless the signal is ignored (as under nohup).
/// No SA_RESTART, so a wait for data returns at once with EINTR.
pub fn install() {
    for sig in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: plain sigaction calls with zeroed, then filled, structures.
        unsafe {
            let mut old: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(sig, std::ptr::null(), &mut old) != 0
                || old.sa_sigaction == libc::SIG_IGN
            {
                continue;
            }
            let mut act: libc::sigaction = std::mem::zeroed();
            libc::sigemptyset(&mut act.sa_mask);
            act.sa_flags = 0;
            act.sa_sigaction = intr as extern "C" fn(libc::c_int) as usize;
            libc::sigaction(sig, &act, std::ptr::null_mut());
        }
    }
}

/// Whether a stop was asked for.
pub fn interrupted() -> bool {
    INTR.load(Ordering::SeqCst) > 0
}

pub fn impatient() -> bool {
    IMPATIENT.load(Ordering::SeqCst)
}

/// Take the pending newline request, if any.
pub fn take_newline() -> bool {
    NEWLINE.swap(false, Ordering::SeqCst)
}

pub fn clear_newline() {
    NEWLINE.store(false, Ordering::SeqCst);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_stops_second_is_impatient() {
        install();
        assert!(!interrupted());
        // SAFETY: raising a signal whose handler we installed just above.
        unsafe { libc::raise(libc::SIGINT) };
        assert!(interrupted());
        assert!(!impatient());
        assert!(take_newline());
        assert!(!take_newline());
        unsafe { libc::raise(libc::SIGTERM) };
        assert!(impatient());
        assert!(!take_newline());
    }
}
