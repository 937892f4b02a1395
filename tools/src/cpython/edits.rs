//! The small edits to CPython's build files, kept as readable data:
//! each is what an upstream pull request would change.

use super::api_gate::{self, C_MODULE, RUST_API};
use std::fs;
use std::path::Path;
use std::process::Command;

enum Place {
    After,
    Before,
    Replace,
    AtEnd,
}

struct Edit {
    /// CPython minor versions (3.x) the edit is for.
    minors: (u32, u32),
    file: &'static str,
    /// A whole line of the pristine file (unused for `AtEnd`).
    anchor: &'static str,
    place: Place,
    text: String,
}

const ALL: (u32, u32) = (11, u32::MAX);
/// 3.11 builds shared stdlib modules with setup.py, not makesetup.
const SETUP_PY: (u32, u32) = (11, 11);

const BINASCII_MODULE_ANCHOR: &str =
    "PY_STDLIB_MOD_SIMPLE([binascii], [$BINASCII_CFLAGS], [$BINASCII_LIBS])";
const PCBUILD_TARGETS_ANCHOR: &str = r#"  <ImportGroup Label="ExtensionTargets">"#;

/// pythoncore.vcxproj's import of msbuild/rust.targets; the bindings are
/// made from the tree's headers and the pyconfig.h in `pyconfig_dir`, by
/// bindgen: no pre-generated set is for Windows (LLP64) yet.
fn pcbuild_rust_import(pyconfig_dir: &str) -> String {
    format!(
        r#"  <!-- Rust code (msbuild/rust.targets); bindgen (libclang) reads this tree's headers. -->
  <PropertyGroup Condition="'$(WithRust)' == 'true'">
    <RustEnv>CPYTHON_SRCDIR=$(PySourcePath);CPYTHON_BUILDDIR={pyconfig_dir}</RustEnv>
    <RustFeatures Condition="'$(RustFeatures)' == ''">bindgen</RustFeatures>
  </PropertyGroup>
  <Import Project="..\msbuild\rust.targets" Condition="'$(WithRust)' == 'true'" />
"#
    )
}

/// configure.ac, before binascii's module line: the Rust checks, then
/// `binascii`, which picks binascii's source.
fn configure_rust(stage: &str, binascii: &str) -> String {
    format!(
        r#"dnl Rust: stage "{stage}" (see configure-rust.m4); Rust 1.74 is the oldest
dnl that the mrustc bootstrap path reaches.
RUST_CONFIGURE([{stage}], [1.74], [Python 3.17])
AS_VAR_IF([Py_DEBUG], [true], [RUST_SET_PROFILE([debug])])
AS_VAR_IF([Py_LTO], [true], [RUST_SET_LTO([yes])])
{binascii}AC_SUBST([MODULE_BINASCII_SRC])
"#
    )
}

/// binascii's source when the Rust module implements the tree's API.
const CONFIGURE_BINASCII_RUST: &str = r#"dnl With Rust, binascii is built from rust-support/binascii.
AS_VAR_IF([with_rust], [yes], [
  MODULE_BINASCII_SRC=binascii_rust.c
  BINASCII_CFLAGS='-I$(srcdir)/rust-support/cpython-rust/include'
  dnl Plain values, no make variables: 3.11's setup.py reads them through
  dnl sysconfig, which does not see Makefile.rust ("rust" is its RUST_LIBDIR).
  dnl No RUST_NATIVE_STATIC_LIBS: CPython's Rust crates are no_std and need
  dnl nothing beyond libc and libpython (docs/design.md).
  BINASCII_LIBS="rust/libcpython_rust.a $RUST_HIDE_LDFLAGS"
], [
  MODULE_BINASCII_SRC=binascii.c
])
"#;

