//! Vector kernels for base64, hex and crc32, and the run-time choice of one.
//!
//! A kernel only does the easy part: whole blocks of clean input. Each
//! operation returns how far it got, and the exact scalar code in
//! `base64.rs`/`hex.rs` carries on from there, so padding, errors, and
//! anything unusual are handled by the rules that match CPython's C, at the
//! position where they occur. The scalar kernel does nothing (returns 0).
//!
//! The kernel is chosen once, from the CPU (the simd-core crate), or
//! forced with [`select`] (tests, and the module's
//! `_PYTHON_BINASCII_KERNEL` hook).

#[cfg(target_arch = "aarch64")]
mod neon;
#[cfg(all(target_arch = "aarch64", target_endian = "little"))]
mod pmull;
#[cfg(target_arch = "x86_64")]
mod x86;

use core::mem::MaybeUninit;
use core::sync::atomic::{AtomicU8, Ordering};

/// A set of kernels. Which ones exist depends on the target; which ones
/// run depends on the CPU.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Kernel {
    /// The portable code alone.
    Scalar = 0,
    /// x86_64 with SSSE3 (16-byte `pshufb`).
    Ssse3 = 1,
    /// x86_64 with AVX2.
    Avx2 = 2,
    /// x86_64 with AVX-512 F, BW, VBMI and VBMI2 (Ice Lake, Zen 4 and
    /// later); compiled only by a rustc that has them (1.89, `build.rs`).
    Avx512Vbmi = 3,
    /// aarch64 Advanced SIMD (always present on aarch64).
    Neon = 4,
}

impl Kernel {
    /// Every kernel, in the order of preference (worst first), each at the
    /// index of its number.
    pub const ALL: [Kernel; 5] = [
        Kernel::Scalar,
        Kernel::Ssse3,
        Kernel::Avx2,
        Kernel::Avx512Vbmi,
        Kernel::Neon,
    ];

    /// The name `select_by_name` and the hook take.
    pub fn name(self) -> &'static str {
        match self {
            Kernel::Scalar => "scalar",
            Kernel::Ssse3 => "ssse3",
            Kernel::Avx2 => "avx2",
            Kernel::Avx512Vbmi => "avx512vbmi",
            Kernel::Neon => "neon",
        }
    }

    pub fn from_name(name: &[u8]) -> Option<Kernel> {
        Kernel::ALL
            .into_iter()
            .find(|kernel| kernel.name().as_bytes() == name)
    }

    /// Compiled in for this target, and the running CPU has it. Out of
    /// line: one copy of the CPU checks for every caller.
    #[inline(never)]
    pub fn supported(self) -> bool {
        self.ops().is_some()
    }

    /// Why [`select`] refuses this kernel (it is not [`supported`]).
    ///
    /// [`supported`]: Kernel::supported
    pub fn lacking(self) -> &'static str {
        if cfg!(target_arch = "x86_64") && !self.compiled() && self == Kernel::Avx512Vbmi {
            "this build lacks it (its rustc is older than 1.89: build with a newer one)"
        } else {
            "this CPU or target lacks it"
        }
    }

    /// Part of this build (for the target; the CPU may still lack it).
    pub fn compiled(self) -> bool {
        match self {
            Kernel::Scalar => true,
            Kernel::Ssse3 | Kernel::Avx2 => cfg!(target_arch = "x86_64"),
            Kernel::Avx512Vbmi => cfg!(all(target_arch = "x86_64", binascii_avx512)),
            Kernel::Neon => cfg!(target_arch = "aarch64"),
        }
    }

    /// The operations of this kernel, if it runs here (public for the
    /// op-level tests and the fuzz target).
    pub fn ops(self) -> Option<&'static Ops> {
        match self {
            Kernel::Scalar => Some(&SCALAR),
            #[cfg(target_arch = "x86_64")]
            Kernel::Ssse3 if simd_core::has_ssse3() => Some(&x86::SSSE3),
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2 if simd_core::has_avx2() => Some(&x86::AVX2),
            #[cfg(all(target_arch = "x86_64", binascii_avx512))]
            Kernel::Avx512Vbmi if simd_core::has_avx512vbmi() => Some(&x86::AVX512VBMI),
            #[cfg(target_arch = "aarch64")]
            Kernel::Neon => Some(&neon::NEON),
            _ => None,
        }
    }

    /// How crc32 folds with this kernel on this CPU ("table": it does not),
    /// for tests and benchmarks.
    pub fn crc32_path(self) -> &'static str {
        if !self.supported() || self == Kernel::Scalar {
            return "table";
        }
        #[cfg(target_arch = "x86_64")]
        return x86::crc32_path(self);
        #[cfg(all(target_arch = "aarch64", target_endian = "little"))]
        return pmull::path();
        #[allow(unreachable_code)]
        "table"
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

