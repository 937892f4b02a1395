"""Answer binascii calls read from stdin with the host python3's C binascii.

Used by tests/differential.rs. One call per line, tab-separated: the
function name, its options, then the data in hex. One answer per line:
"ok<TAB>hex" or "err<TAB>kind<TAB>message". The first output line is the
interpreter version.
"""
import binascii
import sys

KINDS = {binascii.Error: "Error", binascii.Incomplete: "Incomplete",
         ValueError: "Value", OverflowError: "Overflow", MemoryError: "Memory"}


def flag(text):
    return text == "1"


def call(name, args, data):
    if name == "a2b_base64":
        return binascii.a2b_base64(data, strict_mode=flag(args[0]))
    if name == "b2a_base64":
        return binascii.b2a_base64(data, newline=flag(args[0]))
    if name == "a2b_hex":
        return binascii.a2b_hex(data)
    if name == "b2a_hex":
        if args[0] == "-":
            return binascii.b2a_hex(data)
        return binascii.b2a_hex(data, bytes([int(args[0])]), int(args[1]))
    if name == "a2b_uu":
        return binascii.a2b_uu(data)
    if name == "b2a_uu":
        return binascii.b2a_uu(data, backtick=flag(args[0]))
    if name == "a2b_qp":
        return binascii.a2b_qp(data, header=flag(args[0]))
    if name == "b2a_qp":
        return binascii.b2a_qp(data, quotetabs=flag(args[0]),
                               istext=flag(args[1]), header=flag(args[2]))
    if name == "crc32":
        return binascii.crc32(data, int(args[0])).to_bytes(4, "big")
    if name == "crc_hqx":
        return binascii.crc_hqx(data, int(args[0])).to_bytes(4, "big")
    raise SystemExit(f"unknown function {name}")


def main():
    out = [f"version\t{sys.version_info[0]}\t{sys.version_info[1]}"]
    for line in sys.stdin:
        fields = line.rstrip("\n").split("\t")
        name, args, data = fields[0], fields[1:-1], bytes.fromhex(fields[-1])
        try:
            out.append("ok\t" + call(name, args, data).hex())
        except Exception as exc:
            out.append(f"err\t{KINDS.get(type(exc), type(exc).__name__)}\t{exc}")
    sys.stdout.write("\n".join(out) + "\n")


main()