/// binascii's source when the Rust module does not implement the tree's API
/// (api_gate.rs): the C module, and `notice`, once, when Rust is enabled.
/// Only then: without Rust binascii is the C module whatever the version,
/// and a line about it would be noise.  Makefile.pre.in repeats it on `make`.
fn configure_binascii_c(notice: &str) -> String {
    format!(
        r#"dnl binascii stays the C module: the Rust one implements another CPython
dnl version's API (the layer's tools/src/cpython/api_gate.rs).  Said only
dnl with Rust: without it, binascii is the C module whatever the version.
MODULE_BINASCII_SRC=binascii.c
BINASCII_GATE_NOTICE=
AS_VAR_IF([with_rust], [yes], [
  BINASCII_GATE_NOTICE="{notice}"
  AC_MSG_NOTICE([$BINASCII_GATE_NOTICE])
])
AC_SUBST([BINASCII_GATE_NOTICE])
"#
    )
}

/// Makefile.pre.in, before the rules: Makefile.rust, and what binascii is
/// built from (`binascii_deps`: with the Rust module, its build).
fn makefile_rust(binascii_deps: &str) -> String {
    format!(
        r#"# Rust code (Makefile.rust.in), before the rules so that their
# prerequisites can name $(RUST_STAMP).  The bindings are this tree's
# headers', checked by its C compiler.
RUST_ENV=	CPYTHON_SRCDIR="$(abs_srcdir)" CPYTHON_BUILDDIR="$(abs_builddir)" CC="$(CC)"
include Makefile.rust
MODULE_BINASCII_SRC=@MODULE_BINASCII_SRC@
{binascii_deps}
"#
    )
}

/// Makefile.pre.in for a gated tree: configure's notice on every `make`.
/// A phony prerequisite of the build targets alone (after `all`, which stays
/// the default goal): no file depends on it, so a no-op `make` stays one.
const MAKEFILE_GATE_NOTICE: &str = r#"# binascii is the C module: the Rust one implements another CPython
# version's API (the Rust layer's api_gate.rs); configure says why.
BINASCII_GATE_NOTICE=	@BINASCII_GATE_NOTICE@
.PHONY: binascii-gate-notice
build_all build_wasm: binascii-gate-notice
binascii-gate-notice:
	@test -z "$(BINASCII_GATE_NOTICE)" || echo "$(BINASCII_GATE_NOTICE)"

"#;

