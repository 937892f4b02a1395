//! AVX2: 32-byte registers, then one 16-byte step for what is left.

use super::super::loops;
use super::super::vector::{Vector, WINDOW};
use crate::scalar;
use crate::unit::CodeUnit;
use core::arch::x86_64::*;
use core::mem::size_of;

impl Vector for __m256i {
    type Mask = __m256i;
    const BYTES: usize = 32;

    #[inline(always)]
    unsafe fn zero() -> Self {
        _mm256_setzero_si256()
    }

    #[inline(always)]
    unsafe fn splat<T: CodeUnit>(c: u32) -> Self {
        match size_of::<T>() {
            1 => _mm256_set1_epi8(c as i8),
            2 => _mm256_set1_epi16(c as i16),
            _ => _mm256_set1_epi32(c as i32),
        }
    }

    #[inline(always)]
    unsafe fn load<T: CodeUnit>(p: *const T) -> Self {
        _mm256_loadu_si256(p.cast())
    }

    #[inline(always)]
    unsafe fn store<T: CodeUnit>(self, p: *mut T) {
        _mm256_storeu_si256(p.cast(), self)
    }

    #[inline(always)]
    unsafe fn store_ascii<T: CodeUnit>(self, p: *mut u8) {
        match size_of::<T>() {
            1 => _mm256_storeu_si256(p.cast(), self),
            2 => {
                // Per 128-bit half: its 8 words as bytes, twice; then the
                // first quadword of each half.
                let bytes = _mm256_packus_epi16(self, self);
                let packed = _mm256_permute4x64_epi64::<0b00_00_10_00>(bytes);
                _mm_storeu_si128(p.cast(), _mm256_castsi256_si128(packed));
            }
            _ => {
                let words = _mm256_packs_epi32(self, self);
                let bytes = _mm256_packus_epi16(words, words);
                let packed =
                    _mm256_permutevar8x32_epi32(bytes, _mm256_setr_epi32(0, 4, 0, 0, 0, 0, 0, 0));
                _mm_storel_epi64(p.cast(), _mm256_castsi256_si128(packed));
            }
        }
    }

    #[inline(always)]
    unsafe fn or(self, other: Self) -> Self {
        _mm256_or_si256(self, other)
    }

    #[inline(always)]
    unsafe fn sub<T: CodeUnit>(self, other: Self) -> Self {
        match size_of::<T>() {
            1 => _mm256_sub_epi8(self, other),
            2 => _mm256_sub_epi16(self, other),
            _ => _mm256_sub_epi32(self, other),
        }
    }

    #[inline(always)]
    unsafe fn eq<T: CodeUnit>(self, other: Self) -> Self {
        match size_of::<T>() {
            1 => _mm256_cmpeq_epi8(self, other),
            2 => _mm256_cmpeq_epi16(self, other),
            _ => _mm256_cmpeq_epi32(self, other),
        }
    }

    #[inline(always)]
    unsafe fn lt<T: CodeUnit>(self, other: Self) -> Self {
        let sign = Self::splat::<T>(1 << (8 * size_of::<T>() - 1));
        let (a, b) = (_mm256_xor_si256(self, sign), _mm256_xor_si256(other, sign));
        match size_of::<T>() {
            1 => _mm256_cmpgt_epi8(b, a),
            2 => _mm256_cmpgt_epi16(b, a),
            _ => _mm256_cmpgt_epi32(b, a),
        }
    }

    #[inline(always)]
    unsafe fn either(a: Self, b: Self) -> Self {
        _mm256_or_si256(a, b)
    }

    #[inline(always)]
    unsafe fn bits<T: CodeUnit>(mask: Self) -> u64 {
        u64::from(_mm256_movemask_epi8(mask) as u32)
    }

    #[inline(always)]
    fn bits_per_lane<T: CodeUnit>() -> u32 {
        size_of::<T>() as u32
    }

    #[inline(always)]
    unsafe fn keep_first<T: CodeUnit>(self, lanes: usize) -> Self {
        let window = _mm256_loadu_si256(WINDOW.as_ptr().add(64 - lanes * size_of::<T>()).cast());
        _mm256_and_si256(self, window)
    }
}

// The entry points.

#[target_feature(enable = "avx2,popcnt")]
#[inline(never)]
pub(super) unsafe fn scan<T: CodeUnit, const STRICT: bool>(s: &[T], from: usize) -> (usize, u32) {
    let (i, hint) = loops::scan::<__m256i, T, STRICT>(s, from);
    let (j, rest) = loops::scan::<__m128i, T, STRICT>(s, i);
    (j, hint | rest)
}

#[target_feature(enable = "avx2,popcnt")]
#[inline(never)]
pub(super) unsafe fn run<T: CodeUnit, O, const ASCII: bool>(
    s: &[T],
    i: usize,
    out: &mut [O],
    o: usize,
) -> (usize, usize) {
    let (i, o) = loops::run::<__m256i, T, O, ASCII>(s, i, out, o);
    loops::run::<__m128i, T, O, ASCII>(s, i, out, o)
}

#[target_feature(enable = "avx2,popcnt")]
#[inline(never)]
pub(super) unsafe fn extra<T: CodeUnit, const ASCII: bool>(s: &[T]) -> u64 {
    let (wide, i) = loops::extra::<__m256i, T, ASCII>(s, 0);
    let (narrow, j) = loops::extra::<__m128i, T, ASCII>(s, i);
    let rest = scalar::extra_of_all::<T, ASCII>(&s[j..]);
    wide.saturating_add(narrow).saturating_add(rest)
}
