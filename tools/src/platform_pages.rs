//! The platform table as people read it: `docs/platforms.md`'s table and
//! the matrix of `.github/workflows/platforms.yml` (`cargo regen`).

use std::fmt::Write as _;

use crate::platforms::{Here, Platform, Runner, NO_TARGET};

fn runner(r: Runner) -> &'static str {
    match r {
        Runner::Native => "native",
        Runner::Qemu => "qemu-user",
        Runner::Wasmtime => "wasmtime",
        Runner::Wine => "wine64",
        Runner::Wine32 => "wine, wine32",
    }
}

/// What runs on this machine, in words.
pub fn here_text(here: Here) -> String {
    match here {
        Here::CpythonTested(r) => format!("CPython built and tested ({})", runner(r)),
        Here::CpythonWithoutRust(r) => format!(
            "CPython built with the C module and tested ({}); each stage's configure checked",
            runner(r)
        ),
        Here::CpythonBuilt => "CPython built, not run (nothing here runs its programs)".into(),
        Here::FixtureRun(r) => format!("fixture built and run ({})", runner(r)),
        Here::FixtureLinked => "fixture linked, exports checked (not run)".into(),
        Here::None => "not covered".into(),
    }
}

/// Built with MSBuild (PCbuild), not configure: the workflow's `windows` job.
fn is_msvc(p: &Platform) -> bool {
    p.rust_target.ends_with("-windows-msvc")
}

/// The Debian architecture names of a row, or `-`.
fn debian(p: &Platform) -> String {
    if p.debian.is_empty() {
        "-".into()
    } else {
        p.debian.join(", ")
    }
}

/// The Rust target, its tier and host tools as table cells (`none`, `-`
/// and `-` for an architecture Rust has no target for).
fn rust_cells(p: &Platform) -> [String; 3] {
    if p.rust_target == NO_TARGET {
        return [NO_TARGET.into(), "-".into(), "-".into()];
    }
    [
        format!("`{}`", p.rust_target),
        p.rust_tier.to_string(),
        yes_no(p.host_tools).into(),
    ]
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// Two Markdown tables: the PEP 11 platforms (a row per platform and
/// compiler), then the host mappings beyond PEP 11.
pub fn markdown_table(rows: &[Platform]) -> String {
    let mut md = String::from(
        "| PEP 11 platform | compiler | PEP 11 tier | Debian | `$host` pattern | Rust target | \
         Rust tier | host tools | here | workflow |\n\
         | --- | --- | :-: | --- | --- | --- | :-: | :-: | --- | --- |\n",
    );
    for p in rows {
        for v in p.variants {
            let Some(tier) = v.pep11_tier else { continue };
            let workflow = v.workflow.map_or("-".into(), |r| format!("`{r}`"));
            let [target, rust_tier, tools] = rust_cells(p);
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | `{}` | {} | {} | {} | {} | {} |",
                v.name,
                v.compiler,
                tier,
                debian(p),
                p.host_pattern,
                target,
                rust_tier,
                tools,
                here_text(v.here),
                workflow
            );
        }
    }
    md.push_str(
        "\nBeyond PEP 11 (configure maps them; `none`: Rust has no target for the \
         architecture, so configure offers `--with-rust=no` alone):\n\n\
         | Debian | `$host` pattern | compiler | Rust target | Rust tier | host tools | here |\n\
         | --- | --- | --- | --- | :-: | :-: | --- |\n",
    );
    for p in rows
        .iter()
        .filter(|p| p.variants.iter().all(|v| v.pep11_tier.is_none()))
    {
        let here = p.variants.first().map_or(Here::None, |v| v.here);
        let compiler = p.variants.first().map_or("-", |v| v.compiler);
        let [target, rust_tier, tools] = rust_cells(p);
        let _ = writeln!(
            md,
            "| {} | `{}` | {} | {} | {} | {} | {} |",
            debian(p),
            p.host_pattern,
            compiler,
            target,
            rust_tier,
            tools,
            here_text(here)
        );
    }
    md
}

