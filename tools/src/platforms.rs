//! The platforms the layer knows: the single source of truth.
//!
//! `cargo regen` turns this table into the `case $host` statement of
//! `configure-rust.m4`, the table of `docs/platforms.md` and the matrix of
//! `.github/workflows/platforms.yml` (`regen.rs`, `platform_pages.rs`).
//! Hosts not listed here still work when `$host` (or `$host` with the vendor
//! `unknown`, or without a vendor) is a name in `rustc --print target-list`,
//! or when the user passes `RUST_TARGET`.
//!
//! Tiers: PEP 11 as it stands for CPython 3.13; Rust's platform-support page
//! as of Rust 1.96.

/// One host mapping: how autoconf names the platform and how Rust does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Platform {
    /// A shell `case` pattern matched against autoconf's canonical `$host`
    /// (as `config.sub` writes it, e.g. `x86_64-pc-linux-gnu`).  The first
    /// matching row wins, so specific patterns come before general ones.
    pub host_pattern: &'static str,
    /// The Rust target triple (`rustc --print target-list`).
    pub rust_target: &'static str,
    /// The tier in Rust's platform-support page (1-3).
    pub rust_tier: u8,
    /// Whether Rust ships host tools (rustc, cargo) for the target.
    pub host_tools: bool,
    /// The platform's entries in PEP 11, one per compiler, or (beyond PEP
    /// 11) the one configuration this project covers; empty otherwise.
    pub variants: &'static [Variant],
    /// The Debian architectures (release and ports) whose GNU triple
    /// (`dpkg-architecture -a ARCH -qDEB_HOST_GNU_TYPE`, through
    /// `config.sub`) the pattern matches.
    pub debian: &'static [&'static str],
}

/// `rust_target` of an architecture Rust has no target for: configure
/// then says so and offers `--with-rust=no` alone (its tier is 0).
pub const NO_TARGET: &str = "none";

/// A platform with one compiler: a PEP 11 row, and how it is covered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Variant {
    /// PEP 11's name of the platform (the Rust target, beyond PEP 11).
    pub name: &'static str,
    /// The PEP 11 tier (1-3); `None` beyond PEP 11.
    pub pep11_tier: Option<u8>,
    /// The C compiler (and libc, where PEP 11 names one).
    pub compiler: &'static str,
    /// What runs on this machine (`ci/test.sh`).
    pub here: Here,
    /// The GitHub Actions runner label of `.github/workflows/platforms.yml`'s
    /// matrix entry, when the workflow covers the row.
    pub workflow: Option<&'static str>,
}

/// What the project's own test suite does for a platform, on this machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Here {
    /// CPython with the Rust module built and its tests run (how).
    CpythonTested(Runner),
    /// No Rust target, or Rust's code for it does not link (m68k): CPython
    /// built with the C module and its tests run (how), each stage's
    /// configure checked.
    CpythonWithoutRust(Runner),
    /// CPython built (with the Rust module where Rust has a target, and
    /// each stage's configure checked where not), but nothing here runs
    /// the architecture's programs (docs/cpython.md says why).
    CpythonBuilt,
    /// The fixture project cross-built and run (how).
    FixtureRun(Runner),
    /// The fixture project linked, its symbol table checked; not run.
    FixtureLinked,
    /// Nothing here.
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Runner {
    Native,
    Qemu,
    Wasmtime,
    Wine,
    /// 32-bit Windows programs: wine with wine32.
    Wine32,
}

const fn row(
    host_pattern: &'static str,
    rust_target: &'static str,
    rust_tier: u8,
    host_tools: bool,
    variants: &'static [Variant],
) -> Platform {
    Platform {
        host_pattern,
        rust_target,
        rust_tier,
        host_tools,
        variants,
        debian: &[],
    }
}

/// An architecture Rust has no target for.
const fn no_rust(host_pattern: &'static str, variants: &'static [Variant]) -> Platform {
    row(host_pattern, NO_TARGET, 0, false, variants)
}

impl Platform {
    /// The row with its Debian architecture names.
    const fn debian(self, debian: &'static [&'static str]) -> Platform {
        Platform { debian, ..self }
    }
}

/// A PEP 11 entry.
const fn pep11(
    name: &'static str,
    tier: u8,
    compiler: &'static str,
    here: Here,
    workflow: Option<&'static str>,
) -> Variant {
    Variant {
        name,
        pep11_tier: Some(tier),
        compiler,
        here,
        workflow,
    }
}

