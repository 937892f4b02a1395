//! Every vector kernel's operations against plain models of the `Ops`
//! contracts (src/simd/mod.rs), op by op: every length up to 300 and
//! lengths around multiples of 16 and 48 up to 4 KiB, a bad byte at every
//! offset of the first blocks, every byte value at a few offsets, and
//! random inputs. Each call checks the returned counts, the bytes written
//! for the consumed prefix, and that nothing around `dst` (filled with a
//! canary) is touched. The line decoder is checked on lines of every length
//! up to 100 and on 64- and 76-character lines with every flaw at every
//! place of the first lines; crc32 at every length up to 4 KiB and every
//! alignment, chained, against a bitwise CRC-32.
//!
//! Plain `main` instead of libtest (`harness = false`): this also runs
//! under qemu-user for aarch64 (the NEON kernels), where threads can hang.
//!
//! A vector kernel must make progress on long clean input (so that a
//! placeholder returning 0 cannot pass). A kernel can be skipped by name
//! with `BINASCII_KERNEL_OPS_SKIP=ssse3,avx2` (it is then reported as
//! skipped, not as checked).

use binascii_core::simd::{Kernel, Lines, Ops};
use std::mem::MaybeUninit;
use std::process::exit;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const HEX_DIGITS: &[u8] = b"0123456789abcdefABCDEF";

// ---------------------------------------------------------------------------
// Plain models of the contracts.

fn base64_value(c: u8) -> Option<u8> {
    ALPHABET.iter().position(|&a| a == c).map(|v| v as u8)
}

fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Base64 of whole triples.
fn model_encode(src: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for triple in src.chunks_exact(3) {
        let group = u32::from(triple[0]) << 16 | u32::from(triple[1]) << 8 | u32::from(triple[2]);
        for shift in [18, 12, 6, 0] {
            out.push(ALPHABET[(group >> shift) as usize & 63]);
        }
    }
    out
}

/// Bytes of whole quads of alphabet characters.
fn model_decode(src: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for quad in src.chunks_exact(4) {
        let mut group = 0u32;
        for &c in quad {
            group = group << 6 | u32::from(base64_value(c).expect("alphabet"));
        }
        out.extend_from_slice(&[(group >> 16) as u8, (group >> 8) as u8, group as u8]);
    }
    out
}

fn model_compact(src: &[u8]) -> Vec<u8> {
    src.iter()
        .copied()
        .filter(|&c| base64_value(c).is_some())
        .collect()
}

fn model_hexlify(src: &[u8]) -> Vec<u8> {
    let digits = b"0123456789abcdef";
    let mut out = Vec::new();
    for &byte in src {
        out.push(digits[usize::from(byte >> 4)]);
        out.push(digits[usize::from(byte & 15)]);
    }
    out
}

/// zlib's CRC-32, one bit at a time, continuing `crc`.
fn model_crc32(crc: u32, data: &[u8]) -> u32 {
    let mut crc = !crc;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                crc >> 1 ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn model_unhexlify(src: &[u8]) -> Vec<u8> {
    src.chunks_exact(2)
        .map(|pair| hex_value(pair[0]).expect("digit") << 4 | hex_value(pair[1]).expect("digit"))
        .collect()
}

// ---------------------------------------------------------------------------
// The checker.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Encode,
    Decode,
    Compact,
    Hexlify,
    Unhexlify,
}

const OPS: [Op; 5] = [
    Op::Encode,
    Op::Decode,
    Op::Compact,
    Op::Hexlify,
    Op::Unhexlify,
];

fn show(bytes: &[u8]) -> String {
    const SHOWN: usize = 96;
    let mut text: String = bytes
        .iter()
        .take(SHOWN)
        .map(|b| format!("{b:02x}"))
        .collect();
    if bytes.len() > SHOWN {
        text.push_str(&format!("... ({} bytes)", bytes.len()));
    }
    text
}

