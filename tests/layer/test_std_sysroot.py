"""The std builds of the test streams take turns: `cargo xtask build-std`
empties the sysroot's one work directory first, so a build for one target
beside a build for another broke it (the macOS fixture's std, while the
CPython stream built musl's, in a cold run of ci/test.sh)."""

import threading
import time

import std_sysroot


def test_builds_for_two_targets_take_turns(monkeypatch, tmp_path):
    monkeypatch.setattr(std_sysroot, "SYSROOT", tmp_path / "rust-sysroot")
    running, overlapped = [], []

    def build(target):
        running.append(target)
        overlapped.append(len(running) > 1)
        time.sleep(0.3)
        running.remove(target)
        return std_sysroot.SYSROOT

    monkeypatch.setattr(std_sysroot, "_std_sysroot", build)
    threads = [threading.Thread(target=std_sysroot.std_sysroot, args=(target,))
               for target in ("x86_64-unknown-linux-musl", "aarch64-apple-darwin")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert overlapped == [False, False]
