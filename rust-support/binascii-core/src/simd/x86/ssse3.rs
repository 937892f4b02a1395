//! SSSE3 kernels: 16-byte blocks (12 bytes to 16 base64 characters).
//!
//! Every function here needs SSSE3 (see the SAFETY note in `mod.rs`).
//! Loads and stores are unaligned and stay inside the slices: each loop
//! tests that the whole 16-byte access fits before making it.

use super::{
    compact_indices, DEC_HI, DEC_LO, DEC_PACK, DEC_ROLL, ENC_OFFSETS, ENC_SHUFFLE, HEX_DIGITS,
};
use core::arch::asm;
use core::arch::x86_64::*;
use core::mem::MaybeUninit;

#[inline]
#[target_feature(enable = "ssse3")]
unsafe fn table(bytes: &[u8; 16]) -> __m128i {
    _mm_loadu_si128(bytes.as_ptr().cast())
}

/// The encoder's constants.
#[derive(Clone, Copy)]
struct Encoding {
    shuffle: __m128i,
    offsets: __m128i,
    mulhi: __m128i,
    mullo: __m128i,
}

impl Encoding {
    #[inline]
    #[target_feature(enable = "ssse3")]
    unsafe fn new() -> Encoding {
        Encoding {
            shuffle: table(&ENC_SHUFFLE),
            offsets: table(&ENC_OFFSETS),
            mulhi: _mm_set1_epi32(0x0400_0040),
            mullo: _mm_set1_epi32(0x0100_0010),
        }
    }
}

/// The 16 base64 characters of the first 12 bytes of `x`.
#[inline]
#[target_feature(enable = "ssse3")]
unsafe fn encode_block(x: __m128i, k: Encoding) -> __m128i {
    let Encoding {
        shuffle,
        offsets,
        mulhi,
        mullo,
    } = k;
    let x = _mm_shuffle_epi8(x, shuffle);
    let t0 = _mm_and_si128(x, _mm_set1_epi32(0x0fc0_fc00));
    // `pmulhuw` itself: core::arch's
    // `_mm_mulhi_epu16` is generic code that LLVM compiles into widening
    // shifts, twice as slow here.
    let mut t1 = t0;
    asm!("pmulhuw {t1}, {k}", t1 = inout(xmm_reg) t1, k = in(xmm_reg) mulhi,
         options(pure, nomem, nostack, preserves_flags));
    let t2 = _mm_and_si128(x, _mm_set1_epi32(0x003f_03f0));
    let t3 = _mm_mullo_epi16(t2, mullo);
    let indices = _mm_or_si128(t1, t3);
    // Classes (ENC_OFFSETS): 52..=63 to 1..=12 by saturation, then one
    // more above 25.
    let class = _mm_subs_epu8(indices, _mm_set1_epi8(51));
    let above25 = _mm_cmpgt_epi8(indices, _mm_set1_epi8(25));
    let class = _mm_sub_epi8(class, above25);
    _mm_add_epi8(indices, _mm_shuffle_epi8(offsets, class))
}

