//! The scalar kernel: the portable loops behind each operation of
//! `simd::WidthOps` (whose docs give the contracts), and the unit classes
//! of the C code, which the drivers share.

use crate::unit::CodeUnit;

/// A unit that ends a run in `scanstring_unicode`'s search loop.
#[inline(always)]
pub(crate) fn is_stop(c: u32, strict: bool) -> bool {
    c == u32::from(b'"') || c == u32::from(b'\\') || (strict && c <= 0x1f)
}

/// C's `S_CHAR`: copied as is by `ascii_escape_unicode`.
#[inline(always)]
pub(crate) fn s_char(c: u32) -> bool {
    (0x20..=0x7e).contains(&c) && c != u32::from(b'"') && c != u32::from(b'\\')
}

/// Escaped by `escape_unicode`.
#[inline(always)]
pub(crate) fn needs_escape(c: u32) -> bool {
    c <= 0x1f || c == u32::from(b'"') || c == u32::from(b'\\')
}

/// The two-character escapes of both encoders: `\\ \" \b \f \n \r \t`.
#[inline(always)]
pub(crate) fn short_escape(c: u32) -> Option<u8> {
    Some(match c {
        0x5c => b'\\',
        0x22 => b'"',
        0x08 => b'b',
        0x0c => b'f',
        0x0a => b'n',
        0x0d => b'r',
        0x09 => b't',
        _ => return None,
    })
}

pub(crate) fn scan<T: CodeUnit>(s: &[T], from: usize, strict: bool) -> (usize, u32) {
    let mut hint = 0;
    for (k, &unit) in s[from..].iter().enumerate() {
        let c = unit.to_u32();
        if is_stop(c, strict) {
            return (from + k, hint);
        }
        hint |= c;
    }
    (s.len(), hint)
}

pub(crate) fn ascii_run<T: CodeUnit>(
    s: &[T],
    i: usize,
    out: &mut [u8],
    o: usize,
) -> (usize, usize) {
    run_of::<T, u8, true>(s, i, out, o)
}

pub(crate) fn run<T: CodeUnit>(s: &[T], i: usize, out: &mut [T], o: usize) -> (usize, usize) {
    run_of::<T, T, false>(s, i, out, o)
}

/// A unit an encoder copies: `S_CHAR` for the ASCII one.
#[inline(always)]
pub(crate) fn clean<const ASCII: bool>(c: u32) -> bool {
    if ASCII {
        s_char(c)
    } else {
        !needs_escape(c)
    }
}

#[inline]
fn run_of<T: CodeUnit, O: CodeUnit, const ASCII: bool>(
    s: &[T],
    i: usize,
    out: &mut [O],
    o: usize,
) -> (usize, usize) {
    let mut copied = 0;
    for (dst, &unit) in out[o..].iter_mut().zip(&s[i..]) {
        let c = unit.to_u32();
        if !clean::<ASCII>(c) {
            break;
        }
        *dst = O::from_u32(c);
        copied += 1;
    }
    (i + copied, o + copied)
}

/// Output units - 1 of one unit in `ascii_escape_unicode`.
#[inline(always)]
pub(crate) fn ascii_extra_of(c: u32) -> u64 {
    if s_char(c) {
        0
    } else if short_escape(c).is_some() {
        1
    } else if c >= 0x10000 {
        11
    } else {
        5
    }
}

/// Output units - 1 of one unit in `escape_unicode`.
#[inline(always)]
pub(crate) fn extra_of(c: u32) -> u64 {
    if short_escape(c).is_some() {
        1
    } else if c <= 0x1f {
        5
    } else {
        0
    }
}

// Out of line: needed past the encoders' worst-case reserve only.
#[inline(never)]
pub(crate) fn ascii_extra<T: CodeUnit>(s: &[T]) -> u64 {
    extra_of_all::<T, true>(s)
}

#[inline(never)]
pub(crate) fn extra<T: CodeUnit>(s: &[T]) -> u64 {
    extra_of_all::<T, false>(s)
}

/// `ascii_extra` (ASCII) or `extra`: the saturating sum, in chunks whose
/// sums cannot wrap.
#[inline]
pub(crate) fn extra_of_all<T: CodeUnit, const ASCII: bool>(s: &[T]) -> u64 {
    let of = if ASCII { ascii_extra_of } else { extra_of };
    s.chunks(1 << 20).fold(0u64, |total, chunk| {
        let part: u64 = chunk.iter().map(|&unit| of(unit.to_u32())).sum();
        total.saturating_add(part)
    })
}
