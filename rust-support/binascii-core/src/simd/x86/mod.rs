//! x86_64 kernels: SSSE3 (16-byte blocks), AVX2 (32-byte blocks), and
//! AVX-512 VBMI (64-byte blocks) where the compiler has it (`build.rs`);
//! crc32 by PCLMULQDQ, or VPCLMULQDQ on AVX2's or AVX-512's registers,
//! where the CPU has them.
//!
//! The code is in `unsafe fn`s with `#[target_feature]` (safe functions
//! with target features need Rust 1.86; the crate supports 1.74). The
//! tables below hold plain `fn` wrappers around them; those are sound
//! because `Kernel::ops` only hands a table out after the simd-core
//! crate found the CPU feature, and nothing else in the crate uses the
//! tables.

#![allow(unsafe_code)]

use super::Ops;

mod avx2;
#[cfg(binascii_avx512)]
mod avx512;
mod clmul;
mod ssse3;
#[cfg(binascii_vpclmulqdq)]
mod vpclmul;

pub(crate) static SSSE3: Ops = Ops {
    // SAFETY (all): this table is only reachable through `Kernel::ops`,
    // which checks `simd_core::has_ssse3()` first.
    encode: |src, dst| unsafe { ssse3::encode(src, dst) },
    decode: |src, dst| unsafe { ssse3::decode(src, dst) },
    compact: |src, dst| unsafe { ssse3::compact(src, dst) },
    hexlify: |src, dst| unsafe { ssse3::hexlify(src, dst) },
    unhexlify: |src, dst| unsafe { ssse3::unhexlify(src, dst) },
    lines: |_, _, _| (0, 0),
    crc32: crc32_pclmul,
};

pub(crate) static AVX2: Ops = Ops {
    // SAFETY (all): this table is only reachable through
    // `Kernel::ops`, which checks `simd_core::has_avx2()` first (AVX2
    // CPUs have SSSE3 too, which the AVX2 code's 16-byte tails use).
    encode: |src, dst| unsafe { avx2::encode(src, dst) },
    decode: |src, dst| unsafe { avx2::decode(src, dst) },
    compact: |src, dst| unsafe { avx2::compact(src, dst) },
    hexlify: |src, dst| unsafe { avx2::hexlify(src, dst) },
    unhexlify: |src, dst| unsafe { avx2::unhexlify(src, dst) },
    lines: |src, dst, layout| unsafe { avx2::lines(src, dst, layout) },
    crc32: crc32_avx2,
};

#[cfg(binascii_avx512)]
pub(crate) static AVX512VBMI: Ops = Ops {
    // SAFETY (all): this table is only reachable through
    // `Kernel::ops`, which checks `simd_core::has_avx512vbmi()` first
    // (such CPUs have AVX2 and SSSE3 too, which the tails use).
    encode: |src, dst| unsafe { avx512::encode(src, dst) },
    decode: |src, dst| unsafe { avx512::decode(src, dst) },
    compact: |src, dst| unsafe { avx512::compact(src, dst) },
    hexlify: |src, dst| unsafe { avx512::hexlify(src, dst) },
    unhexlify: |src, dst| unsafe { avx512::unhexlify(src, dst) },
    lines: |src, dst, layout| unsafe { avx512::lines(src, dst, layout) },
    crc32: crc32_avx512,
};

// crc32 takes the widest carry-less multiply the CPU has up to the
// kernel's register width: each kernel's CPUs have their own (SSSE3's
// mostly PCLMULQDQ, AVX2's VPCLMULQDQ from Ice Lake and Zen 3 on), and
// forcing a kernel forces its crc32 path too (tests, benchmarks).

/// `Kernel::crc32_path` for the x86_64 kernels (which the CPU runs).
pub(super) fn crc32_path(kernel: super::Kernel) -> &'static str {
    use super::Kernel;
    #[cfg(binascii_vpclmulqdq)]
    {
        if kernel == Kernel::Avx512Vbmi && simd_core::has_vpclmulqdq_avx512() {
            return "vpclmulqdq-512";
        }
        if matches!(kernel, Kernel::Avx2 | Kernel::Avx512Vbmi) && simd_core::has_vpclmulqdq_avx2() {
            return "vpclmulqdq-256";
        }
    }
    if kernel != Kernel::Scalar && simd_core::has_pclmulqdq() {
        "pclmulqdq"
    } else {
        "table"
    }
}

