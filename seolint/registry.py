"""Rule discovery and selection.

Every rule, built-in or third-party, registers through the `seolint.rules` entry-point group (as
flake8 and sqlfluff do): an entry point names a module (all the Rule objects in it register) or a
single Rule. A code or name claimed twice is a hard error naming both owners.

Selectors (`--select`, `--ignore`, config) are a code (`T003`), a code prefix (`T`, `T00`), a
name (`title-too-long`), a category (`titles`) or `ALL`. Ignoring one of a rule's two names
(`invalid-canonical`) drops only findings of that name.
"""

from __future__ import annotations

import types
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import entry_points
from typing import Any

from seolint.config import ConfigError, Settings, build_options
from seolint.rule import CATEGORIES, Rule, Severity
from seolint.suggest import did_you_mean

ENTRY_POINT_GROUP = "seolint.rules"


class RegistryError(Exception):
    """Two plugins claim one rule code or name, or a plugin fails to load (exit 2)."""


@dataclass(frozen=True, slots=True)
class ConfiguredRule:
    """A selected rule with its options and effective severity for this run."""

    rule: Rule
    options: Any
    severity: Severity
    dropped_names: frozenset[str] = frozenset()  # names ignored on their own


def _rules_in(obj: Any) -> list[Rule]:
    if isinstance(obj, Rule):
        return [obj]
    if isinstance(obj, types.ModuleType):
        return [v for v in vars(obj).values() if isinstance(v, Rule)]
    return []


def collect(loaded: Iterable[tuple[str, Any]]) -> dict[str, Rule]:
    """Rules by code from (owner, loaded entry point) pairs, refusing duplicates."""
    by_code: dict[str, Rule] = {}
    owners: dict[str, str] = {}
    for owner, obj in loaded:
        found = _rules_in(obj)
        if not found:
            raise RegistryError(f"entry point {owner!r} holds no seolint rule")
        for rule in found:
            for key in (rule.code, *rule.names):
                if key in owners and owners[key] != f"{rule.module}:{rule.code}":
                    raise RegistryError(
                        f"rule {key!r} is defined twice: by {owners[key]} and by "
                        f"{rule.module}:{rule.code}"
                    )
                owners[key] = f"{rule.module}:{rule.code}"
            by_code[rule.code] = rule
    return dict(sorted(by_code.items()))


@lru_cache(maxsize=1)
def load_rules() -> dict[str, Rule]:
    """Every registered rule, by code, sorted."""
    loaded: list[tuple[str, Any]] = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded.append((f"{ep.name} = {ep.value}", ep.load()))
        except Exception as exc:  # a broken plugin must say which one it is
            raise RegistryError(f"cannot load rule plugin {ep.value!r}: {exc}") from exc
    if not loaded:
        raise RegistryError(
            "no rules are registered: seolint is not installed (run `pip install .`)"
        )
    return collect(loaded)


def explain_markdown(rule: Rule) -> str:
    """A rule's documentation as `seolint explain` prints it (and the language server's hover
    shows it): code, names, category and severity, the docstring, then its options."""
    from seolint.config import options_doc

    head = f"# {rule.code} {' / '.join(rule.names)}\n\n*{rule.category}, {rule.severity}*\n\n"
    body = rule.doc.strip()
    opts = options_doc(rule.options)
    if opts and "## Options" not in body:
        body += "\n\n## Options\n" + "\n".join(f"- `{k}` (default {v!r})" for k, v in opts)
    return head + body


def find_rule(key: str, rules: dict[str, Rule] | None = None) -> Rule | None:
    rules = load_rules() if rules is None else rules
    key_l = key.strip().lower()
    for rule in rules.values():
        if rule.code.lower() == key_l or key_l in rule.names:
            return rule
    return None


def _matches(selector: str, rules: dict[str, Rule]) -> tuple[set[str], str | None]:
    """(codes matched, the single name matched when the selector is one of a rule's names)."""
    sel = selector.strip()
    low = sel.lower()
    if sel.upper() == "ALL":
        return set(rules), None
    if low in CATEGORIES:
        return {c for c, r in rules.items() if r.category == low}, None
    for code, rule in rules.items():
        if low in rule.names:
            return {code}, (low if rule.aliases else None)
    upper = sel.upper()
    codes = {c for c in rules if c.startswith(upper)}
    if codes and upper[:1].isalpha():
        return codes, None
    raise ConfigError(f"unknown rule or category {selector!r}"
                      + (did_you_mean(sel, _known_names(rules)) or " (see `seolint rules`)"))


def _known_names(rules: dict[str, Rule]) -> list[str]:
    """Every code, name and category a selector may spell, for "did you mean"."""
    return [*rules, *(n for r in rules.values() for n in r.names), *CATEGORIES]


def select_rules(settings: Settings, rules: dict[str, Rule] | None = None) -> list[ConfiguredRule]:
    """The rules this run uses, configured, in code order."""
    rules = load_rules() if rules is None else rules
    chosen: set[str] = set()
    for sel in settings.select:
        codes, _ = _matches(sel, rules)
        if sel.upper() == "ALL":
            codes = {c for c in codes if rules[c].default_enabled}
        chosen |= codes
    for sel in settings.extend_select:
        chosen |= _matches(sel, rules)[0]
    dropped: dict[str, set[str]] = {}
    for sel in settings.ignore:
        codes, name = _matches(sel, rules)
        if name is not None:
            dropped.setdefault(next(iter(codes)), set()).add(name)
        else:
            chosen -= codes
    where = settings.source or "config"
    tables: dict[str, dict[str, Any]] = {}
    for key, items in settings.rules:
        rule = find_rule(key, rules)
        if rule is None:
            raise ConfigError(f"{where}: [rules.{key}]: unknown rule {key!r}"
                              + did_you_mean(key, _known_names(rules)))
        tables[rule.code] = dict(items)
    out: list[ConfiguredRule] = []
    for code in sorted(chosen):
        rule = rules[code]
        opts, severity = build_options(rule.options, tables.get(code, {}),
                                       f"{where}: [rules.{rule.name}]")
        out.append(ConfiguredRule(rule, opts, severity or rule.severity,
                                  frozenset(dropped.get(code, ()))))
    return out


def check_selectors(selectors: Iterable[str], rules: dict[str, Rule] | None = None) -> None:
    """Raise ConfigError for any selector that matches no rule (per-path ignores)."""
    rules = load_rules() if rules is None else rules
    for sel in selectors:
        _matches(sel, rules)


def selector_matches(selector: str, code: str, name: str, rules: dict[str, Rule]) -> bool:
    codes, single = _matches(selector, rules)
    return code in codes and (single is None or single == name)
