//! Differential test against the host python3's C `binascii` (3.11 on the
//! dev machine): many generated inputs, valid and malformed, compared on
//! output bytes or on exception kind and message. Skipped (with a notice)
//! when python3 is missing. BINASCII_DIFF_CASES sets the cases per function,
//! BINASCII_DIFF_SEED the generator's seed.

mod support;

use binascii_core::*;
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};
use support::{b2a_base64, b2a_qp, b2a_uu};

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
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
    /// `len` bytes drawn from `alphabet`.
    fn from(&mut self, alphabet: &[u8], len: usize) -> Vec<u8> {
        (0..len)
            .map(|_| alphabet[self.below(alphabet.len())])
            .collect()
    }
    /// Short inputs mostly, some long ones to cross line limits.
    fn len(&mut self) -> usize {
        if self.chance(80) {
            self.below(40)
        } else {
            self.below(400)
        }
    }
    /// Randomly replace, insert or delete a few bytes.
    fn mutate(&mut self, mut data: Vec<u8>, noise: &[u8]) -> Vec<u8> {
        for _ in 0..self.below(4) {
            let at = self.below(data.len() + 1);
            let c = noise[self.below(noise.len())];
            match self.below(3) {
                0 if at < data.len() => data[at] = c,
                1 if at < data.len() => {
                    data.remove(at);
                }
                _ => data.insert(at, c),
            }
        }
        data
    }
}

type Outcome = Result<Vec<u8>, (String, String)>;

struct Case {
    name: &'static str,
    args: Vec<String>,
    data: Vec<u8>,
}

fn flag(b: bool) -> String {
    (if b { "1" } else { "0" }).to_owned()
}

fn kind_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Error => "Error",
        ErrorKind::Incomplete => "Incomplete",
        ErrorKind::Value => "Value",
        ErrorKind::Overflow => "Overflow",
        ErrorKind::Memory => "Memory",
    }
}

/// Runs a case through this crate, using the `_into` API exactly as the
/// module does: a buffer of `*_max_len` bytes (`support::collect`), then
/// the returned length.
fn run(case: &Case, version: PyVersion) -> Outcome {
    let a = &case.args;
    let on = |i: usize| a[i] == "1";
    let d = &case.data[..];
    let result: Result<Vec<u8>, Error> = (|| match case.name {
        "a2b_base64" => support::collect(a2b_base64_max_len(d)?, |out| {
            a2b_base64_into(d, on(0), version, out)
        }),
        "b2a_base64" => support::collect(b2a_base64_max_len(d, on(0))?, |out| {
            b2a_base64_into(d, on(0), out)
        }),
        "a2b_hex" => support::collect(a2b_hex_max_len(d)?, |out| a2b_hex_into(d, out)),
        "b2a_hex" => {
            let (sep, per) = if a[0] == "-" {
                (None, 1)
            } else {
                (Some(a[0].parse().unwrap()), a[1].parse().unwrap())
            };
            support::collect(b2a_hex_max_len(d, sep, per)?, |out| {
                b2a_hex_into(d, sep, per, out)
            })
        }
        "a2b_uu" => support::collect(a2b_uu_max_len(d)?, |out| a2b_uu_into(d, out)),
        "b2a_uu" => support::collect(b2a_uu_max_len(d)?, |out| b2a_uu_into(d, on(0), out)),
        "a2b_qp" => support::collect(a2b_qp_max_len(d)?, |out| a2b_qp_into(d, on(0), out)),
        "b2a_qp" => support::collect(b2a_qp_max_len(d, on(0), on(1), on(2))?, |out| {
            b2a_qp_into(d, on(0), on(1), on(2), out)
        }),
        "crc32" => Ok(crc32(d, a[0].parse().unwrap()).to_be_bytes().to_vec()),
        "crc_hqx" => Ok(crc_hqx(d, a[0].parse().unwrap()).to_be_bytes().to_vec()),
        other => panic!("unknown function {other}"),
    })();
    result.map_err(|e| (kind_name(e.kind).to_owned(), e.message))
}

