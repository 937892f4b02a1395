//! Speed of the string loops under every kernel the CPU runs, at 64 B,
//! 4 KiB and 1 MiB of input, next to glibc's memchr and memcpy over the
//! same bytes (what a plain search or copy costs on this machine):
//!
//!     cargo bench -p json-core --bench speed [-- WORD]
//!
//! prints MB/s of input bytes (a UCS-2 unit is 2 bytes), one table per
//! size, and the best kernel's speed over the scalar kernel's; WORD keeps
//! the rows whose name holds it. The decoding rows time `scanstring` on a
//! JSON string of that size; the encoding rows the length pass and the
//! output pass, as the module calls them. Below 128 KiB the calls go round
//! 128 KiB of distinct inputs, so that no branch predictor learns one.
//!
//!     python3 benches/compare.py [WORD]
//!
//! runs the `compare` mode: the same calls next to CPython's C loops
//! (benches/c_reference.c).

use json_core::simd::{select, Kernel};
use json_core::*;
use std::hint::black_box;
use std::mem::size_of;
use std::time::Instant;

#[path = "../tests/common/mod.rs"]
mod common;

use common::Rng;

/// Best seconds per call of `func` over a few rounds of at least 2 ms.
fn best_time(mut func: impl FnMut()) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..15 {
        let mut calls = 0u32;
        let start = Instant::now();
        let elapsed = loop {
            for _ in 0..16 {
                func();
            }
            calls += 16;
            let elapsed = start.elapsed().as_secs_f64();
            if elapsed >= 0.002 {
                break elapsed;
            }
        };
        best = best.min(elapsed / f64::from(calls));
    }
    best
}

/// `units` code points of text in the style `style`, the `seed`th of its
/// kind.
fn text(style: &str, units: usize, seed: u64) -> Vec<u32> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ seed.wrapping_mul(0x1000_0000_01b3));
    let words = [
        "the", "quick", "brown", "fox", "jumps", "over", "a", "lazy", "dog", "JSON",
    ];
    let french = [
        "caf\u{e9}",
        "na\u{ef}ve",
        "d\u{e9}j\u{e0}",
        "\u{e9}t\u{e9}",
        "o\u{f9}",
        "le",
    ];
    let cjk: Vec<u32> = (0x4e00..0x4e40).chain(0x3041..0x3060).collect();
    let mut out: Vec<u32> = Vec::new();
    while out.len() < units {
        match style {
            "ascii" => out.extend(rng.pick(&words).chars().map(u32::from)),
            "escapes" => {
                out.extend(rng.pick(&words).chars().map(u32::from));
                if rng.below(6) == 0 {
                    out.push(rng.pick(&[0x0a, 0x22, 0x5c, 0x09]));
                }
            }
            "latin1" => out.extend(rng.pick(&french).chars().map(u32::from)),
            "ucs2" => {
                for _ in 0..1 + rng.below(8) {
                    out.push(rng.pick(&cjk));
                }
                out.extend(rng.pick(&words).chars().map(u32::from));
            }
            _ => {
                out.extend(rng.pick(&words).chars().map(u32::from));
                out.push(rng.pick(&[0x1f600, 0x1f44d, 0x2764]));
            }
        }
        out.push(0x20);
    }
    out.truncate(units);
    out
}

/// The JSON string of `raw` as `json.dumps(raw, ensure_ascii)` writes it.
fn json_string(raw: &[u32], ensure_ascii: bool) -> Vec<u32> {
    let len = if ensure_ascii {
        escaped_len_ascii(raw).unwrap()
    } else {
        escaped_len(raw).unwrap()
    };
    if ensure_ascii {
        let mut out = vec![0u8; len];
        escape_ascii_into(raw, &mut out);
        out.into_iter().map(u32::from).collect()
    } else {
        let mut out = vec![0u32; len];
        escape_into(raw, &mut out);
        out
    }
}

#[derive(Clone, Copy)]
enum Op {
    Scan,
    EncodeAscii,
    Encode,
    Memchr,
    Memcpy,
}

struct Case {
    name: &'static str,
    op: Op,
    style: &'static str,
    width: usize,
}

