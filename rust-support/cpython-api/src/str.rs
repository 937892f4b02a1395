//! `str` internals that C modules reach through inline macros
//! (`PyUnicode_IS_ASCII`, `PyUnicode_DATA`, ...), read through this
//! build's struct layouts. A `str` never changes once made, so its
//! characters are lent as long as the handle.
//!
//! New strings are made from code units with the kind (PEP 393) they
//! need, which the caller says, so the `str` is allocated once
//! (`PyUnicode_New(len, maxchar)`) and filled by one copy. The copy also
//! finds the largest character, and a string whose characters are not of
//! the kind said is an error, never made: every `str` is canonical (the
//! narrowest kind that holds its characters), as CPython requires.

use crate::error::{PyErr, PyResult};
use crate::ffi;
use crate::object::{Borrowed, Owned, PyAny};
use crate::python::Python;
use crate::types::PyStr;
use core::ffi::CStr;
use core::mem::{size_of, size_of_val};

/// The kind of a `str` (PEP 393), from its largest character.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum StrKind {
    /// Below 0x80: a compact ASCII string.
    Ascii,
    /// Below 0x100 (and not ASCII): one byte a character.
    Latin1,
    /// Below 0x10000: two bytes.
    Ucs2,
    /// Four bytes.
    Ucs4,
}

impl StrKind {
    /// The kind of a text whose largest character is `max`.
    #[inline]
    pub fn of(max: u32) -> StrKind {
        if max < 0x80 {
            StrKind::Ascii
        } else if max < 0x100 {
            StrKind::Latin1
        } else if max < 0x10000 {
            StrKind::Ucs2
        } else {
            StrKind::Ucs4
        }
    }

    /// `maxchar` for `PyUnicode_New`: the largest character of the kind.
    #[inline]
    pub fn max_char(self) -> u32 {
        match self {
            StrKind::Ascii => 0x7f,
            StrKind::Latin1 => 0xff,
            StrKind::Ucs2 => 0xffff,
            StrKind::Ucs4 => 0x10ffff,
        }
    }
}

