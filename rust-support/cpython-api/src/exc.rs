//! The builtin exception classes, typed: what [`PyErr::new`](crate::PyErr::new)
//! takes besides the classes a module keeps in its state.

use crate::ffi;
use crate::object::Borrowed;
use crate::python::Python;
use crate::types::ExceptionClass;
use core::ptr::NonNull;

macro_rules! builtin_exceptions {
    ($($name:ident: $global:ident,)*) => {$(
        #[doc = concat!("`", stringify!($global), "`.")]
        #[inline]
        pub fn $name(py: Python<'_>) -> Borrowed<'_, '_, ExceptionClass> {
            let _ = py;
            // SAFETY: a builtin exception class, set before any module
            // runs and alive as long as the interpreter.
            unsafe { Borrowed::from_ptr(NonNull::new_unchecked(ffi::$global)) }
        }
    )*};
}

builtin_exceptions! {
    base_exception: PyExc_BaseException,
    exception: PyExc_Exception,
    value_error: PyExc_ValueError,
    type_error: PyExc_TypeError,
    overflow_error: PyExc_OverflowError,
    system_error: PyExc_SystemError,
    stop_iteration: PyExc_StopIteration,
}