const CASES: &[Case] = &[
    Case {
        name: "memchr (glibc)",
        op: Op::Memchr,
        style: "ascii",
        width: 1,
    },
    Case {
        name: "memcpy (glibc)",
        op: Op::Memcpy,
        style: "ascii",
        width: 1,
    },
    Case {
        name: "scan ascii",
        op: Op::Scan,
        style: "ascii",
        width: 1,
    },
    Case {
        name: "scan ascii+escapes",
        op: Op::Scan,
        style: "escapes",
        width: 1,
    },
    Case {
        name: "scan latin1",
        op: Op::Scan,
        style: "latin1",
        width: 1,
    },
    Case {
        name: "scan ucs2 (cjk)",
        op: Op::Scan,
        style: "ucs2",
        width: 2,
    },
    Case {
        name: "scan \\u-escaped cjk",
        op: Op::Scan,
        style: "ucs2-escaped",
        width: 1,
    },
    Case {
        name: "scan ucs4 (emoji)",
        op: Op::Scan,
        style: "ucs4",
        width: 4,
    },
    Case {
        name: "ascii-enc ascii",
        op: Op::EncodeAscii,
        style: "ascii",
        width: 1,
    },
    Case {
        name: "ascii-enc escapes",
        op: Op::EncodeAscii,
        style: "escapes",
        width: 1,
    },
    Case {
        name: "ascii-enc latin1",
        op: Op::EncodeAscii,
        style: "latin1",
        width: 1,
    },
    Case {
        name: "ascii-enc ucs2",
        op: Op::EncodeAscii,
        style: "ucs2",
        width: 2,
    },
    Case {
        name: "enc ascii",
        op: Op::Encode,
        style: "ascii",
        width: 1,
    },
    Case {
        name: "enc escapes",
        op: Op::Encode,
        style: "escapes",
        width: 1,
    },
    Case {
        name: "enc ucs2",
        op: Op::Encode,
        style: "ucs2",
        width: 2,
    },
    Case {
        name: "enc ucs4",
        op: Op::Encode,
        style: "ucs4",
        width: 4,
    },
];

extern "C" {
    fn memchr(s: *const u8, c: i32, n: usize) -> *const u8;
}

/// A case ready to time: its inputs' bytes (native units of their kind),
/// and a call on the next input.
struct Prepared {
    images: Vec<Vec<u8>>,
    call: Box<dyn FnMut()>,
}

impl Prepared {
    /// Mean bytes per call.
    fn bytes(&self) -> f64 {
        self.images.iter().map(Vec::len).sum::<usize>() as f64 / self.images.len() as f64
    }
}

/// How many distinct inputs of `size` bytes the calls go round: 128 KiB of
/// them (so branch predictors cannot learn one input) or one.
fn inputs_of(size: usize) -> usize {
    (128 << 10) / size.min(128 << 10)
}

/// The case's `seed`th input at about `size` bytes, in units of its kind.
fn input(case: &Case, size: usize, seed: u64) -> Vec<u32> {
    let units = size / case.width;
    if !matches!(case.op, Op::Scan) {
        return text(case.style, units, seed);
    }
    // A JSON string of `size` bytes: the text, escaped as json.dumps
    // would (with ensure_ascii for the \u-escaped style), in quotes.
    let (style, ascii) = match case.style {
        "ucs2-escaped" => ("ucs2", true),
        style => (style, false),
    };
    let mut raw = text(style, units, seed);
    loop {
        let doc = json_string(&raw, ascii);
        if doc.len() <= units {
            return doc;
        }
        let shorter = raw.len() * units / doc.len();
        raw.truncate(shorter.min(raw.len() - 1));
    }
}

fn prepare(case: &Case, size: usize) -> Prepared {
    let inputs = (0..inputs_of(size) as u64).map(|seed| input(case, size, seed));
    match case.width {
        1 => typed(
            case.op,
            inputs
                .map(|u| u.iter().map(|&c| c as u8).collect())
                .collect(),
        ),
        2 => typed(
            case.op,
            inputs
                .map(|u| u.iter().map(|&c| c as u16).collect())
                .collect(),
        ),
        _ => typed(case.op, inputs.collect()),
    }
}

fn typed<T: CodeUnit + Into<u32>>(op: Op, inputs: Vec<Vec<T>>) -> Prepared {
    let images: Vec<Vec<u8>> = inputs
        .iter()
        .map(|s| {
            s.iter()
                .flat_map(|&unit| {
                    let c: u32 = unit.into();
                    c.to_ne_bytes().into_iter().take(size_of::<T>())
                })
                .collect()
        })
        .collect();
    let longest = inputs.iter().map(Vec::len).max().unwrap_or(0);
    let mut out8 = vec![0u8; 12 * longest + 16];
    let mut out = vec![T::default(); 6 * longest + 16];
    let bytes = images.clone();
    let count = inputs.len();
    let mut next = 0;
    let mut turn = move || {
        next = (next + 1) % count;
        next
    };
    let call: Box<dyn FnMut()> = match op {
        Op::Scan => {
            let mut buf = StringBuf::new();
            Box::new(move || {
                let s = &inputs[turn()];
                black_box(scanstring(black_box(s), 1, true, &mut buf).unwrap().1);
            })
        }
        Op::EncodeAscii => Box::new(move || {
            let s = &inputs[turn()];
            let len = escaped_len_ascii(black_box(s)).unwrap();
            black_box(escape_ascii_into(s, &mut out8[..len]));
        }),
        Op::Encode => Box::new(move || {
            let s = &inputs[turn()];
            let len = escaped_len(black_box(s)).unwrap();
            black_box(escape_into(s, &mut out[..len]));
        }),
        Op::Memchr => Box::new(move || {
            let s = &bytes[turn()];
            // SAFETY: glibc's memchr reads at most `s.len()` bytes of `s`.
            black_box(unsafe { memchr(black_box(s.as_ptr()), i32::from(b'"'), s.len()) });
        }),
        Op::Memcpy => Box::new(move || {
            let s = &bytes[turn()];
            out8[..s.len()].copy_from_slice(black_box(s));
            black_box(&out8);
        }),
    };
    Prepared { images, call }
}

