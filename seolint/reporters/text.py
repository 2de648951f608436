"""The terminal report: grouped by page, `path:line:col CODE name message`, then the fix.

Every string that came from a page goes through `sanitize.clean` and into rich `Text` objects,
never into markup strings, so escape codes and `[bold]` in a title are shown, not obeyed.
"""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.text import Text

from seolint.engine import Report
from seolint.rule import Finding
from seolint.sanitize import clean

STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _where(f: Finding) -> str:
    loc = clean(f.location)
    if f.line is None:
        return loc
    return f"{loc}:{f.line}:{f.column or 1}"


def render(report: Report, out: IO[str], color: bool = False, quiet: bool = False) -> None:
    console = Console(file=out, force_terminal=color, no_color=not color, highlight=False,
                      soft_wrap=True, emoji=False, markup=False)
    for page in report.pages:
        if not page.findings:
            continue
        if not quiet:
            head = Text(clean(page.location), style="bold underline")
            if page.title:
                head.append("  " + clean(page.title, 80), style="dim")
            console.print(head)
        for f in page.findings:
            line = Text("  " if not quiet else "")
            line.append(_where(f), style="bold")
            line.append(" ")
            line.append(f.code, style=STYLES[f.severity])
            line.append(" ")
            line.append(f.name, style=STYLES[f.severity])
            line.append(" ")
            line.append(clean(f.message, 300))
            console.print(line)
            if f.fix and not quiet:
                console.print(Text("      fix: ", style="dim") + Text(clean(f.fix, 300)))
        if not quiet:
            console.print()
    if not quiet:
        console.print(summary_text(report))


def summary_text(report: Report) -> Text:
    counts = report.counts
    pages = len(report.pages)
    with_findings = sum(1 for p in report.pages if p.findings)
    if not report.findings:
        return Text(f"No findings on {pages} page{'s' if pages != 1 else ''}.", style="green")
    n = len(report.findings)
    text = Text(f"Found {n} finding{'s' if n != 1 else ''} on {with_findings} of {pages} "
                f"page{'s' if pages != 1 else ''}: ")
    parts = [(counts["error"], "error", "errors"), (counts["warning"], "warning", "warnings"),
             (counts["info"], "info", "infos")]
    for i, (count, sev, label) in enumerate(parts):
        if i:
            text.append(", ")
        text.append(f"{count} {label if count != 1 else sev}", style=STYLES[sev] if count else "")
    text.append(".")
    return text
