//! `cargo regen bindings [--check] BUILDDIR...`: the pre-generated CPython
//! bindings (rust-support/cpython-sys/bindings/), from configured CPython
//! trees with the layer applied.
//!
//! Each build dir's own make runs the Rust build once more with bindgen
//! (`RUST_FEATURES=bindgen`), so cross trees get their compiler's headers
//! exactly as their builds do; cpython-sys's build script then writes the
//! set for that tree's version and build (or, with `--check`, fails when
//! the stored set differs: the staleness test).  The build's own Rust
//! output is left alone: this build goes to `rust-bindgen/` and a shared
//! target dir, with the debug profile (the bindings do not depend on it).

use std::path::Path;
use std::process::Command;

const USAGE: &str = "usage: cargo regen bindings [--check] BUILDDIR...\n\
  BUILDDIR: a configured CPython build dir of a tree that `cargo cpython apply` changed";

pub fn run(args: &[String]) -> Result<(), String> {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return Ok(());
    }
    let check = args.iter().any(|a| a == "--check");
    let dirs: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if dirs.is_empty() {
        return Err(format!("regen bindings: no build dir given\n{USAGE}"));
    }
    let root = crate::cpython::layer_root();
    let sets = root.join("rust-support/cpython-sys/bindings");
    let target_dir = root.join("target/regen-bindings");
    for dir in dirs {
        let dir = Path::new(dir);
        if !dir.join("Makefile.rust").is_file() {
            return Err(format!(
                "regen bindings: {} has no Makefile.rust; fix: give the build dir of a CPython \
                 tree that `cargo cpython apply` changed, after running its configure",
                dir.display()
            ));
        }
        run_make(dir, &sets, &target_dir, check)?;
    }
    Ok(())
}

fn run_make(dir: &Path, sets: &Path, target_dir: &Path, check: bool) -> Result<(), String> {
    let mut make = Command::new("make");
    make.arg("-C")
        .arg(dir)
        .args([
            "rust-build",
            "RUST_FEATURES=bindgen",
            "RUST_LIBDIR=rust-bindgen",
        ])
        .arg(format!("RUST_TARGET_DIR={}", target_dir.display()))
        .env("CPYTHON_SYS_REGEN", if check { "check" } else { "write" })
        .env("CPYTHON_SYS_REGEN_DIR", sets);
    let status = make
        .status()
        .map_err(|e| format!("regen bindings: cannot run make: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "regen bindings: the bindgen build in {} failed ({status}); its errors are above",
            dir.display()
        ))
    }
}
