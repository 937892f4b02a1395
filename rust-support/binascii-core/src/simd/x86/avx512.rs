//! AVX-512 VBMI kernels, after Muła and Lemire ("Base64 encoding and
//! decoding at almost the speed of a memory copy", 2019): 64-byte
//! registers; byte permutes (`vpermb`, `vpermi2b`) serve as 64- and
//! 128-entry tables, `vpmultishiftqb` cuts out base64's 6-bit and hex's
//! 4-bit fields, and VBMI2's `vpcompressb` drops the non-strict decoder's
//! junk. What is left after the 64-byte blocks goes to the AVX2 code.
//!
//! Every function here needs what `cpu::has_avx512vbmi` checks (see the
//! SAFETY note in `mod.rs`). Loads and stores stay inside the slices: each
//! loop tests that the whole access fits, and a last block is loaded or
//! stored under a mask.

use super::{avx2, HEX_DIGITS};
use crate::base64::{ALPHABET, DECODE};
use crate::hex::DIGIT_VALUE;
use crate::simd::Lines;
use core::arch::x86_64::*;
use core::mem::MaybeUninit;

/// Bytes `b1 b0 b2 b1` for each 3-byte group `b0 b1 b2` of 48: each 32-bit
/// lane then holds `b0:b1` in its low half and `b1:b2` in its high half.
static ENC_GATHER: [u8; 64] = enc_gather();

/// Where each 6-bit field starts in those lanes, for `vpmultishiftqb`
/// (per 64-bit lane: fields 0 and 1 at bits 10 and 4 of `b0:b1`, fields 2
/// and 3 at 6 and 0 of `b1:b2`, then the same 32 bits on).
const ENC_FIELDS: i64 = i64::from_le_bytes([10, 4, 22, 16, 42, 36, 54, 48]);

/// Decode packing: the three bytes of each 32-bit group (its low 24 bits,
/// little-endian) in big-endian order, 16 groups to the low 48 bytes.
static DEC_PACK: [u8; 64] = dec_pack();

/// Hexlify: each of 32 bytes twice.
static HEX_SPREAD: [u8; 64] = hex_spread();
/// Where the two nibbles of each doubled byte start, for `vpmultishiftqb`:
/// the high one 4 bits into the first copy, the low one at the second.
const HEX_FIELDS: i64 = i64::from_le_bytes([4, 8, 20, 24, 36, 40, 52, 56]);

/// Unhexlify: a hex digit's value for each ASCII byte, or 0xff.
static HEX_VALUES: [u8; 128] = hex_values();
/// Unhexlify packing: the even bytes of two registers (each pair's value).
static EVEN_BYTES: [u8; 64] = even_bytes();

const fn enc_gather() -> [u8; 64] {
    let mut table = [0; 64];
    let mut group = 0;
    while group < 16 {
        let b0 = 3 * group as u8;
        let lane = [b0 + 1, b0, b0 + 2, b0 + 1];
        let mut k = 0;
        while k < 4 {
            table[4 * group + k] = lane[k];
            k += 1;
        }
        group += 1;
    }
    table
}

const fn dec_pack() -> [u8; 64] {
    let mut table = [0; 64];
    let mut group = 0;
    while group < 16 {
        let at = 4 * group as u8;
        table[3 * group] = at + 2;
        table[3 * group + 1] = at + 1;
        table[3 * group + 2] = at;
        group += 1;
    }
    table
}

const fn hex_spread() -> [u8; 64] {
    let mut table = [0; 64];
    let mut k = 0;
    while k < 64 {
        table[k] = (k / 2) as u8;
        k += 1;
    }
    table
}

const fn hex_values() -> [u8; 128] {
    let mut table = [0; 128];
    let mut c = 0;
    while c < 128 {
        table[c] = DIGIT_VALUE[c];
        c += 1;
    }
    table
}

const fn even_bytes() -> [u8; 64] {
    let mut table = [0; 64];
    let mut k = 0;
    while k < 64 {
        table[k] = 2 * k as u8;
        k += 1;
    }
    table
}

#[inline]
#[target_feature(enable = "avx512f")]
unsafe fn load(src: &[u8], at: usize) -> __m512i {
    _mm512_loadu_si512(src.as_ptr().add(at).cast())
}

#[inline]
#[target_feature(enable = "avx512f")]
unsafe fn store(dst: &mut [MaybeUninit<u8>], at: usize, x: __m512i) {
    _mm512_storeu_si512(dst.as_mut_ptr().add(at).cast(), x)
}

