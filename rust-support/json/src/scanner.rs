//! `_json.Scanner` (`make_scanner`): C's `scanner_new`, `scanner_call` and
//! `scan_once_unicode` with `_parse_object_unicode`, `_parse_array_unicode`,
//! `_parse_constant` and `_match_number_unicode`, on the units of the
//! string's kind.

use crate::errors::{decode_error, not_a_string, scan_error, stop_iteration};
use crate::memo::Memo;
use crate::strings::{decoded_str, decoded_text, units_str, with_units, Unit};
use crate::MINOR;
use cpython_api::class::{Init, Instance, Member, PyClass, Slot};
use cpython_api::parse::{parse_tuple_and_keywords, unit, Format, Keywords};
use cpython_api::types::{PyDict, PyFloat, PyInt, PyList, PyStr, PyTuple, PyType};
use cpython_api::{cstr, exc, Borrowed, Owned, PyAny, PyErr, PyResult, Python};
use json_core::{DecodeError, Kind, StringBuf, Units};

/// C's `PyScannerObject`: the context's settings, read once by `tp_new`.
/// Nothing but the slots: the working state of a scan lives on its stack.
pub struct Scanner;

const OBJECT_HOOK: usize = 0;
const OBJECT_PAIRS_HOOK: usize = 1;
const PARSE_FLOAT: usize = 2;
const PARSE_INT: usize = 3;
const PARSE_CONSTANT: usize = 4;
/// 3.11's `memo` dict (after the others, as C's `scanner_traverse` visits
/// it); empty in later versions, whose memo is local to a call.
const MEMO: usize = 5;
const STRICT: usize = 0;

static NEW_FORMAT: Format<(unit::O,), 1> = Format::new(cstr!("make_scanner"), 1);
static NEW_KEYWORDS: Keywords<1> = Keywords::new([cstr!("context")]);
static CALL_FORMAT: Format<(unit::O, unit::N), 2> = Format::new(cstr!("scan_once"), 2);
static CALL_KEYWORDS: Keywords<2> = Keywords::new([cstr!("string"), cstr!("idx")]);

impl PyClass for Scanner {
    const NAME: &'static core::ffi::CStr = cstr!("_json.Scanner");
    const DOC: Option<&'static core::ffi::CStr> = Some(cstr!("JSON scanner object"));
    type Objects = [Slot; 6];
    type Flags = [bool; 1];
    const MEMBERS: &'static [Member] = &[
        Member::flag(cstr!("strict"), STRICT, Some(cstr!("strict"))),
        Member::object(
            cstr!("object_hook"),
            OBJECT_HOOK,
            Some(cstr!("object_hook")),
        ),
        Member::object(cstr!("object_pairs_hook"), OBJECT_PAIRS_HOOK, None),
        Member::object(
            cstr!("parse_float"),
            PARSE_FLOAT,
            Some(cstr!("parse_float")),
        ),
        Member::object(cstr!("parse_int"), PARSE_INT, Some(cstr!("parse_int"))),
        Member::object(
            cstr!("parse_constant"),
            PARSE_CONSTANT,
            Some(cstr!("parse_constant")),
        ),
    ];
    const CALLABLE: bool = true;

    /// `scanner_new`: "O:make_scanner", then the context's attributes, in
    /// C's order.
    fn new<'py>(
        py: Python<'py>,
        _cls: Borrowed<'_, 'py, PyType>,
        args: Borrowed<'_, 'py, PyTuple>,
        kwargs: Option<Borrowed<'_, 'py, PyDict>>,
    ) -> PyResult<Init<Self>> {
        let (ctx,) = parse_tuple_and_keywords(args, kwargs, &NEW_FORMAT, &NEW_KEYWORDS, ((),))?;
        let ctx = ctx.as_borrowed();
        let memo = if MINOR < 12 {
            Slot::new(PyDict::new(py)?)
        } else {
            Slot::empty()
        };
        let strict = ctx.getattr(cstr!("strict"))?.as_borrowed().is_true()?;
        let object_hook = ctx.getattr(cstr!("object_hook"))?;
        let object_pairs_hook = ctx.getattr(cstr!("object_pairs_hook"))?;
        let parse_float = ctx.getattr(cstr!("parse_float"))?;
        let parse_int = ctx.getattr(cstr!("parse_int"))?;
        let parse_constant = ctx.getattr(cstr!("parse_constant"))?;
        Ok(Init {
            value: Scanner,
            objects: [
                Slot::new(object_hook),
                Slot::new(object_pairs_hook),
                Slot::new(parse_float),
                Slot::new(parse_int),
                Slot::new(parse_constant),
                memo,
            ],
            flags: [strict],
        })
    }

    /// `scanner_call`: "On:scan_once"; `(value, end)`.
    fn call<'a, 'py>(
        py: Python<'py>,
        this: Instance<'a, 'py, Self>,
        args: Borrowed<'a, 'py, PyTuple>,
        kwargs: Option<Borrowed<'a, 'py, PyDict>>,
    ) -> PyResult<Owned<'py, PyAny>> {
        let (string, idx) =
            parse_tuple_and_keywords(args, kwargs, &CALL_FORMAT, &CALL_KEYWORDS, ((), 0))?;
        let string = string.as_borrowed();
        let Some(pystr) = string.downcast::<PyStr>() else {
            return Err(not_a_string(string));
        };
        let memo_dict = this.object(MEMO);
        let memo = match memo_dict.downcast::<PyDict>() {
            Some(dict) if MINOR < 12 => Memo::Dict(dict),
            _ => Memo::new(),
        };
        let result = with_units!(pystr.data()?, |s| {
            let mut scan = Scan {
                py,
                s,
                pystr,
                this,
                strict: this.flag(STRICT),
                buf: StringBuf::new(),
                memo,
            };
            scan.scan_once(idx)
        });
        // 3.11: `PyDict_Clear(self->memo)`, success or not.
        if let Some(dict) = memo_dict.downcast::<PyDict>() {
            dict.clear();
        }
        let (value, next) = result?;
        let next = PyInt::from_isize(py, next as isize)?;
        PyTuple::new(py, [value.as_borrowed(), next.as_borrowed().as_any()]).map(Owned::into_any)
    }
}

