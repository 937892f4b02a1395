"""Inputs for the `_json` differential: seeded generators of calls.

    inputs = Inputs(c_module, test_json_dir)   # the corpus: json_corpus.py
    for spec in inputs.calls(random.Random(seed), count): ...

A spec is plain JSON data (json_calls.py says how it is called), so that a
mismatch can be kept in the cases file. Kinds of inputs:

- documents, for the scanner at an index and for whole json.loads: random
  valid ones (numbers at the edges: huge ints, -0, 1e400, 1E-400; every
  escape, \\uXXXX with paired and lone surrogates, raw control characters,
  non-BMP text, duplicate keys, every JSON whitespace, NaN/Infinity), the
  same mutated (tokens such as `01`, `-`, `1.`, `.5`, `\\u12`, non-JSON
  whitespace inserted; truncated; characters flipped, deleted, repeated),
  nesting deep and beyond the recursion limit, and CPython's test
  documents; at indices in and out of range; with the decoder options
  (strict, the hooks of json_zoo.py that return or raise, a context
  lacking an attribute) and sometimes a low int max_str_digits;
- object graphs for the encoder (json_zoo nodes): scalars, subclasses,
  enums, huge ints, nan/inf, non-str keys, cycles, deep nesting,
  objects for `default`, CPython's test literals and decoded test
  documents; with every JSONEncoder option (skipkeys, ensure_ascii,
  check_circular, allow_nan, sort_keys, indent None/int/str, separators,
  default) and, rarely, wrong argument types;
- direct calls: scanstring(s, end, strict), encode_basestring_ascii(s),
  encode_basestring(s), make_scanner/make_encoder and the objects they
  make, with wrong types and argument counts too.
Everything comes from the Random given: a seed gives the same calls.
"""

import re
import struct

import json_calls
import json_corpus
import json_zoo as zoo

JSON_WS = " \t\n\r"
OTHER_WS = ["\x0b", "\x0c", "\xa0", "\u2028", "\u2029", "\ufeff", "\u3000", "\x85", "\x1c",
            "\u200b"]
NUMBERS = ["0", "-0", "1", "-1", "7", "0.0", "-0.0", "1e400", "-1e400", "1E-400", "1e-400",
           "1.5e+3", "1E+3", "2.5E-3", "1e0", "0e0", "-0E-0", "123456789012345678901234567890",
           "9007199254740993", "1.7976931348623157e308", "1.7976931348623159e308", "5e-324",
           "2e-324", "0.1", "1.0000000000000002", "1e22", "1e23", "9223372036854775807",
           "-9223372036854775808", "18446744073709551616", "3.141592653589793238462643383279",
           "0." + "0" * 400 + "1", "1" + "0" * 400 + ".0"]
BAD_NUMBERS = ["01", "00", "-01", "-", "--1", "+1", "1.", ".5", "-.5", "1e", "1e+", "1E-",
               "1.e5", "0x1F", "1_000", "-NaN", "infinity", "nan", "Inf", "-Inf", "\uff11",
               "1\uff10", "0.\uff10", "0e\uff10", "\u0663", "1e5.5", "1.5.5", "-Infinit",
               "NaNa", "tru", "nul", "fals", "truee", "1ee5", "0.e1", "2.", "-a"]
ESCAPES = ['\\"', "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0000", "\\u001f",
           "\\u0041", "\\u00e9", "\\u00E9", "\\u20AC", "\\uffff", "\\ufeff", "\\ud83d\\ude00",
           "\\uD834\\uDD1E", "\\ud800", "\\udc00", "\\udfff", "\\ud800\\u0041",
           "\\ud800\\ud800", "\\udc00\\ud800", "\\ud800x", "\\ud800\\", "\\ud800\\u",
           "\\ud800\\udbff", "\\u0000\\u0000"]
BAD_ESCAPES = ["\\x41", "\\u12", "\\u12g4", "\\U0001F600", "\\'", "\\a", "\\0", "\\u", "\\",
               "\\uD8", "\\u-123", "\\u+123", "\\u 123", "\\u\u0661\u0662\u0663\u0664"]
TEXT = ["a", "key", "Hello, World", "\u00e9t\u00e9", "\u4e2d\u6587", "\U0001f600",
        "\U0010ffff", "\ud800", "\udc00", "\ud83d\ude00", "\x7f", "\x80", "\u2028",
        "'single'", "<tag/>", "", " ", "x" * 70, "\u00ff" * 3, "\uffff"]
