//! CPython's `_json` accelerator module in Rust: `scanstring`,
//! `encode_basestring_ascii`, `encode_basestring`, and the types
//! `make_scanner` (`_json.Scanner`) and `make_encoder` (`_json.Encoder`),
//! exact to the `Modules/_json.c` of the CPython version it is built into
//! (3.11, 3.13 and the 3.14-era tree): the same results, the same
//! exceptions and messages, the same objects where identity shows
//! (interned constants, shared one-character strings, the key memo).
//!
//! The string and number loops are `json-core`'s (with its vector
//! kernels); this crate is the Python-facing layer, written on
//! `cpython-api` in safe Rust only. C sees one symbol,
//! `_PyRust_json_init` (defined in `cpython-rust` from [`MODULE`]), which
//! `PyInit__json` in `Modules/_json_rust.c` returns.

#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

mod encoder;
mod errors;
mod floats;
mod kernel_hook;
mod memo;
mod out;
mod scanner;
mod strings;

use cpython_api::class::new_type;
use cpython_api::module::{Gil, MethodTable, Module, ModuleDef, ModuleRef};
use cpython_api::{cstr, version, PyResult, Python};

/// The CPython minor this is built into: the behaviour to reproduce.
pub(crate) const MINOR: u32 = version::MINOR;

/// The module.
pub struct Json;

impl Module for Json {
    /// None: C's `_json` keeps its types in the module's dict only (3.11
    /// also in its state, which nothing reads).
    type State = ();
    const NAME: &'static core::ffi::CStr = cstr!("_json");
    const DOC: &'static core::ffi::CStr = cstr!("json speedups\n");
    // Instances are shared read-only; the scanner's and encoder's working
    // state lives on the stack of a call (C: Py_MOD_GIL_NOT_USED).
    const GIL: Gil = Gil::NotUsed;

    /// `make_scanner` and `make_encoder`, new types for each module object.
    fn exec<'py>(py: Python<'py>, module: ModuleRef<'_, 'py, Self>) -> PyResult<()> {
        kernel_hook::apply(py)?;
        floats::probe(py)?;
        let scanner = new_type::<scanner::Scanner>(py)?;
        module.add(cstr!("make_scanner"), scanner.as_borrowed())?;
        let encoder = new_type::<encoder::Encoder>(py)?;
        module.add(cstr!("make_encoder"), encoder.as_borrowed())
    }
}

/// In the C module's order.
static METHODS: MethodTable<3> = MethodTable::new([
    strings::encode_basestring_ascii::DEF,
    strings::encode_basestring::DEF,
    strings::scanstring::DEF,
]);

/// The module's definition, which `PyInit__json` returns initialized.
pub static MODULE: ModuleDef<Json> = ModuleDef::new(&METHODS);
