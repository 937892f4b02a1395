//! The API gate: the CPython minors whose `binascii` API the Rust module
//! implements.  A tree of any other minor gets the layer but keeps the C
//! `binascii`, and says why: building 3.14's API into a later CPython would
//! be silently wrong (its Lib/base64.py calls what binascii added).
//!
//! To let a new minor through, implement its API in rust-support/binascii
//! first, then widen `RUST_API` (and drop its `ADDS` row).

/// Minors (3.x) whose binascii API the Rust module implements, both ends
/// included; 3.14's binascii API is 3.13's.
pub const RUST_API: (u32, u32) = (11, 14);

/// Minors that keep the C module: every one after `RUST_API`.
pub const C_MODULE: (u32, u32) = (RUST_API.1 + 1, u32::MAX);

/// What a later minor's binascii adds, for the minors known here; a minor
/// not listed gets a generic reason.  Plain text: it goes into configure.ac
/// (m4, shell double quotes, config.status's sed) and Makefile.pre.in
/// (make), so no brackets, double quotes, `$`, backslash, backquote, `#` or
/// `&` (the test below checks).
const ADDS: &[(u32, &str)] = &[(
    15,
    "3.15 adds a2b_/b2a_base32, _base85 and _ascii85, ten *_ALPHABET constants, \
     new base64 and hex arguments, and crc32/crc_hqx range warnings",
)];

/// Whether the Rust binascii implements CPython 3.`minor`'s API.
pub fn implements(minor: u32) -> bool {
    RUST_API.0 <= minor && minor <= RUST_API.1
}

/// The one line that configure, make and `apply` print for a gated minor;
/// `None` when the Rust module implements the minor's API.
pub fn notice(minor: u32) -> Option<String> {
    if implements(minor) {
        return None;
    }
    let reason = match ADDS.iter().find(|(m, _)| *m == minor) {
        Some((_, adds)) => adds.to_string(),
        None => format!("3.{minor} is newer than the layer's API gate knows"),
    };
    Some(format!(
        "binascii: the C module: the Rust binascii implements CPython 3.{}-3.{}'s API, \
         not 3.{minor}'s ({reason})",
        RUST_API.0, RUST_API.1
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rust_module_implements_311_to_314() {
        for minor in 11..=14 {
            assert!(implements(minor), "3.{minor}");
            assert_eq!(notice(minor), None, "3.{minor}");
        }
    }

    #[test]
    fn a_315_tree_keeps_the_c_module_and_says_what_315_adds() {
        assert!(!implements(15));
        let notice = notice(15).unwrap();
        assert!(notice.starts_with("binascii: the C module: "), "{notice}");
        assert!(notice.contains("3.11-3.14's API, not 3.15's"), "{notice}");
        assert!(notice.contains("(3.15 adds a2b_/b2a_base32"), "{notice}");
    }

    #[test]
    fn an_unknown_future_minor_is_gated_with_a_generic_reason() {
        let notice = notice(20).unwrap();
        assert!(notice.contains("not 3.20's"), "{notice}");
        assert!(
            notice.contains("newer than the layer's API gate knows"),
            "{notice}"
        );
    }

    #[test]
    fn the_gated_range_follows_the_implemented_one() {
        assert_eq!(C_MODULE.0, RUST_API.1 + 1);
        assert!(!implements(C_MODULE.0) && !implements(u32::MAX));
    }

    #[test]
    fn notices_are_one_line_of_plain_text() {
        for minor in [15, 16, 20, 99] {
            let notice = notice(minor).unwrap();
            let bad: Vec<char> = notice
                .chars()
                .filter(|c| "[]\"`$\\#&\n".contains(*c))
                .collect();
            assert!(bad.is_empty(), "3.{minor}: {bad:?} in {notice}");
        }
    }
}
