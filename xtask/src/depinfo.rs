//! Source dependencies for make: read cargo's dep-info files and the build
//! scripts' `rerun-if-changed` lines, write them as a make fragment.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The dependencies named by a cargo dep-info file (`target: dep dep ...`).
/// Cargo escapes a space in a path as `\ `.
pub fn parse_dep_info(text: &str) -> Vec<PathBuf> {
    let mut deps = Vec::new();
    for line in text.lines() {
        let words = split_escaped(line);
        // The first word ends with the `:` after the target.
        let mut words = words.into_iter().skip_while(|w| !w.ends_with(':'));
        if words.next().is_none() {
            continue;
        }
        deps.extend(words.map(PathBuf::from));
    }
    deps
}

/// Splits on unescaped spaces; `\ ` stays in the word as a space.
fn split_escaped(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&' ') => {
                word.push(' ');
                chars.next();
            }
            ' ' | '\t' => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            _ => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The `rerun-if-changed` paths of a build script's `output` file, relative
/// ones resolved against the package directory (as cargo does).
pub fn parse_rerun_if_changed(output: &str, package_dir: &Path) -> Vec<PathBuf> {
    output
        .lines()
        .filter_map(|line| {
            line.strip_prefix("cargo::rerun-if-changed=")
                .or_else(|| line.strip_prefix("cargo:rerun-if-changed="))
        })
        .map(|path| package_dir.join(path))
        .collect()
}

/// A path as a make target or prerequisite: spaces, `#` and `$` escaped.
pub fn make_escape(path: &Path) -> String {
    let mut escaped = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            ' ' => escaped.push_str("\\ "),
            '#' => escaped.push_str("\\#"),
            '$' => escaped.push_str("$$"),
            _ => escaped.push(c),
        }
    }
    escaped
}

/// The prefix of the variables that record, in the fragment, each setting
/// the build was made with (Makefile.rust.in's RUST_BUILD_SETTINGS): make
/// compares them with the current ones, rebuilds when one differs and names
/// it.
pub const BUILT_WITH_VAR: &str = "RUST_BUILT_WITH";

/// `stamp: archives... deps...`, then an empty rule for each of them (like
/// `gcc -MP`): a deleted source or archive makes the stamp out of date
/// instead of make's "No rule to make target", and a truncated archive is
/// newer than the stamp.  Last, `RUST_BUILT_WITH.<name> := value` for each
/// setting.
pub fn make_fragment(
    stamp: &str,
    archives: &[PathBuf],
    deps: &BTreeSet<PathBuf>,
    built_with: &[(&str, &str)],
) -> String {
    let mut text = format!(
        "# Written by `cargo xtask build`: what {stamp} stands for and depends on.\n{}:",
        make_escape(Path::new(stamp))
    );
    let prerequisites: Vec<String> = archives
        .iter()
        .chain(deps)
        .map(|p| make_escape(p))
        .collect();
    for prerequisite in &prerequisites {
        text.push_str(" \\\n  ");
        text.push_str(prerequisite);
    }
    text.push('\n');
    for prerequisite in &prerequisites {
        text.push_str(&format!("\n{prerequisite}:\n"));
    }
    text.push('\n');
    for (name, value) in built_with {
        text.push_str(&format!(
            "{BUILT_WITH_VAR}.{name} := {}\n",
            make_escape_value(value)
        ));
    }
    text
}

/// A value for `VAR := value`: `$` and `#` escaped, read back verbatim.
fn make_escape_value(value: &str) -> String {
    value.replace('$', "$$").replace('#', "\\#")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dep_info_with_escaped_spaces() {
        let text = "/t/lib a.a: /src/a\\ b/lib.rs /src/build.rs\n\n/t/x.a: /src/c.rs\n";
        assert_eq!(
            parse_dep_info(text),
            vec![
                PathBuf::from("/src/a b/lib.rs"),
                PathBuf::from("/src/build.rs"),
                PathBuf::from("/src/c.rs"),
            ]
        );
    }

    #[test]
    fn rerun_if_changed_both_syntaxes() {
        let output = "cargo:rustc-link-lib=z\ncargo:rerun-if-changed=wrapper.h\ncargo::rerun-if-changed=/abs/x.h\n";
        assert_eq!(
            parse_rerun_if_changed(output, Path::new("/pkg")),
            vec![PathBuf::from("/pkg/wrapper.h"), PathBuf::from("/abs/x.h")]
        );
    }

    #[test]
    fn escapes_for_make() {
        assert_eq!(make_escape(Path::new("/a b/c#d$e")), "/a\\ b/c\\#d$$e");
    }

    #[test]
    fn fragment_lists_archives_deps_empty_rules_and_inputs() {
        let deps: BTreeSet<PathBuf> = [PathBuf::from("/s/a b.rs")].into_iter().collect();
        let archives = [PathBuf::from("rust/libx.a")];
        let settings = [("rustflags", "-C a$b #c"), ("toolchain", "1.95.0 abc x")];
        let text = make_fragment("rust/build.stamp", &archives, &deps, &settings);
        assert!(
            text.contains("rust/build.stamp: \\\n  rust/libx.a \\\n  /s/a\\ b.rs\n"),
            "{text}"
        );
        assert!(text.contains("\nrust/libx.a:\n"), "{text}");
        assert!(text.contains("\n/s/a\\ b.rs:\n"), "{text}");
        assert!(
            text.ends_with(
                "\nRUST_BUILT_WITH.rustflags := -C a$$b \\#c\n\
                 RUST_BUILT_WITH.toolchain := 1.95.0 abc x\n"
            ),
            "{text}"
        );
    }
}
