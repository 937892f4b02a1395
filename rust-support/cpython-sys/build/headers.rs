//! Where the CPython headers are.

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Headers {
    /// `-I` directories, in order: the one with `pyconfig.h` first.
    pub include_dirs: Vec<PathBuf>,
    pub pyconfig_h: PathBuf,
    pub patchlevel_h: PathBuf,
    /// `python3`'s shared libpython (outside a CPython build): what
    /// cpython-api's unit tests embed.
    pub embed: Option<Embed>,
}

/// A shared libpython: its directory and `-l` name.
pub struct Embed {
    pub libdir: PathBuf,
    pub name: String,
}

/// The configured tree from the environment (make passes it); else the
/// workspace's own tree when it is a CPython tree configured in place, so
/// `cargo check`, `clippy`, `doc` and rust-analyzer work from its root with
/// no make environment; else `python3`'s installed headers.
pub fn locate() -> Result<Headers, String> {
    match (env_path("CPYTHON_BUILDDIR"), env_path("CPYTHON_SRCDIR")) {
        (Some(build), Some(src)) => from_tree(&build, &src),
        (Some(build), None) => from_tree(&build, &build),
        (None, Some(_)) => Err("CPYTHON_SRCDIR is set but CPYTHON_BUILDDIR is not".into()),
        (None, None) => match configured_workspace() {
            Some(root) => from_tree(&root, &root),
            None => from_installed_python(),
        },
    }
}

/// The workspace root (two levels above this crate: `rust-support/cpython-sys`)
/// when configure has run there: it has `pyconfig.h` beside `Include/`.
fn configured_workspace() -> Option<PathBuf> {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?);
    let root = manifest.parent()?.parent()?.to_path_buf();
    // Not watched while missing (cargo would rerun this script at every
    // build): a tree configured after its first `cargo check` needs
    // `cargo clean -p cpython-sys` (docs/cpython.md, "A module author's tools").
    (root.join("pyconfig.h").is_file() && root.join("Include").join("Python.h").is_file())
        .then_some(root)
}

impl Headers {
    /// For dependents' build scripts (a C shim would use the same headers):
    /// DEP_CPYTHON_INCLUDE, `:`-separated (`;` on Windows hosts); outside a
    /// CPython build, the shared libpython that test binaries link
    /// (DEP_CPYTHON_EMBED_LIBDIR, for an rpath). Inside a build nothing is
    /// linked: CPython links the archive.
    pub fn emit_metadata(&self) {
        let dirs = std::env::join_paths(&self.include_dirs).expect("include dirs are joinable");
        println!("cargo:include={}", dirs.to_string_lossy());
        if let Some(embed) = &self.embed {
            println!("cargo:rustc-link-search=native={}", embed.libdir.display());
            println!("cargo:rustc-link-lib=dylib={}", embed.name);
            println!("cargo:embed_libdir={}", embed.libdir.display());
        }
    }
}

fn env_path(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

fn from_tree(build: &Path, src: &Path) -> Result<Headers, String> {
    let include = src.join("Include");
    let headers = Headers {
        include_dirs: vec![build.to_path_buf(), include.clone()],
        pyconfig_h: build.join("pyconfig.h"),
        patchlevel_h: include.join("patchlevel.h"),
        embed: None,
    };
    check_exists(
        headers,
        "run CPython's configure first, or fix CPYTHON_BUILDDIR/CPYTHON_SRCDIR",
    )
}

fn from_installed_python() -> Result<Headers, String> {
    let python = std::env::var("PYTHON3").unwrap_or_else(|_| "python3".into());
    let script = "import sysconfig as s\n\
                  print(s.get_config_var('INCLUDEPY'))\n\
                  print(s.get_config_var('CONFINCLUDEPY') or s.get_config_var('INCLUDEPY'))\n\
                  print(s.get_config_var('LIBDIR') or '')\n\
                  print(s.get_config_var('LDLIBRARY') or '')\n\
                  print(s.get_config_var('Py_ENABLE_SHARED') or 0)";
    let out = Command::new(&python)
        .args(["-c", script])
        .output()
        .map_err(|e| format!("neither CPYTHON_BUILDDIR is set nor `{python}` runs: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "`{python}` failed to report its include dirs: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines().map(PathBuf::from);
    let (include, config) = match (lines.next(), lines.next()) {
        (Some(i), Some(c)) => (i, c),
        _ => return Err(format!("unexpected output from `{python}`: {text}")),
    };
    let rest: Vec<String> = lines.map(|l| l.display().to_string()).collect();
    let headers = Headers {
        include_dirs: vec![config.clone(), include.clone()],
        pyconfig_h: config.join("pyconfig.h"),
        patchlevel_h: include.join("patchlevel.h"),
        embed: embed_library(&python, &rest),
    };
    check_exists(
        headers,
        "install the Python development headers, or set CPYTHON_BUILDDIR",
    )
}

/// The shared libpython named by sysconfig (LIBDIR, LDLIBRARY,
/// Py_ENABLE_SHARED), if there is one; a warning when there is not, since
/// cpython-api's unit tests embed it.
fn embed_library(python: &str, vars: &[String]) -> Option<Embed> {
    let [libdir, ldlibrary, shared] = vars else {
        return None;
    };
    let name = ldlibrary
        .strip_prefix("lib")
        .and_then(|n| n.split(".so").next())
        .filter(|_| shared == "1" && Path::new(libdir).join(ldlibrary).exists());
    let Some(name) = name else {
        println!(
            "cargo:warning=cpython-sys: `{python}` has no shared libpython ({libdir}/{ldlibrary}), \
             so cpython-api's unit tests cannot link; fix: install it (Debian: libpython3-dev) or \
             point PYTHON3 at a Python configured with --enable-shared"
        );
        return None;
    };
    Some(Embed {
        libdir: PathBuf::from(libdir),
        name: name.to_string(),
    })
}

fn check_exists(headers: Headers, hint: &str) -> Result<Headers, String> {
    for file in [&headers.pyconfig_h, &headers.patchlevel_h] {
        if !file.is_file() {
            return Err(format!("{} not found: {hint}", file.display()));
        }
        println!("cargo:rerun-if-changed={}", file.display());
    }
    Ok(headers)
}
