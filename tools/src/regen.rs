//! `cargo regen [--check]`: rewrite the generated parts of the tree.
//!
//! From the platform table (`platforms.rs`), each between its file's
//! `BEGIN GENERATED`/`END GENERATED` lines:
//! - the `case $host` macro in `configure-rust.m4`;
//! - the table in `docs/platforms.md` (`platform_pages.rs`);
//! - the matrix of `.github/workflows/platforms.yml` (`platform_pages.rs`).
//!
//! And the cbindgen header (`cbindgen_header.rs`).
//!
//! With `--check` nothing is written: the task fails, naming each stale file,
//! when regenerating would change it.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use crate::platform_pages;
use crate::platforms::{Platform, NO_TARGET, PLATFORMS};

/// A generated part of a file: where it is, and what makes it.
pub struct Generated {
    /// Relative to the source root.
    pub file: &'static str,
    /// The part lives between lines starting with these.
    pub begin: &'static str,
    pub end: &'static str,
    pub make: fn(&[Platform]) -> String,
}

/// The file holding the generated m4 table, relative to the source root.
pub const M4_FILE: &str = "configure-rust.m4";

pub const GENERATED: &[Generated] = &[
    Generated {
        file: M4_FILE,
        begin: "dnl BEGIN GENERATED platform table",
        end: "dnl END GENERATED platform table",
        make: platform_macro,
    },
    Generated {
        file: "docs/platforms.md",
        begin: "<!-- BEGIN GENERATED platform table",
        end: "<!-- END GENERATED platform table",
        make: platform_pages::markdown_table,
    },
    Generated {
        file: ".github/workflows/platforms.yml",
        begin: "# BEGIN GENERATED platform matrix",
        end: "# END GENERATED platform matrix",
        make: platform_pages::workflow_matrix,
    },
    Generated {
        file: ".github/workflows/platforms.yml",
        begin: "# BEGIN GENERATED windows matrix",
        end: "# END GENERATED windows matrix",
        make: platform_pages::windows_matrix,
    },
    Generated {
        file: "msbuild/rust.targets",
        begin: "<!-- BEGIN GENERATED platform map",
        end: "<!-- END GENERATED platform map",
        make: platform_pages::msbuild_platform_map,
    },
];

pub fn run(args: &[String]) -> Result<(), String> {
    let check = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => return Err("usage: cargo regen [--check]".into()),
    };
    let root = source_root();
    let mut stale = Vec::new();
    for part in GENERATED {
        if let Err(e) = regen_part(&root, part, check) {
            stale.push(e);
        }
    }
    if !stale.is_empty() {
        return Err(stale.join("\n"));
    }
    crate::cbindgen_header::regen(check)
}

/// The source root: the tools live in `<root>/tools`.
pub fn source_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tools has a parent directory")
        .to_path_buf()
}

fn regen_part(root: &Path, part: &Generated, check: bool) -> Result<(), String> {
    let path = root.join(part.file);
    let old =
        fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let new = with_part(&old, part, &(part.make)(PLATFORMS))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    if old == new {
        return Ok(());
    }
    if check {
        return Err(format!(
            "{} is stale: its generated part differs from tools/src/platforms.rs; \
             run `cargo regen` and commit the result",
            path.display()
        ));
    }
    fs::write(&path, new).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    eprintln!("regen: regenerated the platform part of {}", path.display());
    Ok(())
}

/// `text` with the lines between the part's BEGIN and END markers replaced.
fn with_part(text: &str, part: &Generated, body: &str) -> Result<String, String> {
    let missing = |m: &str| format!("no line starting with `{m}`; restore the markers");
    let begin = line_start(text, part.begin).ok_or_else(|| missing(part.begin))?;
    let start = begin
        + text[begin..]
            .find('\n')
            .map_or(text.len() - begin, |n| n + 1);
    let end = line_start(&text[start..], part.end).ok_or_else(|| missing(part.end))? + start;
    Ok(format!("{}{body}{}", &text[..start], &text[end..]))
}