CONTROL = [chr(c) for c in range(32)]
KEYS = ['"a"', '"b"', '"a"', '"key"', '""', '"\\u0061"', '"\u00e9"', '"\\ud800"',
        '"\U0001f600"', '"a\\nb"', '"long key name here"']
TOKENS = ["{", "}", "[", "]", ",", ":", '"', "\\", "\\u", "\\ud800", "0", "-", ".", "e", "E",
          "+", "01", "1.", ".5", "NaN", "Infinity", "-Infinity", "null", "true", "false",
          "tru", " ", "\t", "\n", "\r", "\x00", "\x1f", "\x7f", "\u00e9", "\U0001f600",
          "\ud800", ",]", ",}", "[]", "{}", '""', '"a":', ":1", "//", "/*"] + OTHER_WS
LONG_DIGITS = re.compile(r"[0-9]{600}")
INDEXES = [0, 0, 0, 1, 2, -1, -2, 2 ** 31, 2 ** 63 - 1, 2 ** 63, -(2 ** 63), -(2 ** 63) - 1]


class Inputs:
    """Generators over a corpus (CPython's test documents and objects,
    and those documents decoded by `c`, the C module)."""

    def __init__(self, c, test_json_dir):
        self.docs, self.raw, self.objects = json_corpus.load(test_json_dir)
        self.decoded = []
        scanner = c.make_scanner(zoo.Ctx())
        for doc in self.docs:
            try:
                value, end = scanner(doc, 0)
            except Exception:  # noqa: BLE001 - not all of them are JSON
                continue
            if isinstance(value, (list, dict)):
                self.decoded.append(zoo.node_of(value))
        self.objects += self.decoded

    def calls(self, rng, count):
        for _ in range(count):
            r = rng.random()
            if r < 0.30:
                yield self.scan_call(rng)
            elif r < 0.50:
                yield self.loads_call(rng)
            elif r < 0.85:
                yield self.encode_call(rng)
            else:
                yield self.direct_call(rng)

    # ------------------------------------------------------------- decoding

    def document(self, rng):
        r = rng.random()
        if r < 0.30:
            doc = random_document(rng)
        elif r < 0.62:
            doc = mutate(rng, random_document(rng))
        elif r < 0.80 and self.docs:
            doc = rng.choice(self.docs)
            if rng.random() < 0.5:
                doc = mutate(rng, doc)
        elif r < 0.84:
            doc = deep_document(rng)
        elif r < 0.92:
            doc = number_document(rng)
        else:
            doc = edge_document(rng)
        return doc

    def scan_call(self, rng):
        doc = self.document(rng)
        if rng.random() < 0.85:  # the scanner starts at a value, not at whitespace
            doc = doc.lstrip(JSON_WS)
        spec = {"f": "scan", "doc": doc, "idx": index(rng, doc), "opts": decoder_options(rng)}
        return with_digits(rng, spec, doc)

    def loads_call(self, rng):
        if self.raw and rng.random() < 0.03:
            return {"f": "loads", "doc": {"bytes": rng.choice(self.raw).hex()}, "opts": {}}
        doc = self.document(rng)
        if rng.random() < 0.03:  # json.loads detects UTF-8/16/32 in bytes
            encoding = rng.choice(["utf-8", "utf-16", "utf-16-le", "utf-32-be", "utf-8-sig"])
            raw = doc.encode(encoding, "surrogatepass")
            return {"f": "loads", "doc": {"bytes": raw.hex()}, "opts": {}}
        opts = decoder_options(rng)
        opts.pop("missing", None)  # JSONDecoder sets every attribute
        return with_digits(rng, {"f": "loads", "doc": doc, "opts": opts}, doc)

    # ------------------------------------------------------------- encoding

    def encode_call(self, rng):
        r = rng.random()
        if r < 0.15 and self.objects:
            obj = rng.choice(self.objects)
        elif r < 0.17:
            obj = deep_node(rng)
        else:
            obj = random_node(rng, rng.choice((0, 1, 2, 3, 3, 4)))
        opts = encoder_options(rng)
        if not opts.get("check_circular", True) and (
                has_cycle(obj) or opts.get("default") in ("self", "wrap_self")):
            # with no markers, a cycle recurses to the limit, encoding again
            # all before it at each level (3.14: ~60000 levels, a note
            # each): only small ones, and rarely
            if rng.random() < (0.05 if json_calls.STACK_LIMIT else 0.2):
                obj = rng.choice(SMALL_CYCLES)
                opts.pop("indent", None)  # a string as long as the square of the depth
            else:
                del opts["check_circular"]
        if isinstance(obj, list) and obj[0] == "deep" and obj[2] > 500:
            opts.pop("indent", None)
        spec = {"f": "encode", "obj": obj, "opts": opts}
        if rng.random() < 0.05:
            spec["digits"] = rng.choice((640, 0, 4300))
        return spec

    # ------------------------------------------------------------- direct calls

    def direct_call(self, rng):
        r = rng.random()
        if r < 0.45:
            return scanstring_call(rng, self)
        if r < 0.85:
            name = rng.choice(("encode_basestring_ascii", "encode_basestring"))
            if rng.random() < 0.9:
                return {"f": "call", "name": name, "args": [random_text(rng)]}
            return {"f": "call", "name": name, **rng.choice(WRONG_ONE_ARG)}
        if r < 0.93:
            return dict(rng.choice(CONSTRUCTOR_CALLS))
        name = rng.choice(("scanner", "encoder"))
        if name == "scanner":
            args = rng.choice([[random_document(rng), rng.choice(INDEXES[:6])],
                               [["bytes", "5b315d"], 0], ["[1]"], ["[1]", 0, 1],
                               ["[1]", ["float", "0.0"]],
                               ["[1]", ["obj", "Index"]], ["[1]", ["sub", "IntSub", 0]],
                               [["sub", "StrSub", "[1, 2]"], 0], [None, 0]])
        else:
            args = rng.choice([[random_node(rng, 2), 0], [random_node(rng, 1)], [1, 0, 0],
                               [["list", []], ["float", "1.0"]], [["list", [1]], -1],
                               [["dict", [["a", 1]]], 2 ** 63]])
        return {"f": "call", "name": name, "args": args}


