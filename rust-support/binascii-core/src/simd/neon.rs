//! aarch64 Advanced SIMD kernels.
//!
//! Advanced SIMD is part of every aarch64 CPU (and of the target's baseline
//! features), so there is no run-time check. The designs follow aklomp's
//! base64 NEON64 codec and simdutf's ARM base64 (our own code):
//!
//! * encode: `vld3q_u8` splits 48 bytes into the 1st/2nd/3rd bytes of 16
//!   triples, shifts make four registers of six-bit values, `vqtbl4q_u8`
//!   looks them up in the 64-character alphabet, `vst4q_u8` interleaves
//!   them back into 64 characters.
//! * decode: `vld4q_u8` splits 64 characters into the four characters of
//!   16 quads; `vqtbl4q_u8` (characters 0..64) and `vqtbx4q_u8` (64..128)
//!   translate them, 0xff marking a non-alphabet character; a block with
//!   any bad character is left to the scalar code; shifts and ors pack
//!   three bytes per quad and `vst3q_u8` interleaves them.
//! * compact: the same translation classifies 16 bytes; a block with '='
//!   stops the kernel; a block of alphabet characters only is copied as
//!   is, others are compacted with an 8-byte shuffle per half (`vqtbl1q_u8`
//!   and a table of the set bits of each byte mask).
//! * hexlify: nibbles by shift and mask, `vqtbl1q_u8` into "0123456789abcdef",
//!   `vst2q_u8` interleaves high and low digits.
//! * unhexlify: `vld2q_u8` splits 32 characters into high and low digits,
//!   compares and subtractions validate and convert them, a shift and an or
//!   combine them.
//!
//! The arithmetic intrinsics are `unsafe fn` before Rust 1.87 and safe
//! after (target_feature 1.1), so the helpers that only compute are `unsafe
//! fn` (an `unsafe` block of arithmetic alone would warn on newer Rust) and
//! each kernel has one `unsafe` block, which also holds its loads and
//! stores, each preceded by the bounds check the loop condition makes.
#![allow(unsafe_code)]

use super::Ops;
use core::arch::aarch64::{
    uint8x16_t, uint8x16x2_t, uint8x16x3_t, uint8x16x4_t, vaddq_u8, vaddv_u8, vandq_u8, vbslq_u8,
    vceqq_u8, vcltq_u8, vcombine_u8, vdupq_n_u8, vget_high_u8, vget_low_u8, vld1_u8, vld1q_u8,
    vld2q_u8, vld3q_u8, vld4q_u8, vmaxvq_u8, vminvq_u8, vorrq_u8, vqtbl1q_u8, vqtbl4q_u8,
    vqtbx4q_u8, vshlq_n_u8, vshrq_n_u8, vst1_u8, vst1q_u8, vst2q_u8, vst3q_u8, vst4q_u8, vsubq_u8,
};
use core::mem::MaybeUninit;

pub(crate) static NEON: Ops = Ops {
    encode,
    decode,
    compact,
    hexlify,
    unhexlify,
    lines: |_, _, _| (0, 0),
    #[cfg(target_endian = "little")]
    crc32: super::pmull::crc32,
    #[cfg(not(target_endian = "little"))]
    crc32: |crc, _| (crc, 0),
};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/// Translation result of a byte outside the alphabet ('=' included).
const INVALID: u8 = 0xff;

/// Six-bit value of the characters 0..64 (`+`, `/`, digits), or INVALID.
static DECODE_LOW: [u8; 64] = build_decode_table(0);
/// Six-bit value of the characters 64..128 (letters), or INVALID.
static DECODE_HIGH: [u8; 64] = build_decode_table(64);

const fn build_decode_table(first: usize) -> [u8; 64] {
    let mut table = [INVALID; 64];
    let mut value = 0;
    while value < 64 {
        let c = ALPHABET[value] as usize;
        if c >= first && c < first + 64 {
            table[c - first] = value as u8;
        }
        value += 1;
    }
    table
}

/// `SET_BITS[m]`: the positions of the set bits of m, ascending (then
/// zeros): the shuffle that packs the kept bytes of an 8-byte half.
static SET_BITS: [[u8; 8]; 256] = build_set_bits();

const fn build_set_bits() -> [[u8; 8]; 256] {
    let mut table = [[0u8; 8]; 256];
    let mut mask = 0;
    while mask < 256 {
        let mut bit = 0;
        let mut count = 0;
        while bit < 8 {
            if mask & (1 << bit) != 0 {
                table[mask][count] = bit as u8;
                count += 1;
            }
            bit += 1;
        }
        mask += 1;
    }
    table
}

/// The weight of each lane in its half's bitmask.
static LANE_BITS: [u8; 16] = [1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128];
/// Added to the high half's shuffle indices (its bytes sit at 8..16).
static HALF_OFFSET: [u8; 16] = [0, 0, 0, 0, 0, 0, 0, 0, 8, 8, 8, 8, 8, 8, 8, 8];

