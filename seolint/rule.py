"""The rule API: what a rule is, what it yields, and what the engine turns that into.

A rule yields :class:`Violation` (where, what, how to fix); the engine stamps each one with the
rule's code, name, category and severity to make a :class:`Finding` (sqlfluff's LintResult ->
LintError, markdownlint's onError).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from seolint.document import (
    ALL_HTML_FACTS,
    FACT_HEAD,
    Page,
    PageSummary,
    Position,
    Site,
    is_markdown_path,
)
from seolint.templating import generator_of

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}
Scope = Literal["page", "site", "source"]

CATEGORIES = (
    "titles", "meta", "headings", "readability", "keyphrase", "links", "images",
    "indexability", "evidence", "site", "internal",
)


class HasPos(Protocol):
    @property
    def pos(self) -> Position: ...


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule reports: where (an element with a position, a Position, or None for the whole
    page), a message with the numbers, and a fix that starts with a verb."""

    where: HasPos | Position | None
    message: str
    fix: str | None = None
    name: str | None = None  # which of the rule's names, for rules with two (M006, M008)
    severity: Severity | None = None  # overrides the rule's, e.g. Yoast's "bad" band
    page: PageSummary | None = None  # site rules: the page the finding belongs to
    # The fix when the same finding comes from a template many pages share (it must not name
    # this one page's URL or title): scoring uses it for a template fix.
    template_fix: str | None = None
    # Details a reporter may show under the message, as (key, value) pairs of plain data:
    # R002 and R004 name their sentences here so the writer knows which to change
    extra: tuple[tuple[str, Any], ...] = ()

    @property
    def pos(self) -> Position:
        if self.where is None:
            return Position()
        if isinstance(self.where, Position):
            return self.where
        return self.where.pos


@dataclass(frozen=True, slots=True)
class NoOptions:
    """For rules without options."""


PageCheck = Callable[[Page, Any], Iterator[Violation]]
SiteCheck = Callable[[Site, Any], Iterator[Violation]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    category: str
    severity: Severity
    scope: Scope
    check: Callable[..., Iterator[Violation]] | None
    options: type = NoOptions
    aliases: tuple[str, ...] = ()  # further names a rule's findings may carry
    requires: frozenset[str] = ALL_HTML_FACTS  # facts the page must supply, else not applicable
    applies: Callable[[Page], bool] | None = None  # e.g. posts only; else not applicable
    default_enabled: bool = True
    doc: str = ""
    module: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def summary(self) -> str:
        """The docstring's first line."""
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name

    @property
    def why(self) -> str:
        """Why it matters, in one line: the first sentence of the docs' "Why is this bad?"."""
        return why_line(self.doc)

    def is_applicable(self, page: Page) -> bool:
        if not self.requires <= page.facts:
            return False
        return self.applies is None or self.applies(page)


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding in a report. `url` is None where the page has no public URL; `path` is None
    where there is no file (a fetched URL)."""

    code: str
    name: str
    category: str
    severity: Severity
    message: str
    fix: str | None
    url: str | None
    path: str | None
    line: int | None
    column: int | None
    extra: tuple[tuple[str, Any], ...] = field(default=())

    @property
    def location(self) -> str:
        """What the finding is on: the file if there is one, else the URL."""
        return self.path or self.url or "-"

    def sort_key(self) -> tuple[Any, ...]:
        return (self.location, self.line or 0, self.column or 0, self.code, self.message)


def _make(scope: Scope) -> Callable[..., Callable[[Callable[..., Iterator[Violation]]], Rule]]:
    def decorator_factory(
        code: str,
        name: str,
        *,
        category: str,
        severity: Severity,
        options: type = NoOptions,
        aliases: tuple[str, ...] = (),
        requires: frozenset[str] = ALL_HTML_FACTS,
        applies: Callable[[Page], bool] | None = None,
        default_enabled: bool = True,
    ) -> Callable[[Callable[..., Iterator[Violation]]], Rule]:
        if category not in CATEGORIES:
            raise ValueError(f"rule {code}: unknown category {category!r}")
        if severity not in SEVERITIES:
            raise ValueError(f"rule {code}: unknown severity {severity!r}")

        def wrap(fn: Callable[..., Iterator[Violation]]) -> Rule:
            module = sys.modules.get(fn.__module__)
            return Rule(
                code=code, name=name, category=category, severity=severity, scope=scope,
                check=fn, options=options, aliases=aliases, requires=requires, applies=applies,
                default_enabled=default_enabled, doc=(module.__doc__ or "") if module else "",
                module=fn.__module__,
            )

        return wrap

    return decorator_factory


page_rule = _make("page")
site_rule = _make("site")


def source_rule(
    code: str, name: str, *, category: str, severity: Severity, module_doc: str, module: str
) -> Rule:
    """A rule whose findings the engine raises itself (a page that cannot be read, a rule that
    crashed): it has no check, but it is documented, selectable and explainable like any other."""
    return Rule(code=code, name=name, category=category, severity=severity, scope="source",
                check=None, doc=module_doc, module=module)


_WHY_HEADING = "## Why is this bad?"
WHY_LIMIT = 140  # characters: about one line of a terminal's fix table, or of a report


def why_line(doc: str) -> str:
    """Why a rule matters, on one line: the first sentence of its docstring's "Why is this bad?"
    section, and the second too when the first only says what the element is ("The h1 is the
    page's visible title": under 53 characters; "A wall of text is hard to scan, on a
    phone most of all" is a reason, and stands alone)."""
    start = doc.find(_WHY_HEADING)
    if start < 0:
        return ""
    body = doc[start + len(_WHY_HEADING):]
    end = body.find("\n## ")
    text = " ".join((body if end < 0 else body[:end]).split())
    first = _sentence(text)
    if len(first) < 53 and len(first) + 2 < len(text):
        second = _sentence(text[len(first) + 2:])
        first = f"{first}. {second}" if second else first
    # One line: a long sentence keeps its first clause when that says enough on its own.
    head, semicolon, _ = first.partition("; ")
    if len(first) > WHY_LIMIT and semicolon and len(head) >= 40:
        return head
    return first


def _sentence(text: str) -> str:
    """Up to the first ". " (or the end), without its full stop; "e.g. " does not end one."""
    pos = 0
    while True:
        dot = text.find(". ", pos)
        if dot < 0:
            return text.rstrip(".")
        if not text[:dot].endswith(("e.g", "i.e", "etc", "vs")):
            return text[:dot]
        pos = dot + 2


def is_markdown(page: Page) -> bool:
    """A Markdown source (front matter and body, no rendered <head>): fixes speak Markdown."""
    return FACT_HEAD not in page.facts and is_markdown_path(page.path)


def built_with(page: Page) -> str | None:
    """The name of the generator a built page names in <meta name="generator">, if known."""
    found = generator_of(page.metas)
    return found[1] if found else None


def is_post(page: Page) -> bool:
    return page.kind == "post"


def is_content_page(page: Page) -> bool:
    """Pages with content of their own: not redirect stubs."""
    return page.kind != "redirect"


def shorten(text: str, limit: int = 70) -> str:
    """Page text quoted in a message, cut with an ellipsis so one long title cannot flood a line."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
