//! x86_64 kernels: SSE2 (16-byte registers) and AVX-512 BW (64) where the
//! compiler has it (`build.rs`).
//!
//! The code is in `unsafe fn`s with `#[target_feature]` (safe functions
//! with target features need Rust 1.86; the crate supports 1.74), which
//! the tables below point at; `WidthOps`' methods call them safely because
//! `Kernel::ops` and `simd::ops` only hand a table out after the
//! simd-core crate found the CPU feature, and nothing else in the crate
//! uses them.

use super::{Ops, WidthOps};

/// `Vector` for an SSE2 register, from its intrinsics: predicates are
/// vectors of all-ones lanes, their masks `movemask` bits (one per byte),
/// and unsigned compares flip the sign bits and compare signed, which is
/// all SSE2 has. `$store_ascii` narrows and stores.
macro_rules! x86_vector {
    (
        $v:ty, $bytes:literal, $zero:ident, [$set8:ident, $set16:ident, $set32:ident],
        $load:ident, $store:ident, $or:ident, $and:ident, $xor:ident,
        [$sub8:ident, $sub16:ident, $sub32:ident], [$eq8:ident, $eq16:ident, $eq32:ident],
        [$gt8:ident, $gt16:ident, $gt32:ident], $movemask:ident,
        fn store_ascii($self_:ident, $p:ident) $store_ascii:block
    ) => {
        impl Vector for $v {
            type Mask = $v;
            const BYTES: usize = $bytes;

            #[inline(always)]
            unsafe fn zero() -> Self {
                $zero()
            }

            #[inline(always)]
            unsafe fn splat<T: CodeUnit>(c: u32) -> Self {
                by_width!(T, $set8(c as i8), $set16(c as i16), $set32(c as i32))
            }

            #[inline(always)]
            unsafe fn load<T: CodeUnit>(p: *const T) -> Self {
                $load(p.cast())
            }

            #[inline(always)]
            unsafe fn store<T: CodeUnit>(self, p: *mut T) {
                $store(p.cast(), self)
            }

            #[inline(always)]
            unsafe fn store_ascii<T: CodeUnit>($self_, $p: *mut u8) $store_ascii

            #[inline(always)]
            unsafe fn or(self, other: Self) -> Self {
                $or(self, other)
            }

            #[inline(always)]
            unsafe fn sub<T: CodeUnit>(self, other: Self) -> Self {
                by_width!(T, $sub8(self, other), $sub16(self, other), $sub32(self, other))
            }

            #[inline(always)]
            unsafe fn eq<T: CodeUnit>(self, other: Self) -> Self {
                by_width!(T, $eq8(self, other), $eq16(self, other), $eq32(self, other))
            }

            #[inline(always)]
            unsafe fn lt<T: CodeUnit>(self, other: Self) -> Self {
                let sign = Self::splat::<T>(1 << (8 * size_of::<T>() - 1));
                let (a, b) = ($xor(self, sign), $xor(other, sign));
                by_width!(T, $gt8(b, a), $gt16(b, a), $gt32(b, a))
            }

            #[inline(always)]
            unsafe fn either(a: Self, b: Self) -> Self {
                $or(a, b)
            }

            #[inline(always)]
            unsafe fn bits<T: CodeUnit>(mask: Self) -> u64 {
                u64::from($movemask(mask) as u32)
            }

            #[inline(always)]
            fn bits_per_lane<T: CodeUnit>() -> u32 {
                size_of::<T>() as u32
            }

        }
    };
}

#[cfg(json_core_avx512)]
mod avx512;
mod sse2;

/// One kernel's operations for the unit type `$t`, from the module `$k`.
macro_rules! width_ops {
    ($k:ident, $t:ty) => {
        WidthOps::<$t> {
            scan: $k::scan::<$t>,
            ascii_run: $k::run::<$t, u8, true>,
            run: $k::run::<$t, $t, false>,
        }
    };
}

macro_rules! kernel_ops {
    ($k:ident) => {
        Ops {
            u8: width_ops!($k, u8),
            u16: width_ops!($k, u16),
            u32: width_ops!($k, u32),
        }
    };
}

/// SAFETY: SSE2 is part of every x86_64 CPU.
pub(crate) static SSE2: Ops = kernel_ops!(sse2);

/// SAFETY: only reachable once `cpu::has_avx512bw()` said yes (AVX-512 F
/// and BW, POPCNT).
#[cfg(json_core_avx512)]
pub(crate) static AVX512BW: Ops = kernel_ops!(avx512);
