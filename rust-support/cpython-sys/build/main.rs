//! Build script: bindings and cfgs from the CPython tree being built.
//!
//! The headers come from the configured tree (`CPYTHON_BUILDDIR` holds
//! `pyconfig.h`, `CPYTHON_SRCDIR` holds `Include/`), so debug, free-threaded
//! and release builds each get their own struct layouts.  Without those
//! variables, the headers of `python3` on PATH are used, so that
//! `cargo clippy --workspace` works outside a CPython build.

mod allowlist;
mod cfgs;
mod check_c;
mod derived;
mod generate;
mod headers;
mod layout;
mod regen;

fn main() {
    for var in [
        "CPYTHON_BUILDDIR",
        "CPYTHON_SRCDIR",
        "CPYTHON_SYS_BINDINGS",
        "PYTHON3",
    ] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    let headers = headers::locate().unwrap_or_else(|e| fail(&e));
    let config = cfgs::PythonConfig::read(&headers).unwrap_or_else(|e| fail(&e));
    config.emit();
    headers.emit_metadata();
    generate::bindings(&headers, &config).unwrap_or_else(|e| fail(&e));
}

fn fail(message: &str) -> ! {
    eprintln!("cpython-sys: {message}");
    std::process::exit(1);
}
