//! binascii.crc32: zlib's CRC-32 (the C module uses zlib or an equivalent
//! table; both give the same values). crc32fast picks a SIMD kernel at run
//! time and a slicing-by-16 table otherwise.

/// `binascii.crc32(data, crc)`: continue the CRC-32 `crc` over `data`.
pub fn crc32(data: &[u8], crc: u32) -> u32 {
    let mut hasher = crc32fast::Hasher::new_with_initial(crc);
    hasher.update(data);
    hasher.finalize()
}

#[cfg(test)]
mod tests {
    use super::crc32;
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
}
