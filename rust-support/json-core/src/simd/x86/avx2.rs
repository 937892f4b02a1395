//! AVX2: 32-byte registers, then one 16-byte step for what is left.

use super::super::loops;
use super::super::vector::{by_width, Vector};
use crate::scalar;
use crate::unit::CodeUnit;
use core::arch::x86_64::*;
use core::mem::size_of;

x86_vector!(
    __m256i, 32, _mm256_setzero_si256, [_mm256_set1_epi8, _mm256_set1_epi16, _mm256_set1_epi32],
    _mm256_loadu_si256, _mm256_storeu_si256, _mm256_or_si256, _mm256_and_si256, _mm256_xor_si256,
    [_mm256_sub_epi8, _mm256_sub_epi16, _mm256_sub_epi32],
    [_mm256_cmpeq_epi8, _mm256_cmpeq_epi16, _mm256_cmpeq_epi32],
    [_mm256_cmpgt_epi8, _mm256_cmpgt_epi16, _mm256_cmpgt_epi32], _mm256_movemask_epi8,
    fn store_ascii(self, p) {
        by_width!(T,
            _mm256_storeu_si256(p.cast(), self),
            {
                // Per 128-bit half: its 8 words as bytes, twice; then the
                // first quadword of each half.
                let bytes = _mm256_packus_epi16(self, self);
                let packed = _mm256_permute4x64_epi64::<0b00_00_10_00>(bytes);
                _mm_storeu_si128(p.cast(), _mm256_castsi256_si128(packed));
            },
            {
                let words = _mm256_packs_epi32(self, self);
                let bytes = _mm256_packus_epi16(words, words);
                let pick = _mm256_setr_epi32(0, 4, 0, 0, 0, 0, 0, 0);
                let packed = _mm256_permutevar8x32_epi32(bytes, pick);
                _mm_storel_epi64(p.cast(), _mm256_castsi256_si128(packed));
            },
        )
    }
);

// The entry points.

#[target_feature(enable = "avx2,popcnt")]
#[inline(never)]
pub(super) unsafe fn scan<T: CodeUnit>(s: &[T], from: usize, strict: bool) -> (usize, u32) {
    let (i, hint) = loops::scan_either::<__m256i, T>(s, from, strict);
    let (j, rest) = loops::scan_either::<__m128i, T>(s, i, strict);
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
