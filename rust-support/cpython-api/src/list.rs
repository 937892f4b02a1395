//! `list`: made by appending, sorted, read by index. Reads hand out strong
//! references: Python code run while an item is used may remove it from
//! the list, and in a free-threaded build another thread may.

use crate::error::{PyErr, PyResult};
use crate::ffi;
use crate::object::{Borrowed, Owned, PyAny};
use crate::python::Python;
use crate::types::PyList;

impl PyList {
    /// `PyList_New(0)`.
    #[inline]
    pub fn empty(py: Python<'_>) -> PyResult<Owned<'_, PyList>> {
        // SAFETY: returns a new list or NULL with an exception set.
        unsafe { Owned::from_new(py, ffi::PyList_New(0)) }
    }
}

impl<'a, 'py> Borrowed<'a, 'py, PyList> {
    /// `PyList_Append(list, item)`.
    #[inline]
    pub fn append<T>(self, item: Borrowed<'_, 'py, T>) -> PyResult<()> {
        // SAFETY: a list and a live object, on an attached thread.
        match unsafe { ffi::PyList_Append(self.as_ptr(), item.as_ptr()) } {
            0 => Ok(()),
            _ => Err(PyErr::fetch_after_failure(self.py())),
        }
    }

    /// `PyList_Sort(list)`: the items' `__lt__` may run, and raise.
    #[inline]
    pub fn sort(self) -> PyResult<()> {
        // SAFETY: a list, on an attached thread.
        match unsafe { ffi::PyList_Sort(self.as_ptr()) } {
            0 => Ok(()),
            _ => Err(PyErr::fetch_after_failure(self.py())),
        }
    }

    /// `PyList_GET_SIZE(list)`: read again at each use, as C's loops do,
    /// since the list may change between reads.
    #[inline]
    pub fn len(self) -> usize {
        self.py().critical_section(self, || {
            // SAFETY: a list's header; under the list's lock in a
            // free-threaded build, under the GIL otherwise.
            unsafe { (*(self.as_ptr() as *const ffi::PyVarObject)).ob_size.max(0) as usize }
        })
    }

    #[inline]
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// `PyList_GET_ITEM(list, index)` as a new reference, when the list
    /// still has that many items.
    #[inline]
    pub fn get(self, index: usize) -> Option<Owned<'py, PyAny>> {
        self.py().critical_section(self, || {
            let list = self.as_ptr() as *const ffi::PyListObject;
            // SAFETY: a list holds `ob_size` items at `ob_item` (under its
            // lock, or the GIL); the item is taken as a new reference
            // before the lock is let go.
            unsafe {
                if index >= (*list).ob_base.ob_size.max(0) as usize {
                    return None;
                }
                let item = *(*list).ob_item.add(index);
                Some(Borrowed::<PyAny>::from_ptr(core::ptr::NonNull::new(item)?).to_owned())
            }
        })
    }
}
