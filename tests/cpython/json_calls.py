"""One `_json` input made on one module, and what came of it.

    outcome(module, spec) -> a comparable tuple

`spec` is an input of json_inputs.py (plain JSON data); "f" says the call:

    scan       mod.make_scanner(ctx)(doc, idx); ctx holds the decoder
               options as json.JSONDecoder does (the C scanner reads strict,
               object_hook, object_pairs_hook, parse_float, parse_int,
               parse_constant from it; the pure-Python one more)
    loads      json.loads(doc, cls=D, **options), D a JSONDecoder whose
               scan_once is mod.make_scanner(self) (json.scanner.make_scanner
               is swapped for the call: JSONDecoder.__init__ calls it)
    encode     mod.make_encoder(...) made as Lib/json/encoder.py's
               iterencode makes it in this version, called with (obj, level)
    call       mod.<name>(*args, **kwargs), any function or type of the
               module, or "scanner"/"encoder": a default-made one, called

The outcome is the result (type and value, containers recursively with
their types, floats by repr, the order of dict keys, and -- unless
identity is off -- which dict keys are one object: the scanner's memo) or
the exception (qualified type name, str(), args; JSONDecodeError's msg,
doc, pos, lineno, colno; StopIteration's value; __notes__; the cause and
context), plus the hook/default/encoder calls made (json_zoo.LOG) and,
for the encoder, what is left in its markers dict.
"""

import json
import json.decoder
import json.scanner
import re
import sys

import json_zoo as zoo

ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
# 3.14 stops recursion at a stack address: another module's frames are of
# another size, so it stops at another depth, in another function (the
# message says how much stack was used and where: "while encoding a JSON
# object", or "while getting the repr of an object" of a note on the way
# back), with as many notes as levels were reached
STACK_LIMIT = sys.version_info >= (3, 14)
C_ENCODER_INDENT = sys.version_info >= (3, 13)  # 3.11's json uses it only with indent None
# 3.14's C encoder caches indents by level and reads out of bounds when
# called at a level other than 0 with an indent (CPython gh-140750, gh-143196)
INDENT_CACHE = sys.version_info >= (3, 14)
SCANNER_MEMBERS = ("strict", "object_hook", "object_pairs_hook", "parse_float", "parse_int",
                   "parse_constant")
ENCODER_MEMBERS = ("markers", "default", "encoder", "indent", "key_separator",
                   "item_separator", "sort_keys", "skipkeys")


class Context:
    """What json.JSONDecoder gives a scanner to read its options from."""

    def __init__(self, opts):
        self.strict = zoo.build(opts.get("strict", True))
        self.object_hook = None
        self.object_pairs_hook = None
        self.parse_float = float
        self.parse_int = int
        self.parse_constant = zoo.CONSTANT_HOOKS["default"]
        for option in zoo.DECODER_HOOKS:
            if opts.get(option):
                setattr(self, option, zoo.decoder_hook(option, opts[option]))
        # the pure-Python scanner's (and shim's) needs
        self.parse_object = json.decoder.JSONObject
        self.parse_array = json.decoder.JSONArray
        self.parse_string = json.decoder.scanstring
        self.memo = {}
        for name in opts.get("missing", ()):
            delattr(self, name)


def _scan(mod, spec):
    opts = spec.get("opts", {})
    ctx = Context(opts)
    if opts.get("keywords"):
        return mod.make_scanner(context=ctx)(string=spec["doc"], idx=spec.get("idx", 0))
    return mod.make_scanner(ctx)(spec["doc"], spec.get("idx", 0))


def _decoder_class(mod):
    class Decoder(json.JSONDecoder):
        def __init__(self, **kw):
            saved = json.scanner.make_scanner
            json.scanner.make_scanner = mod.make_scanner
            try:
                super().__init__(**kw)
            finally:
                json.scanner.make_scanner = saved
    return Decoder


def _loads(mod, spec):
    opts = spec.get("opts", {})
    kw = {k: zoo.decoder_hook(k, v) for k, v in opts.items() if k in zoo.DECODER_HOOKS and v}
    if "strict" in opts:
        kw["strict"] = zoo.build(opts["strict"])
    doc = spec["doc"]
    if isinstance(doc, dict):  # {"bytes": hex}: json.loads detects the encoding
        doc = bytes.fromhex(doc["bytes"])
    return json.loads(doc, cls=_decoder_class(mod), **kw)


def encoder_args(mod, opts):
    """make_encoder's arguments as JSONEncoder(**opts).iterencode(o, _one_shot=True) makes them."""
    indent = opts.get("indent")
    separators = opts.get("separators")
    if separators:
        item_separator, key_separator = separators
    else:
        item_separator, key_separator = (", " if indent is None else ","), ": "
    if C_ENCODER_INDENT and indent is not None and not isinstance(indent, str) \
            and not opts.get("raw_indent"):
        indent = " " * indent
    ensure_ascii = opts.get("ensure_ascii", True)
    if opts.get("encoder"):
        encoder = zoo.encoder_fn(opts["encoder"])
    else:
        encoder = mod.encode_basestring_ascii if ensure_ascii else mod.encode_basestring
    args = {"markers": {} if opts.get("check_circular", True) else None,
            "default": zoo.default_fn(opts.get("default") or "json"),
            "encoder": encoder, "indent": indent,
            "key_separator": key_separator, "item_separator": item_separator,
            "sort_keys": opts.get("sort_keys", False), "skipkeys": opts.get("skipkeys", False),
            "allow_nan": opts.get("allow_nan", True)}
    for name, node in opts.get("override", {}).items():
        args[name] = zoo.build(node)
    return args


