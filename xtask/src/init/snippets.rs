//! The lines a tree's configure.ac and Makefile.am or Makefile.in need,
//! computed from the tree: where they go, the archive names, and whether
//! a variable is already set (then `+=`).

use std::fmt::Write;

/// What the lines are built from.
pub struct Client<'a> {
    /// configure.ac's (or configure.in's) name and text.
    pub configure: (&'a str, &'a str),
    pub makefile_am: Option<&'a str>,
    pub makefile_in: Option<&'a str>,
    /// The workspace's archives: `lib<name>.a` names without `lib` and `.a`.
    pub archives: &'a [String],
    /// The crates' directories, relative to the tree (for `EXTRA_DIST`).
    pub crate_dirs: &'a [String],
    pub min_rust: &'a str,
}

/// Macros RUST_CONFIGURE must follow (it needs the C compiler, and sets
/// more after automake's and libtool's).
const ANCHORS: [&str; 6] = [
    "AC_PROG_CC",
    "AC_CANONICAL_HOST",
    "AM_INIT_AUTOMAKE",
    "LT_INIT",
    "AC_PROG_LIBTOOL",
    "AM_PROG_LIBTOOL",
];

/// Every snippet, as headed blocks of indented lines.
pub fn all(client: &Client) -> String {
    let mut out = configure_ac(client);
    if let Some(am) = client.makefile_am {
        out.push_str(&makefile_am(client, am));
    } else if let Some(mk) = client.makefile_in {
        out.push_str(&makefile_in(client, mk));
    } else {
        out.push_str(
            "\nNo Makefile.am or Makefile.in at the top: docs/reference.md shows what a \
             Makefile needs (\"Makefile.rust.in\").\n",
        );
    }
    out
}

fn configure_ac(client: &Client) -> String {
    let (name, text) = client.configure;
    if let Some(line) = line_of(text, |l| l.contains("RUST_CONFIGURE(")) {
        return format!("{name} calls RUST_CONFIGURE already (line {line}).\n");
    }
    let anchor = text
        .lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let l = l.trim_start();
            ANCHORS
                .iter()
                .find(|m| l.starts_with(*m))
                .map(|m| (i + 1, *m))
        })
        .last();
    let place = match anchor {
        Some((line, mac)) => format!("after line {line} ({mac})"),
        None => "after AC_INIT".to_owned(),
    };
    let mut out = format!("\n{name}, {place}:\n");
    out.push_str("    m4_include([configure-rust.m4])\n");
    out.push_str(
        "    dnl warn: Rust is optional; the third argument names the release that will require it.\n",
    );
    let _ = writeln!(
        out,
        "    RUST_CONFIGURE([warn], [{}], [], [HAVE_RUST])",
        client.min_rust
    );
    let output = line_of(text, |l| l.trim_start().starts_with("AC_OUTPUT"));
    let _ = match output {
        Some(line) => write!(out, "\n{name}, after line {line} (AC_OUTPUT):\n"),
        None => write!(out, "\n{name}, after AC_OUTPUT:\n"),
    };
    out.push_str("    RUST_FINAL_NOTICE\n");
    out
}

fn makefile_am(client: &Client, am: &str) -> String {
    let archive = match first_archive("Makefile.am", am, client.archives) {
        Ok(archive) => archive,
        Err(instead) => return instead,
    };
    let vars = Assignments::read(am);
    let mut guarded = Vec::new();
    match vars.link_unit() {
        Some(Unit::Library(canon)) => {
            guarded.push(vars.assign(
                &format!("{canon}_LIBADD"),
                &format!("$(RUST_LIBDIR)/lib{archive}.la"),
            ));
            guarded.push(vars.assign(&format!("{canon}_LDFLAGS"), "$(RUST_HIDE_LDFLAGS)"));
            guarded.push(
                "# smaller: -Wl,--gc-sections too, with GNU ld, gold or lld (docs/reference.md, \"Size\")"
                    .to_owned(),
            );
        }
        Some(Unit::Program(canon)) => {
            guarded.push(vars.assign(
                &format!("{canon}_LDADD"),
                &format!("$(RUST_LIBDIR)/lib{archive}.a $(RUST_LDFLAGS)"),
            ));
        }
        None => guarded.push(format!(
            "TARGET_LDADD = $(RUST_LIBDIR)/lib{archive}.a $(RUST_LDFLAGS)   (no library or program found: name yours)"
        )),
    }
    let mut out = String::from(
        "\nMakefile.am, at the end (the archive only with Rust: without the guard, \
         --with-rust=no fails on it):\n    if WITH_RUST\n",
    );
    for line in guarded {
        let _ = writeln!(out, "    {line}");
    }
    out.push_str("    endif\n");
    let mut dist = vec!["Cargo.toml", "Cargo.lock", ".cargo", "xtask"];
    dist.extend(client.crate_dirs.iter().map(String::as_str));
    let _ = writeln!(out, "    {}", vars.assign("EXTRA_DIST", &dist.join(" ")));
    for (rule, prerequisite) in [
        ("check-local", "rust-check"),
        ("dist-hook", "rust-dist-vendor"),
    ] {
        match line_of(am, |l| l.starts_with(&format!("{rule}:"))) {
            Some(line) => {
                let _ = writeln!(
                    out,
                    "    (and add {prerequisite} to the prerequisites of {rule}, line {line})"
                );
            }
            None => {
                let _ = writeln!(out, "    {rule}: {prerequisite}");
            }
        }
    }
    out.push_str("    -include Makefile.rust\n");
    out.push_str(&other_archives(client.archives));
    out
}

