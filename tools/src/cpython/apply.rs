//! `cargo cpython apply`: the whole procedure, step by step.

use super::modules::MODULES;
use super::{api_gate, autoconf, copy, edits};
use std::path::{Path, PathBuf};

pub struct Options {
    pub tree: PathBuf,
    pub stage: String,
    pub print_diff: bool,
    pub regen: bool,
}

const STAGES: [&str; 3] = ["warn", "opt-out", "require"];

impl Options {
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut tree = None;
        let mut stage = "warn".to_string();
        let mut print_diff = false;
        let mut regen = true;
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--stage" => {
                    stage = args
                        .next()
                        .ok_or("cpython apply: --stage needs a value: warn, opt-out or require")?
                        .clone()
                }
                "--diff" => print_diff = true,
                "--no-regen" => regen = false,
                other if other.starts_with('-') => {
                    return Err(format!("cpython apply: unknown option {other}; see --help"))
                }
                other => tree = Some(PathBuf::from(other)),
            }
        }
        if !STAGES.contains(&stage.as_str()) {
            return Err(format!(
                "cpython apply: invalid stage '{stage}'; pass --stage warn, opt-out or require"
            ));
        }
        let tree = tree.ok_or("cpython apply: missing the CPython source tree argument")?;
        Ok(Options {
            tree,
            stage,
            print_diff,
            regen,
        })
    }
}

/// The root of this repository: the layer's files are copied from here.
pub fn layer_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tools sits in the layer's root")
        .to_path_buf()
}

pub fn run(options: &Options) -> Result<(), String> {
    let tree = &options.tree;
    let version = read_version(tree)?;
    if version < (3, 11) {
        return Err(format!(
            "cpython apply: {} is CPython {}.{}; the layer supports 3.11 and later",
            tree.display(),
            version.0,
            version.1
        ));
    }
    // Everything that can fail is checked before the tree changes.
    let changes = edits::plan(tree, version.1, &options.stage)?;
    let autoconf = if options.regen {
        Some(autoconf::choose(tree)?)
    } else {
        None
    };
    copy::layer_files(&layer_root(), tree)?;
    let diff = edits::write(&changes)?;
    if options.print_diff {
        print!("{diff}");
    }
    if let Some(autoconf) = autoconf {
        autoconf::regenerate(tree, &autoconf)?;
    }
    // The gate's choice is made here, so say it here too (configure and
    // make repeat it for whoever builds the tree).
    for notice in MODULES
        .iter()
        .filter_map(|m| api_gate::notice(m, version.1))
    {
        eprintln!("cpython apply: {notice}");
    }
    eprintln!(
        "cpython apply: applied the Rust layer (stage {}) to CPython {}.{} in {}",
        options.stage,
        version.0,
        version.1,
        tree.display()
    );
    Ok(())
}

/// (major, minor) from Include/patchlevel.h.
fn read_version(tree: &Path) -> Result<(u32, u32), String> {
    let path = tree.join("Include/patchlevel.h");
    let text = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "cpython apply: cannot read {}: {e}; pass the root of a CPython source tree",
            path.display()
        )
    })?;
    let field = |name: &str| -> Option<u32> {
        text.lines()
            .find_map(|l| l.strip_prefix("#define ")?.trim().strip_prefix(name))
            .and_then(|rest| rest.trim().parse().ok())
    };
    match (field("PY_MAJOR_VERSION"), field("PY_MINOR_VERSION")) {
        (Some(major), Some(minor)) => Ok((major, minor)),
        _ => Err(format!(
            "cpython apply: no PY_MAJOR_VERSION/PY_MINOR_VERSION in {}",
            path.display()
        )),
    }
}