/// A `str`'s characters, in the code units of its kind.
#[derive(Clone, Copy, Debug)]
pub enum StrData<'a> {
    /// ASCII or latin-1.
    One(&'a [u8]),
    Two(&'a [u16]),
    Four(&'a [u32]),
}

impl StrData<'_> {
    /// The number of characters.
    #[inline]
    pub fn len(&self) -> usize {
        match self {
            StrData::One(units) => units.len(),
            StrData::Two(units) => units.len(),
            StrData::Four(units) => units.len(),
        }
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The code unit types of the three kinds: `u8`, `u16`, `u32`. Sealed.
pub trait StrUnit: Copy + Into<u32> + private::Sealed + 'static {
    /// The largest value a unit holds.
    const MAX: u32;
}
impl StrUnit for u8 {
    const MAX: u32 = 0xff;
}
impl StrUnit for u16 {
    const MAX: u32 = 0xffff;
}
impl StrUnit for u32 {
    const MAX: u32 = u32::MAX;
}

mod private {
    pub trait Sealed {
        /// The low bits of `c` as a unit.
        fn truncate(c: u32) -> Self;
    }
    impl Sealed for u8 {
        #[inline(always)]
        fn truncate(c: u32) -> Self {
            c as u8
        }
    }
    impl Sealed for u16 {
        #[inline(always)]
        fn truncate(c: u32) -> Self {
            c as u16
        }
    }
    impl Sealed for u32 {
        #[inline(always)]
        fn truncate(c: u32) -> Self {
            c
        }
    }
}

/// Copies `src` to `dst` as units of `D` (truncated: the caller checks
/// the result), and returns a bound on the units with the kind of the
/// largest (see [`or_bound`]).
///
/// # Safety
/// `dst` is valid for writing `src.len()` units.
#[inline(always)]
unsafe fn copy_max<S: StrUnit, D: StrUnit>(src: &[S], dst: *mut D) -> u32 {
    if size_of::<S>() == size_of::<D>() {
        // The same type (the three are sealed): one memcpy, then the
        // check, fast in a caller built for size too (a module's glue),
        // where a loop doing both is not vectorised.
        // SAFETY: the caller's contract; S and D are the same type.
        unsafe { core::ptr::copy_nonoverlapping(src.as_ptr().cast::<D>(), dst, src.len()) };
        return or_bound(src);
    }
    let mut max = 0u32;
    for (i, &unit) in src.iter().enumerate() {
        let c: u32 = unit.into();
        max = max.max(c);
        // SAFETY: the caller's contract; i < src.len().
        unsafe { dst.add(i).write(<D as private::Sealed>::truncate(c)) };
    }
    max
}

/// The OR of `units`, read eight bytes at a time, when it is at most
/// 0x10FFFF, else their largest. Either has the kind of the largest unit
/// (the kinds' limits are powers of two), and is past 0x10FFFF only when
/// the largest unit is.
fn or_bound<S: StrUnit>(units: &[S]) -> u32 {
    // SAFETY: u8, u16 and u32 have no padding; the bytes are those of
    // `units`, borrowed as long.
    let bytes =
        unsafe { core::slice::from_raw_parts(units.as_ptr().cast::<u8>(), size_of_val(units)) };
    let mut words = bytes.chunks_exact(8);
    let mut or = 0u64;
    for word in &mut words {
        or |= u64::from_ne_bytes([
            word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7],
        ]);
    }
    let mut tail = [0u8; 8];
    tail[..words.remainder().len()].copy_from_slice(words.remainder());
    or |= u64::from_ne_bytes(tail);
    // The lanes: eight bytes, four u16 or two u32 (no unit straddles a word).
    let mut lanes = or | or >> 32;
    if size_of::<S>() < 4 {
        lanes |= lanes >> 16;
    }
    if size_of::<S>() < 2 {
        lanes |= lanes >> 8;
    }
    let or = lanes as u32 & S::MAX;
    if or <= 0x10ffff {
        or
    } else {
        units.iter().map(|&unit| unit.into()).max().unwrap_or(0)
    }
}

impl PyStr {
    /// A `str` of the characters `units`, whose kind the caller knows to
    /// be `kind` (from the scan that found them): `PyUnicode_New(len,
    /// kind.max_char())` and one copy, which checks the kind as it goes.
    /// A text of another kind is SystemError (a caller's bug), never a
    /// non-canonical `str`. The empty string and one latin-1 character are
    /// CPython's shared objects, as `PyUnicode_Substring` and
    /// `_PyUnicodeWriter_Finish` give them.
    pub fn from_units<'py, T: StrUnit>(
        py: Python<'py>,
        units: &[T],
        kind: StrKind,
    ) -> PyResult<Owned<'py, PyStr>> {
        match units {
            [] if kind == StrKind::Ascii => return PyStr::empty(py),
            &[c] if StrKind::of(c.into()) == kind => return PyStr::from_char(py, c.into()),
            _ => {}
        }
        if units.len() > isize::MAX as usize / 4 {
            return Err(PyErr::no_memory(py));
        }
        // Units narrower than the kind's cannot hold its characters: known
        // when compiled, so no copy loop is made for them.
        if kind.max_char() > T::MAX {
            return Err(PyErr::bad_internal_call(py));
        }
        // SAFETY: a new, compact str of that length and kind, or NULL.
        let obj = unsafe {
            Owned::<PyStr>::from_new(
                py,
                ffi::PyUnicode_New(
                    units.len() as ffi::Py_ssize_t,
                    kind.max_char() as ffi::Py_UCS4,
                ),
            )
        }?;
        let data = new_compact_data(obj.as_ptr(), kind);
        // SAFETY: a new compact str of `units.len()` characters of `kind`
        // owns that many units of the kind's width at `data`, and no one
        // else sees it yet.
        let max = unsafe {
            match kind {
                StrKind::Ascii | StrKind::Latin1 => copy_max::<T, u8>(units, data.cast()),
                StrKind::Ucs2 => copy_max::<T, u16>(units, data.cast()),
                StrKind::Ucs4 => copy_max::<T, u32>(units, data.cast()),
            }
        };
        if StrKind::of(max) != kind || max > 0x10ffff {
            // Dropped unseen: its data is never read.
            return Err(PyErr::bad_internal_call(py));
        }
        Ok(obj)
    }

    /// `""`: CPython's shared empty string.
    #[inline]
    pub fn empty(py: Python<'_>) -> PyResult<Owned<'_, PyStr>> {
        // SAFETY: PyUnicode_New(0, ..) returns the empty singleton (a new
        // reference), or NULL.
        unsafe { Owned::from_new(py, ffi::PyUnicode_New(0, 0)) }
    }

    /// `chr(c)` (`PyUnicode_FromOrdinal`): shared for latin-1, ValueError
    /// past 0x10FFFF.
    #[inline]
    pub fn from_char(py: Python<'_>, c: u32) -> PyResult<Owned<'_, PyStr>> {
        if c > 0x10ffff {
            return Err(PyErr::new(
                crate::exc::value_error(py),
                "chr() arg not in range(0x110000)",
            ));
        }
        // SAFETY: a new reference to a str, or NULL.
        unsafe { Owned::from_new(py, ffi::PyUnicode_FromOrdinal(c as core::ffi::c_int)) }
    }

    /// An ASCII `str` of `bytes` (SystemError if one is not ASCII).
    #[inline]
    pub fn from_ascii<'py>(py: Python<'py>, bytes: &[u8]) -> PyResult<Owned<'py, PyStr>> {
        PyStr::from_units(py, bytes, StrKind::Ascii)
    }

    /// `PyUnicode_InternFromString(text)`: the interned `str` of UTF-8 text.
    #[inline]
    pub fn intern<'py>(py: Python<'py>, text: &CStr) -> PyResult<Owned<'py, PyStr>> {
        // SAFETY: a NUL-terminated string; a new reference or NULL.
        unsafe { Owned::from_new(py, ffi::PyUnicode_InternFromString(text.as_ptr())) }
    }

    /// `PyUnicode_Concat(left, right)`: TypeError unless both are `str`.
    #[inline]
    pub fn concat<'py, A, B>(
        left: Borrowed<'_, 'py, A>,
        right: Borrowed<'_, 'py, B>,
    ) -> PyResult<Owned<'py, PyStr>> {
        // SAFETY: two live objects, on an attached thread; a new str or
        // NULL with an exception (it checks both types).
        unsafe {
            Owned::from_new(
                left.py(),
                ffi::PyUnicode_Concat(left.as_ptr(), right.as_ptr()),
            )
        }
    }

    /// `PyUnicode_Append(&left, right)`: `left + right`, with
    /// `PyUnicode_Append`'s own errors (SystemError when `right` is not a
    /// `str`).
    pub fn append<'py>(
        left: Owned<'py, PyStr>,
        right: Owned<'py, PyAny>,
    ) -> PyResult<Owned<'py, PyStr>> {
        let py = left.py();
        let mut ptr = left.into_ptr();
        // SAFETY: a strong reference given to PyUnicode_Append, which
        // replaces it by the result (or NULL, having dropped it); `right`
        // is only read.
        unsafe {
            ffi::PyUnicode_Append(&mut ptr, right.as_ptr());
            Owned::from_new(py, ptr)
        }
    }
}

