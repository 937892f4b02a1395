//! This repository's own tools (never copied into a client tree):
//! - `regen [--check]`: the generated files (cbindgen's header, the platform
//!   table's parts);
//! - `regen bindings [--check] BUILDDIR...`: the pre-generated CPython bindings;
//! - `cpython apply TREE`: the CPython glue.
//!
//! Run through the aliases of .cargo/config.toml: `cargo regen`, `cargo cpython`.

mod cbindgen_header;
mod cpython;
mod platform_pages;
mod platforms;
mod regen;
mod regen_bindings;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo regen [--check]           regenerate generated files (or fail if they are stale)
       cargo regen bindings [--check] BUILDDIR...
                                       the pre-generated CPython bindings, from configured trees
       cargo cpython apply TREE ...    apply the layer to a CPython source tree (--help)
";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let task = args.next();
    let rest: Vec<String> = args.collect();
    let result = match task.as_deref() {
        Some("regen") if rest.first().map(String::as_str) == Some("bindings") => {
            regen_bindings::run(&rest[1..])
        }
        Some("regen") => regen::run(&rest),
        Some("cpython") => cpython::run(&rest),
        Some("-h" | "--help") => {
            print!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown or missing task\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("tools: {message}");
            ExitCode::FAILURE
        }
    }
}