struct Checker {
    kernel: Kernel,
    ops: &'static Ops,
    cases: usize,
    /// Long clean inputs seen and progress on them, per op.
    long_clean: [usize; 5],
}

/// Clean input from this length on must be consumed in part by a vector
/// kernel; from PROGRESS_HALF on, at least half of it.
const PROGRESS_SOME: usize = 256;
const PROGRESS_HALF: usize = 1024;

impl Checker {
    fn fail(&self, op: Op, input: &[u8], what: &str, expected: &str, got: &str) -> ! {
        eprintln!(
            "kernel {}: op {:?} breaks its contract: {what}\n  input ({} bytes): {}\n  expected: {expected}\n  got:      {got}",
            self.kernel.name(),
            op,
            input.len(),
            show(input),
        );
        exit(1);
    }

    /// Checks one call of `op` on `input`. `clean`: input the op should
    /// consume in full (up to the kernel's block granularity).
    fn check(&mut self, op: Op, input: &[u8], clean: bool) {
        self.cases += 1;
        // Vary the canary and the alignment of both slices.
        let canary = [0xa5, 0x00, 0x5a, 0xff, b'A', b'0'][self.cases % 6];
        let shift = self.cases % 8;
        // Bytes after the input a kernel reading too far would accept.
        let after = match op {
            Op::Unhexlify => b'0',
            _ => b'A',
        };
        let mut src_buf = vec![after; shift + input.len() + 64];
        src_buf[shift..shift + input.len()].copy_from_slice(input);
        let src = &src_buf[shift..shift + input.len()];
        let room = match op {
            Op::Encode => input.len().div_ceil(3) * 4,
            Op::Decode => input.len() / 4 * 3,
            Op::Compact => input.len(),
            Op::Hexlify => input.len() * 2,
            Op::Unhexlify => input.len() / 2,
        };
        let mut dst_buf = vec![MaybeUninit::new(canary); shift + room + 64];
        let dst = &mut dst_buf[shift..shift + room];

        let (read, written) = match op {
            Op::Encode => {
                let n = (self.ops.encode)(src, dst);
                (n, n.min(input.len()) / 3 * 4)
            }
            Op::Decode => {
                let n = (self.ops.decode)(src, dst);
                (n, n.min(input.len()) / 4 * 3)
            }
            Op::Compact => (self.ops.compact)(src, dst),
            Op::Hexlify => {
                let n = (self.ops.hexlify)(src, dst);
                (n, n.min(input.len()) * 2)
            }
            Op::Unhexlify => {
                let n = (self.ops.unhexlify)(src, dst);
                (n, n.min(input.len()) / 2)
            }
        };
        // SAFETY: every byte of `dst_buf` started initialized (the
        // canary), and kernels store only initialized bytes.
        let dst_buf: Vec<u8> = dst_buf.iter().map(|b| unsafe { b.assume_init() }).collect();
        let got = format!("read {read}, wrote {written}");

        if read > input.len() {
            self.fail(op, input, "read past the end", "at most the input", &got);
        }
        let unit = match op {
            Op::Encode => 3,
            Op::Decode => 4,
            Op::Unhexlify => 2,
            Op::Compact | Op::Hexlify => 1,
        };
        if read % unit != 0 {
            self.fail(
                op,
                input,
                "count not a whole unit",
                &format!("a multiple of {unit}"),
                &got,
            );
        }
        let prefix = &input[..read];
        let expected = match op {
            Op::Encode => model_encode(prefix),
            Op::Decode => {
                if let Some(bad) = prefix.iter().position(|&c| base64_value(c).is_none()) {
                    let want = format!("stop at or before {}", bad / 4 * 4);
                    self.fail(op, input, "read past a non-alphabet byte", &want, &got);
                }
                model_decode(prefix)
            }
            Op::Compact => {
                if let Some(pad) = prefix.iter().position(|&c| c == b'=') {
                    let want = format!("stop at or before {pad}");
                    self.fail(op, input, "read past a '='", &want, &got);
                }
                model_compact(prefix)
            }
            Op::Hexlify => model_hexlify(prefix),
            Op::Unhexlify => {
                if let Some(bad) = prefix.iter().position(|&c| hex_value(c).is_none()) {
                    let want = format!("stop at or before {}", bad / 2 * 2);
                    self.fail(op, input, "read past a non-digit", &want, &got);
                }
                model_unhexlify(prefix)
            }
        };
        if written != expected.len() {
            let want = format!("read {read}, wrote {}", expected.len());
            self.fail(op, input, "wrong output count", &want, &got);
        }
        if dst_buf[shift..shift + written] != expected[..] {
            let at = (0..written)
                .find(|&k| dst_buf[shift + k] != expected[k])
                .unwrap_or(0);
            let what = format!("wrong output (read {read}), first difference at byte {at}");
            let got_bytes = show(&dst_buf[shift + at..shift + written]);
            self.fail(op, input, &what, &show(&expected[at..]), &got_bytes);
        }
        let untouched = |b: &u8| *b == canary;
        if !dst_buf[..shift].iter().all(untouched) {
            self.fail(
                op,
                input,
                "wrote before dst",
                "canary",
                &show(&dst_buf[..shift]),
            );
        }
        // Past its output a kernel may use `dst` as scratch (a full
        // register store), never past `dst`.
        if let Some(k) = dst_buf[shift + room..].iter().position(|b| !untouched(b)) {
            let what = format!("wrote past dst (canary {canary:#04x})");
            let want = format!("{room} bytes of dst");
            let got_more = format!(
                "byte {} after dst's start is {:#04x}",
                room + k,
                dst_buf[shift + room + k]
            );
            self.fail(op, input, &what, &want, &got_more);
        }

        if clean && self.kernel != Kernel::Scalar && input.len() >= PROGRESS_SOME {
            let index = OPS.iter().position(|&o| o == op).expect("op");
            self.long_clean[index] += 1;
            let need = if input.len() >= PROGRESS_HALF {
                input.len() / 2
            } else {
                1
            };
            if read < need {
                let want = format!("read at least {need}");
                self.fail(op, input, "no progress on clean input", &want, &got);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Inputs.

/// xorshift64: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick(&mut self, from: &[u8]) -> u8 {
        from[self.below(from.len())]
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }

    fn from(&mut self, pool: &[u8], len: usize) -> Vec<u8> {
        (0..len).map(|_| self.pick(pool)).collect()
    }
}

/// Input `op` consumes in full: random bytes to encode, alphabet
/// characters, or hex digits (mixed case).
fn clean_input(rng: &mut Rng, op: Op, len: usize) -> Vec<u8> {
    match op {
        Op::Encode | Op::Hexlify => rng.bytes(len),
        Op::Decode | Op::Compact => rng.from(ALPHABET, len),
        Op::Unhexlify => rng.from(HEX_DIGITS, len),
    }
}

/// Bytes that stop decode/unhexlify, or that compact drops ('=' stops it):
/// the classes of the brief, and the neighbours of the alphabet's ranges.
const BASE64_BAD: &[u8] = b"\n \r\t!\x00\x80\xff=-_*,.:@[`{\x7f\xab\xaf\xb0\xc1\xe1";
const HEX_BAD: &[u8] = b"\n \r!\x00\x80\xff=-_/:@G`gz\xb0\xb9\xc1\xe1\xc6";

fn lengths() -> Vec<usize> {
    let mut lengths: Vec<usize> = (0..=300).collect();
    for unit in [16, 48] {
        for k in (300 / unit)..=(4096 / unit) {
            for len in [k * unit - 1, k * unit, k * unit + 1] {
                if len > 300 {
                    lengths.push(len);
                }
            }
        }
    }
    lengths.sort_unstable();
    lengths.dedup();
    lengths
}

fn run(checker: &mut Checker) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);

