//! `_json.Encoder` (`make_encoder`): C's `encoder_new`, `encoder_call` and
//! `encoder_listencode_obj` with its list, dict and key-value helpers,
//! for each version:
//!
//! - 3.11 collects pieces in a `_PyAccu` (the call returns a list of
//!   strings, one per 100,000 pieces) and ignores `indent` (its
//!   `json.encoder` uses the C encoder only without one); dicts go through
//!   `items()`, and a float out of range is "not JSON compliant" without
//!   its repr;
//! - 3.13 writes into one string (a one-tuple), indents (`newline_indent`
//!   strings made per container), and walks exact dicts with `PyDict_Next`;
//! - 3.14 keeps the indents in a cache, writes the newline after `{` and
//!   before `}` even when every key is skipped, and adds notes ("when
//!   serializing ...") to errors.

use crate::floats;
use crate::out::{no_memory, write_error, Out};
use crate::strings::{encode_basestring, encode_basestring_ascii, with_units};
use crate::MINOR;
use alloc::vec::Vec;
use core::ffi::CStr;
use cpython_api::class::{Init, Instance, Member, PyClass, Slot};
use cpython_api::dict::DictPos;
use cpython_api::error::FmtArg;
use cpython_api::function::is_function;
use cpython_api::parse::unit::{O, P, U};
use cpython_api::parse::{parse_tuple_and_keywords, unit, Format, Keywords};
use cpython_api::recursion::RecursionGuard;
use cpython_api::types::{PyDict, PyFloat, PyInt, PyList, PyStr, PyTuple, PyType};
use cpython_api::{cstr, exc, Borrowed, Owned, PyAny, PyErr, PyResult, Python};

/// C's `PyEncoderObject`: the objects in slots, the flags for members,
/// and what C keeps beside them.
pub struct Encoder {
    allow_nan: bool,
    /// `fast_encode`: the module's own string encoder was given.
    fast: Fast,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fast {
    None,
    Ascii,
    Unicode,
}

const MARKERS: usize = 0;
const DEFAULT: usize = 1;
const ENCODER: usize = 2;
const INDENT: usize = 3;
const KEY_SEPARATOR: usize = 4;
const ITEM_SEPARATOR: usize = 5;
const SORT_KEYS: usize = 0;
const SKIPKEYS: usize = 1;

// "OOOOUUppp:make_encoder"
/// `make_encoder`'s units: markers, default, encoder, indent, the two
/// separators, sort_keys, skipkeys, allow_nan.
type NewUnits = (O, O, O, O, U, U, P, P, P);
static NEW_FORMAT: Format<NewUnits, 9> = Format::new(cstr!("make_encoder"), 9);
static NEW_KEYWORDS: Keywords<9> = Keywords::new([
    cstr!("markers"),
    cstr!("default"),
    cstr!("encoder"),
    cstr!("indent"),
    cstr!("key_separator"),
    cstr!("item_separator"),
    cstr!("sort_keys"),
    cstr!("skipkeys"),
    cstr!("allow_nan"),
]);
// "On:_iterencode"
static CALL_FORMAT: Format<(unit::O, unit::N), 2> = Format::new(cstr!("_iterencode"), 2);
static CALL_KEYWORDS: Keywords<2> = Keywords::new([cstr!("obj"), cstr!("_current_indent_level")]);

const DOC_311: &core::ffi::CStr = cstr!("_iterencode(obj, _current_indent_level) -> iterable");
const DOC: &core::ffi::CStr = cstr!(
    "Encoder(markers, default, encoder, indent, key_separator, item_separator, sort_keys, skipkeys, allow_nan)"
);

impl PyClass for Encoder {
    const NAME: &'static core::ffi::CStr = cstr!("_json.Encoder");
    const DOC: Option<&'static core::ffi::CStr> = Some(if MINOR < 12 { DOC_311 } else { DOC });
    type Objects = [Slot; 6];
    type Flags = [bool; 2];
    const MEMBERS: &'static [Member] = &[
        Member::object(cstr!("markers"), MARKERS, Some(cstr!("markers"))),
        Member::object(cstr!("default"), DEFAULT, Some(cstr!("default"))),
        Member::object(cstr!("encoder"), ENCODER, Some(cstr!("encoder"))),
        Member::object(cstr!("indent"), INDENT, Some(cstr!("indent"))),
        Member::object(
            cstr!("key_separator"),
            KEY_SEPARATOR,
            Some(cstr!("key_separator")),
        ),
        Member::object(
            cstr!("item_separator"),
            ITEM_SEPARATOR,
            Some(cstr!("item_separator")),
        ),
        Member::flag(cstr!("sort_keys"), SORT_KEYS, Some(cstr!("sort_keys"))),
        Member::flag(cstr!("skipkeys"), SKIPKEYS, Some(cstr!("skipkeys"))),
    ];
    const CALLABLE: bool = true;

