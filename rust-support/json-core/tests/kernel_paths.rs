//! End to end: every vector kernel the CPU runs gives, through the public
//! functions, exactly the scalar kernel's result (text, kind, end index,
//! error and position, escaped output and length), in every string kind,
//! on inputs shaped to reach every vector path: strings of every length
//! around the register sizes, with a quote, a backslash escape, a control
//! character or a wide character at each position, strict or not, and
//! random documents. A plain `main` without threads, so it also runs under
//! qemu-user.

use json_core::simd::{select, Kernel};
use json_core::*;
use std::process::exit;

mod common;

use common::{cps, narrower, units_text, Rng};

/// What gets planted into clean text.
const PLANTS: &[&str] = &[
    "\"",
    "\\n",
    "\\\"",
    "\\u00e9",
    "\\u20ac",
    "\\ud83d\\ude00",
    "\\ud800",
    "\\q",
    "\\u12",
    "\u{0}",
    "\u{1f}",
    "\u{7f}",
    "\u{e9}",
    "\u{ff}",
    "\u{100}",
    "\u{20ac}",
    "\u{1f600}",
    "\\",
];

/// Clean fillers of each kind.
const FILLS: &[&str] = &[
    "abcdefgh ",
    "caf\u{e9} na\u{ef}ve ",
    "\u{4e2d}\u{6587}ab ",
    "x\u{1f600}y ",
];

fn fill(pattern: &str, len: usize) -> Vec<u32> {
    cps(pattern).into_iter().cycle().take(len).collect()
}

fn inputs() -> Vec<Vec<u32>> {
    let mut all = Vec::new();
    let mut lengths: Vec<usize> = (0..=70).collect();
    for block in [96, 128, 192, 256, 1024] {
        lengths.extend(block - 2..=block + 2);
    }
    for &len in &lengths {
        for pattern in FILLS {
            let body = fill(pattern, len);
            all.push(body.clone());
            if len <= 70 || len % 64 <= 2 {
                let positions: Vec<usize> = if len <= 70 {
                    (0..len).collect()
                } else {
                    vec![0, 15, 16, 31, 32, 63, 64, len - 1]
                };
                for at in positions {
                    for plant in PLANTS {
                        let mut text = body.clone();
                        text.splice(at..at + 1, cps(plant));
                        all.push(text);
                    }
                }
            }
        }
    }
    // Random documents: runs of every kind, escapes, controls.
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let mut text = Vec::new();
        for _ in 0..rng.below(8) {
            let pattern = rng.pick(FILLS);
            let len = rng.pick(&[1, 5, 15, 16, 17, 33, 64, 100, 300]);
            text.extend(fill(pattern, rng.below(len + 1)));
            text.extend(cps(rng.pick(PLANTS)));
        }
        all.push(text);
    }
    all
}

type Outcome = String;

/// Every public function on the body `text` in units `T`: as the body of
/// a string in a document (strict and not), and escaped both ways.
fn run_all<T: CodeUnit + Into<u32>>(text: &[T], doc: &[T], out: &mut Vec<(&'static str, Outcome)>) {
    let mut buf = StringBuf::new();
    for strict in [true, false] {
        let got = scanstring(doc, 1, strict, &mut buf);
        let shown = match got {
            Ok((Decoded::Slice { start, end, kind }, next)) => {
                format!("slice {start}..{end} {kind:?} {next}")
            }
            Ok((Decoded::Units { units, kind }, next)) => {
                format!("text {:x?} {kind:?} {next}", units_text(units))
            }
            Err(error) => format!("{error:?}"),
        };
        out.push(("scanstring", shown));
    }
    let len = escaped_len_ascii(text);
    let mut bytes = vec![0u8; *len.as_ref().unwrap_or(&0)];
    let written = len.map(|_| escape_ascii_into(text, &mut bytes));
    out.push((
        "encode_basestring_ascii",
        format!("{len:?} {written:?} {bytes:?}"),
    ));
    let len = escaped_len(text);
    let mut units = vec![T::default(); *len.as_ref().unwrap_or(&0)];
    let written = len.map(|_| escape_into(text, &mut units));
    let units: Vec<u32> = units.into_iter().map(Into::into).collect();
    out.push((
        "encode_basestring",
        format!("{len:?} {written:?} {units:x?}"),
    ));
}

fn run_kinds(text: &[u32], out: &mut Vec<(&'static str, Outcome)>) {
    out.clear();
    let mut doc = vec![0x5b, 0x22];
    doc.extend_from_slice(text);
    doc.extend(cps("\", 1]"));
    run_all(text, &doc, out);
    // The text fits where the document does.
    let (one, two) = narrower(&doc);
    let (text_one, text_two) = narrower(text);
    if let (Some(doc), Some(text)) = (two, text_two) {
        run_all(&text, &doc, out);
    }
    if let (Some(doc), Some(text)) = (one, text_one) {
        run_all(&text, &doc, out);
    }
}

fn main() {
    for kernel in Kernel::ALL.into_iter().filter(|k| !k.supported()) {
        println!(
            "kernel {}: not available here: {}",
            kernel.name(),
            kernel.lacking()
        );
    }
    let kernels: Vec<Kernel> = Kernel::ALL
        .into_iter()
        .filter(|k| *k != Kernel::Scalar && k.supported())
        .collect();
    if kernels.is_empty() {
        println!("kernel_paths: no vector kernel on this CPU, nothing to compare");
        return;
    }
    let inputs = inputs();
    let (mut expected, mut got) = (Vec::new(), Vec::new());
    let mut cases = vec![0usize; kernels.len()];
    for text in &inputs {
        select(Kernel::Scalar).unwrap();
        run_kinds(text, &mut expected);
        for (k, &kernel) in kernels.iter().enumerate() {
            select(kernel).unwrap();
            run_kinds(text, &mut got);
            for ((name, want), (_, have)) in expected.iter().zip(&got) {
                if want != have {
                    eprintln!(
                        "kernel {}: {name} disagrees with scalar\n  input: {text:x?}\n  scalar: {want}\n  {}: {have}",
                        kernel.name(),
                        kernel.name()
                    );
                    exit(1);
                }
                cases[k] += 1;
            }
        }
    }
    for (kernel, count) in kernels.iter().zip(cases) {
        println!("kernel {}: {count} cases agree with scalar", kernel.name());
    }
}
