//! `scanstring`: C's `scanstring_unicode`, the same in 3.11, 3.13 and the
//! 3.14-era tree (they differ only in the writer API and `PyUnicode_READY`).

use crate::decoded::{StringBuf, Units};
use crate::error::{DecodeError, ScanError};
use crate::scalar;
use crate::simd::{self, WidthOps};
use crate::unit::{CodeUnit, Kind};

/// A decoded JSON string, as C's `scanstring_unicode` makes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decoded<'b> {
    /// No escape before the closing quote: C's fast path returns
    /// `PyUnicode_Substring(s, start, end)`, a string of `kind`.
    Slice {
        start: usize,
        end: usize,
        kind: Kind,
    },
    /// The unescaped text, in the units of `kind` (in the caller's
    /// [`StringBuf`]): what C's `_PyUnicodeWriter` would finish.
    Units { units: Units<'b>, kind: Kind },
}

/// [`crate::scanstring`].
pub(crate) fn scanstring_of<'b, T: CodeUnit>(
    s: &[T],
    end: isize,
    strict: bool,
    buf: &'b mut StringBuf,
) -> Result<(Decoded<'b>, usize), ScanError> {
    let len = s.len();
    if end < 0 || end as usize > len {
        return Err(ScanError::EndOutOfBounds);
    }
    let ops = T::width_ops(simd::ops());
    let unterminated = ScanError::Decode(DecodeError {
        msg: DecodeError::UNTERMINATED,
        pos: end - 1,
    });
    let mut end = end as usize;
    let (mut next, mut hint) = run_end(ops, s, end, strict);
    match s.get(next).map(|unit| unit.to_u32()) {
        Some(0x22) => {
            let kind = Kind::of(hint);
            let slice = Decoded::Slice {
                start: end,
                end: next,
                kind,
            };
            return Ok((slice, next + 1));
        }
        Some(0x5c) => {}
        Some(_) => return Err(DecodeError::at(DecodeError::CONTROL, next)),
        None => return Err(unterminated),
    }
    buf.start();
    loop {
        // s[next] is a backslash, after the run s[end..next].
        if next > end {
            buf.push_run(&s[end..next], hint);
        }
        next += 1;
        let Some(&escape) = s.get(next) else {
            return Err(unterminated);
        };
        let c;
        (c, end) = unescape(s, next, escape.to_u32())?;
        buf.push_char(c);
        (next, hint) = run_end(ops, s, end, strict);
        match s.get(next).map(|unit| unit.to_u32()) {
            Some(0x22) => break,
            Some(0x5c) => {}
            Some(_) => return Err(DecodeError::at(DecodeError::CONTROL, next)),
            None => return Err(unterminated),
        }
    }
    buf.push_run(&s[end..next], hint);
    let (units, kind) = buf.decoded();
    Ok((Decoded::Units { units, kind }, next + 1))
}

/// The first index from `from` that ends a run (or `s.len()`), and the OR of
/// the run's units: the kernel's stretch, then the scalar loop's.
#[inline(always)]
fn run_end<T: CodeUnit>(ops: &WidthOps<T>, s: &[T], from: usize, strict: bool) -> (usize, u32) {
    // Escapes often follow each other, and strings are often short: look
    // at the first unit before calling a kernel.
    match s.get(from) {
        Some(&unit) if scalar::is_stop(unit.to_u32(), strict) => return (from, 0),
        None => return (from, 0),
        _ => {}
    }
    let (at, hint) = ops.scan(s, from, strict);
    let (at, rest) = scalar::scan(s, at, strict);
    (at, hint | rest)
}

/// The escape whose letter `escape` is at `at` (after a backslash at
/// `at - 1`): the code point and the index after the escape.
#[inline]
fn unescape<T: CodeUnit>(s: &[T], at: usize, escape: u32) -> Result<(u32, usize), ScanError> {
    let simple = match escape {
        0x22 | 0x5c | 0x2f => escape, // " \ /
        0x62 => 0x08,                 // b
        0x66 => 0x0c,                 // f
        0x6e => 0x0a,                 // n
        0x72 => 0x0d,                 // r
        0x74 => 0x09,                 // t
        0x75 => return unescape_u(s, at),
        _ => return Err(DecodeError::at(DecodeError::ESCAPE, at - 1)),
    };
    Ok((simple, at + 1))
}

/// `\uXXXX` with its `u` at `u`, and the low surrogate escape that may
/// follow a high one: C's conditions, including its demand for a unit
/// after the four digits (`end >= len` fails) and, before it reads a
/// second escape, for a unit after that one too (`end + 6 < len`).
fn unescape_u<T: CodeUnit>(s: &[T], u: usize) -> Result<(u32, usize), ScanError> {
    let invalid = DecodeError::at(DecodeError::UXXXX, u);
    let end = u + 5;
    if end >= s.len() {
        return Err(invalid);
    }
    let c = hex4(&s[u + 1..end]).ok_or(invalid)?;
    if !(0xd800..=0xdbff).contains(&c)
        || end + 6 >= s.len()
        || s[end].to_u32() != u32::from(b'\\')
        || s[end + 1].to_u32() != u32::from(b'u')
    {
        return Ok((c, end));
    }
    let c2 = hex4(&s[end + 2..end + 6]).ok_or(DecodeError::at(DecodeError::UXXXX, end + 1))?;
    if (0xdc00..=0xdfff).contains(&c2) {
        Ok((0x10000 + (((c - 0xd800) << 10) | (c2 - 0xdc00)), end + 6))
    } else {
        Ok((c, end))
    }
}

/// Four hex digits (either case). Table lookups, one branch: digits and
/// letters mix at random in escaped text.
#[inline]
fn hex4<T: CodeUnit>(digits: &[T]) -> Option<u32> {
    let mut value = 0;
    let mut bad = 0;
    for &unit in digits {
        let c = unit.to_u32();
        let digit = u32::from(HEX_VALUES[(c & 0xff) as usize]) | u32::from(c > 0xff) << 7;
        value = value << 4 | (digit & 0xf);
        bad |= digit;
    }
    (bad & 0x80 == 0).then_some(value)
}

/// Each byte's hex digit value, or 0x80.
static HEX_VALUES: [u8; 256] = {
    let mut values = [0x80u8; 256];
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
};