    /// `encoder_new`: "OOOOUUppp:make_encoder".
    fn new<'py>(
        py: Python<'py>,
        _cls: Borrowed<'_, 'py, PyType>,
        args: Borrowed<'_, 'py, PyTuple>,
        kwargs: Option<Borrowed<'_, 'py, PyDict>>,
    ) -> PyResult<Init<Self>> {
        let (
            markers,
            default,
            encoder,
            indent,
            key_separator,
            item_separator,
            sort_keys,
            skipkeys,
            allow_nan,
        ) = parse_tuple_and_keywords(
            args,
            kwargs,
            &NEW_FORMAT,
            &NEW_KEYWORDS,
            ((), (), (), (), (), (), false, false, false),
        )?;
        let m = markers.as_borrowed();
        if !m.is_none() && m.downcast::<PyDict>().is_none() {
            return Err(PyErr::format(
                exc::type_error(py),
                cstr!("make_encoder() argument 1 must be dict or None, not %.200s"),
                &[FmtArg::TypeName(m)],
            ));
        }
        let fast = if is_function::<encode_basestring_ascii>(encoder.as_borrowed()) {
            Fast::Ascii
        } else if is_function::<encode_basestring>(encoder.as_borrowed()) {
            Fast::Unicode
        } else {
            Fast::None
        };
        let separator = |s: Option<Owned<'py, PyStr>>| s.map_or(Slot::empty(), Slot::new);
        Ok(Init {
            value: Encoder { allow_nan, fast },
            objects: [
                Slot::new(markers),
                Slot::new(default),
                Slot::new(encoder),
                Slot::new(indent),
                separator(key_separator),
                separator(item_separator),
            ],
            flags: [sort_keys, skipkeys],
        })
    }

    /// `encoder_call`: "On:_iterencode".
    fn call<'a, 'py>(
        py: Python<'py>,
        this: Instance<'a, 'py, Self>,
        args: Borrowed<'a, 'py, PyTuple>,
        kwargs: Option<Borrowed<'a, 'py, PyDict>>,
    ) -> PyResult<Owned<'py, PyAny>> {
        let (obj, indent_level) =
            parse_tuple_and_keywords(args, kwargs, &CALL_FORMAT, &CALL_KEYWORDS, ((), 0))?;
        let mut enc = Enc::new(py, this)?;
        if MINOR >= 13 && !enc.indent.is_none() {
            enc.indents
                .push(first_newline_indent(py, enc.indent, indent_level)?);
        }
        enc.obj(obj.as_borrowed(), 0)?;
        if MINOR < 12 {
            return enc.out.finish_list(py).map(Owned::into_any);
        }
        let text = enc.out.finish(py)?;
        PyTuple::new(py, [text.as_borrowed().as_any()]).map(Owned::into_any)
    }
}

