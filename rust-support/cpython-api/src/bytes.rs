//! `bytes`: reading one, making one from a slice, and building one in
//! place (allocate, fill, shrink: no copy).

use crate::error::{PyErr, PyResult};
use crate::ffi;
use crate::object::{Borrowed, Owned};
use crate::python::Python;
use crate::types::PyBytes;
use core::mem::MaybeUninit;

impl<'a, 'py> Borrowed<'a, 'py, PyBytes> {
    /// The contents (`PyBytes_AS_STRING`, `PyBytes_GET_SIZE`): a `bytes`
    /// object never changes once shared.
    #[inline]
    pub fn as_bytes(self) -> &'a [u8] {
        let bytes = self.as_ptr() as *const ffi::PyBytesObject;
        // SAFETY: a bytes object holds `ob_size` bytes from `ob_sval`,
        // immutable and alive as long as the object ('a).
        unsafe {
            let len = (*bytes).ob_base.ob_size as usize;
            let data = core::ptr::addr_of!((*bytes).ob_sval) as *const u8;
            core::slice::from_raw_parts(data, len)
        }
    }
}

impl PyBytes {
    /// `PyBytes_FromStringAndSize(data, len)`: a copy (CPython's cached
    /// object for zero or one byte).
    #[inline]
    pub fn new<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Owned<'py, PyBytes>> {
        // SAFETY: `len` readable bytes; the result is a new bytes object.
        unsafe {
            Owned::from_new(
                py,
                ffi::PyBytes_FromStringAndSize(data.as_ptr().cast(), data.len() as _),
            )
        }
    }
}

impl PyBytes {
    /// `PyBytes_FromStringAndSize(buf, len)` from the first `len` bytes of
    /// a buffer a writer filled (and says it filled); `len` past the
    /// buffer is a broken invariant, reported as SystemError.
    #[inline]
    pub fn from_written<'py>(
        py: Python<'py>,
        buf: &[MaybeUninit<u8>],
        len: usize,
    ) -> PyResult<Owned<'py, PyBytes>> {
        if len > buf.len() {
            return Err(PyErr::bad_internal_call(py));
        }
        // SAFETY: `len` bytes of the buffer, which CPython copies (Rust
        // never reads them as u8); the result is a new bytes object.
        unsafe {
            Owned::from_new(
                py,
                ffi::PyBytes_FromStringAndSize(buf.as_ptr().cast(), len as _),
            )
        }
    }
}

/// A new `bytes` object of a given capacity being filled. Its memory is
/// uninitialized, so it is lent as `MaybeUninit<u8>`: safe code can write
/// it, not read it.
///
/// ```compile_fail,E0308
/// # use cpython_api::bytes::BytesBuilder;
/// fn f(mut builder: BytesBuilder<'_>) -> u8 {
///     builder.spare()[0] // uninitialized: not a u8
/// }
/// ```
pub struct BytesBuilder<'py> {
    obj: Owned<'py, PyBytes>,
    capacity: usize,
}

impl<'py> BytesBuilder<'py> {
    /// `PyBytes_FromStringAndSize(NULL, capacity)`.
    #[inline]
    pub fn new(py: Python<'py>, capacity: usize) -> PyResult<Self> {
        if capacity > isize::MAX as usize {
            return Err(PyErr::no_memory(py));
        }
        // SAFETY: NULL data asks for an uninitialized object of that size.
        let obj = unsafe {
            Owned::from_new(
                py,
                ffi::PyBytes_FromStringAndSize(core::ptr::null(), capacity as _),
            )?
        };
        Ok(BytesBuilder { obj, capacity })
    }

    /// The whole capacity, to write into.
    #[inline]
    pub fn spare(&mut self) -> &mut [MaybeUninit<u8>] {
        let bytes = self.obj.as_ptr() as *mut ffi::PyBytesObject;
        // SAFETY: a new bytes object owns `capacity + 1` bytes from
        // `ob_sval`, and nothing else refers to it yet (the builder holds
        // the only reference); MaybeUninit makes no claim on the contents.
        unsafe {
            let data = core::ptr::addr_of_mut!((*bytes).ob_sval) as *mut MaybeUninit<u8>;
            core::slice::from_raw_parts_mut(data, self.capacity)
        }
    }

    /// The object holding the first `len` bytes written (`_PyBytes_Resize`
    /// when shorter). `len` past the capacity is a broken invariant,
    /// reported as SystemError. The writer says how much it wrote; bytes
    /// it did not write would be the allocator's, never read by Rust.
    #[inline]
    pub fn finish(self, len: usize) -> PyResult<Owned<'py, PyBytes>> {
        let py = self.obj.py();
        if len > self.capacity {
            return Err(PyErr::bad_internal_call(py));
        }
        if len == self.capacity {
            return Ok(self.obj);
        }
        let mut ptr = self.obj.into_ptr();
        // SAFETY: the only reference to a bytes object, given to
        // _PyBytes_Resize, which frees it and sets NULL on failure.
        unsafe {
            if ffi::_PyBytes_Resize(&mut ptr, len as _) != 0 {
                return Err(PyErr::fetch_after_failure(py));
            }
            Owned::from_new(py, ptr)
        }
    }
}
