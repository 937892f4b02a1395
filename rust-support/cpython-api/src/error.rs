//! Exceptions as values.
//!
//! A [`PyErr`] holds a raised exception: the API takes it out of the
//! thread state when a C call fails (`PyErr_GetRaisedException`), and the
//! trampoline puts it back when the Rust function returns it to CPython.
//! In between no exception is set, so calling the C API again is allowed,
//! replacing an error is plain Rust (`map_err`), and dropping one discards
//! it: an error cannot be forgotten in the thread state, nor a function
//! return a value with an exception set. Safe code cannot make a `PyErr`
//! without raising something:
//!
//! ```compile_fail,E0423
//! use cpython_api::PyErr;
//! let forged = PyErr(());
//! ```
//!
//! ```compile_fail,E0599
//! use cpython_api::PyErr;
//! let forged = PyErr::already_set();
//! ```

use crate::ffi;
use crate::object::{Borrowed, Owned, PyAny};
use crate::python::Python;
use crate::types::ExceptionClass;
use core::ffi::CStr;
use core::marker::PhantomData;
use core::ptr::NonNull;

/// A raised exception (the normalized exception object).
#[must_use = "an error is raised only when it is returned"]
pub struct PyErr {
    exc: NonNull<ffi::PyObject>,
    // Not Send or Sync: it is dropped and restored on its own thread.
    _not_send: PhantomData<*mut ()>,
}

pub type PyResult<T> = Result<T, PyErr>;

/// Names no more than the type: formatting the exception takes Python.
impl core::fmt::Debug for PyErr {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("PyErr { .. }")
    }
}

impl PyErr {
    /// `PyErr_SetString(class, message)`, as a value; the message may hold
    /// any character (it is decoded as UTF-8, NULs included).
    pub fn new(class: Borrowed<'_, '_, ExceptionClass>, message: &str) -> PyErr {
        PyErr::from_utf8(class, message.as_bytes())
    }

    /// As [`PyErr::new`], for a message built as bytes: if they are not
    /// UTF-8 the error is the `UnicodeDecodeError` from decoding them.
    pub fn from_utf8(class: Borrowed<'_, '_, ExceptionClass>, message: &[u8]) -> PyErr {
        let py = class.py();
        // SAFETY: a buffer of that length; CPython checks the UTF-8.
        let text = unsafe {
            Owned::<PyAny>::from_new(
                py,
                ffi::PyUnicode_FromStringAndSize(message.as_ptr().cast(), message.len() as _),
            )
        };
        match text {
            Ok(text) => {
                // SAFETY: an exception class and a str, on an attached thread.
                unsafe { ffi::PyErr_SetObject(class.as_ptr(), text.as_ptr()) };
                PyErr::fetch_after_failure(py)
            }
            Err(decode_or_memory) => decode_or_memory,
        }
    }

    /// `PyErr_SetString(class, message)` for a C string.
    pub fn from_cstr(class: Borrowed<'_, '_, ExceptionClass>, message: &CStr) -> PyErr {
        // SAFETY: an exception class and a NUL-terminated message.
        unsafe { ffi::PyErr_SetString(class.as_ptr(), message.as_ptr()) };
        PyErr::fetch_after_failure(class.py())
    }

    /// `PyErr_SetObject(class, value)`: raises `value` if it is an
    /// instance of `class`, else `class(value)` (CPython's own checks: a
    /// `class` that is no exception class is SystemError). What C modules
    /// raise with arguments: `StopIteration(idx)`, or an exception they
    /// made by calling its class (`JSONDecodeError(msg, doc, pos)`).
    pub fn set_object<C, V>(class: Borrowed<'_, '_, C>, value: Borrowed<'_, '_, V>) -> PyErr {
        // SAFETY: two live objects, on an attached thread.
        unsafe { ffi::PyErr_SetObject(class.as_ptr(), value.as_ptr()) };
        PyErr::fetch_after_failure(class.py())
    }

