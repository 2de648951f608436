"""Every rule: its fixtures (fires where marked, silent elsewhere) and its docstring examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from seolint.testing import (
    builtin_rules,
    compare,
    compare_crawl,
    doc_section,
    doc_snippets,
    load_crawl_fixture,
    markers,
    parse_http,
    run_crawl_rule,
    run_http_rule,
    run_page_rule,
    run_site_rule,
    run_snippet,
)

from .conftest import FIXTURES

RULES = builtin_rules()
# Source rules the engine or a source raises itself, with no check function to run on a
# fixture: fetch failures and crawl traps (X002), non-HTML answers (X007), front matter that does
# not parse (F001), a rule that crashed (Z001), unused suppressions (Z002). test_crawl,
# test_markdown, test_suppress and test_cli cover them through real runs.
ENGINE_RAISED = frozenset({"X002", "X007", "F001", "Z001", "Z002", "Z003"})
CHECKED = {code: rule for code, rule in RULES.items() if code not in ENGINE_RAISED}
# Source rules with a check read crawl facts (redirects, robots.txt, sitemaps), not HTML: their
# fixtures and docstring examples are TOML crawl-fact files (seolint.testing.load_crawl_fixture).
CRAWL = frozenset(code for code, rule in CHECKED.items() if rule.scope == "source")
RULE_FIXTURES = FIXTURES / "rules"


def test_engine_raised_rules_are_the_source_rules_without_a_check() -> None:
    """A new rule cannot slip out of the fixture tests: only check-less rules are left out."""
    assert {code for code, rule in RULES.items() if rule.check is None} == ENGINE_RAISED
    assert all(RULES[code].scope == "source" for code in ENGINE_RAISED)
    assert CRAWL == {"D008", "D009", "X003", "X005"}


def _page_cases() -> list[tuple[str, Path]]:
    cases = []
    for code, rule in CHECKED.items():
        if rule.scope != "page":
            continue
        folder = RULE_FIXTURES / code
        for path in sorted([*folder.glob("*.htm*"), *folder.glob("*.http")]):
            cases.append((code, path))
    return cases


def _site_cases() -> list[tuple[str, Path]]:
    cases = []
    for code, rule in CHECKED.items():
        if rule.scope != "site":
            continue
        for path in sorted(p for p in (RULE_FIXTURES / code).iterdir() if p.is_dir()):
            cases.append((code, path))
    return cases


def _crawl_cases() -> list[tuple[str, Path]]:
    return [(code, path) for code in sorted(CRAWL)
            for path in sorted((RULE_FIXTURES / code).glob("*.toml"))]


@pytest.mark.parametrize(("code", "path"), _page_cases(), ids=lambda v: getattr(v, "name", v))
def test_page_rule_fixture(code: str, path: Path) -> None:
    """HTML fixtures, and raw HTTP responses (`.http`: status line, headers, blank line, body;
    marker lines count from the start of the body) for rules that read status or headers."""
    text = path.read_text(encoding="utf-8")
    body = parse_http(text)[2] if path.suffix == ".http" else text
    expected = [e for e in markers(body) if e.code == code]
    if path.name.startswith("fine"):
        assert not expected, "a fine* fixture must carry no expect marker"
    else:
        assert expected, "a fixture that is not fine* must mark where the rule fires"
    rule = CHECKED[code]
    found = (run_http_rule(rule, text, path=path.name) if path.suffix == ".http"
             else run_page_rule(rule, text, path=path.name))
    assert compare(expected, [(code, v.pos.line) for v in found]) == []


@pytest.mark.parametrize(("code", "folder"), _site_cases(), ids=lambda v: getattr(v, "name", v))
def test_site_rule_fixture(code: str, folder: Path) -> None:
    pages = [(p.relative_to(folder).as_posix(), p.read_text(encoding="utf-8"))
             for p in sorted(folder.rglob("*.htm*"))]
    extra = [p.relative_to(folder).as_posix() for p in folder.rglob("*")
             if p.is_file() and p.suffix not in (".html", ".htm")]
    violations = run_site_rule(CHECKED[code], pages, extra_files=extra)
    for path, text in pages:
        expected = [e for e in markers(text) if e.code == code]
        got = [(code, v.pos.line) for v in violations if v.page and v.page.path == path]
        assert compare(expected, got) == [], path
    if folder.name.startswith("fine"):
        assert not violations


@pytest.mark.parametrize(("code", "path"), _crawl_cases(), ids=lambda v: getattr(v, "name", v))
def test_crawl_rule_fixture(code: str, path: Path) -> None:
    """TOML crawl facts: each finding lands on the [[url]], [[page]] or [[sitemap]] entry whose
    `expect` names it, and nowhere else."""
    rule = CHECKED[code]
    fixture = load_crawl_fixture(path.read_text(encoding="utf-8"))
    if path.name.startswith("fine"):
        assert not fixture.expected, "a fine* fixture must expect nothing"
    else:
        assert fixture.expected, "a fixture that is not fine* must say what fires where"
    found = run_crawl_rule(rule, fixture)
    assert compare_crawl(rule, fixture, found) == []


@pytest.mark.parametrize("code", sorted(CHECKED))
def test_rule_has_fixtures_that_fire_and_stay_silent(code: str) -> None:
    folder = RULE_FIXTURES / code
    entries = sorted(folder.iterdir()) if folder.is_dir() else []
    if code in CRAWL:  # the crawl-fact fixtures (D008 also has folders `check DIR` lints)
        entries = [p for p in entries if p.suffix == ".toml"]
    assert any(p.name.startswith("fine") for p in entries), f"{code}: no fine* fixture"
    assert any(not p.name.startswith("fine") for p in entries), f"{code}: no firing fixture"


@pytest.mark.parametrize("code", sorted(CHECKED))
def test_docstring_examples(code: str) -> None:
    """The docs cannot drift: "Example" must fire, "Use instead" must not (pycodestyle's way)."""
    rule = CHECKED[code]
    examples = doc_snippets(rule, "Example")
    better = doc_snippets(rule, "Use instead")
    assert examples and better, f"{code}: docstring needs Example and Use instead code blocks"
    if code in CRAWL:
        assert {kind for kind, _ in examples + better} == {"toml"}, f"{code}: ```toml blocks"
        for _, text in examples:
            fixture = load_crawl_fixture(text)
            found = run_crawl_rule(rule, fixture)
            assert found, f"{code}: Example does not fire"
            assert compare_crawl(rule, fixture, found) == [], f"{code}: Example's expect"
        for _, text in better:
            fixture = load_crawl_fixture(text)
            assert not fixture.expected, f"{code}: Use instead expects a finding"
            assert not run_crawl_rule(rule, fixture), f"{code}: Use instead fires"
        return
    if rule.scope == "site":
        pages = [(f"page{i}.html", html) for i, (_, html) in enumerate(examples)]
        assert run_site_rule(rule, pages), f"{code}: Example does not fire"
        pages = [(f"page{i}.html", html) for i, (_, html) in enumerate(better)]
        assert not run_site_rule(rule, pages), f"{code}: Use instead fires"
        return
    for kind, text in examples:
        assert run_snippet(rule, kind, text), f"{code}: Example does not fire"
    for kind, text in better:
        assert not run_snippet(rule, kind, text), f"{code}: Use instead fires"


@pytest.mark.parametrize("code", sorted(RULES))
def test_docstring_has_ruff_sections(code: str) -> None:
    rule = RULES[code]
    assert rule.doc.strip(), f"{code}: no docstring"
    for section in ("What it does", "Why is this bad?"):
        assert doc_section(rule.doc, section).strip(), f"{code}: no '## {section}' section"


@pytest.mark.parametrize("code", sorted(RULES))
def test_messages_and_names_follow_conventions(code: str) -> None:
    rule = RULES[code]
    assert rule.name == rule.name.lower() and " " not in rule.name and "_" not in rule.name
    assert rule.code[0].isupper() and rule.code[1:].isdigit() and len(rule.code) == 4
