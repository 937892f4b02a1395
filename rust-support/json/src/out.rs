//! The encoder's output: what C's `_PyUnicodeWriter` (3.13, 3.14) or
//! `_PyAccu` (3.11) collects, kept as code units of the widest kind
//! written so far (widened as C's writer widens), then made into one `str`
//! by one copy.
//!
//! Strings are escaped straight into it (C makes a `str` of each escaped
//! string, then copies it into the writer). The buffer is kept zeroed
//! ahead of what is written, so the escapers get initialized memory;
//! zeroing happens when it grows, about twice the output in all.

use crate::strings::{with_units, Unit};
use alloc::vec::Vec;
use cpython_api::str::{StrData, StrKind};
use cpython_api::types::{PyList, PyStr};
use cpython_api::{Owned, PyErr, PyResult, Python};
use json_core::TooLong;

/// Strings up to this many units reserve their worst case; longer ones
/// count their escaped length first (C always does), so the buffer never
/// holds more than a little over the output.
const RESERVE_WORST: usize = 1 << 16;

/// Byte strings at least this long, written after a wider text, are
/// escaped by the vector kernel into bytes and then widened; shorter ones
/// straight into the wider units.
const WIDEN_THROUGH_SCRATCH: usize = 32;

/// 3.11's `_PyAccu`: every this many pieces become one `str` of the
/// result list.
const ACCU_PIECES: u32 = 100_000;

pub(crate) enum Units {
    One(Bytes),
    Two(Vec<u16>),
    Four(Vec<u32>),
}

/// Bytes held inline until they outgrow it: a small output (`json.dumps`
/// of a small object, made by a new encoder each time) never allocates.
pub(crate) struct Bytes {
    inline: [u8; INLINE],
    /// Empty until the text outgrows `inline`, then all of it.
    heap: Vec<u8>,
}

/// Bytes of output held in the encoder's own frame.
const INLINE: usize = 128;

impl Bytes {
    fn new() -> Bytes {
        Bytes {
            inline: [0; INLINE],
            heap: Vec::new(),
        }
    }
}

pub(crate) struct Out {
    units: Units,
    /// Units written; the buffer is zeroed past them.
    len: usize,
    /// The kind of what is written (the buffer's width may be more: a
    /// latin-1 text is in bytes, like ASCII).
    kind: StrKind,
    /// 3.11: where each full `_PyAccu` chunk ends, and the pieces since.
    chunk_ends: Vec<usize>,
    pieces: u32,
    /// Escapes of a narrower text than the buffer's go here first.
    scratch: Vec<u8>,
}

/// The buffer could not grow.
pub(crate) struct NoMemory;

/// Why a string could not be written.
pub(crate) enum WriteError {
    NoMemory,
    TooLong(TooLong),
}

impl From<NoMemory> for WriteError {
    fn from(_: NoMemory) -> Self {
        WriteError::NoMemory
    }
}

/// A buffer of units, zeroed past what is written.
pub(crate) trait Buffer<U> {
    /// Zeroed room for `n` more units at `len`.
    fn room(&mut self, len: usize, n: usize) -> Result<&mut [U], NoMemory>;
    /// Every unit held (`len` of them written).
    fn units(&self) -> &[U];
}

impl<U: Unit> Buffer<U> for Vec<U> {
    #[inline]
    fn room(&mut self, len: usize, n: usize) -> Result<&mut [U], NoMemory> {
        let end = len.checked_add(n).ok_or(NoMemory)?;
        if end > self.len() {
            grow(self, end)?;
        }
        Ok(&mut self[len..end])
    }

    #[inline]
    fn units(&self) -> &[U] {
        self
    }
}

impl Buffer<u8> for Bytes {
    #[inline]
    fn room(&mut self, len: usize, n: usize) -> Result<&mut [u8], NoMemory> {
        if !self.heap.is_empty() {
            return self.heap.room(len, n);
        }
        match len.checked_add(n) {
            Some(end) if end <= INLINE => Ok(&mut self.inline[len..end]),
            _ => self.heap_room(len, n),
        }
    }

    #[inline]
    fn units(&self) -> &[u8] {
        if self.heap.is_empty() {
            &self.inline
        } else {
            &self.heap
        }
    }
}

impl Bytes {
    /// Moves the `len` bytes written to the heap, with room for `n` more.
    #[inline(never)]
    fn heap_room(&mut self, len: usize, n: usize) -> Result<&mut [u8], NoMemory> {
        grow(&mut self.heap, INLINE * 2)?;
        self.heap[..len].copy_from_slice(&self.inline[..len]);
        self.heap.room(len, n)
    }
}

