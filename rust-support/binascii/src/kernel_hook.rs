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
    // Not alloc::format!: see binascii_core::Error::binascii_with_number.
    let mut message = alloc::string::String::from("_PYTHON_BINASCII_KERNEL=");
    // Byte by byte (what is not ASCII as U+FFFD): from_utf8_lossy would
    // bring in a UTF-8 decoder for this one message.
    message.extend(name.iter().map(|&b| match b {
        0..=0x7f => char::from(b),
        _ => char::REPLACEMENT_CHARACTER,
    }));
    message.push_str(": ");
    message.push_str(problem);
    message.push_str("; unset it, or use one of:");
    for kernel in Kernel::ALL.into_iter().filter(|k| k.supported()) {
        message.push(' ');
        message.push_str(kernel.name());
    }
    Err(PyErr::new(exc::value_error(py), &message))
}
