"""Compares two builds of binascii (e.g. the C module and the Rust one) on
the same calls: results, exception types and messages, docstrings,
signatures.  Run it with the CPython both were built for:

    python binascii_differential.py EXPECTED.so ACTUAL.so

Prints each difference; exits 1 if there is any.
"""

import array
import importlib.machinery
import importlib.util
import random
import sys


def load(path):
    loader = importlib.machinery.ExtensionFileLoader("binascii", path)
    spec = importlib.util.spec_from_file_location("binascii", path, loader=loader)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class StrSub(str):
    pass


class BytesSub(bytes):
    pass


class Index:
    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value


class BadBool:
    def __bool__(self):
        raise ZeroDivisionError("no truth")


def inputs():
    """Data arguments: bytes-likes, str (ASCII or not), and wrong types."""
    rng = random.Random(1234)
    samples = [b"", b"a", b"ab", b"abc", b"abcd", b"\x00\xff" * 3, bytes(range(256)),
               b"hello world\n", b"=41=42\r\n", b"foo bar \t\nbaz\r\n", b"x" * 200]
    samples += [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 120)))
                for _ in range(40)]
    alphabet = b"ABCDEFabcdef0123456789+/=\n\r \t_-.!~\x80\xff"
    samples += [bytes(rng.choice(alphabet) for _ in range(rng.randrange(1, 80)))
                for _ in range(120)]
    out = []
    for s in samples:
        out.append(s)
    out += [bytearray(b"abc"), memoryview(b"abcdef"), memoryview(b"abcdef")[::2],
            array.array("I", [1, 2, 3]), BytesSub(b"QUJD"), "QUJD", "aGVsbG8=",
            "616263", StrSub("616263"), "é", "\u20ac", "", 1, None, 3.5, [1], object()]
    return out


OPTIONS = [True, False, 0, 1, 2, -1, 2**40, 1.0, "x", None, BadBool(), Index(1)]


def calls(b):
    for data in inputs():
        yield "a2b_uu", (data,), {}
        yield "b2a_uu", (data,), {}
        yield "a2b_base64", (data,), {}
        yield "a2b_base64", (data,), {"strict_mode": True}
        yield "b2a_base64", (data,), {}
        yield "a2b_hex", (data,), {}
        yield "unhexlify", (data,), {}
        yield "b2a_hex", (data,), {}
        yield "hexlify", (data,), {}
        yield "crc32", (data,), {}
        yield "crc_hqx", (data, 0), {}
        yield "a2b_qp", (data,), {}
        yield "a2b_qp", (data,), {"header": True}
        yield "b2a_qp", (data,), {}
        for quotetabs in (False, True):
            for istext in (False, True):
                for header in (False, True):
                    yield "b2a_qp", (data, quotetabs, istext, header), {}
    for opt in OPTIONS:
        yield "b2a_uu", (b"abc",), {"backtick": opt}
        yield "b2a_uu", (b"",), {"backtick": opt}
        yield "a2b_base64", (b"YWJj====",), {"strict_mode": opt}
        yield "b2a_base64", (b"abc",), {"newline": opt}
        yield "a2b_qp", (b"=41_",), {"header": opt}
        yield "b2a_qp", (b"a b\t\n",), {"quotetabs": opt}
        yield "b2a_qp", (b"a\r\nb",), {"istext": opt}
        yield "b2a_qp", (b"a_b c",), {"header": opt}
        yield "crc32", (b"abc", opt), {}
        yield "crc_hqx", (b"abc", opt), {}
        yield "b2a_hex", (b"\x01\x02\x03\x04\x05",), {"sep": "-", "bytes_per_sep": opt}
    for sep in ["-", b"_", "é", "\u20ac", "ab", b"", 1, [1], ["x"], None, StrSub(":"), b"\xff"]:
        for per in (1, 2, -2, 3, 0, 10, -10, 2**31 - 1, -2**31):
            yield "b2a_hex", (b"\x01\x02\x03\x04\x05",), {"sep": sep, "bytes_per_sep": per}
        yield "hexlify", (b"\xb9\x01\xef", sep), {}
        yield "b2a_hex", (b"", sep, 2), {}
    for crc in (0, 1, -1, 2**32, 2**64 + 5, -2**70, 0xFFFF, True, Index(3)):
        yield "crc32", (b"123456789", crc), {}
        yield "crc_hqx", (b"123456789", crc), {}
    # argument-count and keyword errors, phrased by CPython's helpers
    bad = [("b2a_uu", (), {}), ("b2a_uu", (b"a", b"b"), {}), ("b2a_uu", (), {"data": b"a"}),
           ("b2a_uu", (b"a",), {"nope": 1}), ("b2a_uu", (b"a",), {"backtick": 1, "x": 2}),
           ("a2b_base64", (b"a", 1), {}), ("a2b_base64", (), {"strict_mode": 1}),
           ("b2a_base64", (b"a",), {"data": 1}), ("crc32", (), {}), ("crc32", (1, 2, 3), {}),
           ("crc32", (b"a",), {"crc": 1}), ("crc_hqx", (b"a",), {}),
           ("b2a_hex", (), {"data": b"ab", "sep": ":"}), ("b2a_hex", (b"ab",), {"data": b"ab"}),
           ("b2a_hex", (b"a", ":", 1, 2), {}), ("hexlify", (), {}),
           ("b2a_qp", (), {"data": b"a", "header": 1}), ("b2a_qp", (b"a", 1, 1, 1, 1), {}),
           ("a2b_qp", (), {"data": b"=41"}), ("a2b_qp", (b"a",), {"header": 1, "data": 1}),
           ("a2b_hex", (), {}), ("unhexlify", (b"a", b"b"), {}), ("a2b_uu", (), {"data": b""})]
    yield from bad
    # base64 strict mode and padding corner cases
    for s in [b"", b"=", b"a", b"ab", b"abc", b"abcd", b"ab==", b"ab=", b"ab===", b"abcd=",
              b"abcd==", b"a=b=", b"ab==cd", b"ab=c", b"!abcd", b"ab\ncd", b"YWJj\n", b"=abc",
              b"abcde", b"abcdefghi"]:
        yield "a2b_base64", (s,), {}
        yield "a2b_base64", (s,), {"strict_mode": True}
    # uu corner cases
    for s in [b" ", b"!", b"`", b"#86)C", b"#86)C\n", b"M" + b"A" * 60, b"\x7f", b"!   ",
              b"%    xx", b"$    yy\n"]:
        yield "a2b_uu", (s,), {}
    yield "b2a_uu", (b"x" * 45,), {}
    yield "b2a_uu", (b"x" * 46,), {}