#[cold]
#[inline(never)]
fn grow<U: Unit>(buf: &mut Vec<U>, end: usize) -> Result<(), NoMemory> {
    let size = end.max(buf.len().saturating_mul(2)).max(256);
    json_core::zero_extend(buf, size).map_err(|_| NoMemory)
}

/// Copies `src` into `dst` (as wide or wider).
#[inline]
fn widen<S: Unit, D: Unit>(src: &[S], dst: &mut [D]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d = D::from_u32_unit(s.to_u32());
    }
}

/// `u8`, `u16`, `u32`: a unit from a unit of a narrower kind (never
/// truncated), and the buffer of units of its width.
pub(crate) trait FromUnit: Sized {
    type Buffer: Buffer<Self>;
    fn from_u32_unit(c: u32) -> Self;
    /// The buffer, when its units are this type.
    fn buffer(units: &mut Units) -> Option<&mut Self::Buffer>;
    /// `s` as bytes, when its units are.
    #[inline(always)]
    fn bytes(s: &[Self]) -> Option<&[u8]> {
        let _ = s;
        None
    }
    /// `encode_basestring(s)` at `len` in a buffer of wider units (there
    /// are none wider than `u32`).
    fn escape_widened(
        s: &[Self],
        units: &mut Units,
        len: usize,
        bound: usize,
    ) -> Result<usize, NoMemory> {
        let _ = (s, units, len, bound);
        narrower_buffer()
    }
}

/// A buffer narrower than a text written into it: `Out::fit` widens the
/// buffer first, so this is a bug.
#[cold]
fn narrower_buffer() -> ! {
    panic!("the output buffer is narrower than the text")
}
impl FromUnit for u8 {
    type Buffer = Bytes;
    #[inline(always)]
    fn from_u32_unit(c: u32) -> Self {
        c as u8
    }
    #[inline(always)]
    fn buffer(units: &mut Units) -> Option<&mut Self::Buffer> {
        match units {
            Units::One(buf) => Some(buf),
            _ => None,
        }
    }
    #[inline(always)]
    fn bytes(s: &[u8]) -> Option<&[u8]> {
        Some(s)
    }
    fn escape_widened(
        s: &[u8],
        units: &mut Units,
        len: usize,
        bound: usize,
    ) -> Result<usize, NoMemory> {
        match units {
            Units::Two(buf) => Ok(json_core::escape_into_wider(s, buf.room(len, bound)?)),
            Units::Four(buf) => Ok(json_core::escape_into_wider(s, buf.room(len, bound)?)),
            Units::One(_) => narrower_buffer(),
        }
    }
}
impl FromUnit for u16 {
    type Buffer = Vec<u16>;
    #[inline(always)]
    fn from_u32_unit(c: u32) -> Self {
        c as u16
    }
    #[inline(always)]
    fn buffer(units: &mut Units) -> Option<&mut Self::Buffer> {
        match units {
            Units::Two(buf) => Some(buf),
            _ => None,
        }
    }
    fn escape_widened(
        s: &[u16],
        units: &mut Units,
        len: usize,
        bound: usize,
    ) -> Result<usize, NoMemory> {
        match units {
            Units::Four(buf) => Ok(json_core::escape_into_wider(s, buf.room(len, bound)?)),
            _ => narrower_buffer(),
        }
    }
}
impl FromUnit for u32 {
    type Buffer = Vec<u32>;
    #[inline(always)]
    fn from_u32_unit(c: u32) -> Self {
        c
    }
    #[inline(always)]
    fn buffer(units: &mut Units) -> Option<&mut Self::Buffer> {
        match units {
            Units::Four(buf) => Some(buf),
            _ => None,
        }
    }
}

/// The units' width for a kind: 1, 2 or 4.
#[inline]
fn width(kind: StrKind) -> usize {
    match kind {
        StrKind::Ascii | StrKind::Latin1 => 1,
        StrKind::Ucs2 => 2,
        StrKind::Ucs4 => 4,
    }
}

impl Out {
    pub(crate) fn new() -> Out {
        Out {
            units: Units::One(Bytes::new()),
            len: 0,
            kind: StrKind::Ascii,
            chunk_ends: Vec::new(),
            pieces: 0,
            scratch: Vec::new(),
        }
    }

