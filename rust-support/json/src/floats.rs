//! The text of a float as the encoder writes it: `float.__repr__`
//! (`PyFloat_Type.tp_repr`, even for a subclass), from json-core's
//! shortest digits where CPython's float repr is the short one, which is
//! what a dump of a document of floats spends its time on (C's `repr`
//! takes about 200 ns a number in dtoa's bignum arithmetic); else from
//! CPython's own repr (builds with `sys.float_repr_style == 'legacy'`,
//! `%.17g`).

use core::sync::atomic::{AtomicBool, Ordering};
use cpython_api::types::PyFloat;
use cpython_api::{Borrowed, PyResult, Python};

/// Whether this CPython's float repr is the short one: set when the module
/// is made, before any encoder exists (a process has one CPython).
static SHORT_REPR: AtomicBool = AtomicBool::new(false);

/// Tells the short repr from the legacy one by `repr(0.1)`, which is
/// `0.1` in one and `0.10000000000000001` in the other.
pub(crate) fn probe(py: Python<'_>) -> PyResult<()> {
    let tenth = PyFloat::new(py, 0.1)?;
    let short = tenth.as_borrowed().with_float_repr(|text| text == b"0.1")?;
    SHORT_REPR.store(short, Ordering::Relaxed);
    Ok(())
}

/// `repr(f)`'s ASCII text, lent to `write`.
#[inline]
pub(crate) fn with_repr<R>(
    f: Borrowed<'_, '_, PyFloat>,
    write: impl FnOnce(&[u8]) -> R,
) -> PyResult<R> {
    if SHORT_REPR.load(Ordering::Relaxed) {
        Ok(write(json_core::float_repr(f.value()).as_bytes()))
    } else {
        f.with_float_repr(write)
    }
}
