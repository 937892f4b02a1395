//! Argument Clinic's converters for scalar parameters.

use crate::error::{occurred, PyResult, Raised};
use crate::ffi;

/// `bool` (3.12+ clinic): `PyObject_IsTrue`.
///
/// # Safety
/// `obj` is a valid object.
#[inline]
pub unsafe fn truth(obj: *mut ffi::PyObject) -> PyResult<bool> {
    match ffi::PyObject_IsTrue(obj) {
        r if r < 0 => Err(Raised::already_set()),
        r => Ok(r != 0),
    }
}

/// `int`: `PyLong_AsInt` (`_PyLong_AsInt` before 3.13).
///
/// # Safety
/// `obj` is a valid object.
#[inline]
pub unsafe fn c_int(obj: *mut ffi::PyObject) -> PyResult<core::ffi::c_int> {
    #[cfg(Py_3_13)]
    let value = ffi::PyLong_AsInt(obj);
    #[cfg(not(Py_3_13))]
    let value = ffi::_PyLong_AsInt(obj);
    if value == -1 && occurred() {
        return Err(Raised::already_set());
    }
    Ok(value)
}

/// `bool(accept={int})` (clinic before 3.12): an `int`, nonzero is true.
///
/// # Safety
/// `obj` is a valid object.
#[inline]
pub unsafe fn int_as_bool(obj: *mut ffi::PyObject) -> PyResult<bool> {
    c_int(obj).map(|v| v != 0)
}

/// `unsigned_int(bitwise=True)`: `PyLong_AsUnsignedLongMask`, truncated.
///
/// # Safety
/// `obj` is a valid object.
#[inline]
pub unsafe fn unsigned_int_bitwise(obj: *mut ffi::PyObject) -> PyResult<core::ffi::c_uint> {
    let value = ffi::PyLong_AsUnsignedLongMask(obj) as core::ffi::c_uint;
    if value == core::ffi::c_uint::MAX && occurred() {
        return Err(Raised::already_set());
    }
    Ok(value)
}

/// `PyLong_FromUnsignedLong(value)`.
pub fn from_unsigned(value: core::ffi::c_ulong) -> PyResult<crate::Owned> {
    unsafe { crate::Owned::from_raw(ffi::PyLong_FromUnsignedLong(value)) }
        .ok_or_else(Raised::already_set)
}
