//! The buffer protocol: a `Py_buffer` acquired with `PyBUF_SIMPLE` and
//! released on drop.
//!
//! Like C's `Py_buffer data = {NULL, NULL};`, the buffer is a slot on the
//! caller's stack that CPython fills in place: a `Py_buffer` is ~80 bytes,
//! and moving one right after CPython wrote it costs store-forwarding
//! stalls on every call.

use crate::error::{PyResult, Raised};
use crate::ffi;
use core::ffi::CStr;
use core::mem::MaybeUninit;

pub struct Buffer {
    view: MaybeUninit<ffi::Py_buffer>,
    acquired: bool,
}

impl Buffer {
    /// An empty slot.
    #[inline]
    pub const fn new() -> Self {
        Buffer {
            view: MaybeUninit::uninit(),
            acquired: false,
        }
    }

    /// `PyObject_GetBuffer(obj, &view, PyBUF_SIMPLE)`; the bytes live as
    /// long as the slot.
    ///
    /// # Safety
    /// `obj` is a valid object.
    #[inline]
    pub unsafe fn acquire_simple(&mut self, obj: *mut ffi::PyObject) -> PyResult<&[u8]> {
        debug_assert!(!self.acquired);
        if ffi::PyObject_GetBuffer(obj, self.view.as_mut_ptr(), ffi::PyBUF_SIMPLE as _) != 0 {
            return Err(Raised::already_set());
        }
        self.acquired = true;
        Ok(self.as_slice())
    }

    /// `PyBuffer_IsContiguous(&view, 'C')`, without a call for the usual
    /// simple buffer (no strides, no suboffsets).
    #[inline]
    pub fn is_c_contiguous(&self) -> bool {
        let Some(view) = self.view() else {
            return false;
        };
        if view.suboffsets.is_null() && view.strides.is_null() {
            return true;
        }
        unsafe { ffi::PyBuffer_IsContiguous(view, b'C' as _) != 0 }
    }

    /// Argument Clinic's check for a `Py_buffer` parameter (before 3.12):
    /// `TypeError: fname() argument 1 must be contiguous buffer, not T`.
    ///
    /// # Safety
    /// `arg` is the object the buffer came from.
    #[inline]
    pub unsafe fn require_contiguous(
        &self,
        fname: &CStr,
        displayname: &CStr,
        arg: *mut ffi::PyObject,
    ) -> PyResult<()> {
        if self.is_c_contiguous() {
            return Ok(());
        }
        ffi::_PyArg_BadArgument(
            fname.as_ptr(),
            displayname.as_ptr(),
            b"contiguous buffer\0".as_ptr().cast(),
            arg,
        );
        Err(Raised::already_set())
    }

    /// The bytes (empty when not acquired).
    #[inline]
    pub fn as_slice(&self) -> &[u8] {
        match self.view() {
            // SAFETY: a simple buffer is `len` contiguous bytes at `buf`,
            // alive until released.
            Some(view) if view.len > 0 => unsafe {
                core::slice::from_raw_parts(view.buf as *const u8, view.len as usize)
            },
            _ => &[],
        }
    }

    #[inline]
    fn view(&self) -> Option<&ffi::Py_buffer> {
        // SAFETY: initialized by PyObject_GetBuffer when acquired.
        self.acquired
            .then(|| unsafe { self.view.assume_init_ref() })
    }
}

impl Default for Buffer {
    fn default() -> Self {
        Buffer::new()
    }
}

impl Drop for Buffer {
    #[inline]
    fn drop(&mut self) {
        if self.acquired {
            unsafe { ffi::PyBuffer_Release(self.view.as_mut_ptr()) }
        }
    }
}