/// The edits for CPython 3.`minor`; `plan` keeps those whose `minors` hold it.
fn edits(stage: &str, minor: u32) -> Vec<Edit> {
    // Only the C_MODULE edits use it, and only for minors that have one.
    let notice = api_gate::notice(minor).unwrap_or_default();
    vec![
        Edit {
            minors: ALL,
            file: "configure.ac",
            anchor: "AC_INIT([python],[PYTHON_VERSION],[https://github.com/python/cpython/issues/])",
            place: Place::After,
            text: "\ndnl Optional Rust code: --with-rust, cargo driven from make.\nm4_include([configure-rust.m4])\n".into(),
        },
        Edit {
            minors: RUST_API,
            file: "configure.ac",
            anchor: BINASCII_MODULE_ANCHOR,
            place: Place::Before,
            text: configure_rust(stage, CONFIGURE_BINASCII_RUST),
        },
        Edit {
            minors: C_MODULE,
            file: "configure.ac",
            anchor: BINASCII_MODULE_ANCHOR,
            place: Place::Before,
            text: configure_rust(stage, &configure_binascii_c(&notice)),
        },
        Edit {
            minors: ALL,
            file: "configure.ac",
            anchor: "",
            place: Place::AtEnd,
            text: "\ndnl Repeat a Rust warning last, where people look.\nRUST_FINAL_NOTICE\n".into(),
        },
        Edit {
            minors: RUST_API,
            file: "Makefile.pre.in",
            anchor: "# Default target",
            place: Place::Before,
            text: makefile_rust("MODULE_BINASCII_DEPS=$(RUST_STAMP)\n"),
        },
        // Nothing waits for the Rust build, so cargo does not run: the
        // archive would not be linked.
        Edit {
            minors: C_MODULE,
            file: "Makefile.pre.in",
            anchor: "# Default target",
            place: Place::Before,
            text: makefile_rust(""),
        },
        Edit {
            minors: C_MODULE,
            file: "Makefile.pre.in",
            anchor: ".PHONY: build_all",
            place: Place::Before,
            text: MAKEFILE_GATE_NOTICE.into(),
        },
        Edit {
            minors: ALL,
            file: "Makefile.pre.in",
            anchor: "\tfind . -name '*.[oa]' -exec rm -f {} ';'",
            place: Place::Replace,
            // clean-retain-profile (PGO) relinks with the profile: the Rust
            // code does not use it, so its build is kept, not redone.
            text: "\tfind . $(RUST_FIND_PRUNE) -name '*.[oa]' -exec rm -f {} ';'\n".into(),
        },
        Edit {
            minors: ALL,
            file: "Makefile.pre.in",
            anchor: "\tfind . -name '*.s[ol]' -exec rm -f {} ';'",
            place: Place::Replace,
            text: "\tfind . $(RUST_FIND_PRUNE) -name '*.s[ol]' -exec rm -f {} ';'\n".into(),
        },
        Edit {
            minors: ALL,
            file: "Modules/Setup.stdlib.in",
            anchor: "@MODULE_BINASCII_TRUE@binascii binascii.c",
            place: Place::Replace,
            text: "# binascii.c, or binascii_rust.c (rust-support/binascii) when built with Rust\n@MODULE_BINASCII_TRUE@binascii @MODULE_BINASCII_SRC@\n".into(),
        },
        Edit {
            minors: SETUP_PY,
            file: "Makefile.pre.in",
            anchor: "sharedmods: $(PYTHON_FOR_BUILD_DEPS) pybuilddir.txt @LIBMPDEC_INTERNAL@ @LIBEXPAT_INTERNAL@",
            place: Place::Replace,
            text: "sharedmods: $(PYTHON_FOR_BUILD_DEPS) pybuilddir.txt @LIBMPDEC_INTERNAL@ @LIBEXPAT_INTERNAL@ $(RUST_STAMP)\n".into(),
        },
        Edit {
            minors: SETUP_PY,
            file: "setup.py",
            anchor: "        self.addext(Extension('binascii', ['binascii.c']))",
            place: Place::Replace,
            text: r#"        # binascii_rust.c (rust-support/binascii) when configure uses Rust.
        binascii_src = sysconfig.get_config_var('MODULE_BINASCII_SRC')
        binascii_deps = ['rust/build.stamp'] if binascii_src == 'binascii_rust.c' else []
        self.addext(Extension('binascii', [binascii_src or 'binascii.c'],
                              depends=binascii_deps))
"#
            .into(),
        },
        // Windows (PCbuild, MSBuild): opt in with `/p:WithRust=true`; the
        // driver runs from msbuild/rust.targets (docs/windows.md).  A gated
        // tree keeps binascii.c there too.
        Edit {
            minors: RUST_API,
            file: "PCbuild/pythoncore.vcxproj",
            anchor: r#"    <ClCompile Include="..\Modules\binascii.c">"#,
            place: Place::Replace,
            text: r#"    <ClCompile Include="..\Modules\binascii_rust.c" Condition="'$(WithRust)' == 'true'">
      <AdditionalIncludeDirectories>..\rust-support\cpython-rust\include;%(AdditionalIncludeDirectories)</AdditionalIncludeDirectories>
    </ClCompile>
    <ClCompile Include="..\Modules\binascii.c" Condition="'$(WithRust)' != 'true'">
"#
            .into(),
        },
        Edit {
            minors: (11, 12),
            file: "PCbuild/pythoncore.vcxproj",
            anchor: PCBUILD_TARGETS_ANCHOR,
            place: Place::Before,
            text: pcbuild_rust_import(r"$(PySourcePath)PC"),
        },
        // 3.13 generates pyconfig.h into $(IntDir).
        Edit {
            minors: (13, u32::MAX),
            file: "PCbuild/pythoncore.vcxproj",
            anchor: PCBUILD_TARGETS_ANCHOR,
            place: Place::Before,
            text: pcbuild_rust_import("$(IntDir)"),
        },
    ]
}

/// The edits whose `minors` hold `minor`.
fn edits_for(stage: &str, minor: u32) -> Vec<Edit> {
    edits(stage, minor)
        .into_iter()
        .filter(|e| e.minors.0 <= minor && minor <= e.minors.1)
        .collect()
}

