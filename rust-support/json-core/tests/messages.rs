//! Every error message and position of C's `_json`, every escape, and the
//! kinds of results, checked in all three string kinds that hold the text.
//! (Expected values from reading Modules/_json.c, confirmed with the host
//! python3's C `_json`: `json.decoder.c_scanstring` etc.)

use json_core::*;

mod common;

use common::{cps, narrower, units_text};

/// `$f(text, args...)` (`$f` generic over the unit type) on `text` in every
/// kind that holds it: all must agree.
macro_rules! in_every_kind {
    ($f:ident($text:expr $(, $arg:expr)*)) => {{
        let text: &[u32] = $text;
        let got = $f(text $(, $arg)*);
        let (one, two) = narrower(text);
        if let Some(units) = two {
            assert_eq!($f(&units[..] $(, $arg)*), got, "UCS-2 differs: {text:x?}");
        }
        if let Some(units) = one {
            assert_eq!($f(&units[..] $(, $arg)*), got, "latin-1 differs: {text:x?}");
        }
        got
    }};
}

/// `text` with each `@` replaced by the next of `surrogates`.
fn with_surrogates(text: &str, surrogates: &[u32]) -> Vec<u32> {
    let mut next = surrogates.iter();
    text.chars()
        .map(|c| match c {
            '@' => *next.next().unwrap(),
            c => u32::from(c),
        })
        .collect()
}

#[derive(Debug, PartialEq)]
enum Got {
    Slice(usize, usize, Kind, usize),
    Text(Vec<u32>, Kind, usize),
    Err(ScanError),
}

fn scan_as<T: CodeUnit>(units: &[T], end: isize, strict: bool) -> Got {
    let mut buf = StringBuf::new();
    match scanstring(units, end, strict, &mut buf) {
        Ok((Decoded::Slice { start, end, kind }, next)) => Got::Slice(start, end, kind, next),
        Ok((Decoded::Units { units, kind }, next)) => {
            let text = units_text(units);
            assert_eq!(units.len(), text.len());
            let width = match units {
                Units::One(_) => 1,
                Units::Two(_) => 2,
                Units::Four(_) => 4,
            };
            assert_eq!(width, kind.unit_size(), "units of the kind's width");
            Got::Text(text, kind, next)
        }
        Err(error) => Got::Err(error),
    }
}

/// scanstring on `text` in every kind that holds it: all must agree.
fn scan(text: &[u32], end: isize, strict: bool) -> Got {
    in_every_kind!(scan_as(text, end, strict))
}

fn decode_error(msg: &'static str, pos: isize) -> Got {
    Got::Err(ScanError::Decode(DecodeError { msg, pos }))
}

const UNTERMINATED: &str = "Unterminated string starting at";
const CONTROL: &str = "Invalid control character at";
const ESCAPE: &str = "Invalid \\escape";
const UXXXX: &str = "Invalid \\uXXXX escape";

#[test]
fn messages_are_cs() {
    assert_eq!(DecodeError::UNTERMINATED, UNTERMINATED);
    assert_eq!(DecodeError::CONTROL, CONTROL);
    assert_eq!(DecodeError::ESCAPE, ESCAPE);
    assert_eq!(DecodeError::UXXXX, UXXXX);
    assert_eq!(ScanError::END_OUT_OF_BOUNDS, "end is out of bounds");
    assert_eq!(TooLong::MESSAGE, "string is too long to escape");
}

#[test]
fn end_out_of_bounds() {
    let text = cps("\"ab\"");
    assert_eq!(scan(&text, -1, true), Got::Err(ScanError::EndOutOfBounds));
    assert_eq!(scan(&text, 5, true), Got::Err(ScanError::EndOutOfBounds));
    assert_eq!(
        scan(&text, isize::MIN, true),
        Got::Err(ScanError::EndOutOfBounds)
    );
    // end == len is in bounds: the string is unterminated.
    assert_eq!(scan(&text, 4, true), decode_error(UNTERMINATED, 3));
    assert_eq!(scan(&[], 0, true), decode_error(UNTERMINATED, -1));
}

#[test]
fn unterminated_strings() {
    for (text, end, pos) in [
        ("\"abc", 1, 0),
        ("x = \"abc", 5, 4),
        ("\"", 1, 0),
        ("\"ab\\", 1, 0),      // a backslash ends the input
        ("\"a\\nbc", 1, 0),    // after an escape
        ("\"a\\u0041b", 1, 0), // after a \u escape
        ("\"a\\ud800\\u0041b", 1, 0),
        ("\"\u{e9}\u{20ac}", 1, 0), // any kind
        ("abc", 0, -1),             // end 0: begin is -1
    ] {
        let text = cps(text);
        assert_eq!(scan(&text, end, true), decode_error(UNTERMINATED, pos));
        assert_eq!(scan(&text, end, false), decode_error(UNTERMINATED, pos));
    }
}

