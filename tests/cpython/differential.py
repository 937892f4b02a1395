"""Differential test: the interpreter's binascii (Rust) against CPython's C one.

Run it with the interpreter whose binascii is under test, passing the C
module compiled for the same build (tests/cpython/c_module.py):

    ./python differential.py --c-module c-binascii/binascii.cpython-313-....so
        [--cases N] [--seed S] [--exhaustive LEN] [--max-show K] [--verbose] [--stats]

The C module is loaded from its file under the name `binascii` without
touching sys.modules.  Each generated call is made on both modules with fresh
copies of its arguments; the outcomes must be equal: the result (type and
value), or the exception (type -- binascii.Error/Incomplete compared by name
--, str(), args, chained cause/context), plus the warnings emitted, the
arguments' reference counts, buffer exports released after the call, and in
a debug build the total reference count change of a repeated call.  Calls:
the kept regression cases (differential_cases.jsonl, see
differential_scale.py), fixed ones (every argument kind and wrong type,
every option's truthiness, argument-count and keyword errors, codec corner cases, conversions that try
to resize the data meanwhile), random valid and mutated encodings (--cases,
--seed), and with --exhaustive every short input over small alphabets.
Then the module's shape: docstrings, __text_signature__, inspect.signature,
dir(), Error/Incomplete classes, gc referents, a second instance's state,
and subinterpreter/free-threading support.

Prints each difference (function, arguments, C outcome, Rust outcome), a
summary line, and exits 1 if there is any difference.
"""

import argparse
import array
import base64
import gc
import importlib.machinery
import importlib.util
import inspect
import os
import random
import sys
import warnings

try:
    import mmap
except ImportError:  # WASI has no mmap module
    mmap = None

import regression_cases

HAS_REFCOUNT = hasattr(sys, "getrefcount")
BUILTIN = "builtin:"  # --c-builtin NAME is reported as builtin:NAME
TOTAL_REFCOUNT = hasattr(sys, "gettotalrefcount")  # debug builds


def _fresh_refcount():
    result = bytearray()  # a new object held by one local variable
    return sys.getrefcount(result)


FRESH_REFCOUNT = _fresh_refcount() if HAS_REFCOUNT else None
CHECK_IDENTITY = HAS_REFCOUNT  # --no-identity turns it off


def _counts_references(obj):
    """1 if one more reference to obj shows in its refcount (0: immortal)."""
    before = sys.getrefcount(obj)
    extra = obj  # noqa: F841
    return int(sys.getrefcount(obj) > before)


def leak_delta(func, args, kwargs):
    """sys.gettotalrefcount() change across one call, after a warm-up call."""
    for _ in range(3):
        before = sys.gettotalrefcount()
        try:
            func(*args, **kwargs)
        except Exception:  # noqa: BLE001 - only the references matter here
            pass
        delta = sys.gettotalrefcount() - before
    return delta


