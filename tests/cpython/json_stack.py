"""Where 3.14's stack-bound recursion limit falls for a `_json` module.

From 3.14, C code raises RecursionError when the C stack runs low, so how
deep a document or object may nest depends on the stack each nesting level
of the module's code takes: a choice of its compiler, not of its
semantics. The same Modules/_json.c of the 3.14-era tree stops at 57,960
nested arrays built by gcc -O3, 52,164 by gcc -O2 and 74,520 by clang -O2
(json_depth.py, 8 MiB stack). Inputs that nest that deep sit where two
builds of one module differ; json_differential.py tells them apart from
real differences with `stack_floor` and `nesting`.
"""

import json


def deepest_scan(module, opener="[", closer="]"):
    """The deepest nesting of `opener ... 1 ... closer` the scanner parses."""
    scan = module.make_scanner(json.JSONDecoder())
    return _bisect(lambda n: scan(opener * n + "1" + closer * n, 0))


def deepest_encode(module, container=list):
    """The deepest nesting of lists (or of dicts, `{"a": ...}`) the
    encoder writes."""
    encode = module.make_encoder(None, None, module.encode_basestring_ascii, None, ":", ",",
                                 False, False, True)

    def attempt(n):
        obj = 1
        for _ in range(n):
            obj = [obj] if container is list else {"a": obj}
        encode(obj, 0)

    return _bisect(attempt)


def _bisect(attempt):
    lo, hi = 1, 1 << 21
    while lo < hi:
        mid = (lo + hi + 1) // 2
        try:
            attempt(mid)
            lo = mid
        except RecursionError:
            hi = mid - 1
    return lo


def stack_floor(modules):
    """The least nesting at which any of `modules` runs out of stack when
    called from here."""
    return min(min(deepest_scan(m), deepest_scan(m, '{"a":', "}"), deepest_encode(m),
                   deepest_encode(m, dict))
               for m in modules)


def nesting(spec):
    """How deep an input nests: its documents' brackets (outside strings)
    and its objects' `deep` nodes (json_zoo)."""
    if isinstance(spec, dict):
        if "bytes" in spec and len(spec) == 1:
            return text_nesting(bytes.fromhex(spec["bytes"]).decode("latin-1"))
        return max((nesting(v) for v in spec.values()), default=0)
    if isinstance(spec, list):
        if len(spec) == 4 and spec[0] == "deep" and isinstance(spec[2], int):
            return spec[2] + nesting(spec[3])
        return max((nesting(v) for v in spec), default=0)
    if isinstance(spec, str):
        return text_nesting(spec)
    return 0


def text_nesting(text):
    """The deepest `[`/`{` nesting of a JSON text, strings skipped."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(depth - 1, 0)
    return deepest