/// Four registers holding `table`, for `vqtbl4q_u8`/`vqtbx4q_u8`.
///
/// # Safety
/// Advanced SIMD (always present on aarch64).
#[inline(always)]
unsafe fn load_table(table: &[u8; 64]) -> uint8x16x4_t {
    let p = table.as_ptr();
    // The four loads read bytes 0..16, 16..32, 32..48, 48..64 of `table`.
    uint8x16x4_t(
        vld1q_u8(p),
        vld1q_u8(p.add(16)),
        vld1q_u8(p.add(32)),
        vld1q_u8(p.add(48)),
    )
}

/// Six-bit values of base64 characters; INVALID for characters below 128
/// outside the alphabet, and 0 or INVALID for characters from 128 on (the
/// callers test the characters' high bit too).
///
/// # Safety
/// Advanced SIMD (always present on aarch64).
#[inline(always)]
unsafe fn translate(chars: uint8x16_t, low: uint8x16x4_t, high: uint8x16x4_t) -> uint8x16_t {
    // Indices from 64 give 0 in vqtbl4q_u8 and keep the lane in vqtbx4q_u8:
    // characters below 64 wrap to 192.. in the second lookup.
    let values = vqtbl4q_u8(low, chars);
    vqtbx4q_u8(values, high, vsubq_u8(chars, vdupq_n_u8(64)))
}

