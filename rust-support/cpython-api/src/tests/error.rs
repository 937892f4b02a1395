//! Exceptions as values: nothing is left in the thread state unless a
//! function returns the error.

use super::{describe, no_exception_set, python, Namespace};
use crate::error::into_return;
use crate::{cstr, exc, PyErr};

#[test]
fn an_error_is_a_value_until_returned() {
    python(|py| {
        let ns = Namespace::new(py);
        let err = PyErr::new(exc::value_error(py), "bad\0value");
        assert!(no_exception_set(py), "made, not set");
        assert!(err.matches(exc::value_error(py).as_any()));
        assert!(err.matches(exc::exception(py).as_any()));
        assert!(!err.matches(exc::type_error(py).as_any()));
        assert_eq!(describe(&ns, err), "ValueError: bad\0value");
    });
}

#[test]
fn a_dropped_error_leaves_nothing_set() {
    python(|py| {
        drop(PyErr::from_cstr(exc::type_error(py), cstr!("discarded")));
        assert!(no_exception_set(py));
        assert!(PyErr::take(py).is_none());
    });
}

#[test]
fn a_replaced_error_is_the_one_raised() {
    python(|py| {
        let ns = Namespace::new(py);
        let first: crate::PyResult<()> = Err(PyErr::new(exc::type_error(py), "first"));
        let err = first
            .map_err(|_| PyErr::new(exc::value_error(py), "second"))
            .unwrap_err();
        assert!(no_exception_set(py));
        assert_eq!(describe(&ns, err), "ValueError: second");
    });
}

#[test]
fn returning_an_error_sets_it_for_cpython() {
    python(|py| {
        let ns = Namespace::new(py);
        let err = PyErr::new(exc::overflow_error(py), "returned");
        let result = into_return::<crate::PyAny>(py, Err(err));
        assert!(result.is_null());
        let set = PyErr::take(py).expect("set by the return");
        assert_eq!(describe(&ns, set), "OverflowError: returned");
    });
}

#[test]
fn a_failed_c_call_gives_its_exception() {
    python(|py| {
        let ns = Namespace::new(py);
        let err = ns.eval("1/0").expect_err("ZeroDivisionError");
        assert!(no_exception_set(py));
        assert_eq!(describe(&ns, err), "ZeroDivisionError: division by zero");
    });
}
