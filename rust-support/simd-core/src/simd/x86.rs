//! x86_64: `cpuid` for what the CPU has, `xgetbv` for which registers the
//! OS saves on a context switch (a kernel may use only those).

use super::cache::features;
use core::arch::x86_64::{__cpuid, __cpuid_count, _xgetbv};

// The bits below `cache::KNOWN`; the low byte keeps each test one byte.
const SSSE3: u16 = 1 << 0;
const AVX2: u16 = 1 << 1;
const PCLMULQDQ_SSE41: u16 = 1 << 2;
const AVX512VBMI: u16 = 1 << 3;
const VPCLMUL_AVX2: u16 = 1 << 4;
const VPCLMUL_AVX512: u16 = 1 << 5;
const POPCNT: u16 = 1 << 6;
const AVX512BW: u16 = 1 << 7;

/// The CPU's feature bits (called once, by `cache`).
pub(crate) fn detect() -> u16 {
    // SAFETY: cpuid exists on every x86_64 CPU; leaf 7 is read only when
    // leaf 0 says it exists, and xgetbv only when OSXSAVE says the OS
    // enabled it.
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
        if leaf1.ecx & (1 << 23) != 0 {
            features |= POPCNT;
        }
        let osxsave = leaf1.ecx & (1 << 27) != 0;
        let avx = leaf1.ecx & (1 << 28) != 0;
        if max_leaf >= 7 && osxsave && avx {
            let xcr0 = xgetbv0();
            // The OS saves the SSE and AVX state (XCR0 bits 1, 2), and for
            // AVX-512 the opmask and ZMM state too (bits 5, 6, 7).
            let os_ymm = xcr0 & 0b110 == 0b110;
            let os_zmm = xcr0 & 0b1110_0110 == 0b1110_0110;
            let leaf7 = __cpuid_count(7, 0);
            if os_ymm && leaf7.ebx & (1 << 5) != 0 {
                features |= AVX2;
            }
            // VPCLMULQDQ (crc32's wide folding) on AVX2's or AVX-512 F's
            // registers; its 128-bit tail is PCLMULQDQ's.
            let vpclmul = leaf7.ecx & (1 << 10) != 0 && features & PCLMULQDQ_SSE41 != 0;
            if vpclmul && features & AVX2 != 0 {
                features |= VPCLMUL_AVX2;
            }
            if vpclmul && leaf7.ebx & (1 << 16) != 0 && os_zmm {
                features |= VPCLMUL_AVX512;
            }
            // AVX-512 F (ebx bit 16) and BW (bit 30), with POPCNT (the
            // kernels count lanes with it).
            let f_bw = (1 << 16) | (1 << 30);
            if leaf7.ebx & f_bw == f_bw && os_zmm && features & POPCNT != 0 {
                features |= AVX512BW;
                // VBMI and VBMI2 (ecx bits 1, 6): every CPU with VBMI but
                // Cannon Lake has VBMI2.
                let vbmi = (1 << 1) | (1 << 6);
                if leaf7.ecx & vbmi == vbmi {
                    features |= AVX512VBMI;
                }
            }
        }
        features
    }
}

/// XCR0, the register state the OS saves.
///
/// # Safety
///
/// The OS must have enabled XSAVE (CPUID leaf 1, ECX bit 27, OSXSAVE).
#[target_feature(enable = "xsave")]
unsafe fn xgetbv0() -> u64 {
    // SAFETY: the caller checked OSXSAVE.
    unsafe { _xgetbv(0) }
}

#[inline]
fn has(bits: u16) -> bool {
    features() & bits != 0
}

/// SSSE3.
#[inline]
pub fn has_ssse3() -> bool {
    has(SSSE3)
}

/// POPCNT.
#[inline]
pub fn has_popcnt() -> bool {
    has(POPCNT)
}

/// AVX2, and the OS saves the YMM registers.
#[inline]
pub fn has_avx2() -> bool {
    has(AVX2)
}

/// PCLMULQDQ and SSE4.1 (crc32's folding).
#[inline]
pub fn has_pclmulqdq() -> bool {
    has(PCLMULQDQ_SSE41)
}

/// AVX-512 F and BW, and POPCNT; the OS saves the ZMM and opmask
/// registers.
#[inline]
pub fn has_avx512bw() -> bool {
    has(AVX512BW)
}

/// [`has_avx512bw`] and AVX-512 VBMI and VBMI2.
#[inline]
pub fn has_avx512vbmi() -> bool {
    has(AVX512VBMI)
}

/// VPCLMULQDQ with AVX2 (and PCLMULQDQ, SSE4.1), the OS saving the YMM
/// registers.
#[inline]
pub fn has_vpclmulqdq_avx2() -> bool {
    has(VPCLMUL_AVX2)
}

/// VPCLMULQDQ with AVX-512 F (and PCLMULQDQ, SSE4.1), the OS saving the
/// ZMM registers.
#[inline]
pub fn has_vpclmulqdq_avx512() -> bool {
    has(VPCLMUL_AVX512)
}
