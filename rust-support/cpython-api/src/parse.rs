//! `PyArg_ParseTuple` and `PyArg_ParseTupleAndKeywords`, typed: what
//! `tp_new`, `tp_call` and METH_VARARGS functions parse their arguments
//! with in C, so their errors are C's own ("make_encoder() argument 5
//! must be str, not int", "scan_once() missing required argument 'idx'
//! (pos 2)", ...).
//!
//! The format string is never written by hand: it is made from the types
//! of the outputs, one [`FormatUnit`] each, so a letter and the C type it
//! writes cannot disagree. The units are `(O, U, P, N, I)` markers in
//! [`unit`](mod@unit); a tuple of them is the parser's shape, and its length is the
//! keyword list's. The format string is a `static` [`Format`], made when
//! the program is compiled, as C's literal is:
//!
//! ```
//! use cpython_api::parse::{unit::{N, O}, parse_tuple_and_keywords, Format, Keywords};
//! use cpython_api::types::{PyDict, PyTuple};
//! use cpython_api::{cstr, Borrowed, PyResult};
//! // "On:scan_once"
//! static FORMAT: Format<(O, N), 2> = Format::new(cstr!("scan_once"), 2);
//! static KEYWORDS: Keywords<2> = Keywords::new([cstr!("string"), cstr!("idx")]);
//! fn f(args: Borrowed<'_, '_, PyTuple>, kwargs: Option<Borrowed<'_, '_, PyDict>>) -> PyResult<isize> {
//!     let (_string, idx) = parse_tuple_and_keywords(args, kwargs, &FORMAT, &KEYWORDS, ((), 0))?;
//!     Ok(idx)
//! }
//! ```
//!
//! A keyword list of another length does not compile:
//!
//! ```compile_fail,E0308
//! use cpython_api::parse::{unit::{N, O}, parse_tuple_and_keywords, Format, Keywords};
//! use cpython_api::types::{PyDict, PyTuple};
//! use cpython_api::{cstr, Borrowed};
//! static FORMAT: Format<(O, N), 2> = Format::new(cstr!("scan_once"), 2);
//! static KEYWORDS: Keywords<1> = Keywords::new([cstr!("string")]);
//! fn f(args: Borrowed<'_, '_, PyTuple>, kwargs: Option<Borrowed<'_, '_, PyDict>>) {
//!     let _ = parse_tuple_and_keywords(args, kwargs, &FORMAT, &KEYWORDS, ((), 0));
//! }
//! ```
//!
//! nor does a value of another type than its unit writes:
//!
//! ```compile_fail,E0308
//! use cpython_api::parse::{unit::{N, O}, parse_tuple_and_keywords, Format, Keywords};
//! use cpython_api::types::{PyDict, PyTuple};
//! use cpython_api::{cstr, Borrowed, PyResult};
//! static FORMAT: Format<(O, N), 2> = Format::new(cstr!("scan_once"), 2);
//! static KEYWORDS: Keywords<2> = Keywords::new([cstr!("string"), cstr!("idx")]);
//! fn f(args: Borrowed<'_, '_, PyTuple>, kwargs: Option<Borrowed<'_, '_, PyDict>>) -> PyResult<bool> {
//!     let (_string, idx) = parse_tuple_and_keywords(args, kwargs, &FORMAT, &KEYWORDS, ((), 0))?;
//!     Ok(idx) // `n` writes a Py_ssize_t: an isize, not a bool
//! }
//! ```
//!
//! nor does a format whose name would end it early:
//!
//! ```compile_fail,E0080
//! use cpython_api::parse::{unit::O, Format};
//! use cpython_api::cstr;
//! static FORMAT: Format<(O,), 1> = Format::new(cstr!("a:b"), 1);
//! ```

pub use crate::args::Keywords;
use crate::error::{PyErr, PyResult};
use crate::ffi;
use crate::object::{Borrowed, Owned, PyAny};
use crate::python::Python;
use crate::types::{PyDict, PyInt, PyStr, PyTuple};
use core::ffi::{c_char, c_int, c_void, CStr};
use core::marker::PhantomData;
use core::ptr::NonNull;

