"""Environments that hide or watch the Rust toolchain, for real-CPython tests."""

import os
import stat
from pathlib import Path

RUST_TOOLS = {"cargo", "rustc", "rustup", "rustdoc", "rust-gdb", "rust-lldb", "rustfmt",
              "cargo-clippy", "clippy-driver", "cargo-fmt", "rust-analyzer"}


def hidden_rust_path(where: Path) -> str:
    """A PATH with every tool of the usual PATH except Rust's."""
    where.mkdir(parents=True, exist_ok=True)
    for d in os.environ["PATH"].split(os.pathsep):
        if not os.path.isdir(d) or ".cargo" in d:
            continue
        for name in os.listdir(d):
            link = where / name
            if name in RUST_TOOLS or name.startswith("cargo-") or link.exists():
                continue
            target = os.path.join(d, name)
            if os.access(target, os.X_OK) and not os.path.isdir(target):
                link.symlink_to(target)
    return str(where)


def cargo_spy(where: Path, log: Path) -> str:
    """A PATH entry whose `cargo` logs each call to `log`, then runs the real one."""
    where.mkdir(parents=True, exist_ok=True)
    real = next(Path(d) / "cargo" for d in os.environ["PATH"].split(os.pathsep)
                if (Path(d) / "cargo").is_file())
    spy = where / "cargo"
    spy.write_text(f'#!/bin/sh\necho "cargo $*" >> "{log}"\nexec "{real}" "$@"\n')
    spy.chmod(spy.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return str(where)
