//! `$OUT_DIR/bindings.rs` and its checks.
//!
//! The bindings come from one of three places, in this order:
//! 1. `CPYTHON_SYS_BINDINGS=<file.rs>` (with `<file>.layout` beside it);
//! 2. bindgen, when the `bindgen` feature is on (needs libclang);
//! 3. the pre-generated set for this CPython in `bindings/` (no libclang).
//!
//! Whichever it is, the layouts it records are asserted by Rust against the
//! bindings and by the target's C compiler against the real headers.

use crate::cfgs::PythonConfig;
use crate::check_c::Check;
use crate::derived;
use crate::headers::Headers;
use crate::layout::{self, Fact};
use std::path::{Path, PathBuf};

pub struct Bindings {
    pub code: String,
    pub facts: Vec<Fact>,
    /// Where they came from, for messages.
    pub source: String,
}

/// The name of a pre-generated set: CPython version, build, pointer width
/// and byte order, e.g. `3.13-ft-64le`.
pub fn set_name(config: &PythonConfig) -> String {
    let build = match (config.gil_disabled, config.debug) {
        (false, false) => "release",
        (false, true) => "debug",
        (true, false) => "ft",
        (true, true) => "ft-debug",
    };
    let endian = match target_cfg("ENDIAN").as_str() {
        "big" => "be",
        _ => "le",
    };
    // Windows is LLP64 (`long` is 32-bit) with 16-bit wchar_t: sets of its own.
    let os = match target_cfg("OS").as_str() {
        "windows" => "-windows",
        _ => "",
    };
    format!(
        "{}.{}-{build}-{}{endian}{os}",
        config.major,
        config.minor,
        target_cfg("POINTER_WIDTH")
    )
}

fn target_cfg(name: &str) -> String {
    std::env::var(format!("CARGO_CFG_TARGET_{name}")).unwrap_or_default()
}

pub fn bindings(headers: &Headers, config: &PythonConfig) -> Result<(), String> {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let name = set_name(config);
    let bindings = choose(headers, config, &name)?;
    crate::regen::on_request(&name, &bindings)?;

    let width = target_cfg("POINTER_WIDTH").parse().unwrap_or(64);
    let derived = derived::constants(config, width);
    let code = format!("{}\n{}", bindings.code, derived::rust_code(&derived));
    write(&out.join("bindings.rs"), &code)?;
    write(
        &out.join("layout_asserts.rs"),
        &layout::rust_asserts(&bindings.facts),
    )?;

    let mut check = Check::new(Path::new(WRAPPER), &headers.include_dirs);
    check.layouts(&bindings.facts, &bindings.code);
    check.constants(&layout::constants(&bindings.code));
    check.constants(&derived::as_constants(&derived));
    check.run(&bindings.source)
}

const WRAPPER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/wrapper.h");
const SETS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/bindings");

fn choose(headers: &Headers, config: &PythonConfig, name: &str) -> Result<Bindings, String> {
    if let Some(file) = std::env::var_os("CPYTHON_SYS_BINDINGS").filter(|v| !v.is_empty()) {
        return read_set(Path::new(&file));
    }
    if cfg!(feature = "bindgen") {
        return run_bindgen(headers, config);
    }
    if let Some(file) = stored_set(Path::new(SETS), name) {
        return read_set(&file);
    }
    Err(format!(
        "no pre-generated bindings for this CPython ({name}: version, build, pointer width and \
         byte order) in {SETS}; the sets there: {}.\n\
         fix: generate them with bindgen at build time: `make RUST_FEATURES=bindgen` (cargo: --features bindgen; or \
         ./configure RUST_FEATURES=bindgen; needs libclang, e.g. apt-get install libclang-dev), \
         or add the set: docs/cpython.md, \"Bindings\"",
        available_sets().join(", ")
    ))
}

/// Sets with the same bindings and layouts as another are stored once:
/// `bindings/same-as` has a line `<name> <stored name>` for each.
pub const SAME_AS: &str = "same-as";

/// The `.rs` file of the set `name` in `dir`, following `same-as`.
pub fn stored_set(dir: &Path, name: &str) -> Option<PathBuf> {
    let stored = same_as(dir)
        .into_iter()
        .find(|(alias, _)| alias == name)
        .map_or_else(|| name.to_string(), |(_, stored)| stored);
    let file = dir.join(format!("{stored}.rs"));
    file.is_file().then_some(file)
}

