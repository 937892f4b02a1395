//! The C module's argument converters: Clinic's `Py_buffer` and `bool` as
//! binascii declares them in each version, and binascii.c's own
//! `ascii_buffer_converter`.

use binascii_core::{Error, ErrorKind};
use core::ffi::CStr;
use cpython_api::buffer::Buffer;
use cpython_api::error::{exc, no_memory, set_string};
use cpython_api::ffi::{self, PyObject};
use cpython_api::version::at_least;
use cpython_api::{convert, object, state, unicode, PyResult, Raised};

use crate::{ERROR, INCOMPLETE, STATE_SIZE};

/// binascii's flags: `bool(accept={int})` until 3.11 (an int, nonzero is
/// true), `bool` (any object's truth) since 3.12.
///
/// # Safety
/// `obj` is a valid object.
pub unsafe fn flag(obj: Option<*mut PyObject>, default: bool) -> PyResult<bool> {
    match obj {
        None => Ok(default),
        Some(obj) if at_least(3, 12) => convert::truth(obj),
        Some(obj) => convert::int_as_bool(obj),
    }
}

/// A `Py_buffer` parameter, acquired into `slot`; before 3.12 Clinic also
/// rejected non-contiguous buffers, naming the parameter (`"argument 1"`).
///
/// # Safety
/// `arg` is a valid object.
#[inline]
pub unsafe fn data_buffer<'a>(
    arg: *mut PyObject,
    slot: &'a mut Buffer,
    fname: &CStr,
    displayname: &CStr,
) -> PyResult<&'a [u8]> {
    slot.acquire_simple(arg)?;
    if !at_least(3, 12) {
        slot.require_contiguous(fname, displayname, arg)?;
    }
    Ok(slot.as_slice())
}

/// binascii.c's `ascii_buffer_converter`: the characters of an ASCII-only
/// `str` (borrowed from it), or a bytes-like object acquired into `slot`.
///
/// # Safety
/// `arg` is a valid object that outlives the result.
#[inline]
pub unsafe fn ascii_data(arg: *mut PyObject, slot: &mut Buffer) -> PyResult<&[u8]> {
    if unicode::check(arg) {
        unicode::ready(arg)?;
        return match unicode::ascii_bytes(arg) {
            Some(bytes) => Ok(bytes),
            None => Err(set_string(
                exc::value_error(),
                "string argument should contain only ASCII characters",
            )),
        };
    }
    if slot.acquire_simple(arg).is_err() {
        // Replaces the buffer protocol's own TypeError, as in C.
        return Err(type_error_for(
            b"argument should be bytes, buffer or ASCII string, not '%.100s'\0",
            arg,
        ));
    }
    if !at_least(3, 12) && !slot.is_c_contiguous() {
        return Err(type_error_for(
            b"argument should be a contiguous buffer, not '%.100s'\0",
            arg,
        ));
    }
    Ok(slot.as_slice())
}

/// `PyErr_Format(PyExc_TypeError, format, Py_TYPE(arg)->tp_name)`.
unsafe fn type_error_for(format: &'static [u8], arg: *mut PyObject) -> Raised {
    ffi::PyErr_Format(
        ffi::PyExc_TypeError,
        format.as_ptr().cast(),
        object::type_name(arg).as_ptr(),
    );
    Raised::already_set()
}

/// Raises an algorithm's error: `binascii.Error`/`Incomplete` from the
/// module's state (the calling interpreter's classes), or a builtin.
///
/// # Safety
/// `module` is the binascii module.
pub unsafe fn raise(module: *mut PyObject, error: Error) -> Raised {
    let class = match error.kind {
        ErrorKind::Memory => return no_memory(),
        ErrorKind::Value => exc::value_error(),
        ErrorKind::Overflow => exc::overflow_error(),
        ErrorKind::Error | ErrorKind::Incomplete => {
            let index = if error.kind == ErrorKind::Error {
                ERROR
            } else {
                INCOMPLETE
            };
            match state::get::<STATE_SIZE>(module) {
                Ok(state) => state[index],
                Err(raised) => return raised,
            }
        }
    };
    set_string(class, &error.message)
}
