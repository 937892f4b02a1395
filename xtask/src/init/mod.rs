//! `cargo xtask init DIR [--force] [-- <cargo args>]`: adds the layer to an
//! autoconf project's source tree.
//!
//! Copies the layer's files (refusing, without `--force`, to replace one
//! that differs), writes a workspace Cargo.toml when the tree has none
//! (an existing one is the user's: init says what it lacks), brings
//! Cargo.lock up to date with the driver's crates, and prints the
//! configure.ac and Makefile lines for this tree.

mod files;
mod manifest;
mod snippets;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::args::Args;
use crate::cargo_cmd::cargo;
use crate::cargo_json::{self, Package};
use files::Action;

const USAGE: &str = "usage: cargo xtask init DIR [--force] [-- <cargo args, e.g. --offline>]";

pub fn run(args: &[String]) -> Result<(), String> {
    let (dir, rest) = match args.split_first() {
        Some((dir, rest)) if !dir.starts_with("--") => (dir, rest),
        _ => return Err(format!("init: which tree? {USAGE}")),
    };
    let args = Args::parse("init", rest, &[])?;
    if let Some(flag) = rest
        .iter()
        .take_while(|a| *a != "--")
        .find(|a| *a != "--force")
    {
        return Err(format!("init: unknown option `{flag}`; {USAGE}"));
    }
    let tree = fs::canonicalize(dir).map_err(|e| {
        format!("init: {dir} is not a directory ({e})\nfix: name the project's source root")
    })?;
    let layer = layer_root()?;
    if tree == layer {
        return Err(format!(
            "init: {} is the layer's own checkout\nfix: name the project's source root",
            tree.display()
        ));
    }
    let configure = read_configure(&tree)?;

    let planned = files::plan(&layer, &tree, args.flag("force"))?;
    refuse_conflicts(&tree, &planned)?;
    files::write(&tree, &planned)?;
    println!("cargo xtask init: the Rust layer in {}", tree.display());
    report_files(&planned);

    let manifest_path = tree.join("Cargo.toml");
    let own_manifest = manifest_path.exists();
    if !own_manifest {
        let crates = manifest::find_crates(&tree);
        fs::write(&manifest_path, manifest::workspace_manifest(&crates))
            .map_err(|e| format!("init: cannot write {}: {e}", manifest_path.display()))?;
        println!(
            "  Cargo.toml: written (members: xtask{})",
            list(&crates, ", ")
        );
    }
    let all_packages = lock(&tree, &manifest_path, &args.rest)?;
    let manifest_arg = manifest_path.to_string_lossy();
    let packages = cargo_json::workspace_packages(&manifest_arg, &args.rest)?;

    let archives: Vec<String> = packages
        .iter()
        .flat_map(|p| p.staticlibs.iter().cloned())
        .collect();
    for package in packages.iter().filter(|p| !p.staticlibs.is_empty()) {
        for name in &package.staticlibs {
            println!(
                "  archive: rust/lib{name}.a{} (crate {}: its lib name, `-` as `_`)",
                if snippets_use_libtool(&configure.1) {
                    " and .la"
                } else {
                    ""
                },
                package.name
            );
        }
    }
    let crate_dirs = crate_dirs(&tree, &packages);
    let min_rust = cargo_json::highest_rust_version(&packages).unwrap_or_else(|| "1.74".into());
    let makefile_am = fs::read_to_string(tree.join("Makefile.am")).ok();
    let makefile_in = fs::read_to_string(tree.join("Makefile.in")).ok();
    print!(
        "{}",
        snippets::all(&snippets::Client {
            configure: (&configure.0, &configure.1),
            makefile_am: makefile_am.as_deref(),
            makefile_in: makefile_in.as_deref(),
            archives: &archives,
            crate_dirs: &crate_dirs,
            min_rust: &min_rust,
        })
    );

    if own_manifest {
        let text = fs::read_to_string(&manifest_path).unwrap_or_default();
        let mut advice = manifest::stray_overrides(&text, &all_packages);
        advice.extend(manifest::profile_advice(&text));
        if !advice.is_empty() {
            println!("\nCargo.toml (yours, kept), its profile:");
            for line in advice {
                println!("    {line}");
            }
        }
    }
    println!(
        "\nThen: autoreconf -fi && ./configure && make; commit Cargo.lock (builds use --locked)."
    );
    if !packages.iter().any(|p| p.name == "xtask") {
        return Err(format!(
            "init: the driver is not a member of the workspace {}: make cannot build it\n\
             fix: add \"xtask\" to [workspace] members there (a package's Cargo.toml takes \
             `[workspace]` with `members = [\"xtask\"]`), then run `cargo xtask init {dir}` \
             again, which also adds its crates to Cargo.lock",
            manifest_path.display()
        ));
    }
    Ok(())
}