    /// 3.11: one `_PyAccu_Accumulate`.
    #[inline(always)]
    pub(crate) fn piece(&mut self) {
        self.pieces += 1;
        if self.pieces == ACCU_PIECES {
            self.chunk_ends.push(self.len);
            self.pieces = 0;
        }
    }

    fn buffer_width(&self) -> usize {
        match self.units {
            Units::One(_) => 1,
            Units::Two(_) => 2,
            Units::Four(_) => 4,
        }
    }

    /// Makes the buffer at least as wide as `kind`'s units, and the text's
    /// kind at least `kind`.
    #[inline]
    fn fit(&mut self, kind: StrKind) -> Result<(), NoMemory> {
        if kind > self.kind {
            self.kind = kind;
            if width(kind) > self.buffer_width() {
                self.widen_buffer(width(kind))?;
            }
        }
        Ok(())
    }

    #[cold]
    fn widen_buffer(&mut self, to: usize) -> Result<(), NoMemory> {
        let len = self.len;
        let size = (len * 2).max(256);
        let new = match (&self.units, to) {
            (Units::One(old), 2) => Units::Two(widened(&old.units()[..len], size)?),
            (Units::One(old), 4) => Units::Four(widened(&old.units()[..len], size)?),
            (Units::Two(old), 4) => Units::Four(widened(&old[..len], size)?),
            _ => return Ok(()),
        };
        self.units = new;
        Ok(())
    }

    /// ASCII text (constants, numbers).
    #[inline]
    pub(crate) fn push_ascii(&mut self, text: &[u8]) -> Result<(), NoMemory> {
        let len = self.len;
        match &mut self.units {
            Units::One(buf) => buf.room(len, text.len())?.copy_from_slice(text),
            Units::Two(buf) => widen(text, buf.room(len, text.len())?),
            Units::Four(buf) => widen(text, buf.room(len, text.len())?),
        }
        self.len += text.len();
        Ok(())
    }

    /// A `str`'s characters, as they are (`_PyUnicodeWriter_WriteStr`).
    /// Bytes into bytes (the separators, numbers' reprs) here; the other
    /// widths out of line.
    #[inline]
    pub(crate) fn push_str(&mut self, data: StrData<'_>, kind: StrKind) -> Result<(), NoMemory> {
        self.fit(kind)?;
        let len = self.len;
        if let (StrData::One(src), Units::One(buf)) = (&data, &mut self.units) {
            buf.room(len, src.len())?.copy_from_slice(src);
            self.len += src.len();
            return Ok(());
        }
        self.push_data(data)
    }

    /// Units no wider than the buffer's (`fit` was called).
    #[inline(never)]
    fn push_data(&mut self, data: StrData<'_>) -> Result<(), NoMemory> {
        let len = self.len;
        let n = data.len();
        with_units!(data, |src| match &mut self.units {
            Units::One(buf) => widen(src, buf.room(len, n)?),
            Units::Two(buf) => widen(src, buf.room(len, n)?),
            Units::Four(buf) => widen(src, buf.room(len, n)?),
        });
        self.len += n;
        Ok(())
    }

    /// `encode_basestring_ascii(s)`'s result, written in place.
    pub(crate) fn push_escaped_ascii<T: Unit>(&mut self, s: &[T]) -> Result<(), WriteError> {
        let bound = if s.len() <= RESERVE_WORST {
            s.len()
                * if core::mem::size_of::<T>() == 4 {
                    12
                } else {
                    6
                }
                + 2
        } else {
            json_core::escaped_len_ascii(s).map_err(WriteError::TooLong)?
        };
        let len = self.len;
        match &mut self.units {
            Units::One(buf) => {
                self.len += json_core::escape_ascii_into(s, buf.room(len, bound)?);
                Ok(())
            }
            _ => self.push_escaped_ascii_widened(s, bound),
        }
    }

    /// The same into wider units: escaped into `scratch`, then copied.
    #[inline(never)]
    fn push_escaped_ascii_widened<T: Unit>(
        &mut self,
        s: &[T],
        bound: usize,
    ) -> Result<(), WriteError> {
        self.push_through_scratch(bound, |scratch| json_core::escape_ascii_into(s, scratch))
    }

    /// Bytes that `escape` writes into `scratch` (at most `bound`, and
    /// returns how many), then copied into the wider buffer.
    fn push_through_scratch(
        &mut self,
        bound: usize,
        escape: impl FnOnce(&mut [u8]) -> usize,
    ) -> Result<(), WriteError> {
        let mut scratch = core::mem::take(&mut self.scratch);
        let n = escape(scratch.room(0, bound)?);
        let pushed = self.push_data(StrData::One(&scratch[..n]));
        self.scratch = scratch;
        Ok(pushed?)
    }

