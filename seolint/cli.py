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
from typing import IO, Annotated, Any

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table
from rich.text import Text

from seolint import __version__
from seolint.config import ConfigError, Settings, check_base_url, check_fail_on, load_settings
from seolint.registry import RegistryError, find_rule, load_rules

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
        settings = replace(settings, content_selector=content_selector)
    if jobs is not None:
        if jobs < 1:
            raise ConfigError("--jobs must be at least 1")
        settings = replace(settings, jobs=jobs)
    return settings


@contextmanager
def _output(path: Path | None) -> Iterator[tuple[IO[str], bool]]:
    """The report's destination and whether it may be coloured (a terminal only)."""
    if path is None:
        yield sys.stdout, sys.stdout.isatty()
        return
    try:
        fh = open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write the report to {path}: {exc.strerror}") from None
    with fh:
        yield fh, False


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
    "--show-fixes", help="Print the ranked fix list (always in json).")]


def gates(settings: Settings, fail_under: float | None, max_warnings: int | None) -> Settings:
    """--fail-under and --max-warnings over the config's values."""
    from seolint.config import check_fail_under, check_max_warnings

    if fail_under is not None:
        settings = replace(settings, fail_under=check_fail_under(fail_under, "--fail-under"))
    if max_warnings is not None:
        settings = replace(settings,
                           max_warnings=check_max_warnings(max_warnings, "--max-warnings"))
    return settings


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(
        help="HTML files, folders of a built site, or http(s) URLs.", show_default=False)],
    format: FormatOpt = Format.text,
    output: OutputOpt = None,
    config: ConfigOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    fail_on: FailOnOpt = None,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", help="The site's URL, to map files to URLs (links to it are internal).")
    ] = None,
    content_selector: Annotated[str | None, typer.Option(
        "--content-selector", help="CSS selector of the main content.")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="Worker processes.")] = None,
    fail_under: FailUnderOpt = None,
    max_warnings: MaxWarningsOpt = None,
    show_fixes: ShowFixesOpt = False,
    exit_zero: Annotated[bool, typer.Option(
        "--exit-zero", help="Exit 0 even when findings would fail the run.")] = False,
    no_progress: Annotated[bool, typer.Option("--no-progress", help="No progress bar.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Findings only.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    """Lint HTML files, built-site folders and single URLs."""
    from seolint import engine
    from seolint.document import RawDocument
    from seolint.net import FetchError, NotHtmlResponse, fetch_page
    from seolint.sources.files import discover

    with _guard(debug):
        settings = _settings(config, select, ignore, fail_on, base_url, content_selector, jobs)
        settings = gates(settings, fail_under, max_warnings)
        engine.validate(settings)
        urls = [p for p in paths if p.lower().startswith(("http://", "https://"))]
        files = [p for p in paths if p not in urls]
        found = discover(files, settings.base_url, settings.exclude)
        documents: list[RawDocument] = []
        failures: list[tuple[str, str, str, str]] = []
        for url in urls:
            try:
                documents.append(fetch_page(url))
            except NotHtmlResponse as exc:
                failures.append((url, "X007", f"Not an HTML page: {exc}",
                                 "Link to the HTML page instead"))
            except FetchError as exc:
                failures.append((url, "X002", str(exc), "Check that the URL answers"))
        total = len(found.items) + len(documents) + len(failures)
        with _progress(total, not (no_progress or quiet)) as tick:
            report = engine.lint(list(found.items), documents, settings, found.complete,
                                 found.known_urls, failures, tick)
        finish(report, settings, format, output, quiet=quiet, show_fixes=show_fixes,
               exit_zero=exit_zero)


def finish(report: Any, settings: Settings, format: Format, output: Path | None, *,
           quiet: bool, show_fixes: bool, exit_zero: bool) -> None:
    """Render the report and exit with the gates' verdict: shared by `check` and `crawl`."""
    from seolint.reporters import get

    with _output(output) as (out, color):
        if format is Format.text:
            from seolint.reporters.text import render as render_text

            render_text(report, out, color, quiet, show_fixes=show_fixes)
        else:
            get(format.value)(report, out, color)
    reasons = report.gate_failures(settings.fail_on, settings.fail_under, settings.max_warnings)
    if reasons and not exit_zero:
        if format is not Format.text or output is not None:
            _err("failed: " + "; ".join(reasons))
        raise typer.Exit(EXIT_FINDINGS)


@app.command("rules")
def list_rules(
    format: FormatOpt = Format.text,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
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


@app.command()
def explain(
    rule: Annotated[str, typer.Argument(help="A rule code or name, e.g. T003 or title-too-long.")],
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    """Print a rule's documentation."""
    from seolint.config import options_doc

    with _guard(debug):
        found = find_rule(rule)
        if found is None:
            raise ConfigError(f"unknown rule {rule!r} (see `seolint rules`)")
        names = " / ".join(found.names)
        head = f"# {found.code} {names}\n\n*{found.category}, {found.severity}*\n\n"
        body = found.doc.strip()
        opts = options_doc(found.options)
        if opts and "## Options" not in body:
            body += "\n\n## Options\n" + "\n".join(f"- `{k}` (default {v!r})" for k, v in opts)
        console = Console(highlight=False, soft_wrap=True)
        if console.is_terminal:
            console.print(Markdown(head + body))
        else:
            typer.echo(head + body)


def main() -> None:
    try:
        app()
    except SystemExit:  # click exits 2 on usage errors, as we want
        raise
    except BaseException as exc:  # pragma: no cover - last line of defence
        _err(f"internal error: {type(exc).__name__}: {exc}")
        raise SystemExit(EXIT_ERROR) from None
