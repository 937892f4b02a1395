//! CPU feature detection without std: `cpuid` and `xgetbv` from core::arch
//! on x86_64, the kernel's hardware capabilities on aarch64 Linux (std's
//! `is_*_feature_detected!` is not available in a `no_std` crate).

/// The feature bits in `cell`, found by `detect` on first use (bit 7 says
/// they are known).
#[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
fn cached(cell: &core::sync::atomic::AtomicU8, detect: fn() -> u8) -> u8 {
    use core::sync::atomic::Ordering;
    const KNOWN: u8 = 1 << 7;
    let known = cell.load(Ordering::Relaxed);
    if known & KNOWN != 0 {
        return known;
    }
    let found = detect() | KNOWN;
    cell.store(found, Ordering::Relaxed);
    found
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    #![allow(unsafe_code)]
    use core::arch::x86_64::{__cpuid, __cpuid_count, _xgetbv};
    use core::sync::atomic::AtomicU8;

    const SSSE3: u8 = 1 << 0;
    const AVX2: u8 = 1 << 1;
    const PCLMULQDQ_SSE41: u8 = 1 << 2;
    const AVX512VBMI: u8 = 1 << 3;
    const VPCLMUL_AVX2: u8 = 1 << 4;
    const VPCLMUL_AVX512: u8 = 1 << 5;
    static FEATURES: AtomicU8 = AtomicU8::new(0);

    // Once per process: out of line, not copied into each caller.
    #[cold]
    #[inline(never)]
    fn detect() -> u8 {
        // SAFETY: cpuid exists on every x86_64 CPU; leaf 7 is read only
        // when leaf 0 says it exists, and xgetbv only when OSXSAVE says the
        // OS enabled it.
        unsafe {
            let max_leaf = __cpuid(0).eax;
            let leaf1 = __cpuid(1);
            let mut features = 0;
            if leaf1.ecx & (1 << 9) != 0 {
                features |= SSSE3;
            }
            if leaf1.ecx & (1 << 1) != 0 && leaf1.ecx & (1 << 19) != 0 {
                features |= PCLMULQDQ_SSE41;
            }
            let osxsave = leaf1.ecx & (1 << 27) != 0;
            let avx = leaf1.ecx & (1 << 28) != 0;
            if max_leaf >= 7 && osxsave && avx {
                // The OS saves the SSE and AVX register state (XCR0 bits 1, 2).
                let xcr0 = xgetbv0();
                let os_avx = xcr0 & 0b110 == 0b110;
                let leaf7 = __cpuid_count(7, 0);
                if os_avx && leaf7.ebx & (1 << 5) != 0 {
                    features |= AVX2;
                }
                // VPCLMULQDQ (crc32's wide folding) on AVX2's or AVX-512
                // F's registers; its 128-bit tail is PCLMULQDQ's.
                let vpclmul = leaf7.ecx & (1 << 10) != 0 && features & PCLMULQDQ_SSE41 != 0;
                if vpclmul && features & AVX2 != 0 {
                    features |= VPCLMUL_AVX2;
                }
                if vpclmul && leaf7.ebx & (1 << 16) != 0 && xcr0 & 0b1110_0110 == 0b1110_0110 {
                    features |= VPCLMUL_AVX512;
                }
                // AVX-512 F, BW, VBMI and VBMI2 (every CPU with VBMI but
                // Cannon Lake has VBMI2), with POPCNT, and the OS saves the
                // opmask and ZMM state (XCR0 bits 5, 6, 7).
                let ebx = (1 << 16) | (1 << 30);
                let ecx = (1 << 1) | (1 << 6);
                if leaf7.ebx & ebx == ebx
                    && leaf7.ecx & ecx == ecx
                    && leaf1.ecx & (1 << 23) != 0
                    && xcr0 & 0b1110_0110 == 0b1110_0110
                {
                    features |= AVX512VBMI;
                }
            }
            features
        }
    }

    #[target_feature(enable = "xsave")]
    unsafe fn xgetbv0() -> u64 {
        _xgetbv(0)
    }

    fn features() -> u8 {
        super::cached(&FEATURES, detect)
    }

    pub(crate) fn has_ssse3() -> bool {
        features() & SSSE3 != 0
    }

    pub(crate) fn has_avx2() -> bool {
        features() & AVX2 != 0
    }

    /// What the AVX-512 kernels use: F, BW, VBMI, VBMI2, and POPCNT.
    #[cfg(binascii_avx512)]
    pub(crate) fn has_avx512vbmi() -> bool {
        features() & AVX512VBMI != 0
    }

    /// PCLMULQDQ and SSE4.1 (crc32's folding).
    pub(crate) fn has_pclmulqdq() -> bool {
        features() & PCLMULQDQ_SSE41 != 0
    }

    /// VPCLMULQDQ with AVX2 (and PCLMULQDQ, SSE4.1).
    #[cfg(binascii_vpclmulqdq)]
    pub(crate) fn has_vpclmulqdq_avx2() -> bool {
        features() & VPCLMUL_AVX2 != 0
    }

    /// VPCLMULQDQ with AVX-512 F and the OS's ZMM state (and PCLMULQDQ,
    /// SSE4.1).
    #[cfg(binascii_vpclmulqdq)]
    pub(crate) fn has_vpclmulqdq_avx512() -> bool {
        features() & VPCLMUL_AVX512 != 0
    }
}

#[cfg(target_arch = "aarch64")]
mod arm {
    use core::sync::atomic::AtomicU8;

    const PMULL: u8 = 1 << 0;
    const SHA3: u8 = 1 << 1;
    static FEATURES: AtomicU8 = AtomicU8::new(0);

    /// Linux and Android say what the CPU has in the auxiliary vector.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[cold]
    #[inline(never)]
    fn detect() -> u8 {
        extern "C" {
            // libc's (glibc, musl, bionic): every such process links it.
            fn getauxval(kind: core::ffi::c_ulong) -> core::ffi::c_ulong;
        }
        const AT_HWCAP: core::ffi::c_ulong = 16;
        const HWCAP_PMULL: core::ffi::c_ulong = 1 << 4;
        const HWCAP_SHA3: core::ffi::c_ulong = 1 << 17;
        // SAFETY: getauxval only reads the process's auxiliary vector.
        #[allow(unsafe_code)]
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

    /// Elsewhere, what the target promises (Apple's aarch64 targets
    /// include both).
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    fn detect() -> u8 {
        let pmull = if cfg!(target_feature = "aes") {
            PMULL
        } else {
            0
        };
        pmull
            | if cfg!(target_feature = "sha3") {
                SHA3
            } else {
                0
            }
    }

    fn features() -> u8 {
        super::cached(&FEATURES, detect)
    }

    /// PMULL (64-bit polynomial multiply, part of FEAT_AES).
    pub(crate) fn has_pmull() -> bool {
        features() & PMULL != 0
    }

    /// SHA3's EOR3 (three-way exclusive or).
    pub(crate) fn has_sha3() -> bool {
        features() & SHA3 != 0
    }
}

#[cfg(target_arch = "aarch64")]
pub(crate) use arm::{has_pmull, has_sha3};

#[cfg(all(target_arch = "x86_64", binascii_avx512))]
pub(crate) use x86::has_avx512vbmi;
#[cfg(target_arch = "x86_64")]
pub(crate) use x86::{has_avx2, has_pclmulqdq, has_ssse3};
#[cfg(all(target_arch = "x86_64", binascii_vpclmulqdq))]
pub(crate) use x86::{has_vpclmulqdq_avx2, has_vpclmulqdq_avx512};
