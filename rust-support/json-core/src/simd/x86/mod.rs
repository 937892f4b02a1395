//! x86_64 kernels: SSE2 (16-byte registers), AVX2 (32) and AVX-512 BW (64)
//! where the compiler has it (`build.rs`).
//!
//! The code is in `unsafe fn`s with `#[target_feature]` (safe functions
//! with target features need Rust 1.86; the crate supports 1.74). The
//! tables below hold plain `fn` wrappers around them; those are sound
//! because `Kernel::ops` and `simd::ops` only hand a table out after
//! `cpu.rs` found the CPU feature, and nothing else in the crate uses them.

use super::{Ops, WidthOps};

mod avx2;
#[cfg(json_core_avx512)]
mod avx512;
mod sse2;

/// One kernel's operations for the unit type `$t`, from the module `$k`.
macro_rules! width_ops {
    ($k:ident, $t:ty) => {
        WidthOps::<$t> {
            scan: |s, from, strict| {
                // SAFETY: see the table's comment.
                unsafe {
                    if strict {
                        $k::scan::<$t, true>(s, from)
                    } else {
                        $k::scan::<$t, false>(s, from)
                    }
                }
            },
            // SAFETY (the four below): see the table's comment.
            ascii_run: |s, i, out, o| unsafe { $k::run::<$t, u8, true>(s, i, out, o) },
            run: |s, i, out, o| unsafe { $k::run::<$t, $t, false>(s, i, out, o) },
            ascii_extra: |s| unsafe { $k::extra::<$t, true>(s) },
            extra: |s| unsafe { $k::extra::<$t, false>(s) },
        }
    };
}

macro_rules! kernel_ops {
    ($k:ident) => {
        Ops {
            u8: width_ops!($k, u8),
            u16: width_ops!($k, u16),
            u32: width_ops!($k, u32),
        }
    };
}

/// SAFETY: SSE2 is part of every x86_64 CPU.
pub(crate) static SSE2: Ops = kernel_ops!(sse2);

/// SAFETY: only reachable once `cpu::has_avx2()` said yes (AVX2 and
/// POPCNT, and SSE2, which the 16-byte tails use).
pub(crate) static AVX2: Ops = kernel_ops!(avx2);

/// SAFETY: only reachable once `cpu::has_avx512bw()` said yes (AVX-512 F
/// and BW, POPCNT).
#[cfg(json_core_avx512)]
pub(crate) static AVX512BW: Ops = kernel_ops!(avx512);