/// The character data of a new compact str of `kind` (`PyUnicode_DATA`).
#[inline]
fn new_compact_data(obj: *mut ffi::PyObject, kind: StrKind) -> *mut u8 {
    if kind == StrKind::Ascii {
        (obj as *mut ffi::PyASCIIObject).wrapping_add(1).cast()
    } else {
        (obj as *mut ffi::PyCompactUnicodeObject)
            .wrapping_add(1)
            .cast()
    }
}

impl<'a, 'py> Borrowed<'a, 'py, PyStr> {
    #[inline]
    fn ascii_object(self) -> *const ffi::PyASCIIObject {
        self.as_ptr() as *const ffi::PyASCIIObject
    }

    /// `PyUnicode_READY(op)`: legacy strings need it before 3.12.
    #[inline]
    fn ready(self) -> PyResult<()> {
        #[cfg(not(Py_3_12))]
        {
            // SAFETY: a str's header; _PyUnicode_Ready on an attached thread.
            unsafe {
                if (*self.ascii_object()).state.ready() == 0
                    && ffi::_PyUnicode_Ready(self.as_ptr()) < 0
                {
                    return Err(crate::PyErr::fetch_after_failure(self.py()));
                }
            }
        }
        Ok(())
    }

    /// `PyUnicode_KIND(op)`: bytes per character (1, 2 or 4).
    #[inline]
    pub fn kind(self) -> PyResult<u32> {
        self.ready()?;
        // SAFETY: a ready str's header. `unsigned int` bit-fields before
        // 3.14, `unsigned short` since.
        #[allow(clippy::useless_conversion)]
        Ok(u32::from(unsafe { (*self.ascii_object()).state.kind() }))
    }

