//! What the driver reads of cargo's JSON: `cargo metadata --no-deps` (the
//! workspace's packages) and the messages of `cargo build
//! --message-format=json` (the archives, the build scripts' outputs).
//!
//! serde_json's `Value`, not the cargo_metadata crate: the driver is built
//! in every client's fresh build, and cargo_metadata's typed structs need
//! serde_derive, syn, camino, semver and thiserror. Measured in
//! docs/build-cost.md ("The build driver"): the driver's cold build and the
//! vendored crates shrink; these few fields are all it reads.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

/// A workspace member, as `cargo metadata` describes it.
pub struct Package {
    pub id: String,
    pub name: String,
    pub rust_version: Option<String>,
    /// Its Cargo.toml.
    pub manifest_path: PathBuf,
    /// The `lib<name>.a` names of its staticlib targets.
    pub staticlibs: Vec<String>,
}

/// One message of `cargo build --message-format=json`.
pub enum Message {
    /// A compiled target: its package, the directory of its Cargo.toml, its
    /// crate types and the files it produced.
    Artifact {
        package_id: String,
        package_dir: Option<PathBuf>,
        crate_types: Vec<String>,
        filenames: Vec<PathBuf>,
    },
    /// A build script ran; its `output` file sits beside `out_dir`.
    BuildScript {
        package_id: String,
        out_dir: PathBuf,
    },
    Other,
}

/// The workspace of `manifest`, as `cargo metadata` describes it.
pub struct Workspace {
    /// The directory of the workspace's root Cargo.toml: cargo runs rustc
    /// there, naming the members' sources relative to it.
    pub root: Option<PathBuf>,
    pub packages: Vec<Package>,
}

/// The workspace members of `manifest` (`cargo metadata --no-deps`: no
/// network, no vendored source needed).
pub fn workspace_packages(manifest: &str, cargo_args: &[String]) -> Result<Vec<Package>, String> {
    workspace(manifest, cargo_args).map(|w| w.packages)
}

/// The workspace of `manifest`: its root and members (`cargo metadata --no-deps`).
pub fn workspace(manifest: &str, cargo_args: &[String]) -> Result<Workspace, String> {
    let fix = format!(
        "fix: make sure {manifest} is a valid cargo workspace and Cargo.lock is up to date \
         (run `cargo update --workspace` in the source tree and commit Cargo.lock)"
    );
    let out = Command::new(crate::cargo_cmd::cargo())
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .args(["--manifest-path", manifest])
        .args(cargo_args)
        .output()
        .map_err(|e| format!("cannot run `cargo metadata`: {e}\n{fix}"))?;
    if !out.status.success() {
        return Err(format!(
            "`cargo metadata` failed for {manifest}: {}\n{fix}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    parse_workspace(&String::from_utf8_lossy(&out.stdout))
        .map_err(|e| format!("`cargo metadata` for {manifest}: {e}\n{fix}"))
}

/// The highest `rust-version` of PACKAGES: the oldest rustc that builds
/// them all.
pub fn highest_rust_version(packages: &[Package]) -> Option<String> {
    packages
        .iter()
        .filter_map(|p| p.rust_version.clone())
        .max_by_key(|v| crate::toolchain::version_tuple(v))
}

fn parse_workspace(json: &str) -> Result<Workspace, String> {
    let root: Value = serde_json::from_str(json).map_err(|e| format!("not JSON: {e}"))?;
    let workspace_root = root["workspace_root"].as_str().map(PathBuf::from);
    let members: Vec<&str> = root["workspace_members"]
        .as_array()
        .ok_or("no workspace_members")?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let packages = root["packages"].as_array().ok_or("no packages")?;
    let packages = packages
        .iter()
        .filter(|p| members.contains(&p["id"].as_str().unwrap_or("")))
        .map(|p| Package {
            id: text(&p["id"]),
            name: text(&p["name"]),
            rust_version: p["rust_version"].as_str().map(str::to_owned),
            manifest_path: PathBuf::from(text(&p["manifest_path"])),
            staticlibs: p["targets"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|t| strings(&t["crate_types"]).iter().any(|c| c == "staticlib"))
                .map(|t| text(&t["name"]).replace('-', "_"))
                .collect(),
        })
        .collect();
    Ok(Workspace {
        root: workspace_root,
        packages,
    })
}

/// One line of cargo's JSON output (other lines, e.g. a wrapper's, are `Other`).
pub fn parse_message(line: &str) -> Message {
    let Ok(msg) = serde_json::from_str::<Value>(line) else {
        return Message::Other;
    };
    match msg["reason"].as_str() {
        Some("compiler-artifact") => Message::Artifact {
            package_id: text(&msg["package_id"]),
            package_dir: msg["manifest_path"]
                .as_str()
                .and_then(|m| PathBuf::from(m).parent().map(PathBuf::from)),
            crate_types: strings(&msg["target"]["crate_types"]),
            filenames: strings(&msg["filenames"])
                .into_iter()
                .map(PathBuf::from)
                .collect(),
        },
        Some("build-script-executed") => Message::BuildScript {
            package_id: text(&msg["package_id"]),
            out_dir: PathBuf::from(text(&msg["out_dir"])),
        },
        _ => Message::Other,
    }
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_members_and_their_staticlibs() {
        let json = r#"{"workspace_members":["a 0.1.0 (path+file:///w/a)"],"workspace_root":"/w",
            "packages":[
              {"id":"a 0.1.0 (path+file:///w/a)","name":"a","rust_version":"1.74",
               "manifest_path":"/w/a/Cargo.toml",
               "targets":[{"name":"my-lib","crate_types":["staticlib","rlib"]},
                          {"name":"build-script-build","crate_types":["bin"]}]},
              {"id":"dep 1.0.0","name":"dep","rust_version":null,
               "targets":[{"name":"dep","crate_types":["staticlib"]}]}]}"#;
        let workspace = parse_workspace(json).unwrap();
        assert_eq!(workspace.root, Some(PathBuf::from("/w")));
        let packages = workspace.packages;
        assert_eq!(packages.len(), 1, "only workspace members");
        assert_eq!(packages[0].name, "a");
        assert_eq!(packages[0].rust_version.as_deref(), Some("1.74"));
        assert_eq!(packages[0].manifest_path, PathBuf::from("/w/a/Cargo.toml"));
        assert_eq!(packages[0].staticlibs, ["my_lib"]);
    }

    #[test]
    fn reads_artifacts_and_build_scripts() {
        let artifact = r#"{"reason":"compiler-artifact","package_id":"a 0.1.0",
            "manifest_path":"/w/a/Cargo.toml","target":{"crate_types":["staticlib"]},
            "filenames":["/t/liba.a"]}"#;
        match parse_message(artifact) {
            Message::Artifact {
                package_id,
                package_dir,
                crate_types,
                filenames,
            } => {
                assert_eq!(package_id, "a 0.1.0");
                assert_eq!(package_dir, Some(PathBuf::from("/w/a")));
                assert_eq!(crate_types, ["staticlib"]);
                assert_eq!(filenames, [PathBuf::from("/t/liba.a")]);
            }
            _ => panic!("not an artifact"),
        }
        let script = r#"{"reason":"build-script-executed","package_id":"a","out_dir":"/t/out"}"#;
        assert!(matches!(parse_message(script),
            Message::BuildScript { out_dir, .. } if out_dir.as_path() == std::path::Path::new("/t/out")));
        assert!(matches!(parse_message("not json"), Message::Other));
        assert!(matches!(
            parse_message(r#"{"reason":"build-finished"}"#),
            Message::Other
        ));
    }
}
