//! `cargo xtask regen [--check]`: rewrite the generated parts of the tree.
//!
//! - the `case $host` platform table in `configure-rust.m4`, from
//!   `platforms.rs` (between the `BEGIN GENERATED`/`END GENERATED` lines);
//! - the cbindgen header (`cbindgen_header.rs`), only with the `regen`
//!   feature (`cargo regen`): cbindgen is heavy, the m4 table is not.
//!
//! With `--check` nothing is written: the task fails, naming each stale file,
//! when regenerating would change it.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use crate::platforms::{Platform, PLATFORMS};

/// The file holding the generated table, relative to the source root.
pub const M4_FILE: &str = "configure-rust.m4";
const BEGIN: &str = "dnl BEGIN GENERATED platform table";
const END: &str = "dnl END GENERATED platform table";

pub fn run(args: &[String]) -> Result<(), String> {
    let check = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => return Err("usage: cargo xtask regen [--check]".into()),
    };
    regen_m4(&source_root().join(M4_FILE), check)?;
    if cfg!(feature = "regen") {
        crate::cbindgen_header::regen(check)
    } else {
        eprintln!(
            "xtask: skipped {} (needs cbindgen): run `cargo regen` to {} it too",
            crate::cbindgen_header::HEADER,
            if check { "check" } else { "regenerate" }
        );
        Ok(())
    }
}

/// The source root: xtask lives in `<root>/xtask`.
pub fn source_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask has a parent directory")
        .to_path_buf()
}

fn regen_m4(path: &Path, check: bool) -> Result<(), String> {
    let old =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let new = with_table(&old, &platform_macro(PLATFORMS))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    if old == new {
        return Ok(());
    }
    if check {
        return Err(format!(
            "{} is stale: its platform table differs from xtask/src/platforms.rs; \
             run `cargo xtask regen` and commit the result",
            path.display()
        ));
    }
    fs::write(path, new).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    eprintln!(
        "xtask: regenerated the platform table in {}",
        path.display()
    );
    Ok(())
}

/// `text` with the lines between the BEGIN and END markers replaced.
fn with_table(text: &str, table: &str) -> Result<String, String> {
    let missing = |m: &str| format!("no line starting with `{m}`; restore the markers");
    let begin = line_start(text, BEGIN).ok_or_else(|| missing(BEGIN))?;
    let body = begin
        + text[begin..]
            .find('\n')
            .map_or(text.len() - begin, |n| n + 1);
    let end = line_start(&text[body..], END).ok_or_else(|| missing(END))? + body;
    Ok(format!("{}{table}{}", &text[..body], &text[end..]))
}

/// Byte offset of the first line of `text` that starts with `prefix`.
fn line_start(text: &str, prefix: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with(prefix) {
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
         # or what the C compiler builds for), or to empty.\n\
         AC_DEFUN([_RUST_HOST_TABLE],\n\
         [case $1 in\n",
    );
    for p in rows {
        let pep11 = p
            .pep11_tier
            .map_or_else(|| "none".to_string(), |t| t.to_string());
        let _ = writeln!(
            m4,
            "  {}) rust_table_target={} ;; # PEP 11 tier: {}; Rust tier: {}",
            p.host_pattern, p.rust_target, pep11, p.rust_tier
        );
    }
    m4.push_str("  *) rust_table_target= ;;\nesac])\n");
    m4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_m4_is_current() {
        let path = source_root().join(M4_FILE);
        let text = fs::read_to_string(&path).unwrap();
        let fresh = with_table(&text, &platform_macro(PLATFORMS)).unwrap();
        assert!(
            text == fresh,
            "{} is stale: run `cargo xtask regen`",
            path.display()
        );
    }

    #[test]
    fn replaces_only_between_markers() {
        let text = format!("head\n{BEGIN} x\nold\n{END}\ntail\n");
        let out = with_table(&text, "new\n").unwrap();
        assert_eq!(out, format!("head\n{BEGIN} x\nnew\n{END}\ntail\n"));
    }

    #[test]
    fn missing_marker_is_an_error_naming_it() {
        let err = with_table("no markers\n", "x\n").unwrap_err();
        assert!(err.contains(BEGIN), "{err}");
        let err = with_table(&format!("{BEGIN}\n"), "x\n").unwrap_err();
        assert!(err.contains(END), "{err}");
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

    #[test]
    fn check_names_the_stale_file_and_the_fix() {
        let dir = std::env::temp_dir().join(format!("xtask-regen-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let file = dir.join(M4_FILE);
        fs::write(&file, format!("{BEGIN}\nstale\n{END}\n")).unwrap();
        let err = regen_m4(&file, true).unwrap_err();
        assert!(
            err.contains(M4_FILE) && err.contains("cargo xtask regen"),
            "{err}"
        );
        regen_m4(&file, false).unwrap();
        regen_m4(&file, true).unwrap();
        fs::remove_dir_all(&dir).unwrap();
    }
}