#[test]
fn control_characters() {
    for c in 0..0x20u32 {
        let mut text = cps("\"ab");
        text.push(c);
        text.extend(cps("c\""));
        assert_eq!(scan(&text, 1, true), decode_error(CONTROL, 3), "{c:#x}");
        // Non-strict: kept as they are, in the fast path.
        assert_eq!(scan(&text, 1, false), Got::Slice(1, 5, Kind::Ascii, 6));
    }
    // After an escape, and before one; 0x7f and up are no control characters.
    let text = cps("\"\\n\u{1f}\"");
    assert_eq!(scan(&text, 1, true), decode_error(CONTROL, 3));
    assert_eq!(
        scan(&text, 1, false),
        Got::Text(vec![0x0a, 0x1f], Kind::Ascii, 5)
    );
    let text = cps("\"\u{1}\\n\"");
    assert_eq!(scan(&text, 1, true), decode_error(CONTROL, 1));
    let text = cps("\"\u{7f}\u{80}\u{9f}\"");
    assert_eq!(scan(&text, 1, true), Got::Slice(1, 4, Kind::Latin1, 5));
    // A control character past an unterminated string's end is never read.
    let text = cps("\"ab");
    assert_eq!(scan(&text, 1, true), decode_error(UNTERMINATED, 0));
}

