//! `_PYTHON_BINASCII_KERNEL`: the test and benchmark hook that forces one
//! set of vector kernels (or `scalar`) for the process, read when the module
//! is executed. Unset, the module uses the best kernel the CPU runs.
//! Like CPython's other `_PYTHON_*` variables it is for testing, not a
//! setting.

use binascii_core::simd::{self, Kernel};
use cpython_api::{cstr, env, exc, PyErr, PyResult, Python};

/// Applies the hook, or raises ValueError naming the kernels this CPU runs.
pub(crate) fn apply(py: Python<'_>) -> PyResult<()> {
    let Some(name) = env::var(py, cstr!("_PYTHON_BINASCII_KERNEL")) else {
        return Ok(());
    };
    let problem = match Kernel::from_name(&name).map(simd::select) {
        Some(Ok(())) => return Ok(()),
        Some(Err(simd::Unsupported(kernel))) => kernel.lacking(),
        None => "no such kernel",
    };
    // Bytes, not alloc::format! or String pushes: see
    // binascii_core::Error::binascii_with_number; what is not ASCII shows
    // as `?`, so the message is always UTF-8.
    let mut message = alloc::vec::Vec::with_capacity(128);
    message.extend_from_slice(b"_PYTHON_BINASCII_KERNEL=");
    message.extend(name.iter().map(|&b| if b.is_ascii() { b } else { b'?' }));
    for part in [b": ", problem.as_bytes(), b"; unset it, or use one of:"] {
        message.extend_from_slice(part);
    }
    for kernel in Kernel::ALL.into_iter().filter(|k| k.supported()) {
        message.push(b' ');
        message.extend_from_slice(kernel.name().as_bytes());
    }
    Err(PyErr::from_utf8(exc::value_error(py), &message))
}