/// `'\n' + indent * indent_level` (C's `_create_newline_indent`), with
/// C's calls, so a bad `indent` fails as in C.
fn first_newline_indent<'py>(
    py: Python<'py>,
    indent: Borrowed<'_, 'py, PyAny>,
    level: isize,
) -> PyResult<(Owned<'py, PyStr>, Option<Owned<'py, PyStr>>)> {
    let newline = PyStr::from_char(py, u32::from(b'\n'))?;
    if level == 0 {
        return Ok((newline, None));
    }
    let repeated = indent.repeat(level)?;
    Ok((PyStr::append(newline, repeated)?, None))
}

/// The text of an exact `str` that is ASCII (`write_str` of it writes
/// just that, in every version).
fn ascii_text<'a>(s: Borrowed<'a, '_, PyStr>) -> Option<&'a [u8]> {
    if !s.is_exact::<PyStr>() {
        return None;
    }
    s.ascii_bytes().ok().flatten()
}

/// One call's state.
struct Enc<'a, 'py> {
    py: Python<'py>,
    this: Instance<'a, 'py, Encoder>,
    markers: Option<Borrowed<'a, 'py, PyDict>>,
    indent: Borrowed<'a, 'py, PyAny>,
    key_separator: Borrowed<'a, 'py, PyStr>,
    item_separator: Borrowed<'a, 'py, PyStr>,
    /// The separators' text when they are exact ASCII `str`s (json's
    /// always are), written without going back to the objects.
    key_separator_text: Option<&'a [u8]>,
    item_separator_text: Option<&'a [u8]>,
    sort_keys: bool,
    skipkeys: bool,
    allow_nan: bool,
    fast: Fast,
    out: Out,
    /// 3.13+: per nesting level, `newline_indent` and the item separator
    /// that ends with it (none at level 0).
    indents: Vec<(Owned<'py, PyStr>, Option<Owned<'py, PyStr>>)>,
}

const RECURSION: &core::ffi::CStr = cstr!(" while encoding a JSON object");

impl<'a, 'py> Enc<'a, 'py> {
    fn new(py: Python<'py>, this: Instance<'a, 'py, Encoder>) -> PyResult<Self> {
        let markers = this.object(MARKERS);
        // The separators are str (`U`) until the object is cleared.
        let separator = |index| {
            this.object(index)
                .downcast::<PyStr>()
                .ok_or_else(|| PyErr::bad_internal_call(py))
        };
        let value = this.value();
        let (key_separator, item_separator) =
            (separator(KEY_SEPARATOR)?, separator(ITEM_SEPARATOR)?);
        Ok(Enc {
            py,
            this,
            markers: markers.downcast::<PyDict>(),
            indent: this.object(INDENT),
            key_separator,
            item_separator,
            key_separator_text: ascii_text(key_separator),
            item_separator_text: ascii_text(item_separator),
            sort_keys: this.flag(SORT_KEYS),
            skipkeys: this.flag(SKIPKEYS),
            allow_nan: value.allow_nan,
            fast: value.fast,
            out: Out::new(),
            indents: Vec::new(),
        })
    }

    #[inline(always)]
    fn piece(&mut self) {
        if MINOR < 12 {
            self.out.piece();
        }
    }

    #[inline]
    fn ascii(&mut self, text: &[u8]) -> PyResult<()> {
        self.piece();
        self.out.push_ascii(text).map_err(|e| no_memory(self.py, e))
    }

    /// `_PyUnicodeWriter_WriteStr` up to 3.13: the str's text; 3.14's
    /// public `PyUnicodeWriter_WriteStr` writes `str(s)`, which for a
    /// subclass runs its `__str__`.
    #[inline]
    fn write_str(&mut self, s: Borrowed<'_, 'py, PyStr>) -> PyResult<()> {
        if MINOR >= 14 && !s.is_exact::<PyStr>() {
            let text = s.str()?;
            return self.write_str_data(text.as_borrowed());
        }
        self.write_str_data(s)
    }

