//! Times one function on the input read from stdin, the way the module calls
//! it (`*_max_len`, then `*_into` a ready buffer); prints the best ns/call.
//! Driven by benches/compare.py, which runs c_reference.c on the same input.
//!
//! With the argument `kernels` instead (`cargo bench -p binascii-core
//! --bench speed -- kernels`), prints a table of MB/s (input bytes) at
//! 64 B, 4 KiB and 1 MiB for the base64 and hex functions under every
//! kernel the CPU supports, next to a memcpy of the same size.

#[path = "../tests/support/mod.rs"]
mod support;

use binascii_core::*;
use std::hint::black_box;
use std::io::Read;
use std::mem::MaybeUninit;
use std::time::Instant;
use support::{b2a_base64, b2a_hex};

type Func = fn(&[u8], &mut [MaybeUninit<u8>]) -> usize;

fn lookup(name: &str) -> Func {
    match name {
        "a2b_base64" | "a2b_base64_lines" => |d, o| {
            a2b_base64_max_len(d).unwrap();
            a2b_base64_into(d, false, PyVersion::V3_13, o).unwrap()
        },
        "b2a_base64" => |d, o| {
            b2a_base64_max_len(d, true).unwrap();
            b2a_base64_into(d, true, o).unwrap()
        },
        "a2b_hex" => |d, o| {
            a2b_hex_max_len(d).unwrap();
            a2b_hex_into(d, o).unwrap()
        },
        "b2a_hex" => |d, o| {
            b2a_hex_max_len(d, None, 1).unwrap();
            b2a_hex_into(d, None, 1, o).unwrap()
        },
        "b2a_hex_sep" => |d, o| {
            b2a_hex_max_len(d, Some(b':'), 2).unwrap();
            b2a_hex_into(d, Some(b':'), 2, o).unwrap()
        },
        "a2b_uu" => |d, o| {
            a2b_uu_max_len(d).unwrap();
            a2b_uu_into(d, o).unwrap()
        },
        "b2a_uu" => |d, o| {
            b2a_uu_max_len(d).unwrap();
            b2a_uu_into(d, false, o).unwrap()
        },
        "a2b_qp" | "a2b_qp_dense" | "a2b_qp_8bit" => |d, o| {
            a2b_qp_max_len(d).unwrap();
            a2b_qp_into(d, false, o).unwrap()
        },
        "a2b_qp_header" => |d, o| {
            a2b_qp_max_len(d).unwrap();
            a2b_qp_into(d, true, o).unwrap()
        },
        "b2a_qp" => |d, o| {
            b2a_qp_max_len(d, false, true, false).unwrap();
            b2a_qp_into(d, false, true, false, o).unwrap()
        },
        "crc32" => |d, o| {
            o[0] = MaybeUninit::new(crc32(d, 0) as u8);
            1
        },
        "crc_hqx" => |d, o| {
            o[0] = MaybeUninit::new(crc_hqx(d, 0) as u8);
            1
        },
        other => panic!("unknown function {other}"),
    }
}

/// Best seconds per call of `func` over a few rounds of at least 2 ms,
/// `batch` calls per clock read.
fn best_time(batch: u32, mut func: impl FnMut()) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..12 {
        let mut iters = 0u32;
        let start = Instant::now();
        let elapsed = loop {
            for _ in 0..batch {
                func();
            }
            iters += batch;
            let elapsed = start.elapsed().as_secs_f64();
            if elapsed >= 0.002 {
                break elapsed;
            }
        };
        best = best.min(elapsed / f64::from(iters));
    }
    best
}

/// xorshift64*, for the inputs.
fn random_bytes(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed | 1;
    (0..len)
        .map(|_| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8
        })
        .collect()
}

