//! Docstrings, as Argument Clinic writes them for the C module (the same
//! in 3.11 and 3.13).  The first line is the text signature that
//! `inspect.signature` and `help()` read.

use core::ffi::CStr;

/// `binascii.__doc__`.
pub const MODULE: &CStr = cpython_api::cstr!("Conversion between binary data and ASCII");

pub const A2B_UU: &CStr = cpython_api::cstr!(concat!(
    "a2b_uu($module, data, /)\n",
    "--\n",
    "\n",
    "Decode a line of uuencoded data.",
));

pub const B2A_UU: &CStr = cpython_api::cstr!(concat!(
    "b2a_uu($module, data, /, *, backtick=False)\n",
    "--\n",
    "\n",
    "Uuencode line of data.",
));

pub const A2B_BASE64: &CStr = cpython_api::cstr!(concat!(
    "a2b_base64($module, data, /, *, strict_mode=False)\n",
    "--\n",
    "\n",
    "Decode a line of base64 data.\n",
    "\n",
    "  strict_mode\n",
    "    When set to True, bytes that are not part of the base64 standard are not allowed.\n",
    "    The same applies to excess data after padding (= / ==).",
));

pub const B2A_BASE64: &CStr = cpython_api::cstr!(concat!(
    "b2a_base64($module, data, /, *, newline=True)\n",
    "--\n",
    "\n",
    "Base64-code line of data.",
));

pub const CRC_HQX: &CStr = cpython_api::cstr!(concat!(
    "crc_hqx($module, data, crc, /)\n",
    "--\n",
    "\n",
    "Compute CRC-CCITT incrementally.",
));

pub const CRC32: &CStr = cpython_api::cstr!(concat!(
    "crc32($module, data, crc=0, /)\n",
    "--\n",
    "\n",
    "Compute CRC-32 incrementally.",
));

pub const B2A_HEX: &CStr = cpython_api::cstr!(concat!(
    "b2a_hex($module, /, data, sep=<unrepresentable>, bytes_per_sep=1)\n",
    "--\n",
    "\n",
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
));

pub const HEXLIFY: &CStr = cpython_api::cstr!(concat!(
    "hexlify($module, /, data, sep=<unrepresentable>, bytes_per_sep=1)\n",
    "--\n",
    "\n",
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
));

pub const A2B_HEX: &CStr = cpython_api::cstr!(concat!(
    "a2b_hex($module, hexstr, /)\n",
    "--\n",
    "\n",
    "Binary data of hexadecimal representation.\n",
    "\n",
    "hexstr must contain an even number of hex digits (upper or lower case).\n",
    "This function is also available as \"unhexlify()\".",
));

pub const UNHEXLIFY: &CStr = cpython_api::cstr!(concat!(
    "unhexlify($module, hexstr, /)\n",
    "--\n",
    "\n",
    "Binary data of hexadecimal representation.\n",
    "\n",
    "hexstr must contain an even number of hex digits (upper or lower case).",
));

pub const A2B_QP: &CStr = cpython_api::cstr!(concat!(
    "a2b_qp($module, /, data, header=False)\n",
    "--\n",
    "\n",
    "Decode a string of qp-encoded data.",
));

pub const B2A_QP: &CStr = cpython_api::cstr!(concat!(
    "b2a_qp($module, /, data, quotetabs=False, istext=True, header=False)\n",
    "--\n",
    "\n",
    "Encode a string using quoted-printable encoding.\n",
    "\n",
    "On encoding, when istext is set, newlines are not encoded, and white\n",
    "space at end of lines is.  When istext is not set, \\r and \\n (CR/LF)\n",
    "are both encoded.  When quotetabs is set, space and tabs are encoded.",
));
