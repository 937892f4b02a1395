//! The small edits to CPython's build files, kept as readable data:
//! each is what an upstream pull request would change.

use super::api_gate;
use super::modules::{RustModule, MODULES};
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
    anchor: String,
    place: Place,
    text: String,
}

const ALL: (u32, u32) = (11, u32::MAX);
/// 3.11 builds shared stdlib modules with setup.py, not makesetup.
const SETUP_PY: (u32, u32) = (11, 11);

/// Before every stdlib module's configure check, so that each can choose
/// its Rust or C source.
const STDLIB_MODULES_ANCHOR: &str = "dnl Check for stdlib extension modules";
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

/// configure.ac, before the stdlib modules' checks: the Rust checks.
fn configure_rust(stage: &str) -> String {
    format!(
        r#"dnl Rust: stage "{stage}" (see configure-rust.m4); Rust 1.74 is the oldest
dnl that the mrustc bootstrap path reaches.
RUST_CONFIGURE([{stage}], [1.74], [Python 3.17])
AS_VAR_IF([Py_DEBUG], [true], [RUST_SET_PROFILE([debug])])
AS_VAR_IF([Py_LTO], [true], [RUST_SET_LTO([yes])])

"#
    )
}

/// configure.ac, a module whose API the Rust code implements: its source
/// is the Rust entry point with Rust, the C file without.
fn configure_module_rust(m: &RustModule) -> String {
    let (name, stem, shim, c_file) = (m.name, m.stem(), m.shim, m.c_file);
    let (cflags, libs) = m.flags_vars;
    format!(
        r#"dnl With Rust, {name} is built from {crate_dir}.
AS_VAR_IF([with_rust], [yes], [
  MODULE_{stem}_SRC={shim}
  {cflags}='-I$(srcdir)/rust-support/cpython-rust/include'
  dnl Plain values, no make variables: 3.11's setup.py reads them through
  dnl sysconfig, which does not see Makefile.rust ("rust" is its RUST_LIBDIR).
  dnl No RUST_NATIVE_STATIC_LIBS: CPython's Rust crates are no_std and need
  dnl nothing beyond libc and libpython (docs/design.md).  Two archives,
  dnl one taken per link: {shim} calls a function that only lib{archive}.a
  dnl defines when {name} is a shared extension, and one that only
  dnl libcpython_rust.a (every module) defines when it is built in
  dnl (Py_BUILD_CORE_BUILTIN), so that libpython has one Rust runtime.
  dnl libcpython_rust.a first: a built-in link then also takes from it the
  dnl personality routine that compiler_builtins' members name, not from
  dnl a module's archive with a second runtime.  RUST_GC_LDFLAGS: each
  dnl link keeps only the code it reaches.
  {libs}="rust/libcpython_rust.a rust/lib{archive}.a $RUST_HIDE_LDFLAGS $RUST_GC_LDFLAGS"
], [
  MODULE_{stem}_SRC={c_file}
])
AC_SUBST([MODULE_{stem}_SRC])
PY_STDLIB_MOD_SIMPLE([{name}], [${cflags}], [${libs}])
"#,
        crate_dir = m.crate_dir,
        archive = m.archive(),
    )
}

/// configure.ac, a module whose API the Rust code does not implement
/// (api_gate.rs): the C module, and `notice`, once, when Rust is enabled.
/// Only then: without Rust the module is C whatever the version, and a line
/// about it would be noise.  Makefile.pre.in repeats it on `make`.
fn configure_module_c(m: &RustModule, notice: &str) -> String {
    let (name, stem, c_file) = (m.name, m.stem(), m.c_file);
    format!(
        r#"dnl {name} stays the C module: the Rust one implements another CPython
dnl version's API (the layer's tools/src/cpython/api_gate.rs).  Said only
dnl with Rust: without it, {name} is the C module whatever the version.
MODULE_{stem}_SRC={c_file}
{stem}_GATE_NOTICE=
AS_VAR_IF([with_rust], [yes], [
  {stem}_GATE_NOTICE="{notice}"
  AC_MSG_NOTICE([${stem}_GATE_NOTICE])
])
AC_SUBST([{stem}_GATE_NOTICE])
AC_SUBST([MODULE_{stem}_SRC])
{line}
"#,
        line = m.configure_line,
    )
}