def outcome(module, name, args, kwargs):
    try:
        result = getattr(module, name)(*args, **kwargs)
    except BaseException as e:  # noqa: BLE001 - every exception is compared
        cls = type(e)
        return ("raises", f"{cls.__module__}.{cls.__qualname__}", str(e))
    return ("returns", type(result).__name__, result)


def compare(expected, actual):
    problems = []
    for name, args, kwargs in calls(expected):
        want = outcome(expected, name, args, kwargs)
        got = outcome(actual, name, args, kwargs)
        if want != got:
            problems.append(f"{name}{args!r:.80} {kwargs!r:.60}: expected {want!r:.200}, got {got!r:.200}")
    if dir(expected) != dir(actual):
        problems.append(f"dir: expected {dir(expected)}, got {dir(actual)}")
    for attr in ["__doc__", "__name__"]:
        if getattr(expected, attr) != getattr(actual, attr):
            problems.append(f"module {attr} differs")
    for name in dir(expected):
        e, a = getattr(expected, name), getattr(actual, name, None)
        if callable(e) and not isinstance(e, type):
            for attr in ["__doc__", "__text_signature__", "__name__", "__qualname__", "__module__"]:
                if getattr(e, attr) != getattr(a, attr, None):
                    problems.append(f"{name}.{attr}: expected {getattr(e, attr)!r}, "
                                    f"got {getattr(a, attr, None)!r}")
    for cls in ["Error", "Incomplete"]:
        e, a = getattr(expected, cls), getattr(actual, cls)
        shape = lambda c: (c.__module__, c.__qualname__, c.__doc__,  # noqa: E731
                           [b.__qualname__ for b in c.__mro__[1:]])
        if shape(e) != shape(a):
            problems.append(f"{cls}: expected {shape(e)}, got {shape(a)}")
    return problems


def main():
    expected, actual = load(sys.argv[1]), load(sys.argv[2])
    problems = compare(expected, actual)
    for p in problems:
        print(p)
    print(f"{len(problems)} difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
