"""GitLab code quality (the Code Climate subset GitLab reads), for merge-request widgets.

A JSON array of issues: `description` (rule and message), `check_name` (the rule's code),
`fingerprint` (stable when lines move: seolint.baseline.fingerprints), `severity` (error ->
major, warning -> minor, info -> info, as eslint-formatter-gitlab maps them) and
`location.path` (repository-relative) with `lines.begin` (1 for findings on the file as a whole).
Findings with no file are located at their URL.
"""

from __future__ import annotations

import json
from typing import IO, Any

from seolint.baseline import fingerprints
from seolint.reporters.ci import GITLAB_SEVERITIES, repo_path, repo_root


def gitlab_issues(report: Any) -> list[dict[str, Any]]:
    root = repo_root()
    issues = []
    for f, fp in zip(report.findings, fingerprints(report.findings), strict=True):
        issue: dict[str, Any] = {
            "type": "issue",
            "check_name": f.code,
            "description": f"{f.code} {f.name}: {f.message}",
            "categories": ["Style"],
            "severity": GITLAB_SEVERITIES[f.severity],
            "fingerprint": fp,
            "location": {"path": repo_path(f.path, root) if f.path else (f.url or "-"),
                         "lines": {"begin": f.line or 1}},
        }
        if f.fix:
            issue["content"] = {"body": f.fix}
        issues.append(issue)
    return issues


def render(report: Any, out: IO[str], color: bool = False) -> None:
    json.dump(gitlab_issues(report), out, ensure_ascii=False, indent=2)
    out.write("\n")
