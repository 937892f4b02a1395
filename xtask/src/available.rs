//! `cargo xtask rust-available` (`make rust-available`): checks, one by one,
//! what the build needs from the toolchain, and prints the fix for each
//! problem, like the Linux kernel's `make rustavailable`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::args::Args;
use crate::cargo_cmd::{self, cargo};
use crate::cargo_json;
use crate::toolchain::{self, layer_rustflags, rustc, rustflags_fix, version_tuple};

const OPTIONS: &[&str] = &[
    "manifest-path",
    "target",
    "cc",
    "cflags",
    "ldflags",
    "min-version",
];

/// What the probe library exports; `main.c` checks the result, so the probe
/// program proves Rust and C agree on the call.
const PROBE_RS: &str = "#[no_mangle]\npub extern \"C\" fn rust_available_probe(x: i32) -> i32 {\n    format!(\"{x}\").len() as i32\n}\n";
const PROBE_C: &str = "int rust_available_probe(int);\nint main(void) { return rust_available_probe(12345) == 5 ? 0 : 1; }\n";

#[derive(Default)]
struct Report {
    problems: usize,
}

impl Report {
    fn ok(&mut self, what: &str) {
        println!("  ok    {what}");
    }
    fn skip(&mut self, what: &str) {
        println!("  skip  {what}");
    }
    /// A failure given as `what\nfix: ...`.
    fn fail_with(&mut self, error: &str) {
        let (what, fix) = error.split_once("\nfix: ").unwrap_or((error, ""));
        self.fail(what, fix);
    }
    fn fail(&mut self, what: &str, fix: &str) {
        self.problems += 1;
        println!("  FAIL  {what}");
        for line in fix.lines() {
            println!("        fix: {line}");
        }
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    let args = Args::parse("rust-available", args, OPTIONS)?;
    let mut report = Report::default();
    println!("Rust toolchain check:");

    match version_line(&cargo(), "--version") {
        Ok(v) => report.ok(&v),
        Err((what, stderr)) => report.fail(
            &what,
            &toolchain::failed_tool_fix(&stderr, "CARGO=/path/to/cargo to configure"),
        ),
    }
    let info = match toolchain::rustc_info() {
        Ok(info) => info,
        Err(e) => {
            report.fail_with(&e);
            return finish(report, "(unknown)");
        }
    };
    let target = args.optional("target").unwrap_or(&info.host).to_owned();

    let min_version = match args.optional("min-version") {
        Some(v) => Some(v.to_owned()),
        None => workspace_min_version(&args, &mut report),
    };
    let version_ok = min_version.as_deref().map_or(true, |min| {
        version_tuple(&info.release) >= version_tuple(min)
    });
    let needs = min_version
        .map(|v| format!(", the workspace needs >= {v}"))
        .unwrap_or_default();
    let what = format!("rustc {} (runs on {}){needs}", info.release, info.host);
    if version_ok {
        report.ok(&what);
    } else {
        report.fail(&what, "update Rust (`rustup update stable`, or a newer rustc from your distribution), then re-run configure");
    }

    if !check_std(&target, &mut report) {
        return finish(report, &target);
    }
    let dir = std::env::temp_dir().join(format!("rust-available-{}", std::process::id()));
    let result = probe_link(&args, &target, &info.host, &dir, &mut report);
    let _ = fs::remove_dir_all(&dir);
    result?;
    finish(report, &target)
}

fn finish(report: Report, target: &str) -> Result<(), String> {
    if report.problems == 0 {
        println!("Rust is available for {target}.");
        Ok(())
    } else {
        Err(format!(
            "Rust is not available for {target}: {} problem(s) above, each with its fix",
            report.problems
        ))
    }
}

/// The first line `program arg` prints, or why it could not run (and its
/// error output).
fn version_line(program: &Path, arg: &str) -> Result<String, (String, String)> {
    let output = Command::new(program).arg(arg).output().map_err(|e| {
        (
            format!("cannot run `{} {arg}`: {e}", program.display()),
            String::new(),
        )
    })?;
    let text = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    match text.lines().next() {
        Some(line) if output.status.success() => Ok(line.to_owned()),
        _ => Err((
            format!(
                "`{} {arg}` failed: {}",
                program.display(),
                toolchain::first_lines(&stderr)
            ),
            stderr,
        )),
    }
}

/// The highest `rust-version` of the workspace members.
fn workspace_min_version(args: &Args, report: &mut Report) -> Option<String> {
    let manifest = args.optional("manifest-path")?;
    match cargo_json::workspace_packages(manifest, &args.rest) {
        Ok(packages) => cargo_json::highest_rust_version(&packages),
        Err(e) => {
            report.fail_with(&e);
            None
        }
    }
}

/// Is the standard library for `target` installed, where RUSTFLAGS (e.g.
/// `--sysroot`) have rustc look?
fn check_std(target: &str, report: &mut Report) -> bool {
    let output = output_of(Command::new(rustc()).args(layer_rustflags()).args([
        "--print",
        "target-libdir",
        "--target",
        target,
    ]));
    let libdir = match output {
        Ok(out) if out.status.success() => {
            PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
        }
        Ok(out) if !rustflags_work(target) => {
            report.fail(
                &format!("rustc fails with RUSTFLAGS: {}", rustc_error(&out)),
                &rustflags_fix(),
            );
            return false;
        }
        Ok(out) => {
            report.fail(
                &format!("rustc does not know the target {target}: {}", rustc_error(&out)),
                "list the targets with `rustc --print target-list` and pass the right one to configure: ./configure RUST_TARGET=<triple>",
            );
            return false;
        }
        Err(e) => {
            report.fail(&e, "check RUSTC (re-run configure)");
            return false;
        }
    };
    let has_std = has_std(&libdir);
    if has_std {
        report.ok(&format!(
            "the standard library for {target} ({})",
            libdir.display()
        ));
    } else {
        report.fail(
            &format!(
                "the standard library for {target} is not installed (no libstd in {})",
                libdir.display()
            ),
            &std_fix(target),
        );
    }
    has_std
}

/// How to install std for `target`: rustup's way or the distribution's,
/// after the close target whose std rustc has, if any.
fn std_fix(target: &str) -> String {
    let sysroot = output_of(
        Command::new(rustc())
            .args(layer_rustflags())
            .args(["--print", "sysroot"]),
    )
    .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    .unwrap_or_default();
    // Packages and rustup live in rustc's own sysroot, not a RUSTFLAGS one.
    let own_sysroot = output_of(Command::new(rustc()).args(["--print", "sysroot"]))
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let install = install_std_fix(target, &own_sysroot);
    match close_target(target, Path::new(&sysroot)) {
        Some(close) => format!(
            "pass RUST_TARGET={close} to configure (rustc has its standard library); \
             or else {install}"
        ),
        None => install,
    }
}

/// A target whose std is installed under `sysroot` and that differs from
/// `target` only in the architecture's version (arm/armv7, i586/i686).
fn close_target(target: &str, sysroot: &Path) -> Option<String> {
    fn family(triple: &str) -> String {
        let (arch, rest) = triple.split_once('-').unwrap_or((triple, ""));
        let arch = if arch.starts_with("arm") || arch.starts_with("thumb") {
            "arm"
        } else if arch.len() == 4 && arch.starts_with('i') && arch.ends_with("86") {
            "x86"
        } else {
            arch
        };
        format!("{arch}-{rest}")
    }
    let mut found: Vec<String> = fs::read_dir(sysroot.join("lib").join("rustlib"))
        .ok()?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|t| t != target && family(t) == family(target))
        .filter(|t| has_std(&sysroot.join("lib").join("rustlib").join(t).join("lib")))
        .collect();
    found.sort();
    found.into_iter().next()
}

