//! Results: algorithms write straight into a new `bytes` object.

use binascii_core::Error;
use core::mem::MaybeUninit;
use cpython_api::bytes::BytesBuilder;
use cpython_api::module::ModuleRef;
use cpython_api::types::PyBytes;
use cpython_api::{Owned, PyResult, Python};

use crate::convert::raise;
use crate::Binascii;

/// Allocates `max_len` bytes, lets `fill` write and return the length
/// used, and shrinks the object to it: the C functions that allocate their
/// result first (`PyBytes_FromStringAndSize(NULL, n)`) do the same.
#[inline]
pub fn new_bytes<'py>(
    module: ModuleRef<'_, 'py, Binascii>,
    max_len: Result<usize, Error>,
    fill: impl FnOnce(&mut [MaybeUninit<u8>]) -> Result<usize, Error>,
) -> PyResult<Owned<'py, PyBytes>> {
    build(module, max_len, fill, false)
}

/// Like `new_bytes`, for the functions whose C version fills a buffer and
/// copies it (`_PyBytesWriter`, `PyBytes_FromStringAndSize(buf, n)`): for a
/// one-byte result CPython then returns its cached one-byte object, and so
/// must we, or `is` tells the modules apart.
#[inline]
pub fn new_bytes_copied<'py>(
    module: ModuleRef<'_, 'py, Binascii>,
    max_len: Result<usize, Error>,
    fill: impl FnOnce(&mut [MaybeUninit<u8>]) -> Result<usize, Error>,
) -> PyResult<Owned<'py, PyBytes>> {
    build(module, max_len, fill, true)
}

/// Results up to this size are built on the stack by `new_bytes_copied`.
const SMALL_RESULT: usize = 256;

#[inline]
fn build<'py>(
    module: ModuleRef<'_, 'py, Binascii>,
    max_len: Result<usize, Error>,
    fill: impl FnOnce(&mut [MaybeUninit<u8>]) -> Result<usize, Error>,
    cached_single_byte: bool,
) -> PyResult<Owned<'py, PyBytes>> {
    let py = module.as_any().py();
    let capacity = max_len.map_err(|e| raise(module, e))?;
    // Like C, short results are filled in a buffer and copied: one
    // allocation of the right size beats allocating and shrinking. One
    // call of `fill` either way: the algorithm is inlined once.
    let mut small = [MaybeUninit::uninit(); SMALL_RESULT];
    let mut builder = None;
    let out = if cached_single_byte && capacity <= SMALL_RESULT {
        &mut small[..capacity]
    } else {
        builder.insert(BytesBuilder::new(py, capacity)?).spare()
    };
    let len = fill(out).map_err(|e| raise(module, e))?;
    finish(py, builder, &small, len, cached_single_byte)
}

/// The result object from what `fill` wrote: out of line, one copy for
/// every function (only `fill` differs between them).
#[inline(never)]
fn finish<'py>(
    py: Python<'py>,
    builder: Option<BytesBuilder<'py>>,
    small: &[MaybeUninit<u8>],
    len: usize,
    cached_single_byte: bool,
) -> PyResult<Owned<'py, PyBytes>> {
    match builder {
        Some(builder) if !(cached_single_byte && len == 1) => builder.finish(len),
        Some(mut builder) => PyBytes::from_written(py, builder.spare(), len),
        None => PyBytes::from_written(py, small, len),
    }
}
