//! The exceptions the C algorithms raise, as data.

use alloc::borrow::ToOwned;
use alloc::string::String;
use core::fmt;

/// Which Python exception to raise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `binascii.Error` (a `ValueError` subclass).
    Error,
    /// `binascii.Incomplete` (no current function raises it).
    Incomplete,
    /// `ValueError`.
    Value,
    /// `OverflowError`.
    Overflow,
    /// `MemoryError` (message empty: raise it with `PyErr_NoMemory`).
    Memory,
}

/// An exception raised by an algorithm: kind plus exact C message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
}

impl Error {
    pub(crate) fn binascii(message: &str) -> Error {
        Error {
            kind: ErrorKind::Error,
            message: message.to_owned(),
        }
    }

    /// `binascii.Error` with `message_start`, the decimal `number`, then
    /// `message_end`. Not `format!`: core::fmt is 7 KB of code in the
    /// module (docs/design.md), and `alloc::format!`'s precompiled
    /// `format_inner` has an unwinding landing pad, which would make the
    /// module need `rust_eh_personality` and libgcc_s.
    #[cold]
    #[inline(never)]
    pub(crate) fn binascii_with_number(
        message_start: &str,
        number: usize,
        message_end: &str,
    ) -> Error {
        let mut message = String::from(message_start);
        let mut unit = 1;
        while unit <= number / 10 {
            unit *= 10;
        }
        while unit > 0 {
            message.push(char::from(b'0' + (number / unit % 10) as u8));
            unit /= 10;
        }
        message.push_str(message_end);
        Error {
            kind: ErrorKind::Error,
            message,
        }
    }

    pub(crate) fn no_memory() -> Error {
        Error {
            kind: ErrorKind::Memory,
            message: String::new(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