fn has_std(libdir: &Path) -> bool {
    fs::read_dir(libdir).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with("libstd-") && name.ends_with(".rlib")
        })
    })
}

fn install_std_fix(target: &str, sysroot: &str) -> String {
    if sysroot.contains("rustup") {
        return format!("rustup target add {target}");
    }
    let build_it = format!(
        "build it from this rustc's own sources: cargo xtask build-std --target {target} \
         --out DIR, then configure with RUSTFLAGS='--sysroot DIR'"
    );
    let host = toolchain::rustc_info().map(|i| i.host).unwrap_or_default();
    match crate::debian_std::install_command(Path::new(sysroot), &host, target) {
        Some(apt) => format!("{apt}; or {build_it}"),
        None => format!(
            "install the standard library for {target} that matches your rustc, or {build_it}"
        ),
    }
}

/// Builds a tiny Rust staticlib, links it into a C program with CC, and runs
/// it when the target is this machine.
fn probe_link(
    args: &Args,
    target: &str,
    host: &str,
    dir: &Path,
    report: &mut Report,
) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    fs::write(dir.join("probe.rs"), PROBE_RS).map_err(|e| e.to_string())?;
    fs::write(dir.join("main.c"), PROBE_C).map_err(|e| e.to_string())?;
    let lib = dir.join("librust_available_probe.a");
    let out = output_of(
        Command::new(rustc())
            .args(layer_rustflags())
            .args([
                "--crate-type",
                "staticlib",
                "--edition",
                "2021",
                "-C",
                "panic=abort",
            ])
            .args(["--target", target, "--print", "native-static-libs", "-o"])
            .arg(&lib)
            .arg(dir.join("probe.rs")),
    )?;
    if !out.status.success() {
        let fix = if layer_rustflags().is_empty() {
            "run the command by hand to see the whole error: rustc --crate-type staticlib --target <triple> probe.rs".to_owned()
        } else {
            rustflags_fix()
        };
        report.fail(
            &format!(
                "rustc cannot build a static library for {target}{}: {}",
                with_rustflags(),
                rustc_error(&out)
            ),
            &fix,
        );
        return Ok(());
    }
    let native_libs = String::from_utf8_lossy(&out.stderr)
        .lines()
        .find_map(|l| {
            l.split_once("native-static-libs:")
                .map(|(_, libs)| libs.trim().to_owned())
        })
        .unwrap_or_default();
    report.ok(&format!(
        "rustc builds a static library for {target} (native libs: {native_libs})"
    ));

    let Some(cc) = args.optional("cc") else {
        report.skip("linking with CC: make passes no C compiler");
        return Ok(());
    };
    let words = |name| args.optional(name).unwrap_or("").split_whitespace();
    let mut cc_words = cc.split_whitespace();
    let program = dir.join("probe");
    let mut link = Command::new(cc_words.next().unwrap_or("cc"));
    link.args(cc_words)
        .args(words("cflags"))
        .arg(dir.join("main.c"))
        .arg(&lib)
        .args(native_libs.split_whitespace())
        .args(words("ldflags"))
        .arg("-o")
        .arg(&program);
    let out = output_of(&mut link)?;
    if !out.status.success() {
        report.fail(
            &format!("CC ({cc}) cannot link a Rust static library for {target}: {}", first_error(&out)),
            &format!("CC must build programs for {target}: for a cross build pass the cross compiler (e.g. ./configure --host=aarch64-linux-gnu CC=aarch64-linux-gnu-gcc),\nor set RUST_TARGET to the triple CC builds for. The link was: {}", cargo_cmd::show(&link)),
        );
        return Ok(());
    }
    report.ok(&format!("CC ({cc}) links a Rust static library"));
    if target != host {
        report.skip(&format!(
            "running the program: {target} programs do not run on {host}"
        ));
        return Ok(());
    }
    match output_of(&mut Command::new(&program)) {
        Ok(out) if out.status.success() => report.ok("the linked program runs and gets the right answer from Rust"),
        _ => report.fail(
            "the linked program does not run or gets a wrong answer from Rust",
            "check that CC, CFLAGS and LDFLAGS build programs for this machine (e.g. no mixed -m32)",
        ),
    }
    Ok(())
}

