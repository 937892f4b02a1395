//! METH_FASTCALL argument parsing, as Argument Clinic generates it: the same
//! inline fast paths and the same CPython helpers (`_PyArg_UnpackKeywords`,
//! `_PyArg_CheckPositional`) for everything else, so the errors are
//! CPython's own.

use crate::error::{PyResult, Raised};
use crate::ffi;
use core::cell::UnsafeCell;
use core::ffi::{c_char, CStr};

/// `METH_O`.
pub type OneArg =
    unsafe extern "C" fn(*mut ffi::PyObject, *mut ffi::PyObject) -> *mut ffi::PyObject;
/// `METH_FASTCALL`.
pub type FastCall = unsafe extern "C" fn(
    *mut ffi::PyObject,
    *const *mut ffi::PyObject,
    ffi::Py_ssize_t,
) -> *mut ffi::PyObject;
/// `METH_FASTCALL | METH_KEYWORDS`.
pub type FastCallKeywords = unsafe extern "C" fn(
    *mut ffi::PyObject,
    *const *mut ffi::PyObject,
    ffi::Py_ssize_t,
    *mut ffi::PyObject,
) -> *mut ffi::PyObject;

/// A parser's keyword names, NULL-terminated; `""` for positional-only
/// parameters.  Build with [`arg_parser!`](crate::arg_parser).
pub struct Keywords<const N: usize>(pub [*const c_char; N]);

// SAFETY: pointers to immutable static C strings.
unsafe impl<const N: usize> Sync for Keywords<N> {}

/// A static `_PyArg_Parser`.  CPython fills in its cache (keyword tuple,
/// counts) on first use, under its own synchronization.
pub struct ArgParser(UnsafeCell<ffi::_PyArg_Parser>);

// SAFETY: only CPython touches the cell, with its own locking (GIL, or the
// parser's once-flag in free-threaded builds).
unsafe impl Sync for ArgParser {}

impl ArgParser {
    /// Like Clinic's `static _PyArg_Parser _parser = {.keywords = ...,
    /// .fname = ...}`: every other field zero, whatever this version's layout.
    pub const fn new(fname: &'static CStr, keywords: *const *const c_char) -> Self {
        // SAFETY: all-zero is the C initializer's value for omitted fields.
        let mut parser: ffi::_PyArg_Parser =
            unsafe { core::mem::transmute([0u8; core::mem::size_of::<ffi::_PyArg_Parser>()]) };
        parser.keywords = keywords;
        parser.fname = fname.as_ptr();
        ArgParser(UnsafeCell::new(parser))
    }
}

/// `arg_parser!(static NAME = "fname", ["", "kw1", "kw2"]);` declares a
/// static [`ArgParser`] (`""` for each positional-only parameter).
#[macro_export]
macro_rules! arg_parser {
    ($vis:vis static $name:ident = $fname:literal, [$($kw:literal),* $(,)?]) => {
        $vis static $name: $crate::args::ArgParser = {
            static KEYWORDS: $crate::args::Keywords<{ [$($kw),*].len() + 1 }> =
                $crate::args::Keywords([$($crate::cstr!($kw).as_ptr(),)* ::core::ptr::null()]);
            $crate::args::ArgParser::new($crate::cstr!($fname), KEYWORDS.0.as_ptr())
        };
    };
}

/// Arguments in parameter order; missing optional ones are `None`.
pub struct Args {
    ptr: *const *mut ffi::PyObject,
    len: usize,
}

impl Args {
    #[inline]
    pub fn get(&self, index: usize) -> Option<*mut ffi::PyObject> {
        if index >= self.len {
            return None;
        }
        // SAFETY: `len` entries are readable (the call's args or `buf`).
        let arg = unsafe { *self.ptr.add(index) };
        (!arg.is_null()).then_some(arg)
    }

    /// A required parameter: always present after a successful unpack.
    #[inline]
    pub fn required(&self, index: usize) -> *mut ffi::PyObject {
        debug_assert!(index < self.len);
        unsafe { *self.ptr.add(index) }
    }
}

/// `_PyArg_UnpackKeywords(args, nargs, NULL, kwnames, parser, minpos,
/// maxpos, 0, [varpos 0,] buf)`, with the macro's inline fast path for positional calls.
/// `buf` has one entry per parameter.
///
/// # Safety
/// The vectorcall arguments come from CPython; `buf` outlives the result.
#[inline]
pub unsafe fn unpack_keywords(
    parser: &'static ArgParser,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
    minpos: usize,
    maxpos: usize,
    buf: &mut [*mut ffi::PyObject],
) -> PyResult<Args> {
    let n = nargs as usize;
    if kwnames.is_null() && minpos <= n && n <= maxpos && !args.is_null() {
        return Ok(Args { ptr: args, len: n });
    }
    let unpacked = ffi::_PyArg_UnpackKeywords(
        args,
        nargs,
        core::ptr::null_mut(),
        kwnames,
        parser.0.get(),
        minpos as _,
        maxpos as _,
        0,
        // varpos (3.14+): no `*args` parameter.
        #[cfg(Py_3_14)]
        0,
        buf.as_mut_ptr(),
    );
    if unpacked.is_null() {
        return Err(Raised::already_set());
    }
    let len = if unpacked == args { n } else { buf.len() };
    Ok(Args { ptr: unpacked, len })
}

/// `_PyArg_CheckPositional(fname, nargs, min, max)` with its fast path.
#[inline]
pub fn check_positional(
    fname: &CStr,
    nargs: ffi::Py_ssize_t,
    min: usize,
    max: usize,
) -> PyResult<()> {
    if min as ffi::Py_ssize_t <= nargs && nargs <= max as ffi::Py_ssize_t {
        return Ok(());
    }
    let ok = unsafe { ffi::_PyArg_CheckPositional(fname.as_ptr(), nargs, min as _, max as _) };
    if ok != 0 {
        Ok(())
    } else {
        Err(Raised::already_set())
    }
}
