//! Synchronization for free-threaded builds, each usable only through a
//! guard or a closure, so it is always released and always nested:
//!
//! - [`Python::critical_section`]: `Py_BEGIN_CRITICAL_SECTION(obj)` on
//!   3.13t and later (the per-object lock C code takes around a
//!   container's operations); a plain call where the GIL exists.
//! - [`PyMutex`]: a value behind CPython's `PyMutex` (3.13+), which
//!   detaches the thread while it waits, so waiting never deadlocks with
//!   the GIL or a stop-the-world pause. Before 3.13, a flag that is waited
//!   for detached.

use crate::object::Borrowed;
use crate::python::Python;
use core::cell::UnsafeCell;
use core::marker::PhantomData;
use core::ops::{Deref, DerefMut};

impl<'py> Python<'py> {
    /// Runs `f` inside `Py_BEGIN_CRITICAL_SECTION(obj)`.
    #[inline]
    pub fn critical_section<T, R>(self, obj: Borrowed<'_, 'py, T>, f: impl FnOnce() -> R) -> R {
        #[cfg(Py_GIL_DISABLED)]
        {
            let mut section = core::mem::MaybeUninit::<crate::ffi::PyCriticalSection>::uninit();
            // SAFETY: a live object, on an attached thread; the section
            // stays in place (never moved) until ended below.
            unsafe { crate::ffi::PyCriticalSection_Begin(section.as_mut_ptr(), obj.as_ptr()) };
            struct End(*mut crate::ffi::PyCriticalSection);
            impl Drop for End {
                fn drop(&mut self) {
                    // SAFETY: the section begun above, ended once, LIFO.
                    unsafe { crate::ffi::PyCriticalSection_End(self.0) }
                }
            }
            let _end = End(section.as_mut_ptr());
            f()
        }
        #[cfg(not(Py_GIL_DISABLED))]
        {
            let _ = obj;
            f()
        }
    }

    /// Runs `f` inside `Py_BEGIN_CRITICAL_SECTION2(a, b)`: both objects
    /// locked, in an order that cannot deadlock.
    #[inline]
    pub fn critical_section2<A, B, R>(
        self,
        a: Borrowed<'_, 'py, A>,
        b: Borrowed<'_, 'py, B>,
        f: impl FnOnce() -> R,
    ) -> R {
        #[cfg(Py_GIL_DISABLED)]
        {
            let mut section = core::mem::MaybeUninit::<crate::ffi::PyCriticalSection2>::uninit();
            // SAFETY: live objects, on an attached thread; the section
            // stays in place until ended below.
            unsafe {
                crate::ffi::PyCriticalSection2_Begin(section.as_mut_ptr(), a.as_ptr(), b.as_ptr())
            };
            struct End(*mut crate::ffi::PyCriticalSection2);
            impl Drop for End {
                fn drop(&mut self) {
                    // SAFETY: the section begun above, ended once, LIFO.
                    unsafe { crate::ffi::PyCriticalSection2_End(self.0) }
                }
            }
            let _end = End(section.as_mut_ptr());
            f()
        }
        #[cfg(not(Py_GIL_DISABLED))]
        {
            let _ = (a, b);
            f()
        }
    }
}

/// A value shared between threads, mutated under a lock.
pub struct PyMutex<T> {
    raw: RawMutex,
    value: UnsafeCell<T>,
}

// SAFETY: the lock gives one thread at a time `&mut T`: like std's Mutex.
unsafe impl<T: Send> Sync for PyMutex<T> {}

impl<T> PyMutex<T> {
    pub const fn new(value: T) -> Self {
        PyMutex {
            raw: RawMutex::new(),
            value: UnsafeCell::new(value),
        }
    }

    /// Locks (waiting detached if another thread holds it); unlocked when
    /// the guard drops. The guard is not `Send`: it unlocks on the thread
    /// that locked.
    #[inline]
    pub fn lock(&self, py: Python<'_>) -> PyMutexGuard<'_, T> {
        self.raw.lock(py);
        PyMutexGuard {
            mutex: self,
            _not_send: PhantomData,
        }
    }
}

pub struct PyMutexGuard<'m, T> {
    mutex: &'m PyMutex<T>,
    _not_send: PhantomData<*mut ()>,
}

impl<T> Deref for PyMutexGuard<'_, T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: the lock is held while the guard lives.
        unsafe { &*self.mutex.value.get() }
    }
}

impl<T> DerefMut for PyMutexGuard<'_, T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the lock is held while the guard lives, by this guard
        // only.
        unsafe { &mut *self.mutex.value.get() }
    }
}

impl<T> Drop for PyMutexGuard<'_, T> {
    #[inline]
    fn drop(&mut self) {
        self.mutex.raw.unlock();
    }
}

/// CPython's PyMutex (3.13+).
#[cfg(Py_3_13)]
struct RawMutex(UnsafeCell<crate::ffi::PyMutex>);

#[cfg(Py_3_13)]
impl RawMutex {
    const fn new() -> Self {
        // `PyMutex m = {0};`: unlocked.
        RawMutex(UnsafeCell::new(crate::ffi::PyMutex { _bits: 0 }))
    }

    #[inline]
    fn lock(&self, _py: Python<'_>) {
        // SAFETY: a PyMutex that stays in place (it is in the PyMutex<T>,
        // which is borrowed), on an attached thread.
        unsafe { crate::ffi::PyMutex_Lock(self.0.get()) }
    }

    #[inline]
    fn unlock(&self) {
        // SAFETY: locked by this thread (the guard's).
        unsafe { crate::ffi::PyMutex_Unlock(self.0.get()) }
    }
}

/// Before 3.13: a flag, waited for with the GIL released, so the holder
/// can run meanwhile.
#[cfg(not(Py_3_13))]
struct RawMutex(core::sync::atomic::AtomicBool);

#[cfg(not(Py_3_13))]
impl RawMutex {
    const fn new() -> Self {
        RawMutex(core::sync::atomic::AtomicBool::new(false))
    }

    #[inline]
    fn lock(&self, py: Python<'_>) {
        use core::sync::atomic::Ordering;
        while self.0.swap(true, Ordering::Acquire) {
            py.allow_threads(|| {
                while self.0.load(Ordering::Relaxed) {
                    core::hint::spin_loop();
                }
            });
        }
    }

    #[inline]
    fn unlock(&self) {
        self.0.store(false, core::sync::atomic::Ordering::Release);
    }
}
