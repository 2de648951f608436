"""The command line: options -> Settings, sources -> engine -> reporter, and exit codes.

Exit codes (CLI.md): 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage,
configuration or internal error. A crash is never 1, and no traceback reaches the user unless
--debug asks for it.
"""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from seolint import __version__
from seolint.config import (
    ConfigError,
    Settings,
    check_base_url,
    check_content_selector,
    check_fail_on,
    load_settings,
)
from seolint.registry import RegistryError, find_rule, load_rules

if TYPE_CHECKING:
    from seolint.document import LinkFacts
    from seolint.result import PageResult

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="seolint: a content SEO and readability linter for blogs.",
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Format(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"
    gitlab = "gitlab"
    markdown = "markdown"
    html = "html"


class ColorChoice(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _err(message: str) -> None:
    Console(stderr=True, highlight=False, markup=False, soft_wrap=True).print(
        Text("seolint: ", style="bold red") + Text(message)
    )


@contextmanager
def _guard(debug: bool) -> Iterator[None]:
    """Turn every failure into a message and exit 2 (with a traceback only under --debug)."""
    from seolint.sources.files import SourceError

    try:
        yield
    except typer.Exit:
        raise
    except (ConfigError, RegistryError, SourceError) as exc:
        if debug:
            traceback.print_exc()
        _err(f"error: {exc}")
        raise typer.Exit(EXIT_ERROR) from None
    except KeyboardInterrupt:
        _err("interrupted")
        raise typer.Exit(EXIT_ERROR) from None
    except BrokenPipeError:
        # The reader went away (`seolint check . | head`): stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(EXIT_ERROR) from None
    except Exception as exc:
        if debug:
            traceback.print_exc()
            _err(f"internal error: {type(exc).__name__}: {exc}")
        else:
            _err(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the "
                 "traceback, and please report it)")
        raise typer.Exit(EXIT_ERROR) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"seolint {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """seolint: a content SEO and readability linter for blogs."""


def _split(values: list[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    for value in values or []:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return tuple(out)


def _settings(config: Path | None, select: list[str] | None, ignore: list[str] | None,
              fail_on: FailOn | None, base_url: str | None, content_selector: str | None,
              jobs: int | None) -> Settings:
    settings = load_settings(config)
    if select:
        settings = replace(settings, select=_split(select))
    if ignore:
        settings = replace(settings, ignore=settings.ignore + _split(ignore))
    if fail_on is not None:
        settings = replace(settings, fail_on=check_fail_on(fail_on.value, "--fail-on"))
    if base_url:
        settings = replace(settings, base_url=check_base_url(base_url, "--base-url"))
    if content_selector:
        settings = replace(settings, content_selector=check_content_selector(
            content_selector, "--content-selector"))
    if jobs is not None:
        if jobs < 1:
            raise ConfigError("--jobs must be at least 1")
        settings = replace(settings, jobs=jobs)
    return settings


@contextmanager
def _output(path: Path | None, color: ColorChoice = ColorChoice.auto
            ) -> Iterator[tuple[IO[str], bool]]:
    """The report's destination and whether it is coloured (seolint.terminal.use_color)."""
    from seolint.terminal import use_color

    if path is None:
        yield sys.stdout, use_color(color.value, sys.stdout)
        return
    try:
        fh = open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write the report to {path}: {exc.strerror}") from None
    with fh:
        yield fh, use_color(color.value, fh, to_file=True)


@contextmanager
def _progress(total: int, enabled: bool) -> Iterator[Callable[[], None] | None]:
    """A progress bar on stderr when it is a terminal; silent otherwise."""
    if not enabled or total < 2 or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Linting", total=total)
        yield lambda: bar.advance(task)


FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Report format.")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write the report here.")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Config file (default: the "
                      "nearest seolint.toml or pyproject.toml with [tool.seolint]).")]
SelectOpt = Annotated[list[str] | None, typer.Option(
    "--select", help="Rules to run: codes, prefixes, names or categories, comma separated.")]
IgnoreOpt = Annotated[list[str] | None, typer.Option(
    "--ignore", help="Rules to skip, added to the config's ignore list.")]
