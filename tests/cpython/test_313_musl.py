"""CPython 3.13.5 on musl with the Rust binascii and _json: x86_64 built with Debian's
musl-gcc and run natively (musl_cpython.py), aarch64 cross-built with
musl-dev:arm64's aarch64-linux-musl-gcc and run under qemu-user
(cross_cpython.CROSS["aarch64-musl"]), each with the unwinder and flags of
tests/layer/musl_toolchain.py. Each std comes from `cargo xtask build-std`. Checked: configure maps the musl host to the musl target and
its proof link (natively, its program too) passes with the native
libraries rustc names for musl; the modules are the Rust ones; nothing
linked carries a glibc symbol version or needs a glibc library;
test_binascii, test_base64 and test_json pass, and so do the differential
checks (differential.py, json_differential.py) against the C modules
compiled the same way.

`sh ci/test.sh` runs x86_64; aarch64 runs from ci/platforms.sh
(RUST_LAYER_MUSL=aarch64, or both: x86_64,aarch64).
"""

import os
import re
import subprocess
from pathlib import Path

import pytest

from c_module import build_c_binascii, build_c_module
from cross_cpython import CROSS, cross_build, run_in_qemu, run_test_modules
import musl_toolchain
from musl_cpython import RUST_TARGET, musl_build

HERE = Path(__file__).resolve().parent
PICKED = os.environ.get("RUST_LAYER_MUSL", "x86_64").split(",")
CASES, EXHAUSTIVE = 20000, 4
# _json's differential, after its kept cases and test_json corpus: natively
# 20000 generated calls, as test_json_differential.py (~10 s); under qemu a
# few thousand (~700 calls/s there: ~10 s).
JSON_INPUTS = {"x86_64": 20000, "aarch64": 5000}
JSON_SEED = 20250611
# glibc's libraries (a musl program needs only musl's libc.so)
GLIBC_LIBS = re.compile(r"\b(libc\.so\.6|libm\.so\.6|libpthread\.so\.0|libdl\.so\.2|"
                        r"librt\.so\.1|libutil\.so\.1|libgcc_s\.so\.1|ld-linux[-\w.]*)\b")


def built(arch):
    if arch == "x86_64":
        missing = musl_toolchain.missing(RUST_TARGET)
        if missing:
            pytest.skip(f"x86_64 musl: missing {missing[0]}")
        return musl_build(), RUST_TARGET, None
    missing = CROSS["aarch64-musl"].missing()
    if missing:
        pytest.skip(f"aarch64 musl: missing {'; '.join(missing)} (sh ci/install-deps.sh platforms)")
    return cross_build("aarch64-musl"), CROSS["aarch64-musl"].rust_target, "aarch64-musl"


def run(b, qemu_row, args):
    if qemu_row:
        return run_in_qemu(b, qemu_row, args)
    return b.run_python(*args, check=False, timeout=1800)


def elf_dynamic(path):
    """readelf's dynamic section and version needs of PATH."""
    done = subprocess.run(["readelf", "-d", "-V", "-l", str(path)], capture_output=True,
                          text=True, check=True)
    return done.stdout


@pytest.mark.parametrize("arch", PICKED)
def test_musl_build_has_the_rust_module_and_passes(arch):
    b, target, qemu_row = built(arch)
    configured = b.log.read_text().split("\n$ make")[0]
    assert f"checking for the Rust target... {target}\n" in configured, configured[-3000:]
    libs = re.search(r"^checking for the native libraries Rust static libraries need\.\.\. (.*)$",
                     configured, re.M)
    assert libs and "links a Rust static library... yes" in configured, configured[-3000:]
    if qemu_row is None:
        assert "whether a program linked with Rust runs... yes" in configured, configured[-3000:]
    modules = [next((b.dir / "build").glob(f"lib.*/{name}.cpython-313-*.so"))
               for name in ("binascii", "_json")]
    for module in modules:
        assert "-linux-musl" in module.name, module
        assert b"rustc version" in module.read_bytes(), f"{module} is not the Rust module"
    for linked in (b.python, *modules):
        dynamic = elf_dynamic(linked)
        assert "GLIBC_" not in dynamic, f"{linked} has glibc symbol versions:\n{dynamic}"
        assert not GLIBC_LIBS.search(dynamic), f"{linked} needs a glibc library:\n{dynamic}"
    assert "ld-musl-" in elf_dynamic(b.python), elf_dynamic(b.python)

    if qemu_row:
        runs = run_test_modules(b, qemu_row, ["test_binascii", "test_base64", "test_json"])
    else:
        runs = [run(b, None, ["-m", "test", "test_binascii", "test_base64", "test_json"])]
    for done in runs:
        out = done.stdout + done.stderr
        assert done.returncode == 0 and ("SUCCESS" in out or "\nOK" in out), out[-6000:]

    c_module = build_c_binascii(b)
    assert "GLIBC_" not in elf_dynamic(c_module)
    diff = run(b, qemu_row, ["-X", "faulthandler", HERE / "differential.py", "--c-module",
                             c_module, "--cases", CASES, "--exhaustive", EXHAUSTIVE])
    out = diff.stdout + diff.stderr
    assert diff.returncode == 0 and " 0 difference(s)" in out, out[-8000:]

    c_json = build_c_module(b, "_json", "_json.c")
    assert "GLIBC_" not in elf_dynamic(c_json)
    diff = run(b, qemu_row, ["-X", "faulthandler", HERE / "json_differential.py", "--c-module",
                             c_json, "--inputs", JSON_INPUTS[arch], "--seed", JSON_SEED])
    out = diff.stdout + diff.stderr
    assert diff.returncode == 0, out[-8000:]
    assert " 0 shape difference(s), 0 mismatch(es)" in diff.stdout, out[-4000:]
    assert f"{JSON_INPUTS[arch]} generated" in diff.stdout, out[-4000:]