    // Every shaped length, clean.
    for len in lengths() {
        for op in OPS {
            let input = clean_input(&mut rng, op, len);
            checker.check(op, &input, true);
        }
    }

    // A bad byte at every offset of the first blocks.
    for (op, bad) in [
        (Op::Decode, BASE64_BAD),
        (Op::Compact, BASE64_BAD),
        (Op::Unhexlify, HEX_BAD),
    ] {
        for &b in bad {
            for at in 0..200 {
                let mut input = clean_input(&mut rng, op, 200 + at % 7);
                input[at] = b;
                checker.check(op, &input, false);
            }
        }
    }

    // Every byte value at a few offsets.
    for op in [Op::Decode, Op::Compact, Op::Unhexlify] {
        for at in [0, 1, 15, 17, 31, 33, 63, 64, 95, 130] {
            for b in 0..=255u8 {
                let mut input = clean_input(&mut rng, op, 160);
                input[at] = b;
                checker.check(op, &input, false);
            }
        }
    }

    // Random inputs: clean, sparse junk (MIME-like lines for compact), and
    // noise.
    for _ in 0..300 {
        let len = rng.below(2100);
        for op in OPS {
            let input = clean_input(&mut rng, op, len);
            checker.check(op, &input, true);
        }
        let bad_pool = [BASE64_BAD, BASE64_BAD, HEX_BAD];
        for (op, bad) in [Op::Decode, Op::Compact, Op::Unhexlify]
            .into_iter()
            .zip(bad_pool)
        {
            let mut input = clean_input(&mut rng, op, len);
            let sparse = 1 + rng.below(300);
            for byte in input.iter_mut() {
                if rng.below(sparse) == 0 {
                    *byte = rng.pick(bad);
                }
            }
            checker.check(op, &input, false);
            let noise = rng.bytes(len);
            checker.check(op, &noise, false);
        }
        // Lines of 76 characters, then a padded end.
        let mut lines = Vec::new();
        for chunk in clean_input(&mut rng, Op::Compact, len).chunks(76) {
            lines.extend_from_slice(chunk);
            lines.extend_from_slice(if rng.below(2) == 0 { b"\n" } else { b"\r\n" });
        }
        lines.extend_from_slice(b"==\n");
        checker.check(Op::Compact, &lines, false);
    }
}

