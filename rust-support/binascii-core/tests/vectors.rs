//! Known vectors ported from CPython's Lib/test/test_binascii.py (3.13),
//! plus the 3.11/3.13 differences.

mod support;

use binascii_core::*;
use support::*;

const V311: PyVersion = PyVersion::V3_11;
const V313: PyVersion = PyVersion::V3_13;

fn rawdata() -> Vec<u8> {
    let mut data = b"The quick brown fox jumps over the lazy dog.\r\n".to_vec();
    data.extend(0..=255u8);
    data.extend_from_slice(b"\r\nHello world.\n");
    data
}

fn message<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    let err = result.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Error, "{err}");
    err.to_string()
}

#[test]
fn roundtrips() {
    let raw = rawdata();
    let raw45 = &raw[..45];
    let b64 = b2a_base64(raw45, true).unwrap();
    assert_eq!(a2b_base64(&b64, false, V313).unwrap(), raw45);
    assert_eq!(a2b_hex(&b2a_hex(raw45, None, 1).unwrap()).unwrap(), raw45);
    assert_eq!(
        a2b_qp(&b2a_qp(raw45, false, true, false).unwrap(), false).unwrap(),
        raw45
    );
    assert_eq!(a2b_uu(&b2a_uu(raw45, false).unwrap()).unwrap(), raw45);
    // test_base64valid: 57-byte lines
    let mut decoded = Vec::new();
    for line in raw.chunks(57) {
        decoded.extend(a2b_base64(&b2a_base64(line, true).unwrap(), false, V311).unwrap());
    }
    assert_eq!(decoded, raw);
}

#[test]
fn base64_ignores_non_alphabet_when_not_strict() {
    let valid = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/";
    let fillers: Vec<u8> = (0..=255u8).filter(|c| !valid.contains(c)).collect();
    assert_eq!(a2b_base64(&fillers, false, V313).unwrap(), b"");
    // Noise spread through a line (test_base64invalid).
    let raw = rawdata();
    let line = b2a_base64(&raw[..57], true).unwrap();
    let mut noisy = Vec::new();
    for (i, &c) in line.iter().enumerate() {
        noisy.push(c);
        if let Some(&f) = fillers.get(i) {
            if f != b'=' {
                noisy.push(f);
            }
        }
    }
    assert_eq!(a2b_base64(&noisy, false, V313).unwrap(), &raw[..57]);
}

#[test]
fn base64_strict_mode() {
    // (data, strict error, non-strict result), same in 3.11 and 3.13.
    let cases: &[(&[u8], &str, &[u8])] = &[
        (b"ab==a", "Excess data after padding", b"i"),
        (b"ab===", "Excess data after padding", b"i"),
        (b"ab====", "Excess data after padding", b"i"),
        (b"ab==:", "Excess data after padding", b"i"),
        (b"abc=a", "Excess data after padding", b"i\xb7"),
        (b"abc=:", "Excess data after padding", b"i\xb7"),
        (b"ab==\n", "Excess data after padding", b"i"),
        (b"abc==", "Excess data after padding", b"i\xb7"),
        (b"abc=====", "Excess data after padding", b"i\xb7"),
        (b"\nab==", "Only base64 data is allowed", b"i"),
        (b"ab:(){:|:&};:==", "Only base64 data is allowed", b"i"),
        (b"a\nb==", "Only base64 data is allowed", b"i"),
        (b"a\x00b==", "Only base64 data is allowed", b"i"),
        (b"=", "Leading padding not allowed", b""),
        (b"=====", "Leading padding not allowed", b""),
        (b"ab=c=", "Discontinuous padding not allowed", b"i\xb7"),
        (
            b"ab=ab==",
            "Discontinuous padding not allowed",
            b"i\xb6\x9b",
        ),
    ];
    for &(data, error, lenient) in cases {
        for version in [V311, V313] {
            assert_eq!(message(a2b_base64(data, true, version)), error, "{data:?}");
            assert_eq!(
                a2b_base64(data, false, version).unwrap(),
                lenient,
                "{data:?}"
            );
        }
    }
}

