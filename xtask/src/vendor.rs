//! `cargo xtask vendor`: copies every crate of Cargo.lock into a directory
//! so the build works offline (make then passes `--frozen` and points cargo
//! at it).

use std::process::{Command, Stdio};

use crate::args::Args;
use crate::cargo_cmd::{self, cargo};

pub fn run(args: &[String]) -> Result<(), String> {
    let args = Args::parse("vendor", args, &["manifest-path", "dir"])?;
    let manifest = args.required("manifest-path")?;
    let dir = args.required("dir")?;
    let mut cmd = Command::new(cargo());
    cmd.args([
        "vendor",
        "--locked",
        "--versioned-dirs",
        "--manifest-path",
        manifest,
    ])
    .args(&args.rest)
    .arg(dir)
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
        return Err(format!(
            "cargo vendor into {dir} failed ({status}); the error is above\n\
             fix: vendoring downloads the crates: run it with network access to crates.io, \
             and with a Cargo.lock that matches the manifests"
        ));
    }
    println!("vendored the crates into {dir}: builds now use them offline (remove the directory to build online again)");
    Ok(())
}
