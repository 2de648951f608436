"""The layers of docs/architecture.md hold: imports flow one way (an import-linter contract in
pyproject.toml), and no module is over 800 lines."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

MAX_LINES = 800
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    if not LINT_IMPORTS.exists():
        pytest.fail("lint-imports is missing: install the test extras (pip install -e '.[test]')")
    # The checkout's folder first: `rules` is read from rules/, and seolint from seolint/ (not
    # whatever the interpreter has installed)
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--no-logo", "pyproject.toml"],
                          cwd=root, capture_output=True, text=True, timeout=300,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)})


def test_imports_flow_one_way() -> None:
    out = _lint_imports(ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "2 kept, 0 broken" in out.stdout, out.stdout


@pytest.mark.parametrize(("module", "line", "broken"), [
    # config importing the engine: the circle the layers contract ended
    ("seolint/config.py", "import seolint.engine", "seolint.config -> seolint.engine"),
    # the outbound-link check's network I/O back inside the engine (as build_report once ran
    # it), even as an import inside a function
    ("seolint/engine.py",
     "def _links():\n    from seolint.sources.linkcheck import check_outbound\n",
     "seolint.engine -> seolint.sources.linkcheck"),
], ids=["layers", "engine-does-no-link-io"])
def test_a_back_arrow_breaks_a_contract(tmp_path: Path, module: str, line: str,
                                        broken: str) -> None:
    """Each contract can fail: the import is reported, in a copy of the tree."""
    for part in ("seolint", "rules"):
        shutil.copytree(ROOT / part, tmp_path / part,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    out = _lint_imports(tmp_path)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "1 kept, 1 broken" in out.stdout, out.stdout
    assert broken in out.stdout, out.stdout


def test_no_module_is_over_800_lines() -> None:
    long = {}
    for folder in ("seolint", "rules"):
        for module in sorted((ROOT / folder).rglob("*.py")):
            lines = len(module.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES:
                long[module.relative_to(ROOT).as_posix()] = lines
    assert not long, f"modules over {MAX_LINES} lines (split them by job): {long}"
