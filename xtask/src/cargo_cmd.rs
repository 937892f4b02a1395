//! Running the inner cargo: which cargo, the workspace's metadata, and how a
//! command is shown with `V=1`.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::Command;

use cargo_metadata::{Metadata, MetadataCommand};

/// The cargo that runs this xtask (cargo sets `CARGO`), so the inner build
/// uses the toolchain configure chose.
pub fn cargo() -> PathBuf {
    std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from)
}

/// `cargo metadata --no-deps` for the workspace: the members only, so it
/// needs no network and no vendored source.
pub fn workspace_metadata(manifest: &str, cargo_args: &[String]) -> Result<Metadata, String> {
    MetadataCommand::new()
        .cargo_path(cargo())
        .manifest_path(manifest)
        .no_deps()
        .other_options(cargo_args.to_vec())
        .exec()
        .map_err(|e| {
            format!(
                "`cargo metadata` failed for {manifest}: {e}\n\
                 fix: make sure {manifest} is a valid cargo workspace and Cargo.lock is up to date \
                 (run `cargo update --workspace` in the source tree and commit Cargo.lock)"
            )
        })
}

/// The command as a shell line, with the variables it sets in front.
pub fn show(cmd: &Command) -> String {
    let mut words: Vec<String> = cmd
        .get_envs()
        .filter_map(|(k, v)| v.map(|v| format!("{}={}", k.to_string_lossy(), quote(v))))
        .collect();
    words.push(quote(cmd.get_program()));
    words.extend(cmd.get_args().map(quote));
    words.join(" ")
}

fn quote(word: &OsStr) -> String {
    let word = word.to_string_lossy();
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.into_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn show_quotes_what_the_shell_would_split() {
        let mut cmd = Command::new("cargo");
        cmd.env("RUSTFLAGS", "-C opt-level=2")
            .args(["build", "--config", "a=\"b c\""]);
        assert_eq!(
            show(&cmd),
            "RUSTFLAGS='-C opt-level=2' cargo build --config 'a=\"b c\"'"
        );
    }
}