/// One `scan_once` call's state.
struct Scan<'s, 'a, 'py, T> {
    py: Python<'py>,
    s: &'s [T],
    pystr: Borrowed<'a, 'py, PyStr>,
    this: Instance<'a, 'py, Scanner>,
    strict: bool,
    /// Reused for every string with an escape.
    buf: StringBuf,
    memo: Memo<'a, 'py>,
}

/// `IS_WHITESPACE(c)`.
#[inline(always)]
fn is_space(c: u32) -> bool {
    matches!(c, 0x20 | 0x09 | 0x0a | 0x0d)
}

impl<'s, 'a, 'py, T: Unit> Scan<'s, 'a, 'py, T> {
    #[inline(always)]
    fn at(&self, idx: usize) -> Option<u32> {
        self.s.get(idx).map(|u| u.to_u32())
    }

    /// The index of the first unit from `idx` that is not whitespace.
    #[inline(always)]
    fn skip_space(&self, mut idx: usize) -> usize {
        while self.at(idx).is_some_and(is_space) {
            idx += 1;
        }
        idx
    }

    /// Whether `s[idx..]` starts with `word` (C tests the length first,
    /// then each unit).
    #[inline(always)]
    fn has(&self, idx: usize, word: &[u8]) -> bool {
        self.s.get(idx..idx + word.len()).is_some_and(|units| {
            units
                .iter()
                .zip(word)
                .all(|(u, &w)| u.to_u32() == u32::from(w))
        })
    }

    #[cold]
    #[inline(never)]
    fn error(&self, msg: &'static str, pos: usize) -> PyErr {
        decode_error(
            self.py,
            DecodeError {
                msg,
                pos: pos as isize,
            },
            self.pystr,
        )
    }

    /// `scan_once_unicode(s, memo, pystr, idx, &next_idx)`.
    fn scan_once(&mut self, idx: isize) -> PyResult<(Owned<'py, PyAny>, usize)> {
        let py = self.py;
        if idx < 0 {
            return Err(PyErr::new(exc::value_error(py), "idx cannot be negative"));
        }
        let idx = idx as usize;
        let Some(c) = self.at(idx) else {
            return Err(stop_iteration(py, idx as isize));
        };
        match c {
            0x22 => {
                let (value, next) = self.string(idx + 1)?;
                return Ok((value.into_any(), next));
            }
            0x7b => {
                let _guard = py.enter_recursive_call(cstr!(
                    " while decoding a JSON object from a unicode string"
                ))?;
                return self.object(idx + 1);
            }
            0x5b => {
                let _guard = py.enter_recursive_call(cstr!(
                    " while decoding a JSON array from a unicode string"
                ))?;
                return self.array(idx + 1);
            }
            0x6e if self.has(idx, b"null") => return Ok((py.none().to_owned(), idx + 4)),
            0x74 if self.has(idx, b"true") => return Ok((py.bool(true).to_owned(), idx + 4)),
            0x66 if self.has(idx, b"false") => return Ok((py.bool(false).to_owned(), idx + 5)),
            0x4e if self.has(idx, b"NaN") => return self.constant(cstr!("NaN"), idx, 3),
            0x49 if self.has(idx, b"Infinity") => return self.constant(cstr!("Infinity"), idx, 8),
            0x2d if self.has(idx, b"-Infinity") => {
                return self.constant(cstr!("-Infinity"), idx, 9)
            }
            _ => {}
        }
        self.number(idx)
    }