/// A configuration covered beyond PEP 11.
const fn extra(name: &'static str, compiler: &'static str, here: Here) -> Variant {
    Variant {
        name,
        pep11_tier: None,
        compiler,
        here,
        workflow: None,
    }
}

use Here::{CpythonTested, CpythonWithoutRust, FixtureRun};
use Runner::{Native, Qemu, Wasmtime, Wine, Wine32};

/// Ordered: the first row whose pattern matches `$host` gives the target.
pub const PLATFORMS: &[Platform] = &[
    // Linux, glibc.
    row(
        "x86_64-*-linux-gnu",
        "x86_64-unknown-linux-gnu",
        1,
        true,
        &[
            pep11(
                "x86_64-unknown-linux-gnu",
                1,
                "glibc, gcc",
                CpythonTested(Native),
                None,
            ),
            pep11(
                "x86_64-unknown-linux-gnu",
                2,
                "glibc, clang",
                CpythonTested(Native),
                None,
            ),
        ],
    )
    .debian(&["amd64"]),
    row(
        "aarch64-*-linux-gnu",
        "aarch64-unknown-linux-gnu",
        1,
        true,
        &[
            pep11(
                "aarch64-unknown-linux-gnu",
                2,
                "glibc, gcc",
                CpythonTested(Qemu),
                Some("ubuntu-24.04-arm"),
            ),
            pep11(
                "aarch64-unknown-linux-gnu",
                2,
                "glibc, clang",
                CpythonTested(Qemu),
                None,
            ),
        ],
    )
    .debian(&["arm64"]),
    row(
        "i?86-*-linux-gnu",
        "i686-unknown-linux-gnu",
        1,
        true,
        &[extra(
            "i686-unknown-linux-gnu",
            "glibc, gcc",
            CpythonTested(Qemu),
        )],
    )
    .debian(&["i386"]),
    // Debian's armhf (arm-linux-gnueabihf) is ARMv7: PEP 11's armv7l.  (Not
    // so for musl: Alpine's armhf is ARMv6, its armv7 is armv7-*.)
    row(
        "arm*-*-linux-gnueabihf",
        "armv7-unknown-linux-gnueabihf",
        2,
        true,
        &[pep11(
            "armv7l-unknown-linux-gnueabihf",
            3,
            "glibc, gcc",
            CpythonTested(Qemu),
            None,
        )],
    )
    .debian(&["armhf"]),
    row(
        "powerpc64le-*-linux-gnu",
        "powerpc64le-unknown-linux-gnu",
        2,
        true,
        &[pep11(
            "powerpc64le-unknown-linux-gnu",
            3,
            "glibc, gcc",
            CpythonTested(Qemu),
            None,
        )],
    )
    .debian(&["ppc64el"]),
    row(
        "s390x-*-linux-gnu",
        "s390x-unknown-linux-gnu",
        2,
        true,
        &[pep11(
            "s390x-unknown-linux-gnu",
            3,
            "glibc, gcc",
            CpythonTested(Qemu),
            None,
        )],
    )
    .debian(&["s390x"]),
    row(
        "riscv64*-*-linux-gnu",
        "riscv64gc-unknown-linux-gnu",
        2,
        true,
        &[extra(
            "riscv64gc-unknown-linux-gnu",
            "glibc, gcc",
            CpythonTested(Qemu),
        )],
    )
    .debian(&["riscv64"]),
    // Debian's armel is ARMv5TE (config.guess says armv5tel on one); Rust's
    // arm-unknown-linux-gnueabi is ARMv6.
    row(
        "arm-*-linux-gnueabi",
        "armv5te-unknown-linux-gnueabi",
        2,
        false,
        &[extra(
            "armv5te-unknown-linux-gnueabi",
            "glibc, gcc",
            CpythonTested(Qemu),
        )],
    )
    .debian(&["armel"]),
    row(
        "armv5*-*-linux-gnueabi",
        "armv5te-unknown-linux-gnueabi",
        2,
        false,
        &[],
    ),
    row(
        "mips64el-*-linux-gnuabi64",
        "mips64el-unknown-linux-gnuabi64",
        3,
        false,
        &[extra(
            "mips64el-unknown-linux-gnuabi64",
            "glibc, gcc",
            CpythonTested(Qemu),
        )],
    )
    .debian(&["mips64el"]),
    row(
        "mipsel-*-linux-gnu",
        "mipsel-unknown-linux-gnu",
        3,
        false,
        &[],
    )
    .debian(&["mipsel"]),
    row(
        "x86_64-*-linux-gnux32",
        "x86_64-unknown-linux-gnux32",
        2,
        false,
        &[extra(
            "x86_64-unknown-linux-gnux32",
            "glibc, gcc",
            Here::CpythonBuilt,
        )],
    )
    .debian(&["x32"]),
    row(
        "sparc64-*-linux-gnu",
        "sparc64-unknown-linux-gnu",
        2,
        false,
        &[extra(
            "sparc64-unknown-linux-gnu",
            "glibc, gcc",
            CpythonTested(Qemu),
        )],
    )
    .debian(&["sparc64"]),
    row(
        "powerpc-*-linux-gnu",
        "powerpc-unknown-linux-gnu",
        2,
        true,
        &[extra(
            "powerpc-unknown-linux-gnu",
            "glibc, gcc",
            CpythonTested(Qemu),
        )],
    )
    .debian(&["powerpc"]),
    row(
        "powerpc64-*-linux-gnu",
        "powerpc64-unknown-linux-gnu",
        2,
        true,
        &[extra(
            "powerpc64-unknown-linux-gnu",
            "glibc, gcc",
            CpythonTested(Qemu),
        )],
    )
    .debian(&["ppc64"]),
    // Its std builds, but rustc's code for it does not link (LLVM's M68k
    // backend: R_68K_PC16 overflows): configure says so, and CPython builds
    // the C module in every stage, as where Rust has no target. Built, not
    // run: CPython itself segfaults at startup under qemu-m68k.
    row(
        "m68k-*-linux-gnu",
        "m68k-unknown-linux-gnu",
        3,
        false,
        &[extra(
            "m68k-unknown-linux-gnu",
            "glibc, gcc",
            Here::CpythonBuilt,
        )],
    )
    .debian(&["m68k"]),
    row(
        "loongarch64-*-linux-gnu",
        "loongarch64-unknown-linux-gnu",
        2,
        true,
        &[],
    )
    .debian(&["loong64"]),
    // Linux, musl.
    row(
        "x86_64-*-linux-musl",
        "x86_64-unknown-linux-musl",
        2,
        true,
        &[extra(
            "x86_64-unknown-linux-musl",
            "musl, musl-gcc",
            CpythonTested(Native),
        )],
    ),
    row(
        "aarch64-*-linux-musl",
        "aarch64-unknown-linux-musl",
        2,
        true,
        &[extra(
            "aarch64-unknown-linux-musl",
            "musl, aarch64-linux-musl-gcc",
            CpythonTested(Qemu),
        )],
    ),
    row(
        "i?86-*-linux-musl",
        "i686-unknown-linux-musl",
        2,
        false,
        &[],
    ),
    row(
        "armv7*-*-linux-musleabihf",
        "armv7-unknown-linux-musleabihf",
        2,
        false,
        &[],
    ),
    row(
        "powerpc64le-*-linux-musl",
        "powerpc64le-unknown-linux-musl",
        2,
        true,
        &[],
    ),
    row(
        "riscv64*-*-linux-musl",
        "riscv64gc-unknown-linux-musl",
        2,
        true,
        &[],
    ),
    // Android (config.sub writes e.g. aarch64-unknown-linux-android24).
    row(
        "aarch64-*-linux-android*",
        "aarch64-linux-android",
        2,
        false,
        &[pep11(
            "aarch64-linux-android",
            3,
            "clang, Android NDK",
            Here::None,
            None,
        )],
    ),
    row(
        "x86_64-*-linux-android*",
        "x86_64-linux-android",
        2,
        false,
        &[pep11(
            "x86_64-linux-android",
            3,
            "clang, Android NDK",
            Here::None,
            None,
        )],
    ),
    row(
        "arm*-*-linux-androideabi*",
        "armv7-linux-androideabi",
        2,
        false,
        &[],
    ),
    row("i?86-*-linux-android*", "i686-linux-android", 2, false, &[]),
    // Apple: iOS simulators before devices, since `ios*` matches both.
    row(
        "aarch64-apple-ios*-simulator",
        "aarch64-apple-ios-sim",
        2,
        false,
        &[pep11(
            "arm64-apple-ios-simulator",
            3,
            "clang, Xcode",
            Here::None,
            None,
        )],
    ),
    row(
        "x86_64-apple-ios*-simulator",
        "x86_64-apple-ios",
        2,
        false,
        &[],
    ),
    row(
        "aarch64-apple-ios*",
        "aarch64-apple-ios",
        2,
        false,
        &[pep11(
            "arm64-apple-ios",
            3,
            "clang, Xcode",
            Here::None,
            None,
        )],
    ),
    row(
        "aarch64-apple-darwin*",
        "aarch64-apple-darwin",
        1,
        true,
        &[pep11(
            "aarch64-apple-darwin",
            1,
            "clang",
            Here::FixtureLinked,
            Some("macos-14"),
        )],
    ),
    row(
        "x86_64-apple-darwin*",
        "x86_64-apple-darwin",
        2,
        true,
        &[pep11(
            "x86_64-apple-darwin",
            1,
            "BSD libc, clang",
            Here::FixtureLinked,
            Some("macos-13"),
        )],
    ),
    // Windows.  CPython's MSVC builds do not run configure (PCbuild); the
    // rows keep the table complete for the docs and the CI matrix.
    row(
        "x86_64-*-mingw*",
        "x86_64-pc-windows-gnu",
        1,
        true,
        &[extra(
            "x86_64-pc-windows-gnu",
            "mingw-w64 gcc",
            FixtureRun(Wine),
        )],
    ),
    row(
        "i?86-*-mingw*",
        "i686-pc-windows-gnu",
        2,
        true,
        &[extra(
            "i686-pc-windows-gnu",
            "mingw-w64 gcc",
            FixtureRun(Wine32),
        )],
    ),
    row(
        "aarch64-*-mingw*",
        "aarch64-pc-windows-gnullvm",
        2,
        true,
        &[],
    ),
    row(
        "x86_64-*-windows-msvc*",
        "x86_64-pc-windows-msvc",
        1,
        true,
        &[pep11(
            "x86_64-pc-windows-msvc",
            1,
            "MSVC",
            Here::None,
            Some("windows-2022"),
        )],
    ),
    row(
        "i?86-*-windows-msvc*",
        "i686-pc-windows-msvc",
        1,
        true,
        &[pep11(
            "i686-pc-windows-msvc",
            1,
            "MSVC",
            Here::None,
            Some("windows-2022"),
        )],
    ),
    row(
        "aarch64-*-windows-msvc*",
        "aarch64-pc-windows-msvc",
        1,
        true,
        &[pep11(
            "aarch64-pc-windows-msvc",
            3,
            "MSVC",
            Here::None,
            // Cross-built on x64: the actionlint of the tests does not know
            // GitHub's arm64 Windows label (windows-11-arm).
            Some("windows-2022"),
        )],
    ),
    // BSD.
    row(
        "x86_64-*-freebsd*",
        "x86_64-unknown-freebsd",
        2,
        true,
        &[pep11(
            "x86_64-unknown-freebsd",
            3,
            "BSD libc, clang",
            Here::FixtureLinked,
            None,
        )],
    ),
    row(
        "aarch64-*-freebsd*",
        "aarch64-unknown-freebsd",
        3,
        false,
        &[],
    ),
    row("i?86-*-freebsd*", "i686-unknown-freebsd", 2, false, &[]),
    // GNU/Hurd (config.sub writes i686-pc-gnu; `*-gnu` would also match
    // kFreeBSD's x86_64-pc-kfreebsd-gnu).
    row("i?86-pc-gnu*", "i686-unknown-hurd-gnu", 3, false, &[]).debian(&["hurd-i386"]),
    row("x86_64-pc-gnu*", "x86_64-unknown-hurd-gnu", 3, false, &[]).debian(&["hurd-amd64"]),
    // WebAssembly: wasip2 before the general wasi pattern.
    row("wasm32-*-wasip2*", "wasm32-wasip2", 2, false, &[]),
    row(
        "wasm32-*-wasi*",
        "wasm32-wasip1",
        2,
        false,
        &[pep11(
            "wasm32-unknown-wasip1",
            2,
            "WASI SDK, wasmtime",
            CpythonTested(Wasmtime),
            None,
        )],
    ),
    // PEP 11 dropped Emscripten for 3.13 (PEP 776 brings it back in 3.14).
    row(
        "wasm32-*-emscripten*",
        "wasm32-unknown-emscripten",
        2,
        false,
        &[],
    ),
    // Architectures Rust has no target for (Rust 1.96), whatever the OS.
    // configure asks rustc's target list first; these rows speak when no
    // rustc is installed (installing one would not help).
    no_rust(
        "alpha*-*-*",
        &[extra(
            "alpha-linux-gnu",
            "glibc, gcc",
            CpythonWithoutRust(Qemu),
        )],
    )
    .debian(&["alpha"]),
    no_rust(
        "hppa*-*-*",
        &[extra(
            "hppa-linux-gnu",
            "glibc, gcc",
            CpythonWithoutRust(Qemu),
        )],
    )
    .debian(&["hppa"]),
    no_rust("ia64-*-*", &[]).debian(&["ia64"]),
    no_rust(
        "sh*-*-*",
        &[extra("sh4-linux-gnu", "glibc, gcc", Here::CpythonBuilt)],
    )
    .debian(&["sh4"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Patterns go verbatim into m4 and a shell `case`: m4 quotes (`[]`),
    /// shell quotes and `)` would break the generated code.
    #[test]
    fn patterns_and_triples_are_plain() {
        let plain = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.*?".contains(c))
        };
        for p in PLATFORMS {
            assert!(plain(p.host_pattern), "bad pattern in {p:?}");
            assert!(
                plain(p.rust_target) && !p.rust_target.contains(['*', '?']),
                "bad triple in {p:?}"
            );
        }
    }

    #[test]
    fn tiers_are_in_range() {
        for p in PLATFORMS {
            let tiers = if p.rust_target == NO_TARGET {
                0..=0
            } else {
                1..=3
            };
            assert!(tiers.contains(&p.rust_tier), "{p:?}");
            for v in p.variants {
                assert!(v.pep11_tier.map_or(true, |t| (1..=3).contains(&t)), "{v:?}");
            }
        }
    }

    /// The first row whose pattern matches `host`, as configure's `case`.
    fn target_of(host: &str) -> Option<&'static str> {
        PLATFORMS
            .iter()
            .find(|p| glob(p.host_pattern.as_bytes(), host.as_bytes()))
            .map(|p| p.rust_target)
    }

    /// Shell `case` matching, for the patterns' `*` and `?`.
    fn glob(pattern: &[u8], text: &[u8]) -> bool {
        match (pattern.first(), text.first()) {
            (None, _) => text.is_empty(),
            (Some(b'*'), _) => (0..=text.len()).any(|i| glob(&pattern[1..], &text[i..])),
            (Some(_), None) => false,
            (Some(&p), Some(&t)) => (p == b'?' || p == t) && glob(&pattern[1..], &text[1..]),
        }
    }

    #[test]
    fn config_sub_hosts_map_to_their_targets() {
        for (host, target) in [
            ("x86_64-pc-linux-gnu", "x86_64-unknown-linux-gnu"),
            ("aarch64-unknown-linux-gnu", "aarch64-unknown-linux-gnu"),
            // Debian's armhf, and the Raspberry Pi's uname
            (
                "arm-unknown-linux-gnueabihf",
                "armv7-unknown-linux-gnueabihf",
            ),
            (
                "armv7l-unknown-linux-gnueabihf",
                "armv7-unknown-linux-gnueabihf",
            ),
            ("i686-pc-linux-gnu", "i686-unknown-linux-gnu"),
            (
                "powerpc64le-unknown-linux-gnu",
                "powerpc64le-unknown-linux-gnu",
            ),
            ("s390x-ibm-linux-gnu", "s390x-unknown-linux-gnu"),
            ("aarch64-unknown-linux-android24", "aarch64-linux-android"),
            ("aarch64-apple-ios17.0-simulator", "aarch64-apple-ios-sim"),
            ("aarch64-apple-ios17.0", "aarch64-apple-ios"),
            ("aarch64-apple-darwin23.1.0", "aarch64-apple-darwin"),
            ("wasm32-unknown-wasip1", "wasm32-wasip1"),
            ("wasm32-unknown-wasip2", "wasm32-wasip2"),
            ("x86_64-w64-mingw32", "x86_64-pc-windows-gnu"),
            ("i686-w64-mingw32", "i686-pc-windows-gnu"),
            ("x86_64-pc-linux-musl", "x86_64-unknown-linux-musl"),
            (
                "armv5tel-unknown-linux-gnueabi",
                "armv5te-unknown-linux-gnueabi",
            ),
            ("x86_64-pc-linux-gnux32", "x86_64-unknown-linux-gnux32"),
            ("hppa2.0-unknown-linux-gnu", NO_TARGET),
            ("sh4a-unknown-linux-gnu", NO_TARGET),
            ("x86_64-unknown-freebsd14.0", "x86_64-unknown-freebsd"),
            ("x86_64-apple-darwin23.1.0", "x86_64-apple-darwin"),
        ] {
            assert_eq!(target_of(host), Some(target), "{host}");
        }
        assert_eq!(target_of("mips-unknown-linux-gnu"), None);
        assert_eq!(target_of("x86_64-pc-kfreebsd-gnu"), None);
    }

    /// Debian's architectures, release (12 and 13) and ports, with the GNU
    /// triple `config.sub` makes of `dpkg-architecture -qDEB_HOST_GNU_TYPE`
    /// and the Rust target: each is one row's, and that row maps it.
    const DEBIAN: &[(&str, &str, &str)] = &[
        ("amd64", "x86_64-pc-linux-gnu", "x86_64-unknown-linux-gnu"),
        (
            "arm64",
            "aarch64-unknown-linux-gnu",
            "aarch64-unknown-linux-gnu",
        ),
        (
            "armel",
            "arm-unknown-linux-gnueabi",
            "armv5te-unknown-linux-gnueabi",
        ),
        (
            "armhf",
            "arm-unknown-linux-gnueabihf",
            "armv7-unknown-linux-gnueabihf",
        ),
        ("i386", "i686-pc-linux-gnu", "i686-unknown-linux-gnu"),
        (
            "mips64el",
            "mips64el-unknown-linux-gnuabi64",
            "mips64el-unknown-linux-gnuabi64",
        ),
        (
            "mipsel",
            "mipsel-unknown-linux-gnu",
            "mipsel-unknown-linux-gnu",
        ),
        (
            "ppc64el",
            "powerpc64le-unknown-linux-gnu",
            "powerpc64le-unknown-linux-gnu",
        ),
        (
            "riscv64",
            "riscv64-unknown-linux-gnu",
            "riscv64gc-unknown-linux-gnu",
        ),
        ("s390x", "s390x-ibm-linux-gnu", "s390x-unknown-linux-gnu"),
        ("alpha", "alpha-unknown-linux-gnu", NO_TARGET),
        ("hppa", "hppa-unknown-linux-gnu", NO_TARGET),
        ("hurd-amd64", "x86_64-pc-gnu", "x86_64-unknown-hurd-gnu"),
        ("hurd-i386", "i686-pc-gnu", "i686-unknown-hurd-gnu"),
        ("ia64", "ia64-unknown-linux-gnu", NO_TARGET),
        (
            "loong64",
            "loongarch64-unknown-linux-gnu",
            "loongarch64-unknown-linux-gnu",
        ),
        ("m68k", "m68k-unknown-linux-gnu", "m68k-unknown-linux-gnu"),
        (
            "powerpc",
            "powerpc-unknown-linux-gnu",
            "powerpc-unknown-linux-gnu",
        ),
        (
            "ppc64",
            "powerpc64-unknown-linux-gnu",
            "powerpc64-unknown-linux-gnu",
        ),
        ("sh4", "sh4-unknown-linux-gnu", NO_TARGET),
        (
            "sparc64",
            "sparc64-unknown-linux-gnu",
            "sparc64-unknown-linux-gnu",
        ),
        (
            "x32",
            "x86_64-pc-linux-gnux32",
            "x86_64-unknown-linux-gnux32",
        ),
    ];

    #[test]
    fn every_debian_architecture_is_named_once_and_mapped() {
        let named: Vec<_> = PLATFORMS.iter().flat_map(|p| p.debian).collect();
        assert_eq!(named.len(), DEBIAN.len(), "{named:?}");
        for (arch, host, target) in DEBIAN {
            let rows: Vec<_> = PLATFORMS
                .iter()
                .filter(|p| p.debian.contains(arch))
                .collect();
            assert_eq!(rows.len(), 1, "{arch}");
            assert!(
                glob(rows[0].host_pattern.as_bytes(), host.as_bytes()),
                "{arch}"
            );
            assert_eq!(target_of(host), Some(*target), "{arch}: {host}");
        }
    }

    #[test]
    fn every_pep11_platform_of_cpython_3_13_is_a_row() {
        let names: Vec<_> = PLATFORMS
            .iter()
            .flat_map(|p| p.variants.iter())
            .filter_map(|v| Some((v.name, v.pep11_tier?)))
            .collect();
        assert_eq!(names.len(), 18, "{names:?}");
        assert_eq!(names.iter().filter(|(_, t)| *t == 1).count(), 5);
        assert_eq!(names.iter().filter(|(_, t)| *t == 2).count(), 4);
    }

    #[test]
    fn no_pattern_is_listed_twice() {
        for (i, a) in PLATFORMS.iter().enumerate() {
            for b in &PLATFORMS[i + 1..] {
                assert_ne!(a.host_pattern, b.host_pattern);
            }
        }
    }
}
