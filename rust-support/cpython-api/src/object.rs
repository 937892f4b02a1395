//! Owned references and object-header helpers.

use crate::ffi;
use core::ffi::CStr;
use core::ptr::NonNull;

/// A strong reference, released on drop.
pub struct Owned(NonNull<ffi::PyObject>);

impl Owned {
    /// Takes ownership of a new reference; `None` for NULL (error set).
    ///
    /// # Safety
    /// `ptr` is NULL or a strong reference the caller gives away.
    pub unsafe fn from_raw(ptr: *mut ffi::PyObject) -> Option<Self> {
        NonNull::new(ptr).map(Owned)
    }

    /// A new strong reference to a borrowed object.
    ///
    /// # Safety
    /// `ptr` is a valid object.
    pub unsafe fn from_borrowed(ptr: NonNull<ffi::PyObject>) -> Self {
        ffi::Py_IncRef(ptr.as_ptr());
        Owned(ptr)
    }

    pub fn as_ptr(&self) -> *mut ffi::PyObject {
        self.0.as_ptr()
    }

    /// Gives the reference away (e.g. as a function's return value).
    pub fn into_raw(self) -> *mut ffi::PyObject {
        let ptr = self.0.as_ptr();
        core::mem::forget(self);
        ptr
    }
}

impl Drop for Owned {
    fn drop(&mut self) {
        // The exported function, not the inline macro: exact in debug and
        // free-threaded builds, and never on a hot path here.
        unsafe { ffi::Py_DecRef(self.0.as_ptr()) }
    }
}

/// `Py_TYPE(op)->tp_name`.
///
/// # Safety
/// `op` is a valid object.
pub unsafe fn type_name(op: *mut ffi::PyObject) -> &'static CStr {
    CStr::from_ptr((*(*op).ob_type).tp_name)
}

/// `PyType_FastSubclass(Py_TYPE(op), flag)`, e.g. `PyUnicode_Check`.
///
/// # Safety
/// `op` is a valid object.
#[inline]
pub unsafe fn type_has_flag(op: *mut ffi::PyObject, flag: u32) -> bool {
    ((*(*op).ob_type).tp_flags & flag as core::ffi::c_ulong) != 0
}

/// `PyObject_HEAD_INIT(NULL)` for a statically allocated object: the
/// constants come from cpython-sys, checked against the headers.
pub const fn static_object_head() -> ffi::PyObject {
    // SAFETY: all-zero is a valid PyObject header (NULL type, zero fields).
    let mut head: ffi::PyObject =
        unsafe { core::mem::transmute([0u8; core::mem::size_of::<ffi::PyObject>()]) };
    // Static objects are immortal since 3.12; 3.11 starts them at 1.
    #[cfg(Py_GIL_DISABLED)]
    {
        head.ob_ref_local = ffi::_Py_IMMORTAL_REFCNT_LOCAL;
        #[cfg(Py_3_14)]
        {
            head.ob_flags = ffi::_Py_STATICALLY_ALLOCATED_FLAG as u16;
        }
    }
    // 3.14: the whole refcount word, flags (_Py_STATICALLY_ALLOCATED_FLAG)
    // included; a union of the word and its halves on 64-bit targets.
    #[cfg(all(Py_3_14, not(Py_GIL_DISABLED), target_pointer_width = "64"))]
    {
        head.__bindgen_anon_1.ob_refcnt_full = ffi::_Py_STATIC_IMMORTAL_INITIAL_REFCNT as i64;
    }
    #[cfg(all(Py_3_14, not(Py_GIL_DISABLED), not(target_pointer_width = "64")))]
    {
        head.__bindgen_anon_1.ob_refcnt = ffi::_Py_STATIC_IMMORTAL_INITIAL_REFCNT;
    }
    #[cfg(all(Py_3_12, not(Py_3_14), not(Py_GIL_DISABLED)))]
    {
        head.__bindgen_anon_1.ob_refcnt = ffi::_Py_IMMORTAL_REFCNT;
    }
    #[cfg(not(Py_3_12))]
    {
        head.ob_refcnt = 1;
    }
    head
}
