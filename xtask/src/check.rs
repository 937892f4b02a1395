//! `cargo xtask check`: runs the workspace crates' tests (`make rust-check`).
//!
//! Tests run only when the target is the build machine's own: a cross
//! build's test binaries cannot run here.

use std::path::Path;
use std::process::Command;

use crate::args::Args;
use crate::build::RUSTFLAGS_VAR;
use crate::cargo_cmd::{self, cargo};
use crate::toolchain;
use crate::tree_lock;

pub fn run(args: &[String]) -> Result<(), String> {
    let args = Args::parse(
        "check",
        args,
        &["manifest-path", "target", "profile", "features", "lock"],
    )?;
    let manifest = args.required("manifest-path")?;
    let target = args.required("target")?;
    // `make` and `make check` at once: the tests wait for the build's
    // driver, which copies the archives cargo test may rewrite.
    let _lock = match args.optional("lock") {
        Some(path) => Some(tree_lock::lock(Path::new(path))?),
        None => None,
    };
    let host = toolchain::rustc_info()?.host;
    if target != host {
        println!("rust-check: skipped: the crates are built for {target}, and their tests run only on {target} (this machine is {host})");
        return Ok(());
    }
    let mut cmd = Command::new(cargo());
    cmd.args(["test", "--manifest-path", manifest, "--target", target])
        .args(["--workspace", "--exclude", "xtask"]);
    if args.required("profile")? == "release" {
        cmd.arg("--release");
    }
    if let Some(features) = args.optional("features") {
        cmd.args(["--features", features]);
    }
    cmd.args(&args.rest);
    cmd.env_remove("CARGO_ENCODED_RUSTFLAGS");
    if let Ok(flags) = std::env::var(RUSTFLAGS_VAR) {
        cmd.env("RUSTFLAGS", flags);
    }
    if args.flag("verbose") {
        println!("{}", cargo_cmd::show(&cmd));
    }
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run {}: {e}", cargo().display()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "the Rust crates' tests failed ({status}); the failures are above\n\
             fix: correct the failing tests, then run `make rust-check` again"
        ))
    }
}