def load_c_module(path):
    """The extension at `path` as module `binascii`, not put in sys.modules."""
    loader = importlib.machinery.ExtensionFileLoader("binascii", str(path))
    spec = importlib.util.spec_from_file_location("binascii", str(path), loader=loader)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_c_builtin(name):
    """The built-in module `name` (the C binascii compiled into the
    interpreter under another name, where there are no shared extensions:
    WASI), made anew and not put in sys.modules."""
    spec = importlib.machinery.BuiltinImporter.find_spec(name)
    if spec is None:
        sys.exit(f"differential: no built-in module {name} in this interpreter "
                 "(build it in: see tests/cpython/wasi_cpython.py)")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _load_source(path):
    spec = importlib.util.spec_from_file_location("binascii", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def short(text, limit=160):
    text = str(text)
    return text if len(text) <= limit else text[:limit - 20] + f"...<{len(text)} chars>"


# --------------------------------------------------------------- argument zoo

class Labelled:
    """Base for helper objects with a stable repr (for the report)."""
    label = None

    def __repr__(self):
        return self.label or type(self).__name__


class StrSub(str):
    def __repr__(self):
        return f"StrSub({str.__repr__(self)})"


class BytesSub(bytes):
    def __repr__(self):
        return f"BytesSub({bytes.__repr__(self)})"


class IntSub(int):
    def __repr__(self):
        return f"IntSub({int.__repr__(self)})"


class Index(Labelled):
    def __init__(self, value):
        self.value = value
        self.label = f"Index({value!r})"

    def __index__(self):
        return self.value


class BadIndex(Labelled):
    def __index__(self):
        raise ZeroDivisionError("__index__ failed")


class IntOnly(Labelled):
    """Has __int__ but not __index__."""

    def __int__(self):
        return 1


class BadBool(Labelled):
    def __bool__(self):
        raise ZeroDivisionError("__bool__ failed")


class WeirdBool(Labelled):
    """__bool__ returning a non-bool."""

    def __bool__(self):
        return 1


class FalseLen(Labelled):
    def __len__(self):
        return 0


class BufferObj(Labelled):
    """Python-level buffer protocol (3.12+)."""

    def __init__(self, data):
        self.data = data
        self.label = f"BufferObj({data!r})"

    def __buffer__(self, flags):
        return memoryview(self.data)


class BadBuffer(Labelled):
    def __buffer__(self, flags):
        raise ZeroDivisionError("__buffer__ failed")


class CountingBuffer(Labelled):
    """Python-level buffer that counts acquisitions and releases (3.12+)."""

    def __init__(self, data):
        self.data, self.gets, self.releases = data, 0, 0
        self.label = f"CountingBuffer({data!r})"

    def __buffer__(self, flags):
        self.gets += 1
        return memoryview(self.data)

    def __release_buffer__(self, view):
        self.releases += 1
        view.release()


def _count_check(obj):
    if obj.gets != obj.releases:
        return f"__buffer__ called {obj.gets} times, __release_buffer__ {obj.releases} times"
    return ""


class BytesWithBuffer(bytes):
    """A bytes subclass whose Python-level buffer shows other bytes (3.12+):
    the buffer protocol, not the bytes' own storage, gives the data."""

    def __buffer__(self, flags):
        return memoryview(b"QUJD")

    def __repr__(self):
        return f"BytesWithBuffer({bytes.__repr__(self)})"


class Meddler(Labelled):
    """An argument whose conversion (__index__, __bool__, __len__) tries to
    empty a bytearray passed as another argument of the same call: it fails
    (BufferError) when the function already holds that bytearray's buffer,
    as C's argument clinic does, converting the arguments in order."""

    def __init__(self, victim, value):
        self.victim, self.value = victim, value

    def _meddle(self):
        self.victim.clear()

    def __index__(self):
        self._meddle()
        return self.value

    def __bool__(self):
        self._meddle()
        return bool(self.value)

    def __len__(self):
        self._meddle()
        return 1


class Rewriter(Meddler):
    """Like Meddler, but rewrites the bytearray's bytes in place (same
    length, so no BufferError): the function must compute on the bytes as
    they are after every argument is converted, as C reads them then. A
    Rust function that kept a reference to the old contents, or that read
    them while Python code changed them, would differ."""

    def _meddle(self):
        self.victim[:] = bytes(b ^ 0x20 if 0x41 <= (b & 0xDF) <= 0x5A else b
                               for b in reversed(self.victim))


class Linked:
    """A whole call's arguments made anew for every call, when they must
    share objects: make() -> (args, kwargs, checks)."""

    def __init__(self, label, make):
        self.label, self.make = label, make

    def __repr__(self):
        return self.label


class Fresh:
    """An argument made anew for every call (mutable or closable objects);
    `check` looks, after the call, for a buffer export left behind."""

    def __init__(self, label, make, check=None):
        self.label, self.make, self.check = label, make, check

    def __repr__(self):
        return self.label


def _resize_check(obj):
    try:
        if isinstance(obj, bytearray):
            obj.append(0)
            obj.pop()
        else:  # array.array
            obj.frombytes(bytes(obj.itemsize))
            obj.pop()
    except BufferError as e:
        return f"buffer still exported: {e}"
    return ""


def _release_check(obj):
    try:
        if isinstance(obj, memoryview):
            obj.release()
        else:
            obj.close()
    except BufferError as e:
        return f"buffer still exported: {e}"
    return ""


def _mmap(data):
    m = mmap.mmap(-1, len(data))
    m.write(data)
    m.seek(0)
    return m


def _released():
    m = memoryview(b"abc")
    m.release()
    return m


def data_kinds(data, every=True):
    """`data` (bytes) as every bytes-like and str form a caller might pass."""
    ba = lambda: bytearray(data)  # noqa: E731
    kinds = [
        data,
        BytesSub(data),
        Fresh(f"bytearray({data!r})", ba, _resize_check),
        Fresh(f"memoryview({data!r})", lambda: memoryview(data), _release_check),
        Fresh(f"memoryview(bytearray({data!r}))", lambda: memoryview(ba()), _release_check),
        Fresh(f"array('B', {data!r})", lambda: array.array("B", data), _resize_check),
        data.decode("latin-1"),
        StrSub(data.decode("latin-1")),
    ]
    if data and mmap is not None:
        kinds.append(Fresh(f"mmap({data!r})", lambda: _mmap(data), _release_check))
    if every:
        kinds += [
            # non-contiguous
            Fresh(f"memoryview({data * 2!r})[::2]", lambda: memoryview(data * 2)[::2],
                  _release_check),
            # another format, and more than one dimension
            Fresh(f"memoryview({data * 4!r}).cast('I')", lambda: memoryview(data * 4).cast("I"),
                  _release_check),
            Fresh(f"array('I', {data * 4!r})", lambda: array.array("I", data * 4), _resize_check),
            Fresh(f"array('u', {data.decode('latin-1')!r})",
                  lambda: array.array("w" if sys.version_info >= (3, 13) else "u",
                                      data.decode("latin-1")), _resize_check),
        ]
        if data:  # more than one dimension
            kinds.append(Fresh(f"memoryview({data * 2!r}).cast('B', (2, {len(data)}))",
                               lambda: memoryview(data * 2).cast("B", (2, len(data))),
                               _release_check))
        if sys.version_info >= (3, 12):
            kinds += [BufferObj(data), BytesWithBuffer(data),
                      Fresh(f"CountingBuffer({data!r})", lambda: CountingBuffer(data),
                            _count_check)]
    return kinds


def _named(name):
    cls = type(name, (), {"__repr__": lambda self: f"<instance of {type(self).__name__[:8]}...>"})
    return cls()


# instances of classes with long or non-ASCII names: error messages cut type
# names at a byte count (%.100s, %.200s) and decode what is left
ODD_NAMES = [_named("X" * 150), _named("é" * 60), _named("A" * 99 + "é" + "B" * 5),
             _named("A" * 199 + "€" + "B" * 5), _named("Ünïcødé")]

WRONG_DATA = [None, 0, 1, -1, 2**100, 1.5, [1, 2], (1,), [b"a"], {b"a": 1}, object(), Index(3),
              IntSub(3), bytes, "é", "\u20ac", "\udc80", "a\udc80", "\x80", "abc\xff",
              Fresh("released memoryview", _released), BadIndex(), FalseLen()]
WRONG_DATA += ODD_NAMES
if sys.version_info >= (3, 12):
    WRONG_DATA.append(BadBuffer())

TRUTH = [0, 1, True, False, 2, -1, "", "x", b"", None, 2**100, -2**100, 0.0, 1.0, 0.5,
         float("nan"), [], [0], BadBool(), WeirdBool(), FalseLen(), Index(1), Index(0),
         IntSub(0), IntSub(1), IntOnly(), BadIndex(), object(), 1j] + ODD_NAMES

CRC = [0, 1, -1, 0xFFFF, 0x10000, -0x10001, 2**31 - 1, 2**31, -2**31, -2**31 - 1, 2**32 - 1,
       2**32, 2**32 + 7, 2**63, -2**63, 2**64 + 5, -2**70, 2**100, True, False, Index(3),
       Index(-5), Index(2**70), IntSub(5), BadIndex(), IntOnly(), 1.0, 0.0, "1", b"1", None,
       [0], 1j] + ODD_NAMES

SEPS = ["-", ":", " ", b"_", b":", "", b"", "ab", b"ab", "é", "\u20ac", "\udc80", b"\xff",
        "\x7f", "\x00", b"\x00", StrSub(":"), BytesSub(b":"),
        Fresh("bytearray(b':')", lambda: bytearray(b":"), _resize_check),
        Fresh("memoryview(b':')", lambda: memoryview(b":"), _release_check),
        1, 0, None, [1], ["x"], 1.5, Index(58), object()] + ODD_NAMES

PER_SEP = [0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 7, -7, 100, -100, 2**31 - 1, -2**31,
           2**31, -2**31 - 1, 2**63, -2**63 - 1, 2**100, True, False, Index(2), Index(-2),
           Index(2**40), IntSub(2), BadIndex(), IntOnly(), 1.0, "1", None, [1]] + ODD_NAMES

# Only used to generate calls: what each function accepts is found out by calling.
FUNCS = ["a2b_uu", "b2a_uu", "a2b_base64", "b2a_base64", "a2b_hex", "unhexlify",
         "b2a_hex", "hexlify", "crc32", "crc_hqx", "a2b_qp", "b2a_qp"]
BUFFER_FUNCS = {"b2a_uu": (), "b2a_base64": (), "b2a_hex": (), "hexlify": (), "crc32": (),
                "crc_hqx": (0,), "b2a_qp": ()}
ASCII_FUNCS = ["a2b_uu", "a2b_base64", "a2b_hex", "unhexlify", "a2b_qp"]
BOOL_OPTIONS = {  # function -> [(option, keyword-only)]
    "b2a_uu": [("backtick", True)],
    "a2b_base64": [("strict_mode", True)],
    "b2a_base64": [("newline", True)],
    "a2b_qp": [("header", False)],
    "b2a_qp": [("quotetabs", False), ("istext", False), ("header", False)],
}


# ------------------------------------------------------------ call generation

def fixed_calls(cases_file=regression_cases.DEFAULT):
    """The deterministic part: the kept regression cases, then every
    argument kind against every parameter."""
    yield from regression_cases.load(cases_file)
    samples = [b"", b"a", b"ab", b"abc", b"abcd", b"QUJD", b"616263", b"=41=42\r\n",
               b"#86)C\n", b"YWJj\n", b"\x00\xff\x80\x7f", b"hello world\n", b" \t\r\n"]
    for i, s in enumerate(samples):
        for kind in data_kinds(s, every=i < 6):
            for name in ASCII_FUNCS:
                yield name, (kind,), {}
            for name, extra in BUFFER_FUNCS.items():
                yield name, (kind, *extra), {}
    for wrong in WRONG_DATA:
        for name in ASCII_FUNCS:
            yield name, (wrong,), {}
        for name, extra in BUFFER_FUNCS.items():
            yield name, (wrong, *extra), {}
    # boolean options: every truthiness, by keyword and (where allowed) position
    opt_data = {"b2a_uu": [b"abc", b"", b"\x00" * 3], "a2b_base64": [b"YWJj====", b"YW\nJj", b"=YWJj"],
                "b2a_base64": [b"abc", b""], "a2b_qp": [b"=41_b=\n", b"a_b"],
                "b2a_qp": [b"a b\t\n_.x", b"a\r\nb \r\n", b"\n.\n"]}
    for name, options in BOOL_OPTIONS.items():
        for opt_index, (opt, kwonly) in enumerate(options):
            for value in TRUTH:
                for data in opt_data[name]:
                    yield name, (data,), {opt: value}
                if not kwonly:
                    yield name, (opt_data[name][0], *[False] * opt_index, value), {}
                else:
                    yield name, (opt_data[name][0], value), {}
    yield "b2a_qp", (b"a \n_.", True, False, True), {}
    yield "b2a_qp", (b"a \n_.",), {"header": 1, "istext": 0, "quotetabs": 1}
    # crc values
    for value in CRC:
        for data in (b"", b"123456789"):
            yield "crc32", (data, value), {}
            yield "crc_hqx", (data, value), {}
    # sep / bytes_per_sep
    hex_data = [b"", b"\x01", b"\x01\x02\x03\x04\x05", bytes(range(16)), b"\xb9\x01\xef\x00\x7f\xff\x10"]
    for name in ("b2a_hex", "hexlify"):
        for sep in SEPS:
            for data in hex_data:
                yield name, (data, sep), {}
            yield name, (hex_data[2],), {"sep": sep}
            for per in (1, 2, -2, 0):
                yield name, (hex_data[3], sep, per), {}
        for per in PER_SEP:
            for data in hex_data:
                yield name, (data, "-", per), {}
            yield name, (hex_data[2],), {"sep": b":", "bytes_per_sep": per}
            yield name, (hex_data[2],), {"bytes_per_sep": per}
            yield name, (hex_data[2], None, per), {}
        yield name, (), {"data": b"ab", "sep": ":", "bytes_per_sep": 1}
        yield name, (), {"bytes_per_sep": 1, "data": b"ab"}
    # argument conversions that try to change the data argument meanwhile
    yield from meddling_calls()
    # argument counts and keywords
    args_for = {"a2b_uu": (b"!86)C",), "b2a_uu": (b"a",), "a2b_base64": (b"YQ==",),
                "b2a_base64": (b"a",), "a2b_hex": (b"61",), "unhexlify": (b"61",),
                "b2a_hex": (b"a",), "hexlify": (b"a",), "crc32": (b"a",), "crc_hqx": (b"a", 0),
                "a2b_qp": (b"=41",), "b2a_qp": (b"a",)}
    first_param = {"a2b_hex": "hexstr", "unhexlify": "hexstr"}
    for name in FUNCS:
        base = args_for[name]
        first = first_param.get(name, "data")
        yield name, (), {}
        yield name, base + (0,) * 1, {}
        yield name, base + (0,) * 2, {}
        yield name, base + (0,) * 3, {}
        yield name, base + (0,) * 6, {}
        yield name, base, {"nope": 1}
        yield name, base, {"nope": 1, "other": 2}
        yield name, (), {first: base[0]}
        yield name, base, {first: base[0]}
        yield name, base[1:], {first: base[0]}
        yield name, base, {"crc": 0}
        yield name, (), {"nope": 1}
        for opt, _ in BOOL_OPTIONS.get(name, []):
            yield name, (), {opt: True}
            yield name, base, {opt: True, "nope": 1}
            yield name, (*base, True), {opt: True}
        yield name, base, {"sep": ":"}
        yield name, base, {"header": 1}
        yield name, base, {"backtick": 1}
        yield name, base, {"newline": 1}
        yield name, base, {"strict_mode": 1}
    # keyword names: not interned, str subclasses, non-ASCII, surrogates
    for name in FUNCS:
        base = args_for[name]
        for opt, _ in BOOL_OPTIONS.get(name, []) + (
                [("sep", 0), ("bytes_per_sep", 0)] if name in ("b2a_hex", "hexlify") else []):
            value = ":" if opt == "sep" else 1
            yield name, base, {"".join(list(opt)): value}
            yield name, base, {StrSub(opt): value}
            yield name, base, {opt + "\udc80": value}
        yield name, base, {"é": 1}
        yield name, base, {"\udc80": 1}
        yield name, base, {"x" * 300: 1}
        yield name, base, {"\u20ac" * 100: 1}
        yield name, (), {"".join(list("data")): base[0]}
    yield "crc32", (b"a", 0), {"crc": 0}
    yield "crc_hqx", (b"a",), {"crc": 0}
    yield "crc_hqx", (), {"data": b"a", "crc": 0}
    for name in ("b2a_hex", "hexlify"):
        yield name, (b"a", ":"), {"sep": ":"}
        yield name, (b"a", ":", 1), {"bytes_per_sep": 1}
        yield name, (b"a", ":", 1, 2), {}
        yield name, (), {"sep": ":"}
    yield "b2a_qp", (b"a", 1), {"quotetabs": 1}
    yield "b2a_qp", (b"a", 1, 1), {"istext": 1}
    yield "b2a_qp", (b"a", 1, 1, 1), {"header": 1}
    yield "b2a_qp", (), {"quotetabs": 1}
    yield "a2b_qp", (b"a", 1), {"header": 1}
    # corner cases of each codec
    for s in [b"", b"=", b"==", b"a", b"ab", b"abc", b"abcd", b"ab==", b"ab=", b"ab===", b"abcd=",
              b"abcd==", b"a=b=", b"ab==cd", b"ab=c", b"!abcd", b"ab\ncd", b"YWJj\n", b"=abc",
              b"abcde", b"abcdefghi", b"YQ", b"YQ=", b"YQ==", b"YQ===", b"YQ==\n", b"YQ= =",
              b"Y Q = =", b"YWI=", b"YWI", b"YWI==", b"YW=I", b"A===", b"AA==AA==", b"\n",
              b"YWJj\x00", b"YWJj\x80", b"-_-_", b"+/+/", b"YQ==YQ", b"====", b"a===",
              b"YWJjZA==", b"YWJjZA=", b"YWJjZA", b"YWJjZ", b"YWJjZ===", b"\xffYWJj"]:
        yield "a2b_base64", (s,), {}
        yield "a2b_base64", (s,), {"strict_mode": True}
        yield "a2b_base64", (s.decode("latin-1"),), {}
    for s in [b"", b" ", b"!", b"`", b"!!", b"#86)C", b"#86)C\n", b"#86)C\r\n", b"M" + b"A" * 60,
              b"\x7f", b"!   ", b"%    xx", b"$    yy\n", b"#86)", b"#86", b"#8", b"#",
              b"#86)C  \n", b"#86)C``\n", b"#86)Cx\n", b"#86)C!", b"\x60\n", b" \n", b"a", b"~~~",
              b"#86)C\x00", b"#86)\x00", b"!\x00\x00", b"!``", b"\"`  ", b"#86)C\n\n",
              b"M" + b"`" * 60 + b"\n", b"N" + b"A" * 62, b"!a", b"!\xff", b"\xff", b"#86)c"]:
        yield "a2b_uu", (s,), {}
    for n in (0, 1, 44, 45, 46, 100):
        yield "b2a_uu", (b"x" * n,), {}
        yield "b2a_uu", (b"\x00" * n,), {"backtick": True}
    for s in [b"", b"0", b"00", b"000", b"0g", b"g0", b"AbCdEf", b"abcdef0123456789", b" 00",
              b"00 ", b"0\x00", b"\xff\xff", b"1234567", b"12345678"]:
        yield "a2b_hex", (s,), {}
        yield "unhexlify", (s.decode("latin-1"),), {}
    for s in [b"", b"=", b"==", b"=4", b"=41", b"=4g", b"=g4", b"=\n", b"=\r\n", b"= \n", b"=\r",
              b"a=\nb", b"_", b"a_b", b"=5F", b"=5f", b"=a1", b"=A1=", b"foo=\r\nbar", b"\r\n",
              b"a \r\n", b"a\t\n", b"=0D=0A", b"==41", b"x=", b"x==", b"=4=41", b"\x00=00\xff",
              b"line1\nline2\r\nline3\rline4", b"a" * 80 + b"=\n" + b"b" * 10]:
        yield "a2b_qp", (s,), {}
        yield "a2b_qp", (s,), {"header": True}
    for s in [b"", b".", b".\n", b"a\n.", b"a\n.\nb", b"\n.\r\n", b".a", b" ", b"\t", b" \n",
              b"\t\n", b"a \r\nb", b"a\rb", b"a\r", b"\r", b"\n", b"\r\n", b"\n\r", b"=", b"_",
              b"a_b c", b"\x00\x7f\x80\xff", b"a" * 75, b"a" * 76, b"a" * 77, b"a" * 76 + b"\n",
              b"a" * 75 + b"=", b"a" * 74 + b"==", b"a" * 75 + b" ", b"a" * 75 + b" \n",
              b"a" * 74 + b"\xff", b"a" * 200, b"a" * 75 + b"\r\n", b"a\r\nb\nc", b"a\nb\r\nc",
              b"From x", b"\nFrom x", b"a" * 73 + b"\t\t\t\t"]:
        for quotetabs in (False, True):
            for istext in (False, True):
                for header in (False, True):
                    yield "b2a_qp", (s, quotetabs, istext, header), {}


def meddling_calls():
    yield from _meddling_calls(Meddler, "empties it")
    yield from _meddling_calls(Rewriter, "rewrites it")


def _meddling_calls(meddler, does):
    def linked(name, data, build):
        def make():
            victim = bytearray(data)
            args, kwargs = build(victim, lambda value: meddler(victim, value))
            return args, kwargs, [(_resize_check, victim)]
        label = build("<bytearray>", lambda value: f"<{does}, then {value!r}>")
        return name, Linked(f"{label[0]} {label[1]}".replace("'", ""), make), {}

    for data in (b"YWJj", b"616263", b"abc=41\n"):
        for value in (0, 1, 2):
            yield linked("b2a_uu", data, lambda v, m: ((v,), {"backtick": m(value)}))
            yield linked("b2a_base64", data, lambda v, m: ((v,), {"newline": m(value)}))
            yield linked("a2b_base64", data, lambda v, m: ((v,), {"strict_mode": m(value)}))
            yield linked("a2b_qp", data, lambda v, m: ((v, m(value)), {}))
            yield linked("a2b_qp", data, lambda v, m: ((v,), {"header": m(value)}))
            yield linked("b2a_qp", data, lambda v, m: ((v, m(value)), {}))
            yield linked("b2a_qp", data, lambda v, m: ((v, False, m(value)), {}))
            yield linked("b2a_qp", data, lambda v, m: ((v,), {"header": m(value)}))
            yield linked("crc32", data, lambda v, m: ((v, m(value)), {}))
            yield linked("crc_hqx", data, lambda v, m: ((v, m(value)), {}))
            for name in ("b2a_hex", "hexlify"):
                yield linked(name, data, lambda v, m: ((v, "-", m(value)), {}))
                yield linked(name, data, lambda v, m: ((v, m(value)), {}))
                yield linked(name, data, lambda v, m: ((v,), {"sep": m(value), "bytes_per_sep": 1}))
                yield linked(name, data, lambda v, m: ((v,), {"bytes_per_sep": m(value), "sep": ":"}))


def exhaustive_calls(max_len):
    """Every short input over small alphabets that hit each codec's state
    machine (padding, soft line breaks, line length counters, ...)."""
    import itertools

    def strings(alphabet, longest):
        for n in range(longest + 1):
            for t in itertools.product(alphabet, repeat=n):
                yield bytes(t)

    for s in strings(b"A/=\n!", max_len + 1):
        yield "a2b_base64", (s,), {}
        yield "a2b_base64", (s,), {"strict_mode": True}
    for s in strings(b"=A0g\n\r _", max_len):
        yield "a2b_qp", (s,), {}
        yield "a2b_qp", (s,), {"header": True}
    for s in strings(b"a \t\n\r.=\xff", max_len - 1):
        for flags in itertools.product((False, True), repeat=3):
            yield "b2a_qp", (s, *flags), {}
    for s in strings(b" !#A`\na", max_len):
        yield "a2b_uu", (s,), {}
    for s in strings(b"0aF g", max_len):
        yield "a2b_hex", (s,), {}
    for s in strings(b"\x00\x01\xfe\xff", max_len):
        yield "b2a_base64", (s,), {"newline": False}
        yield "b2a_uu", (s,), {"backtick": True}
        yield "crc_hqx", (s, 0xFFFF), {}
        yield "crc32", (s, 0xFFFFFFFF), {}
        for per in (1, -1, 2, -2):
            yield "b2a_hex", (s, ":", per), {}


# Block sizes of the vector kernels (binascii-core/src/simd): SSSE3 and NEON
# work on 16-byte registers (NEON's base64 on 48 bytes in, 64 out), AVX2 on
# 32 (24 bytes in per base64 step), AVX-512 on 64 (48 bytes in to encode,
# 128 hex digits in to unhexlify); the lengths cover every boundary.
VECTOR_LENGTHS = sorted({*range(0, 160), *(b + d for b in (192, 256, 384, 512, 1024, 4096)
                                           for d in range(-5, 6))})
# Bytes that stop a kernel: junk the non-strict decoder skips, the pad, and
# bytes next to the alphabet's ranges.
BAD_BYTES = b"\n\r \t!=-_.:@[`{\x00\x7f\x80\xff"


def vector_calls(c, seed=7):
    """Inputs shaped to hit every vector path and every way out of it:
    lengths around each block size, a bad byte at every offset of the
    first blocks, padding at every position, newlines at every stride,
    every one-byte flaw of 64- and 76-column lines (the line decoder's
    layout); crc32 at every length up to 4 KiB and chained (`c`, the C
    module, gives the first part's CRC)."""
    rng = random.Random(seed)
    data = rng.randbytes(4200)
    b64 = base64.b64encode(data)
    hexed = data.hex().encode()
    crc_data = rng.randbytes(4096 + 64)
    for n in range(4097):
        at = n % 64  # every alignment of a 64-byte block
        start = (() if n % 3 == 0 else (0xFFFFFFFF,) if n % 3 == 1 else (rng.randrange(2**32),))
        yield "crc32", (crc_data[at:at + n], *start), {}
        # chained: crc32(b, crc32(a)) with the cut at n
        yield "crc32", (crc_data[n:4096], c.crc32(crc_data[:n])), {}
    for n in VECTOR_LENGTHS:
        yield "b2a_base64", (data[:n],), {}
        yield "b2a_base64", (data[:n],), {"newline": False}
        yield "hexlify", (data[:n],), {}
        yield "unhexlify", (hexed[:2 * n],), {}
        yield "a2b_hex", (hexed[:2 * n].upper(),), {}
        yield "unhexlify", (hexed[:n],), {}  # odd lengths too
        for strict in (False, True):
            yield "a2b_base64", (b64[:n],), {"strict_mode": strict}
    clean = b64[:200]
    for offset in range(len(clean)):
        for bad in BAD_BYTES:
            text = clean[:offset] + bytes([bad]) + clean[offset + 1:]
            for strict in (False, True):
                yield "a2b_base64", (text,), {"strict_mode": strict}
        # one or two pads at every position, with data after them or not
        for pads in (b"=", b"=="):
            for strict in (False, True):
                yield "a2b_base64", (clean[:offset] + pads,), {"strict_mode": strict}
                yield "a2b_base64", (clean[:offset] + pads + clean[offset:],),\
                    {"strict_mode": strict}
    hex_clean = hexed[:300]  # past AVX-512's first 128-digit block
    for offset in range(len(hex_clean)):
        for bad in b"g G/:@`\x00\xff":
            yield "unhexlify", (hex_clean[:offset] + bytes([bad]) + hex_clean[offset + 1:],), {}
    for stride in range(1, 81):
        for sep in (b"\n", b"\r\n", b" "):
            text = sep.join(b64[i:i + stride] for i in range(0, 1200, stride))
            for strict in (False, True):
                yield "a2b_base64", (text,), {"strict_mode": strict}
                yield "a2b_base64", (text + b"=",), {"strict_mode": strict}
    for width, eol in ((76, b"\n"), (76, b"\r\n"), (64, b"\n")):
        for text in line_mutations(b64[:1216], width, eol):
            yield "a2b_base64", (text,), {}
    for _ in range(2000):  # sparse junk in long input
        text = bytearray(b64[:rng.randrange(64, 2048)])
        for _ in range(rng.randrange(0, 4)):
            text[rng.randrange(len(text))] = rng.choice(BAD_BYTES + b"A/+z9")
        yield "a2b_base64", (bytes(text),), {"strict_mode": rng.random() < 0.5}


# Flaws for line-wrapped base64: line ends out of place, a pad, junk, a
# character too many.
LINE_FLAWS = b"\n\r= A\x80\x00"


def line_mutations(b64, width, eol):
    """Lines of `width` characters ended by `eol` (as base64.encodebytes and
    MIME write them; the line decoder's layout), then every one-byte flaw:
    at each place the text cut, a byte deleted, each flaw inserted and put
    in place of the byte. 1216 characters: the 19 blocks of 64 over which
    the line ends of 76-character lines come back to the same place."""
    text = eol.join(b64[i:i + width] for i in range(0, len(b64), width)) + eol
    yield text
    for at in range(len(text) + 1):
        yield text[:at]
        if at < len(text):
            yield text[:at] + text[at + 1:]
        for c in LINE_FLAWS:
            yield text[:at] + bytes([c]) + text[at:]
            if at < len(text):
                yield text[:at] + bytes([c]) + text[at + 1:]


def random_text(rng, n, alphabet):
    return bytes(rng.choice(alphabet) for _ in range(n))


def random_size(rng):
    r = rng.random()
    if r < 0.6:
        return rng.randrange(0, 20)
    if r < 0.9:
        return rng.randrange(0, 200)
    if r < 0.98:
        return rng.randrange(0, 5000)
    return rng.randrange(0, 200000)


def wrap(rng, data):
    """Mostly bytes; sometimes another bytes-like or str form."""
    if rng.random() < 0.7:
        return data
    return rng.choice(data_kinds(data, every=False))


def mutate(rng, data, alphabet):
    data = bytearray(data)
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        op = rng.randrange(5)
        pos = rng.randrange(len(data) + 1)
        if op == 0 and data:
            del data[min(pos, len(data) - 1)]
        elif op == 1:
            data[pos:pos] = bytes([rng.choice(alphabet)])
        elif op == 2 and data:
            data[min(pos, len(data) - 1)] = rng.choice(alphabet)
        elif op == 3:
            data = data[:pos]
        else:
            data[pos:pos] = bytes([rng.randrange(256)])
    return bytes(data)


B64_NOISE = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/====\n\r \t-_.!\x00\x80\xff"
QP_TEXT = (b"abcdefghij ABC.,_=\t\t  \n\n\r\n\r" + bytes(range(0xc0, 0xc8)) + b"\x00\x7f\xff"
           + b"x" * 30)
QP_ENC = b"=0123456789ABCDEFabcdefgxyz_ \t\r\n.=\n=\r\n"
UU_NOISE = bytes(range(0x20, 0x61)) + b"\n\r\t\x00\x7f\xff`a"
HEX_NOISE = b"0123456789abcdefABCDEFgG \n\x00\xff"


def random_calls(rng, c, count):
    """`count` random calls; `c` (the C module) only makes valid encodings to mutate."""
    kinds = ["a2b_base64", "b2a_base64", "a2b_hex", "b2a_hex", "crc32", "crc_hqx",
             "a2b_uu", "b2a_uu", "a2b_qp", "b2a_qp"]
    for _ in range(count):
        kind = rng.choice(kinds)
        data = rng.randbytes(random_size(rng))
        if kind == "a2b_base64":
            s = c.b2a_base64(data[:rng.randrange(len(data) + 1)], newline=rng.random() < 0.5)
            if rng.random() < 0.4:  # line-wrapped, as MIME does
                s = b"\n".join(s[i:i + 76] for i in range(0, len(s), 76))
            if rng.random() < 0.6:
                s = mutate(rng, s, B64_NOISE)
            kw = rng.choice([{}, {"strict_mode": True}, {"strict_mode": False}])
            yield "a2b_base64", (wrap(rng, s),), kw
        elif kind == "b2a_base64":
            kw = rng.choice([{}, {"newline": False}, {"newline": True}])
            yield "b2a_base64", (wrap(rng, data),), kw
        elif kind == "a2b_hex":
            s = c.b2a_hex(data[:rng.randrange(len(data) + 1)])
            if rng.random() < 0.3:
                s = s.upper()
            if rng.random() < 0.4:
                s = mutate(rng, s, HEX_NOISE)
            yield rng.choice(["a2b_hex", "unhexlify"]), (wrap(rng, s),), {}
        elif kind == "b2a_hex":
            name = rng.choice(["b2a_hex", "hexlify"])
            r = rng.random()
            if r < 0.3:
                yield name, (wrap(rng, data),), {}
            else:
                sep = rng.choice(["-", ":", b"_", b" ", "ab", "", "\u20ac"])
                per = rng.choice([1, -1, 2, -2, 3, -3, 4, -4, 7, 0, len(data), -len(data),
                                  len(data) + 1])
                if r < 0.6:
                    yield name, (wrap(rng, data), sep, per), {}
                else:
                    yield name, (wrap(rng, data),), {"sep": sep, "bytes_per_sep": per}
        elif kind == "crc32":
            crc = rng.choice([0, rng.randrange(2**32), rng.randrange(-2**40, 2**40),
                              rng.randrange(2**200)])
            args = (wrap(rng, data), crc) if rng.random() < 0.7 else (wrap(rng, data),)
            yield "crc32", args, {}
        elif kind == "crc_hqx":
            crc = rng.choice([0, rng.randrange(2**16), rng.randrange(2**32),
                              rng.randrange(-2**40, 2**40)])
            yield "crc_hqx", (wrap(rng, data), crc), {}
        elif kind == "a2b_uu":
            chunk = data[:rng.randrange(47)]
            s = c.b2a_uu(chunk[:45], backtick=rng.random() < 0.3)
            r = rng.random()
            if r < 0.3:
                s = mutate(rng, s, UU_NOISE)
            elif r < 0.4:
                s = s.rstrip(b"\n") + bytes(rng.choice(b" `\t\n\r\x00a") for _ in range(rng.randrange(4)))
            elif r < 0.5:
                s = random_text(rng, rng.randrange(70), UU_NOISE)
            yield "a2b_uu", (wrap(rng, s),), {}
        elif kind == "b2a_uu":
            kw = rng.choice([{}, {"backtick": True}, {"backtick": False}])
            yield "b2a_uu", (wrap(rng, data[:rng.randrange(48)]),), kw
        elif kind == "a2b_qp":
            text = random_text(rng, min(len(data), 400), QP_TEXT)
            if rng.random() < 0.6:
                s = c.b2a_qp(text, rng.random() < 0.5, rng.random() < 0.7, rng.random() < 0.3)
                if rng.random() < 0.5:
                    s = mutate(rng, s, QP_ENC)
            else:
                s = random_text(rng, rng.randrange(100), QP_ENC + b"abc")
            args = (wrap(rng, s),)
            r = rng.random()
            yield "a2b_qp", args + ((True,) if r < 0.2 else ()), (
                {"header": rng.random() < 0.5} if r > 0.7 else {})
        else:
            n = min(len(data), rng.choice([10, 80, 160, 400]))
            text = random_text(rng, n, QP_TEXT)
            if rng.random() < 0.3:  # lines right around the 76 limit
                text = b"".join(random_text(rng, rng.randrange(72, 80), b"ab =\t.") + rng.choice(
                    [b"\n", b"\r\n", b" \n", b"\t\r\n", b"=\n"]) for _ in range(3))
            flags = tuple(rng.random() < 0.5 for _ in range(3))
            if rng.random() < 0.5:
                yield "b2a_qp", (wrap(rng, text), *flags), {}
            else:
                yield "b2a_qp", (wrap(rng, text),), dict(zip(("quotetabs", "istext", "header"), flags))


# ----------------------------------------------------------------- comparison

def exc_name(module, cls):
    for attr in ("Error", "Incomplete"):
        if cls is getattr(module, attr, None):
            return f"binascii.{attr}"
    return f"{cls.__module__}.{cls.__qualname__}"


def describe_exc(module, e):
    d = (exc_name(module, type(e)), str(e), repr(e.args))
    if e.__cause__ is not None:
        d += ("cause", exc_name(module, type(e.__cause__)), str(e.__cause__))
    if e.__context__ is not None and not e.__suppress_context__:
        d += ("context", exc_name(module, type(e.__context__)), str(e.__context__))
    return d


def materialize(value):
    return value.make() if isinstance(value, Fresh) else value


def outcome(module, name, args, kwargs):
    """What calling module.name(*args, **kwargs) does, as a comparable tuple."""
    checks = []
    if isinstance(args, Linked):
        real_args, real_kwargs, checks = args.make()
        real_args = list(real_args)
        args, kwargs = (), {}
    else:
        real_args = [materialize(a) for a in args]
        real_kwargs = {k: materialize(v) for k, v in kwargs.items()}
    plain = [a for a in real_args + list(real_kwargs.values())]
    before = [sys.getrefcount(a) for a in plain] if HAS_REFCOUNT else []
    result_id = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = getattr(module, name)(*real_args, **real_kwargs)
        except Exception as e:  # noqa: BLE001 - every exception is compared
            what = ("raises",) + describe_exc(module, e)
            del e
        else:
            # a cached object (e.g. the one-byte bytes singletons) or a new one
            shared = CHECK_IDENTITY and sys.getrefcount(result) > FRESH_REFCOUNT
            result_id = id(result)  # `what` keeps it alive: the id stays unique
            what = ("returns", type(result).__name__, result)
            if shared:
                what += ("shared (cached) object",)
            del result, shared  # (`shared` would hold a reference to True)
    what += tuple((w.category.__name__, str(w.message)) for w in caught)
    if HAS_REFCOUNT:
        # (an argument returned as the result has one more reference, held by
        # `what`: that is the identity check's business, not a leak)
        after = [sys.getrefcount(a) - (id(a) == result_id and _counts_references(a))
                 for a in plain]
        deltas = [b - a for a, b in zip(before, after)]
        if any(deltas):
            what += ("refcount deltas", tuple(deltas))
    if TOTAL_REFCOUNT and not checks:  # debug build: does a repeated call leave references behind?
        delta = leak_delta(getattr(module, name), real_args, real_kwargs)
        if delta:
            what += ("total refcount delta per call", delta)
    for spec, obj in zip(list(args) + list(kwargs.values()),
                         real_args + list(real_kwargs.values())):
        if isinstance(spec, Fresh) and spec.check:
            checks.append((spec.check, obj))
    for check, obj in checks:
        problem = check(obj)
        if problem:
            what += (f"after the call: {problem}",)
    return what


def show(what):
    if what[0] == "returns":
        return f"returns {what[1]} {short(repr(what[2]), 200)}" + (
            f" {what[3:]}" if len(what) > 3 else "")
    return "raises " + short(" | ".join(map(str, what[1:])), 300)


def call_text(name, args, kwargs):
    if isinstance(args, Linked):
        return f"{name}({args!r})"
    return f"{name}(" + short(", ".join([repr(a) for a in args] +
                                        [f"{k}={v!r}" for k, v in kwargs.items()]), 200) + ")"


def compare_calls(c, rust, calls, report, stats=None, verbose=False):
    count = 0
    for name, args, kwargs in calls:
        count += 1
        if verbose:  # to find the call that crashes the interpreter
            print(f"call {count}: {call_text(name, args, kwargs)}", flush=True)
        # a built-in C module under another name says so in its messages
        want = renamed(outcome(c, name, args, kwargs), c.__name__, "binascii")
        got = outcome(rust, name, args, kwargs)
        if stats is not None:
            key = (name, want[0]) + ((want[1], want[2][:60]) if want[0] == "raises" else ())
            stats[key] = stats.get(key, 0) + 1
        if want != got:
            report(call_text(name, args, kwargs), f"C: {show(want)}", f"Rust: {show(got)}")
    return count


def describe_attr(obj, attr):
    try:
        return ("value", getattr(obj, attr))
    except Exception as e:  # noqa: BLE001
        return ("raises", type(e).__name__, str(e))


def signature_of(func):
    try:
        return str(inspect.signature(func))
    except Exception as e:  # noqa: BLE001
        return f"{type(e).__name__}: {e}"


def class_shape(module, cls):
    return {
        "__name__": cls.__name__,
        "__qualname__": cls.__qualname__,
        "__module__": cls.__module__,
        "__doc__": cls.__doc__,
        "__mro__": [exc_name(module, k) for k in cls.__mro__],
        "subclass of ValueError": issubclass(cls, ValueError),
        "subclass of Exception": issubclass(cls, Exception),
        "vars": sorted(vars(cls)),
        "__flags__": cls.__flags__,
        "repr": repr(cls),
        "str(instance)": str(cls("x", 1)),
        "other class relation": (issubclass(cls, module.Error), issubclass(cls, module.Incomplete)),
    }


def subinterpreter_import(path):
    """Can the module be imported in an isolated subinterpreter (own GIL)?"""
    try:
        import _interpreters as interpreters  # 3.13
    except ImportError:
        return "no _interpreters module"
    if path is None:
        code = "import binascii; assert binascii.a2b_hex(b'41') == b'A'"
    elif path.startswith(BUILTIN):
        code = f"import {path[len(BUILTIN):]} as mod; assert mod.a2b_hex(b'41') == b'A'"
    else:
        code = ("import importlib.machinery as m, importlib.util as u\n"
                f"l = m.ExtensionFileLoader('binascii', {str(path)!r})\n"
                f"s = u.spec_from_file_location('binascii', {str(path)!r}, loader=l)\n"
                "mod = u.module_from_spec(s); s.loader.exec_module(mod)\n"
                "assert mod.a2b_hex(b'41') == b'A'")
    interp = interpreters.create()
    try:
        err = interpreters.run_string(interp, code)
    except Exception as e:  # noqa: BLE001
        return f"{type(e).__name__}: {e}"
    finally:
        interpreters.destroy(interp)
    if err is None:
        return "ok"
    return f"{getattr(err, 'type', err)}: {getattr(err, 'msg', '')}"


def compare_module(c, rust, c_path, report, gil_after_rust_import):
    # A built-in C module has its own name where the Rust one says binascii.
    c_name = c.__name__

    def same(what, a, b):
        a = renamed(a, c_name, "binascii")
        if a != b:
            report(what, f"C: {short(repr(a), 400)}", f"Rust: {short(repr(b), 400)}")

    skip = {"__file__", "__loader__", "__spec__"}
    same("dir(binascii)", sorted(set(dir(c)) - skip), sorted(set(dir(rust)) - skip))
    for attr in ("__doc__", "__name__", "__package__"):
        same(f"binascii.{attr}", describe_attr(c, attr), describe_attr(rust, attr))
    same("type(binascii)", type(c).__name__, type(rust).__name__)
    for name in sorted(set(dir(c)) - skip):
        if name.startswith("__"):
            continue
        a, b = getattr(c, name), getattr(rust, name, None)
        same(f"type(binascii.{name})", type(a).__name__, type(b).__name__)
        if callable(a) and not isinstance(a, type):
            for attr in ("__doc__", "__text_signature__", "__name__", "__qualname__",
                         "__module__"):
                same(f"binascii.{name}.{attr}", describe_attr(a, attr), describe_attr(b, attr))
            same(f"inspect.signature(binascii.{name})", signature_of(a), signature_of(b))
            same(f"binascii.{name}.__self__ is the module", getattr(a, "__self__", None) is c,
                 getattr(b, "__self__", None) is rust)
            same(f"repr(binascii.{name})", repr(a), repr(b))
    for name in ("Error", "Incomplete"):
        if hasattr(c, name) and hasattr(rust, name):
            shape_c, shape_r = class_shape(c, getattr(c, name)), class_shape(rust, getattr(rust, name))
            for key in shape_c:
                same(f"binascii.{name} {key}", shape_c[key], shape_r[key])
    # aliases are the same objects in C? (hexlify is a separate function object)
    for a, b in (("hexlify", "b2a_hex"), ("unhexlify", "a2b_hex")):
        same(f"binascii.{a} is binascii.{b}", getattr(c, a) is getattr(c, b),
             getattr(rust, a) is getattr(rust, b))
    if hasattr(sys, "_is_gil_enabled"):
        gil_after_c = sys._is_gil_enabled()
        same("GIL still disabled after import (free-threaded build)",
             gil_after_c, gil_after_rust_import)
    if sys.version_info >= (3, 13):
        same("import in an isolated subinterpreter", subinterpreter_import(c_path),
             subinterpreter_import(None))
    same("binascii.__dict__ order", [k for k in vars(c) if k not in skip],
         [k for k in vars(rust) if k not in skip])
    same("gc.get_referents(binascii)", gc_referents(c), gc_referents(rust))
    same("gc.is_tracked(binascii)", gc.is_tracked(c), gc.is_tracked(rust))
    for name in FUNCS:
        a, b = getattr(c, name, None), getattr(rust, name, None)
        if a is not None and b is not None:
            same(f"binascii.{name}.__reduce__()", describe_call(a.__reduce__),
                 describe_call(b.__reduce__))
            same(f"gc.get_referents(binascii.{name})", gc_referents(a), gc_referents(b))
    # a second instance (multi-phase init): its own state, freed with it
    rust_file = getattr(rust, "__file__", None)
    if rust_file and rust_file.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)):
        same("second instance of the module", second_instance(c_path),
             second_instance(rust_file))
    return 0


