"""The objects the `_json` differential builds its calls from, by name.

An input (json_inputs.py) is plain JSON data, so that a mismatch can be kept
in a cases file; it names what it needs here:

- hooks for the scanner (object_hook, object_pairs_hook, parse_float,
  parse_int, parse_constant), `default` functions and string encoders for
  the encoder: each logs its calls in LOG, so the order and arguments of
  the calls a module makes are compared too;
- classes: subclasses of int/float/str/dict/list/tuple (some overriding
  __repr__/__str__/__float__/__iter__/items), enums, objects JSON cannot
  encode, objects whose __bool__/__lt__ raise;
- object graphs, as nodes: a str, int, bool or None is itself, anything
  else a list tagged by its first item:
      ["float", "nan"]            float(...) (repr text: nan, inf, -0.0 ...)
      ["int", "0x1f"]             an int too big to keep as a JSON number
      ["list", [nodes], CLASS?]   also "tuple"; CLASS: a subclass, by name
      ["dict", [[key, value], ...], CLASS?]
      ["sub", CLASS, node]        CLASS(build(node)), e.g. IntSub(3)
      ["enum", "Color.RED"]       an enum member
      ["obj", CLASS]              CLASS()
      ["set", [nodes]]            a set (for `default`)
      ["bytes", "hex"]            bytes
      ["up", k]                   the k-th enclosing list/dict (0: innermost): a cycle
      ["deep", "list"|"dict"|"tuple", n, leaf]   n nested containers around leaf
  `build(node)` makes a fresh graph each time (calls can mutate markers).
"""

import enum
import json.decoder
import json.encoder
from decimal import Decimal

LOG = []  # (what, argument summary) of the hook/default/encoder calls of one call


class HookError(Exception):
    """Raised by the hooks that raise: the same class for both modules."""


def summary(value):
    """A cheap description of a hook's argument (the full value is the result's business)."""
    if isinstance(value, dict):
        return ("dict", len(value), tuple(repr(k) for k in list(value)[:4]))
    if isinstance(value, list):
        return ("list", len(value), tuple(repr(p[0]) if isinstance(p, tuple) and p else "?"
                                          for p in value[:4]))
    if isinstance(value, str):
        return ("str", value if len(value) < 80 else value[:60] + f"...{len(value)}")
    return (type(value).__qualname__,)


def logged(name, func):
    def hook(arg):
        LOG.append((name, summary(arg)))
        return func(arg)
    hook.__qualname__ = hook.__name__ = name
    return hook


def _raise(what):
    def fail(arg):
        raise HookError(f"{what} refused {type(arg).__name__}")
    return fail


def _raise_stop(arg):
    raise StopIteration(7)  # inside a scanner: must propagate as is


# --------------------------------------------------------------- classes

class IntSub(int):
    def __repr__(self):
        return "IntSub-repr"

    __str__ = __repr__


class IntBadRepr(int):
    def __repr__(self):
        raise HookError("IntBadRepr.__repr__")


class FloatSub(float):
    def __repr__(self):
        return "FloatSub-repr"


class FloatConv(float):
    def __float__(self):
        return 42.0

    def __repr__(self):
        return "FloatConv-repr"


class StrSub(str):
    def __str__(self):
        return "StrSub-str"

    def __repr__(self):
        return "StrSub-repr"


class StrBadLt(str):
    def __lt__(self, other):
        raise HookError("StrBadLt.__lt__")

    __gt__ = __lt__
    __hash__ = str.__hash__


class DictSub(dict):
    pass


class DictItems(dict):
    """items() in reverse: used whenever a module asks the mapping for them."""

    def items(self):
        return list(reversed(list(super().items())))


class DictBadItems(dict):
    def items(self):
        return [("only-one",)]


class DictItemsRaises(dict):
    def items(self):
        raise HookError("DictItemsRaises.items")


class ListSub(list):
    def __iter__(self):
        return iter(["ListSub.__iter__"])


class TupleSub(tuple):
    def __iter__(self):
        return iter(["TupleSub.__iter__"])


class Color(enum.IntEnum):
    RED = 1
    BIG = 2 ** 70


class Weight(float, enum.Enum):
    LIGHT = 1.5
    NAN = float("nan")
    INF = float("inf")


class Shade(str, enum.Enum):
    DARK = "dark"
    QUOTE = 'q"\u00e9'


class Opaque:
    def __repr__(self):
        return "Opaque()"


class Inner:
    def __repr__(self):
        return "Inner()"


class BadBool:
    def __bool__(self):
        raise HookError("BadBool.__bool__")

    def __repr__(self):
        return "BadBool()"


class Index:
    def __index__(self):
        return 1


class Ctx:
    """A scanner context made by hand: make_scanner reads these, nothing else."""
    strict, object_hook, object_pairs_hook = 1, None, None
    parse_float, parse_int, parse_constant = float, int, float


CLASSES = {c.__name__: c for c in (
    IntSub, IntBadRepr, FloatSub, FloatConv, StrSub, StrBadLt, DictSub, DictItems,
    DictBadItems, DictItemsRaises, ListSub, TupleSub, Opaque, Inner, BadBool, Index, Ctx,
    object)}
ENUMS = {c.__name__: c for c in (Color, Weight, Shade)}
SCALAR_SUBS = ["IntSub", "IntBadRepr", "FloatSub", "FloatConv", "StrSub", "StrBadLt"]
LIST_SUBS = ["ListSub"]
TUPLE_SUBS = ["TupleSub"]
DICT_SUBS = ["DictSub", "DictItems", "DictBadItems", "DictItemsRaises"]

# --------------------------------------------------------------- hooks by name

