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
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::args::Args;
use crate::bindgen_env;
use crate::cargo_cmd::{self, cargo};
use crate::cargo_json::{self, Message, Package};
use crate::depinfo;
use crate::libtool;
use crate::remap;
use crate::tree_lock;

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
    "libtool-deps",
    "features",
];

pub fn run(args: &[String]) -> Result<(), String> {
    let args = Args::parse("build", args, OPTIONS)?;
    let manifest = args.required("manifest-path")?;
    let target = args.required("target")?;
    let release = is_release(args.required("profile")?)?;
    let out_dir = PathBuf::from(args.required("out-dir")?);
    let stamp = args.required("stamp")?;
    let depfile = args.required("depfile")?;
    let built_with = settings(&args.all("built-with"))?;
    // Held to the end: one driver at a time copies into this tree.
    let _lock = tree_lock::lock(&out_dir.join("build.lock"))?;

    let workspace = cargo_json::workspace(manifest, &args.rest)?;
    let packages: Vec<&Package> = workspace
        .packages
        .iter()
        .filter(|p| !p.staticlibs.is_empty())
        .collect();
    if packages.is_empty() {
        return Err(format!(
            "no package of the workspace {manifest} has a staticlib target, so there is nothing \
             for the host to link\nfix: add `[lib] crate-type = [\"staticlib\"]` to the crate \
             the host links"
        ));
    }
    if !args.flag("verbose") {
        for package in &packages {
            for name in &package.staticlibs {
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
    if let Some(features) = args.optional("features") {
        cmd.args(["--features", features]);
    }
    if !args.flag("verbose") {
        cmd.arg("--quiet");
    }
    cmd.args(&args.rest);
    let remaps = remap::flags(&remap::Roots::from_env(workspace.root.clone(), &args.rest));
    set_target_env(&mut cmd, target, release, args.optional("lto"), &remaps)?;
    if args.flag("verbose") {
        println!("{}", cargo_cmd::show(&cmd));
    }

    let outputs = run_cargo_build(cmd, &packages, target)?;
    fs::create_dir_all(&out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let mut deps = BTreeSet::new();
    let mut copies = Vec::new();
    for archive in &outputs.archives {
        let name = archive.file_name().unwrap_or("lib.a".as_ref());
        let copy = out_dir.join(name);
        copy_file(archive, &copy)?;
        if let Some(native_libs) = args.optional("libtool-deps") {
            libtool::write_convenience_library(&copy, native_libs)?;
        }
        copies.push(copy);
        // Cargo writes `lib<name>.d` beside the archive it uplifts.
        let dep_info = archive.with_extension("d");
        let text = fs::read_to_string(&dep_info).map_err(|e| {
            format!(
                "cannot read cargo's dep-info {}: {e}\nfix: run `make rust-clean` and build again",
                dep_info.display()
            )
        })?;
        deps.extend(depinfo::parse_dep_info(&text));
    }
    deps.extend(outputs.rerun_if_changed);
    let fragment = depinfo::make_fragment(stamp, &copies, &deps, &built_with);
    write_file(Path::new(depfile), &fragment)?;
    let built: Vec<String> = outputs
        .archives
        .iter()
        .map(|a| a.display().to_string())
        .collect();
    write_file(Path::new(stamp), &format!("{}\n", built.join("\n")))
}

/// The `--built-with NAME=VALUE` settings, to record in the depfile.
fn settings<'a>(given: &[&'a str]) -> Result<Vec<(&'a str, &'a str)>, String> {
    given
        .iter()
        .map(|s| {
            s.split_once('=')
                .filter(|(name, _)| {
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                })
                .ok_or_else(|| {
                    format!(
                        "build: `--built-with {s}` is not NAME=VALUE (Makefile.rust passes \
                         RUST_BUILD_SETTINGS; re-run configure)"
                    )
                })
        })
        .collect()
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

/// configure's RUSTFLAGS after the path remappings (`remaps`) and LTO, for
/// the target crates only (with `--target`, cargo does not apply them to
/// build scripts), and the C compiler's sysroot and include flags for
/// bindgen when cross-compiling.  The flags go in CARGO_ENCODED_RUSTFLAGS,
/// which keeps a remapped path with a space in it whole.
fn set_target_env(
    cmd: &mut Command,
    target: &str,
    release: bool,
    lto: Option<&str>,
    remaps: &[String],
) -> Result<(), String> {
    if let Some((var, value)) = bindgen_env::bindgen_env(target) {
        cmd.env(var, value);
    }
    // Incremental compilation (the dev profile's default for workspace
    // members) names the archive's objects after its session, which differs
    // from build to build; a CARGO_INCREMENTAL of the user's wins.
    if std::env::var_os("CARGO_INCREMENTAL").is_none() {
        cmd.env("CARGO_INCREMENTAL", "0");
    }
    let user_flags = std::env::var(RUSTFLAGS_VAR).unwrap_or_default();
    cmd.env_remove("RUSTFLAGS").env(
        "CARGO_ENCODED_RUSTFLAGS",
        remap::encoded_rustflags(remaps, &user_flags),
    );
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
    archives: Vec<PathBuf>,
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
    let wanted: Vec<&str> = packages.iter().map(|p| p.id.as_str()).collect();
    let mut archives = Vec::new();
    let mut package_dirs: HashMap<String, PathBuf> = HashMap::new();
    let mut build_script_outputs = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("cannot read cargo's output: {e}"))?;
        match cargo_json::parse_message(&line) {
            Message::Artifact {
                package_id,
                package_dir,
                crate_types,
                filenames,
            } => {
                let is_staticlib = crate_types.iter().any(|c| c == "staticlib");
                if is_staticlib && wanted.contains(&package_id.as_str()) {
                    archives.extend(
                        filenames
                            .into_iter()
                            .filter(|f| f.extension().is_some_and(|e| e == "a")),
                    );
                }
                if let Some(dir) = package_dir {
                    package_dirs.insert(package_id, dir);
                }
            }
            Message::BuildScript {
                package_id,
                out_dir,
            } => {
                // `output` (what the script printed) sits beside OUT_DIR.
                if let Some(dir) = out_dir.parent() {
                    build_script_outputs.push((package_id, dir.join("output")));
                }
            }
            Message::Other => {}
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
            .map_err(|e| format!("cannot read build script output {}: {e}", output.display()))?;
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
    through_tmp(to, |tmp| fs::copy(from, tmp).map(drop))
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

/// Writes through a temporary file, so make never reads a half-written one.
fn write_file(path: &Path, text: &str) -> Result<(), String> {
    through_tmp(path, |tmp| fs::write(tmp, text))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// `write` fills a temporary file next to `path`, named for this process
/// (another make's driver may be writing the same file), which is then
/// renamed to `path`; on failure (a full disk) it is removed.
fn through_tmp(
    path: &Path,
    write: impl FnOnce(&Path) -> std::io::Result<()>,
) -> Result<(), String> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".{}.tmp", std::process::id()));
    let tmp = PathBuf::from(tmp);
    write(&tmp)
        .and_then(|()| fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = fs::remove_file(&tmp);
            crate::disk::explain(&e, path)
        })
}
