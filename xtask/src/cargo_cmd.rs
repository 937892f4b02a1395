//! Running the inner cargo: which cargo, and how a command is shown with `V=1`.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::Command;

/// The cargo that runs this xtask (cargo sets `CARGO`), so the inner build
/// uses the toolchain configure chose.
pub fn cargo() -> PathBuf {
    std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from)
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
    } else if word.contains('\x1f') {
        // CARGO_ENCODED_RUSTFLAGS' separator, visible as bash writes it.
        let escaped = word.replace('\\', "\\\\").replace('\'', "\\'");
        format!("$'{}'", escaped.replace('\x1f', "\\x1f"))
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

    #[test]
    fn show_writes_the_encoded_flags_separator_visibly() {
        let mut cmd = Command::new("cargo");
        cmd.env(
            "CARGO_ENCODED_RUSTFLAGS",
            "--remap-path-prefix=/a b=.\x1f-Cx='y'",
        );
        assert_eq!(
            show(&cmd),
            r"CARGO_ENCODED_RUSTFLAGS=$'--remap-path-prefix=/a b=.\x1f-Cx=\'y\'' cargo"
        );
    }
}
