//! Pure-Rust algorithms of CPython's `binascii` module, bit-exact with the C
//! module of CPython 3.11 and 3.13 (including errors: kind and message).
//!
//! No Python objects here: the module layer converts arguments to slices and
//! integers and raises argument `TypeError`s itself. Every encoder/decoder
//! comes as a pair so the module can write straight into a new `bytes`:
//! `*_max_len(...)` gives an upper bound of the output size (and raises the
//! errors C raises before writing), `*_into(..., out)` writes the output and
//! returns the number of bytes written. `out` is `&mut [MaybeUninit<u8>]`
//! (a new `bytes` object's memory is uninitialized): `*_into` returns n
//! only after writing every byte of `out[..n]`, which is its contract; it
//! never reads `out`, and may leave anything in `out[n..]`. `*_into` panics
//! if `out` is shorter than what `*_max_len` returned for the same
//! arguments. The `_into` path never allocates (errors do, for their
//! message). Allocating wrappers (`a2b_base64(...) -> Vec<u8>` etc.) live
//! in the tests' `tests/support/mod.rs`: turning the written prefix into a
//! `Vec<u8>` takes `unsafe` code, which this crate keeps to its kernels.
//!
//! Entry points out of line: the base64 and quoted-printable `*_into` are
//! `#[inline(never)]`. The module layer is built for size (`opt-level =
//! "s"`, root Cargo.toml), and a function inlined into it is compiled for
//! size too: those algorithms keep opt-level 3 by staying whole functions.
//! hex's and uu's are short loops (hex's bulk is in the kernels) and are
//! inlined: out of line they cost 1.2 KB, a page of the module (docs/design.md,
//! "Where the size goes").
//!
//! Notes for the module layer:
//! * `b2a_qp_max_len` is C's counting pass over the data and
//!   `b2a_qp_into` does not repeat it: call both, in that order.
//! * `ErrorKind::Memory` carries an empty message: raise `PyErr_NoMemory()`.
//! * hexlify's `sep`: the module raises `TypeError("sep must be str or
//!   bytes.")` and `len()` errors; [`b2a_hex_sep`] makes the value checks
//!   ("sep must be length 1.", "sep must be ASCII."). With bytes output,
//!   any byte, and any str char below U+0100, is a valid separator.
//! * a2b_uu of empty input: C reads the byte after the end (the buffer's
//!   NUL terminator for bytes, bytearray, str); this crate assumes NUL. An
//!   empty memoryview slice of a larger buffer would read that buffer's
//!   next byte in C.
//!
//! # Differences between 3.11 and 3.13 (Modules/binascii.c, pystrhex.c)
//!
//! * `a2b_base64(strict_mode=True)`: 3.13 raises `binascii.Error("Excess
//!   padding not allowed")` for a `=` met at the start of a quad (after a
//!   complete quad, e.g. `b"AAAA="`, `b"AA==="`); 3.11 ignores such a pad.
//!   This is the only algorithmic difference, so only [`a2b_base64_into`]
//!   takes a [`PyVersion`].
//! * Argument parsing only (module layer's job, not this crate): 3.11 takes
//!   `bool(accept={int})` for `strict_mode`, `newline`, `backtick`, `header`,
//!   `quotetabs`, `istext` (an int is required, any int accepted); 3.13 takes
//!   any object's truth value. 3.11 also raises `TypeError` for
//!   non-contiguous buffers, 3.13 cannot receive them.
//! * crc32: 3.13 feeds zlib 1 GiB chunks instead of 4 GiB ones: same result.
//! * No difference in a2b_uu, b2a_uu, b2a_base64, a2b_hex, b2a_hex/hexlify,
//!   a2b_qp, b2a_qp, crc_hqx.
// The module is `no_std` (see docs/design.md): core and alloc only.
#![no_std]
// No unsafe code but the vector code (byte_mask.rs, simd/), which allows it
// locally.
#![deny(unsafe_code)]

extern crate alloc;
#[cfg(test)]
extern crate std;

mod base64;
mod byte_mask;
mod crc32;
mod crc_hqx;
mod error;
mod hex;
mod qp_decode;
mod qp_encode;
pub mod simd;
mod uu;

use core::mem::MaybeUninit;

pub use crate::base64::{a2b_base64_into, a2b_base64_max_len, b2a_base64_into, b2a_base64_max_len};
pub use crate::crc32::crc32;
pub use crate::crc_hqx::crc_hqx;
pub use crate::error::{Error, ErrorKind};
pub use crate::hex::{a2b_hex_into, a2b_hex_max_len, b2a_hex_into, b2a_hex_max_len, b2a_hex_sep};
pub use crate::qp_decode::{a2b_qp_into, a2b_qp_max_len};
pub use crate::qp_encode::{b2a_qp_into, b2a_qp_max_len};
pub use crate::uu::{a2b_uu_into, a2b_uu_max_len, b2a_uu_into, b2a_uu_max_len};

/// Writes `src` to the start of `dst` (`copy_from_slice` for an output
/// buffer: `MaybeUninit::copy_from_slice` is unstable). LLVM turns the loop
/// into a `memcpy`, or into a few moves for short constant lengths. Panics
/// if `dst` is shorter than `src`.
#[inline(always)]
pub(crate) fn write_bytes(dst: &mut [MaybeUninit<u8>], src: &[u8]) {
    for (d, &s) in dst[..src.len()].iter_mut().zip(src) {
        *d = MaybeUninit::new(s);
    }
}

/// The CPython version whose behaviour to reproduce: 3.13 and later get the
/// 3.13 behaviour, earlier versions that of 3.11 (3.12 not checked).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PyVersion {
    pub major: u8,
    pub minor: u8,
}

impl PyVersion {
    pub const V3_11: PyVersion = PyVersion {
        major: 3,
        minor: 11,
    };
    pub const V3_13: PyVersion = PyVersion {
        major: 3,
        minor: 13,
    };
}
