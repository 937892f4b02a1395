//! binascii.crc_hqx: CRC-CCITT (polynomial 0x1021, MSB first, no final xor),
//! as the C module's `crctab_hqx` computes it, sped up by slicing-by-4
//! (2 KiB of tables; slicing-by-8 was faster still but twice the size).

const POLY: u16 = 0x1021;
const SLICES: usize = 4;

/// TABLES[0] is the C module's `crctab_hqx`; TABLES[k][b] is the CRC
/// contribution of byte b followed by k zero bytes, so four bytes can be
/// folded in with four independent lookups. Built at compile time.
static TABLES: [[u16; 256]; SLICES] = build_tables();

const fn build_tables() -> [[u16; 256]; SLICES] {
    let mut tables = [[0u16; 256]; SLICES];
    let mut byte = 0;
    while byte < 256 {
        let mut crc = (byte as u16) << 8;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ POLY
            } else {
                crc << 1
            };
            bit += 1;
        }
        tables[0][byte] = crc;
        byte += 1;
    }
    let mut k = 1;
    while k < SLICES {
        let mut byte = 0;
        while byte < 256 {
            let prev = tables[k - 1][byte];
            tables[k][byte] = (prev << 8) ^ tables[0][(prev >> 8) as usize];
            byte += 1;
        }
        k += 1;
    }
    tables
}

/// `binascii.crc_hqx(data, crc)`: only the low 16 bits of `crc` are used and
/// the result fits in 16 bits.
pub fn crc_hqx(data: &[u8], crc: u32) -> u32 {
    let mut crc = (crc & 0xffff) as u16;
    let mut chunks = data.chunks_exact(SLICES);
    for chunk in &mut chunks {
        let [hi, lo] = crc.to_be_bytes();
        crc = TABLES[3][(chunk[0] ^ hi) as usize]
            ^ TABLES[2][(chunk[1] ^ lo) as usize]
            ^ TABLES[1][chunk[2] as usize]
            ^ TABLES[0][chunk[3] as usize];
    }
    for &byte in chunks.remainder() {
        crc = (crc << 8) ^ TABLES[0][((crc >> 8) as u8 ^ byte) as usize];
    }
    u32::from(crc)
}

#[cfg(test)]
mod tests {
    use super::{crc_hqx, TABLES};
    use alloc::vec::Vec;

    /// The byte-at-a-time loop of the C module.
    fn reference(data: &[u8], crc: u32) -> u32 {
        let mut crc = crc & 0xffff;
        for &byte in data {
            crc = ((crc << 8) & 0xff00)
                ^ u32::from(TABLES[0][((crc >> 8) ^ u32::from(byte)) as usize]);
        }
        crc
    }

    #[test]
    fn table_matches_c_crctab_hqx() {
        // First and last rows of crctab_hqx in Modules/binascii.c.
        assert_eq!(
            TABLES[0][..8],
            [0x0000, 0x1021, 0x2042, 0x3063, 0x4084, 0x50a5, 0x60c6, 0x70e7]
        );
        assert_eq!(
            TABLES[0][248..],
            [0x6e17, 0x7e36, 0x4e55, 0x5e74, 0x2e93, 0x3eb2, 0x0ed1, 0x1ef0]
        );
    }

    #[test]
    fn known_values() {
        // test_binascii.test_crc_hqx
        let crc = crc_hqx(b"Test the CRC-32 of", 0);
        assert_eq!(crc_hqx(b" this string.", crc), 14290);
        for crc in [0u32, 1, 0x1234, 0x12345, 0x12345678, u32::MAX] {
            assert_eq!(crc_hqx(b"", crc), crc & 0xffff);
        }
    }

    #[test]
    fn slicing_matches_bytewise() {
        let data: Vec<u8> = (0..1000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        for len in 0..64 {
            for crc in [0u32, 0xffff, 0x1d0f, 0xdead_beef] {
                assert_eq!(crc_hqx(&data[..len], crc), reference(&data[..len], crc));
            }
        }
        assert_eq!(crc_hqx(&data, 0x1234), reference(&data, 0x1234));
    }
}
