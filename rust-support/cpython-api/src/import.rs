//! Imports, as C modules do them when they need another module's
//! attribute at run time (`_PyImport_GetModuleAttr` and friends).

use crate::error::{PyErr, PyResult};
use crate::ffi;
use crate::object::{Owned, PyAny};
use crate::python::Python;
use core::ffi::CStr;

/// `PyImport_ImportModule(name)`: `import name` (through `__import__`,
/// so import hooks apply), the module.
pub fn import<'py>(py: Python<'py>, name: &CStr) -> PyResult<Owned<'py, PyAny>> {
    // SAFETY: a NUL-terminated name; a new reference or NULL.
    unsafe { Owned::from_new(py, ffi::PyImport_ImportModule(name.as_ptr())) }
}

/// `PyImport_GetModule(name)`: the module if `sys.modules` has it, without
/// importing it.
pub fn imported<'py>(py: Python<'py>, name: &CStr) -> PyResult<Option<Owned<'py, PyAny>>> {
    let bytes = name.to_bytes();
    // SAFETY: UTF-8 text of that length; a new str or NULL.
    let name = unsafe {
        Owned::<PyAny>::from_new(
            py,
            ffi::PyUnicode_FromStringAndSize(bytes.as_ptr().cast(), bytes.len() as _),
        )
    }?;
    // SAFETY: a str, on an attached thread; a new reference, or NULL with
    // or without an exception (not found).
    let module = unsafe { ffi::PyImport_GetModule(name.as_ptr()) };
    if module.is_null() {
        return match PyErr::take(py) {
            Some(err) => Err(err),
            None => Ok(None),
        };
    }
    // SAFETY: a new reference.
    unsafe { Owned::from_new(py, module) }.map(Some)
}
