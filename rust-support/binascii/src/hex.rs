//! `b2a_hex`/`hexlify`, `a2b_hex`/`unhexlify`.

use binascii_core as core_;
use core::ffi::CStr;
use cpython_api::args::{unpack_keywords, ArgParser};
use cpython_api::buffer::Buffer;
use cpython_api::c_entry;
use cpython_api::error::{exc, set_cstr};
use cpython_api::ffi::{self, PyObject, Py_ssize_t};
use cpython_api::{arg_parser, convert, cstr, object, unicode, Owned, PyResult, Raised};

use crate::convert::{ascii_data, data_buffer, raise};
use crate::output::new_bytes;

arg_parser!(static B2A_HEX = "b2a_hex", ["data", "sep", "bytes_per_sep"]);
arg_parser!(static HEXLIFY = "hexlify", ["data", "sep", "bytes_per_sep"]);

c_entry! {
    /// `b2a_hex(data, sep=<unrepresentable>, bytes_per_sep=1)`.
    pub fn b2a_hex(module, args, nargs, kwnames) {
        hex_impl(module, &B2A_HEX, cstr!("b2a_hex"), args, nargs, kwnames,)
    }
}

c_entry! {
    /// `hexlify(data, sep=<unrepresentable>, bytes_per_sep=1)`.
    pub fn hexlify(module, args, nargs, kwnames) {
        hex_impl(module, &HEXLIFY, cstr!("hexlify"), args, nargs, kwnames,)
    }
}

unsafe fn hex_impl(
    module: *mut PyObject,
    parser: &'static ArgParser,
    fname: &CStr,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> PyResult<Owned> {
    let mut buf = [core::ptr::null_mut(); 3];
    let args = unpack_keywords(parser, args, nargs, kwnames, 1, 3, &mut buf)?;
    let mut slot = Buffer::new();
    let data = data_buffer(args.required(0), &mut slot, fname, cstr!("argument 'data'"))?;
    let sep = args.get(1);
    let bytes_per_sep = match args.get(2) {
        Some(arg) => convert::c_int(arg)?,
        None => 1,
    };
    let sep = match sep {
        Some(sep) => Some(separator(module, sep)?),
        None => None,
    };
    new_bytes(
        module,
        core_::b2a_hex_max_len(data, sep, bytes_per_sep),
        |out| core_::b2a_hex_into(data, sep, bytes_per_sep, out),
    )
}

/// pystrhex.c's checks on `sep`, in its order: length, type, value.
unsafe fn separator(module: *mut PyObject, sep: *mut PyObject) -> PyResult<u8> {
    let len = ffi::PyObject_Size(sep);
    if len < 0 {
        return Err(Raised::already_set());
    }
    let first = if len != 1 {
        0 // rejected for its length below
    } else if unicode::check(sep) {
        unicode::ready(sep)?;
        if unicode::kind(sep) == 1 {
            u32::from(*unicode::data(sep))
        } else {
            u32::MAX // wider than a byte: not ASCII
        }
    } else if object::type_has_flag(sep, ffi::Py_TPFLAGS_BYTES_SUBCLASS) {
        let bytes = sep as *mut ffi::PyBytesObject;
        u32::from(*(core::ptr::addr_of!((*bytes).ob_sval) as *const u8))
    } else {
        return Err(set_cstr(
            exc::type_error(),
            cstr!("sep must be str or bytes."),
        ));
    };
    core_::b2a_hex_sep(len as usize, first).map_err(|e| raise(module, e))
}

c_entry! {
    /// `a2b_hex(hexstr, /)`: METH_O.
    pub fn a2b_hex(module, arg) {
        unhex_impl(module, arg)
    }
}

c_entry! {
    /// `unhexlify(hexstr, /)`: METH_O.
    pub fn unhexlify(module, arg) {
        unhex_impl(module, arg)
    }
}

unsafe fn unhex_impl(module: *mut PyObject, arg: *mut PyObject) -> PyResult<Owned> {
    let mut slot = Buffer::new();
    let hexstr = ascii_data(arg, &mut slot)?;
    new_bytes(module, core_::a2b_hex_max_len(hexstr), |out| {
        core_::a2b_hex_into(hexstr, out)
    })
}
