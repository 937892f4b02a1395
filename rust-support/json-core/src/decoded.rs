//! Where `scanstring` puts a string it had to unescape: a buffer whose
//! code units widen as wider characters arrive, as C's `_PyUnicodeWriter`
//! does, so the text ends up in units of exactly its kind.

use crate::unit::private::Unit;
use crate::unit::{CodeUnit, Kind};
use alloc::vec::Vec;

/// Reusable space for decoded strings. Keep one for a whole document: each
/// `scanstring` that meets an escape starts it afresh and keeps its
/// capacity.
pub struct StringBuf {
    one: Vec<u8>,
    two: Vec<u16>,
    four: Vec<u32>,
    /// The OR of every code point pushed (its [`Kind`] is the text's).
    hint: u32,
    /// `Kind::of(hint)`.
    kind: Kind,
}

/// Decoded text in code units of its kind's width: `One` for
/// [`Kind::Ascii`] and [`Kind::Latin1`], `Two` for [`Kind::Ucs2`], `Four`
/// for [`Kind::Ucs4`] (what `PyUnicode_1BYTE_DATA` etc. of a new string of
/// that kind take as they are).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Units<'a> {
    One(&'a [u8]),
    Two(&'a [u16]),
    Four(&'a [u32]),
}

impl<'a> Units<'a> {
    /// Units of `s`'s width (any text's: they may be wider than its kind).
    #[inline(always)]
    pub fn of<T: CodeUnit>(s: &'a [T]) -> Units<'a> {
        T::units(s)
    }

    /// The number of code points.
    pub fn len(&self) -> usize {
        match self {
            Units::One(units) => units.len(),
            Units::Two(units) => units.len(),
            Units::Four(units) => units.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Default for StringBuf {
    fn default() -> StringBuf {
        StringBuf::new()
    }
}

impl StringBuf {
    pub fn new() -> StringBuf {
        StringBuf {
            one: Vec::new(),
            two: Vec::new(),
            four: Vec::new(),
            hint: 0,
            kind: Kind::Ascii,
        }
    }

    pub(crate) fn start(&mut self) {
        self.one.clear();
        self.two.clear();
        self.four.clear();
        self.hint = 0;
        self.kind = Kind::Ascii;
    }

    /// Appends units whose OR (or maximum) is `hint`.
    #[inline]
    pub(crate) fn push_run<T: CodeUnit>(&mut self, run: &[T], hint: u32) {
        self.fit(hint);
        match self.kind {
            Kind::Ascii | Kind::Latin1 => T::extend_u8(&mut self.one, run),
            Kind::Ucs2 => T::extend_u16(&mut self.two, run),
            Kind::Ucs4 => T::extend_u32(&mut self.four, run),
        }
    }

    #[inline]
    pub(crate) fn push_char(&mut self, c: u32) {
        self.fit(c);
        match self.kind {
            Kind::Ascii | Kind::Latin1 => self.one.push(c as u8),
            Kind::Ucs2 => self.two.push(c as u16),
            Kind::Ucs4 => self.four.push(c),
        }
    }

    /// Widens the text so far when `hint` needs wider units.
    #[inline(always)]
    fn fit(&mut self, hint: u32) {
        self.hint |= hint;
        if Kind::of(self.hint) != self.kind {
            self.widen();
        }
    }

    #[cold]
    fn widen(&mut self) {
        let before = self.kind.unit_size();
        self.kind = Kind::of(self.hint);
        match (before, self.kind) {
            (1, Kind::Ucs2) => u8::extend_u16(&mut self.two, &self.one),
            (1, Kind::Ucs4) => u8::extend_u32(&mut self.four, &self.one),
            (2, Kind::Ucs4) => u16::extend_u32(&mut self.four, &self.two),
            _ => {} // ASCII to latin-1: the same units
        }
    }

    /// The text decoded since the last `start`, and its kind.
    pub(crate) fn decoded(&self) -> (Units<'_>, Kind) {
        let kind = self.kind;
        let units = match kind {
            Kind::Ascii | Kind::Latin1 => Units::One(&self.one),
            Kind::Ucs2 => Units::Two(&self.two),
            Kind::Ucs4 => Units::Four(&self.four),
        };
        (units, kind)
    }
}