    /// `scanstring_unicode(pystr, end, strict, &next)`.
    #[inline]
    fn string(&mut self, end: usize) -> PyResult<(Owned<'py, PyStr>, usize)> {
        match json_core::scanstring(self.s, end as isize, self.strict, &mut self.buf) {
            Ok((decoded, next)) => Ok((decoded_str(self.py, self.s, decoded)?, next)),
            Err(error) => Err(scan_error(self.py, error, self.pystr)),
        }
    }

    /// A key: its string, through the memo.
    #[inline]
    fn key(&mut self, end: usize) -> PyResult<(Owned<'py, PyStr>, usize)> {
        match json_core::scanstring(self.s, end as isize, self.strict, &mut self.buf) {
            Ok((decoded, next)) => {
                let (text, kind) = decoded_text(self.s, decoded);
                Ok((self.memo.key(self.py, text, kind)?, next))
            }
            Err(error) => Err(scan_error(self.py, error, self.pystr)),
        }
    }

    /// `_parse_object_unicode`: `idx` is after the `{`.
    fn object(&mut self, idx: usize) -> PyResult<(Owned<'py, PyAny>, usize)> {
        let members = Members::new(self.py, self.this)?;
        let mut idx = self.skip_space(idx);
        if self.at(idx) != Some(u32::from(b'}')) {
            loop {
                if self.at(idx) != Some(u32::from(b'"')) {
                    return Err(
                        self.error("Expecting property name enclosed in double quotes", idx)
                    );
                }
                let (key, next) = self.key(idx + 1)?;
                idx = self.skip_space(next);
                if self.at(idx) != Some(u32::from(b':')) {
                    return Err(self.error("Expecting ':' delimiter", idx));
                }
                idx = self.skip_space(idx + 1);
                let (value, next) = self.scan_once(idx as isize)?;
                members.add(self.py, key, value)?;
                idx = self.skip_space(next);
                match self.at(idx) {
                    Some(0x7d) => break,
                    Some(0x2c) => {}
                    _ => return Err(self.error("Expecting ',' delimiter", idx)),
                }
                let comma = idx;
                idx = self.skip_space(idx + 1);
                if MINOR >= 13 && self.at(idx) == Some(0x7d) {
                    return Err(self.error("Illegal trailing comma before end of object", comma));
                }
            }
        }
        Ok((members.finish(self.this)?, idx + 1))
    }

    /// `_parse_array_unicode`: `idx` is after the `[`.
    fn array(&mut self, idx: usize) -> PyResult<(Owned<'py, PyAny>, usize)> {
        let list = PyList::empty(self.py)?;
        let mut idx = self.skip_space(idx);
        if self.at(idx) != Some(u32::from(b']')) {
            loop {
                let (value, next) = self.scan_once(idx as isize)?;
                list.as_borrowed().append(value.as_borrowed())?;
                idx = self.skip_space(next);
                match self.at(idx) {
                    Some(0x5d) => break,
                    Some(0x2c) => {}
                    _ => return Err(self.error("Expecting ',' delimiter", idx)),
                }
                let comma = idx;
                idx = self.skip_space(idx + 1);
                if MINOR >= 13 && self.at(idx) == Some(0x5d) {
                    return Err(self.error("Illegal trailing comma before end of array", comma));
                }
            }
        }
        if self.at(idx) != Some(u32::from(b']')) {
            // C's check after the loop, which the loop leaves unreachable.
            return Err(self.error("Expecting value", self.s.len().wrapping_sub(1)));
        }
        Ok((list.into_any(), idx + 1))
    }

    /// `_parse_constant`: `parse_constant(<interned name>)`.
    fn constant(
        &mut self,
        name: &'static core::ffi::CStr,
        idx: usize,
        len: usize,
    ) -> PyResult<(Owned<'py, PyAny>, usize)> {
        let name = PyStr::intern(self.py, name)?;
        let value = self.this.object(PARSE_CONSTANT).call1(name.as_borrowed())?;
        Ok((value, idx + len))
    }

    /// `_match_number_unicode`. Not inlined, so that the conversion's
    /// buffer stays off the frames that recurse (the stack each nesting
    /// level takes bounds the depth in 3.14).
    #[inline(never)]
    fn number(&mut self, start: usize) -> PyResult<(Owned<'py, PyAny>, usize)> {
        let Some(number) = json_core::match_number(self.s, start) else {
            return Err(stop_iteration(self.py, start as isize));
        };
        let text = Units::of(&self.s[start..number.end]);
        let value = number_object(self.py, self.this, text, number.is_float)?;
        Ok((value, number.end))
    }
}

