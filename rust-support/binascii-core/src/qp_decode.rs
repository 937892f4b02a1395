//! binascii.a2b_qp: decode quoted-printable (RFC 1521) the lenient C way:
//! malformed escapes are copied through, never reported.
//!
//! The data is read in 64-byte blocks: one vector compare per block gives a
//! bitmask of its '=' (and '_' in header mode), and the loop walks the set
//! bits, copying the plain bytes in between 16 at a time and decoding each
//! `=XX` and soft line break on the spot. C's loop branches on every byte,
//! which mispredicts on text with an escape every few bytes (8-bit text);
//! here the branches are per escape and per block, so dense and sparse text
//! are both fast. Blocks too near the end for a whole window are decoded
//! from a zero-padded copy into a scratch window.

use crate::byte_mask::{byte_mask, BLOCK};
use crate::error::Error;
use crate::hex::{pair_bits, pair_value, BAD_PAIR};
use core::mem::MaybeUninit;

/// Plain bytes are copied in chunks of this size, past the run's end.
const CHUNK: usize = 16;
/// What one block's decoding reads, and may write in the output: the
/// block, plus a chunk copied from its last byte or an escape's digits.
const WINDOW: usize = BLOCK + CHUNK;
/// Offsets inside a block are masked with this: the masks never change a
/// value (each offset is below BLOCK where it is used) but let the compiler
/// drop the bounds checks on the fixed-size windows.
const IN_BLOCK: usize = BLOCK - 1;

/// Copies `window[from..to]` to `out[o..]` a chunk at a time (`from` and
/// `o` are below BLOCK, `o <= from`): up to CHUNK bytes past the run are
/// copied too, and overwritten later. The first chunk is copied even for
/// an empty run: between two escapes that is cheaper than a branch that
/// mispredicts.
#[inline]
fn copy_run(
    window: &[u8; WINDOW],
    from: usize,
    to: usize,
    out: &mut [MaybeUninit<u8>; WINDOW],
    o: usize,
) {
    let mut k = 0;
    loop {
        let (src, dst) = ((from + k) & IN_BLOCK, (o + k) & IN_BLOCK);
        // One 16-byte move. Not `write_bytes`: with its loop, LLVM computes
        // this loop's offsets in bytes, four more instructions per chunk.
        let chunk: &[u8; CHUNK] = window[src..src + CHUNK].try_into().expect("a chunk");
        let into: &mut [MaybeUninit<u8>; CHUNK] =
            (&mut out[dst..dst + CHUNK]).try_into().expect("a chunk");
        *into = chunk.map(MaybeUninit::new);
        k += CHUNK;
        if from + k >= to {
            break;
        }
    }
}

/// Decodes the '=' at `data[i]` as C does, in all the cases the block loop
/// leaves out, writing at most one byte at `out[o]`; returns the next
/// `(i, o)`.
fn decode_equals(
    data: &[u8],
    mut i: usize,
    out: &mut [MaybeUninit<u8>],
    mut o: usize,
) -> (usize, usize) {
    let len = data.len();
    i += 1;
    // A lone '=' at the very end is dropped.
    if i >= len {
        return (i, o);
    }
    match data[i] {
        // Soft line break: '=' then anything up to and including the next
        // LF (C skips a CR and whatever follows it).
        b'\n' | b'\r' => {
            if data[i] != b'\n' {
                while i < len && data[i] != b'\n' {
                    i += 1;
                }
            }
            if i < len {
                i += 1;
            }
        }
        // "==" from broken Python qp encoders.
        b'=' => {
            out[o] = MaybeUninit::new(b'=');
            o += 1;
            i += 1;
        }
        hi => match data.get(i + 1).and_then(|&lo| pair_value(hi, lo)) {
            Some(byte) => {
                out[o] = MaybeUninit::new(byte);
                o += 1;
                i += 2;
            }
            // Not an escape: keep the '=' and reread what follows.
            None => {
                out[o] = MaybeUninit::new(b'=');
                o += 1;
            }
        },
    }
    (i, o)
}

/// Upper bound of `a2b_qp`'s output: decoding never grows the data.
pub fn a2b_qp_max_len(data: &[u8]) -> Result<usize, Error> {
    Ok(data.len())
}

