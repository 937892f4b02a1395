//! Argument converters: what a parameter's type in a
//! [`function!`](macro@crate::function) declaration means, as Argument Clinic's
//! converters do in C. Each calls the C API function the clinic-generated
//! code calls, so the errors are CPython's.
//!
//! A module can add its own (binascii's version-dependent flags do):
//! implement [`FromArg`], and [`DefaultArg`] when the parameter has a
//! default.

use crate::error::{PyErr, PyResult};
use crate::ffi;
use crate::object::{Borrowed, PyAny};
use core::ffi::CStr;

/// What a converter needs to word its errors: Argument Clinic's function
/// name and which parameter it converts.
pub struct ArgInfo {
    pub fname: &'static CStr,
    pub param: Param,
}

/// A parameter, as Argument Clinic's messages name it.
#[derive(Clone, Copy)]
pub enum Param {
    /// A positional-only parameter, counted from 1: `argument 1`.
    Positional(usize),
    /// Any other: `argument 'name'`.
    Keyword(&'static str),
}

impl ArgInfo {
    /// The parameter's display name, NUL-ended, in `buf`: made only for a
    /// message, so calls that succeed never build it.
    #[cold]
    pub fn display<'b>(&self, buf: &'b mut [u8; 64]) -> &'b CStr {
        let mut text = Writer { buf, len: 0 };
        text.push(b"argument ");
        match self.param {
            Param::Positional(n) => text.push_number(n),
            Param::Keyword(name) => {
                text.push(b"'");
                text.push(name.as_bytes());
                text.push(b"'");
            }
        }
        let end = text.len.min(63);
        buf[end] = 0;
        CStr::from_bytes_until_nul(&buf[..=end]).unwrap_or_default()
    }
}

/// Appends to a fixed buffer, dropping what does not fit (one byte is
/// kept for the NUL).
struct Writer<'b> {
    buf: &'b mut [u8; 64],
    len: usize,
}

impl Writer<'_> {
    fn push(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.len < 63 {
                self.buf[self.len] = b;
                self.len += 1;
            }
        }
    }

    fn push_number(&mut self, n: usize) {
        let (mut digits, mut len, mut n) = ([0u8; 20], 0, n);
        loop {
            digits[len] = b'0' + (n % 10) as u8;
            len += 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        digits[..len].reverse();
        self.push(&digits[..len]);
    }
}

/// A parameter's conversion from the argument object.
///
/// `Slot` is storage on the caller's stack that the value may borrow (a
/// `Py_buffer`), declared before it, so it outlives it.
pub trait FromArg<'s, 'py>: Sized {
    type Slot: Default;
    fn from_arg(
        slot: &'s mut Self::Slot,
        arg: Borrowed<'s, 'py, PyAny>,
        info: &ArgInfo,
    ) -> PyResult<Self>;
}