#[test]
fn base64_excess_padding_differs_between_versions() {
    // 3.13 added "Excess padding not allowed" (a pad at a quad boundary in
    // strict mode); 3.11 skips such pads in strict mode too.
    for data in [
        &b"abcd="[..],
        b"abcd==",
        b"abcd===",
        b"abcd====",
        b"abcd=====",
    ] {
        assert_eq!(
            message(a2b_base64(data, true, V313)),
            "Excess padding not allowed"
        );
        assert_eq!(a2b_base64(data, true, V311).unwrap(), b"i\xb7\x1d");
        for version in [V311, V313] {
            assert_eq!(a2b_base64(data, false, version).unwrap(), b"i\xb7\x1d");
        }
    }
    // In 3.11 the skipped pad still starts padding: later data is
    // "Discontinuous", where 3.13 stops at the pad.
    assert_eq!(
        message(a2b_base64(b"abcd=efgh", true, V311)),
        "Discontinuous padding not allowed"
    );
    assert_eq!(
        message(a2b_base64(b"abcd=efgh", true, V313)),
        "Excess padding not allowed"
    );
    // A pad inside a quad is not "excess" in either version.
    assert_eq!(message(a2b_base64(b"a=", true, V313)), "Invalid base64-encoded string: number of data characters (1) cannot be 1 more than a multiple of 4");
    assert_eq!(a2b_base64(b"abc=", true, V313).unwrap(), b"i\xb7");
}

#[test]
fn base64_errors() {
    for data in [
        &b"ab"[..],
        b"ab=",
        b"abc",
        b"abcdef",
        b"abcdef=",
        b"abcdefg",
        b"a=b=",
        b"a\nb=",
    ] {
        assert_eq!(message(a2b_base64(data, false, V313)), "Incorrect padding");
    }
    let invalid_length = |data: &[u8], n: usize| {
        let expected = format!("Invalid base64-encoded string: number of data characters ({n}) cannot be 1 more than a multiple of 4");
        assert_eq!(message(a2b_base64(data, false, V313)), expected);
    };
    invalid_length(b"a", 1);
    invalid_length(b"a=", 1);
    invalid_length(b"a==", 1);
    invalid_length(b"a===", 1);
    invalid_length(&[b'a'; 5], 5);
    invalid_length(&[b'a'; 4 * 87 + 1], 4 * 87 + 1);
    invalid_length(b"A\tB\nC ??DE", 5);
}

#[test]
fn base64_encode() {
    assert_eq!(b2a_base64(b"hello", true).unwrap(), b"aGVsbG8=\n");
    assert_eq!(b2a_base64(b"hello", false).unwrap(), b"aGVsbG8=");
    assert_eq!(b2a_base64(b"b", true).unwrap(), b"Yg==\n");
    assert_eq!(b2a_base64(b"", true).unwrap(), b"\n");
    assert_eq!(b2a_base64(b"", false).unwrap(), b"");
}

#[test]
fn uu() {
    let raw = rawdata();
    for backtick in [true, false] {
        let mut decoded = Vec::new();
        for chunk in raw.chunks(45) {
            decoded.extend(a2b_uu(&b2a_uu(chunk, backtick).unwrap()).unwrap());
        }
        assert_eq!(decoded, raw);
    }
    assert_eq!(a2b_uu(b"\x7f").unwrap(), [0; 31]);
    assert_eq!(a2b_uu(b"\x80").unwrap(), [0; 32]);
    assert_eq!(a2b_uu(b"\xff").unwrap(), [0; 31]);
    // Empty input: C reads the buffer's NUL terminator as the length char.
    assert_eq!(a2b_uu(b"").unwrap(), [0; 32]);
    assert_eq!(message(a2b_uu(b"\xff\x00")), "Illegal char");
    assert_eq!(message(a2b_uu(b"!!!!")), "Trailing garbage");
    assert_eq!(
        message(b2a_uu(&[b'!'; 46], false)),
        "At most 45 bytes at once"
    );
    assert_eq!(b2a_uu(b"x", false).unwrap(), b"!>   \n");
    assert_eq!(b2a_uu(b"", false).unwrap(), b" \n");
    assert_eq!(b2a_uu(b"", true).unwrap(), b"`\n");
    assert_eq!(a2b_uu(b" \n").unwrap(), b"");
    assert_eq!(a2b_uu(b"`\n").unwrap(), b"");
    assert_eq!(b2a_uu(b"\x00Cat", false).unwrap(), b"$ $-A=   \n");
    assert_eq!(b2a_uu(b"\x00Cat", true).unwrap(), b"$`$-A=```\n");
    assert_eq!(
        a2b_uu(b"$`$-A=```\n").unwrap(),
        a2b_uu(b"$ $-A=   \n").unwrap()
    );
    // Short lines are zero-filled; CR/LF inside the data count as zero.
    assert_eq!(a2b_uu(b"#86)C").unwrap(), b"abc");
    assert_eq!(a2b_uu(b"$86)C").unwrap(), b"abc\x00");
    assert_eq!(a2b_uu(b"#8\n)C").unwrap(), a2b_uu(b"#8 )C").unwrap());
}

