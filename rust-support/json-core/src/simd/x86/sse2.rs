//! SSE2 (every x86_64 CPU): 16-byte registers.

use super::super::loops;
use super::super::vector::{by_width, Vector};
use crate::unit::CodeUnit;
use core::arch::x86_64::*;
use core::mem::size_of;
use core::ptr;

x86_vector!(
    __m128i, 16, _mm_setzero_si128, [_mm_set1_epi8, _mm_set1_epi16, _mm_set1_epi32],
    _mm_loadu_si128, _mm_storeu_si128, _mm_or_si128, _mm_and_si128, _mm_xor_si128,
    [_mm_sub_epi8, _mm_sub_epi16, _mm_sub_epi32], [_mm_cmpeq_epi8, _mm_cmpeq_epi16, _mm_cmpeq_epi32],
    [_mm_cmpgt_epi8, _mm_cmpgt_epi16, _mm_cmpgt_epi32], _mm_movemask_epi8,
    fn store_ascii(self, p) {
        by_width!(T,
            _mm_storeu_si128(p.cast(), self),
            // Saturating packs keep every byte below 0x80 as it is.
            _mm_storel_epi64(p.cast(), _mm_packus_epi16(self, self)),
            {
                let words = _mm_packs_epi32(self, self);
                let bytes = _mm_packus_epi16(words, words);
                ptr::write_unaligned(p.cast::<i32>(), _mm_cvtsi128_si32(bytes));
            },
        )
    }
);

// The kernel's entry points: the loops on 16-byte registers, then the
// scalar code's stretch for the rest (`scan` and the runs leave it to the
// caller). SSE2 is in x86_64's baseline, so nothing to enable.

pub(super) unsafe fn scan<T: CodeUnit>(s: &[T], from: usize, strict: bool) -> (usize, u32) {
    loops::scan_either::<__m128i, T>(s, from, strict)
}

pub(super) unsafe fn run<T: CodeUnit, O, const ASCII: bool>(
    s: &[T],
    i: usize,
    out: &mut [O],
    o: usize,
) -> (usize, usize) {
    loops::run::<__m128i, T, O, ASCII>(s, i, out, o)
}
