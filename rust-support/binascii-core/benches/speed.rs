//! Times one function on the input read from stdin, the way the module calls
//! it (`*_max_len`, then `*_into` a ready buffer); prints the best ns/call.
//! Driven by benches/compare.py, which runs c_reference.c on the same input.

use binascii_core::*;
use std::hint::black_box;
use std::io::Read;
use std::time::Instant;

type Func = fn(&[u8], &mut [u8]) -> usize;

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
            o[0] = crc32(d, 0) as u8;
            1
        },
        "crc_hqx" => |d, o| {
            o[0] = crc_hqx(d, 0) as u8;
            1
        },
        other => panic!("unknown function {other}"),
    }
}

fn main() {
    // cargo bench passes "--bench"; the function name is the last argument.
    let name = std::env::args().next_back().expect("function name");
    let func = lookup(&name);
    let mut input = Vec::new();
    std::io::stdin().read_to_end(&mut input).unwrap();
    let mut out = vec![0u8; 4 * input.len() + 100];
    // Calls per clock read.
    let batch = 1 + 16384 / (input.len() as u32 + 1);
    let mut best = f64::MAX;
    for _ in 0..60 {
        let mut iters = 0u32;
        let start = Instant::now();
        let elapsed = loop {
            for _ in 0..batch {
                black_box(func(black_box(&input), &mut out));
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
