//! The layer's files a client tree carries, and what copying them would do
//! to the files already there.

use std::fs;
use std::path::{Path, PathBuf};

/// Copied whole, relative to both roots (`xtask/` without its build output).
const LAYER_PATHS: [&str; 3] = ["configure-rust.m4", "Makefile.rust.in", "xtask"];
/// Cargo's configuration: a client gets it up to this line (the aliases
/// after it run this repository's own tools, which are not copied).
pub const CARGO_CONFIG: &str = ".cargo/config.toml";
const CARGO_CONFIG_CUT: &str = "# This repository's own tools";
/// Build output, never copied.
const SKIPPED_NAMES: [&str; 1] = ["target"];

/// One file of the layer and what copying it into the tree means.
pub struct Planned {
    pub path: PathBuf,
    pub content: Vec<u8>,
    pub action: Action,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Action {
    Add,
    Unchanged,
    /// Differs and `--force` was given.
    Replace,
    /// Differs: refused without `--force`.
    Conflict,
    /// The tree's `.cargo/config.toml` differs but already defines the
    /// `xtask` alias: it is the user's, and it is kept, `--force` or not.
    KeepOwn,
}

/// Every layer file, compared with the tree's copy.
pub fn plan(layer: &Path, tree: &Path, force: bool) -> Result<Vec<Planned>, String> {
    let mut files = Vec::new();
    for path in LAYER_PATHS {
        collect(layer, Path::new(path), &mut files)?;
    }
    let config = fs::read_to_string(layer.join(CARGO_CONFIG))
        .map_err(|e| missing(&layer.join(CARGO_CONFIG), &e))?;
    let client = config
        .split(CARGO_CONFIG_CUT)
        .next()
        .unwrap_or("")
        .trim_end();
    files.push((
        PathBuf::from(CARGO_CONFIG),
        format!("{client}\n").into_bytes(),
    ));

    Ok(files
        .into_iter()
        .map(|(path, content)| {
            let action = match fs::read(tree.join(&path)) {
                Err(_) => Action::Add,
                Ok(existing) if existing == content => Action::Unchanged,
                // The user's own config (even with --force): it runs the driver.
                Ok(existing) if path == Path::new(CARGO_CONFIG) && has_xtask_alias(&existing) => {
                    Action::KeepOwn
                }
                Ok(_) if force => Action::Replace,
                Ok(_) => Action::Conflict,
            };
            Planned {
                path,
                content,
                action,
            }
        })
        .collect())
}

/// Writes the files to add or replace.
pub fn write(tree: &Path, planned: &[Planned]) -> Result<(), String> {
    for file in planned {
        if !matches!(file.action, Action::Add | Action::Replace) {
            continue;
        }
        let to = tree.join(&file.path);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        fs::write(&to, &file.content).map_err(|e| format!("cannot write {}: {e}", to.display()))?;
    }
    Ok(())
}

/// A `[alias]` entry `xtask = ...` in a cargo config's text.
fn has_xtask_alias(config: &[u8]) -> bool {
    let text = String::from_utf8_lossy(config);
    let mut in_alias = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_alias = line == "[alias]";
        } else if in_alias && line.split('=').next().map(str::trim) == Some("xtask") {
            return true;
        }
    }
    text.lines()
        .any(|l| l.trim_start().starts_with("alias.xtask"))
}

fn collect(layer: &Path, rel: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) -> Result<(), String> {
    let from = layer.join(rel);
    let meta = fs::metadata(&from).map_err(|e| missing(&from, &e))?;
    if !meta.is_dir() {
        let content = fs::read(&from).map_err(|e| missing(&from, &e))?;
        out.push((rel.to_path_buf(), content));
        return Ok(());
    }
    let mut names: Vec<_> = fs::read_dir(&from)
        .map_err(|e| missing(&from, &e))?
        .filter_map(Result::ok)
        .map(|entry| entry.file_name())
        .filter(|name| !SKIPPED_NAMES.iter().any(|s| name == *s))
        .collect();
    names.sort();
    for name in names {
        collect(layer, &rel.join(name), out)?;
    }
    Ok(())
}

fn missing(path: &Path, error: &std::io::Error) -> String {
    format!(
        "init: cannot read the layer's file {} ({error})\n\
         fix: run `cargo xtask init DIR` from a complete checkout of the layer",
        path.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_xtask_alias_is_found_in_either_spelling() {
        assert!(has_xtask_alias(b"[alias]\nxtask = \"run -p xtask --\"\n"));
        assert!(has_xtask_alias(b"alias.xtask = \"run\"\n"));
        assert!(!has_xtask_alias(
            b"[alias]\nbuild-all = \"build\"\n[env]\nxtask = \"1\"\n"
        ));
    }

    #[test]
    fn differing_files_conflict_unless_forced() {
        let root = std::env::temp_dir().join(format!("xtask-init-files-{}", std::process::id()));
        let (layer, tree) = (root.join("layer"), root.join("tree"));
        for dir in [
            layer.join("xtask/src"),
            layer.join("xtask/target"),
            layer.join(".cargo"),
        ] {
            fs::create_dir_all(dir).unwrap();
        }
        fs::create_dir_all(tree.join(".cargo")).unwrap();
        fs::write(layer.join("configure-rust.m4"), "m4").unwrap();
        fs::write(layer.join("Makefile.rust.in"), "mk").unwrap();
        fs::write(layer.join("xtask/src/main.rs"), "fn main() {}").unwrap();
        fs::write(layer.join("xtask/target/junk"), "x").unwrap();
        fs::write(
            layer.join(CARGO_CONFIG),
            "[alias]\nxtask = \"r\"\n# This repository's own tools\nregen = \"r\"\n",
        )
        .unwrap();
        fs::write(tree.join("configure-rust.m4"), "old").unwrap();
        fs::write(tree.join("Makefile.rust.in"), "mk").unwrap();
        fs::write(tree.join(CARGO_CONFIG), "[alias]\nxtask = \"mine\"\n").unwrap();

        let action = |planned: &[Planned], path: &str| {
            planned
                .iter()
                .find(|p| p.path == Path::new(path))
                .map(|p| p.action)
        };
        let planned = plan(&layer, &tree, false).unwrap();
        assert_eq!(
            action(&planned, "configure-rust.m4"),
            Some(Action::Conflict)
        );
        assert_eq!(
            action(&planned, "Makefile.rust.in"),
            Some(Action::Unchanged)
        );
        assert_eq!(action(&planned, "xtask/src/main.rs"), Some(Action::Add));
        assert_eq!(
            action(&planned, "xtask/target/junk"),
            None,
            "build output is skipped"
        );
        assert_eq!(action(&planned, CARGO_CONFIG), Some(Action::KeepOwn));
        let forced = plan(&layer, &tree, true).unwrap();
        assert_eq!(action(&forced, "configure-rust.m4"), Some(Action::Replace));
        assert_eq!(action(&forced, CARGO_CONFIG), Some(Action::KeepOwn));
        write(&tree, &forced).unwrap();
        assert_eq!(
            fs::read_to_string(tree.join("configure-rust.m4")).unwrap(),
            "m4"
        );
        assert_eq!(
            fs::read_to_string(tree.join(CARGO_CONFIG)).unwrap(),
            "[alias]\nxtask = \"mine\"\n"
        );
        assert!(tree.join("xtask/src/main.rs").exists());
        fs::remove_dir_all(root).unwrap();
    }
}