OBJECT_HOOKS = {
    "tag": lambda d: ("tagged", d),
    "keys": lambda d: list(d),
    "len": len,
    "same": lambda d: d,
    "raise": _raise("object_hook"),
    "stop": _raise_stop,
}
PAIRS_HOOKS = {
    "pairs": lambda p: ("pairs", p),
    "dict": dict,
    "last": lambda p: p[-1] if p else None,
    "raise": _raise("object_pairs_hook"),
    "stop": _raise_stop,
}
FLOAT_HOOKS = {
    "float": float,  # the default: the C scanner's fast path when it is float itself
    "decimal": Decimal,
    "FloatSub": FloatSub,
    "text": lambda s: "F" + s,
    "int": int,      # ValueError on "1.5"
    "raise": _raise("parse_float"),
}
INT_HOOKS = {
    "int": int,      # the default
    "float": float,
    "decimal": Decimal,
    "IntSub": IntSub,
    "text": lambda s: "I" + s,
    "raise": _raise("parse_int"),
    "stop": _raise_stop,
}
CONSTANT_HOOKS = {
    "default": json.decoder._CONSTANTS.__getitem__,
    "text": lambda s: "C" + s,
    "none": lambda s: None,
    "float": float,
    "raise": _raise("parse_constant"),
}
DECODER_HOOKS = {"object_hook": OBJECT_HOOKS, "object_pairs_hook": PAIRS_HOOKS,
                 "parse_float": FLOAT_HOOKS, "parse_int": INT_HOOKS,
                 "parse_constant": CONSTANT_HOOKS}
UNLOGGED = {float, int}  # passed as themselves: the scanner checks for them by identity


def decoder_hook(option, name):
    func = DECODER_HOOKS[option][name]
    return func if func in UNLOGGED else logged(f"{option}:{name}", func)


def _default_json(o):  # JSONEncoder.default
    raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


DEFAULTS = {
    "json": _default_json,
    "name": lambda o: f"<{type(o).__qualname__}>",
    "list": lambda o: [type(o).__qualname__, 1, 2.5, None],
    "dict": lambda o: {"type": type(o).__qualname__, 7: [o.__class__.__name__]},
    "self": lambda o: o,          # with markers: a cycle; without: recursion
    "wrap_self": lambda o: [o],
    "inner": lambda o: [Inner()] if isinstance(o, Opaque) else "inner",
    "sorted": lambda o: sorted(o) if isinstance(o, (set, frozenset)) else None,
    "raise": _raise("default"),
}
ENCODERS = {  # the `encoder` argument, when not the module's own function
    "py_ascii": json.encoder.py_encode_basestring_ascii,
    "py_plain": json.encoder.py_encode_basestring,
    "quote": lambda s: '"' + s + '"',
    "bytes": lambda s: s.encode("utf-8", "surrogatepass"),
    "strsub": lambda s: StrSub('"' + s + '"'),
    "raise": _raise("encoder"),
}


def default_fn(name):
    return logged(f"default:{name}", DEFAULTS[name])


def encoder_fn(name):
    return logged(f"encoder:{name}", ENCODERS[name])


# --------------------------------------------------------------- node builder

def build(node, _stack=None):
    """The object graph `node` describes (fresh objects)."""
    stack = [] if _stack is None else _stack
    if not isinstance(node, list):
        return node
    tag = node[0]
    if tag == "float":
        return float(node[1])
    if tag == "int":
        return int(node[1], 16)
    if tag in ("list", "dict"):
        cls = CLASSES[node[2]] if len(node) > 2 else (list if tag == "list" else dict)
        made = cls()
        stack.append(made)
        try:
            if tag == "list":
                for item in node[1]:
                    list.append(made, build(item, stack))
            else:
                for key, value in node[1]:
                    k = build(key, stack)
                    try:
                        dict.__setitem__(made, k, build(value, stack))
                    except TypeError:  # an unhashable key: left out
                        pass
        finally:
            stack.pop()
        return made
    if tag == "tuple":
        cls = CLASSES[node[2]] if len(node) > 2 else tuple
        return cls(build(item, stack) for item in node[1])
    if tag == "sub":
        return CLASSES[node[1]](build(node[2], stack))
    if tag == "enum":
        cls, _, member = node[1].partition(".")
        return ENUMS[cls][member]
    if tag == "obj":
        return CLASSES[node[1]]()
    if tag == "set":
        return {build(item, stack) for item in node[1]}
    if tag == "bytes":
        return bytes.fromhex(node[1])
    if tag == "up":
        k = node[1]
        return stack[-1 - k] if k < len(stack) else None
    if tag == "deep":
        kind, depth, inner = node[1], node[2], build(node[3])
        for _ in range(depth):  # iteratively: the depth may be beyond any recursion limit
            inner = [inner] if kind == "list" else (inner,) if kind == "tuple" else {"k": inner}
        return inner
    raise ValueError(f"json_zoo: unknown node {node!r}")


def node_of(value):
    """The node of a plain value (decoded JSON, a literal from CPython's tests)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value if abs(value) < 2 ** 53 else ["int", hex(value)]
    if isinstance(value, float):
        return ["float", repr(value)]
    if isinstance(value, list):
        return ["list", [node_of(v) for v in value]]
    if isinstance(value, tuple):
        return ["tuple", [node_of(v) for v in value]]
    if isinstance(value, dict):
        return ["dict", [[node_of(k), node_of(v)] for k, v in value.items()]]
    if isinstance(value, (set, frozenset)):
        return ["set", [node_of(v) for v in value]]
    if isinstance(value, bytes):
        return ["bytes", value.hex()]
    return ["obj", "Opaque"]
