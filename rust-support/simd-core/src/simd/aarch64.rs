//! aarch64: NEON is part of every target; PMULL and SHA3 are not (the
//! Raspberry Pi 4's Cortex-A72 lacks both).

use super::cache::features;

const PMULL: u16 = 1 << 0;
const SHA3: u16 = 1 << 1;

/// Linux and Android say what the CPU has in the auxiliary vector (called
/// once, by `cache`).
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) fn detect() -> u16 {
    extern "C" {
        // libc's (glibc, musl, bionic): every such process links it.
        fn getauxval(kind: core::ffi::c_ulong) -> core::ffi::c_ulong;
    }
    const AT_HWCAP: core::ffi::c_ulong = 16;
    const HWCAP_PMULL: core::ffi::c_ulong = 1 << 4;
    const HWCAP_SHA3: core::ffi::c_ulong = 1 << 17;
    // SAFETY: getauxval only reads the process's auxiliary vector.
    let hwcap = unsafe { getauxval(AT_HWCAP) };
    let mut features = 0;
    if hwcap & HWCAP_PMULL != 0 {
        features |= PMULL;
    }
    if hwcap & HWCAP_SHA3 != 0 {
        features |= SHA3;
    }
    features
}

/// Elsewhere, what the target promises (Apple's aarch64 targets include
/// both).
#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub(crate) fn detect() -> u16 {
    let pmull = if cfg!(target_feature = "aes") {
        PMULL
    } else {
        0
    };
    let sha3 = if cfg!(target_feature = "sha3") {
        SHA3
    } else {
        0
    };
    pmull | sha3
}

/// PMULL (64-bit polynomial multiply, part of FEAT_AES).
#[inline]
pub fn has_pmull() -> bool {
    features() & PMULL != 0
}

/// SHA3's EOR3 (three-way exclusive or).
#[inline]
pub fn has_sha3() -> bool {
    features() & SHA3 != 0
}
