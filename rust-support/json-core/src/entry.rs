//! The crate's public functions. Each is generic over the unit for its
//! callers, but calls the unit's own copy, made here (`unit::private`):
//! generic code is compiled in the crate that instantiates it, with that
//! crate's optimisation level, and the module crate is built for size
//! while these loops need this crate's speed (docs/design.md, "The
//! `_json` module").

use crate::decoded::StringBuf;
use crate::error::{ScanError, TooLong};
use crate::number::Number;
use crate::scan::Decoded;
use crate::unit::{CodeUnit, Wider};
use alloc::collections::TryReserveError;
use alloc::vec::Vec;

/// Decodes the JSON string whose opening quote is at `end - 1`, as
/// `_json.scanstring(s, end, strict)` does: returns the text and the index
/// after the closing quote, or C's error with its position.
///
/// `strict` rejects control characters (below 0x20) in the string. `\uXXXX`
/// escapes of a high surrogate followed by `\uXXXX` of a low one are
/// joined; any other surrogate is kept alone, as C keeps it. `buf` is used
/// only when the string has an escape.
#[inline(always)]
pub fn scanstring<'b, T: CodeUnit>(
    s: &[T],
    end: isize,
    strict: bool,
    buf: &'b mut StringBuf,
) -> Result<(Decoded<'b>, usize), ScanError> {
    T::scanstring(s, end, strict, buf)
}

/// The JSON number at `start`, as C's scanner matches it:
/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?` with ASCII digits only,
/// or `None` where C raises `StopIteration(start)`. Its units are ASCII:
/// the caller narrows `s[start..end]` to bytes for `int()`/`float()`, or
/// passes the slice as a str of the kind of `s` to a hook, as C does.
///
/// The C scanner looks for `NaN`, `Infinity` and `-Infinity` before it
/// matches a number; so must the caller.
#[inline(always)]
pub fn match_number<T: CodeUnit>(s: &[T], start: usize) -> Option<Number> {
    T::match_number(s, start)
}

/// The length of `encode_basestring_ascii(s)`, quotes included: what C
/// allocates, or its `OverflowError` past `PY_SSIZE_T_MAX`.
#[inline(always)]
pub fn escaped_len_ascii<T: CodeUnit>(s: &[T]) -> Result<usize, TooLong> {
    T::escaped_len_ascii(s)
}

/// The length of `encode_basestring(s)`, quotes included, in units of the
/// kind of `s` (the result has the kind of `s`), or C's `OverflowError`.
#[inline(always)]
pub fn escaped_len<T: CodeUnit>(s: &[T]) -> Result<usize, TooLong> {
    T::escaped_len(s)
}

/// Writes `encode_basestring_ascii(s)` (an ASCII string) to the start of
/// `out` and returns its length, which [`escaped_len_ascii`] gave. Panics
/// if `out` is shorter than that; writes nothing past it.
#[inline(always)]
pub fn escape_ascii_into<T: CodeUnit>(s: &[T], out: &mut [u8]) -> usize {
    T::escape_ascii_into(s, out)
}

/// Writes `encode_basestring(s)` to the start of `out`, in units of the
/// kind of `s`, and returns its length, which [`escaped_len`] gave. Panics if
/// `out` is shorter than that; writes nothing past it.
#[inline(always)]
pub fn escape_into<T: CodeUnit>(s: &[T], out: &mut [T]) -> usize {
    T::escape_into(s, out)
}

/// Writes `encode_basestring(s)` to the start of `out`, whose units are
/// wider than those of `s` (an output that a wider text made wider), and
/// returns its length, which [`escaped_len`] gave. Scalar. Panics if `out`
/// is shorter than that, or not wider; writes nothing past it.
#[inline(always)]
pub fn escape_into_wider<T: CodeUnit, O: CodeUnit>(s: &[T], out: &mut [O]) -> usize {
    match O::wider(out) {
        Wider::Two(out) => T::escape_into_two(s, out),
        Wider::Four(out) => T::escape_into_four(s, out),
        Wider::Not => crate::unit::not_wider(),
    }
}

/// Appends zero units to `buf` up to `len` units (a no-op if it holds as
/// many), allocating exactly that room or failing: one `memset` here, and
/// the vector's growth made in this crate, not in a caller built for size
/// (whose copy of the standard library's growth functions other modules
/// would then share: docs/design.md, "The `_json` module").
#[inline(always)]
pub fn zero_extend<T: CodeUnit>(buf: &mut Vec<T>, len: usize) -> Result<(), TryReserveError> {
    T::zero_extend(buf, len)
}
