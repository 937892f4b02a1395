//! Raising exceptions.  A `Raised` value means "a Python exception is set";
//! functions return `NULL`/-1 to CPython for it.

use crate::ffi;
use core::ffi::CStr;

/// Proof that the current thread has an exception set.
#[derive(Debug)]
pub struct Raised(());

pub type PyResult<T> = Result<T, Raised>;

impl Raised {
    /// For a C API call that failed and has set the exception.
    pub fn already_set() -> Self {
        Raised(())
    }
}

/// `PyErr_SetString(exc, message)` for a Rust string (may contain NULs).
///
/// # Safety
/// `exc` is an exception class.
pub unsafe fn set_string(exc: *mut ffi::PyObject, message: &str) -> Raised {
    let text = ffi::PyUnicode_FromStringAndSize(message.as_ptr().cast(), message.len() as _);
    if !text.is_null() {
        ffi::PyErr_SetObject(exc, text);
        ffi::Py_DecRef(text);
    }
    Raised(())
}

/// `PyErr_SetString(exc, message)` for a C string.
///
/// # Safety
/// `exc` is an exception class.
pub unsafe fn set_cstr(exc: *mut ffi::PyObject, message: &CStr) -> Raised {
    ffi::PyErr_SetString(exc, message.as_ptr());
    Raised(())
}

/// `PyErr_NoMemory()`.
pub fn no_memory() -> Raised {
    unsafe { ffi::PyErr_NoMemory() };
    Raised(())
}

/// `PyErr_Occurred() != NULL`.
pub fn occurred() -> bool {
    unsafe { !ffi::PyErr_Occurred().is_null() }
}

/// Standard exception classes.
pub mod exc {
    use crate::ffi;

    pub fn value_error() -> *mut ffi::PyObject {
        unsafe { ffi::PyExc_ValueError }
    }
    pub fn type_error() -> *mut ffi::PyObject {
        unsafe { ffi::PyExc_TypeError }
    }
    pub fn overflow_error() -> *mut ffi::PyObject {
        unsafe { ffi::PyExc_OverflowError }
    }
    pub fn exception() -> *mut ffi::PyObject {
        unsafe { ffi::PyExc_Exception }
    }
}

/// Converts a `PyResult<Owned>` to what a C function returns.
pub fn into_return(result: PyResult<crate::Owned>) -> *mut ffi::PyObject {
    match result {
        Ok(obj) => obj.into_raw(),
        Err(Raised(())) => core::ptr::null_mut(),
    }
}
