"""Rule registration: entry points complete, duplicates refused, selection semantics."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from seolint.config import ConfigError, Settings
from seolint.registry import RegistryError, collect, load_rules, select_rules
from seolint.rule import page_rule
from seolint.testing import builtin_rules, rule_modules

from .conftest import ROOT


def test_every_module_in_rules_is_registered() -> None:
    registered = {r.module for r in load_rules().values()}
    assert set(rule_modules()) == registered
    assert set(builtin_rules()) == set(load_rules())


def test_pyproject_entry_points_are_in_sync() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "sync_entry_points.py"),
                           "--check"])
    assert proc.returncode == 0, "run: python tools/sync_entry_points.py && pip install -e ."


def _rule(code: str, name: str):  # type: ignore[no-untyped-def]
    @page_rule(code, name, category="titles", severity="info")
    def check(page, opts):  # type: ignore[no-untyped-def]
        yield from ()

    return replace(check, module=f"plugin_{name}")


def test_duplicate_codes_are_a_hard_error_naming_both_owners() -> None:
    with pytest.raises(RegistryError) as exc:
        collect([("a", _rule("T900", "one")), ("b", _rule("T900", "two"))])
    assert "plugin_one" in str(exc.value) and "plugin_two" in str(exc.value)
    with pytest.raises(RegistryError):
        collect([("a", _rule("T900", "same")), ("b", _rule("T901", "same"))])


def test_a_plugin_with_no_rule_is_refused() -> None:
    with pytest.raises(RegistryError, match="holds no seolint rule"):
        collect([("empty = os", sys)])


def test_select_and_ignore() -> None:
    chosen = {cr.rule.code for cr in select_rules(Settings(select=("T",), ignore=("T003",)))}
    assert "T003" not in chosen and all(c.startswith("T") for c in chosen)
    chosen = {cr.rule.code for cr in select_rules(Settings(select=("titles",)))}
    assert chosen == {c for c, r in load_rules().items() if r.category == "titles"}
    with pytest.raises(ConfigError, match="'Q'"):
        select_rules(Settings(select=("Q",)))


def test_rule_options_from_config() -> None:
    settings = Settings(select=("T003",), rules=(("title-too-long", (("max-chars", 70),
                                                                     ("severity", "error"))),))
    (cr,) = select_rules(settings)
    assert cr.options.max_chars == 70 and cr.severity == "error"


def test_rule_reference_is_current() -> None:
    """docs/rules.md is generated from the rules' docstrings (as ruff's rule pages are)."""
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_rule_table.py"), "--check"])
    assert proc.returncode == 0, "run: python tools/gen_rule_table.py"
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in load_rules().values():  # every rule has its section, with its docstring
        assert f"\n## {rule.code} {' / '.join(rule.names)}\n" in text
        assert rule.summary in text
