//! `int`: made from machine integers or decimal text, read into an `i64`
//! when it fits, and its `repr` as `int.__repr__` makes it.

use crate::error::{PyErr, PyResult};
use crate::ffi;
use crate::float::with_nul;
use crate::object::{Borrowed, Owned};
use crate::python::Python;
use crate::types::{PyInt, PyStr};

impl PyInt {
    /// `PyLong_FromUnsignedLong(value)`.
    #[inline]
    pub fn from_u32(py: Python<'_>, value: u32) -> PyResult<Owned<'_, PyInt>> {
        // SAFETY: returns a new int or NULL with an exception set.
        unsafe { Owned::from_new(py, ffi::PyLong_FromUnsignedLong(value.into())) }
    }

    /// `PyLong_FromLongLong(value)` (CPython's small ints are shared).
    #[inline]
    pub fn from_i64(py: Python<'_>, value: i64) -> PyResult<Owned<'_, PyInt>> {
        // SAFETY: returns a new int or NULL with an exception set.
        unsafe { Owned::from_new(py, ffi::PyLong_FromLongLong(value as _)) }
    }

    /// `PyLong_FromSsize_t(value)`.
    #[inline]
    pub fn from_isize(py: Python<'_>, value: isize) -> PyResult<Owned<'_, PyInt>> {
        // SAFETY: returns a new int or NULL with an exception set.
        unsafe { Owned::from_new(py, ffi::PyLong_FromSsize_t(value as _)) }
    }

    /// `PyLong_FromString(text, NULL, 10)`: decimal text, with its checks
    /// (ValueError past `sys.get_int_max_str_digits()` digits, or for
    /// text that is not a number).
    pub fn parse_decimal<'py>(py: Python<'py>, text: &[u8]) -> PyResult<Owned<'py, PyInt>> {
        with_nul(text, |text| {
            // SAFETY: a NUL-terminated string; a new int or NULL.
            unsafe { Owned::from_new(py, ffi::PyLong_FromString(text, core::ptr::null_mut(), 10)) }
        })
    }
}

impl<'a, 'py> Borrowed<'a, 'py, PyInt> {
    /// The value, when it fits in an `i64` (`PyLong_AsLongLongAndOverflow`:
    /// a subclass's `__index__` does not run).
    #[inline]
    pub fn as_i64(self) -> Option<i64> {
        let mut overflow = 0;
        // SAFETY: an int, on an attached thread: fails only by overflow,
        // which it reports without an exception.
        let value = unsafe { ffi::PyLong_AsLongLongAndOverflow(self.as_ptr(), &mut overflow) };
        if value == -1 && PyErr::take(self.py()).is_some() {
            return None;
        }
        (overflow == 0).then_some(value as i64)
    }

    /// `PyLong_Type.tp_repr(op)`: `int.__repr__`, even for a subclass that
    /// overrides it (ValueError past `sys.get_int_max_str_digits()`).
    #[inline]
    pub fn int_repr(self) -> PyResult<Owned<'py, PyStr>> {
        // SAFETY: int's own tp_repr (always set), given an int, on an
        // attached thread; a new str or NULL.
        unsafe {
            let repr = ffi::PyLong_Type
                .tp_repr
                .ok_or_else(|| PyErr::bad_internal_call(self.py()))?;
            Owned::from_new(self.py(), repr(self.as_ptr()))
        }
    }
}
