//! AVX2 kernels: 32-byte blocks (24 bytes to 32 base64 characters), with
//! the 16-byte SSSE3 step (VEX-encoded here) for what is left.
//!
//! Every function here needs AVX2 (see the SAFETY note in `mod.rs`).
//! Loads and stores are unaligned and stay inside the slices: each loop
//! tests that the whole access fits before making it. The five entry
//! points are never inlined: the AVX-512 kernels call them for their
//! tails, and one copy of each keeps the module small.

use super::ssse3;
use super::{
    compact_indices, DEC_HI, DEC_LO, DEC_PACK, DEC_ROLL, ENC_OFFSETS, ENC_SHUFFLE, HEX_DIGITS,
};
use crate::simd::Lines;
use core::arch::asm;
use core::arch::x86_64::*;
use core::mem::MaybeUninit;

/// A 16-byte table in both lanes.
#[inline]
#[target_feature(enable = "avx2")]
unsafe fn table(bytes: &[u8; 16]) -> __m256i {
    _mm256_broadcastsi128_si256(_mm_loadu_si128(bytes.as_ptr().cast()))
}

#[inline]
#[target_feature(enable = "avx2")]
unsafe fn load(src: &[u8], at: usize) -> __m256i {
    _mm256_loadu_si256(src.as_ptr().add(at).cast())
}

/// The encoder's constants.
#[derive(Clone, Copy)]
struct Encoding {
    shuffle: __m256i,
    offsets: __m256i,
    mulhi: __m256i,
    mullo: __m256i,
}

impl Encoding {
    /// With `shuffle` picking the triples of each lane.
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn new(shuffle: __m256i) -> Encoding {
        Encoding {
            shuffle,
            offsets: table(&ENC_OFFSETS),
            mulhi: _mm256_set1_epi32(0x0400_0040),
            mullo: _mm256_set1_epi32(0x0100_0010),
        }
    }
}

/// The 32 base64 characters of the 24 bytes `shuffle` picks from `x`
/// (`ENC_SHUFFLE`: bytes 0..12 and 16..28).
#[inline]
#[target_feature(enable = "avx2")]
unsafe fn encode_block(x: __m256i, k: Encoding) -> __m256i {
    let Encoding {
        shuffle,
        offsets,
        mulhi,
        mullo,
    } = k;
    let x = _mm256_shuffle_epi8(x, shuffle);
    let t0 = _mm256_and_si256(x, _mm256_set1_epi32(0x0fc0_fc00));
    // `vpmulhuw` itself: core::arch's `_mm256_mulhi_epu16` is generic
    // code that LLVM compiles into widening shifts, twice as slow here.
    let t1: __m256i;
    asm!("vpmulhuw {t1}, {t0}, {k}", t1 = lateout(ymm_reg) t1, t0 = in(ymm_reg) t0,
         k = in(ymm_reg) mulhi, options(pure, nomem, nostack, preserves_flags));
    let t2 = _mm256_and_si256(x, _mm256_set1_epi32(0x003f_03f0));
    let t3: __m256i;
    asm!("vpmullw {t3}, {t2}, {k}", t3 = lateout(ymm_reg) t3, t2 = in(ymm_reg) t2,
         k = in(ymm_reg) mullo, options(pure, nomem, nostack, preserves_flags));
    let indices = _mm256_or_si256(t1, t3);
    // Classes (aklomp's enc_translate): 52..=63 to 1..=12 by saturation,
    // then one more above 25.
    let class = _mm256_subs_epu8(indices, _mm256_set1_epi8(51));
    let above25 = _mm256_cmpgt_epi8(indices, _mm256_set1_epi8(25));
    let class = _mm256_sub_epi8(class, above25);
    _mm256_add_epi8(indices, _mm256_shuffle_epi8(offsets, class))
}

