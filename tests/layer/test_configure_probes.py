"""configure-rust.m4 beyond the policy table: version compare, target
mapping, cross-compiling environment, caching, logging, profile/LTO, the
automatic final notice, --help, and a shellcheck of the generated shell."""

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from fixture import (STAND_INS, clean_env, configure, make_project, real_tool, substs,
                     tool_env)

SUMMARY = re.compile(r"^checking whether to build Rust code\.\.\. (.*)$", re.M)


def summary(out):
    found = SUMMARY.search(out)
    assert found, out
    return found.group(1)


@pytest.mark.parametrize("version,usable", [
    ("1.9.0", False),        # a string compare would call 1.9 newer than 1.74
    ("1.73.99", False),
    ("1.74.0", True),        # exactly the minimum
    ("1.74.0-nightly", True),
    ("1.100.0", True),
    ("2.0.0", True),
])
def test_rustc_version_is_compared_numerically(tmp_path, version, usable):
    project = make_project(tmp_path)
    env = tool_env(tmp_path, STAND_IN_RUST_VERSION=version, STAND_IN_REAL_RUSTC=real_tool("rustc"))
    result = configure(project, f"RUSTC={STAND_INS / 'rustc-reporting-version'}", env=env)
    assert result.returncode == 0, result.stdout
    assert f"checking the rustc version... {version}" in result.stdout
    made = substs(project, "WITH_RUST", "RUST_VERSION")
    assert made["WITH_RUST"] == ("yes" if usable else "no"), result.stdout
    if usable:
        assert made["RUST_VERSION"] == version
    else:
        assert f"rustc {version} is older than the minimum rustc 1.74" in result.stdout


@pytest.mark.parametrize("host,target", [
    ("aarch64-linux-gnu", "aarch64-unknown-linux-gnu"),
    ("s390x-linux-gnu", "s390x-unknown-linux-gnu"),
    ("riscv64-linux-gnu", "riscv64gc-unknown-linux-gnu"),
    ("x86_64-linux-musl", "x86_64-unknown-linux-musl"),
    ("x86_64-w64-mingw32", "x86_64-pc-windows-gnu"),
    ("sparc64-linux-gnu", "sparc64-unknown-linux-gnu"),   # not in the table: target-list
])
def test_host_maps_to_rust_target(tmp_path, host, target):
    project = make_project(tmp_path)
    result = configure(project, f"--host={host}", "CC=gcc", env=tool_env(tmp_path))
    assert result.returncode == 0, result.stdout
    assert f"checking for the Rust target... {target}\n" in result.stdout


def test_unknown_host_names_the_fix(tmp_path):
    """Rust has x86_64 targets, none for MINIX: RUST_TARGET is the fix.
    (For an architecture with no target at all: test_no_rust_target.py.)"""
    project = make_project(tmp_path)
    result = configure(project, "--host=x86_64-pc-minix3", "CC=gcc", "--with-rust=yes",
                       env=tool_env(tmp_path))
    assert result.returncode != 0
    assert "no Rust target is known for host x86_64-pc-minix3" in result.stdout
    assert "pass RUST_TARGET=<triple>" in result.stdout


def debian_toolchain(gnu="aarch64-linux-gnu", target="aarch64-unknown-linux-gnu",
                     debian_arch="arm64"):
    """Debian's rustc and cargo with TARGET's std, and GNU's cross gcc."""
    rustc, cargo, gcc = "/usr/bin/rustc", "/usr/bin/cargo", shutil.which(f"{gnu}-gcc")
    if not (Path(rustc).exists() and Path(cargo).exists() and gcc):
        pytest.skip(f"needs Debian's rustc/cargo and gcc-{gnu}: sh ci/install-deps.sh")
    sysroot = subprocess.run([rustc, "--print", "sysroot"], capture_output=True, text=True).stdout
    if not (Path(sysroot.strip()) / "lib/rustlib" / target).exists():
        pytest.skip(f"needs the {debian_arch} std: apt install libstd-rust-web-dev:{debian_arch}")
    return rustc, cargo


def cross_env_words(value):
    """RUST_CROSS_ENV as the shell of a make recipe sees it."""
    return dict(word.split("=", 1) for word in shlex.split(value.replace("$$", "$")))


