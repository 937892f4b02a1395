//! `a2b_uu`, `b2a_uu`.

use binascii_core as core_;
use cpython_api::args::unpack_keywords;
use cpython_api::buffer::Buffer;
use cpython_api::{arg_parser, c_entry, cstr};

use crate::convert::{ascii_data, data_buffer, flag};
use crate::output::new_bytes;

c_entry! {
    /// `a2b_uu(data, /)`: METH_O.
    pub fn a2b_uu(module, arg) {
        let mut slot = Buffer::new();
        let data = ascii_data(arg, &mut slot)?;
        new_bytes(module, core_::a2b_uu_max_len(data), |out| {
            core_::a2b_uu_into(data, out)
        })
    }
}

arg_parser!(static B2A_UU = "b2a_uu", ["", "backtick"]);

c_entry! {
    /// `b2a_uu(data, /, *, backtick=False)`.
    pub fn b2a_uu(module, args, nargs, kwnames) {
        let mut buf = [core::ptr::null_mut(); 2];
        let args = unpack_keywords(&B2A_UU, args, nargs, kwnames, 1, 1, &mut buf)?;
        let mut slot = Buffer::new();
        let data = data_buffer(
            args.required(0),
            &mut slot,
            cstr!("b2a_uu"),
            cstr!("argument 1"),
        )?;
        let backtick = flag(args.get(1), false)?;
        new_bytes(module, core_::b2a_uu_max_len(data), |out| {
            core_::b2a_uu_into(data, backtick, out)
        })
    }
}
