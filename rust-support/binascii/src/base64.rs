//! `a2b_base64`, `b2a_base64`.

use binascii_core as core_;
use cpython_api::buffer::{AsciiBuffer, BytesLike};
use cpython_api::types::PyBytes;
use cpython_api::{function, Owned, PyResult};

use crate::convert::Flag;
use crate::output::new_bytes_copied;
use crate::{Binascii, PY_VERSION};

function! {
    #[pydoc(
        "Decode a line of base64 data.\n",
        "\n",
        "  strict_mode\n",
        "    When set to True, bytes that are not part of the base64 standard are not allowed.\n",
        "    The same applies to excess data after padding (= / ==).",
    )]
    pub fn a2b_base64<'py>(py, module: Binascii, data: AsciiBuffer, /, *, strict_mode: Flag = "False")
        -> PyResult<Owned<'py, PyBytes>>
    {
        let data = data.read()?;
        new_bytes_copied(module, core_::a2b_base64_max_len(data), |out| {
            core_::a2b_base64_into(data, strict_mode.0, PY_VERSION, out)
        })
    }
}

function! {
    #[pydoc("Base64-code line of data.")]
    pub fn b2a_base64<'py>(py, module: Binascii, data: BytesLike, /, *, newline: Flag = "True")
        -> PyResult<Owned<'py, PyBytes>>
    {
        let data = data.read()?;
        new_bytes_copied(module, core_::b2a_base64_max_len(data, newline.0), |out| {
            core_::b2a_base64_into(data, newline.0, out)
        })
    }
}