/// A parameter's default, from its text in the signature (`False`, `1`,
/// `<unrepresentable>` for C's NULL): the signature and the value are
/// written once.
pub trait DefaultArg: Sized {
    /// Panics (a fatal error) on text this type cannot take: a declaration
    /// bug, which the first call without the argument shows.
    fn from_default(text: &'static str) -> Self;
}

/// `object`: the argument itself.
impl<'s, 'py> FromArg<'s, 'py> for Borrowed<'s, 'py, PyAny> {
    type Slot = ();
    #[inline]
    fn from_arg(_: &'s mut (), arg: Borrowed<'s, 'py, PyAny>, _: &ArgInfo) -> PyResult<Self> {
        Ok(arg)
    }
}

/// `object = NULL` and other parameters whose absence is not a value.
impl<'s, 'py, T: FromArg<'s, 'py>> FromArg<'s, 'py> for Option<T> {
    type Slot = T::Slot;
    #[inline]
    fn from_arg(
        slot: &'s mut T::Slot,
        arg: Borrowed<'s, 'py, PyAny>,
        info: &ArgInfo,
    ) -> PyResult<Self> {
        T::from_arg(slot, arg, info).map(Some)
    }
}

impl<T> DefaultArg for Option<T> {
    #[inline]
    fn from_default(_: &'static str) -> Self {
        None
    }
}

/// `bool`: the argument's truth, `PyObject_IsTrue` (since 3.12 what
/// Argument Clinic's `bool` means everywhere).
impl<'s, 'py> FromArg<'s, 'py> for bool {
    type Slot = ();
    #[inline]
    fn from_arg(_: &'s mut (), arg: Borrowed<'s, 'py, PyAny>, _: &ArgInfo) -> PyResult<Self> {
        arg.is_true()
    }
}

impl DefaultArg for bool {
    #[inline]
    fn from_default(text: &'static str) -> Self {
        match text {
            "True" => true,
            "False" => false,
            _ => panic!("not a bool default"),
        }
    }
}

/// `bool(accept={int})`: an `int` (or `__index__`), nonzero is true;
/// `_PyLong_AsInt`, as Argument Clinic generated it before 3.12.
#[derive(Clone, Copy)]
pub struct IntBool(pub bool);

impl<'s, 'py> FromArg<'s, 'py> for IntBool {
    type Slot = ();
    #[inline]
    fn from_arg(slot: &'s mut (), arg: Borrowed<'s, 'py, PyAny>, info: &ArgInfo) -> PyResult<Self> {
        core::ffi::c_int::from_arg(slot, arg, info).map(|v| IntBool(v != 0))
    }
}

impl DefaultArg for IntBool {
    #[inline]
    fn from_default(text: &'static str) -> Self {
        IntBool(bool::from_default(text))
    }
}

/// `int`: `PyLong_AsInt` (`_PyLong_AsInt` before 3.13), which takes
/// `__index__` and raises OverflowError/TypeError as C does.
impl<'s, 'py> FromArg<'s, 'py> for core::ffi::c_int {
    type Slot = ();
    #[inline]
    fn from_arg(_: &'s mut (), arg: Borrowed<'s, 'py, PyAny>, _: &ArgInfo) -> PyResult<Self> {
        // SAFETY: a live object, on an attached thread.
        #[cfg(Py_3_13)]
        let value = unsafe { ffi::PyLong_AsInt(arg.as_ptr()) };
        // SAFETY: as above.
        #[cfg(not(Py_3_13))]
        let value = unsafe { ffi::_PyLong_AsInt(arg.as_ptr()) };
        if value == -1 {
            if let Some(err) = PyErr::take(arg.py()) {
                return Err(err);
            }
        }
        Ok(value)
    }
}

impl DefaultArg for core::ffi::c_int {
    #[inline]
    fn from_default(text: &'static str) -> Self {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(digits) => (true, digits),
            None => (false, text),
        };
        assert!(!digits.is_empty(), "not an int default");
        let magnitude = digits.bytes().fold(0i32, |n, d| {
            assert!(d.is_ascii_digit(), "not an int default");
            n * 10 + i32::from(d - b'0')
        });
        if negative {
            -magnitude
        } else {
            magnitude
        }
    }
}

/// `unsigned_int(bitwise=True)`: `PyLong_AsUnsignedLongMask`, truncated
/// to 32 bits.
#[derive(Clone, Copy)]
pub struct UnsignedIntBitwise(pub core::ffi::c_uint);

impl<'s, 'py> FromArg<'s, 'py> for UnsignedIntBitwise {
    type Slot = ();
    #[inline]
    fn from_arg(_: &'s mut (), arg: Borrowed<'s, 'py, PyAny>, _: &ArgInfo) -> PyResult<Self> {
        // SAFETY: a live object, on an attached thread.
        let value = unsafe { ffi::PyLong_AsUnsignedLongMask(arg.as_ptr()) };
        if value == core::ffi::c_ulong::MAX {
            if let Some(err) = PyErr::take(arg.py()) {
                return Err(err);
            }
        }
        Ok(UnsignedIntBitwise(value as core::ffi::c_uint))
    }
}

impl DefaultArg for UnsignedIntBitwise {
    #[inline]
    fn from_default(text: &'static str) -> Self {
        UnsignedIntBitwise(core::ffi::c_int::from_default(text) as core::ffi::c_uint)
    }
}
