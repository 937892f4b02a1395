//! CPU detection, per architecture, behind one cache.
// Each unsafe operation in a block of its own, and each block documented.
#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]

#[cfg(target_arch = "aarch64")]
mod aarch64;
#[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
mod cache;
#[cfg(target_arch = "x86_64")]
mod x86;

#[cfg(target_arch = "aarch64")]
pub use aarch64::{has_pmull, has_sha3};
#[cfg(target_arch = "x86_64")]
pub use x86::{
    has_avx2, has_avx512bw, has_avx512vbmi, has_pclmulqdq, has_popcnt, has_ssse3,
    has_vpclmulqdq_avx2, has_vpclmulqdq_avx512,
};