def with_digits(rng, spec, doc):
    """Sometimes a low (or no) limit on int digits, where long digit runs are."""
    if rng.random() < 0.1 and LONG_DIGITS.search(doc):
        spec["digits"] = rng.choice((640, 0, 4300))
    return spec


def index(rng, doc):
    r = rng.random()
    if r < 0.7:
        return 0
    if r < 0.85 and doc:
        # where a value may start: after a structural character and whitespace
        starts = [i + 1 for i, ch in enumerate(doc[:2000]) if ch in "[{,:"]
        if not starts:
            return rng.randrange(len(doc))
        start = rng.choice(starts)
        return start + len(doc[start:]) - len(doc[start:].lstrip(JSON_WS))
    if r < 0.93:
        return rng.choice((len(doc), len(doc) + 1, rng.randrange(len(doc) + 1), -len(doc) - 1))
    return rng.choice(INDEXES)


def decoder_options(rng):
    opts = {}
    if rng.random() < 0.5:
        return opts
    if rng.random() < 0.3:
        opts["strict"] = rng.choice((False, False, True, 0, 1, "", "yes", None,
                                     ["obj", "BadBool"]))
    for option, hooks in zoo.DECODER_HOOKS.items():
        if rng.random() < 0.25:
            opts[option] = rng.choice(sorted(hooks))
    if rng.random() < 0.02:
        opts["missing"] = [rng.choice(("strict", "object_hook", "object_pairs_hook",
                                       "parse_float", "parse_int", "parse_constant"))]
    if rng.random() < 0.05:
        opts["keywords"] = True
    return opts


