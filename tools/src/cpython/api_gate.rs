//! The API gate: the CPython minors whose API each Rust module implements
//! (its `api` in modules.rs).  A tree of any other minor gets the layer but
//! keeps that module's C version, and says why: building 3.14's API into a
//! later CPython would be silently wrong (its Lib/base64.py calls what
//! binascii added).  The other modules keep their Rust.
//!
//! To let a new minor through, implement its API in the module's crate
//! first, then widen its `api` (and drop its `adds` row).
//!
//! A notice is plain text: it goes into configure.ac (m4, shell double
//! quotes, config.status's sed) and Makefile.pre.in (make), so no brackets,
//! double quotes, `$`, backslash, backquote, `#` or `&` (the test below
//! checks).

use super::modules::RustModule;

/// Whether the Rust `module` implements CPython 3.`minor`'s API.
pub fn implements(module: &RustModule, minor: u32) -> bool {
    module.api.0 <= minor && minor <= module.api.1
}

/// The one line that configure, make and `apply` print for a gated module;
/// `None` when the Rust module implements the minor's API.
pub fn notice(module: &RustModule, minor: u32) -> Option<String> {
    if implements(module, minor) {
        return None;
    }
    let reason = match module.adds.iter().find(|(m, _)| *m == minor) {
        Some((_, adds)) => adds.to_string(),
        None => format!("3.{minor} is newer than the layer's API gate knows"),
    };
    let name = module.name;
    Some(format!(
        "{name}: the C module: the Rust {name} implements CPython 3.{}-3.{}'s API, \
         not 3.{minor}'s ({reason})",
        module.api.0, module.api.1
    ))
}

#[cfg(test)]
mod tests {
    use super::super::modules::{find, MODULES};
    use super::*;

    fn binascii() -> &'static RustModule {
        find("binascii").unwrap()
    }

    #[test]
    fn the_rust_modules_implement_311_to_314() {
        for module in MODULES {
            for minor in 11..=14 {
                assert!(implements(module, minor), "{} 3.{minor}", module.name);
                assert_eq!(notice(module, minor), None, "{} 3.{minor}", module.name);
            }
        }
    }

    #[test]
    fn a_315_tree_keeps_the_c_module_and_says_what_315_adds() {
        assert!(!implements(binascii(), 15));
        let notice = notice(binascii(), 15).unwrap();
        assert!(notice.starts_with("binascii: the C module: "), "{notice}");
        assert!(notice.contains("3.11-3.14's API, not 3.15's"), "{notice}");
        assert!(notice.contains("(3.15 adds a2b_/b2a_base32"), "{notice}");
    }

    #[test]
    fn each_module_names_itself() {
        let notice = notice(find("_json").unwrap(), 15).unwrap();
        assert!(
            notice.starts_with("_json: the C module: the Rust _json implements"),
            "{notice}"
        );
    }

    #[test]
    fn an_unknown_future_minor_is_gated_with_a_generic_reason() {
        let notice = notice(binascii(), 20).unwrap();
        assert!(notice.contains("not 3.20's"), "{notice}");
        assert!(
            notice.contains("newer than the layer's API gate knows"),
            "{notice}"
        );
    }

    #[test]
    fn notices_are_one_line_of_plain_text() {
        for module in MODULES {
            for minor in [15, 16, 20, 99] {
                let notice = notice(module, minor).unwrap();
                let bad: Vec<char> = notice
                    .chars()
                    .filter(|c| "[]\"`$\\#&\n".contains(*c))
                    .collect();
                assert!(bad.is_empty(), "3.{minor}: {bad:?} in {notice}");
            }
        }
    }
}
