"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

- `tool.driver.rules`: every rule of the run, with its short description (the docstring's first
  line), full description ("What it does"), help (the whole docstring, as text and Markdown) and
  default level;
- `results`: ruleId and ruleIndex, level (error, warning, note), the message with its fix, a
  repository-relative `artifactLocation.uri` (percent-encoded, under `%SRCROOT%`) and
  `region.startLine` (1 when the finding is on the file as a whole, which GitHub requires);
- `partialFingerprints["seolint/v1"]`: location, rule, message (digits folded) and occurrence,
  never the line, so an alert survives lines moving above it (seolint.baseline.fingerprints).

Findings with no file (a crawled URL) point at the URL itself. Tests validate the output
against the official schema (../shared/schemas/sarif-schema-2.1.0.json).
"""

from __future__ import annotations

import json
import re
from typing import IO, Any
from urllib.parse import quote

from seolint import __version__
from seolint.baseline import fingerprints
from seolint.reporters.ci import SARIF_LEVELS, repo_path, repo_root

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SECTION = re.compile(r"^## (.+?)\s*$", re.MULTILINE)


def _section(doc: str, title: str) -> str:
    parts = _SECTION.split(doc)
    for i in range(1, len(parts) - 1, 2):
        if parts[i].strip().lower() == title.lower():
            return " ".join(parts[i + 1].split())
    return ""


def _rule(rule: Any, level: str) -> dict[str, Any]:
    doc = (rule.doc or "").strip()
    summary = rule.summary
    what = _section(doc, "What it does") or summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": what},
        "help": {"text": doc or summary, "markdown": doc or summary},
        "defaultConfiguration": {"level": level},
        "properties": {"category": rule.category, "tags": ["seo", rule.category],
                       "names": list(rule.names)},
    }


def _uri(path: str, root: Any) -> tuple[str, bool]:
    """(uri, relative) for a finding's file."""
    rel = repo_path(path, root)
    if rel.startswith("/"):
        return "file://" + quote(rel, safe="/"), False
    return quote(rel, safe="/"), True


def sarif_dict(report: Any) -> dict[str, Any]:
    described = {cr.rule.code: (cr.rule, cr.severity) for cr in report.rules}
    for f in report.findings:  # a finding of a rule not selected (Z001 is raised regardless)
        if f.code not in described:
            from seolint.registry import load_rules

            rule = load_rules().get(f.code)
            if rule is not None:
                described[f.code] = (rule, f.severity)
    codes = sorted(described)
    index = {code: i for i, code in enumerate(codes)}
    rules = [_rule(described[c][0], SARIF_LEVELS[described[c][1]]) for c in codes]
    root = repo_root()
    results = []
    for f, fp in zip(report.findings, fingerprints(report.findings), strict=True):
        text = f.message + (f"\nFix: {f.fix}" if f.fix else "")
        location: dict[str, Any]
        if f.path:
            uri, relative = _uri(f.path, root)
            artifact: dict[str, Any] = {"uri": uri}
            if relative:
                artifact["uriBaseId"] = "%SRCROOT%"
            region: dict[str, Any] = {"startLine": f.line or 1}
            if f.line and f.column:
                region["startColumn"] = f.column
            location = {"physicalLocation": {"artifactLocation": artifact, "region": region}}
        else:
            location = {"physicalLocation": {"artifactLocation": {"uri": f.url or "about:blank"}}}
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": SARIF_LEVELS[f.severity],
            "message": {"text": text},
            "locations": [location],
            "partialFingerprints": {"seolint/v1": fp},
            "properties": {"name": f.name, "category": f.category, "severity": f.severity},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        if f.url:
            result["properties"]["url"] = f.url
        if f.fix:
            result["properties"]["fix"] = f.fix
        results.append(result)
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "seolint", "version": __version__,
                            "semanticVersion": __version__, "rules": rules}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    score = getattr(report, "score", None)
    if score is not None:
        run["properties"] = {"score": score}
    verdict = list(getattr(report, "verdict", ()))
    # The tool ran (executionSuccessful); whether its gates pass is seolint's own property,
    # with the reasons stderr gives
    run["invocations"] = [{"executionSuccessful": True,
                           "properties": {"gatePassed": not verdict, "gateFailed": verdict}}]
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(report: Any, out: IO[str], color: bool = False) -> None:
    json.dump(sarif_dict(report), out, ensure_ascii=False, indent=2)
    out.write("\n")