#[test]
fn hex() {
    let s = b"{s\x05\x00\x00\x00worldi\x02\x00\x00\x00s\x05\x00\x00\x00helloi\x01\x00\x00\x000";
    let t = b2a_hex(s, None, 1).unwrap();
    assert_eq!(a2b_hex(&t).unwrap(), s);
    assert_eq!(message(a2b_hex(&t[..t.len() - 1])), "Odd-length string");
    let mut bad = t[..t.len() - 1].to_vec();
    bad.push(b'q');
    assert_eq!(message(a2b_hex(&bad)), "Non-hexadecimal digit found");
    for data in [&b"\xff\xff"[..], b"0G", b"0g", b"G0", b"g0"] {
        assert_eq!(message(a2b_hex(data)), "Non-hexadecimal digit found");
    }
    assert_eq!(a2b_hex(b"0aFf").unwrap(), b"\x0a\xff");
}

#[test]
fn hex_separator() {
    let data = b"\xb9\x01\xef";
    assert_eq!(b2a_hex(data, None, 1).unwrap(), b"b901ef");
    assert_eq!(b2a_hex(data, Some(b':'), 1).unwrap(), b"b9:01:ef");
    assert_eq!(b2a_hex(data, Some(b'_'), 2).unwrap(), b"b9_01ef");
    assert_eq!(b2a_hex(data, Some(b'_'), -2).unwrap(), b"b901_ef");
    assert_eq!(b2a_hex(data, Some(b'_'), 0).unwrap(), b"b901ef");
    assert_eq!(b2a_hex(data, Some(b'_'), 3).unwrap(), b"b901ef");
    assert_eq!(b2a_hex(data, Some(b'_'), i32::MIN).unwrap(), b"b901ef");
    // Without sep, bytes_per_sep is ignored.
    assert_eq!(b2a_hex(data, None, 2).unwrap(), b"b901ef");
    // bytes output takes any byte as separator.
    assert_eq!(b2a_hex(data, Some(0xe9), 1).unwrap(), b"b9\xe901\xe9ef");
    let s: Vec<u8> = (0..30).collect();
    let expected8 = b"000102030405.060708090a0b0c0d.0e0f101112131415.161718191a1b1c1d";
    assert_eq!(b2a_hex(&s, Some(b'.'), 8).unwrap(), expected8);
    assert_eq!(b2a_hex_max_len(&s, Some(b'.'), 8).unwrap(), expected8.len());
    assert_eq!(b2a_hex_sep(1, u32::from('é')).unwrap(), 0xe9);
    let err = b2a_hex_sep(1, 0x100).unwrap_err();
    assert_eq!(
        (err.kind, err.message.as_str()),
        (ErrorKind::Value, "sep must be ASCII.")
    );
    let err = b2a_hex_sep(2, u32::from(':')).unwrap_err();
    assert_eq!(
        (err.kind, err.message.as_str()),
        (ErrorKind::Value, "sep must be length 1.")
    );
}

#[test]
fn qp_decode() {
    let cases: &[(&[u8], &[u8])] = &[
        (b"=", b""),
        (b"= ", b"= "),
        (b"==", b"="),
        (b"=\nAB", b"AB"),
        (b"=\r\nAB", b"AB"),
        (b"=\rAB", b""),
        (b"=\rAB\nCD", b"CD"),
        (b"=AB", b"\xab"),
        (b"=ab", b"\xab"),
        (b"=AX", b"=AX"),
        (b"=XA", b"=XA"),
        (b"=A", b"=A"),
        (b"_", b"_"),
        (b"=00\r\n=00", b"\x00\r\n\x00"),
    ];
    for &(data, expected) in cases {
        assert_eq!(a2b_qp(data, false).unwrap(), expected, "{data:?}");
    }
    assert_eq!(a2b_qp(b"_", true).unwrap(), b" ");
}

