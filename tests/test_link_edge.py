"""The outbound-link check runs at the I/O edge, not in the engine: engine.build_report takes
what the check learned as data (LinkFacts) and makes no request, no name lookup, no cache read
(the import-linter contract in pyproject.toml holds the same from the imports' side)."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest

from seolint import engine
from seolint.config import Settings
from seolint.document import LinkFacts, LinkStatus
from seolint.options import LinkOptions
from seolint.sources import linkcheck
from seolint.sources.files import discover

DEAD = "https://gone.example/post"
FINE = "https://fine.example/"
PAGE = ("<html lang='en'><head><title>Links</title></head><body><main><h1>Links</h1>\n"
        f'<p><a href="{FINE}">fine</a></p>\n'
        f'<p><a href="{DEAD}#part">dead</a></p>\n'
        "</main></body></html>\n")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every way to reach the network, the link checker or its cache raises (and is noted)."""
    calls: list[str] = []

    def refuse(what: str):  # type: ignore[no-untyped-def]
        def fail(*args: object, **kwargs: object) -> object:
            calls.append(what)
            raise AssertionError(f"{what} called while building the report")
        return fail

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("socket.getaddrinfo"))
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    monkeypatch.setattr(asyncio.BaseEventLoop, "getaddrinfo", refuse("loop.getaddrinfo"))
    monkeypatch.setattr(linkcheck.LinkChecker, "check", refuse("LinkChecker.check"))
    monkeypatch.setattr(linkcheck, "system_resolver", refuse("system_resolver"))
    from seolint.sources import linkcache

    monkeypatch.setattr(linkcache.LinkCache, "__init__", refuse("LinkCache"))
    return calls


def _results(tmp_path: Path, settings: Settings) -> tuple[list[object], object]:
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    found = discover([str(tmp_path)], None)
    return engine.analyse(list(found.items), [], settings), found


def test_build_report_reads_link_results_as_data_and_makes_no_request(
        tmp_path: Path, no_network: list[str]) -> None:
    settings = Settings(select=("D009",), links=LinkOptions(check_external=True))
    results, found = _results(tmp_path, settings)
    facts = LinkFacts({FINE: LinkStatus(FINE, "ok", 200),
                       DEAD: LinkStatus(DEAD, "broken", 404,
                                        reason="answered HTTP 404 Not Found")},
                      requests=3, seconds=0.5)
    report = engine.build_report(results, settings, found.complete, found.known_urls,
                                 links=facts)
    assert no_network == []
    got = [(f.code, f.line, f.severity) for f in report.findings]
    assert got == [("D009", 3, "warning")]
    assert "answered HTTP 404 Not Found" in report.findings[0].message
    assert report.links is facts  # the link notes on stderr read it from the report


def test_without_link_results_the_engine_checks_nothing_and_d009_is_silent(
        tmp_path: Path, no_network: list[str]) -> None:
    """--check-external in the settings is not enough: the engine never runs the check itself
    (engine.lint included), whoever calls it decides."""
    settings = Settings(select=("D009",), links=LinkOptions(check_external=True))
    results, found = _results(tmp_path, settings)
    report = engine.build_report(results, settings, found.complete, found.known_urls)
    linted = engine.lint(list(found.items), [], settings, found.complete, found.known_urls)
    assert no_network == []
    assert report.findings == () and report.links is None
    assert linted.findings == () and linted.links is None


def test_check_outbound_runs_only_when_asked_and_d009_is_selected(tmp_path: Path) -> None:
    asked: list[list[str]] = []

    class Recorder(linkcheck.LinkChecker):
        def check(self, urls):  # type: ignore[no-untyped-def]
            asked.append(list(urls))
            return LinkFacts({u: LinkStatus(u, "ok", 200) for u in asked[-1]})

    on = Settings(select=("D009",), links=LinkOptions(check_external=True))
    results, _ = _results(tmp_path, on)
    summaries = [r.summary for r in results if r.summary is not None]
    for settings in (Settings(select=("D009",)), Settings(select=("D007",), links=on.links),
                     Settings(select=("D009",), links=LinkOptions(check_external=False))):
        assert linkcheck.check_outbound(summaries, settings, Recorder(LinkOptions())) is None
    assert asked == []
    facts = linkcheck.check_outbound(summaries, on, Recorder(LinkOptions()))
    assert asked == [[FINE, DEAD]]  # each distinct URL once, the fragment removed
    assert facts is not None and set(facts.results) == {FINE, DEAD}
