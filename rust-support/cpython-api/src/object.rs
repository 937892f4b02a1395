//! Handles to Python objects: [`Owned`] (a strong reference, released on
//! drop), [`Borrowed`] (valid for a borrow of something that keeps the
//! object alive) and [`Py`] (a strong reference not tied to a call, for
//! module state). Each is a non-null pointer and marker types: no more
//! than C's `PyObject *`.
//!
//! The type parameter says what the object is known to be ([`PyAny`] when
//! nothing is known); [`Borrowed::downcast`] checks it. Only the API makes
//! handles from pointers.
//!
//! A handle cannot outlive its token:
//!
//! ```compile_fail,E0521
//! use cpython_api::object::{Owned, PyAny};
//! use cpython_api::python::attached;
//! let mut kept: Option<Owned<'static, PyAny>> = None;
//! // SAFETY: (not run) the caller would hold the GIL.
//! unsafe { attached(|py| kept = Some(py.none().to_owned())) };
//! ```

use crate::ffi;
use crate::python::Python;
use crate::types::{PyInt, PyStaticType, PyTypeCheck};
use core::ffi::CStr;
use core::marker::PhantomData;
use core::ptr::NonNull;

/// Any object.
pub enum PyAny {}

/// A strong reference, bound to the token's lifetime; `Py_DecRef` on drop.
#[repr(transparent)]
pub struct Owned<'py, T = PyAny> {
    ptr: NonNull<ffi::PyObject>,
    _marker: PhantomData<(Python<'py>, *const T)>,
}

/// A borrowed reference: valid while `'a` lasts (the argument array, the
/// `Owned` or `Py` it came from), and no longer than the token.
#[repr(transparent)]
pub struct Borrowed<'a, 'py, T = PyAny> {
    ptr: NonNull<ffi::PyObject>,
    _marker: PhantomData<(&'a (), Python<'py>, *const T)>,
}

impl<T> Clone for Borrowed<'_, '_, T> {
    #[inline]
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Borrowed<'_, '_, T> {}

/// A strong reference that is not tied to a call: what module state (and
/// later, objects' fields) hold. `Sync`, so state can be shared between
/// threads; not `Send`, so it is dropped where it can be (never inside
/// `allow_threads`). [`Py::bind`] lends it to a call.
#[repr(transparent)]
pub struct Py<T = PyAny> {
    ptr: NonNull<ffi::PyObject>,
    _marker: PhantomData<*const T>,
}

// SAFETY: a `&Py` only reads the pointer, and can do nothing with it
// without a token (`bind`); the object stays alive while the `Py` exists.
unsafe impl<T> Sync for Py<T> {}

impl<'py, T> Owned<'py, T> {
    /// Takes a new reference that a C function returned; its error when NULL.
    ///
    /// # Safety
    /// `ptr` is NULL (with an exception set) or a strong reference to an
    /// object of type `T`, given away to the result.
    #[inline]
    pub(crate) unsafe fn from_new(
        py: Python<'py>,
        ptr: *mut ffi::PyObject,
    ) -> crate::PyResult<Self> {
        match NonNull::new(ptr) {
            Some(ptr) => Ok(Owned {
                ptr,
                _marker: PhantomData,
            }),
            None => Err(crate::PyErr::fetch_after_failure(py)),
        }
    }

    /// The pointer, still owned by `self`.
    #[inline]
    pub fn as_ptr(&self) -> *mut ffi::PyObject {
        self.ptr.as_ptr()
    }

    /// Gives the reference away (to C).
    #[inline]
    pub(crate) fn into_ptr(self) -> *mut ffi::PyObject {
        let ptr = self.ptr.as_ptr();
        core::mem::forget(self);
        ptr
    }

    #[inline]
    pub fn as_borrowed(&self) -> Borrowed<'_, 'py, T> {
        Borrowed {
            ptr: self.ptr,
            _marker: PhantomData,
        }
    }

    #[inline]
    pub fn py(&self) -> Python<'py> {
        // SAFETY: a handle exists only while its token's lifetime lasts.
        unsafe { Python::assume_attached() }
    }