#[test]
fn qp_encode() {
    /// (data, quotetabs, istext, header, expected)
    type QpCase = (&'static [u8], bool, bool, bool, &'static [u8]);
    let cases: &[QpCase] = &[
        (
            b"\xff\r\n\xff\n\xff",
            false,
            true,
            false,
            b"=FF\r\n=FF\r\n=FF",
        ),
        (b"\x7f", false, true, false, b"=7F"),
        (b"=", false, true, false, b"=3D"),
        (b"_", false, true, false, b"_"),
        (b"_", false, true, true, b"=5F"),
        (b"x y", false, true, true, b"x_y"),
        (b"x ", false, true, true, b"x=20"),
        (b"x y", true, true, true, b"x=20y"),
        (b"x\ty", false, true, true, b"x\ty"),
        (b" ", false, true, false, b"=20"),
        (b"\t", false, true, false, b"=09"),
        (b" x", false, true, false, b" x"),
        (b"\tx", false, true, false, b"\tx"),
        (b"\0", false, true, false, b"=00"),
        (b"\0\n", false, true, false, b"=00\n"),
        (b"\0\n", true, true, false, b"=00\n"),
        (b"x y\tz", false, true, false, b"x y\tz"),
        (b"x y\tz", true, true, false, b"x=20y=09z"),
        (b"x y\tz", false, false, false, b"x y\tz"),
        (b"x \ny\t\n", false, true, false, b"x=20\ny=09\n"),
        (b"x \ny\t\n", true, true, false, b"x=20\ny=09\n"),
        (b"x \ny\t\n", false, false, false, b"x =0Ay\t=0A"),
        (b"x \ry\t\r", false, true, false, b"x \ry\t\r"),
        (b"x \ry\t\r", true, true, false, b"x=20\ry=09\r"),
        (b"x \ry\t\r", false, false, false, b"x =0Dy\t=0D"),
        (b"x \r\ny\t\r\n", false, true, false, b"x=20\r\ny=09\r\n"),
        (b"x \r\ny\t\r\n", true, true, false, b"x=20\r\ny=09\r\n"),
        (b"x \r\ny\t\r\n", false, false, false, b"x =0D=0Ay\t=0D=0A"),
        (b"x \r", false, true, false, b"x \r"),
        (b"x\t\r", false, true, false, b"x\t\r"),
        (b"x \r", true, true, false, b"x=20\r"),
        (b"x\t\r", true, true, false, b"x=09\r"),
        (b"x \r", false, false, false, b"x =0D"),
        (b"x\t\r", false, false, false, b"x\t=0D"),
        (b".", false, true, false, b"=2E"),
        (b".\n", false, true, false, b"=2E\n"),
        (b".\r", false, true, false, b"=2E\r"),
        (b".\0", false, true, false, b"=2E=00"),
        (b"a.\n", false, true, false, b"a.\n"),
    ];
    for &(data, quotetabs, istext, header, expected) in cases {
        let encoded = b2a_qp(data, quotetabs, istext, header).unwrap();
        assert_eq!(encoded, expected, "{data:?} {quotetabs} {istext} {header}");
    }
    let mut long = vec![b'0'; 75];
    long.extend_from_slice(b"\xff\r\n\xff\r\n\xff");
    let mut expected = vec![b'0'; 75];
    expected.extend_from_slice(b"=\r\n=FF\r\n=FF\r\n=FF");
    assert_eq!(b2a_qp(&long, false, true, false).unwrap(), expected);
}

#[test]
fn empty_inputs() {
    for version in [V311, V313] {
        assert_eq!(a2b_base64(b"", true, version).unwrap(), b"");
    }
    assert_eq!(a2b_hex(b"").unwrap(), b"");
    assert_eq!(a2b_qp(b"", false).unwrap(), b"");
    assert_eq!(b2a_hex(b"", Some(b':'), 1).unwrap(), b"");
    assert_eq!(b2a_qp(b"", false, true, false).unwrap(), b"");
    assert_eq!(crc32(b"", 0), 0);
    assert_eq!(crc_hqx(b"", 0), 0);
}