@pytest.mark.parametrize("cc,cflags", [
    ("aarch64-linux-gnu-gcc", "-O2"),
    ("aarch64-linux-gnu-gcc -O1", "-g -DMSG=it's -DD=a$b"),   # arguments, quotes, $
])
def test_cross_build_links_only_and_sets_cargo_env(tmp_path, cc, cflags):
    rustc, cargo = debian_toolchain()
    project = make_project(tmp_path)
    result = configure(project, "--build=x86_64-pc-linux-gnu", "--host=aarch64-linux-gnu",
                       f"CC={cc}", f"CFLAGS={cflags}", f"RUSTC={rustc}", f"CARGO={cargo}",
                       "--with-rust=yes", env=clean_env())
    out = result.stdout
    assert result.returncode == 0, out
    assert "links a Rust static library... yes" in out
    assert "whether a program linked with Rust runs" not in out, "ran a cross-compiled program"
    made = substs(project, "RUST_TARGET", "RUST_CROSS_ENV")
    assert made["RUST_TARGET"] == "aarch64-unknown-linux-gnu"
    env = cross_env_words(made["RUST_CROSS_ENV"])
    assert env["CC_aarch64_unknown_linux_gnu"] == cc
    assert env["CFLAGS_aarch64_unknown_linux_gnu"] == cflags
    assert env["AR_aarch64_unknown_linux_gnu"].endswith("ar")
    linker = env["CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER"]
    if " " in cc:
        # cargo takes one program: configure wrote a wrapper passing CC's arguments.
        assert Path(linker) == project / "rust-cc-linker"
        ran = subprocess.run([linker, "-dumpmachine"], capture_output=True, text=True)
        assert ran.stdout.startswith("aarch64"), ran
    else:
        assert linker == cc


def test_native_build_has_no_cross_env(tmp_path):
    project = make_project(tmp_path)
    result = configure(project, env=tool_env(tmp_path))
    assert result.returncode == 0, result.stdout
    assert "whether a program linked with Rust runs... yes" in result.stdout
    made = substs(project, "RUST_CROSS_ENV", "RUST_NATIVE_STATIC_LIBS", "RUST_HIDE_LDFLAGS",
                  "RUST_GC_LDFLAGS")
    assert made["RUST_CROSS_ENV"] == ""
    assert "-l" in made["RUST_NATIVE_STATIC_LIBS"]
    assert made["RUST_HIDE_LDFLAGS"] == "-Wl,--exclude-libs,ALL"
    assert made["RUST_GC_LDFLAGS"] == "-Wl,--gc-sections"


def test_results_are_cached_but_failures_are_not(tmp_path):
    project = make_project(tmp_path)
    no_cargo = tool_env(tmp_path / "a", {"rustc": real_tool("rustc")})
    first = configure(project, "-C", env=no_cargo)
    assert first.returncode == 0 and "cargo not found" in first.stdout, first.stdout
    good = tool_env(tmp_path / "b")
    second = configure(project, "-C", env=good)
    assert summary(second.stdout).startswith("yes ("), second.stdout
    third = configure(project, "-C", env=good)
    for probe in ("the rustc version", "the cargo version", "for the Rust target",
                  "for the native libraries Rust static libraries need"):
        assert re.search(rf"checking {probe}\.\.\. .*\(cached\)", third.stdout), third.stdout
    assert summary(third.stdout) == summary(second.stdout)


def test_config_log_records_each_probe(tmp_path):
    project = make_project(tmp_path)
    rustc = real_tool("rustc")
    assert configure(project, env=tool_env(tmp_path)).returncode == 0
    log = (project / "config.log").read_text()
    assert f"{tmp_path}/rust-bin/rustc -vV" in log or "rustc -vV" in log
    assert "release: " in log                     # the output, not only the command
    assert "--crate-type staticlib" in log and "native-static-libs" in log
    assert "Rust: with_rust=yes (requested: auto; problem: none)" in log
    assert Path(rustc).exists()


def test_help_lists_the_option_and_precious_variables(tmp_path):
    for stage, words in (("warn", "else warn"), ("require", "Rust is required since fixture 2.0")):
        project = make_project(tmp_path / stage, stage)
        out = configure(project, "--help").stdout
        assert "--with-rust[=yes|no|auto]" in out
        assert words in " ".join(out.split()), out
        for var in ("CARGO", "RUSTC", "RUSTFLAGS", "RUST_TARGET"):
            assert re.search(rf"^  {var}\s", out, re.M), f"{var} missing from --help"


