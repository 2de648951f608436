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
            # Scores arrive with the scoring module; until then they are absent, never made up.
            "score": None,
            "categories": {},
        },
        "pages": [
            {"url": p.url, "path": p.path, "kind": p.kind, "title": p.title, "words": p.words,
             "findings": len(p.findings), "not_applicable": list(p.not_applicable),
             "score": None, "categories": {}, "metrics": p.metrics}
            for p in report.pages
        ],
        "findings": [finding_dict(f) for f in report.findings],
        "fixes": [],
    }


def render(report: Report, out: IO[str], color: bool = False) -> None:
    json.dump(report_dict(report), out, ensure_ascii=False, indent=2)
    out.write("\n")
