"""The fixture project, generated per stage, and environments that hide tools.

    project = make_project(tmp_path, stage="opt-out")
    result = configure(project, "--with-rust=yes", env=tool_env(tmp_path))
    assert result.returncode == 0, result.stdout

autoreconf runs once per stage per pytest session into a template directory;
each test gets a fresh copy of it.
"""

import atexit
import functools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixture"
STAND_INS = REPO / "tests" / "stand-ins"
# What a client tree takes from the layer, next to its configure.ac.
LAYER_FILES = ["configure-rust.m4", "Makefile.rust.in", "xtask", ".cargo/config.toml"]
# as tools/src/cpython/copy.rs cuts it for a CPython tree
CARGO_CONFIG_CUT = "# This repository's own tools"
STAGES = ("warn", "opt-out", "require")
# The fixture's RUST_CONFIGURE arguments (tests/fixture/configure.ac).
MIN_RUST = "1.74"
REQUIRED_SINCE = "fixture 2.0"

# Rust tools a "hidden" PATH leaves out, and the precious variables a test
# must not inherit (cargo itself sets CARGO and RUSTC for `cargo test`).
RUST_TOOLS = {"cargo", "rustc", "rustup", "rustdoc", "rustfmt", "rust-gdb", "rust-lldb",
              "rust-gdbgui", "cargo-clippy", "clippy-driver", "cargo-fmt", "rust-analyzer"}
RUST_VARS = ("CARGO", "RUSTC", "RUSTFLAGS", "RUST_TARGET")

