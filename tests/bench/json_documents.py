"""The documents of the _json benchmark (bench_json.py), as text and objects.

twitter.json, citm_catalog.json and canada.json, the nativejson-benchmark
documents that JSON libraries are measured on, come from the sdist of
orjson 3.8.14 on PyPI, which ships them as data/*.json.xz (later orjson
sdists no longer do; pysimdjson, cysimdjson, yyjson and ujson ship none;
ssrjson's copies are re-indented, with ids rounded through a double).
`fetch()` downloads that sdist once with `pip download` (this
interpreter's pip, else that of python3 on PATH), checks its sha256 and each
document's, and keeps the documents in build/bench-json/ at the repository's
root; later runs read them from there.  pip prepares the sdist's metadata
with maturin (a wheel from PyPI), which runs `cargo metadata`: cargo must be
on PATH (nothing is compiled).  `--sdist FILE` takes the archive from a file
instead.  The texts are the files' bytes decoded as UTF-8.

pyperformance's json_dumps and json_loads workloads (pyperformance 1.14.0,
data-files/benchmarks/bm_json_dumps and bm_json_loads/run_benchmark.py)
are reproduced below without pyperf: the same objects and counts.

    python3 tests/bench/json_documents.py [--sdist orjson-3.8.14.tar.gz]
        # fetch, and list sizes and sha256
"""

import hashlib
import importlib.util
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

CACHE = Path(__file__).resolve().parents[2] / "build" / "bench-json"

SDIST = "orjson-3.8.14.tar.gz"
SDIST_REQUIREMENT = "orjson==3.8.14"
SDIST_SHA256 = "5ea93fd3ef7be7386f2516d728c877156de1559cda09453fc7dd7b696d0439b3"
# name -> (member of the sdist, sha256 of the decompressed document)
DOCUMENTS = {
    "twitter": ("orjson-3.8.14/data/twitter.json.xz",
                "a08b769f32b95f426cbc3abafcec65c1a19d3eb544d4ddf320eae142c99efc5d"),
    "citm_catalog": ("orjson-3.8.14/data/citm_catalog.json.xz",
                     "a73e7a883f6ea8de113dff59702975e60119b4b58d451d518a929f31c92e2059"),
    "canada": ("orjson-3.8.14/data/canada.json.xz",
               "bfbc12b8b6da35cdcc15046304be1739a82a335de17ef9959ea3dd75225467a4"),
}


def _sha256(data):
    return hashlib.sha256(data).hexdigest()


def _pip_python():
    if importlib.util.find_spec("pip") is not None:
        return sys.executable
    found = shutil.which("python3")
    if not found:
        sys.exit("json_documents: no pip here and no python3 on PATH to fetch "
                 f"{SDIST_REQUIREMENT}; run `python3 {__file__}` once")
    return found


def _unxz(data):
    try:
        import lzma
    except ImportError:  # an interpreter built without liblzma
        return subprocess.run(["xz", "-dc"], input=data, capture_output=True,
                              check=True).stdout
    return lzma.decompress(data)


