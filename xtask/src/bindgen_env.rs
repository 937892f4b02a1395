//! What bindgen must know of the project's C compiler when cross-compiling.
//!
//! configure hands cargo the project's `CC` and `CFLAGS` for the target as
//! `CC_<target>` and `CFLAGS_<target>` (the cc crate reads them).  bindgen
//! reads neither: without help, libclang parses the build machine's headers
//! (WASI's build failed on glibc's `bits/wordsize.h`).  So the driver passes
//! the sysroot and the include and macro flags of `$CC $CFLAGS` in
//! `BINDGEN_EXTRA_CLANG_ARGS_<target>`, the variable bindgen documents for
//! this.  The target itself comes from the crate (cargo's `TARGET`).

use std::process::Command;

/// Flags that take their value as the next word when not joined to it.
const WITH_VALUE: &[&str] = &[
    "-I",
    "-isystem",
    "-idirafter",
    "-iquote",
    "-include",
    "-D",
    "-U",
    "-isysroot",
    "--sysroot",
];
/// Flags whose value is always joined (`-std=c11`).
const JOINED: &[&str] = &["--sysroot=", "-std="];

/// The variables cargo's build scripts see for `target`.  None when the
/// layer gave cargo no C compiler for it (a native build: libclang's own
/// defaults are the build machine's, which is right) or when the user set
/// bindgen's variable already.
pub fn bindgen_env(target: &str) -> Option<(String, String)> {
    let suffix = target.replace(['-', '.'], "_");
    let var = format!("BINDGEN_EXTRA_CLANG_ARGS_{target}");
    let user_set = [
        var.clone(),
        format!("BINDGEN_EXTRA_CLANG_ARGS_{suffix}"),
        "BINDGEN_EXTRA_CLANG_ARGS".to_string(),
    ]
    .iter()
    .any(|v| std::env::var_os(v).is_some());
    let cc = std::env::var(format!("CC_{suffix}")).ok()?;
    if user_set {
        return None;
    }
    let cc = shlex::split(&cc)?;
    let cflags = shlex::split(&std::env::var(format!("CFLAGS_{suffix}")).unwrap_or_default())?;
    let args = clang_args(&cc, &cflags, || print_sysroot(&cc, &cflags));
    let joined = shlex::try_join(args.iter().map(String::as_str)).ok()?;
    Some((var, joined))
}

/// The flags of `cc cflags` that decide which headers clang reads and how:
/// sysroot, include directories, forced includes, macros and the C
/// standard.  When none names a sysroot, the compiler's own
/// (`-print-sysroot`, e.g. a GCC configured `--with-sysroot`) is added.
pub fn clang_args(
    cc: &[String],
    cflags: &[String],
    print_sysroot: impl FnOnce() -> Option<String>,
) -> Vec<String> {
    let mut kept = Vec::new();
    // The compiler's own name (and a wrapper like ccache) is not a flag.
    let mut words = cc.iter().skip_while(|w| !w.starts_with('-')).chain(cflags);
    while let Some(word) = words.next() {
        if JOINED
            .iter()
            .any(|p| word.starts_with(p) && word.len() > p.len())
        {
            kept.push(word.clone());
        } else if let Some(flag) = WITH_VALUE.iter().find(|f| word.starts_with(**f)) {
            kept.push(word.clone());
            if word.len() == flag.len() {
                kept.extend(words.next().cloned());
            }
        }
    }
    let names_sysroot = kept
        .iter()
        .any(|w| w.starts_with("--sysroot") || w == "-isysroot");
    if !names_sysroot {
        if let Some(root) = print_sysroot().filter(|r| !r.is_empty() && r != "/") {
            kept.push(format!("--sysroot={root}"));
        }
    }
    kept
}

/// `$CC $CFLAGS -print-sysroot`: the compiler's default sysroot, if it has
/// one that exists.
fn print_sysroot(cc: &[String], cflags: &[String]) -> Option<String> {
    let (program, args) = cc.split_first()?;
    let out = Command::new(program)
        .args(args)
        .args(cflags)
        .arg("-print-sysroot")
        .output()
        .ok()?;
    let root = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && std::path::Path::new(&root).is_dir()).then_some(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        shlex::split(s).unwrap()
    }

    #[test]
    fn keeps_what_decides_the_headers_and_drops_the_rest() {
        let args = clang_args(
            &words("ccache /sdk/bin/clang --sysroot=/sdk/share/wasi-sysroot"),
            &words("-O2 -g -I /opt/inc -isystem/opt/sys -DNDEBUG -D FOO=1 -U BAR -std=c11 -Wall"),
            || panic!("a sysroot was given: the compiler is not asked"),
        );
        assert_eq!(
            args,
            words(
                "--sysroot=/sdk/share/wasi-sysroot -I /opt/inc -isystem/opt/sys -DNDEBUG \
                 -D FOO=1 -U BAR -std=c11"
            )
        );
    }

    #[test]
    fn asks_the_compiler_for_its_sysroot_when_none_is_given() {
        let gcc = words("aarch64-linux-gnu-gcc");
        let args = clang_args(&gcc, &[], || Some("/usr/aarch64-linux-gnu".into()));
        assert_eq!(args, ["--sysroot=/usr/aarch64-linux-gnu"]);
        // Debian's cross GCCs have none ("" or "/"): nothing is added.
        assert!(clang_args(&gcc, &[], || Some(String::new())).is_empty());
        assert!(clang_args(&gcc, &[], || Some("/".into())).is_empty());
    }

    #[test]
    fn separate_sysroot_words_count_as_a_sysroot() {
        let args = clang_args(&words("cc --sysroot /r"), &words("-isysroot /s"), || {
            panic!("not asked")
        });
        assert_eq!(args, words("--sysroot /r -isysroot /s"));
    }
}