/// The lines op's model: the alphabet characters of `prefix` if it keeps
/// the layout (a line end at every multiple of `line + eol`, alphabet
/// characters between, not cut inside a line end, whole quads), else why not.
fn model_lines(prefix: &[u8], line: usize, eol: &[u8]) -> Result<Vec<u8>, String> {
    let period = line + eol.len();
    let mut chars = Vec::new();
    for (j, &c) in prefix.iter().enumerate() {
        let r = j % period;
        if r < eol.len() {
            if c != eol[r] {
                return Err(format!("byte {j} ({c:#04x}) is not the line end's"));
            }
        } else if base64_value(c).is_none() {
            return Err(format!("byte {j} ({c:#04x}) is not in the alphabet"));
        } else {
            chars.push(c);
        }
    }
    if (1..eol.len()).contains(&(prefix.len() % period)) {
        return Err("stops inside a line end".into());
    }
    if chars.len() % 4 != 0 {
        return Err(format!("{} characters: not whole quads", chars.len()));
    }
    Ok(chars)
}

/// Kernels that decode lines (the others return (0, 0)).
fn decodes_lines(kernel: Kernel) -> bool {
    matches!(kernel, Kernel::Avx2 | Kernel::Avx512Vbmi)
}

/// The lines op on `input` (a layout of `line` and `eol`): counts, bytes,
/// canaries around `dst`, and progress on clean input.
fn check_lines_call(kernel: Kernel, ops: &Ops, input: &[u8], line: usize, eol: &[u8], clean: bool) {
    let room = input.len() / 4 * 3;
    let canary = [0xa5u8, 0x00, b'A'][input.len() % 3];
    let mut uninit_buf = vec![MaybeUninit::new(canary); room + 128];
    let layout = Lines {
        line,
        eol: eol.len(),
    };
    let (read, wrote) = (ops.lines)(input, &mut uninit_buf[64..64 + room], layout);
    // SAFETY: every byte started initialized (the canary), and kernels
    // store only initialized bytes.
    let dst_buf: Vec<u8> = uninit_buf
        .iter()
        .map(|b| unsafe { b.assume_init() })
        .collect();
    let fail = |what: String| -> ! {
        eprintln!(
            "kernel {}: op Lines breaks its contract: {what}\n  line {line}, eol {eol:?}, \
             read {read}, wrote {wrote}\n  input ({} bytes): {}",
            kernel.name(),
            input.len(),
            show(input),
        );
        exit(1);
    };
    if read > input.len() {
        fail("read past the end".into());
    }
    let chars = model_lines(&input[..read], line, eol).unwrap_or_else(|why| fail(why));
    let expected = model_decode(&chars);
    if wrote != expected.len() || dst_buf[64..64 + wrote] != expected[..] {
        fail(format!("wrong output: expected {}", show(&expected)));
    }
    if dst_buf[..64]
        .iter()
        .chain(&dst_buf[64 + room..])
        .any(|&b| b != canary)
    {
        fail("wrote outside dst".into());
    }
    let wide = if kernel == Kernel::Avx512Vbmi { 64 } else { 32 };
    let long = line >= 32 && input.len() >= 4 * (line + wide);
    if clean && decodes_lines(kernel) && long && read < input.len() / 2 {
        fail("no progress on clean lines".into());
    }
}

