//! `tuple`: made filled (a new tuple's items are set once, before anyone
//! else sees it) and read; its items never change, so they are lent as
//! long as the tuple is.

use crate::error::PyResult;
use crate::ffi;
use crate::object::{Borrowed, Owned, PyAny};
use crate::python::Python;
use crate::types::PyTuple;

impl PyTuple {
    /// `(a, b, ...)`: `PyTuple_New(n)` and `PyTuple_SET_ITEM` of a new
    /// reference to each item.
    #[inline]
    pub fn new<'py, const N: usize>(
        py: Python<'py>,
        items: [Borrowed<'_, 'py, PyAny>; N],
    ) -> PyResult<Owned<'py, PyTuple>> {
        // SAFETY: returns a new tuple or NULL with an exception set.
        let tuple =
            unsafe { Owned::<PyTuple>::from_new(py, ffi::PyTuple_New(N as ffi::Py_ssize_t)) }?;
        let raw = tuple.as_ptr() as *mut ffi::PyTupleObject;
        for (i, item) in items.into_iter().enumerate() {
            // SAFETY: a new tuple of N NULL slots that nothing else sees
            // yet; each slot takes a new reference, once.
            unsafe {
                let slots = core::ptr::addr_of_mut!((*raw).ob_item) as *mut *mut ffi::PyObject;
                *slots.add(i) = item.to_owned().into_ptr();
            }
        }
        Ok(tuple)
    }
}

impl<'a, 'py> Borrowed<'a, 'py, PyTuple> {
    /// `PyTuple_GET_SIZE(tuple)`.
    #[inline]
    pub fn len(self) -> usize {
        // SAFETY: a tuple's size never changes once it is shared.
        unsafe { (*(self.as_ptr() as *const ffi::PyVarObject)).ob_size.max(0) as usize }
    }

    #[inline]
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// `PyTuple_GET_ITEM(tuple, index)`, lent as long as the tuple.
    #[inline]
    pub fn get(self, index: usize) -> Option<Borrowed<'a, 'py, PyAny>> {
        if index >= self.len() {
            return None;
        }
        let raw = self.as_ptr() as *const ffi::PyTupleObject;
        // SAFETY: a tuple holds `len` items, set before it was shared and
        // never changed, kept alive by the tuple ('a).
        unsafe {
            let slots = core::ptr::addr_of!((*raw).ob_item) as *const *mut ffi::PyObject;
            Some(Borrowed::from_ptr(core::ptr::NonNull::new(
                *slots.add(index),
            )?))
        }
    }
}
