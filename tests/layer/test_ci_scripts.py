"""The project's own scripts, as a newcomer meets them: help without side
effects, the install script's command for non-root users and its wait for
another apt, and the CPython fetch's pinned revisions and apt's message."""

import os
import shutil
import subprocess
import sys
import time

import pytest

from fixture import REPO

CI = REPO / "ci"
# Holds apt's and dpkg's locks the way apt does (fcntl), for some seconds.
HOLD_APT_LOCKS = """
import fcntl, sys, time
held = []
for path in ("/var/lib/dpkg/lock-frontend", "/var/lib/dpkg/lock", "/var/lib/apt/lists/lock"):
    f = open(path, "a")
    fcntl.lockf(f, fcntl.LOCK_EX)
    held.append(f)
print("locked", flush=True)
time.sleep(float(sys.argv[1]))
"""


def spy_path(tmp_path, *names):
    """A PATH whose NAMES record each call in calls.log and fail."""
    bin_dir = tmp_path / "spies"
    bin_dir.mkdir()
    for name in names:
        spy = bin_dir / name
        spy.write_text(f'#!/bin/sh\necho "{name} $*" >> {tmp_path}/calls.log\nexit 1\n')
        spy.chmod(0o755)
    return f"{bin_dir}:{os.environ['PATH']}"


@pytest.mark.parametrize("script", ["test.sh", "build.sh", "install-deps.sh",
                                    "fetch-cpython.sh", "platforms.sh", "install-autoconf.sh"])
def test_help_prints_usage_and_does_nothing_else(tmp_path, script):
    env = {**os.environ, "PATH": spy_path(tmp_path, "apt-get", "cargo", "dpkg")}
    start = time.monotonic()
    done = subprocess.run(["sh", str(CI / script), "--help"], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) >= 2, done.stdout
    assert not (tmp_path / "calls.log").exists(), (tmp_path / "calls.log").read_text()
    assert time.monotonic() - start < 10


def profile(name):
    done = subprocess.run(["sh", str(CI / "install-deps.sh"), "--list", name],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_install_profiles_nest_and_the_build_has_no_cross_or_test_tools():
    build, platforms, test = profile("build"), profile("platforms"), profile("test")
    assert set(build) < set(platforms) and set(build) < set(test)
    # CI's platform rows (aarch64, hppa, x86_64 musl) are in both; the other
    # rows' toolchains only where ci/platforms.sh runs them.
    assert {"gcc-aarch64-linux-gnu", "gcc-hppa-linux-gnu", "musl-tools"} \
        <= set(platforms) & set(test)
    assert {"gcc-sh4-linux-gnu", "wine32:i386", "musl-dev:arm64"} <= set(platforms) - set(test)
    assert {"rustc-web", "cargo-web", "gcc", "libc6-dev", "autoconf", "libssl-dev"} <= set(build)
    assert not [p for p in build if ":" in p or "cross" in p or p in (
        "wine64", "qemu-user-static", "gcc-mingw-w64-x86-64", "clang", "shellcheck")], build
    assert {"qemu-user-static", "wine64", "wasi-libc", "libstd-rust-web-dev:arm64"} \
        <= set(platforms)
    assert {"libtool", "shellcheck", "libclang-dev"} <= set(test) - set(platforms)
    repro = profile("repro")
    assert set(build) < set(repro) and "reprotest" in repro and "disorderfs" in repro
    assert not [p for p in repro if ":" in p or "cross" in p], repro


def test_install_deps_defaults_to_the_test_profile_and_refuses_others():
    default = subprocess.run(["sh", str(CI / "install-deps.sh"), "--list"],
                             capture_output=True, text=True)
    assert default.stdout.split() == profile("test")
    bad = subprocess.run(["sh", str(CI / "install-deps.sh"), "everything"],
                         capture_output=True, text=True)
    assert bad.returncode == 2
    assert "unknown profile 'everything'; use build, platforms, test or repro" in bad.stderr


@pytest.mark.parametrize("args, name", [([], "test"), (["build"], "build"),
                                        (["platforms"], "platforms"), (["test"], "test"),
                                        (["repro"], "repro")])
def test_install_deps_as_non_root_prints_each_profiles_commands(args, name):
    if os.geteuid() != 0:
        pytest.skip("needs root to run the script as another user")
    done = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                           "sh", str(CI / "install-deps.sh"), *args],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert f"(sudo sh ci/install-deps.sh {name})" in done.stderr, done.stderr
    line = next(l for l in done.stderr.splitlines() if "apt-get install" in l)
    assert line.split("--no-install-recommends", 1)[1].split() == profile(name)
    assert ("sudo dpkg --add-architecture arm64" in done.stderr) == (name not in ("build", "repro"))
    assert ("sudo sh ci/install-autoconf.sh" in done.stderr) == (name == "test")


@pytest.mark.parametrize("script, args, wanted", [("build.sh", [], "build"),
                                                  ("platforms.sh", ["native"], "platforms"),
                                                  ("test.sh", ["tests/none"], "")])