/// The workflow's `matrix.include` entries: one per row the workflow covers.
pub fn workflow_matrix(rows: &[Platform]) -> String {
    let mut yaml = String::new();
    for p in rows.iter().filter(|p| !is_msvc(p)) {
        for v in p.variants {
            if let Some(runs_on) = v.workflow {
                let _ = write!(
                    yaml,
                    "          - platform: {}\n            compiler: {}\n            \
                     runs-on: {runs_on}\n            rust-target: {}\n",
                    v.name,
                    v.compiler.rsplit(", ").next().unwrap_or(v.compiler),
                    p.rust_target
                );
            }
        }
    }
    yaml
}

/// The `windows` job's matrix: the MSVC rows the workflow covers, built by
/// PCbuild with msbuild/rust.targets.
pub fn windows_matrix(rows: &[Platform]) -> String {
    let mut yaml = String::new();
    for p in rows.iter().filter(|p| is_msvc(p)) {
        for v in p.variants {
            if let (Some(runs_on), Some(platform)) = (v.workflow, msbuild_platform(p.rust_target)) {
                let _ = write!(
                    yaml,
                    "          - platform: {platform}\n            runs-on: {runs_on}\n            \
                     rust-target: {}\n",
                    p.rust_target
                );
            }
        }
    }
    yaml
}

/// MSBuild's `$(Platform)` for a Windows MSVC Rust target.
fn msbuild_platform(rust_target: &str) -> Option<&'static str> {
    match rust_target.strip_suffix("-pc-windows-msvc")? {
        "x86_64" => Some("x64"),
        "i686" => Some("Win32"),
        "aarch64" => Some("ARM64"),
        _ => None,
    }
}

/// msbuild/rust.targets' `$(Platform)` to Rust target map: the table's
/// MSVC rows.
pub fn msbuild_platform_map(rows: &[Platform]) -> String {
    let mut xml = String::from("  <PropertyGroup>\n");
    for p in rows {
        if let Some(platform) = msbuild_platform(p.rust_target) {
            let _ = writeln!(
                xml,
                "    <RustTarget Condition=\"'$(RustTarget)' == '' and '$(Platform)' == \
                 '{platform}'\">{}</RustTarget>",
                p.rust_target
            );
        }
    }
    xml.push_str("  </PropertyGroup>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platforms::PLATFORMS;

    #[test]
    fn every_pep11_variant_is_a_markdown_row() {
        let md = markdown_table(PLATFORMS);
        let all = || PLATFORMS.iter().flat_map(|p| p.variants);
        let rows = all().filter(|v| v.pep11_tier.is_some()).count();
        let beyond = PLATFORMS
            .iter()
            .filter(|p| p.variants.iter().all(|v| v.pep11_tier.is_none()))
            .count();
        // two header lines per table
        assert_eq!(
            md.lines().filter(|l| l.starts_with('|')).count(),
            rows + beyond + 4
        );
        assert!(md.contains(
            "| armv7l-unknown-linux-gnueabihf | glibc, gcc | 3 | armhf | \
             `arm*-*-linux-gnueabihf` | `armv7-unknown-linux-gnueabihf` |"
        ));
        assert!(md.contains("| hppa | `hppa*-*-*` | glibc, gcc | none | - | - |"));
    }

    #[test]
    fn msbuild_maps_each_pcbuild_platform() {
        let xml = msbuild_platform_map(PLATFORMS);
        for (platform, target) in [
            ("x64", "x86_64-pc-windows-msvc"),
            ("Win32", "i686-pc-windows-msvc"),
            ("ARM64", "aarch64-pc-windows-msvc"),
        ] {
            assert!(
                xml.contains(&format!("'{platform}'\">{target}</RustTarget>")),
                "{xml}"
            );
        }
    }

    #[test]
    fn the_matrix_lists_the_workflow_rows() {
        let yaml = workflow_matrix(PLATFORMS);
        let wanted = PLATFORMS
            .iter()
            .flat_map(|p| p.variants)
            .filter(|v| v.workflow.is_some())
            .count();
        let windows = windows_matrix(PLATFORMS);
        assert_eq!(
            yaml.matches("- platform: ").count() + windows.matches("- platform: ").count(),
            wanted
        );
        assert!(windows.contains("- platform: ARM64\n            runs-on: windows-2022\n"));
        assert!(yaml.contains("runs-on: macos-14\n            rust-target: aarch64-apple-darwin\n"));
    }
}
