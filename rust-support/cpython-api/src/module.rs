//! Module definitions with multi-phase initialization (PEP 489), the way
//! CPython's own C modules define them, from safe Rust: a type that
//! implements [`Module`] (name, docstring, state, `exec`, whether it needs
//! the GIL), a [`MethodTable`] of its [`function!`](macro@crate::function)s, and
//! a static [`ModuleDef`]. The C entry points (`Py_mod_exec`,
//! `m_traverse`, `m_clear`, `m_free`) are generic trampolines here.

use crate::error::{PyErr, PyResult};
use crate::ffi;
use crate::object::{Borrowed, Owned, PyAny};
use crate::python::Python;
use crate::state::{self, ModuleState};
use crate::types::ExceptionClass;
use core::cell::UnsafeCell;
use core::ffi::{c_int, c_void, CStr};
use core::marker::PhantomData;
use core::ptr::{null_mut, NonNull};

/// Whether the module needs the GIL in a free-threaded build (3.13+'s
/// `Py_mod_gil` slot). `NotUsed` promises that its functions are safe to
/// run in parallel: the API's types make that hold for safe code (state is
/// shared, `Sync`, and mutated only through cells, `PyMutex` or critical
/// sections).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Gil {
    Used,
    NotUsed,
}

/// A module, as its `PyModuleDef` describes it.
pub trait Module: Sized + 'static {
    /// Per-interpreter state, made by `exec` and shared by every call.
    type State: ModuleState;
    /// The module's `__name__`.
    const NAME: &'static CStr;
    /// The module's `__doc__`.
    const DOC: &'static CStr;
    const GIL: Gil;
    /// `Py_mod_exec`: adds the module's attributes and makes its state.
    fn exec<'py>(py: Python<'py>, module: ModuleRef<'_, 'py, Self>) -> PyResult<Self::State>;
}

/// The module object a function or `exec` was called for.
pub struct ModuleRef<'a, 'py, M> {
    obj: Borrowed<'a, 'py, PyAny>,
    _module: PhantomData<M>,
}

impl<M> Clone for ModuleRef<'_, '_, M> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<M> Copy for ModuleRef<'_, '_, M> {}

impl<'a, 'py, M: Module> ModuleRef<'a, 'py, M> {
    /// # Safety
    /// `obj` is a module made from `M`'s definition, alive while `'a` lasts.
    #[inline]
    pub(crate) unsafe fn new(obj: *mut ffi::PyObject) -> Self {
        ModuleRef {
            // SAFETY: CPython passes the module (never NULL) for a
            // module's functions and slots.
            obj: unsafe { Borrowed::from_ptr(NonNull::new_unchecked(obj)) },
            _module: PhantomData,
        }
    }

    #[inline]
    pub fn as_any(self) -> Borrowed<'a, 'py, PyAny> {
        self.obj
    }

    /// The module's state, shared: every call and thread may hold it. An
    /// error (SystemError) before `exec` has made it, or after CPython
    /// cleared it.
    #[inline]
    pub fn state(self) -> PyResult<&'a M::State> {
        // SAFETY: a module of M's definition, whose state is a
        // StateCell<M::State>.
        match unsafe { state::get::<M::State>(self.obj.as_ptr()) } {
            Some(state) => Ok(state),
            None => Err(PyErr::bad_internal_call(self.obj.py())),
        }
    }

    /// `PyModule_AddObjectRef(module, name, value)`.
    pub fn add<T>(self, name: &CStr, value: Borrowed<'_, 'py, T>) -> PyResult<()> {
        // SAFETY: live objects and a NUL-terminated name, on an attached
        // thread; the function takes its own reference.
        if unsafe { ffi::PyModule_AddObjectRef(self.obj.as_ptr(), name.as_ptr(), value.as_ptr()) }
            < 0
        {
            return Err(PyErr::fetch_after_failure(self.obj.py()));
        }
        Ok(())
    }
}

impl ExceptionClass {
    /// `PyErr_NewExceptionWithDoc(qualified_name, doc, base, NULL)`: a new
    /// exception class deriving from `base` (`Exception` when `None`).
    pub fn new<'py>(
        py: Python<'py>,
        qualified_name: &CStr,
        doc: Option<&CStr>,
        base: Option<Borrowed<'_, 'py, ExceptionClass>>,
    ) -> PyResult<Owned<'py, ExceptionClass>> {
        // SAFETY: NUL-terminated strings, an exception class or NULL; the
        // result is a new class (a type deriving from the base exception).
        unsafe {
            Owned::from_new(
                py,
                ffi::PyErr_NewExceptionWithDoc(
                    qualified_name.as_ptr(),
                    doc.map_or(core::ptr::null(), CStr::as_ptr),
                    base.map_or(null_mut(), |b| b.as_ptr()),
                    null_mut(),
                ),
            )
        }
    }
}

/// One row of a method table: made by [`function!`](macro@crate::function)
/// only, so its function and flags agree.
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct MethodDef(pub(crate) ffi::PyMethodDef);

