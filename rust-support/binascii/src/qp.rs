//! `a2b_qp`, `b2a_qp`.

use binascii_core as core_;
use cpython_api::buffer::{AsciiBuffer, BytesLike};
use cpython_api::types::PyBytes;
use cpython_api::{function, Owned, PyResult};

use crate::convert::Flag;
use crate::output::new_bytes_copied;
use crate::Binascii;

function! {
    #[pydoc("Decode a string of qp-encoded data.")]
    pub fn a2b_qp<'py>(py, module: Binascii, /, data: AsciiBuffer, header: Flag = "False")
        -> PyResult<Owned<'py, PyBytes>>
    {
        let data = data.read()?;
        new_bytes_copied(module, core_::a2b_qp_max_len(data), |out| {
            core_::a2b_qp_into(data, header.0, out)
        })
    }
}

function! {
    #[pydoc(
        "Encode a string using quoted-printable encoding.\n",
        "\n",
        "On encoding, when istext is set, newlines are not encoded, and white\n",
        "space at end of lines is.  When istext is not set, \\r and \\n (CR/LF)\n",
        "are both encoded.  When quotetabs is set, space and tabs are encoded.",
    )]
    pub fn b2a_qp<'py>(
        py,
        module: Binascii,
        /,
        data: BytesLike,
        quotetabs: Flag = "False",
        istext: Flag = "True",
        header: Flag = "False"
    ) -> PyResult<Owned<'py, PyBytes>> {
        let data = data.read()?;
        let (quotetabs, istext, header) = (quotetabs.0, istext.0, header.0);
        new_bytes_copied(
            module,
            core_::b2a_qp_max_len(data, quotetabs, istext, header),
            |out| core_::b2a_qp_into(data, quotetabs, istext, header, out),
        )
    }
}
