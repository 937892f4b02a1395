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
cross `CC`; Debian's rustc has the std of some targets (`libstd-rust-web-dev:ARCH`),
`cargo xtask build-std` makes the others'. Architectures Rust has no target
for (rust_target None), or whose Rust code does not link (rust_fails), build
the C module (test_313_without_rust.py).

`sh ci/test.sh` builds the rows marked `ci` (RUST_LAYER_CROSS unset);
ci/platforms.sh names each row in RUST_LAYER_CROSS.
"""

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from cpython_build import REPO, applied_source, build, build_env

sys.path.insert(0, str(REPO / "tests" / "layer"))
import musl_toolchain  # noqa: E402
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
    rust_target: str   # None: Rust has no target for the architecture
    elf_machine: int   # e_machine of its ELF files
    big_endian: bool = False
    # Debian has no std for it: `cargo xtask build-std` makes one (std_sysroot.py)
    builds_std: bool = False
    # In the default run (sh ci/test.sh); the rest run from ci/platforms.sh.
    ci: bool = False
    # The C compiler, when not `<gnu>-gcc` (with ccache when there is one).
    cc: str = ""
    # The packages of the C toolchain, when not gcc-<gnu> libc6-dev-ARCH-cross.
    packages: str = ""
    # Why its programs cannot run here, when they cannot: built, not run.
    cannot_run: str = ""
    # Why Rust's code for it does not link, when it does not: configure says
    # so (this problem), and the build has the C module, as where Rust has
    # no target.
    rust_fails: str = ""

    @property
    def builds_rust(self):
        return self.rust_target is not None and not self.rust_fails

    @property
    def problem(self):
        """How configure words why this build has no Rust (its start)."""
        if self.rust_fails:
            return self.rust_fails
        host = self.gnu.replace("-linux-", "-unknown-linux-")
        return f"Rust has no target for host {host} (rustc "

    @property
    def sysroot(self):
        """Where qemu finds the target's ld.so and libc: the multiarch root
        when Debian's libc6:ARCH is installed (libstd-rust-web-dev:ARCH pulls
        it in), else the cross toolchain's /usr/<gnu>. Never a mix: the two
        glibc builds differ, and ld.so of one with libc.so.6 of the other
        aborts at start ("stack smashing detected", seen on ppc64el)."""
        if (Path("/lib") / self.gnu / "libc.so.6").exists() or self.gnu.endswith("-musl"):
            return Path("/")  # musl-dev:ARCH puts ld-musl-ARCH.so.1 into /lib
        return Path("/usr") / self.gnu

    def missing(self):
        """What is not installed, with the command that installs it."""
        need = []
        cc = (self.cc or f"{self.gnu}-gcc").split()[0]
        if not shutil.which(cc):
            packages = (self.packages or f"gcc-{self.gnu.replace('_', '-')} "
                        f"libc6-dev-{self.debian_arch}-cross")
            need.append(f"{cc} (apt install {packages})")
        if not shutil.which(f"qemu-{self.qemu}-static"):
            need.append("qemu-user-static (apt install qemu-user-static)")
        sysroot = subprocess.run([RUSTC, "--print", "sysroot"], capture_output=True,
                                 text=True).stdout.strip() if Path(RUSTC).exists() else ""
        if self.rust_target is None:
            pass
        elif self.builds_std:
            if not Path("/usr/lib/rustlib/src/rust/library/vendor").is_dir():
                need.append("rustc's sources, to build the std (apt install rust-web-src)")
        elif not (Path(sysroot) / "lib" / "rustlib" / self.rust_target / "lib").is_dir():
            need.append(f"the {self.rust_target} std (dpkg --add-architecture {self.debian_arch}; "
                        f"apt install libstd-rust-web-dev:{self.debian_arch})")
        return need


CROSS = {
    # CI's row: Debian's std, and the NEON kernels' tests use its build.
    "aarch64": Cross("aarch64-linux-gnu", "arm64", "aarch64", "aarch64-unknown-linux-gnu",
                     183, ci=True),
    "armv7": Cross("arm-linux-gnueabihf", "armhf", "arm", "armv7-unknown-linux-gnueabihf", 40),
    "ppc64le": Cross("powerpc64le-linux-gnu", "ppc64el", "ppc64le",
                     "powerpc64le-unknown-linux-gnu", 21),
    "i686": Cross("i686-linux-gnu", "i386", "i386", "i686-unknown-linux-gnu", 3),
    "s390x": Cross("s390x-linux-gnu", "s390x", "s390x", "s390x-unknown-linux-gnu", 22,
                   big_endian=True, builds_std=True),
    # Debian release architectures with no std package at this rustc.
    "riscv64": Cross("riscv64-linux-gnu", "riscv64", "riscv64", "riscv64gc-unknown-linux-gnu",
                     243, builds_std=True),
    "armel": Cross("arm-linux-gnueabi", "armel", "arm", "armv5te-unknown-linux-gnueabi", 40,
                   builds_std=True),
    "mips64el": Cross("mips64el-linux-gnuabi64", "mips64el", "mips64el",
                      "mips64el-unknown-linux-gnuabi64", 8, builds_std=True),
    # Ports.
    "x32": Cross("x86_64-linux-gnux32", "x32", "x86_64", "x86_64-unknown-linux-gnux32", 62,
                 builds_std=True,
                 cannot_run="qemu-user has no x32 ABI, and this kernel runs no x32 program "
                            "(CONFIG_X86_X32_ABI)"),
    "sparc64": Cross("sparc64-linux-gnu", "sparc64", "sparc64", "sparc64-unknown-linux-gnu", 43,
                     big_endian=True, builds_std=True),
    "powerpc": Cross("powerpc-linux-gnu", "powerpc", "ppc", "powerpc-unknown-linux-gnu", 20,
                     big_endian=True, builds_std=True),
    "ppc64": Cross("powerpc64-linux-gnu", "ppc64", "ppc64", "powerpc64-unknown-linux-gnu", 21,
                   big_endian=True, builds_std=True),
    # Its std builds; LLVM's M68k backend reaches data with 16-bit PC-relative
    # displacements, which no program the size of std's objects can link.
    "m68k": Cross("m68k-linux-gnu", "m68k", "m68k", "m68k-unknown-linux-gnu", 4,
                  big_endian=True, builds_std=True,
                  cannot_run="CPython 3.13.5 segfaults at startup under qemu-m68k 7.2, "
                             "without the layer too; a hello world runs (docs/cpython.md)",
                  rust_fails="the C compiler cannot link a Rust static library for "
                             "m68k-unknown-linux-gnu: rustc's code for it does not link "
                             "(relocation truncated to fit: R_68K_PC16"),
    # No Rust target: the C module, in every stage.
    # CI's row without a Rust target.
    "hppa": Cross("hppa-linux-gnu", "hppa", "hppa", None, 15, big_endian=True, ci=True),
    "alpha": Cross("alpha-linux-gnu", "alpha", "alpha", None, 0x9026,
                   packages="gcc-alpha-linux-gnu libc6.1-dev-alpha-cross"),
    "sh4": Cross("sh4-linux-gnu", "sh4", "sh4", None, 42,
                 cannot_run="Debian 12's qemu-sh4 (7.2) runs no sh4 glibc program: a "
                            "hello world segfaults at start (a static one hangs)"),
    # CPython with clang (PEP 11's other aarch64 Linux row), on gcc's sysroot.
    "aarch64-clang": Cross("aarch64-linux-gnu", "arm64", "aarch64", "aarch64-unknown-linux-gnu",
                           183, cc="clang --target=aarch64-linux-gnu",
                           packages="clang gcc-aarch64-linux-gnu libc6-dev-arm64-cross"),
    # musl: Debian's musl-dev:arm64 wraps the aarch64 gcc (aarch64-linux-musl-gcc).
    "aarch64-musl": Cross("aarch64-linux-musl", "arm64", "aarch64", "aarch64-unknown-linux-musl",
                          183, builds_std=True,
                          packages="gcc-aarch64-linux-gnu musl-dev:arm64"),
}


def compiler(c):
    """CC for c's builds: its compiler with ccache, or for musl Debian's
    wrapper made a musl gcc (musl_toolchain.py)."""
    if c.gnu.endswith("-musl"):
        return str(musl_toolchain.cc_wrapper(c.cc or f"{c.gnu}-gcc"))
    return f"{'ccache ' if shutil.which('ccache') else ''}{c.cc or c.gnu + '-gcc'}"


def picked(rust):
    """The rows a test runs: RUST_LAYER_CROSS's (comma-separated), else the
    `ci` ones; only those that build the Rust module (rust=True) or those
    that cannot (no Rust target, or Rust's code does not link)."""
    names = os.environ.get("RUST_LAYER_CROSS")
    names = names.split(",") if names else [a for a, c in CROSS.items() if c.ci]
    return [a for a in names if a in CROSS and CROSS[a].builds_rust == rust]


def cross_build(arch, version="3.13", make=True, stage="warn", args=()):
    """CPython `version` cross-built for `arch` with the Rust binascii, or
    the C one where Rust has no target (configured only with make=False);
    `stage` and `args` (e.g. --with-rust=no) name a variant of its own."""
    c = CROSS[arch]
    build_python = build(version.replace(".", "") + "-rust", version=version)
    configure_args = [*cross_args(c, build_python), *args]
    name = "-".join([version.replace(".", ""), arch,
                     *([stage] if stage != "warn" else []),
                     *[a.lstrip("-").replace("=", "-") for a in args]])
    return build(name, version=version, stage=stage, configure_args=configure_args, make=make)


def cross_args(c, build_python):
    """configure's arguments for a cross build for c: host, compilers, the
    musl toolchain's flags, and the std `cargo xtask build-std` made where
    Debian packages none (built on first use)."""
    args = [f"--host={c.gnu}", "--build=x86_64-pc-linux-gnu",
            f"--with-build-python={build_python.python}",
            f"CC={compiler(c)}", f"RUSTC={RUSTC}", f"CARGO={CARGO}",
            f"PKG_CONFIG_LIBDIR=/usr/lib/{c.gnu}/pkgconfig", *CPYTHON_CROSS_ANSWERS]
    if c.gnu.endswith("-musl"):
        gcc = c.cc or c.gnu + "-gcc"
        args.append(f"LDFLAGS={musl_toolchain.ldflags(gcc)}")
        if musl_toolchain.cflags(gcc):
            args.append(f"CFLAGS={musl_toolchain.cflags(gcc)}")
    if c.builds_std:
        args.append(f"RUSTFLAGS=--sysroot {std_sysroot(c.rust_target)}")
    return args


def configure_fails(arch, stage, tmp_path, *args):
    """configure of the `stage` tree for `arch` in a fresh directory, which
    must fail: its output."""
    c = CROSS[arch]
    builddir = Path(tmp_path) / f"{arch}-{stage}"
    builddir.mkdir(parents=True)
    build_python = build("313-rust")
    done = subprocess.run([applied_source("3.13", stage) / "configure",
                           *cross_args(c, build_python), *args],
                          cwd=builddir, env=build_env(), capture_output=True, text=True)
    out = done.stdout + done.stderr
    assert done.returncode != 0, f"configure of the {stage} tree for {arch} passed:\n{out[-3000:]}"
    return out


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
    """CPython's tests `names` (e.g. test_binascii, or a package such as
    test_json) in the cross build: `-m test` when binfmt_misc is registered
    (tests that start sys.executable need it), else each test run directly
    by qemu: a file, or a package's directory (its __main__.py runs
    unittest on the package, in one process). regrtest's -j workers are not
    used: a dynamically linked program hangs at its first thread under
    qemu-user here."""
    if binfmt_registered(CROSS[arch]):
        return [run_in_qemu(b, arch, ["-m", "test", *names])]
    tests = Path(b.makefile_var("srcdir") or b.dir) / "Lib" / "test"
    return [run_in_qemu(b, arch, [tests / name if (tests / name).is_dir() else
                                  tests / f"{name}.py"]) for name in names]