/// Byte offset of the first line of `text` that starts with `prefix`
/// (after indentation: YAML markers sit inside a block).
fn line_start(text: &str, prefix: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with(prefix) {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// The m4 macro `_RUST_HOST_TABLE(TRIPLE)`: a `case` on a GNU triple
/// setting `rust_table_target` (empty when no row matches).
pub fn platform_macro(rows: &[Platform]) -> String {
    let mut m4 = String::from(
        "# _RUST_HOST_TABLE(TRIPLE)\n\
         # ------------------------\n\
         # Set rust_table_target to the Rust triple of the GNU triple TRIPLE ($host,\n\
         # or what the C compiler builds for), to `none' when Rust has no target\n\
         # for its architecture, or to empty.\n\
         AC_DEFUN([_RUST_HOST_TABLE],\n\
         [case $1 in\n",
    );
    for p in rows {
        let pep11: Vec<String> = p
            .variants
            .iter()
            .filter_map(|v| Some(format!("{} ({})", v.pep11_tier?, v.compiler)))
            .collect();
        let pep11 = if pep11.is_empty() {
            "none".to_string()
        } else {
            pep11.join(", ")
        };
        let rust = if p.rust_target == NO_TARGET {
            "no Rust target".to_string()
        } else {
            format!("Rust tier: {}", p.rust_tier)
        };
        let debian = if p.debian.is_empty() {
            String::new()
        } else {
            format!("Debian: {}; ", p.debian.join(", "))
        };
        let _ = writeln!(
            m4,
            "  {}) rust_table_target={} ;; # {debian}PEP 11 tier: {}; {rust}",
            p.host_pattern, p.rust_target, pep11
        );
    }
    m4.push_str("  *) rust_table_target= ;;\nesac])\n");
    m4
}

#[cfg(test)]
mod tests {
    use super::*;

    const M4: &Generated = &GENERATED[0];

    #[test]
    fn committed_parts_are_current() {
        for part in GENERATED {
            regen_part(&source_root(), part, true).unwrap();
        }
    }

    #[test]
    fn replaces_only_between_markers() {
        let (b, e) = (M4.begin, M4.end);
        let text = format!("head\n{b} x\nold\n{e}\ntail\n");
        let out = with_part(&text, M4, "new\n").unwrap();
        assert_eq!(out, format!("head\n{b} x\nnew\n{e}\ntail\n"));
        let indented = format!("a:\n  {b}\n  old\n  {e}\n");
        let out = with_part(&indented, M4, "  new\n").unwrap();
        assert_eq!(out, format!("a:\n  {b}\n  new\n  {e}\n"));
    }

    #[test]
    fn missing_marker_is_an_error_naming_it() {
        let err = with_part("no markers\n", M4, "x\n").unwrap_err();
        assert!(err.contains(M4.begin), "{err}");
        let err = with_part(&format!("{}\n", M4.begin), M4, "x\n").unwrap_err();
        assert!(err.contains(M4.end), "{err}");
    }

    #[test]
    fn every_row_becomes_a_case_branch() {
        let m4 = platform_macro(PLATFORMS);
        for p in PLATFORMS {
            let branch = format!(
                "  {}) rust_table_target={} ;;",
                p.host_pattern, p.rust_target
            );
            assert!(m4.contains(&branch), "missing {branch}");
        }
        assert!(m4.ends_with("  *) rust_table_target= ;;\nesac])\n"));
    }

    /// A hand edit of any generated part fails `--check`, naming the file
    /// and the fix; regenerating repairs it.
    #[test]
    fn a_hand_edit_is_stale_and_regen_repairs_it() {
        let root = std::env::temp_dir().join(format!("tools-regen-{}", std::process::id()));
        for part in GENERATED {
            let copy = root.join(part.file);
            fs::create_dir_all(copy.parent().unwrap()).unwrap();
            let text = fs::read_to_string(source_root().join(part.file)).unwrap();
            let at = text.find(part.begin).unwrap();
            let edited = format!(
                "{}{}",
                &text[..at],
                text[at..].replacen("aarch64", "arm64", 1)
            );
            assert_ne!(text, edited, "{}", part.file);
            fs::write(&copy, edited).unwrap();
            let err = regen_part(&root, part, true).unwrap_err();
            assert!(
                err.contains(part.file) && err.contains("cargo regen"),
                "{err}"
            );
            regen_part(&root, part, false).unwrap();
            regen_part(&root, part, true).unwrap();
            assert_eq!(fs::read_to_string(&copy).unwrap(), text);
        }
        fs::remove_dir_all(&root).unwrap();
    }
}
