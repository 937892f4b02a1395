//! What binascii adds to the API's converters: its flags, whose meaning
//! changed in 3.12, and its errors.

use binascii_core::{Error, ErrorKind};
use cpython_api::convert::{ArgInfo, DefaultArg, FromArg, IntBool};
use cpython_api::module::ModuleRef;
use cpython_api::version::at_least;
use cpython_api::{exc, Borrowed, PyAny, PyErr, PyResult};

use crate::Binascii;

/// binascii's flags: `bool(accept={int})` until 3.11 (an int, nonzero is
/// true), `bool` (any object's truth) since 3.12.
#[derive(Clone, Copy)]
pub struct Flag(pub bool);

impl<'s, 'py> FromArg<'s, 'py> for Flag {
    type Slot = ();

    #[inline]
    fn from_arg(slot: &'s mut (), arg: Borrowed<'s, 'py, PyAny>, info: &ArgInfo) -> PyResult<Self> {
        if at_least(3, 12) {
            bool::from_arg(slot, arg, info).map(Flag)
        } else {
            IntBool::from_arg(slot, arg, info).map(|flag| Flag(flag.0))
        }
    }
}

impl DefaultArg for Flag {
    #[inline]
    fn from_default(text: &'static str) -> Self {
        Flag(bool::from_default(text))
    }
}

/// An algorithm's error as the exception C raises: `binascii.Error` or
/// `Incomplete` from the module's state (the calling interpreter's
/// classes), or a builtin.
pub fn raise(module: ModuleRef<'_, '_, Binascii>, error: Error) -> PyErr {
    let py = module.as_any().py();
    let state = match error.kind {
        ErrorKind::Memory => return PyErr::no_memory(py),
        ErrorKind::Value => return PyErr::new(exc::value_error(py), &error.message),
        ErrorKind::Overflow => return PyErr::new(exc::overflow_error(py), &error.message),
        ErrorKind::Error | ErrorKind::Incomplete => match module.state() {
            Ok(state) => state,
            Err(err) => return err,
        },
    };
    let class = if error.kind == ErrorKind::Error {
        &state.error
    } else {
        &state.incomplete
    };
    PyErr::new(class.bind(py), &error.message)
}
