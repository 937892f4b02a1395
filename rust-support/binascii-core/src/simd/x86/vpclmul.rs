//! crc32 by VPCLMULQDQ folding on 256- and 512-bit registers (after the
//! Linux kernel's x86 CRC template and zlib-ng's crc32_vpclmulqdq): four
//! accumulators of 2 or 4 lanes carried 4 registers on per step, then
//! folded into one register, halved down to 128 bits and finished by
//! `clmul.rs` (the 16-byte blocks left and the Barrett reduction).
//!
//! `crc32_256` needs AVX2 and VPCLMULQDQ (`cpu::has_vpclmulqdq_avx2`),
//! `crc32_512` AVX-512 F and VPCLMULQDQ (`cpu::has_vpclmulqdq_avx512`);
//! both also PCLMULQDQ and SSE4.1, which such CPUs have. Compiled when
//! `build.rs` finds the intrinsics (rustc >= 1.89). Loads stay inside
//! `data`: each loop tests that the whole block fits.

use super::clmul::{self, Keys, FOLD_1024, FOLD_128, FOLD_2048, FOLD_256, FOLD_512};
use core::arch::x86_64::*;

#[inline]
#[target_feature(enable = "avx2,vpclmulqdq,pclmulqdq,sse4.1")]
unsafe fn keys256(k: Keys) -> __m256i {
    _mm256_broadcastsi128_si256(clmul::keys(k))
}

#[inline]
#[target_feature(enable = "avx2,vpclmulqdq,pclmulqdq,sse4.1")]
unsafe fn load256(data: &[u8], at: usize) -> __m256i {
    _mm256_loadu_si256(data.as_ptr().add(at).cast())
}

/// `acc` carried on by the distance of `keys`, plus `data`, in each lane.
#[inline]
#[target_feature(enable = "avx2,vpclmulqdq,pclmulqdq,sse4.1")]
unsafe fn fold256(acc: __m256i, data: __m256i, keys: __m256i) -> __m256i {
    let low = _mm256_clmulepi64_epi128(acc, keys, 0x00);
    let high = _mm256_clmulepi64_epi128(acc, keys, 0x11);
    _mm256_xor_si256(_mm256_xor_si256(data, low), high)
}

/// Two lanes to one: the first carried 128 bits on into the second.
#[inline]
#[target_feature(enable = "avx2,vpclmulqdq,pclmulqdq,sse4.1")]
unsafe fn halve256(x: __m256i) -> __m128i {
    let (low, high) = (_mm256_castsi256_si128(x), _mm256_extracti128_si256(x, 1));
    clmul::fold(low, high, clmul::keys(FOLD_128))
}

#[inline(never)]
#[target_feature(enable = "avx2,vpclmulqdq,pclmulqdq,sse4.1")]
pub(super) unsafe fn crc32_256(crc: u32, data: &[u8]) -> (u32, usize) {
    if data.len() < 32 {
        return clmul::crc32(crc, data);
    }
    let init = _mm256_zextsi128_si256(_mm_cvtsi32_si128(!crc as i32));
    let mut x0 = _mm256_xor_si256(load256(data, 0), init);
    let mut at = 32;
    if data.len() >= 128 {
        let (mut x1, mut x2, mut x3) = (load256(data, 32), load256(data, 64), load256(data, 96));
        at = 128;
        let k = keys256(FOLD_1024);
        while at + 128 <= data.len() {
            x0 = fold256(x0, load256(data, at), k);
            x1 = fold256(x1, load256(data, at + 32), k);
            x2 = fold256(x2, load256(data, at + 64), k);
            x3 = fold256(x3, load256(data, at + 96), k);
            at += 128;
        }
        let k = keys256(FOLD_512);
        let (y0, y1) = (fold256(x0, x2, k), fold256(x1, x3, k));
        x0 = fold256(y0, y1, keys256(FOLD_256));
    }
    let k = keys256(FOLD_256);
    while at + 32 <= data.len() {
        x0 = fold256(x0, load256(data, at), k);
        at += 32;
    }
    clmul::finish(halve256(x0), data, at)
}

#[inline]
#[target_feature(enable = "avx512f,avx2,vpclmulqdq,pclmulqdq,sse4.1")]
unsafe fn keys512(k: Keys) -> __m512i {
    _mm512_broadcast_i32x4(clmul::keys(k))
}

#[inline]
#[target_feature(enable = "avx512f,avx2,vpclmulqdq,pclmulqdq,sse4.1")]
unsafe fn load512(data: &[u8], at: usize) -> __m512i {
    _mm512_loadu_si512(data.as_ptr().add(at).cast())
}

/// `acc` carried on by the distance of `keys`, plus `data`, in each lane
/// (the three-way sum in one `vpternlogq`).
#[inline]
#[target_feature(enable = "avx512f,avx2,vpclmulqdq,pclmulqdq,sse4.1")]
unsafe fn fold512(acc: __m512i, data: __m512i, keys: __m512i) -> __m512i {
    let low = _mm512_clmulepi64_epi128(acc, keys, 0x00);
    let high = _mm512_clmulepi64_epi128(acc, keys, 0x11);
    _mm512_ternarylogic_epi64(data, low, high, 0x96)
}

#[inline(never)]
#[target_feature(enable = "avx512f,avx2,vpclmulqdq,pclmulqdq,sse4.1")]
pub(super) unsafe fn crc32_512(crc: u32, data: &[u8]) -> (u32, usize) {
    if data.len() < 64 {
        return clmul::crc32(crc, data);
    }
    let init = _mm512_zextsi128_si512(_mm_cvtsi32_si128(!crc as i32));
    let mut x0 = _mm512_xor_si512(load512(data, 0), init);
    let mut at = 64;
    if data.len() >= 256 {
        let (mut x1, mut x2, mut x3) = (load512(data, 64), load512(data, 128), load512(data, 192));
        at = 256;
        let k = keys512(FOLD_2048);
        while at + 256 <= data.len() {
            x0 = fold512(x0, load512(data, at), k);
            x1 = fold512(x1, load512(data, at + 64), k);
            x2 = fold512(x2, load512(data, at + 128), k);
            x3 = fold512(x3, load512(data, at + 192), k);
            at += 256;
        }
        let k = keys512(FOLD_1024);
        let (y0, y1) = (fold512(x0, x2, k), fold512(x1, x3, k));
        x0 = fold512(y0, y1, keys512(FOLD_512));
    }
    let k = keys512(FOLD_512);
    while at + 64 <= data.len() {
        x0 = fold512(x0, load512(data, at), k);
        at += 64;
    }
    // Four lanes to two: the low half carried 256 bits on into the high.
    let (low, high) = (_mm512_castsi512_si256(x0), _mm512_extracti64x4_epi64(x0, 1));
    let x = fold256(low, high, keys256(FOLD_256));
    clmul::finish(halve256(x), data, at)
}
