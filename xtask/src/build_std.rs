//! `cargo xtask build-std --target T [--out DIR]`: build the standard
//! library for a target the distribution ships no std for (Debian 12 has
//! none for s390x, riscv64 or wasm32), from the installed rustc's own
//! `rust-src` (offline when it carries its crates, as Debian's does), into a sysroot that configure and make use through
//! `RUSTFLAGS=--sysroot DIR`.
//!
//! cargo's `-Zbuild-std` does the work on an empty crate; it is unstable, so
//! `RUSTC_BOOTSTRAP=1` is set for that one cargo run and nowhere else.  The
//! std's dependencies come from `library/vendor` (Debian's `rust-src`
//! packages carry them) through a source replacement: no network.  As
//! rustc's own bootstrap does, `panic_abort` is compiled with `-C
//! panic=abort` (this binary wraps rustc for that: `RUSTC_WRAPPER`), so the
//! result serves crates built with either panic strategy. Like rustup's std,
//! every crate carries its LLVM bitcode (`-C embed-bitcode=yes` in the
//! std build's own RUSTFLAGS, after cargo's `no`), so crates built with LTO
//! link against it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::args::Args;
use crate::cargo_cmd::cargo;
use crate::toolchain::{rustc, rustc_info};

/// Set in the environment of the std build's rustc calls: this binary is
/// then the `RUSTC_WRAPPER` (see `wrap_rustc`).
pub const WRAPPER_ENV: &str = "RUST_LAYER_STD_WRAPPER";
const PROBE: &str = "sysroot_probe";
/// Written beside `rustc-version`: this std has bitcode (older builds of
/// this command made one without, which LTO builds cannot link).
const BITCODE_MARK: &str = "embed-bitcode";

pub fn run(args: &[String]) -> Result<(), String> {
    let args = Args::parse("build-std", args, &["target", "out"])?;
    let target = args.required("target")?;
    let out = PathBuf::from(args.optional("out").unwrap_or("rust-sysroot"));
    let out = std::env::current_dir()
        .map_err(|e| format!("cannot read the current directory: {e}"))?
        .join(out);
    let info = rustc_info()?;
    let library = rust_src(&info.release)?;
    let work = out.join(".build");
    write_probe_crate(&work, &library)?;
    let exe = std::env::current_exe().map_err(|e| format!("cannot find the xtask binary: {e}"))?;
    eprintln!(
        "xtask: building the standard library for {target} from {} (rustc {})",
        library.display(),
        info.release
    );
    // A fresh build: cargo's deps/ keeps the rlibs of earlier flags beside
    // the new ones, and two `core`s in one sysroot are an error.
    let _ = fs::remove_dir_all(work.join("target"));
    let vendored = library.join("vendor").is_dir();
    if !vendored {
        eprintln!(
            "xtask: {} has no vendor/: cargo fetches the std's crates",
            library.display()
        );
    }
    let status = Command::new(cargo())
        .current_dir(&work)
        .args(["build", "--release", "--target", target])
        .args(vendored.then_some("--offline"))
        .arg("-Zbuild-std=std,panic_abort")
        .env("RUSTC", rustc())
        .env("RUSTC_BOOTSTRAP", "1")
        .env("RUSTC_WRAPPER", &exe)
        .env(WRAPPER_ENV, "1")
        .env("CARGO_TARGET_DIR", work.join("target"))
        .env_remove("RUSTFLAGS")
        .env("CARGO_ENCODED_RUSTFLAGS", std_rustflags(&library, &info))
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!(
            "cargo could not build the standard library for {target} (its error is above)\n\
             fix: check that rustc {} knows {target} (`rustc --print target-list`) and that \
             {} is the source of this rustc",
            info.release,
            library.display()
        ));
    }
    let libdir = out.join("lib").join("rustlib").join(target).join("lib");
    install_rlibs(
        &work
            .join("target")
            .join(target)
            .join("release")
            .join("deps"),
        &libdir,
    )?;
    fs::write(libdir.join("..").join("rustc-version"), &info.release)
        .and_then(|()| fs::write(libdir.join("..").join(BITCODE_MARK), ""))
        .map_err(|e| format!("cannot write into {}: {e}", libdir.display()))?;
    println!(
        "xtask: the standard library for {target} is in {}\n\
         use it: ./configure --host=<triple> RUSTFLAGS='--sysroot {}' ...",
        libdir.display(),
        out.display()
    );
    Ok(())
}

