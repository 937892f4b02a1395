//! The client's workspace manifest: written when the tree has none, read
//! for what it lacks when it has one (it is the user's: never rewritten).

use std::fs;
use std::path::Path;

/// The profile settings the layer recommends: (table, key, value, why).
const PROFILE: [(&str, &str, &str, &str); 4] = [
    (
        "profile.release",
        "panic",
        "\"abort\"",
        "a panic must never unwind into C, and the unwinding code stays out",
    ),
    (
        "profile.release",
        "codegen-units",
        "1",
        "one object per crate: smaller and faster code",
    ),
    (
        "profile.release",
        "lto",
        "true",
        "the archive holds only what the C code reaches (docs/reference.md, \"Size\")",
    ),
    (
        "profile.dev",
        "panic",
        "\"abort\"",
        "the same as release, so debug builds behave alike",
    ),
];

/// Directories never searched for crates: build output, vendored crates,
/// the driver itself.
const NOT_CRATES: [&str; 4] = ["target", "rust-vendor", "xtask", "node_modules"];
/// How deep crates are looked for (`rust-support/<crate>` is 2).
const CRATE_DEPTH: usize = 3;

/// The manifest init writes: the driver and MEMBERS (crate directories,
/// relative) as members, and the recommended profile, without
/// package-specific overrides (cargo warns about any that match nothing).
pub fn workspace_manifest(members: &[String]) -> String {
    let mut all = vec!["\"xtask\"".to_owned()];
    all.extend(members.iter().map(|m| format!("{m:?}")));
    let mut text = format!(
        "# The project's Rust workspace (written by `cargo xtask init`).\n\
         [workspace]\n\
         resolver = \"2\"\n\
         # xtask: the build driver make runs; add each new crate here.\n\
         members = [{}]\n",
        all.join(", ")
    );
    let mut table = "";
    for (t, key, value, why) in PROFILE {
        if t != table {
            text.push_str(&format!("\n[{t}]\n"));
            table = t;
        }
        text.push_str(&format!("# {why}\n{key} = {value}\n"));
    }
    text
}

/// Crate directories under TREE (a Cargo.toml with a `[package]`),
/// relative, sorted; a crate's own subdirectories are not searched.
pub fn find_crates(tree: &Path) -> Vec<String> {
    let mut found = Vec::new();
    search(tree, Path::new(""), 0, &mut found);
    found.sort();
    found
}

fn search(tree: &Path, rel: &Path, depth: usize, found: &mut Vec<String>) {
    if depth > 0 {
        if let Ok(text) = fs::read_to_string(tree.join(rel).join("Cargo.toml")) {
            if text.lines().any(|l| l.trim() == "[package]") {
                found.push(rel.to_string_lossy().into_owned());
            }
            return;
        }
    }
    if depth == CRATE_DEPTH {
        return;
    }
    let Ok(entries) = fs::read_dir(tree.join(rel)) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name_text = name.to_string_lossy();
        let skipped = name_text.starts_with('.') || NOT_CRATES.contains(&name_text.as_ref());
        if !skipped && entry.file_type().is_ok_and(|t| t.is_dir()) {
            search(tree, &rel.join(&name), depth + 1, found);
        }
    }
}

/// What an existing manifest's text lacks of the recommended profile: one
/// line each, saying what to add or change and why.
pub fn profile_advice(manifest: &str) -> Vec<String> {
    let mut advice = Vec::new();
    for (table, key, value, why) in PROFILE {
        match setting(manifest, table, key) {
            Some(v) if v == value => {}
            Some(v) => advice.push(format!(
                "[{table}] has {key} = {v}; the layer recommends {key} = {value}: {why}"
            )),
            None => advice.push(format!("[{table}]: add {key} = {value} ({why})")),
        }
    }
    advice
}

/// `[profile.P.package.SPEC]` tables whose SPEC names none of PACKAGES
/// (every package of the resolved workspace): cargo warns about each at
/// every build. One line each, with the fix.
pub fn stray_overrides(manifest: &str, packages: &[String]) -> Vec<String> {
    manifest
        .lines()
        .filter_map(|l| l.trim().strip_prefix("[profile.")?.strip_suffix(']'))
        .filter_map(|header| {
            let (profile, spec) = header.split_once(".package.")?;
            let name = spec.trim_matches('"');
            let name = name.split(['@', ':']).next().unwrap_or(name);
            let matched = name == "*" || packages.iter().any(|p| p == name);
            (!matched).then(|| {
                format!(
                    "[profile.{profile}.package.{spec}] names no package of this workspace \
                     or its dependencies (cargo warns about it at every build): remove it"
                )
            })
        })
        .collect()
}

/// The value text of KEY in TABLE (`[table]` headers and `key = value`
/// lines; comments dropped).
fn setting(manifest: &str, table: &str, key: &str) -> Option<String> {
    let mut current = String::new();
    for line in manifest.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = header.trim().to_owned();
        } else if let Some((k, v)) = line.split_once('=') {
            if current == table && k.trim() == key {
                return Some(v.trim().to_owned());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_manifest_has_the_driver_the_crates_and_the_whole_profile() {
        let text = workspace_manifest(&["rust-support/jq-rust".to_owned()]);
        assert!(text.contains("members = [\"xtask\", \"rust-support/jq-rust\"]\n"));
        assert!(profile_advice(&text).is_empty(), "{text}");
        assert!(!text.contains("profile.release.package"));
    }

    #[test]
    fn advice_names_what_is_missing_or_different() {
        let mine = "[workspace]\nmembers = [\"a\"]\n[profile.release]\npanic = \"unwind\" # mine\nlto = true\n";
        let advice = profile_advice(mine);
        assert_eq!(advice.len(), 3, "{advice:?}");
        assert!(advice[0].starts_with("[profile.release] has panic = \"unwind\";"));
        assert!(advice[1].starts_with("[profile.release]: add codegen-units = 1"));
        assert!(advice[2].starts_with("[profile.dev]: add panic = \"abort\""));
    }

    #[test]
    fn overrides_of_packages_that_are_not_there_are_named() {
        let manifest = "[profile.release.package.binascii]\nopt-level = \"s\"\n\
            [profile.release.package.\"serde@1.0.0\"]\n[profile.dev.package.\"*\"]\n";
        let stray = stray_overrides(manifest, &["serde".to_owned(), "xtask".to_owned()]);
        assert_eq!(stray.len(), 1, "{stray:?}");
        assert!(stray[0].starts_with("[profile.release.package.binascii] names no package"));
    }

    #[test]
    fn crates_are_found_but_not_inside_crates_or_build_output() {
        let tree = std::env::temp_dir().join(format!("xtask-init-crates-{}", std::process::id()));
        for dir in [
            "rust-support/a/sub",
            "src/b",
            "target/c",
            "xtask",
            ".hidden/d",
            "ws",
        ] {
            fs::create_dir_all(tree.join(dir)).unwrap();
        }
        let package = "[package]\nname = \"x\"\n";
        for dir in [
            "rust-support/a",
            "rust-support/a/sub",
            "src/b",
            "target/c",
            "xtask",
            ".hidden/d",
        ] {
            fs::write(tree.join(dir).join("Cargo.toml"), package).unwrap();
        }
        fs::write(tree.join("ws/Cargo.toml"), "[workspace]\n").unwrap();
        assert_eq!(find_crates(&tree), ["rust-support/a", "src/b"]);
        fs::remove_dir_all(tree).unwrap();
    }
}