/// The lines op: clean layouts of every line length up to 100, cut at
/// many places, and 64- and 76-character lines with a flaw (a byte
/// replaced, inserted or deleted) at every place of the first lines.
fn check_lines(kernel: Kernel, ops: &Ops) -> usize {
    let mut rng = Rng(0x6c07_8965_d5b2_e4c1);
    let mut cases = 0;
    for eol in [&b"\n"[..], b"\r\n"] {
        for line in 1..=100 {
            let text = rng.from(ALPHABET, 1200);
            let mut input = Vec::new();
            for chunk in text.chunks(line) {
                input.extend_from_slice(eol);
                input.extend_from_slice(chunk);
            }
            for cut in [input.len(), input.len() - 1, 700, 333, 130, 64, 0] {
                let cut = cut.min(input.len());
                check_lines_call(kernel, ops, &input[..cut], line, eol, true);
                cases += 1;
            }
        }
        for line in [64, 76] {
            let text = rng.from(ALPHABET, 640);
            let mut clean = Vec::new();
            for chunk in text.chunks(line) {
                clean.extend_from_slice(eol);
                clean.extend_from_slice(chunk);
            }
            for at in 0..3 * (line + eol.len()) + 2 {
                for &c in b"\n\r= A/\x80\xff\x00" {
                    let mut input = clean.clone();
                    input[at] = c;
                    check_lines_call(kernel, ops, &input, line, eol, false);
                    input.insert(at, c);
                    check_lines_call(kernel, ops, &input, line, eol, false);
                    cases += 2;
                }
                let mut input = clean.clone();
                input.remove(at);
                check_lines_call(kernel, ops, &input, line, eol, false);
                cases += 1;
            }
        }
    }
    cases
}

