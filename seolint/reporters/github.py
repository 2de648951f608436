"""GitHub Actions: workflow-command annotations, and the job summary.

One line per finding, which GitHub shows on the file's line in the pull request:

    ::warning file=content/posts/a.md,line=4,title=T003 title-too-long::Title is 80 ...%0AFix: ...

Levels: error, warning, and `notice` for info. Escaping follows GitHub's toolkit
(`@actions/core`): in the message `%`, CR and LF become %25, %0D, %0A; in properties `:` and `,`
also become %3A and %2C. Control characters in page text are shown as visible escapes.

GitHub shows only 10 annotations of each level per step (and 50 per job), so when
`$GITHUB_STEP_SUMMARY` is set the Markdown summary (score, top fixes, every finding by file;
seolint.reporters.markdown) is appended to it: the summary carries the full picture.
"""

from __future__ import annotations

import os
from typing import IO, Any

from seolint.reporters.ci import GITHUB_LEVELS, repo_path, repo_root
from seolint.reporters.markdown import summary
from seolint.sanitize import clean

STEP_SUMMARY_BUDGET = 900_000  # characters; GitHub takes up to 1 MiB per step's summary


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Any, root: Any = None) -> str:
    props: list[str] = []
    if f.path:
        # A file name is page-supplied text too (`g\x1b[31m.html`): escaped as titles are.
        props.append("file=" + escape_property(clean(repo_path(f.path, root))))
        if f.line:
            props.append(f"line={f.line}")
            if f.column:
                props.append(f"col={f.column}")
    props.append("title=" + escape_property(f"{f.code} {f.name}"))
    message = clean(f.message, 1000)
    if not f.path and f.url:
        message += f" ({clean(f.url, 300)})"
    if f.fix:
        message += "\nFix: " + clean(f.fix, 1000)
    return f"::{GITHUB_LEVELS[f.severity]} {','.join(props)}::{escape_data(message)}"


def render(report: Any, out: IO[str], color: bool = False,
           step_summary: str | None = None) -> None:
    root = repo_root()
    for f in report.findings:
        out.write(annotation(f, root) + "\n")
    counts = report.counts
    score = getattr(report, "score", None)
    tail = f"seolint: {counts['error']} errors, {counts['warning']} warnings, " \
           f"{counts['info']} infos on {len(report.pages)} pages"
    if score is not None:
        tail += f"; score {score:g}/100"
    verdict = getattr(report, "verdict", ())
    if verdict:  # the job's log and its annotations say why the check fails
        out.write(f"::error title=seolint::{escape_data('failed: ' + '; '.join(verdict))}\n")
    out.write(tail + "\n")
    path = step_summary if step_summary is not None else os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        try:
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(summary(report, STEP_SUMMARY_BUDGET) + "\n")
        except OSError as exc:
            problem = f"Cannot write the job summary to {path}: {exc.strerror}"
            out.write(f"::warning title=seolint::{escape_data(problem)}\n")
