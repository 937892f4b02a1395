//! `crc_hqx`, `crc32`.

use binascii_core as core_;
use cpython_api::args::check_positional;
use cpython_api::buffer::Buffer;
use cpython_api::c_entry;
use cpython_api::convert::{from_unsigned, unsigned_int_bitwise};
use cpython_api::cstr;
use cpython_api::gil::allow_threads;

use crate::convert::data_buffer;

/// Like C (with zlib): releasing the GIL costs more than a short CRC.
const RELEASE_GIL_ABOVE: usize = 5 * 1024;

c_entry! {
    /// `crc_hqx(data, crc, /)`.
    pub fn crc_hqx(_module, args, nargs) {
        check_positional(cstr!("crc_hqx"), nargs, 2, 2)?;
        let mut slot = Buffer::new();
        let data = data_buffer(*args, &mut slot, cstr!("crc_hqx"), cstr!("argument 1"))?;
        let crc = unsigned_int_bitwise(*args.add(1))?;
        from_unsigned(core_::crc_hqx(data, crc).into())
    }
}

c_entry! {
    /// `crc32(data, crc=0, /)`.
    pub fn crc32(_module, args, nargs) {
        check_positional(cstr!("crc32"), nargs, 1, 2)?;
        let mut slot = Buffer::new();
        let bytes = data_buffer(*args, &mut slot, cstr!("crc32"), cstr!("argument 1"))?;
        let crc = if nargs < 2 {
            0
        } else {
            unsigned_int_bitwise(*args.add(1))?
        };
        let result = if bytes.len() > RELEASE_GIL_ABOVE {
            allow_threads(|| core_::crc32(bytes, crc))
        } else {
            core_::crc32(bytes, crc)
        };
        from_unsigned(result.into())
    }
}
