"""CPython's C stdlib modules, compiled next to a build for side-by-side comparison.

`build_c_module(build, name, source)` compiles the single-file module
`Modules/<source>` of the build's own source tree with the flags make would
use for it in that build (makesetup's rule for a shared stdlib module):

    $(CC) <MODULE_CFLAGS> $(PY_STDMODULE_CFLAGS) $(CCSHARED) -c <source>
    $(BLDSHARED) <name>.o <MODULE_LIBS> $(LIBPYTHON) -o <name>$(EXT_SUFFIX)

where MODULE_CFLAGS/LIBS are what configure gives the C module, passed by
the caller: a Rust build's Makefile has the Rust module's flags under
MODULE_<NAME>_CFLAGS/LDFLAGS, so they cannot be read from there.
`build_c_binascii(build)` passes binascii's: `-DUSE_ZLIB_CRC32
$(ZLIB_CFLAGS)` / `$(ZLIB_LIBS)` when zlib was found; `_json` has none.
Modules that include internal headers (pycore_*, as _json.c does) define
Py_BUILD_CORE_MODULE themselves unless built in (Py_BUILD_CORE_BUILTIN);
makesetup adds no such flag to a shared module, and neither does this.
The variables are read from the build's generated Makefile and expanded the
way make does (recursively; variables the Makefile does not define expand to
nothing, as under a clean environment).  The object is written as
`<build dir>/c-<name>/<name><EXT_SUFFIX>`: the file keeps the module name
(its init function is PyInit_<name>), the directory keeps it apart from the
interpreter's own module.  Load it with importlib (see differential.py).

Command line:  python3 c_module.py BUILD_DIR [OUT_DIR] [--module NAME SOURCE]
               (default: binascii binascii.c)
"""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from file_lock import locked

_ASSIGN = re.compile(r"^(?:override\s+|export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*(::=|:=|\+=|\?=|=)(.*)$")
_INCLUDE = re.compile(r"^-?include\s+(.+)$")


def _logical_lines(text):
    """Makefile lines with backslash-newline continuations joined."""
    pending = ""
    for line in text.splitlines():
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        yield pending + line
        pending = ""
    if pending:
        yield pending


class Makefile:
    """The variables of a generated Makefile, expanded as make expands them."""

    def __init__(self, path):
        self.path = Path(path)
        self.raw = {}       # name -> unexpanded value
        self._read(self.path)

    def _read(self, path, depth=0):
        for line in _logical_lines(path.read_text(errors="replace")):
            if not line or line.startswith("\t") or line.lstrip().startswith("#"):
                continue
            inc = _INCLUDE.match(line)
            if inc and depth < 4:
                for name in inc.group(1).split():
                    sub = (path.parent / name) if not os.path.isabs(name) else Path(name)
                    if "$" not in name and sub.is_file():
                        self._read(sub, depth + 1)
                continue
            m = _ASSIGN.match(line)
            if not m:
                continue
            name, op, value = m.group(1), m.group(2), m.group(3).strip()
            if "#" in value:  # make strips comments from variable values
                value = re.sub(r"(?<!\\)#.*$", "", value).rstrip()
            if op == "?=":
                self.raw.setdefault(name, value)
            elif op == "+=":
                old = self.raw.get(name, "")
                self.raw[name] = f"{old} {value}" if old else value
            elif op in (":=", "::="):
                # expanded when read (a simple variable's value rarely depends
                # on later assignments in a generated Makefile)
                self.raw[name] = value
            else:
                self.raw[name] = value

    def get(self, name, _stack=()):
        if name in _stack:
            raise ValueError(f"{self.path}: recursive variable {name}")
        if name not in self.raw:
            return None
        return self.expand(self.raw[name], _stack + (name,))

    def expand(self, text, _stack=()):
        out, i = [], 0
        while i < len(text):
            c = text[i]
            if c != "$":
                out.append(c)
                i += 1
                continue
            nxt = text[i + 1:i + 2]
            if nxt == "$":
                out.append("$")
                i += 2
            elif nxt in ("(", "{"):
                close = ")" if nxt == "(" else "}"
                depth, j = 1, i + 2
                while j < len(text) and depth:
                    if text[j] == nxt:
                        depth += 1
                    elif text[j] == close:
                        depth -= 1
                    j += 1
                ref = self.expand(text[i + 2:j - 1], _stack)
                if " " in ref:
                    raise ValueError(f"{self.path}: make function $({ref}) not supported")
                if ":" in ref and "=" in ref:  # substitution reference $(VAR:a=b)
                    var, _, pat = ref.partition(":")
                    frm, _, to = pat.partition("=")
                    words = (self.get(var, _stack) or "").split()
                    out.append(" ".join(w[:-len(frm)] + to if frm and w.endswith(frm) else w
                                        for w in words))
                else:
                    out.append(self.get(ref, _stack) or "")
                i = j
            elif nxt:
                out.append(self.get(nxt, _stack) or "")
                i += 2
            else:
                out.append("$")
                i += 1
        return "".join(out)

    def __getitem__(self, name):
        value = self.get(name)
        return "" if value is None else value.strip()


