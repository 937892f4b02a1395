"""Inputs for the differential at scale: real encodings, mutated with their
structure in mind, mixed with random bytes.

    corpus = Corpus(c_module, data_dir)     # data_dir: Lib/test/test_email/data
    for name, args, kwargs in calls(rng, corpus, count): ...

The corpus is made of real files (CPython's test mail messages, images and
sounds) and their encodings, made by the C module itself:
- base64 of every payload cut to each length mod 3 (no padding, `=`, `==`),
  on one line with and without its newline, and MIME-wrapped (57 bytes a
  line, as `base64.encodebytes`) with LF and CRLF;
- quoted-printable of the mail texts under every flag combination, with LF
  and CRLF line ends (so `=\\n` and `=\\r\\n` soft breaks), and the raw mail
  messages (several carry quoted-printable and base64 bodies);
- uuencode files (`begin 644 name`, 45-byte lines, the `` ` `` or space
  terminator, `end`) with and without backticks, fed a line at a time;
- hex, lower and upper case.
A decoder input is a window of one of these (from a line start, of a random
length), mutated or not with the tokens of its format (padding, soft breaks,
escapes, length characters...), or random bytes over the format's alphabet,
or (rarely) another format's input. Encoder inputs are windows of the
payloads. Everything comes from `rng`: a seed gives the same calls.
"""

import os

B64_TOKENS = [b"=", b"==", b"===", b"\n", b"\r\n", b" ", b"\t", b"-", b"_", b"A", b"/", b"+",
              b"\x00", b"\xff", b"=A", b"A=", b"==\n", b"QQ", b"QUI="]
QP_TOKENS = [b"=", b"=\n", b"=\r\n", b"=\r", b"==", b"=4", b"=41", b"=4g", b"=a1", b"=G1",
             b" \n", b"\t\n", b" \r\n", b"_", b"\r", b"\n", b".", b"\x00", b"\xff", b" ", b"\t",
             b"=20", b"=3D", b"\r\n"]
UU_TOKENS = [b"`", b" ", b"\n", b"\r\n", b"M", b"!", b"@", b"a", b"\x7f", b"\x00", b"\xff",
             b"  ", b"``", b"#"]
HEX_TOKENS = [b"0", b"F", b"f", b"g", b" ", b"\n", b"00", b"\xff", b"aB"]
ALPHABETS = {
    "base64": bytes(range(0x41, 0x5b)) + bytes(range(0x61, 0x7b)) + b"0123456789+/=\n",
    "qp": b"abcXYZ019=_ \t\r\n.\xe9\xff",
    "uu": bytes(range(0x20, 0x61)) + b"\n",
    "hex": b"0123456789abcdefABCDEF",
}
TOKENS = {"base64": B64_TOKENS, "qp": QP_TOKENS, "uu": UU_TOKENS, "hex": HEX_TOKENS}
DECODERS = {"base64": ["a2b_base64"], "qp": ["a2b_qp"], "uu": ["a2b_uu"],
            "hex": ["a2b_hex", "unhexlify"]}
ENCODERS = ["b2a_base64", "b2a_qp", "b2a_uu", "b2a_hex", "hexlify", "crc32", "crc_hqx"]
SEPARATORS = ["-", ":", b"_", b" ", "", "ab", "\u20ac"]


def _lines(data):
    return data.splitlines(keepends=True)


def _mime_base64(c, data, eol):
    return b"".join(c.b2a_base64(data[i:i + 57])[:-1] + eol for i in range(0, len(data), 57))


def _uuencode_file(c, name, data, backtick):
    body = b"".join(c.b2a_uu(data[i:i + 45], backtick=backtick) for i in range(0, len(data), 45))
    end = b"`\n" if backtick else b" \n"
    return b"begin 644 " + name.encode() + b"\n" + body + end + b"end\n"


class Corpus:
    """Real payloads and their encodings (made by `c`, the C module)."""

    def __init__(self, c, data_dir):
        files = sorted(os.listdir(data_dir))
        payloads = {name: open(os.path.join(data_dir, name), "rb").read() for name in files}
        self.texts = [p for n, p in payloads.items() if n.startswith("msg_")]
        self.payloads = list(payloads.values()) + [bytes(range(256)), b"\x00" * 100, b"\xff" * 61]
        if not self.texts:
            raise SystemExit(f"differential_scale: no msg_*.txt mail messages in {data_dir}")
        self.encoded = {"base64": [], "qp": list(self.texts), "uu": [], "hex": []}
        b64 = self.encoded["base64"]
        for p in self.payloads:
            for cut in range(3):  # every padding form
                q = p[:max(0, len(p) - cut)]
                b64 += [c.b2a_base64(q), c.b2a_base64(q, newline=False),
                        _mime_base64(c, q, b"\n"), _mime_base64(c, q, b"\r\n")]
            self.encoded["hex"] += [c.b2a_hex(p[:300]), c.b2a_hex(p[:300]).upper()]
        for text in self.texts:
            for flags in range(8):
                qp = c.b2a_qp(text, bool(flags & 1), bool(flags & 2), bool(flags & 4))
                self.encoded["qp"] += [qp, qp.replace(b"\n", b"\r\n")]
        for name, p in payloads.items():
            for backtick in (False, True):
                self.encoded["uu"] += _lines(_uuencode_file(c, name, p, backtick))
        self.families = list(self.encoded)


