//! binascii.crc32: zlib's CRC-32 (the C module uses zlib or an equivalent
//! table; both give the same values).
//!
//! The vector kernel (`simd::ops().crc32`) folds whole 16-byte blocks by
//! carry-less multiplication where the CPU has it (x86_64: PCLMULQDQ,
//! VPCLMULQDQ; aarch64: PMULL); a table takes the rest, short inputs, and
//! CPUs without it. On x86_64, whose CPUs all have PCLMULQDQ since 2010,
//! that is a 1 KiB byte table; other targets use crc32fast's table code
//! (aarch64 CPUs without PMULL exist: the Raspberry Pi 4's). crc32fast has
//! folding kernels of its own but chooses them at run time only with its
//! `std` feature, which a `no_std` module cannot have, and its 16 KiB
//! slicing table would be a quarter of the module's size budget on x86_64.

use crate::simd;

/// Below this, no kernel has a whole block to fold.
const VECTOR_MIN: usize = 16;

/// `binascii.crc32(data, crc)`: continue the CRC-32 `crc` over `data`.
pub fn crc32(data: &[u8], crc: u32) -> u32 {
    if data.len() >= VECTOR_MIN {
        let (crc, used) = (simd::ops().crc32)(crc, data);
        return table(&data[used..], crc);
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
