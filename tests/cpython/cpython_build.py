"""Builds real CPython trees with the layer applied, for the acceptance tests.

One source tree per (version, stage) gets the layer applied by
`cargo cpython apply`; each variant (flags, Setup.local) is configured
and built out of tree from it.  Builds live under $RUST_LAYER_BUILDS
(default: build/cpython in the repository) and are reused while the layer's
files and the variant's flags are unchanged, so re-running a test is cheap.
"""

import hashlib
import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

from file_lock import locked

REPO = Path(__file__).resolve().parents[2]
# RUST_LAYER_BINDGEN=1: every build makes its bindings with bindgen
# (RUST_FEATURES=bindgen, needs libclang), in builds of its own; otherwise
# they use the pre-generated sets and libclang is hidden.
BINDGEN = os.environ.get("RUST_LAYER_BINDGEN") == "1"
BUILDS = Path(os.environ.get("RUST_LAYER_BUILDS",
                             REPO / "build" / ("cpython-bindgen" if BINDGEN else "cpython")))
NO_LIBCLANG = "/nonexistent/no-libclang"
LAYER_PATHS = ["configure-rust.m4", "Makefile.rust.in", "Cargo.toml", "Cargo.lock",
               ".cargo", "xtask", "rust-support", "msbuild", "tools"]
VERSIONS = {"3.13": "3.13.5", "3.11": "3.11.2", "3.14": "3.14.0a6+ (main, fd545d7)"}
JOBS = os.environ.get("RUST_LAYER_JOBS", str(os.cpu_count() or 2))