def _download_sdist(tmp):
    """orjson's sdist, by pip (only that file: --no-deps; as a source
    archive: pip prepares its metadata with maturin, a wheel; no build)."""
    env = {**os.environ, "MATURIN_NO_INSTALL_RUST": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run([_pip_python(), "-m", "pip", "download", "--quiet", "--no-deps",
                    "--no-binary", "orjson", SDIST_REQUIREMENT, "-d", str(tmp)],
                   env=env, check=True)
    data = (Path(tmp) / SDIST).read_bytes()
    if _sha256(data) != SDIST_SHA256:
        sys.exit(f"json_documents: {SDIST} has sha256 {_sha256(data)}, expected {SDIST_SHA256}")
    return data


def fetch(cache=CACHE, sdist=None):
    """Makes sure every document is in `cache` (from the sdist file `sdist`,
    else downloaded); returns the directory."""
    cache = Path(cache)
    missing = [name for name in DOCUMENTS if not (cache / f"{name}.json").is_file()]
    if not missing:
        return cache
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        if sdist:
            data = Path(sdist).read_bytes()
            if _sha256(data) != SDIST_SHA256:
                sys.exit(f"json_documents: {sdist} is not {SDIST} (sha256 {SDIST_SHA256})")
        else:
            data = _download_sdist(tmp)
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            for name in missing:
                member, digest = DOCUMENTS[name]
                text = _unxz(tar.extractfile(member).read())
                if _sha256(text) != digest:
                    sys.exit(f"json_documents: {member} decompresses to sha256 "
                             f"{_sha256(text)}, expected {digest}")
                part = cache / f"{name}.json.part"
                part.write_bytes(text)
                part.replace(cache / f"{name}.json")
    return cache


def document(name, cache=CACHE):
    """The text of document `name` (fetched first if need be)."""
    path = Path(cache) / f"{name}.json"
    if not path.is_file():
        fetch(cache)
    data = path.read_bytes()
    if _sha256(data) != DOCUMENTS[name][1]:
        sys.exit(f"json_documents: {path} is not the pinned document; delete it to fetch again")
    return data.decode("utf-8")


# pyperformance bm_json_dumps: (object, how many json.dumps per run).
_SIMPLE_DATA = {'key1': 0, 'key2': True, 'key3': 'value', 'key4': 'foo', 'key5': 'string'}
_NESTED_DATA = {'key1': 0, 'key2': _SIMPLE_DATA, 'key3': 'value', 'key4': _SIMPLE_DATA,
                'key5': _SIMPLE_DATA, 'key': '\u0105\u0107\u017c'}
PYPERF_DUMPS = {
    "EMPTY": ({}, 2000),
    "SIMPLE": (_SIMPLE_DATA, 1000),
    "NESTED": (_NESTED_DATA, 1000),
    "HUGE": ([_NESTED_DATA] * 1000, 1),
}

# pyperformance bm_json_loads: three texts, each loaded 20 times per run.
_DICT = {
    'ads_flags': 0, 'age': 18, 'bulletin_count': 0, 'comment_count': 0, 'country': 'BR',
    'encrypted_id': 'G9urXXAJwjE', 'favorite_count': 9, 'first_name': '',
    'flags': 412317970704, 'friend_count': 0, 'gender': 'm', 'gender_for_display': 'Male',
    'id': 302935349, 'is_custom_profile_icon': 0, 'last_name': '',
    'locale_preference': 'pt_BR', 'member': 0, 'tags': ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
    'profile_foo_id': 827119638, 'secure_encrypted_id': 'Z_xxx2dYx3t4YAdnmfgyKw',
    'session_number': 2, 'signup_id': '201-19225-223', 'status': 'A', 'theme': 1,
    'time_created': 1225237014, 'time_updated': 1233134493, 'unread_message_count': 0,
    'user_group': '0', 'username': 'collinwinter', 'play_count': 9, 'view_count': 7,
    'zip': ''}
_TUPLE = (
    [265867233, 265868503, 265252341, 265243910, 265879514,
     266219766, 266021701, 265843726, 265592821, 265246784,
     265853180, 45526486, 265463699, 265848143, 265863062,
     265392591, 265877490, 265823665, 265828884, 265753032], 60)
PYPERF_LOADS_REPEAT = 20


def _mutate_dict(orig_dict, random_source):
    new_dict = dict(orig_dict)
    for key, value in new_dict.items():
        rand_val = random_source.random() * sys.maxsize
        if isinstance(key, (int, bytes, str)):
            new_dict[key] = type(key)(rand_val)
    return new_dict


def pyperf_loads_texts(dumps=json.dumps):
    """The texts bm_json_loads loads: DICT, TUPLE and DICT_GROUP as json.dumps
    writes them (three mutated copies of DICT, random.Random(5))."""
    random_source = random.Random(5)
    dict_group = [_mutate_dict(_DICT, random_source) for _ in range(3)]
    return {"DICT": dumps(_DICT), "TUPLE": dumps(_TUPLE), "DICT_GROUP": dumps(dict_group)}


def main():
    import argparse
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sdist", help=f"{SDIST} as a file, instead of downloading it")
    cache = fetch(sdist=parser.parse_args().sdist)
    print(f"{SDIST} (sha256 {SDIST_SHA256}) -> {cache}")
    for name in DOCUMENTS:
        text = document(name)
        print(f"  {name}.json: {len(text.encode()):,} bytes, sha256 {DOCUMENTS[name][1]}")
    for name, text in pyperf_loads_texts().items():
        print(f"  pyperformance json_loads {name}: {len(text):,} bytes")


if __name__ == "__main__":
    main()
