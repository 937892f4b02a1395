//! CPython's `binascii` module in Rust: the same functions, arguments,
//! results, exceptions and docstrings as the C module of the CPython
//! version it is built into (3.11 to 3.14). The algorithms are in
//! `binascii-core`; this crate is the Python-facing layer, written on
//! `cpython-api` in safe Rust only.
//!
//! C sees one symbol, `_PyRust_binascii_init` (defined in `cpython-rust`
//! from [`MODULE`]), which `PyInit_binascii` in `Modules/binascii_rust.c`
//! returns.

#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

mod base64;
mod convert;
mod crc;
mod hex;
mod kernel_hook;
mod output;
mod qp;
mod uu;

use cpython_api::exc;
use cpython_api::module::{Gil, MethodTable, Module, ModuleDef, ModuleRef};
use cpython_api::state::{ModuleState, Traversal, Visit};
use cpython_api::types::ExceptionClass;
use cpython_api::{cstr, version, Py, PyResult, Python};

/// The behaviour to reproduce: the CPython this is built into.
pub(crate) const PY_VERSION: binascii_core::PyVersion = binascii_core::PyVersion {
    major: version::MAJOR as u8,
    minor: version::MINOR as u8,
};

/// The module.
pub struct Binascii;

/// Per interpreter: the exception classes.
pub struct State {
    error: Py<ExceptionClass>,
    incomplete: Py<ExceptionClass>,
}

impl ModuleState for State {
    fn traverse(&self, visit: &mut Visit<'_>) -> Traversal {
        visit.visit(&self.error)?;
        visit.visit(&self.incomplete)
    }
}

impl Module for Binascii {
    type State = State;
    const NAME: &'static core::ffi::CStr = cstr!("binascii");
    const DOC: &'static core::ffi::CStr = cstr!("Conversion between binary data and ASCII");
    // Nothing is shared between calls but the state, which is read-only.
    const GIL: Gil = Gil::NotUsed;

    /// Creates this interpreter's `Error` and `Incomplete`, as C does.
    fn exec<'py>(py: Python<'py>, module: ModuleRef<'_, 'py, Self>) -> PyResult<State> {
        kernel_hook::apply(py)?;
        let error = ExceptionClass::new(
            py,
            cstr!("binascii.Error"),
            None,
            Some(exc::value_error(py)),
        )?;
        module.add(cstr!("Error"), error.as_borrowed())?;
        let incomplete = ExceptionClass::new(py, cstr!("binascii.Incomplete"), None, None)?;
        module.add(cstr!("Incomplete"), incomplete.as_borrowed())?;
        Ok(State {
            error: error.unbind(),
            incomplete: incomplete.unbind(),
        })
    }
}

/// In the C module's order (`dir()` and `help()` list them the same way).
static METHODS: MethodTable<12> = MethodTable::new([
    uu::a2b_uu::DEF,
    uu::b2a_uu::DEF,
    base64::a2b_base64::DEF,
    base64::b2a_base64::DEF,
    hex::a2b_hex::DEF,
    hex::b2a_hex::DEF,
    hex::hexlify::DEF,
    hex::unhexlify::DEF,
    crc::crc_hqx::DEF,
    crc::crc32::DEF,
    qp::a2b_qp::DEF,
    qp::b2a_qp::DEF,
]);

/// The module's definition, which `PyInit_binascii` returns initialized.
pub static MODULE: ModuleDef<Binascii> = ModuleDef::new(&METHODS);