    /// Forgets what type the object is known to be.
    #[inline]
    pub fn into_any(self) -> Owned<'py, PyAny> {
        let ptr = self.into_ptr();
        Owned {
            // SAFETY: from a NonNull.
            ptr: unsafe { NonNull::new_unchecked(ptr) },
            _marker: PhantomData,
        }
    }

    /// The same reference seen as a `U`, when the object is one;
    /// otherwise the reference back.
    #[inline]
    pub fn downcast_into<U: PyTypeCheck>(self) -> Result<Owned<'py, U>, Owned<'py, T>> {
        if !U::type_check(self.as_borrowed().as_any()) {
            return Err(self);
        }
        let ptr = self.into_ptr();
        Ok(Owned {
            // SAFETY: from a NonNull.
            ptr: unsafe { NonNull::new_unchecked(ptr) },
            _marker: PhantomData,
        })
    }

    /// Keeps the reference beyond the call (in module state).
    #[inline]
    pub fn unbind(self) -> Py<T> {
        let ptr = self.into_ptr();
        Py {
            // SAFETY: from a NonNull.
            ptr: unsafe { NonNull::new_unchecked(ptr) },
            _marker: PhantomData,
        }
    }
}

/// Names no more than the handle: formatting the object takes Python.
impl<T> core::fmt::Debug for Owned<'_, T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Owned { .. }")
    }
}

impl<T> core::fmt::Debug for Borrowed<'_, '_, T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Borrowed { .. }")
    }
}

impl<T> Clone for Owned<'_, T> {
    #[inline]
    fn clone(&self) -> Self {
        self.as_borrowed().to_owned()
    }
}

impl<T> Drop for Owned<'_, T> {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: a strong reference, on a thread with a token.
        unsafe { crate::refcount::decref(self.ptr.as_ptr()) }
    }
}

impl<'a, 'py, T> Borrowed<'a, 'py, T> {
    /// # Safety
    /// `ptr` is an object of type `T` that stays alive while `'a` lasts,
    /// on a thread attached while `'py` lasts.
    #[inline]
    pub(crate) unsafe fn from_ptr(ptr: NonNull<ffi::PyObject>) -> Self {
        Borrowed {
            ptr,
            _marker: PhantomData,
        }
    }

    #[inline]
    pub fn as_ptr(self) -> *mut ffi::PyObject {
        self.ptr.as_ptr()
    }