/// An object being parsed, one copy for the three widths: its dict, or
/// the list of its pairs for `object_pairs_hook`. One pointer, told apart
/// by its type: it is on the stack of every level of nesting (3.14 bounds
/// the depth by the stack).
struct Members<'py>(Owned<'py, PyAny>);

impl<'py> Members<'py> {
    #[inline(never)]
    fn new(py: Python<'py>, this: Instance<'_, 'py, Scanner>) -> PyResult<Self> {
        Ok(Members(if this.object(OBJECT_PAIRS_HOOK).is_none() {
            PyDict::new(py)?.into_any()
        } else {
            PyList::empty(py)?.into_any()
        }))
    }

    #[inline(never)]
    fn add(
        &self,
        py: Python<'py>,
        key: Owned<'py, PyStr>,
        value: Owned<'py, PyAny>,
    ) -> PyResult<()> {
        let members = self.0.as_borrowed();
        if let Some(dict) = members.downcast::<PyDict>() {
            return dict.set_item(key.as_borrowed(), value.as_borrowed());
        }
        let item = PyTuple::new(py, [key.as_borrowed().as_any(), value.as_borrowed()])?;
        match members.downcast::<PyList>() {
            Some(pairs) => pairs.append(item.as_borrowed()),
            None => Err(PyErr::bad_internal_call(py)),
        }
    }

    /// The object: `object_pairs_hook(pairs)`, `object_hook(dict)` or the
    /// dict.
    #[inline(never)]
    fn finish(self, this: Instance<'_, 'py, Scanner>) -> PyResult<Owned<'py, PyAny>> {
        let hook = if self.0.as_borrowed().downcast::<PyDict>().is_some() {
            this.object(OBJECT_HOOK)
        } else {
            this.object(OBJECT_PAIRS_HOOK)
        };
        if hook.is_none() {
            Ok(self.0)
        } else {
            hook.call1(self.0.as_borrowed())
        }
    }
}

/// A matched number's object: `parse_float`/`parse_int` called with its
/// text if set, else converted here. One copy for the three widths.
#[inline(never)]
fn number_object<'py>(
    py: Python<'py>,
    this: Instance<'_, 'py, Scanner>,
    text: Units<'_>,
    is_float: bool,
) -> PyResult<Owned<'py, PyAny>> {
    let custom = if is_float {
        let parse_float = this.object(PARSE_FLOAT);
        (!parse_float.is_type::<PyFloat>()).then_some(parse_float)
    } else {
        let parse_int = this.object(PARSE_INT);
        (!parse_int.is_type::<PyInt>()).then_some(parse_int)
    };
    if let Some(func) = custom {
        // PyUnicode_FromKindAndData: an ASCII str.
        let numstr = units_str(py, text, Kind::Ascii)?;
        return func.call1(numstr.as_borrowed());
    }
    // The number's units are ASCII digits, signs, '.', 'e', 'E'.
    let mut ascii = [0u8; 64];
    let len = text.len();
    if len <= ascii.len() {
        let ascii = &mut ascii[..len];
        match text {
            Units::One(units) => ascii.copy_from_slice(units),
            Units::Two(units) => narrow(units, ascii),
            Units::Four(units) => narrow(units, ascii),
        }
        return number_value(py, ascii, is_float);
    }
    let bytes: alloc::vec::Vec<u8> = match text {
        Units::One(units) => units.to_vec(),
        Units::Two(units) => units.iter().map(|&u| u as u8).collect(),
        Units::Four(units) => units.iter().map(|&u| u as u8).collect(),
    };
    number_value(py, &bytes, is_float)
}

/// ASCII units as bytes.
fn narrow<U: Unit>(units: &[U], bytes: &mut [u8]) {
    for (byte, unit) in bytes.iter_mut().zip(units) {
        *byte = unit.to_u32() as u8;
    }
}

/// `PyFloat_FromString` or `PyLong_FromString(text, NULL, 10)`, the short
/// ints made directly (the same object: CPython's small ints are shared).
#[inline]
fn number_value<'py>(py: Python<'py>, text: &[u8], is_float: bool) -> PyResult<Owned<'py, PyAny>> {
    if is_float {
        return PyFloat::parse(py, text).map(Owned::into_any);
    }
    let (negative, digits) = match text.split_first() {
        Some((b'-', digits)) => (true, digits),
        _ => (false, text),
    };
    if digits.len() <= 18 {
        let magnitude = digits
            .iter()
            .fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
        return PyInt::from_i64(py, if negative { -magnitude } else { magnitude })
            .map(Owned::into_any);
    }
    PyInt::parse_decimal(py, text).map(Owned::into_any)
}
