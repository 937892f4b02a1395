//! `_PYTHON_JSON_KERNEL`: the test and benchmark hook that forces one set
//! of `json-core`'s vector kernels (or `scalar`) for the process, read when
//! the module is executed, as binascii's `_PYTHON_BINASCII_KERNEL` is.
//! Unset, the module uses the best kernel the CPU runs.

use cpython_api::{cstr, env, exc, PyErr, PyResult, Python};
use json_core::simd::{self, Kernel};

/// Applies the hook, or raises ValueError naming the kernels this CPU runs.
pub(crate) fn apply(py: Python<'_>) -> PyResult<()> {
    let Some(name) = env::var(py, cstr!("_PYTHON_JSON_KERNEL")) else {
        return Ok(());
    };
    let problem = match Kernel::from_name(&name).map(simd::select) {
        Some(Ok(())) => return Ok(()),
        Some(Err(simd::Unsupported(kernel))) => kernel.lacking(),
        None => "no such kernel",
    };
    let mut message = alloc::string::String::from("_PYTHON_JSON_KERNEL=");
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