/// Decodes the block of `data` at `base`, whose first `limit` bytes are
/// data (BLOCK unless the data ends sooner). `window` holds
/// `data[base..]`, zero-padded if the data ends inside it (zero is neither
/// special nor a hex digit), and the output goes to `out`. Returns the
/// bytes read (at least `limit`; more when an escape runs past the block)
/// and written.
#[inline]
fn decode_block<const HEADER: bool>(
    data: &[u8],
    base: usize,
    window: &[u8; WINDOW],
    limit: usize,
    out: &mut [MaybeUninit<u8>; WINDOW],
) -> (usize, usize) {
    let block = window[..BLOCK].try_into().expect("a block");
    let mut mask = byte_mask(block, b'=', HEADER.then_some(b'_'));
    // Bytes read and written so far; `o <= i`.
    let (mut i, mut o) = (0, 0);
    while mask != 0 {
        let p = mask.trailing_zeros() as usize & IN_BLOCK;
        copy_run(window, i, p, out, o);
        o += p - i;
        let (first, second) = (window[p + 1], window[p + 2]);
        let value = pair_bits(first, second);
        let is_equals = !HEADER || window[p] == b'=';
        // Neither hex digits nor CR and LF are special: in the four common
        // cases the next bit is past what they read.
        if is_equals && value & BAD_PAIR == 0 {
            out[o & IN_BLOCK] = MaybeUninit::new(value as u8);
            o += 1;
            i = p + 3;
            mask &= mask - 1;
        } else if is_equals && first == b'\n' {
            // Soft line break.
            i = p + 2;
            mask &= mask - 1;
        } else if is_equals && first == b'\r' && second == b'\n' {
            i = p + 3;
            mask &= mask - 1;
        } else if !is_equals {
            // '_' in header mode.
            out[o & IN_BLOCK] = MaybeUninit::new(b' ');
            o += 1;
            i = p + 1;
            mask &= mask - 1;
        } else {
            let next;
            (next, o) = decode_equals(data, base + p, out, o);
            i = next - base;
            mask = if i < BLOCK { mask & (!0 << i) } else { 0 };
        }
    }
    if i < limit {
        copy_run(window, i, limit, out, o);
        o += limit - i;
        i = limit;
    }
    (i, o)
}

/// Decodes `data[i..]` into `out[o..]` a byte at a time, as C does; returns
/// the length written.
fn decode_bytes<const HEADER: bool>(
    data: &[u8],
    mut i: usize,
    out: &mut [MaybeUninit<u8>],
    mut o: usize,
) -> usize {
    while i < data.len() {
        match data[i] {
            b'=' => (i, o) = decode_equals(data, i, out, o),
            c => {
                out[o] = MaybeUninit::new(if HEADER && c == b'_' { b' ' } else { c });
                i += 1;
                o += 1;
            }
        }
    }
    o
}

/// Decodes `data` into `out` (as long as `data`) block by block; returns the
/// length written.
fn decode<const HEADER: bool>(data: &[u8], out: &mut [MaybeUninit<u8>]) -> usize {
    let (mut i, mut o) = (0, 0);
    while i < data.len() {
        if data.len() - i < CHUNK {
            // A few bytes: one at a time costs less than staging a block.
            return decode_bytes::<HEADER>(data, i, out, o);
        }
        let limit = (data.len() - i).min(BLOCK);
        let (read, written) = if let Some(window) = data.get(i..i + WINDOW) {
            // The output is never ahead of the input: it has the room.
            let out = (&mut out[o..o + WINDOW]).try_into().expect("a window");
            decode_block::<HEADER>(data, i, window.try_into().expect("a window"), limit, out)
        } else {
            let rest = &data[i..];
            let mut window = [0; WINDOW];
            window[..rest.len()].copy_from_slice(rest);
            // Zeroed as it was: uninitialized, it measured slower
            // (a2b_qp_header of 64 bytes, 34 ns to 40).
            let mut scratch = [MaybeUninit::new(0); WINDOW];
            let (read, written) = decode_block::<HEADER>(data, i, &window, limit, &mut scratch);
            // decode_block wrote scratch[..written]: copied as it is,
            // never read.
            out[o..o + written].copy_from_slice(&scratch[..written]);
            (read, written)
        };
        i += read;
        o += written;
    }
    o
}

/// `binascii.a2b_qp(data, header=...)`. Never fails on content; malformed
/// escapes are copied through. Returns n after writing every byte of
/// `out[..n]`. Panics if `out` is shorter than [`a2b_qp_max_len`].
#[inline(never)] // see lib.rs: "Entry points out of line"
pub fn a2b_qp_into(data: &[u8], header: bool, out: &mut [MaybeUninit<u8>]) -> Result<usize, Error> {
    let out = &mut out[..data.len()];
    Ok(if header {
        decode::<true>(data, out)
    } else {
        decode::<false>(data, out)
    })
}
