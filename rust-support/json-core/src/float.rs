//! `repr(x)` of a float, as CPython writes it where `sys.float_repr_style`
//! is `'short'` (every platform but those without IEEE doubles or with x87
//! double rounding and no way to turn it off): `float_repr` calls
//! `PyOS_double_to_string(x, 'r', 0, Py_DTSF_ADD_DOT_0, NULL)`, whose
//! `format_float_short` lays out the digits of `_Py_dg_dtoa` mode 0.
//!
//! Those digits are the shortest that read back as `x`, the nearest to `x`
//! among them, ties to even; zmij's are the same (a Schubfach descendant,
//! as ryu it rounds ties to even), at about 20 ns a number where dtoa's
//! bignum arithmetic takes ten times that: a dump of a document of floats
//! spends nine tenths of C's time in dtoa. Only the layout is CPython's,
//! here: zmij's own (`1e16`, `1.5e-7`, `0.001`) is read back into digits
//! and a decimal point.

/// Python's repr of a float: at most 24 bytes (`-2.2250738585072014e-308`).
pub struct FloatRepr {
    bytes: [u8; 32],
    len: usize,
}

impl FloatRepr {
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    fn push(&mut self, byte: u8) {
        self.bytes[self.len] = byte;
        self.len += 1;
    }

    fn push_all(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.push(b);
        }
    }

    fn zeros(&mut self, n: usize) {
        for _ in 0..n {
            self.push(b'0');
        }
    }
}

/// The significant digits of a positive finite `x` (no leading or trailing
/// zeros, at most 17) and the position of the decimal point: `x` is
/// `0.<digits> * 10**decpt`, dtoa's convention.
struct Digits {
    digits: [u8; 24],
    len: usize,
    decpt: i32,
}

fn shortest_digits(x: f64) -> Digits {
    let mut buffer = zmij::Buffer::new();
    let text = buffer.format_finite(x).as_bytes();
    let (mantissa, exp) = match text.iter().position(|&b| b == b'e' || b == b'E') {
        Some(e) => (&text[..e], parse_exponent(&text[e + 1..])),
        None => (text, 0),
    };
    let point = mantissa
        .iter()
        .position(|&b| b == b'.')
        .unwrap_or(mantissa.len());
    let mut out = Digits {
        digits: [0; 24],
        len: 0,
        decpt: 0,
    };
    let mut leading = 0;
    for &b in mantissa.iter().filter(|&&b| b != b'.') {
        if out.len == 0 && b == b'0' {
            leading += 1;
        } else if out.len < out.digits.len() {
            out.digits[out.len] = b;
            out.len += 1;
        }
    }
    while out.len > 1 && out.digits[out.len - 1] == b'0' {
        out.len -= 1;
    }
    out.decpt = point as i32 + exp - leading;
    out
}

/// `+16`, `-7`, `16`: zmij's exponent.
fn parse_exponent(text: &[u8]) -> i32 {
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, text),
    };
    let value = digits
        .iter()
        .fold(0i32, |v, &d| v * 10 + i32::from(d - b'0'));
    if negative {
        -value
    } else {
        value
    }
}

/// `float.__repr__(x)` (short style): `0.1`, `1e+16`, `-0.0`, `inf`.
pub fn float_repr(x: f64) -> FloatRepr {
    let mut out = FloatRepr {
        bytes: [0; 32],
        len: 0,
    };
    if x.is_sign_negative() && !x.is_nan() {
        out.push(b'-');
    }
    if x.is_nan() {
        out.push_all(b"nan");
        return out;
    }
    if x.is_infinite() {
        out.push_all(b"inf");
        return out;
    }
    if x == 0.0 {
        out.push_all(b"0.0");
        return out;
    }
    let d = shortest_digits(x.abs());
    let digits = &d.digits[..d.len];
    // format_float_short, mode 'r': an exponent below 1e-4 and from 1e16.
    if d.decpt <= -4 || d.decpt > 16 {
        out.push(digits[0]);
        if digits.len() > 1 {
            out.push(b'.');
            out.push_all(&digits[1..]);
        }
        let exp = d.decpt - 1;
        out.push(b'e');
        out.push(if exp < 0 { b'-' } else { b'+' });
        // "%+.02d": at least two digits.
        let exp = exp.unsigned_abs();
        if exp >= 100 {
            out.push(b'0' + (exp / 100) as u8);
        }
        out.push(b'0' + (exp / 10 % 10) as u8);
        out.push(b'0' + (exp % 10) as u8);
    } else if d.decpt <= 0 {
        out.push_all(b"0.");
        out.zeros(d.decpt.unsigned_abs() as usize);
        out.push_all(digits);
    } else {
        let point = d.decpt as usize;
        if point < digits.len() {
            out.push_all(&digits[..point]);
            out.push(b'.');
            out.push_all(&digits[point..]);
        } else {
            // Py_DTSF_ADD_DOT_0: an integer value ends in ".0".
            out.push_all(digits);
            out.zeros(point - digits.len());
            out.push_all(b".0");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::float_repr;

    fn repr(x: f64) -> &'static str {
        let r = float_repr(x);
        std::string::String::from_utf8(r.as_bytes().to_vec())
            .unwrap()
            .leak()
    }

    /// What CPython 3.13's `repr` gives (`python3 -c 'print(repr(X))'`).
    #[test]
    fn layouts_are_cpythons() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (-1.5, "-1.5"),
            (0.1, "0.1"),
            (1.0 / 3.0, "0.3333333333333333"),
            (100.0, "100.0"),
            (123.456, "123.456"),
            (1e15, "1000000000000000.0"),
            (9_999_999_999_999_998.0, "9999999999999998.0"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (12_345_678_901_234_567_890.0, "1.2345678901234567e+19"),
            (0.0001, "0.0001"),
            (0.00012, "0.00012"),
            (0.00001, "1e-05"),
            (1.5e-5, "1.5e-05"),
            (5e-324, "5e-324"),
            (2.2250738585072014e-308, "2.2250738585072014e-308"),
            (-2.2250738585072014e-308, "-2.2250738585072014e-308"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (1e100, "1e+100"),
            (1e-100, "1e-100"),
            // A tie between two 17-digit strings: dtoa takes the even one.
            (1_760_184_225_582_636.0 + 0.25, "1760184225582636.2"),
            (250_530_272_124_864.0 + 0.625, "250530272124864.62"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
        ];
        for &(x, expected) in cases {
            assert_eq!(repr(x), expected, "repr({x:e})");
        }
    }
}
