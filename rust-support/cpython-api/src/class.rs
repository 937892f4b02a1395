//! Heap types with GC, from safe Rust: what C modules make with
//! `PyType_FromSpec` and a `PyType_Slot` table (`tp_new`, `tp_call`,
//! `tp_traverse`, `tp_clear`, `tp_dealloc`, read-only `tp_members`).
//!
//! A type is a Rust type implementing [`PyClass`]. Its instances hold, after
//! the object header:
//!
//! - object references in [`Slot`]s (`T::Objects`, `[Slot; N]`): what C
//!   keeps in `PyObject *` fields. The collector sees them (`tp_traverse`),
//!   `tp_clear` drops them, and members (`T_OBJECT`, read-only) read them
//!   as C's do, by offset;
//! - flags (`T::Flags`, `[bool; N]`): `char` fields for `T_BOOL` members;
//! - the Rust value (`T`), which C cannot see: whatever the methods need.
//!
//! Everything is set once by `tp_new` (from [`PyClass::new`]'s [`Init`])
//! before anyone else sees the object, and read through `&` afterwards: an
//! instance is shared, by every thread in a free-threaded build, so `T` is
//! `Sync`, and what changes after `tp_new` does so through a `Sync` type
//! (an atomic, a [`PyMutex`](crate::sync::PyMutex)).
//!
//! # Clearing
//!
//! The collector calls `tp_clear` only on objects it found unreachable,
//! and a method that runs is reachable (its caller holds a reference), so
//! C trusts its fields during a call. Here that is also enforced: calls
//! through `tp_call` are counted, and `tp_clear` leaves the slots alone
//! while one runs (the cycle is then found again by a later collection),
//! so every [`Borrowed`] a slot lends stays valid for the call. Once
//! cleared, a slot reads as `None` (what C's `T_OBJECT` member gives for
//! NULL), and a method called on a cleared object sees `None`, never a
//! freed object. The Rust value lives until `tp_dealloc`.
//!
//! ```compile_fail,E0277
//! // The value is shared between threads: it must be Sync.
//! use cpython_api::class::{Init, Member, PyClass, Slot};
//! use cpython_api::types::{PyDict, PyTuple, PyType};
//! use cpython_api::{cstr, Borrowed, PyResult, Python};
//! struct Counter(core::cell::Cell<u32>);
//! impl PyClass for Counter {
//!     const NAME: &'static core::ffi::CStr = cstr!("m.Counter");
//!     const DOC: Option<&'static core::ffi::CStr> = None;
//!     type Objects = [Slot; 0];
//!     type Flags = [bool; 0];
//!     const MEMBERS: &'static [Member] = &[];
//!     fn new<'py>(py: Python<'py>, cls: Borrowed<'_, 'py, PyType>, args: Borrowed<'_, 'py, PyTuple>,
//!                 kwargs: Option<Borrowed<'_, 'py, PyDict>>) -> PyResult<Init<Self>> {
//!         Ok(Init { value: Counter(core::cell::Cell::new(0)), objects: [], flags: [] })
//!     }
//! }
//! ```
//!
//! ```compile_fail,E0599
//! // Nor does the API lend the value mutably.
//! use cpython_api::class::{Instance, PyClass};
//! fn f<T: PyClass>(this: Instance<'_, '_, T>) -> &mut T {
//!     this.value_mut()
//! }
//! ```

use crate::error::{into_return, PyErr, PyResult};
use crate::ffi;
use crate::object::{Borrowed, Owned, Py, PyAny};
use crate::python::Python;
use crate::types::{PyDict, PyTuple, PyType};
use core::cell::UnsafeCell;
use core::ffi::{c_int, c_void, CStr};
use core::marker::PhantomData;
use core::mem::{align_of, size_of, MaybeUninit};
use core::ptr::{addr_of, addr_of_mut, NonNull};
use core::sync::atomic::{AtomicUsize, Ordering};

