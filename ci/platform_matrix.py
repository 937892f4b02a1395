"""The rows of ci/platforms.sh: what each builds and tests, running them,
and the table `--record` writes into docs/platforms.md.

    python3 ci/platform_matrix.py [--record] [ROW...]    (ci/platforms.sh runs it)

Each row is one pytest run (its log: build/platforms/<row>.log), with the
environment that picks the row (RUST_LAYER_CROSS, RUST_LAYER_MUSL, ...).
A row that fails or is skipped keeps pytest's reason in the table's note:
a std or codegen failure is reported, not dropped.
"""

import datetime
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "cpython"))
sys.path.insert(1, str(REPO / "tests" / "layer"))
from cross_cpython import CROSS  # noqa: E402

LOGS = REPO / "build" / "platforms"
DOC = REPO / "docs" / "platforms.md"
BEGIN, END = "<!-- BEGIN platforms.sh run", "<!-- END platforms.sh run -->"
DIFFERENTIAL = "tests/cpython/test_differential.py::test_rust_binascii_matches_the_c_module[3.13]"
WITH_RUST = "warn: Rust built"
WITHOUT_RUST = ("warn: C built, warned twice; opt-out: fails naming --with-rust=no (alone "
                "where Rust has no target), which builds; require: fails, since 3.17")


@dataclass
class Row:
    name: str
    arch: str          # the architecture, with Debian's name
    libc: str          # libc (and compiler, where it is not gcc)
    target: str        # Rust target, or "none"
    stages: str        # the stage behaviour the tests check
    what: str          # CPython, fixture, configure
    tests: list
    env: dict = field(default_factory=dict)
    built: str = ""    # a file a finished build leaves, under build/cpython
    linked_only: bool = False
    known: str = ""    # a known limit the tests expect, for the note


def cross_row(name, libc="glibc", tests=()):
    c = CROSS[name]
    cpu = (c.rust_target or c.gnu).split("-")[0]
    main = ("tests/cpython/test_313_cross.py" if c.builds_rust
            else "tests/cpython/test_313_without_rust.py")
    known = (f"Rust's code does not link ({c.rust_fails.split('(', 1)[-1]}); the C module, "
             "as without a target" if c.rust_fails else "")
    return Row(name, f"{cpu} ({c.debian_arch})", libc, c.rust_target or "none",
               WITH_RUST if c.builds_rust else WITHOUT_RUST, "CPython", [main, *tests],
               {"RUST_LAYER_CROSS": name}, f"313-{name}/.variant", known=known)


FOREIGN = "tests/layer/test_foreign_os.py::"
ROWS = [
    Row("native", "x86_64 (amd64)", "glibc", "x86_64-unknown-linux-gnu", WITH_RUST, "CPython",
        ["tests/cpython/test_313_default.py", DIFFERENTIAL], built="313-rust/.variant"),
    Row("clang", "x86_64 (amd64)", "glibc, clang", "x86_64-unknown-linux-gnu", WITH_RUST,
        "CPython", ["tests/cpython/test_313_default.py", DIFFERENTIAL],
        {"CC": "ccache clang", "RUST_LAYER_BUILDS": str(REPO / "build" / "cpython-clang")},
        built="313-rust/.variant"),
    *[cross_row(name) for name in ("aarch64", "armv7", "ppc64le", "i686", "s390x", "riscv64",
                                    "armel", "mips64el", "x32", "sparc64")],
    # powerpc's build is where the 32-bit big-endian bindings set comes from
    cross_row("powerpc", tests=["tests/cpython/test_bindings.py::"
                                "test_the_set_is_what_bindgen_makes_from_its_cpython"
                                "[3.13-release-32be]"]),
    *[cross_row(name) for name in ("ppc64", "m68k")],
    cross_row("aarch64-clang", "glibc, clang"),
    *[cross_row(name) for name in ("hppa", "alpha", "sh4")],
    Row("musl", "x86_64 (amd64)", "musl (musl-gcc)", "x86_64-unknown-linux-musl", WITH_RUST,
        "CPython", ["tests/cpython/test_313_musl.py"], {"RUST_LAYER_MUSL": "x86_64"},
        "313-x86_64-musl/.variant"),
    Row("aarch64-musl", "aarch64 (arm64)", "musl (aarch64-linux-musl-gcc)",
        "aarch64-unknown-linux-musl", WITH_RUST, "CPython", ["tests/cpython/test_313_musl.py"],
        {"RUST_LAYER_MUSL": "aarch64"}, "313-aarch64-musl/.variant"),
    Row("wasi", "wasm32", "wasi-libc", "wasm32-wasip1", WITH_RUST, "CPython",
        ["tests/cpython/test_313_wasi.py"],
        built="src-3.13-wasi/cross-build/wasm32-wasip1/.variant"),
    Row("debian-configure", "every Debian architecture", "-", "mapped, or none", "warn, opt-out, "
        "require where Rust has no target", "configure",
        ["tests/layer/test_debian_arches.py", "tests/layer/test_no_rust_target.py"]),
    Row("windows-gnu", "x86_64", "mingw-w64", "x86_64-pc-windows-gnu", WITH_RUST, "fixture",
        [FOREIGN + "test_fixture_for_windows_gnu_runs_under_wine[x86_64]"]),
    Row("windows-i686", "i686", "mingw-w64", "i686-pc-windows-gnu", WITH_RUST, "fixture",
        [FOREIGN + "test_fixture_for_windows_gnu_runs_under_wine[i686]"]),
    Row("macos", "aarch64", "libSystem (zig's stub)", "aarch64-apple-darwin", WITH_RUST,
        "fixture", [FOREIGN + "test_fixture_for_macos_exports_no_rust_symbol[aarch64]"],
        linked_only=True),
    Row("macos-x86_64", "x86_64", "libSystem (zig's stub)", "x86_64-apple-darwin", WITH_RUST,
        "fixture", [FOREIGN + "test_fixture_for_macos_exports_no_rust_symbol[x86_64]"],
        linked_only=True),
    Row("freebsd", "x86_64", "FreeBSD libc (zig cc)", "x86_64-unknown-freebsd", WITH_RUST,
        "fixture", [FOREIGN + "test_fixture_for_freebsd_links_through_zig"],
        linked_only=True),
]
BY_NAME = {r.name: r for r in ROWS}
HEADER = ("| row | architecture (Debian) | libc | Rust target | stage behaviour checked | what "
          "| built | tests | time | run | note |\n"
          "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")


