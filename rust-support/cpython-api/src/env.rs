//! The process environment, for the `_PYTHON_*` test hooks that C modules
//! read with `getenv` (no_std crates have no `std::env`).

use crate::python::Python;
use alloc::vec::Vec;
use core::ffi::{c_char, CStr};

extern "C" {
    // libc's, on every platform CPython runs on.
    fn getenv(name: *const c_char) -> *const c_char;
}

/// The value of `name`, copied at once (a later `setenv`, which
/// `os.environ` calls, may free the string `getenv` returned).
pub fn var(_py: Python<'_>, name: &CStr) -> Option<Vec<u8>> {
    // SAFETY: a NUL-terminated name; getenv returns NULL or a
    // NUL-terminated string, read before anything on this thread can
    // change the environment (the token: no Python code runs here). C
    // modules read it the same way.
    unsafe {
        let value = getenv(name.as_ptr());
        (!value.is_null()).then(|| CStr::from_ptr(value).to_bytes().to_vec())
    }
}
