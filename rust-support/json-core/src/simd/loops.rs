//! The kernels' loops, written once over [`Vector`]: each instruction set
//! instantiates them inside its `#[target_feature]` functions. Contracts:
//! `WidthOps` in `mod.rs`.
//!
//! Loads and stores stay inside the slices: every loop tests that the whole
//! register fits in its input (and output) before it touches them; the
//! masked forms touch only the lanes inside.

use super::vector::Vector;
use crate::unit::CodeUnit;
use core::mem::size_of;

#[inline(always)]
fn lanes<V: Vector, T>() -> usize {
    V::BYTES / size_of::<T>()
}

/// The mask bits of the first `n` lanes.
#[inline(always)]
fn low_bits<V: Vector, T: CodeUnit>(n: usize) -> u64 {
    let bits = n as u32 * V::bits_per_lane::<T>();
    if bits >= 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    }
}

/// The index of the first lane set in `bits` (not 0).
#[inline(always)]
fn first_lane<V: Vector, T: CodeUnit>(bits: u64) -> usize {
    (bits.trailing_zeros() / V::bits_per_lane::<T>()) as usize
}

/// Lanes that stop `scanstring`'s run: `"`, `\`, and when STRICT, below 0x20.
#[inline(always)]
unsafe fn stops<V: Vector, T: CodeUnit, const STRICT: bool>(v: V) -> u64 {
    let quote_or_backslash = V::either(
        v.eq::<T>(V::splat::<T>(0x22)),
        v.eq::<T>(V::splat::<T>(0x5c)),
    );
    if STRICT {
        V::bits::<T>(V::either(
            quote_or_backslash,
            v.lt::<T>(V::splat::<T>(0x20)),
        ))
    } else {
        V::bits::<T>(quote_or_backslash)
    }
}

/// Lanes that `escape_unicode` escapes: `"`, `\`, below 0x20.
#[inline(always)]
unsafe fn escaped<V: Vector, T: CodeUnit>(v: V) -> u64 {
    stops::<V, T, true>(v)
}

/// Lanes that are not C's `S_CHAR` (0x20..=0x7E but `"` and `\`).
#[inline(always)]
unsafe fn not_s_char<V: Vector, T: CodeUnit>(v: V) -> u64 {
    let printable = v
        .sub::<T>(V::splat::<T>(0x20))
        .lt::<T>(V::splat::<T>(0x7f - 0x20));
    let outside = V::bits::<T>(printable) ^ low_bits::<V, T>(lanes::<V, T>());
    outside | stops::<V, T, false>(v)
}

/// `WidthOps::scan`: [`scan`] for `strict` known at run time.
#[inline(always)]
pub(crate) unsafe fn scan_either<V: Vector, T: CodeUnit>(
    s: &[T],
    from: usize,
    strict: bool,
) -> (usize, u32) {
    if strict {
        scan::<V, T, true>(s, from)
    } else {
        scan::<V, T, false>(s, from)
    }
}

/// `WidthOps::scan` for full registers (the caller finishes the rest),
/// and with a masked load for the rest where the instruction set has one.
#[inline(always)]
pub(crate) unsafe fn scan<V: Vector, T: CodeUnit, const STRICT: bool>(
    s: &[T],
    from: usize,
) -> (usize, u32) {
    let lanes = lanes::<V, T>();
    let all = low_bits::<V, T>(lanes);
    let mut seen = V::zero();
    let mut i = from;
    while i + lanes <= s.len() {
        let v = V::load(s.as_ptr().add(i));
        let stop = stops::<V, T, STRICT>(v);
        if stop != 0 {
            let k = first_lane::<V, T>(stop);
            let before = low_bits::<V, T>(k);
            return (i + k, hint::<V, T>(seen, all) | hint::<V, T>(v, before));
        }
        seen = seen.or(v);
        i += lanes;
    }
    if V::PARTIAL && i < s.len() {
        let n = s.len() - i;
        let v = V::load_partial(s.as_ptr().add(i), n);
        let stop = stops::<V, T, STRICT>(v) & low_bits::<V, T>(n);
        let k = if stop != 0 {
            first_lane::<V, T>(stop)
        } else {
            n
        };
        let before = low_bits::<V, T>(k);
        return (i + k, hint::<V, T>(seen, all) | hint::<V, T>(v, before));
    }
    (i, hint::<V, T>(seen, all))
}

/// A value of the same `Kind` as the largest of the lanes of `v` that
/// `lanes` (mask bits) names: the kind limits are powers of two, so `v` may
/// be an OR of units. Compares of `v` itself, beside the search's rather
/// than after it.
#[inline(always)]
unsafe fn hint<V: Vector, T: CodeUnit>(v: V, lanes: u64) -> u32 {
    let mut hint = 0;
    for limit in [0x80, 0x100, 0x10000] {
        if u64::from(T::MAX_UNIT) >= limit as u64
            && !V::bits::<T>(v.lt::<T>(V::splat::<T>(limit))) & lanes != 0
        {
            hint = limit;
        }
    }
    hint
}

/// Lanes an encoder escapes: `ascii_escape_unicode`'s (not `S_CHAR`) when
/// ASCII, else `escape_unicode`'s.
#[inline(always)]
unsafe fn to_escape<V: Vector, T: CodeUnit, const ASCII: bool>(v: V) -> u64 {
    if ASCII {
        not_s_char::<V, T>(v)
    } else {
        escaped::<V, T>(v)
    }
}

/// `WidthOps::ascii_run` (ASCII, `O` is `u8`: lanes narrowed to bytes) and
/// `WidthOps::run` (`O` is `T`): stores each register whole, then stops at
/// its first unit to escape.
#[inline(always)]
pub(crate) unsafe fn run<V: Vector, T: CodeUnit, O, const ASCII: bool>(
    s: &[T],
    mut i: usize,
    out: &mut [O],
    mut o: usize,
) -> (usize, usize) {
    // The stores below write `lanes` units of O.
    assert!(size_of::<O>() == if ASCII { 1 } else { size_of::<T>() });
    let lanes = lanes::<V, T>();
    while i + lanes <= s.len() && o + lanes <= out.len() {
        let v = V::load(s.as_ptr().add(i));
        let p = out.as_mut_ptr().add(o);
        if ASCII {
            v.store_ascii::<T>(p.cast());
        } else {
            v.store::<T>(p.cast());
        }
        let bad = to_escape::<V, T, ASCII>(v);
        if bad != 0 {
            let k = first_lane::<V, T>(bad);
            return (i + k, o + k);
        }
        i += lanes;
        o += lanes;
    }
    let n = s.len() - i;
    if V::PARTIAL && n > 0 && n < lanes && o + n <= out.len() {
        let v = V::load_partial(s.as_ptr().add(i), n);
        let bad = to_escape::<V, T, ASCII>(v) & low_bits::<V, T>(n);
        let k = if bad != 0 { first_lane::<V, T>(bad) } else { n };
        let p = out.as_mut_ptr().add(o);
        if ASCII {
            v.store_ascii_partial::<T>(p.cast(), k);
        } else {
            v.store_partial::<T>(p.cast(), k);
        }
        return (i + k, o + k);
    }
    (i, o)
}
