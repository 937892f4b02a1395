//! CPython's three string kinds (PEP 393) as code unit types, and the kind
//! a text needs.

use crate::decoded::{StringBuf, Units};
use crate::error::{ScanError, TooLong};
use crate::escape;
use crate::number::{match_number_of, Number};
use crate::scan::{scanstring_of, Decoded};
use crate::simd::{Ops, WidthOps};
use alloc::collections::TryReserveError;
use alloc::vec::Vec;

/// A code unit of one of CPython's string kinds: `u8` (latin-1, what
/// `PyUnicode_1BYTE_DATA` holds, ASCII strings included), `u16` (UCS-2) or
/// `u32` (UCS-4). Every function of the crate is generic over it, as the C
/// code switches on `PyUnicode_KIND`. Sealed: only these three.
pub trait CodeUnit: Copy + Eq + Default + 'static + private::Unit {
    /// The unit as a code point (a `u32` unit above 0x10FFFF is no valid
    /// PEP 393 data; the functions treat it as C would, as a number).
    fn to_u32(self) -> u32;
}

pub(crate) mod private {
    use super::*;

    /// What the crate needs of a unit type, out of its users' reach.
    pub trait Unit: Sized {
        /// The largest unit: 0xFF, 0xFFFF or 0xFFFF_FFFF.
        const MAX_UNIT: u32;
        /// Truncates `c` to the unit (callers check that it fits).
        fn from_u32(c: u32) -> Self;
        /// This width's kernels in `ops`.
        fn width_ops(ops: &Ops) -> &WidthOps<Self>;
        /// Appends `src` to `dst`, truncating each unit (callers know the
        /// units fit): one `memcpy` when the widths match.
        fn extend_u8(dst: &mut Vec<u8>, src: &[Self]);
        fn extend_u16(dst: &mut Vec<u16>, src: &[Self]);
        fn extend_u32(dst: &mut Vec<u32>, src: &[Self]);
        /// Zero units appended to `buf` up to `len` units.
        fn zero_extend(buf: &mut Vec<Self>, len: usize) -> Result<(), TryReserveError>;
        /// `s` as [`Units`] of its width.
        fn units(s: &[Self]) -> Units<'_>;
        /// An output of these units, as [`Wider`] output.
        fn wider(out: &mut [Self]) -> Wider<'_>;

        // This width's copy of each public function (`entry`).
        fn scanstring<'b>(
            s: &[Self],
            end: isize,
            strict: bool,
            buf: &'b mut StringBuf,
        ) -> Result<(Decoded<'b>, usize), ScanError>;
        fn match_number(s: &[Self], start: usize) -> Option<Number>;
        fn escaped_len(s: &[Self]) -> Result<usize, TooLong>;
        fn escaped_len_ascii(s: &[Self]) -> Result<usize, TooLong>;
        fn escape_into(s: &[Self], out: &mut [Self]) -> usize;
        fn escape_ascii_into(s: &[Self], out: &mut [u8]) -> usize;
        fn escape_into_two(s: &[Self], out: &mut [u16]) -> usize;
        fn escape_into_four(s: &[Self], out: &mut [u32]) -> usize;
    }
}

