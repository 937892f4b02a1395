//! Keeping the pre-generated sets current, from a build with bindgen:
//! `CPYTHON_SYS_REGEN=write` stores what bindgen made for this CPython as
//! the set `<name>.{rs,layout}` of `CPYTHON_SYS_REGEN_DIR` (or, when another
//! stored set has the same bindings and layouts, as a `same-as` line), and
//! `CPYTHON_SYS_REGEN=check` fails when the stored set differs (the
//! staleness test).  `cargo regen bindings BUILDDIR` sets both.

use crate::generate::{same_as, stored_set, Bindings, SAME_AS};
use crate::layout;
use std::path::{Path, PathBuf};

pub fn on_request(name: &str, bindings: &Bindings) -> Result<(), String> {
    println!("cargo:rerun-if-env-changed=CPYTHON_SYS_REGEN");
    println!("cargo:rerun-if-env-changed=CPYTHON_SYS_REGEN_DIR");
    let Ok(mode) = std::env::var("CPYTHON_SYS_REGEN") else {
        return Ok(());
    };
    if bindings.source != "bindgen" {
        return Err(format!(
            "CPYTHON_SYS_REGEN={mode} compares bindgen's output with the stored set, but these \
             bindings come from {}; fix: build with the `bindgen` feature (RUST_FEATURES=bindgen)",
            bindings.source
        ));
    }
    let dir = std::env::var_os("CPYTHON_SYS_REGEN_DIR")
        .map(PathBuf::from)
        .ok_or("CPYTHON_SYS_REGEN needs CPYTHON_SYS_REGEN_DIR (the bindings/ folder to use)")?;
    let layout_text = layout::to_text(&bindings.facts);
    match mode.as_str() {
        "write" => write(&dir, name, &bindings.code, &layout_text)
            .map_err(|e| format!("cannot write the set {name} in {}: {e}", dir.display())),
        "check" => {
            let current = stored_set(&dir, name)
                .is_some_and(|file| matches(&file, &bindings.code, &layout_text));
            if current {
                Ok(())
            } else {
                Err(format!(
                    "the pre-generated set {name} (in {}) is missing or stale: bindgen makes \
                     other bindings or layouts from this CPython's headers.\n\
                     fix: regenerate it from this build: cargo regen bindings <this build dir> \
                     (docs/cpython.md, \"Bindings\")",
                    dir.display()
                ))
            }
        }
        other => Err(format!(
            "CPYTHON_SYS_REGEN={other} is not a mode: use `check` or `write`"
        )),
    }
}

/// Stores the set, once: as a `same-as` line when another stored set is
/// equal, else as its own two files.
fn write(dir: &Path, name: &str, code: &str, layout_text: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let own = dir.join(format!("{name}.rs"));
    let equal = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs") && *p != own)
        .find(|p| matches(p, code, layout_text));
    let mut aliases: Vec<(String, String)> = same_as(dir)
        .into_iter()
        .filter(|(alias, _)| alias != name)
        .collect();
    if let Some(stored) = equal {
        let stored = stored.file_stem().unwrap().to_string_lossy().into_owned();
        aliases.push((name.to_string(), stored));
        for ext in ["rs", "layout"] {
            let _ = std::fs::remove_file(dir.join(format!("{name}.{ext}")));
        }
    } else {
        std::fs::write(&own, code)?;
        std::fs::write(dir.join(format!("{name}.layout")), layout_text)?;
    }
    aliases.sort();
    let mut text = String::from("# <set> <stored set with the same bindings and layouts>\n");
    for (alias, stored) in aliases {
        text.push_str(&format!("{alias} {stored}\n"));
    }
    std::fs::write(dir.join(SAME_AS), text)
}

fn matches(file: &Path, code: &str, layout_text: &str) -> bool {
    let stored_code = std::fs::read_to_string(file).unwrap_or_default();
    let stored_layout = std::fs::read_to_string(file.with_extension("layout")).unwrap_or_default();
    same_tokens(&stored_code, code) && stored_layout == layout_text
}

/// Equal but for formatting (rustfmt versions differ in where they break
/// lines).
fn same_tokens(a: &str, b: &str) -> bool {
    let strip = |s: &str| s.split_whitespace().collect::<String>();
    strip(a) == strip(b)
}