def encoder_options(rng):
    opts = {}
    for name, default in (("skipkeys", False), ("ensure_ascii", True), ("check_circular", True),
                          ("allow_nan", True), ("sort_keys", False)):
        if rng.random() < 0.3:
            opts[name] = not default
    r = rng.random()
    # 3.11's json hands the C encoder indent=None only (it ignores another)
    if r < (0.4 if json_calls.C_ENCODER_INDENT else 0.05):
        opts["indent"] = rng.choice((0, 1, 2, 4, -1, "", "\t", "  ", "--", "\u00e9", "\n"))
    if rng.random() < 0.25:
        opts["separators"] = rng.choice(([",", ":"], [", ", ": "], [";", "="], ["", ""],
                                         ["\u00e9", "\U0001f600"], [",\n", " : "]))
    if rng.random() < 0.3:
        opts["default"] = rng.choice(sorted(zoo.DEFAULTS))
    if rng.random() < 0.05:
        opts["encoder"] = rng.choice(sorted(zoo.ENCODERS))
    if rng.random() < 0.05:
        opts["level"] = rng.choice((1, 2, 3, -1))
    if rng.random() < 0.03:
        opts["keywords"] = True
    if rng.random() < 0.02:
        opts["raw_indent"] = True
        opts["indent"] = rng.choice((2, 0, ["float", "1.5"], ["list", []], ["obj", "Opaque"]))
    if rng.random() < 0.02:
        name, value = rng.choice(WRONG_ENCODER_ARGS)
        opts["override"] = {name: value}
    if json_calls.INDENT_CACHE and opts.get("indent") is not None:
        opts.pop("level", None)  # the C module would crash
    return opts


WRONG_ENCODER_ARGS = [
    ("markers", ["list", []]), ("markers", ["dict", [], "DictSub"]), ("markers", 0),
    ("key_separator", 1), ("key_separator", ["bytes", "3a"]),
    ("key_separator", ["sub", "StrSub", "::"]),
    ("item_separator", None), ("item_separator", ["sub", "StrSub", ";"]),
    ("sort_keys", ["obj", "BadBool"]), ("skipkeys", ["obj", "BadBool"]),
    ("allow_nan", ["obj", "BadBool"]), ("sort_keys", 2), ("allow_nan", ""), ("default", None),
    ("default", 1), ("encoder", None), ("encoder", ["obj", "Opaque"]),
]
WRONG_ONE_ARG = [
    {"args": [["bytes", "6162"]]}, {"args": [1]}, {"args": [None]}, {"args": []},
    {"args": ["a", "b"]}, {"args": [["sub", "StrSub", "a\"b\u00e9"]]},
    {"args": [["sub", "StrBadLt", "x"]]}, {"kwargs": {"s": "a"}}, {"args": [["list", ["a"]]]},
    {"args": [["enum", "Shade.QUOTE"]]},
]
CONSTRUCTOR_CALLS = [
    {"f": "call", "name": "make_scanner", "args": []},
    {"f": "call", "name": "make_scanner", "args": [None]},
    {"f": "call", "name": "make_scanner", "args": [1, 2]},
    {"f": "call", "name": "make_scanner", "kwargs": {"ctx": None}},
    {"f": "call", "name": "make_scanner", "args": [["obj", "Ctx"]]},
    {"f": "call", "name": "make_scanner", "kwargs": {"context": ["obj", "Ctx"]}},
    {"f": "call", "name": "make_encoder", "args": []},
    {"f": "call", "name": "make_encoder", "args": [None, None, None, None, ":", ",", 0, 0, 0]},
    {"f": "call", "name": "make_encoder", "args": [None, None, None, None, ":", ",", 0, 0]},
    {"f": "call", "name": "make_encoder",
     "args": [["list", []], None, None, None, ":", ",", 0, 0, 0]},
    {"f": "call", "name": "make_encoder",
     "args": [None, None, None, None, 1, ",", 0, 0, 0]},
    {"f": "call", "name": "make_encoder",
     "args": [None, None, None, None, ":", ",", ["obj", "BadBool"], 0, 0]},
    {"f": "call", "name": "make_encoder",
     "kwargs": {"markers": None, "default": None, "encoder": None, "indent": None,
                "key_separator": ":", "item_separator": ",", "sort_keys": 1,
                "skipkeys": 0, "allow_nan": True}},
    {"f": "call", "name": "make_encoder",
     "kwargs": {"markers": None, "default": None, "encoder": None, "indent": None,
                "key_separator": ":", "item_separator": ",", "sort_keys": 1,
                "skipkeys": 0, "allow_nan": True, "extra": 1}},
]


# --------------------------------------------------------------- documents

def ws(rng):
    r = rng.random()
    if r < 0.6:
        return ""
    if r < 0.85:
        return " "
    return "".join(rng.choice(JSON_WS) for _ in range(rng.randrange(1, 5)))