/// A heap type with GC. `tp_new` calls [`PyClass::new`]; `tp_call`, when
/// [`PyClass::CALLABLE`], calls [`PyClass::call`].
pub trait PyClass: Sized + Sync + 'static {
    /// `module.Name`: the type's `__module__` and `__name__`.
    const NAME: &'static CStr;
    /// `__doc__`.
    const DOC: Option<&'static CStr>;
    /// The object references: `[Slot; N]`.
    type Objects: ObjectSlots;
    /// The `char` fields of `T_BOOL` members: `[bool; N]`.
    type Flags: FlagSlots;
    /// The read-only members, in C's order (`dir()` lists them so).
    const MEMBERS: &'static [Member];
    /// Whether instances are callable (a `tp_call` slot).
    const CALLABLE: bool = false;

    /// `tp_new(cls, args, kwargs)`: the new instance's contents.
    fn new<'py>(
        py: Python<'py>,
        cls: Borrowed<'_, 'py, PyType>,
        args: Borrowed<'_, 'py, PyTuple>,
        kwargs: Option<Borrowed<'_, 'py, PyDict>>,
    ) -> PyResult<Init<Self>>;

    /// `tp_call(self, args, kwargs)`, when [`PyClass::CALLABLE`].
    fn call<'a, 'py>(
        py: Python<'py>,
        this: Instance<'a, 'py, Self>,
        args: Borrowed<'a, 'py, PyTuple>,
        kwargs: Option<Borrowed<'a, 'py, PyDict>>,
    ) -> PyResult<Owned<'py, PyAny>> {
        let _ = (this, args, kwargs);
        Err(PyErr::bad_internal_call(py))
    }
}

/// A new instance's contents.
pub struct Init<T: PyClass> {
    pub value: T,
    pub objects: T::Objects,
    pub flags: T::Flags,
}

/// An object reference an instance holds: `PyObject *` (NULL once
/// cleared), in memory as C's field is, so a `T_OBJECT` member reads it.
#[repr(transparent)]
pub struct Slot(UnsafeCell<Option<Py<PyAny>>>);

impl Slot {
    /// Holds `obj`.
    #[inline]
    pub fn new<T>(obj: Owned<'_, T>) -> Slot {
        Slot(UnsafeCell::new(Some(obj.into_any().unbind())))
    }

    /// Holds nothing (reads as `None`).
    #[inline]
    pub const fn empty() -> Slot {
        Slot(UnsafeCell::new(None))
    }

    #[inline]
    fn ptr(&self) -> *mut ffi::PyObject {
        // SAFETY: written only by tp_new (before the object is shared) and
        // tp_clear/tp_dealloc (with no call running, see the module docs).
        unsafe {
            (*self.0.get())
                .as_ref()
                .map_or(core::ptr::null_mut(), Py::as_ptr)
        }
    }
}

mod private {
    pub trait Sealed {}
}

/// `[Slot; N]`. Sealed.
pub trait ObjectSlots: private::Sealed + 'static {
    #[doc(hidden)]
    const LEN: usize;
    #[doc(hidden)]
    fn slots(&self) -> &[Slot];
}

impl<const N: usize> private::Sealed for [Slot; N] {}
impl<const N: usize> ObjectSlots for [Slot; N] {
    const LEN: usize = N;
    #[inline]
    fn slots(&self) -> &[Slot] {
        self
    }
}

/// `[bool; N]`. Sealed.
pub trait FlagSlots: private::Sealed + Sync + 'static {
    #[doc(hidden)]
    const LEN: usize;
    #[doc(hidden)]
    fn flags(&self) -> &[bool];
}

impl<const N: usize> private::Sealed for [bool; N] {}
impl<const N: usize> FlagSlots for [bool; N] {
    const LEN: usize = N;
    #[inline]
    fn flags(&self) -> &[bool] {
        self
    }
}

/// A read-only member: a `PyMemberDef` row.
#[derive(Clone, Copy)]
pub struct Member {
    name: &'static CStr,
    doc: Option<&'static CStr>,
    kind: MemberKind,
}

#[derive(Clone, Copy)]
enum MemberKind {
    Object(usize),
    Flag(usize),
}

impl Member {
    /// `{name, T_OBJECT, offsetof(objects[index]), READONLY, doc}`.
    pub const fn object(name: &'static CStr, index: usize, doc: Option<&'static CStr>) -> Member {
        Member {
            name,
            doc,
            kind: MemberKind::Object(index),
        }
    }

    /// `{name, T_BOOL, offsetof(flags[index]), READONLY, doc}`.
    pub const fn flag(name: &'static CStr, index: usize, doc: Option<&'static CStr>) -> Member {
        Member {
            name,
            doc,
            kind: MemberKind::Flag(index),
        }
    }
}