#[target_feature(enable = "ssse3")]
pub(super) unsafe fn encode(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> usize {
    let (mut i, mut o) = (0, 0);
    let k = Encoding::new();
    // 16 bytes read (12 used), 16 written.
    while i + 16 <= src.len() && o + 16 <= dst.len() {
        let x = _mm_loadu_si128(src.as_ptr().add(i).cast());
        _mm_storeu_si128(dst.as_mut_ptr().add(o).cast(), encode_block(x, k));
        i += 12;
        o += 16;
    }
    i
}

/// Alphabet test of 16 bytes: bit k of the result set when byte k is in
/// the alphabet. Also returns the high nibbles (for `translate`).
#[inline]
#[target_feature(enable = "ssse3")]
pub(super) unsafe fn classify(x: __m128i) -> (i32, __m128i) {
    let mask_2f = _mm_set1_epi8(0x2f);
    let hi_nibbles = _mm_and_si128(_mm_srli_epi32(x, 4), mask_2f);
    let lo_nibbles = _mm_and_si128(x, mask_2f);
    let lo = _mm_shuffle_epi8(table(&DEC_LO), lo_nibbles);
    let hi = _mm_shuffle_epi8(table(&DEC_HI), hi_nibbles);
    let bad = _mm_and_si128(lo, hi);
    let good = _mm_movemask_epi8(_mm_cmpeq_epi8(bad, _mm_setzero_si128()));
    (good, hi_nibbles)
}

/// The 12 bytes 16 alphabet characters stand for, in the low 12 bytes.
#[inline]
#[target_feature(enable = "ssse3")]
unsafe fn decode_block(x: __m128i, hi_nibbles: __m128i) -> __m128i {
    let is_slash = _mm_cmpeq_epi8(x, _mm_set1_epi8(0x2f));
    let roll = _mm_shuffle_epi8(table(&DEC_ROLL), _mm_add_epi8(is_slash, hi_nibbles));
    let values = _mm_add_epi8(x, roll);
    let pairs = _mm_maddubs_epi16(values, _mm_set1_epi32(0x0140_0140));
    let groups = _mm_madd_epi16(pairs, _mm_set1_epi32(0x0001_1000));
    _mm_shuffle_epi8(groups, table(&DEC_PACK))
}

#[target_feature(enable = "ssse3")]
pub(super) unsafe fn decode(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> usize {
    let (mut i, mut o) = (0, 0);
    while i + 16 <= src.len() && o + 12 <= dst.len() {
        let x = _mm_loadu_si128(src.as_ptr().add(i).cast());
        let (good, hi_nibbles) = classify(x);
        if good != 0xffff {
            break;
        }
        let bytes = decode_block(x, hi_nibbles);
        let out = dst.as_mut_ptr().add(o);
        if o + 16 <= dst.len() {
            _mm_storeu_si128(out.cast(), bytes);
        } else {
            _mm_storel_epi64(out.cast(), bytes);
            let last = _mm_cvtsi128_si32(_mm_srli_si128(bytes, 8));
            out.add(8).cast::<i32>().write_unaligned(last);
        }
        i += 16;
        o += 12;
    }
    i
}

/// Writes the bytes of `x` whose bit is set in `keep` (16 bits) to `out`,
/// in order; returns how many. Writes 8 + count bytes at most.
#[inline]
#[target_feature(enable = "ssse3")]
pub(super) unsafe fn compact_block(x: __m128i, keep: u32, out: *mut u8) -> usize {
    let (i0, n0) = compact_indices((keep & 0xff) as usize);
    let (i1, n1) = compact_indices((keep >> 8 & 0xff) as usize);
    let indices = _mm_set_epi64x((i1 + 0x0808_0808_0808_0808) as i64, i0 as i64);
    let moved = _mm_shuffle_epi8(x, indices);
    _mm_storel_epi64(out.cast(), moved);
    _mm_storel_epi64(out.add(n0).cast(), _mm_unpackhi_epi64(moved, moved));
    n0 + n1
}

#[target_feature(enable = "ssse3")]
pub(super) unsafe fn compact(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> (usize, usize) {
    let end = src.len().min(dst.len());
    let (mut i, mut o) = (0, 0);
    let pad = _mm_set1_epi8(b'=' as i8);
    // o <= i, so the 16-byte stores stay below i + 16 <= dst.len().
    while i + 16 <= end {
        let x = _mm_loadu_si128(src.as_ptr().add(i).cast());
        if _mm_movemask_epi8(_mm_cmpeq_epi8(x, pad)) != 0 {
            break;
        }
        let (good, _) = classify(x);
        if good == 0xffff {
            _mm_storeu_si128(dst.as_mut_ptr().add(o).cast(), x);
            o += 16;
        } else {
            o += compact_block(x, good as u32, dst.as_mut_ptr().add(o).cast());
        }
        i += 16;
    }
    (i, o)
}

/// The 32 hex digits of 16 bytes.
#[inline]
#[target_feature(enable = "ssse3")]
unsafe fn hex_block(x: __m128i) -> (__m128i, __m128i) {
    let low4 = _mm_set1_epi8(0x0f);
    let digits = table(&HEX_DIGITS);
    let hi = _mm_shuffle_epi8(digits, _mm_and_si128(_mm_srli_epi16(x, 4), low4));
    let lo = _mm_shuffle_epi8(digits, _mm_and_si128(x, low4));
    (_mm_unpacklo_epi8(hi, lo), _mm_unpackhi_epi8(hi, lo))
}

#[target_feature(enable = "ssse3")]
pub(super) unsafe fn hexlify(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> usize {
    let mut i = 0;
    while i + 16 <= src.len() && 2 * i + 32 <= dst.len() {
        let (a, b) = hex_block(_mm_loadu_si128(src.as_ptr().add(i).cast()));
        let out = dst.as_mut_ptr().add(2 * i);
        _mm_storeu_si128(out.cast(), a);
        _mm_storeu_si128(out.add(16).cast(), b);
        i += 16;
    }
    i
}

/// Values of 16 hex digits (either case), and whether all are digits.
#[inline]
#[target_feature(enable = "ssse3")]
pub(super) unsafe fn hex_values(x: __m128i) -> (__m128i, bool) {
    let digit = _mm_sub_epi8(x, _mm_set1_epi8(b'0' as i8));
    let is_digit = _mm_cmpeq_epi8(_mm_min_epu8(digit, _mm_set1_epi8(9)), digit);
    let letter = _mm_sub_epi8(
        _mm_or_si128(x, _mm_set1_epi8(0x20)),
        _mm_set1_epi8(b'a' as i8),
    );
    let is_letter = _mm_cmpeq_epi8(_mm_min_epu8(letter, _mm_set1_epi8(5)), letter);
    let values = _mm_or_si128(
        _mm_and_si128(is_digit, digit),
        _mm_and_si128(is_letter, _mm_add_epi8(letter, _mm_set1_epi8(10))),
    );
    let ok = _mm_movemask_epi8(_mm_or_si128(is_digit, is_letter)) == 0xffff;
    (values, ok)
}

#[target_feature(enable = "ssse3")]
pub(super) unsafe fn unhexlify(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> usize {
    let mut i = 0;
    let weights = _mm_set1_epi16(0x0110);
    while i + 32 <= src.len() && i / 2 + 16 <= dst.len() {
        let (a, a_ok) = hex_values(_mm_loadu_si128(src.as_ptr().add(i).cast()));
        let (b, b_ok) = hex_values(_mm_loadu_si128(src.as_ptr().add(i + 16).cast()));
        if !(a_ok && b_ok) {
            break;
        }
        // Each pair (high digit, low digit) to high * 16 + low.
        let bytes = _mm_packus_epi16(_mm_maddubs_epi16(a, weights), _mm_maddubs_epi16(b, weights));
        _mm_storeu_si128(dst.as_mut_ptr().add(i / 2).cast(), bytes);
        i += 32;
    }
    i
}
