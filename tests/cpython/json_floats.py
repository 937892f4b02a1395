"""Every float the interpreter's `_json` encoder writes is `float.__repr__`'s
text (the Rust module formats floats itself: json-core's float.rs).

    ./python json_floats.py [--count N] [--seed S]

Dumps N floats as a list and as dict keys, and compares each with its
repr: any bit pattern (every exponent, subnormals, both signs), dtoa's ties
(integers past 2**47 plus a multiple of 1/32, where two shortest texts are
equally near and dtoa takes the even one), numbers around repr's layout
thresholds (1e16 and 1e-4, where the exponent starts), and short decimals.
Exits 1 naming the first differences.
"""

import argparse
import json
import math
import random
import struct
import sys


def floats(rng, count):
    out = []
    while len(out) < count:
        r = rng.random()
        if r < 0.6:
            x = struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0]
            if not math.isfinite(x):
                continue
        elif r < 0.75:
            x = float(rng.randrange(2 ** 47, 2 ** 53)) + rng.randrange(32) / 32
        elif r < 0.9:
            x = rng.choice((1e16, 1e-4, 1e-5, 1e15, 1e17, 2.0 ** 53)) * rng.uniform(0.99, 1.01)
            for _ in range(rng.randrange(3)):
                x = math.nextafter(x, rng.choice((0.0, math.inf)))
        else:
            x = rng.randrange(-10 ** 6, 10 ** 6) / rng.choice((1, 8, 10, 100, 1000, 3))
        out.append(-x if rng.random() < 0.5 else x)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    xs = floats(random.Random(args.seed), args.count)
    texts = json.dumps(xs)[1:-1].split(", ")
    wrong = [(x, t) for x, t in zip(xs, texts) if t != float.__repr__(x)]
    keys = dict.fromkeys(xs[:100_000], 0)
    written = list(json.loads(json.dumps(keys)))
    wrong += [(x, t) for x, t in zip(keys, written) if t != float.__repr__(x)]
    for x, text in wrong[:10]:
        print(f"repr {float.__repr__(x)!r} ({x.hex()}), written {text!r}")
    print(f"{len(xs)} floats and {len(keys)} keys: {len(wrong)} differ from repr")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