/// A method table: the rows, then the `{NULL}` that ends them, in one C
/// array (`#[repr(C)]`).
#[repr(C)]
pub struct MethodTable<const N: usize> {
    rows: [ffi::PyMethodDef; N],
    end: ffi::PyMethodDef,
}

// SAFETY: immutable after compilation; CPython only reads it.
unsafe impl<const N: usize> Sync for MethodTable<N> {}

impl<const N: usize> MethodTable<N> {
    /// The module's functions, in the C module's order (`dir()` lists
    /// them the same way).
    pub const fn new(rows: [MethodDef; N]) -> Self {
        let mut raw = [METHODS_END; N];
        let mut i = 0;
        while i < N {
            raw[i] = rows[i].0;
            i += 1;
        }
        MethodTable {
            rows: raw,
            end: METHODS_END,
        }
    }
}

const METHODS_END: ffi::PyMethodDef = ffi::PyMethodDef {
    ml_name: core::ptr::null(),
    ml_meth: None,
    ml_flags: 0,
    ml_doc: core::ptr::null(),
};

const SLOTS_END: ffi::PyModuleDef_Slot = ffi::PyModuleDef_Slot {
    slot: 0,
    value: null_mut(),
};

/// `m_slots` for a module: exec, then what this version supports. Module
/// state makes every module safe for a per-interpreter GIL (3.12+); the
/// module says whether it needs the GIL (3.13+).
trait Slots {
    const SLOTS: [ffi::PyModuleDef_Slot; 4];
}

impl<M: Module> Slots for M {
    const SLOTS: [ffi::PyModuleDef_Slot; 4] = {
        let mut slots = [SLOTS_END; 4];
        slots[0] = ffi::PyModuleDef_Slot {
            slot: ffi::Py_mod_exec as c_int,
            value: exec::<M> as *mut c_void,
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
            // Py_MOD_GIL_USED (0) or Py_MOD_GIL_NOT_USED (1)
            slots[2] = ffi::PyModuleDef_Slot {
                slot: ffi::Py_mod_gil as c_int,
                value: match M::GIL {
                    Gil::Used => 0,
                    Gil::NotUsed => 1,
                } as *mut c_void,
            };
        }
        slots
    };
}

/// A static `PyModuleDef` for `M`.
pub struct ModuleDef<M> {
    raw: UnsafeCell<ffi::PyModuleDef>,
    _module: PhantomData<M>,
}

// SAFETY: CPython initializes the header once (PyModuleDef_Init, under the
// import machinery's locks), then only reads it.
unsafe impl<M> Sync for ModuleDef<M> {}

impl<M: Module> ModuleDef<M> {
    pub const fn new<const N: usize>(methods: &'static MethodTable<N>) -> Self {
        ModuleDef {
            raw: UnsafeCell::new(ffi::PyModuleDef {
                m_base: ffi::PyModuleDef_Base {
                    ob_base: static_object_head(),
                    m_init: None,
                    m_index: 0,
                    m_copy: null_mut(),
                },
                m_name: M::NAME.as_ptr(),
                m_doc: M::DOC.as_ptr(),
                m_size: state::size::<M::State>() as ffi::Py_ssize_t,
                m_methods: methods as *const MethodTable<N> as *mut ffi::PyMethodDef,
                m_slots: <M as Slots>::SLOTS.as_ptr() as *mut ffi::PyModuleDef_Slot,
                m_traverse: Some(state::traverse::<M::State>),
                m_clear: Some(state::clear::<M::State>),
                m_free: Some(state::free::<M::State>),
            }),
            _module: PhantomData,
        }
    }

    /// `PyModuleDef_Init(&def)`: what `PyInit_<name>` returns.
    pub fn init(&'static self, _py: Python<'_>) -> *mut ffi::PyObject {
        // SAFETY: a definition that lives for ever, on an attached thread.
        unsafe { ffi::PyModuleDef_Init(self.raw.get()) }
    }
}

/// `Py_mod_exec`: `M::exec` makes the state, which is then stored.
unsafe extern "C" fn exec<M: Module>(module: *mut ffi::PyObject) -> c_int {
    // SAFETY: CPython runs exec slots on an attached thread, with the
    // module made from M's definition (whose slots these are).
    let (py, module) = unsafe { (Python::assume_attached(), ModuleRef::<M>::new(module)) };
    let stored = M::exec(py, module).and_then(|made| {
        // SAFETY: the module's state is a StateCell<M::State>.
        unsafe { state::store(module.as_any().as_ptr(), made) }
            .map_err(|()| PyErr::bad_internal_call(py))
    });
    match stored {
        Ok(()) => 0,
        Err(err) => {
            err.restore(py);
            -1
        }
    }
}

/// `PyObject_HEAD_INIT(NULL)` for a statically allocated object: the
/// constants come from cpython-sys, checked against the headers.
pub(crate) const fn static_object_head() -> ffi::PyObject {
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
