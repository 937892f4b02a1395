//! binascii.crc32: zlib's CRC-32 (the C module uses zlib or an equivalent
//! table; both give the same values).
//!
//! On x86_64, carry-less multiply folding (Gopal et al., "Fast CRC
//! computation for generic polynomials using PCLMULQDQ", Intel 2009), picked
//! by `simd::cpu`, with a 1 KiB byte table for short inputs and tails (and
//! CPUs from before 2010, which lack PCLMULQDQ). crc32fast has such a kernel
//! but chooses it at run time only with its `std` feature, which a `no_std`
//! module cannot have, and its 16 KiB slicing table would be a quarter of
//! the module's size budget. Other targets use crc32fast's table code.

/// `binascii.crc32(data, crc)`: continue the CRC-32 `crc` over `data`.
pub fn crc32(data: &[u8], crc: u32) -> u32 {
    #[cfg(target_arch = "x86_64")]
    if data.len() >= clmul::MIN_LEN && crate::simd::cpu::has_pclmulqdq() {
        // SAFETY: the CPU has PCLMULQDQ and SSE4.1 (cpu.rs).
        #[allow(unsafe_code)]
        let (crc, rest) = unsafe { clmul::fold(crc, data) };
        return table(rest, crc);
    }
    table(data, crc)
}

#[cfg(not(target_arch = "x86_64"))]
fn table(data: &[u8], crc: u32) -> u32 {
    let mut hasher = crc32fast::Hasher::new_with_initial(crc);
    hasher.update(data);
    hasher.finalize()
}

/// One byte at a time (zlib's first table).
#[cfg(target_arch = "x86_64")]
fn table(data: &[u8], crc: u32) -> u32 {
    let crc = data.iter().fold(!crc, |crc, &byte| {
        BYTE_TABLE[usize::from(crc as u8 ^ byte)] ^ (crc >> 8)
    });
    !crc
}

#[cfg(target_arch = "x86_64")]
static BYTE_TABLE: [u32; 256] = byte_table();

#[cfg(target_arch = "x86_64")]
const fn byte_table() -> [u32; 256] {
    let mut table = [0; 256];
    let mut n = 0;
    while n < 256 {
        let mut crc = n as u32;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 != 0 {
                0xedb8_8320 ^ (crc >> 1)
            } else {
                crc >> 1
            };
            bit += 1;
        }
        table[n] = crc;
        n += 1;
    }
    table
}

