//! binascii.a2b_hex/unhexlify and b2a_hex/hexlify (Python/pystrhex.c with
//! `return_bytes` set).

use crate::error::{Error, ErrorKind};
use crate::{simd, write_bytes};
use core::mem::MaybeUninit;

/// Lower-case hex pair of every byte (Py_hexdigits is lower case).
static HEX_PAIRS: [[u8; 2]; 256] = build_hex_pairs();

const fn build_hex_pairs() -> [[u8; 2]; 256] {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut pairs = [[0u8; 2]; 256];
    let mut byte = 0;
    while byte < 256 {
        pairs[byte] = [DIGITS[byte >> 4], DIGITS[byte & 0x0f]];
        byte += 1;
    }
    pairs
}

/// Value of a hex digit, or 0xff. Same as `_PyLong_DigitValue[c] < 16`.
pub(crate) const DIGIT_VALUE: [u8; 256] = build_digit_values();

const fn build_digit_values() -> [u8; 256] {
    let mut values = [0xffu8; 256];
    let mut c = 0;
    while c < 10 {
        values[b'0' as usize + c] = c as u8;
        c += 1;
    }
    let mut c = 0;
    while c < 6 {
        values[b'a' as usize + c] = 10 + c as u8;
        values[b'A' as usize + c] = 10 + c as u8;
        c += 1;
    }
    values
}

/// A hex digit's value, or BAD_DIGIT. One table for both digits of a pair
/// (the high one is shifted): two would cost 512 bytes more of the module.
static NIBBLE: [u16; 256] = nibble_table();
const BAD_DIGIT: u16 = 0x100;
/// Set in [`pair_bits`] when either character is not a hex digit.
pub(crate) const BAD_PAIR: u16 = BAD_DIGIT << 4 | BAD_DIGIT;

/// The byte two hex digits (either case) stand for in the low 8 bits, and
/// BAD_PAIR bits when either is not a digit.
#[inline(always)]
pub(crate) fn pair_bits(hi: u8, lo: u8) -> u16 {
    NIBBLE[usize::from(hi)] << 4 | NIBBLE[usize::from(lo)]
}

/// The byte two hex digits (either case) stand for, if both are digits.
#[inline]
pub(crate) fn pair_value(hi: u8, lo: u8) -> Option<u8> {
    let value = pair_bits(hi, lo);
    (value & BAD_PAIR == 0).then_some(value as u8)
}

const fn nibble_table() -> [u16; 256] {
    let mut table = [BAD_DIGIT; 256];
    let mut c = 0;
    while c < 256 {
        if DIGIT_VALUE[c] < 16 {
            table[c] = DIGIT_VALUE[c] as u16;
        }
        c += 1;
    }
    table
}

/// Output size of `a2b_hex`; "Odd-length string" is raised before decoding.
pub fn a2b_hex_max_len(hexstr: &[u8]) -> Result<usize, Error> {
    if hexstr.len() % 2 != 0 {
        return Err(Error::binascii("Odd-length string"));
    }
    Ok(hexstr.len() / 2)
}

/// `binascii.a2b_hex(hexstr)` / `unhexlify`: decode pairs of hex digits.
/// Returns n after writing every byte of `out[..n]`. Panics if `out` is
/// shorter than [`a2b_hex_max_len`].
pub fn a2b_hex_into(hexstr: &[u8], out: &mut [MaybeUninit<u8>]) -> Result<usize, Error> {
    let len = a2b_hex_max_len(hexstr)?;
    let out = &mut out[..len];
    // The kernel stops before a block with a non-digit; the scalar code
    // below finds it (the error is the same wherever it is).
    let done = if hexstr.len() >= 32 {
        (simd::ops().unhexlify)(hexstr, out)
    } else {
        0
    };
    let (hexstr, out) = (&hexstr[done..], &mut out[done / 2..]);
    // Where a bad digit is does not matter (same message, output dropped),
    // so validity is tested once per call, not once per byte.
    let value = |pair: &[u8]| pair_bits(pair[0], pair[1]);
    let mut bad = 0;
    let mut octets = hexstr.chunks_exact(8);
    let mut quads = out.chunks_exact_mut(4);
    for (digits, quad) in (&mut octets).zip(&mut quads) {
        let values = [
            value(&digits[0..2]),
            value(&digits[2..4]),
            value(&digits[4..6]),
            value(&digits[6..8]),
        ];
        bad |= values[0] | values[1] | values[2] | values[3];
        for (byte, v) in quad.iter_mut().zip(values) {
            *byte = MaybeUninit::new(v as u8);
        }
    }
    for (pair, byte) in octets
        .remainder()
        .chunks_exact(2)
        .zip(quads.into_remainder())
    {
        let v = value(pair);
        bad |= v;
        *byte = MaybeUninit::new(v as u8);
    }
    if bad & BAD_PAIR != 0 {
        return Err(Error::binascii("Non-hexadecimal digit found"));
    }
    Ok(len)
}