def layer_hash():
    """A hash of every layer file that apply copies: a change means rebuild."""
    digest = hashlib.sha256()
    for top in LAYER_PATHS:
        root = REPO / top
        files = [root] if root.is_file() else sorted(
            p for p in root.rglob("*")
            if p.is_file() and "target" not in p.parts and "__pycache__" not in p.parts)
        for path in files:
            digest.update(str(path.relative_to(REPO)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build_env(env=None):
    """ccache shared by all variants (same flags in different dirs hit), and
    one xtask build for all (Makefile.rust.in's RUST_XTASK_TARGET_DIR)."""
    env = {**os.environ, **(env or {})}
    env.setdefault("RUST_XTASK_TARGET_DIR", str(BUILDS / "xtask-target"))
    hide_libclang(env)
    if shutil.which("ccache") and "CC" not in env:
        env["CC"] = "ccache gcc"
        env.setdefault("CCACHE_NOHASHDIR", "1")
        env.setdefault("CCACHE_BASEDIR", str(BUILDS))
    return env


def hide_libclang(env):
    """Unless the bindings are bindgen's (RUST_LAYER_BINDGEN=1), no libclang
    can be found: the build must not need it."""
    if not BINDGEN:
        env["LIBCLANG_PATH"] = NO_LIBCLANG
    return env


def default_sigint():
    """For child processes: SIGINT as the default. A job started in the
    background (`cmd &` in a script, nohup) inherits SIGINT ignored, and
    CPython's tests that raise it (test_generators' SignalAndYieldFromTest,
    run by PGO's training) then fail."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run(cmd, cwd, env=None, log=None, check=True):
    """Runs a command; its output goes to `log` (kept for failures)."""
    with open(log, "a") if log else subprocess.DEVNULL as out:
        if log:
            out.write(f"\n$ {' '.join(map(str, cmd))}\n")
            out.flush()
        proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env,
                              stdout=out, stderr=subprocess.STDOUT, preexec_fn=default_sigint)
    if check and proc.returncode:
        tail = Path(log).read_text()[-6000:] if log else ""
        raise AssertionError(f"{cmd} failed with {proc.returncode} in {cwd}:\n{tail}")
    return proc


def fetch(version):
    with locked(BUILDS, f"fetch-{version}"):
        out = subprocess.run(["sh", str(REPO / "ci" / "fetch-cpython.sh"), version],
                             check=True, capture_output=True, text=True)
    return Path(out.stdout.strip().splitlines()[-1])


def raise_version(tree, minor):
    """Makes a 3.x tree say it is 3.`minor`.0a1 (Include/patchlevel.h and
    configure.ac's PYTHON_VERSION): a stand-in for a CPython that no cached
    source is of, for the API gate's tests (its binascii is still 3.x's).
    An alpha, as CPython's main branch is: Argument Clinic's deprecation
    guards (`#error "Update the clinic input ..."`) stop a final 3.15 and
    only warn for an alpha; the test modules' guards stop any later version
    (build them with --disable-test-modules)."""
    patchlevel = Path(tree) / "Include" / "patchlevel.h"
    configure_ac = Path(tree) / "configure.ac"
    text = patchlevel.read_text()
    for name, value in [("PY_MINOR_VERSION", str(minor)), ("PY_MICRO_VERSION", "0"),
                        ("PY_RELEASE_LEVEL", "PY_RELEASE_LEVEL_ALPHA"),
                        ("PY_RELEASE_SERIAL", "1"), ("PY_VERSION", f'"3.{minor}.0a1"')]:
        text = re.sub(rf"^(#define {name}\s+)\S+$", lambda m: m.group(1) + value, text,
                      flags=re.M)
    patchlevel.write_text(text)
    ac = re.sub(r"m4_define\(\[PYTHON_VERSION\], \[3\.\d+\]\)",
                f"m4_define([PYTHON_VERSION], [3.{minor}])", configure_ac.read_text())
    configure_ac.write_text(ac)
    if f"[3.{minor}]" not in ac or f'"3.{minor}.0a1"' not in text:
        raise AssertionError(f"could not raise {tree} to 3.{minor}: its version lines differ")


def applied_source(version, stage="warn", as_minor=None):
    """A copy of the pristine tree with the layer applied (cached by layer hash);
    with `as_minor`, the copy is raised to 3.<as_minor> first (raise_version)."""
    name = f"src-{version}-{stage}" + (f"-as-3.{as_minor}" if as_minor else "")
    with locked(BUILDS, name):
        return _applied_source(name, version, stage, as_minor)


def _applied_source(name, version, stage, as_minor):
    key = f"{version}-{stage}-{as_minor and f'3.{as_minor}.0a1'}-{layer_hash()}"
    src = BUILDS / name
    marker = src / ".layer-applied"
    if marker.exists() and marker.read_text() == key:
        return src
    if src.exists():
        shutil.rmtree(src)
    BUILDS.mkdir(parents=True, exist_ok=True)
    shutil.copytree(fetch(version), src, symlinks=True)
    if as_minor:
        raise_version(src, as_minor)
    log = BUILDS / f"{name}.log"
    log.write_text("")
    run(["cargo", "cpython", "apply", src, "--stage", stage], cwd=REPO, log=log)
    marker.write_text(key)
    return src


class Build:
    """One configured and built variant."""

    def __init__(self, name, builddir, log):
        self.name, self.dir, self.log = name, builddir, log

    def assert_bindings_source(self):
        """Built with bindgen when RUST_LAYER_BINDGEN=1, else with a
        pre-generated set: then no bindgen crate was even compiled."""
        # Build dependencies (bindgen) build for the build machine, outside
        # the target's directory: target/<profile>/build.
        target = self.dir / "rust" / "target"
        built = [p.name for pattern in ("*/build/*", "*/*/build/*") for p in target.glob(pattern)]
        assert built, f"no build script ran in {self.dir}/rust/target?"
        with_bindgen = any(n.startswith(("bindgen-", "clang-sys-")) for n in built)
        assert with_bindgen == BINDGEN, (
            f"RUST_LAYER_BINDGEN={int(BINDGEN)}, but bindgen was "
            f"{'compiled' if with_bindgen else 'not compiled'} in {self.dir}")

    @property
    def python(self):
        return self.dir / "python"

    def run_python(self, *args, env=None, check=True, timeout=None):
        return subprocess.run([str(self.python), *map(str, args)], cwd=self.dir,
                              env=env, capture_output=True, text=True, check=check,
                              timeout=timeout, preexec_fn=default_sigint)

    def make(self, *targets, env=None, check=True):
        return run(["make", f"-j{JOBS}", *targets], cwd=self.dir,
                   env=build_env(env), log=self.log, check=check)

    def config_var(self, name):
        """sysconfig's value, with make variables expanded."""
        code = f"import sysconfig; print(sysconfig.get_config_var({name!r}) or '')"
        env = {**os.environ, "LD_LIBRARY_PATH": str(self.dir)}
        return self.run_python("-c", code, env=env).stdout.strip()

    def rust_warnings(self):
        """The warnings cargo and rustc printed while building this variant
        (its log: configure's and make's output): a warning that only one
        version's or target's cfgs bring out is missed by clippy, which
        sees the default bindings on the build machine."""
        return [line for line in self.log.read_text(errors="replace").splitlines()
                if line.startswith("warning: ")]

    def makefile_var(self, name):
        """The value of a variable in the generated Makefile or Makefile.rust."""
        for makefile in ("Makefile", "Makefile.rust"):
            for line in (self.dir / makefile).read_text().splitlines():
                key, sep, value = line.partition("=")
                if sep and key.strip() == name:
                    return value.strip()
        return None


def _variant_key(version, stage, configure_args, setup_local, env, as_minor):
    """What a variant is made from; its marker adds whether it was built."""
    return "\n".join([layer_hash(), version, stage, *configure_args, setup_local or "",
                      repr(sorted((env or {}).items()))]
                     + ([f"as 3.{as_minor}"] if as_minor else []))


def _current(marker, key, make):
    """A built variant serves a request for a configured one too."""
    return marker.exists() and marker.read_text() in (f"{key}\n{make}", f"{key}\nTrue")


def _variant(name, version, stage, configure_args, setup_local, env, as_minor):
    """The variant's Build, its configure arguments (with bindgen's feature
    when RUST_LAYER_BINDGEN=1) and its key."""
    if BINDGEN:
        configure_args = (*configure_args, "RUST_FEATURES=bindgen")
    key = _variant_key(version, stage, configure_args, setup_local, env, as_minor)
    return Build(name, BUILDS / name, BUILDS / f"{name}.log"), configure_args, key


def existing(name, version="3.13", stage="warn", configure_args=(), setup_local=None,
             env=None, make=True, as_minor=None):
    """The variant `name` when it is built and current (as `build` would
    make it), else None: for a test that can use it but need not build it."""
    result, _, key = _variant(name, version, stage, configure_args, setup_local, env, as_minor)
    return result if _current(result.dir / ".variant", key, make) else None


def build(name, version="3.13", stage="warn", configure_args=(), setup_local=None,
          env=None, make=True, as_minor=None):
    """Configures (and makes) the variant `name`, reusing an up-to-date build;
    `as_minor`: from a tree raised to 3.<as_minor> (applied_source)."""
    with locked(BUILDS, name):
        return _build(name, version, stage, configure_args, setup_local, env, make, as_minor)


def _build(name, version, stage, configure_args, setup_local, env, make, as_minor):
    src = applied_source(version, stage, as_minor)
    result, configure_args, key = _variant(name, version, stage, configure_args, setup_local,
                                           env, as_minor)
    builddir, log = result.dir, result.log
    marker = builddir / ".variant"
    if _current(marker, key, make):
        return result
    if builddir.exists():
        shutil.rmtree(builddir)
    builddir.mkdir(parents=True)
    log.write_text("")
    full_env = build_env(env)
    if setup_local is not None:
        (builddir / "Modules").mkdir()
        (builddir / "Modules" / "Setup.local").write_text(setup_local)
    run([src / "configure", *configure_args], cwd=builddir, env=full_env, log=log)
    if make:
        result.make(env=env)
    marker.write_text(f"{key}\n{make}")
    return result


def main(argv=None):
    """Command line: build one variant and say where it is (ci/build.sh)."""
    import argparse
    parser = argparse.ArgumentParser(description="Build CPython with the Rust layer applied.")
    parser.add_argument("--version", choices=sorted(VERSIONS), default="3.13")
    parser.add_argument("--stage", choices=["warn", "opt-out", "require"], default="warn")
    parser.add_argument("--name", help="build directory name under " + str(BUILDS))
    parser.add_argument("configure_args", nargs="*", help="passed to ./configure (after --)")
    args = parser.parse_args(argv)
    name = args.name or f"{args.version.replace('.', '')}-main"
    b = build(name, args.version, args.stage, tuple(args.configure_args))
    check = b.run_python("-c", "import binascii; print(binascii.__file__)").stdout.strip()
    print(f"built CPython {VERSIONS[args.version]} in {b.dir}")
    print(f"binascii: {check}")
    comment = subprocess.run(["readelf", "-p", ".comment", check], capture_output=True,
                             text=True).stdout
    rustc = [l.split("]", 1)[-1].strip() for l in comment.splitlines() if "rustc" in l]
    print("binascii is the Rust module (" + rustc[0] + ")" if rustc
          else "binascii is the C module")


if __name__ == "__main__":
    main()