#[inline]
#[target_feature(enable = "avx512f")]
unsafe fn table(bytes: &[u8]) -> __m512i {
    debug_assert!(bytes.len() >= 64);
    _mm512_loadu_si512(bytes.as_ptr().cast())
}

/// The low `n` bits set (n < 64).
#[inline]
fn low_bits(n: u32) -> u64 {
    (1u64 << n) - 1
}

/// The 64 base64 characters of the 48 bytes at the start of `x`.
#[inline]
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
unsafe fn encode_block(x: __m512i, gather: __m512i, alphabet: __m512i) -> __m512i {
    let lanes = _mm512_permutexvar_epi8(gather, x);
    let fields = _mm512_multishift_epi64_epi8(_mm512_set1_epi64(ENC_FIELDS), lanes);
    // `vpermb` reads the low 6 bits of each index: the field itself.
    _mm512_permutexvar_epi8(fields, alphabet)
}

#[target_feature(enable = "avx512f,avx512bw,avx512vbmi,avx512vbmi2,popcnt")]
pub(super) unsafe fn encode(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> usize {
    let (mut i, mut o) = (0, 0);
    let (gather, alphabet) = (table(&ENC_GATHER), table(ALPHABET));
    // 64 bytes read, 48 used.
    while i + 64 <= src.len() && o + 64 <= dst.len() {
        store(dst, o, encode_block(load(src, i), gather, alphabet));
        i += 48;
        o += 64;
    }
    if i + 48 <= src.len() && o + 64 <= dst.len() {
        let x = _mm512_maskz_loadu_epi8(low_bits(48), src.as_ptr().add(i).cast());
        store(dst, o, encode_block(x, gather, alphabet));
        i += 48;
        o += 64;
    }
    i + avx2::encode(&src[i..], &mut dst[o..])
}

/// The 6-bit values of 64 characters (from `DECODE`'s ASCII half), and
/// whether all are alphabet characters: `vpermi2b` reads 7 index bits, so
/// a byte >= 0x80 is caught by its own top bit, the others by INVALID's.
#[inline]
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
unsafe fn base64_values(x: __m512i, lo: __m512i, hi: __m512i) -> (__m512i, u64) {
    let values = _mm512_permutex2var_epi8(lo, x, hi);
    let bad = _mm512_movepi8_mask(_mm512_or_si512(values, x));
    (values, bad)
}

/// The 48 bytes of 64 characters' values, at the start.
#[inline]
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
unsafe fn decode_block(values: __m512i, pack: __m512i) -> __m512i {
    let pairs = _mm512_maddubs_epi16(values, _mm512_set1_epi32(0x0140_0140));
    let groups = _mm512_madd_epi16(pairs, _mm512_set1_epi32(0x0001_1000));
    _mm512_permutexvar_epi8(pack, groups)
}

/// The 48 bytes at the start of `bytes` to `dst` at `o` (o + 48 <= its
/// length): the whole register where it fits (scratch past the output).
#[inline]
#[target_feature(enable = "avx512f,avx512bw")]
unsafe fn store48(dst: &mut [MaybeUninit<u8>], o: usize, bytes: __m512i) {
    if o + 64 <= dst.len() {
        store(dst, o, bytes);
    } else {
        _mm512_mask_storeu_epi8(dst.as_mut_ptr().add(o).cast(), low_bits(48), bytes);
    }
}

#[target_feature(enable = "avx512f,avx512bw,avx512vbmi,avx512vbmi2,popcnt")]
pub(super) unsafe fn decode(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> usize {
    let (mut i, mut o) = (0, 0);
    let (lo, hi, pack) = (table(&DECODE), table(&DECODE[64..]), table(&DEC_PACK));
    while i + 64 <= src.len() && o + 48 <= dst.len() {
        let (values, bad) = base64_values(load(src, i), lo, hi);
        if bad != 0 {
            break;
        }
        store48(dst, o, decode_block(values, pack));
        i += 64;
        o += 48;
    }
    i + avx2::decode(&src[i..], &mut dst[o..])
}

/// `Ops::lines` (see there; `avx2::lines_from` for the scheme): windows
/// of 64 characters, for lines of 64 or more; the AVX2 code takes what is
/// left, or shorter lines.
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi,avx512vbmi2,popcnt")]
pub(super) unsafe fn lines(
    src: &[u8],
    dst: &mut [MaybeUninit<u8>],
    layout: Lines,
) -> (usize, usize) {
    let (mut i, mut o, mut end) = (0, 0, 0);
    let Lines { line, eol } = layout;
    if line < 64 {
        return avx2::lines_from(src, dst, layout, end);
    }
    let (lo, hi, pack) = (table(&DECODE), table(&DECODE[64..]), table(&DEC_PACK));
    let line_end = avx2::LineEnd::new(eol);
    // As in avx2.rs, a branch on whether the window holds the line end.
    while i + eol + 64 <= src.len() && o + 48 <= dst.len() {
        let (x, skip, next) = if end < 64 {
            if !line_end.at(src, i + end) {
                break;
            }
            let x = _mm512_mask_blend_epi8(!0u64 << end, load(src, i), load(src, i + eol));
            (x, eol, end + line - 64)
        } else {
            (load(src, i), 0, end - 64)
        };
        let (values, bad) = base64_values(x, lo, hi);
        if bad != 0 {
            break;
        }
        store48(dst, o, decode_block(values, pack));
        i += 64 + skip;
        o += 48;
        end = next;
    }
    let (read, wrote) = avx2::lines_from(&src[i..], &mut dst[o..], layout, end);
    (i + read, o + wrote)
}

#[target_feature(enable = "avx512f,avx512bw,avx512vbmi,avx512vbmi2,popcnt")]
pub(super) unsafe fn compact(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> (usize, usize) {
    let end = src.len().min(dst.len());
    let (mut i, mut o) = (0, 0);
    let (lo, hi) = (table(&DECODE), table(&DECODE[64..]));
    let pad = _mm512_set1_epi8(b'=' as i8);
    // o <= i: the 64 bytes stored at o stay below i + 64 <= dst.len().
    while i + 64 <= end {
        let x = load(src, i);
        if _mm512_cmpeq_epi8_mask(x, pad) != 0 {
            break;
        }
        let (_, bad) = base64_values(x, lo, hi);
        store(dst, o, _mm512_maskz_compress_epi8(!bad, x));
        o += (!bad).count_ones() as usize;
        i += 64;
    }
    let (read, wrote) = avx2::compact(&src[i..], &mut dst[o..]);
    (i + read, o + wrote)
}

#[target_feature(enable = "avx512f,avx512bw,avx512vbmi,avx512vbmi2,popcnt")]
pub(super) unsafe fn hexlify(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> usize {
    let mut i = 0;
    // "0123456789abcdef" four times: `vpermb` reads 6 index bits, and the
    // two above each nibble are the other nibble's.
    let digits = _mm512_broadcast_i32x4(_mm_loadu_si128(HEX_DIGITS.as_ptr().cast()));
    let fields = _mm512_set1_epi64(HEX_FIELDS);
    let spread_low = table(&HEX_SPREAD);
    let spread_high = _mm512_add_epi8(spread_low, _mm512_set1_epi8(32));
    while i + 64 <= src.len() && 2 * i + 128 <= dst.len() {
        let x = load(src, i);
        for (half, spread) in [(0, spread_low), (1, spread_high)] {
            let doubled = _mm512_permutexvar_epi8(spread, x);
            let nibbles = _mm512_multishift_epi64_epi8(fields, doubled);
            store(
                dst,
                2 * i + 64 * half,
                _mm512_permutexvar_epi8(nibbles, digits),
            );
        }
        i += 64;
    }
    i + avx2::hexlify(&src[i..], &mut dst[2 * i..])
}

#[target_feature(enable = "avx512f,avx512bw,avx512vbmi,avx512vbmi2,popcnt")]
pub(super) unsafe fn unhexlify(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> usize {
    let mut i = 0;
    let (lo, hi) = (table(&HEX_VALUES), table(&HEX_VALUES[64..]));
    let (weights, even) = (_mm512_set1_epi16(0x0110), table(&EVEN_BYTES));
    while i + 128 <= src.len() && i / 2 + 64 <= dst.len() {
        let (a, b) = (load(src, i), load(src, i + 64));
        let (va, vb) = (
            _mm512_permutex2var_epi8(lo, a, hi),
            _mm512_permutex2var_epi8(lo, b, hi),
        );
        // A byte >= 0x80, or a value of 0xff: the top bit of either.
        let bits = _mm512_or_si512(_mm512_or_si512(va, a), _mm512_or_si512(vb, b));
        if _mm512_movepi8_mask(bits) != 0 {
            break;
        }
        let pairs = _mm512_permutex2var_epi8(
            _mm512_maddubs_epi16(va, weights),
            even,
            _mm512_maddubs_epi16(vb, weights),
        );
        store(dst, i / 2, pairs);
        i += 128;
    }
    i + avx2::unhexlify(&src[i..], &mut dst[i / 2..])
}