FailOnOpt = Annotated[FailOn | None, typer.Option(
    "--fail-on", help="Lowest severity that fails the run (default: error).")]
FailUnderOpt = Annotated[float | None, typer.Option(
    "--fail-under", help="Also fail when the site score is below this (0-100).")]
MaxWarningsOpt = Annotated[int | None, typer.Option(
    "--max-warnings", help="Also fail when there are more warnings than this.")]
ShowFixesOpt = Annotated[bool, typer.Option(
    "--show-fixes", help="Print the ranked fix list (always in json and html).")]
BaselineOpt = Annotated[Path | None, typer.Option(
    "--baseline", help="Report, and fail on, only findings this baseline file does not hold.")]
WriteBaselineOpt = Annotated[Path | None, typer.Option(
    "--write-baseline", help="Record today's findings in this baseline file (counts per file "
    "and rule).")]
PruneBaselineOpt = Annotated[bool, typer.Option(
    "--prune-baseline", help="With --baseline: drop the findings fixed since from the file.")]
ContentSelectorOpt = Annotated[str | None, typer.Option(
    "--content-selector", help="CSS selector of the main content.")]
JobsOpt = Annotated[int | None, typer.Option("--jobs", "-j", help="Worker processes.")]
ExitZeroOpt = Annotated[bool, typer.Option(
    "--exit-zero", help="Exit 0 even when findings would fail the run.")]
NoProgressOpt = Annotated[bool, typer.Option("--no-progress", help="No progress bar.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Findings only.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks.")]
ColorOpt = Annotated[ColorChoice, typer.Option(
    "--color", help="Colour: auto (a terminal, unless NO_COLOR is set; FORCE_COLOR forces it), "
    "always or never.")]
StatisticsOpt = Annotated[bool, typer.Option(
    "--statistics", help="Print one line per rule with its count instead of the findings.")]
VerboseOpt = Annotated[bool, typer.Option(
    "--verbose", "-v", help="Also list the pages without findings, with their score, and every "
    "long or passive sentence.")]
CheckExternalOpt = Annotated[bool, typer.Option(
    "--check-external", help="Also request each outbound link once (politely, with a cache) "
    "and report dead ones (D009).")]
CacheDirOpt = Annotated[Path | None, typer.Option(
    "--cache-dir", help="The link cache's folder (default: $XDG_CACHE_HOME/seolint).")]



def _with_links(settings: Settings, check_external: bool, cache_dir: Path | None) -> Settings:
    """--check-external and --cache-dir over the config's [links]."""
    if not check_external and cache_dir is None:
        return settings  # the link checker (and httpx, 70 ms to import) stays unloaded
    from seolint.sources.linkcheck import with_cli

    links = with_cli(settings.links, check_external, str(cache_dir) if cache_dir else None)
    return replace(settings, links=links)


def _check_links(results: list[PageResult], settings: Settings) -> LinkFacts | None:
    """The outbound-link check (network I/O, opt-in) at this edge, between the analysis and the
    engine's report, which takes its LinkFacts as data; None when the run does not check."""
    if settings.links is None or not settings.links.check_external:
        return None  # httpx and the checker stay unloaded
    from seolint.sources.linkcheck import check_outbound

    return check_outbound((r.summary for r in results if r.summary is not None), settings)


def link_notes(report: Any) -> None:
    from seolint.reporters.linknotes import notes

    console = Console(stderr=True, highlight=False, markup=False, soft_wrap=True)
    for warning, line in notes(report):
        console.print(Text("seolint: warning: " if warning else "seolint: ",
                           style="bold yellow" if warning else "bold") + Text(line))


def gates(settings: Settings, fail_under: float | None, max_warnings: int | None) -> Settings:
    """--fail-under and --max-warnings over the config's values."""
    from seolint.config import check_fail_under, check_max_warnings

    if fail_under is not None:
        settings = replace(settings, fail_under=check_fail_under(fail_under, "--fail-under"))
    if max_warnings is not None:
        settings = replace(settings,
                           max_warnings=check_max_warnings(max_warnings, "--max-warnings"))
    return settings


