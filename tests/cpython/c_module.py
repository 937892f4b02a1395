"""CPython's C binascii, compiled next to a build for side-by-side comparison.

`build_c_binascii(build)` compiles `Modules/binascii.c` of the build's own
source tree with the flags make would use for the C module in that build
(makesetup's rule for a shared stdlib module):

    $(CC) <BINASCII_CFLAGS> $(PY_STDMODULE_CFLAGS) $(CCSHARED) -c binascii.c
    $(BLDSHARED) binascii.o <BINASCII_LIBS> $(LIBPYTHON) -o binascii$(EXT_SUFFIX)

where BINASCII_CFLAGS/LIBS are what configure gives the C module:
`-DUSE_ZLIB_CRC32 $(ZLIB_CFLAGS)` / `$(ZLIB_LIBS)` when zlib was found.
The variables are read from the build's generated Makefile and expanded the
way make does (recursively; variables the Makefile does not define expand to
nothing, as under a clean environment).  The object is written as
`<build dir>/c-binascii/binascii<EXT_SUFFIX>`: the file keeps the module name
(its init function is PyInit_binascii), the directory keeps it apart from the
interpreter's own binascii.  Load it with importlib (see differential.py).

Command line:  python3 c_module.py BUILD_DIR [OUT_DIR]
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


def c_binascii_commands(builddir, out_dir):
    """(compile command, link command, output path) as shell strings, run in builddir."""
    mk = Makefile(Path(builddir) / "Makefile")
    srcdir = mk["srcdir"] or "."
    source = f"{srcdir}/Modules/binascii.c"  # as in make's rule
    if not (Path(builddir) / source).is_file():
        source = f"{mk['abs_srcdir']}/Modules/binascii.c"
    # configure: BINASCII_CFLAGS="-DUSE_ZLIB_CRC32 $ZLIB_CFLAGS", BINASCII_LIBS="$ZLIB_LIBS"
    # when have_zlib; zlib's module state is "yes" exactly then (or the C
    # module's own flags say so, in a tree built with the C module).
    use_zlib = (mk["MODULE_ZLIB_STATE"] == "yes"
                or "-DUSE_ZLIB_CRC32" in mk["MODULE_BINASCII_CFLAGS"].split())
    cflags = f"-DUSE_ZLIB_CRC32 {mk['MODULE_ZLIB_CFLAGS']}" if use_zlib else ""
    libs = mk["MODULE_ZLIB_LDFLAGS"] if use_zlib else ""
    ext_suffix = mk["EXT_SUFFIX"] or ".so"
    out_dir = Path(out_dir)
    obj = out_dir / "binascii.o"
    target = out_dir / f"binascii{ext_suffix}"
    q = shlex.quote
    compile_cmd = _normalize(f"{mk['CC']} {cflags} {mk['PY_STDMODULE_CFLAGS']} "
                             f"{mk['CCSHARED']} -c {q(source)} -o {q(str(obj))}")
    link_cmd = _normalize(f"{mk['BLDSHARED']} {q(str(obj))} {libs} {mk['LIBPYTHON']} "
                          f"-o {q(str(target))}")
    return compile_cmd, link_cmd, target


def build_c_binascii(build, out_dir=None, force=False):
    """Compiles the C binascii for `build` (a Build or a build directory); returns its path.

    Cached: recompiles only when the shared object is missing or the
    commands that would make it changed (recorded in `commands.txt`).
    """
    builddir = Path(getattr(build, "dir", build)).resolve()
    out_dir = Path(out_dir).resolve() if out_dir else builddir / "c-binascii"
    with locked(builddir, "c-binascii"):
        return _build_c_binascii(builddir, out_dir, force)


def _build_c_binascii(builddir, out_dir, force):
    compile_cmd, link_cmd, target = c_binascii_commands(builddir, out_dir)
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
            raise RuntimeError(f"C binascii: `{cmd}` failed ({proc.returncode}) in "
                               f"{builddir}:\n{proc.stdout}{proc.stderr}")
    record.write_text(wanted)
    return target


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    out_dir = argv[1] if len(argv) > 1 else None
    print(build_c_binascii(Path(argv[0]), out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
