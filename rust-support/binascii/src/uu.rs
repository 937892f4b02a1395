//! `a2b_uu`, `b2a_uu`.

use binascii_core as core_;
use cpython_api::buffer::{AsciiBuffer, BytesLike};
use cpython_api::types::PyBytes;
use cpython_api::{function, Owned, PyResult};

use crate::convert::Flag;
use crate::output::new_bytes;
use crate::Binascii;

function! {
    #[pydoc("Decode a line of uuencoded data.")]
    pub fn a2b_uu<'py>(py, module: Binascii, data: AsciiBuffer, /) -> PyResult<Owned<'py, PyBytes>> {
        let data = data.read()?;
        new_bytes(module, core_::a2b_uu_max_len(data), |out| core_::a2b_uu_into(data, out))
    }
}

function! {
    #[pydoc("Uuencode line of data.")]
    pub fn b2a_uu<'py>(py, module: Binascii, data: BytesLike, /, *, backtick: Flag = "False")
        -> PyResult<Owned<'py, PyBytes>>
    {
        let data = data.read()?;
        new_bytes(module, core_::b2a_uu_max_len(data), |out| {
            core_::b2a_uu_into(data, backtick.0, out)
        })
    }
}