fn crc32_pclmul(crc: u32, data: &[u8]) -> (u32, usize) {
    if simd_core::has_pclmulqdq() {
        // SAFETY: the CPU has PCLMULQDQ and SSE4.1.
        return unsafe { clmul::crc32(crc, data) };
    }
    (crc, 0)
}

fn crc32_avx2(crc: u32, data: &[u8]) -> (u32, usize) {
    #[cfg(binascii_vpclmulqdq)]
    if simd_core::has_vpclmulqdq_avx2() {
        // SAFETY: the CPU has AVX2, VPCLMULQDQ, PCLMULQDQ and SSE4.1.
        return unsafe { vpclmul::crc32_256(crc, data) };
    }
    crc32_pclmul(crc, data)
}

#[cfg(binascii_avx512)]
fn crc32_avx512(crc: u32, data: &[u8]) -> (u32, usize) {
    #[cfg(binascii_vpclmulqdq)]
    if simd_core::has_vpclmulqdq_avx512() {
        // SAFETY: the CPU has AVX-512 F, AVX2, VPCLMULQDQ, PCLMULQDQ and
        // SSE4.1.
        return unsafe { vpclmul::crc32_512(crc, data) };
    }
    crc32_avx2(crc, data)
}

// 16-byte lookup tables, shared by both widths (AVX2 repeats them in
// each 128-bit lane).

/// Encode: 3 input bytes `a b c` to the 16-bit words `ab` and `bc`
/// (bytes `b a c b`), for the mulhi/mullo split into 6-bit fields.
const ENC_SHUFFLE: [u8; 16] = [1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10];

/// Encode: the offset to add to a 6-bit value, indexed by its class
/// (0: 0..=25, 1: 26..=51, 2..=11: 52..=61, 12: 62, 13: 63): aklomp's
/// enc_translate, in five operations (`encode_block` in ssse3.rs, avx2.rs).
const ENC_OFFSETS: [u8; 16] = [
    b'A',
    b'a' - 26,
    (b'0' as i8 - 52) as u8,
    (b'0' as i8 - 52) as u8,
    (b'0' as i8 - 52) as u8,
    (b'0' as i8 - 52) as u8,
    (b'0' as i8 - 52) as u8,
    (b'0' as i8 - 52) as u8,
    (b'0' as i8 - 52) as u8,
    (b'0' as i8 - 52) as u8,
    (b'0' as i8 - 52) as u8,
    (b'0' as i8 - 52) as u8,
    (b'+' as i8 - 62) as u8,
    (b'/' as i8 - 63) as u8,
    0,
    0,
];

/// Decode validation (Muła/Lemire): a byte is in the alphabet iff
/// `DEC_LO[c & 0xf] & DEC_HI[c >> 4] == 0` (bytes >= 0x80 hit 0x10 in
/// `DEC_HI` and every `DEC_LO` entry has 0x10).
const DEC_LO: [u8; 16] = [
    0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1a, 0x1b, 0x1b, 0x1b, 0x1a,
];
const DEC_HI: [u8; 16] = [
    0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
];
/// Decode translation: offset by high nibble, minus one for '/'.
const DEC_ROLL: [u8; 16] = [
    0,
    16,
    19,
    4,
    (-65i8) as u8,
    (-65i8) as u8,
    (-71i8) as u8,
    (-71i8) as u8,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
];
/// Decode packing: the 3 bytes of each 32-bit group (value in its low 24
/// bits, little-endian) in big-endian order, to the low 12 bytes.
const DEC_PACK: [u8; 16] = [
    2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, 0x80, 0x80, 0x80, 0x80,
];

const HEX_DIGITS: [u8; 16] = *b"0123456789abcdef";

/// Compaction: the `pshufb` indices (a little-endian u64) that move the
/// bytes an 8-bit mask keeps to the front, and how many it keeps. Built
/// from the mask's two nibbles: a 256-entry table would be 2,304 bytes of
/// the module (docs/design.md, "Where the size goes"), and this runs only
/// for blocks with several junk bytes.
#[inline]
fn compact_indices(mask: usize) -> (u64, usize) {
    let (lo, hi) = (mask & 15, mask >> 4 & 15);
    let kept_lo = (NIBBLE_KEPT >> (4 * lo) & 15) as usize;
    let kept_hi = (NIBBLE_KEPT >> (4 * hi) & 15) as usize;
    let high = u64::from(NIBBLE_INDICES[hi]) + 0x0404_0404;
    let indices = u64::from(NIBBLE_INDICES[lo]) | high << (8 * kept_lo);
    (indices, kept_lo + kept_hi)
}