/// An output for `escape_into_wider`: its units, if wider than a byte.
pub enum Wider<'a> {
    Not,
    Two(&'a mut [u16]),
    Four(&'a mut [u32]),
}

/// `escape_into_wider` into units no wider than the text's: a caller's bug.
#[cold]
pub(crate) fn not_wider() -> ! {
    panic!("escape_into_wider: the output's units are not wider than the text's")
}

macro_rules! code_unit {
    ($t:ty, $field:ident, $same:ident, $units:ident, $wider:ident, [$($two:tt)*], [$($four:tt)*]) => {
        impl CodeUnit for $t {
            #[inline(always)]
            fn to_u32(self) -> u32 {
                self as u32
            }
        }

        impl private::Unit for $t {
            const MAX_UNIT: u32 = <$t>::MAX as u32;
            #[inline(always)]
            fn from_u32(c: u32) -> Self {
                c as $t
            }
            #[inline(always)]
            fn width_ops(ops: &Ops) -> &WidthOps<Self> {
                &ops.$field
            }
            code_unit!(@extend $t, $same, extend_u8, u8);
            code_unit!(@extend $t, $same, extend_u16, u16);
            code_unit!(@extend $t, $same, extend_u32, u32);

            fn zero_extend(buf: &mut Vec<Self>, len: usize) -> Result<(), TryReserveError> {
                buf.try_reserve_exact(len.saturating_sub(buf.len()))?;
                buf.resize(len, 0);
                Ok(())
            }
            #[inline(always)]
            fn units(s: &[Self]) -> Units<'_> {
                Units::$units(s)
            }
            #[inline(always)]
            fn wider(out: &mut [Self]) -> Wider<'_> {
                code_unit!(@wider $wider out)
            }
            fn scanstring<'b>(
                s: &[Self],
                end: isize,
                strict: bool,
                buf: &'b mut StringBuf,
            ) -> Result<(Decoded<'b>, usize), ScanError> {
                scanstring_of(s, end, strict, buf)
            }
            fn match_number(s: &[Self], start: usize) -> Option<Number> {
                match_number_of(s, start)
            }
            fn escaped_len(s: &[Self]) -> Result<usize, TooLong> {
                escape::escaped_len_of(s)
            }
            fn escaped_len_ascii(s: &[Self]) -> Result<usize, TooLong> {
                escape::escaped_len_ascii_of(s)
            }
            fn escape_into(s: &[Self], out: &mut [Self]) -> usize {
                escape::escape_into_of(s, out)
            }
            fn escape_ascii_into(s: &[Self], out: &mut [u8]) -> usize {
                escape::escape_ascii_into_of(s, out)
            }
            fn escape_into_two(s: &[Self], out: &mut [u16]) -> usize {
                $($two)*(s, out)
            }
            fn escape_into_four(s: &[Self], out: &mut [u32]) -> usize {
                $($four)*(s, out)
            }
        }
    };
    (@wider Not $out:ident) => { { let _ = $out; Wider::Not } };
    (@wider $v:ident $out:ident) => { Wider::$v($out) };
    (@extend $t:ty, $same:ident, $name:ident, $to:ident) => {
        #[inline]
        fn $name(dst: &mut Vec<$to>, src: &[Self]) {
            code_unit!(@body $same, $to, dst, src);
        }
    };
    (@body u8, u8, $dst:ident, $src:ident) => { $dst.extend_from_slice($src) };
    (@body u16, u16, $dst:ident, $src:ident) => { $dst.extend_from_slice($src) };
    (@body u32, u32, $dst:ident, $src:ident) => { $dst.extend_from_slice($src) };
    (@body $same:ident, $to:ident, $dst:ident, $src:ident) => {
        $dst.extend($src.iter().map(|&unit| unit as $to))
    };
}

code_unit!(
    u8,
    u8,
    u8,
    One,
    Not,
    [escape::escape_into_wider_of],
    [escape::escape_into_wider_of]
);
code_unit!(
    u16,
    u16,
    u16,
    Two,
    Two,
    [never_wider],
    [escape::escape_into_wider_of]
);
code_unit!(u32, u32, u32, Four, Four, [never_wider], [never_wider]);

/// `escape_into_wider` into units narrower than or as wide as the text's.
#[inline(always)]
fn never_wider<T, O>(_: &[T], _: &mut [O]) -> usize {
    not_wider()
}

/// The kind of `str` a text needs, from its largest code point: what
/// `PyUnicode_New(size, kind.max_char())` makes, as `PyUnicode_Substring`
/// and `_PyUnicodeWriter` choose it in C.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Every code point below 0x80: a compact ASCII string (1 byte).
    Ascii,
    /// Below 0x100: latin-1 (1 byte).
    Latin1,
    /// Below 0x10000: UCS-2 (2 bytes).
    Ucs2,
    /// UCS-4 (4 bytes).
    Ucs4,
}

impl Kind {
    /// The kind of a text whose largest code point is `max`. An OR of all
    /// its code points gives the same answer (the limits are powers of 2),
    /// which is what the kernels compute.
    #[inline]
    pub fn of(max: u32) -> Kind {
        if max < 0x80 {
            Kind::Ascii
        } else if max < 0x100 {
            Kind::Latin1
        } else if max < 0x10000 {
            Kind::Ucs2
        } else {
            Kind::Ucs4
        }
    }

    /// The `maxchar` for `PyUnicode_New`: the largest code point of the kind.
    pub fn max_char(self) -> u32 {
        match self {
            Kind::Ascii => 0x7f,
            Kind::Latin1 => 0xff,
            Kind::Ucs2 => 0xffff,
            Kind::Ucs4 => 0x10ffff,
        }
    }

    /// Bytes per code unit of the kind (`PyUnicode_KIND`).
    pub fn unit_size(self) -> usize {
        match self {
            Kind::Ascii | Kind::Latin1 => 1,
            Kind::Ucs2 => 2,
            Kind::Ucs4 => 4,
        }
    }
}
