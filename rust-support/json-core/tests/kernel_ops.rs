//! Every kernel's operations, for every string kind, against models of
//! their contracts (`simd::WidthOps`): the runs they skip or copy are
//! clean, they stop at the first unit that is not (unless within the last
//! 64 units, which the caller finishes), the kind hint is right, nothing is
//! written outside the output. Every
//! unit value that sits at a class boundary (or whose low or high byte is a
//! special byte) goes at every position of the first blocks. A plain `main`
//! without threads, so it also runs under qemu-user.

use json_core::simd::{Kernel, WidthOps};
use json_core::{CodeUnit, Kind};
use std::process::exit;

/// Units around every boundary the kernels test, of any width; each test
/// keeps those its unit type holds.
const SPECIAL: &[u32] = &[
    0x00,
    0x01,
    0x08,
    0x09,
    0x0a,
    0x0b,
    0x0c,
    0x0d,
    0x0e,
    0x1f,
    0x20,
    0x21,
    0x22,
    0x23,
    0x2f,
    0x5b,
    0x5c,
    0x5d,
    0x7e,
    0x7f,
    0x80,
    0x9f,
    0xa0,
    0xdc,
    0xe2,
    0xff,
    0x100,
    0x122,
    0x15c,
    0x7f22,
    0x8000,
    0x8022,
    0x805c,
    0xd800,
    0xdc00,
    0x2200,
    0x5c00,
    0x2222,
    0xffdf,
    0xfffe,
    0xffff,
    0x1_0000,
    0x1_0022,
    0x1_005c,
    0x1f600,
    0x10_ffff,
    0x22_0000,
    0x8000_0022,
    0xffff_ffff,
];

/// Clean text of each kind (no class boundary crossed but the kind's).
const FILL: &[u32] = &[0x61, 0x62, 0x41, 0x20, 0x7e, 0x30, 0xe9, 0x20ac, 0x1f600];

struct Check {
    kernel: &'static str,
    cases: usize,
}

impl Check {
    fn fail(&self, what: &str) -> ! {
        eprintln!("kernel {}: {what}", self.kernel);
        exit(1);
    }
}

fn is_stop(c: u32, strict: bool) -> bool {
    c == 0x22 || c == 0x5c || (strict && c < 0x20)
}

fn s_char(c: u32) -> bool {
    (0x20..=0x7e).contains(&c) && c != 0x22 && c != 0x5c
}

fn needs_escape(c: u32) -> bool {
    c < 0x20 || c == 0x22 || c == 0x5c
}

/// The unit types, made from `u32` by truncation.
trait Unit: CodeUnit {
    fn make(c: u32) -> Self;
}

impl Unit for u8 {
    fn make(c: u32) -> Self {
        c as u8
    }
}

impl Unit for u16 {
    fn make(c: u32) -> Self {
        c as u16
    }
}

impl Unit for u32 {
    fn make(c: u32) -> Self {
        c
    }
}

fn check_width<T: Unit>(check: &mut Check, ops: &WidthOps<T>) {
    let max_unit = match std::mem::size_of::<T>() {
        1 => 0xff,
        2 => 0xffff,
        _ => u32::MAX,
    };
    let special: Vec<u32> = SPECIAL.iter().copied().filter(|&c| c <= max_unit).collect();
    let fill: Vec<u32> = FILL.iter().copied().filter(|&c| c <= max_unit).collect();
    let mut lengths: Vec<usize> = (0..=70).collect();
    lengths.extend([
        95, 96, 97, 127, 128, 129, 191, 192, 193, 255, 256, 257, 1000,
    ]);
    for &len in &lengths {
        let base: Vec<u32> = (0..len).map(|k| fill[(k * 7 + len) % fill.len()]).collect();
        let positions: Vec<usize> = if len <= 70 {
            (0..len).collect()
        } else {
            vec![0, 1, 15, 16, 31, 32, 63, 64, len / 2, len - 1]
        };
        let mut inputs = vec![base.clone()];
        for &at in &positions {
            for &c in &special {
                let mut text = base.clone();
                text[at] = c;
                inputs.push(text);
            }
        }
        for text in inputs {
            let units: Vec<T> = text.iter().map(|&c| T::make(c)).collect();
            check_input(check, ops, &units);
        }
    }
}

