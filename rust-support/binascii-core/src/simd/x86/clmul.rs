//! crc32 by carry-less multiply folding on 128-bit registers (Gopal et
//! al., "Fast CRC computation for generic polynomials using PCLMULQDQ",
//! Intel 2009): four 16-byte accumulators, each carried 512 bits on and
//! added to the next data, then folded into one and reduced to the CRC by
//! Barrett reduction. `vpclmul.rs` does the same on wider registers and
//! ends with this file's 16-byte steps and reduction.
//!
//! Every function here needs PCLMULQDQ and SSE4.1 (`cpu::has_pclmulqdq`).
//! Loads stay inside `data`: each loop tests that the whole block fits.

use core::arch::x86_64::*;

/// Fold constants for a distance of D bits: x^(D+32) mod P for the low 64
/// bits of a lane and x^(D-32) mod P for the high 64 bits (bit-reflected,
/// times x: zlib's polynomial P in the reflected form PCLMULQDQ gives).
pub(super) type Keys = (i64, i64);
pub(super) const FOLD_128: Keys = (0x1_7519_97d0, 0x0_ccaa_009e);
pub(super) const FOLD_256: Keys = (0x0_f1da_05aa, 0x1_5a54_6366);
pub(super) const FOLD_512: Keys = (0x1_5444_2bd4, 0x1_c6e4_1596);
#[cfg(binascii_vpclmulqdq)]
pub(super) const FOLD_1024: Keys = (0x1_e88e_f372, 0x1_4a7f_e880);
#[cfg(binascii_vpclmulqdq)]
pub(super) const FOLD_2048: Keys = (0x1_1542_778a, 0x1_322d_1430);
/// 64 -> 32 bits: x^64 mod P.
const K64: i64 = 0x1_63cd_6124;
/// Barrett reduction: P(x) and mu = floor(x^64 / P(x)), bit-reflected.
const P_X: i64 = 0x1_db71_0641;
const MU: i64 = 0x1_f701_1641;

#[inline]
#[target_feature(enable = "pclmulqdq,sse4.1")]
pub(super) unsafe fn keys(k: Keys) -> __m128i {
    _mm_set_epi64x(k.1, k.0)
}

#[inline]
#[target_feature(enable = "pclmulqdq,sse4.1")]
unsafe fn load(data: &[u8], at: usize) -> __m128i {
    _mm_loadu_si128(data.as_ptr().add(at).cast())
}

/// `acc` carried on by the distance of `keys`, plus `data`.
#[inline]
#[target_feature(enable = "pclmulqdq,sse4.1")]
pub(super) unsafe fn fold(acc: __m128i, data: __m128i, keys: __m128i) -> __m128i {
    let low = _mm_clmulepi64_si128(acc, keys, 0x00);
    let high = _mm_clmulepi64_si128(acc, keys, 0x11);
    _mm_xor_si128(_mm_xor_si128(data, low), high)
}

/// The 128-bit remainder carried over the 16-byte blocks of `data` from
/// `at`, then reduced: the CRC (binascii's, not inverted) and how far the
/// blocks went.
#[inline]
#[target_feature(enable = "pclmulqdq,sse4.1")]
pub(super) unsafe fn finish(mut x: __m128i, data: &[u8], mut at: usize) -> (u32, usize) {
    let k128 = keys(FOLD_128);
    while at + 16 <= data.len() {
        x = fold(x, load(data, at), k128);
        at += 16;
    }
    (reduce(x), at)
}

/// The CRC of a 128-bit remainder: to 64 bits, to 32, then Barrett.
#[inline]
#[target_feature(enable = "pclmulqdq,sse4.1")]
unsafe fn reduce(x: __m128i) -> u32 {
    let low32 = _mm_set_epi32(0, 0, 0, !0);
    let x = _mm_xor_si128(
        _mm_clmulepi64_si128(x, keys(FOLD_128), 0x10),
        _mm_srli_si128(x, 8),
    );
    let x = _mm_xor_si128(
        _mm_clmulepi64_si128(_mm_and_si128(x, low32), _mm_set_epi64x(0, K64), 0x00),
        _mm_srli_si128(x, 4),
    );
    let pu = _mm_set_epi64x(MU, P_X);
    let t1 = _mm_clmulepi64_si128(_mm_and_si128(x, low32), pu, 0x10);
    let t2 = _mm_clmulepi64_si128(_mm_and_si128(t1, low32), pu, 0x00);
    !(_mm_extract_epi32(_mm_xor_si128(x, t2), 1) as u32)
}

/// The first 16 bytes with the CRC so far (inverted, as the register
/// form carries it) added in.
#[inline]
#[target_feature(enable = "pclmulqdq,sse4.1")]
pub(super) unsafe fn first(crc: u32, data: &[u8]) -> __m128i {
    _mm_xor_si128(load(data, 0), _mm_cvtsi32_si128(!crc as i32))
}

/// `Ops::crc32` on 128-bit registers: the whole 16-byte blocks of `data`.
#[inline(never)]
#[target_feature(enable = "pclmulqdq,sse4.1")]
pub(super) unsafe fn crc32(crc: u32, data: &[u8]) -> (u32, usize) {
    if data.len() < 16 {
        return (crc, 0);
    }
    let mut x0 = first(crc, data);
    if data.len() < 64 {
        return finish(x0, data, 16);
    }
    let (mut x1, mut x2, mut x3) = (load(data, 16), load(data, 32), load(data, 48));
    let mut at = 64;
    let k512 = keys(FOLD_512);
    while at + 64 <= data.len() {
        x0 = fold(x0, load(data, at), k512);
        x1 = fold(x1, load(data, at + 16), k512);
        x2 = fold(x2, load(data, at + 32), k512);
        x3 = fold(x3, load(data, at + 48), k512);
        at += 64;
    }
    let k256 = keys(FOLD_256);
    let (y0, y1) = (fold(x0, x2, k256), fold(x1, x3, k256));
    finish(fold(y0, y1, keys(FOLD_128)), data, at)
}
