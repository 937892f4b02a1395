//! binascii.a2b_qp: decode quoted-printable (RFC 1521) the lenient C way:
//! malformed escapes are copied through, never reported.

use crate::error::Error;
use crate::hex::hex_digit_value;

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// High bit set in each byte of `word` equal to `c`. Borrows can also flag
/// bytes above a match, never below one, so the lowest flag is exact.
#[inline]
fn bytes_equal(word: u64, c: u8) -> u64 {
    let x = word ^ (ONES * u64::from(c));
    x.wrapping_sub(ONES) & !x & HIGH
}

/// Length of the prefix of `data` with no '=' (nor '_' in header mode),
/// eight bytes at a time.
#[inline]
fn plain_run(data: &[u8], header: bool) -> usize {
    let mut words = data.chunks_exact(8);
    let mut offset = 0;
    for word in &mut words {
        let word = u64::from_le_bytes(word.try_into().expect("8 bytes"));
        let mut found = bytes_equal(word, b'=');
        if header {
            found |= bytes_equal(word, b'_');
        }
        if found != 0 {
            return offset + (found.trailing_zeros() / 8) as usize;
        }
        offset += 8;
    }
    let tail = words.remainder();
    offset
        + tail
            .iter()
            .position(|&c| c == b'=' || (header && c == b'_'))
            .unwrap_or(tail.len())
}

/// Upper bound of `a2b_qp`'s output: decoding never grows the data.
pub fn a2b_qp_max_len(data: &[u8]) -> Result<usize, Error> {
    Ok(data.len())
}

/// `binascii.a2b_qp(data, header=...)`. Never fails on content; malformed
/// escapes are copied through.
pub fn a2b_qp_into(data: &[u8], header: bool, out: &mut [u8]) -> Result<usize, Error> {
    let out = &mut out[..data.len()];
    let len = data.len();
    let mut i = 0;
    let mut o = 0;
    while i < len {
        // Copy the run up to the next byte with a meaning in one go.
        let run = plain_run(&data[i..], header);
        out[o..o + run].copy_from_slice(&data[i..i + run]);
        i += run;
        o += run;
        if i >= len {
            break;
        }
        if data[i] == b'_' {
            out[o] = b' ';
            o += 1;
            i += 1;
            continue;
        }
        i += 1;
        // A lone '=' at the very end is dropped.
        if i >= len {
            break;
        }
        match data[i] {
            // Soft line break: '=' then anything up to and including the
            // next LF (C skips a CR and whatever follows it).
            b'\n' | b'\r' => {
                if data[i] != b'\n' {
                    while i < len && data[i] != b'\n' {
                        i += 1;
                    }
                }
                if i < len {
                    i += 1;
                }
            }
            // "==" from broken Python qp encoders.
            b'=' => {
                out[o] = b'=';
                o += 1;
                i += 1;
            }
            first => match (
                hex_digit_value(first),
                data.get(i + 1).and_then(|&c| hex_digit_value(c)),
            ) {
                (Some(hi), Some(lo)) => {
                    out[o] = (hi << 4) | lo;
                    o += 1;
                    i += 2;
                }
                // Not an escape: keep the '=' and reread what follows.
                _ => {
                    out[o] = b'=';
                    o += 1;
                }
            },
        }
    }
    Ok(o)
}

/// Allocating form of [`a2b_qp_into`].
pub fn a2b_qp(data: &[u8], header: bool) -> Result<Vec<u8>, Error> {
    let mut out = vec![0; a2b_qp_max_len(data)?];
    let len = a2b_qp_into(data, header, &mut out)?;
    out.truncate(len);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::plain_run;

    #[test]
    fn plain_run_stops_at_first_special_byte() {
        for len in 0..40 {
            for at in 0..=len {
                for special in [b'=', b'_'] {
                    // Bytes next to the specials, to catch borrow mistakes.
                    let mut data = vec![b'>'; len];
                    data.iter_mut()
                        .skip(at + 1)
                        .step_by(3)
                        .for_each(|c| *c = b'<');
                    if at < len {
                        data[at] = special;
                    }
                    let found = special == b'=' && at < len;
                    assert_eq!(plain_run(&data, false), if found { at } else { len });
                    assert_eq!(plain_run(&data, true), at.min(len));
                }
            }
        }
        assert_eq!(plain_run(b"\x3c\x3e\x3d", false), 2);
        assert_eq!(plain_run(b"\x01\x00=", false), 2);
    }
}