/// A file's new text, computed before anything is written.
pub struct Change {
    pub path: std::path::PathBuf,
    pub file: &'static str,
    pub original: String,
    pub text: String,
}

/// Every edit that is not applied yet, computed in memory: an anchor that is
/// missing fails here, before any file of the tree changes.
pub fn plan(tree: &Path, minor: u32, stage: &str) -> Result<Vec<Change>, String> {
    let edits = edits_for(stage, minor);
    let mut files: Vec<&'static str> = edits.iter().map(|e| e.file).collect();
    files.sort_unstable();
    files.dedup();
    let mut changes = Vec::new();
    let mut missing = Vec::new();
    for file in files {
        let path = tree.join(file);
        let original = fs::read_to_string(&path)
            .map_err(|e| format!("cpython apply: cannot read {}: {e}", path.display()))?;
        let mut text = restage(&original, stage);
        for edit in edits.iter().filter(|e| e.file == file) {
            match apply_one(&text, edit) {
                Ok(new) => text = new,
                Err(e) => missing.push(e),
            }
        }
        if text != original {
            changes.push(Change {
                path,
                file,
                original,
                text,
            });
        }
    }
    if !missing.is_empty() {
        return Err(missing.join("\n"));
    }
    Ok(changes)
}

/// Writes the planned changes; returns their unified diff.
pub fn write(changes: &[Change]) -> Result<String, String> {
    let mut diff = String::new();
    for change in changes {
        fs::write(&change.path, &change.text)
            .map_err(|e| format!("cpython apply: cannot write {}: {e}", change.path.display()))?;
        diff.push_str(&unified_diff(change.file, &change.original, &change.text)?);
    }
    Ok(diff)
}

/// A tree applied before with another stage gets the new stage.
fn restage(text: &str, stage: &str) -> String {
    const CALL: &str = "RUST_CONFIGURE([";
    match text.find(CALL) {
        Some(start) => {
            let from = start + CALL.len();
            let len = text[from..].find(']').unwrap_or(0);
            format!("{}{stage}{}", &text[..from], &text[from + len..])
        }
        None => text.to_string(),
    }
}

fn apply_one(text: &str, edit: &Edit) -> Result<String, String> {
    // MSBuild files come with CRLF line ends: the edit takes the file's.
    let crlf = text.contains("\r\n");
    let owned;
    let edit_text = if crlf {
        owned = edit.text.replace('\n', "\r\n");
        owned.as_str()
    } else {
        edit.text.as_str()
    };
    if text.contains(edit_text.trim()) {
        return Ok(text.to_string()); // applied before: apply is idempotent
    }
    if let Place::AtEnd = edit.place {
        return Ok(format!("{text}{edit_text}"));
    }
    let (line_start, line_end) = find_line(text, edit.anchor).ok_or_else(|| {
        format!(
            "cpython apply: {} has no line `{}`; this tree differs from the CPython versions \
             the glue knows here, so nothing was changed. fix: make the edit by hand (see \
             docs/cpython.md), or teach tools/src/cpython/edits.rs this version",
            edit.file, edit.anchor
        )
    })?;
    let (before, rest) = text.split_at(line_start);
    Ok(match edit.place {
        Place::Before => format!("{before}{edit_text}{rest}"),
        Place::After => format!("{}{edit_text}{}", &text[..line_end], &text[line_end..]),
        Place::Replace => format!("{before}{edit_text}{}", &text[line_end..]),
        Place::AtEnd => unreachable!(),
    })
}