fn makefile_in(client: &Client, mk: &str) -> String {
    let archive = match first_archive("Makefile.in", mk, client.archives) {
        Ok(archive) => archive,
        Err(instead) => return instead,
    };
    let place = match line_of(mk, is_rule) {
        Some(line) => format!("before line {line} (its first rule)"),
        None => "before its rules".to_owned(),
    };
    let mut out = format!(
        "\nMakefile.in, {place}; @RUST_TRUE@ drops the archive when Rust is off:\n\
         \x20   include Makefile.rust\n\
         \x20   RUST_LIBS = @RUST_TRUE@$(RUST_LIBDIR)/lib{archive}.a $(RUST_LDFLAGS)\n"
    );
    out.push_str(
        "\nMakefile.in, each program that calls Rust: the stamp among its prerequisites, \
         RUST_LIBS after its objects:\n\
         \x20   PROGRAM: OBJECTS $(RUST_STAMP)\n\
         \x20   \t$(CC) $(CFLAGS) $(LDFLAGS) -o $@ OBJECTS $(RUST_LIBS) $(LIBS)\n\
         \nMakefile.in, at the end (the crates' tests in make check):\n\
         \x20   check: rust-check\n",
    );
    out.push_str(&other_archives(client.archives));
    out
}

/// The archive the Makefile's lines name, or what to print instead: the
/// Makefile includes the fragment already, or no crate makes an archive.
fn first_archive<'a>(
    makefile: &str,
    text: &str,
    archives: &'a [String],
) -> Result<&'a str, String> {
    if let Some(line) = line_of(text, |l| l.contains("Makefile.rust")) {
        return Err(format!(
            "\n{makefile} includes Makefile.rust already (line {line}).\n"
        ));
    }
    archives.first().map(String::as_str).ok_or_else(|| {
        format!(
            "\n{makefile}: no lines yet: no workspace crate has a staticlib target.\n\
             Add `[lib] crate-type = [\"staticlib\"]` to the crate C links, make it a member \
             of Cargo.toml's workspace, and run `cargo xtask init` again for its lines.\n"
        )
    })
}

fn other_archives(archives: &[String]) -> String {
    if archives.len() < 2 {
        return String::new();
    }
    let others: Vec<String> = archives[1..].iter().map(|a| format!("lib{a}")).collect();
    format!(
        "(The workspace's other archives, {}, each belong in another link unit: two \
         archives with std in one link define its symbols twice.)\n",
        others.join(", ")
    )
}

/// 1-based number of the first line matching.
fn line_of(text: &str, matches: impl Fn(&str) -> bool) -> Option<usize> {
    text.lines().position(matches).map(|i| i + 1)
}

/// A make rule's first line: `targets: prerequisites`, not an assignment.
fn is_rule(line: &str) -> bool {
    if line.starts_with(['\t', ' ', '#']) {
        return false;
    }
    match line.find(':') {
        Some(colon) => !line[..colon].contains('=') && !line[colon..].starts_with(":="),
        None => false,
    }
}

enum Unit {
    Library(String),
    Program(String),
}

/// The variable assignments of a Makefile.am (continuation lines joined).
struct Assignments(Vec<(String, String)>);

impl Assignments {
    fn read(am: &str) -> Assignments {
        let joined = am.replace("\\\n", " ");
        Assignments(
            joined
                .lines()
                .filter_map(|l| {
                    let (name, value) = l.split_once('=')?;
                    let name = name.trim().trim_end_matches('+').trim();
                    let plain = !name.is_empty()
                        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                    plain.then(|| (name.to_owned(), value.trim().to_owned()))
                })
                .collect(),
        )
    }

    /// `NAME = VALUE`, or `+=` when the Makefile.am sets NAME already
    /// (automake rejects a second `=`, and `+=` before any `=`).
    fn assign(&self, name: &str, value: &str) -> String {
        let op = if self.0.iter().any(|(n, _)| n == name) {
            "+="
        } else {
            "="
        };
        format!("{name} {op} {value}")
    }

