//! The feature bits, detected once per process and kept in one atomic.

use core::sync::atomic::{AtomicU16, Ordering};

#[cfg(target_arch = "aarch64")]
use super::aarch64::detect;
#[cfg(target_arch = "x86_64")]
use super::x86::detect;

/// Set once the other bits are the CPU's (the architecture's bits are
/// below it).
const KNOWN: u16 = 1 << 15;
static FEATURES: AtomicU16 = AtomicU16::new(0);

/// The architecture module's feature bits for this CPU. Relaxed: threads
/// that race to detect store the same value.
#[inline]
pub(crate) fn features() -> u16 {
    let known = FEATURES.load(Ordering::Relaxed);
    if known & KNOWN != 0 {
        known
    } else {
        detect_and_keep()
    }
}

// Once per process: out of line, not copied into each caller.
#[cold]
#[inline(never)]
fn detect_and_keep() -> u16 {
    let found = detect() | KNOWN;
    FEATURES.store(found, Ordering::Relaxed);
    found
}
