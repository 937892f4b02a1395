//! `dict`: made, filled and read as C modules do, each operation one C API
//! call. Reading hands out strong references ([`Owned`]): a dict's items
//! may be dropped by any Python code that runs while one is used (a hook
//! that mutates the dict), and, in a free-threaded build, by another thread.

use crate::error::{PyErr, PyResult};
use crate::ffi;
use crate::object::{Borrowed, Owned, PyAny};
use crate::python::Python;
use crate::types::{PyDict, PyList};

impl PyDict {
    /// `PyDict_New()`.
    #[inline]
    pub fn new(py: Python<'_>) -> PyResult<Owned<'_, PyDict>> {
        // SAFETY: returns a new dict or NULL with an exception set.
        unsafe { Owned::from_new(py, ffi::PyDict_New()) }
    }
}

/// Where [`Borrowed::<PyDict>::next`] is in a dict: `PyDict_Next`'s `pos`.
#[derive(Default)]
pub struct DictPos(ffi::Py_ssize_t);

impl<'a, 'py> Borrowed<'a, 'py, PyDict> {
    /// `PyDict_SetItem(dict, key, value)`: no `__setitem__` of a subclass
    /// runs, as in C; the key's `__hash__` and `__eq__` may.
    #[inline]
    pub fn set_item<K, V>(
        self,
        key: Borrowed<'_, 'py, K>,
        value: Borrowed<'_, 'py, V>,
    ) -> PyResult<()> {
        // SAFETY: a dict and two live objects, on an attached thread.
        match unsafe { ffi::PyDict_SetItem(self.as_ptr(), key.as_ptr(), value.as_ptr()) } {
            0 => Ok(()),
            _ => Err(PyErr::fetch_after_failure(self.py())),
        }
    }

    /// `PyDict_DelItem(dict, key)`: KeyError when the key is missing.
    #[inline]
    pub fn del_item<K>(self, key: Borrowed<'_, 'py, K>) -> PyResult<()> {
        // SAFETY: a dict and a live key, on an attached thread.
        match unsafe { ffi::PyDict_DelItem(self.as_ptr(), key.as_ptr()) } {
            0 => Ok(()),
            _ => Err(PyErr::fetch_after_failure(self.py())),
        }
    }

    /// `PyDict_Contains(dict, key)`.
    #[inline]
    pub fn contains<K>(self, key: Borrowed<'_, 'py, K>) -> PyResult<bool> {
        // SAFETY: a dict and a live key, on an attached thread.
        match unsafe { ffi::PyDict_Contains(self.as_ptr(), key.as_ptr()) } {
            r if r < 0 => Err(PyErr::fetch_after_failure(self.py())),
            r => Ok(r != 0),
        }
    }

    /// `PyDict_GET_SIZE(dict)`, through `PyDict_Size` (an atomic read in a
    /// free-threaded build).
    #[inline]
    pub fn len(self) -> usize {
        // SAFETY: a dict, on an attached thread: cannot fail.
        unsafe { ffi::PyDict_Size(self.as_ptr()) }.max(0) as usize
    }

    #[inline]
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// `PyDict_Clear(dict)`.
    #[inline]
    pub fn clear(self) {
        // SAFETY: a dict, on an attached thread.
        unsafe { ffi::PyDict_Clear(self.as_ptr()) }
    }

    /// `PyMapping_Items(dict)`: `dict.items()` as a list (a subclass's
    /// `items()` runs).
    #[inline]
    pub fn items(self) -> PyResult<Owned<'py, PyList>> {
        // SAFETY: a live object, on an attached thread; a new reference or
        // NULL with an exception.
        let items =
            unsafe { Owned::<PyAny>::from_new(self.py(), ffi::PyMapping_Items(self.as_ptr())) }?;
        // CPython returns a list (or fails); anything else would be its bug.
        items
            .downcast_into::<PyList>()
            .map_err(|_| PyErr::bad_internal_call(self.py()))
    }

    /// `PyDict_Next(dict, &pos, &key, &value)`, with strong references to
    /// the pair: in a free-threaded build inside a critical section on the
    /// dict, as `Py_BEGIN_CRITICAL_SECTION(dict)` around the loop would
    /// have it. Like `PyDict_Next`, it goes on by position when the dict
    /// changes between calls (Python code run between them may change it).
    #[inline]
    pub fn next(self, pos: &mut DictPos) -> Option<(Owned<'py, PyAny>, Owned<'py, PyAny>)> {
        let py = self.py();
        py.critical_section(self, || {
            let (mut key, mut value) = (core::ptr::null_mut(), core::ptr::null_mut());
            // SAFETY: a dict, on an attached thread; borrowed results that
            // the dict holds while the section (or the GIL) is held, taken
            // as new references before it ends.
            unsafe {
                if ffi::PyDict_Next(self.as_ptr(), &mut pos.0, &mut key, &mut value) == 0 {
                    return None;
                }
                let key = Borrowed::<PyAny>::from_ptr(core::ptr::NonNull::new(key)?).to_owned();
                let value = Borrowed::<PyAny>::from_ptr(core::ptr::NonNull::new(value)?).to_owned();
                Some((key, value))
            }
        })
    }

    /// `dict.setdefault(key, default)` (`PyDict_SetDefaultRef`; before
    /// 3.13 `PyDict_SetDefault`): the value now stored under `key`.
    #[inline]
    pub fn set_default<K, V>(
        self,
        key: Borrowed<'_, 'py, K>,
        default: Borrowed<'_, 'py, V>,
    ) -> PyResult<Owned<'py, PyAny>> {
        let py = self.py();
        #[cfg(Py_3_13)]
        {
            let mut result = core::ptr::null_mut();
            // SAFETY: a dict and live objects, on an attached thread; the
            // result is a new reference (or NULL on failure).
            unsafe {
                if ffi::PyDict_SetDefaultRef(
                    self.as_ptr(),
                    key.as_ptr(),
                    default.as_ptr(),
                    &mut result,
                ) < 0
                {
                    return Err(PyErr::fetch_after_failure(py));
                }
                Owned::from_new(py, result)
            }
        }
        #[cfg(not(Py_3_13))]
        {
            // SAFETY: as above; a borrowed result the dict holds, taken as
            // a new reference before any other code runs (GIL builds only
            // before 3.13).
            unsafe {
                let result = ffi::PyDict_SetDefault(self.as_ptr(), key.as_ptr(), default.as_ptr());
                match core::ptr::NonNull::new(result) {
                    Some(result) => Ok(Borrowed::<PyAny>::from_ptr(result).to_owned()),
                    None => Err(PyErr::fetch_after_failure(py)),
                }
            }
        }
    }
}