    /// The link unit the archive goes into: the first libtool library
    /// (installed ones first), else the first program (not a test's).
    fn link_unit(&self) -> Option<Unit> {
        let names = |suffix: &str, skip: &str| -> Vec<String> {
            let mut found: Vec<(bool, String)> = Vec::new();
            for (var, value) in &self.0 {
                if let Some(dir) = var.strip_suffix(suffix) {
                    if dir != skip {
                        let installed = !dir.starts_with("noinst");
                        found.extend(value.split_whitespace().map(|n| (installed, n.to_owned())));
                    }
                }
            }
            found.sort_by_key(|(installed, _)| !installed);
            found.into_iter().map(|(_, n)| canonical(&n)).collect()
        };
        let libraries = names("_LTLIBRARIES", "check");
        if let Some(lib) = libraries.into_iter().next() {
            return Some(Unit::Library(lib));
        }
        names("_PROGRAMS", "check")
            .into_iter()
            .next()
            .map(Unit::Program)
    }
}

/// automake's canonical name: every character but letters, digits, `_`
/// and `@` becomes `_`.
fn canonical(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '@' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const JQ_CONFIGURE: &str = "AC_INIT([jq], [1.6])\nAM_INIT_AUTOMAKE([foreign])\n\
        AC_PROG_CC\nLT_INIT\nAC_CONFIG_FILES([Makefile])\nAC_OUTPUT\n";
    const JQ_AM: &str = "lib_LTLIBRARIES = libjq.la\nlibjq_la_SOURCES = src/jv.c \\\n  src/jq.c\n\
        libjq_la_LIBADD = -lm\nlibjq_la_LDFLAGS = -export-symbols-regex '^j[qv]_' \\\n  -version-info 1:4:0\n\
        bin_PROGRAMS = jq\njq_LDADD = libjq.la\ncheck_PROGRAMS = t\ncheck-local: more\n";

    fn client<'a>(am: Option<&'a str>, mk: Option<&'a str>, archives: &'a [String]) -> Client<'a> {
        Client {
            configure: ("configure.ac", JQ_CONFIGURE),
            makefile_am: am,
            makefile_in: mk,
            archives,
            crate_dirs: &[],
            min_rust: "1.74",
        }
    }

    #[test]
    fn automake_lines_append_to_the_librarys_variables_inside_the_guard() {
        let archives = ["jq_rust".to_owned()];
        let text = all(&client(Some(JQ_AM), None, &archives));
        assert!(
            text.contains(
                "configure.ac, after line 4 (LT_INIT):\n    m4_include([configure-rust.m4])\n"
            ),
            "{text}"
        );
        assert!(text.contains("    RUST_CONFIGURE([warn], [1.74], [], [HAVE_RUST])\n"));
        assert!(text.contains("configure.ac, after line 6 (AC_OUTPUT):\n    RUST_FINAL_NOTICE\n"));
        assert!(
            text.contains(
                "    if WITH_RUST\n    libjq_la_LIBADD += $(RUST_LIBDIR)/libjq_rust.la\n    \
             libjq_la_LDFLAGS += $(RUST_HIDE_LDFLAGS)\n    # smaller: -Wl,--gc-sections"
            ),
            "{text}"
        );
        assert!(text.contains("    EXTRA_DIST = Cargo.toml"));
        assert!(text.contains("rust-check to the prerequisites of check-local, line 10"));
        assert!(text.contains("    dist-hook: rust-dist-vendor\n"));
        assert!(text.ends_with("    -include Makefile.rust\n"), "{text}");
    }

    #[test]
    fn a_program_gets_the_archive_and_the_flags_in_ldadd() {
        let archives = ["hello_rust".to_owned(), "other".to_owned()];
        let text = all(&client(
            Some("bin_PROGRAMS = hello-world\n"),
            None,
            &archives,
        ));
        assert!(
            text.contains(
                "    hello_world_LDADD = $(RUST_LIBDIR)/libhello_rust.a $(RUST_LDFLAGS)\n"
            ),
            "{text}"
        );
        assert!(text.contains("other archives, libother, each belong"));
    }

    #[test]
    fn makefile_in_lines_go_before_the_first_rule() {
        let archives = ["hello_rust".to_owned()];
        let mk = "CC = @CC@\nX := 1\n\nall: hello\n\thello: main.o\n";
        let text = all(&client(None, Some(mk), &archives));
        assert!(
            text.contains("Makefile.in, before line 4 (its first rule)"),
            "{text}"
        );
        assert!(text.contains(
            "    RUST_LIBS = @RUST_TRUE@$(RUST_LIBDIR)/libhello_rust.a $(RUST_LDFLAGS)\n"
        ));
    }

    #[test]
    fn nothing_is_printed_twice_and_no_archive_is_said() {
        let done = Client {
            configure: ("configure.ac", "RUST_CONFIGURE([warn], [1.74])\n"),
            ..client(Some("-include Makefile.rust\n"), None, &[])
        };
        let text = all(&done);
        assert!(text.contains("calls RUST_CONFIGURE already (line 1)"));
        assert!(text.contains("includes Makefile.rust already (line 1)"));
        assert!(all(&client(Some(JQ_AM), None, &[]))
            .contains("no workspace crate has a staticlib target"));
    }
}