def _encode(mod, spec, extra):
    opts = spec.get("opts", {})
    args = encoder_args(mod, opts)
    obj = zoo.build(spec["obj"])
    level = opts.get("level", 0)
    if INDENT_CACHE and args["indent"] is not None:
        level = 0  # a case kept by another version: the C module would crash
    if opts.get("keywords"):
        encoder = mod.make_encoder(**args)
        result = encoder(obj=obj, _current_indent_level=level)
    else:
        encoder = mod.make_encoder(*args.values())
        result = encoder(obj, level)
    if isinstance(args["markers"], dict):
        extra.append(("markers left", len(args["markers"])))
    return result


def _call(mod, spec):
    name = spec["name"]
    if name == "scanner":
        func = mod.make_scanner(Context({}))
    elif name == "encoder":
        func = mod.make_encoder(*encoder_args(mod, {}).values())
    else:
        func = getattr(mod, name)
    args = [zoo.build(a) for a in spec.get("args", [])]
    kwargs = {k: zoo.build(v) for k, v in spec.get("kwargs", {}).items()}
    return func(*args, **kwargs)


def outcome(mod, spec, identity=True):
    zoo.LOG.clear()
    extra = []
    digits = spec.get("digits")
    saved = sys.get_int_max_str_digits() if digits is not None else None
    try:
        if digits is not None:
            sys.set_int_max_str_digits(digits)
        f = spec["f"]
        if f == "scan":
            result = _scan(mod, spec)
        elif f == "loads":
            result = _loads(mod, spec)
        elif f == "encode":
            result = _encode(mod, spec, extra)
        else:
            result = _call(mod, spec)
        what = ("returns", canon(result, identity))
    except Exception as e:  # noqa: BLE001 - every exception is compared
        what = ("raises",) + describe_exc(e)
    finally:
        if saved is not None:
            sys.set_int_max_str_digits(saved)
    calls = tuple(zoo.LOG)
    if what[:3] == ("raises", "builtins.RecursionError", "Stack overflow"):
        # as many calls as levels were reached: the distinct ones compare
        calls = tuple(sorted(set(calls), key=repr))
    return what + (("calls", calls),) + tuple(extra)


def qualname(cls):
    return f"{cls.__module__}.{cls.__qualname__}"


def _text(text):
    return ADDRESS.sub(" at 0x?", text)


def describe_exc(e, context=True):
    if STACK_LIMIT and isinstance(e, RecursionError):
        notes = sorted({_text(n) for n in getattr(e, "__notes__", ())})
        return (qualname(type(e)), "Stack overflow", ("notes", tuple(notes)))
    d = (qualname(type(e)), _text(str(e)),
         tuple(_text(a) if isinstance(a, str) else canon(a, False) for a in e.args))
    if isinstance(e, json.JSONDecodeError):
        d += ((e.msg, e.doc, e.pos, e.lineno, e.colno),)
    if isinstance(e, StopIteration):
        d += (("value", canon(e.value, False)),)
    notes = [_text(n) for n in getattr(e, "__notes__", ())]
    if notes:
        d += (("notes", tuple(notes)),)
    if context:
        if e.__cause__ is not None:
            d += (("cause",) + describe_exc(e.__cause__, False),)
        if e.__context__ is not None and not e.__suppress_context__:
            d += (("context",) + describe_exc(e.__context__, False),)
    return d


def canon(value, identity=True):
    """`value` as a flat tuple of tokens, in prefix order (iterative: results
    can be nested beyond any recursion limit)."""
    out, todo, key_ids = [], [value], {}
    while todo:
        v = todo.pop()
        t = type(v)
        if v is None or v is True or v is False:
            out.append(v)
        elif isinstance(v, str):
            out.append(("str", v) if t is str else ("str", qualname(t), str.__str__(v)))
        elif isinstance(v, int):
            out.append(("int", qualname(t), int.__format__(v, "x")))
        elif isinstance(v, float):
            out.append(("float", qualname(t), float.__repr__(v)))
        elif isinstance(v, (list, tuple)):
            items = list.__iter__(v) if isinstance(v, list) else tuple.__iter__(v)
            items = list(items)
            out.append((qualname(t), len(items)))
            todo.extend(reversed(items))
        elif isinstance(v, dict):
            pairs = list(dict.items(v))
            out.append((qualname(t), len(pairs)))
            for k, item in reversed(pairs):
                todo.append(item)
                todo.append(k)
                if identity and type(k) is str:  # which keys are one object
                    todo.append(_KeyId(key_ids.setdefault(id(k), len(key_ids))))
        elif isinstance(v, _KeyId):
            out.append(v)
        elif isinstance(v, Exception):
            out.append(("exception",) + describe_exc(v, False))
        elif t.__module__ in ("_json", "json.scanner", "json.encoder") or callable(v):
            out.append(("object", qualname(t), getattr(v, "__qualname__", None)))
            members = SCANNER_MEMBERS if hasattr(v, "parse_int") else ENCODER_MEMBERS
            todo.extend(reversed([getattr(v, m, "(none)") for m in members])
                        if t.__module__ != "builtins" and not isinstance(v, type) else ())
        else:
            out.append(("object", qualname(t), ADDRESS.sub(" at 0x?", repr(v))))
    return tuple(out)


class _KeyId(int):
    """A dict key's token: the ordinal of the first key that is the same object."""

    def __repr__(self):
        return f"key#{int(self)}"

    def __eq__(self, other):
        return type(other) is _KeyId and int(self) == int(other)

    __hash__ = int.__hash__