    /// A separator: its ASCII text when it has one, else the `str`.
    #[inline]
    fn separator(&mut self, text: Option<&[u8]>, s: Borrowed<'_, 'py, PyStr>) -> PyResult<()> {
        match text {
            Some(text) => self.ascii(text),
            None => self.write_str(s),
        }
    }

    #[inline]
    fn write_str_data(&mut self, s: Borrowed<'_, 'py, PyStr>) -> PyResult<()> {
        self.piece();
        let (data, kind) = (s.data()?, s.str_kind()?);
        self.out
            .push_str(data, kind)
            .map_err(|e| no_memory(self.py, e))
    }

    /// `encoder_listencode_obj`.
    fn obj(&mut self, obj: Borrowed<'_, 'py, PyAny>, level: usize) -> PyResult<()> {
        if obj.is_none() {
            return self.ascii(b"null");
        }
        if obj.is_true_singleton() {
            return self.ascii(b"true");
        }
        if obj.is_false_singleton() {
            return self.ascii(b"false");
        }
        if let Some(s) = obj.downcast::<PyStr>() {
            return self.string(s);
        }
        if let Some(n) = obj.downcast::<PyInt>() {
            return self.int(n);
        }
        if let Some(f) = obj.downcast::<PyFloat>() {
            return self.float(f);
        }
        if let Some(done) = self.container(obj, level) {
            return done;
        }
        let ident = self.mark(obj)?;
        let newobj = self.this.object(DEFAULT).call1(obj)?;
        let guard: RecursionGuard<'py> = self.py.enter_recursive_call(RECURSION)?;
        let done = self.obj(newobj.as_borrowed(), level);
        drop(guard);
        drop(newobj);
        done.map_err(|err| noted_object(self.py, err, obj))?;
        self.unmark(ident)
    }

    /// `encoder_listencode_obj` for an item or a value of a container:
    /// lists and dicts straight to their writers, so that a nesting level
    /// takes one frame, not two (3.14's recursion limit is the C stack);
    /// the rest through `obj`. First is the same as `obj`'s order: no
    /// object is both a list or dict and one of the scalars (their layouts
    /// conflict).
    #[inline(always)]
    fn value(&mut self, item: Borrowed<'_, 'py, PyAny>, level: usize) -> PyResult<()> {
        match self.container(item, level) {
            Some(done) => done,
            None => self.obj(item, level),
        }
    }

    /// A list, tuple or dict written, under the recursion guard; None for
    /// another object.
    #[inline(always)]
    fn container(&mut self, obj: Borrowed<'_, 'py, PyAny>, level: usize) -> Option<PyResult<()>> {
        if obj.downcast::<PyList>().is_some() || obj.downcast::<PyTuple>().is_some() {
            return Some(self.guarded(|enc| enc.list(obj, level)));
        }
        let dict = obj.downcast::<PyDict>()?;
        Some(self.guarded(|enc| enc.dict(dict, level)))
    }

    /// `f` between `Py_EnterRecursiveCall` and `Py_LeaveRecursiveCall`.
    #[inline(always)]
    fn guarded(&mut self, f: impl FnOnce(&mut Self) -> PyResult<()>) -> PyResult<()> {
        let _guard = self.py.enter_recursive_call(RECURSION)?;
        f(self)
    }

