//! crc32 on aarch64 by PMULL folding: the x86 128-bit scheme
//! (x86/clmul.rs, with its constants) on Advanced SIMD registers, four
//! 16-byte accumulators carried 512 bits on per step, then one, then
//! Barrett reduction. Where the CPU has SHA3, EOR3 adds the two products
//! and the data in one instruction.
//!
//! PMULL is part of FEAT_AES, which not every aarch64 CPU has (the
//! Raspberry Pi 4's Cortex-A72 lacks it): `simd_core::has_pmull`
//! and `has_sha3` choose. Loads stay inside `data`: each loop tests that
//! the whole block fits.
#![allow(unsafe_code)]

use core::arch::aarch64::{
    uint64x2_t, vdupq_n_u64, veorq_u64, vextq_u8, vgetq_lane_u64, vld1q_u8, vmull_p64,
    vreinterpretq_u64_p128, vreinterpretq_u64_u8, vreinterpretq_u8_u64, vsetq_lane_u64,
};
use core::arch::asm;

// As in x86/clmul.rs: (x^(D+32) mod P, x^(D-32) mod P), bit-reflected.
const FOLD_128: (u64, u64) = (0x1_7519_97d0, 0x0_ccaa_009e);
const FOLD_256: (u64, u64) = (0x0_f1da_05aa, 0x1_5a54_6366);
const FOLD_512: (u64, u64) = (0x1_5444_2bd4, 0x1_c6e4_1596);
const K64: u64 = 0x1_63cd_6124;
const P_X: u64 = 0x1_db71_0641;
const MU: u64 = 0x1_f701_1641;

/// `Ops::crc32` for the NEON kernel.
pub(super) fn crc32(crc: u32, data: &[u8]) -> (u32, usize) {
    if data.len() < 16 || !simd_core::has_pmull() {
        return (crc, 0);
    }
    if simd_core::has_sha3() {
        // SAFETY: the CPU has PMULL (FEAT_AES) and SHA3.
        unsafe { fold_blocks::<true>(crc, data) }
    } else {
        // SAFETY: the CPU has PMULL (FEAT_AES).
        unsafe { fold_blocks::<false>(crc, data) }
    }
}

/// `Kernel::crc32_path` for the NEON kernel.
pub(super) fn path() -> &'static str {
    match (simd_core::has_pmull(), simd_core::has_sha3()) {
        (false, _) => "table",
        (true, false) => "pmull",
        (true, true) => "pmull+eor3",
    }
}

#[inline]
#[target_feature(enable = "neon,aes")]
unsafe fn load(data: &[u8], at: usize) -> uint64x2_t {
    vreinterpretq_u64_u8(vld1q_u8(data.as_ptr().add(at)))
}

/// The carry-less product of two 64-bit polynomials.
#[inline]
#[target_feature(enable = "neon,aes")]
unsafe fn mul(a: u64, b: u64) -> uint64x2_t {
    vreinterpretq_u64_p128(vmull_p64(a, b))
}

/// `a ^ b ^ c`: one EOR3 with SHA3 (by `asm!`: the intrinsic needs Rust
/// 1.79, the crate supports 1.74), two EORs without.
#[inline]
#[target_feature(enable = "neon,aes")]
unsafe fn xor3<const EOR3: bool>(a: uint64x2_t, b: uint64x2_t, c: uint64x2_t) -> uint64x2_t {
    if !EOR3 {
        return veorq_u64(veorq_u64(a, b), c);
    }
    let out: uint64x2_t;
    asm!(".arch_extension sha3", "eor3 {out:v}.16b, {a:v}.16b, {b:v}.16b, {c:v}.16b",
         out = lateout(vreg) out, a = in(vreg) a, b = in(vreg) b, c = in(vreg) c,
         options(pure, nomem, nostack, preserves_flags));
    out
}

/// `acc` carried on by the distance of `keys`, plus `data`.
#[inline]
#[target_feature(enable = "neon,aes")]
unsafe fn fold<const EOR3: bool>(
    acc: uint64x2_t,
    data: uint64x2_t,
    keys: (u64, u64),
) -> uint64x2_t {
    let low = mul(vgetq_lane_u64::<0>(acc), keys.0);
    let high = mul(vgetq_lane_u64::<1>(acc), keys.1);
    xor3::<EOR3>(data, low, high)
}

/// The whole 16-byte blocks of `data` (at least one): the CRC and how far
/// they went. EOR3: the CPU has SHA3.
#[target_feature(enable = "neon,aes")]
unsafe fn fold_blocks<const EOR3: bool>(crc: u32, data: &[u8]) -> (u32, usize) {
    let init = vsetq_lane_u64::<0>(u64::from(!crc), vdupq_n_u64(0));
    let mut x0 = veorq_u64(load(data, 0), init);
    let mut at = 16;
    if data.len() >= 64 {
        let (mut x1, mut x2, mut x3) = (load(data, 16), load(data, 32), load(data, 48));
        at = 64;
        while at + 64 <= data.len() {
            x0 = fold::<EOR3>(x0, load(data, at), FOLD_512);
            x1 = fold::<EOR3>(x1, load(data, at + 16), FOLD_512);
            x2 = fold::<EOR3>(x2, load(data, at + 32), FOLD_512);
            x3 = fold::<EOR3>(x3, load(data, at + 48), FOLD_512);
            at += 64;
        }
        let (y0, y1) = (
            fold::<EOR3>(x0, x2, FOLD_256),
            fold::<EOR3>(x1, x3, FOLD_256),
        );
        x0 = fold::<EOR3>(y0, y1, FOLD_128);
    }
    while at + 16 <= data.len() {
        x0 = fold::<EOR3>(x0, load(data, at), FOLD_128);
        at += 16;
    }
    (reduce(x0), at)
}

/// The CRC of a 128-bit remainder: to 64 bits, to 32, then Barrett (as
/// x86/clmul.rs's `reduce`, lane by lane).
#[inline]
#[target_feature(enable = "neon,aes")]
unsafe fn reduce(x: uint64x2_t) -> u32 {
    let zero = vdupq_n_u64(0);
    // The low 64 bits times x^96, plus the high 64 bits.
    let x = veorq_u64(
        mul(vgetq_lane_u64::<0>(x), FOLD_128.1),
        vsetq_lane_u64::<0>(vgetq_lane_u64::<1>(x), zero),
    );
    // The low 32 bits times x^64, plus the rest shifted down 32 bits.
    let shifted = vreinterpretq_u64_u8(vextq_u8::<4>(
        vreinterpretq_u8_u64(x),
        vreinterpretq_u8_u64(zero),
    ));
    let x = veorq_u64(mul(vgetq_lane_u64::<0>(x) & 0xffff_ffff, K64), shifted);
    let t1 = mul(vgetq_lane_u64::<0>(x) & 0xffff_ffff, MU);
    let t2 = mul(vgetq_lane_u64::<0>(t1) & 0xffff_ffff, P_X);
    !((vgetq_lane_u64::<0>(veorq_u64(x, t2)) >> 32) as u32)
}
