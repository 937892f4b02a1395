//! CPU feature detection without std: `cpuid` and `xgetbv` from core::arch
//! (std's `is_x86_feature_detected!` is not available in a `no_std` crate).
//! SSE2 is part of x86_64 and NEON of aarch64: nothing to detect.

#[cfg(target_arch = "x86_64")]
mod x86 {
    use core::arch::x86_64::{__cpuid, __cpuid_count, _xgetbv};
    use core::sync::atomic::{AtomicU8, Ordering};

    const AVX2: u8 = 1 << 0;
    #[cfg_attr(not(json_core_avx512), allow(dead_code))]
    const AVX512BW: u8 = 1 << 1;
    const KNOWN: u8 = 1 << 7;
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
            let osxsave = leaf1.ecx & (1 << 27) != 0;
            let avx = leaf1.ecx & (1 << 28) != 0;
            // Both kernels count lanes with POPCNT.
            let popcnt = leaf1.ecx & (1 << 23) != 0;
            if max_leaf < 7 || !osxsave || !avx || !popcnt {
                return 0;
            }
            let xcr0 = xgetbv0();
            let leaf7 = __cpuid_count(7, 0);
            let mut features = 0;
            // The OS saves the SSE and AVX registers (XCR0 bits 1, 2).
            if xcr0 & 0b110 == 0b110 && leaf7.ebx & (1 << 5) != 0 {
                features |= AVX2;
            }
            // AVX-512 F (ebx bit 16) and BW (bit 30), and the OS saves the
            // opmask and ZMM registers too (XCR0 bits 5, 6, 7).
            let f_bw = (1 << 16) | (1 << 30);
            if leaf7.ebx & f_bw == f_bw && xcr0 & 0b1110_0110 == 0b1110_0110 {
                features |= AVX512BW;
            }
            features
        }
    }

    #[target_feature(enable = "xsave")]
    unsafe fn xgetbv0() -> u64 {
        _xgetbv(0)
    }

    fn features() -> u8 {
        let known = FEATURES.load(Ordering::Relaxed);
        if known & KNOWN != 0 {
            return known;
        }
        let found = detect() | KNOWN;
        FEATURES.store(found, Ordering::Relaxed);
        found
    }

    /// AVX2 and POPCNT, with the OS's YMM state.
    pub(crate) fn has_avx2() -> bool {
        features() & AVX2 != 0
    }

    /// AVX-512 F and BW (and POPCNT), with the OS's ZMM state.
    #[cfg(json_core_avx512)]
    pub(crate) fn has_avx512bw() -> bool {
        features() & AVX512BW != 0
    }
}

#[cfg(target_arch = "x86_64")]
pub(crate) use x86::has_avx2;
#[cfg(all(target_arch = "x86_64", json_core_avx512))]
pub(crate) use x86::has_avx512bw;
