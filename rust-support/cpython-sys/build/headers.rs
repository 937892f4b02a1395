//! Where the CPython headers are.

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Headers {
    /// `-I` directories, in order: the one with `pyconfig.h` first.
    pub include_dirs: Vec<PathBuf>,
    pub pyconfig_h: PathBuf,
    pub patchlevel_h: PathBuf,
}

/// The configured tree from the environment, else `python3`'s installed headers.
pub fn locate() -> Result<Headers, String> {
    match (env_path("CPYTHON_BUILDDIR"), env_path("CPYTHON_SRCDIR")) {
        (Some(build), Some(src)) => from_tree(&build, &src),
        (Some(build), None) => from_tree(&build, &build),
        (None, Some(_)) => Err("CPYTHON_SRCDIR is set but CPYTHON_BUILDDIR is not".into()),
        (None, None) => from_installed_python(),
    }
}

impl Headers {
    /// For dependents' build scripts (a C shim would use the same headers):
    /// DEP_CPYTHON_INCLUDE, `:`-separated (`;` on Windows hosts).
    pub fn emit_metadata(&self) {
        let dirs = std::env::join_paths(&self.include_dirs).expect("include dirs are joinable");
        println!("cargo:include={}", dirs.to_string_lossy());
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
                  print(s.get_config_var('CONFINCLUDEPY') or s.get_config_var('INCLUDEPY'))";
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
    let headers = Headers {
        include_dirs: vec![config.clone(), include.clone()],
        pyconfig_h: config.join("pyconfig.h"),
        patchlevel_h: include.join("patchlevel.h"),
    };
    check_exists(
        headers,
        "install the Python development headers, or set CPYTHON_BUILDDIR",
    )
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
