//! Facts about the Rust toolchain: which rustc, its version and host.

use std::path::PathBuf;
use std::process::{Command, ExitStatus};

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
    /// The commit rustc was built from, when it says (`unknown` otherwise).
    pub commit_hash: Option<String>,
}

/// `rustc -vV`, parsed.  An error reads `what\nfix: ...`.
pub fn rustc_info() -> Result<RustcInfo, String> {
    let rustc = rustc();
    let output = Command::new(&rustc).arg("-vV").output().map_err(|e| {
        format!(
            "cannot run `{} -vV`: {e}\nfix: install Rust, or point configure at it: \
                 ./configure RUSTC=/path/to/rustc",
            rustc.display()
        )
    })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!(
            "`{} -vV` failed: {}\nfix: {}",
            rustc.display(),
            first_lines(&stderr),
            failed_tool_fix(&stderr, "RUSTC=/path/to/rustc")
        ));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_owned())
            .ok_or_else(|| {
                format!(
                    "`{} -vV` printed no `{name}` line, so it is not rustc\n\
                     fix: point configure at a real rustc: ./configure RUSTC=/path/to/rustc",
                    rustc.display()
                )
            })
    };
    let release = field("release:")?;
    if parse_version(&release).is_none() {
        return Err(format!(
            "`{} -vV` printed the release `{release}`, which is not a Rust version (X.Y.Z), \
             so it is not rustc\nfix: point configure at a real rustc: ./configure RUSTC=/path/to/rustc",
            rustc.display()
        ));
    }
    Ok(RustcInfo {
        release,
        host: field("host:")?,
        commit_hash: field("commit-hash:").ok().filter(|h| h != "unknown"),
    })
}

/// The fix for a Rust tool that failed to run: what rustup says when its
/// proxy has no such toolchain, else a working tool (`alternative`).
pub fn failed_tool_fix(stderr: &str, alternative: &str) -> String {
    if stderr.contains("toolchain") && stderr.contains("is not installed") {
        let help = stderr
            .lines()
            .filter_map(|l| l.strip_prefix("help:"))
            .map(str::trim)
            .collect::<Vec<_>>()
            .join("; ");
        let chosen_by = match std::env::var("RUSTUP_TOOLCHAIN") {
            Ok(name) if !name.is_empty() => {
                format!("or unset RUSTUP_TOOLCHAIN (it is `{name}`, and chose that toolchain)")
            }
            _ => "or change the override that chose it (`rustup show` names it: a \
                  rust-toolchain file or `rustup override`)"
                .to_owned(),
        };
        let help = if help.is_empty() {
            "install that toolchain with rustup".to_owned()
        } else {
            format!("as rustup says: {help}")
        };
        format!(
            "the rustup proxy has no such toolchain: {help}; {chosen_by}; or pass {alternative}"
        )
    } else {
        format!("pass {alternative} (a working one), or install Rust with rustup or your distribution's packages")
    }
}

/// The first lines of a tool's error output, without a backtrace.
pub fn first_lines(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take_while(|l| !l.starts_with("Stack backtrace"))
        .take(3)
        .collect();
    if lines.is_empty() {
        "no error output".to_owned()
    } else {
        lines.join(" / ")
    }
}

/// Why rustc failed, in its own words: its first `error` line, LLVM's fatal
/// `LLVM ERROR:`, or a JSON diagnostic's message (RUSTFLAGS may ask for
/// colour or JSON); never a warning or its notes, whose text may hold the
/// word "error" too.  configure's `_RUST_RUSTC_ERROR` reads it the same way.
pub fn rustc_error(stderr: &str, status: ExitStatus) -> String {
    for line in stderr.lines().map(strip_colour) {
        if line.starts_with("error") {
            return line.trim().to_owned();
        }
        if let Some(at) = line.find("LLVM ERROR:") {
            return line[at..].trim().to_owned();
        }
        if let Ok(diagnostic) = serde_json::from_str::<serde_json::Value>(&line) {
            if let (Some("error"), Some(message)) =
                (diagnostic["level"].as_str(), diagnostic["message"].as_str())
            {
                return format!("error: {message}");
            }
        }
    }
    format!("rustc printed no error line ({status})")
}

