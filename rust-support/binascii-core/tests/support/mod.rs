//! Allocating forms of binascii-core's `*_into` functions (`a2b_base64(...)
//! -> Vec<u8>` etc.), for the tests, the `speed` bench and the fuzz target
//! (tests/fuzz): turning the written prefix of an output buffer into a
//! `Vec<u8>` takes `unsafe` code, which the library keeps to its kernels.
//! Each user includes this file as a module (`mod support;`, or
//! `#[path = ...] mod support;` outside tests/).

// Each user calls some of these only.
#![allow(dead_code)]

use binascii_core::*;
use std::mem::MaybeUninit;

/// What an output buffer holds before an `_into` call: a byte the call did
/// not write shows up as FILL (a wrong result), never as uninitialized
/// memory read.
pub const FILL: u8 = 0xaa;

/// Calls `into` (an `_into` function) on a buffer of `max_len` bytes and
/// returns the `n` bytes it reports writing, as the module uses the API.
pub fn collect(
    max_len: usize,
    into: impl FnOnce(&mut [MaybeUninit<u8>]) -> Result<usize, Error>,
) -> Result<Vec<u8>, Error> {
    let mut out = vec![MaybeUninit::new(FILL); max_len];
    let n = into(&mut out)?;
    // SAFETY: every byte of `out` started initialized (FILL), and the
    // crate stores only initialized bytes (`MaybeUninit::new`, the kernels'
    // register stores); `_into` wrote `out[..n]` (its contract).
    Ok(out[..n]
        .iter()
        .map(|byte| unsafe { byte.assume_init() })
        .collect())
}

/// `copy_from_slice` into an output buffer (the library's own helper is
/// private).
pub fn write_bytes(dst: &mut [MaybeUninit<u8>], src: &[u8]) {
    for (d, &s) in dst[..src.len()].iter_mut().zip(src) {
        *d = MaybeUninit::new(s);
    }
}

pub fn a2b_base64(data: &[u8], strict_mode: bool, version: PyVersion) -> Result<Vec<u8>, Error> {
    collect(a2b_base64_max_len(data)?, |out| {
        a2b_base64_into(data, strict_mode, version, out)
    })
}

pub fn b2a_base64(data: &[u8], newline: bool) -> Result<Vec<u8>, Error> {
    collect(b2a_base64_max_len(data, newline)?, |out| {
        b2a_base64_into(data, newline, out)
    })
}

pub fn a2b_hex(hexstr: &[u8]) -> Result<Vec<u8>, Error> {
    collect(a2b_hex_max_len(hexstr)?, |out| a2b_hex_into(hexstr, out))
}

pub fn b2a_hex(data: &[u8], sep: Option<u8>, bytes_per_sep: i32) -> Result<Vec<u8>, Error> {
    collect(b2a_hex_max_len(data, sep, bytes_per_sep)?, |out| {
        b2a_hex_into(data, sep, bytes_per_sep, out)
    })
}

pub fn a2b_uu(data: &[u8]) -> Result<Vec<u8>, Error> {
    collect(a2b_uu_max_len(data)?, |out| a2b_uu_into(data, out))
}

pub fn b2a_uu(data: &[u8], backtick: bool) -> Result<Vec<u8>, Error> {
    collect(b2a_uu_max_len(data)?, |out| {
        b2a_uu_into(data, backtick, out)
    })
}

pub fn a2b_qp(data: &[u8], header: bool) -> Result<Vec<u8>, Error> {
    collect(a2b_qp_max_len(data)?, |out| a2b_qp_into(data, header, out))
}

pub fn b2a_qp(data: &[u8], quotetabs: bool, istext: bool, header: bool) -> Result<Vec<u8>, Error> {
    collect(b2a_qp_max_len(data, quotetabs, istext, header)?, |out| {
        b2a_qp_into(data, quotetabs, istext, header, out)
    })
}
