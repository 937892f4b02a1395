//! `cargo xtask`: what make and configure need beyond shell.
//!
//! One module per task.  Arguments are parsed by hand: the build driver is
//! compiled during every fresh build of the host project, so it keeps few
//! dependencies.

mod args;
mod available;
mod bindgen_env;
mod build;
mod build_std;
mod cargo_cmd;
mod cargo_json;
mod check;
mod debian_std;
mod depinfo;
mod disk;
mod init;
mod libtool;
mod remap;
mod toolchain;
mod tree_lock;
mod vendor;
mod vendor_stubs;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <task> [args]

tasks:
  build            build the workspace's static libraries (called by make)
  build-std        build a target's standard library from rustc's rust-src (--target T [--out DIR])
  check            run the workspace crates' tests (make rust-check)
  init             add the layer to an autoconf project (DIR [--force]) and print its
                   configure.ac and Makefile lines
  rust-available   diagnose the Rust toolchain, with the fix for each problem
  vendor           vendor the crates for offline builds

This repository's own tools (regen, the CPython glue) are in tools/:
`cargo regen`, `cargo cpython apply` (never in a client tree).
";

fn main() -> ExitCode {
    if std::env::var_os(build_std::WRAPPER_ENV).is_some() {
        let args: Vec<String> = std::env::args().skip(1).collect();
        return build_std::wrap_rustc(&args);
    }
    let mut args = std::env::args().skip(1);
    let task = args.next();
    let rest: Vec<String> = args.collect();
    let result = match task.as_deref() {
        Some("build") => build::run(&rest),
        Some("build-std") => build_std::run(&rest),
        Some("check") => check::run(&rest),
        Some("init") => init::run(&rest),
        Some("rust-available") => available::run(&rest),
        Some("vendor") => vendor::run(&rest),
        Some("-h" | "--help") => {
            print!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown or missing task\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
