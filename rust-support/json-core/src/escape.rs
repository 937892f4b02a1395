//! `encode_basestring_ascii` and `encode_basestring`: C's
//! `ascii_escape_unicode` and `escape_unicode` (the same in 3.11, 3.13 and
//! the 3.14-era tree), each as C's two passes: the output length, which C
//! computes to allocate the result, then the output.

use crate::error::TooLong;
use crate::scalar::{self, clean, short_escape};
use crate::simd::{self, Run};
use crate::unit::CodeUnit;

const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Below this many units left, the scalar stretch finishes instead of
/// calling the kernel again.
const KERNEL_MIN: usize = 16;

/// [`crate::escaped_len_ascii`].
pub(crate) fn escaped_len_ascii_of<T: CodeUnit>(s: &[T]) -> Result<usize, TooLong> {
    total(s.len(), scalar::ascii_extra(s))
}

/// [`crate::escaped_len`].
pub(crate) fn escaped_len_of<T: CodeUnit>(s: &[T]) -> Result<usize, TooLong> {
    total(s.len(), scalar::extra(s))
}

/// C starts at 2 and adds each unit's output length, failing as soon as
/// the sum would pass `PY_SSIZE_T_MAX`; the sum only grows, so that is
/// whether the whole sum passes it.
fn total(len: usize, extra: u64) -> Result<usize, TooLong> {
    let total = (len as u64).saturating_add(2).saturating_add(extra);
    if total > isize::MAX as u64 {
        Err(TooLong)
    } else {
        Ok(total as usize)
    }
}

/// [`crate::escape_ascii_into`].
pub(crate) fn escape_ascii_into_of<T: CodeUnit>(s: &[T], out: &mut [u8]) -> usize {
    let ops = T::width_ops(simd::ops());
    escape_with(
        s,
        out,
        |s, i, out, o| ops.ascii_run(s, i, out, o),
        ascii_stretch,
    )
}

/// [`crate::escape_into`].
pub(crate) fn escape_into_of<T: CodeUnit>(s: &[T], out: &mut [T]) -> usize {
    let ops = T::width_ops(simd::ops());
    escape_with(s, out, |s, i, out, o| ops.run(s, i, out, o), stretch)
}

/// Both encoders: the kernel copies runs of clean units, `stretch` escapes
/// the others (and copies the kernel's last units).
#[inline(always)]
fn escape_with<T: CodeUnit, O: CodeUnit>(
    s: &[T],
    out: &mut [O],
    run: impl Fn(&[T], usize, &mut [O], usize) -> (usize, usize),
    stretch: Run<T, O>,
) -> usize {
    out[0] = O::from_u32(u32::from(b'"'));
    let (mut i, mut o) = (0, 1);
    while i < s.len() {
        (i, o) = run(s, i, out, o);
        (i, o) = stretch(s, i, out, o);
    }
    out[o] = O::from_u32(u32::from(b'"'));
    o + 1
}

/// [`crate::escape_into_wider`].
pub(crate) fn escape_into_wider_of<T: CodeUnit, O: CodeUnit>(s: &[T], out: &mut [O]) -> usize {
    debug_assert!(T::MAX_UNIT < O::MAX_UNIT);
    escape_with(s, out, |_, i, _, o| (i, o), stretch)
}

/// The scalar stretch of `escape_unicode`: escapes and copies from `i` until
/// STREAK clean units in a row leave enough for the kernel, or the end.
/// `O` is `T`, or wider.
fn stretch<T: CodeUnit, O: CodeUnit>(
    s: &[T],
    mut i: usize,
    out: &mut [O],
    mut o: usize,
) -> (usize, usize) {
    let mut streak = 0;
    while let Some(&unit) = s.get(i) {
        let c = unit.to_u32();
        i += 1;
        if clean::<false>(c) {
            out[o] = O::from_u32(c);
            o += 1;
            streak += 1;
            if streak >= STREAK && s.len() - i >= KERNEL_MIN {
                break;
            }
        } else {
            o = write_escape(c, out, o);
            streak = 0;
        }
    }
    (i, o)
}

/// The same for `ascii_escape_unicode`, where text outside ASCII makes
/// escapes dense: each escaped unit below 0x10000 is one store of
/// [`ascii_word`].
fn ascii_stretch<T: CodeUnit>(
    s: &[T],
    mut i: usize,
    out: &mut [u8],
    mut o: usize,
) -> (usize, usize) {
    let mut streak = 0;
    while let Some(&unit) = s.get(i) {
        let c = unit.to_u32();
        i += 1;
        // A unit written as it is: one store (what the kernel leaves to
        // the stretch is short strings and the units around escapes).
        if scalar::s_char(c) {
            out[o] = c as u8;
            o += 1;
            streak += 1;
            if streak >= STREAK && s.len() - i >= KERNEL_MIN {
                break;
            }
            continue;
        }
        if c >= 0x10000 {
            o = write_escape(c, out, o);
            streak = 0;
            continue;
        }
        let (word, len) = ascii_word(c);
        let bytes = word.to_le_bytes();
        // All 8 bytes when what follows (a byte or more per unit left, and
        // the quote) covers them: nothing is written past the result.
        let room = if s.len() - i >= 7 {
            out.get_mut(o..o + 8)
        } else {
            None
        };
        match room {
            Some(room) => room.copy_from_slice(&bytes),
            None => out[o..o + len].copy_from_slice(&bytes[..len]),
        }
        o += len;
        streak = 0;
    }
    (i, o)
}