/// Does rustc accept RUSTFLAGS for `target` (where it runs without them)?
fn rustflags_work(target: &str) -> bool {
    let print = |flags: Vec<String>| {
        output_of(
            Command::new(rustc())
                .args(flags)
                .args(["--print", "sysroot", "--target", target]),
        )
        .is_ok_and(|o| o.status.success())
    };
    layer_rustflags().is_empty() || print(layer_rustflags()) || !print(Vec::new())
}

/// ` with RUSTFLAGS '...'` when there are any.
fn with_rustflags() -> String {
    let flags = layer_rustflags();
    if flags.is_empty() {
        String::new()
    } else {
        format!(" with RUSTFLAGS '{}'", flags.join(" "))
    }
}

fn output_of(cmd: &mut Command) -> Result<Output, String> {
    cmd.output()
        .map_err(|e| format!("cannot run `{}`: {e}", cmd.get_program().to_string_lossy()))
}

/// Why rustc failed, in its own words (`toolchain::rustc_error`).
fn rustc_error(out: &Output) -> String {
    toolchain::rustc_error(&String::from_utf8_lossy(&out.stderr), out.status)
}

/// The first `error` line the C compiler printed (or its first line).
fn first_error(out: &Output) -> String {
    let text = String::from_utf8_lossy(&out.stderr);
    text.lines()
        .find(|l| l.contains("error"))
        .or_else(|| text.lines().next())
        .unwrap_or("no message")
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_close_target_with_std_is_found() {
        let root = std::env::temp_dir().join(format!("xtask-close-{}", std::process::id()));
        for (target, std) in [
            ("armv7-unknown-linux-gnueabihf", true),
            ("i686-unknown-linux-gnu", true),
            ("armv7-unknown-linux-musleabihf", false), // no libstd rlib in it
        ] {
            let lib = root.join("lib/rustlib").join(target).join("lib");
            fs::create_dir_all(&lib).unwrap();
            if std {
                fs::write(lib.join("libstd-0123.rlib"), "").unwrap();
            }
        }
        let close = |t| close_target(t, &root);
        assert_eq!(
            close("arm-unknown-linux-gnueabihf").as_deref(),
            Some("armv7-unknown-linux-gnueabihf")
        );
        assert_eq!(
            close("i586-unknown-linux-gnu").as_deref(),
            Some("i686-unknown-linux-gnu")
        );
        assert_eq!(close("armv7-unknown-linux-gnueabihf"), None); // itself
        assert_eq!(close("arm-unknown-linux-musleabihf"), None); // no std there
        assert_eq!(close("aarch64-unknown-linux-gnu"), None); // another architecture
        fs::remove_dir_all(&root).unwrap();
    }
}