fn kernels_table() {
    use binascii_core::simd::{select, Kernel};
    let sizes = [64usize, 4096, 1 << 20];
    // (name, input of about `size` bytes, function)
    type Case = (&'static str, fn(usize) -> Vec<u8>, Func);
    fn lines(n: usize) -> Vec<u8> {
        let text = b2a_base64(&random_bytes(n / 77 * 57 + 12, 5), false).unwrap();
        let mut lines = Vec::new();
        for line in text.chunks(76) {
            lines.extend_from_slice(line);
            lines.push(b'\n');
        }
        lines
    }
    let cases: [Case; 9] = [
        (
            "memcpy",
            |n| random_bytes(n, 1),
            |d, o| {
                support::write_bytes(o, d);
                d.len()
            },
        ),
        ("b2a_base64", |n| random_bytes(n, 2), lookup("b2a_base64")),
        (
            "a2b_base64 strict",
            |n| b2a_base64(&random_bytes(n / 4 * 3, 3), false).unwrap(),
            |d, o| a2b_base64_into(d, true, PyVersion::V3_13, o).unwrap(),
        ),
        (
            "a2b_base64",
            |n| b2a_base64(&random_bytes(n / 4 * 3, 4), false).unwrap(),
            |d, o| a2b_base64_into(d, false, PyVersion::V3_13, o).unwrap(),
        ),
        ("a2b_base64 lines", lines, |d, o| {
            a2b_base64_into(d, false, PyVersion::V3_13, o).unwrap()
        }),
        // The kernel's filter alone, on the same lines.
        ("(compact lines)", lines, |d, o| {
            (binascii_core::simd::ops().compact)(d, o).1
        }),
        ("hexlify", |n| random_bytes(n, 6), lookup("b2a_hex")),
        (
            "unhexlify",
            |n| b2a_hex(&random_bytes(n / 2, 7), None, 1).unwrap(),
            lookup("a2b_hex"),
        ),
        ("crc32", |n| random_bytes(n, 8), lookup("crc32")),
    ];
    let kernels: Vec<Kernel> = Kernel::ALL.into_iter().filter(|k| k.supported()).collect();
    print!("{:<20}", "MB/s");
    for kernel in &kernels {
        for size in sizes {
            print!("{:>12}", format!("{}@{}", kernel.name(), size_name(size)));
        }
    }
    println!();
    // `kernels WORD`: only the rows whose name contains WORD.
    let only = std::env::args()
        .skip_while(|arg| arg != "kernels")
        .nth(1)
        .filter(|arg| !arg.starts_with("--"));
    for (name, make, func) in cases {
        if only
            .as_ref()
            .is_some_and(|word| !name.contains(word.as_str()))
        {
            continue;
        }
        print!("{name:<20}");
        for &kernel in &kernels {
            select(kernel).unwrap();
            for size in sizes {
                let input = make(size);
                // Uninitialized, as a new `bytes` object is.
                let mut buffer = Vec::<u8>::with_capacity(4 * input.len() + 2000);
                // Output not at the input's offset modulo 4 KiB (4K aliasing).
                let out = &mut buffer.spare_capacity_mut()[1056..];
                let batch = 1 + 16384 / (input.len() as u32 + 1);
                let secs = best_time(batch, || {
                    black_box(func(black_box(&input), out));
                });
                print!("{:>12.0}", input.len() as f64 / secs / 1e6);
            }
        }
        println!();
    }
}

fn size_name(size: usize) -> String {
    match size {
        s if s >= 1 << 20 => format!("{}M", s >> 20),
        s if s >= 1 << 10 => format!("{}K", s >> 10),
        s => format!("{s}"),
    }
}

fn main() {
    // cargo bench passes "--bench"; the function name is the last argument.
    if std::env::args().any(|arg| arg == "kernels") {
        return kernels_table();
    }
    let name = std::env::args().next_back().expect("function name");
    let func = lookup(&name);
    let mut input = Vec::new();
    std::io::stdin().read_to_end(&mut input).unwrap();
    // Uninitialized, as a new `bytes` object is.
    let mut out = Vec::<u8>::with_capacity(4 * input.len() + 100);
    let out = out.spare_capacity_mut();
    // Calls per clock read.
    let batch = 1 + 16384 / (input.len() as u32 + 1);
    let mut best = f64::MAX;
    for _ in 0..60 {
        let mut iters = 0u32;
        let start = Instant::now();
        let elapsed = loop {
            for _ in 0..batch {
                black_box(func(black_box(&input), out));
            }
            iters += batch;
            let elapsed = start.elapsed().as_secs_f64();
            if elapsed >= 0.004 {
                break elapsed;
            }
        };
        best = best.min(elapsed / f64::from(iters));
    }
    println!("{:.1}", best * 1e9);
}
