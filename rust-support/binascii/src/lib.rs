//! CPython's `binascii` module in Rust: the same functions, arguments,
//! results, exceptions and docstrings as the C module of the CPython
//! version it is built into (3.11 or 3.13).  The algorithms are in
//! `binascii-core`; this crate is the Python-facing layer.
//!
//! C sees one symbol, `_PyRust_binascii_init`, which `PyInit_binascii` in
//! `Modules/binascii_rust.c` returns.

#![no_std]
#![allow(clippy::missing_safety_doc)] // C entry points: CPython is the caller.

extern crate alloc;

mod base64;
mod convert;
mod crc;
mod docs;
mod hex;
mod kernel_hook;
mod output;
mod qp;
mod uu;

use core::ffi::c_int;
use cpython_api::ffi::{self, PyObject};
use cpython_api::module::{
    add_exception, method_fastcall, method_fastcall_keywords, method_o, MethodTable, ModuleDef,
    Slots, METHODS_END,
};
use cpython_api::{cstr, state, version};

/// The behaviour to reproduce: the CPython this is built into.
pub(crate) const PY_VERSION: binascii_core::PyVersion = binascii_core::PyVersion {
    major: version::MAJOR as u8,
    minor: version::MINOR as u8,
};

/// Module state: the exception classes, per interpreter.
pub(crate) const ERROR: usize = 0;
pub(crate) const INCOMPLETE: usize = 1;
pub(crate) const STATE_SIZE: usize = 2;

/// In the C module's order (`dir()` and `help()` list them the same way).
static METHODS: MethodTable<13> = MethodTable([
    method_o(cstr!("a2b_uu"), uu::a2b_uu, docs::A2B_UU),
    method_fastcall_keywords(cstr!("b2a_uu"), uu::b2a_uu, docs::B2A_UU),
    method_fastcall_keywords(cstr!("a2b_base64"), base64::a2b_base64, docs::A2B_BASE64),
    method_fastcall_keywords(cstr!("b2a_base64"), base64::b2a_base64, docs::B2A_BASE64),
    method_o(cstr!("a2b_hex"), hex::a2b_hex, docs::A2B_HEX),
    method_fastcall_keywords(cstr!("b2a_hex"), hex::b2a_hex, docs::B2A_HEX),
    method_fastcall_keywords(cstr!("hexlify"), hex::hexlify, docs::HEXLIFY),
    method_o(cstr!("unhexlify"), hex::unhexlify, docs::UNHEXLIFY),
    method_fastcall(cstr!("crc_hqx"), crc::crc_hqx, docs::CRC_HQX),
    method_fastcall(cstr!("crc32"), crc::crc32, docs::CRC32),
    method_fastcall_keywords(cstr!("a2b_qp"), qp::a2b_qp, docs::A2B_QP),
    method_fastcall_keywords(cstr!("b2a_qp"), qp::b2a_qp, docs::B2A_QP),
    METHODS_END,
]);

static SLOTS: Slots = Slots::new(exec);

static DEF: ModuleDef = ModuleDef::with_object_state::<STATE_SIZE, 13>(
    cstr!("binascii"),
    docs::MODULE,
    &METHODS,
    &SLOTS,
);

/// `Py_mod_exec`: creates this interpreter's `Error` and `Incomplete`.
unsafe extern "C" fn exec(module: *mut PyObject) -> c_int {
    if kernel_hook::apply().is_err() {
        return -1;
    }
    let Ok(state) = state::get::<STATE_SIZE>(module) else {
        return -1;
    };
    let added = add_exception(
        module,
        &mut state[ERROR],
        cstr!("binascii.Error"),
        None,
        ffi::PyExc_ValueError,
        cstr!("Error"),
    )
    .and_then(|()| {
        add_exception(
            module,
            &mut state[INCOMPLETE],
            cstr!("binascii.Incomplete"),
            None,
            core::ptr::null_mut(),
            cstr!("Incomplete"),
        )
    });
    if added.is_ok() {
        0
    } else {
        -1
    }
}

/// The module's initialization function (multi-phase): the one symbol C
/// sees, declared in `cpython_rust.h`.
#[no_mangle]
pub extern "C" fn _PyRust_binascii_init() -> *mut PyObject {
    DEF.init()
}
