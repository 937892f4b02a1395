"""The staged --with-rust policy of configure-rust.m4, on the fixture project.

Every stage x every --with-rust value x every toolchain state: configure's
exit status, the words of its message (the problem and its fix), and whether
the build then uses Rust.  Modelled on the Linux kernel's
scripts/rust_is_available_test.py: real tools, plus stand-ins for broken ones.
"""

import re
import subprocess
from pathlib import Path

import pytest

from fixture import (MIN_RUST, REQUIRED_SINCE, STAND_INS, STAGES, configure, make_project,
                     real_tool, substs, target_without_std, tool_env)

VALUES = {
    "yes": ["--with-rust=yes"],
    "bare": ["--with-rust"],
    "no": ["--with-rust=no"],
    "without": ["--without-rust"],
    "auto": ["--with-rust=auto"],
    "default": [],
    "invalid": ["--with-rust=maybe"],
}
REQUESTS = {"yes": "yes", "bare": "yes", "no": "no", "without": "no", "auto": "auto",
            "default": "auto", "invalid": "invalid"}


def rustc_info(field: str) -> str:
    out = subprocess.run([real_tool("rustc"), "-vV"], capture_output=True, text=True,
                         check=True).stdout
    return re.search(rf"^{field}: (\S+)", out, re.M).group(1)




# Each toolchain state: how to set it up (tmp_path -> (env, configure args))
# and, when Rust is not usable in it, the words the message must contain:
# the problem and the fix.
def good(tmp):
    return tool_env(tmp), []


def no_cargo(tmp):
    return tool_env(tmp, {"rustc": real_tool("rustc")}), []


def no_rustc(tmp):
    return tool_env(tmp, {"cargo": real_tool("cargo")}), []


def rustc_too_old(tmp):
    env = tool_env(tmp, STAND_IN_RUST_VERSION="1.9.0", STAND_IN_REAL_RUSTC=real_tool("rustc"))
    return env, [f"RUSTC={STAND_INS / 'rustc-reporting-version'}"]


def cargo_too_old(tmp):
    env = tool_env(tmp, STAND_IN_CARGO_VERSION="1.73.9", STAND_IN_REAL_CARGO=real_tool("cargo"))
    return env, [f"CARGO={STAND_INS / 'cargo-reporting-version'}"]


def rustc_fails(tmp):
    return tool_env(tmp), [f"RUSTC={STAND_INS / 'failing-tool'}"]


def rustc_not_executable(tmp):
    plain = Path(tmp) / "rustc-without-x-bit"
    plain.write_text("#!/bin/sh\n")
    plain.chmod(0o644)
    return tool_env(tmp), [f"RUSTC={plain}"]


def std_missing(tmp):
    return tool_env(tmp), [f"RUST_TARGET={target_without_std()}"]


def target_override(tmp):
    return tool_env(tmp), [f"RUST_TARGET={rustc_info('host')}"]


def target_invalid(tmp):
    return tool_env(tmp), ["RUST_TARGET=no-such-target"]


STATES = {
    # name: (setup, None when usable, else the words of problem and fix)
    "good": (good, None),
    "no-cargo": (no_cargo, ["cargo not found", "https://rustup.rs", "CARGO=/path/to/cargo"]),
    "no-rustc": (no_rustc, ["rustc not found", "https://rustup.rs", "RUSTC=/path/to/rustc"]),
    "rustc-too-old": (rustc_too_old, ["rustc 1.9.0 is older than the minimum rustc " + MIN_RUST,
                                      "rustup update", "RUSTC=/path/to/rustc"]),
    "cargo-too-old": (cargo_too_old, ["cargo 1.73.9 is older than the minimum cargo " + MIN_RUST,
                                      "rustup update", "CARGO=/path/to/cargo"]),
    "rustc-fails": (rustc_fails, ["failing-tool -vV' failed (exit status 1)",
                                  "stand-in tool failure", "RUSTC=/path/to/a/working/rustc"]),
    "rustc-not-executable": (rustc_not_executable, ["rustc-without-x-bit -vV' failed (exit status 126)",
                                                    "RUSTC=/path/to/a/working/rustc"]),
    "std-missing": (std_missing, ["has no standard library for", "rustup target add"]),
    "target-override": (target_override, None),
    "target-invalid": (target_invalid, ["RUST_TARGET=no-such-target is not a target",
                                        "--print target-list"]),
}


