"""CPython 3.13.5 built twice by Debian's reprotest, varying what a
rebuilder's machine varies, with the Rust binascii and with the C one
(`--with-rust=no`, the same tree, built the same way): what differs, part
by part (docs/cpython.md, "Reproducible builds"; the test is
tests/cpython/test_reproducible.py).

    python3 tests/cpython/reproducible.py [--pydebug] [--no-prefix-map] [--rust-only]

prints each pair's result. The builds are in-tree, as distributions build,
offline from the vendored crates, with Debian's rustc and cargo (readable
by the build user, which rustup's toolchain under /root is not).
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from cpython_build import BUILDS, JOBS, REPO, applied_source, fetch, hide_libclang, layer_hash

HERE = Path(__file__).resolve().parent / "repro"
BUILD_SCRIPT = HERE / "build.sh"
# The variations of the second build: the build path; the user (nobody),
# umask and locale; the time (faketime, 398 days ahead: reprotest's own
# choice may be not to fake it); the order of directory entries
# (disorderfs); HOME, TZ, PATH and one more environment variable besides.
VARIED = ["build_path", "user_group", "umask", "locales", "time", "fileordering",
          "home", "timezone", "exec_path", "environment"]
BUILD_USER = "nobody:nogroup"
FAKETIME = "+398days+7hours+13minutes"
REPROTEST_ARGS = ["--verbosity=1", "--variations=-all," + ",".join("+" + v for v in VARIED),
                  f"--vary=user_group.available+={BUILD_USER}",
                  f"--vary=time.faketimes+={FAKETIME}", f"--min-cpus={os.cpu_count() or 2}"]
RUSTC, CARGO = "/usr/bin/rustc", "/usr/bin/cargo"
# What reprotest needs here, and the Debian 12 package of each.
TOOLS = {"reprotest": "reprotest", "diffoscope": "diffoscope-minimal",
         "disorderfs": "disorderfs", "faketime": "faketime", "sudo": "sudo",
         RUSTC: "rustc-web", CARGO: "cargo-web", "ccache": "ccache"}
LOCALE_DIR = Path("/usr/lib/locale/et_EE.utf8")  # reprotest's locale (locales-all)
# All of them: ci/install-deps.sh's `repro` profile.
INSTALL = "sh ci/install-deps.sh repro (as root)"


def missing() -> list:
    """What this machine lacks for the reproducibility builds, each with its fix."""
    lacks = [f"{tool} (apt-get install {pkg})" for tool, pkg in TOOLS.items()
             if not shutil.which(tool)]
    if not LOCALE_DIR.exists():
        lacks.append(f"the et_EE.UTF-8 locale that reprotest switches to (apt-get install locales-all)")
    if os.getuid() != 0:
        lacks.append("root: the user variation builds as nobody through sudo (run the test as root)")
    if not Path("/dev/fuse").exists():
        lacks.append("FUSE (/dev/fuse), which disorderfs needs: give the container /dev/fuse")
    return lacks


def source_date_epoch(version: str) -> int:
    """The release's time, as its tarball dates Include/patchlevel.h (not
    the newest file of the unpacked tree: a Python run from it may have
    written __pycache__ there)."""
    return int((fetch(version) / "Include" / "patchlevel.h").stat().st_mtime)


def staged_source(version: str) -> Path:
    """The applied tree with its crates vendored (builds are offline), as
    a distribution's source package has them."""
    src = BUILDS / "repro" / f"src-{version}"
    marker = src / ".repro-staged"
    if marker.exists() and marker.read_text() == layer_hash():
        return src
    if src.exists():
        shutil.rmtree(src)
    src.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(applied_source(version), src, symlinks=True,
                    ignore=shutil.ignore_patterns(".layer-applied"))
    done = subprocess.run(["cargo", "run", "--quiet", "--locked", "-p", "xtask", "--", "vendor",
                           "--manifest-path", str(src / "Cargo.toml"),
                           "--dir", str(src / "rust-vendor")],
                          cwd=REPO, capture_output=True, text=True)
    if done.returncode:
        raise AssertionError(f"vendoring the crates into {src} failed:\n{done.stderr[-3000:]}")
    marker.write_text(layer_hash())
    return src


def _system_path() -> str:
    """PATH without the directories under /root (rustup's proxies): the
    build user cannot read them."""
    home = str(Path.home())
    return os.pathsep.join(d for d in os.environ.get("PATH", "").split(os.pathsep)
                           if d and not (d + "/").startswith(home + "/"))