/// Makefile.pre.in, before the rules: Makefile.rust, and what each module
/// is built from (with Rust, after the Rust build).
fn makefile_rust(table: &[RustModule], minor: u32) -> String {
    let mut modules = String::new();
    for m in table {
        modules += &format!("MODULE_{0}_SRC=@MODULE_{0}_SRC@\n", m.stem());
        if api_gate::implements(m, minor) {
            modules += &format!("MODULE_{}_DEPS=$(RUST_STAMP)\n", m.stem());
        }
    }
    format!(
        r#"# Rust code (Makefile.rust.in), before the rules so that their
# prerequisites can name $(RUST_STAMP).  The bindings are this tree's
# headers', checked by its C compiler.
RUST_ENV=	CPYTHON_SRCDIR="$(abs_srcdir)" CPYTHON_BUILDDIR="$(abs_builddir)" CC="$(CC)"
include Makefile.rust
{modules}
"#
    )
}

/// Makefile.pre.in when a module is gated: configure's notice on every
/// `make`.  A phony prerequisite of the build targets alone (after `all`,
/// which stays the default goal): no file depends on it, so a no-op `make`
/// stays one.
fn makefile_gate_notice(gated: &[&RustModule]) -> String {
    let vars: String = gated
        .iter()
        .map(|m| format!("{0}_GATE_NOTICE=\t@{0}_GATE_NOTICE@\n", m.stem()))
        .collect();
    let echoes: String = gated
        .iter()
        .map(|m| {
            format!(
                "\t@test -z \"$({0}_GATE_NOTICE)\" || echo \"$({0}_GATE_NOTICE)\"\n",
                m.stem()
            )
        })
        .collect();
    format!(
        r#"# Modules kept in C: their Rust code implements another CPython
# version's API (the Rust layer's api_gate.rs); configure says why.
{vars}.PHONY: rust-gate-notice
build_all build_wasm: rust-gate-notice
rust-gate-notice:
{echoes}
"#
    )
}

/// 3.11's setup.py line for a module: its Rust entry point when configure
/// chose it, after the Rust build.
fn setup_py_module(m: &RustModule) -> String {
    let (name, stem, shim, c_file) = (m.name, m.stem(), m.shim, m.c_file);
    format!(
        r#"        # {shim} ({crate_dir}) when configure uses Rust.
        src = sysconfig.get_config_var('MODULE_{stem}_SRC') or '{c_file}'
        self.addext(Extension('{name}', [src],
                              depends=['rust/build.stamp'] if src == '{shim}' else []))
"#,
        crate_dir = m.crate_dir,
    )
}

/// pythoncore.vcxproj: the Rust entry point with `/p:WithRust=true`, the C
/// file (its own line, whatever it holds) without.
fn vcxproj_module(m: &RustModule, line: &str) -> String {
    const WITHOUT: &str = r#" Condition="'$(WithRust)' != 'true'""#;
    let c_line = match line.strip_suffix(" />") {
        Some(open) => format!("{open}{WITHOUT} />"),
        None => format!("{}{WITHOUT}>", line.trim_end_matches('>')),
    };
    format!(
        r#"    <ClCompile Include="..\Modules\{shim}" Condition="'$(WithRust)' == 'true'">
      <AdditionalIncludeDirectories>..\rust-support\cpython-rust\include;%(AdditionalIncludeDirectories)</AdditionalIncludeDirectories>
    </ClCompile>
{c_line}
"#,
        shim = m.shim,
    )
}

