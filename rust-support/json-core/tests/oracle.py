"""Answer json-core's differential cases with CPython's own code.

Used by tests/differential.rs:

    python3 oracle.py CASES [VERSION=LIB_JSON_DIR ...]

answers each case of the file CASES with the running interpreter's C
`_json` (implementation "c-X.Y") and with the pure-Python code of each
Lib/json directory given ("py-VERSION": json.decoder.py_scanstring,
json.encoder.py_encode_basestring_ascii / py_encode_basestring,
json.scanner.NUMBER_RE), loaded from that tree into this interpreter.

A case is a line "FUNCTION<TAB>ARGS<TAB>TEXT", TEXT being the code points
as 6 hex digits each; FUNCTION is scan (ARGS "end,strict"), ascii, plain
or number (ARGS "start"). Output: a line naming the implementations,
tab-separated, then per case a line with one result per implementation,
tab-separated, fields within a result separated by \\x1f:
    scan:   ok TEXT END | err TYPE POS MSG (POS "-" without one)
    ascii, plain: ok TEXT | err TYPE - MSG
    number: int END | float END | none
"""
import importlib.util
import json.scanner
import sys
from json import decoder as c_decoder, encoder as c_encoder

SEP = "\x1f"


def hex6(text):
    return "".join(format(ord(c), "06x") for c in text)


def unhex6(field):
    return "".join(chr(int(field[i:i + 6], 16)) for i in range(0, len(field), 6))


def error(exc):
    pos = getattr(exc, "pos", None)
    msg = getattr(exc, "msg", None) if pos is not None else str(exc)
    return SEP.join(["err", type(exc).__name__, "-" if pos is None else str(pos), msg])


def c_number(text, start):
    class Context:
        strict = True
        object_hook = object_pairs_hook = None
        parse_float = staticmethod(lambda s: ("float", s))
        parse_int = staticmethod(lambda s: ("int", s))
        parse_constant = staticmethod(lambda s: ("constant", s))
        memo = {}
    try:
        (kind, _), end = json.scanner.c_make_scanner(Context())(text, start)
    except StopIteration:
        return "none"
    assert kind in ("int", "float"), kind
    return f"{kind}{SEP}{end}"


def py_number(number_re):
    def match(text, start):
        m = number_re.match(text, start)
        if m is None:
            return "none"
        _, frac, exp = m.groups()
        return f"{'float' if frac or exp else 'int'}{SEP}{m.end()}"
    return match


class Implementation:
    def __init__(self, name, scanstring, ascii, plain, number):
        self.name = name
        self.scanstring, self.ascii, self.plain, self.number = scanstring, ascii, plain, number

    def answer(self, function, args, text):
        try:
            if function == "scan":
                end, strict = args.split(",")
                value, after = self.scanstring(text, int(end), strict == "1")
                return SEP.join(["ok", hex6(value), str(after)])
            if function == "ascii":
                return SEP.join(["ok", hex6(self.ascii(text))])
            if function == "plain":
                return SEP.join(["ok", hex6(self.plain(text))])
        except Exception as exc:
            return error(exc)
        if function == "number":
            return self.number(text, int(args))
        raise SystemExit(f"unknown function {function}")


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    version = "%d.%d" % sys.version_info[:2]
    implementations = [Implementation(
        f"c-{version}", c_decoder.c_scanstring, c_encoder.c_encode_basestring_ascii,
        c_encoder.c_encode_basestring, c_number)]
    for spec in sys.argv[2:]:
        tree_version, lib = spec.split("=", 1)
        tag = tree_version.replace(".", "_")
        dec = load(f"{lib}/decoder.py", f"json_core_oracle_decoder_{tag}")
        enc = load(f"{lib}/encoder.py", f"json_core_oracle_encoder_{tag}")
        scan = load(f"{lib}/scanner.py", f"json_core_oracle_scanner_{tag}")
        implementations.append(Implementation(
            f"py-{tree_version}", dec.py_scanstring, enc.py_encode_basestring_ascii,
            enc.py_encode_basestring, py_number(scan.NUMBER_RE)))
    out = ["\t".join(i.name for i in implementations)]
    with open(sys.argv[1], encoding="ascii") as cases:
        for line in cases:
            function, args, text = line.rstrip("\n").split("\t")
            text = unhex6(text)
            out.append("\t".join(i.answer(function, args, text) for i in implementations))
    sys.stdout.write("\n".join(out) + "\n")


main()
