//! The Debian package that gives a target the std of this very rustc.
//!
//! Debian ships a Rust std per architecture in the package that holds the
//! host's std (`libstd-rust-dev` for `rustc`, `libstd-rust-web-dev` for
//! `rustc-web`), as `<package>:<arch>`.  It is only of use at the host std's
//! exact version: bookworm's `libstd-rust-web-dev:s390x` is 1.85 while its
//! rustc-web is 1.96.  So a fix names the package only when apt's candidate
//! for that architecture has that version.

use std::path::Path;
use std::process::Command;

/// Debian's architecture for the Rust target its std package provides.
pub fn debian_arch(target: &str) -> Option<&'static str> {
    Some(match target {
        "x86_64-unknown-linux-gnu" => "amd64",
        "aarch64-unknown-linux-gnu" => "arm64",
        "i686-unknown-linux-gnu" => "i386",
        "armv7-unknown-linux-gnueabihf" => "armhf",
        "armv5te-unknown-linux-gnueabi" => "armel",
        "powerpc64le-unknown-linux-gnu" => "ppc64el",
        "s390x-unknown-linux-gnu" => "s390x",
        "riscv64gc-unknown-linux-gnu" => "riscv64",
        "mips64el-unknown-linux-gnuabi64" => "mips64el",
        _ => return None,
    })
}

fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The package (without its `:arch`) and version that hold the host's std.
fn host_std_package(sysroot: &Path, host: &str) -> Option<(String, String)> {
    let libdir = sysroot.join("lib/rustlib").join(host).join("lib");
    let owner = output("dpkg-query", &["-S", &libdir.to_string_lossy()])?;
    let package = owner.lines().next()?.split(':').next()?.trim().to_string();
    let version = output("dpkg-query", &["-W", "-f=${Version}", &package])?;
    Some((package, version.trim().to_string()))
}

/// apt's candidate version of `package`, if any.
fn candidate(package: &str) -> Option<String> {
    let policy = output("apt-cache", &["policy", package])?;
    let version = policy
        .lines()
        .find_map(|l| l.trim().strip_prefix("Candidate:"))?
        .trim()
        .to_string();
    (version != "(none)").then_some(version)
}

fn arch_enabled(arch: &str) -> bool {
    output("dpkg", &["--print-architecture"]).is_some_and(|a| a.trim() == arch)
        || output("dpkg", &["--print-foreign-architectures"])
            .is_some_and(|a| a.split_whitespace().any(|f| f == arch))
}

/// The apt command that installs `target`'s std for this rustc, when
/// Debian's archive has it; `None` otherwise (or off Debian).
pub fn install_command(sysroot: &Path, host: &str, target: &str) -> Option<String> {
    let arch = debian_arch(target)?;
    let (package, version) = host_std_package(sysroot, host)?;
    if !arch_enabled(arch) {
        return Some(format!(
            "dpkg --add-architecture {arch} && apt update, then, if apt offers \
             {package}:{arch} at {version} (this rustc's): apt install {package}:{arch}"
        ));
    }
    (candidate(&format!("{package}:{arch}"))? == version)
        .then(|| format!("apt install {package}:{arch}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_debian_std_targets_have_an_arch() {
        assert_eq!(debian_arch("armv7-unknown-linux-gnueabihf"), Some("armhf"));
        assert_eq!(debian_arch("arm-unknown-linux-gnueabihf"), None);
        assert_eq!(debian_arch("wasm32-wasip1"), None);
    }
}
