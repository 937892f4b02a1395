//! binascii.a2b_uu and b2a_uu: one uuencoded line.

use crate::error::Error;
use crate::write_bytes;
use core::mem::MaybeUninit;

/// Most bytes b2a_uu encodes at once ("appears in all uuencodes").
const MAX_UU_BYTES: usize = 45;

/// The uuencode character of each 6-bit value: "excess-space" coding.
static UU_SPACE: [u8; 64] = uu_table(b' ');
/// The same with '`' for zero, as some uuencoders write.
static UU_BACKTICK: [u8; 64] = uu_table(b'`');

const fn uu_table(zero: u8) -> [u8; 64] {
    let mut table = [0u8; 64];
    let mut value = 1;
    table[0] = zero;
    while value < 64 {
        table[value] = b' ' + value as u8;
        value += 1;
    }
    table
}

/// Flag in UU_VALUE for characters a2b_uu rejects.
const ILLEGAL: u8 = 0x80;

/// The 6-bit value of each character in a2b_uu: ' '..='`' (the 64 in
/// place of 63 accepts '`' as zero), CR and LF as zero ("assume some spaces
/// got eaten at end-of-line"), anything else ILLEGAL.
static UU_VALUE: [u8; 256] = build_uu_values();

const fn build_uu_values() -> [u8; 256] {
    let mut values = [ILLEGAL; 256];
    let mut c = b' ';
    while c <= b' ' + 64 {
        values[c as usize] = (c - b' ') & 0o77;
        c += 1;
    }
    values[b'\n' as usize] = 0;
    values[b'\r' as usize] = 0;
    values
}

/// Output size of `a2b_uu`, from the line's length character.
///
/// C reads `data[0]` even for empty input, where it finds the buffer's
/// trailing NUL (bytes, bytearray and str buffers all have one), so empty
/// input decodes as length `(0 - ' ') & 0o77` = 32.
pub fn a2b_uu_max_len(data: &[u8]) -> Result<usize, Error> {
    let first = data.first().copied().unwrap_or(0);
    Ok(usize::from(first.wrapping_sub(b' ') & 0o77))
}

/// `binascii.a2b_uu(data)`: decode one uuencoded line. Returns n after
/// writing every byte of `out[..n]`. Panics if `out` is shorter than
/// [`a2b_uu_max_len`].
pub fn a2b_uu_into(data: &[u8], out: &mut [MaybeUninit<u8>]) -> Result<usize, Error> {
    let bin_len = a2b_uu_max_len(data)?;
    let out = &mut out[..bin_len];
    let body = data.get(1..).unwrap_or(&[]);
    // Whole groups of four characters while they last and three or more
    // bytes are due: each group is exactly three bytes.
    let mut pos = 0;
    let mut written = 0;
    for (chars, bytes) in body.chunks_exact(4).zip(out.chunks_exact_mut(3)) {
        let values = [
            UU_VALUE[usize::from(chars[0])],
            UU_VALUE[usize::from(chars[1])],
            UU_VALUE[usize::from(chars[2])],
            UU_VALUE[usize::from(chars[3])],
        ];
        if (values[0] | values[1] | values[2] | values[3]) & ILLEGAL != 0 {
            return Err(Error::binascii("Illegal char"));
        }
        let bits = u32::from(values[0]) << 18
            | u32::from(values[1]) << 12
            | u32::from(values[2]) << 6
            | u32::from(values[3]);
        write_bytes(bytes, &bits.to_be_bytes()[1..]);
        pos += 4;
        written += 3;
    }
    // The rest the C way, one character at a time; characters past the
    // end count as zero.
    let mut leftchar: u32 = 0;
    let mut leftbits = 0;
    while written < bin_len {
        let value = UU_VALUE[usize::from(body.get(pos).copied().unwrap_or(b'\n'))];
        if value & ILLEGAL != 0 {
            return Err(Error::binascii("Illegal char"));
        }
        pos += 1;
        leftchar = (leftchar << 6) | u32::from(value);
        leftbits += 6;
        if leftbits >= 8 {
            leftbits -= 8;
            out[written] = MaybeUninit::new((leftchar >> leftbits) as u8);
            leftchar &= (1 << leftbits) - 1;
            written += 1;
        }
    }
    // Whatever is left on the line must be padding or line end.
    let rest = body.get(pos..).unwrap_or(&[]);
    if rest
        .iter()
        .any(|&c| !matches!(c, b' ' | b'`' | b'\n' | b'\r'))
    {
        return Err(Error::binascii("Trailing garbage"));
    }
    Ok(bin_len)
}

/// Exact output size of `b2a_uu`; "At most 45 bytes at once" is raised
/// before encoding.
pub fn b2a_uu_max_len(data: &[u8]) -> Result<usize, Error> {
    if data.len() > MAX_UU_BYTES {
        return Err(Error::binascii("At most 45 bytes at once"));
    }
    // Length char, 4 chars per started group of 3 bytes, newline.
    Ok(2 + data.len().div_ceil(3) * 4)
}

/// `binascii.b2a_uu(data, backtick=...)`: encode at most 45 bytes as one
/// line; with `backtick`, zero is written as '`' instead of ' '. Returns n
/// after writing every byte of `out[..n]`. Panics if `out` is shorter than
/// [`b2a_uu_max_len`].
pub fn b2a_uu_into(
    data: &[u8],
    backtick: bool,
    out: &mut [MaybeUninit<u8>],
) -> Result<usize, Error> {
    let total = b2a_uu_max_len(data)?;
    let out = &mut out[..total];
    // Zero is ' ' or, with backtick, '`'.
    let table = if backtick { &UU_BACKTICK } else { &UU_SPACE };
    out[0] = MaybeUninit::new(table[data.len()]);
    let encode_group = |bytes: [u8; 3], chars: &mut [MaybeUninit<u8>]| {
        let bits = u32::from(bytes[0]) << 16 | u32::from(bytes[1]) << 8 | u32::from(bytes[2]);
        chars[0] = MaybeUninit::new(table[(bits >> 18) as usize & 0x3f]);
        chars[1] = MaybeUninit::new(table[(bits >> 12) as usize & 0x3f]);
        chars[2] = MaybeUninit::new(table[(bits >> 6) as usize & 0x3f]);
        chars[3] = MaybeUninit::new(table[bits as usize & 0x3f]);
    };
    let mut groups = data.chunks_exact(3);
    let mut quads = out[1..].chunks_exact_mut(4);
    for (group, chars) in (&mut groups).zip(&mut quads) {
        encode_group([group[0], group[1], group[2]], chars);
    }
    let tail = groups.remainder();
    if !tail.is_empty() {
        // The last group is zero-padded; the length char says what counts.
        let bytes = [tail[0], tail.get(1).copied().unwrap_or(0), 0];
        encode_group(bytes, quads.next().expect("room for the last group"));
    }
    out[total - 1] = MaybeUninit::new(b'\n');
    Ok(total)
}