def expected(stage, request, usable):
    """What configure must do: the policy table of docs/reference.md."""
    if request == "invalid":
        return "error-invalid"
    if request == "no":
        return "error-required" if stage == "require" else "off-quietly"
    if usable:
        return "on"
    if request == "yes" or stage != "warn":
        return "error-unusable"
    return "off-with-warning"


def cases():
    for stage in STAGES:
        for value, request in REQUESTS.items():
            # The toolchain matters only when configure probes it; for the
            # other values one usable and one unusable state are enough.
            probed = request in ("yes", "auto") and value not in ("bare", "auto")
            for state in STATES if probed else ("good", "no-cargo"):
                yield pytest.param(stage, value, state, id=f"{stage}-{value}-{state}")


@pytest.mark.parametrize("stage,value,state", list(cases()))
def test_policy(tmp_path, stage, value, state):
    setup, words = STATES[state]
    env, args = setup(tmp_path)
    project = make_project(tmp_path, stage)
    result = configure(project, *VALUES[value], *args, env=env)
    out = result.stdout
    outcome = expected(stage, REQUESTS[value], words is None)
    summary = re.search(r"^checking whether to build Rust code\.\.\. (.*)$", out, re.M)

    made = substs(project, "WITH_RUST", "RUST_TRUE", "RUST_FALSE", "RUST_TARGET",
                  "RUST_NATIVE_STATIC_LIBS", "RUST_HIDE_LDFLAGS", "RUST_GC_LDFLAGS")
    if outcome.startswith("error"):
        assert result.returncode != 0, out
        assert "configure: error:" in out, out
        assert made is None, "a failed configure wrote config.status"
    else:
        assert result.returncode == 0, out
        assert summary, out

    if outcome == "on":
        assert made["WITH_RUST"] == "yes"
        assert (made["RUST_TRUE"], made["RUST_FALSE"]) == ("", "#")
        assert summary.group(1) == (f"yes (rustc {rustc_info('release')}, "
                                    f"target {made['RUST_TARGET']}, release)"), out
        assert "WARNING" not in out, out
    elif outcome.startswith("off"):
        assert made["WITH_RUST"] == "no"
        assert (made["RUST_TRUE"], made["RUST_FALSE"]) == ("#", "")
        # Nothing of Rust leaks into the host's link line.
        assert (made["RUST_NATIVE_STATIC_LIBS"] == made["RUST_HIDE_LDFLAGS"]
                == made["RUST_GC_LDFLAGS"] == "")
    if outcome == "off-quietly":
        assert summary.group(1) == "no (--with-rust=no)", out
        assert "WARNING" not in out, out
        assert "checking for cargo" not in out, "--with-rust=no must not probe the toolchain"
    elif outcome == "off-with-warning":
        assert summary.group(1).startswith("no ("), out
        warnings = [line for line in out.splitlines() if "WARNING" in line]
        for word in [*words, "--with-rust=no", f"required from {REQUIRED_SINCE}"]:
            assert sum(word in w for w in warnings) == 2, f"{word!r} not warned twice:\n{out}"
        # Repeated at the very end, after config.status has run.
        assert out.rstrip().splitlines()[-1].startswith("configure: WARNING: fix:"), out
    elif outcome == "error-unusable":
        error = out[out.index("configure: error:"):]
        for word in words:
            assert word in error, f"{word!r} missing from the error:\n{out}"
        if stage == "require":
            assert "--with-rust=no" not in error, out
            if REQUESTS[value] == "auto":
                assert f"Rust is required (since {REQUIRED_SINCE})" in error, out
        else:
            assert "or build without Rust: ./configure --with-rust=no" in error, out
    elif outcome == "error-required":
        error = out[out.index("configure: error:"):]
        assert error.startswith("configure: error: --with-rust=no is not supported: Rust is "
                                f"required since {REQUIRED_SINCE}"), out
        # refused after the probes: the fix is what they found
        if words is None:
            assert "fix: run configure without --with-rust=no (Rust is usable here" in error, out
        else:
            for word in words:
                assert word in error, f"{word!r} missing from the error:\n{out}"
            assert error.rstrip().endswith("then run configure without --with-rust=no"), out
    elif outcome == "error-invalid":
        assert "invalid value --with-rust=maybe" in out, out
        assert "valid values are yes, no and auto" in out, out
