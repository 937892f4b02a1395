//! `a2b_base64`, `b2a_base64`.

use binascii_core as core_;
use cpython_api::args::unpack_keywords;
use cpython_api::buffer::Buffer;
use cpython_api::{arg_parser, c_entry, cstr};

use crate::convert::{ascii_data, data_buffer, flag};
use crate::output::new_bytes_copied;
use crate::PY_VERSION;

arg_parser!(static A2B_BASE64 = "a2b_base64", ["", "strict_mode"]);

c_entry! {
    /// `a2b_base64(data, /, *, strict_mode=False)`.
    pub fn a2b_base64(module, args, nargs, kwnames) {
        let mut buf = [core::ptr::null_mut(); 2];
        let args = unpack_keywords(&A2B_BASE64, args, nargs, kwnames, 1, 1, &mut buf)?;
        let mut slot = Buffer::new();
        let data = ascii_data(args.required(0), &mut slot)?;
        let strict_mode = flag(args.get(1), false)?;
        new_bytes_copied(module, core_::a2b_base64_max_len(data), |out| {
            core_::a2b_base64_into(data, strict_mode, PY_VERSION, out)
        })
    }
}

arg_parser!(static B2A_BASE64 = "b2a_base64", ["", "newline"]);

c_entry! {
    /// `b2a_base64(data, /, *, newline=True)`.
    pub fn b2a_base64(module, args, nargs, kwnames) {
        let mut buf = [core::ptr::null_mut(); 2];
        let args = unpack_keywords(&B2A_BASE64, args, nargs, kwnames, 1, 1, &mut buf)?;
        let mut slot = Buffer::new();
        let data = data_buffer(
            args.required(0),
            &mut slot,
            cstr!("b2a_base64"),
            cstr!("argument 1"),
        )?;
        let newline = flag(args.get(1), true)?;
        new_bytes_copied(module, core_::b2a_base64_max_len(data, newline), |out| {
            core_::b2a_base64_into(data, newline, out)
        })
    }
}