def string_literal(rng):
    parts = []
    for _ in range(rng.choice((0, 1, 1, 2, 3, 5, 8))):
        r = rng.random()
        if r < 0.5:
            parts.append(rng.choice(TEXT))
        elif r < 0.85:
            parts.append(rng.choice(ESCAPES))
        elif r < 0.93:
            parts.append(rng.choice(CONTROL))  # only with strict=False
        else:
            parts.append(f"\\u{rng.randrange(0x10000):04{rng.choice('xX')}}")
    return '"' + "".join(parts) + '"'


def number(rng):
    r = rng.random()
    if r < 0.5:
        return rng.choice(NUMBERS)
    if r < 0.8:
        return str(rng.randrange(-10 ** rng.randrange(1, 20), 10 ** rng.randrange(1, 20)))
    mantissa = f"{rng.randrange(-999, 1000)}.{rng.randrange(1000)}"
    return mantissa + rng.choice(("", f"e{rng.randrange(-330, 330)}",
                                  f"E+{rng.randrange(400)}"))


def random_value(rng, depth):
    r = rng.random()
    if depth > 0 and r < 0.25:
        items = [random_value(rng, depth - 1) for _ in range(rng.choice((0, 1, 2, 3, 5)))]
        return "[" + ws(rng) + ("," + ws(rng)).join(v + ws(rng) for v in items) + "]"
    if depth > 0 and r < 0.5:
        pairs = [(rng.choice(KEYS) if rng.random() < 0.6 else string_literal(rng),
                  random_value(rng, depth - 1)) for _ in range(rng.choice((0, 1, 2, 3, 5)))]
        return "{" + ws(rng) + ("," + ws(rng)).join(
            k + ws(rng) + ":" + ws(rng) + v + ws(rng) for k, v in pairs) + "}"
    if r < 0.7:
        return string_literal(rng)
    if r < 0.9:
        return number(rng)
    return rng.choice(("true", "false", "null", "NaN", "Infinity", "-Infinity"))


def random_document(rng):
    return ws(rng) + random_value(rng, rng.choice((0, 1, 2, 3, 4, 5))) + ws(rng)


def mutate(rng, doc):
    """1-4 edits: tokens inserted or written over, characters changed,
    ranges deleted or repeated, the end cut off."""
    doc = list(doc)
    for _ in range(rng.choice((1, 1, 2, 3, 4))):
        pos = rng.randrange(len(doc) + 1)
        op = rng.randrange(7)
        if op == 0:
            doc[pos:pos] = rng.choice(TOKENS + BAD_NUMBERS + BAD_ESCAPES)
        elif op == 1:
            token = rng.choice(TOKENS)
            doc[pos:pos + len(token)] = token
        elif op == 2 and doc:
            doc[min(pos, len(doc) - 1)] = chr(rng.choice((rng.randrange(128),
                                                          rng.randrange(0x110000))))
        elif op == 3:
            del doc[pos:pos + rng.randrange(1, 9)]
        elif op == 4:
            doc[pos:pos] = doc[pos:pos + rng.randrange(1, 17)]
        elif op == 5:
            del doc[pos:]
        else:
            doc[pos:pos] = rng.choice(OTHER_WS)
    return "".join(doc)


def deep_document(rng):
    """Nesting near and far beyond the recursion limits (3.11: the Python
    limit, 1000; 3.13: the C limit, 10000; 3.14: the stack)."""
    if rng.random() < 0.1:  # beyond any stack's end (8 MB: 28 bytes a level; costly, so rarer)
        depth = 300_000
    else:
        depth = rng.choice((rng.randrange(1, 200), rng.randrange(950, 1010),
                            rng.randrange(9980, 10020)))
    opener, closer = rng.choice((("[", "]"), ('{"a":', "}"), ('[{"":', "}]")))
    inner = rng.choice(("1", "[]", "{}", '"x"', "", "-"))
    closing = closer * depth if rng.random() < 0.7 else closer * rng.randrange(depth)
    return opener * depth + inner + closing