    #[inline]
    pub fn py(self) -> Python<'py> {
        // SAFETY: a handle exists only while its token's lifetime lasts.
        unsafe { Python::assume_attached() }
    }

    /// A new strong reference (`Py_NewRef`).
    #[inline]
    pub fn to_owned(self) -> Owned<'py, T> {
        // SAFETY: a live object, on an attached thread.
        unsafe { crate::refcount::incref(self.ptr.as_ptr()) };
        Owned {
            ptr: self.ptr,
            _marker: PhantomData,
        }
    }

    /// Forgets what type the object is known to be.
    #[inline]
    pub fn as_any(self) -> Borrowed<'a, 'py, PyAny> {
        Borrowed {
            ptr: self.ptr,
            _marker: PhantomData,
        }
    }

    /// The same object seen as a `U`, when it is one (`PyBytes_Check` and
    /// friends: subclasses too).
    #[inline]
    pub fn downcast<U: PyTypeCheck>(self) -> Option<Borrowed<'a, 'py, U>> {
        U::type_check(self.as_any()).then_some(Borrowed {
            ptr: self.ptr,
            _marker: PhantomData,
        })
    }

    /// `Py_TYPE(op)->tp_name`.
    #[inline]
    pub fn type_name(self) -> &'a CStr {
        // SAFETY: a live object has a type, and its name lives as long as
        // the type, which the object keeps alive.
        unsafe { CStr::from_ptr((*self.type_ptr()).tp_name) }
    }

    /// `Py_TYPE(op)`.
    #[inline]
    pub(crate) fn type_ptr(self) -> *mut ffi::PyTypeObject {
        // SAFETY: a live object's header.
        unsafe { (*self.ptr.as_ptr()).ob_type }
    }

    /// `PyType_FastSubclass(Py_TYPE(op), flag)`.
    #[inline]
    pub(crate) fn type_has_flag(self, flag: u32) -> bool {
        // SAFETY: a live object's type.
        unsafe { ((*self.type_ptr()).tp_flags & flag as core::ffi::c_ulong) != 0 }
    }

    /// `PyBytes_CheckExact(op)`, without the bindings naming `PyBytes_Type`:
    /// CPython gives a type the bytes flag only when its base is bytes or
    /// a subclass, so a flagged type whose base is `object` (the one type
    /// without a base) is bytes itself.
    #[inline]
    pub(crate) fn is_exact_bytes(self) -> bool {
        self.type_has_flag(ffi::Py_TPFLAGS_BYTES_SUBCLASS) && {
            // SAFETY: a ready type has a base (object for bytes), and the
            // base is a ready type too; `object`'s own base is NULL.
            unsafe { (*(*self.type_ptr()).tp_base).tp_base.is_null() }
        }
    }

    /// `op is None`.
    #[inline]
    pub fn is_none(self) -> bool {
        self.ptr.as_ptr() == core::ptr::addr_of_mut!(ffi::_Py_NoneStruct)
    }

    /// `op is True`.
    #[inline]
    pub fn is_true_singleton(self) -> bool {
        self.ptr.as_ptr() == core::ptr::addr_of_mut!(ffi::_Py_TrueStruct).cast()
    }

    /// `op is False`.
    #[inline]
    pub fn is_false_singleton(self) -> bool {
        self.ptr.as_ptr() == core::ptr::addr_of_mut!(ffi::_Py_FalseStruct).cast()
    }

    /// `a is b`.
    #[inline]
    pub fn is<U>(self, other: Borrowed<'_, '_, U>) -> bool {
        self.ptr == other.ptr
    }

    /// `type(op) is U` (`PyDict_CheckExact` and the like): no subclass.
    #[inline]
    pub fn is_exact<U: PyStaticType>(self) -> bool {
        self.type_ptr() == U::type_object()
    }

    /// `op is U` for the type object itself (`parse_float is float`).
    #[inline]
    pub fn is_type<U: PyStaticType>(self) -> bool {
        self.ptr.as_ptr() == U::type_object().cast()
    }

    /// The object as a `U`, when it is one; else a TypeError naming its
    /// type: `format` holds one `%.Ns` (`"... not %.80s"`) and no other `%`.
    #[inline]
    pub fn extract<U: PyTypeCheck>(
        self,
        format: &'static CStr,
    ) -> crate::PyResult<Borrowed<'a, 'py, U>> {
        match self.downcast::<U>() {
            Some(obj) => Ok(obj),
            None => Err(crate::PyErr::type_error_naming_type(
                self.py(),
                format,
                self.as_any(),
            )),
        }
    }
}

impl<'a, 'py, T> Borrowed<'a, 'py, T> {
    /// `PyObject_GetAttrString(op, name)`.
    #[inline]
    pub fn getattr(self, name: &CStr) -> crate::PyResult<Owned<'py, PyAny>> {
        // SAFETY: a live object and a NUL-terminated name, on an attached
        // thread; the result is a new reference or NULL with an exception.
        unsafe {
            Owned::from_new(
                self.py(),
                ffi::PyObject_GetAttrString(self.as_ptr(), name.as_ptr()),
            )
        }
    }

    /// `op(arg)` (`PyObject_CallOneArg`).
    #[inline]
    pub fn call1<U>(self, arg: Borrowed<'_, 'py, U>) -> crate::PyResult<Owned<'py, PyAny>> {
        // SAFETY: two live objects, on an attached thread; the result is a
        // new reference or NULL with an exception.
        unsafe {
            Owned::from_new(
                self.py(),
                ffi::PyObject_CallOneArg(self.as_ptr(), arg.as_ptr()),
            )
        }
    }

    /// `op(*args, **kwargs)` (`PyObject_Call`).
    #[inline]
    pub fn call(
        self,
        args: Borrowed<'_, 'py, crate::types::PyTuple>,
        kwargs: Option<Borrowed<'_, 'py, crate::types::PyDict>>,
    ) -> crate::PyResult<Owned<'py, PyAny>> {
        let kwargs = kwargs.map_or(core::ptr::null_mut(), |k| k.as_ptr());
        // SAFETY: live objects (a tuple, a dict or NULL), on an attached
        // thread; a new reference or NULL with an exception.
        unsafe {
            Owned::from_new(
                self.py(),
                ffi::PyObject_Call(self.as_ptr(), args.as_ptr(), kwargs),
            )
        }
    }

    /// `PyObject_Str(op)`: `str(op)`, a `str` or an instance of a subclass
    /// (what `__str__` returned).  Made by calling the `str` type with one
    /// argument, which is `PyObject_Str` (unicode_new).
    pub fn str(self) -> crate::PyResult<Owned<'py, crate::types::PyStr>> {
        use crate::types::{PyStaticType, PyStr};
        let py = self.py();
        let str_type = PyStr::type_object().cast::<ffi::PyObject>();
        // SAFETY: `str` is a static of libpython, alive for ever; the
        // borrow does not outlive this call.
        let str_type =
            unsafe { Borrowed::<PyAny>::from_ptr(core::ptr::NonNull::new_unchecked(str_type)) };
        let text = str_type.call1(self)?;
        text.downcast_into::<PyStr>()
            .map_err(|_| crate::PyErr::bad_internal_call(py))
    }

    /// `PyLong_FromVoidPtr(op)`: the object's address as an int (`id()`),
    /// what `_json` keys its `markers` with.
    #[inline]
    pub fn address_int(self) -> crate::PyResult<Owned<'py, PyInt>> {
        // SAFETY: the pointer is only converted to a number.
        unsafe { Owned::from_new(self.py(), ffi::PyLong_FromVoidPtr(self.as_ptr().cast())) }
    }
}