    /// `PyUnicode_GET_LENGTH(op)`, in characters.
    #[inline]
    pub fn char_len(self) -> PyResult<usize> {
        self.ready()?;
        // SAFETY: a ready str's header.
        Ok(unsafe { (*self.ascii_object()).length } as usize)
    }

    /// `PyUnicode_DATA(op)`: inline after the header for compact strings,
    /// in a separate block for instances of `str` subclasses.
    ///
    /// # Safety
    /// The string is ready.
    #[inline]
    unsafe fn data_ptr(self) -> *const u8 {
        let ascii = self.ascii_object();
        // SAFETY: a ready str: its state says which layout it has.
        unsafe {
            let state = (*ascii).state;
            if state.compact() == 0 {
                (*(self.as_ptr() as *const ffi::PyUnicodeObject)).data.any as *const u8
            } else if state.ascii() != 0 {
                ascii.add(1) as *const u8
            } else {
                (self.as_ptr() as *const ffi::PyCompactUnicodeObject).add(1) as *const u8
            }
        }
    }

    /// `PyUnicode_READ_CHAR(op, index)`; `None` past the end.
    #[inline]
    pub fn char_at(self, index: usize) -> PyResult<Option<u32>> {
        let (len, kind) = (self.char_len()?, self.kind()?);
        if index >= len {
            return Ok(None);
        }
        // SAFETY: a ready str has `len` characters of `kind` bytes at its
        // data; `index` is below `len`.
        Ok(Some(unsafe {
            let data = self.data_ptr();
            match kind {
                1 => u32::from(*data.add(index)),
                2 => u32::from((data as *const u16).add(index).read()),
                _ => (data as *const u32).add(index).read(),
            }
        }))
    }

    /// The characters, in the units of the string's kind, lent as long as
    /// the string.
    #[inline]
    pub fn data(self) -> PyResult<StrData<'a>> {
        let (len, kind) = (self.char_len()?, self.kind()?);
        // SAFETY: a ready str.
        let data = unsafe { self.data_ptr() };
        let misaligned = data as usize % kind.max(1) as usize != 0;
        if len == 0 || misaligned {
            return match (len, kind) {
                (0, 2) => Ok(StrData::Two(&[])),
                (0, 4) => Ok(StrData::Four(&[])),
                (0, _) => Ok(StrData::One(&[])),
                _ => Err(PyErr::bad_internal_call(self.py())),
            };
        }
        // SAFETY: a ready str holds `len` units of `kind` bytes at its data
        // (aligned: checked), immutable and alive as long as the object.
        Ok(unsafe {
            match kind {
                1 => StrData::One(core::slice::from_raw_parts(data, len)),
                2 => StrData::Two(core::slice::from_raw_parts(data.cast(), len)),
                4 => StrData::Four(core::slice::from_raw_parts(data.cast(), len)),
                _ => return Err(PyErr::bad_internal_call(self.py())),
            }
        })
    }

    /// The kind: ASCII, latin-1, UCS-2 or UCS-4.
    #[inline]
    pub fn str_kind(self) -> PyResult<StrKind> {
        let kind = self.kind()?;
        // SAFETY: a ready str's header.
        let ascii = unsafe { (*self.ascii_object()).state.ascii() } != 0;
        Ok(match kind {
            1 if ascii => StrKind::Ascii,
            1 => StrKind::Latin1,
            2 => StrKind::Ucs2,
            _ => StrKind::Ucs4,
        })
    }

    /// The characters of an all-ASCII `str` (`PyUnicode_IS_ASCII`), as
    /// bytes; `None` when it has a non-ASCII character.
    #[inline]
    pub fn ascii_bytes(self) -> PyResult<Option<&'a [u8]>> {
        let len = self.char_len()?;
        // SAFETY: a ready str's header.
        if unsafe { (*self.ascii_object()).state.ascii() } == 0 {
            return Ok(None);
        }
        if len == 0 {
            return Ok(Some(&[]));
        }
        // SAFETY: an ASCII str is `len` one-byte characters at its data,
        // which never change and live as long as the object ('a).
        Ok(Some(unsafe {
            core::slice::from_raw_parts(self.data_ptr(), len)
        }))
    }
}
