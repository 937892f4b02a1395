//! binascii.a2b_base64 and b2a_base64.
//!
//! The decoder is the C state machine, character by character, plus a fast
//! path that decodes whole runs of four alphabet characters while the state
//! machine sits at a quad boundary (where a run of four valid characters
//! does exactly what the state machine would). Anything else (whitespace,
//! other junk, padding, errors) goes through the state machine.
//!
//! Before both, the vector kernel (`simd::ops()`) takes whole blocks of
//! alphabet characters at a quad boundary, and in non-strict mode the
//! data between junk bytes is filtered out first (`Decoder::compacted`).
//! The encoder runs the kernel on whole blocks, then the scalar loop.

use crate::error::Error;
use crate::simd::{self, Lines, Ops};
use crate::{write_bytes, PyVersion};
use core::mem::MaybeUninit;

pub(crate) const ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const PAD: u8 = b'=';
/// Flag in the decode table for a byte outside the alphabet ('=' included:
/// the state machine handles it).
const INVALID: u8 = 0x80;

/// `DECODE[c]`: the 6-bit value of `c`, or INVALID. One 256-byte table: the
/// vector kernels do the bulk of the work, so larger pre-shifted tables
/// (4 KiB for decoding, 8 KiB for encoding pairs) would cost more module
/// size than their speed is worth (docs/design.md, "No Rust runtime").
pub(crate) static DECODE: [u8; 256] = build_decode_table();

const fn build_decode_table() -> [u8; 256] {
    let mut table = [INVALID; 256];
    let mut value = 0;
    while value < 64 {
        table[ALPHABET[value] as usize] = value as u8;
        value += 1;
    }
    table
}

/// Upper bound of `a2b_base64`'s output, as C allocates it.
pub fn a2b_base64_max_len(data: &[u8]) -> Result<usize, Error> {
    Ok(data.len().div_ceil(4) * 3)
}

/// The C decoder's state between characters.
struct Decoder {
    strict: bool,
    /// 3.13+: a pad at a quad boundary is an error in strict mode.
    reject_excess_pad: bool,
    quad_pos: u8,
    leftchar: u8,
    pads: u8,
    padding_started: bool,
    written: usize,
}

/// What the state machine does after a character.
enum Step {
    Continue,
    Done,
}

impl Decoder {
    /// One character of the C loop; `more` says whether input follows it.
    #[inline(always)]
    fn step(&mut self, c: u8, more: bool, out: &mut [MaybeUninit<u8>]) -> Result<Step, Error> {
        if c == PAD {
            self.padding_started = true;
            if self.reject_excess_pad && self.strict && self.quad_pos == 0 {
                return Err(Error::binascii("Excess padding not allowed"));
            }
            // Pads only count after two data characters of the quad.
            if self.quad_pos >= 2 {
                self.pads += 1;
                if self.quad_pos + self.pads >= 4 {
                    if self.strict && more {
                        return Err(Error::binascii("Excess data after padding"));
                    }
                    return Ok(Step::Done);
                }
            }
            return Ok(Step::Continue);
        }
        let value = DECODE[c as usize];
        if value & INVALID != 0 {
            if self.strict {
                return Err(Error::binascii("Only base64 data is allowed"));
            }
            return Ok(Step::Continue);
        }
        if self.strict && self.padding_started {
            return Err(Error::binascii("Discontinuous padding not allowed"));
        }
        self.pads = 0;
        match self.quad_pos {
            0 => {
                self.quad_pos = 1;
                self.leftchar = value;
            }
            1 => {
                self.quad_pos = 2;
                out[self.written] = MaybeUninit::new((self.leftchar << 2) | (value >> 4));
                self.written += 1;
                self.leftchar = value & 0x0f;
            }
            2 => {
                self.quad_pos = 3;
                out[self.written] = MaybeUninit::new((self.leftchar << 4) | (value >> 2));
                self.written += 1;
                self.leftchar = value & 0x03;
            }
            _ => {
                self.quad_pos = 0;
                out[self.written] = MaybeUninit::new((self.leftchar << 6) | value);
                self.written += 1;
                self.leftchar = 0;
            }
        }
        Ok(Step::Continue)
    }

    /// Decodes whole quads of alphabet characters from the start of `data`
    /// (state at a quad boundary); returns how many input bytes it used.
    #[inline(always)]
    fn fast_quads(&mut self, data: &[u8], out: &mut [MaybeUninit<u8>]) -> usize {
        let mut used = 0;
        for quad in data.chunks_exact(4) {
            let values = [
                DECODE[usize::from(quad[0])],
                DECODE[usize::from(quad[1])],
                DECODE[usize::from(quad[2])],
                DECODE[usize::from(quad[3])],
            ];
            if (values[0] | values[1] | values[2] | values[3]) & INVALID != 0 {
                break;
            }
            let bits = u32::from(values[0]) << 18
                | u32::from(values[1]) << 12
                | u32::from(values[2]) << 6
                | u32::from(values[3]);
            write_bytes(
                &mut out[self.written..self.written + 3],
                &bits.to_be_bytes()[1..],
            );
            self.written += 3;
            used += 4;
        }
        if used > 0 {
            self.pads = 0;
        }
        used
    }

