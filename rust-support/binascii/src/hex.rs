//! `b2a_hex`/`hexlify`, `a2b_hex`/`unhexlify`.

use binascii_core as core_;
use cpython_api::buffer::{AsciiBuffer, BytesLike};
use cpython_api::module::ModuleRef;
use cpython_api::types::{PyBytes, PyStr};
use cpython_api::{cstr, exc, function, Borrowed, Owned, PyAny, PyErr, PyResult};

use crate::convert::raise;
use crate::output::new_bytes;
use crate::Binascii;

function! {
    #[pydoc(
        "Hexadecimal representation of binary data.\n",
        "\n",
        "  sep\n",
        "    An optional single character or byte to separate hex bytes.\n",
        "  bytes_per_sep\n",
        "    How many bytes between separators.  Positive values count from the\n",
        "    right, negative values count from the left.\n",
        "\n",
        "The return value is a bytes object.  This function is also\n",
        "available as \"hexlify()\".\n",
        "\n",
        "Example:\n",
        ">>> binascii.b2a_hex(b'\\xb9\\x01\\xef')\n",
        "b'b901ef'\n",
        ">>> binascii.hexlify(b'\\xb9\\x01\\xef', ':')\n",
        "b'b9:01:ef'\n",
        ">>> binascii.b2a_hex(b'\\xb9\\x01\\xef', b'_', 2)\n",
        "b'b9_01ef'",
    )]
    pub fn b2a_hex<'py>(
        py,
        module: Binascii,
        /,
        data: BytesLike,
        sep: Option<Borrowed<PyAny>> = NULL,
        bytes_per_sep: core::ffi::c_int = "1"
    ) -> PyResult<Owned<'py, PyBytes>> {
        hex(module, data, sep, bytes_per_sep)
    }
}

function! {
    #[pydoc(
        "Hexadecimal representation of binary data.\n",
        "\n",
        "  sep\n",
        "    An optional single character or byte to separate hex bytes.\n",
        "  bytes_per_sep\n",
        "    How many bytes between separators.  Positive values count from the\n",
        "    right, negative values count from the left.\n",
        "\n",
        "The return value is a bytes object.  This function is also\n",
        "available as \"b2a_hex()\".",
    )]
    pub fn hexlify<'py>(
        py,
        module: Binascii,
        /,
        data: BytesLike,
        sep: Option<Borrowed<PyAny>> = NULL,
        bytes_per_sep: core::ffi::c_int = "1"
    ) -> PyResult<Owned<'py, PyBytes>> {
        hex(module, data, sep, bytes_per_sep)
    }
}

fn hex<'py>(
    module: ModuleRef<'_, 'py, Binascii>,
    mut data: BytesLike<'_, 'py>,
    sep: Option<Borrowed<'_, 'py, PyAny>>,
    bytes_per_sep: core::ffi::c_int,
) -> PyResult<Owned<'py, PyBytes>> {
    let sep = match sep {
        Some(sep) => Some(separator(module, sep)?),
        None => None,
    };
    let data = data.read()?;
    new_bytes(
        module,
        core_::b2a_hex_max_len(data, sep, bytes_per_sep),
        |out| core_::b2a_hex_into(data, sep, bytes_per_sep, out),
    )
}

/// pystrhex.c's checks on `sep`, in its order: length, type, value.
fn separator(module: ModuleRef<'_, '_, Binascii>, sep: Borrowed<'_, '_, PyAny>) -> PyResult<u8> {
    let len = sep.len()?;
    let first = if len != 1 {
        0 // rejected for its length below
    } else if let Some(text) = sep.downcast::<PyStr>() {
        if text.kind()? == 1 {
            text.char_at(0)?.unwrap_or(0)
        } else {
            u32::MAX // wider than a byte: not ASCII
        }
    } else if let Some(bytes) = sep.downcast::<PyBytes>() {
        bytes.as_bytes().first().copied().map_or(0, u32::from)
    } else {
        return Err(PyErr::from_cstr(
            exc::type_error(sep.py()),
            cstr!("sep must be str or bytes."),
        ));
    };
    core_::b2a_hex_sep(len, first).map_err(|e| raise(module, e))
}

function! {
    #[pydoc(
        "Binary data of hexadecimal representation.\n",
        "\n",
        "hexstr must contain an even number of hex digits (upper or lower case).\n",
        "This function is also available as \"unhexlify()\".",
    )]
    pub fn a2b_hex<'py>(py, module: Binascii, hexstr: AsciiBuffer, /) -> PyResult<Owned<'py, PyBytes>> {
        unhex(module, hexstr)
    }
}

function! {
    #[pydoc(
        "Binary data of hexadecimal representation.\n",
        "\n",
        "hexstr must contain an even number of hex digits (upper or lower case).",
    )]
    pub fn unhexlify<'py>(py, module: Binascii, hexstr: AsciiBuffer, /) -> PyResult<Owned<'py, PyBytes>> {
        unhex(module, hexstr)
    }
}

fn unhex<'py>(
    module: ModuleRef<'_, 'py, Binascii>,
    mut hexstr: AsciiBuffer<'_, 'py>,
) -> PyResult<Owned<'py, PyBytes>> {
    let hexstr = hexstr.read()?;
    new_bytes(module, core_::a2b_hex_max_len(hexstr), |out| {
        core_::a2b_hex_into(hexstr, out)
    })
}
