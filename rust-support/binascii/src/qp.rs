//! `a2b_qp`, `b2a_qp`.

use binascii_core as core_;
use cpython_api::args::unpack_keywords;
use cpython_api::buffer::Buffer;
use cpython_api::{arg_parser, c_entry, cstr};

use crate::convert::{ascii_data, data_buffer, flag};
use crate::output::new_bytes_copied;

arg_parser!(static A2B_QP = "a2b_qp", ["data", "header"]);

c_entry! {
    /// `a2b_qp(data, header=False)`.
    pub fn a2b_qp(module, args, nargs, kwnames) {
        let mut buf = [core::ptr::null_mut(); 2];
        let args = unpack_keywords(&A2B_QP, args, nargs, kwnames, 1, 2, &mut buf)?;
        let mut slot = Buffer::new();
        let data = ascii_data(args.required(0), &mut slot)?;
        let header = flag(args.get(1), false)?;
        new_bytes_copied(module, core_::a2b_qp_max_len(data), |out| {
            core_::a2b_qp_into(data, header, out)
        })
    }
}

arg_parser!(static B2A_QP = "b2a_qp", ["data", "quotetabs", "istext", "header"]);

c_entry! {
    /// `b2a_qp(data, quotetabs=False, istext=True, header=False)`.
    pub fn b2a_qp(module, args, nargs, kwnames) {
        let mut buf = [core::ptr::null_mut(); 4];
        let args = unpack_keywords(&B2A_QP, args, nargs, kwnames, 1, 4, &mut buf)?;
        let mut slot = Buffer::new();
        let data = data_buffer(
            args.required(0),
            &mut slot,
            cstr!("b2a_qp"),
            cstr!("argument 'data'"),
        )?;
        let quotetabs = flag(args.get(1), false)?;
        let istext = flag(args.get(2), true)?;
        let header = flag(args.get(3), false)?;
        new_bytes_copied(
            module,
            core_::b2a_qp_max_len(data, quotetabs, istext, header),
            |out| core_::b2a_qp_into(data, quotetabs, istext, header, out),
        )
    }
}
