//! Vendored crates that no build can compile, cut down to their manifest.
//!
//! `cargo vendor` copies every crate of Cargo.lock, and a `--frozen` build
//! needs each of them present: cargo resolves the whole lock ("no matching
//! package named `serde` found" when one is missing, although it would
//! never build it).  It reads only their `Cargo.toml` and the package
//! checksum, though.  serde_json names serde under
//! `[target.'cfg(any())'.dependencies]` (to keep their versions in step),
//! and `cfg(any())` is false on every target: serde, serde_derive, syn,
//! quote, proc-macro2 and unicode-ident are never compiled, on any target
//! and with any features.  They keep their manifest and a checksum file that
//! lists no files (cargo then checks none); their sources go
//! (docs/build-cost.md measures it).

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::cargo_cmd::cargo;

/// The platform of a dependency that no target has.
const NEVER: &str = "cfg(any())";

/// Stubs the crates of `vendor` (just vendored for `manifest`) that no
/// build reaches; returns their directory names.
pub fn stub_unbuildable(manifest: &str, vendor: &Path) -> Result<Vec<String>, String> {
    let directory = format!(
        "source.vendored-sources.directory={:?}",
        vendor.to_string_lossy()
    );
    let out = Command::new(cargo())
        .args([
            "metadata",
            "--format-version",
            "1",
            "--all-features",
            "--frozen",
        ])
        .args(["--manifest-path", manifest])
        .args([
            "--config",
            "source.crates-io.replace-with=\"vendored-sources\"",
        ])
        .args(["--config", &directory])
        .output()
        .map_err(|e| format!("cannot run `cargo metadata`: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "`cargo metadata` cannot resolve the workspace from the crates just vendored \
             into {}: {}\nfix: run `make rust-vendor` again; if it fails the same way, \
             report it with this message",
            vendor.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let metadata: Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("`cargo metadata` printed no JSON: {e}"))?;
    let mut stubbed = Vec::new();
    for dir in unbuildable(&metadata) {
        stub(&vendor.join(&dir))?;
        stubbed.push(dir);
    }
    Ok(stubbed)
}

/// The `name-version` of each vendored crate (one with a `source`) that the
/// workspace members reach only through `cfg(any())` dependencies.
fn unbuildable(metadata: &Value) -> Vec<String> {
    let list = |v: &Value| v.as_array().cloned().unwrap_or_default();
    let mut edges: HashMap<String, Vec<String>> = HashMap::new();
    for node in list(&metadata["resolve"]["nodes"]) {
        let deps = list(&node["deps"])
            .iter()
            .filter(|dep| {
                list(&dep["dep_kinds"]).iter().any(|kind| {
                    kind["target"]
                        .as_str()
                        .map_or(true, |t| t.replace(' ', "") != NEVER)
                })
            })
            .filter_map(|dep| dep["pkg"].as_str().map(str::to_owned))
            .collect();
        edges.insert(node["id"].as_str().unwrap_or_default().to_owned(), deps);
    }
    let mut reached: HashSet<String> = HashSet::new();
    let mut todo: Vec<String> = list(&metadata["workspace_members"])
        .iter()
        .filter_map(|m| m.as_str().map(str::to_owned))
        .collect();
    while let Some(id) = todo.pop() {
        if reached.insert(id.clone()) {
            todo.extend(edges.get(&id).into_iter().flatten().cloned());
        }
    }
    let mut dirs: Vec<String> = list(&metadata["packages"])
        .iter()
        .filter(|p| !p["source"].is_null())
        .filter(|p| !reached.contains(p["id"].as_str().unwrap_or_default()))
        .map(|p| {
            format!(
                "{}-{}",
                p["name"].as_str().unwrap_or_default(),
                p["version"].as_str().unwrap_or_default()
            )
        })
        .collect();
    dirs.sort();
    dirs
}

/// Leaves `dir` its Cargo.toml, an empty `src/lib.rs` when it had one (an
/// old manifest finds its library by that file), and a checksum file with
/// the package checksum that Cargo.lock holds and no files to check.
fn stub(dir: &Path) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("cannot stub the vendored crate {}: {e}", dir.display());
    let checksum_file = dir.join(".cargo-checksum.json");
    let checksum: Value = fs::read(&checksum_file)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or_else(|| format!("{} is missing or not JSON", checksum_file.display()))?;
    let had_lib = dir.join("src").join("lib.rs").is_file();
    for entry in fs::read_dir(dir).map_err(fail)?.flatten() {
        let path = entry.path();
        if entry.file_name() == "Cargo.toml" {
            continue;
        }
        if path.is_dir() {
            fs::remove_dir_all(&path).map_err(fail)?;
        } else {
            fs::remove_file(&path).map_err(fail)?;
        }
    }
    if had_lib {
        fs::create_dir_all(dir.join("src")).map_err(fail)?;
        fs::write(dir.join("src").join("lib.rs"), "").map_err(fail)?;
    }
    let stub = serde_json::json!({ "files": {}, "package": checksum["package"] });
    fs::write(&checksum_file, stub.to_string()).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crates_behind_cfg_any_only_are_unbuildable() {
        let json = r#"{
          "workspace_members": ["path+file:///w/x#0.1.0"],
          "packages": [
            {"id": "path+file:///w/x#0.1.0", "name": "x", "version": "0.1.0", "source": null},
            {"id": "r#json@1.0.0", "name": "json", "version": "1.0.0", "source": "registry+r"},
            {"id": "r#serde@1.0.1", "name": "serde", "version": "1.0.1", "source": "registry+r"},
            {"id": "r#syn@2.0.0", "name": "syn", "version": "2.0.0", "source": "registry+r"},
            {"id": "r#winapi@0.3.0", "name": "winapi", "version": "0.3.0", "source": "registry+r"}
          ],
          "resolve": {"nodes": [
            {"id": "path+file:///w/x#0.1.0", "deps": [
              {"pkg": "r#json@1.0.0", "dep_kinds": [{"kind": null, "target": null}]},
              {"pkg": "r#winapi@0.3.0", "dep_kinds": [{"kind": null, "target": "cfg(windows)"}]}]},
            {"id": "r#json@1.0.0", "deps": [
              {"pkg": "r#serde@1.0.1", "dep_kinds": [{"kind": null, "target": "cfg(any())"}]}]},
            {"id": "r#serde@1.0.1", "deps": [
              {"pkg": "r#syn@2.0.0", "dep_kinds": [{"kind": null, "target": null}]}]},
            {"id": "r#syn@2.0.0", "deps": []},
            {"id": "r#winapi@0.3.0", "deps": []}
          ]}}"#;
        let metadata: Value = serde_json::from_str(json).unwrap();
        assert_eq!(unbuildable(&metadata), ["serde-1.0.1", "syn-2.0.0"]);
    }

    #[test]
    fn a_stub_keeps_the_manifest_and_the_package_checksum() {
        let dir = std::env::temp_dir().join(format!("xtask-stub-{}", std::process::id()));
        fs::create_dir_all(dir.join("src")).unwrap();
        fs::write(dir.join("Cargo.toml"), "[package]\nname = \"s\"\n").unwrap();
        fs::write(dir.join("src/lib.rs"), "pub fn f() {}").unwrap();
        fs::write(dir.join("build.rs"), "fn main() {}").unwrap();
        fs::write(
            dir.join(".cargo-checksum.json"),
            r#"{"files":{"src/lib.rs":"ab"},"package":"cd"}"#,
        )
        .unwrap();
        stub(&dir).unwrap();
        assert_eq!(
            fs::read_to_string(dir.join("Cargo.toml")).unwrap(),
            "[package]\nname = \"s\"\n"
        );
        assert_eq!(fs::read_to_string(dir.join("src/lib.rs")).unwrap(), "");
        assert!(!dir.join("build.rs").exists());
        let checksum: Value =
            serde_json::from_slice(&fs::read(dir.join(".cargo-checksum.json")).unwrap()).unwrap();
        assert_eq!(checksum, serde_json::json!({"files": {}, "package": "cd"}));
        fs::remove_dir_all(&dir).unwrap();
    }
}
