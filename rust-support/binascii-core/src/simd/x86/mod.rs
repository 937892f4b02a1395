//! x86_64 kernels: SSSE3 (16-byte blocks) and AVX2 (32-byte blocks).
//!
//! The code is in `unsafe fn`s with `#[target_feature]` (safe functions
//! with target features need Rust 1.86; the crate supports 1.74). The
//! tables below hold plain `fn` wrappers around them; those are sound
//! because `Kernel::ops` only hands a table out after `cpu.rs` found the
//! CPU feature, and nothing else in the crate uses the tables.

#![allow(unsafe_code)]

use super::Ops;

mod avx2;
mod ssse3;

pub(crate) static SSSE3: Ops = Ops {
    // SAFETY (all five): this table is only reachable through
    // `Kernel::ops`, which checks `cpu::has_ssse3()` first.
    encode: |src, dst| unsafe { ssse3::encode(src, dst) },
    decode: |src, dst| unsafe { ssse3::decode(src, dst) },
    compact: |src, dst| unsafe { ssse3::compact(src, dst) },
    hexlify: |src, dst| unsafe { ssse3::hexlify(src, dst) },
    unhexlify: |src, dst| unsafe { ssse3::unhexlify(src, dst) },
};

pub(crate) static AVX2: Ops = Ops {
    // SAFETY (all five): this table is only reachable through
    // `Kernel::ops`, which checks `cpu::has_avx2()` first (AVX2 CPUs have
    // SSSE3 too, which the AVX2 code's 16-byte tails use).
    encode: |src, dst| unsafe { avx2::encode(src, dst) },
    decode: |src, dst| unsafe { avx2::decode(src, dst) },
    compact: |src, dst| unsafe { avx2::compact(src, dst) },
    hexlify: |src, dst| unsafe { avx2::hexlify(src, dst) },
    unhexlify: |src, dst| unsafe { avx2::unhexlify(src, dst) },
};

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

/// Compaction: for an 8-bit mask of bytes to keep, the `pshufb` indices
/// that move them to the front (little-endian u64), and their count.
static COMPACT_SHUFFLE: [u64; 256] = build_compact_shuffle();
static COMPACT_COUNT: [u8; 256] = build_compact_count();

const fn build_compact_shuffle() -> [u64; 256] {
    let mut table = [0u64; 256];
    let mut mask = 0;
    while mask < 256 {
        let mut indices = 0u64;
        let mut kept = 0;
        let mut bit = 0;
        while bit < 8 {
            if mask >> bit & 1 != 0 {
                indices |= (bit as u64) << (8 * kept);
                kept += 1;
            }
            bit += 1;
        }
        table[mask] = indices;
        mask += 1;
    }
    table
}

const fn build_compact_count() -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut mask = 0;
    while mask < 256 {
        table[mask] = (mask as u8).count_ones() as u8;
        mask += 1;
    }
    table
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::super::Kernel;
    use std::vec::Vec;

    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    fn kernels() -> Vec<&'static super::Ops> {
        [Kernel::Ssse3, Kernel::Avx2]
            .into_iter()
            .filter_map(Kernel::ops)
            .collect()
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
                        let mut dst = std::vec![0u8; len];
                        let n = (ops.decode)(&src, &mut dst);
                        assert!(n % 4 == 0 && n <= len);
                        if !in_alphabet {
                            assert!(n <= at, "decode read past {c:#x} at {at}");
                        }
                        let mut dst = std::vec![0u8; len];
                        let (read, wrote) = (ops.compact)(&src, &mut dst);
                        if c == b'=' {
                            assert!(read <= at);
                        }
                        let expect: Vec<u8> = src[..read]
                            .iter()
                            .copied()
                            .filter(|b| ALPHABET.contains(b))
                            .collect();
                        assert_eq!(&dst[..wrote], &expect[..], "compact {c:#x} at {at}");
                        let is_digit = c.is_ascii_hexdigit();
                        let mut dst = std::vec![0u8; len / 2];
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
