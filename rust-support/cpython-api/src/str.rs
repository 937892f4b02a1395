//! `str` internals that C modules reach through inline macros
//! (`PyUnicode_IS_ASCII`, `PyUnicode_DATA`, ...), read through this
//! build's struct layouts. A `str` never changes once made, so its
//! characters are lent as long as the handle.

use crate::error::PyResult;
use crate::ffi;
use crate::object::Borrowed;
use crate::types::PyStr;

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
    unsafe fn data(self) -> *const u8 {
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
            let data = self.data();
            match kind {
                1 => u32::from(*data.add(index)),
                2 => u32::from((data as *const u16).add(index).read()),
                _ => (data as *const u32).add(index).read(),
            }
        }))
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
            core::slice::from_raw_parts(self.data(), len)
        }))
    }
}
