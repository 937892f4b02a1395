"""Compare the Rust algorithms with CPython's C loops at 64 B, 4 KiB, 1 MiB.

Usage: [REPEAT=3] python3 benches/compare.py [function...]
(from rust-support/binascii-core)
Builds benches/c_reference.c with CPython's optimisation flags and the
`speed` bench in release mode, feeds both the same inputs, prints ns/call
and the Rust/C ratio (below 1.0 means Rust is faster).
"""
import binascii
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPEAT = int(os.environ.get("REPEAT", "3"))
SIZES = {"64B": 64, "4KiB": 4096, "1MiB": 1 << 20}


def text(rng, n):
    """Mail-like text: words, spaces, line ends, a few 8-bit bytes."""
    chars = b"abcdefghijklmnopqrstuvwxyz" * 3 + b"ABCDEF0123   ,.=\t" + bytes([233, 252])
    lines = []
    size = 0
    while size < n:
        line = bytes(rng.choice(chars) for _ in range(rng.randrange(20, 100))) + b"\n"
        lines.append(line)
        size += len(line)
    return b"".join(lines)[:n]


def inputs(name, n, rng):
    raw = rng.randbytes(n)
    if name == "a2b_base64":
        return binascii.b2a_base64(rng.randbytes(n * 3 // 4), newline=False)
    if name == "a2b_base64_lines":
        import base64
        return base64.encodebytes(rng.randbytes(n * 3 // 4))
    if name == "a2b_hex":
        return binascii.b2a_hex(rng.randbytes(n // 2))
    if name == "a2b_uu":
        return binascii.b2a_uu(rng.randbytes(45))
    if name == "b2a_uu":
        return raw[:45]
    if name == "a2b_qp":
        return binascii.b2a_qp(text(rng, n))[:n]
    if name == "a2b_qp_dense":  # short lines, an escape every few bytes
        return binascii.b2a_qp(bytes(rng.choice(b"abc =\t\n") for _ in range(n)))[:n]
    if name in ("a2b_qp_8bit", "a2b_qp_header"):  # tests/bench's input: a quarter escaped
        alphabet = b"abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ.,=\t\n" + bytes(range(0xc0, 0xd0))
        eight_bit = bytes(rng.choice(alphabet) for _ in range(n))
        return binascii.b2a_qp(eight_bit, header=name == "a2b_qp_header")[:n]
    if name == "b2a_qp":
        return text(rng, n)
    return raw


def main():
    crate = os.path.dirname(HERE)
    tmp = tempfile.mkdtemp()
    cexe = os.path.join(tmp, "c_reference")
    subprocess.run(["gcc", "-O3", "-fwrapv", "-DNDEBUG", "-o", cexe,
                    os.path.join(HERE, "c_reference.c"), "-lz"], check=True)
    build = subprocess.run(["cargo", "bench", "--bench", "speed", "--no-run",
                            "--message-format=json"], cwd=crate, check=True,
                           capture_output=True, text=True)
    import json
    rexe = [json.loads(l)["executable"] for l in build.stdout.splitlines()
            if '"executable":"' in l and "speed" in l][-1]
    names = ["a2b_base64", "a2b_base64_lines", "b2a_base64", "a2b_hex", "b2a_hex",
             "b2a_hex_sep", "a2b_uu", "b2a_uu", "a2b_qp", "a2b_qp_dense", "a2b_qp_8bit", "a2b_qp_header", "b2a_qp", "crc32", "crc_hqx"]
    only = sys.argv[1:]
    rng = random.Random(1)
    print(f"{'function':18} {'size':>5} {'C ns':>10} {'Rust ns':>10} {'ratio':>6}")
    for name in names:
        if only and name not in only:
            continue
        for label, n in SIZES.items():
            if name in ("a2b_uu", "b2a_uu") and n != 64:
                continue  # one line of at most 45 bytes
            data = inputs(name, n, rng)
            # Alternate the two and keep each one's best: the machine is shared.
            c = r = float("inf")
            for _ in range(REPEAT):
                c = min(c, float(subprocess.run([cexe, name], input=data, capture_output=True, check=True).stdout))
                r = min(r, float(subprocess.run([rexe, name], input=data, capture_output=True, check=True).stdout))
            flag = "" if r <= c else "  <-- slower"
            print(f"{name:18} {label:>5} {c:10.1f} {r:10.1f} {r / c:6.2f}{flag}", flush=True)


main()