impl<T> Py<T> {
    #[inline]
    pub fn as_ptr(&self) -> *mut ffi::PyObject {
        self.ptr.as_ptr()
    }

    /// Another strong reference to the same object.
    #[inline]
    pub fn clone_ref(&self, py: Python<'_>) -> Py<T> {
        self.bind(py).to_owned().unbind()
    }

    /// Lends the object to a call.
    #[inline]
    pub fn bind<'a, 'py>(&'a self, _py: Python<'py>) -> Borrowed<'a, 'py, T> {
        Borrowed {
            ptr: self.ptr,
            _marker: PhantomData,
        }
    }
}

impl<T> Drop for Py<T> {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: a strong reference; `Py` is not `Send`, so it is dropped
        // on an attached thread (a call, or CPython clearing module state).
        unsafe { crate::refcount::decref(self.ptr.as_ptr()) }
    }
}

impl<'py> Python<'py> {
    /// `True` or `False`.
    #[inline]
    pub fn bool(self, value: bool) -> Borrowed<'py, 'py, PyAny> {
        let obj = if value {
            core::ptr::addr_of_mut!(ffi::_Py_TrueStruct)
        } else {
            core::ptr::addr_of_mut!(ffi::_Py_FalseStruct)
        };
        // SAFETY: the bool singletons are immortal (or, before 3.12, kept
        // alive by the interpreter); an exported static is not NULL.
        unsafe { Borrowed::from_ptr(NonNull::new_unchecked(obj.cast())) }
    }

    /// `None`.
    #[inline]
    pub fn none(self) -> Borrowed<'py, 'py, PyAny> {
        let none = core::ptr::addr_of_mut!(ffi::_Py_NoneStruct);
        // SAFETY: None is immortal (or, before 3.12, kept alive by the
        // interpreter for its whole life); an exported static is not NULL.
        unsafe { Borrowed::from_ptr(NonNull::new_unchecked(none)) }
    }
}

impl<'py, T> Borrowed<'_, 'py, T> {
    /// `PyObject_IsTrue(op)`.
    #[inline]
    pub fn is_true(self) -> crate::PyResult<bool> {
        // SAFETY: a live object, on an attached thread.
        match unsafe { ffi::PyObject_IsTrue(self.as_ptr()) } {
            r if r < 0 => Err(crate::PyErr::fetch_after_failure(self.py())),
            r => Ok(r != 0),
        }
    }
}

impl<'py> Borrowed<'_, 'py, PyAny> {
    /// `PyObject_Size(op)` (`len()`, which may run `__len__`).
    #[inline]
    pub fn len(self) -> crate::PyResult<usize> {
        // SAFETY: a live object, on an attached thread.
        match unsafe { ffi::PyObject_Size(self.as_ptr()) } {
            n if n < 0 => Err(crate::PyErr::fetch_after_failure(self.py())),
            n => Ok(n as usize),
        }
    }

    /// `len(op) == 0`.
    #[inline]
    pub fn is_empty(self) -> crate::PyResult<bool> {
        self.len().map(|n| n == 0)
    }
}
