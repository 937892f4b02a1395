//! `$OUT_DIR/bindings.rs`: from bindgen, or a pre-generated file.

use crate::cfgs::PythonConfig;
use crate::headers::Headers;
use std::path::PathBuf;

pub fn bindings(headers: &Headers, config: &PythonConfig) -> Result<(), String> {
    let out =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("bindings.rs");
    // A later step can ship bindings generated elsewhere (no libclang needed).
    if let Some(file) = std::env::var_os("CPYTHON_SYS_BINDINGS").filter(|v| !v.is_empty()) {
        println!("cargo:rerun-if-changed={}", PathBuf::from(&file).display());
        std::fs::copy(&file, &out)
            .map(drop)
            .map_err(|e| format!("cannot copy CPYTHON_SYS_BINDINGS: {e}"))
    } else {
        run_bindgen(headers, config, out)
    }
}

#[cfg(not(feature = "bindgen"))]
fn run_bindgen(_: &Headers, _: &PythonConfig, _: PathBuf) -> Result<(), String> {
    Err("the `bindgen` feature is off: set CPYTHON_SYS_BINDINGS to a bindings file".into())
}

#[cfg(feature = "bindgen")]
fn run_bindgen(headers: &Headers, config: &PythonConfig, out: PathBuf) -> Result<(), String> {
    use crate::allowlist;

    let wrapper = concat!(env!("CARGO_MANIFEST_DIR"), "/wrapper.h");
    println!("cargo:rerun-if-changed={wrapper}");
    let target = std::env::var("TARGET").expect("cargo sets TARGET");
    let mut builder = bindgen::Builder::default()
        .header(wrapper)
        .clang_arg(format!("--target={}", clang_target(&target)))
        .clang_args(
            headers
                .include_dirs
                .iter()
                .map(|d| format!("-I{}", d.display())),
        )
        // Emits rerun-if-changed for every header read.
        .parse_callbacks(Box::new(bindgen::CargoCallbacks::new()))
        .rust_target(bindgen::RustTarget::stable(74, 0).map_err(|e| e.to_string())?)
        .use_core()
        .ctypes_prefix("::core::ffi")
        .layout_tests(false)
        .generate_comments(false)
        .derive_debug(false)
        .derive_copy(true)
        .merge_extern_blocks(true)
        .prepend_enum_name(false);
    for name in allowlist::functions(config) {
        builder = builder.allowlist_function(name);
    }
    for name in allowlist::TYPES {
        builder = builder.allowlist_type(name);
    }
    for name in allowlist::VARS {
        builder = builder.allowlist_var(name);
    }
    let bindings = builder
        .generate()
        .map_err(|e| format!("bindgen failed on {wrapper}: {e}"))?;
    bindings
        .write_to_file(&out)
        .map_err(|e| format!("cannot write {}: {e}", out.display()))
}

/// clang spells a few Rust targets differently (libclang before 18 knows
/// WASI preview 1 as plain `wasi`).
#[cfg(feature = "bindgen")]
fn clang_target(rust_target: &str) -> String {
    let (arch, rest) = rust_target.split_once('-').unwrap_or((rust_target, ""));
    let arch = match arch {
        a if a.starts_with("riscv64") => "riscv64",
        a if a.starts_with("riscv32") => "riscv32",
        "aarch64" if rest.starts_with("apple") => "arm64",
        a => a,
    };
    let rest = if rest == "wasip1" { "wasi" } else { rest };
    if rest.is_empty() {
        arch.to_string()
    } else {
        format!("{arch}-{rest}")
    }
}
