"""A toolchain swapped behind rustup's proxy: RUSTC stays
~/.cargo/bin/rustc while RUSTUP_TOOLCHAIN (or `rustup default`, an
override, `rustup update`) picks another rustc.  The stamp records what
`rustc -vV` says (release, commit hash, host), so the next make rebuilds
with the toolchain it runs now and says why; the make after it runs no
cargo.
"""

import subprocess
from pathlib import Path

import pytest

from fixture import clean_env, make_project, real_tool
from make_helpers import CargoLog, make, run_ask
from test_make import configured

OTHER = "nightly"


def other_toolchain(rustc: str) -> str:
    """The release of the OTHER toolchain, when rustc is rustup's proxy and
    it is installed, else skip."""
    if Path(rustc).resolve().name != "rustup":
        pytest.skip(f"{rustc} is not a rustup proxy")
    vv = subprocess.run([rustc, "-vV"], env=clean_env(RUSTUP_TOOLCHAIN=OTHER),
                        capture_output=True, text=True)
    if vv.returncode != 0:
        pytest.skip(f"rustup has no {OTHER} toolchain: {vv.stderr.strip()}")
    return next(line.split()[1] for line in vv.stdout.splitlines()
                if line.startswith("release:"))


def built_by(archive: Path, release: str) -> bool:
    """rustc writes its version into each object's .comment section."""
    return f"rustc version {release}".encode() in archive.read_bytes()


def test_a_toolchain_swapped_behind_the_proxy_rebuilds(tmp_path):
    rustc = real_tool("rustc")
    other = other_toolchain(rustc)
    cargo = CargoLog(tmp_path)
    tree = configured(make_project(tmp_path), f"CARGO={cargo.path}")
    # The xtask is built by each toolchain's cargo: keep it out of the
    # shared xtask directory the other tests use.
    env = clean_env(RUST_XTASK_TARGET_DIR=str(tmp_path / "xtask"))
    archive = tree / "rust" / "libanswer.a"

    def make_counting(**extra):
        before = len(cargo.calls())
        result = make(tree, env={**env, **extra})
        assert result.returncode == 0, result.stdout
        return result.stdout, [c for c in cargo.calls()[before:] if "--message-format" in c]

    make_counting()
    assert not built_by(archive, other)

    out, builds = make_counting(RUSTUP_TOOLCHAIN=OTHER)
    assert builds, f"RUSTUP_TOOLCHAIN={OTHER} make did not rebuild:\n{out}"
    assert "rebuild: toolchain changed from" in out and f"release: {other}'" in out, out
    assert built_by(archive, other), f"the archive was not built by {other}"

    out, builds = make_counting()
    assert builds, f"plain make after the {OTHER} build did not rebuild:\n{out}"
    assert f"rebuild: toolchain changed from 'commit-hash:" in out, out
    assert f"release: {other}' to '" in out, out
    assert not built_by(archive, other), "the archive is still the other toolchain's"
    assert "answer: 42" in run_ask(tree)

    out, builds = make_counting()
    assert not builds and "rebuild:" not in out, f"a no-op make rebuilt:\n{out}"
