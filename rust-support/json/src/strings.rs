//! The module's functions (`scanstring`, `encode_basestring_ascii`,
//! `encode_basestring`) and the bridge between `json-core`'s text and
//! `str` objects.

use crate::errors::{not_a_string, scan_error};
use crate::out::{write_error, Out};
use crate::{Json, MINOR};
use cpython_api::parse::{parse_tuple, unit, Format};
use cpython_api::str::{StrData, StrKind, StrUnit};
use cpython_api::types::{PyInt, PyStr, PyTuple};
use cpython_api::{function, Borrowed, Owned, PyAny, PyResult, Python};
use json_core::{CodeUnit, Decoded, Kind, StringBuf, Units};

/// A code unit of both crates' kinds: `u8`, `u16`, `u32`.
pub(crate) trait Unit: CodeUnit + StrUnit + crate::out::FromUnit {}
impl<T: CodeUnit + StrUnit + crate::out::FromUnit> Unit for T {}

/// `json-core`'s kind as `cpython-api`'s.
#[inline]
pub(crate) fn str_kind(kind: Kind) -> StrKind {
    match kind {
        Kind::Ascii => StrKind::Ascii,
        Kind::Latin1 => StrKind::Latin1,
        Kind::Ucs2 => StrKind::Ucs2,
        Kind::Ucs4 => StrKind::Ucs4,
    }
}

/// The text of a decoded JSON string, in `s` or in the scan's buffer, and
/// the kind of its `str`.
#[inline]
pub(crate) fn decoded_text<'t, T: Unit>(s: &'t [T], decoded: Decoded<'t>) -> (Units<'t>, Kind) {
    match decoded {
        Decoded::Slice { start, end, kind } => (Units::of(&s[start..end]), kind),
        Decoded::Units { units, kind } => (units, kind),
    }
}

/// The `str` of a decoded JSON string: C's `PyUnicode_Substring` (no
/// escape) or its writer's result, made once with the kind the scan found.
#[inline]
pub(crate) fn decoded_str<'py, T: Unit>(
    py: Python<'py>,
    s: &[T],
    decoded: Decoded<'_>,
) -> PyResult<Owned<'py, PyStr>> {
    let (units, kind) = decoded_text(s, decoded);
    units_str(py, units, kind)
}

/// A `str` of `kind` from its text: one copy for every width of document.
#[inline(never)]
pub(crate) fn units_str<'py>(
    py: Python<'py>,
    units: Units<'_>,
    kind: Kind,
) -> PyResult<Owned<'py, PyStr>> {
    let kind = str_kind(kind);
    match units {
        Units::One(units) => PyStr::from_units(py, units, kind),
        Units::Two(units) => PyStr::from_units(py, units, kind),
        Units::Four(units) => PyStr::from_units(py, units, kind),
    }
}

/// Runs `f` on a `str`'s units, whatever their width.
macro_rules! with_units {
    ($data:expr, |$units:ident| $body:expr) => {
        match $data {
            cpython_api::str::StrData::One($units) => $body,
            cpython_api::str::StrData::Two($units) => $body,
            cpython_api::str::StrData::Four($units) => $body,
        }
    };
}
pub(crate) use with_units;

static SCANSTRING_FORMAT: Format<(unit::O, unit::N, unit::P), 3> =
    Format::new(cpython_api::cstr!("scanstring"), 2);
static SCANSTRING_FORMAT_311: Format<(unit::O, unit::N, unit::I), 3> =
    Format::new(cpython_api::cstr!("scanstring"), 2);

function! {
    #[pydoc_raw(
        "scanstring(string, end, strict=True) -> (string, end)\n",
        "\n",
        "Scan the string s for a JSON string. End is the index of the\n",
        "character in s after the quote that started the JSON string.\n",
        "Unescapes all valid JSON string escape sequences and raises ValueError\n",
        "on attempt to decode an invalid string. If strict is False then literal\n",
        "control characters are allowed in the string.\n",
        "\n",
        "Returns a tuple of the decoded string and the index of the character in s\n",
        "after the end quote."
    )]
    pub fn scanstring<'py>(py, module: Json, *args) -> PyResult<Owned<'py, PyTuple>> {
        // "On|i:scanstring" up to 3.11, "On|p:scanstring" since.
        let (string, end, strict) = if MINOR >= 12 {
            parse_tuple(args, &SCANSTRING_FORMAT, ((), 0, true))?
        } else {
            let (string, end, strict) = parse_tuple(args, &SCANSTRING_FORMAT_311, ((), 0, 1))?;
            (string, end, strict != 0)
        };
        let string = string.as_borrowed();
        let Some(pystr) = string.downcast::<PyStr>() else {
            return Err(not_a_string(string));
        };
        let mut buf = StringBuf::new();
        let (text, next) = with_units!(pystr.data()?, |s| {
            match json_core::scanstring(s, end, strict, &mut buf) {
                Ok((decoded, next)) => (decoded_str(py, s, decoded)?, next),
                Err(error) => return Err(scan_error(py, error, pystr)),
            }
        });
        let next = PyInt::from_isize(py, next as isize)?;
        PyTuple::new(py, [text.as_borrowed().as_any(), next.as_borrowed().as_any()])
    }
}

function! {
    #[pydoc_raw(
        "encode_basestring_ascii(string) -> string\n",
        "\n",
        "Return an ASCII-only JSON representation of a Python string"
    )]
    pub fn encode_basestring_ascii<'py>(py, module: Json, string: Borrowed<PyAny>, /) -> PyResult<Owned<'py, PyStr>> {
        let Some(pystr) = string.downcast::<PyStr>() else {
            return Err(not_a_string(string));
        };
        escape_ascii(py, pystr.data()?)
    }
}

function! {
    #[pydoc_raw(
        "encode_basestring(string) -> string\n",
        "\n",
        "Return a JSON representation of a Python string"
    )]
    pub fn encode_basestring<'py>(py, module: Json, string: Borrowed<PyAny>, /) -> PyResult<Owned<'py, PyStr>> {
        let Some(pystr) = string.downcast::<PyStr>() else {
            return Err(not_a_string(string));
        };
        escape(py, pystr.data()?, pystr.str_kind()?)
    }
}

/// `ascii_escape_unicode(pystr)`: the quoted ASCII escape, as a new str,
/// written as the encoder writes a string (`Out`: the first 128 bytes on
/// the stack), so both share one copy of the code.
pub(crate) fn escape_ascii<'py>(py: Python<'py>, data: StrData<'_>) -> PyResult<Owned<'py, PyStr>> {
    let mut out = Out::new();
    with_units!(data, |s| out.push_escaped_ascii(s)).map_err(|e| write_error(py, e))?;
    out.finish(py)
}

/// `escape_unicode(pystr)`: the quoted escape, a str of the input's kind.
pub(crate) fn escape<'py>(
    py: Python<'py>,
    data: StrData<'_>,
    kind: StrKind,
) -> PyResult<Owned<'py, PyStr>> {
    let mut out = Out::new();
    with_units!(data, |s| out.push_escaped(s, kind)).map_err(|e| write_error(py, e))?;
    out.finish(py)
}
