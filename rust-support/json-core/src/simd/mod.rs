//! Vector kernels for the string loops, and the run-time choice of one.
//!
//! A kernel only does the easy part: it skips or copies runs of units that
//! need no work, and says how far it got; the exact scalar code in
//! `scan.rs` and `escape.rs` carries on from there (escapes, errors, the
//! last units), so every message and position comes from one place. The
//! scalar kernel is the portable loop for the same contract; the counting
//! operations are exact in every kernel.
//!
//! The kernel is chosen once, from the CPU (the simd-core crate), or
//! forced with [`select`] (tests, benchmarks, and the module's hook).

#[cfg(any(
    target_arch = "x86_64",
    all(target_arch = "aarch64", target_endian = "little")
))]
mod loops;
#[cfg(all(target_arch = "aarch64", target_endian = "little"))]
mod neon;
#[cfg(any(
    target_arch = "x86_64",
    all(target_arch = "aarch64", target_endian = "little")
))]
mod vector;
#[cfg(target_arch = "x86_64")]
mod x86;

use crate::scalar;
use core::sync::atomic::{AtomicU8, Ordering};

/// A set of kernels. Which ones exist depends on the target; which ones
/// run depends on the CPU.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Kernel {
    /// The portable code alone.
    Scalar = 0,
    /// x86_64's baseline: 16-byte SSE2 registers.
    Sse2 = 1,
    /// x86_64 with AVX-512 F and BW: 64-byte registers and masks (Skylake-X,
    /// Ice Lake, Zen 4 and later); compiled only by a rustc that has them
    /// (1.89, `build.rs`). There is no AVX2 kernel: on the benchmark's
    /// documents, whose strings are short, it was within 3% of SSE2 either
    /// way, for 10.7 KB of the module (docs/design.md, "Where the size
    /// goes").
    Avx512Bw = 2,
    /// aarch64 Advanced SIMD (always present on aarch64; little-endian).
    Neon = 3,
}

impl Kernel {
    /// Every kernel, in the order of preference (worst first), each at the
    /// index of its number.
    pub const ALL: [Kernel; 4] = [Kernel::Scalar, Kernel::Sse2, Kernel::Avx512Bw, Kernel::Neon];

    /// The name [`Kernel::from_name`] takes.
    pub fn name(self) -> &'static str {
        match self {
            Kernel::Scalar => "scalar",
            Kernel::Sse2 => "sse2",
            Kernel::Avx512Bw => "avx512bw",
            Kernel::Neon => "neon",
        }
    }

    pub fn from_name(name: &[u8]) -> Option<Kernel> {
        Kernel::ALL
            .into_iter()
            .find(|kernel| kernel.name().as_bytes() == name)
    }

    /// Compiled in for this target, and the running CPU has it.
    pub fn supported(self) -> bool {
        self.ops().is_some()
    }

    /// Why [`select`] refuses this kernel (it is not [`supported`]).
    ///
    /// [`supported`]: Kernel::supported
    pub fn lacking(self) -> &'static str {
        if cfg!(target_arch = "x86_64") && !self.compiled() && self == Kernel::Avx512Bw {
            "this build lacks it (its rustc is older than 1.89: build with a newer one)"
        } else {
            "this CPU or target lacks it"
        }
    }

    /// Part of this build (for the target; the CPU may still lack it).
    pub fn compiled(self) -> bool {
        match self {
            Kernel::Scalar => true,
            Kernel::Sse2 => cfg!(target_arch = "x86_64"),
            Kernel::Avx512Bw => cfg!(all(target_arch = "x86_64", json_core_avx512)),
            Kernel::Neon => cfg!(all(target_arch = "aarch64", target_endian = "little")),
        }
    }

    /// The operations of this kernel, if it runs here (public for the
    /// op-level tests and the benchmark).
    pub fn ops(self) -> Option<&'static Ops> {
        match self {
            Kernel::Scalar => Some(&SCALAR),
            #[cfg(target_arch = "x86_64")]
            Kernel::Sse2 => Some(&x86::SSE2),
            // It counts lanes with POPCNT (has_avx512bw includes it).
            #[cfg(all(target_arch = "x86_64", json_core_avx512))]
            Kernel::Avx512Bw if simd_core::has_avx512bw() => Some(&x86::AVX512BW),
            #[cfg(all(target_arch = "aarch64", target_endian = "little"))]
            Kernel::Neon => Some(&neon::NEON),
            _ => None,
        }
    }

    /// The best kernel the running CPU supports.
    pub fn best() -> Kernel {
        Kernel::ALL
            .into_iter()
            .rev()
            .find(|kernel| kernel.supported())
            .unwrap_or(Kernel::Scalar)
    }
}

/// A kernel's operations on one string kind (`T` is its code unit). In
/// every one, a unit is *clean* when it needs no work: for `scan`, it is
/// neither `"` nor `\` nor, when `strict`, below 0x20; for `ascii_run`, it
/// is in 0x20..=0x7E and neither `"` nor `\` (C's `S_CHAR`); for `run`, it
/// is neither `"` nor `\` nor below 0x20. Positions are unit indices.
///
/// The fields point straight at the kernel's `#[target_feature]` code
/// (one call from the caller to the loop); only the crate builds a table,
/// and only [`Kernel::ops`] and [`ops`] hand one out, for a kernel the CPU
/// runs: that is what makes the methods safe.
pub struct WidthOps<T> {
    scan: unsafe fn(&[T], usize, bool) -> (usize, u32),
    ascii_run: RawRun<T, u8>,
    run: RawRun<T, T>,
}

