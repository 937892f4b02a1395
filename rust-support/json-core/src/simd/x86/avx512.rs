//! AVX-512 F and BW: 64-byte registers, predicates straight into mask
//! registers, and masked loads and stores for the last units, so nothing
//! is left to the scalar code.

use super::super::loops;
use super::super::vector::{by_width, Vector};
use crate::unit::CodeUnit;
use core::arch::x86_64::*;

/// The mask of the first `n` lanes (`n` below 64).
#[inline(always)]
fn first(n: usize) -> u64 {
    (1u64 << n) - 1
}

impl Vector for __m512i {
    type Mask = u64;
    const BYTES: usize = 64;
    const PARTIAL: bool = true;

    #[inline(always)]
    unsafe fn zero() -> Self {
        _mm512_setzero_si512()
    }

    #[inline(always)]
    unsafe fn splat<T: CodeUnit>(c: u32) -> Self {
        by_width!(
            T,
            _mm512_set1_epi8(c as i8),
            _mm512_set1_epi16(c as i16),
            _mm512_set1_epi32(c as i32)
        )
    }

    #[inline(always)]
    unsafe fn load<T: CodeUnit>(p: *const T) -> Self {
        _mm512_loadu_si512(p.cast())
    }

    #[inline(always)]
    unsafe fn store<T: CodeUnit>(self, p: *mut T) {
        _mm512_storeu_si512(p.cast(), self)
    }

    #[inline(always)]
    unsafe fn store_ascii<T: CodeUnit>(self, p: *mut u8) {
        by_width!(
            T,
            _mm512_storeu_si512(p.cast(), self),
            _mm256_storeu_si256(p.cast(), _mm512_cvtepi16_epi8(self)),
            _mm_storeu_si128(p.cast(), _mm512_cvtepi32_epi8(self))
        )
    }

    #[inline(always)]
    unsafe fn load_partial<T: CodeUnit>(p: *const T, n: usize) -> Self {
        let k = first(n);
        by_width!(
            T,
            _mm512_maskz_loadu_epi8(k, p.cast()),
            _mm512_maskz_loadu_epi16(k as u32, p.cast()),
            _mm512_maskz_loadu_epi32(k as u16, p.cast())
        )
    }

    #[inline(always)]
    unsafe fn store_partial<T: CodeUnit>(self, p: *mut T, n: usize) {
        let k = first(n);
        by_width!(
            T,
            _mm512_mask_storeu_epi8(p.cast(), k, self),
            _mm512_mask_storeu_epi16(p.cast(), k as u32, self),
            _mm512_mask_storeu_epi32(p.cast(), k as u16, self)
        )
    }

    #[inline(always)]
    unsafe fn store_ascii_partial<T: CodeUnit>(self, p: *mut u8, n: usize) {
        let k = first(n);
        by_width!(
            T,
            _mm512_mask_storeu_epi8(p.cast(), k, self),
            _mm512_mask_cvtepi16_storeu_epi8(p.cast(), k as u32, self),
            _mm512_mask_cvtepi32_storeu_epi8(p.cast(), k as u16, self)
        )
    }

    #[inline(always)]
    unsafe fn or(self, other: Self) -> Self {
        _mm512_or_si512(self, other)
    }

    #[inline(always)]
    unsafe fn sub<T: CodeUnit>(self, other: Self) -> Self {
        by_width!(
            T,
            _mm512_sub_epi8(self, other),
            _mm512_sub_epi16(self, other),
            _mm512_sub_epi32(self, other)
        )
    }

    #[inline(always)]
    unsafe fn eq<T: CodeUnit>(self, other: Self) -> u64 {
        by_width!(
            T,
            _mm512_cmpeq_epi8_mask(self, other),
            u64::from(_mm512_cmpeq_epi16_mask(self, other)),
            u64::from(_mm512_cmpeq_epi32_mask(self, other))
        )
    }

    #[inline(always)]
    unsafe fn lt<T: CodeUnit>(self, other: Self) -> u64 {
        by_width!(
            T,
            _mm512_cmplt_epu8_mask(self, other),
            u64::from(_mm512_cmplt_epu16_mask(self, other)),
            u64::from(_mm512_cmplt_epu32_mask(self, other))
        )
    }

    #[inline(always)]
    unsafe fn either(a: u64, b: u64) -> u64 {
        a | b
    }

    #[inline(always)]
    unsafe fn bits<T: CodeUnit>(mask: u64) -> u64 {
        mask
    }

    #[inline(always)]
    fn bits_per_lane<T: CodeUnit>() -> u32 {
        1
    }
}

// The entry points: 64-byte registers to the end, the last one masked.

#[target_feature(enable = "avx512f,avx512bw,popcnt")]
pub(super) unsafe fn scan<T: CodeUnit>(s: &[T], from: usize, strict: bool) -> (usize, u32) {
    loops::scan_either::<__m512i, T>(s, from, strict)
}

#[target_feature(enable = "avx512f,avx512bw,popcnt")]
pub(super) unsafe fn run<T: CodeUnit, O, const ASCII: bool>(
    s: &[T],
    i: usize,
    out: &mut [O],
    o: usize,
) -> (usize, usize) {
    loops::run::<__m512i, T, O, ASCII>(s, i, out, o)
}
