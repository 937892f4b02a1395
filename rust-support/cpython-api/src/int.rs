//! `int` results.

use crate::error::PyResult;
use crate::ffi;
use crate::object::Owned;
use crate::python::Python;
use crate::types::PyInt;

impl PyInt {
    /// `PyLong_FromUnsignedLong(value)`.
    #[inline]
    pub fn from_u32(py: Python<'_>, value: u32) -> PyResult<Owned<'_, PyInt>> {
        // SAFETY: returns a new int or NULL with an exception set.
        unsafe { Owned::from_new(py, ffi::PyLong_FromUnsignedLong(value.into())) }
    }
}
