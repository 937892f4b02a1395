//! The object types the API knows, as markers for [`Borrowed`] and
//! [`Owned`](crate::Owned), and the checks that [`Borrowed::downcast`] makes.

use crate::ffi;
use crate::object::{Borrowed, PyAny};

/// A marker type with its C check (`PyBytes_Check` and the like).
///
/// # Safety
/// `type_check` is true only for objects whose layout is the C type that
/// the marker's methods read.
pub unsafe trait PyTypeCheck {
    fn type_check(obj: Borrowed<'_, '_, PyAny>) -> bool;
}

/// A marker type whose C type is a static type object of CPython's
/// (`PyDict_Type`, ...): what [`Borrowed::is_exact`] compares with
/// (`PyDict_CheckExact` and the like).
pub trait PyStaticType: PyTypeCheck {
    /// The type object: a static of libpython, alive for ever.
    fn type_object() -> *mut ffi::PyTypeObject;
}

// SAFETY: every object is an object.
unsafe impl PyTypeCheck for PyAny {
    #[inline]
    fn type_check(_: Borrowed<'_, '_, PyAny>) -> bool {
        true
    }
}

macro_rules! fast_subclass_types {
    ($($(#[$meta:meta])* $name:ident: $flag:ident $(, $ty:ident)?;)*) => {$(
        $(#[$meta])*
        pub enum $name {}

        // SAFETY: CPython sets the flag on the type and its subclasses only,
        // whose instances have the C layout of the base type.
        unsafe impl PyTypeCheck for $name {
            #[inline]
            fn type_check(obj: Borrowed<'_, '_, PyAny>) -> bool {
                obj.type_has_flag(ffi::$flag)
            }
        }

        $(
            impl PyStaticType for $name {
                #[inline]
                fn type_object() -> *mut ffi::PyTypeObject {
                    core::ptr::addr_of_mut!(ffi::$ty)
                }
            }
        )?
    )*};
}

fast_subclass_types! {
    /// `bytes` (and subclasses).
    PyBytes: Py_TPFLAGS_BYTES_SUBCLASS;
    /// `str` (and subclasses).
    PyStr: Py_TPFLAGS_UNICODE_SUBCLASS, PyUnicode_Type;
    /// `int` (and subclasses, `bool` among them).
    PyInt: Py_TPFLAGS_LONG_SUBCLASS, PyLong_Type;
    /// `type` (and metaclasses' instances).
    PyType: Py_TPFLAGS_TYPE_SUBCLASS;
    /// `dict` (and subclasses).
    PyDict: Py_TPFLAGS_DICT_SUBCLASS, PyDict_Type;
    /// `list` (and subclasses).
    PyList: Py_TPFLAGS_LIST_SUBCLASS, PyList_Type;
    /// `tuple` (and subclasses).
    PyTuple: Py_TPFLAGS_TUPLE_SUBCLASS, PyTuple_Type;
}

/// `float` (and subclasses): `PyFloat_Check`, which has no flag.
pub enum PyFloat {}

// SAFETY: instances of float and of its subclasses are floats to every
// PyFloat_* function (a subclass extends its base's layout).
unsafe impl PyTypeCheck for PyFloat {
    #[inline]
    fn type_check(obj: Borrowed<'_, '_, PyAny>) -> bool {
        let float = core::ptr::addr_of_mut!(ffi::PyFloat_Type);
        let ty = obj.type_ptr();
        // SAFETY: two live type objects, on an attached thread.
        ty == float || unsafe { ffi::PyType_IsSubtype(ty, float) != 0 }
    }
}

impl PyStaticType for PyFloat {
    #[inline]
    fn type_object() -> *mut ffi::PyTypeObject {
        core::ptr::addr_of_mut!(ffi::PyFloat_Type)
    }
}

/// An exception class: a type that is `BaseException` or derives from it.
/// What [`PyErr::new`](crate::PyErr::new) raises.
pub enum ExceptionClass {}

// SAFETY: a type object (PyType_Check) whose instances are exceptions.
unsafe impl PyTypeCheck for ExceptionClass {
    #[inline]
    fn type_check(obj: Borrowed<'_, '_, PyAny>) -> bool {
        // PyExceptionClass_Check
        obj.type_has_flag(ffi::Py_TPFLAGS_TYPE_SUBCLASS) && {
            let ty = obj.as_ptr() as *mut ffi::PyTypeObject;
            // SAFETY: a type object.
            unsafe { (*ty).tp_flags & ffi::Py_TPFLAGS_BASE_EXC_SUBCLASS as core::ffi::c_ulong != 0 }
        }
    }
}