def test_each_job_installs_its_profile(tmp_path, script, args, wanted):
    """The job's own copy, with an install-deps.sh that records its
    arguments and fails: what the job would install, and nothing more."""
    if os.geteuid() != 0:
        pytest.skip("the jobs install only as root")
    (tmp_path / "ci").mkdir()
    shutil.copy(CI / script, tmp_path / "ci" / script)
    (tmp_path / "ci" / "install-deps.sh").write_text(
        f'echo "$*" > {tmp_path}/profile; exit 3\n')
    env = {**os.environ, "PATH": spy_path(tmp_path, "cargo", "apt-get")}
    subprocess.run(["sh", str(tmp_path / "ci" / script), *args], cwd=tmp_path, env=env,
                   capture_output=True, text=True, timeout=120)
    assert (tmp_path / "profile").read_text().strip() == wanted


def test_install_deps_waits_for_another_apt(tmp_path):
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        pytest.skip("needs root and apt")
    holder = subprocess.Popen([sys.executable, "-c", HOLD_APT_LOCKS, "8"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        start = time.monotonic()
        # The small profile: the lock is the point, not the packages.
        done = subprocess.run(["sh", str(CI / "install-deps.sh"), "build"], capture_output=True,
                              text=True, timeout=900)
        waited = time.monotonic() - start
    finally:
        holder.kill()
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "another apt holds its lock; waiting" in done.stderr
    assert waited >= 7


def apt_source_ready():
    if not shutil.which("apt-get"):
        pytest.skip("no apt")
    lists = subprocess.run(["apt-cache", "showsrc", "python3.11"], capture_output=True,
                           text=True)
    if "Version:" not in lists.stdout:
        pytest.skip("no deb-src lists: sh ci/install-deps.sh adds them")


@pytest.mark.parametrize("pkg, version", [("python3.11", "3.11.2-6+deb12u8"),
                                          ("python3.13", "3.13.5-2+deb13u5")])
def test_the_pinned_cpython_revisions_are_the_scripts_and_apt_serves_them(pkg, version):
    apt_source_ready()
    assert f"debver={version}" in (CI / "fetch-cpython.sh").read_text()
    uris = subprocess.run(["apt-get", "source", "--print-uris", "-qq", f"{pkg}={version}"],
                          capture_output=True, text=True)
    assert uris.returncode == 0 and ".orig.tar." in uris.stdout, uris.stderr


def test_fetch_shows_apts_message_and_the_fix(tmp_path):
    apt_source_ready()
    env = {**os.environ, "RUST_LAYER_CACHE": str(tmp_path),
           "RUST_LAYER_CPYTHON_DEBVER": "0.0-0"}
    done = subprocess.run(["sh", str(CI / "fetch-cpython.sh"), "3.11"], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "apt-get source python3.11=0.0-0 failed; apt said:" in done.stderr, done.stderr
    assert "| E: Can not find version '0.0-0'" in done.stderr, done.stderr
    assert "fix: run 'apt-get update'" in done.stderr


def test_the_test_summary_lists_failures_and_errors():
    """pytest's short summary: -rfEs (failures, errors, skips), not -rs only,
    in each of test.sh's runs: the one of the paths given, and the two
    streams of the whole suite (tests/cpython beside tests/layer)."""
    runs = [line for line in (CI / "test.sh").read_text().splitlines()
            if line.lstrip().startswith(("python3 -m pytest -v", "exec python3 -m pytest"))]
    assert len(runs) == 3, runs
    assert all("-rfEs" in line for line in runs), runs
    assert any(line.rstrip(" \\").endswith("tests/layer") for line in runs), runs
    assert any("tests/cpython" in line for line in runs), runs


def test_the_two_streams_cover_the_whole_suite():
    """tests/cpython and tests/layer are every test directory: a new one
    would run in neither stream of ci/test.sh."""
    with_tests = {p.parent.relative_to(REPO / "tests").parts[0]
                  for p in (REPO / "tests").rglob("test_*.py")}
    assert with_tests == {"cpython", "layer"}, with_tests


def test_the_readme_says_time_disk_and_where_the_logs_are():
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Time and space", 1)[1].split("\n## ", 1)[0]
    for needed in ("minutes", "GB", "build/cpython/<variant>.log", "build/platforms/<row>.log"):
        assert needed in section, needed
    # each install profile: its packages and disk use
    for name in ("build", "platforms", "test"):
        row = next((l for l in section.splitlines() if l.startswith(f"| `{name}` |")), "")
        assert row.count("MB") == 2 and row.split("|")[2].strip().isdigit(), row


def test_the_docs_agree_where_the_fragment_is_included():
    reference = (REPO / "docs" / "reference.md").read_text()
    assert "after its own default target or anywhere" not in reference
    assert "before the first rule whose prerequisites" in reference
    assert "before the first rule" in (REPO / "docs" / "design.md").read_text()
