//! The modules built from Rust, one row each: the names CPython's build
//! knows them by, their files, and their API gate (api_gate.rs).
//!
//! A third module is a row here, a crate in rust-support/ with its C entry
//! point, a dependency of cpython-rust, and the archive crate of its shared
//! extension, rust-support/cpython-rust-<crate> (docs/cpython.md, "Adding
//! a module").

#[derive(Clone)]
pub struct RustModule {
    /// The import name.
    pub name: &'static str,
    /// The C source it replaces, in Modules/.
    pub c_file: &'static str,
    /// Its C entry point (`PyInit_<name>`), copied from `crate_dir` into
    /// Modules/ beside `c_file`.
    pub shim: &'static str,
    /// The Rust crate.
    pub crate_dir: &'static str,
    /// configure.ac's line for the module in a pristine tree.
    pub configure_line: &'static str,
    /// The shell variables of its compiler and linker flags.
    pub flags_vars: (&'static str, &'static str),
    /// Its line in 3.11's setup.py, which builds the shared modules there.
    pub setup_py_line: &'static str,
    /// Its line in PCbuild/pythoncore.vcxproj: with children (binascii's
    /// zlib flags) or on its own.
    pub vcxproj_line: &'static str,
    /// Minors (3.x) whose API the Rust module implements, both included.
    pub api: (u32, u32),
    /// What a later minor adds to the module, for the minors known here.
    /// Plain text (api_gate.rs says why).
    pub adds: &'static [(u32, &'static str)],
}

pub const MODULES: &[RustModule] = &[
    RustModule {
        name: "binascii",
        c_file: "binascii.c",
        shim: "binascii_rust.c",
        crate_dir: "rust-support/binascii",
        configure_line: "PY_STDLIB_MOD_SIMPLE([binascii], [$BINASCII_CFLAGS], [$BINASCII_LIBS])",
        flags_vars: ("BINASCII_CFLAGS", "BINASCII_LIBS"),
        setup_py_line: "        self.addext(Extension('binascii', ['binascii.c']))",
        vcxproj_line: r#"    <ClCompile Include="..\Modules\binascii.c">"#,
        // 3.14's binascii API is 3.13's.
        api: (11, 14),
        adds: &[(
            15,
            "3.15 adds a2b_/b2a_base32, _base85 and _ascii85, ten *_ALPHABET constants, \
             new base64 and hex arguments, and crc32/crc_hqx range warnings",
        )],
    },
    RustModule {
        name: "_json",
        c_file: "_json.c",
        shim: "_json_rust.c",
        crate_dir: "rust-support/json",
        configure_line: "PY_STDLIB_MOD_SIMPLE([_json])",
        flags_vars: ("JSON_RUST_CFLAGS", "JSON_RUST_LIBS"),
        setup_py_line: "        self.addext(Extension(\"_json\", [\"_json.c\"]))",
        vcxproj_line: r#"    <ClCompile Include="..\Modules\_json.c" />"#,
        api: (11, 14),
        adds: &[],
    },
];

impl RustModule {
    /// configure's and makesetup's stem: `MODULE_<stem>_SRC`, `_DEPS`.
    pub fn stem(&self) -> String {
        self.name.to_uppercase()
    }

    /// The library name of the archive of its shared extension, made by
    /// the crate `rust-support/cpython-rust-<crate>`: `cpython_rust_json`.
    pub fn archive(&self) -> String {
        format!("cpython_rust_{}", self.crate_stem())
    }

    /// The C entry point its own archive defines: `_PyRust_json_shared_init`.
    pub fn shared_init(&self) -> String {
        format!("_PyRust_{}_shared_init", self.crate_stem())
    }

    /// The crate's name as an identifier: `json`.
    fn crate_stem(&self) -> String {
        let crate_name = self.crate_dir.rsplit('/').next().unwrap_or(self.crate_dir);
        crate_name.replace('-', "_")
    }
}

/// The row of `name`.
#[cfg(test)]
pub fn find(name: &str) -> Option<&'static RustModule> {
    MODULES.iter().find(|m| m.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_makesetups() {
        assert_eq!(find("binascii").unwrap().stem(), "BINASCII");
        assert_eq!(find("_json").unwrap().stem(), "_JSON");
    }

    #[test]
    fn archives_are_named_after_the_crates() {
        assert_eq!(find("binascii").unwrap().archive(), "cpython_rust_binascii");
        assert_eq!(find("_json").unwrap().archive(), "cpython_rust_json");
    }

    #[test]
    fn every_row_names_its_own_files() {
        for m in MODULES {
            assert!(
                m.configure_line.contains(&format!("[{}]", m.name)),
                "{}",
                m.name
            );
            assert!(m.setup_py_line.contains(m.c_file), "{}", m.name);
            assert!(m.vcxproj_line.contains(&format!("Modules\\{}\"", m.c_file)));
            let root = super::super::apply::layer_root();
            let shim = root.join(m.crate_dir).join(m.shim);
            assert!(shim.is_file(), "{}", shim.display());
            // The crate of its own archive, and the shim calling it.
            let archive_crate = root
                .join("rust-support")
                .join(m.archive().replace('_', "-"));
            assert!(
                archive_crate.join("Cargo.toml").is_file(),
                "{}",
                archive_crate.display()
            );
            let shim_text = std::fs::read_to_string(&shim).unwrap();
            let init = m.shared_init();
            assert!(shim_text.contains(&format!("{init}()")), "{}", m.name);
            let built_in = init.replace("_shared_init", "_init");
            assert!(shim_text.contains(&format!("{built_in}()")), "{}", m.name);
            // The archive crate makes the entry point the header declares.
            let lib = std::fs::read_to_string(archive_crate.join("src/lib.rs")).unwrap();
            assert!(
                lib.contains(&format!("module_archive!({init},")),
                "{}",
                m.name
            );
        }
    }
}
