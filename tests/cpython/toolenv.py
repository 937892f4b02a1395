"""A cargo that reports its calls, for real-CPython tests (a PATH without
Rust comes from the layer suite's fixture.tool_env)."""

import os
import stat
from pathlib import Path


def cargo_spy(where: Path, log: Path) -> str:
    """A PATH entry whose `cargo` logs each call to `log`, then runs the real one."""
    where.mkdir(parents=True, exist_ok=True)
    real = next(Path(d) / "cargo" for d in os.environ["PATH"].split(os.pathsep)
                if (Path(d) / "cargo").is_file())
    spy = where / "cargo"
    spy.write_text(f'#!/bin/sh\necho "cargo $*" >> "{log}"\nexec "{real}" "$@"\n')
    spy.chmod(spy.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return str(where)
