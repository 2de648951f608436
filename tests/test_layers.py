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
    assert "1 kept, 0 broken" in out.stdout, out.stdout


def test_a_back_arrow_breaks_the_contract(tmp_path: Path) -> None:
    """The contract can fail: config importing the engine (the circle this contract ended) is
    reported, in a copy of the tree."""
    for part in ("seolint", "rules"):
        shutil.copytree(ROOT / part, tmp_path / part,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    config = tmp_path / "seolint" / "config.py"
    config.write_text(config.read_text(encoding="utf-8") + "\nimport seolint.engine\n",
                      encoding="utf-8")
    out = _lint_imports(tmp_path)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "seolint.config -> seolint.engine" in out.stdout, out.stdout


def test_no_module_is_over_800_lines() -> None:
    long = {}
    for folder in ("seolint", "rules"):
        for module in sorted((ROOT / folder).rglob("*.py")):
            lines = len(module.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES:
                long[module.relative_to(ROOT).as_posix()] = lines
    assert not long, f"modules over {MAX_LINES} lines (split them by job): {long}"
