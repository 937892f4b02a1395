"""Speed of the Rust binascii against the C one, side by side in one process.

Run with the Rust-built interpreter, passing the C module's shared object
from a `--with-rust=no` build of the same CPython version and flags:

    ./python tests/bench/bench_binascii.py --c-module path/to/binascii.cpython-313-...so

Each cell is the best of several timeit repeats, taken in rounds that
alternate C and Rust, so that machine noise hits both alike.  The ratio
is C time / Rust time: above 1.00 the Rust module is faster.

`--label before` names the reference column otherwise: with another
build's Rust module as `--c-module`, the table compares two versions of
the Rust module in one process (ratio above 1.00: the interpreter's is
faster).
"""

import argparse
import importlib.util
import random
import sys
import timeit

SIZES = {"64 B": 64, "4 KiB": 4096, "1 MiB": 1 << 20}
UU_CHUNK = 45  # b2a_uu takes at most 45 bytes: larger sizes are encoded in chunks


def load_c_module(path):
    spec = importlib.util.spec_from_file_location("binascii", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def text_like(rng, n):
    """Mostly printable text with some 8-bit bytes and line breaks (for quoted-printable)."""
    alphabet = b"abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ.,=\t\n" + bytes(range(0xc0, 0xd0))
    return bytes(rng.choice(alphabet) for _ in range(n))


def mail_like(rng, n):
    """Lines of words, now and then an 8-bit letter: few bytes need quoting."""
    words, size = [], 0
    while size < n:
        word = bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randrange(1, 9)))
        words.append(word + (b"\xe9" if rng.random() < 0.05 else b""))
        size += len(words[-1]) + 1
    lines = [b" ".join(words[i:i + 10]) for i in range(0, len(words), 10)]
    return b"\n".join(lines)[:n]


def cases(m, size, rng):
    """(function name, callable using module m) for every function of binascii."""
    data = rng.randbytes(size)
    text = text_like(rng, size)
    b64 = m.b2a_base64(data, newline=False)
    hexed = m.b2a_hex(data)
    qp = m.b2a_qp(text)
    uu_chunks = [data[i:i + UU_CHUNK] for i in range(0, size, UU_CHUNK)]
    uu_lines = [m.b2a_uu(c) for c in uu_chunks]
    qp_mail = m.b2a_qp(mail_like(rng, size))
    qp_header = m.b2a_qp(text, header=True)
    return [
        ("b2a_base64", lambda: m.b2a_base64(data)),
        ("a2b_base64", lambda: m.a2b_base64(b64)),
        ("a2b_base64 strict", lambda: m.a2b_base64(b64, strict_mode=True)),
        ("b2a_hex", lambda: m.b2a_hex(data)),
        ("hexlify sep", lambda: m.hexlify(data, ":", 2)),
        ("a2b_hex", lambda: m.a2b_hex(hexed)),
        ("unhexlify", lambda: m.unhexlify(hexed)),
        ("crc32", lambda: m.crc32(data)),
        ("crc_hqx", lambda: m.crc_hqx(data, 0)),
        ("b2a_uu (45 B chunks)", lambda: [m.b2a_uu(c) for c in uu_chunks]),
        ("a2b_uu (lines)", lambda: [m.a2b_uu(line) for line in uu_lines]),
        ("b2a_qp", lambda: m.b2a_qp(text)),
        ("a2b_qp", lambda: m.a2b_qp(qp)),
        ("a2b_qp (mail text)", lambda: m.a2b_qp(qp_mail)),
        ("a2b_qp header", lambda: m.a2b_qp(qp_header, header=True)),
    ]


def interleaved_best(c_func, rust_func, rounds):
    """Best time per call of each, measured in alternating rounds: a burst
    of load on the machine slows one round, not one module."""
    timers = [timeit.Timer(c_func), timeit.Timer(rust_func)]
    numbers = [t.autorange()[0] for t in timers]
    best = [float("inf"), float("inf")]
    for _ in range(rounds):
        for i, timer in enumerate(timers):
            best[i] = min(best[i], min(timer.repeat(repeat=3, number=numbers[i])) / numbers[i])
    return best[0], best[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c-module", required=True, help="the C binascii shared object")
    parser.add_argument("--repeat", type=int, default=7, help="alternating rounds")
    parser.add_argument("--label", default="C", help="the reference module's column name")
    parser.add_argument("functions", nargs="*", help="only these cases (default: all)")
    args = parser.parse_args()

    import binascii as rust
    c = load_c_module(args.c_module)
    if rust.__file__ == c.__file__:
        sys.exit("bench: the interpreter's binascii is the C module given; run the Rust build")

    print(f"Python {sys.version.split()[0]}; Rust module: {rust.__file__}")
    ref = args.label
    print(f"{ref} module: {c.__file__}\n")
    print(f"| function | size | {ref} | Rust | {ref}/Rust |")
    print("| --- | --- | ---: | ---: | ---: |")
    slower = []
    for label, size in SIZES.items():
        c_cases = cases(c, size, random.Random(size))
        rust_cases = cases(rust, size, random.Random(size))
        for (name, c_func), (_, rust_func) in zip(c_cases, rust_cases):
            if args.functions and name not in args.functions:
                continue
            if c_func() != rust_func():
                sys.exit(f"bench: {name} at {label}: {ref} and Rust results differ")
            c_time, rust_time = interleaved_best(c_func, rust_func, args.repeat)
            ratio = c_time / rust_time
            if ratio < 1.0:
                slower.append(f"{name} at {label}")
            print(f"| {name} | {label} | {fmt(c_time)} | {fmt(rust_time)} | {ratio:.2f} |")
    print()
    print(f"Rust slower than {ref} in: " + (", ".join(slower) if slower else "none"))


def fmt(seconds):
    for unit, scale in (("s", 1), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


if __name__ == "__main__":
    main()