/// A format unit: its letter, the C object it writes, and the Rust value
/// made from that. Sealed: the units are those of [`unit`](mod@unit).
pub trait FormatUnit: private::Sealed {
    /// The format letter.
    const LETTER: u8;
    /// What the C function writes through the unit's pointer.
    #[doc(hidden)]
    type Out: Copy;
    /// The value when the argument is not given (after `|`).
    type Default: Copy;
    /// The value.
    type Value<'py>;
    #[doc(hidden)]
    fn out(default: Self::Default) -> Self::Out;
    #[doc(hidden)]
    fn value(py: Python<'_>, out: Self::Out) -> Self::Value<'_>;
    /// The value without the parser, when the conversion runs no code
    /// and cannot fail (`None` leaves the argument to the parser).
    #[doc(hidden)]
    fn fast<'py>(arg: Borrowed<'_, 'py, PyAny>) -> Option<Self::Value<'py>>;
}

mod private {
    pub trait Sealed {}
}

/// The format units.
pub mod unit {
    /// `O`: any object, as a new reference (the arguments may be a
    /// caller's dict, which Python code run later can change). A unit
    /// after `|` that is not given is `None`.
    pub enum O {}
    /// `U`: a `str` (TypeError otherwise), as a new reference.
    pub enum U {}
    /// `p`: the truth of any object (`PyObject_IsTrue`).
    pub enum P {}
    /// `n`: an index (`__index__`) as a `Py_ssize_t`.
    pub enum N {}
    /// `i`: an index as a C `int`.
    pub enum I {}
}

/// The object a `O`/`U` unit wrote, as a new reference (`None` when the
/// unit was not given).
fn object_value<T: crate::types::PyTypeCheck>(
    py: Python<'_>,
    out: *mut ffi::PyObject,
) -> Owned<'_, T> {
    let obj = match NonNull::new(out) {
        // SAFETY: an argument of the call (alive during it), written by
        // PyArg_Parse*.
        Some(obj) => unsafe { Borrowed::<PyAny>::from_ptr(obj) },
        None => py.none(),
    };
    match obj.downcast::<T>() {
        Some(obj) => obj.to_owned(),
        // `U` checked its argument (and is never None).
        None => unreachable_unit(),
    }
}

#[cold]
fn unreachable_unit() -> ! {
    panic!("a format unit's output is not its type")
}

impl private::Sealed for unit::O {}
impl FormatUnit for unit::O {
    const LETTER: u8 = b'O';
    type Out = *mut ffi::PyObject;
    type Default = ();
    type Value<'py> = Owned<'py, PyAny>;
    fn out((): ()) -> Self::Out {
        core::ptr::null_mut()
    }
    fn value(py: Python<'_>, out: Self::Out) -> Self::Value<'_> {
        object_value(py, out)
    }
    #[inline]
    fn fast<'py>(arg: Borrowed<'_, 'py, PyAny>) -> Option<Self::Value<'py>> {
        Some(arg.to_owned())
    }
}

impl private::Sealed for unit::U {}
impl FormatUnit for unit::U {
    const LETTER: u8 = b'U';
    type Out = *mut ffi::PyObject;
    type Default = ();
    type Value<'py> = Option<Owned<'py, PyStr>>;
    fn out((): ()) -> Self::Out {
        core::ptr::null_mut()
    }
    fn value(py: Python<'_>, out: Self::Out) -> Self::Value<'_> {
        NonNull::new(out).map(|_| object_value::<PyStr>(py, out))
    }
    #[inline]
    fn fast<'py>(arg: Borrowed<'_, 'py, PyAny>) -> Option<Self::Value<'py>> {
        arg.downcast::<PyStr>().map(|s| Some(s.to_owned()))
    }
}

impl private::Sealed for unit::P {}
impl FormatUnit for unit::P {
    const LETTER: u8 = b'p';
    type Out = c_int;
    type Default = bool;
    type Value<'py> = bool;
    fn out(default: bool) -> c_int {
        c_int::from(default)
    }
    fn value(_: Python<'_>, out: c_int) -> bool {
        out != 0
    }
    /// `True` and `False`: any other object's `__bool__` or `__len__` is
    /// code, which the parser runs in its order.
    #[inline]
    fn fast<'py>(arg: Borrowed<'_, 'py, PyAny>) -> Option<bool> {
        if arg.is_true_singleton() {
            Some(true)
        } else if arg.is_false_singleton() {
            Some(false)
        } else {
            None
        }
    }
}

impl private::Sealed for unit::N {}
impl FormatUnit for unit::N {
    const LETTER: u8 = b'n';
    type Out = ffi::Py_ssize_t;
    type Default = isize;
    type Value<'py> = isize;
    // Py_ssize_t is isize in every stored binding set; the casts keep a
    // bindgen build whose alias differs compiling.
    #[allow(clippy::unnecessary_cast)]
    fn out(default: isize) -> Self::Out {
        default as ffi::Py_ssize_t
    }
    #[allow(clippy::unnecessary_cast)]
    fn value(_: Python<'_>, out: Self::Out) -> isize {
        out as isize
    }
    #[inline]
    fn fast<'py>(arg: Borrowed<'_, 'py, PyAny>) -> Option<isize> {
        exact_int(arg).and_then(|v| isize::try_from(v).ok())
    }
}

