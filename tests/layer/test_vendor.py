"""Vendoring: `make rust-vendor` replaces rust-vendor/ whole or not at all,
a vendor directory that does not match Cargo.lock is named before cargo
runs (with the fix), and the crates no build compiles are vendored as
manifests only.  The offline build from the directory: test_offline.py;
the tarball's (`rust-dist-vendor`): test_automake.py.
"""

import os
import signal
import subprocess
import time
import tomllib

import pytest

from fixture import STAND_INS, clean_env, make_project, real_tool
from make_helpers import SHARED_XTASK_TARGET, CargoLog, make, run_ask
from test_make import built, configured

# serde_json names serde under cfg(any()): serde, serde_derive and what they
# build with are never compiled (xtask/src/vendor_stubs.rs).
NEVER_BUILT = ("serde-", "serde_derive-", "syn-", "quote-", "proc-macro2-", "unicode-ident-")


def can_cut_network() -> bool:
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


def vendor_dir(tree):
    return tree / "rust-vendor"


def listing(directory):
    return sorted(p.name for p in directory.iterdir())


def interrupt_vendoring(tree, tmp_path, goal="rust-vendor", *args):
    """`make GOAL ARGS`, Ctrl-C'd after cargo wrote every crate (the
    stand-in cargo then waits, as a slow download would)."""
    marker = tmp_path / "vendored"
    env = clean_env(RUST_XTASK_TARGET_DIR=str(SHARED_XTASK_TARGET),
                    STAND_IN_REAL_CARGO=real_tool("cargo"), STAND_IN_VENDORED=str(marker))
    proc = subprocess.Popen(["make", goal, *args, f"CARGO={STAND_INS / 'cargo-slow-vendor'}"],
                            cwd=tree, env=env, start_new_session=True, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 600
    while not marker.exists():
        assert proc.poll() is None, f"make rust-vendor ended early:\n{proc.communicate()[0]}"
        assert time.monotonic() < deadline, "cargo vendor did not finish writing"
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGINT)
    out = proc.communicate(timeout=60)[0]
    assert proc.returncode != 0, f"make {goal} was not interrupted:\n{out}"


def locked_crates(tree):
    """name-version of each crate Cargo.lock takes from a registry."""
    return {f"{p['name']}-{p['version']}" for p in
            tomllib.loads((tree / "Cargo.lock").read_text())["package"] if "source" in p}


def test_an_interrupted_first_vendoring_leaves_no_directory(tmp_path):
    tree = configured(make_project(tmp_path))
    interrupt_vendoring(tree, tmp_path)
    assert not vendor_dir(tree).exists(), listing(vendor_dir(tree))
    built(tree)
    assert "answer: 42" in run_ask(tree)
    # Vendoring again clears what the interrupted run left.
    built(tree, "rust-vendor")
    assert not [p for p in tree.iterdir() if p.name.startswith(".rust-vendor.")]


def test_an_interrupted_vendoring_keeps_the_old_directory(tmp_path):
    tree = configured(make_project(tmp_path))
    built(tree, "rust-vendor")
    before = listing(vendor_dir(tree))
    interrupt_vendoring(tree, tmp_path)
    assert listing(vendor_dir(tree)) == before
    prefix = ("unshare", "-n") if can_cut_network() else ()
    offline = make(tree, "V=1", prefix=prefix)
    assert offline.returncode == 0, offline.stdout
    assert "--frozen" in offline.stdout, offline.stdout
    assert "answer: 42" in run_ask(tree)


def test_an_interrupted_dist_vendoring_leaves_no_directory(tmp_path):
    """`rust-dist-vendor` (automake's dist-hook) vendors the same way, into
    the tarball's tree."""
    tree = configured(make_project(tmp_path))
    distdir = tmp_path / "fixture-1.0"
    interrupt_vendoring(tree, tmp_path, "rust-dist-vendor", f"distdir={distdir}")
    assert not (distdir / "rust-vendor").exists()
    built(tree, "rust-dist-vendor", f"distdir={distdir}")
    vendored = {p.name for p in (distdir / "rust-vendor").iterdir()
                if (p / ".cargo-checksum.json").is_file()}
    assert vendored == locked_crates(tree)
    assert not [p for p in distdir.iterdir() if p.name.startswith(".rust-vendor.")]


@pytest.mark.parametrize("fix", ["make rust-vendor", "rm -rf rust-vendor"])
def test_an_incomplete_vendor_directory_is_named_before_cargo_runs(tmp_path, fix):
    """What an interrupted `cargo vendor` left (before vendoring was
    atomic): a crate without its checksum file, another one missing."""
    cargo = CargoLog(tmp_path)
    tree = configured(make_project(tmp_path), f"CARGO={cargo.path}")
    built(tree, "rust-vendor")
    serde_json = next(vendor_dir(tree).glob("serde_json-*"))
    (serde_json / ".cargo-checksum.json").unlink()
    itoa = next(vendor_dir(tree).glob("itoa-*"))
    subprocess.run(["rm", "-rf", str(itoa)], check=True)
    calls = len(cargo.calls())

    for goal in ("all", "rust-available"):
        result = make(tree, goal)
        assert result.returncode != 0, result.stdout
        for words in (f"the vendor directory {vendor_dir(tree)} is incomplete",
                      serde_json.name, itoa.name, "fix: vendor again, online: make rust-vendor",
                      f"rm -rf '{vendor_dir(tree)}'"):
            assert words in result.stdout, f"`make {goal}` lacks {words!r}:\n{result.stdout}"
    ran = [c for c in cargo.calls()[calls:] if c != "--version"]  # rust-available's first check
    assert not ran, f"cargo ran: {ran}"

    if fix == "make rust-vendor":
        built(tree, "rust-vendor")
    else:
        subprocess.run(["rm", "-rf", str(vendor_dir(tree))], check=True)
    built(tree)
    assert "answer: 42" in run_ask(tree)


def test_crates_no_build_compiles_are_vendored_as_manifests(tmp_path):
    tree = configured(make_project(tmp_path))
    built(tree, "rust-vendor")
    crates = listing(vendor_dir(tree))
    stubs = [c for c in crates if c.startswith(NEVER_BUILT)]
    assert len(stubs) == len(NEVER_BUILT), crates
    for crate in stubs:
        files = sorted(str(p.relative_to(vendor_dir(tree) / crate))
                       for p in (vendor_dir(tree) / crate).rglob("*") if p.is_file())
        assert set(files) <= {".cargo-checksum.json", "Cargo.toml", "src/lib.rs"}, (crate, files)
    # The driver's own crates are whole.
    serde_json = next(vendor_dir(tree).glob("serde_json-*"))
    assert (serde_json / "src" / "lib.rs").stat().st_size > 0
