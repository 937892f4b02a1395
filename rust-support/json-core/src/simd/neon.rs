//! aarch64 Advanced SIMD: 16-byte registers. Advanced SIMD is part of every
//! aarch64 CPU (and of the target's baseline features), so there is no
//! run-time check and nothing to enable. Little-endian only (lanes of
//! `u16`/`u32` are read from memory as bytes): `mod.rs` leaves big-endian
//! aarch64 to the scalar code.
//!
//! NEON has no byte mask instruction: `vshrn_n_u16::<4>` narrows a
//! predicate's 0x00/0xFF bytes to one nibble each, a 64-bit mask with 4
//! bits per byte.

use super::loops;
use super::vector::{by_width, Vector};
use super::{Ops, WidthOps};
use crate::unit::CodeUnit;
use core::arch::aarch64::*;
use core::mem::size_of;
use core::ptr;

/// `$op8`, `$op16` or `$op32` on the lanes of `$a` and `$b` of the width of
/// `$t` (the registers reinterpreted), as bytes again.
macro_rules! lanewise {
    ($t:ty, $op8:ident, $op16:ident, $op32:ident, $a:expr, $b:expr) => {
        by_width!(
            $t,
            $op8($a, $b),
            vreinterpretq_u8_u16($op16(vreinterpretq_u16_u8($a), vreinterpretq_u16_u8($b))),
            vreinterpretq_u8_u32($op32(vreinterpretq_u32_u8($a), vreinterpretq_u32_u8($b))),
        )
    };
}

impl Vector for uint8x16_t {
    type Mask = uint8x16_t;
    const BYTES: usize = 16;

    #[inline(always)]
    unsafe fn zero() -> Self {
        vdupq_n_u8(0)
    }

    #[inline(always)]
    unsafe fn splat<T: CodeUnit>(c: u32) -> Self {
        by_width!(
            T,
            vdupq_n_u8(c as u8),
            vreinterpretq_u8_u16(vdupq_n_u16(c as u16)),
            vreinterpretq_u8_u32(vdupq_n_u32(c))
        )
    }

    #[inline(always)]
    unsafe fn load<T: CodeUnit>(p: *const T) -> Self {
        vld1q_u8(p.cast())
    }

    #[inline(always)]
    unsafe fn store<T: CodeUnit>(self, p: *mut T) {
        vst1q_u8(p.cast(), self)
    }

    #[inline(always)]
    unsafe fn store_ascii<T: CodeUnit>(self, p: *mut u8) {
        match size_of::<T>() {
            1 => vst1q_u8(p, self),
            2 => vst1_u8(p, vmovn_u16(vreinterpretq_u16_u8(self))),
            _ => {
                let halves = vmovn_u32(vreinterpretq_u32_u8(self));
                let bytes = vmovn_u16(vcombine_u16(halves, halves));
                let four = vget_lane_u32::<0>(vreinterpret_u32_u8(bytes));
                ptr::write_unaligned(p.cast::<u32>(), four);
            }
        }
    }

    #[inline(always)]
    unsafe fn or(self, other: Self) -> Self {
        vorrq_u8(self, other)
    }

    #[inline(always)]
    unsafe fn sub<T: CodeUnit>(self, other: Self) -> Self {
        lanewise!(T, vsubq_u8, vsubq_u16, vsubq_u32, self, other)
    }

    #[inline(always)]
    unsafe fn eq<T: CodeUnit>(self, other: Self) -> Self {
        lanewise!(T, vceqq_u8, vceqq_u16, vceqq_u32, self, other)
    }

    #[inline(always)]
    unsafe fn lt<T: CodeUnit>(self, other: Self) -> Self {
        lanewise!(T, vcltq_u8, vcltq_u16, vcltq_u32, self, other)
    }

    #[inline(always)]
    unsafe fn either(a: Self, b: Self) -> Self {
        vorrq_u8(a, b)
    }

    #[inline(always)]
    unsafe fn bits<T: CodeUnit>(mask: Self) -> u64 {
        let nibbles = vshrn_n_u16::<4>(vreinterpretq_u16_u8(mask));
        vget_lane_u64::<0>(vreinterpret_u64_u8(nibbles))
    }

    #[inline(always)]
    fn bits_per_lane<T: CodeUnit>() -> u32 {
        4 * size_of::<T>() as u32
    }
}

unsafe fn scan<T: CodeUnit>(s: &[T], from: usize, strict: bool) -> (usize, u32) {
    loops::scan_either::<uint8x16_t, T>(s, from, strict)
}

unsafe fn run<T: CodeUnit, O, const ASCII: bool>(
    s: &[T],
    i: usize,
    out: &mut [O],
    o: usize,
) -> (usize, usize) {
    loops::run::<uint8x16_t, T, O, ASCII>(s, i, out, o)
}

/// NEON's operations for the unit type `$t` (Advanced SIMD is part of
/// every aarch64 CPU; the loops check their bounds).
macro_rules! width_ops {
    ($t:ty) => {
        WidthOps::<$t> {
            scan: scan::<$t>,
            ascii_run: run::<$t, u8, true>,
            run: run::<$t, $t, false>,
        }
    };
}

pub(crate) static NEON: Ops = Ops {
    u8: width_ops!(u8),
    u16: width_ops!(u16),
    u32: width_ops!(u32),
};
