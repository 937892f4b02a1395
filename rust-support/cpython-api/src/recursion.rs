//! The recursion guard: `Py_EnterRecursiveCall(where)` as a value whose
//! drop is `Py_LeaveRecursiveCall()`, so every enter has its leave.

use crate::error::{PyErr, PyResult};
use crate::ffi;
use crate::python::Python;
use core::ffi::CStr;
use core::marker::PhantomData;

/// One level of C recursion, counted against the interpreter's limit
/// while it lives. Not `Send`: it leaves on the thread that entered.
#[must_use = "the level is left when the guard drops"]
pub struct RecursionGuard<'py>(PhantomData<Python<'py>>);

impl<'py> Python<'py> {
    /// `Py_EnterRecursiveCall(where)`: RecursionError ("maximum recursion
    /// depth exceeded" followed by `where`) past the limit.
    #[inline]
    pub fn enter_recursive_call(self, where_: &'static CStr) -> PyResult<RecursionGuard<'py>> {
        // SAFETY: a NUL-terminated string, on an attached thread.
        if unsafe { ffi::Py_EnterRecursiveCall(where_.as_ptr()) } != 0 {
            return Err(PyErr::fetch_after_failure(self));
        }
        Ok(RecursionGuard(PhantomData))
    }
}

impl Drop for RecursionGuard<'_> {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: pairs the enter that made the guard, on its thread.
        unsafe { ffi::Py_LeaveRecursiveCall() }
    }
}
