//! The vector kernels' shared part: what the running CPU has, for the
//! algorithm crates' kernels (binascii-core, json-core), with one detection
//! and one cache for every crate. std's `is_*_feature_detected!` is not
//! available in a `no_std` crate, so this reads `cpuid` and `xgetbv` on
//! x86_64 (`simd/x86.rs`) and Linux's hardware capabilities (`getauxval`)
//! on aarch64 (`simd/aarch64.rs`).
//!
//! Each answer says whether a kernel may run: the instructions and, for
//! the wide registers, that the OS saves them. Which cfg-gated kernel asks
//! is the caller's business; on other architectures there is nothing here.
#![no_std]
// As in every algorithm crate: unsafe code only in the kernel module
// (`simd`: cpuid, xgetbv, getauxval), each block saying why it is sound.
#![deny(unsafe_code)]

#[allow(unsafe_code)]
mod simd;

// Elsewhere (wasm32, 32-bit x86, ...) there is nothing to detect.
#[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
pub use simd::*;