    /// `encode_basestring(s)`'s result (`s` of kind `kind`), written in
    /// place when the buffer's units are as wide as the text's.
    pub(crate) fn push_escaped<T: Unit + FromUnit>(
        &mut self,
        s: &[T],
        kind: StrKind,
    ) -> Result<(), WriteError> {
        self.fit(kind)?;
        let bound = if s.len() <= RESERVE_WORST {
            s.len() * 6 + 2
        } else {
            json_core::escaped_len(s).map_err(WriteError::TooLong)?
        };
        let len = self.len;
        match T::buffer(&mut self.units) {
            Some(buf) => {
                self.len += json_core::escape_into(s, buf.room(len, bound)?);
                Ok(())
            }
            // The buffer is wider (`fit` widened it to at least T's width).
            None => self.push_escaped_widened(s, bound),
        }
    }

    /// `encode_basestring(s)` into wider units.
    #[inline(never)]
    fn push_escaped_widened<T: Unit + FromUnit>(
        &mut self,
        s: &[T],
        bound: usize,
    ) -> Result<(), WriteError> {
        // Long byte strings through the vector kernel into `scratch`, then
        // widened; short ones escaped straight into the wider units.
        if let Some(bytes) = T::bytes(s).filter(|b| b.len() >= WIDEN_THROUGH_SCRATCH) {
            return self
                .push_through_scratch(bound, |scratch| json_core::escape_into(bytes, scratch));
        }
        let len = self.len;
        self.len += T::escape_widened(s, &mut self.units, len, bound)?;
        Ok(())
    }

    /// The text as one `str` (`_PyUnicodeWriter_Finish`).
    pub(crate) fn finish<'py>(&self, py: Python<'py>) -> PyResult<Owned<'py, PyStr>> {
        self.range(py, 0, self.len)
    }

    fn range<'py>(&self, py: Python<'py>, start: usize, end: usize) -> PyResult<Owned<'py, PyStr>> {
        // The kind of this range: its own characters' (3.11's chunks are
        // separate strings).
        let kind = if start == 0 && end == self.len {
            self.kind
        } else {
            self.range_kind(start, end)
        };
        match &self.units {
            Units::One(buf) => PyStr::from_units(py, &buf.units()[start..end], kind),
            Units::Two(buf) => PyStr::from_units(py, &buf[start..end], kind),
            Units::Four(buf) => PyStr::from_units(py, &buf[start..end], kind),
        }
    }

    fn range_kind(&self, start: usize, end: usize) -> StrKind {
        let max = match &self.units {
            Units::One(buf) => buf.units()[start..end].iter().map(|&u| u32::from(u)).max(),
            Units::Two(buf) => buf[start..end].iter().map(|&u| u32::from(u)).max(),
            Units::Four(buf) => buf[start..end].iter().copied().max(),
        };
        StrKind::of(max.unwrap_or(0))
    }

    /// 3.11's `_PyAccu_FinishAsList`: a list of the chunks' strings.
    pub(crate) fn finish_list<'py>(&self, py: Python<'py>) -> PyResult<Owned<'py, PyList>> {
        let list = PyList::empty(py)?;
        let mut start = 0;
        for &end in &self.chunk_ends {
            let chunk = self.range(py, start, end)?;
            list.as_borrowed().append(chunk.as_borrowed())?;
            start = end;
        }
        if self.pieces != 0 {
            let chunk = self.range(py, start, self.len)?;
            list.as_borrowed().append(chunk.as_borrowed())?;
        }
        Ok(list)
    }
}

fn widened<S: Unit, D: Unit + FromUnit>(src: &[S], size: usize) -> Result<Vec<D>, NoMemory> {
    let mut new = Vec::new();
    json_core::zero_extend(&mut new, size.max(src.len())).map_err(|_| NoMemory)?;
    widen(src, &mut new);
    Ok(new)
}

pub(crate) fn no_memory(py: Python<'_>, _: NoMemory) -> PyErr {
    PyErr::no_memory(py)
}

pub(crate) fn write_error(py: Python<'_>, error: WriteError) -> PyErr {
    match error {
        WriteError::NoMemory => PyErr::no_memory(py),
        WriteError::TooLong(e) => crate::errors::too_long(py, e),
    }
}