@pytest.fixture(scope="module")
def host_variant(tmp_path_factory):
    """The fixture with RUST_SET_PROFILE/LTO from the environment, a host
    message after AC_OUTPUT, and no RUST_FINAL_NOTICE call."""
    project = make_project(tmp_path_factory.mktemp("variant"))
    configure_ac = project / "configure.ac"
    text = configure_ac.read_text().replace("RUST_FINAL_NOTICE\n", "")
    text = re.sub(r"(RUST_CONFIGURE\(.*?\)\n)",
                  r"\1RUST_SET_PROFILE([${FIXTURE_PROFILE-release}])\n"
                  r"RUST_SET_LTO([${FIXTURE_LTO-no}])\n", text, flags=re.S)
    text += 'echo "host: my own last words"\n'
    configure_ac.write_text(text)
    done = subprocess.run(["autoreconf", "-fi"], cwd=project, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return project


def copy_of(project, tmp_path):
    return Path(shutil.copytree(project, tmp_path / "copy", symlinks=True))


def test_final_notice_is_last_without_the_call(host_variant, tmp_path):
    project = copy_of(host_variant, tmp_path)
    result = configure(project, env=tool_env(tmp_path, {"rustc": real_tool("rustc")}))
    lines = result.stdout.rstrip().splitlines()
    assert result.returncode == 0, result.stdout
    assert lines[-3] == "host: my own last words", result.stdout
    assert lines[-2].startswith("configure: WARNING: Rust is not usable") and "cargo" in lines[-2]
    assert lines[-1].startswith("configure: WARNING: fix:")


def test_profile_and_lto_set_after_configure_show_in_summary(host_variant, tmp_path):
    project = copy_of(host_variant, tmp_path)
    result = configure(project, env=tool_env(tmp_path, FIXTURE_PROFILE="debug", FIXTURE_LTO="yes"))
    assert result.returncode == 0, result.stdout
    assert summary(result.stdout).endswith(", debug, LTO)"), result.stdout
    assert substs(project, "RUST_PROFILE", "RUST_LTO") == {"RUST_PROFILE": "debug", "RUST_LTO": "yes"}
    bad = configure(project, env=tool_env(tmp_path / "bad", FIXTURE_PROFILE="fast"))
    assert bad.returncode != 0
    assert "RUST_SET_PROFILE: 'fast' is not a profile: use release or debug" in bad.stdout


def test_generated_shell_passes_shellcheck(tmp_path):
    if not shutil.which("shellcheck"):
        pytest.skip("shellcheck not installed")
    script = (make_project(tmp_path) / "configure").read_text().splitlines()
    start = next(i for i, line in enumerate(script) if "Check whether --with-rust" in line)
    end = next(i for i, line in enumerate(script) if "Rust: with_rust=" in line)
    fragment = tmp_path / "rust-fragment.sh"
    fragment.write_text("\n".join(script[start:end + 2]) + "\n")
    # Excluded: autoconf's own idioms (variables defined elsewhere in
    # configure or used by config.status, `set dummy', `var= var2=').
    done = subprocess.run(["shellcheck", "-s", "sh", "-S", "warning",
                           "-e", "SC2034,SC2154,SC2121,SC1007", str(fragment)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def armhf_toolchain():
    """Debian's rustc with its armhf std (armv7-unknown-linux-gnueabihf)."""
    return debian_toolchain("arm-linux-gnueabihf", "armv7-unknown-linux-gnueabihf", "armhf")


def test_debian_armhf_maps_to_armv7(tmp_path):
    rustc, cargo = armhf_toolchain()
    project = make_project(tmp_path)
    result = configure(project, "--host=arm-linux-gnueabihf", "CC=arm-linux-gnueabihf-gcc",
                       f"RUSTC={rustc}", f"CARGO={cargo}", "--with-rust=yes", env=clean_env())
    assert result.returncode == 0, result.stdout
    assert "checking for the Rust target... armv7-unknown-linux-gnueabihf" in result.stdout
    assert substs(project, "RUST_TARGET")["RUST_TARGET"] == "armv7-unknown-linux-gnueabihf"


def test_a_target_without_std_names_the_close_one_that_has_it(tmp_path):
    rustc, cargo = armhf_toolchain()
    project = make_project(tmp_path)
    result = configure(project, "--host=arm-linux-gnueabihf", "CC=arm-linux-gnueabihf-gcc",
                       "RUST_TARGET=arm-unknown-linux-gnueabihf", f"RUSTC={rustc}",
                       f"CARGO={cargo}", "--with-rust=yes", env=clean_env())
    out = result.stdout
    assert result.returncode != 0, out
    assert "has no standard library for arm-unknown-linux-gnueabihf" in out, out
    assert "pass RUST_TARGET=armv7-unknown-linux-gnueabihf (rustc has its standard library)" \
        in out, out
    # the make-time diagnosis says the same
    made = configure(project, "--host=arm-linux-gnueabihf", "CC=arm-linux-gnueabihf-gcc",
                     f"RUSTC={rustc}", f"CARGO={cargo}", "--with-rust=yes", env=clean_env())
    assert made.returncode == 0, made.stdout
    check = subprocess.run(["make", "rust-available", "RUST_TARGET=arm-unknown-linux-gnueabihf"],
                           cwd=project, env=clean_env(), capture_output=True, text=True)
    assert check.returncode != 0
    assert "pass RUST_TARGET=armv7-unknown-linux-gnueabihf to configure" in check.stdout, \
        check.stdout + check.stderr