/// The layer checkout this driver was built from (xtask/'s parent).
fn layer_root() -> Result<PathBuf, String> {
    let xtask = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask
        .parent()
        .and_then(|p| fs::canonicalize(p).ok())
        .ok_or_else(|| {
            format!(
                "init: the layer checkout this driver was built from ({}) is gone\n\
                 fix: run `cargo xtask init DIR` in a checkout of the layer",
                xtask.display()
            )
        })
}

/// configure.ac (or the old configure.in): its name and text.
fn read_configure(tree: &Path) -> Result<(String, String), String> {
    for name in ["configure.ac", "configure.in"] {
        if let Ok(text) = fs::read_to_string(tree.join(name)) {
            return Ok((name.to_owned(), text));
        }
    }
    Err(format!(
        "init: {} has no configure.ac: the layer adds Rust to autoconf projects\n\
         fix: name the project's source root (where configure.ac is), or write its configure.ac first",
        tree.display()
    ))
}

fn refuse_conflicts(tree: &Path, planned: &[files::Planned]) -> Result<(), String> {
    let conflicts: Vec<String> = planned
        .iter()
        .filter(|p| p.action == Action::Conflict)
        .map(|p| format!("  {}", p.path.display()))
        .collect();
    if conflicts.is_empty() {
        return Ok(());
    }
    Err(format!(
        "init: these files in {} differ from the layer's, so nothing was written:\n{}\n\
         fix: if they are an older copy of the layer, run again with --force to replace them; \
         if they are your own (an xtask of your own, your own cargo config), move them aside: \
         the layer needs these paths ({} takes a cargo config that defines the `xtask` alias as it is)",
        tree.display(),
        conflicts.join("\n"),
        files::CARGO_CONFIG
    ))
}

/// One line per top-level path and action: `xtask/: added (16 files)`.
fn report_files(planned: &[files::Planned]) {
    let mut lines: Vec<(String, &str, usize)> = Vec::new();
    for file in planned {
        let top = if file.path.starts_with("xtask") {
            "xtask/".to_owned()
        } else {
            file.path.display().to_string()
        };
        let action = match file.action {
            Action::Add => "added",
            Action::Unchanged => "unchanged",
            Action::Replace => "replaced",
            Action::KeepOwn => "kept (yours: it defines the xtask alias)",
            Action::Conflict => "conflict",
        };
        match lines.iter_mut().find(|(t, a, _)| *t == top && *a == action) {
            Some(line) => line.2 += 1,
            None => lines.push((top, action, 1)),
        }
    }
    for (top, action, count) in lines {
        let files = if top.ends_with('/') {
            format!(" ({count} file{})", if count == 1 { "" } else { "s" })
        } else {
            String::new()
        };
        println!("  {top}: {action}{files}");
    }
}

/// Resolves the workspace into Cargo.lock (the driver's crates added, the
/// rest kept: `cargo metadata` without `--locked` changes only what is
/// missing), says what changed, and returns every package's name.
fn lock(tree: &Path, manifest: &Path, cargo_args: &[String]) -> Result<Vec<String>, String> {
    let lock = tree.join("Cargo.lock");
    let before = fs::read(&lock).ok();
    let out = Command::new(cargo())
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(manifest)
        .args(cargo_args)
        .output()
        .map_err(|e| format!("init: cannot run {}: {e}", cargo().display()))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!(
            "init: cargo cannot resolve the workspace {} into Cargo.lock:\n{}\n\
             fix: correct the manifest error above; for a network error, run where crates.io \
             is reachable once, or pass `-- --offline` when cargo's cache holds the crates",
            manifest.display(),
            stderr.trim()
        ));
    }
    for warning in stderr.lines().filter(|l| l.starts_with("warning:")) {
        println!("  cargo {warning}");
    }
    let state = match (before, fs::read(&lock).ok()) {
        (None, Some(_)) => "written",
        (Some(a), Some(b)) if a != b => "updated (the driver's crates added)",
        _ => "unchanged",
    };
    println!("  Cargo.lock: {state}");
    let metadata: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("init: `cargo metadata`: {e}"))?;
    Ok(metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["name"].as_str().map(str::to_owned))
        .collect())
}

fn crate_dirs(tree: &Path, packages: &[Package]) -> Vec<String> {
    packages
        .iter()
        .filter(|p| p.name != "xtask")
        .filter_map(|p| p.manifest_path.parent()?.strip_prefix(tree).ok())
        .map(|dir| dir.to_string_lossy().into_owned())
        .filter(|dir| !dir.is_empty())
        .collect()
}

fn snippets_use_libtool(configure: &str) -> bool {
    ["LT_INIT", "AC_PROG_LIBTOOL", "AM_PROG_LIBTOOL"]
        .iter()
        .any(|m| configure.contains(m))
}

fn list(items: &[String], sep: &str) -> String {
    items.iter().map(|i| format!("{sep}{i}")).collect()
}