/// The line without its ANSI colour sequences (`ESC [ ... m`).
fn strip_colour(line: &str) -> String {
    let mut plain = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            chars.by_ref().find(|&c| c == 'm');
        } else {
            plain.push(c);
        }
    }
    plain
}

/// `1.74.1-nightly` → (1, 74, 1); None unless it starts with `X.Y`.
pub fn parse_version(version: &str) -> Option<(u64, u64, u64)> {
    let core = version.split(['-', '+', ' ']).next().unwrap_or("");
    let mut parts = core.split('.').map(str::parse::<u64>);
    let major = parts.next()?.ok()?;
    let minor = parts.next()?.ok()?;
    let patch = match parts.next() {
        Some(p) => p.ok()?,
        None => 0,
    };
    Some((major, minor, patch))
}

/// `1.74.1-nightly` → (1, 74, 1); missing parts are 0.
pub fn version_tuple(version: &str) -> (u64, u64, u64) {
    parse_version(version).unwrap_or((0, 0, 0))
}

/// configure's (or make's) RUSTFLAGS, which the target crates are built
/// with: split on whitespace, as cargo splits RUSTFLAGS.
pub fn layer_rustflags() -> Vec<String> {
    std::env::var(crate::build::RUSTFLAGS_VAR)
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

/// The fix when RUSTFLAGS are to blame: they come from configure or from
/// make's command line.
pub fn rustflags_fix() -> String {
    format!(
        "correct or drop RUSTFLAGS ('{}'): they come from configure (./configure RUSTFLAGS='...') \
         or from make's command line (make RUSTFLAGS='...'); `make RUSTFLAGS=` builds without them",
        layer_rustflags().join(" ")
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

    #[test]
    fn versions_that_are_not_versions() {
        assert_eq!(parse_version("banana"), None);
        assert_eq!(parse_version("1"), None);
        assert_eq!(parse_version("1.x"), None);
        assert_eq!(parse_version("1.95.0-beta.3"), Some((1, 95, 0)));
    }

    #[test]
    fn a_missing_rustup_toolchain_gets_rustups_help() {
        let stderr = "error: toolchain '1.60.0-x86_64-unknown-linux-gnu' is not installed\n\
                      help: run `rustup toolchain install` to install it\n";
        let fix = failed_tool_fix(stderr, "RUSTC=/path/to/rustc");
        assert!(
            fix.contains("as rustup says: run `rustup toolchain install`"),
            "{fix}"
        );
        assert!(fix.contains("RUSTC=/path/to/rustc"), "{fix}");
        assert!(!fix.contains("install Rust with"), "{fix}");
    }

    #[test]
    fn rustcs_error_is_its_error_line_never_a_warnings_note() {
        let status = Command::new("false").status().unwrap();
        // RUSTFLAGS='-C target-cpu=nonexistent', rustc 1.95: the warning's
        // note says "error" first.
        let llvm = "warning: target feature `x87` must be enabled\n  |\n  = note: this was \
                    previously accepted by the compiler but is being phased out; it will \
                    become a hard error in a future release!\n\nrustc-LLVM ERROR: 64-bit code \
                    requested on a subtarget that doesn't support it!\n";
        assert_eq!(
            rustc_error(llvm, status),
            "LLVM ERROR: 64-bit code requested on a subtarget that doesn't support it!"
        );
        let coloured =
            "\u{1b}[1m\u{1b}[91merror\u{1b}[0m\u{1b}[1m: unknown codegen option: `x`\u{1b}[0m\n";
        assert_eq!(
            rustc_error(coloured, status),
            "error: unknown codegen option: `x`"
        );
        let json = r#"{"$message_type":"diagnostic","message":"unknown codegen option: `x`","level":"error","rendered":"error: ..."}"#;
        assert_eq!(
            rustc_error(json, status),
            "error: unknown codegen option: `x`"
        );
        let none = rustc_error("warning: w\n  = note: a hard error someday\n", status);
        assert!(none.starts_with("rustc printed no error line ("), "{none}");
    }

    #[test]
    fn first_lines_drop_the_backtrace() {
        let text = "error: a\nhelp: b\n\nStack backtrace:\n   0: x\n";
        assert_eq!(first_lines(text), "error: a / help: b");
    }
}
