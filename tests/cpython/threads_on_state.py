"""Eight threads at once on binascii in a free-threaded build: every error
reads the module state (its Error class), and every call reads a shared
bytearray that another thread keeps rewriting. Run by the interpreter
under test; exits 1 naming what went wrong.

    ./python threads_on_state.py [ROUNDS]
"""

import binascii
import sys
import threading

THREADS = 8
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 2000

shared = bytearray(b"0123456789abcdef" * 1024)  # 16 KiB: crc32 releases the GIL
problems = []
stop = threading.Event()


def rewriter():
    flip = 0
    while not stop.is_set():
        flip ^= 0x20
        shared[:] = bytes(b ^ flip for b in shared[:64]) * (len(shared) // 64)


def worker(barrier):
    barrier.wait()
    for _ in range(ROUNDS):
        try:
            binascii.a2b_base64(b"A===", strict_mode=True)
        except binascii.Error as e:
            if type(e) is not binascii.Error:
                problems.append(f"raised {type(e)!r}, not binascii.Error")
        else:
            problems.append("no binascii.Error")
        try:
            binascii.a2b_hex(b"0")
        except binascii.Error as e:
            if str(e) != "Odd-length string":
                problems.append(f"message {e}")
        if len(binascii.hexlify(shared)) != 2 * len(shared):
            problems.append("hexlify's length")
        crc = binascii.crc32(shared)
        if not 0 <= crc < 2**32:
            problems.append(f"crc32 {crc}")
        if binascii.a2b_base64(binascii.b2a_base64(b"state")) != b"state":
            problems.append("round trip")


def main():
    if getattr(sys, "_is_gil_enabled", lambda: True)():
        print("not a free-threaded build with the GIL disabled")
        return 1
    barrier = threading.Barrier(THREADS)
    threads = [threading.Thread(target=worker, args=(barrier,)) for _ in range(THREADS)]
    mutator = threading.Thread(target=rewriter)
    mutator.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    mutator.join()
    if sys._is_gil_enabled():
        problems.append("the GIL was enabled")
    for p in sorted(set(problems)):
        print(p)
    print(f"{THREADS} threads x {ROUNDS} rounds: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
