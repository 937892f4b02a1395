//! Results: algorithms write straight into a new `bytes` object.

use binascii_core::Error;
use cpython_api::bytes::BytesBuilder;
use cpython_api::error::into_return;
use cpython_api::ffi::PyObject;
use cpython_api::{Owned, PyResult};

use crate::convert::raise;

/// Allocates `max_len` bytes, lets `fill` write and return the length
/// used, and shrinks the object to it.
///
/// # Safety
/// `module` is the binascii module (for its exception classes).
#[inline]
pub unsafe fn new_bytes(
    module: *mut PyObject,
    max_len: Result<usize, Error>,
    fill: impl FnOnce(&mut [u8]) -> Result<usize, Error>,
) -> PyResult<Owned> {
    let capacity = max_len.map_err(|e| raise(module, e))?;
    let mut builder = BytesBuilder::new(capacity)?;
    let len = fill(builder.as_mut_slice()).map_err(|e| raise(module, e))?;
    builder.finish(len)
}

/// What a C method returns: the object, or NULL with the exception set.
#[inline]
pub fn to_c(result: PyResult<Owned>) -> *mut PyObject {
    into_return(result)
}
