//! The extent of a JSON number: C's `_match_number_unicode` (the same in
//! 3.11, 3.13 and the 3.14-era tree) without the conversion.

use crate::unit::CodeUnit;

/// A number found by [`crate::match_number`]: it ends before `end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Number {
    pub end: usize,
    /// It has a fraction or an exponent: C converts it with `float()` (or
    /// calls `parse_float`), otherwise with `int()` (or `parse_int`).
    pub is_float: bool,
}

/// [`crate::match_number`].
pub(crate) fn match_number_of<T: CodeUnit>(s: &[T], start: usize) -> Option<Number> {
    if start >= s.len() {
        return None;
    }
    let at = |i: usize| s[i].to_u32();
    let digit = |i: usize| (0x30..=0x39).contains(&at(i));
    // C's end_idx: the last index.
    let last = s.len() - 1;
    let mut idx = start;
    if at(idx) == u32::from(b'-') {
        idx += 1;
        if idx > last {
            return None;
        }
    }
    match at(idx) {
        0x31..=0x39 => {
            idx += 1;
            while idx <= last && digit(idx) {
                idx += 1;
            }
        }
        0x30 => idx += 1,
        _ => return None,
    }
    let mut is_float = false;
    if idx < last && at(idx) == u32::from(b'.') && digit(idx + 1) {
        is_float = true;
        idx += 2;
        while idx <= last && digit(idx) {
            idx += 1;
        }
    }
    if idx < last && (at(idx) == u32::from(b'e') || at(idx) == u32::from(b'E')) {
        let e_start = idx;
        idx += 1;
        if idx < last && (at(idx) == u32::from(b'-') || at(idx) == u32::from(b'+')) {
            idx += 1;
        }
        while idx <= last && digit(idx) {
            idx += 1;
        }
        // No digit: the 'e' is not part of the number.
        if digit(idx - 1) {
            is_float = true;
        } else {
            idx = e_start;
        }
    }
    Some(Number { end: idx, is_float })
}
