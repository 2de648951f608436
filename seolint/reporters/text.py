"""The terminal report: grouped by page, `path:line:col severity CODE name message`, then the fix.

The severity is a word on every finding line (as Vale and ESLint print it), so a log without
colour still shows which findings failed the build. A run of one page, or `--verbose`, shows the
writer's view of each page (seolint.reporters.pageview); `--verbose` also lists the pages
without findings, with their score. `--statistics` prints one line per rule instead.

Every string that came from a page goes through `sanitize.clean` and into rich `Text` objects,
never into markup strings, so escape codes and `[bold]` in a title are shown, not obeyed.
"""

from __future__ import annotations

from typing import IO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from seolint.engine import Report
from seolint.reporters.pageview import metrics_lines, sentence_lines
from seolint.rule import Finding
from seolint.sanitize import clean
from seolint.terminal import color_system

STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _where(f: Finding) -> str:
    loc = clean(f.location)
    if f.line is None:
        return loc
    return f"{loc}:{f.line}:{f.column or 1}"


def _print_finding(console: Console, f: Finding, quiet: bool, verbose: bool = False) -> None:
    """One finding: `where severity CODE name message`, and its fix on the next line (then the
    sentences it names, for R002 and R004)."""
    line = Text("  " if not quiet else "")
    line.append(_where(f), style="bold")
    line.append(" ")
    line.append(f.severity, style=STYLES[f.severity])
    line.append(" ")
    line.append(f.code, style=STYLES[f.severity])
    line.append(" ")
    line.append(f.name, style=STYLES[f.severity])
    line.append(" ")
    line.append(clean(f.message, 300))
    console.print(line)
    if f.fix and not quiet:
        console.print(Text("      fix: ", style="dim") + Text(clean(f.fix, 300)))
    if f.extra and not quiet:
        for text in sentence_lines(f.extra, f.location, verbose):
            console.print(Text("      " + text, style="dim"))


def render(report: Report, out: IO[str], color: bool = False, quiet: bool = False,
           show_fixes: bool = False, verbose: bool = False) -> None:
    console = Console(file=out, force_terminal=color, no_color=not color, highlight=False,
                      soft_wrap=True, emoji=False, markup=False,
                      color_system=color_system(color),
                      # Piped or written to a file: lines as long as they need (for grep), and
                      # a fix table wide enough to read.
                      width=None if color else 160)
    writer_view = verbose or len(report.pages) == 1
    for page in report.pages:
        if not page.findings and not (verbose and not quiet):
            continue
        if not quiet:
            head = Text(clean(page.location), style="bold underline")
            score = report.page_score(page.location)
            if score is not None and score.score is not None:
                head.append(f"  {score.score:g}/100", style=_score_style(score.score))
            if page.title:
                head.append("  " + clean(page.title, 80), style="dim")
            console.print(head)
            summary = metrics_lines(page.metrics) if writer_view else [
                text_summary(page.metrics)]
            for text in summary:
                if text:
                    console.print(Text("  " + text, style="dim"))
            if not page.findings:
                console.print(Text("  no findings", style="green"))
        for f in page.findings:
            _print_finding(console, f, quiet, verbose)
        if not quiet:
            console.print()
    # Findings on something that is not a page of the report (a sitemap's line, a robots.txt):
    # grouped by where they are, after the pages.
    on_pages = {id(f) for p in report.pages for f in p.findings}
    elsewhere: dict[str, list[Finding]] = {}
    for f in report.findings:
        if id(f) not in on_pages:
            elsewhere.setdefault(f.location, []).append(f)
    for location, found in elsewhere.items():
        if not quiet:
            console.print(Text(clean(location), style="bold underline"))
        for f in found:
            _print_finding(console, f, quiet, verbose)
        if not quiet:
            console.print()
    if show_fixes:
        console.print(fixes_table(report))
    if not quiet:
        console.print(summary_text(report))


