//! End to end: every vector kernel the CPU runs gives, through the public
//! functions, exactly the scalar result (bytes, or error kind and message),
//! on inputs shaped to reach every vector path (block sizes, a bad byte in
//! each position of the first blocks, padding everywhere, line breaks of
//! every width, every one-byte flaw in 64- and 76-character lines, crc32
//! at every length to 4 KiB and chained, random data). A plain `main` without threads, so it also
//! runs under qemu-user.

mod support;

use binascii_core::simd::{select, Kernel};
use binascii_core::*;
use std::process::exit;
use support::*;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const HEX_MIXED: &[u8; 22] = b"0123456789abcdefABCDEF";
const BAD_BASE64: &[u8] = b"\n !\x00\x80\xff=-_";
const BAD_HEX: &[u8] = b"\n !\x00\x80\xff=gG/:@`";

/// xorshift64*: deterministic, dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
    fn from(&mut self, set: &[u8], len: usize) -> Vec<u8> {
        (0..len).map(|_| set[self.below(set.len())]).collect()
    }
}

type Outcome = Result<Vec<u8>, Error>;

/// Every public function of the crate on `input`, named.
fn run_all(input: &[u8], out: &mut Vec<(&'static str, Outcome)>) {
    out.clear();
    out.push(("b2a_base64", b2a_base64(input, false)));
    out.push(("b2a_base64 newline", b2a_base64(input, true)));
    for (name, strict, version) in [
        ("a2b_base64 3.11", false, PyVersion::V3_11),
        ("a2b_base64 3.13", false, PyVersion::V3_13),
        ("a2b_base64 strict 3.11", true, PyVersion::V3_11),
        ("a2b_base64 strict 3.13", true, PyVersion::V3_13),
    ] {
        out.push((name, a2b_base64(input, strict, version)));
    }
    out.push(("a2b_hex", a2b_hex(input)));
    out.push(("b2a_hex", b2a_hex(input, None, 1)));
    out.push(("b2a_hex sep 2", b2a_hex(input, Some(b':'), 2)));
    out.push(("b2a_hex sep -3", b2a_hex(input, Some(b' '), -3)));
    out.push(("a2b_uu", a2b_uu(input)));
    out.push(("b2a_uu", b2a_uu(&input[..input.len().min(45)], false)));
    out.push(("a2b_qp", a2b_qp(input, false)));
    out.push(("b2a_qp", b2a_qp(input, false, true, false)));
    out.push(("crc32", Ok(crc32(input, 0).to_le_bytes().to_vec())));
    out.push(("crc_hqx", Ok(crc_hqx(input, 0).to_le_bytes().to_vec())));
}

fn hex_prefix(data: &[u8]) -> String {
    let shown: String = data.iter().take(96).map(|b| format!("{b:02x}")).collect();
    if data.len() > 96 {
        format!("{shown}... ({} bytes)", data.len())
    } else {
        shown
    }
}

fn describe(outcome: &Outcome) -> String {
    match outcome {
        Ok(bytes) => format!("Ok({})", hex_prefix(bytes)),
        Err(error) => format!("Err({:?}, {:?})", error.kind, error.message),
    }
}

/// Inputs meant to reach every vector path of every kernel.
fn inputs() -> Vec<Vec<u8>> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut all = Vec::new();
    let mut lengths: Vec<usize> = (0..=200).collect();
    for block in [
        256, 288, 384, 512, 768, 1024, 1536, 2048, 2049, 2560, 3072, 4096,
    ] {
        lengths.extend(block - 5..=block + 5);
    }
    for &len in &lengths {
        all.push(rng.bytes(len));
        all.push(rng.from(ALPHABET, len));
        all.push(b2a_base64(&rng.bytes(len), false).unwrap());
        all.push(rng.from(HEX_MIXED, len));
    }
    // A bad byte at every offset of the first three blocks (and beyond).
    let text = rng.from(ALPHABET, 200);
    let hex = rng.from(HEX_MIXED, 200);
    for at in 0..112 {
        for &bad in BAD_BASE64 {
            let mut data = text.clone();
            data[at] = bad;
            all.push(data);
            let mut data = text.clone();
            data.insert(at, bad);
            all.push(data);
        }
    }
    for at in 0..200 {
        for &bad in BAD_HEX {
            let mut data = hex.clone();
            data[at] = bad;
            all.push(data);
        }
    }
    // Padding at every position: replacing, inserted, ending the input.
    let text = rng.from(ALPHABET, 164);
    for at in 0..text.len() {
        for pad in [&b"="[..], b"=="] {
            let mut data = text.clone();
            data.splice(at..(at + pad.len()).min(text.len()), pad.iter().copied());
            all.push(data);
            let mut data = text.clone();
            data.splice(at..at, pad.iter().copied());
            all.push(data.clone());
            data.truncate(at + pad.len());
            all.push(data);
        }
    }
    // Line breaks every `stride` characters, across the compaction buffer.
    for size in [300, 1600] {
        let encoded = b2a_base64(&rng.bytes(size), false).unwrap();
        for stride in 1..=80 {
            for eol in [&b"\n"[..], b"\r\n"] {
                let mut data = Vec::new();
                for line in encoded.chunks(stride) {
                    data.extend_from_slice(line);
                    data.extend_from_slice(eol);
                }
                all.push(data);
            }
        }
    }
    // Random inputs: base64 or hex text, with random junk, pads, line
    // breaks, or plain random bytes.
    for _ in 0..3000 {
        let len = match rng.below(4) {
            0 => rng.below(64),
            1 => rng.below(300),
            _ => rng.below(3000),
        };
        let mut data = match rng.below(5) {
            0 => rng.bytes(len),
            1 | 2 => b2a_base64(&rng.bytes(len * 3 / 4), false).unwrap(),
            3 => rng.from(ALPHABET, len),
            _ => rng.from(HEX_MIXED, len & !1),
        };
        for _ in 0..rng.below(5) {
            if data.is_empty() {
                break;
            }
            let at = rng.below(data.len());
            let c = match rng.below(4) {
                0 => b'\n',
                1 => b'=',
                2 => BAD_HEX[rng.below(BAD_HEX.len())],
                _ => rng.next() as u8,
            };
            if rng.below(2) == 0 {
                data[at] = c;
            } else {
                data.insert(at, c);
            }
        }
        if rng.below(4) == 0 && !data.is_empty() {
            let stride = 1 + rng.below(100);
            let mut lines = Vec::new();
            for line in data.chunks(stride) {
                lines.extend_from_slice(line);
                lines.push(b'\n');
            }
            data = lines;
        }
        all.push(data);
    }
    all
}

