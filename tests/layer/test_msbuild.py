"""The MSBuild integration (msbuild/rust.targets, docs/windows.md): no MSBuild
runs here, so these tests check what can be checked on Linux. The file is
well-formed MSBuild XML that runs the build driver with each $(Platform)'s
Rust target (its map is generated from the platform table: `cargo regen
--check`), and `cargo cpython apply` edits real 3.11 and 3.13 PCbuild
projects into well-formed XML with the file's own CRLF line ends."""

import subprocess
import xml.etree.ElementTree as ET

import pytest

from fixture import REPO, cpython_tree

MSBUILD = "{http://schemas.microsoft.com/developer/msbuild/2003}"


def test_rust_targets_runs_the_driver_for_each_platform():
    root = ET.parse(REPO / "msbuild" / "rust.targets").getroot()
    targets = {t.get("Condition").split("'$(Platform)' == '")[1].rstrip("'"): t.text
               for t in root.iter(f"{MSBUILD}RustTarget")}
    assert targets == {"x64": "x86_64-pc-windows-msvc", "Win32": "i686-pc-windows-msvc",
                       "ARM64": "aarch64-pc-windows-msvc"}
    build = next(t for t in root.iter(f"{MSBUILD}Target") if t.get("Name") == "RustBuild")
    commands = [e.get("Command") for e in build.iter(f"{MSBUILD}Exec")]
    assert any("xtask.exe\" build " in c and "--target $(RustTarget)" in c
               and "--profile $(RustProfile)" in c for c in commands), commands
    errors = [e.get("Text") for e in build.iter(f"{MSBUILD}Error")]
    assert any("Fix: pass /p:RustTarget=" in e for e in errors), errors
    link = next(root.iter(f"{MSBUILD}AdditionalDependencies")).text
    assert link.startswith("@(RustArchive->'$(RustOutDir)%(Identity).lib')"), link


@pytest.mark.parametrize("version", ["3.11", "3.13"])
def test_cpython_apply_edits_pcbuild(tmp_path, version):
    tree = cpython_tree(tmp_path, version)
    apply = ["cargo", "cpython", "apply", str(tree), "--no-regen"]
    done = subprocess.run(apply, cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tree / "msbuild" / "rust.targets").is_file()
    project = tree / "PCbuild" / "pythoncore.vcxproj"
    raw = project.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n"), "the edits broke the CRLF line ends"
    root = ET.parse(project).getroot()
    for module in ("binascii", "_json"):
        compiled = {c.get("Include"): c.get("Condition")
                    for c in root.iter(f"{MSBUILD}ClCompile")
                    if rf"Modules\{module}" in (c.get("Include") or "")}
        assert compiled == {rf"..\Modules\{module}_rust.c": "'$(WithRust)' == 'true'",
                            rf"..\Modules\{module}.c": "'$(WithRust)' != 'true'"}
    imports = [i.get("Project") for i in root.iter(f"{MSBUILD}Import")
               if i.get("Condition") == "'$(WithRust)' == 'true'"]
    assert imports == [r"..\msbuild\rust.targets"]
    env = next(root.iter(f"{MSBUILD}RustEnv")).text
    pyconfig_dir = "$(IntDir)" if version == "3.13" else "$(PySourcePath)PC"
    assert env == f"CPYTHON_SRCDIR=$(PySourcePath);CPYTHON_BUILDDIR={pyconfig_dir}"
    again = subprocess.run(apply, cwd=REPO, capture_output=True, text=True)
    assert again.returncode == 0 and project.read_bytes() == raw, "apply is not idempotent"