fn encode(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> usize {
    let mut read = 0;
    let mut written = 0;
    // SAFETY: Advanced SIMD is always present on aarch64. The loop
    // condition keeps the 48-byte load inside `src` and the 64-byte store
    // inside `dst`.
    unsafe {
        let alphabet = load_table(ALPHABET);
        let six_bits = vdupq_n_u8(0x3f);
        while read + 48 <= src.len() && written + 64 <= dst.len() {
            // Bytes 0, 1, 2 of 16 triples.
            let bytes = vld3q_u8(src.as_ptr().add(read));
            let (a, b, c) = (bytes.0, bytes.1, bytes.2);
            let first = vshrq_n_u8::<2>(a);
            let second = vandq_u8(vorrq_u8(vshlq_n_u8::<4>(a), vshrq_n_u8::<4>(b)), six_bits);
            let third = vandq_u8(vorrq_u8(vshlq_n_u8::<2>(b), vshrq_n_u8::<6>(c)), six_bits);
            let fourth = vandq_u8(c, six_bits);
            let chars = uint8x16x4_t(
                vqtbl4q_u8(alphabet, first),
                vqtbl4q_u8(alphabet, second),
                vqtbl4q_u8(alphabet, third),
                vqtbl4q_u8(alphabet, fourth),
            );
            vst4q_u8(dst.as_mut_ptr().add(written).cast(), chars);
            read += 48;
            written += 64;
        }
    }
    read
}

fn decode(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> usize {
    let mut read = 0;
    let mut written = 0;
    // SAFETY: Advanced SIMD is always present on aarch64. The loop
    // condition keeps the 64-byte load inside `src` and the 48-byte store
    // inside `dst`.
    unsafe {
        let low = load_table(&DECODE_LOW);
        let high = load_table(&DECODE_HIGH);
        while read + 64 <= src.len() && written + 48 <= dst.len() {
            // Characters 0, 1, 2, 3 of 16 quads.
            let chars = vld4q_u8(src.as_ptr().add(read));
            let a = translate(chars.0, low, high);
            let b = translate(chars.1, low, high);
            let c = translate(chars.2, low, high);
            let d = translate(chars.3, low, high);
            // Valid lanes have values below 64 and characters below 128.
            let values = vorrq_u8(vorrq_u8(a, b), vorrq_u8(c, d));
            let chars_or = vorrq_u8(vorrq_u8(chars.0, chars.1), vorrq_u8(chars.2, chars.3));
            if vmaxvq_u8(vorrq_u8(values, chars_or)) >= 0x80 {
                break;
            }
            let bytes = uint8x16x3_t(
                vorrq_u8(vshlq_n_u8::<2>(a), vshrq_n_u8::<4>(b)),
                vorrq_u8(vshlq_n_u8::<4>(b), vshrq_n_u8::<2>(c)),
                vorrq_u8(vshlq_n_u8::<6>(c), d),
            );
            vst3q_u8(dst.as_mut_ptr().add(written).cast(), bytes);
            read += 64;
            written += 48;
        }
    }
    read
}

fn compact(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> (usize, usize) {
    let mut read = 0;
    let mut written = 0;
    // SAFETY: Advanced SIMD is always present on aarch64. The loop
    // condition keeps the 16-byte load inside `src` and the 16-byte store
    // inside `dst`; the 8-byte stores into `packed` end at most at
    // 8 + 8 = 16 bytes; the tables' loads read 8 or 16 bytes of 8- or
    // 16-byte arrays.
    unsafe {
        let low = load_table(&DECODE_LOW);
        let high = load_table(&DECODE_HIGH);
        let pad = vdupq_n_u8(b'=');
        let high_bit = vdupq_n_u8(0x80);
        let lane_bits = vld1q_u8(LANE_BITS.as_ptr());
        let half_offset = vld1q_u8(HALF_OFFSET.as_ptr());
        while read + 16 <= src.len() && written + 16 <= dst.len() {
            let chars = vld1q_u8(src.as_ptr().add(read));
            if vmaxvq_u8(vceqq_u8(chars, pad)) != 0 {
                break;
            }
            let values = translate(chars, low, high);
            // 0xff for alphabet characters (values below 64, characters
            // below 128), 0 for the bytes to drop.
            let keep = vcltq_u8(vorrq_u8(values, chars), high_bit);
            if vminvq_u8(keep) == 0xff {
                vst1q_u8(dst.as_mut_ptr().add(written).cast(), chars);
                written += 16;
            } else {
                let bits = vandq_u8(keep, lane_bits);
                let low_mask = vaddv_u8(vget_low_u8(bits));
                let high_mask = vaddv_u8(vget_high_u8(bits));
                let shuffle = vcombine_u8(
                    vld1_u8(SET_BITS[usize::from(low_mask)].as_ptr()),
                    vld1_u8(SET_BITS[usize::from(high_mask)].as_ptr()),
                );
                let moved = vqtbl1q_u8(chars, vaddq_u8(shuffle, half_offset));
                let low_count = low_mask.count_ones() as usize;
                let count = low_count + high_mask.count_ones() as usize;
                let mut packed = [0u8; 16];
                vst1_u8(packed.as_mut_ptr(), vget_low_u8(moved));
                vst1_u8(packed.as_mut_ptr().add(low_count), vget_high_u8(moved));
                crate::write_bytes(&mut dst[written..written + count], &packed[..count]);
                written += count;
            }
            read += 16;
        }
    }
    (read, written)
}

fn hexlify(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> usize {
    let mut read = 0;
    // SAFETY: Advanced SIMD is always present on aarch64. The loop
    // condition keeps the 16-byte load inside `src` and the 32-byte store
    // inside `dst`; the digits' load reads the 16-byte string.
    unsafe {
        let digits = vld1q_u8(b"0123456789abcdef".as_ptr());
        let nibble = vdupq_n_u8(0x0f);
        while read + 16 <= src.len() && 2 * read + 32 <= dst.len() {
            let bytes = vld1q_u8(src.as_ptr().add(read));
            let pairs = uint8x16x2_t(
                vqtbl1q_u8(digits, vshrq_n_u8::<4>(bytes)),
                vqtbl1q_u8(digits, vandq_u8(bytes, nibble)),
            );
            vst2q_u8(dst.as_mut_ptr().add(2 * read).cast(), pairs);
            read += 16;
        }
    }
    read
}

/// Values of hex digits (either case) and a mask of the lanes that are
/// digits (0xff) or not (0).
///
/// # Safety
/// Advanced SIMD (always present on aarch64).
#[inline(always)]
unsafe fn hex_values(chars: uint8x16_t) -> (uint8x16_t, uint8x16_t) {
    let decimal = vsubq_u8(chars, vdupq_n_u8(b'0'));
    let is_decimal = vcltq_u8(decimal, vdupq_n_u8(10));
    // Setting bit 5 maps 'A'..'F' to 'a'..'f' and keeps '0'..'9' (0x30..);
    // it maps nothing else into 'a'..'f' but 'A'..'F' themselves.
    let letter = vsubq_u8(vorrq_u8(chars, vdupq_n_u8(0x20)), vdupq_n_u8(b'a'));
    let is_letter = vcltq_u8(letter, vdupq_n_u8(6));
    let values = vbslq_u8(is_decimal, decimal, vaddq_u8(letter, vdupq_n_u8(10)));
    (values, vorrq_u8(is_decimal, is_letter))
}

fn unhexlify(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> usize {
    let mut read = 0;
    // SAFETY: Advanced SIMD is always present on aarch64. The loop
    // condition keeps the 32-byte load inside `src` and the 16-byte store
    // inside `dst`.
    unsafe {
        while read + 32 <= src.len() && read / 2 + 16 <= dst.len() {
            // First and second digits of 16 pairs.
            let pairs = vld2q_u8(src.as_ptr().add(read));
            let (high, high_ok) = hex_values(pairs.0);
            let (low, low_ok) = hex_values(pairs.1);
            if vminvq_u8(vandq_u8(high_ok, low_ok)) == 0 {
                break;
            }
            vst1q_u8(
                dst.as_mut_ptr().add(read / 2).cast(),
                vorrq_u8(vshlq_n_u8::<4>(high), low),
            );
            read += 32;
        }
    }
    read
}