/// For each 4-bit mask, the indices of its set bits, packed from the low
/// byte.
static NIBBLE_INDICES: [u32; 16] = nibble_indices();
/// For each 4-bit mask n, its number of set bits in bits 4n..4n+4.
const NIBBLE_KEPT: u64 = nibble_kept();

const fn nibble_indices() -> [u32; 16] {
    let mut table = [0u32; 16];
    let mut mask = 0;
    while mask < 16 {
        let (mut indices, mut kept, mut bit) = (0u32, 0, 0);
        while bit < 4 {
            if mask >> bit & 1 != 0 {
                indices |= (bit as u32) << (8 * kept);
                kept += 1;
            }
            bit += 1;
        }
        table[mask] = indices;
        mask += 1;
    }
    table
}

const fn nibble_kept() -> u64 {
    let (mut counts, mut mask) = (0u64, 0);
    while mask < 16 {
        counts |= ((mask as u32).count_ones() as u64) << (4 * mask);
        mask += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::super::Kernel;
    use core::mem::MaybeUninit;
    use std::vec::Vec;

    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    fn kernels() -> Vec<&'static super::Ops> {
        [Kernel::Ssse3, Kernel::Avx2, Kernel::Avx512Vbmi]
            .into_iter()
            .filter_map(Kernel::ops)
            .collect()
    }

    /// The nibble-built compaction indices against their definition.
    #[test]
    fn compact_indices_keep_the_masked_bytes_in_order() {
        for mask in 0..256usize {
            let (indices, kept) = super::compact_indices(mask);
            let want: Vec<u8> = (0..8u8).filter(|bit| mask >> bit & 1 != 0).collect();
            assert_eq!(kept, want.len(), "mask {mask:#x}");
            assert_eq!(&indices.to_le_bytes()[..kept], &want[..], "mask {mask:#x}");
        }
    }

    /// Every byte value at every position of a block: the decode and
    /// compact classifications and the hex digit test are exact.
    #[test]
    fn every_byte_everywhere() {
        for ops in kernels() {
            for len in [16usize, 32, 48, 64, 96, 128] {
                let clean: Vec<u8> = (0..len).map(|k| ALPHABET[(k * 7 + 3) % 64]).collect();
                for at in 0..len {
                    for c in 0..=255u8 {
                        let mut src = clean.clone();
                        src[at] = c;
                        let in_alphabet = ALPHABET.contains(&c);
                        let mut dst = std::vec![MaybeUninit::new(0u8); len];
                        let n = (ops.decode)(&src, &mut dst);
                        assert!(n % 4 == 0 && n <= len);
                        if !in_alphabet {
                            assert!(n <= at, "decode read past {c:#x} at {at}");
                        }
                        let mut dst = std::vec![MaybeUninit::new(0u8); len];
                        let (read, wrote) = (ops.compact)(&src, &mut dst);
                        if c == b'=' {
                            assert!(read <= at);
                        }
                        let expect: Vec<u8> = src[..read]
                            .iter()
                            .copied()
                            .filter(|b| ALPHABET.contains(b))
                            .collect();
                        // SAFETY: every byte of `dst` started initialized,
                        // and kernels store only initialized bytes.
                        let dst: Vec<u8> = dst.iter().map(|b| unsafe { b.assume_init() }).collect();
                        assert_eq!(&dst[..wrote], &expect[..], "compact {c:#x} at {at}");
                        let is_digit = c.is_ascii_hexdigit();
                        let mut dst = std::vec![MaybeUninit::new(0u8); len / 2];
                        let hex: Vec<u8> = (0..len)
                            .map(|k| b"0123456789abcdefABCDEF"[k % 22])
                            .collect();
                        let mut hsrc = hex.clone();
                        hsrc[at] = c;
                        let n = (ops.unhexlify)(&hsrc, &mut dst);
                        assert!(n % 2 == 0);
                        if !is_digit {
                            assert!(n <= at / 2 * 2, "unhexlify read past {c:#x} at {at}");
                        }
                    }
                }
            }
        }
    }
}
