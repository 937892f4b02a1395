//! The exceptions the C code raises, as data: the module layer makes the
//! Python objects.

use core::fmt;

/// What `scanstring` raises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScanError {
    /// `ValueError("end is out of bounds")`: `end` is negative or past the
    /// text ([`ScanError::END_OUT_OF_BOUNDS`]).
    EndOutOfBounds,
    /// `json.decoder.JSONDecodeError(msg, doc, pos)`.
    Decode(DecodeError),
}

impl ScanError {
    pub const END_OUT_OF_BOUNDS: &'static str = "end is out of bounds";
}

/// `json.decoder.JSONDecodeError(msg, doc, pos)`: C's `raise_errmsg`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// One of the constants below, exactly C's text.
    pub msg: &'static str,
    /// An index into the document; -1 for a string that starts at 0 (C
    /// reports `end - 1` as its start).
    pub pos: isize,
}

impl DecodeError {
    pub const UNTERMINATED: &'static str = "Unterminated string starting at";
    pub const CONTROL: &'static str = "Invalid control character at";
    pub const ESCAPE: &'static str = "Invalid \\escape";
    pub const UXXXX: &'static str = "Invalid \\uXXXX escape";

    pub(crate) fn at(msg: &'static str, pos: usize) -> ScanError {
        ScanError::Decode(DecodeError {
            msg,
            pos: pos as isize,
        })
    }
}

/// `OverflowError("string is too long to escape")`: the escaped string
/// would be longer than `PY_SSIZE_T_MAX`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLong;

impl TooLong {
    pub const MESSAGE: &'static str = "string is too long to escape";
}

impl fmt::Display for ScanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScanError::EndOutOfBounds => f.write_str(Self::END_OUT_OF_BOUNDS),
            ScanError::Decode(error) => f.write_str(error.msg),
        }
    }
}

impl fmt::Display for TooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(Self::MESSAGE)
    }
}
