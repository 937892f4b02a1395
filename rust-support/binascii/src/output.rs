//! Results: algorithms write straight into a new `bytes` object.

use binascii_core::Error;
use cpython_api::bytes::{from_slice, BytesBuilder};
use cpython_api::ffi::PyObject;
use cpython_api::{Owned, PyResult};

use crate::convert::raise;

/// Allocates `max_len` bytes, lets `fill` write and return the length
/// used, and shrinks the object to it: the C functions that allocate their
/// result first (`PyBytes_FromStringAndSize(NULL, n)`) do the same.
///
/// # Safety
/// `module` is the binascii module (for its exception classes).
#[inline]
pub unsafe fn new_bytes(
    module: *mut PyObject,
    max_len: Result<usize, Error>,
    fill: impl FnOnce(&mut [u8]) -> Result<usize, Error>,
) -> PyResult<Owned> {
    build(module, max_len, fill, false)
}

/// Like `new_bytes`, for the functions whose C version fills a buffer and
/// copies it (`_PyBytesWriter`, `PyBytes_FromStringAndSize(buf, n)`): for a
/// one-byte result CPython then returns its cached one-byte object, and so
/// must we, or `is` tells the modules apart.
///
/// # Safety
/// `module` is the binascii module (for its exception classes).
#[inline]
pub unsafe fn new_bytes_copied(
    module: *mut PyObject,
    max_len: Result<usize, Error>,
    fill: impl FnOnce(&mut [u8]) -> Result<usize, Error>,
) -> PyResult<Owned> {
    build(module, max_len, fill, true)
}

/// Results up to this size are built on the stack by `new_bytes_copied`.
const SMALL_RESULT: usize = 256;

#[inline]
unsafe fn build(
    module: *mut PyObject,
    max_len: Result<usize, Error>,
    fill: impl FnOnce(&mut [u8]) -> Result<usize, Error>,
    cached_single_byte: bool,
) -> PyResult<Owned> {
    let capacity = max_len.map_err(|e| raise(module, e))?;
    if cached_single_byte && capacity <= SMALL_RESULT {
        // Like C, fill a buffer and copy it: for short results one
        // allocation of the right size beats allocating and shrinking.
        let mut buffer = [0; SMALL_RESULT];
        let len = fill(&mut buffer[..capacity]).map_err(|e| raise(module, e))?;
        return from_slice(&buffer[..len]);
    }
    let mut builder = BytesBuilder::new(capacity)?;
    let len = fill(builder.as_mut_slice()).map_err(|e| raise(module, e))?;
    if cached_single_byte && len == 1 {
        return from_slice(&builder.as_mut_slice()[..1]);
    }
    builder.finish(len)
}
