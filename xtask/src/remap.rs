//! Reproducible archives: a `--remap-path-prefix` for every directory whose
//! path rustc would write into them (debug info's `DW_AT_comp_dir` and file
//! names, the file of every panic location, `file!()`), so the same sources
//! built in another directory, by another user or with another `CARGO_HOME`
//! make the same bytes.  docs/reference.md, "Reproducible builds".
//!
//! The names follow cargo's own `-Ztrim-paths` (RFC 3127): the workspace
//! becomes `.` (its members' files are already named relative to it), a
//! registry's or git's sources lose the directory they were unpacked in.

use std::path::{Path, PathBuf};

/// The directories whose paths a build can embed.
#[derive(Default)]
pub struct Roots {
    /// The workspace root (`cargo metadata`'s `workspace_root`): cargo runs
    /// rustc there, so it is the debug info's compilation directory.
    pub workspace: Option<PathBuf>,
    /// Where make runs the driver: the build directory, which holds cargo's
    /// target directory (generated sources such as `OUT_DIR/bindings.rs`).
    pub build_dir: PathBuf,
    /// `CARGO_TARGET_DIR`, when it lies outside both directories above.
    pub target_dir: Option<PathBuf>,
    /// `CARGO_HOME`: crates.io's and git's sources are unpacked there.
    pub cargo_home: Option<PathBuf>,
    /// Vendored sources (`source.<name>.directory` given with `--config`).
    pub vendor_dirs: Vec<PathBuf>,
}

impl Roots {
    /// The roots of this process's build: `CARGO_TARGET_DIR`, `CARGO_HOME`
    /// (else `$HOME/.cargo`) from the environment, the vendor directories
    /// from the `--config` arguments cargo gets.
    pub fn from_env(workspace: Option<PathBuf>, cargo_args: &[String]) -> Roots {
        let build_dir = std::env::current_dir().unwrap_or_default();
        let absolute = |p: PathBuf| build_dir.join(p);
        let cargo_home = std::env::var_os("CARGO_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
            .map(absolute);
        let target_dir = std::env::var_os("CARGO_TARGET_DIR")
            .filter(|v| !v.is_empty())
            .map(|v| absolute(PathBuf::from(v)));
        let vendor_dirs = vendor_dirs(cargo_args).into_iter().map(absolute).collect();
        Roots {
            workspace: workspace.map(absolute),
            build_dir,
            target_dir,
            cargo_home,
            vendor_dirs,
        }
    }
}

/// The `--remap-path-prefix=FROM=TO` flags for `roots`, most general
/// first: rustc applies the last one that matches, so a directory inside
/// another (the vendor directory in the source tree, the source tree in
/// the build directory) gets its own name.
pub fn flags(roots: &Roots) -> Vec<String> {
    let mut maps: Vec<(PathBuf, &str)> = Vec::new();
    let mut add = |dir: &Path, to: &'static str| {
        // Both the path as given and as the file system resolves it:
        // cargo names files by the first, the current directory is the second.
        let mut forms = vec![dir.to_path_buf()];
        forms.extend(dir.canonicalize().ok().filter(|c| c != dir));
        for from in forms {
            if !maps.iter().any(|(f, _)| *f == from) {
                maps.push((from, to));
            }
        }
    };
    if let Some(ws) = &roots.workspace {
        add(ws, ".");
    }
    add(&roots.build_dir, ".");
    if let Some(target) = &roots.target_dir {
        let inside = |dir: &Path| target.starts_with(dir);
        if !inside(&roots.build_dir) && !roots.workspace.as_deref().is_some_and(inside) {
            add(target, "target");
        }
    }
    if let Some(home) = &roots.cargo_home {
        add(&home.join("registry").join("src"), "");
        add(&home.join("git").join("checkouts"), "");
    }
    for dir in &roots.vendor_dirs {
        add(dir, "");
    }
    // Fewer components first; the sort is stable, so equal depths keep
    // the order above.
    maps.sort_by_key(|(from, _)| from.components().count());
    maps.iter()
        .filter_map(|(from, to)| Some(format!("--remap-path-prefix={}={to}", from.to_str()?)))
        .collect()
}

