"""Helpers for testing rules (ours and plugins'): run one rule on HTML, read fixture markers,
and pull the Example / Use instead snippets out of a rule's docstring.

Fixture markers, as markdownlint keeps expectations inside its fixtures:
- `<!-- expect: CODE -->` on a line: a finding of CODE on that line;
- `<!-- expect-page: CODE -->` anywhere: a finding of CODE on the page, whatever its line.
A file with no marker for the rule under test must give no finding of it.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from seolint.config import build_options
from seolint.document import RawDocument, Site
from seolint.engine import summarise
from seolint.parse import PSEUDO_ORIGIN, parse
from seolint.rule import Rule, Violation
from seolint.sources.files import file_url

MARKER = re.compile(r"<!--\s*expect(-page)?:\s*([A-Z]\d{3}(?:\s*,\s*[A-Z]\d{3})*)\s*-->")
_SECTION = re.compile(r"^## (.+?)\s*$", re.MULTILINE)
_BLOCK = re.compile(r"```(html|http)\n(.*?)```", re.DOTALL)
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)


def builtin_rules() -> dict[str, Rule]:
    """Rules found by importing every module of seolint.rules (not through entry points)."""
    import seolint.rules as pkg

    out: dict[str, Rule] = {}
    for info in pkgutil.iter_modules(pkg.__path__):
        module = importlib.import_module(f"seolint.rules.{info.name}")
        for value in vars(module).values():
            if isinstance(value, Rule):
                out[value.code] = value
    return dict(sorted(out.items()))


def rule_modules() -> list[str]:
    import seolint.rules as pkg

    return sorted(f"seolint.rules.{i.name}" for i in pkgutil.iter_modules(pkg.__path__))


def options_for(rule: Rule, overrides: dict[str, Any] | None = None) -> Any:
    return build_options(rule.options, overrides or {}, f"[rules.{rule.name}]")[0]


def run_page_rule(rule: Rule, html: str | bytes, *, path: str = "page.html",
                  url: str | None = None, options: dict[str, Any] | None = None,
                  **doc: Any) -> list[Violation]:
    """Parse `html` as a local file and run one page rule on it. An inapplicable rule gives []."""
    body = html.encode("utf-8") if isinstance(html, str) else html
    page = parse(RawDocument(url=url or f"{PSEUDO_ORIGIN}/{path}", path=path, body=body, **doc))
    if not rule.is_applicable(page):
        return []
    assert rule.check is not None
    return list(rule.check(page, options_for(rule, options)))


def run_site_rule(rule: Rule, pages: Iterable[tuple[str, str | bytes]], *,
                  options: dict[str, Any] | None = None, complete: bool = True,
                  extra_files: Iterable[str] = ()) -> list[Violation]:
    """Parse (path, html) pairs as files of one folder and run one site rule over them."""
    from pathlib import PurePosixPath

    summaries = []
    known = set()
    for path, html in pages:
        body = html.encode("utf-8") if isinstance(html, str) else html
        url = file_url(PurePosixPath(path), None)
        known.add(url)
        summaries.append(summarise(parse(RawDocument(url=url, path=path, body=body)), body,
                                   fingerprint=True))
    for path in extra_files:
        known.add(file_url(PurePosixPath(path), None))
    assert rule.check is not None
    site = Site(tuple(summaries), frozenset(known), complete)
    return list(rule.check(site, options_for(rule, options)))


@dataclass(frozen=True)
class Expected:
    code: str
    line: int | None  # None: anywhere on the page


def markers(text: str) -> list[Expected]:
    out: list[Expected] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        for m in MARKER.finditer(line):
            for code in re.split(r"\s*,\s*", m.group(2)):
                out.append(Expected(code, None if m.group(1) else lineno))
    return out


def compare(expected: list[Expected], got: list[tuple[str, int | None]]) -> list[str]:
    """Differences between markers and findings, as readable lines (empty when they agree)."""
    problems: list[str] = []
    want = Counter((e.code, e.line) for e in expected if e.line is not None)
    anywhere = Counter(e.code for e in expected if e.line is None)
    have = Counter(got)
    for key, n in (want - have).items():
        problems.append(f"missing {key[0]} on line {key[1]} (x{n})")
    rest = have - want
    for (code, line), n in list(rest.items()):
        take = min(n, anywhere.get(code, 0))
        if take:
            anywhere[code] -= take
            rest[(code, line)] -= take
    for code, n in anywhere.items():
        if n > 0:
            problems.append(f"missing {code} anywhere on the page (x{n})")
    for (code, line), n in rest.items():
        if n > 0:
            problems.append(f"unexpected {code} on line {line} (x{n})")
    return problems


def doc_section(doc: str, title: str) -> str:
    parts = _SECTION.split(doc)
    for i in range(1, len(parts) - 1, 2):
        if parts[i].strip().lower() == title.lower():
            return parts[i + 1]
    return ""


def doc_snippets(rule: Rule, title: str) -> list[tuple[str, str]]:
    """(kind, text) of each ```html or ```http block in a docstring section."""
    return [(m.group(1), m.group(2)) for m in _BLOCK.finditer(doc_section(rule.doc, title))]


def parse_http(text: str) -> tuple[int, tuple[tuple[str, str], ...], str]:
    """A raw HTTP response (status line, headers, blank line, body) as (status, headers, body).

    Rules that read HTTP facts (status, headers) keep fixtures and examples in this form."""
    head, _, body = text.replace("\r\n", "\n").partition("\n\n")
    status_line, *header_lines = head.splitlines()
    headers = []
    for line in header_lines:
        name, _, value = line.partition(":")
        headers.append((name.strip(), value.strip()))
    return int(status_line.split()[1]), tuple(headers), body


def run_http_rule(rule: Rule, text: str, *, path: str = "page.html",
                  options: dict[str, Any] | None = None) -> list[Violation]:
    """Run a page rule on a raw HTTP response, as if the page had been fetched."""
    status, headers, body = parse_http(text)
    ctype = {k.lower(): v for k, v in headers}.get("content-type", "")
    m = _CHARSET.search(ctype)
    return run_page_rule(rule, body, path=path, options=options, status=status, headers=headers,
                         charset=m.group(1) if m else None)


def run_snippet(rule: Rule, kind: str, text: str, path: str = "example.html") -> list[Violation]:
    return run_http_rule(rule, text, path=path) if kind == "http" else run_page_rule(
        rule, text, path=path)


__all__ = [
    "Expected",
    "builtin_rules",
    "compare",
    "doc_section",
    "doc_snippets",
    "markers",
    "parse_http",
    "run_http_rule",
    "run_page_rule",
    "run_site_rule",
]