#[inline(never)]
#[target_feature(enable = "avx2")]
pub(super) unsafe fn encode(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> usize {
    let (mut i, mut o) = (0, 0);
    let first = Encoding::new(table(&ENC_SHUFFLE));
    if src.len() >= 28 && dst.len() >= 32 {
        // The first block is two 16-byte loads, bytes 0..16 and 12..28.
        let p = src.as_ptr();
        let a = _mm256_inserti128_si256(
            _mm256_castsi128_si256(_mm_loadu_si128(p.cast())),
            _mm_loadu_si128(p.add(12).cast()),
            1,
        );
        _mm256_storeu_si256(dst.as_mut_ptr().cast(), encode_block(a, first));
        (i, o) = (24, 32);
        // The next ones are one 32-byte load from i - 4 (i >= 24), whose
        // lanes hold bytes i..i+12 at 4 and i+12..i+24 at 0 (aklomp's
        // enc_reshuffle). Four blocks a step (96 bytes used, 100 read),
        // counted in advance: one loop test.
        let k = Encoding::new(_mm256_setr_epi8(
            5, 4, 6, 5, 8, 7, 9, 8, 11, 10, 12, 11, 14, 13, 15, 14, 1, 0, 2, 1, 4, 3, 5, 4, 7, 6,
            8, 7, 10, 9, 11, 10,
        ));
        let steps = ((src.len() - i).saturating_sub(4) / 96).min((dst.len() - o) / 128);
        let (mut p, mut out) = (src.as_ptr().add(i - 4), dst.as_mut_ptr().add(o));
        for _ in 0..steps {
            let x = [
                _mm256_loadu_si256(p.cast()),
                _mm256_loadu_si256(p.add(24).cast()),
                _mm256_loadu_si256(p.add(48).cast()),
                _mm256_loadu_si256(p.add(72).cast()),
            ];
            for (b, x) in x.into_iter().enumerate() {
                _mm256_storeu_si256(out.add(32 * b).cast(), encode_block(x, k));
            }
            p = p.add(96);
            out = out.add(128);
        }
        (i, o) = (i + 96 * steps, o + 128 * steps);
        while i + 28 <= src.len() && o + 32 <= dst.len() {
            let x = _mm256_loadu_si256(src.as_ptr().add(i - 4).cast());
            _mm256_storeu_si256(dst.as_mut_ptr().add(o).cast(), encode_block(x, k));
            i += 24;
            o += 32;
        }
    }
    if i + 16 <= src.len() && o + 16 <= dst.len() {
        // The 256-bit code on one 16-byte load (ssse3.rs's `pmulhuw` is
        // not VEX-encoded).
        let x = _mm_loadu_si128(src.as_ptr().add(i).cast());
        let chars = encode_block(_mm256_broadcastsi128_si256(x), first);
        _mm_storeu_si128(
            dst.as_mut_ptr().add(o).cast(),
            _mm256_castsi256_si128(chars),
        );
        i += 12;
    }
    i
}

/// Alphabet test of 32 bytes: bit k set when byte k is in the alphabet;
/// also the high nibbles for the translation.
#[inline]
#[target_feature(enable = "avx2")]
unsafe fn classify(x: __m256i, lut_lo: __m256i, lut_hi: __m256i) -> (u32, __m256i) {
    let mask_2f = _mm256_set1_epi8(0x2f);
    let hi_nibbles = _mm256_and_si256(_mm256_srli_epi32(x, 4), mask_2f);
    let lo_nibbles = _mm256_and_si256(x, mask_2f);
    let lo = _mm256_shuffle_epi8(lut_lo, lo_nibbles);
    let hi = _mm256_shuffle_epi8(lut_hi, hi_nibbles);
    let bad = _mm256_and_si256(lo, hi);
    let good = _mm256_movemask_epi8(_mm256_cmpeq_epi8(bad, _mm256_setzero_si256()));
    (good as u32, hi_nibbles)
}

/// True when all 32 bytes are alphabet characters (one `vptest`).
#[inline]
#[target_feature(enable = "avx2")]
unsafe fn all_alphabet(x: __m256i, lut_lo: __m256i, lut_hi: __m256i) -> (bool, __m256i) {
    let mask_2f = _mm256_set1_epi8(0x2f);
    let hi_nibbles = _mm256_and_si256(_mm256_srli_epi32(x, 4), mask_2f);
    let lo_nibbles = _mm256_and_si256(x, mask_2f);
    let lo = _mm256_shuffle_epi8(lut_lo, lo_nibbles);
    let hi = _mm256_shuffle_epi8(lut_hi, hi_nibbles);
    (_mm256_testz_si256(lo, hi) != 0, hi_nibbles)
}

/// The 24 bytes of 32 alphabet characters: 12 at the start of each lane.
#[inline]
#[target_feature(enable = "avx2")]
unsafe fn decode_lanes(x: __m256i, hi_nibbles: __m256i, roll: __m256i, pack: __m256i) -> __m256i {
    let is_slash = _mm256_cmpeq_epi8(x, _mm256_set1_epi8(0x2f));
    let roll = _mm256_shuffle_epi8(roll, _mm256_add_epi8(is_slash, hi_nibbles));
    let values = _mm256_add_epi8(x, roll);
    let pairs = _mm256_maddubs_epi16(values, _mm256_set1_epi32(0x0140_0140));
    let groups = _mm256_madd_epi16(pairs, _mm256_set1_epi32(0x0001_1000));
    _mm256_shuffle_epi8(groups, pack)
}

#[inline(never)]
#[target_feature(enable = "avx2")]
pub(super) unsafe fn decode(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> usize {
    let (mut i, mut o) = (0, 0);
    let (lut_lo, lut_hi) = (table(&DEC_LO), table(&DEC_HI));
    let (roll, pack) = (table(&DEC_ROLL), table(&DEC_PACK));
    // Each lane stored as it is (16 bytes at o, then at o + 12), not
    // joined with `vpermd` first (which costs more than the extra store),
    // while the 28 bytes written fit. Two blocks a step.
    while i + 64 <= src.len() && o + 52 <= dst.len() {
        for k in [0, 1] {
            let x = load(src, i + 32 * k);
            let (ok, hi_nibbles) = all_alphabet(x, lut_lo, lut_hi);
            if !ok {
                return i + 32 * k;
            }
            let bytes = decode_lanes(x, hi_nibbles, roll, pack);
            let out = dst.as_mut_ptr().add(o + 24 * k);
            _mm_storeu_si128(out.cast(), _mm256_castsi256_si128(bytes));
            _mm_storeu_si128(out.add(12).cast(), _mm256_extracti128_si256(bytes, 1));
        }
        i += 64;
        o += 48;
    }
    // Then exactly 24 bytes.
    while i + 32 <= src.len() && o + 24 <= dst.len() {
        let x = load(src, i);
        let (ok, hi_nibbles) = all_alphabet(x, lut_lo, lut_hi);
        if !ok {
            return i;
        }
        let bytes = decode_lanes(x, hi_nibbles, roll, pack);
        let bytes = _mm256_permutevar8x32_epi32(bytes, _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 3, 7));
        let out = dst.as_mut_ptr().add(o);
        _mm_storeu_si128(out.cast(), _mm256_castsi256_si128(bytes));
        _mm_storel_epi64(out.add(16).cast(), _mm256_extracti128_si256(bytes, 1));
        i += 32;
        o += 24;
    }
    i + ssse3::decode(&src[i..], &mut dst[o..])
}

/// A line end of 1 (LF) or 2 (CRLF) bytes, compared as two bytes.
#[derive(Clone, Copy)]
pub(super) struct LineEnd {
    mask: u16,
    bytes: u16,
}

impl LineEnd {
    #[inline]
    pub(super) fn new(eol: usize) -> LineEnd {
        match eol {
            1 => LineEnd {
                mask: 0x00ff,
                bytes: u16::from(b'\n'),
            },
            _ => LineEnd {
                mask: 0xffff,
                bytes: u16::from_le_bytes(*b"\r\n"),
            },
        }
    }

    /// Whether it is at `at`; reads `src[at]` and `src[at + 1]`.
    #[inline]
    pub(super) unsafe fn at(self, src: &[u8], at: usize) -> bool {
        let two = src.as_ptr().add(at).cast::<u16>().read_unaligned();
        u16::from_le(two) & self.mask == self.bytes
    }
}

/// `Ops::lines` (see there), from a line end (`end` = 0), or from
/// anywhere in the layout: `end` is where the next line end starts,
/// 0..=`line`. Windows of 32 characters: each holds at most one line end
/// (`line` >= 32), at a known place: the characters after it are taken
/// from the window loaded `eol` bytes further, and what the blend left out
/// must be the line end. The AVX-512 kernel carries on here.
#[inline(never)]
#[target_feature(enable = "avx2")]
pub(super) unsafe fn lines_from(
    src: &[u8],
    dst: &mut [MaybeUninit<u8>],
    layout: Lines,
    mut end: usize,
) -> (usize, usize) {
    let (mut i, mut o) = (0, 0);
    let Lines { line, eol } = layout;
    if line < 32 {
        return (0, 0);
    }
    let (lut_lo, lut_hi) = (table(&DEC_LO), table(&DEC_HI));
    let (roll, pack) = (table(&DEC_ROLL), table(&DEC_PACK));
    let iota = _mm256_setr_epi8(
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
        25, 26, 27, 28, 29, 30, 31,
    );
    let line_end = LineEnd::new(eol);
    // Each lane stored as it is: 28 bytes written for 24 (see `decode`).
    // A branch on whether the line end falls in the window: its place
    // repeats every few lines, which the branch predictor learns (a
    // branch-free loop measured 30% slower).
    while i + eol + 32 <= src.len() && o + 28 <= dst.len() {
        let (x, skip, next) = if end < 32 {
            if !line_end.at(src, i + end) {
                break;
            }
            let after = _mm256_cmpgt_epi8(iota, _mm256_set1_epi8(end as i8 - 1));
            let x = _mm256_blendv_epi8(load(src, i), load(src, i + eol), after);
            (x, eol, end + line - 32)
        } else {
            (load(src, i), 0, end - 32)
        };
        let (ok, hi_nibbles) = all_alphabet(x, lut_lo, lut_hi);
        if !ok {
            break;
        }
        let bytes = decode_lanes(x, hi_nibbles, roll, pack);
        let out = dst.as_mut_ptr().add(o);
        _mm_storeu_si128(out.cast(), _mm256_castsi256_si128(bytes));
        _mm_storeu_si128(out.add(12).cast(), _mm256_extracti128_si256(bytes, 1));
        i += 32 + skip;
        o += 24;
        end = next;
    }
    (i, o)
}

#[inline(never)]
#[target_feature(enable = "avx2")]
pub(super) unsafe fn lines(
    src: &[u8],
    dst: &mut [MaybeUninit<u8>],
    layout: Lines,
) -> (usize, usize) {
    lines_from(src, dst, layout, 0)
}

/// At most 3 bits set.
#[inline]
fn few_bits(x: u32) -> bool {
    let x = x & x.wrapping_sub(1);
    let x = x & x.wrapping_sub(1);
    x & x.wrapping_sub(1) == 0
}

#[inline(never)]
#[target_feature(enable = "avx2")]
pub(super) unsafe fn compact(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> (usize, usize) {
    let end = src.len().min(dst.len());
    let (mut i, mut o) = (0, 0);
    let (lut_lo, lut_hi) = (table(&DEC_LO), table(&DEC_HI));
    let pad = _mm256_set1_epi8(b'=' as i8);
    let iota = _mm256_setr_epi8(
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
        25, 26, 27, 28, 29, 30, 31,
    );
    let high_half = _mm256_setr_epi64x(0, 0x0808_0808_0808_0808, 0, 0x0808_0808_0808_0808);
    // o <= i, so every store (at most 32 bytes from o, or 8 bytes from a
    // point below o + 24) stays below i + 32 <= dst.len().
    while i + 32 <= end {
        let x = load(src, i);
        if _mm256_movemask_epi8(_mm256_cmpeq_epi8(x, pad)) != 0 {
            break;
        }
        let (good, _) = classify(x, lut_lo, lut_hi);
        let out = dst.as_mut_ptr();
        let junk = !good;
        if junk & junk.wrapping_sub(1) == 0 && i + 33 <= end {
            // At most one junk byte (lines), without a branch on where:
            // the block's bytes before it, then those of the block loaded
            // one byte further (`at` == 32 when there is none).
            let at = junk.trailing_zeros() as i8;
            let before = _mm256_cmpgt_epi8(_mm256_set1_epi8(at), iota);
            let kept = _mm256_blendv_epi8(load(src, i + 1), x, before);
            _mm256_storeu_si256(out.add(o).cast(), kept);
            o += 32 - usize::from(junk != 0);
        } else if junk == 0 {
            _mm256_storeu_si256(out.add(o).cast(), x);
            o += 32;
        } else if few_bits(junk) && i + 64 <= end {
            // A few junk bytes (a line break): store the block, then over
            // each junk byte store the bytes after it, loaded again from
            // `src` (reads stay below i + 64; stores start at most at
            // o + 31 <= i + 31, so end below i + 63).
            _mm256_storeu_si256(out.add(o).cast(), x);
            let mut junk = junk;
            let mut from = 0;
            while junk != 0 {
                let at = junk.trailing_zeros() as usize;
                o += at - from;
                from = at + 1;
                _mm256_storeu_si256(out.add(o).cast(), load(src, i + from));
                junk &= junk - 1;
            }
            o += 32 - from;
        } else {
            let q0 = compact_indices((good & 0xff) as usize);
            let q1 = compact_indices((good >> 8 & 0xff) as usize);
            let q2 = compact_indices((good >> 16 & 0xff) as usize);
            let q3 = compact_indices((good >> 24) as usize);
            let indices = _mm256_add_epi8(
                _mm256_setr_epi64x(q0.0 as i64, q1.0 as i64, q2.0 as i64, q3.0 as i64),
                high_half,
            );
            let moved = _mm256_shuffle_epi8(x, indices);
            let low = _mm256_castsi256_si128(moved);
            let high = _mm256_extracti128_si256(moved, 1);
            _mm_storel_epi64(out.add(o).cast(), low);
            o += q0.1;
            _mm_storel_epi64(out.add(o).cast(), _mm_unpackhi_epi64(low, low));
            o += q1.1;
            _mm_storel_epi64(out.add(o).cast(), high);
            o += q2.1;
            _mm_storel_epi64(out.add(o).cast(), _mm_unpackhi_epi64(high, high));
            o += q3.1;
        }
        i += 32;
    }
    let (read, wrote) = ssse3::compact(&src[i..], &mut dst[o..]);
    (i + read, o + wrote)
}

#[inline(never)]
#[target_feature(enable = "avx2")]
pub(super) unsafe fn hexlify(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> usize {
    let mut i = 0;
    let low4 = _mm256_set1_epi8(0x0f);
    let digits = table(&HEX_DIGITS);
    while i + 32 <= src.len() && 2 * i + 64 <= dst.len() {
        let x = load(src, i);
        let hi = _mm256_shuffle_epi8(digits, _mm256_and_si256(_mm256_srli_epi16(x, 4), low4));
        let lo = _mm256_shuffle_epi8(digits, _mm256_and_si256(x, low4));
        // In-lane interleaving: bytes 0..8 and 16..24, then 8..16, 24..32.
        let first = _mm256_unpacklo_epi8(hi, lo);
        let second = _mm256_unpackhi_epi8(hi, lo);
        let out = dst.as_mut_ptr().add(2 * i);
        _mm256_storeu_si256(out.cast(), _mm256_permute2x128_si256(first, second, 0x20));
        _mm256_storeu_si256(
            out.add(32).cast(),
            _mm256_permute2x128_si256(first, second, 0x31),
        );
        i += 32;
    }
    i + ssse3::hexlify(&src[i..], &mut dst[2 * i..])
}

/// Values of 32 hex digits (either case), and whether all are digits.
#[inline]
#[target_feature(enable = "avx2")]
unsafe fn hex_values(x: __m256i) -> (__m256i, __m256i) {
    let digit = _mm256_sub_epi8(x, _mm256_set1_epi8(b'0' as i8));
    let is_digit = _mm256_cmpeq_epi8(_mm256_min_epu8(digit, _mm256_set1_epi8(9)), digit);
    let letter = _mm256_sub_epi8(
        _mm256_or_si256(x, _mm256_set1_epi8(0x20)),
        _mm256_set1_epi8(b'a' as i8),
    );
    let is_letter = _mm256_cmpeq_epi8(_mm256_min_epu8(letter, _mm256_set1_epi8(5)), letter);
    let values = _mm256_or_si256(
        _mm256_and_si256(is_digit, digit),
        _mm256_and_si256(is_letter, _mm256_add_epi8(letter, _mm256_set1_epi8(10))),
    );
    (values, _mm256_or_si256(is_digit, is_letter))
}

#[inline(never)]
#[target_feature(enable = "avx2")]
pub(super) unsafe fn unhexlify(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> usize {
    let mut i = 0;
    let weights = _mm256_set1_epi16(0x0110);
    while i + 64 <= src.len() && i / 2 + 32 <= dst.len() {
        let (a, a_ok) = hex_values(load(src, i));
        let (b, b_ok) = hex_values(load(src, i + 32));
        if _mm256_movemask_epi8(_mm256_and_si256(a_ok, b_ok)) != -1 {
            break;
        }
        let bytes = _mm256_packus_epi16(
            _mm256_maddubs_epi16(a, weights),
            _mm256_maddubs_epi16(b, weights),
        );
        let bytes = _mm256_permute4x64_epi64(bytes, 0xd8);
        _mm256_storeu_si256(dst.as_mut_ptr().add(i / 2).cast(), bytes);
        i += 64;
    }
    i + ssse3::unhexlify(&src[i..], &mut dst[i / 2..])
}
