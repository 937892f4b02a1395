//! Building `bytes` in place: allocate, fill, shrink — no copy.

use crate::error::{no_memory, PyResult, Raised};
use crate::ffi;
use crate::Owned;

/// A new `bytes` object of a given capacity being filled.
pub struct BytesBuilder {
    obj: Owned,
    capacity: usize,
}

impl BytesBuilder {
    /// `PyBytes_FromStringAndSize(NULL, capacity)`.
    #[inline]
    pub fn new(capacity: usize) -> PyResult<Self> {
        if capacity > isize::MAX as usize {
            return Err(no_memory());
        }
        let ptr = unsafe { ffi::PyBytes_FromStringAndSize(core::ptr::null(), capacity as _) };
        let obj = unsafe { Owned::from_raw(ptr) }.ok_or_else(Raised::already_set)?;
        Ok(BytesBuilder { obj, capacity })
    }

    /// The whole capacity, to write into.
    #[inline]
    pub fn as_mut_slice(&mut self) -> &mut [u8] {
        // SAFETY: a bytes object owns `ob_size + 1` bytes from `ob_sval`;
        // we hold its only reference.  The layout comes from this build's
        // headers.
        unsafe {
            let bytes = self.obj.as_ptr() as *mut ffi::PyBytesObject;
            let data = core::ptr::addr_of_mut!((*bytes).ob_sval) as *mut u8;
            core::slice::from_raw_parts_mut(data, self.capacity)
        }
    }

    /// The object holding the first `len` bytes written
    /// (`_PyBytes_Resize` when shorter).
    #[inline]
    pub fn finish(self, len: usize) -> PyResult<Owned> {
        debug_assert!(len <= self.capacity);
        if len == self.capacity {
            return Ok(self.obj);
        }
        let mut ptr = self.obj.into_raw();
        // On failure, _PyBytes_Resize frees the object and sets ptr to NULL.
        if unsafe { ffi::_PyBytes_Resize(&mut ptr, len as _) } != 0 {
            return Err(Raised::already_set());
        }
        unsafe { Owned::from_raw(ptr) }.ok_or_else(Raised::already_set)
    }
}

/// `PyBytes_FromStringAndSize(data, len)`: a copy.
pub fn from_slice(data: &[u8]) -> PyResult<Owned> {
    let ptr = unsafe { ffi::PyBytes_FromStringAndSize(data.as_ptr().cast(), data.len() as _) };
    unsafe { Owned::from_raw(ptr) }.ok_or_else(Raised::already_set)
}
