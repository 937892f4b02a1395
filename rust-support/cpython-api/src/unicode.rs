//! `str` internals that C modules reach through inline macros
//! (`PyUnicode_IS_ASCII`, `PyUnicode_1BYTE_DATA`, ...), read through this
//! build's struct layouts.

use crate::error::PyResult;
use crate::ffi;
use crate::object::type_has_flag;

/// `PyUnicode_Check(op)`.
///
/// # Safety
/// `op` is a valid object.
#[inline]
pub unsafe fn check(op: *mut ffi::PyObject) -> bool {
    type_has_flag(op, ffi::Py_TPFLAGS_UNICODE_SUBCLASS)
}

/// `PyUnicode_READY(op)`: legacy strings need it before 3.12.
///
/// # Safety
/// `op` is a `str`.
#[inline]
pub unsafe fn ready(op: *mut ffi::PyObject) -> PyResult<()> {
    #[cfg(not(Py_3_12))]
    {
        let ascii = op as *const ffi::PyASCIIObject;
        if (*ascii).state.ready() == 0 && ffi::_PyUnicode_Ready(op) < 0 {
            return Err(crate::error::Raised::already_set());
        }
    }
    let _ = op;
    Ok(())
}

/// `PyUnicode_KIND(op)`: bytes per character (1, 2 or 4).
///
/// # Safety
/// `op` is a ready `str`.
#[inline]
pub unsafe fn kind(op: *mut ffi::PyObject) -> u32 {
    // `unsigned int` bit-fields before 3.14, `unsigned short` since.
    #[allow(clippy::useless_conversion)]
    u32::from((*(op as *const ffi::PyASCIIObject)).state.kind())
}

/// `PyUnicode_DATA(op)`: inline after the header for compact strings, in a
/// separate block for instances of `str` subclasses (non-compact).
///
/// # Safety
/// `op` is a ready `str`.
#[inline]
pub unsafe fn data(op: *mut ffi::PyObject) -> *const u8 {
    let ascii = op as *const ffi::PyASCIIObject;
    let state = (*ascii).state;
    if state.compact() == 0 {
        (*(op as *const ffi::PyUnicodeObject)).data.any as *const u8
    } else if state.ascii() != 0 {
        ascii.add(1) as *const u8
    } else {
        (op as *const ffi::PyCompactUnicodeObject).add(1) as *const u8
    }
}

/// `PyUnicode_GET_LENGTH(op)`.
///
/// # Safety
/// `op` is a ready `str`.
#[inline]
pub unsafe fn len(op: *mut ffi::PyObject) -> usize {
    (*(op as *const ffi::PyASCIIObject)).length as usize
}

/// The characters of an all-ASCII `str` (`PyUnicode_IS_ASCII`), as bytes;
/// `None` when it has a non-ASCII character.  Borrowed from `op`.
///
/// # Safety
/// `op` is a ready `str` that outlives the slice.
#[inline]
pub unsafe fn ascii_bytes<'a>(op: *mut ffi::PyObject) -> Option<&'a [u8]> {
    if (*(op as *const ffi::PyASCIIObject)).state.ascii() == 0 {
        return None;
    }
    let len = len(op);
    Some(if len == 0 {
        &[]
    } else {
        core::slice::from_raw_parts(data(op), len)
    })
}
