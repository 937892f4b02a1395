//! `crc_hqx`, `crc32`.

use binascii_core as core_;
use cpython_api::buffer::BytesLike;
use cpython_api::convert::UnsignedIntBitwise;
use cpython_api::types::PyInt;
use cpython_api::{function, Owned, PyResult};

use crate::Binascii;

/// Like C (with zlib): releasing the GIL costs more than a short CRC.
const RELEASE_GIL_ABOVE: usize = 5 * 1024;

function! {
    #[pydoc("Compute CRC-CCITT incrementally.")]
    pub fn crc_hqx<'py>(py, _module: Binascii, data: BytesLike, crc: UnsignedIntBitwise, /)
        -> PyResult<Owned<'py, PyInt>>
    {
        let data = data.read()?;
        PyInt::from_u32(py, core_::crc_hqx(data, crc.0))
    }
}

function! {
    #[pydoc("Compute CRC-32 incrementally.")]
    pub fn crc32<'py>(py, _module: Binascii, data: BytesLike, crc: UnsignedIntBitwise = "0", /)
        -> PyResult<Owned<'py, PyInt>>
    {
        let data = data.read()?;
        let result = if data.len() > RELEASE_GIL_ABOVE {
            py.allow_threads(|| core_::crc32(data, crc.0))
        } else {
            core_::crc32(data, crc.0)
        };
        PyInt::from_u32(py, result)
    }
}