fn check_input<T: Unit>(check: &mut Check, ops: &WidthOps<T>, s: &[T]) {
    let text: Vec<u32> = s.iter().map(|&u| u.to_u32()).collect();
    let len = s.len();
    let starts = [0, 1, 15, 16, 17, 31, 33, 63, 64, 65];
    for &from in starts.iter().filter(|&&from| from <= len) {
        for strict in [false, true] {
            let (p, hint) = ops.scan(s, from, strict);
            if p < from || p > len {
                check.fail(&format!("scan from {from} returned {p} of {len}"));
            }
            if let Some(at) = (from..p).find(|&k| is_stop(text[k], strict)) {
                check.fail(&format!(
                    "scan skipped stop {:#x} at {at}: {text:x?}",
                    text[at]
                ));
            }
            let first_stop = (from..len)
                .find(|&k| is_stop(text[k], strict))
                .unwrap_or(len);
            if p < first_stop && p + 64 < len {
                check.fail(&format!(
                    "scan stopped at {p}, before {first_stop}, far from the end"
                ));
            }
            let max = text[from..p].iter().copied().max().unwrap_or(0);
            if Kind::of(hint) != Kind::of(max) {
                check.fail(&format!(
                    "scan hint {hint:#x} for max {max:#x}: {text:x?} from {from}"
                ));
            }
            check.cases += 1;
        }
        // The copying runs, into an output framed by canaries.
        for o in [0, 1, 5] {
            let room = len - from + 1;
            let mut frame = vec![0xa5u8; o + room + 64];
            let (i2, o2) = {
                let out = &mut frame[64..64 + o + room];
                ops.ascii_run(s, from, out, o)
            };
            if frame[..64]
                .iter()
                .chain(&frame[64 + o + room..])
                .any(|&b| b != 0xa5)
            {
                check.fail("ascii_run wrote outside its output");
            }
            if i2 < from || i2 > len || o2 - o != i2 - from {
                check.fail(&format!(
                    "ascii_run returned ({i2}, {o2}) from ({from}, {o})"
                ));
            }
            let out = &frame[64..];
            for k in from..i2 {
                if !s_char(text[k]) || u32::from(out[o + k - from]) != text[k] {
                    check.fail(&format!("ascii_run copied {:#x} at {k}", text[k]));
                }
            }
            let first = (from..len).find(|&k| !s_char(text[k])).unwrap_or(len);
            if i2 < first && i2 + 64 < len {
                check.fail(&format!("ascii_run stopped at {i2}, before {first}"));
            }

            let marker = T::make(0x5a);
            let mut frame: Vec<T> = vec![marker; o + room + 128];
            let (i2, o2) = {
                let out = &mut frame[64..64 + o + room];
                ops.run(s, from, out, o)
            };
            if frame[..64]
                .iter()
                .chain(&frame[64 + o + room..])
                .any(|&u| u != marker)
            {
                check.fail("run wrote outside its output");
            }
            if i2 < from || i2 > len || o2 - o != i2 - from {
                check.fail(&format!("run returned ({i2}, {o2}) from ({from}, {o})"));
            }
            for k in from..i2 {
                if needs_escape(text[k]) || frame[64 + o + k - from] != s[k] {
                    check.fail(&format!("run copied {:#x} at {k}", text[k]));
                }
            }
            let first = (from..len).find(|&k| needs_escape(text[k])).unwrap_or(len);
            if i2 < first && i2 + 64 < len {
                check.fail(&format!("run stopped at {i2}, before {first}"));
            }
            check.cases += 2;
        }
    }
}

fn main() {
    let mut any = false;
    for kernel in Kernel::ALL {
        let Some(ops) = kernel.ops().filter(|_| kernel != Kernel::Scalar) else {
            continue;
        };
        any = true;
        let mut check = Check {
            kernel: kernel.name(),
            cases: 0,
        };
        check_width(&mut check, &ops.u8);
        check_width(&mut check, &ops.u16);
        check_width(&mut check, &ops.u32);
        println!(
            "kernel {}: {} cases agree with the op contracts",
            kernel.name(),
            check.cases
        );
    }
    if !any {
        println!("kernel_ops: no vector kernel on this CPU, nothing to check");
    }
}
