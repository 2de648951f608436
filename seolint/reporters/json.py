"""The JSON report: stable and versioned (CLI.md). Bump REPORT_VERSION on any breaking change."""

from __future__ import annotations

import json
from typing import IO, Any

from seolint import __version__
from seolint.engine import Report
from seolint.rule import Finding

REPORT_VERSION = 1


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code, "name": f.name, "category": f.category, "severity": f.severity,
        "message": f.message, "fix": f.fix, "url": f.url, "path": f.path, "line": f.line,
        "column": f.column,
    }


def _page_scores(report: Report, location: str) -> dict[str, Any]:
    score = report.page_score(location)
    if score is None:
        return {"score": None, "categories": {}, "failed_rules": {}}
    # failed_rules: the per-rule breakdown, rule code -> the fraction of it failed on this page
    return {"score": score.score, "categories": score.categories, "failed_rules": score.failed}


def report_dict(report: Report) -> dict[str, Any]:
    counts = report.counts
    return {
        "version": REPORT_VERSION,
        "tool": {"name": "seolint", "version": __version__},
        "summary": {
            "pages": len(report.pages),
            "findings": len(report.findings),
            "errors": counts["error"],
            "warnings": counts["warning"],
            "infos": counts["info"],
            # findings not listed: dropped by inline comments / front-matter ignores, or held by
            # the --baseline file
            "suppressed": getattr(report, "suppressed", 0),
            "baselined": getattr(report, "baselined", 0),
            "score": report.score,
            "categories": report.scores.categories if report.scores else {},
            "rules": report.scores.rules if report.scores else {},
        },
        "pages": [
            {"url": p.url, "path": p.path, "kind": p.kind, "title": p.title, "words": p.words,
             "findings": len(p.findings), "not_applicable": list(p.not_applicable),
             **_page_scores(report, p.location), "metrics": p.metrics}
            for p in report.pages
        ],
        # the gates' verdict: `failed` lists why, as stderr says it ("3 findings at or above
        # error"); empty when the run passes
        "gate": {"fail_on": report.settings.fail_on, "fail_under": report.settings.fail_under,
                 "max_warnings": report.settings.max_warnings,
                 "passed": not report.verdict, "failed": list(report.verdict)},
        "findings": [finding_dict(f) for f in report.findings],
        "fixes": [
            {"code": x.code, "name": x.name, "category": x.category, "kind": x.kind,
             "severity": x.severity, "band": x.band, "why": x.why,
             "fix": x.fix, "pages": len(x.pages), "findings": x.findings, "gain": x.gain,
             "locations": list(x.pages)}
            for x in report.fixes
        ],
    }


def render(report: Report, out: IO[str], color: bool = False) -> None:
    """The report as indented JSON, with each page, finding and fix on a line of its own.

    json.dump with `indent` runs Python's pure-Python encoder (the C one only writes compact
    JSON): on a 3,000-page crawl that took 1.4 s. Each list item is encoded compactly by the C
    encoder instead, one per line, which also keeps the file greppable a finding a line."""
    data = report_dict(report)
    out.write("{\n")
    keys = list(data)
    for n, key in enumerate(keys):
        value = data[key]
        comma = "," if n < len(keys) - 1 else ""
        name = json.dumps(key)
        if isinstance(value, list):
            if not value:
                out.write(f"  {name}: []{comma}\n")
                continue
            out.write(f"  {name}: [\n")
            last = len(value) - 1
            for i, item in enumerate(value):
                out.write("    " + json.dumps(item, ensure_ascii=False, separators=(", ", ": "))
                          + (",\n" if i < last else "\n"))
            out.write(f"  ]{comma}\n")
        else:
            text = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            out.write(f"  {name}: {text}{comma}\n")
    out.write("}\n")
