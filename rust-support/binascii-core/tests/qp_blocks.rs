//! a2b_qp's block decoder against C's loop, transcribed: every escape form
//! at every offset of the first three 64-byte blocks, and long random
//! encodings. Plain `main` instead of libtest (`harness = false`): libtest
//! runs tests in threads, which qemu-user cannot create on some hosts, and
//! this check also runs under qemu for other targets (the big-endian and
//! non-SSE2 scan), in tests/layer/test_cross.py.

mod support;

use support::{a2b_qp, b2a_qp};

fn check(data: &[u8], header: bool) {
    assert_eq!(
        a2b_qp(data, header).unwrap(),
        byte_loop(data, header),
        "a2b_qp({data:?}, header={header})"
    );
}

/// Every escape form behind plain bytes or behind escapes (these leave the
/// output far behind the input), then plain bytes. Returns the number of
/// calls.
fn escapes_at_every_offset() -> usize {
    let forms: [&[u8]; 11] = [
        b"=41", b"=4", b"=", b"==", b"=\n", b"=\r\nx", b"=\rab\n", b"=g1", b"_", b"=\r", b"=a_",
    ];
    let prefixes = [b"a".repeat(50), b"=41".repeat(20), b"=\n".repeat(33)];
    let mut calls = 0;
    for form in forms {
        for before in 0..150 {
            for after in [0, 1, 2, 7, 15, 16, 17, 63, 64, 79, 80, 81] {
                let prefix = &prefixes[before % 3];
                let mut data = prefix[..before.min(prefix.len())].to_vec();
                data.resize(before, b'a');
                data.extend_from_slice(form);
                data.resize(data.len() + after, b'b');
                for header in [false, true] {
                    check(&data, header);
                    calls += 1;
                }
            }
        }
    }
    calls
}

/// Encodings of random text rich in bytes that need escapes, some with
/// bytes replaced by '=', CR, LF or '_'. Returns the number of calls.
fn long_encodings() -> usize {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move |n: usize| {
        // xorshift64: deterministic, no dependency.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let alphabet = b"abcdefghij \t\n\r=_.\xe9\xff\x00";
    let noise = b"=\r\n_aF9g";
    let mut calls = 0;
    for _ in 0..400 {
        let len = next(1000);
        let text: Vec<u8> = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
        let mut data = b2a_qp(&text, next(2) == 0, next(3) != 0, next(4) == 0).unwrap();
        for _ in 0..next(4) {
            if !data.is_empty() {
                let at = next(data.len());
                data[at] = noise[next(noise.len())];
            }
        }
        for header in [false, true] {
            check(&data, header);
            calls += 1;
        }
    }
    calls
}

fn main() {
    let calls = escapes_at_every_offset() + long_encodings();
    println!("qp_blocks: {calls} calls agree with C's loop");
}

/// C's loop, transcribed byte for byte.
fn byte_loop(data: &[u8], header: bool) -> Vec<u8> {
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let (mut i, mut out) = (0, Vec::new());
    while i < data.len() {
        if data[i] == b'=' {
            i += 1;
            if i >= data.len() {
                break;
            }
            if data[i] == b'\n' || data[i] == b'\r' {
                while i < data.len() && data[i] != b'\n' {
                    i += 1;
                }
                i += usize::from(i < data.len());
            } else if data[i] == b'=' {
                out.push(b'=');
                i += 1;
            } else if let (Some(hi), Some(lo)) =
                (hex(data[i]), data.get(i + 1).copied().and_then(hex))
            {
                out.push(hi << 4 | lo);
                i += 2;
            } else {
                out.push(b'=');
            }
        } else if header && data[i] == b'_' {
            out.push(b' ');
            i += 1;
        } else {
            out.push(data[i]);
            i += 1;
        }
    }
    out
}
