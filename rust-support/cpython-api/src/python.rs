//! `Python<'py>`: the proof that this thread has an attached thread state
//! (holds the GIL, in builds that have one), as PyO3 names it.
//!
//! Only the API makes a token: the trampolines that CPython calls (module
//! functions, `Py_mod_exec`) hand one to safe Rust code, for the lifetime
//! of the call. Every handle carries that lifetime, so no handle outlives
//! the call, and none crosses [`Python::allow_threads`]: the token and the
//! handles are neither `Send` nor `Sync`.

use crate::ffi;
use core::marker::PhantomData;

/// Zero-sized; `Copy`; neither `Send` nor `Sync`.
#[derive(Clone, Copy)]
pub struct Python<'py>(PhantomData<(&'py (), *mut ())>);

/// Runs `f` with a token.
///
/// For embedders and tests; module code gets its token from the API's
/// trampolines. The token's lifetime is `f`'s call, whatever the caller
/// would like it to be:
///
/// ```compile_fail,E0521
/// use cpython_api::python::{attached, Python};
/// let mut kept = None;
/// // SAFETY: (not run) the caller would hold the GIL.
/// unsafe { attached(|py| kept = Some(py)) };
/// ```
///
/// # Safety
/// The calling thread has an attached thread state for the whole call of
/// `f`, and `f` does not detach it by other means than the API.
pub unsafe fn attached<R>(f: impl for<'py> FnOnce(Python<'py>) -> R) -> R {
    f(Python(PhantomData))
}

impl<'py> Python<'py> {
    /// The token inside a trampoline.
    ///
    /// # Safety
    /// The thread has an attached thread state while `'py` lasts.
    #[inline]
    pub(crate) unsafe fn assume_attached() -> Self {
        Python(PhantomData)
    }

    /// `Py_BEGIN_ALLOW_THREADS f() Py_END_ALLOW_THREADS`: runs `f` detached,
    /// so other threads run Python meanwhile.
    ///
    /// `f` and its result are `Send`, and tokens and handles are not, so
    /// `f` can neither call the C API nor touch an object: it works on
    /// plain data (bytes read from an immutable object, or a copy).
    ///
    /// ```compile_fail,E0277
    /// # use cpython_api::python::Python;
    /// # use cpython_api::object::{Borrowed, PyAny};
    /// fn f<'py>(py: Python<'py>, obj: Borrowed<'_, 'py, PyAny>) {
    ///     py.allow_threads(|| obj.is_none()); // a handle is not Send
    /// }
    /// ```
    ///
    /// ```compile_fail,E0277
    /// # use cpython_api::python::Python;
    /// fn f(py: Python<'_>) {
    ///     py.allow_threads(|| py.none()); // nor is the token
    /// }
    /// ```
    ///
    /// ```
    /// # use cpython_api::python::Python;
    /// fn f(py: Python<'_>, data: &[u8]) -> usize {
    ///     py.allow_threads(|| data.iter().filter(|&&b| b == 0).count())
    /// }
    /// ```
    #[inline]
    pub fn allow_threads<T: Send, F: Send + FnOnce() -> T>(self, f: F) -> T {
        struct Reattach(*mut ffi::PyThreadState);
        impl Drop for Reattach {
            fn drop(&mut self) {
                // SAFETY: the state PyEval_SaveThread returned, on the
                // thread that detached it.
                unsafe { ffi::PyEval_RestoreThread(self.0) }
            }
        }
        // SAFETY: the token proves an attached thread state to detach.
        let _reattach = Reattach(unsafe { ffi::PyEval_SaveThread() });
        f()
    }
}
