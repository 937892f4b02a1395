//! `libcpython_rust_json.a`: `_json` alone, for its shared extension, with
//! the allocator and panic handler of that link unit. Built in, `_json`
//! comes from `libcpython_rust.a` (cpython-rust) with the other modules.

// `cargo clippy --all-targets` builds a test harness of it too, with std:
// the runtime is for the archive only.
#![cfg_attr(not(test), no_std)]

use cpython_api::ffi::PyObject;
use cpython_api::python::attached;

/// `PyInit__json` of the shared extension returns this
/// (Modules/_json_rust.c).
#[no_mangle]
pub extern "C" fn _PyRust_json_shared_init() -> *mut PyObject {
    // SAFETY: CPython calls a module's PyInit function on an attached
    // thread (the import machinery holds the GIL).
    unsafe { attached(|py| json::MODULE.init(py)) }
}

cpython_api::link_unit_runtime!();
