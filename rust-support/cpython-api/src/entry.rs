//! `extern "C"` method entry points: one macro instead of a hand-written
//! wrapper per function.  The body is a block of type `PyResult<Owned>`
//! (`?` works in it); C gets the object, or NULL with the exception set.

/// Defines a method's C entry point for its calling convention, chosen by
/// the parameter list: `(module, arg)` is `METH_O`, `(module, args, nargs)`
/// is `METH_FASTCALL`, `(module, args, nargs, kwnames)` is
/// `METH_FASTCALL | METH_KEYWORDS`.
///
/// ```ignore
/// c_entry! {
///     /// `crc32(data, crc=0, /)`.
///     pub fn crc32(_module, args, nargs) {
///         let data = ...?;
///         ...
///     }
/// }
/// ```
#[macro_export]
macro_rules! c_entry {
    ($(#[$meta:meta])* $vis:vis fn $name:ident($module:ident, $arg:ident) $body:block) => {
        $(#[$meta])*
        $vis unsafe extern "C" fn $name(
            $module: *mut $crate::ffi::PyObject,
            $arg: *mut $crate::ffi::PyObject,
        ) -> *mut $crate::ffi::PyObject {
            // A closure, so that `?` works in the body.
            $crate::error::into_return((|| -> $crate::PyResult<$crate::Owned> { $body })())
        }
    };
    ($(#[$meta:meta])* $vis:vis fn $name:ident($module:ident, $args:ident, $nargs:ident) $body:block) => {
        $(#[$meta])*
        $vis unsafe extern "C" fn $name(
            $module: *mut $crate::ffi::PyObject,
            $args: *const *mut $crate::ffi::PyObject,
            $nargs: $crate::ffi::Py_ssize_t,
        ) -> *mut $crate::ffi::PyObject {
            // A closure, so that `?` works in the body.
            $crate::error::into_return((|| -> $crate::PyResult<$crate::Owned> { $body })())
        }
    };
    ($(#[$meta:meta])* $vis:vis fn $name:ident($module:ident, $args:ident, $nargs:ident, $kwnames:ident) $body:block) => {
        $(#[$meta])*
        $vis unsafe extern "C" fn $name(
            $module: *mut $crate::ffi::PyObject,
            $args: *const *mut $crate::ffi::PyObject,
            $nargs: $crate::ffi::Py_ssize_t,
            $kwnames: *mut $crate::ffi::PyObject,
        ) -> *mut $crate::ffi::PyObject {
            // A closure, so that `?` works in the body.
            $crate::error::into_return((|| -> $crate::PyResult<$crate::Owned> { $body })())
        }
    };
}