#[test]
fn simple_escapes() {
    let text = cps(r#""\"\\\/\b\f\n\r\t""#);
    let want = cps("\"\\/\u{8}\u{c}\n\r\t");
    assert_eq!(
        scan(&text, 1, true),
        Got::Text(want, Kind::Ascii, text.len())
    );
    for bad in [
        'a', 'u', 'x', '0', 'U', 'B', ' ', '\u{e9}', '\u{20ac}', '\'', '\n',
    ] {
        if bad == 'u' {
            continue;
        }
        let text = cps(&format!("\"ab\\{bad}c\""));
        assert_eq!(scan(&text, 1, true), decode_error(ESCAPE, 3), "{bad:?}");
        assert_eq!(scan(&text, 1, false), decode_error(ESCAPE, 3), "{bad:?}");
    }
}

#[test]
fn u_escapes() {
    for (text, want) in [
        ("\"\\u0041\"", "A"),
        ("\"\\u00e9\\u00E9\"", "\u{e9}\u{e9}"),
        ("\"a\\u20acb\"", "a\u{20ac}b"),
        ("\"\\uFFFF\"", "\u{ffff}"),
        ("\"\\u0000\"", "\u{0}"),
        ("\"\\ud83d\\ude00\"", "\u{1f600}"),
        ("\"\\uDBFF\\uDFFF\"", "\u{10ffff}"),
        ("\"\\ud800\\udc00x\"", "\u{10000}x"),
    ] {
        let text = cps(text);
        let want = cps(want);
        let kind = Kind::of(want.iter().copied().max().unwrap());
        assert_eq!(
            scan(&text, 1, true),
            Got::Text(want, kind, text.len()),
            "{text:x?}"
        );
    }
    // Lone surrogates pass through, as C keeps them.
    for (text, want) in [
        ("\"\\ud800\"", vec![0xd800]),
        ("\"\\udc00\"", vec![0xdc00]),
        ("\"\\udc00\\ud800\"", vec![0xdc00, 0xd800]),
        ("\"\\ud800\\u0041\"", vec![0xd800, 0x41]),
        ("\"\\ud800\\ud800\\udc00\"", vec![0xd800, 0x10000]),
        ("\"\\ud800x\\udc00\"", vec![0xd800, 0x78, 0xdc00]),
        ("\"\\ud800\\n\"", vec![0xd800, 0x0a]),
    ] {
        let text = cps(text);
        let kind = Kind::of(want.iter().copied().max().unwrap());
        assert_eq!(
            scan(&text, 1, true),
            Got::Text(want, kind, text.len()),
            "{text:x?}"
        );
    }
    // Literal surrogates in the input are plain characters.
    let text = with_surrogates("\"a@b@\"", &[0xd800, 0xdc00]);
    assert_eq!(scan(&text, 1, true), Got::Slice(1, 5, Kind::Ucs2, 6));
}

#[test]
fn u_escape_errors() {
    for (text, pos) in [
        // Four digits need a unit after them (C: end >= len).
        ("\"\\u", 2),
        ("\"\\u1", 2),
        ("\"\\u123", 2),
        ("\"\\u1234", 2),
        ("\"ab\\u1234", 4),
        // A bad digit anywhere.
        ("\"\\ug234\"", 2),
        ("\"\\u1g34\"", 2),
        ("\"\\u12G4\"", 2),
        ("\"\\u123 \"", 2),
        ("\"\\u 123\"", 2),
        ("\"\\u+123\"", 2),
        ("\"\\u-123\"", 2),
        ("\"\\u1_23\"", 2),
        ("\"\\u0x12\"", 2),
        ("\"\\u12\"", 2),
        ("\"\\u\u{661}\u{662}\u{663}\u{664}\"", 2),
        ("\"\\u\u{ff11}234\"", 2),
        // The second escape of a pair: its 'u'.
        ("\"\\ud800\\uzzzz\"", 8),
        ("\"\\ud800\\udc0g\"", 8),
        ("\"\\ud800\\udc00", 8), // the pair needs a unit after it
        ("\"\\ud800\\udc0", 8),
        ("\"\\ud800\\u", 8),
    ] {
        let text = cps(text);
        assert_eq!(scan(&text, 1, true), decode_error(UXXXX, pos), "{text:x?}");
        assert_eq!(scan(&text, 1, false), decode_error(UXXXX, pos), "{text:x?}");
    }
    // A high surrogate then a backslash: no second \u, so no error there.
    let text = cps("\"\\ud800\\");
    assert_eq!(scan(&text, 1, true), decode_error(UNTERMINATED, 0));
    let text = cps("\"\\ud800\\x\"");
    assert_eq!(scan(&text, 1, true), decode_error(ESCAPE, 7));
}

#[test]
fn kinds_of_results() {
    let cases: [(&str, Kind); 6] = [
        ("\"abc\"", Kind::Ascii),
        ("\"\"", Kind::Ascii),
        ("\"a\u{e9}\"", Kind::Latin1),
        ("\"a\u{ff}\"", Kind::Latin1),
        ("\"a\u{100}\"", Kind::Ucs2),
        ("\"a\u{1f600}\"", Kind::Ucs4),
    ];
    for (text, kind) in cases {
        let text = cps(text);
        let n = text.len();
        assert_eq!(scan(&text, 1, true), Got::Slice(1, n - 1, kind, n));
    }
    // The slice's kind is its own, not the document's.
    let doc = cps("[\"ab\", \"\u{20ac}\", \"\u{1f600}\", \"\u{e9}\"]");
    assert_eq!(scan(&doc, 2, true), Got::Slice(2, 4, Kind::Ascii, 5));
    assert_eq!(scan(&doc, 8, true), Got::Slice(8, 9, Kind::Ucs2, 10));
    assert_eq!(scan(&doc, 18, true), Got::Slice(18, 19, Kind::Latin1, 20));
    // Decoded text widens as wider characters arrive, and stays as wide as
    // its widest one.
    for (text, kind) in [
        ("\"a\\n\"", Kind::Ascii),
        ("\"\u{e9}\\n\"", Kind::Latin1),
        ("\"a\\n\u{e9}\"", Kind::Latin1),
        ("\"a\\u00e9\"", Kind::Latin1),
        ("\"\u{e9}\\n\u{20ac}\\n\u{1f600}\"", Kind::Ucs4),
        ("\"\u{e9}\\u20ac\\n\"", Kind::Ucs2),
        ("\"\u{20ac}\\n\\ud83d\\ude00\"", Kind::Ucs4),
        ("\"a\\u0080\"", Kind::Latin1),
        ("\"a\\u0100\"", Kind::Ucs2),
    ] {
        let text = cps(text);
        match scan(&text, 1, true) {
            Got::Text(_, got, _) => assert_eq!(got, kind, "{text:x?}"),
            other => panic!("{other:?}"),
        }
    }
}

fn ascii_escaped_as<T: CodeUnit>(units: &[T]) -> String {
    let len = escaped_len_ascii(units).unwrap();
    let mut out = vec![0xAAu8; len + 8];
    assert_eq!(escape_ascii_into(units, &mut out), len);
    assert!(
        out[len..].iter().all(|&b| b == 0xAA),
        "wrote past the length"
    );
    String::from_utf8(out[..len].to_vec()).unwrap()
}

fn ascii_escaped(text: &[u32]) -> String {
    in_every_kind!(ascii_escaped_as(text))
}

fn escaped_as<T: CodeUnit + Into<u32>>(units: &[T]) -> Vec<u32> {
    let len = escaped_len(units).unwrap();
    let mut out = vec![T::default(); len];
    assert_eq!(escape_into(units, &mut out), len);
    out.into_iter().map(Into::into).collect()
}

fn escaped(text: &[u32]) -> Vec<u32> {
    in_every_kind!(escaped_as(text))
}

#[test]
fn encode_basestring_ascii() {
    for (text, want) in [
        ("", r#""""#),
        ("abc", r#""abc""#),
        ("\"\\/", r#""\"\\/""#),
        ("\u{8}\u{c}\n\r\t", r#""\b\f\n\r\t""#),
        (
            "\u{0}\u{1}\u{b}\u{1f} ~\u{7f}",
            r#""\u0000\u0001\u000b\u001f ~\u007f""#,
        ),
        ("\u{80}\u{e9}\u{ff}", r#""\u0080\u00e9\u00ff""#),
        (
            "\u{100}\u{20ac}\u{abcd}\u{ffff}",
            r#""\u0100\u20ac\uabcd\uffff""#,
        ),
        (
            "\u{10000}\u{1f600}\u{10ffff}",
            r#""\ud800\udc00\ud83d\ude00\udbff\udfff""#,
        ),
    ] {
        assert_eq!(ascii_escaped(&cps(text)), want, "{text:?}");
    }
    // Surrogates in the input: escaped one by one, never joined.
    let text = with_surrogates("@@x@", &[0xd83d, 0xde00, 0xdfff]);
    assert_eq!(ascii_escaped(&text), r#""\ud83d\ude00x\udfff""#);
}

#[test]
fn encode_basestring() {
    for (text, want) in [
        ("", "\"\""),
        ("abc", "\"abc\""),
        ("\"\\/", r#""\"\\/""#),
        ("\u{8}\u{c}\n\r\t", r#""\b\f\n\r\t""#),
        (
            "\u{0}\u{1}\u{b}\u{1f} ~\u{7f}",
            "\"\\u0000\\u0001\\u000b\\u001f ~\u{7f}\"",
        ),
        (
            "\u{80}\u{e9}\u{20ac}\u{1f600}",
            "\"\u{80}\u{e9}\u{20ac}\u{1f600}\"",
        ),
    ] {
        assert_eq!(escaped(&cps(text)), cps(want), "{text:?}");
    }
    let text = with_surrogates("@\n@", &[0xd800, 0xdc00]);
    assert_eq!(
        escaped(&text),
        with_surrogates("\"@\\n@\"", &[0xd800, 0xdc00])
    );
}

#[test]
fn escaped_lengths() {
    // C's first pass: 2 for the quotes, then 1, 2, 6 or 12 per unit.
    let text = cps("a\"\n\u{0}\u{e9}\u{20ac}\u{1f600}");
    assert_eq!(escaped_len_ascii(&text), Ok(2 + 1 + 2 + 2 + 6 + 6 + 6 + 12));
    assert_eq!(escaped_len(&text), Ok(2 + 1 + 2 + 2 + 6 + 1 + 1 + 1));
    assert_eq!(escaped_len_ascii::<u8>(&[]), Ok(2));
    assert_eq!(escaped_len::<u16>(&[]), Ok(2));
}

#[test]
fn numbers() {
    let int = |end| {
        Some(Number {
            end,
            is_float: false,
        })
    };
    let float = |end| {
        Some(Number {
            end,
            is_float: true,
        })
    };
    for (text, start, want) in [
        ("0", 0, int(1)),
        ("-0", 0, int(2)),
        ("123", 0, int(3)),
        ("-123,", 0, int(4)),
        ("0123", 0, int(1)),
        ("-", 0, None),
        ("-a", 0, None),
        ("-.5", 0, None),
        (".5", 0, None),
        ("a", 0, None),
        ("", 0, None),
        ("1", 1, None),
        ("1", 7, None),
        ("+1", 0, None),
        ("1.5", 0, float(3)),
        ("1.", 0, int(1)),
        ("1.x", 0, int(1)),
        ("1.5.5", 0, float(3)),
        ("0.000", 0, float(5)),
        ("1e5", 0, float(3)),
        ("1E5", 0, float(3)),
        ("1e+5", 0, float(4)),
        ("1e-5", 0, float(4)),
        ("1e", 0, int(1)),
        ("1e+", 0, int(1)),
        ("1e-x", 0, int(1)),
        ("1ex", 0, int(1)),
        ("1.5e", 0, float(3)),
        ("1.5e+", 0, float(3)),
        ("1.5E-07]", 0, float(7)),
        ("1e5.5", 0, float(3)),
        ("1e++5", 0, int(1)),
        ("-0.0e-0", 0, float(7)),
        ("[1, 22]", 1, int(2)),
        ("[1, 22]", 4, int(6)),
        ("[1, 22]", 3, None),
        ("12\u{661}", 0, int(2)),
        ("\u{661}", 0, None),
        ("1.\u{661}", 0, int(1)),
        ("1e\u{661}", 0, int(1)),
        ("\u{20ac}12", 1, int(3)),
        ("\u{1f600}-1.5e3", 1, float(7)),
    ] {
        let text = cps(text);
        let got = in_every_kind!(match_number(&text, start));
        assert_eq!(got, want, "{text:x?} at {start}");
    }
}