impl private::Sealed for unit::I {}
impl FormatUnit for unit::I {
    const LETTER: u8 = b'i';
    type Out = c_int;
    type Default = c_int;
    type Value<'py> = c_int;
    fn out(default: c_int) -> c_int {
        default
    }
    fn value(_: Python<'_>, out: c_int) -> c_int {
        out
    }
    #[inline]
    fn fast<'py>(arg: Borrowed<'_, 'py, PyAny>) -> Option<c_int> {
        exact_int(arg).and_then(|v| c_int::try_from(v).ok())
    }
}

/// An exact `int`'s value (a subclass's `__index__` is code).
#[inline]
fn exact_int(arg: Borrowed<'_, '_, PyAny>) -> Option<i64> {
    if !arg.is_exact::<PyInt>() {
        return None;
    }
    arg.downcast::<PyInt>()?.as_i64()
}

/// A tuple of `N` format units: a parser's shape.
pub trait Units<const N: usize>: private::Sealed {
    /// The units' defaults, in order (used for those after `|` that are
    /// not given).
    type Defaults: Copy;
    /// The values, in order.
    type Values<'py>;
    #[doc(hidden)]
    const LETTERS: [u8; N];
    /// Calls `PyArg_ParseTuple[AndKeywords]` with the outputs' pointers.
    #[doc(hidden)]
    fn parse<'py>(
        py: Python<'py>,
        call: &RawCall,
        defaults: Self::Defaults,
    ) -> PyResult<Self::Values<'py>>;
    /// The values without the parser, for a positional call whose every
    /// argument [`FormatUnit::fast`] converts; `None` otherwise.
    #[doc(hidden)]
    fn fast<'py>(
        args: Borrowed<'_, 'py, PyTuple>,
        required: usize,
        defaults: Self::Defaults,
    ) -> Option<Self::Values<'py>>;
}

/// What [`Units::parse`] passes on: the arguments and the format.
#[doc(hidden)]
pub struct RawCall {
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
    format: *const c_char,
    keywords: *const *const c_char,
}

impl RawCall {
    /// # Safety
    /// `self.format` holds one unit per output pointer, each writing the
    /// pointee's type; `outs` are valid for those writes.
    unsafe fn call(&self, outs: &[*mut c_void]) -> c_int {
        macro_rules! dispatch {
            ($($n:literal => [$($i:literal),*]),*) => {
                match outs.len() {
                    $($n => if self.keywords.is_null() {
                        // SAFETY: the caller's contract.
                        unsafe { ffi::PyArg_ParseTuple(self.args, self.format $(, outs[$i])*) }
                    } else {
                        // SAFETY: the caller's contract; a NULL-ended list
                        // of N names, which CPython only reads.
                        unsafe {
                            ffi::PyArg_ParseTupleAndKeywords(
                                self.args, self.kwargs, self.format,
                                self.keywords as _ $(, outs[$i])*)
                        }
                    },)*
                    _ => -1,
                }
            };
        }
        dispatch!(
            1 => [0], 2 => [0, 1], 3 => [0, 1, 2], 4 => [0, 1, 2, 3], 5 => [0, 1, 2, 3, 4],
            6 => [0, 1, 2, 3, 4, 5], 7 => [0, 1, 2, 3, 4, 5, 6], 8 => [0, 1, 2, 3, 4, 5, 6, 7],
            9 => [0, 1, 2, 3, 4, 5, 6, 7, 8]
        )
    }
}

macro_rules! units {
    ($n:literal: $($u:ident $i:tt),*) => {
        impl<$($u: FormatUnit),*> private::Sealed for ($($u,)*) {}
        impl<$($u: FormatUnit),*> Units<$n> for ($($u,)*) {
            type Defaults = ($($u::Default,)*);
            type Values<'py> = ($($u::Value<'py>,)*);
            const LETTERS: [u8; $n] = [$($u::LETTER),*];
            fn parse<'py>(py: Python<'py>, call: &RawCall, defaults: Self::Defaults) -> PyResult<Self::Values<'py>> {
                let mut outs = ($($u::out(defaults.$i),)*);
                let pointers = [$(core::ptr::addr_of_mut!(outs.$i) as *mut c_void),*];
                // SAFETY: the format's letters are Self::LETTERS (made by
                // `parse_format`), each unit's pointer is to its own Out.
                if unsafe { call.call(&pointers) } == 0 {
                    return Err(PyErr::fetch_after_failure(py));
                }
                Ok(($($u::value(py, outs.$i),)*))
            }
            #[inline]
            fn fast<'py>(
                args: Borrowed<'_, 'py, PyTuple>,
                required: usize,
                defaults: Self::Defaults,
            ) -> Option<Self::Values<'py>> {
                let (py, given) = (args.py(), args.len());
                if given < required || given > $n {
                    return None;
                }
                Some(($(match args.get($i) {
                    Some(arg) => $u::fast(arg)?,
                    None => $u::value(py, $u::out(defaults.$i)),
                },)*))
            }
        }
    };
}

