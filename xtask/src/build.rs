//! `cargo xtask build`: the build driver that Makefile.rust runs.
//!
//! Builds every workspace package with a `staticlib` target in one cargo
//! run for the configured target, copies the archives to the out dir, and
//! writes a make fragment so the stamp depends on every source file cargo
//! read and on the archives it stands for, and records what the build was
//! made with: a no-op `make` then never starts cargo, and a deleted archive
//! or a changed setting rebuilds.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use cargo_metadata::camino::Utf8PathBuf;
use cargo_metadata::{Message, Metadata, Package, PackageId};

use crate::args::Args;
use crate::bindgen_env;
use crate::cargo_cmd::{self, cargo};
use crate::depinfo;

/// Environment variable holding configure's RUSTFLAGS: they are meant for
/// the target crates only, so make keeps them out of the xtask's own build.
pub const RUSTFLAGS_VAR: &str = "RUST_LAYER_RUSTFLAGS";

const OPTIONS: &[&str] = &[
    "manifest-path",
    "target",
    "profile",
    "lto",
    "out-dir",
    "stamp",
    "depfile",
    "built-with",
];

pub fn run(args: &[String]) -> Result<(), String> {
    let args = Args::parse("build", args, OPTIONS)?;
    let manifest = args.required("manifest-path")?;
    let target = args.required("target")?;
    let release = is_release(args.required("profile")?)?;
    let out_dir = PathBuf::from(args.required("out-dir")?);
    let stamp = args.required("stamp")?;
    let depfile = args.required("depfile")?;
    let built_with = args.optional("built-with").unwrap_or("");

    let metadata = cargo_cmd::workspace_metadata(manifest, &args.rest)?;
    let packages = staticlib_packages(&metadata);
    if packages.is_empty() {
        return Err(format!(
            "no package of the workspace {manifest} has a staticlib target, so there is nothing \
             for the host to link\nfix: add `[lib] crate-type = [\"staticlib\"]` to the crate \
             the host links"
        ));
    }
    if !args.flag("verbose") {
        for package in &packages {
            for name in staticlib_names(package) {
                println!(
                    "  CARGO    {}",
                    out_dir.join(format!("lib{name}.a")).display()
                );
            }
        }
    }

    let mut cmd = Command::new(cargo());
    cmd.args(["build", "--message-format=json-render-diagnostics"])
        .args(["--manifest-path", manifest, "--target", target]);
    if release {
        cmd.arg("--release");
    }
    for package in &packages {
        cmd.args(["-p", &package.name]);
    }
    if !args.flag("verbose") {
        cmd.arg("--quiet");
    }
    cmd.args(&args.rest);
    set_target_env(&mut cmd, target, release, args.optional("lto"))?;
    if args.flag("verbose") {
        println!("{}", cargo_cmd::show(&cmd));
    }

    let outputs = run_cargo_build(cmd, &packages, target)?;
    fs::create_dir_all(&out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let mut deps = BTreeSet::new();
    let mut copies = Vec::new();
    for archive in &outputs.archives {
        let name = archive.file_name().unwrap_or("lib.a");
        let copy = out_dir.join(name);
        copy_file(archive.as_std_path(), &copy)?;
        copies.push(copy);
        // Cargo writes `lib<name>.d` beside the archive it uplifts.
        let dep_info = archive.with_extension("d");
        let text = fs::read_to_string(&dep_info).map_err(|e| {
            format!("cannot read cargo's dep-info {dep_info}: {e}\nfix: run `make rust-clean` and build again")
        })?;
        deps.extend(depinfo::parse_dep_info(&text));
    }
    deps.extend(outputs.rerun_if_changed);
    let fragment = depinfo::make_fragment(stamp, &copies, &deps, built_with);
    write_file(Path::new(depfile), &fragment)?;
    let built: Vec<&str> = outputs.archives.iter().map(|a| a.as_str()).collect();
    write_file(Path::new(stamp), &format!("{}\n", built.join("\n")))
}

fn is_release(profile: &str) -> Result<bool, String> {
    match profile {
        "release" => Ok(true),
        "debug" => Ok(false),
        other => Err(format!(
            "unknown profile `{other}`: RUST_PROFILE must be `release` or `debug` (re-run configure)"
        )),
    }
}

/// The workspace packages that have a staticlib target.
fn staticlib_packages(metadata: &Metadata) -> Vec<&Package> {
    metadata
        .workspace_packages()
        .into_iter()
        .filter(|p| !staticlib_names(p).is_empty())
        .collect()
}

/// The library names (as in `lib<name>.a`) of a package's staticlib targets.
fn staticlib_names(package: &Package) -> Vec<String> {
    package
        .targets
        .iter()
        .filter(|t| t.crate_types.iter().any(|c| c == "staticlib"))
        .map(|t| t.name.replace('-', "_"))
        .collect()
}

/// configure's RUSTFLAGS and LTO, for the target crates only (with
/// `--target`, cargo does not apply RUSTFLAGS to build scripts), and the C
/// compiler's sysroot and include flags for bindgen when cross-compiling.
fn set_target_env(
    cmd: &mut Command,
    target: &str,
    release: bool,
    lto: Option<&str>,
) -> Result<(), String> {
    cmd.env_remove("CARGO_ENCODED_RUSTFLAGS");
    if let Some((var, value)) = bindgen_env::bindgen_env(target) {
        cmd.env(var, value);
    }
    match std::env::var(RUSTFLAGS_VAR) {
        Ok(flags) if !flags.trim().is_empty() => {
            cmd.env("RUSTFLAGS", flags);
        }
        _ => {
            cmd.env_remove("RUSTFLAGS");
        }
    }
    let lto_var = if release {
        "CARGO_PROFILE_RELEASE_LTO"
    } else {
        "CARGO_PROFILE_DEV_LTO"
    };
    match lto.unwrap_or("no") {
        "yes" => {
            cmd.env(lto_var, "true");
        }
        "no" => {}
        other => {
            return Err(format!(
                "unknown LTO setting `{other}`: RUST_LTO must be `yes` or `no` (re-run configure)"
            ))
        }
    }
    Ok(())
}

struct BuildOutputs {
    archives: Vec<Utf8PathBuf>,
    rerun_if_changed: Vec<PathBuf>,
}

/// Runs the build and collects, from cargo's JSON messages, the staticlib
/// archives and the build scripts' `rerun-if-changed` paths.
fn run_cargo_build(
    mut cmd: Command,
    packages: &[&Package],
    target: &str,
) -> Result<BuildOutputs, String> {
    let mut child = cmd.stdout(Stdio::piped()).spawn().map_err(|e| {
        format!(
            "cannot run {}: {e}\nfix: check CARGO in Makefile.rust (re-run configure)",
            cargo().display()
        )
    })?;
    let stdout = child.stdout.take().expect("stdout is piped");
    let wanted: Vec<&PackageId> = packages.iter().map(|p| &p.id).collect();
    let mut archives = Vec::new();
    let mut package_dirs: HashMap<PackageId, PathBuf> = HashMap::new();
    let mut build_script_outputs = Vec::new();
    for message in Message::parse_stream(BufReader::new(stdout)) {
        match message.map_err(|e| format!("cannot read cargo's output: {e}"))? {
            Message::CompilerArtifact(artifact) => {
                if let Some(dir) = artifact.manifest_path.parent() {
                    package_dirs.insert(artifact.package_id.clone(), dir.into());
                }
                let is_staticlib = artifact.target.crate_types.iter().any(|c| c == "staticlib");
                if is_staticlib && wanted.contains(&&artifact.package_id) {
                    archives.extend(
                        artifact
                            .filenames
                            .into_iter()
                            .filter(|f| f.extension() == Some("a")),
                    );
                }
            }
            Message::BuildScriptExecuted(script) => {
                // `output` (what the script printed) sits beside OUT_DIR.
                if let Some(dir) = script.out_dir.parent() {
                    build_script_outputs.push((script.package_id, dir.join("output")));
                }
            }
            _ => {}
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("cannot wait for cargo: {e}"))?;
    if !status.success() {
        let rustflags = if crate::toolchain::layer_rustflags().is_empty() {
            String::new()
        } else {
            format!(
                "\nfix: if the errors are about the flags, {}",
                crate::toolchain::rustflags_fix()
            )
        };
        return Err(format!(
            "cargo build for {target} failed ({status}); the errors are above\n\
             fix: correct the Rust errors above; for a toolchain problem run `make rust-available`\
             {rustflags}"
        ));
    }
    let mut rerun_if_changed = Vec::new();
    for (package_id, output) in build_script_outputs {
        let text = fs::read_to_string(&output)
            .map_err(|e| format!("cannot read build script output {output}: {e}"))?;
        // Relative paths are the package's; cargo's dep-info has them too.
        if let Some(dir) = package_dirs.get(&package_id) {
            rerun_if_changed.extend(depinfo::parse_rerun_if_changed(&text, dir));
        }
    }
    Ok(BuildOutputs {
        archives,
        rerun_if_changed,
    })
}

/// Copies through a temporary file: an interrupted copy never leaves a
/// truncated archive under the name the host links.
fn copy_file(from: &Path, to: &Path) -> Result<(), String> {
    let tmp = tmp_path(to);
    fs::copy(from, &tmp)
        .and_then(|_| fs::rename(&tmp, to))
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

fn tmp_path(path: &Path) -> PathBuf {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    PathBuf::from(tmp)
}

/// Writes through a temporary file, so make never reads a half-written one.
fn write_file(path: &Path, text: &str) -> Result<(), String> {
    let tmp = tmp_path(path);
    fs::write(&tmp, text)
        .and_then(|()| fs::rename(&tmp, path))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}
