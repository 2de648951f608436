"""A Markdown summary: a pull-request comment, or GitHub's job summary (`--format github`).

The score and counts first, then the top fixes (the ranked fix list), then the findings grouped
by file in collapsed sections, worst files first. It stays inside a size budget (a GitHub
comment holds 65,536 characters; the default budget leaves room for a bot's own words): once
full, it says how many findings it left out rather than being cut mid-table.

All page-derived text is escaped for GitHub-flavoured Markdown: table pipes, HTML, emphasis and
link brackets, and `@name` / `#123`, which would otherwise notify people or link issues.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from typing import IO, Any

from seolint.reporters.ci import get
from seolint.sanitize import clean

COMMENT_BUDGET = 60_000  # characters; a GitHub PR comment holds 65,536
TOP_FIXES = 5
_ICONS = {"error": ":x: error", "warning": ":warning: warning",
          "info": ":information_source: info"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_MENTION = re.compile(r"([@#])(?=\w)")


def md_text(text: str, limit: int = 300) -> str:
    """One line of page text, safe inside a Markdown table cell."""
    text = escape(clean(text, limit), quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MENTION.sub("\\1\u200b", text)  # a zero-width space: no @mention, no #123 link


def md_code(text: str) -> str:
    """A path, shown as code (HTML <code>, which needs no backtick fencing)."""
    return "<code>" + escape(clean(text, 200)) + "</code>"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(_plural(counts[s], s if s != "info" else "info") for s in
                     ("error", "warning", "info"))


def headline(report: Any) -> list[str]:
    counts = report.counts
    score = get(report, "score")
    pages = len(report.pages)
    title = "## seolint"
    if score is not None:
        title += f": score {score:g}/100"
    lines = [title, ""]
    status = "**No findings**" if not report.findings else f"**{_counts(counts)}**"
    status += f" on {_plural(pages, 'page')}"
    notes = []
    baselined = get(report, "baselined", 0) or 0
    suppressed = get(report, "suppressed", 0) or 0
    if baselined:
        notes.append(f"{baselined} more in the baseline")
    if suppressed:
        notes.append(f"{suppressed} suppressed by comments")
    if notes:
        status += " (" + "; ".join(notes) + ")"
    lines += [status + ".", ""]
    verdict = get(report, "verdict", ()) or ()
    if verdict:  # why the gates fail the build, as stderr says it
        lines += [f"**Failed:** {escape(_join(verdict))}", ""]
    return lines


def _join(reasons: Sequence[str]) -> str:
    return "; ".join(reasons)


def fixes_table(report: Any, top: int = TOP_FIXES) -> list[str]:
    fixes: Sequence[Any] = tuple(get(report, "fixes", ()) or ())
    if not fixes:
        return []
    lines = ["### Top fixes", "", "| # | Severity | Fix | Rule | Pages | Score gain |",
             "|---:|---|---|---|---:|---:|"]
    for i, fix in enumerate(fixes[:top], start=1):
        pages = get(fix, "pages", ())
        n = pages if isinstance(pages, int) else len(pages or ())
        gain = get(fix, "gain")
        gain_text = f"+{gain:.1f}" if isinstance(gain, (int, float)) else ""
        rule = f"{get(fix, 'code', '')} {get(fix, 'name', '')}".strip()
        what = md_text(str(get(fix, 'fix', '') or ''))
        why = str(get(fix, "why", "") or "")
        if why:
            what += f"<br>Why: {md_text(why)}"
        severity = md_text(str(get(fix, "severity", "") or ""))
        lines.append(f"| {i} | {severity} | {what} | {md_text(rule)} | {n} | {gain_text} |")
    if len(fixes) > top:
        lines.append(f"| | | …and {len(fixes) - top} more (`--show-fixes`) | | | |")
    return [*lines, ""]


def _file_block(location: str, findings: Sequence[Any]) -> list[str]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        counts[f.severity] += 1
    parts = [_plural(counts[s], s) for s in ("error", "warning", "info") if counts[s]]
    lines = [f"<details><summary>{md_code(location)}: {', '.join(parts)}</summary>", "",
             "| Line | Severity | Rule | Message | Fix |", "|---:|---|---|---|---|"]
    for f in findings:
        lines.append(f"| {f.line or ''} | {_ICONS[f.severity]} | {f.code} {f.name} | "
                     f"{md_text(f.message)} | {md_text(f.fix or '')} |")
    return [*lines, "", "</details>", ""]


def summary(report: Any, budget: int = COMMENT_BUDGET) -> str:
    """The whole summary, at most `budget` characters."""
    lines = headline(report) + fixes_table(report)
    by_file: dict[str, list[Any]] = {}
    for f in report.findings:
        by_file.setdefault(f.location, []).append(f)
    rank = {"error": 0, "warning": 1, "info": 2}

    def worst(item: tuple[str, list[Any]]) -> tuple[Any, ...]:
        loc, found = item
        return (min(rank[f.severity] for f in found), -len(found), loc)

    text = "\n".join(lines)
    if by_file:
        text += "\n### Findings\n\n"
    left_out = 0
    for i, (loc, found) in enumerate(sorted(by_file.items(), key=worst)):
        block = "\n".join(_file_block(loc, found)) + "\n"
        if len(text) + len(block) > budget - 200:
            left_out = sum(len(v) for _, v in sorted(by_file.items(), key=worst)[i:])
            break
        text += block
    if left_out:
        text += (f"\n…and {_plural(left_out, 'more finding')} not shown here: run "
                 "`seolint check` locally, or see the SARIF or JSON report.\n")
    return text


def render(report: Any, out: IO[str], color: bool = False) -> None:
    out.write(summary(report))