/// The directories of `source.<name>.directory="DIR"` among cargo's
/// `--config` arguments (make passes its vendor directory so).
fn vendor_dirs(cargo_args: &[String]) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    let mut args = cargo_args.iter();
    while let Some(arg) = args.next() {
        let value = match arg.strip_prefix("--config=") {
            Some(v) => Some(v),
            None if arg == "--config" => args.next().map(String::as_str),
            None => None,
        };
        let Some((key, dir)) = value.and_then(|v| v.split_once('=')) else {
            continue;
        };
        let key = key.trim();
        if key.starts_with("source.") && key.ends_with(".directory") {
            dirs.push(PathBuf::from(toml_string(dir.trim())));
        }
    }
    dirs
}

/// A TOML string's text: quotes removed, `\\` and `\"` unescaped in a
/// basic string.
fn toml_string(value: &str) -> String {
    if let Some(literal) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        return literal.to_owned();
    }
    match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(basic) => basic.replace("\\\"", "\"").replace("\\\\", "\\"),
        None => value.to_owned(),
    }
}

/// The flags for cargo's `CARGO_ENCODED_RUSTFLAGS` (one flag per field,
/// so paths with spaces stay whole): the remappings, then the user's
/// `RUSTFLAGS` split at whitespace as cargo splits them (a remapping of
/// the user's own comes later and so wins).
pub fn encoded_rustflags(remaps: &[String], user_flags: &str) -> String {
    remaps
        .iter()
        .map(String::as_str)
        .chain(user_flags.split_whitespace())
        .collect::<Vec<_>>()
        .join("\x1f")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roots(build: &str) -> Roots {
        Roots {
            build_dir: PathBuf::from(build),
            ..Roots::default()
        }
    }

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn every_root_is_mapped_and_the_deepest_comes_last() {
        let roots = Roots {
            workspace: Some(PathBuf::from("/nonexistent/src")),
            target_dir: Some(PathBuf::from("/nonexistent/out/target")),
            cargo_home: Some(PathBuf::from("/nonexistent/home/.cargo")),
            vendor_dirs: vec![PathBuf::from("/nonexistent/src/rust-vendor")],
            ..roots("/nonexistent/build")
        };
        assert_eq!(
            flags(&roots),
            [
                "--remap-path-prefix=/nonexistent/src=.",
                "--remap-path-prefix=/nonexistent/build=.",
                "--remap-path-prefix=/nonexistent/out/target=target",
                "--remap-path-prefix=/nonexistent/src/rust-vendor=",
                "--remap-path-prefix=/nonexistent/home/.cargo/registry/src=",
                "--remap-path-prefix=/nonexistent/home/.cargo/git/checkouts=",
            ]
        );
    }

    #[test]
    fn a_target_dir_inside_the_build_dir_needs_no_name_of_its_own() {
        let roots = Roots {
            workspace: Some(PathBuf::from("/nonexistent/b")),
            target_dir: Some(PathBuf::from("/nonexistent/b/rust/target")),
            ..roots("/nonexistent/b")
        };
        assert_eq!(flags(&roots), ["--remap-path-prefix=/nonexistent/b=."]);
    }

    #[test]
    fn the_vendor_directory_comes_from_cargos_config_arguments() {
        let args = strings(&[
            "--frozen",
            "--config",
            r#"source.crates-io.replace-with="vendored-sources""#,
            "--config",
            r#"source.vendored-sources.directory="/a b/rust-vendor""#,
            r"--config=source.other.directory='C:\v'",
        ]);
        assert_eq!(
            vendor_dirs(&args),
            [PathBuf::from("/a b/rust-vendor"), PathBuf::from(r"C:\v")]
        );
        assert!(vendor_dirs(&strings(&["--locked"])).is_empty());
    }

    #[test]
    fn encoded_flags_keep_paths_with_spaces_whole_and_the_users_flags_last() {
        let remaps = strings(&["--remap-path-prefix=/a b=."]);
        assert_eq!(
            encoded_rustflags(&remaps, " -C  opt-level=2 "),
            "--remap-path-prefix=/a b=.\x1f-C\x1fopt-level=2"
        );
        assert_eq!(encoded_rustflags(&[], ""), "");
    }
}