def number_document(rng):
    r = rng.random()
    if r < 0.4:  # long digit runs: str-to-int limits and big floats
        digits = rng.choice((300, 639, 640, 641, 4300, 4301, 5000))
        body = rng.choice(("1", "9", "-1")) + "0" * (digits - 1)
        return body + rng.choice(("", ".5", "e5", "0e-1", ""))
    if r < 0.7:
        return ws(rng) + rng.choice(NUMBERS + BAD_NUMBERS) + ws(rng)
    items = [rng.choice(NUMBERS + BAD_NUMBERS) for _ in range(rng.randrange(1, 6))]
    return "[" + ",".join(items) + "]"


def edge_document(rng):
    value = random_value(rng, 1)
    return rng.choice(("", " ", "\ufeff" + value, value + rng.choice(OTHER_WS),
                       rng.choice(OTHER_WS) + value, value + " " + value, value + ",",
                       "".join(rng.choice(JSON_WS) for _ in range(5)) + value,
                       '"' + "".join(rng.choice(CONTROL)) + '"', value[:-1], "\x00",
                       value + "\x00", "[" + value + "]]"))


# --------------------------------------------------------------- object graphs

STRINGS = TEXT + ["", '"quoted"', "back\\slash", "\b\f\n\r\t", "\x00\x01\x1f", "\ud800\udc00",
                  "\udfff\ud800", "a\ud834", "\u0080\u00ff\u0100", "\U0001d11e" * 3, "/",
                  "</script>"]
FLOATS = ["0.0", "-0.0", "1.5", "1e+16", "1e22", "1.7976931348623157e+308", "5e-324", "nan",
          "inf", "-inf", "0.1", "0.30000000000000004", "-1e-05", "123456789.0",
          "1760184225582636.2", "9999999999999998.0", "0.0001", "2.2250738585072014e-308"]
INTS = [0, 1, -1, 2 ** 31, 2 ** 53 - 1, -(2 ** 53) + 1]
BIG_INTS = [2 ** 63, -(2 ** 63), 2 ** 64, 10 ** 100, -(10 ** 640) + 1, 10 ** 640, 10 ** 4300,
            -(10 ** 5000)]


def random_float(rng):
    """A float's repr: an edge value, a uniform one, or any bit pattern
    (every exponent and layout of repr, subnormals, dtoa's ties)."""
    r = rng.random()
    if r < 0.6:
        return rng.choice(FLOATS)
    if r < 0.8:
        return repr(rng.uniform(-1e6, 1e6))
    return repr(struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0])


def random_text(rng):
    r = rng.random()
    if r < 0.5:
        return rng.choice(STRINGS)
    if r < 0.9:
        return "".join(rng.choice(STRINGS + CONTROL) for _ in range(rng.randrange(1, 6)))
    return "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randrange(1, 20)))


def random_scalar(rng):
    r = rng.random()
    if r < 0.3:
        return random_text(rng)
    if r < 0.45:
        return rng.choice(INTS) if rng.random() < 0.5 else rng.randrange(-1000, 1000)
    if r < 0.5:
        return ["int", hex(rng.choice(BIG_INTS))]
    if r < 0.65:
        return ["float", random_float(rng)]
    if r < 0.75:
        return rng.choice((True, False, None))
    if r < 0.85:
        cls = rng.choice(zoo.SCALAR_SUBS)
        base = {"Int": rng.choice(INTS), "Flo": ["float", rng.choice(FLOATS)]}.get(
            cls[:3], random_text(rng))
        return ["sub", cls, base]
    if r < 0.93:
        return ["enum", rng.choice(("Color.RED", "Color.BIG", "Weight.LIGHT", "Weight.NAN",
                                    "Weight.INF", "Shade.DARK", "Shade.QUOTE"))]
    return rng.choice((["obj", "Opaque"], ["obj", "object"], ["set", [1, 2]], ["bytes", "00ff"],
                       ["obj", "BadBool"]))


def random_key(rng):
    r = rng.random()
    if r < 0.6:
        return rng.choice(STRINGS[:12]) if rng.random() < 0.5 else random_text(rng)
    return rng.choice((0, 1, -5, ["int", hex(2 ** 64)], ["int", hex(10 ** 700)], ["float", "1.5"],
                       ["float", "nan"], ["float", "-inf"], ["float", "-0.0"], True, False, None,
                       ["tuple", [1, 2]], ["obj", "Opaque"], ["obj", "object"],
                       ["sub", "IntSub", 3],
                       ["sub", "FloatSub", ["float", "2.5"]], ["sub", "StrSub", "k"],
                       ["sub", "StrBadLt", "s"], ["enum", "Color.RED"], ["enum", "Weight.INF"],
                       ["enum", "Shade.DARK"], ["sub", "IntBadRepr", 9]))


