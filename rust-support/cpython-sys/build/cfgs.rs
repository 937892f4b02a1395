//! The configuration of the Python being built, as cfgs.
//!
//! Read from `patchlevel.h` and `pyconfig.h` as text (no libclang needed), so
//! pre-generated bindings get the same cfgs.
//!
//! cfgs set here apply to this crate only; dependents get them through the
//! `links` metadata: `DEP_CPYTHON_CFGS` (comma-separated cfgs to enable) and
//! `DEP_CPYTHON_CHECK_CFG` (every cfg name to register with check-cfg; empty
//! when the toolchain predates check-cfg).

use crate::headers::Headers;
use std::fs;
use std::process::Command;

/// `Py_3_<minor>` is set for every minor version up to the built one.
const FIRST_MINOR: u32 = 8;
const LAST_KNOWN_MINOR: u32 = 20;
/// Build options from `pyconfig.h`, each a cfg when defined. Reference
/// tracing and statistics matter to how a reference is counted
/// (cpython-api's `refcount`).
const FLAGS: [&str; 4] = ["Py_GIL_DISABLED", "Py_DEBUG", "Py_TRACE_REFS", "Py_STATS"];

pub struct PythonConfig {
    pub major: u32,
    pub minor: u32,
    pub gil_disabled: bool,
    pub debug: bool,
    /// `--with-trace-refs` and `--enable-pystats`.
    pub trace_refs: bool,
    pub stats: bool,
}

impl PythonConfig {
    pub fn read(headers: &Headers) -> Result<Self, String> {
        let patchlevel = read(&headers.patchlevel_h)?;
        let pyconfig = read(&headers.pyconfig_h)?;
        let number = |name| {
            define_value(&patchlevel, name)
                .and_then(|v| v.parse::<u32>().ok())
                .ok_or_else(|| format!("no {name} in {}", headers.patchlevel_h.display()))
        };
        let config = PythonConfig {
            major: number("PY_MAJOR_VERSION")?,
            minor: number("PY_MINOR_VERSION")?,
            gil_disabled: define_value(&pyconfig, "Py_GIL_DISABLED").is_some(),
            debug: define_value(&pyconfig, "Py_DEBUG").is_some(),
            trace_refs: define_value(&pyconfig, "Py_TRACE_REFS").is_some(),
            stats: define_value(&pyconfig, "Py_STATS").is_some(),
        };
        if config.major != 3 || config.minor < 11 {
            return Err(format!(
                "CPython {}.{} is not supported (3.11 or newer)",
                config.major, config.minor
            ));
        }
        Ok(config)
    }

    pub fn enabled_cfgs(&self) -> Vec<String> {
        let mut cfgs: Vec<String> = (FIRST_MINOR..=self.minor)
            .map(|m| format!("Py_3_{m}"))
            .collect();
        if self.gil_disabled {
            cfgs.push("Py_GIL_DISABLED".into());
        }
        if self.debug {
            cfgs.push("Py_DEBUG".into());
        }
        if self.trace_refs {
            cfgs.push("Py_TRACE_REFS".into());
        }
        if self.stats {
            cfgs.push("Py_STATS".into());
        }
        cfgs
    }

    pub fn emit(&self) {
        let enabled = self.enabled_cfgs();
        for cfg in &enabled {
            println!("cargo:rustc-cfg={cfg}");
        }
        let known = if rustc_has_check_cfg() {
            all_cfg_names().join(",")
        } else {
            String::new()
        };
        if !known.is_empty() {
            println!("cargo:rustc-check-cfg=cfg({known})");
        }
        println!("cargo:cfgs={}", enabled.join(","));
        println!("cargo:check_cfg={known}");
        println!("cargo:version={}.{}", self.major, self.minor);
    }
}

fn all_cfg_names() -> Vec<String> {
    (FIRST_MINOR..=LAST_KNOWN_MINOR)
        .map(|m| format!("Py_3_{m}"))
        .chain(FLAGS.iter().map(|f| f.to_string()))
        .collect()
}

fn read(path: &std::path::Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// The value of `#define NAME value` (empty for `#define NAME`), if defined.
fn define_value<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    text.lines().find_map(|line| {
        let rest = line.trim_start().strip_prefix('#')?.trim_start();
        let rest = rest.strip_prefix("define")?;
        let mut words = rest.split_whitespace();
        (words.next()? == name).then(|| words.next().unwrap_or(""))
    })
}

/// `cargo:rustc-check-cfg` is understood from Rust 1.80; older cargo warns.
fn rustc_has_check_cfg() -> bool {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let Ok(out) = Command::new(rustc).arg("--version").output() else {
        return false;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    // "rustc 1.95.0 (...)"
    let minor = text
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.split('.').nth(1))
        .and_then(|m| m.parse::<u32>().ok());
    minor.is_some_and(|m| m >= 80)
}