def _size(rng):
    r = rng.random()
    if r < 0.5:
        return rng.randrange(0, 24)
    if r < 0.85:
        return rng.randrange(0, 160)
    if r < 0.98:
        return rng.randrange(0, 1200)
    return rng.randrange(0, 20000)


def _window(rng, data, whole_lines):
    """A piece of `data`: from a line start (or anywhere), of a random size."""
    if not data:
        return data
    start = rng.randrange(len(data))
    if whole_lines:
        start = data.rfind(b"\n", 0, start) + 1
    return data[start:start + _size(rng)]


def mutate(rng, data, family):
    """0-4 structure-aware edits: tokens of the format inserted or written
    over bytes, bytes changed, ranges deleted, repeated or cut off, case flips."""
    tokens = TOKENS[family]
    data = bytearray(data)
    for _ in range(rng.choice((0, 1, 1, 1, 2, 2, 3, 4))):
        pos = rng.randrange(len(data) + 1)
        op = rng.randrange(8)
        if op == 0:
            data[pos:pos] = rng.choice(tokens)
        elif op == 1:
            token = rng.choice(tokens)
            data[pos:pos + len(token)] = token
        elif op == 2 and data:
            data[min(pos, len(data) - 1)] = rng.randrange(256)
        elif op == 3:
            del data[pos:pos + rng.randrange(1, 9)]
        elif op == 4:
            data[pos:pos] = data[pos:pos + rng.randrange(1, 17)]
        elif op == 5:
            del data[pos:]
        elif op == 6:
            end = pos + rng.randrange(1, 9)
            data[pos:end] = bytes(data[pos:end]).swapcase()
        elif data:  # a uuencode length character, or the first byte of anything
            data[0] = rng.randrange(0x20, 0x61)
    return bytes(data)


def decoder_call(rng, corpus):
    family = rng.choice(corpus.families)
    r = rng.random()
    if r < 0.15:
        alphabet = ALPHABETS[family]
        data = bytes(rng.choice(alphabet) for _ in range(_size(rng) % 200))
    else:
        source = family if r < 0.95 else rng.choice(corpus.families)
        data = _window(rng, rng.choice(corpus.encoded[source]), rng.random() < 0.7)
        data = mutate(rng, data, family)
    name = rng.choice(DECODERS[family])
    if name == "a2b_base64":
        return name, (data,), rng.choice(({}, {"strict_mode": True}, {"strict_mode": False}))
    if name == "a2b_qp":
        return name, (data,), rng.choice(({}, {"header": True}, {"header": False}))
    return name, (data,), {}


def encoder_call(rng, corpus):
    name = rng.choice(ENCODERS)
    source = corpus.texts if name == "b2a_qp" and rng.random() < 0.7 else corpus.payloads
    data = _window(rng, rng.choice(source), rng.random() < 0.5)
    if name == "b2a_base64":
        return name, (data,), rng.choice(({}, {"newline": False}))
    if name == "b2a_qp":
        flags = {k: rng.random() < 0.5 for k in ("quotetabs", "istext", "header")}
        return name, (data,), flags
    if name == "b2a_uu":
        return name, (data[:rng.choice((45, 45, 46, 60))],), rng.choice(({}, {"backtick": True}))
    if name in ("b2a_hex", "hexlify"):
        if rng.random() < 0.5:
            return name, (data,), {}
        per = rng.choice((1, -1, 2, -2, 3, -3, 4, 7, 0, len(data), -len(data) - 1))
        return name, (data, rng.choice(SEPARATORS), per), {}
    if name == "crc32":
        return name, (data, rng.choice((0, rng.randrange(2**32), rng.randrange(-2**40, 2**40)))), {}
    return name, (data, rng.choice((0, rng.randrange(2**16), rng.randrange(2**32)))), {}


def calls(rng, corpus, count):
    """`count` calls (function name, args, kwargs): 70% decoders, 30% encoders."""
    for _ in range(count):
        yield decoder_call(rng, corpus) if rng.random() < 0.7 else encoder_call(rng, corpus)