impl<T> WidthOps<T> {
    /// `scan(s, from, strict) -> (p, hint)`: `s[from..p]` is clean, and
    /// `hint` is a value of the same [`Kind`](crate::Kind) as the largest
    /// unit of `s[from..p]` (their OR, or their maximum). Vector kernels
    /// stop at the first unit that is not clean, or within the last units
    /// of `s`, which the caller finishes.
    #[inline(always)]
    pub fn scan(&self, s: &[T], from: usize, strict: bool) -> (usize, u32) {
        // SAFETY: the table is this CPU's (see the type's comment); the
        // kernels check their bounds.
        unsafe { (self.scan)(s, from, strict) }
    }

    /// `ascii_run(s, i, out, o) -> (i2, o2)`: copies the clean units
    /// `s[i..i2]` to `out[o..o2]` as bytes (`o2 - o == i2 - i`); stops at
    /// the first unit that is not clean, or earlier (as `scan`). May leave
    /// scratch bytes in `out` past `o2` but not past `o + s.len() - i`,
    /// never outside `out`.
    #[inline(always)]
    pub fn ascii_run(&self, s: &[T], i: usize, out: &mut [u8], o: usize) -> (usize, usize) {
        // SAFETY: as in `scan`.
        unsafe { (self.ascii_run)(s, i, out, o) }
    }

    /// The same for `encode_basestring`, into units of the same kind.
    #[inline(always)]
    pub fn run(&self, s: &[T], i: usize, out: &mut [T], o: usize) -> (usize, usize) {
        // SAFETY: as in `scan`.
        unsafe { (self.run)(s, i, out, o) }
    }
}

/// A copying operation's kernel code: `(s, i, out, o) -> (i2, o2)`.
type RawRun<T, O> = unsafe fn(&[T], usize, &mut [O], usize) -> (usize, usize);

/// A copying operation, as the encoders take it: `(s, i, out, o) -> (i2, o2)`.
pub(crate) type Run<T, O> = fn(&[T], usize, &mut [O], usize) -> (usize, usize);

/// A kernel: its operations for each string kind.
pub struct Ops {
    pub u8: WidthOps<u8>,
    pub u16: WidthOps<u16>,
    pub u32: WidthOps<u32>,
}

macro_rules! scalar_ops {
    ($t:ty) => {
        WidthOps::<$t> {
            scan: scalar::scan,
            ascii_run: scalar::ascii_run,
            run: scalar::run,
        }
    };
}

static SCALAR: Ops = Ops {
    u8: scalar_ops!(u8),
    u16: scalar_ops!(u16),
    u32: scalar_ops!(u32),
};

/// `Kernel as u8`, or UNCHOSEN until the first call picks the best.
static SELECTED: AtomicU8 = AtomicU8::new(UNCHOSEN);
const UNCHOSEN: u8 = u8::MAX;

/// The kernel in use.
pub fn selected() -> Kernel {
    let index = SELECTED.load(Ordering::Relaxed);
    if let Some(&kernel) = Kernel::ALL.get(usize::from(index)) {
        return kernel;
    }
    let best = Kernel::best();
    SELECTED.store(best as u8, Ordering::Relaxed);
    best
}

/// Uses `kernel` from now on, for every caller, if it runs here.
pub fn select(kernel: Kernel) -> Result<(), Unsupported> {
    if !kernel.supported() {
        return Err(Unsupported(kernel));
    }
    SELECTED.store(kernel as u8, Ordering::Relaxed);
    Ok(())
}

/// [`select`]'s error: this target or CPU lacks the kernel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unsupported(pub Kernel);

/// Each kernel's table at its number, [`SCALAR`] where this target lacks
/// the kernel. Only [`ops`] reads it, at an index that [`select`] or
/// [`selected`] stored after checking that the CPU runs the kernel.
static TABLES: [&Ops; 4] = [
    &SCALAR,
    #[cfg(target_arch = "x86_64")]
    &x86::SSE2,
    #[cfg(not(target_arch = "x86_64"))]
    &SCALAR,
    #[cfg(all(target_arch = "x86_64", json_core_avx512))]
    &x86::AVX512BW,
    #[cfg(not(all(target_arch = "x86_64", json_core_avx512)))]
    &SCALAR,
    #[cfg(all(target_arch = "aarch64", target_endian = "little"))]
    &neon::NEON,
    #[cfg(not(all(target_arch = "aarch64", target_endian = "little")))]
    &SCALAR,
];

/// The operations of the kernel in use: an atomic load and a table lookup
/// (called once per string).
#[inline]
pub fn ops() -> &'static Ops {
    match TABLES.get(usize::from(SELECTED.load(Ordering::Relaxed))) {
        Some(ops) => ops,
        None => chosen_ops(),
    }
}

#[cold]
#[inline(never)]
fn chosen_ops() -> &'static Ops {
    TABLES[selected() as usize]
}