pub fn same_as(dir: &Path) -> Vec<(String, String)> {
    let file = dir.join(SAME_AS);
    println!("cargo:rerun-if-changed={}", file.display());
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (alias, stored) = l.split_once(' ')?;
            Some((alias.trim().to_string(), stored.trim().to_string()))
        })
        .collect()
}

fn available_sets() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(SETS)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            name.strip_suffix(".rs").map(str::to_string)
        })
        .chain(same_as(Path::new(SETS)).into_iter().map(|(alias, _)| alias))
        .collect();
    names.sort();
    names
}

/// A set: `<name>.rs` and the layouts in `<name>.layout`.
fn read_set(file: &Path) -> Result<Bindings, String> {
    let layout_file = file.with_extension("layout");
    for f in [file, &layout_file] {
        println!("cargo:rerun-if-changed={}", f.display());
    }
    let read = |f: &Path| {
        std::fs::read_to_string(f).map_err(|e| format!("cannot read {}: {e}", f.display()))
    };
    let facts = layout::parse(&read(&layout_file)?)
        .map_err(|e| format!("{}: {e}", layout_file.display()))?;
    Ok(Bindings {
        code: read(file)?,
        facts,
        source: file.display().to_string(),
    })
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(not(feature = "bindgen"))]
fn run_bindgen(_: &Headers, _: &PythonConfig) -> Result<Bindings, String> {
    unreachable!("choose() calls bindgen only with the feature on")
}

/// Two runs over the same headers: the bindings for Rust 1.74, and
/// bindgen's layout tests (written with `offset_of!`, so for a newer Rust)
/// from which the layouts are read.
#[cfg(feature = "bindgen")]
fn run_bindgen(headers: &Headers, config: &PythonConfig) -> Result<Bindings, String> {
    println!("cargo:rerun-if-changed={WRAPPER}");
    let code = bindgen_builder(headers, config, 74)?
        .layout_tests(false)
        // Emits rerun-if-changed for every header read.
        .parse_callbacks(Box::new(bindgen::CargoCallbacks::new()))
        .generate()
        .map_err(|e| format!("bindgen failed on {WRAPPER}: {e}"))?
        .to_string();
    let tests = bindgen_builder(headers, config, 77)?
        .layout_tests(true)
        .generate()
        .map_err(|e| format!("bindgen failed on {WRAPPER}: {e}"))?
        .to_string();
    let facts = layout::from_bindgen_tests(&tests);
    // Without layouts nothing would be checked: a bindgen that words its
    // layout tests differently must fail here, not pass silently.
    if !facts.iter().any(|f| matches!(f, Fact::Offset(..))) {
        return Err(
            "cannot read the layouts from bindgen's layout tests (a bindgen that words \
                    them differently?); fix: teach build/layout.rs its wording, or build \
                    without the bindgen feature"
                .into(),
        );
    }
    Ok(Bindings {
        code,
        facts,
        source: "bindgen".into(),
    })
}

#[cfg(feature = "bindgen")]
fn bindgen_builder(
    headers: &Headers,
    config: &PythonConfig,
    rust_minor: u64,
) -> Result<bindgen::Builder, String> {
    use crate::allowlist;

    let target = std::env::var("TARGET").expect("cargo sets TARGET");
    let mut builder = bindgen::Builder::default()
        .header(WRAPPER)
        .clang_arg(format!("--target={}", clang_target(&target)))
        .clang_args(
            headers
                .include_dirs
                .iter()
                .map(|d| format!("-I{}", d.display())),
        )
        .rust_target(bindgen::RustTarget::stable(rust_minor, 0).map_err(|e| e.to_string())?)
        .use_core()
        .ctypes_prefix("::core::ffi")
        .generate_comments(false)
        .derive_debug(false)
        .derive_copy(true)
        .merge_extern_blocks(true)
        .prepend_enum_name(false)
        // Only pointers to the thread state pass through (PyEval_SaveThread);
        // its fields (3.11 declares them all) would tie every set to them.
        .opaque_type("_ts")
        .blocklist_type("_ts")
        .raw_line("/// Opaque: only pointers to it are used.")
        .raw_line("#[repr(C)]")
        .raw_line("pub struct _ts {")
        .raw_line("    _private: [u8; 0],")
        .raw_line("}");
    for name in allowlist::functions(config) {
        builder = builder.allowlist_function(name);
    }
    for name in allowlist::types(config) {
        builder = builder.allowlist_type(name);
    }
    for name in allowlist::VARS {
        builder = builder.allowlist_var(name);
    }
    Ok(builder)
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