/// The operations a kernel provides. Each takes input from a point where
/// the scalar code could start fresh (a quad boundary for base64) and
/// reports how much it consumed; it may stop anywhere before the end (the
/// scalar code finishes), and never reads or writes out of its slices. Past
/// the output it reports, it may leave scratch bytes in `dst` (a whole
/// register stored): the caller writes over them or drops them. `dst` is
/// an output buffer, uninitialized memory: a kernel never reads it, and
/// stores only initialized bytes into it (register contents), which
/// `Ops::compact_init` relies on. Only this crate builds an `Ops`
/// (`non_exhaustive`): its five tables.
#[non_exhaustive]
pub struct Ops {
    /// Encodes the first `n` bytes of `src` (n a multiple of 3) into
    /// `n / 3 * 4` base64 characters at the start of `dst`; returns n.
    /// `dst` has room for the whole of `src` encoded.
    pub encode: fn(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> usize,
    /// Decodes a prefix of `src` made only of alphabet characters
    /// (`A-Za-z0-9+/`), n bytes (a multiple of 4), into `n / 4 * 3` bytes
    /// at the start of `dst`; returns n. Stops before any other byte.
    /// `dst` has room for `src.len() / 4 * 3` bytes.
    pub decode: fn(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> usize,
    /// Non-strict decoding's filter: copies the alphabet characters of a
    /// prefix of `src` to `dst` in order, dropping every byte that is
    /// neither an alphabet character nor `=`; stops before any `=` (or
    /// earlier). Returns (bytes read, bytes written). `dst` has room for
    /// `src.len()` bytes.
    #[allow(clippy::type_complexity)]
    pub compact: fn(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> (usize, usize),
    /// Writes the lower-case hex digits of the first n bytes of `src` (2n
    /// bytes) to `dst`; returns n. `dst` has room for `2 * src.len()`.
    pub hexlify: fn(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> usize,
    /// Decodes a prefix of `src` made only of hex digit pairs (either case),
    /// n bytes (even), into n / 2 bytes of `dst`; returns n. Stops before
    /// any pair with a non-digit. `dst` has room for `src.len() / 2`.
    pub unhexlify: fn(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> usize,
    /// Non-strict decoding of lines of one length (base64.encodebytes' and
    /// MIME's 76 characters, PEM's 64): `src` starts with a line end, and
    /// one follows every `layout.line` characters. Decodes the alphabet characters of a prefix of `src`
    /// that keeps to that layout, holds only alphabet characters between
    /// the line ends, and ends on a quad of characters (not inside a line
    /// end), into `dst` (as `decode`, the line ends dropped); returns
    /// (bytes read, bytes written). Stops at the first place the layout
    /// breaks, or earlier. `dst` has room for `src.len() / 4 * 3` bytes.
    pub lines: LinesFn,
    /// Continues the CRC-32 `crc` (zlib's, as `binascii.crc32` takes and
    /// returns it) over the first n bytes of `data`; returns the CRC and n.
    /// Kernels take whole 16-byte blocks, where the CPU has a carry-less
    /// multiply (see x86/mod.rs, pmull.rs).
    pub crc32: fn(crc: u32, data: &[u8]) -> (u32, usize),
}

/// The layout `Ops::lines` decodes: lines of `line` characters, each
/// ended by a line end of `eol` bytes (1: LF, 2: CRLF).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lines {
    pub line: usize,
    pub eol: usize,
}

/// The signature of `Ops::lines`: (src, dst, layout) to (bytes read,
/// bytes written).
pub type LinesFn = fn(src: &[u8], dst: &mut [MaybeUninit<u8>], layout: Lines) -> (usize, usize);

static SCALAR: Ops = Ops {
    encode: |_, _| 0,
    decode: |_, _| 0,
    compact: |_, _| (0, 0),
    hexlify: |_, _| 0,
    unhexlify: |_, _| 0,
    lines: |_, _, _| (0, 0),
    crc32: |crc, _| (crc, 0),
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

/// The operations of the kernel in use. Out of line: one copy for every
/// caller (an atomic load and a table lookup against a kernel's work).
#[inline(never)]
pub fn ops() -> &'static Ops {
    selected().ops().unwrap_or(&SCALAR)
}

impl Ops {
    /// `compact` into a buffer the caller then reads (the non-strict base64
    /// decoder's, which decodes the kept characters).
    #[allow(unsafe_code)]
    #[inline]
    pub(crate) fn compact_init(&self, src: &[u8], dst: &mut [u8]) -> (usize, usize) {
        // SAFETY: `MaybeUninit<u8>` has the layout of `u8`, and the bytes
        // of `dst` stay initialized: `self` is one of this crate's tables
        // (`Ops` is `non_exhaustive`), whose kernels store only
        // initialized bytes (see `Ops`).
        let dst = unsafe { &mut *(dst as *mut [u8] as *mut [MaybeUninit<u8>]) };
        (self.compact)(src, dst)
    }
}
