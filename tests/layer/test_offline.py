"""Offline builds: after `make rust-vendor`, a build with no network and an
empty CARGO_HOME takes every crate from the vendored directory."""

import re
import subprocess

import pytest

from fixture import clean_env, configure, make_project
from make_helpers import HOST_OUTPUT, make, run_ask


def network_can_be_cut() -> bool:
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


def test_vendored_build_needs_no_network(tmp_path):
    if not network_can_be_cut():
        pytest.skip("`unshare -n` is not permitted here: run the tests as root "
                    "(or with CAP_SYS_ADMIN) to check offline builds")
    tree = make_project(tmp_path)
    result = configure(tree)
    assert result.returncode == 0, result.stdout

    vendored = make(tree, "rust-vendor")
    assert vendored.returncode == 0, f"make rust-vendor failed:\n{vendored.stdout}"
    crates = sorted(p.name for p in (tree / "rust-vendor").iterdir())
    assert crates, "make rust-vendor vendored nothing"
    unversioned = [c for c in crates if not re.search(r"-\d+\.\d+\.\d+", c)]
    assert not unversioned, f"vendored directories without a version: {unversioned}"

    # Nothing of the online build may help: no target dir, no cargo cache.
    assert make(tree, "rust-clean").returncode == 0
    cargo_home = tmp_path / "empty-cargo-home"
    cargo_home.mkdir()
    env = clean_env(CARGO_HOME=str(cargo_home))

    probe = subprocess.run(["unshare", "-n", "python3", "-c",
                            "import socket; socket.create_connection(('1.1.1.1', 443), 5)"],
                           capture_output=True, text=True)
    assert probe.returncode != 0, "`unshare -n` did not cut the network"

    offline = make(tree, "-j2", "V=1", env=env, prefix=("unshare", "-n"))
    assert offline.returncode == 0, f"offline build failed:\n{offline.stdout}"
    assert "--frozen" in offline.stdout and "vendored-sources" in offline.stdout, offline.stdout
    out = run_ask(tree, "1234")
    for line in HOST_OUTPUT:
        assert line in out, out
    assert not (cargo_home / "registry").exists(), "the offline build used a registry"