@app.command(epilog="\b\nExample (a writer checking one post before publishing):\n"
             "  seolint check content/posts/my-draft.md -k \"running backwards\"")
def check(
    paths: Annotated[list[str] | None, typer.Argument(
        help="HTML files, folders of a built site, Markdown sources (.md, .markdown, .mdx with "
             "front matter), http(s) URLs, or - for standard input; default: the config's "
             "[markdown] content folders.",
        show_default=False)] = None,
    format: FormatOpt = Format.text,
    output: OutputOpt = None,
    config: ConfigOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    fail_on: FailOnOpt = None,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", help="The site's URL, to map files to URLs (links to it are internal); "
                           "default: a built site's CNAME, else its home page's canonical.")
    ] = None,
    content_selector: ContentSelectorOpt = None,
    jobs: JobsOpt = None,
    keyphrase: Annotated[str | None, typer.Option(
        "--keyphrase", "-k", help="The focus keyphrase (for a single page); else front matter, "
        "the config's [keyphrases] table, or inferred.")] = None,
    fail_under: FailUnderOpt = None,
    max_warnings: MaxWarningsOpt = None,
    show_fixes: ShowFixesOpt = False,
    exit_zero: ExitZeroOpt = False,
    baseline: BaselineOpt = None,
    write_baseline: WriteBaselineOpt = None,
    prune_baseline: PruneBaselineOpt = False,
    include_drafts: Annotated[bool, typer.Option(
        "--include-drafts", help="Lint Markdown drafts found in folders too (draft: true, "
        "_drafts/); a draft named on the command line is always linted.")] = False,
    allow_empty: Annotated[bool, typer.Option(
        "--allow-empty", help="Exit 0 when there is nothing to lint (else: exit 2).")] = False,
    stdin_filename: Annotated[str | None, typer.Option(
        "--stdin-filename", help="Lint standard input as this file (with - or no path).")
    ] = None,
    statistics: StatisticsOpt = False,
    color: ColorOpt = ColorChoice.auto,
    verbose: VerboseOpt = False,
    check_external: CheckExternalOpt = False,
    cache_dir: CacheDirOpt = None,
    no_progress: NoProgressOpt = False,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Lint HTML files, built-site folders, Markdown sources and single URLs."""
    from seolint import engine
    from seolint.document import RawDocument, is_markdown_path
    from seolint.sources.files import SourceError, discover, read_home, with_home
    from seolint.terminal import note

    with _guard(debug):
        settings = _settings(config, select, ignore, fail_on, base_url, content_selector, jobs)
        settings = gates(settings, fail_under, max_warnings)
        settings = _with_links(settings, check_external, cache_dir)
        if keyphrase is not None:
            if not keyphrase.strip():
                raise ConfigError("--keyphrase must not be empty")
            settings = replace(settings, keyphrase=keyphrase.strip())
        if allow_empty:
            settings = replace(settings, allow_empty=True)
        _check_statistics(statistics, format)
        engine.validate(settings)
        if paths == ["-"] or (stdin_filename is not None and not paths):
            files, urls, named = [], [], [stdin_filename or "-"]
            found, md_site = _stdin_sources(named[0], settings)
        elif "-" in (paths or []) or stdin_filename is not None:
            raise ConfigError("standard input (- or --stdin-filename) is linted alone: name no "
                              "other path")
        else:
            if not paths:
                from seolint.sources.markdown import default_paths

                paths = default_paths(settings)
            urls = [p for p in paths if p.lower().startswith(("http://", "https://"))]
            files = named = [p for p in paths if p not in urls]
            home = None
            if settings.base_url is None and not urls:
                # The base URL is needed before the files map to URLs and the analysis tells
                # internal links from outbound ones: read from the home page's head, whose
                # bytes the analysis then lints (the file is read once).
                home = read_home(files, settings.max_file_bytes)
                if home.base_url is not None:
                    settings = replace(settings, base_url=home.base_url)
            found, md_site = discover(files, settings.base_url, settings.exclude), None
            if home is not None:
                found = with_home(found, home)
            # Markdown discovery only where there can be Markdown: a run of HTML files named
            # one by one (an editor's, a pre-commit hook's) never loads the Markdown source.
            if any(is_markdown_path(f) or not Path(f).is_file() for f in files):
                from seolint.sources.markdown import add_sources

                found, md_site = add_sources(found, files, settings, include_drafts)
        if not (found.items or urls or settings.allow_empty):
            raise SourceError("no HTML or Markdown files found under "
                              f"{', '.join(files)} (--allow-empty accepts an empty run)")
        documents: list[RawDocument] = []
        failures: list[tuple[str, str, str, str]] = []
        if urls:  # httpx takes 70 ms to import: only for a run that fetches
            from seolint.net import FetchError, NotHtmlResponse, fetch_page
        for url in urls:
            try:
                documents.append(fetch_page(url))
            except NotHtmlResponse as exc:
                failures.append((url, "X007", f"Not an HTML page: {exc}",
                                 "Link to the HTML page instead"))
            except FetchError as exc:
                failures.append((url, "X002", str(exc), "Check that the URL answers"))
        # A built site's sitemap.xml (D006 orphan-page, D008 sitemap-mismatch read it).
        from seolint.sources.sitemap import sitemaps_for_check

        sitemap, sitemap_findings, sitemap_ok = sitemaps_for_check(files, settings)
        total = len(found.items) + len(documents) + len(failures)
        if not quiet:
            for level, message in _run_notes(settings, named, md_site, total, include_drafts):
                note(message, color.value, level)
        with _progress(total, not (no_progress or quiet)) as tick:
            results = engine.analyse(list(found.items), documents, settings, failures, tick,
                                     markdown=md_site)
            links = _check_links(results, settings)
        report = engine.build_report(results, settings, found.complete, found.known_urls,
                                     sitemap=sitemap, extra_findings=sitemap_findings,
                                     sitemap_complete=sitemap_ok, links=links)
        if not quiet:
            link_notes(report)
        finish(report, settings, format, output, quiet=quiet, show_fixes=show_fixes,
               exit_zero=exit_zero, baseline=baseline, write_baseline=write_baseline,
               prune_baseline=prune_baseline, color=color, statistics=statistics,
               verbose=verbose)


def _check_statistics(statistics: bool, format: Format) -> None:
    if statistics and format not in (Format.text, Format.json):
        raise ConfigError("--statistics prints with --format text or json")


def _stdin_sources(name: str, settings: Settings) -> tuple[Any, Any]:
    """Standard input as the file `name`: a Markdown source placed where that file would be
    (its generator, permalinks and links), or an HTML page."""
    from seolint.sources.files import Discovery, stdin_item
    from seolint.sources.markdown import add_sources, is_markdown, normalise

    data = sys.stdin.buffer.read()
    item = stdin_item(name, data, settings.base_url)
    if not is_markdown(name):
        return Discovery((item,), frozenset(), False), None
    text = normalise(data.decode("utf-8", errors="replace"))
    found, site = add_sources(Discovery((), frozenset(), False), [name], settings, False,
                              {item.file: text})
    items = tuple(replace(i, body=data) if i.file == item.file else i for i in found.items)
    return replace(found, items=items), site


def _run_notes(settings: Settings, files: list[str], md_site: Any, total: int,
               include_drafts: bool) -> Iterator[tuple[str, str]]:
    """(level, message) a writer should know before the report: a keyphrase given for many
    pages (a warning), and a draft linted because it was named (a note)."""
    if settings.keyphrase is not None and total > 1:
        yield "warning", (f"--keyphrase \"{settings.keyphrase}\" applies to all {total} pages: "
                          "give each post its own in front matter (keyphrase:) or the config's "
                          "[keyphrases] table")
    if md_site is None or include_drafts or md_site.options.include_drafts:
        return
    for name in files:
        src = md_site.files.get(str(Path(name).absolute()))
        if src is not None and src.draft:
            yield "note", (f"{src.display} is a draft; linted because it was named (drafts "
                           "found in a folder are skipped unless --include-drafts)")


def finish(report: Any, settings: Settings, format: Format, output: Path | None, *,
           quiet: bool, show_fixes: bool, exit_zero: bool, baseline: Path | None = None,
           write_baseline: Path | None = None, prune_baseline: bool = False,
           color: ColorChoice = ColorChoice.auto, statistics: bool = False,
           verbose: bool = False) -> None:
    """Render the report and exit with the gates' verdict: shared by `check` and `crawl`.

    A baseline (seolint.baseline) is applied first: the report, and the gates, see only
    findings the baseline does not hold. Why the gates failed is always said on stderr
    ("failed: 3 findings at or above error"), and in the machine formats that have a place."""
    from seolint.reporters import get
    from seolint.terminal import note

    if baseline is not None or write_baseline is not None or prune_baseline:
        from seolint.baseline import gate

        report, notes = gate(report, baseline, write_baseline, prune_baseline)
        if not quiet:
            for message in notes:
                note(message, color.value)
    with _output(output, color) as (out, colored):
        if statistics:
            from seolint.reporters.text import render_statistics

            render_statistics(report, out, colored, as_json=format is Format.json)
        elif format is Format.text:
            from seolint.reporters.text import render as render_text

            render_text(report, out, colored, quiet, show_fixes=show_fixes, verbose=verbose)
        else:
            get(format.value)(report, out, colored)
    reasons = report.gate_failures(settings.fail_on, settings.fail_under, settings.max_warnings)
    if reasons and not exit_zero:
        note("; ".join(reasons), color.value, "failed")
        raise typer.Exit(EXIT_FINDINGS)


@app.command(epilog="\b\nExample:\n  seolint crawl https://blog.example/ --max-pages 200 "
             "--format html -o report.html")
def crawl(
    url: Annotated[str, typer.Argument(help="Where to start: an http(s) URL of the site.",
                                       show_default=False)],
    format: FormatOpt = Format.text,
    output: OutputOpt = None,
    config: ConfigOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    fail_on: FailOnOpt = None,
    content_selector: ContentSelectorOpt = None,
    jobs: JobsOpt = None,
    fail_under: FailUnderOpt = None,
    max_warnings: MaxWarningsOpt = None,
    show_fixes: ShowFixesOpt = False,
    exit_zero: ExitZeroOpt = False,
    baseline: BaselineOpt = None,
    write_baseline: WriteBaselineOpt = None,
    prune_baseline: PruneBaselineOpt = False,
    max_pages: Annotated[int | None, typer.Option(
        "--max-pages", help="Crawl at most this many URLs (default 500).")] = None,
    max_depth: Annotated[int | None, typer.Option(
        "--max-depth", help="Follow links at most this deep from URL (default 10).")] = None,
    concurrency: Annotated[int | None, typer.Option(
        "--concurrency", help="Requests at once to one host (default 4).")] = None,
    delay: Annotated[float | None, typer.Option(
        "--delay", help="Seconds between requests to one host (default 0; a larger "
        "robots.txt Crawl-delay wins).")] = None,
    timeout: Annotated[float | None, typer.Option(
        "--timeout", help="Seconds one request may take in all (default 30).")] = None,
    max_time: Annotated[float | None, typer.Option(
        "--max-time", help="Seconds the whole crawl may take (default 300); what is left "
        "is reported as not crawled.")] = None,
    user_agent: Annotated[str | None, typer.Option(
        "--user-agent", help="The User-Agent header (default: seolint/VERSION).")] = None,
    ignore_robots: Annotated[bool, typer.Option(
        "--ignore-robots", help="Do not obey robots.txt (only on sites you own).")] = False,
    statistics: StatisticsOpt = False,
    color: ColorOpt = ColorChoice.auto,
    verbose: VerboseOpt = False,
    include: Annotated[list[str] | None, typer.Option(
        "--include", help="Crawl only URLs matching this regex (repeatable; may name other "
        "hosts).")] = None,
    exclude: Annotated[list[str] | None, typer.Option(
        "--exclude", help="Never crawl URLs matching this regex (repeatable).")] = None,
    check_external: CheckExternalOpt = False,
    cache_dir: CacheDirOpt = None,
    no_progress: NoProgressOpt = False,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Crawl a site from URL (and its sitemaps) and lint every page found."""
    from seolint import engine
    from seolint.options import CrawlOptions

    with _guard(debug):
        settings = _settings(config, select, ignore, fail_on, None, content_selector, jobs)
        settings = gates(settings, fail_under, max_warnings)
        _check_statistics(statistics, format)
        settings = _with_links(settings, check_external, cache_dir)
        engine.validate(settings)
        if not url.lower().startswith(("http://", "https://")) or "://" == url[-3:]:
            raise ConfigError(f"crawl needs an http(s) URL, not {url!r}")
        overrides: dict[str, Any] = {
            "max_pages": max_pages, "max_depth": max_depth, "concurrency": concurrency,
            "delay": delay, "timeout": timeout, "max_time": max_time, "user_agent": user_agent,
            "include": tuple(include) if include else None,
            "exclude": tuple(exclude) if exclude else None,
            "ignore_robots": True if ignore_robots else None,
        }
        try:
            options = replace(settings.crawl or CrawlOptions(),
                              **{k: v for k, v in overrides.items() if v is not None})
        except ValueError as exc:
            raise ConfigError(f"crawl: {exc}") from None
        note = Console(stderr=True, highlight=False, markup=False, soft_wrap=True)
        if options.ignore_robots:
            note.print(Text("seolint: warning: ", style="bold yellow") + Text(
                "--ignore-robots: robots.txt is not obeyed; crawl only sites you own or may "
                "crawl"))
        with _crawl_progress(not (no_progress or quiet)) as progress:
            outcome = engine.crawl(url, settings, options, progress)
        if not quiet:
            for warning in outcome.stats.warnings:
                note.print(Text("seolint: warning: ", style="bold yellow") + Text(warning))
            note.print(Text("seolint: ", style="bold") + Text(_crawl_summary(outcome.stats)))
        report = engine.build_report(
            outcome.results, settings, outcome.complete, sitemap=outcome.sitemap,
            crawl=outcome.facts, extra_findings=outcome.findings,
            sitemap_complete=outcome.sitemap_complete,
            links=_check_links(outcome.results, settings))
        if not quiet:
            link_notes(report)
        finish(report, settings, format, output, quiet=quiet, show_fixes=show_fixes,
               exit_zero=exit_zero, baseline=baseline, write_baseline=write_baseline,
               prune_baseline=prune_baseline, color=color, statistics=statistics,
               verbose=verbose)