    /// The vector kernel's `fast_quads`: whole blocks of alphabet
    /// characters from the start of `data` (state at a quad boundary).
    #[inline]
    fn vector_quads(&mut self, ops: &Ops, data: &[u8], out: &mut [MaybeUninit<u8>]) -> usize {
        let used = (ops.decode)(data, &mut out[self.written..]);
        if used > 0 {
            self.written += used / 4 * 3;
            self.pads = 0;
        }
        used
    }

    /// Non-strict mode, state at a quad boundary: decodes the alphabet
    /// characters of a prefix of `data` that holds no `=`, skipping the
    /// other bytes; returns how many bytes of `data` it consumed.
    ///
    /// Why this is exact: in non-strict mode a byte that is neither an
    /// alphabet character nor `=` leaves the C state machine's state as it
    /// was (`step` returns before touching it), so dropping such bytes
    /// before the first `=` changes neither the output nor the errors.
    /// The kept characters then go through the same decoding as before:
    /// the vector kernel and `fast_quads` from the quad boundary, and the
    /// last 0..=3 characters through the state machine, which leaves the
    /// decoder mid-quad exactly as character-by-character decoding would
    /// (so the "1 more than a multiple of 4" count, computed from
    /// `written`, is unchanged).
    fn compacted(
        &mut self,
        ops: &Ops,
        data: &[u8],
        out: &mut [MaybeUninit<u8>],
        buf: &mut [u8; COMPACT_BUF],
    ) -> Result<usize, Error> {
        let mut used = 0;
        // Kept characters not decoded yet (fewer than 4), at buf's start.
        let mut carry = 0;
        loop {
            let rest = &data[used..];
            let chunk = &rest[..rest.len().min(COMPACT_BUF - carry)];
            let (read, wrote) = ops.compact_init(chunk, &mut buf[carry..]);
            used += read;
            let have = carry + wrote;
            let mut done = self.vector_quads(ops, &buf[..have], out);
            done += self.fast_quads(&buf[done..have], out);
            buf.copy_within(done..have, 0);
            carry = have - done;
            // The kernel stops at a `=`, or where less than a block of
            // the chunk is left: go on until it makes no progress.
            if read == 0 {
                break;
            }
        }
        for &c in &buf[..carry] {
            // Alphabet characters in non-strict mode: never an error, and
            // the pending input makes `more` true.
            self.step(c, true, out)?;
        }
        Ok(used)
    }
}

/// At `data[0]`, a line end (LF or CRLF) that a line of alphabet
/// characters and the same line end follow: the layout `Ops::lines`
/// decodes.
fn line_layout(data: &[u8]) -> Option<Lines> {
    let eol = match data {
        [b'\n', ..] => 1,
        [b'\r', b'\n', ..] => 2,
        _ => return None,
    };
    let line = data[eol..]
        .iter()
        .position(|&c| DECODE[usize::from(c)] & INVALID != 0)?;
    data[eol + line..]
        .starts_with(&data[..eol])
        .then_some(Lines { line, eol })
}

/// Input shorter than this is not worth a kernel call (no kernel works
/// on less than 16 bytes).
const VECTOR_MIN: usize = 16;
/// Stack buffer of the non-strict decoder's compaction.
const COMPACT_BUF: usize = 2048;
/// Input left at a junk byte below which compaction is not tried.
const COMPACT_MIN: usize = 64;

