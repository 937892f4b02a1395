//! Every vector kernel this CPU runs against the scalar code: the public
//! functions of binascii-core, whose results (bytes, or error kind and
//! message) must be identical whichever kernel is selected.
//!
//! The first byte picks how the rest is shaped, so the fuzzer reaches the
//! vector paths (clean base64 or hex with a few flaws, base64 in lines of
//! one length) as well as raw bytes, and where crc32 is cut in two.

#![no_main]

#[path = "../../../rust-support/binascii-core/tests/support/mod.rs"]
mod support;

use binascii_core::simd::{self, Kernel};
use binascii_core::{crc32, Error, PyVersion};
use libfuzzer_sys::fuzz_target;
use support::{a2b_base64, a2b_hex, b2a_base64, b2a_hex};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const HEX: &[u8; 22] = b"0123456789abcdefABCDEF";
const FLAWS: &[u8] = b"\n\r =!-_\x00\x80\xff";

/// Maps most bytes into `alphabet`; a byte whose top bits are all set
/// becomes a flaw (junk, a pad, a byte next to the alphabet).
fn shaped(data: &[u8], alphabet: &[u8]) -> Vec<u8> {
    data.iter()
        .map(|&b| {
            if b >= 0xf8 {
                FLAWS[usize::from(b & 7) % FLAWS.len()]
            } else {
                alphabet[usize::from(b) % alphabet.len()]
            }
        })
        .collect()
}

/// `b64` in lines of 32 to 95 characters ended by LF or CRLF (from
/// `mode`), as MIME and PEM write them: the line decoder's layout, with
/// the flaws `shaped` left in.
fn lines(b64: &[u8], mode: u8) -> Vec<u8> {
    let width = 32 + usize::from(mode >> 2);
    let eol: &[u8] = if mode & 2 == 0 { b"\n" } else { b"\r\n" };
    let mut text = Vec::with_capacity(b64.len() + b64.len() / width * 2 + 2);
    for line in b64.chunks(width) {
        text.extend_from_slice(line);
        text.extend_from_slice(eol);
    }
    text
}

#[derive(Debug, PartialEq)]
struct Results(Vec<Result<Vec<u8>, Error>>, [u32; 3]);

fn run_all(data: &[u8], b64: &[u8], hex: &[u8], wrapped: &[u8], mode: u8) -> Results {
    let mut results = Vec::new();
    for input in [data, b64, wrapped] {
        for strict in [false, true] {
            for version in [PyVersion::V3_11, PyVersion::V3_13] {
                results.push(a2b_base64(input, strict, version));
            }
        }
    }
    results.push(b2a_base64(data, true));
    results.push(b2a_base64(data, false));
    results.push(b2a_hex(data, None, 0));
    results.push(a2b_hex(hex));
    results.push(a2b_hex(data));
    // crc32 whole, from another start value, and chained: cut at `mode`.
    let cut = usize::from(mode).min(data.len());
    let chained = crc32(&data[cut..], crc32(&data[..cut], 0x1234_5678));
    Results(results, [crc32(data, 0), crc32(data, 0xffff_ffff), chained])
}

fuzz_target!(|input: &[u8]| {
    let Some((&mode, data)) = input.split_first() else {
        return;
    };
    let b64 = shaped(data, ALPHABET);
    let mut hex = shaped(data, HEX);
    if mode & 1 == 1 {
        hex.truncate(hex.len() & !1);
    }
    let wrapped = lines(&b64, mode);
    simd::select(Kernel::Scalar).unwrap();
    let want = run_all(data, &b64, &hex, &wrapped, mode);
    for kernel in Kernel::ALL.into_iter().filter(|k| k.supported()) {
        simd::select(kernel).unwrap();
        let got = run_all(data, &b64, &hex, &wrapped, mode);
        assert_eq!(want, got, "kernel {} differs from scalar", kernel.name());
    }
});
