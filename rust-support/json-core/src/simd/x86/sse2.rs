//! SSE2 (every x86_64 CPU): 16-byte registers. Unsigned compares, which
//! SSE2 lacks, flip the sign bits and compare signed.

use super::super::loops;
use super::super::vector::{Vector, WINDOW};
use crate::scalar;
use crate::unit::CodeUnit;
use core::arch::x86_64::*;
use core::mem::size_of;
use core::ptr;

impl Vector for __m128i {
    type Mask = __m128i;
    const BYTES: usize = 16;

    #[inline(always)]
    unsafe fn zero() -> Self {
        _mm_setzero_si128()
    }

    #[inline(always)]
    unsafe fn splat<T: CodeUnit>(c: u32) -> Self {
        match size_of::<T>() {
            1 => _mm_set1_epi8(c as i8),
            2 => _mm_set1_epi16(c as i16),
            _ => _mm_set1_epi32(c as i32),
        }
    }

    #[inline(always)]
    unsafe fn load<T: CodeUnit>(p: *const T) -> Self {
        _mm_loadu_si128(p.cast())
    }

    #[inline(always)]
    unsafe fn store<T: CodeUnit>(self, p: *mut T) {
        _mm_storeu_si128(p.cast(), self)
    }

    #[inline(always)]
    unsafe fn store_ascii<T: CodeUnit>(self, p: *mut u8) {
        match size_of::<T>() {
            1 => _mm_storeu_si128(p.cast(), self),
            // Saturating packs keep every byte below 0x80 as it is.
            2 => _mm_storel_epi64(p.cast(), _mm_packus_epi16(self, self)),
            _ => {
                let words = _mm_packs_epi32(self, self);
                let bytes = _mm_packus_epi16(words, words);
                ptr::write_unaligned(p.cast::<i32>(), _mm_cvtsi128_si32(bytes));
            }
        }
    }

    #[inline(always)]
    unsafe fn or(self, other: Self) -> Self {
        _mm_or_si128(self, other)
    }

    #[inline(always)]
    unsafe fn sub<T: CodeUnit>(self, other: Self) -> Self {
        match size_of::<T>() {
            1 => _mm_sub_epi8(self, other),
            2 => _mm_sub_epi16(self, other),
            _ => _mm_sub_epi32(self, other),
        }
    }

    #[inline(always)]
    unsafe fn eq<T: CodeUnit>(self, other: Self) -> Self {
        match size_of::<T>() {
            1 => _mm_cmpeq_epi8(self, other),
            2 => _mm_cmpeq_epi16(self, other),
            _ => _mm_cmpeq_epi32(self, other),
        }
    }

    #[inline(always)]
    unsafe fn lt<T: CodeUnit>(self, other: Self) -> Self {
        let sign = Self::splat::<T>(1 << (8 * size_of::<T>() - 1));
        let (a, b) = (_mm_xor_si128(self, sign), _mm_xor_si128(other, sign));
        match size_of::<T>() {
            1 => _mm_cmpgt_epi8(b, a),
            2 => _mm_cmpgt_epi16(b, a),
            _ => _mm_cmpgt_epi32(b, a),
        }
    }

    #[inline(always)]
    unsafe fn either(a: Self, b: Self) -> Self {
        _mm_or_si128(a, b)
    }

    #[inline(always)]
    unsafe fn bits<T: CodeUnit>(mask: Self) -> u64 {
        u64::from(_mm_movemask_epi8(mask) as u32)
    }

    #[inline(always)]
    fn bits_per_lane<T: CodeUnit>() -> u32 {
        size_of::<T>() as u32
    }

    #[inline(always)]
    unsafe fn keep_first<T: CodeUnit>(self, lanes: usize) -> Self {
        let window = _mm_loadu_si128(WINDOW.as_ptr().add(64 - lanes * size_of::<T>()).cast());
        _mm_and_si128(self, window)
    }
}

// The kernel's entry points: the loops on 16-byte registers, then the
// scalar code's stretch for the rest (`scan` and the runs leave it to the
// caller). SSE2 is in x86_64's baseline, so nothing to enable.

pub(super) unsafe fn scan<T: CodeUnit, const STRICT: bool>(s: &[T], from: usize) -> (usize, u32) {
    loops::scan::<__m128i, T, STRICT>(s, from)
}

pub(super) unsafe fn run<T: CodeUnit, O, const ASCII: bool>(
    s: &[T],
    i: usize,
    out: &mut [O],
    o: usize,
) -> (usize, usize) {
    loops::run::<__m128i, T, O, ASCII>(s, i, out, o)
}

pub(super) unsafe fn extra<T: CodeUnit, const ASCII: bool>(s: &[T]) -> u64 {
    let (total, i) = loops::extra::<__m128i, T, ASCII>(s, 0);
    total.saturating_add(scalar::extra_of_all::<T, ASCII>(&s[i..]))
}