    /// The markers' check and entry for a container or a defaulted object:
    /// the id it was entered under.
    fn mark(&self, obj: Borrowed<'_, 'py, PyAny>) -> PyResult<Option<Owned<'py, PyInt>>> {
        let Some(markers) = self.markers else {
            return Ok(None);
        };
        let ident = obj.address_int()?;
        if markers.contains(ident.as_borrowed())? {
            return Err(PyErr::new(
                exc::value_error(self.py),
                "Circular reference detected",
            ));
        }
        markers.set_item(ident.as_borrowed(), obj)?;
        Ok(Some(ident))
    }

    fn unmark(&self, ident: Option<Owned<'py, PyInt>>) -> PyResult<()> {
        match (self.markers, ident) {
            (Some(markers), Some(ident)) => markers.del_item(ident.as_borrowed()),
            _ => Ok(()),
        }
    }

    /// `encoder_encode_string` and its write.
    fn string(&mut self, s: Borrowed<'_, 'py, PyStr>) -> PyResult<()> {
        let py = self.py;
        match self.fast {
            Fast::Ascii => {
                self.piece();
                let data = s.data()?;
                with_units!(data, |units| self.out.push_escaped_ascii(units))
                    .map_err(|e| write_error(py, e))
            }
            Fast::Unicode => {
                self.piece();
                let (data, kind) = (s.data()?, s.str_kind()?);
                with_units!(data, |units| self.out.push_escaped(units, kind))
                    .map_err(|e| write_error(py, e))
            }
            Fast::None => {
                let encoded = self.this.object(ENCODER).call1(s)?;
                let Some(encoded) = encoded.as_borrowed().downcast::<PyStr>() else {
                    return Err(PyErr::format(
                        exc::type_error(py),
                        cstr!("encoder() must return a string, not %.80s"),
                        &[FmtArg::TypeName(encoded.as_borrowed())],
                    ));
                };
                // One piece, as C's one accumulate of the result.
                self.write_str(encoded)
            }
        }
    }

    /// `PyLong_Type.tp_repr(obj)`: digits written directly when the value
    /// fits in 64 bits.
    fn int(&mut self, n: Borrowed<'_, 'py, PyInt>) -> PyResult<()> {
        match n.as_i64() {
            Some(value) => {
                let mut digits = [0u8; 20];
                let text = decimal(value, &mut digits);
                self.ascii(text)
            }
            None => {
                let repr = n.int_repr()?;
                self.write_str(repr.as_borrowed())
            }
        }
    }

    /// `encoder_encode_float` and its write. Out of line: its text's buffer
    /// would otherwise be on `obj`'s frame, which every nesting level
    /// takes (3.14's recursion limit is the C stack).
    #[inline(never)]
    fn float(&mut self, f: Borrowed<'_, 'py, PyFloat>) -> PyResult<()> {
        if let Some(text) = self.nonfinite(f)? {
            return self.ascii(text);
        }
        self.piece();
        let py = self.py;
        let out = &mut self.out;
        floats::with_repr(f, |text| out.push_ascii(text))?.map_err(|e| no_memory(py, e))
    }

    /// `Infinity`, `-Infinity`, `NaN`, or C's ValueError; `None` for a
    /// finite value.
    fn nonfinite(&self, f: Borrowed<'_, 'py, PyFloat>) -> PyResult<Option<&'static [u8]>> {
        let value = f.value();
        if value.is_finite() {
            return Ok(None);
        }
        if !self.allow_nan {
            return Err(if MINOR < 12 {
                PyErr::new(
                    exc::value_error(self.py),
                    "Out of range float values are not JSON compliant",
                )
            } else {
                PyErr::format(
                    exc::value_error(self.py),
                    cstr!("Out of range float values are not JSON compliant: %R"),
                    &[FmtArg::Object(f.as_any())],
                )
            });
        }
        Ok(Some(if value > 0.0 {
            b"Infinity"
        } else if value < 0.0 {
            b"-Infinity"
        } else {
            b"NaN"
        }))
    }

    /// The newline indent and item separator of `level` (3.13+), made on
    /// first use: `newline_indent + indent`, `item_separator +
    /// newline_indent` (C's `PyUnicode_Concat`s, with their errors).
    fn indent_at(&mut self, level: usize) -> PyResult<()> {
        while self.indents.len() <= level {
            let previous = &self.indents[self.indents.len() - 1].0;
            let newline = PyStr::concat(previous.as_borrowed(), self.indent)?;
            let separator = PyStr::concat(self.item_separator, newline.as_borrowed())?;
            self.indents.push((newline, Some(separator)));
        }
        Ok(())
    }

    fn newline(&mut self, level: usize) -> PyResult<()> {
        let newline = self.indents[level].0.clone();
        self.write_str(newline.as_borrowed())
    }

    /// `encoder_listencode_list`.
    fn list(&mut self, seq: Borrowed<'_, 'py, PyAny>, level: usize) -> PyResult<()> {
        let fast = seq.sequence_fast(cstr!("_iterencode_list needs a sequence"))?;
        if fast.is_empty() {
            return self.ascii(b"[]");
        }
        let ident = self.mark(seq)?;
        self.ascii(b"[")?;
        let indented = MINOR >= 13 && !self.indent.is_none();
        let separator = if indented {
            self.indent_at(level + 1)?;
            self.newline(level + 1)?;
            self.indents[level + 1].1.clone()
        } else {
            None
        };
        let mut i = 0;
        while let Some(item) = fast.get(i) {
            if i > 0 {
                match &separator {
                    Some(separator) => self.write_str(separator.as_borrowed())?,
                    None => self.separator(self.item_separator_text, self.item_separator)?,
                }
            }
            self.value(item.as_borrowed(), level + 1)
                .map_err(|err| noted_item(self.py, err, seq, i))?;
            i += 1;
        }
        self.unmark(ident)?;
        if indented {
            self.newline(level)?;
        }
        self.ascii(b"]")
    }

    /// `encoder_listencode_dict`.
    fn dict(&mut self, dct: Borrowed<'_, 'py, PyDict>, level: usize) -> PyResult<()> {
        if dct.is_empty() {
            return self.ascii(b"{}");
        }
        let ident = self.mark(dct.as_any())?;
        self.ascii(b"{")?;
        let indented = MINOR >= 13 && !self.indent.is_none();
        let separator = if indented {
            self.indent_at(level + 1)?;
            if MINOR >= 14 {
                self.newline(level + 1)?;
            }
            self.indents[level + 1].1.clone()
        } else {
            None
        };
        let mut first = true;
        if MINOR < 12 || self.sort_keys || !dct.is_exact::<PyDict>() {
            let items = dct.items()?;
            if self.sort_keys {
                items.as_borrowed().sort()?;
            }
            let mut i = 0;
            while let Some(item) = items.as_borrowed().get(i) {
                let pair = item
                    .as_borrowed()
                    .downcast::<PyTuple>()
                    .filter(|t| t.len() == 2);
                let Some(pair) = pair else {
                    return Err(PyErr::new(
                        exc::value_error(self.py),
                        "items must return 2-tuples",
                    ));
                };
                let (key, value) = match (pair.get(0), pair.get(1)) {
                    (Some(key), Some(value)) => (key, value),
                    _ => return Err(PyErr::bad_internal_call(self.py)),
                };
                self.key_value(&mut first, dct, key, value, level, separator.as_ref())?;
                i += 1;
            }
        } else {
            let mut pos = DictPos::default();
            while let Some((key, value)) = dct.next(&mut pos) {
                self.key_value(
                    &mut first,
                    dct,
                    key.as_borrowed(),
                    value.as_borrowed(),
                    level,
                    separator.as_ref(),
                )?;
            }
        }
        self.unmark(ident)?;
        if indented && (MINOR >= 14 || !first) {
            self.newline(level)?;
        }
        self.ascii(b"}")
    }

    /// `encoder_encode_key_value`.
    fn key_value(
        &mut self,
        first: &mut bool,
        dct: Borrowed<'_, 'py, PyDict>,
        key: Borrowed<'_, 'py, PyAny>,
        value: Borrowed<'_, 'py, PyAny>,
        level: usize,
        separator: Option<&Owned<'py, PyStr>>,
    ) -> PyResult<()> {
        let py = self.py;
        let Some(keystr) = self.key_str(key)? else {
            return Ok(());
        };
        if *first {
            *first = false;
            if MINOR == 13 && !self.indent.is_none() {
                self.newline(level + 1)?;
            }
        } else {
            match separator {
                Some(separator) => {
                    let separator = separator.clone();
                    self.write_str(separator.as_borrowed())?
                }
                None => self.separator(self.item_separator_text, self.item_separator)?,
            }
        }
        self.string(keystr.as_borrowed())?;
        self.separator(self.key_separator_text, self.key_separator)?;
        self.value(value, level + 1)
            .map_err(|err| noted_key(py, err, dct.as_any(), key))
    }

    /// The key as `str`, as C's `encoder_encode_key_value` makes it, or
    /// None for a key `skipkeys` skips. Out of line, off the recursive
    /// frame (a float's text buffer).
    #[inline(never)]
    fn key_str(&self, key: Borrowed<'_, 'py, PyAny>) -> PyResult<Option<Owned<'py, PyStr>>> {
        let py = self.py;
        Ok(Some(if let Some(s) = key.downcast::<PyStr>() {
            s.to_owned()
        } else if let Some(f) = key.downcast::<PyFloat>() {
            match self.nonfinite(f)? {
                Some(text) => PyStr::from_ascii(py, text)?,
                None => floats::with_repr(f, |text| PyStr::from_ascii(py, text))??,
            }
        } else if key.is_true_singleton() {
            PyStr::intern(py, cstr!("true"))?
        } else if key.is_false_singleton() {
            PyStr::intern(py, cstr!("false"))?
        } else if key.is_none() {
            PyStr::intern(py, cstr!("null"))?
        } else if let Some(n) = key.downcast::<PyInt>() {
            n.int_repr()?
        } else if self.skipkeys {
            return Ok(None);
        } else {
            return Err(PyErr::format(
                exc::type_error(py),
                cstr!("keys must be str, int, float, bool or None, not %.100s"),
                &[FmtArg::TypeName(key)],
            ));
        }))
    }
}