/// `binascii.a2b_base64(data, strict_mode=...)` as in CPython `version`.
/// Returns n after writing every byte of `out[..n]` (the contract of every
/// `*_into`); `out[n..]` may hold anything. Panics if `out` is shorter than
/// [`a2b_base64_max_len`].
#[inline(never)] // see lib.rs: "Entry points out of line"
pub fn a2b_base64_into(
    data: &[u8],
    strict_mode: bool,
    version: PyVersion,
    out: &mut [MaybeUninit<u8>],
) -> Result<usize, Error> {
    let max = a2b_base64_max_len(data)?;
    let out = &mut out[..max];
    if strict_mode && data.first() == Some(&PAD) {
        return Err(Error::binascii("Leading padding not allowed"));
    }
    let mut decoder = Decoder {
        strict: strict_mode,
        reject_excess_pad: version >= PyVersion::V3_13,
        quad_pos: 0,
        leftchar: 0,
        pads: 0,
        padding_started: false,
        written: 0,
    };
    let ops = simd::ops();
    // The scalar kernel compacts nothing: no buffer, no calls.
    let compacting = !strict_mode && simd::selected() != simd::Kernel::Scalar;
    let mut compact_buf: Option<[u8; COMPACT_BUF]> = None;
    let mut i = 0;
    while i < data.len() {
        // In strict mode a data character after a pad is an error, which
        // only the state machine reports.
        if decoder.quad_pos == 0 && !(strict_mode && decoder.padding_started) {
            if data.len() - i >= VECTOR_MIN {
                i += decoder.vector_quads(ops, &data[i..], out);
            }
            i += decoder.fast_quads(&data[i..], out);
            if i >= data.len() {
                break;
            }
            // Junk among the data (e.g. line breaks), not a pad: lines of
            // one length go to the kernel's line decoder, which strips
            // the line ends at their known places (and stops where the
            // layout breaks); other junk is filtered out a buffer at a
            // time (see `Decoder::compacted`).
            if compacting && data[i] != PAD && data.len() - i >= COMPACT_MIN {
                if let Some(layout) = line_layout(&data[i..]) {
                    let (read, wrote) =
                        (ops.lines)(&data[i..], &mut out[decoder.written..], layout);
                    if read > 0 {
                        // As `vector_quads`: whole quads of data decoded
                        // (the line ends change no state in non-strict mode).
                        decoder.written += wrote;
                        decoder.pads = 0;
                        i += read;
                        continue;
                    }
                }
                let buf = compact_buf.get_or_insert([0; COMPACT_BUF]);
                let used = decoder.compacted(ops, &data[i..], out, buf)?;
                if used > 0 {
                    i += used;
                    continue;
                }
            }
        }
        let more = i + 1 < data.len();
        if let Step::Done = decoder.step(data[i], more, out)? {
            return Ok(decoder.written);
        }
        i += 1;
    }
    match decoder.quad_pos {
        0 => Ok(decoder.written),
        // One data character past a multiple of four cannot come from
        // any encoding.
        1 => Err(Error::binascii_with_number(
            "Invalid base64-encoded string: number of data characters (",
            decoder.written / 3 * 4 + 1,
            ") cannot be 1 more than a multiple of 4",
        )),
        _ => Err(Error::binascii("Incorrect padding")),
    }
}

/// Exact output size of `b2a_base64`; "Too much data for base64 line" where
/// C's `BASE64_MAXBIN` limit is exceeded.
pub fn b2a_base64_max_len(data: &[u8], newline: bool) -> Result<usize, Error> {
    const BASE64_MAXBIN: usize = (isize::MAX as usize - 3) / 2;
    if data.len() > BASE64_MAXBIN {
        return Err(Error::binascii("Too much data for base64 line"));
    }
    Ok(data.len().div_ceil(3) * 4 + usize::from(newline))
}

/// `binascii.b2a_base64(data, newline=...)`. Returns n after writing every
/// byte of `out[..n]`. Panics if `out` is shorter than
/// [`b2a_base64_max_len`].
#[inline(never)] // see lib.rs: "Entry points out of line"
pub fn b2a_base64_into(
    data: &[u8],
    newline: bool,
    out: &mut [MaybeUninit<u8>],
) -> Result<usize, Error> {
    let total = b2a_base64_max_len(data, newline)?;
    let out = &mut out[..total];
    let done = if data.len() >= 16 {
        (simd::ops().encode)(data, out)
    } else {
        0
    };
    let mut groups = data[done..].chunks_exact(3);
    let mut quads = out[done / 3 * 4..].chunks_exact_mut(4);
    for (group, quad) in (&mut groups).zip(&mut quads) {
        let bits = usize::from(group[0]) << 16 | usize::from(group[1]) << 8 | usize::from(group[2]);
        quad[0] = MaybeUninit::new(ALPHABET[bits >> 18]);
        quad[1] = MaybeUninit::new(ALPHABET[bits >> 12 & 0x3f]);
        quad[2] = MaybeUninit::new(ALPHABET[bits >> 6 & 0x3f]);
        quad[3] = MaybeUninit::new(ALPHABET[bits & 0x3f]);
    }
    let tail = groups.remainder();
    if !tail.is_empty() {
        let quad = quads.next().expect("room for the padded quad");
        let b0 = usize::from(tail[0]);
        let b1 = tail.get(1).map_or(0, |&b| usize::from(b));
        quad[0] = MaybeUninit::new(ALPHABET[b0 >> 2]);
        quad[1] = MaybeUninit::new(ALPHABET[(b0 & 0x03) << 4 | b1 >> 4]);
        quad[2] = MaybeUninit::new(if tail.len() == 2 {
            ALPHABET[(b1 & 0x0f) << 2]
        } else {
            PAD
        });
        quad[3] = MaybeUninit::new(PAD);
    }
    if newline {
        out[total - 1] = MaybeUninit::new(b'\n');
    }
    Ok(total)
}
