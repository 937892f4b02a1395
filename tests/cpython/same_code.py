"""Command: which functions of two builds of a module differ in their code.

    python3 tests/cpython/same_code.py OLD.so NEW.so

For a change of how a module is built rather than of its source (a link
flag, which archive it links): are the functions the same instructions,
but for addresses? Disassembles both (objdump -d), pairs the functions by
name (without Rust's hash), drops addresses, offsets and symbol
annotations, and prints the functions that differ or exist in one only.
Exit status 0 whatever it finds: it reports, the reader judges.
"""

import re
import subprocess
import sys

# In an operand (AT&T syntax: registers are %..., immediates $...), a bare
# hex number: an address or a displacement. A `<symbol+off>` annotation,
# a `# comment`.
ADDRESS = re.compile(r"(?<![%$\w])(?:0x)?[0-9a-f]+\b")
ANNOTATION = re.compile(r"<[^>]*>|#.*$")
HEADER = re.compile(r"^[0-9a-f]+ <(.*)>:$")
RUST_HASH = re.compile(r"::h[0-9a-f]{16}")


def functions(path):
    """{name: [normalised instruction]} (a repeated name gets #2, #3...)."""
    text = subprocess.run(["objdump", "-d", "--no-show-raw-insn", "-C", str(path)],
                          capture_output=True, text=True, check=True).stdout
    out, name = {}, None
    for line in text.splitlines():
        header = HEADER.match(line)
        if header:
            base = RUST_HASH.sub("", header.group(1))
            name, n = base, 2
            while name in out:
                name, n = f"{base}#{n}", n + 1
            out[name] = []
        elif name and line.strip() and "nop" not in line:  # not alignment padding
            mnemonic, _, operands = ANNOTATION.sub("", line.split(":", 1)[-1]).strip().partition(" ")
            out[name].append((mnemonic, ADDRESS.sub("X", operands.strip())))
    return out


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print(__doc__)
        return 2
    old, new = (functions(p) for p in argv)
    differ = sorted(n for n in old.keys() & new.keys() if old[n] != new[n])
    same = len(old.keys() & new.keys()) - len(differ)
    print(f"{same} functions the same but for addresses, {len(differ)} differ")
    for label, names in (("differ", differ), ("only in the old", sorted(old.keys() - new.keys())),
                         ("only in the new", sorted(new.keys() - old.keys()))):
        for name in names:
            print(f"  {label}: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