def _env(rust: bool, pydebug: bool, prefix_map: bool, version: str) -> dict:
    ccache_dir = BUILDS / "repro" / "ccache"
    ccache_dir.mkdir(parents=True, exist_ok=True)
    ccache_dir.chmod(0o777)  # nobody builds one of the two, in a cache of its own
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("CARGO", "RUSTUP", "RUST_", "CCACHE_")) and k not in ("RUSTC", "RUSTFLAGS")}
    configure = [f"--with-rust={'yes' if rust else 'no'}", f"RUSTC={RUSTC}", f"CARGO={CARGO}"]
    env.update(PATH=f"{HERE}{os.pathsep}{_system_path()}",
               REPRO_CONFIGURE_ARGS=" ".join(configure + (["--with-pydebug"] if pydebug else [])),
               REPRO_PREFIX_MAP="yes" if prefix_map else "no", REPRO_JOBS=JOBS,
               SOURCE_DATE_EPOCH=str(source_date_epoch(version)),
               CC="ccache gcc", REPRO_CCACHE=str(ccache_dir), CCACHE_UMASK="000")
    return hide_libclang(env)


@dataclass
class Pair:
    """The two builds of one configuration, as reprotest stored them."""
    name: str
    store: Path
    log: Path

    @property
    def control(self) -> Path:
        return self.store / "control" / "source-root" / "out"

    @property
    def experiment(self) -> Path:
        return self.store / "experiment-1" / "source-root" / "out"

    @property
    def diffoscope(self) -> str:
        out = self.store / "experiment-1.diffoscope.out"
        return out.read_text(errors="replace") if out.exists() else ""

    def artifact(self, pattern: str) -> str:
        """The name of the one compared file matching PATTERN."""
        found = sorted(p.name for p in self.control.glob(pattern))
        assert len(found) == 1, f"{self.name}: {pattern} matches {found} in {self.control}"
        return found[0]

    def identical(self, name: str) -> bool:
        return (self.control / name).read_bytes() == (self.experiment / name).read_bytes()

    def differing_parts(self, name: str) -> set:
        return differing_parts(self.control / name, self.experiment / name)

    def leaks(self, name: str) -> set:
        """Strings of NAME, in either build, that name a directory of it."""
        lines = set()
        for out in (self.control, self.experiment):
            lines |= {l.split(": ", 1)[1] for l in (out / "path-leaks.txt").read_text().splitlines()
                      if l.startswith(name + ": ")}
        return lines


def run(rust: bool, pydebug: bool = False, prefix_map: bool = True, version="3.13") -> Pair:
    """reprotest's two builds of one configuration (reused while the layer
    and the configuration are unchanged: a new run is a new draw of the
    variations, not needed to re-read a result)."""
    name = "-".join(["313", "rust" if rust else "c", "pydebug" if pydebug else "release"]
                    + ([] if prefix_map else ["plain"]))
    store = BUILDS / "repro" / name
    log = BUILDS / "repro" / f"{name}.log"
    key = (f"{layer_hash()} {version} rust={rust} pydebug={pydebug} prefix_map={prefix_map} "
           f"SOURCE_DATE_EPOCH={source_date_epoch(version)} " + " ".join(REPROTEST_ARGS) + " "
           + BUILD_SCRIPT.read_text() + (HERE / "sudo").read_text())
    marker = BUILDS / "repro" / f"{name}.done"
    if marker.exists() and marker.read_text() == key and store.exists():
        return Pair(name, store, log)
    marker.unlink(missing_ok=True)
    shutil.rmtree(store, ignore_errors=True)
    src = staged_source(version)
    cmd = ["nice", "-n", "19", "reprotest", *REPROTEST_ARGS,
           "--store-dir", str(store), "-c", f"sh {BUILD_SCRIPT}", str(src), "out/*"]
    with open(log, "w") as out:
        out.write("$ " + " ".join(cmd) + "\n")
        out.flush()
        done = subprocess.run(cmd, env=_env(rust, pydebug, prefix_map, version),
                              stdout=out, stderr=subprocess.STDOUT)
    pair = Pair(name, store, log)
    # 0: identical; 1: diffoscope found differences; anything else: a build failed.
    if done.returncode not in (0, 1) or not pair.experiment.is_dir():
        raise AssertionError(f"reprotest could not build {name} (exit {done.returncode}); "
                             f"the end of its log {log}:\n{log.read_text()[-5000:]}")
    unvaried = not_varied(log.read_text())
    if unvaried:
        raise AssertionError(f"{name}: the second build did not run under another "
                             f"{', '.join(unvaried)} (build.sh's lines in {log}), so the builds' "
                             "sameness says nothing about it\nfix: see reprotest's warnings in "
                             f"the log; the variations need root and what {INSTALL} installs")
    marker.write_text(key)
    return pair