units!(1: A 0);
units!(2: A 0, B 1);
units!(3: A 0, B 1, C 2);
units!(4: A 0, B 1, C 2, D 3);
units!(5: A 0, B 1, C 2, D 3, E 4);
units!(6: A 0, B 1, C 2, D 3, E 4, F 5);
units!(7: A 0, B 1, C 2, D 3, E 4, F 5, G 6);
units!(8: A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
units!(9: A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, J 8);

/// Bytes a [`Format`] holds, its NUL included.
const FORMAT_BYTES: usize = 48;

/// A parser's format string, `"<units>|<units>:<name>"`, made when the
/// program is compiled (a `static`), as C's literal is: the letters from
/// the units `U`, `|` after the first `required`, then `:` and the
/// function's name for messages. A name with `:` or `;`, or too long, or
/// `required` past `N`, does not compile.
pub struct Format<U, const N: usize> {
    bytes: [u8; FORMAT_BYTES],
    required: usize,
    units: PhantomData<fn() -> U>,
}

impl<U: Units<N>, const N: usize> Format<U, N> {
    pub const fn new(fname: &CStr, required: usize) -> Self {
        let name = fname.to_bytes();
        assert!(required <= N, "more required units than units");
        assert!(
            N + 3 + name.len() <= FORMAT_BYTES,
            "the function's name is too long"
        );
        let mut bytes = [0u8; FORMAT_BYTES];
        let mut at = 0;
        let mut i = 0;
        while i < N {
            if i == required {
                bytes[at] = b'|';
                at += 1;
            }
            bytes[at] = U::LETTERS[i];
            at += 1;
            i += 1;
        }
        bytes[at] = b':';
        at += 1;
        let mut j = 0;
        while j < name.len() {
            assert!(name[j] != b':' && name[j] != b';', "a name with ':' or ';'");
            bytes[at] = name[j];
            at += 1;
            j += 1;
        }
        Format {
            bytes,
            required,
            units: PhantomData,
        }
    }
}

/// `PyArg_ParseTupleAndKeywords(args, kwargs, format, keywords, ...)`; the
/// units after `|` that are not given take `defaults`.
///
/// A call with positional arguments only, each of which converts without
/// running code (any object for `O`, a `str` for `U`, `True` or `False`
/// for `p`, an exact `int` in range for `n` and `i`), skips the parser:
/// the values are the same and nothing else could happen. Any other call,
/// and so every error, is the parser's.
pub fn parse_tuple_and_keywords<'py, U: Units<N>, const N: usize>(
    args: Borrowed<'_, 'py, PyTuple>,
    kwargs: Option<Borrowed<'_, 'py, PyDict>>,
    format: &'static Format<U, N>,
    keywords: &Keywords<N>,
    defaults: U::Defaults,
) -> PyResult<U::Values<'py>> {
    if kwargs.map_or(true, |k| k.is_empty()) {
        if let Some(values) = U::fast(args, format.required, defaults) {
            return Ok(values);
        }
    }
    let call = RawCall {
        args: args.as_ptr(),
        kwargs: kwargs.map_or(core::ptr::null_mut(), |k| k.as_ptr()),
        format: format.bytes.as_ptr().cast(),
        keywords: keywords.as_ptr(),
    };
    U::parse(args.py(), &call, defaults)
}

/// `PyArg_ParseTuple(args, format, ...)`: positional arguments only
/// (with the fast path of [`parse_tuple_and_keywords`]).
pub fn parse_tuple<'py, U: Units<N>, const N: usize>(
    args: Borrowed<'_, 'py, PyTuple>,
    format: &'static Format<U, N>,
    defaults: U::Defaults,
) -> PyResult<U::Values<'py>> {
    if let Some(values) = U::fast(args, format.required, defaults) {
        return Ok(values);
    }
    let call = RawCall {
        args: args.as_ptr(),
        kwargs: core::ptr::null_mut(),
        format: format.bytes.as_ptr().cast(),
        keywords: core::ptr::null(),
    };
    U::parse(args.py(), &call, defaults)
}