def renamed(value, old, new):
    """`value` (strings, in tuples, lists and dicts) with the module name
    `old`, as a whole string or before a dot ("old.a2b_uu() takes ..."),
    replaced by `new`."""
    if old == new:
        return value
    if isinstance(value, str):
        return new if value == old else value.replace(old + ".", new + ".")
    if isinstance(value, (tuple, list)):
        return type(value)(renamed(v, old, new) for v in value)
    if isinstance(value, dict):
        return {renamed(k, old, new): renamed(v, old, new) for k, v in value.items()}
    return value


def gc_referents(obj):
    return sorted(type(o).__name__ + (f":{o.__qualname__}" if isinstance(o, type) else "")
                  for o in gc.get_referents(obj))


def describe_call(func):
    try:
        return ("returns", func())
    except Exception as e:  # noqa: BLE001
        return ("raises", type(e).__name__, str(e))


def second_instance(path):
    """Loads the module again: are its classes its own, used by its functions,
    and freed with it?"""
    import weakref
    first = load_c_module(path)
    again = load_c_module(path)
    facts = {"own Error": again.Error is not first.Error,
             "own Incomplete": again.Incomplete is not first.Incomplete}
    try:
        again.a2b_hex(b"0")
    except Exception as e:  # noqa: BLE001
        facts["raises its own Error"] = type(e) is again.Error
        del e
    refs = [weakref.ref(again), weakref.ref(again.Error), weakref.ref(again.Incomplete)]
    del again, first
    gc.collect()
    facts["module, Error, Incomplete freed with it"] = [r() is None for r in refs]
    return facts


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    c_source = parser.add_mutually_exclusive_group(required=True)
    c_source.add_argument("--c-module", help="the C binascii shared object")
    c_source.add_argument("--c-builtin", metavar="NAME",
                          help="the C binascii built into the interpreter as NAME")
    parser.add_argument("--cases", type=int, default=5000, help="random calls (default 5000)")
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--exhaustive", type=int, default=0, metavar="LEN",
                        help="also every input up to about LEN bytes over small alphabets "
                             "(5: ~100000 calls)")
    parser.add_argument("--vector", action="store_true",
                        help="also inputs shaped for the vector kernels' blocks")
    parser.add_argument("--max-show", type=int, default=200,
                        help="print at most this many differences (all are counted)")
    parser.add_argument("--module", help="compare this binascii file instead of the "
                        "interpreter's (a .so, or a .py file for checking this script)")
    parser.add_argument("--no-identity", action="store_true",
                        help="do not compare whether a result is a cached object (like C's "
                             "one-byte bytes singletons) or a new one")
    parser.add_argument("--verbose", action="store_true",
                        help="print each call before making it (to find a crash)")
    parser.add_argument("--stats", action="store_true",
                        help="print how often each function returned or raised what")
    parser.add_argument("--cases-file", default=regression_cases.DEFAULT,
                        help="kept regression cases to replay (default: %(default)s)")
    parser.add_argument("--allow-same", action="store_true",
                        help="do not refuse when the interpreter's binascii is the C module given "
                             "(for checking this script: C against C must give no difference)")
    args = parser.parse_args(argv)

    with warnings.catch_warnings(record=True) as import_warnings:
        warnings.simplefilter("always")
        if args.module:
            rust = load_c_module(args.module) if not args.module.endswith(".py") else \
                _load_source(args.module)
        else:
            import binascii as rust
    gil_after_rust_import = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else None
    with warnings.catch_warnings(record=True) as c_warnings:
        warnings.simplefilter("always")
        if args.c_builtin:
            c = load_c_builtin(args.c_builtin)
            args.c_module = BUILTIN + args.c_builtin
        else:
            c = load_c_module(args.c_module)
    c_file = getattr(c, "__file__", None)
    same_module = (c_file is not None and getattr(rust, "__file__", None) == c_file) or \
        args.c_builtin == "binascii"
    if same_module and not args.allow_same:
        sys.exit("differential: the interpreter's binascii is the C module given")

    global CHECK_IDENTITY
    CHECK_IDENTITY = HAS_REFCOUNT and not args.no_identity
    differences = []

    def report(what, want, got):
        differences.append(what)
        if len(differences) <= args.max_show:
            print(f"DIFF {what}\n    {want}\n    {got}")

    if [str(w.message) for w in import_warnings] != [str(w.message) for w in c_warnings]:
        report("warnings on import", f"C: {[str(w.message) for w in c_warnings]}",
               f"Rust: {[str(w.message) for w in import_warnings]}")

    print(f"Python {sys.version.split()[0]} ({sys.executable})")
    print(f"Rust (interpreter's) binascii: {getattr(rust, '__file__', '(built in)')}")
    print(f"C binascii: {getattr(c, '__file__', args.c_module)}")
    compare_module(c, rust, args.c_module, report, gil_after_rust_import)
    gc.disable()  # keep reference counts steady during the calls
    try:
        stats = {} if args.stats else None
        n_fixed = compare_calls(c, rust, fixed_calls(args.cases_file), report, stats, args.verbose)
        if args.exhaustive:
            n_fixed += compare_calls(c, rust, exhaustive_calls(args.exhaustive), report,
                                     stats, args.verbose)
        if args.vector:
            n_vector = compare_calls(c, rust, vector_calls(c), report, stats, args.verbose)
            print(f"vector-shaped calls: {n_vector} "
                  f"(kernel: {os.environ.get('_PYTHON_BINASCII_KERNEL', 'the best')})")
            n_fixed += n_vector
        rng = random.Random(args.seed)
        n_random = compare_calls(c, rust, random_calls(rng, c, args.cases), report, stats,
                                 args.verbose)
    finally:
        gc.enable()
    if stats:
        for key, n in sorted(stats.items()):
            print(f"{n:6d}  {' | '.join(map(str, key))}")
    if len(differences) > args.max_show:
        print(f"... {len(differences) - args.max_show} more differences not shown")
    print(f"differential: {n_fixed + n_random} calls compared ({n_fixed} fixed, {n_random} "
          f"random, seed {args.seed}), {len(differences)} difference(s)")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
