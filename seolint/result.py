"""What analysing one page yields (PageResult), and the stamping of findings: a rule's Violation
becomes a Finding (stamp), a crashed rule a Z001 (internal_error), a fact a source found itself a
source finding (source_finding).

Below the sources and the analysis, so that both build results the same way: a crawl records a
page it could not fetch as a PageResult with an X002 without importing the analysis. Imports:
registry, rule, config, document.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from typing import Any

from seolint.config import Settings
from seolint.document import PageSummary
from seolint.registry import ConfiguredRule, select_rules
from seolint.rule import Finding, Rule, Violation


@dataclass(frozen=True, slots=True)
class PageResult:
    url: str | None  # public URL, None for a file without base-url
    path: str | None
    kind: str | None  # None when the page could not be parsed
    title: str | None
    words: int
    findings: tuple[Finding, ...]
    not_applicable: tuple[str, ...]  # rule codes that did not apply to this page
    summary: PageSummary | None
    metrics: dict[str, Any] = field(default_factory=dict)  # seolint.metrics.page_metrics
    # Inline suppression comments (seolint.suppress.Directive), applied in build_report so they
    # cover site findings too
    directives: tuple[Any, ...] = ()
    assumed_urls: tuple[str, ...] = ()  # RawDocument.assumed_urls: links taken as existing

    @property
    def location(self) -> str:
        return self.path or self.url or "-"


def stamp(cr: ConfiguredRule, v: Violation, url: str | None, path: str | None) -> Finding | None:
    name = v.name or cr.rule.name
    if name in cr.dropped_names:
        return None
    severity = cr.severity if v.severity is None or cr.severity != cr.rule.severity else v.severity
    pos = v.pos
    return Finding(cr.rule.code, name, cr.rule.category, severity, v.message, v.fix, url, path,
                   pos.line, pos.column)


def internal_error(rule: Rule, exc: BaseException, url: str | None, path: str | None,
                   source_rules: dict[str, ConfiguredRule]) -> Finding:
    cr = source_rules.get("Z001")
    tb = "".join(traceback.format_exception(exc)).strip()
    return Finding(
        "Z001", "internal-error", "internal", cr.severity if cr else "error",
        f"Rule {rule.code} {rule.name} crashed on this page: {type(exc).__name__}: {exc}",
        "Report this seolint bug with the page attached; run with --debug for the traceback",
        url, path, None, None, (("traceback", tb),),
    )


def source_finding(settings: Settings, code: str, message: str, fix: str | None,
                   url: str | None, path: str | None, line: int | None = None,
                   severity: str | None = None) -> Finding | None:
    """A finding a source raises itself (an unreadable sitemap, a crawl trap), stamped like the
    engine's own X002; None when the rule is not selected. `severity` overrides the rule's only
    while the config leaves its severity alone (as a Violation's does)."""
    for cr in select_rules(settings):
        if cr.rule.code == code:
            sev = cr.severity if severity is None or cr.severity != cr.rule.severity else severity
            return Finding(code, cr.rule.name, cr.rule.category, sev,  # type: ignore[arg-type]
                           message, fix, url, path, line, None)
    return None


__all__ = ["PageResult", "internal_error", "source_finding", "stamp"]
