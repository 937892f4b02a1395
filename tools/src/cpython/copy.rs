//! Copy the layer's files into a CPython tree, where they sit at the root.

use super::modules::MODULES;
use std::fs;
use std::path::Path;

/// Files and directories of the layer, relative to both roots.
const LAYER_PATHS: [&str; 7] = [
    "configure-rust.m4",
    "Makefile.rust.in",
    "Cargo.toml",
    "Cargo.lock",
    "xtask",
    "rust-support",
    "msbuild",
];

/// Build output that must never be copied.
const SKIPPED_NAMES: [&str; 2] = ["target", "__pycache__"];

/// Cargo's configuration: a client gets it up to this line (the aliases
/// after it run this repository's tools, which are not copied).
const CARGO_CONFIG: &str = ".cargo/config.toml";
const CARGO_CONFIG_CUT: &str = "# This repository's own tools";

pub fn layer_files(layer: &Path, tree: &Path) -> Result<(), String> {
    for path in LAYER_PATHS {
        copy_recursively(&layer.join(path), &tree.join(path))?;
    }
    let config = fs::read_to_string(layer.join(CARGO_CONFIG))
        .map_err(|e| format!("cpython apply: cannot read {CARGO_CONFIG}: {e}"))?;
    let client = config
        .split(CARGO_CONFIG_CUT)
        .next()
        .unwrap_or("")
        .trim_end();
    let to = tree.join(CARGO_CONFIG);
    copy_file(&layer.join(CARGO_CONFIG), &to)?;
    fs::write(&to, format!("{client}\n"))
        .map_err(|e| format!("cpython apply: cannot write {}: {e}", to.display()))?;
    // Each module's C entry point, next to the C module it replaces.
    for m in MODULES {
        let shim = Path::new(m.crate_dir).join(m.shim);
        copy_file(&layer.join(shim), &tree.join("Modules").join(m.shim))?;
    }
    Ok(())
}

fn copy_recursively(from: &Path, to: &Path) -> Result<(), String> {
    let meta = fs::metadata(from).map_err(|e| {
        format!(
            "cpython apply: the layer file {} is missing ({e}); run from a complete checkout",
            from.display()
        )
    })?;
    if !meta.is_dir() {
        return copy_file(from, to);
    }
    let entries = fs::read_dir(from).map_err(|e| format!("cannot list {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", from.display()))?;
        let name = entry.file_name();
        if SKIPPED_NAMES.iter().any(|s| name == *s) {
            continue;
        }
        copy_recursively(&entry.path(), &to.join(&name))?;
    }
    Ok(())
}

fn copy_file(from: &Path, to: &Path) -> Result<(), String> {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cpython apply: cannot create {}: {e}", parent.display()))?;
    }
    fs::copy(from, to).map(|_| ()).map_err(|e| {
        format!(
            "cpython apply: cannot copy {} to {}: {e}",
            from.display(),
            to.display()
        )
    })
}