/// The crc32 op: whole 16-byte blocks of a prefix, the CRC of that prefix
/// continued from `crc`, at every length up to 4 KiB (and a few beyond),
/// every alignment, and chained (the CRC of one call fed to the next).
/// Returns whether the kernel folded anything (a CPU without a carry-less
/// multiply folds nothing, and then must never).
fn check_crc32(kernel: Kernel, ops: &Ops) -> (usize, bool) {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let data = rng.bytes(1 << 16);
    let fail = |what: &str, len: usize, crc: u32| -> ! {
        eprintln!(
            "kernel {}: op Crc32 breaks its contract: {what} (length {len}, crc {crc:#010x})",
            kernel.name()
        );
        exit(1);
    };
    let (mut cases, mut folded_any, mut folded_none) = (0, false, false);
    let mut check = |crc: u32, input: &[u8]| -> u32 {
        cases += 1;
        let (got, read) = (ops.crc32)(crc, input);
        if read > input.len() || read % 16 != 0 {
            fail(&format!("read {read}"), input.len(), crc);
        }
        if got != model_crc32(crc, &input[..read]) {
            fail(&format!("wrong CRC after {read} bytes"), input.len(), crc);
        }
        if input.len() >= 64 {
            folded_any |= read > 0;
            folded_none |= read == 0;
            if read > 0 && read + 16 <= input.len() {
                fail(
                    &format!("stopped at {read}, a whole block before the end"),
                    input.len(),
                    crc,
                );
            }
        }
        model_crc32(got, &input[read..])
    };
    let lengths = (0..=4096).chain([8191, 8192, 8193, 65535, 65536]);
    for (k, len) in lengths.enumerate() {
        let at = k % 64;
        let crc = [0, !0, rng.next() as u32][k % 3];
        let input = &data[at..at + len.min(data.len() - at)];
        check(crc, input);
    }
    // Chained: one input cut in two at every point of the first 300 bytes,
    // and in uneven pieces.
    let whole = model_crc32(0, &data[..3000]);
    for cut in (0..300).chain([511, 512, 1024, 2047]) {
        let crc = check(0, &data[..cut]);
        if check(crc, &data[cut..3000]) != whole {
            fail("chained CRC differs", cut, crc);
        }
    }
    let mut crc = 0x1234_5678;
    let mut at = 0;
    while at < data.len() {
        let len = rng.below(700).min(data.len() - at);
        crc = check(crc, &data[at..at + len]);
        at += len;
    }
    if crc != model_crc32(0x1234_5678, &data) {
        fail("chained CRC over random pieces differs", data.len(), crc);
    }
    if folded_any && folded_none {
        fail("folded some long inputs and not others", 0, 0);
    }
    (cases, folded_any)
}

fn main() {
    let skip = std::env::var("BINASCII_KERNEL_OPS_SKIP").unwrap_or_default();
    let skip: Vec<&str> = skip.split(',').map(str::trim).collect();
    let mut checked = 0;
    for kernel in Kernel::ALL {
        let Some(ops) = kernel.ops() else {
            println!(
                "kernel {}: not available here: {}",
                kernel.name(),
                kernel.lacking()
            );
            continue;
        };
        if skip.contains(&kernel.name()) {
            println!(
                "kernel {}: SKIPPED (BINASCII_KERNEL_OPS_SKIP)",
                kernel.name()
            );
            continue;
        }
        let mut checker = Checker {
            kernel,
            ops,
            cases: 0,
            long_clean: [0; 5],
        };
        run(&mut checker);
        checker.cases += check_lines(kernel, ops);
        let (crc_cases, folded) = check_crc32(kernel, ops);
        checker.cases += crc_cases;
        let path = kernel.crc32_path();
        if folded != (path != "table") {
            eprintln!(
                "kernel {}: crc32 says {path}, folded: {folded}",
                kernel.name()
            );
            exit(1);
        }
        println!("kernel {}: crc32 by {path}", kernel.name());
        if kernel != Kernel::Scalar {
            // The progress check must have run for every op.
            for (op, &seen) in OPS.iter().zip(&checker.long_clean) {
                assert!(seen > 0, "no long clean input for {op:?}");
            }
        }
        println!(
            "kernel {}: {} cases agree with the op contracts",
            kernel.name(),
            checker.cases
        );
        checked += 1;
    }
    assert!(checked > 0, "no kernel checked");
}
