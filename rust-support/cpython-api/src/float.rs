//! `float`: made from text as `float(str)` makes it, and its `repr` as
//! `float.__repr__` writes it (subclasses' own `__repr__` aside), through
//! the C functions behind both.

use crate::error::{PyErr, PyResult};
use crate::ffi;
use crate::object::{Borrowed, Owned};
use crate::python::Python;
use crate::types::{PyFloat, PyStr};
use alloc::vec::Vec;
use core::ffi::c_char;

impl PyFloat {
    /// `PyFloat_FromDouble(value)`.
    #[inline]
    pub fn new(py: Python<'_>, value: f64) -> PyResult<Owned<'_, PyFloat>> {
        // SAFETY: returns a new float or NULL with an exception set.
        unsafe { Owned::from_new(py, ffi::PyFloat_FromDouble(value)) }
    }

    /// `float(text)` for text without spaces or underscores (a JSON
    /// number): `PyOS_string_to_double(text, NULL, NULL)`, which
    /// `PyFloat_FromString` calls, so the value is the same, overflow to
    /// infinity included; ValueError for text it does not take.
    pub fn parse<'py>(py: Python<'py>, text: &[u8]) -> PyResult<Owned<'py, PyFloat>> {
        let value = with_nul(text, |text| {
            // SAFETY: a NUL-terminated string; NULL endptr: the whole
            // string must be a number, else ValueError.
            unsafe {
                ffi::PyOS_string_to_double(text, core::ptr::null_mut(), core::ptr::null_mut())
            }
        });
        if value == -1.0 {
            if let Some(err) = PyErr::take(py) {
                return Err(err);
            }
        }
        PyFloat::new(py, value)
    }
}

/// Runs `f` on `text` followed by a NUL (on the stack when short), the
/// form C's number parsers read.
pub(crate) fn with_nul<R>(text: &[u8], f: impl FnOnce(*const c_char) -> R) -> R {
    const SHORT: usize = 64;
    if text.len() < SHORT {
        let mut buf = [0u8; SHORT];
        buf[..text.len()].copy_from_slice(text);
        f(buf.as_ptr().cast())
    } else {
        let mut buf = Vec::with_capacity(text.len() + 1);
        buf.extend_from_slice(text);
        buf.push(0);
        f(buf.as_ptr().cast())
    }
}

impl<'a, 'py> Borrowed<'a, 'py, PyFloat> {
    /// `PyFloat_AS_DOUBLE(op)`, through `PyFloat_AsDouble`: for a float
    /// (or a subclass) it reads the value, and cannot fail or run Python
    /// code.  (The struct is not in the bindings: it holds a double,
    /// aligned 4 on i686 and 8 on armv7 and wasm32, which share i686's
    /// binding set.)
    #[inline]
    pub fn value(self) -> f64 {
        // SAFETY: a live float, on an attached thread.
        unsafe { ffi::PyFloat_AsDouble(self.as_ptr()) }
    }

    /// `PyFloat_Type.tp_repr(op)`: `float.__repr__`, even for a subclass
    /// that overrides it.
    #[inline]
    pub fn float_repr(self) -> PyResult<Owned<'py, PyStr>> {
        // SAFETY: float's own tp_repr (always set), given a float, on an
        // attached thread; a new str or NULL.
        unsafe {
            let repr = ffi::PyFloat_Type
                .tp_repr
                .ok_or_else(|| PyErr::bad_internal_call(self.py()))?;
            Owned::from_new(self.py(), repr(self.as_ptr()))
        }
    }

    /// What `float.__repr__` writes, as ASCII bytes lent to `f`:
    /// `PyOS_double_to_string(value, 'r', 0, Py_DTSF_ADD_DOT_0, NULL)`,
    /// which `float_repr` calls, without making the `str`.
    pub fn with_float_repr<R>(self, f: impl FnOnce(&[u8]) -> R) -> PyResult<R> {
        struct Free(*mut c_char);
        impl Drop for Free {
            fn drop(&mut self) {
                // SAFETY: a PyMem_Malloc block from PyOS_double_to_string.
                unsafe { ffi::PyMem_Free(self.0.cast()) }
            }
        }
        // SAFETY: a NUL-terminated result in a new PyMem block, or NULL
        // with an exception set (MemoryError).
        let text = unsafe {
            ffi::PyOS_double_to_string(
                self.value(),
                b'r' as c_char,
                0,
                ffi::Py_DTSF_ADD_DOT_0 as core::ffi::c_int,
                core::ptr::null_mut(),
            )
        };
        if text.is_null() {
            return Err(PyErr::fetch_after_failure(self.py()));
        }
        let text = Free(text);
        // SAFETY: NUL-terminated, alive until `text` drops.
        let bytes = unsafe { core::ffi::CStr::from_ptr(text.0) }.to_bytes();
        Ok(f(bytes))
    }
}
