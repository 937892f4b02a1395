//! The exceptions `_json.c` raises with arguments: `JSONDecodeError(msg,
//! doc, pos)` (its `raise_errmsg`) and `StopIteration(idx)`.

use crate::MINOR;
use cpython_api::error::FmtArg;
use cpython_api::types::{PyInt, PyStr, PyTuple};
use cpython_api::{cstr, exc, Borrowed, Owned, PyAny, PyErr, PyResult, Python};
use json_core::{DecodeError, ScanError, TooLong};

/// `raise_errmsg(msg, s, end)`: `json.decoder.JSONDecodeError(msg, s,
/// end)`, looked up at each error as C does (3.11 in `sys.modules` only,
/// since 3.12 by importing `json.decoder`), raised with
/// `PyErr_SetObject(JSONDecodeError, exc)`.
pub(crate) fn decode_error(
    py: Python<'_>,
    error: DecodeError,
    doc: Borrowed<'_, '_, PyStr>,
) -> PyErr {
    match make_decode_error(py, error, doc) {
        Ok(err) | Err(err) => err,
    }
}

fn make_decode_error(
    py: Python<'_>,
    error: DecodeError,
    doc: Borrowed<'_, '_, PyStr>,
) -> PyResult<PyErr> {
    let class = json_decode_error_class(py)?;
    let msg = PyStr::from_ascii(py, error.msg.as_bytes())?;
    let pos = PyInt::from_isize(py, error.pos)?;
    let args = PyTuple::new(
        py,
        [
            msg.as_borrowed().as_any(),
            doc.as_any(),
            pos.as_borrowed().as_any(),
        ],
    )?;
    let exc = class.as_borrowed().call(args.as_borrowed(), None)?;
    Ok(PyErr::set_object(class.as_borrowed(), exc.as_borrowed()))
}

/// `json.decoder.JSONDecodeError`.
fn json_decode_error_class(py: Python<'_>) -> PyResult<Owned<'_, PyAny>> {
    let decoder = if MINOR >= 12 {
        cpython_api::import::import(py, cstr!("json.decoder"))?
    } else {
        // 3.11's _PyImport_GetModuleId: sys.modules only; when json.decoder
        // is not there, raise_errmsg sets nothing and the call returns NULL
        // without an exception, which CPython reports as SystemError.
        match cpython_api::import::imported(py, cstr!("json.decoder"))? {
            Some(module) => module,
            None => return Err(null_without_exception(py)),
        }
    };
    decoder.as_borrowed().getattr(cstr!("JSONDecodeError"))
}

/// What CPython raises for a C function that returned NULL without an
/// exception (3.11's `raise_errmsg` without `json.decoder` loaded).
#[cold]
fn null_without_exception(py: Python<'_>) -> PyErr {
    PyErr::format(
        exc::system_error(py),
        cstr!("error return without exception set"),
        &[],
    )
}

/// `raise_stop_iteration(idx)`: `StopIteration(idx)`.
pub(crate) fn stop_iteration(py: Python<'_>, idx: isize) -> PyErr {
    match PyInt::from_isize(py, idx) {
        Ok(value) => PyErr::set_object(exc::stop_iteration(py), value.as_borrowed()),
        Err(err) => err,
    }
}

/// A `scanstring_unicode` error.
pub(crate) fn scan_error(py: Python<'_>, error: ScanError, doc: Borrowed<'_, '_, PyStr>) -> PyErr {
    match error {
        ScanError::EndOutOfBounds => PyErr::new(exc::value_error(py), ScanError::END_OUT_OF_BOUNDS),
        ScanError::Decode(error) => decode_error(py, error, doc),
    }
}

/// `OverflowError("string is too long to escape")`.
pub(crate) fn too_long(py: Python<'_>, _: TooLong) -> PyErr {
    PyErr::new(exc::overflow_error(py), TooLong::MESSAGE)
}

/// `TypeError("first argument must be a string, not %.80s")`.
pub(crate) fn not_a_string(obj: Borrowed<'_, '_, PyAny>) -> PyErr {
    PyErr::format(
        exc::type_error(obj.py()),
        cstr!("first argument must be a string, not %.80s"),
        &[FmtArg::TypeName(obj)],
    )
}