/// An instance's memory, after the header `PyType_GenericAlloc` zeroes.
#[repr(C)]
struct Object<T: PyClass> {
    head: ffi::PyObject,
    objects: T::Objects,
    flags: T::Flags,
    /// Calls running on this object (tp_clear waits for none).
    calls: AtomicUsize,
    value: T,
}

/// The alignment every object allocator of CPython gives (pymalloc,
/// mimalloc, malloc): two pointers.
const OBJECT_ALIGN: usize = 2 * size_of::<usize>();

impl<T: PyClass> Object<T> {
    const FITS: () = assert!(
        align_of::<Object<T>>() <= OBJECT_ALIGN && size_of::<Object<T>>() <= i32::MAX as usize,
        "an instance must fit CPython's allocators"
    );

    /// Byte offsets of the slots and flags.
    fn offsets() -> (usize, usize) {
        let probe = MaybeUninit::<Object<T>>::uninit();
        let base = probe.as_ptr();
        // SAFETY: field addresses of an (uninitialized) value: no read.
        unsafe {
            (
                addr_of!((*base).objects) as usize - base as usize,
                addr_of!((*base).flags) as usize - base as usize,
            )
        }
    }
}

/// An instance, during a call on it: its slots, flags and value, lent for
/// the call.
pub struct Instance<'a, 'py, T> {
    obj: Borrowed<'a, 'py, PyAny>,
    _type: PhantomData<&'a T>,
}

impl<T> Clone for Instance<'_, '_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Instance<'_, '_, T> {}

impl<'a, 'py, T: PyClass> Instance<'a, 'py, T> {
    /// # Safety
    /// `obj` is an instance of a type made by [`new_type::<T>`], alive
    /// while `'a` lasts.
    #[inline]
    pub(crate) unsafe fn new(obj: Borrowed<'a, 'py, PyAny>) -> Self {
        Instance {
            obj,
            _type: PhantomData,
        }
    }

    #[inline]
    fn raw(self) -> *const Object<T> {
        self.obj.as_ptr() as *const Object<T>
    }

    #[inline]
    pub fn as_any(self) -> Borrowed<'a, 'py, PyAny> {
        self.obj
    }

    /// The Rust value, shared.
    #[inline]
    pub fn value(self) -> &'a T {
        // SAFETY: written by tp_new before the object was shared, dropped
        // only by tp_dealloc; the object lives while 'a does.
        unsafe { &*addr_of!((*self.raw()).value) }
    }

    /// The object in slot `index`, or `None` once cleared. Panics past the
    /// slots (a module bug, reported as CPython reports one).
    #[inline]
    pub fn object(self, index: usize) -> Borrowed<'a, 'py, PyAny> {
        // SAFETY: as in value(); slots change only in tp_clear, which
        // leaves them while a call runs (this one), and tp_dealloc.
        let slots = unsafe { (*addr_of!((*self.raw()).objects)).slots() };
        match NonNull::new(slots[index].ptr()) {
            // SAFETY: the slot holds a strong reference for the call.
            Some(obj) => unsafe { Borrowed::from_ptr(obj) },
            None => {
                let none = self.obj.py().none();
                // SAFETY: None is immortal (kept alive by the interpreter
                // before 3.12): it outlives 'a.
                unsafe { Borrowed::from_ptr(NonNull::new_unchecked(none.as_ptr())) }
            }
        }
    }

    /// The flag at `index`. Panics past the flags.
    #[inline]
    pub fn flag(self, index: usize) -> bool {
        // SAFETY: as in value().
        unsafe { (*addr_of!((*self.raw()).flags)).flags()[index] }
    }
}

