"""Shrinks a `_json` input on which two modules differ, keeping them differing.

    small = minimise(spec, still_differs, budget=2000, seconds=30)

Greedy, within `budget` calls of `still_differs(candidate)` and about
`seconds` (a document nested 10000 deep costs milliseconds a call): the options
dropped one by one (back to their defaults); the document cut down
ddmin-style (halves, quarters ... single characters; the scan index moved
along, or set to 0); object graphs and call arguments (json_zoo nodes)
reduced node by node -- a container replaced by None or by one of its
items, items dropped, a subclass by its base value, a nesting made
shallower, a string cut down, a number made 0 -- every change making the
input smaller, so it ends.
"""

import copy
import time


def minimise(spec, still, budget=2000, seconds=30):
    left, deadline = [budget], time.monotonic() + seconds

    def test(candidate):
        if left[0] <= 0 or time.monotonic() > deadline:
            return False
        left[0] -= 1
        return still(candidate)

    spec = copy.deepcopy(spec)
    while True:  # again while a pass helps: a smaller index lets a shorter document do
        before = spec
        spec = _drop_options(spec, test)
        if isinstance(spec.get("doc"), str):
            spec = _shrink_doc(spec, test)
        if "obj" in spec:
            spec = {**spec, "obj": shrink_node(spec["obj"], lambda n: test({**spec, "obj": n}))}
        if spec.get("f") == "call":
            spec = _shrink_call(spec, test)
        if spec == before:
            return spec


def _drop_options(spec, test):
    for key in ("digits",):
        if key in spec and test({k: v for k, v in spec.items() if k != key}):
            spec = {k: v for k, v in spec.items() if k != key}
    for key in list(spec.get("opts", {})):
        fewer = {k: v for k, v in spec["opts"].items() if k != key}
        if test({**spec, "opts": fewer}):
            spec = {**spec, "opts": fewer}
    return spec


def _shift(idx, start, n):
    """The index of the same character once doc[start:start + n] is cut out."""
    if not isinstance(idx, int) or idx < 0 or idx <= start:
        return idx
    return max(start, idx - n)


def _shrink_doc(spec, test):
    for idx in (0, -1):  # the plainest index that still does
        if isinstance(spec.get("idx"), int) and abs(idx) < abs(spec["idx"]) \
                and test({**spec, "idx": idx}):
            spec = {**spec, "idx": idx}
    doc = spec["doc"]
    chunk = max(1, len(doc) // 2)
    while doc:
        start = 0
        while start < len(doc):
            candidate = {**spec, "doc": doc[:start] + doc[start + chunk:]}
            if "idx" in spec:
                candidate["idx"] = _shift(spec["idx"], start, chunk)
            if test(candidate):
                spec, doc = candidate, candidate["doc"]
            else:
                start += chunk
        if chunk == 1:
            break
        chunk = max(1, chunk // 2)
    return spec


def _shrink_call(spec, test):
    for key in list(spec.get("kwargs", {})):
        fewer = {k: v for k, v in spec["kwargs"].items() if k != key}
        if test({**spec, "kwargs": fewer}):
            spec = {**spec, "kwargs": fewer}
    args = list(spec.get("args", []))
    for i in range(len(args)):
        args[i] = shrink_node(
            args[i], lambda n: test({**spec, "args": args[:i] + [n] + args[i + 1:]}))
        spec = {**spec, "args": list(args)}
    return spec


def size(node):
    if isinstance(node, str):
        return len(node) + 1
    if not isinstance(node, list):
        return 1 if node in (None, 0, False, True) else 2
    tag = node[0]
    if tag in ("list", "tuple", "set"):
        return 1 + len(node) + sum(size(item) for item in node[1])
    if tag == "dict":
        return 1 + len(node) + sum(size(k) + size(v) for k, v in node[1])
    if tag == "sub":
        return 2 + size(node[2])
    if tag == "deep":
        return 2 + node[2] + size(node[3])
    return 2 + len(str(node[1]))


def _children(node):
    """Paths (index tuples) to the nodes inside `node`."""
    if not isinstance(node, list):
        return []
    tag = node[0]
    if tag in ("list", "tuple", "set"):
        return [(1, i) for i in range(len(node[1]))]
    if tag == "dict":
        return [(1, i, j) for i in range(len(node[1])) for j in (0, 1)]
    if tag == "sub":
        return [(2,)]
    if tag == "deep":
        return [(3,)]
    return []


def _get(node, path):
    for i in path:
        node = node[i]
    return node


def _replace(node, path, new):
    if not path:
        return new
    copy_ = list(node)
    copy_[path[0]] = _replace(node[path[0]], path[1:], new)
    return copy_


def _candidates(node):
    """Smaller nodes to put in `node`'s place, the boldest first."""
    if isinstance(node, str):
        yield ""
        n = len(node)
        for chunk in sorted({n // 2, n // 4, n // 8, 1} - {0}, reverse=True):
            for start in range(0, n, chunk):
                yield node[:start] + node[start + chunk:]
        return
    if isinstance(node, bool) or node is None:
        return
    if isinstance(node, int):
        yield 0
        yield 1
        return
    tag = node[0]
    yield None
    if tag in ("list", "tuple", "dict", "set"):
        items = node[1]
        for item in items:
            yield from (item if tag == "dict" else [item])
        n = len(items)
        for chunk in sorted({n // 2, 1} - {0}, reverse=True):
            for start in range(0, n, chunk):
                yield [tag, items[:start] + items[start + chunk:]] + node[2:]
        if len(node) > 2:
            yield node[:2]  # the container without its subclass
    elif tag == "sub":
        yield node[2]
    elif tag == "deep":
        yield node[3]
        for depth in (node[2] // 2, node[2] - 1):
            if depth >= 1:
                yield ["deep", node[1], depth, node[3]]
    elif tag == "int":
        yield 0
    elif tag == "float":
        yield ["float", "0.0"]


def shrink_node(root, still):
    """The smallest node found for which still(node) holds."""
    changed = True
    while changed:
        changed = False
        todo = [()]
        while todo and not changed:
            path = todo.pop(0)
            sub = _get(root, path)
            for candidate in _candidates(sub):
                if size(candidate) >= size(sub):
                    continue
                new = _replace(root, path, candidate)
                if still(new):
                    root, changed = new, True
                    break
            todo += [path + child for child in _children(sub)]
    return root