    /// `PyErr_Format(class, format, args...)`, checked: each conversion of
    /// `format` must match its argument ([`FmtArg`]), in order; `%%` is a
    /// percent sign. A mismatch is SystemError: the C function would read
    /// an argument of another type.
    pub fn format(
        class: Borrowed<'_, '_, ExceptionClass>,
        format: &'static CStr,
        args: &[FmtArg<'_, '_>],
    ) -> PyErr {
        let py = class.py();
        if !fmt::matches(format, args) {
            return PyErr::bad_internal_call(py);
        }
        // SAFETY: the arguments match the format (checked above).
        unsafe {
            fmt::call!(format, args, f, a, b,
                zero: ffi::PyErr_Format(class.as_ptr(), f),
                one: ffi::PyErr_Format(class.as_ptr(), f, a),
                two: ffi::PyErr_Format(class.as_ptr(), f, a, b));
        }
        PyErr::fetch_after_failure(py)
    }

    /// `_PyErr_FormatNote(format, args...)` (3.14): adds a note to this
    /// exception (`BaseException.add_note`), checked as [`PyErr::format`].
    /// When the note cannot be made or added, that error is raised with
    /// this one as its context, as C does.
    #[cfg(Py_3_14)]
    pub fn with_note(
        self,
        py: Python<'_>,
        format: &'static CStr,
        args: &[FmtArg<'_, '_>],
    ) -> PyErr {
        if !fmt::matches(format, args) {
            return PyErr::bad_internal_call(py);
        }
        self.restore(py);
        // SAFETY: the arguments match the format (checked above); the
        // exception is set, as _PyErr_FormatNote needs.
        unsafe {
            fmt::call!(format, args, f, a, b,
                zero: ffi::_PyErr_FormatNote(f),
                one: ffi::_PyErr_FormatNote(f, a),
                two: ffi::_PyErr_FormatNote(f, a, b));
        }
        PyErr::fetch_after_failure(py)
    }

    /// `PyErr_NoMemory()`.
    pub fn no_memory(py: Python<'_>) -> PyErr {
        // SAFETY: on an attached thread.
        unsafe { ffi::PyErr_NoMemory() };
        PyErr::fetch_after_failure(py)
    }

    /// `PyErr_BadInternalCall()`: SystemError, for a broken invariant
    /// between the API and CPython that must not crash the process.
    pub fn bad_internal_call(py: Python<'_>) -> PyErr {
        PyErr::from_cstr(
            crate::exc::system_error(py),
            crate::cstr!("bad argument to internal function"),
        )
    }

    /// `PyErr_Format(PyExc_TypeError, format, Py_TYPE(obj)->tp_name)`:
    /// Argument Clinic's and the C modules' messages that name a type.
    /// `format` holds one `%.100s` and no other `%`.
    pub(crate) fn type_error_naming_type(
        py: Python<'_>,
        format: &'static CStr,
        obj: Borrowed<'_, '_, PyAny>,
    ) -> PyErr {
        debug_assert!(format.to_bytes().split(|&b| b == b'%').count() == 2);
        // SAFETY: the format takes exactly one C string, which the object's
        // type name is (NUL-terminated, alive with the object).
        unsafe {
            ffi::PyErr_Format(
                ffi::PyExc_TypeError,
                format.as_ptr(),
                obj.type_name().as_ptr(),
            )
        };
        PyErr::fetch_after_failure(py)
    }

    /// The exception raised by a C call that failed: taken out of the
    /// thread state. A C function that failed without setting one is a
    /// CPython bug; it becomes a SystemError as CPython itself reports it.
    #[cold]
    pub(crate) fn fetch_after_failure(py: Python<'_>) -> PyErr {
        match PyErr::take(py) {
            Some(err) => err,
            None => PyErr::from_cstr(
                crate::exc::system_error(py),
                crate::cstr!("error return without exception set"),
            ),
        }
    }

    /// Takes the exception set in the thread state, if any
    /// (`PyErr_GetRaisedException`; `PyErr_Fetch` and normalization
    /// before 3.12).
    pub fn take(_py: Python<'_>) -> Option<PyErr> {
        // SAFETY: on an attached thread; the result is a new reference.
        let exc = unsafe { raised::take() };
        NonNull::new(exc).map(|exc| PyErr {
            exc,
            _not_send: PhantomData,
        })
    }