/// Makes the type: `PyType_FromSpec` with `T`'s slots (`Py_tp_new`,
/// `Py_tp_dealloc`, `Py_tp_traverse`, `Py_tp_clear`, `Py_tp_members`,
/// `Py_tp_doc`, and `Py_tp_call` when callable), flags
/// `Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC`. Like C's types made so, it
/// can be neither subclassed nor weakly referenced, and takes attributes
/// (it is not immutable).
pub fn new_type<T: PyClass>(py: Python<'_>) -> PyResult<Owned<'_, PyType>> {
    #[allow(clippy::let_unit_value)]
    let () = Object::<T>::FITS;
    let (objects_at, flags_at) = Object::<T>::offsets();
    make_type(
        py,
        &TypeParts {
            name: T::NAME,
            doc: T::DOC,
            basicsize: size_of::<Object<T>>(),
            objects_at,
            flags_at,
            n_objects: T::Objects::LEN,
            n_flags: T::Flags::LEN,
            members: T::MEMBERS,
            dealloc: dealloc::<T> as *mut c_void,
            call: T::CALLABLE.then_some(call::<T> as *mut c_void),
            traverse: traverse::<T> as *mut c_void,
            clear: clear::<T> as *mut c_void,
            new: new::<T> as *mut c_void,
        },
    )
}

/// What [`new_type`] knows of `T`, for the one function that makes every
/// type (it runs once a type: kept out of the generic code).
struct TypeParts {
    name: &'static CStr,
    doc: Option<&'static CStr>,
    basicsize: usize,
    objects_at: usize,
    flags_at: usize,
    n_objects: usize,
    n_flags: usize,
    members: &'static [Member],
    dealloc: *mut c_void,
    call: Option<*mut c_void>,
    traverse: *mut c_void,
    clear: *mut c_void,
    new: *mut c_void,
}

/// Members a type may have (the table CPython copies ends with a zeroed
/// row after them).
const MAX_MEMBERS: usize = 15;

#[inline(never)]
fn make_type<'py>(py: Python<'py>, parts: &TypeParts) -> PyResult<Owned<'py, PyType>> {
    if parts.members.len() > MAX_MEMBERS {
        return Err(PyErr::bad_internal_call(py));
    }
    // SAFETY: all-zero PyMemberDefs: NULL names, each one the table's end.
    let mut members: [ffi::PyMemberDef; MAX_MEMBERS + 1] =
        unsafe { MaybeUninit::zeroed().assume_init() };
    for (row, member) in members.iter_mut().zip(parts.members) {
        let (type_, offset) = match member.kind {
            MemberKind::Object(i) if i < parts.n_objects => {
                (T_OBJECT, parts.objects_at + i * size_of::<Slot>())
            }
            MemberKind::Flag(i) if i < parts.n_flags => (T_BOOL, parts.flags_at + i),
            _ => return Err(PyErr::bad_internal_call(py)),
        };
        *row = ffi::PyMemberDef {
            name: member.name.as_ptr(),
            type_: type_ as c_int,
            offset: offset as ffi::Py_ssize_t,
            flags: READONLY as c_int,
            doc: member.doc.map_or(core::ptr::null(), CStr::as_ptr),
        };
    }
    let doc = parts
        .doc
        .map(|doc| (ffi::Py_tp_doc, doc.as_ptr() as *mut c_void));
    let call = parts.call.map(|call| (ffi::Py_tp_call, call));
    let listed = [
        doc,
        Some((ffi::Py_tp_dealloc, parts.dealloc)),
        call,
        Some((ffi::Py_tp_traverse, parts.traverse)),
        Some((ffi::Py_tp_clear, parts.clear)),
        Some((ffi::Py_tp_members, members.as_mut_ptr() as *mut c_void)),
        Some((ffi::Py_tp_new, parts.new)),
    ];
    // The ones given, then a {0, NULL} end.
    let mut slots = [ffi::PyType_Slot {
        slot: 0,
        pfunc: core::ptr::null_mut(),
    }; 8];
    for (slot, (id, pfunc)) in slots.iter_mut().zip(listed.into_iter().flatten()) {
        *slot = ffi::PyType_Slot {
            slot: id as c_int,
            pfunc,
        };
    }
    let mut spec = ffi::PyType_Spec {
        name: parts.name.as_ptr(),
        basicsize: parts.basicsize as c_int,
        itemsize: 0,
        flags: (ffi::Py_TPFLAGS_DEFAULT | ffi::Py_TPFLAGS_HAVE_GC) as _,
        slots: slots.as_mut_ptr(),
    };
    // SAFETY: a spec whose slots are functions of the types CPython calls
    // them with (`new_type`'s, all for one T), a member table ending with
    // a zeroed row (copied by CPython, as are the name and the doc),
    // static strings; a new type or NULL.
    unsafe { Owned::from_new(py, ffi::PyType_FromSpec(&mut spec)) }
}

