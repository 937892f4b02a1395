"""The pre-generated binding sets (rust-support/cpython-sys/bindings/) and
the CPython build each is checked against (and regenerated from).

Each set is named for what decides its layouts: version, build (release,
debug, free-threaded), pointer width and byte order.  Native sets come from
configured x86_64 trees; the 32-bit and big-endian ones from the cross
builds (i686, s390x, powerpc), whose sets other targets of the same width
and byte order use too (their own builds check that they agree: the layout
check).
"""

import subprocess
import sys

from cpython_build import REPO, build

SETS_DIR = REPO / "rust-support" / "cpython-sys" / "bindings"

# set name -> (build name, version, configure arguments)
NATIVE = {
    "3.11-release-64le": ("311-rust", "3.11", ()),
    "3.11-debug-64le": ("311-debug", "3.11", ("--with-pydebug",)),
    "3.13-release-64le": ("313-rust", "3.13", ()),
    "3.13-debug-64le": ("313-debug", "3.13", ("--with-pydebug",)),
    "3.13-ft-64le": ("313-nogil", "3.13", ("--disable-gil",)),
    "3.14-release-64le": ("314-rust", "3.14", ()),
    "3.14-debug-64le": ("314-debug", "3.14", ("--with-pydebug",)),
    "3.14-ft-64le": ("314-nogil", "3.14", ("--disable-gil",)),
}
# set name -> cross build (tests/cpython/cross_cpython.py)
CROSS = {
    "3.13-release-32le": "i686",
    "3.13-release-64be": "s390x",
    "3.13-release-32be": "powerpc",
}
# Checked by ci/platforms.sh's powerpc row only (RUST_LAYER_PLATFORMS=1):
# in CI it would cost powerpc's std build. It is the 32-bit little-endian
# set (bindings/same-as); powerpc's own build checks its layouts too.
PLATFORMS_ONLY = {"3.13-release-32be"}


def configured(name):
    """The build dir a set is made from: a configured tree (a full build
    when the tests made one already)."""
    if name in NATIVE:
        build_name, version, args = NATIVE[name]
        return build(build_name, version=version, configure_args=args, make=False).dir
    from cross_cpython import cross_build
    return cross_build(CROSS[name], make=False).dir


def regen(builddir, check):
    """`cargo regen bindings [--check] BUILDDIR`: bindgen on that tree."""
    cmd = ["cargo", "regen", "bindings", *(["--check"] if check else []), str(builddir)]
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)


def main(names):
    """Regenerates the named sets (all without names)."""
    for name in names or [*NATIVE, *CROSS]:
        done = regen(configured(name), check=False)
        print(f"{name}: {'ok' if done.returncode == 0 else done.stdout + done.stderr}")


if __name__ == "__main__":
    main(sys.argv[1:])