/// Checks pystrhex.c makes on `sep` that are about its value rather than its
/// type: `sep_len` is `len(sep)`, `first` its first code point (str) or byte
/// (bytes). The module raises `TypeError("sep must be str or bytes.")` itself,
/// after this length check and before the ASCII check. For bytes output any
/// byte and any str char below 256 is accepted (the C code only rejects str
/// whose kind is wider than one byte).
pub fn b2a_hex_sep(sep_len: usize, first: u32) -> Result<u8, Error> {
    if sep_len != 1 {
        return Err(Error {
            kind: ErrorKind::Value,
            message: "sep must be length 1.".into(),
        });
    }
    u8::try_from(first).map_err(|_| Error {
        kind: ErrorKind::Value,
        message: "sep must be ASCII.".into(),
    })
}

/// Separator groups as pystrhex.c computes them: (sep byte, group size,
/// number of separators, groups counted from the left); None when no
/// separator is written.
fn grouping(len: usize, sep: Option<u8>, bytes_per_sep: i32) -> Option<(u8, usize, usize, bool)> {
    let sep = sep?;
    let group = bytes_per_sep.unsigned_abs() as usize;
    if group == 0 || group >= len {
        return None;
    }
    Some((sep, group, (len - 1) / group, bytes_per_sep < 0))
}

/// Exact output size of `b2a_hex`; MemoryError (empty message) where
/// pystrhex.c's size check fails.
pub fn b2a_hex_max_len(data: &[u8], sep: Option<u8>, bytes_per_sep: i32) -> Result<usize, Error> {
    let len = data.len();
    let group = bytes_per_sep.unsigned_abs() as usize;
    let separators = if sep.is_some() && group != 0 && len > 0 {
        (len - 1) / group
    } else {
        0
    };
    // C: `arglen >= PY_SSIZE_T_MAX / 2 - resultlen`, in signed arithmetic.
    match (isize::MAX as usize / 2).checked_sub(separators) {
        Some(limit) if len < limit => {}
        _ => return Err(Error::no_memory()),
    }
    Ok(len * 2 + separators)
}

fn hex_run(data: &[u8], out: &mut [MaybeUninit<u8>]) {
    for (byte, pair) in data.iter().zip(out.chunks_exact_mut(2)) {
        write_bytes(pair, &HEX_PAIRS[*byte as usize]);
    }
}

/// `binascii.b2a_hex(data, sep, bytes_per_sep)` / `hexlify`. `sep` is the
/// already converted separator byte (see [`b2a_hex_sep`]); without one,
/// `bytes_per_sep` is ignored. Positive `bytes_per_sep` groups from the
/// right, negative from the left. Returns n after writing every byte of
/// `out[..n]`. Panics if `out` is shorter than [`b2a_hex_max_len`].
pub fn b2a_hex_into(
    data: &[u8],
    sep: Option<u8>,
    bytes_per_sep: i32,
    out: &mut [MaybeUninit<u8>],
) -> Result<usize, Error> {
    let total = b2a_hex_max_len(data, sep, bytes_per_sep)?;
    let out = &mut out[..total];
    let Some((sep, group, separators, from_left)) = grouping(data.len(), sep, bytes_per_sep) else {
        let done = if data.len() >= 16 {
            (simd::ops().hexlify)(data, out)
        } else {
            0
        };
        hex_run(&data[done..], &mut out[2 * done..]);
        return Ok(total);
    };
    // The odd-sized group is the last one from the left, the first one from
    // the right; it always holds 1..=group bytes.
    let short = data.len() - separators * group;
    let (head, grouped) = if from_left {
        let (grouped, tail) = data.split_at(separators * group);
        hex_run(tail, &mut out[total - 2 * short..]);
        (&[][..], grouped)
    } else {
        let (head, grouped) = data.split_at(short);
        hex_run(head, &mut out[..2 * short]);
        (head, grouped)
    };
    // Each full group with its separator: before it when grouping from
    // the right, after it from the left.
    let start = if from_left { 0 } else { 2 * head.len() };
    let width = 2 * group + 1;
    let (hex_at, sep_at) = if from_left { (0, 2 * group) } else { (1, 0) };
    for (chunk, dst) in grouped
        .chunks_exact(group)
        .zip(out[start..].chunks_exact_mut(width))
    {
        dst[sep_at] = MaybeUninit::new(sep);
        hex_run(chunk, &mut dst[hex_at..hex_at + 2 * group]);
    }
    Ok(total)
}