def not_varied(log: str) -> list:
    """The VARIED variations that the second build did not run under, as
    build.sh saw them (its `build.sh: variation=value ...` line, the first
    from the control build, the second from the experiment), whatever
    reprotest says it varied: each value differs, the second build runs as
    BUILD_USER and its tree is on disorderfs (FUSE)."""
    seen = [dict(f.split("=", 1) for f in l.split()[1:] if "=" in f)
            for l in log.splitlines() if l.startswith("build.sh: ")]
    if len(seen) != 2:
        return ["anything (build.sh's line is missing)"]
    control, experiment = seen
    wanted = {"user_group": lambda v: v == BUILD_USER,
              "fileordering": lambda v: v.startswith("fuse")}
    return [v for v in VARIED if control.get(v) == experiment.get(v)
            or not wanted.get(v, bool)(experiment.get(v, ""))]


def _members(path: Path) -> dict:
    """{member name (with #n for the n-th repeat): bytes} of an ar archive,
    or {"": bytes} for any other file."""
    data = path.read_bytes()
    if not data.startswith(b"!<arch>\n"):
        return {"": data}
    members, names, pos, seen = {}, b"", 8, {}
    while pos + 60 <= len(data):
        header = data[pos:pos + 60]
        name, size = header[:16].decode().strip(), int(header[48:58].decode())
        body = data[pos + 60:pos + 60 + size]
        pos += 60 + size + (size & 1)
        if name == "//":
            names = body
            continue
        if name.startswith("/") and name[1:].isdigit():
            start = int(name[1:])
            name = names[start:names.index(b"/\n", start)].decode()
        name = name.rstrip("/") or "<symbol index>"
        seen[name] = seen.get(name, 0) + 1
        members[name if seen[name] == 1 else f"{name}#{seen[name]}"] = body
    return members


def _elf_parts(data: bytes) -> dict:
    """{section name (with #n for repeats): digest} of an ELF64 file, plus
    its headers; a non-ELF file is one part."""
    if data[:4] != b"\x7fELF" or data[4] != 2:
        return {"<file>": hashlib.sha256(data).hexdigest()}
    u = lambda off, n: int.from_bytes(data[off:off + n], "little")
    shoff, shentsize, shnum, shstrndx = u(0x28, 8), u(0x3A, 2), u(0x3C, 2), u(0x3E, 2)
    headers = [data[shoff + i * shentsize:shoff + (i + 1) * shentsize] for i in range(shnum)]
    strtab = headers[shstrndx]
    strings = data[int.from_bytes(strtab[24:32], "little"):][:int.from_bytes(strtab[32:40], "little")]
    parts, seen = {"<headers>": hashlib.sha256(data[:64] + b"".join(headers)).hexdigest()}, {}
    for h in headers[1:]:
        name_off, kind = int.from_bytes(h[0:4], "little"), int.from_bytes(h[4:8], "little")
        name = strings[name_off:strings.index(b"\0", name_off)].decode()
        offset, size = int.from_bytes(h[24:32], "little"), int.from_bytes(h[32:40], "little")
        body = b"" if kind == 8 else data[offset:offset + size]  # SHT_NOBITS
        seen[name] = seen.get(name, 0) + 1
        parts[name if seen[name] == 1 else f"{name}#{seen[name]}"] = hashlib.sha256(body).hexdigest()
    return parts


def differing_parts(a: Path, b: Path) -> set:
    """The (member, section) pairs whose bytes differ between A and B (a
    member or section in one only counts too)."""
    ma, mb = _members(a), _members(b)
    diff = set()
    for member in ma.keys() | mb.keys():
        if member not in ma or member not in mb:
            diff.add((member, "<member>"))
            continue
        if ma[member] == mb[member]:
            continue
        pa, pb = _elf_parts(ma[member]), _elf_parts(mb[member])
        diff |= {(member, p) for p in pa.keys() | pb.keys() if pa.get(p) != pb.get(p)}
    return diff


def summary(pair: Pair) -> str:
    lines = [f"{pair.name}: {pair.store}"]
    for name in sorted(p.name for p in pair.control.iterdir()):
        if pair.identical(name):
            lines.append(f"  {name}: identical")
        else:
            parts = sorted(pair.differing_parts(name))
            shown = ", ".join(f"{m}:{s}" if m else s for m, s in parts[:12])
            lines.append(f"  {name}: differs in {len(parts)} parts: {shown}"
                         + (" ..." if len(parts) > 12 else ""))
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pydebug", action="store_true", help="configure --with-pydebug")
    parser.add_argument("--no-prefix-map", action="store_true",
                        help="no CFLAGS=-ffile-prefix-map=<tree>=. (CPython's C debug info names the tree)")
    parser.add_argument("--rust-only", action="store_true", help="not the C-only pair")
    args = parser.parse_args(argv)
    lacks = missing()
    if lacks:
        sys.exit("reproducible.py: this machine lacks: " + "; ".join(lacks)
                 + f"\nfix: {INSTALL}")
    for rust in (True, False)[:1 if args.rust_only else 2]:
        print(summary(run(rust, args.pydebug, not args.no_prefix_map)), flush=True)


if __name__ == "__main__":
    main()