def _session_dir() -> Path:
    path = Path(tempfile.mkdtemp(prefix="rust-layer-tests-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


@functools.lru_cache(maxsize=None)
def _scratch() -> Path:
    return _session_dir()


def _ignore_build_output(_dir, names):
    return [n for n in names if n in ("target", "__pycache__", "autom4te.cache")]


@functools.lru_cache(maxsize=None)
def _template(stage: str) -> Path:
    """The fixture plus the layer, with configure generated for STAGE."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}: use one of {STAGES}")
    tree = _scratch() / f"template-{stage}"
    shutil.copytree(FIXTURE, tree, ignore=_ignore_build_output)
    for name in LAYER_FILES:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, tree / name, ignore=_ignore_build_output)
        elif src.exists():
            (tree / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, tree / name)
    # A client's cargo config stops before this repository's tool aliases.
    config = tree / ".cargo" / "config.toml"
    config.write_text(config.read_text().split(CARGO_CONFIG_CUT)[0].rstrip() + "\n")
    env = dict(os.environ, FIXTURE_RUST_STAGE=stage)
    done = subprocess.run(["autoreconf", "-fi"], cwd=tree, env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        raise RuntimeError(f"autoreconf -fi failed in {tree}:\n{done.stdout}")
    shutil.rmtree(tree / "autom4te.cache", ignore_errors=True)
    return tree


def make_project(tmp_path: Path, stage: str = "warn") -> Path:
    """A fresh copy of the fixture project whose configure has STAGE."""
    project = Path(tmp_path) / "project"
    shutil.copytree(_template(stage), project, symlinks=True)
    return project


def configure(project: Path, *args: str, env=None, cwd=None) -> subprocess.CompletedProcess:
    """Run PROJECT/configure ARGS in CWD (default: PROJECT).

    stdout holds stdout and stderr interleaved, as a user sees them.
    ENV defaults to clean_env(): the current environment without the
    Rust precious variables.
    """
    return subprocess.run([str(Path(project) / "configure"), *args], cwd=cwd or project,
                          env=env if env is not None else clean_env(),
                          text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def clean_env(**extra: str) -> dict:
    """os.environ without the Rust precious variables, plus EXTRA."""
    env = {k: v for k, v in os.environ.items() if k not in RUST_VARS}
    env.update(extra)
    return env


def real_tool(name: str) -> str:
    """The tool configure finds by default (rustup's proxy comes first)."""
    found = shutil.which(name, path=clean_env().get("PATH"))
    if not found:
        raise RuntimeError(f"{name} is not on PATH; the tests need a working Rust toolchain")
    return found


@functools.lru_cache(maxsize=None)
def _system_bin() -> Path:
    """Symlinks to every program on PATH except Rust's (built once)."""
    where = _scratch() / "system-bin"
    where.mkdir()
    for d in os.environ.get("PATH", "").split(os.pathsep):
        if not os.path.isdir(d) or Path(d).resolve() == (Path.home() / ".cargo" / "bin").resolve():
            continue
        for name in os.listdir(d):
            link = where / name
            target = Path(d) / name
            if (name in RUST_TOOLS or name.startswith("cargo-") or link.exists()
                    or target.is_dir() or not os.access(target, os.X_OK)):
                continue
            link.symlink_to(target)
    return where


def tool_env(tmp_path: Path, tools=None, **extra: str) -> dict:
    """An environment whose PATH has the system's programs but, of Rust's
    tools, only TOOLS ({name: path}); default: the real cargo and rustc.

        tool_env(tmp, {"rustc": real_tool("rustc")})   # no cargo anywhere
    """
    if tools is None:
        tools = {"cargo": real_tool("cargo"), "rustc": real_tool("rustc")}
    rust_bin = Path(tmp_path) / "rust-bin"
    rust_bin.mkdir(parents=True, exist_ok=True)
    for name, target in tools.items():
        (rust_bin / name).symlink_to(target)
    return clean_env(PATH=f"{rust_bin}{os.pathsep}{_system_bin()}", **extra)


def substs(project: Path, *names: str):
    """{NAME: the value config.status substitutes for @NAME@}, or None when
    configure wrote no config.status."""
    status = Path(project) / "config.status"
    if not status.exists():
        return None
    # config.status has no query for a variable: have it expand a template.
    probe = Path(project) / "conftest-substs.in"
    out = Path(project) / "conftest-substs"
    probe.write_text("".join(f"{name}=@{name}@\n" for name in names))
    done = subprocess.run(["sh", str(status), f"--file={out.name}:{probe.name}"],
                          cwd=project, text=True, capture_output=True)
    assert done.returncode == 0, done.stderr
    values = dict(line.split("=", 1) for line in out.read_text().splitlines())
    probe.unlink()
    out.unlink()
    return values


def subst(project: Path, name: str):
    """The value config.status substitutes for @NAME@, or None."""
    values = substs(project, name)
    return None if values is None else values[name]


def target_without_std() -> str:
    """A target rustc knows but has no standard library for."""
    rustc = real_tool("rustc")
    sysroot = subprocess.run([rustc, "--print", "sysroot"], capture_output=True, text=True,
                             check=True).stdout.strip()
    known = subprocess.run([rustc, "--print", "target-list"], capture_output=True, text=True,
                           check=True).stdout.split()
    for target in ("riscv64gc-unknown-linux-gnu", "s390x-unknown-linux-gnu",
                   "powerpc64le-unknown-linux-gnu", "sparc64-unknown-linux-gnu"):
        if target in known and not (Path(sysroot) / "lib" / "rustlib" / target).exists():
            return target
    pytest.skip("every candidate target has a standard library installed")


def cpython_tree(tmp_path: Path, version: str = "3.13") -> Path:
    """A writable copy of the pristine CPython `version` tree
    (ci/fetch-cpython.sh); skips the test when it cannot be fetched."""
    import pytest
    pristine = subprocess.run(["sh", str(REPO / "ci" / "fetch-cpython.sh"), version],
                              capture_output=True, text=True)
    if pristine.returncode:
        pytest.skip(f"no CPython {version} source: {pristine.stderr.strip()}")
    tree = Path(tmp_path) / "cpython"
    shutil.copytree(pristine.stdout.strip().splitlines()[-1], tree, symlinks=True)
    return tree
