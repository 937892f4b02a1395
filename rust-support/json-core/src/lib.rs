//! The pure part of CPython's `_json` (Modules/_json.c): what it does on
//! text, without Python objects, exact to C (messages, positions, output)
//! for CPython 3.11, 3.13 and the 3.14-era tree.
//!
//! Text comes as the code units of one of CPython's string kinds (PEP 393):
//! `&[u8]` (latin-1, ASCII included), `&[u16]` (UCS-2) or `&[u32]` (UCS-4),
//! what `PyUnicode_DATA` holds for `PyUnicode_KIND` 1, 2 or 4. Every
//! function is generic over the [`CodeUnit`] and gives the same answer for
//! the same code points in any kind. Each calls the unit type's own copy,
//! compiled here: generic code is compiled with the optimisation level of
//! the crate that instantiates it, and the module crate is built for size
//! while these loops are built for speed.
//!
//! What the module layer calls:
//!
//! * `scanstring` and the scanner's strings: [`scanstring`] gives the index
//!   after the closing quote and either a slice of the input (C's fast path,
//!   `PyUnicode_Substring`) or the unescaped units in a reusable
//!   [`StringBuf`], with the [`Kind`] the `str` needs in both cases, so the
//!   module makes it with `PyUnicode_New(len, kind.max_char())` and one
//!   copy. Errors are C's: [`ScanError::EndOutOfBounds`] is
//!   `ValueError("end is out of bounds")`, [`ScanError::Decode`] is
//!   `JSONDecodeError(msg, doc, pos)`.
//! * `encode_basestring_ascii`: [`escaped_len_ascii`] (C's first pass: the
//!   length to allocate, or `OverflowError` as [`TooLong`]), then
//!   [`escape_ascii_into`] writes the ASCII result into the new string's
//!   bytes. `encode_basestring`: [`escaped_len`] and [`escape_into`], whose
//!   result has the kind of the input (C allocates it with the input's
//!   `PyUnicode_MAX_CHAR_VALUE`).
//! * The scanner's numbers: [`match_number`] gives the extent and whether
//!   to call `float()` or `int()` (or the hooks), or `None` for C's
//!   `StopIteration`.
//! * The encoder's floats: [`float_repr`] is `float.__repr__` where
//!   CPython's float repr style is `'short'`.
//!
//! # Versions
//!
//! The C functions behind these (`scanstring_unicode`,
//! `ascii_escape_unichar`, `ascii_escape_unicode`, `escape_unicode`,
//! `_match_number_unicode`) do the same thing in 3.11.2, 3.13.5 and the
//! 3.14-era tree (main of 2025-03-17): between them only
//! `PyUnicode_READY` (3.11), the writer API (`_PyUnicodeWriter` in 3.11 and
//! 3.13, `PyUnicodeWriter` in 3.14, whose fast-path test `writer.buffer ==
//! NULL` became `pos == 0`, true at the same times) and how `raise_errmsg`
//! imports `JSONDecodeError` change. So no function here takes a version.
//! What does differ per version is the module's business: the scanner's
//! "Illegal trailing comma before end of object/array" (3.13 on), the
//! encoder's indentation (C encoder for `indent` from 3.13; an indent
//! cache in 3.14), `_PyErr_FormatNote` notes (3.14).
//!
//! The pure-Python fallbacks (`json.decoder.py_scanstring`,
//! `json.scanner.NUMBER_RE`) differ from C, and per version:
//! `tests/differential.rs` lists each difference.
//!
//! # Speed
//!
//! The loops over string bodies (finding `"`, `\` and control characters,
//! copying runs that need no escaping, counting the output length) run in
//! vector kernels chosen at run time (`simd`): SSE2 and AVX-512 BW on
//! x86_64, NEON on aarch64, for every kind. Kernels only skip and copy; the
//! exact code here handles every escape and error.
#![no_std]
// No unsafe code but the vector code in `simd`, which allows it; every
// other module forbids it.
#![deny(unsafe_code)]

extern crate alloc;
#[cfg(test)]
extern crate std;

#[forbid(unsafe_code)]
mod decoded;
#[forbid(unsafe_code)]
mod entry;
#[forbid(unsafe_code)]
mod error;
#[forbid(unsafe_code)]
mod escape;
#[forbid(unsafe_code)]
mod float;
#[forbid(unsafe_code)]
mod number;
#[forbid(unsafe_code)]
mod scalar;
#[forbid(unsafe_code)]
mod scan;
#[allow(unsafe_code)]
pub mod simd;
#[forbid(unsafe_code)]
mod unit;

pub use crate::decoded::{StringBuf, Units};
pub use crate::entry::{
    escape_ascii_into, escape_into, escape_into_wider, escaped_len, escaped_len_ascii,
    match_number, scanstring, zero_extend,
};
pub use crate::error::{DecodeError, ScanError, TooLong};
pub use crate::float::{float_repr, FloatRepr};
pub use crate::number::Number;
pub use crate::scan::Decoded;
pub use crate::unit::{CodeUnit, Kind};