/// `compare`: each row at each size for CPython's C loops
/// (benches/c_reference.c, built by compare.py, which names it in
/// JSON_CORE_C_REFERENCE), the scalar kernel and the best one.
fn compare(only: Option<&str>) {
    let reference = std::env::var("JSON_CORE_C_REFERENCE")
        .expect("JSON_CORE_C_REFERENCE: the c_reference binary (run benches/compare.py)");
    let best = Kernel::best();
    let dir = std::env::temp_dir().join(format!("json-core-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    println!(
        "{:<22}{:>7}{:>10}{:>10}{:>10}{:>8}   (MB/s of input)",
        "",
        "size",
        "C",
        "scalar",
        best.name(),
        "vs C",
    );
    for case in CASES {
        let c_op = match case.op {
            Op::Scan => "scan",
            Op::EncodeAscii => "ascii",
            Op::Encode => "plain",
            _ => continue,
        };
        if only.is_some_and(|word| !case.name.contains(word)) {
            continue;
        }
        for (size, label) in [(64usize, "64 B"), (4096, "4 KiB"), (1 << 20, "1 MiB")] {
            let mut prepared = prepare(case, size);
            let bytes = prepared.bytes();
            // Is the document an ASCII str (C's substrings skip a pass)?
            let ascii = case.width == 1 && prepared.images.iter().flatten().all(|&b| b < 0x80);
            // Each input: its length in units (u64), then its units.
            let mut file_bytes = Vec::new();
            for image in &prepared.images {
                file_bytes.extend(((image.len() / case.width) as u64).to_ne_bytes());
                file_bytes.extend(image);
            }
            let file = dir.join("input");
            std::fs::write(&file, &file_bytes).unwrap();
            let run = std::process::Command::new(&reference)
                .args([c_op, &case.width.to_string(), &u8::from(ascii).to_string()])
                .arg(&file)
                .output()
                .expect("c_reference runs");
            assert!(run.status.success(), "c_reference failed on {}", case.name);
            let c_ns: f64 = String::from_utf8(run.stdout)
                .unwrap()
                .trim()
                .parse()
                .unwrap();
            let mut speeds = Vec::new();
            for kernel in [Kernel::Scalar, best] {
                select(kernel).unwrap();
                let secs = best_time(&mut prepared.call);
                speeds.push(bytes / secs / 1e6);
            }
            let c = bytes / c_ns * 1e3;
            println!(
                "{:<22}{label:>7}{c:>10.0}{:>10.0}{:>10.0}{:>7.2}x",
                case.name,
                speeds[0],
                speeds[1],
                speeds[1] / c
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn main() {
    let mut words = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"));
    let only = words.next();
    if only.as_deref() == Some("compare") {
        return compare(words.next().as_deref());
    }
    let kernels: Vec<Kernel> = Kernel::ALL.into_iter().filter(|k| k.supported()).collect();
    for (size, label) in [(64usize, "64 B"), (4096, "4 KiB"), (1 << 20, "1 MiB")] {
        print!("{:<22}", format!("MB/s at {label}"));
        for kernel in &kernels {
            print!("{:>10}", kernel.name());
        }
        println!("{:>10}", "best/sc.");
        for case in CASES {
            if only
                .as_ref()
                .is_some_and(|word| !case.name.contains(word.as_str()))
            {
                continue;
            }
            print!("{:<22}", case.name);
            let mut speeds = Vec::new();
            for &kernel in &kernels {
                select(kernel).unwrap();
                let mut prepared = prepare(case, size);
                let secs = best_time(&mut prepared.call);
                let speed = prepared.bytes() / secs / 1e6;
                speeds.push(speed);
                print!("{speed:>10.0}");
            }
            let best = speeds.iter().copied().fold(0.0, f64::max);
            println!("{:>9.2}x", best / speeds[0]);
        }
        println!();
    }
}