def random_node(rng, depth, in_container=0):
    if depth <= 0 or rng.random() < 0.3:
        if in_container and rng.random() < 0.03:
            return ["up", rng.randrange(in_container)]  # a cycle
        return random_scalar(rng)
    n = rng.choice((0, 1, 2, 3, 4, 6))
    r = rng.random()
    if r < 0.35:
        node = ["list", [random_node(rng, depth - 1, in_container + 1) for _ in range(n)]]
        if rng.random() < 0.08:
            node.append(rng.choice(zoo.LIST_SUBS))
    elif r < 0.5:
        node = ["tuple", [random_node(rng, depth - 1, in_container) for _ in range(n)]]
        if rng.random() < 0.08:
            node.append(rng.choice(zoo.TUPLE_SUBS))
    else:
        node = ["dict", [[random_key(rng), random_node(rng, depth - 1, in_container + 1)]
                         for _ in range(n)]]
        if rng.random() < 0.1:
            node.append(rng.choice(zoo.DICT_SUBS))
    return node


SMALL_CYCLES = [["list", [["up", 0]]], ["list", [1, ["up", 0]]], ["dict", [["a", ["up", 0]]]],
                ["list", [["dict", [["k", ["up", 1]]]]]], ["dict", [["a", ["tuple", [["up", 0]]]]]]]


def has_cycle(node):
    todo = [node]
    while todo:
        n = todo.pop()
        if not isinstance(n, list):
            continue
        if n[0] == "up":
            return True
        if n[0] in ("list", "tuple", "set"):
            todo.extend(n[1])
        elif n[0] == "dict":
            todo.extend(v for pair in n[1] for v in pair)
        elif n[0] in ("sub", "deep"):
            todo.append(n[-1])
    return False


def deep_node(rng):
    """Nesting near the recursion limits (3.11: 1000, 3.13: 10000), and
    far beyond them (3.14's is the stack's end: ~60000 levels of C)."""
    if rng.random() < 0.1:  # costly, so rarer
        depth = 200_000 if json_calls.STACK_LIMIT else 30_000
    else:
        depth = rng.choice((rng.randrange(1, 100), rng.randrange(1, 100),
                            rng.randrange(990, 1010), rng.randrange(9990, 10010)))
    return ["deep", rng.choice(("list", "dict", "tuple")), depth,
            rng.choice((1, "x", None, ["obj", "Opaque"], ["float", "nan"], ["list", [["up", 0]]]))]


def scanstring_call(rng, inputs):
    r = rng.random()
    if r < 0.6:
        literal = string_literal(rng)
        if rng.random() < 0.3:
            literal = mutate(rng, literal)
        prefix = rng.choice(("", "", "[", '{"k": ', "  "))
        s = prefix + literal + rng.choice(("", "", ",1]", "}", "xyz"))
        end = len(prefix) + 1 if rng.random() < 0.8 else rng.choice(
            (0, len(s), len(s) + 1, -1, rng.randrange(len(s) + 1), 2 ** 63, -(2 ** 63) - 1))
    else:
        s = inputs.document(rng)
        end = rng.randrange(len(s) + 2)
    args = [s, end]
    strict = rng.random()
    if strict < 0.3:
        args.append(rng.choice((True, False, 0, 1, 2, -1, None, "", "x",
                                ["obj", "BadBool"], ["float", "0.0"], ["list", []])))
    spec = {"f": "call", "name": "scanstring", "args": args}
    if rng.random() < 0.05:
        spec = {"f": "call", "name": "scanstring", **rng.choice([
            {"args": [["bytes", "226122"], 1]}, {"args": [None, 1]}, {"args": ['"a"']},
            {"args": ['"a"', ["float", "1.0"]]}, {"args": ['"a"', ["obj", "Index"]]},
            {"args": ['"a"', 1, True, 4]}, {"args": ['"a"', 1], "kwargs": {"strict": False}},
            {"args": [["sub", "StrSub", '"a\\n"'], 1]}, {"args": []}])}
    return spec