/// Clean units in a row after which the stretch hands back to the kernel.
const STREAK: usize = 8;

/// What `ascii_escape_unicode` writes for `c` (below 0x10000): the bytes,
/// first in the low byte, and their number in the top byte. Loads and
/// shifts, no branch and no select (which compilers turn into branches):
/// whether a unit is escaped is a coin toss in text outside ASCII.
#[inline(always)]
fn ascii_word(c: u32) -> (u64, usize) {
    let beyond = u32::from(c >= 0x80);
    // ASCII_WORDS[c] for ASCII, else its last entry: "\u" and the length.
    let index = (c & 0x7f) | (beyond << 7);
    let index = index & !(beyond.wrapping_neg() & 0x7f);
    let high = u64::from(HEX_PAIRS[(c >> 8 & 0xff) as usize]);
    let low = u64::from(HEX_PAIRS[(c & 0xff) as usize]);
    // The digits, shifted out of the word for ASCII.
    let digits = (high << 16 | low << 32) >> (56 * (1 - beyond));
    let word = ASCII_WORDS[index as usize] | digits;
    (word, (word >> 56) as usize)
}

/// `ascii_word` of each ASCII unit, then the start of every other one.
static ASCII_WORDS: [u64; 129] = {
    let mut words = [0u64; 129];
    let mut c = 0;
    while c < 128 {
        let letter = match c as u8 {
            b'\\' => b'\\',
            b'"' => b'"',
            0x08 => b'b',
            0x0c => b'f',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            _ => 0,
        };
        words[c] = if c >= 0x20 && c < 0x7f && letter == 0 {
            c as u64 | 1 << 56
        } else if letter != 0 {
            0x5c | (letter as u64) << 8 | 2 << 56
        } else {
            let pair = HEX_PAIRS[c];
            0x755c | 0x3030 << 16 | (pair as u64) << 32 | 6 << 56
        };
        c += 1;
    }
    words[128] = 0x755c | 6 << 56;
    words
};

/// The two lower-case hex digits of each byte, the first in the low byte.
static HEX_PAIRS: [u16; 256] = {
    let mut pairs = [0u16; 256];
    let mut b = 0;
    while b < 256 {
        pairs[b] = HEX_DIGITS[b >> 4] as u16 | (HEX_DIGITS[b & 0xf] as u16) << 8;
        b += 1;
    }
    pairs
};

/// C's `ascii_escape_unichar`: `c`'s escape at `out[o..]`; returns the end.
/// `escape_unicode` writes the same escapes for the units it escapes.
#[inline]
fn write_escape<O: CodeUnit>(c: u32, out: &mut [O], o: usize) -> usize {
    if let Some(letter) = short_escape(c) {
        out[o] = O::from_u32(u32::from(b'\\'));
        out[o + 1] = O::from_u32(u32::from(letter));
        return o + 2;
    }
    if c >= 0x10000 {
        // C's Py_UNICODE_HIGH_SURROGATE and _LOW_SURROGATE.
        let high = 0xd800u32.wrapping_sub(0x10000 >> 10).wrapping_add(c >> 10);
        let low = 0xdc00 + (c & 0x3ff);
        write_u_escape(high, &mut out[o..o + 6]);
        write_u_escape(low, &mut out[o + 6..o + 12]);
        o + 12
    } else {
        write_u_escape(c, &mut out[o..o + 6]);
        o + 6
    }
}

/// `\uXXXX` of the low 16 bits of `c`, lower-case hex.
#[inline(always)]
fn write_u_escape<O: CodeUnit>(c: u32, out: &mut [O]) {
    let digit = |shift: u32| O::from_u32(u32::from(HEX_DIGITS[(c >> shift & 0xf) as usize]));
    let escape = [
        O::from_u32(u32::from(b'\\')),
        O::from_u32(u32::from(b'u')),
        digit(12),
        digit(8),
        digit(4),
        digit(0),
    ];
    out.copy_from_slice(&escape);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scalar;

    #[test]
    fn the_length_fails_exactly_past_py_ssize_t_max() {
        let max = isize::MAX as u64;
        assert_eq!(total(0, max - 2), Ok(isize::MAX as usize));
        assert_eq!(total(0, max - 1), Err(TooLong));
        assert_eq!(total(5, max - 7), Ok(isize::MAX as usize));
        assert_eq!(total(5, max - 6), Err(TooLong));
        assert_eq!(total(usize::MAX, u64::MAX), Err(TooLong));
    }

    #[test]
    fn ascii_words_are_the_escapes() {
        for c in 0..0x10000u32 {
            let mut want = [0u8; 12];
            let len = write_escape(c, &mut want, 0);
            let (word, n) = ascii_word(c);
            if crate::scalar::s_char(c) {
                assert_eq!((word & 0xff, n), (u64::from(c), 1));
            } else {
                assert_eq!(&word.to_le_bytes()[..n], &want[..len], "{c:#x}");
            }
        }
    }

    #[test]
    fn unit_classes_match_the_c_switches() {
        for c in 0..0x200u32 {
            let c_s_char = (0x20..=0x7e).contains(&c) && c != 0x5c && c != 0x22;
            assert_eq!(clean::<true>(c), c_s_char, "{c:#x}");
            assert_eq!(clean::<false>(c), c >= 0x20 && c != 0x22 && c != 0x5c);
            assert_eq!(scalar::is_stop(c, false), c == 0x22 || c == 0x5c);
        }
    }
}