def _crawl_summary(stats: Any) -> str:
    rate = stats.pages / stats.seconds if stats.seconds > 0 else 0.0
    parts = [f"crawled {stats.fetched} URL{'s' if stats.fetched != 1 else ''} "
             f"({stats.pages} HTML page{'s' if stats.pages != 1 else ''}) in "
             f"{stats.seconds:.1f} s, {rate:.0f} pages/s"]
    if stats.errors:
        parts.append(f"{stats.errors} failed or answered an error")
    if stats.blocked:
        parts.append(f"{stats.blocked} blocked by robots.txt (not requested)")
    if stats.offsite:
        parts.append(f"{stats.offsite} off-site URL{'s' if stats.offsite != 1 else ''} linked "
                     "(not requested)")
    if stats.interrupted:
        parts.append("interrupted: the report covers what was crawled")
    return "; ".join(parts)


@contextmanager
def _crawl_progress(enabled: bool) -> Iterator[Callable[[int, int, int, float], None] | None]:
    """A live line on stderr (pages done, queued, errors, pages/s) when it is a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("Crawling"), BarColumn(),
                  TextColumn("{task.completed} done, {task.fields[queued]} queued, "
                             "{task.fields[errors]} errors, {task.fields[rate]:.0f} pages/s"),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("crawl", total=None, queued=0, errors=0, rate=0.0)

        def update(done: int, queued: int, errors: int, seconds: float) -> None:
            bar.update(task, completed=done, total=done + queued, queued=queued, errors=errors,
                       rate=done / seconds if seconds > 0 else 0.0)

        yield update


@app.command("rules", epilog="\b\nExample:\n  seolint rules --format json")
def list_rules(
    format: FormatOpt = Format.text,
    debug: DebugOpt = False,
) -> None:
    """List every rule: code, name, category, severity, default on or off."""
    from seolint.config import options_doc

    with _guard(debug):
        rules = load_rules()
        if format is Format.json:
            data = [
                {"code": r.code, "name": r.name, "aliases": list(r.aliases),
                 "category": r.category, "severity": r.severity, "scope": r.scope,
                 "default": r.default_enabled, "summary": r.summary,
                 "options": {k: _jsonable(v) for k, v in options_doc(r.options)}}
                for r in rules.values()
            ]
            typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
            return
        from rich.table import Table

        table = Table(box=None, header_style="bold", pad_edge=False)
        for col in ("code", "name", "category", "severity", "on", "summary"):
            table.add_column(col)
        for r in rules.values():
            name = r.name + (" / " + " / ".join(r.aliases) if r.aliases else "")
            table.add_row(r.code, name, r.category, r.severity,
                          "yes" if r.default_enabled else "no", r.summary)
        console = Console(highlight=False, soft_wrap=True)
        if not console.is_terminal:
            console.width = 200  # piped: one line per rule, for grep
        console.print(table)


def _jsonable(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


@app.command(epilog="\b\nExample:\n  seolint explain title-too-long")
def explain(
    rule: Annotated[str, typer.Argument(help="A rule code or name, e.g. T003 or title-too-long.")],
    debug: DebugOpt = False,
) -> None:
    """Print a rule's documentation."""
    from seolint.registry import explain_markdown

    with _guard(debug):
        found = find_rule(rule)
        if found is None:
            from seolint.suggest import did_you_mean

            names = [n for r in load_rules().values() for n in (r.code, *r.names)]
            raise ConfigError(f"unknown rule {rule!r}"
                              + (did_you_mean(rule, names) or " (see `seolint rules`)"))
        text = explain_markdown(found)
        console = Console(highlight=False, soft_wrap=True)
        if console.is_terminal:
            from rich.markdown import Markdown  # 0.13 s to import: only to render explain

            console.print(Markdown(text))
        else:
            typer.echo(text)


