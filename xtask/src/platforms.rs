//! The platforms the layer knows: the single source of truth.
//!
//! `cargo xtask regen` turns this table into the `case $host` statement of
//! `configure-rust.m4`; the platform docs and the CI matrix are meant to be
//! generated from it too.  Hosts not listed here still work when `$host`
//! (or `$host` with the vendor `unknown`, or without a vendor) is a name in
//! `rustc --print target-list`, or when the user passes `RUST_TARGET`.

/// One platform: how autoconf names it and how Rust names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Platform {
    /// A shell `case` pattern matched against autoconf's canonical `$host`
    /// (as `config.sub` writes it, e.g. `x86_64-pc-linux-gnu`).  The first
    /// matching row wins, so specific patterns come before general ones.
    pub host_pattern: &'static str,
    /// The Rust target triple (`rustc --print target-list`).
    pub rust_target: &'static str,
    /// The PEP 11 tier (1-3); `None` for platforms PEP 11 does not list.
    pub pep11_tier: Option<u8>,
    /// The tier in Rust's platform-support page (1-3).
    pub rust_tier: u8,
}

const fn row(
    host_pattern: &'static str,
    rust_target: &'static str,
    pep11_tier: Option<u8>,
    rust_tier: u8,
) -> Platform {
    Platform {
        host_pattern,
        rust_target,
        pep11_tier,
        rust_tier,
    }
}

/// Ordered: the first row whose pattern matches `$host` gives the target.
pub const PLATFORMS: &[Platform] = &[
    // Linux, glibc.
    row("x86_64-*-linux-gnu", "x86_64-unknown-linux-gnu", Some(1), 1),
    row(
        "aarch64-*-linux-gnu",
        "aarch64-unknown-linux-gnu",
        Some(2),
        1,
    ),
    row("i?86-*-linux-gnu", "i686-unknown-linux-gnu", None, 1),
    row(
        "armv7*-*-linux-gnueabihf",
        "armv7-unknown-linux-gnueabihf",
        Some(3),
        2,
    ),
    row(
        "powerpc64le-*-linux-gnu",
        "powerpc64le-unknown-linux-gnu",
        Some(3),
        2,
    ),
    row("s390x-*-linux-gnu", "s390x-unknown-linux-gnu", Some(3), 2),
    row(
        "riscv64*-*-linux-gnu",
        "riscv64gc-unknown-linux-gnu",
        None,
        2,
    ),
    // Linux, musl.
    row("x86_64-*-linux-musl", "x86_64-unknown-linux-musl", None, 2),
    row(
        "aarch64-*-linux-musl",
        "aarch64-unknown-linux-musl",
        None,
        2,
    ),
    row("i?86-*-linux-musl", "i686-unknown-linux-musl", None, 2),
    row(
        "armv7*-*-linux-musleabihf",
        "armv7-unknown-linux-musleabihf",
        None,
        2,
    ),
    row(
        "powerpc64le-*-linux-musl",
        "powerpc64le-unknown-linux-musl",
        None,
        2,
    ),
    row(
        "riscv64*-*-linux-musl",
        "riscv64gc-unknown-linux-musl",
        None,
        2,
    ),
    // Android (config.sub writes e.g. aarch64-unknown-linux-android24).
    row(
        "aarch64-*-linux-android*",
        "aarch64-linux-android",
        Some(3),
        2,
    ),
    row(
        "x86_64-*-linux-android*",
        "x86_64-linux-android",
        Some(3),
        2,
    ),
    row(
        "arm*-*-linux-androideabi*",
        "armv7-linux-androideabi",
        None,
        2,
    ),
    row("i?86-*-linux-android*", "i686-linux-android", None, 2),
    // Apple: iOS simulators before devices, since `ios*` matches both.
    row(
        "aarch64-apple-ios*-simulator",
        "aarch64-apple-ios-sim",
        Some(3),
        2,
    ),
    row("x86_64-apple-ios*-simulator", "x86_64-apple-ios", None, 2),
    row("aarch64-apple-ios*", "aarch64-apple-ios", Some(3), 2),
    row("aarch64-apple-darwin*", "aarch64-apple-darwin", Some(1), 1),
    row("x86_64-apple-darwin*", "x86_64-apple-darwin", Some(1), 2),
    // Windows.  CPython's MSVC builds do not run configure; the rows keep
    // the table complete for the docs and CI matrix generated from it.
    row("x86_64-*-mingw*", "x86_64-pc-windows-gnu", None, 1),
    row("i?86-*-mingw*", "i686-pc-windows-gnu", None, 2),
    row("aarch64-*-mingw*", "aarch64-pc-windows-gnullvm", None, 2),
    row(
        "x86_64-*-windows-msvc*",
        "x86_64-pc-windows-msvc",
        Some(1),
        1,
    ),
    row("i?86-*-windows-msvc*", "i686-pc-windows-msvc", Some(1), 1),
    row(
        "aarch64-*-windows-msvc*",
        "aarch64-pc-windows-msvc",
        Some(3),
        1,
    ),
    // BSD.
    row("x86_64-*-freebsd*", "x86_64-unknown-freebsd", Some(3), 2),
    row("aarch64-*-freebsd*", "aarch64-unknown-freebsd", None, 3),
    row("i?86-*-freebsd*", "i686-unknown-freebsd", None, 2),
    // WebAssembly: wasip2 before the general wasi pattern.
    row("wasm32-*-wasip2*", "wasm32-wasip2", None, 2),
    row("wasm32-*-wasi*", "wasm32-wasip1", Some(2), 2),
    row(
        "wasm32-*-emscripten*",
        "wasm32-unknown-emscripten",
        Some(3),
        2,
    ),
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
            assert!((1..=3).contains(&p.rust_tier), "{p:?}");
            assert!(p.pep11_tier.map_or(true, |t| (1..=3).contains(&t)), "{p:?}");
        }
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
