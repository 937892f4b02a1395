"""How deep the Rust and the C `_json` scanners and encoders nest before
RecursionError.

Run by a built interpreter, whose own `_json` is the Rust one:

    ./python json_depth.py --c-module path/to/c/_json.so

From 3.14 the recursion limit of C code is the C stack (Py_EnterRecursiveCall
compares the stack pointer with a bound near the thread's stack end), so the
depth a document may nest to is set by the stack each nesting level takes.
This bisects the deepest array and object nesting each module parses, and
the deepest nesting of lists and of dicts each encoder writes, in threads
with 4 MiB and 8 MiB stacks: the difference between the two gives
the bytes each level takes. Prints one JSON object.
"""

import argparse
import json
import threading

import _json as rust

from json_differential import load_module
from json_stack import deepest_encode, deepest_scan

SHAPES = {"arrays": lambda m: deepest_scan(m, "[", "]"),
          "objects": lambda m: deepest_scan(m, '{"a":', "}"),
          "encoded lists": lambda m: deepest_encode(m, list),
          "encoded dicts": lambda m: deepest_encode(m, dict)}
STACKS = (4 << 20, 8 << 20)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--c-module", required=True)
    args = parser.parse_args()
    modules = {"C": load_module(args.c_module), "Rust": rust}
    depths = {}
    for stack in STACKS:
        threading.stack_size(stack)

        def measure(stack=stack):
            depths[stack] = {name: {shape: deepest(module)
                                    for shape, deepest in SHAPES.items()}
                             for name, module in modules.items()}

        thread = threading.Thread(target=measure)
        thread.start()
        thread.join()
    small, large = STACKS
    result = {}
    for name in modules:
        for shape in SHAPES:
            levels = depths[large][name][shape] - depths[small][name][shape]
            result.setdefault(name, {})[shape] = {
                "depth_8MiB": depths[large][name][shape],
                "depth_4MiB": depths[small][name][shape],
                "bytes_per_level": (large - small) / levels,
            }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
