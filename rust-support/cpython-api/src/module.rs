//! Module definitions with multi-phase initialization (PEP 489), the way
//! CPython's own C modules define them.

use crate::args::{FastCall, FastCallKeywords, OneArg};
use crate::error::{PyResult, Raised};
use crate::ffi;
use crate::object::static_object_head;
use crate::state;
use core::cell::UnsafeCell;
use core::ffi::{c_int, c_void, CStr};
use core::ptr::null_mut;

/// `Py_mod_exec` function: fills the module object, -1 with an exception.
pub type ExecFn = unsafe extern "C" fn(*mut ffi::PyObject) -> c_int;

/// A method table ending with [`METHODS_END`].
pub struct MethodTable<const N: usize>(pub [ffi::PyMethodDef; N]);

// SAFETY: immutable after compilation; CPython only reads it.
unsafe impl<const N: usize> Sync for MethodTable<N> {}

const fn method(
    name: &'static CStr,
    meth: OneArg,
    flags: u32,
    doc: &'static CStr,
) -> ffi::PyMethodDef {
    ffi::PyMethodDef {
        ml_name: name.as_ptr(),
        ml_meth: Some(meth),
        ml_flags: flags as c_int,
        ml_doc: doc.as_ptr(),
    }
}

/// A `METH_O` method.
pub const fn method_o(name: &'static CStr, f: OneArg, doc: &'static CStr) -> ffi::PyMethodDef {
    method(name, f, ffi::METH_O, doc)
}

/// A `METH_FASTCALL` method (positional arguments only).
pub const fn method_fastcall(
    name: &'static CStr,
    f: FastCall,
    doc: &'static CStr,
) -> ffi::PyMethodDef {
    // SAFETY: CPython calls ml_meth with the signature its flags name
    // (`_PyCFunction_CAST` in C).
    let f = unsafe { core::mem::transmute::<FastCall, OneArg>(f) };
    method(name, f, ffi::METH_FASTCALL, doc)
}

/// A `METH_FASTCALL | METH_KEYWORDS` method.
pub const fn method_fastcall_keywords(
    name: &'static CStr,
    f: FastCallKeywords,
    doc: &'static CStr,
) -> ffi::PyMethodDef {
    // SAFETY: as in `method_fastcall`.
    let f = unsafe { core::mem::transmute::<FastCallKeywords, OneArg>(f) };
    method(name, f, ffi::METH_FASTCALL | ffi::METH_KEYWORDS, doc)
}

/// The sentinel `{NULL, NULL}` ending a method table.
pub const METHODS_END: ffi::PyMethodDef = ffi::PyMethodDef {
    ml_name: core::ptr::null(),
    ml_meth: None,
    ml_flags: 0,
    ml_doc: core::ptr::null(),
};

/// `m_slots`: exec, then what this version supports — the module keeps
/// no global state, so it supports a per-interpreter GIL (3.12+) and does
/// not need the GIL (3.13+).  Unused entries are the `{0, NULL}` end.
pub struct Slots([ffi::PyModuleDef_Slot; 4]);

// SAFETY: immutable; CPython only reads it.
unsafe impl Sync for Slots {}

const SLOTS_END: ffi::PyModuleDef_Slot = ffi::PyModuleDef_Slot {
    slot: 0,
    value: null_mut(),
};

impl Slots {
    pub const fn new(exec: ExecFn) -> Self {
        let mut slots = [SLOTS_END; 4];
        slots[0] = ffi::PyModuleDef_Slot {
            slot: ffi::Py_mod_exec as c_int,
            value: exec as *mut c_void,
        };
        #[cfg(Py_3_12)]
        {
            // Py_MOD_PER_INTERPRETER_GIL_SUPPORTED
            slots[1] = ffi::PyModuleDef_Slot {
                slot: ffi::Py_mod_multiple_interpreters as c_int,
                value: 2 as *mut c_void,
            };
        }
        #[cfg(Py_3_13)]
        {
            // Py_MOD_GIL_NOT_USED
            slots[2] = ffi::PyModuleDef_Slot {
                slot: ffi::Py_mod_gil as c_int,
                value: 1 as *mut c_void,
            };
        }
        Slots(slots)
    }
}

/// A static `PyModuleDef` whose state is [`state::ObjectState<N>`].
pub struct ModuleDef(UnsafeCell<ffi::PyModuleDef>);

// SAFETY: CPython initializes the header once (PyModuleDef_Init) while
// holding the import machinery's locks, then only reads.
unsafe impl Sync for ModuleDef {}

impl ModuleDef {
    pub const fn with_object_state<const STATE: usize, const METHODS: usize>(
        name: &'static CStr,
        doc: &'static CStr,
        methods: &'static MethodTable<METHODS>,
        slots: &'static Slots,
    ) -> Self {
        ModuleDef(UnsafeCell::new(ffi::PyModuleDef {
            m_base: ffi::PyModuleDef_Base {
                ob_base: static_object_head(),
                m_init: None,
                m_index: 0,
                m_copy: null_mut(),
            },
            m_name: name.as_ptr(),
            m_doc: doc.as_ptr(),
            m_size: (STATE * core::mem::size_of::<*mut ffi::PyObject>()) as ffi::Py_ssize_t,
            m_methods: methods.0.as_ptr() as *mut ffi::PyMethodDef,
            m_slots: slots.0.as_ptr() as *mut ffi::PyModuleDef_Slot,
            m_traverse: Some(state::traverse::<STATE>),
            m_clear: Some(state::clear::<STATE>),
            m_free: Some(state::free::<STATE>),
        }))
    }

    /// `PyModuleDef_Init(&def)`: what `PyInit_<name>` returns.
    pub fn init(&'static self) -> *mut ffi::PyObject {
        unsafe { ffi::PyModuleDef_Init(self.0.get()) }
    }
}

/// In `Py_mod_exec`: `*slot = PyErr_NewExceptionWithDoc(name, doc, base,
/// NULL)` and `PyModule_AddObjectRef(module, attr, *slot)`.
///
/// # Safety
/// `module` is the module being executed; `base` is NULL (Exception) or
/// an exception class.
pub unsafe fn add_exception(
    module: *mut ffi::PyObject,
    slot: &mut *mut ffi::PyObject,
    qualified_name: &CStr,
    doc: Option<&CStr>,
    base: *mut ffi::PyObject,
    attr: &CStr,
) -> PyResult<()> {
    *slot = ffi::PyErr_NewExceptionWithDoc(
        qualified_name.as_ptr(),
        doc.map_or(core::ptr::null(), CStr::as_ptr),
        base,
        null_mut(),
    );
    // Like C: a NULL value with the exception set makes this fail.
    if ffi::PyModule_AddObjectRef(module, attr.as_ptr(), *slot) < 0 {
        return Err(Raised::already_set());
    }
    Ok(())
}