#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
mod clmul {
    use core::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_clmulepi64_si128, _mm_cvtsi32_si128, _mm_extract_epi32,
        _mm_loadu_si128, _mm_set_epi32, _mm_set_epi64x, _mm_srli_si128, _mm_xor_si128,
    };

    /// Below this the table is as fast.
    pub(super) const MIN_LEN: usize = 64;

    // x^(4*128+32) mod P, x^(4*128-32) mod P: fold four lanes 512 bits on.
    const K1: i64 = 0x1_5444_2bd4;
    const K2: i64 = 0x1_c6e4_1596;
    // The same for one lane, 128 bits on.
    const K3: i64 = 0x1_7519_97d0;
    const K4: i64 = 0x0_ccaa_009e;
    // 64 -> 32 bits.
    const K5: i64 = 0x1_63cd_6124;
    // Barrett reduction: P(x) and mu = floor(x^64 / P(x)), bit-reflected.
    const P_X: i64 = 0x1_db71_0641;
    const MU: i64 = 0x1_f701_1641;

    /// Folds the whole 16-byte blocks of `data` (at least four) into the
    /// CRC; returns it and the bytes left (fewer than 16).
    #[target_feature(enable = "pclmulqdq,sse4.1")]
    pub(super) unsafe fn fold(crc: u32, data: &[u8]) -> (u32, &[u8]) {
        let mut blocks = data.chunks_exact(16);
        let mut next = || load(blocks.next().expect("at least four blocks"));
        let mut lanes = [next(), next(), next(), next()];
        lanes[0] = _mm_xor_si128(lanes[0], _mm_cvtsi32_si128(!crc as i32));
        let k1k2 = _mm_set_epi64x(K2, K1);
        let mut blocks = data[64..].chunks_exact(64);
        for block in &mut blocks {
            for (k, lane) in lanes.iter_mut().enumerate() {
                *lane = fold_into(*lane, load(&block[16 * k..]), k1k2);
            }
        }
        let k3k4 = _mm_set_epi64x(K4, K3);
        let mut x = fold_into(lanes[0], lanes[1], k3k4);
        x = fold_into(x, lanes[2], k3k4);
        x = fold_into(x, lanes[3], k3k4);
        let mut rest = blocks.remainder().chunks_exact(16);
        for block in &mut rest {
            x = fold_into(x, load(block), k3k4);
        }
        (reduce(x), rest.remainder())
    }

    /// `a` carried 128 (or 512) bits on by `keys`, plus `b`.
    #[inline]
    #[target_feature(enable = "pclmulqdq,sse4.1")]
    unsafe fn fold_into(a: __m128i, b: __m128i, keys: __m128i) -> __m128i {
        let low = _mm_clmulepi64_si128(a, keys, 0x00);
        let high = _mm_clmulepi64_si128(a, keys, 0x11);
        _mm_xor_si128(_mm_xor_si128(b, low), high)
    }

    /// The CRC of the 128-bit remainder: to 64 bits, to 32, then Barrett.
    #[inline]
    #[target_feature(enable = "pclmulqdq,sse4.1")]
    unsafe fn reduce(x: __m128i) -> u32 {
        let low32 = _mm_set_epi32(0, 0, 0, !0);
        let x = _mm_xor_si128(
            _mm_clmulepi64_si128(x, _mm_set_epi64x(K4, K3), 0x10),
            _mm_srli_si128(x, 8),
        );
        let x = _mm_xor_si128(
            _mm_clmulepi64_si128(_mm_and_si128(x, low32), _mm_set_epi64x(0, K5), 0x00),
            _mm_srli_si128(x, 4),
        );
        let pu = _mm_set_epi64x(MU, P_X);
        let t1 = _mm_clmulepi64_si128(_mm_and_si128(x, low32), pu, 0x10);
        let t2 = _mm_clmulepi64_si128(_mm_and_si128(t1, low32), pu, 0x00);
        !(_mm_extract_epi32(_mm_xor_si128(x, t2), 1) as u32)
    }

    #[inline]
    fn load(block: &[u8]) -> __m128i {
        assert!(block.len() >= 16);
        // SAFETY: 16 bytes are there; the load is unaligned.
        unsafe { _mm_loadu_si128(block.as_ptr().cast()) }
    }
}

#[cfg(test)]
mod tests {
    use super::{crc32, table};
    use alloc::vec::Vec;

    #[test]
    fn known_values() {
        assert_eq!(crc32(b"", 0), 0);
        // test_binascii.test_crc32: chained over two calls.
        let crc = crc32(b"Test the CRC-32 of", 0);
        assert_eq!(crc32(b" this string.", crc), 1571220330);
        assert_eq!(crc32(b"hello world", 0), 0x0d4a1185);
        assert_eq!(crc32(b"", 0xdeadbeef), 0xdeadbeef);
    }

    #[test]
    fn incremental_equals_whole() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i * 7 + i / 13) as u8).collect();
        let whole = crc32(&data, 0);
        let split = crc32(&data[3000..], crc32(&data[..3000], 0));
        assert_eq!(whole, split);
    }

    /// The folding kernel (where the CPU has it) agrees with the table at
    /// every length and alignment around its block sizes.
    #[test]
    fn folding_equals_table() {
        let data: Vec<u8> = (0..5000u32).map(|i| (i * 31 + i / 7) as u8).collect();
        for start in 0..17 {
            for len in (0..300).chain([1023, 1024, 1025, 4000]) {
                let slice = &data[start..start + len];
                for init in [0, 0xffff_ffff, 0x1234_5678] {
                    assert_eq!(crc32(slice, init), table(slice, init), "{start} {len}");
                }
            }
        }
    }
}
