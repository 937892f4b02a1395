//! METH_FASTCALL arguments, parsed as Argument Clinic's generated code
//! parses them: the same inline fast paths and the same CPython helpers
//! (`_PyArg_UnpackKeywords`, `_PyArg_CheckPositional`), so the errors are
//! CPython's own. [`function!`](macro@crate::function) declares the parser, its
//! buffer and the conversions from a function's signature.

use crate::error::{PyErr, PyResult};
use crate::ffi;
use crate::object::{Borrowed, PyAny};
use crate::python::Python;
use core::cell::UnsafeCell;
use core::ffi::{c_char, CStr};
use core::marker::PhantomData;
use core::ptr::NonNull;

/// A parser's keyword names, `""` for each positional-only parameter,
/// with the NULL that ends them right after (`#[repr(C)]`): what
/// `_PyArg_Parser.keywords` points to.
#[repr(C)]
pub struct Keywords<const N: usize> {
    names: [*const c_char; N],
    end: *const c_char,
}

// SAFETY: pointers to immutable static C strings.
unsafe impl<const N: usize> Sync for Keywords<N> {}

impl<const N: usize> Keywords<N> {
    /// The NULL-ended list, as `PyArg_ParseTupleAndKeywords` takes it.
    #[inline]
    pub(crate) fn as_ptr(&self) -> *const *const c_char {
        // The whole struct's address (repr(C): the names, then the NULL),
        // so the pointer covers the end too.
        self as *const Self as *const *const c_char
    }

    pub const fn new(names: [&'static CStr; N]) -> Self {
        let mut pointers = [core::ptr::null(); N];
        let mut i = 0;
        while i < N {
            pointers[i] = names[i].as_ptr();
            i += 1;
        }
        Keywords {
            names: pointers,
            end: core::ptr::null(),
        }
    }
}

/// A static `_PyArg_Parser` for `N` parameters, and the positional counts
/// its calls check. CPython fills in its cache on first use, under its own
/// synchronization.
pub struct ArgParser<const N: usize> {
    raw: UnsafeCell<ffi::_PyArg_Parser>,
    minpos: usize,
    maxpos: usize,
}

// SAFETY: only CPython writes to the cell, with its own locking (the GIL,
// or the parser's once-flag in free-threaded builds).
unsafe impl<const N: usize> Sync for ArgParser<N> {}

impl<const N: usize> ArgParser<N> {
    /// Like Clinic's `static _PyArg_Parser _parser = {.keywords = ...,
    /// .fname = ...}`: every other field zero, whatever this version's
    /// layout. `minpos <= maxpos <= N`, checked when the static is built:
    /// CPython writes up to `N` entries of the buffer and copies up to
    /// `maxpos` positional arguments into it.
    pub const fn new(
        fname: &'static CStr,
        keywords: &'static Keywords<N>,
        minpos: usize,
        maxpos: usize,
    ) -> Self {
        assert!(
            minpos <= maxpos && maxpos <= N,
            "minpos <= maxpos <= parameters"
        );
        // SAFETY: all-zero is the C initializer's value for omitted fields
        // (integers and pointers).
        let mut raw: ffi::_PyArg_Parser =
            unsafe { core::mem::transmute([0u8; core::mem::size_of::<ffi::_PyArg_Parser>()]) };
        raw.keywords = keywords.names.as_ptr();
        raw.fname = fname.as_ptr();
        ArgParser {
            raw: UnsafeCell::new(raw),
            minpos,
            maxpos,
        }
    }
}

/// The space `_PyArg_UnpackKeywords` fills when keywords are passed: one
/// entry per parameter, NULL for those not given. Its size is the
/// parser's, by type (CPython writes one entry per parameter):
///
/// ```compile_fail,E0308
/// use cpython_api::args::{ArgBuffer, ArgParser, Keywords, VectorArgs};
/// use cpython_api::cstr;
/// static KEYWORDS: Keywords<3> = Keywords::new([cstr!(""), cstr!("b"), cstr!("c")]);
/// static PARSER: ArgParser<3> = ArgParser::new(cstr!("f"), &KEYWORDS, 1, 3);
/// fn f(args: VectorArgs<'_, '_>) {
///     let mut buf = ArgBuffer::<2>::new();
///     let _ = args.unpack(&PARSER, &mut buf);
/// }
/// ```
///
/// and a parser cannot take more positional arguments than it has
/// parameters:
///
/// ```compile_fail,E0080
/// use cpython_api::args::{ArgParser, Keywords};
/// use cpython_api::cstr;
/// static KEYWORDS: Keywords<1> = Keywords::new([cstr!("")]);
/// static PARSER: ArgParser<1> = ArgParser::new(cstr!("f"), &KEYWORDS, 1, 2);
/// ```
pub struct ArgBuffer<const N: usize>([*mut ffi::PyObject; N]);

impl<const N: usize> ArgBuffer<N> {
    #[inline]
    pub fn new() -> Self {
        ArgBuffer([core::ptr::null_mut(); N])
    }
}

impl<const N: usize> Default for ArgBuffer<N> {
    #[inline]
    fn default() -> Self {
        ArgBuffer::new()
    }
}

/// The arguments of a METH_FASTCALL | METH_KEYWORDS call, as CPython
/// passed them.
pub struct VectorArgs<'a, 'py> {
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
    _marker: PhantomData<(&'a (), Python<'py>)>,
}

impl<'a, 'py> VectorArgs<'a, 'py> {
    /// # Safety
    /// CPython's vectorcall arguments: `nargs` objects at `args` (and one
    /// more per name in the `kwnames` tuple, or NULL), alive while `'a`
    /// lasts, on a thread attached while `'py` lasts.
    #[inline]
    pub(crate) unsafe fn new(
        args: *const *mut ffi::PyObject,
        nargs: ffi::Py_ssize_t,
        kwnames: *mut ffi::PyObject,
    ) -> Self {
        VectorArgs {
            args,
            nargs,
            kwnames,
            _marker: PhantomData,
        }
    }