def _normalize(flags):
    return " ".join(flags.split())


def c_module_commands(builddir, out_dir, name, source, cflags="", libs=""):
    """(compile command, link command, output path) as shell strings, run in builddir."""
    mk = Makefile(Path(builddir) / "Makefile")
    srcdir = mk["srcdir"] or "."
    path = f"{srcdir}/Modules/{source}"  # as in make's rule
    if not (Path(builddir) / path).is_file():
        path = f"{mk['abs_srcdir']}/Modules/{source}"
    ext_suffix = mk["EXT_SUFFIX"] or ".so"
    out_dir = Path(out_dir)
    obj = out_dir / (Path(source).stem + ".o")
    target = out_dir / f"{name}{ext_suffix}"
    q = shlex.quote
    compile_cmd = _normalize(f"{mk['CC']} {mk.expand(cflags)} {mk['PY_STDMODULE_CFLAGS']} "
                             f"{mk['CCSHARED']} -c {q(path)} -o {q(str(obj))}")
    link_cmd = _normalize(f"{mk['BLDSHARED']} {q(str(obj))} {mk.expand(libs)} "
                          f"{mk['LIBPYTHON']} -o {q(str(target))}")
    return compile_cmd, link_cmd, target


def binascii_flags(builddir):
    """(cflags, libs) configure gives the C binascii: zlib's when have_zlib;
    zlib's module state is "yes" exactly then (or the C module's own flags
    say so, in a tree built with the C module)."""
    mk = Makefile(Path(builddir) / "Makefile")
    use_zlib = (mk["MODULE_ZLIB_STATE"] == "yes"
                or "-DUSE_ZLIB_CRC32" in mk["MODULE_BINASCII_CFLAGS"].split())
    if not use_zlib:
        return "", ""
    return f"-DUSE_ZLIB_CRC32 {mk['MODULE_ZLIB_CFLAGS']}", mk["MODULE_ZLIB_LDFLAGS"]


def c_binascii_commands(builddir, out_dir):
    return c_module_commands(builddir, out_dir, "binascii", "binascii.c",
                             *binascii_flags(builddir))


def build_c_module(build, name, source, out_dir=None, force=False, cflags="", libs=""):
    """Compiles Modules/`source` as module `name` for `build` (a Build or a
    build directory); returns the shared object's path.

    Cached: recompiles only when the shared object is missing or the
    commands that would make it changed (recorded in `commands.txt`).
    """
    builddir = Path(getattr(build, "dir", build)).resolve()
    out_dir = Path(out_dir).resolve() if out_dir else builddir / f"c-{name}"
    # the lock beside the output: a build given another out_dir is only read
    with locked(out_dir.parent, f"c-{name}"):
        commands = c_module_commands(builddir, out_dir, name, source, cflags, libs)
        return _build(builddir, out_dir, name, commands, force)


def build_c_binascii(build, out_dir=None, force=False):
    """The C binascii for `build` (see build_c_module)."""
    builddir = Path(getattr(build, "dir", build)).resolve()
    return build_c_module(builddir, "binascii", "binascii.c", out_dir, force,
                          *binascii_flags(builddir))


def _build(builddir, out_dir, name, commands, force):
    compile_cmd, link_cmd, target = commands
    record = out_dir / "commands.txt"
    wanted = compile_cmd + "\n" + link_cmd + "\n"
    if (not force and target.is_file() and record.is_file()
            and record.read_text() == wanted):
        return target
    out_dir.mkdir(parents=True, exist_ok=True)
    if record.exists():
        record.unlink()
    for cmd in (compile_cmd, link_cmd):
        proc = subprocess.run(cmd, shell=True, cwd=builddir, capture_output=True, text=True)
        if proc.returncode:
            raise RuntimeError(f"C {name}: `{cmd}` failed ({proc.returncode}) in "
                               f"{builddir}:\n{proc.stdout}{proc.stderr}")
    record.write_text(wanted)
    return target


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    module = ["binascii", "binascii.c"]
    if "--module" in argv:
        at = argv.index("--module")
        module, argv = argv[at + 1:at + 3], argv[:at] + argv[at + 3:]
    out_dir = argv[1] if len(argv) > 1 else None
    if module[0] == "binascii":
        print(build_c_binascii(Path(argv[0]), out_dir))
    else:
        print(build_c_module(Path(argv[0]), *module, out_dir=out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
