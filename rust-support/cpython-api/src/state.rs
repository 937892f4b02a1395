//! Per-module state: a Rust value in the memory CPython allocates for the
//! module (`m_size`), made by `exec`, shared by every call (`&`, so `Sync`:
//! in a free-threaded build, calls run in parallel), and dropped by
//! `m_clear`/`m_free`. What needs mutating after `exec` uses interior
//! mutability: atomics, or [`PyMutex`](crate::sync::PyMutex).
//!
//! State is shared, never lent as `&mut`:
//!
//! ```compile_fail,E0594
//! # use cpython_api::module::{Module, ModuleRef};
//! # use cpython_api::state::{ModuleState, Traversal, Visit};
//! struct State(u32);
//! impl ModuleState for State {
//!     fn traverse(&self, _: &mut Visit<'_>) -> Traversal { Ok(()) }
//! }
//! fn f<M: Module<State = State>>(module: ModuleRef<'_, '_, M>) {
//!     if let Ok(state) = module.state() {
//!         state.0 = 1;
//!     }
//! }
//! ```
//!
//! and must be `Sync`:
//!
//! ```compile_fail,E0277
//! # use cpython_api::state::{ModuleState, Visit, Traversal};
//! struct State(core::cell::Cell<u32>);
//! impl ModuleState for State {
//!     fn traverse(&self, _: &mut Visit<'_>) -> Traversal { Ok(()) }
//! }
//! ```

use crate::ffi;
use crate::object::Py;
use core::cell::UnsafeCell;
use core::ffi::{c_int, c_void};
use core::mem::MaybeUninit;
use core::sync::atomic::{AtomicBool, Ordering};

/// A module's state. `traverse` visits every object reference it holds,
/// for the cycle collector (C's `m_traverse`); a reference left out leaks
/// a cycle through the module, it is not unsound.
pub trait ModuleState: Sync + Sized + 'static {
    fn traverse(&self, visit: &mut Visit<'_>) -> Traversal;
}

impl ModuleState for () {
    fn traverse(&self, _: &mut Visit<'_>) -> Traversal {
        Ok(())
    }
}

/// The collector's `visitproc` and its argument, for one traversal.
pub struct Visit<'v> {
    visit: unsafe extern "C" fn(*mut ffi::PyObject, *mut c_void) -> c_int,
    arg: *mut c_void,
    _marker: core::marker::PhantomData<&'v mut ()>,
}

/// The collector stops a traversal at a nonzero answer (`Py_VISIT`'s
/// early return).
pub struct VisitStop(c_int);

pub type Traversal = Result<(), VisitStop>;

impl Visit<'_> {
    /// `Py_VISIT(obj)`.
    #[inline]
    pub fn visit<T>(&mut self, obj: &Py<T>) -> Traversal {
        // SAFETY: the collector's own visitproc, given a live object during
        // the traversal it started.
        match unsafe { (self.visit)(obj.as_ptr(), self.arg) } {
            0 => Ok(()),
            stop => Err(VisitStop(stop)),
        }
    }
}

/// `ready` is false (as CPython's zeroed memory has it) until `exec` has
/// stored the value, and again once it is dropped.
#[repr(C)]
struct StateCell<S> {
    ready: AtomicBool,
    value: UnsafeCell<MaybeUninit<S>>,
}

/// `m_size`; the alignment fits what PyMem_Malloc guarantees (two pointers).
pub(crate) const fn size<S>() -> usize {
    assert!(
        core::mem::align_of::<StateCell<S>>() <= 2 * core::mem::size_of::<usize>(),
        "module state over-aligned for PyMem_Malloc"
    );
    core::mem::size_of::<StateCell<S>>()
}

/// `PyModule_GetState(module)` as a `StateCell<S>`.
///
/// # Safety
/// `module` is a live module whose definition's state is a `StateCell<S>`.
#[inline]
unsafe fn cell<'a, S>(module: *mut ffi::PyObject) -> Option<&'a StateCell<S>> {
    // SAFETY: the caller's module; CPython allocated `size::<S>()` bytes,
    // zeroed (ready = false), suitably aligned, alive with the module.
    unsafe { (ffi::PyModule_GetState(module) as *const StateCell<S>).as_ref() }
}

/// The state, once `exec` has stored it.
///
/// # Safety
/// As for [`cell`]; `'a` does not outlive the module.
#[inline]
pub(crate) unsafe fn get<'a, S>(module: *mut ffi::PyObject) -> Option<&'a S> {
    // SAFETY: the caller's contract.
    let cell = unsafe { cell::<S>(module) }?;
    // Acquire: sees the value `store` wrote before setting `ready`.
    if !cell.ready.load(Ordering::Acquire) {
        return None;
    }
    // SAFETY: ready, so initialized; it is only dropped by m_clear/m_free,
    // which CPython calls once no function of the module can be running
    // (the module is garbage, or the interpreter is being torn down).
    Some(unsafe { (*cell.value.get()).assume_init_ref() })
}

/// Stores the state `exec` made; an error if there is one already.
///
/// # Safety
/// As for [`cell`], on an attached thread, during `exec`.
pub(crate) unsafe fn store<S>(module: *mut ffi::PyObject, value: S) -> Result<(), ()> {
    // SAFETY: the caller's contract.
    let cell = unsafe { cell::<S>(module) }.ok_or(())?;
    if cell.ready.load(Ordering::Acquire) {
        return Err(());
    }
    // SAFETY: not ready, so no reference to the value exists; exec runs
    // before the module is shared with other threads.
    unsafe { (*cell.value.get()).write(value) };
    cell.ready.store(true, Ordering::Release);
    Ok(())
}

/// `m_traverse`.
pub(crate) unsafe extern "C" fn traverse<S: ModuleState>(
    module: *mut ffi::PyObject,
    visit: ffi::visitproc,
    arg: *mut c_void,
) -> c_int {
    let Some(visit) = visit else {
        return 0;
    };
    // SAFETY: CPython's collector calls this for a module of this
    // definition, whose state is a StateCell<S>.
    let Some(state) = (unsafe { get::<S>(module) }) else {
        return 0;
    };
    let mut visit = Visit {
        visit,
        arg,
        _marker: core::marker::PhantomData,
    };
    match state.traverse(&mut visit) {
        Ok(()) => 0,
        Err(VisitStop(stop)) => stop,
    }
}

/// `m_clear`: drops the state (its references), as C's `Py_CLEAR`s.
pub(crate) unsafe extern "C" fn clear<S>(module: *mut ffi::PyObject) -> c_int {
    // SAFETY: CPython calls this for a module of this definition, on an
    // attached thread, when no function of the module can be running.
    if let Some(cell) = unsafe { cell::<S>(module) } {
        if cell.ready.swap(false, Ordering::AcqRel) {
            // SAFETY: it was ready (initialized), and no reference to it is
            // alive (above); `ready` is false, so it is dropped once.
            unsafe { (*cell.value.get()).assume_init_drop() };
        }
    }
    0
}

/// `m_free`: as `m_clear`.
pub(crate) unsafe extern "C" fn free<S>(module: *mut c_void) {
    // SAFETY: CPython calls this for a module of this definition as it
    // frees it.
    unsafe { clear::<S>(module as *mut ffi::PyObject) };
}