#[cfg(Py_3_12)]
use ffi::{_Py_T_OBJECT as T_OBJECT, Py_READONLY as READONLY, Py_T_BOOL as T_BOOL};
#[cfg(not(Py_3_12))]
use ffi::{READONLY, T_BOOL, T_OBJECT};

/// Whether `ty`'s instances are as large as `Object<T>`. CPython calls a
/// type's `tp_new` with that type or a subtype (checked by
/// `tp_new_wrapper`), and these types cannot be subclassed, so `ty` is
/// `T`'s; the size is checked all the same before anything is written.
///
/// # Safety
/// `ty` is a live type object.
unsafe fn fits<T: PyClass>(ty: *mut ffi::PyTypeObject) -> bool {
    // SAFETY: the caller's contract.
    unsafe { (*ty).tp_basicsize as usize >= size_of::<Object<T>>() && (*ty).tp_itemsize == 0 }
}

unsafe extern "C" fn new<T: PyClass>(
    ty: *mut ffi::PyTypeObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls tp_new on an attached thread with a type, the
    // positional arguments' tuple and a dict of keywords or NULL, alive for
    // the call.
    let (py, cls, args, kwargs) = unsafe {
        (
            Python::assume_attached(),
            Borrowed::<PyType>::from_ptr(NonNull::new_unchecked(ty.cast())),
            Borrowed::<PyTuple>::from_ptr(NonNull::new_unchecked(args)),
            NonNull::new(kwargs).map(|k| Borrowed::<PyDict>::from_ptr(k)),
        )
    };
    let made = (|| -> PyResult<Owned<'_, PyAny>> {
        // SAFETY: a live type object.
        if !unsafe { fits::<T>(ty) } {
            return Err(PyErr::bad_internal_call(py));
        }
        let init = T::new(py, cls, args, kwargs)?;
        // SAFETY: the type's allocator (PyType_GenericAlloc: zeroed
        // memory of tp_basicsize, GC-tracked), on an attached thread.
        let obj = unsafe {
            let alloc = (*ty).tp_alloc.ok_or_else(|| PyErr::bad_internal_call(py))?;
            Owned::<PyAny>::from_new(py, alloc(ty, 0))?
        };
        let raw = obj.as_ptr() as *mut Object<T>;
        // SAFETY: a new instance of Object<T>'s size (fits), zeroed, that
        // no one else sees yet; nothing runs between the allocation and
        // these writes, so the collector sees NULL slots or these.
        unsafe {
            addr_of_mut!((*raw).objects).write(init.objects);
            addr_of_mut!((*raw).flags).write(init.flags);
            addr_of_mut!((*raw).calls).write(AtomicUsize::new(0));
            addr_of_mut!((*raw).value).write(init.value);
        }
        Ok(obj)
    })();
    into_return(py, made)
}

/// Counts a call on the object while it lives.
struct Running<'o>(&'o AtomicUsize);

impl<'o> Running<'o> {
    #[inline(always)]
    fn start(calls: &'o AtomicUsize) -> Self {
        // Only attached threads call tp_call and tp_clear. With the GIL one
        // runs at a time, so a load and a store count exactly, without the
        // locked add (a good part of a small call's own cost).
        #[cfg(not(Py_GIL_DISABLED))]
        calls.store(calls.load(Ordering::Relaxed) + 1, Ordering::Relaxed);
        #[cfg(Py_GIL_DISABLED)]
        calls.fetch_add(1, Ordering::Acquire);
        Running(calls)
    }
}

impl Drop for Running<'_> {
    #[inline]
    fn drop(&mut self) {
        #[cfg(not(Py_GIL_DISABLED))]
        self.0
            .store(self.0.load(Ordering::Relaxed) - 1, Ordering::Relaxed);
        #[cfg(Py_GIL_DISABLED)]
        self.0.fetch_sub(1, Ordering::Release);
    }
}