/// The std build's flags: bitcode (see above), and the sources' directory
/// (`<sysroot>/lib/rustlib/src/rust`, under the user's home with rustup)
/// named as rustup's own std names it, `/rustc/<commit-hash>`, so no path
/// of this machine is in the rlibs or the archives built with them
/// (docs/reference.md, "Reproducible builds").
fn std_rustflags(library: &Path, info: &crate::toolchain::RustcInfo) -> String {
    let src = library.parent().unwrap_or(library);
    let name = info.commit_hash.as_deref().unwrap_or(&info.release);
    match src.to_str() {
        Some(src) => format!("-Cembed-bitcode=yes\x1f--remap-path-prefix={src}=/rustc/{name}"),
        None => "-Cembed-bitcode=yes".to_owned(),
    }
}

/// `library/` of the rustc's `rust-src` (`<sysroot>/lib/rustlib/src/rust`).
fn rust_src(release: &str) -> Result<PathBuf, String> {
    let sysroot = Command::new(rustc())
        .args(["--print", "sysroot"])
        .output()
        .map_err(|e| format!("cannot run rustc: {e}"))?;
    let sysroot = PathBuf::from(String::from_utf8_lossy(&sysroot.stdout).trim());
    let library = sysroot.join("lib/rustlib/src/rust/library");
    if library.join("Cargo.lock").exists() {
        return Ok(library);
    }
    let fix = if sysroot.to_string_lossy().contains("rustup") {
        "rustup component add rust-src".to_string()
    } else {
        format!(
            "install the sources of rustc {release} (Debian: apt install rust-web-src for \
             rustc-web, rust-src for rustc; both carry the std's crates, so no network is needed)"
        )
    };
    Err(format!(
        "no rust-src in {}: the std is built from this rustc's own sources\nfix: {fix}",
        library.display()
    ))
}

/// An empty library crate whose build builds std, its crates taken from
/// `library/vendor` when there is one.
fn write_probe_crate(work: &Path, library: &Path) -> Result<(), String> {
    let write = |path: PathBuf, text: String| {
        fs::create_dir_all(path.parent().expect("a file in a directory"))
            .and_then(|()| fs::write(&path, text))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    write(
        work.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[workspace]\n",
            PROBE.replace('_', "-")
        ),
    )?;
    write(work.join("src/lib.rs"), String::new())?;
    if !library.join("vendor").is_dir() {
        let _ = fs::remove_file(work.join(".cargo/config.toml"));
        return Ok(());
    }
    write(
        work.join(".cargo/config.toml"),
        format!(
            "[source.crates-io]\nreplace-with = \"rust-src-vendor\"\n\n\
             [source.rust-src-vendor]\ndirectory = \"{}\"\n",
            library.join("vendor").display()
        ),
    )
}

/// The std's rlibs (not the probe's) into `libdir`, replacing what was there.
fn install_rlibs(deps: &Path, libdir: &Path) -> Result<(), String> {
    let _ = fs::remove_dir_all(libdir);
    fs::create_dir_all(libdir).map_err(|e| format!("cannot create {}: {e}", libdir.display()))?;
    let entries = fs::read_dir(deps).map_err(|e| format!("{}: {e}", deps.display()))?;
    let mut copied = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".rlib") && !name.starts_with(&format!("lib{PROBE}-")) {
            fs::copy(entry.path(), libdir.join(&name))
                .map_err(|e| format!("cannot copy {name}: {e}"))?;
            copied += 1;
        }
    }
    if copied == 0 {
        return Err(format!("cargo left no rlib in {}", deps.display()));
    }
    Ok(())
}

/// This binary as cargo's `RUSTC_WRAPPER` during the std build:
/// `xtask <rustc> <args>`; `panic_abort` gets `-C panic=abort`.
pub fn wrap_rustc(args: &[String]) -> std::process::ExitCode {
    let Some((rustc, rest)) = args.split_first() else {
        eprintln!("xtask: {WRAPPER_ENV} is set but no rustc was given");
        return std::process::ExitCode::FAILURE;
    };
    let mut cmd = Command::new(rustc);
    cmd.args(rest);
    if rest
        .windows(2)
        .any(|w| w[0] == "--crate-name" && w[1] == "panic_abort")
    {
        cmd.args(["-C", "panic=abort"]);
    }
    match cmd.status() {
        Ok(status) => std::process::ExitCode::from(status.code().unwrap_or(1) as u8),
        Err(e) => {
            eprintln!("xtask: cannot run {rustc}: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
