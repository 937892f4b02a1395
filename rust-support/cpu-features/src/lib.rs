//! What the running CPU has, for the algorithm crates' vector kernels
//! (binascii-core, json-core): one detection and one cache for every
//! crate. std's `is_*_feature_detected!` is not available in a `no_std`
//! crate, so this reads `cpuid` and `xgetbv` on x86_64 (`x86.rs`) and
//! Linux's hardware capabilities (`getauxval`) on aarch64 (`aarch64.rs`).
//!
//! Each answer says whether a kernel may run: the instructions and, for
//! the wide registers, that the OS saves them. Which cfg-gated kernel asks
//! is the caller's business; on other architectures there is nothing here.
#![no_std]
// The only unsafe code of this crate is cpuid, xgetbv and getauxval; each
// block says why it is sound.
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