    /// `PyErr_GivenExceptionMatches(exc, class)`: is it an instance of
    /// `class` (or of a class in a tuple)?
    pub fn matches(&self, class: Borrowed<'_, '_, PyAny>) -> bool {
        // SAFETY: two live objects, on an attached thread (the class
        // handle's token).
        unsafe { ffi::PyErr_GivenExceptionMatches(self.exc.as_ptr(), class.as_ptr()) != 0 }
    }

    /// The exception object.
    pub fn value<'a, 'py>(&'a self, _py: Python<'py>) -> Borrowed<'a, 'py, PyAny> {
        // SAFETY: `self` holds a strong reference while `'a` lasts.
        unsafe { Borrowed::from_ptr(self.exc) }
    }

    /// Sets the exception in the thread state again, for CPython: what the
    /// trampolines do with an `Err`.
    #[cold]
    #[inline(never)]
    pub(crate) fn restore(self, _py: Python<'_>) {
        let exc = self.exc.as_ptr();
        core::mem::forget(self);
        // SAFETY: gives the reference away, on an attached thread.
        unsafe { raised::restore(exc) }
    }
}

impl Drop for PyErr {
    fn drop(&mut self) {
        // SAFETY: a strong reference, dropped on its own (attached) thread:
        // `PyErr` is neither Send nor Sync, and is made only with a token.
        unsafe { ffi::Py_DecRef(self.exc.as_ptr()) }
    }
}

/// An argument of [`PyErr::format`].
#[derive(Clone, Copy)]
pub enum FmtArg<'a, 'py> {
    /// `%R` (`repr()`, which may run Python code and fail), `%S`, `%A`,
    /// and from 3.13 `%T` (the object's type's fully qualified name).
    Object(Borrowed<'a, 'py, PyAny>),
    /// `%zd`.
    Size(isize),
    /// `%s` or `%.Ns`: the object's type's `tp_name`.
    TypeName(Borrowed<'a, 'py, PyAny>),
}

/// The checks and calls behind [`PyErr::format`].
mod fmt {
    use super::FmtArg;
    use core::ffi::CStr;

    /// Whether every conversion of `format` takes its argument, in order,
    /// and there are as many as arguments (at most two).
    pub fn matches(format: &CStr, args: &[FmtArg<'_, '_>]) -> bool {
        let bytes = format.to_bytes();
        let (mut i, mut n) = (0, 0);
        while i < bytes.len() {
            if bytes[i] != b'%' {
                i += 1;
                continue;
            }
            i += 1;
            if bytes.get(i) == Some(&b'%') {
                i += 1;
                continue;
            }
            // An optional precision: `.` and digits (for `%.Ns`).
            let precise = bytes.get(i) == Some(&b'.');
            if precise {
                i += 1;
                while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
            }
            let ok = match (bytes.get(i), bytes.get(i + 1), args.get(n)) {
                (Some(b'R' | b'S' | b'A'), _, Some(FmtArg::Object(_))) if !precise => true,
                (Some(b'T'), _, Some(FmtArg::Object(_))) if !precise => cfg!(Py_3_13),
                (Some(b'z'), Some(b'd'), Some(FmtArg::Size(_))) if !precise => {
                    i += 1;
                    true
                }
                (Some(b's'), _, Some(FmtArg::TypeName(_))) => true,
                _ => false,
            };
            if !ok {
                return false;
            }
            i += 1;
            n += 1;
        }
        n == args.len() && n <= 2
    }

    /// A variadic argument: every pointer (`PyObject *` or `char *`) is
    /// passed as one, every `%zd` as a `Py_ssize_t`.
    pub enum Raw {
        Pointer(*mut core::ffi::c_void),
        Size(crate::ffi::Py_ssize_t),
    }

    pub fn raw(arg: &FmtArg<'_, '_>) -> Raw {
        match *arg {
            FmtArg::Object(obj) => Raw::Pointer(obj.as_ptr().cast()),
            FmtArg::Size(n) => Raw::Size(n as crate::ffi::Py_ssize_t),
            FmtArg::TypeName(obj) => Raw::Pointer(obj.type_name().as_ptr() as *mut _),
        }
    }

