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

    /// A message with values in it. Not `alloc::format!`: its precompiled
    /// `format_inner` has an unwinding landing pad, which would make the
    /// module need `rust_eh_personality` and libgcc_s (docs/design.md).
    pub(crate) fn binascii_fmt(args: fmt::Arguments<'_>) -> Error {
        let mut message = String::new();
        let _ = fmt::Write::write_fmt(&mut message, args);
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