const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn generate(rng: &mut Rng, per_function: usize) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut add = |name, args: Vec<String>, data| cases.push(Case { name, args, data });
    for _ in 0..per_function {
        // a2b_base64: valid encodings, mutated ones, and soups of alphabet,
        // padding, whitespace and junk.
        let raw_len = rng.len();
        let raw = rng.bytes(raw_len);
        let valid = b2a_base64(&raw, rng.chance(50)).unwrap();
        let soup_len = rng.len();
        let data = match rng.below(5) {
            0 => valid,
            1 => rng.mutate(valid, b"=\n \t\r:!A\x00\xff"),
            2 => rng.from(b"AZaz09+/====\n  \t.", soup_len),
            3 => {
                let quads = rng.from(B64, soup_len);
                rng.mutate(quads, b"===\n")
            }
            _ => rng.from(b"AAAAAAAA==", soup_len),
        };
        add("a2b_base64", vec![flag(rng.chance(50))], data);

        let len = rng.len();
        let data = rng.bytes(len);
        add("b2a_base64", vec![flag(rng.chance(50))], data);

        // a2b_hex: mostly digits, sometimes a bad one or odd length.
        let len = rng.len();
        let mut data = rng.from(b"0123456789abcdefABCDEF", len);
        if rng.chance(30) {
            data = rng.mutate(data, b"gG \x00\xff/:@`");
        }
        add("a2b_hex", vec![], data);

        let len = rng.len();
        let data = rng.bytes(len);
        let args = if rng.chance(20) {
            vec!["-".to_owned()]
        } else {
            let per = match rng.below(4) {
                0 => rng.below(11) as i32 - 5,
                1 => rng.below(81) as i32 - 40,
                2 => i32::MIN + rng.below(2) as i32,
                _ => i32::MAX - rng.below(2) as i32,
            };
            vec![(rng.next() as u8).to_string(), per.to_string()]
        };
        add("b2a_hex", args, data);

        // a2b_uu: encoded lines (mutated or not) and random lines.
        let raw_len = rng.below(50).min(45);
        let raw = rng.bytes(raw_len);
        let mut line = b2a_uu(&raw, rng.chance(50)).unwrap();
        if rng.chance(50) {
            line = rng.mutate(line, b" `\n\r!\x1f\x7f\x61M");
        }
        let soup_len = rng.len();
        let tiny_len = rng.below(6);
        let data = match rng.below(4) {
            0 => rng.from(b" !\"#$%&'()*+,-./0123456789:;<=>?@AZ[\\]^_`\n\r", soup_len),
            1 => rng.bytes(tiny_len),
            _ => line,
        };
        add("a2b_uu", vec![], data);

        let len = rng.below(50);
        let data = rng.bytes(len);
        add("b2a_uu", vec![flag(rng.chance(50))], data);

        // QP: text-like data rich in the characters with special rules.
        let qp_chars: &[u8] = b"aaaaaaaaaaaaaaaaZ09 \t\r\n.=_=\x00\x7f\xff\xe9";
        let soup_len = rng.len();
        let mut data = rng.from(qp_chars, soup_len);
        if rng.chance(20) {
            let long_len = 60 + rng.below(200);
            data = rng.from(b"aaaaaaaaaa  \t", long_len);
            data.extend(rng.from(qp_chars, 5));
        } else if rng.chance(20) {
            // Lines right at the soft-break limit, ending in special bytes.
            data.clear();
            for _ in 0..1 + rng.below(3) {
                let line_len = 70 + rng.below(10);
                data.extend(rng.from(b"aaaaaaa ", line_len));
                let tail_len = rng.below(4);
                data.extend(rng.from(b"= \t.\r\n\xff_", tail_len));
                let ends: [&[u8]; 3] = [b"\n", b"\r\n", b""];
                data.extend_from_slice(ends[rng.below(3)]);
            }
        }
        let args = vec![
            flag(rng.chance(50)),
            flag(rng.chance(60)),
            flag(rng.chance(50)),
        ];
        add("b2a_qp", args, data);

        let soup_len = rng.len();
        let data = rng.from(b"==\r\n_aAfF09gG \x00\xff=", soup_len);
        add("a2b_qp", vec![flag(rng.chance(50))], data);

        // a2b_qp of real encodings, many 64-byte blocks long, mutated or not.
        let text_len = rng.below(600);
        let text = rng.from(qp_chars, text_len);
        let mut data = b2a_qp(&text, rng.chance(50), rng.chance(70), rng.chance(30)).unwrap();
        if rng.chance(50) {
            data = rng.mutate(data, b"=\r\n_aF9g");
        }
        add("a2b_qp", vec![flag(rng.chance(50))], data);

        let len = if rng.chance(90) {
            rng.len()
        } else {
            rng.below(5000)
        };
        let data = rng.bytes(len);
        add("crc32", vec![(rng.next() as u32).to_string()], data.clone());
        add("crc_hqx", vec![(rng.next() as u32).to_string()], data);
    }
    cases
}

fn hex(data: &[u8]) -> String {
    data.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn matches_host_python_binascii() {
    let per_function = std::env::var("BINASCII_DIFF_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3000);
    let seed = std::env::var("BINASCII_DIFF_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x9e37_79b9_7f4a_7c15u64);
    let cases = generate(&mut Rng(seed | 1), per_function);
    let mut input = String::new();
    for case in &cases {
        for part in std::iter::once(case.name.to_owned()).chain(case.args.iter().cloned()) {
            input.push_str(&part);
            input.push('\t');
        }
        input.push_str(&hex(&case.data));
        input.push('\n');
    }
    let oracle = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/oracle.py");
    let child = Command::new("python3")
        .arg(oracle)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        eprintln!("python3 not found: differential test skipped");
        return;
    };
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(output.status.success(), "oracle failed");
    let text = String::from_utf8(output.stdout).unwrap();
    let mut lines = text.lines();
    let version: Vec<u8> = lines
        .next()
        .unwrap()
        .split('\t')
        .skip(1)
        .map(|v| v.parse().unwrap())
        .collect();
    let version = PyVersion {
        major: version[0],
        minor: version[1],
    };
    let mut failures = Vec::new();
    for (case, line) in cases.iter().zip(lines.by_ref()) {
        let fields: Vec<&str> = line.splitn(3, '\t').collect();
        let expected: Outcome = match fields[0] {
            "ok" => Ok(unhex(fields[1])),
            _ => Err((
                fields[1].to_owned(),
                fields.get(2).unwrap_or(&"").to_string(),
            )),
        };
        let actual = run(case, version);
        if actual != expected {
            failures.push(format!(
                "{}({:?}, {:?}):\n  python {:?}\n  rust   {:?}",
                case.name,
                String::from_utf8_lossy(&case.data),
                case.args,
                expected,
                actual
            ));
        }
    }
    assert_eq!(lines.count(), 0, "python answered more lines than asked");
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures[..failures.len().min(15)].join("\n")
    );
    eprintln!(
        "{} cases agree with python {}.{}",
        cases.len(),
        version.major,
        version.minor
    );
}
