"""A plain, non-editable install ships every rule as seolint.rules and finds them all."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from seolint.testing import rule_modules

from .conftest import ROOT


def test_wheel_ships_rules_as_seolint_rules_and_registers_them(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path / "dist"), str(ROOT)],
        check=True, capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("seolint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert not any(n.startswith("rules/") for n in names), "no top-level `rules` package"
    for module in rule_modules():
        assert module.replace(".", "/") + ".py" in names
    assert "seolint/data/liberation_sans_widths.json" in names

    # Install it on its own and load every rule through its entry points.
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    probe = f"""
import sys
sys.path.insert(0, {str(target)!r})
from importlib.metadata import PathDistribution, distributions
import seolint
assert seolint.__file__.startswith({str(target)!r}), seolint.__file__
(dist,) = [d for d in distributions(path=[{str(target)!r}]) if d.metadata["Name"] == "seolint"]
eps = [ep for ep in dist.entry_points if ep.group == "seolint.rules"]
from seolint.registry import collect
rules = collect([(ep.name, ep.load()) for ep in eps])
print(len(rules), sorted(set(r.module for r in rules.values())) == sorted({rule_modules()!r}))
"""
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    count, complete = out.stdout.split()
    assert int(count) >= len(rule_modules()) and complete == "True"