unsafe extern "C" fn call<T: PyClass>(
    obj: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls tp_call on an attached thread with an instance
    // of the type (made by tp_new), the arguments' tuple and a dict or
    // NULL, all alive for the call.
    let (py, this, args, kwargs) = unsafe {
        (
            Python::assume_attached(),
            Instance::<T>::new(Borrowed::from_ptr(NonNull::new_unchecked(obj))),
            Borrowed::<PyTuple>::from_ptr(NonNull::new_unchecked(args)),
            NonNull::new(kwargs).map(|k| Borrowed::<PyDict>::from_ptr(k)),
        )
    };
    // SAFETY: an instance's counter, alive with it.
    let calls = unsafe { &*addr_of!((*this.raw()).calls) };
    let _running = Running::start(calls);
    into_return(py, T::call(py, this, args, kwargs))
}

unsafe extern "C" fn traverse<T: PyClass>(
    obj: *mut ffi::PyObject,
    visit: ffi::visitproc,
    arg: *mut c_void,
) -> c_int {
    let Some(visit) = visit else {
        return 0;
    };
    // SAFETY: the collector traverses a live instance of the type: its
    // type (Py_VISIT(Py_TYPE(self)), which a heap type's instances own)
    // and its slots (NULL until tp_new fills them, or once cleared).
    unsafe {
        let ty = (*obj).ob_type as *mut ffi::PyObject;
        let found = visit(ty, arg);
        if found != 0 {
            return found;
        }
        let raw = obj as *const Object<T>;
        for slot in (*addr_of!((*raw).objects)).slots() {
            let ptr = slot.ptr();
            if !ptr.is_null() {
                let found = visit(ptr, arg);
                if found != 0 {
                    return found;
                }
            }
        }
    }
    0
}

/// Drops the slots' references (`Py_CLEAR` each).
///
/// # Safety
/// `raw` is a live instance, on an attached thread, on which no call runs.
unsafe fn clear_slots<T: PyClass>(raw: *const Object<T>) {
    // SAFETY: the caller's contract.
    let object = unsafe { &*raw };
    for slot in object.objects.slots() {
        // SAFETY: no call runs (the caller's contract) and tp_clear and
        // tp_dealloc run one at a time for an object, so nothing borrows
        // the slot; the reference is taken out (NULL left) before it is
        // dropped, since dropping it may run code that reads the slot.
        let held = unsafe { (*slot.0.get()).take() };
        drop(held);
    }
}

unsafe extern "C" fn clear<T: PyClass>(obj: *mut ffi::PyObject) -> c_int {
    let raw = obj as *const Object<T>;
    // SAFETY: the collector clears a live instance, on an attached thread;
    // the slots are left alone while a call runs on it.
    unsafe {
        if (*addr_of!((*raw).calls)).load(Ordering::Acquire) == 0 {
            clear_slots::<T>(raw);
        }
    }
    0
}

unsafe extern "C" fn dealloc<T: PyClass>(obj: *mut ffi::PyObject) {
    // SAFETY: CPython deallocates an instance of the type (refcount zero:
    // no call runs) on an attached thread. As C: untrack first, then the
    // slots, the value, the memory (tp_free) and the instance's reference
    // to its heap type.
    unsafe {
        let ty = (*obj).ob_type;
        ffi::PyObject_GC_UnTrack(obj.cast());
        let raw = obj as *mut Object<T>;
        // The reference count is zero: no call runs.
        clear_slots::<T>(raw);
        core::ptr::drop_in_place(addr_of_mut!((*raw).value));
        if let Some(free) = (*ty).tp_free {
            free(obj.cast());
        }
        ffi::Py_DecRef(ty.cast());
    }
}

/// `tp_clear`, for the unit tests.
///
/// # Safety
/// `obj` is a live instance of `T`'s type, on an attached thread.
#[cfg(all(test, cpython_embed))]
pub(crate) unsafe fn clear_for_tests<T: PyClass>(obj: *mut ffi::PyObject) {
    // SAFETY: the caller's contract.
    unsafe { clear::<T>(obj) };
}

/// The call counter, for the unit tests.
///
/// # Safety
/// `obj` is a live instance of `T`'s type, which outlives the result.
#[cfg(all(test, cpython_embed))]
pub(crate) unsafe fn calls_for_tests<'o, T: PyClass>(obj: *mut ffi::PyObject) -> &'o AtomicUsize {
    // SAFETY: the caller's contract.
    unsafe { &*addr_of!((*(obj as *const Object<T>)).calls) }
}