/// The edits for CPython 3.`minor` and the modules of `table`; `plan` keeps
/// those whose `minors` hold it.
fn edits(stage: &str, minor: u32, table: &[RustModule]) -> Vec<Edit> {
    let gated: Vec<&RustModule> = table
        .iter()
        .filter(|m| !api_gate::implements(m, minor))
        .collect();
    let mut edits = vec![
        Edit {
            minors: ALL,
            file: "configure.ac",
            anchor: "AC_INIT([python],[PYTHON_VERSION],[https://github.com/python/cpython/issues/])".into(),
            place: Place::After,
            text: "\ndnl Optional Rust code: --with-rust, cargo driven from make.\nm4_include([configure-rust.m4])\n".into(),
        },
        Edit {
            minors: ALL,
            file: "configure.ac",
            anchor: STDLIB_MODULES_ANCHOR.into(),
            place: Place::Before,
            text: configure_rust(stage),
        },
        Edit {
            minors: ALL,
            file: "configure.ac",
            anchor: "".into(),
            place: Place::AtEnd,
            text: "\ndnl Repeat a Rust warning last, where people look.\nRUST_FINAL_NOTICE\n".into(),
        },
        // Nothing waits for the Rust build of a gated module: with every
        // module gated, cargo does not run (the archive would not be linked).
        Edit {
            minors: ALL,
            file: "Makefile.pre.in",
            anchor: "# Default target".into(),
            place: Place::Before,
            text: makefile_rust(table, minor),
        },
        Edit {
            minors: ALL,
            file: "Makefile.pre.in",
            anchor: "\tfind . -name '*.[oa]' -exec rm -f {} ';'".into(),
            place: Place::Replace,
            // clean-retain-profile (PGO) relinks with the profile: the Rust
            // code does not use it, so its build is kept, not redone.
            text: "\tfind . $(RUST_FIND_PRUNE) -name '*.[oa]' -exec rm -f {} ';'\n".into(),
        },
        Edit {
            minors: ALL,
            file: "Makefile.pre.in",
            anchor: "\tfind . -name '*.s[ol]' -exec rm -f {} ';'".into(),
            place: Place::Replace,
            text: "\tfind . $(RUST_FIND_PRUNE) -name '*.s[ol]' -exec rm -f {} ';'\n".into(),
        },
        Edit {
            minors: SETUP_PY,
            file: "Makefile.pre.in",
            anchor: "sharedmods: $(PYTHON_FOR_BUILD_DEPS) pybuilddir.txt @LIBMPDEC_INTERNAL@ @LIBEXPAT_INTERNAL@".into(),
            place: Place::Replace,
            text: "sharedmods: $(PYTHON_FOR_BUILD_DEPS) pybuilddir.txt @LIBMPDEC_INTERNAL@ @LIBEXPAT_INTERNAL@ $(RUST_STAMP)\n".into(),
        },
        // Windows (PCbuild, MSBuild): opt in with `/p:WithRust=true`; the
        // driver runs from msbuild/rust.targets (docs/windows.md).
        Edit {
            minors: (11, 12),
            file: "PCbuild/pythoncore.vcxproj",
            anchor: PCBUILD_TARGETS_ANCHOR.into(),
            place: Place::Before,
            text: pcbuild_rust_import(r"$(PySourcePath)PC"),
        },
        // 3.13 generates pyconfig.h into $(IntDir).
        Edit {
            minors: (13, u32::MAX),
            file: "PCbuild/pythoncore.vcxproj",
            anchor: PCBUILD_TARGETS_ANCHOR.into(),
            place: Place::Before,
            text: pcbuild_rust_import("$(IntDir)"),
        },
    ];
    if !gated.is_empty() {
        edits.push(Edit {
            minors: ALL,
            file: "Makefile.pre.in",
            anchor: ".PHONY: build_all".into(),
            place: Place::Before,
            text: makefile_gate_notice(&gated),
        });
    }
    for m in table {
        edits.extend(module_edits(m, minor));
    }
    edits
}

/// A module's edits: its configure check, makesetup line, 3.11's setup.py
/// line and, when its Rust code implements the minor, Windows' project.
fn module_edits(m: &RustModule, minor: u32) -> Vec<Edit> {
    let rust = api_gate::implements(m, minor);
    let configure = match api_gate::notice(m, minor) {
        None => configure_module_rust(m),
        Some(notice) => configure_module_c(m, &notice),
    };
    let mut edits = vec![
        Edit {
            minors: ALL,
            file: "configure.ac",
            anchor: m.configure_line.into(),
            place: Place::Replace,
            text: configure,
        },
        Edit {
            minors: ALL,
            file: "Modules/Setup.stdlib.in",
            anchor: format!("@MODULE_{}_TRUE@{} {}", m.stem(), m.name, m.c_file),
            place: Place::Replace,
            text: format!(
                "# {c_file}, or {shim} ({crate_dir}) when built with Rust\n\
                 @MODULE_{stem}_TRUE@{name} @MODULE_{stem}_SRC@\n",
                c_file = m.c_file,
                shim = m.shim,
                crate_dir = m.crate_dir,
                stem = m.stem(),
                name = m.name,
            ),
        },
        Edit {
            minors: SETUP_PY,
            file: "setup.py",
            anchor: m.setup_py_line.into(),
            place: Place::Replace,
            text: setup_py_module(m),
        },
    ];
    if rust {
        edits.push(Edit {
            minors: ALL,
            file: "PCbuild/pythoncore.vcxproj",
            text: vcxproj_module(m, m.vcxproj_line),
            anchor: m.vcxproj_line.into(),
            place: Place::Replace,
        });
    }
    edits
}

