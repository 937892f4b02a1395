"""CPython cross builds with the Rust binascii, run under qemu-user.

    b = cross_build("aarch64")        # build/cpython/313-aarch64
    run_in_qemu(b, "aarch64", ["Lib/test/test_binascii.py"])

What a cross build of CPython 3.13 needs beyond the layer (docs/cpython.md,
"Cross builds"):
- a build Python of the same patch version (`--with-build-python`): the
  suite's native 3.13.5 build;
- configure's answers it cannot find out without running target programs
  (CPYTHON_CROSS_ANSWERS);
- `PKG_CONFIG_LIBDIR` at the target's pkg-config directory, so that no
  library of the build machine is picked up for the target.
The Rust side needs only what every cross build gives it: `--host` and the
cross `CC`; Debian's rustc has the std of each target (`libstd-rust-web-dev:ARCH`).
"""

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from cpython_build import REPO, build

sys.path.insert(0, str(REPO / "tests" / "layer"))
from std_sysroot import CARGO, RUSTC, std_sysroot  # noqa: E402

BINFMT = Path("/proc/sys/fs/binfmt_misc")

# Linux answers for the checks CPython's configure cannot run when cross
# compiling (it stops and asks for them).
CPYTHON_CROSS_ANSWERS = ["ac_cv_buggy_getaddrinfo=no", "ac_cv_file__dev_ptmx=yes",
                         "ac_cv_file__dev_ptc=no"]


@dataclass(frozen=True)
class Cross:
    gnu: str           # --host, and the cross tools' prefix
    debian_arch: str   # for libstd-rust-web-dev:ARCH and gcc-ARCH packages
    qemu: str          # qemu-user's name for the machine
    rust_target: str
    # Debian has no std for it: `cargo xtask build-std` makes one (std_sysroot.py)
    builds_std: bool = False

    @property
    def sysroot(self):
        """Where qemu finds the target's ld.so and libc: the multiarch root
        when Debian's libc6:ARCH is installed (libstd-rust-web-dev:ARCH pulls
        it in), else the cross toolchain's /usr/<gnu>. Never a mix: the two
        glibc builds differ, and ld.so of one with libc.so.6 of the other
        aborts at start ("stack smashing detected", seen on ppc64el)."""
        if (Path("/lib") / self.gnu / "libc.so.6").exists():
            return Path("/")
        return Path("/usr") / self.gnu

    def missing(self):
        """What is not installed, with the command that installs it."""
        need = []
        if not shutil.which(f"{self.gnu}-gcc"):
            need.append(f"{self.gnu}-gcc (apt install gcc-{self.gnu.replace('_', '-')})")
        if not shutil.which(f"qemu-{self.qemu}-static"):
            need.append("qemu-user-static (apt install qemu-user-static)")
        sysroot = subprocess.run([RUSTC, "--print", "sysroot"], capture_output=True,
                                 text=True).stdout.strip() if Path(RUSTC).exists() else ""
        if self.builds_std:
            if not Path("/usr/lib/rustlib/src/rust/library/vendor").is_dir():
                need.append("rustc's sources, to build the std (apt install rust-web-src)")
        elif not (Path(sysroot) / "lib" / "rustlib" / self.rust_target / "lib").is_dir():
            need.append(f"the {self.rust_target} std (dpkg --add-architecture {self.debian_arch}; "
                        f"apt install libstd-rust-web-dev:{self.debian_arch})")
        return need


CROSS = {
    "aarch64": Cross("aarch64-linux-gnu", "arm64", "aarch64", "aarch64-unknown-linux-gnu"),
    "armv7": Cross("arm-linux-gnueabihf", "armhf", "arm", "armv7-unknown-linux-gnueabihf"),
    "ppc64le": Cross("powerpc64le-linux-gnu", "ppc64el", "ppc64le",
                     "powerpc64le-unknown-linux-gnu"),
    "i686": Cross("i686-linux-gnu", "i386", "i386", "i686-unknown-linux-gnu"),
    # big-endian
    "s390x": Cross("s390x-linux-gnu", "s390x", "s390x", "s390x-unknown-linux-gnu",
                   builds_std=True),
}


def cross_build(arch, version="3.13", make=True):
    """CPython `version` cross-built for `arch` with the Rust binascii
    (configured only with make=False)."""
    c = CROSS[arch]
    build_python = build(version.replace(".", "") + "-rust", version=version)
    args = [f"--host={c.gnu}", "--build=x86_64-pc-linux-gnu",
            f"--with-build-python={build_python.python}",
            f"CC={'ccache ' if shutil.which('ccache') else ''}{c.gnu}-gcc",
            f"RUSTC={RUSTC}", f"CARGO={CARGO}",
            f"PKG_CONFIG_LIBDIR=/usr/lib/{c.gnu}/pkgconfig", *CPYTHON_CROSS_ANSWERS]
    if c.builds_std:
        args.append(f"RUSTFLAGS=--sysroot {std_sysroot(c.rust_target)}")
    return build(version.replace(".", "") + "-" + arch, version=version, configure_args=args,
                 make=make)


def binfmt_registered(c):
    """Registers qemu for c's binaries with binfmt_misc (as root, when the
    machine allows it), so that programs the tests start run too. True
    when registered."""
    entry = BINFMT / f"qemu-{c.qemu}"
    if entry.exists():
        return "enabled" in entry.read_text()
    if os.geteuid() != 0:
        return False
    if not (BINFMT / "register").exists():
        subprocess.run(["mount", "-t", "binfmt_misc", "binfmt_misc", str(BINFMT)],
                       capture_output=True)
    spec = Path(f"/usr/share/binfmts/qemu-{c.qemu}")
    if not (BINFMT / "register").exists() or not spec.exists():
        return False
    fields = dict(line.split(" ", 1) for line in spec.read_text().splitlines() if " " in line)
    line = (f":qemu-{c.qemu}:M:{fields['offset']}:{fields['magic']}:{fields['mask']}:"
            f"{fields['interpreter']}:{'F' if fields.get('fix_binary') == 'yes' else ''}"
            f"{'P' if fields.get('preserve') == 'yes' else ''}")
    try:
        (BINFMT / "register").write_text(line)
    except OSError:
        return False
    return entry.exists()


def run_in_qemu(b, arch, args, timeout=1800, env=None):
    """Runs the cross-built `./python ARGS` under qemu-user (with `env` added
    to the environment). With binfmt_misc the interpreter starts like a
    native one (subprocesses included); without it, qemu runs it directly."""
    c = CROSS[arch]
    env = {**os.environ, **(env or {}), "QEMU_LD_PREFIX": str(c.sysroot)}
    prefix = [] if binfmt_registered(c) else [f"qemu-{c.qemu}-static"]
    return subprocess.run([*prefix, str(b.python), *map(str, args)], cwd=b.dir, env=env,
                          capture_output=True, text=True, timeout=timeout)


def run_test_modules(b, arch, names):
    """CPython's tests `names` (e.g. test_binascii) in the cross build:
    `-m test` when binfmt_misc is registered (tests that start
    sys.executable need it), else each test file run directly by qemu.
    regrtest's -j workers are not used: a dynamically linked program hangs
    at its first thread under qemu-user here."""
    if binfmt_registered(CROSS[arch]):
        return [run_in_qemu(b, arch, ["-m", "test", *names])]
    src = Path(b.makefile_var("srcdir") or b.dir)
    return [run_in_qemu(b, arch, [src / "Lib" / "test" / f"{name}.py"]) for name in names]
