//! Unit tests against a real interpreter: `python3`'s shared libpython,
//! embedded (cpython-sys links it outside a CPython build). Each test
//! takes the GIL with `PyGILState_Ensure`, so they run in parallel as
//! CPython's own threads would.

mod args;
mod buffer;
mod bytes;
mod class;
mod error;
mod function;
mod objects;
mod parse;
mod sync;

use crate::ffi;
use crate::object::{Borrowed, Owned, PyAny};
use crate::python::{attached, Python};
use crate::PyResult;
use core::ffi::{c_char, c_int, c_void};
use std::ffi::CString;

extern "C" {
    // Embedding: not in the bindings, which hold what modules use.
    fn Py_InitializeEx(initsigs: c_int);
    fn PyGILState_Ensure() -> c_int;
    fn PyGILState_Release(state: c_int);
    fn PyRun_StringFlags(
        code: *const c_char,
        start: c_int,
        globals: *mut ffi::PyObject,
        locals: *mut ffi::PyObject,
        flags: *mut c_void,
    ) -> *mut ffi::PyObject;
    fn PyDict_New() -> *mut ffi::PyObject;
    fn PyDict_GetItemString(dict: *mut ffi::PyObject, key: *const c_char) -> *mut ffi::PyObject;
    fn PyDict_SetItemString(
        dict: *mut ffi::PyObject,
        key: *const c_char,
        value: *mut ffi::PyObject,
    ) -> c_int;
}

const PY_FILE_INPUT: c_int = 257;
const PY_EVAL_INPUT: c_int = 258;

static INIT: std::sync::Once = std::sync::Once::new();

/// Runs `f` on this thread with the GIL held.
pub fn python<R>(f: impl for<'py> FnOnce(Python<'py>) -> R) -> R {
    INIT.call_once(|| {
        // SAFETY: once, before any other call; the main thread then lets
        // the GIL go, for the tests' threads to take.
        unsafe {
            Py_InitializeEx(0);
            ffi::PyEval_SaveThread();
        }
    });
    /// Releases the GIL even when a test's assertion unwinds: a thread
    /// that ended holding it would hang every other test.
    struct Release(c_int);
    impl Drop for Release {
        fn drop(&mut self) {
            // SAFETY: the state Ensure returned, on the same thread.
            unsafe { PyGILState_Release(self.0) }
        }
    }
    // SAFETY: the interpreter is initialized; Ensure attaches this thread.
    let _release = Release(unsafe { PyGILState_Ensure() });
    // SAFETY: attached until the Release.
    unsafe { attached(f) }
}

/// A namespace to run Python code in.
pub struct Namespace<'py> {
    globals: Owned<'py, PyAny>,
}

impl<'py> Namespace<'py> {
    pub fn new(py: Python<'py>) -> Self {
        // SAFETY: a new dict (the builtins come with the first run).
        let globals = unsafe { Owned::from_new(py, PyDict_New()) }.expect("a dict");
        Namespace { globals }
    }

    fn run(&self, code: &str, start: c_int) -> PyResult<Owned<'py, PyAny>> {
        let code = CString::new(code).expect("no NUL in test code");
        // SAFETY: a NUL-terminated source and a dict for globals and
        // locals, on an attached thread.
        unsafe {
            Owned::from_new(
                self.globals.py(),
                PyRun_StringFlags(
                    code.as_ptr(),
                    start,
                    self.globals.as_ptr(),
                    self.globals.as_ptr(),
                    core::ptr::null_mut(),
                ),
            )
        }
    }

    /// Runs statements.
    pub fn exec(&self, code: &str) -> PyResult<()> {
        self.run(code, PY_FILE_INPUT).map(drop)
    }

    /// Evaluates an expression.
    pub fn eval(&self, code: &str) -> PyResult<Owned<'py, PyAny>> {
        self.run(code, PY_EVAL_INPUT)
    }

    /// `globals[name]`.
    pub fn get(&self, name: &str) -> Borrowed<'_, 'py, PyAny> {
        let name = CString::new(name).expect("no NUL");
        // SAFETY: a dict and a NUL-terminated key; a borrowed reference
        // the namespace keeps alive.
        let item = unsafe { PyDict_GetItemString(self.globals.as_ptr(), name.as_ptr()) };
        // SAFETY: as above.
        unsafe { Borrowed::from_ptr(core::ptr::NonNull::new(item).expect("name is set")) }
    }

    /// `globals[name] = value`.
    pub fn set<T>(&self, name: &str, value: Borrowed<'_, 'py, T>) {
        let name = CString::new(name).expect("no NUL");
        // SAFETY: a dict, a NUL-terminated key and a live value.
        let status =
            unsafe { PyDict_SetItemString(self.globals.as_ptr(), name.as_ptr(), value.as_ptr()) };
        assert_eq!(status, 0);
    }

    /// `str(value)` of an expression, for assertions.
    pub fn show(&self, expression: &str) -> std::string::String {
        let code = std::format!("str({expression})");
        let text = self.eval(&code).expect("str() works");
        let text = text
            .as_borrowed()
            .downcast::<crate::types::PyStr>()
            .expect("a str");
        let bytes = text.ascii_bytes().expect("ready").expect("ASCII");
        std::string::String::from_utf8(bytes.to_vec()).expect("ASCII")
    }
}

impl<'py> Namespace<'py> {
    /// `str(obj)`, for assertions.
    pub fn show_object<T>(&self, obj: Borrowed<'_, 'py, T>) -> std::string::String {
        self.set("_shown", obj);
        self.show("_shown")
    }
}

/// The exception's `type: message`, for assertions.
pub fn describe(ns: &Namespace<'_>, err: crate::PyErr) -> std::string::String {
    let py = ns.globals.py();
    ns.set("_err", err.value(py));
    ns.show("f'{type(_err).__name__}: {_err}'")
}

/// Nothing is left set in the thread state.
pub fn no_exception_set(_py: Python<'_>) -> bool {
    // SAFETY: on an attached thread.
    unsafe { ffi::PyErr_Occurred().is_null() }
}
