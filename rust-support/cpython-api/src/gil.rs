//! Releasing the GIL around long computations on borrowed data.

use crate::ffi;

/// `Py_BEGIN_ALLOW_THREADS f() Py_END_ALLOW_THREADS`.  `f` must not touch
/// Python objects (only data kept alive by the caller, e.g. a `Buffer`).
#[inline]
pub fn allow_threads<T, F: FnOnce() -> T>(f: F) -> T {
    struct Restore(*mut ffi::PyThreadState);
    impl Drop for Restore {
        fn drop(&mut self) {
            unsafe { ffi::PyEval_RestoreThread(self.0) }
        }
    }
    let _restore = Restore(unsafe { ffi::PyEval_SaveThread() });
    f()
}
