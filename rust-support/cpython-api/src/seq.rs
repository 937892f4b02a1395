//! `PySequence_Fast`: a list or a tuple, read by index.

use crate::error::PyResult;
use crate::ffi;
use crate::object::{Borrowed, Owned, PyAny};
use crate::types::{PyList, PyTuple};
use core::ffi::CStr;

/// What `PySequence_Fast(obj, message)` gives: the object itself when it
/// is exactly a list or a tuple, else a new list of its items (its
/// `__iter__` runs; `message` is the TypeError when it has none).
pub enum FastSequence<'py> {
    List(Owned<'py, PyList>),
    Tuple(Owned<'py, PyTuple>),
}

impl<'a, 'py, T> Borrowed<'a, 'py, T> {
    /// `PySequence_Fast(obj, message)`.
    pub fn sequence_fast(self, message: &CStr) -> PyResult<FastSequence<'py>> {
        let py = self.py();
        // SAFETY: a live object and a NUL-terminated message, on an
        // attached thread; a new reference to a list or a tuple, or NULL.
        let fast = unsafe {
            Owned::<PyAny>::from_new(py, ffi::PySequence_Fast(self.as_ptr(), message.as_ptr()))
        }?;
        match fast.downcast_into::<PyList>() {
            Ok(list) => Ok(FastSequence::List(list)),
            Err(other) => other
                .downcast_into::<PyTuple>()
                .map(FastSequence::Tuple)
                .map_err(|_| crate::PyErr::bad_internal_call(py)),
        }
    }
}

impl<'a, 'py, T> Borrowed<'a, 'py, T> {
    /// `PySequence_Repeat(obj, count)`: `obj * count` for a sequence
    /// (TypeError "'int' object can't be repeated" for others).
    pub fn repeat(self, count: isize) -> PyResult<Owned<'py, PyAny>> {
        // SAFETY: a live object, on an attached thread; a new reference or
        // NULL with an exception.
        unsafe {
            Owned::from_new(
                self.py(),
                ffi::PySequence_Repeat(self.as_ptr(), count as ffi::Py_ssize_t),
            )
        }
    }
}

impl<'py> FastSequence<'py> {
    /// `PySequence_Fast_GET_SIZE`: read again at each use, as C's loops do.
    #[inline]
    pub fn len(&self) -> usize {
        match self {
            FastSequence::List(list) => list.as_borrowed().len(),
            FastSequence::Tuple(tuple) => tuple.as_borrowed().len(),
        }
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `PySequence_Fast_GET_ITEM`, as a new reference.
    #[inline]
    pub fn get(&self, index: usize) -> Option<Owned<'py, PyAny>> {
        match self {
            FastSequence::List(list) => list.as_borrowed().get(index),
            FastSequence::Tuple(tuple) => tuple.as_borrowed().get(index).map(Borrowed::to_owned),
        }
    }
}