/// Byte offsets of the start and the end (after its line end) of the line
/// that is exactly `anchor`.
fn find_line(text: &str, anchor: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end_matches('\n').trim_end_matches('\r') == anchor {
            return Some((offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

fn unified_diff(file: &str, old: &str, new: &str) -> Result<String, String> {
    let dir = std::env::temp_dir().join(format!("tools-diff-{}", std::process::id()));
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let (a, b) = (dir.join("a"), dir.join("b"));
    fs::write(&a, old)
        .and_then(|_| fs::write(&b, new))
        .map_err(|e| e.to_string())?;
    let output = Command::new("diff")
        .args([
            "-u",
            "--label",
            &format!("a/{file}"),
            "--label",
            &format!("b/{file}"),
        ])
        .arg(&a)
        .arg(&b)
        .output()
        .map_err(|e| format!("cannot run diff: {e}; install diffutils"))?;
    let _ = fs::remove_dir_all(&dir);
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup_stdlib_edit() -> Edit {
        edits_for("warn", 13)
            .into_iter()
            .find(|e| e.file == "Modules/Setup.stdlib.in")
            .unwrap()
    }

    const SETUP: &str = "# x\n@MODULE_BINASCII_TRUE@binascii binascii.c\n# y\n";

    #[test]
    fn replace_keeps_surrounding_lines() {
        let edit = setup_stdlib_edit();
        let out = apply_one(SETUP, &edit).unwrap();
        assert!(out.starts_with("# x\n# binascii.c, or"));
        assert!(out.ends_with("@MODULE_BINASCII_SRC@\n# y\n"));
    }

    #[test]
    fn applying_twice_changes_nothing() {
        let edit = setup_stdlib_edit();
        let once = apply_one(SETUP, &edit).unwrap();
        assert_eq!(apply_one(&once, &edit).unwrap(), once);
    }

    #[test]
    fn missing_anchor_names_file_and_line() {
        let edit = setup_stdlib_edit();
        let err = apply_one("nothing\n", &edit).unwrap_err();
        assert!(err.contains("Modules/Setup.stdlib.in"), "{err}");
        assert!(err.contains("binascii binascii.c"), "{err}");
    }

    #[test]
    fn restage_changes_only_the_stage() {
        let text = "x\nRUST_CONFIGURE([warn], [1.74], [Python 3.17])\n";
        let out = restage(text, "opt-out");
        assert_eq!(out, "x\nRUST_CONFIGURE([opt-out], [1.74], [Python 3.17])\n");
    }

    /// Every edit text for `file` and CPython 3.`minor`, joined.
    fn texts(minor: u32, file: &str) -> String {
        edits_for("warn", minor)
            .iter()
            .filter(|e| e.file == file)
            .map(|e| e.text.as_str())
            .collect()
    }

    #[test]
    fn stage_is_written_into_configure_ac() {
        for minor in [13, 15] {
            let text: String = edits_for("require", minor)
                .iter()
                .map(|e| e.text.as_str())
                .collect();
            assert!(text.contains("RUST_CONFIGURE([require]"), "3.{minor}");
        }
    }

    #[test]
    fn an_implemented_minor_builds_the_rust_module() {
        let configure = texts(14, "configure.ac");
        assert!(configure.contains("MODULE_BINASCII_SRC=binascii_rust.c"));
        assert!(!configure.contains("BINASCII_GATE_NOTICE"));
        let makefile = texts(14, "Makefile.pre.in");
        assert!(makefile.contains("MODULE_BINASCII_DEPS=$(RUST_STAMP)"));
        assert!(!makefile.contains("binascii-gate-notice"));
        assert!(texts(14, "PCbuild/pythoncore.vcxproj").contains("binascii_rust.c"));
    }

    #[test]
    fn a_gated_minor_gets_the_layer_but_keeps_the_c_module() {
        let configure = texts(15, "configure.ac");
        assert!(configure.contains("RUST_CONFIGURE(["));
        assert!(!configure.contains("binascii_rust.c"), "{configure}");
        assert!(configure.contains("MODULE_BINASCII_SRC=binascii.c"));
        let notice = api_gate::notice(15).unwrap();
        assert!(configure.contains(&format!("BINASCII_GATE_NOTICE=\"{notice}\"")));
        let makefile = texts(15, "Makefile.pre.in");
        assert!(makefile.contains("include Makefile.rust"));
        assert!(!makefile.contains("MODULE_BINASCII_DEPS"), "{makefile}");
        assert!(makefile.contains("build_all build_wasm: binascii-gate-notice"));
        let vcxproj = texts(15, "PCbuild/pythoncore.vcxproj");
        assert!(vcxproj.contains("rust.targets") && !vcxproj.contains("binascii_rust.c"));
    }
}
