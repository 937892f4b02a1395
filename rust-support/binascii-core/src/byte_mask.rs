//! Where one or two byte values sit in a 64-byte block, as a bitmask: the
//! scan that lets a2b_qp branch per escape rather than per byte.
//!
//! On x86_64, SSE2 (part of the baseline, so no runtime check) compares 16
//! bytes at a time and `movemask` packs the result; this is the crate's one
//! `unsafe` code. Other targets use the portable word-at-a-time version,
//! which x86_64 builds test against the SSE2 one.

/// Bytes one mask covers.
pub(crate) const BLOCK: usize = 64;

/// Bit j set when `block[j]` is `a`, or `b` when `b` is Some.
#[inline]
pub(crate) fn byte_mask(block: &[u8; BLOCK], a: u8, b: Option<u8>) -> u64 {
    #[cfg(target_arch = "x86_64")]
    return sse2::byte_mask(block, a, b);
    #[cfg(not(target_arch = "x86_64"))]
    return portable::byte_mask(block, a, b);
}

#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
mod sse2 {
    use super::BLOCK;
    use core::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };

    #[inline]
    pub(super) fn byte_mask(block: &[u8; BLOCK], a: u8, b: Option<u8>) -> u64 {
        let mut mask = 0;
        for (k, lane) in block.chunks_exact(16).enumerate() {
            // SAFETY: SSE2 is in every x86_64 CPU, and the unaligned load
            // reads the 16 bytes of `lane`.
            let bits = unsafe {
                let bytes = _mm_loadu_si128(lane.as_ptr().cast::<__m128i>());
                let mut equal = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(a as i8));
                if let Some(b) = b {
                    equal = _mm_or_si128(equal, _mm_cmpeq_epi8(bytes, _mm_set1_epi8(b as i8)));
                }
                _mm_movemask_epi8(equal)
            };
            mask |= u64::from(bits as u16) << (16 * k);
        }
        mask
    }
}

#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
mod portable {
    use super::BLOCK;

    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

    /// High bit set in exactly the bytes of `word` equal to `c`: no carry
    /// crosses a byte, so there are no false hits.
    #[inline]
    fn bytes_equal(word: u64, c: u8) -> u64 {
        let x = word ^ (ONES * u64::from(c));
        !(((x & LOW7) + LOW7) | x) & !LOW7
    }

    #[inline]
    pub(super) fn byte_mask(block: &[u8; BLOCK], a: u8, b: Option<u8>) -> u64 {
        let mut mask = 0;
        for (k, word) in block.chunks_exact(8).enumerate() {
            let word = u64::from_le_bytes(word.try_into().expect("8 bytes"));
            let mut hits = bytes_equal(word, a);
            if let Some(b) = b {
                hits |= bytes_equal(word, b);
            }
            // Byte j's flag (bit 8j after the shift) lands on bit 56 + j;
            // no two partial products meet, so nothing carries.
            let byte_bits = (hits >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56;
            mask |= byte_bits << (8 * k);
        }
        mask
    }
}

#[cfg(test)]
mod tests {
    use super::{byte_mask, portable, BLOCK};
    use alloc::vec::Vec;

    /// Both versions against a byte loop, with bytes next to the searched
    /// ones (carry mistakes) and every byte value in every position.
    #[test]
    fn masks_match_a_byte_loop() {
        let expected = |block: &[u8; BLOCK], a: u8, b: Option<u8>| {
            (0..BLOCK)
                .filter(|&j| block[j] == a || Some(block[j]) == b)
                .fold(0u64, |mask, j| mask | 1 << j)
        };
        let mut blocks = Vec::new();
        for value in 0..=255u8 {
            for at in 0..BLOCK {
                let mut block = [b'<'; BLOCK];
                block[at] = value;
                block[(at + 7) % BLOCK] = b'=';
                block[(at * 5 + 3) % BLOCK] = value.wrapping_add(1);
                blocks.push(block);
            }
        }
        for block in &blocks {
            for (a, b) in [
                (b'=', None),
                (b'=', Some(b'_')),
                (0, Some(0xff)),
                (0x80, None),
            ] {
                let want = expected(block, a, b);
                assert_eq!(byte_mask(block, a, b), want, "{block:?}");
                assert_eq!(portable::byte_mask(block, a, b), want, "{block:?}");
            }
        }
    }
}