/// The edits whose `minors` hold `minor`.
fn edits_for(stage: &str, minor: u32) -> Vec<Edit> {
    edits_of(stage, minor, MODULES)
}

fn edits_of(stage: &str, minor: u32, table: &[RustModule]) -> Vec<Edit> {
    edits(stage, minor, table)
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
    let (line_start, line_end) = find_line(text, &edit.anchor).ok_or_else(|| {
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
    use super::super::modules::find;
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
        assert!(!makefile.contains("rust-gate-notice"));
        assert!(texts(14, "PCbuild/pythoncore.vcxproj").contains("binascii_rust.c"));
    }

    #[test]
    fn a_gated_minor_gets_the_layer_but_keeps_the_c_module() {
        let configure = texts(15, "configure.ac");
        assert!(configure.contains("RUST_CONFIGURE(["));
        assert!(!configure.contains("binascii_rust.c"), "{configure}");
        assert!(configure.contains("MODULE_BINASCII_SRC=binascii.c"));
        let notice = api_gate::notice(find("binascii").unwrap(), 15).unwrap();
        assert!(configure.contains(&format!("BINASCII_GATE_NOTICE=\"{notice}\"")));
        let makefile = texts(15, "Makefile.pre.in");
        assert!(makefile.contains("include Makefile.rust"));
        assert!(!makefile.contains("MODULE_BINASCII_DEPS"), "{makefile}");
        assert!(makefile.contains("build_all build_wasm: rust-gate-notice"));
        let vcxproj = texts(15, "PCbuild/pythoncore.vcxproj");
        assert!(vcxproj.contains("rust.targets") && !vcxproj.contains("binascii_rust.c"));
    }

    #[test]
    fn every_module_of_an_implemented_minor_is_rust() {
        let configure = texts(13, "configure.ac");
        let makefile = texts(13, "Makefile.pre.in");
        for m in MODULES {
            assert!(configure.contains(&format!("MODULE_{}_SRC={}", m.stem(), m.shim)));
            assert!(makefile.contains(&format!("MODULE_{}_DEPS=$(RUST_STAMP)", m.stem())));
        }
        let json = texts(13, "PCbuild/pythoncore.vcxproj");
        assert!(
            json.contains(
                r#"<ClCompile Include="..\Modules\_json.c" Condition="'$(WithRust)' != 'true'" />"#
            ),
            "{json}"
        );
        assert_eq!(configure.matches("RUST_CONFIGURE([").count(), 1);
    }

    /// A module gated alone keeps its C file; the others keep their Rust.
    #[test]
    fn the_gate_is_per_module() {
        let mut json_gated_at_14: Vec<RustModule> = MODULES.to_vec();
        json_gated_at_14[1].api = (11, 13);
        let edits = edits_of("warn", 14, &json_gated_at_14);
        let text = |file: &str| -> String {
            edits
                .iter()
                .filter(|e| e.file == file)
                .map(|e| e.text.as_str())
                .collect()
        };
        let configure = text("configure.ac");
        assert!(
            configure.contains("MODULE_BINASCII_SRC=binascii_rust.c"),
            "{configure}"
        );
        assert!(
            configure.contains("MODULE__JSON_SRC=_json.c\n_JSON_GATE_NOTICE="),
            "{configure}"
        );
        assert!(configure.contains(
            "_json: the C module: the Rust _json implements CPython 3.11-3.13's API, not 3.14's"
        ));
        assert!(!configure.contains("BINASCII_GATE_NOTICE"));
        let makefile = text("Makefile.pre.in");
        assert!(makefile.contains("MODULE_BINASCII_DEPS=$(RUST_STAMP)"));
        assert!(!makefile.contains("MODULE__JSON_DEPS"), "{makefile}");
        assert!(
            makefile.contains("@test -z \"$(_JSON_GATE_NOTICE)\""),
            "{makefile}"
        );
        let vcxproj = text("PCbuild/pythoncore.vcxproj");
        assert!(vcxproj.contains("binascii_rust.c") && !vcxproj.contains("_json_rust.c"));
    }
}