    /// Calls the variadic function for the arguments' number and types:
    /// `call!(format, args, f, a, b, zero: E0, one: E1, two: E2)`, each
    /// `E` a call that names the format `f` and the arguments `a`, `b`.
    macro_rules! call {
        ($format:expr, $args:expr, $f:ident, $a:ident, $b:ident,
         zero: $zero:expr, one: $one:expr, two: $two:expr) => {{
            use $crate::error::fmt::{raw, Raw};
            let $f = $format.as_ptr();
            match $args {
                [] => {
                    $zero;
                }
                [x] => match raw(x) {
                    Raw::Pointer($a) => {
                        $one;
                    }
                    Raw::Size($a) => {
                        $one;
                    }
                },
                [x, y] => match (raw(x), raw(y)) {
                    (Raw::Pointer($a), Raw::Pointer($b)) => {
                        $two;
                    }
                    (Raw::Pointer($a), Raw::Size($b)) => {
                        $two;
                    }
                    (Raw::Size($a), Raw::Pointer($b)) => {
                        $two;
                    }
                    (Raw::Size($a), Raw::Size($b)) => {
                        $two;
                    }
                },
                _ => {}
            }
        }};
    }
    pub(crate) use call;
}

/// `PyErr_GetRaisedException`/`SetRaisedException`, and what they do
/// before 3.12.
mod raised {
    use crate::ffi;

    /// # Safety
    /// On an attached thread.
    #[cfg(Py_3_12)]
    pub unsafe fn take() -> *mut ffi::PyObject {
        // SAFETY: the caller's contract.
        unsafe { ffi::PyErr_GetRaisedException() }
    }

    /// # Safety
    /// On an attached thread; `exc` is a strong reference to an exception,
    /// given away.
    #[cfg(Py_3_12)]
    pub unsafe fn restore(exc: *mut ffi::PyObject) {
        // SAFETY: the caller's contract.
        unsafe { ffi::PyErr_SetRaisedException(exc) }
    }

    /// The triple, normalized into the exception object (its traceback
    /// attached), as 3.12 keeps it.
    ///
    /// # Safety
    /// On an attached thread.
    #[cfg(not(Py_3_12))]
    pub unsafe fn take() -> *mut ffi::PyObject {
        let (mut ty, mut value, mut tb) = (
            core::ptr::null_mut(),
            core::ptr::null_mut(),
            core::ptr::null_mut(),
        );
        // SAFETY: the caller's contract; Fetch gives three new references
        // (or NULLs), Normalize replaces them with new ones.
        unsafe {
            ffi::PyErr_Fetch(&mut ty, &mut value, &mut tb);
            if ty.is_null() {
                return value;
            }
            ffi::PyErr_NormalizeException(&mut ty, &mut value, &mut tb);
            if !tb.is_null() && !value.is_null() {
                ffi::PyException_SetTraceback(value, tb);
            }
            for obj in [ty, tb] {
                if !obj.is_null() {
                    ffi::Py_DecRef(obj);
                }
            }
        }
        value
    }

    /// # Safety
    /// On an attached thread; `exc` is a strong reference to an exception
    /// object, given away.
    #[cfg(not(Py_3_12))]
    pub unsafe fn restore(exc: *mut ffi::PyObject) {
        // SAFETY: the caller's contract; Restore takes the three references.
        unsafe {
            let ty = (*exc).ob_type as *mut ffi::PyObject;
            ffi::Py_IncRef(ty);
            // A new reference, or NULL.
            let tb = ffi::PyException_GetTraceback(exc);
            ffi::PyErr_Restore(ty, exc, tb);
        }
    }
}

/// Converts what a Rust function returns to what CPython expects of a C
/// function: the new reference, or NULL with the exception set.
#[inline]
pub(crate) fn into_return<T>(py: Python<'_>, result: PyResult<Owned<'_, T>>) -> *mut ffi::PyObject {
    match result {
        Ok(obj) => obj.into_ptr(),
        Err(err) => {
            err.restore(py);
            core::ptr::null_mut()
        }
    }
}