/// Lines as base64.encodebytes and PEM write them (76 and 64 characters,
/// LF and CRLF), 1216 characters (the 19 blocks of 64 after which 77-byte
/// lines come back to the same place), then every one-byte flaw: at each
/// place the text cut, a byte deleted, a flaw inserted or put in place of
/// the byte. a2b_base64 in every mode under each kernel against scalar.
fn check_line_flaws(kernels: &[Kernel]) -> usize {
    let encoded = b2a_base64(&Rng(0x3c6e_f372_fe94_f82b).bytes(912), false).unwrap();
    let mut cases = 0;
    for (width, eol) in [(76, &b"\n"[..]), (76, b"\r\n"), (64, b"\n"), (64, b"\r\n")] {
        let mut text = Vec::new();
        for line in encoded.chunks(width) {
            text.extend_from_slice(line);
            text.extend_from_slice(eol);
        }
        let mut flawed = vec![text.clone()];
        for at in 0..=text.len() {
            flawed.push(text[..at].to_vec());
            if at < text.len() {
                let mut t = text.clone();
                t.remove(at);
                flawed.push(t);
            }
            for &c in b"\n\r= A\x80\x00" {
                let mut t = text.clone();
                t.insert(at, c);
                flawed.push(t);
                if at < text.len() {
                    let mut t = text.clone();
                    t[at] = c;
                    flawed.push(t);
                }
            }
        }
        for input in &flawed {
            for (strict, version) in [
                (false, PyVersion::V3_13),
                (false, PyVersion::V3_11),
                (true, PyVersion::V3_13),
            ] {
                select(Kernel::Scalar).unwrap();
                let want = a2b_base64(input, strict, version);
                for &kernel in kernels {
                    select(kernel).unwrap();
                    let got = a2b_base64(input, strict, version);
                    if got != want {
                        eprintln!(
                            "kernel {}: a2b_base64 (strict {strict}) of flawed lines disagrees \
                             with scalar\n  input: {}\n  scalar: {}\n  {}: {}",
                            kernel.name(),
                            hex_prefix(input),
                            describe(&want),
                            kernel.name(),
                            describe(&got),
                        );
                        exit(1);
                    }
                    cases += 1;
                }
            }
        }
    }
    cases
}

/// crc32 at every length up to 4 KiB, at every alignment of a 64-byte
/// block, from three start values, and chained at every cut of the first
/// 4 KiB: each kernel's result against the scalar one (the table).
fn check_crc32(kernels: &[Kernel]) -> usize {
    let data = Rng(0x51_7cc1_b727_220a).bytes(8192 + 64);
    let mut cases = 0;
    for &kernel in kernels {
        let compare = |what: &str, len: usize, run: &dyn Fn() -> u32| {
            select(Kernel::Scalar).unwrap();
            let want = run();
            select(kernel).unwrap();
            let got = run();
            if want != got {
                eprintln!(
                    "kernel {}: crc32 {what} at length {len}: {got:#010x}, scalar {want:#010x}",
                    kernel.name()
                );
                exit(1);
            }
        };
        for len in 0..=4096 {
            let at = len % 64;
            let init = [0, 0xffff_ffff, 0x9e37_79b9][len % 3];
            compare("of one call", len, &|| crc32(&data[at..at + len], init));
            let cut = len;
            compare("chained", cut, &|| {
                crc32(&data[cut..4096 + 64], crc32(&data[..cut], 0))
            });
            cases += 2;
        }
    }
    cases
}

fn main() {
    let kernels: Vec<Kernel> = Kernel::ALL
        .into_iter()
        .filter(|k| *k != Kernel::Scalar && k.supported())
        .collect();
    if kernels.is_empty() {
        println!("kernel_paths: no vector kernel on this CPU, nothing to compare");
        return;
    }
    let inputs = inputs();
    let mut expected = Vec::new();
    let mut got = Vec::new();
    let mut cases = vec![0usize; kernels.len()];
    for input in &inputs {
        select(Kernel::Scalar).unwrap();
        run_all(input, &mut expected);
        for (k, &kernel) in kernels.iter().enumerate() {
            select(kernel).unwrap();
            run_all(input, &mut got);
            for ((name, want), (_, have)) in expected.iter().zip(&got) {
                if want != have {
                    eprintln!(
                        "kernel {}: {name} disagrees with scalar\n  input: {}\n  scalar: {}\n  {}: {}",
                        kernel.name(),
                        hex_prefix(input),
                        describe(want),
                        kernel.name(),
                        describe(have),
                    );
                    exit(1);
                }
                cases[k] += 1;
            }
        }
    }
    let more = check_crc32(&kernels) + check_line_flaws(&kernels);
    for (kernel, count) in kernels.iter().zip(cases) {
        let count = count + more / kernels.len();
        println!("kernel {}: {count} cases agree with scalar", kernel.name());
    }
}