def text_summary(metrics: dict | None) -> str:
    """The few text numbers that matter, for a page's header line: words, reading time, reading
    ease (with the language), and the keyphrase with its count and density."""
    if not metrics or "reading_ease" not in metrics:
        return ""
    parts = [f"{metrics.get('words', 0)} words"]
    if metrics.get("reading_time_minutes") is not None:
        parts.append(f"{max(1, round(metrics['reading_time_minutes']))} min read")
    lang = metrics.get("language") or "language unknown"
    ease = metrics.get("reading_ease")
    parts.append(f"reading ease {ease:g} ({lang})" if ease is not None
                 else f"reading ease n/a ({lang})")
    if metrics.get("keyphrase"):
        inferred = " (inferred)" if metrics.get("keyphrase_inferred") else ""
        parts.append(f"keyphrase \"{clean(str(metrics['keyphrase']), 40)}\"{inferred} "
                     f"{metrics.get('keyphrase_count', 0)}x, "
                     f"{metrics.get('keyphrase_density_adjusted', 0):g}%")
    return " · ".join(parts)


def _score_style(score: float) -> str:
    return "green" if score >= 90 else "yellow" if score >= 50 else "red"


def fixes_table(report: Report, limit: int = 20) -> Table:
    """The ranked fix list: what to do, where, how serious, why, and how much the site score
    would rise. The order is scoring's (docs/fixes.md): what fails the run first, then
    indexability problems, then the rest, each by points gained."""
    table = Table(title="Ranked fixes (what fails the run first, then indexability, then the "
                        "most points gained)",
                  title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, expand=False)
    table.add_column("#", justify="right")
    table.add_column("severity")
    table.add_column("points", justify="right")
    table.add_column("rule")
    table.add_column("fix")
    table.add_column("pages", justify="right")
    for i, fix in enumerate(report.fixes[:limit], start=1):
        pages = ", ".join(clean(p, 60) for p in fix.pages[:3])
        if len(fix.pages) > 3:
            pages += f" and {len(fix.pages) - 3} more"
        what = Text(clean(fix.fix, 240))
        if fix.why:
            what.append("\nwhy: " + clean(fix.why, 240), style="italic")
        what.append("\n" + pages, style="dim")
        table.add_row(str(i), Text(fix.severity, style=STYLES.get(fix.severity, "")),
                      f"+{fix.gain:.2f}", Text(f"{fix.code} {fix.name}"), what,
                      str(len(fix.pages)))
    if len(report.fixes) > limit:
        table.caption = f"{len(report.fixes) - limit} more fixes in the JSON report"
    return table


def summary_text(report: Report) -> Text:
    counts = report.counts
    pages = len(report.pages)
    with_findings = sum(1 for p in report.pages if p.findings)
    if not report.findings:
        return Text(f"No findings on {pages} page{'s' if pages != 1 else ''}."
                    + (f" Site score {report.score:g}/100." if report.score is not None else ""),
                    style="green")
    n = len(report.findings)
    text = Text(f"Found {n} finding{'s' if n != 1 else ''} on {with_findings} of {pages} "
                f"page{'s' if pages != 1 else ''}: ")
    if report.score is not None:
        text = Text("Site score ") + Text(f"{report.score:g}/100", style=_score_style(
            report.score)) + Text(". ") + text
    parts = [(counts["error"], "error", "errors"), (counts["warning"], "warning", "warnings"),
             (counts["info"], "info", "infos")]
    for i, (count, sev, label) in enumerate(parts):
        if i:
            text.append(", ")
        text.append(f"{count} {label if count != 1 else sev}", style=STYLES[sev] if count else "")
    text.append(".")
    return text


def statistics(report: Report) -> list[tuple[int, str, str]]:
    """(count, code, name) per rule name that fired, most findings first, as ruff's
    --statistics (a code with two names, M006, counts each name on its own line)."""
    counts: dict[tuple[str, str], int] = {}
    for f in report.findings:
        counts[(f.code, f.name)] = counts.get((f.code, f.name), 0) + 1
    return sorted(((n, code, name) for (code, name), n in counts.items()),
                  key=lambda row: (-row[0], row[1], row[2]))


def render_statistics(report: Report, out: IO[str], color: bool = False,
                      as_json: bool = False) -> None:
    """`--statistics`: `  12  T003  title-too-long`, one line per rule (or a JSON list)."""
    rows = statistics(report)
    if as_json:
        import json

        out.write(json.dumps([{"code": c, "name": name, "count": n} for n, c, name in rows],
                             indent=2) + "\n")
        return
    console = Console(file=out, force_terminal=color, no_color=not color, highlight=False,
                      soft_wrap=True, emoji=False, markup=False, color_system=color_system(color))
    width = max((len(str(n)) for n, _, _ in rows), default=1)
    for n, code, name in rows:
        console.print(Text(f"  {n:>{width}}  ") + Text(code, style="bold") + Text(f"  {name}"))
