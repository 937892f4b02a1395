//! What the generic loops (`loops.rs`) need of a vector register: one
//! implementation per instruction set (`x86/sse2.rs`,
//! `x86/avx512.rs`, `neon.rs`), with lanes of the code unit's width `T`.
//!
//! Every method is `#[inline(always)]` and `unsafe`: it needs its
//! instruction set, which the `#[target_feature]` kernel functions that
//! inline it enable after `Kernel::ops` checked the CPU; the memory
//! methods also need their pointers valid for the bytes they touch, which
//! each caller checks against its slices first.

use crate::unit::CodeUnit;

/// A vector register and its lane predicates.
pub(crate) trait Vector: Copy {
    /// A predicate's lanes: a vector of all-ones lanes, or a bit mask.
    type Mask: Copy;
    /// Bytes in the register.
    const BYTES: usize;
    /// Whether the `*_partial` memory methods exist (masked loads and
    /// stores, which touch only the lanes they name).
    const PARTIAL: bool = false;

    unsafe fn zero() -> Self;
    /// Every lane of width `T` set to `c`.
    unsafe fn splat<T: CodeUnit>(c: u32) -> Self;
    /// `BYTES / size_of::<T>()` units from `p`.
    unsafe fn load<T: CodeUnit>(p: *const T) -> Self;
    unsafe fn store<T: CodeUnit>(self, p: *mut T);
    /// The low byte of each lane, one byte per lane, to `p`.
    unsafe fn store_ascii<T: CodeUnit>(self, p: *mut u8);
    /// The first `n` lanes from `p` (the others zero); only when PARTIAL.
    unsafe fn load_partial<T: CodeUnit>(_p: *const T, _n: usize) -> Self {
        unreachable!()
    }
    /// The first `n` lanes to `p`; only when PARTIAL.
    unsafe fn store_partial<T: CodeUnit>(self, _p: *mut T, _n: usize) {
        unreachable!()
    }
    /// The low bytes of the first `n` lanes to `p`; only when PARTIAL.
    unsafe fn store_ascii_partial<T: CodeUnit>(self, _p: *mut u8, _n: usize) {
        unreachable!()
    }

    unsafe fn or(self, other: Self) -> Self;
    /// Lane-wise wrapping subtraction.
    unsafe fn sub<T: CodeUnit>(self, other: Self) -> Self;
    unsafe fn eq<T: CodeUnit>(self, other: Self) -> Self::Mask;
    /// Lane-wise unsigned `self < other`.
    unsafe fn lt<T: CodeUnit>(self, other: Self) -> Self::Mask;
    unsafe fn either(a: Self::Mask, b: Self::Mask) -> Self::Mask;
    /// The mask as bits, lane 0 lowest, [`Vector::bits_per_lane`] per lane.
    unsafe fn bits<T: CodeUnit>(mask: Self::Mask) -> u64;
    fn bits_per_lane<T: CodeUnit>() -> u32;
}

/// `$one`, `$two` or `$four` by the width of the unit type `$t`.
macro_rules! by_width {
    ($t:ty, $one:expr, $two:expr, $four:expr $(,)?) => {
        match core::mem::size_of::<$t>() {
            1 => $one,
            2 => $two,
            _ => $four,
        }
    };
}
pub(crate) use by_width;
