//! `cargo xtask vendor`: copies every crate of Cargo.lock into a directory
//! so the build works offline (make then passes `--frozen` and points cargo
//! at it).
//!
//! cargo vendors into a temporary directory beside the destination, which
//! then takes its place by renames: Ctrl-C leaves the old directory or
//! none, never a partial one (make would then build `--frozen` from it and
//! fail on a missing checksum file).  Crates that no build can compile are
//! left as stubs (`vendor_stubs`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::args::Args;
use crate::cargo_cmd::{self, cargo};
use crate::vendor_stubs;

pub fn run(args: &[String]) -> Result<(), String> {
    let args = Args::parse("vendor", args, &["manifest-path", "dir"])?;
    let manifest = args.required("manifest-path")?;
    let dest = PathBuf::from(args.required("dir")?);
    let (parent, name) = split(&dest)?;
    fs::create_dir_all(&parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    remove_leftovers(&parent, &name);
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));

    let mut cmd = Command::new(cargo());
    cmd.args([
        "vendor",
        "--locked",
        "--versioned-dirs",
        "--manifest-path",
        manifest,
    ])
    .args(&args.rest)
    .arg(&tmp)
    // cargo prints a config snippet for .cargo/config.toml; make passes
    // the same settings with --config, so the snippet is not needed.
    .stdout(Stdio::null());
    if args.flag("verbose") {
        println!("{}", cargo_cmd::show(&cmd));
    }
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run {}: {e}", cargo().display()))?;
    if !status.success() {
        let _ = fs::remove_dir_all(&tmp);
        return Err(format!(
            "cargo vendor into {} failed ({status}); the error is above\n\
             fix: vendoring downloads the crates: run it with network access to crates.io, \
             and with a Cargo.lock that matches the manifests",
            dest.display()
        ));
    }
    let stubs = vendor_stubs::stub_unbuildable(manifest, &tmp).map_err(|e| {
        let _ = fs::remove_dir_all(&tmp);
        e
    })?;
    replace(&tmp, &dest)?;
    let stubs = if stubs.is_empty() {
        String::new()
    } else {
        format!(
            " ({} that no build compiles as manifests only: {})",
            stubs.len(),
            stubs.join(", ")
        )
    };
    println!(
        "vendored the crates into {}{stubs}: builds now use them offline \
         (remove the directory to build online again)",
        dest.display()
    );
    Ok(())
}

/// The destination's directory and name.
fn split(dest: &Path) -> Result<(PathBuf, String), String> {
    let name = dest
        .file_name()
        .ok_or_else(|| format!("vendor: --dir {} names no directory", dest.display()))?;
    let parent = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Ok((parent.to_owned(), name.to_string_lossy().into_owned()))
}

/// What an interrupted run left beside the destination: its temporary
/// directory, or the old directory it was about to delete.
fn remove_leftovers(parent: &Path, name: &str) {
    let prefixes = [format!(".{name}.tmp-"), format!(".{name}.old-")];
    for entry in fs::read_dir(parent).into_iter().flatten().flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        if prefixes.iter().any(|p| file_name.starts_with(p.as_str())) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Puts the finished `new` where `dest` is: the old one is renamed aside
/// first (a directory cannot be renamed over a non-empty one), then deleted.
fn replace(new: &Path, dest: &Path) -> Result<(), String> {
    let (parent, name) = split(dest)?;
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let fail = |e: std::io::Error| {
        format!(
            "cannot move the vendored crates from {} to {}: {e}\n\
             fix: make sure {} is writable, then run `make rust-vendor` again",
            new.display(),
            dest.display(),
            parent.display()
        )
    };
    let had_old = dest.exists();
    if had_old {
        fs::rename(dest, &old).map_err(fail)?;
    }
    if let Err(e) = fs::rename(new, dest) {
        if had_old {
            let _ = fs::rename(&old, dest);
        }
        let _ = fs::remove_dir_all(new);
        return Err(fail(e));
    }
    if had_old {
        let _ = fs::remove_dir_all(&old);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_swaps_in_the_new_directory_and_drops_the_old() {
        let root = std::env::temp_dir().join(format!("xtask-vendor-{}", std::process::id()));
        let dest = root.join("rust-vendor");
        let new = root.join(".rust-vendor.tmp-1");
        fs::create_dir_all(dest.join("old-crate")).unwrap();
        fs::create_dir_all(new.join("new-crate")).unwrap();
        fs::create_dir_all(root.join(".rust-vendor.old-2")).unwrap();
        remove_leftovers(&root, "rust-vendor");
        assert!(!new.exists() && !root.join(".rust-vendor.old-2").exists());
        fs::create_dir_all(new.join("new-crate")).unwrap();
        replace(&new, &dest).unwrap();
        assert!(dest.join("new-crate").is_dir());
        assert!(!dest.join("old-crate").exists());
        let left: Vec<_> = fs::read_dir(&root).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "only the destination is left");
        fs::remove_dir_all(&root).unwrap();
    }
}