/// An error from serializing a part, with 3.14's note naming the part
/// (`_PyErr_FormatNote`); earlier versions add none.
#[cold]
fn noted(py: Python<'_>, err: PyErr, format: &'static CStr, args: &[FmtArg<'_, '_>]) -> PyErr {
    #[cfg(Py_3_14)]
    return err.with_note(py, format, args);
    #[cfg(not(Py_3_14))]
    {
        let _ = (py, format, args);
        err
    }
}

// The notes of the recursive functions' errors, out of line: their
// arguments would otherwise be built on frames that every nesting level
// takes (3.14's recursion limit is the C stack).

#[cold]
#[inline(never)]
fn noted_object(py: Python<'_>, err: PyErr, obj: Borrowed<'_, '_, PyAny>) -> PyErr {
    noted(
        py,
        err,
        cstr!("when serializing %T object"),
        &[FmtArg::Object(obj)],
    )
}

#[cold]
#[inline(never)]
fn noted_item(py: Python<'_>, err: PyErr, seq: Borrowed<'_, '_, PyAny>, index: usize) -> PyErr {
    let args = [FmtArg::Object(seq), FmtArg::Size(index as isize)];
    noted(py, err, cstr!("when serializing %T item %zd"), &args)
}

#[cold]
#[inline(never)]
fn noted_key(
    py: Python<'_>,
    err: PyErr,
    dct: Borrowed<'_, '_, PyAny>,
    key: Borrowed<'_, '_, PyAny>,
) -> PyErr {
    let args = [FmtArg::Object(dct), FmtArg::Object(key)];
    noted(py, err, cstr!("when serializing %T item %R"), &args)
}

/// The decimal digits of `value` (int's repr), in `buf`.
fn decimal(value: i64, buf: &mut [u8; 20]) -> &[u8] {
    let mut n = value.unsigned_abs();
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if value < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    &buf[at..]
}