@app.command(epilog="\b\nExample (in the blog's repository):\n  seolint init && seolint check")
def init(
    path: Annotated[Path, typer.Argument(help="The blog repository (default: here).")
                    ] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing seolint.toml.")
                     ] = False,
    stdout: Annotated[bool, typer.Option("--stdout", help="Print the config instead of "
                                         "writing it.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Write a starter seolint.toml that fits the blog repo (Hugo, Jekyll, Zola, Astro, ...)."""
    from seolint import init as starter

    with _guard(debug):
        if not path.is_dir():
            raise ConfigError(f"{path}: not a folder")
        if stdout:
            typer.echo(starter.starter(path)[0], nl=False)
            return
        try:
            target, project, folders = starter.write(path, force)
        except FileExistsError:
            raise ConfigError(f"{path / starter.CONFIG_NAME} exists (--force overwrites it)"
                              ) from None
        except OSError as exc:
            raise ConfigError(f"cannot write {path / starter.CONFIG_NAME}: {exc.strerror}"
                              ) from None
        shown = ", ".join(display_folder(f) for f in folders)
        typer.echo(f"Wrote {target} for a {project.name} blog (content: {shown}). "
                   "Run `seolint check`.")


def display_folder(folder: Path) -> str:
    try:
        return folder.resolve().relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return str(folder)


from seolint.server.command import server as _server  # noqa: E402 (after app is built)

app.command("server")(_server)


def main() -> None:
    try:
        app()
    except SystemExit:  # click exits 2 on usage errors, as we want
        raise
    except BaseException as exc:  # pragma: no cover - last line of defence
        _err(f"internal error: {type(exc).__name__}: {exc}")
        raise SystemExit(EXIT_ERROR) from None
