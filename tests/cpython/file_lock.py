"""One process at a time per build: pytest-xdist's workers (and two test
runs in one checkout) share build/cpython, so whoever builds a variant
holds its lock and the others wait, then find it built."""

import contextlib
import fcntl
from pathlib import Path


@contextlib.contextmanager
def locked(directory, name):
    """Holds an exclusive lock on `directory/.locks/name.lock` (flock:
    released when the process dies, so a killed run leaves none behind)."""
    locks = Path(directory) / ".locks"
    locks.mkdir(parents=True, exist_ok=True)
    with open(locks / f"{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
