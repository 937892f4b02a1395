//! `Py_INCREF` and `Py_DECREF` as CPython's headers inline them, where they
//! touch only the object's own count: release builds with the GIL. A
//! reference count change there is a few instructions, against a call of
//! the exported `Py_IncRef`/`Py_DecRef`; `_json` makes several per object
//! it reads or writes. Debug builds (which also count a process total),
//! free-threaded ones (a thread's own count and a shared one), and builds
//! with reference tracing or statistics call the exported functions, which
//! are exact in every build.
//!
//! Each version's inline code, from its `Include/object.h` (3.11, 3.13) or
//! `Include/refcount.h` (3.14); `ob_refcnt` is the object's first word
//! when references are not traced:
//! - 3.11: the word, up and down.
//! - 3.12 and 3.13: immortal objects keep their count. On 64-bit, the low
//!   32 bits saturate (`ob_refcnt_split[PY_BIG_ENDIAN]`; immortal when
//!   they are negative as an `int32`) and a decrement is of the whole
//!   word; on 32-bit, immortal is `UINT_MAX >> 2`.
//! - 3.14: on 64-bit the count is the low 32-bit half, immortal from
//!   `3 << 30` for an increment and from `1 << 31` for a decrement; on
//!   32-bit, immortal from `1 << 30`.

pub(crate) use imp::{decref, incref};

#[cfg(any(Py_DEBUG, Py_GIL_DISABLED, Py_TRACE_REFS, Py_STATS))]
mod imp {
    use crate::ffi;

    /// `Py_INCREF(op)`.
    ///
    /// # Safety
    /// `op` is a live object, on an attached thread.
    #[inline(always)]
    pub unsafe fn incref(op: *mut ffi::PyObject) {
        // SAFETY: the caller's contract.
        unsafe { ffi::Py_IncRef(op) }
    }

    /// `Py_DECREF(op)`.
    ///
    /// # Safety
    /// `op` is a live object whose reference the caller gives up, on an
    /// attached thread.
    #[inline(always)]
    pub unsafe fn decref(op: *mut ffi::PyObject) {
        // SAFETY: the caller's contract.
        unsafe { ffi::Py_DecRef(op) }
    }
}

#[cfg(not(any(Py_DEBUG, Py_GIL_DISABLED, Py_TRACE_REFS, Py_STATS)))]
mod imp {
    use crate::ffi;

    extern "C" {
        // What Py_DECREF calls at zero; exported by every version.
        fn _Py_Dealloc(op: *mut ffi::PyObject);
    }

    /// The whole count: `ob_refcnt` as a `Py_ssize_t` (3.14 on 64-bit
    /// keeps to the low half).
    #[cfg(not(all(Py_3_14, target_pointer_width = "64")))]
    #[inline(always)]
    fn word(op: *mut ffi::PyObject) -> *mut isize {
        op.cast()
    }

    /// The low 32 bits of a 64-bit count, where CPython keeps the count
    /// proper (3.12 on).
    #[cfg(all(Py_3_12, target_pointer_width = "64"))]
    #[inline(always)]
    fn low(op: *mut ffi::PyObject) -> *mut u32 {
        let at = if cfg!(target_endian = "big") { 1 } else { 0 };
        op.cast::<u32>().wrapping_add(at)
    }

    /// # Safety
    /// `op` is a live object, on a thread attached with the GIL (which
    /// orders every access to the count; nothing holds a reference into
    /// it).
    #[inline(always)]
    pub unsafe fn incref(op: *mut ffi::PyObject) {
        #[cfg(not(Py_3_12))]
        // SAFETY: the function's contract.
        unsafe {
            *word(op) += 1;
        }
        #[cfg(all(Py_3_12, not(Py_3_14), target_pointer_width = "64"))]
        // SAFETY: the function's contract.
        unsafe {
            let new = (*low(op)).wrapping_add(1);
            if new != 0 {
                *low(op) = new;
            }
        }
        #[cfg(all(Py_3_14, target_pointer_width = "64"))]
        // SAFETY: the function's contract.
        unsafe {
            let count = *low(op);
            if count < 3 << 30 {
                *low(op) = count + 1;
            }
        }
        #[cfg(all(Py_3_12, not(target_pointer_width = "64")))]
        // SAFETY: the function's contract.
        unsafe {
            if !immortal_32(*word(op)) {
                *word(op) += 1;
            }
        }
    }

    /// # Safety
    /// As for `incref`, and this reference is the caller's to give up: a
    /// count that reaches zero was the last one, and the object is freed,
    /// as Py_DECREF does.
    #[inline(always)]
    pub unsafe fn decref(op: *mut ffi::PyObject) {
        #[cfg(not(Py_3_12))]
        // SAFETY: the function's contract.
        unsafe {
            *word(op) -= 1;
            if *word(op) == 0 {
                _Py_Dealloc(op);
            }
        }
        #[cfg(all(Py_3_12, not(Py_3_14), target_pointer_width = "64"))]
        // SAFETY: the function's contract.
        unsafe {
            if (*low(op) as i32) >= 0 {
                *word(op) -= 1;
                if *word(op) == 0 {
                    _Py_Dealloc(op);
                }
            }
        }
        #[cfg(all(Py_3_14, target_pointer_width = "64"))]
        // SAFETY: the function's contract.
        unsafe {
            let count = *low(op);
            if (count as i32) >= 0 {
                *low(op) = count - 1;
                if count == 1 {
                    _Py_Dealloc(op);
                }
            }
        }
        #[cfg(all(Py_3_12, not(target_pointer_width = "64")))]
        // SAFETY: the function's contract.
        unsafe {
            if !immortal_32(*word(op)) {
                *word(op) -= 1;
                if *word(op) == 0 {
                    _Py_Dealloc(op);
                }
            }
        }
    }

    /// `_Py_IsImmortal` on 32-bit.
    #[cfg(all(Py_3_12, not(target_pointer_width = "64")))]
    #[inline(always)]
    fn immortal_32(count: isize) -> bool {
        if cfg!(Py_3_14) {
            count >= 1 << 30
        } else {
            count == (u32::MAX >> 2) as isize
        }
    }
}