    /// `_PyArg_UnpackKeywords(args, nargs, NULL, kwnames, parser, minpos,
    /// maxpos, 0, [varpos 0,] buf)`, with the macro's inline fast path for
    /// positional calls. The parser and the buffer agree on the number of
    /// parameters by their types.
    #[inline]
    pub fn unpack<const N: usize>(
        self,
        parser: &'static ArgParser<N>,
        buf: &'a mut ArgBuffer<N>,
    ) -> PyResult<Args<'a, 'py>> {
        // SAFETY: the token's lifetime covers the call.
        let py = unsafe { Python::assume_attached() };
        let n = self.nargs as usize;
        if self.kwnames.is_null()
            && parser.minpos <= n
            && n <= parser.maxpos
            && !self.args.is_null()
        {
            // SAFETY: `nargs` objects at `args` (CPython's contract), alive
            // while `'a` lasts.
            return Ok(unsafe { Args::new(self.args, n) });
        }
        // SAFETY: the vectorcall arguments as CPython passed them; a parser
        // for N parameters (whose counts ArgParser::new checked) and a
        // buffer of N entries, which is at most what CPython writes.
        let unpacked = unsafe {
            ffi::_PyArg_UnpackKeywords(
                self.args,
                self.nargs,
                core::ptr::null_mut(),
                self.kwnames,
                parser.raw.get(),
                parser.minpos as _,
                parser.maxpos as _,
                0,
                // varpos (3.14+): no `*args` parameter.
                #[cfg(Py_3_14)]
                0,
                buf.0.as_mut_ptr(),
            )
        };
        if unpacked.is_null() {
            return Err(PyErr::fetch_after_failure(py));
        }
        // The arguments themselves (when nothing had to move), else `buf`.
        let len = if unpacked == self.args { n } else { N };
        // SAFETY: `len` entries at `unpacked`, borrowed from the call's
        // arguments (or NULL) for the call.
        Ok(unsafe { Args::new(unpacked, len) })
    }
}

/// A METH_FASTCALL call's arguments after `_PyArg_CheckPositional`.
/// # Safety
/// As for [`VectorArgs::new`] without keywords.
#[inline]
pub(crate) unsafe fn positional<'a, 'py>(
    fname: &CStr,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    min: usize,
    max: usize,
) -> PyResult<Args<'a, 'py>> {
    // SAFETY: the caller's contract: a call's arguments, on an attached
    // thread.
    unsafe {
        let py = Python::assume_attached();
        if !(min as ffi::Py_ssize_t <= nargs && nargs <= max as ffi::Py_ssize_t)
            && ffi::_PyArg_CheckPositional(fname.as_ptr(), nargs, min as _, max as _) == 0
        {
            return Err(PyErr::fetch_after_failure(py));
        }
        Ok(Args::new(args, nargs as usize))
    }
}

/// Arguments in parameter order; a parameter not given is `None`.
pub struct Args<'a, 'py> {
    items: &'a [*mut ffi::PyObject],
    _marker: PhantomData<Python<'py>>,
}

impl<'a, 'py> Args<'a, 'py> {
    /// # Safety
    /// `len` readable entries at `ptr`, each NULL or an object alive while
    /// `'a` lasts.
    #[inline]
    unsafe fn new(ptr: *const *mut ffi::PyObject, len: usize) -> Self {
        let items = if len == 0 {
            &[]
        } else {
            // SAFETY: the caller's contract.
            unsafe { core::slice::from_raw_parts(ptr, len) }
        };
        Args {
            items,
            _marker: PhantomData,
        }
    }

    /// The parameter at `index`, if given: every index is checked, so a
    /// parameter past the positional arguments of a fast-path call is
    /// `None`, never a read past them.
    #[inline]
    pub fn get(&self, index: usize) -> Option<Borrowed<'a, 'py, PyAny>> {
        let ptr = NonNull::new(*self.items.get(index)?)?;
        // SAFETY: an argument of the call, alive while `'a` lasts.
        Some(unsafe { Borrowed::from_ptr(ptr) })
    }

    /// A parameter the parser guarantees (a required one): a missing one
    /// is a broken invariant, reported as SystemError.
    #[inline]
    pub fn required(&self, index: usize) -> PyResult<Borrowed<'a, 'py, PyAny>> {
        match self.get(index) {
            Some(arg) => Ok(arg),
            // SAFETY: the token's lifetime covers the call.
            None => Err(PyErr::bad_internal_call(unsafe {
                Python::assume_attached()
            })),
        }
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}
