//! Per-module state made of object references (e.g. the module's exception
//! classes), so each interpreter has its own.  Index it with constants.

use crate::error::{PyResult, Raised};
use crate::ffi;
use core::ffi::{c_int, c_void};

/// The module state: `N` strong references, NULL until set.
pub type ObjectState<const N: usize> = [*mut ffi::PyObject; N];

/// `PyModule_GetState(module)`.
///
/// # Safety
/// `module` was created from a definition with `ObjectState<N>` state.
#[inline]
pub unsafe fn get<'a, const N: usize>(
    module: *mut ffi::PyObject,
) -> PyResult<&'a mut ObjectState<N>> {
    let state = ffi::PyModule_GetState(module) as *mut ObjectState<N>;
    state.as_mut().ok_or_else(Raised::already_set)
}

/// `m_traverse`: `Py_VISIT` each reference.
///
/// # Safety
/// Called by CPython's GC on a module of this definition.
pub unsafe extern "C" fn traverse<const N: usize>(
    module: *mut ffi::PyObject,
    visit: ffi::visitproc,
    arg: *mut c_void,
) -> c_int {
    let state = ffi::PyModule_GetState(module) as *mut ObjectState<N>;
    let (Some(state), Some(visit)) = (state.as_ref(), visit) else {
        return 0;
    };
    for &obj in state.iter().filter(|o| !o.is_null()) {
        let r = visit(obj, arg);
        if r != 0 {
            return r;
        }
    }
    0
}

/// `m_clear`: `Py_CLEAR` each reference.
///
/// # Safety
/// Called by CPython on a module of this definition.
pub unsafe extern "C" fn clear<const N: usize>(module: *mut ffi::PyObject) -> c_int {
    let state = ffi::PyModule_GetState(module) as *mut ObjectState<N>;
    if let Some(state) = state.as_mut() {
        for slot in state.iter_mut() {
            let obj = core::mem::replace(slot, core::ptr::null_mut());
            if !obj.is_null() {
                ffi::Py_DecRef(obj);
            }
        }
    }
    0
}

/// `m_free`: as `m_clear`.
///
/// # Safety
/// Called by CPython on a module of this definition, as it is freed.
pub unsafe extern "C" fn free<const N: usize>(module: *mut c_void) {
    clear::<N>(module as *mut ffi::PyObject);
}
