//! Facts about the Rust toolchain: which rustc, its version and host.

use std::path::PathBuf;
use std::process::Command;

/// The rustc configure chose (make exports `RUSTC`; cargo honours it too).
pub fn rustc() -> PathBuf {
    std::env::var_os("RUSTC")
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from("rustc"), PathBuf::from)
}

pub struct RustcInfo {
    /// e.g. `1.95.0`
    pub release: String,
    /// The triple rustc runs on (and builds for by default).
    pub host: String,
}

/// `rustc -vV`, parsed.
pub fn rustc_info() -> Result<RustcInfo, String> {
    let rustc = rustc();
    let output = Command::new(&rustc)
        .arg("-vV")
        .output()
        .map_err(|e| format!("cannot run `{} -vV`: {e}", rustc.display()))?;
    if !output.status.success() {
        return Err(format!(
            "`{} -vV` failed: {}",
            rustc.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_owned())
            .ok_or_else(|| format!("`{} -vV` printed no `{name}` line", rustc.display()))
    };
    Ok(RustcInfo {
        release: field("release:")?,
        host: field("host:")?,
    })
}

/// `1.74.1-nightly` → (1, 74, 1); missing parts are 0.
pub fn version_tuple(version: &str) -> (u64, u64, u64) {
    let core = version.split(['-', '+', ' ']).next().unwrap_or("");
    let mut parts = core.split('.').map(|p| p.parse().unwrap_or(0));
    (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_tuples_compare_numerically() {
        assert_eq!(version_tuple("1.74"), (1, 74, 0));
        assert_eq!(version_tuple("1.96.0-nightly"), (1, 96, 0));
        assert!(version_tuple("1.100.0") > version_tuple("1.74.1"));
    }
}