def reason(log, kinds=("FAILED", "ERROR", "SKIPPED")):
    """pytest's first failure, error or skip reason (its short summary)."""
    for kind in kinds:
        for line in log.splitlines():
            if line.startswith(kind + " "):
                text = line[len(kind) + 1:]
                text = text.split(" - ", 1)[-1] if " - " in text else text
                text = re.sub(r"^\[\d+\] \S+:\d+: ", "", text).replace("|", "/")
                return text if len(text) <= 160 else text[:157] + "..."
    return ""


def run(row):
    """Runs ROW's tests; returns its table line."""
    LOGS.mkdir(parents=True, exist_ok=True)
    log = LOGS / f"{row.name}.log"
    start = time.monotonic()
    with open(log, "w") as out:
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rfEs", *row.tests],
                              cwd=REPO, env={**os.environ, "RUST_LAYER_PLATFORMS": "1",
                                             **row.env}, stdout=out,
                              stderr=subprocess.STDOUT)
    secs = int(time.monotonic() - start)
    text = log.read_text(errors="replace")
    passed = re.search(r"\b\d+ passed", text) is not None
    if done.returncode == 0:
        tests = "passed" if passed else "skipped"
    else:
        tests = "failed"
    builds = Path(row.env.get("RUST_LAYER_BUILDS", REPO / "build" / "cpython"))
    if row.built:
        built = "yes" if (builds / row.built).exists() else "no"
    else:
        built = "yes" if tests == "passed" else "no"
    if row.linked_only and built == "yes":
        built, tests = "linked", "exports checked" if tests == "passed" else tests
    note = "" if tests in ("passed", "exports checked") or (tests == "skipped" and not
                                                            reason(text)) else reason(text)
    note = note or row.known
    if tests == "skipped" and built == "yes" and "not run:" in note:
        tests = "not run"
    # Its checks passed, but its programs cannot run here (Cross.cannot_run).
    not_run = reason(text, ("SKIPPED",))
    if tests == "passed" and "not run:" in not_run:
        tests = "passed, not run"
        note = "; ".join(filter(None, [row.known, not_run]))
    today = datetime.date.today().isoformat()
    return (f"| {row.name} | {row.arch} | {row.libc} | `{row.target}` | {row.stages} | "
            f"{row.what} | {built} | {tests} | {secs // 60}m{secs % 60:02d}s | {today} | "
            f"{note} |"), tests == "failed"


def record(lines):
    """Writes LINES into docs/platforms.md's table, replacing the rows of
    the same name and keeping the others (one table of every row)."""
    text = DOC.read_text()
    head, rest = text.split(BEGIN, 1)
    body, tail = rest.split(END, 1)
    old = {line.split("|")[1].strip(): line for line in body.splitlines()
           if line.startswith("| ") and not line.startswith(("| row ", "| ---"))}
    old.update({line.split("|")[1].strip(): line for line in lines})
    table = "".join(old[r.name] + "\n" for r in ROWS if r.name in old)
    release = dict(line.split("=", 1) for line in
                   Path("/etc/os-release").read_text().splitlines() if "=" in line)
    machine = (f"{release.get('PRETTY_NAME', platform.system()).strip(chr(34))}, "
               f"{platform.machine()}, {os.cpu_count()} cores")
    DOC.write_text(f"{head}{BEGIN} (sh ci/platforms.sh --record) -->\n"
                   f"On {machine}; each row's date is its last run.\n\n"
                   f"{HEADER}{table}{END}{tail}")


def main(argv):
    recording = bool(argv) and argv[0] == "--record"
    names = argv[1:] if recording else argv
    unknown = [n for n in names if n not in BY_NAME]
    if unknown:
        print(f"ci/platforms.sh: unknown row {' '.join(unknown)}; the rows: "
              f"{' '.join(BY_NAME)}", file=sys.stderr)
        return 2
    lines, failed = [], False
    print(HEADER, end="", flush=True)
    for name in names or BY_NAME:
        line, bad = run(BY_NAME[name])
        failed |= bad
        lines.append(line)
        print(line, flush=True)
    print(f"logs: {LOGS.relative_to(REPO)}/<row>.log")
    if recording:
        record(lines)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
