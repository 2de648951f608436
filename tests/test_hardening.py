"""Issue 18: what a fuzzing pass broke, each with its minimal input (check, config, output).

The crawl's items live in tests/test_crawl_hardening.py, the fuzz suite in tests/test_fuzz.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seolint import suppress
from seolint.rule import Finding
from seolint.suppress import Directive, apply, scan

GOOD = ("<!doctype html><html lang=\"en\"><head><title>A good page about running backwards"
        "</title></head><body><h1>Running backwards</h1><p>Some text.</p></body></html>")


def seolint(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """The installed command in a real subprocess: file names reach it as the OS gives them."""
    return subprocess.run([sys.executable, "-m", "seolint", *args, "--no-progress"], cwd=cwd,
                          capture_output=True, timeout=120)


def report(folder: Path, *args: str) -> tuple[int, dict]:
    done = seolint("check", ".", "--format", "json", *args, cwd=folder)
    assert done.returncode in (0, 1), done.stderr.decode(errors="replace")
    return done.returncode, json.loads(done.stdout)


def by_path(data: dict) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in data["findings"]:
        out.setdefault(f["path"] or "-", []).append(f["code"])
    return out


# --- item 1: one bad input must not abort the whole check ------------------------------------

def test_rejected_marked_section_is_linted_not_a_crash(tmp_path: Path) -> None:
    """`<![foo[x]]>` made html.parser give up (bs4's ParserRejectedMarkup): `check` exited 2
    with no report. A browser reads it as a bogus comment; so does seolint now."""
    (tmp_path / "good.html").write_text(GOOD)
    (tmp_path / "bad.html").write_text("<p>a</p><![foo[x]]>")
    _, data = report(tmp_path)
    assert {p["path"] for p in data["pages"]} == {"good.html", "bad.html"}
    bad = next(p for p in data["pages"] if p["path"] == "bad.html")
    assert bad["kind"] is not None  # parsed and linted, not a fetch failure
    assert "X002" not in by_path(data).get("bad.html", [])


def test_parser_giving_up_is_a_finding_on_that_page(tmp_path: Path) -> None:
    """Whatever else makes the parser raise ParserRejectedMarkup becomes X002 on that page."""
    from bs4.builder import ParserRejectedMarkup

    from seolint.config import Settings
    from seolint.document import RawDocument
    from seolint.engine import Context, _Analyser
    from seolint.registry import select_rules

    settings = Settings()
    ctx = Context(settings, tuple(cr.rule.code for cr in select_rules(settings)))
    analyser = _Analyser(ctx)
    import seolint.engine as engine

    def reject(*_a: object, **_k: object) -> None:
        raise ParserRejectedMarkup("no")

    old = engine.parse
    engine.parse = reject  # type: ignore[assignment]
    try:
        result = analyser.analyse(RawDocument("https://example.com/", "a.html", b"<p>x</p>"))
    finally:
        engine.parse = old
    assert [f.code for f in result.findings] == ["X002"]
    assert "rejected" in result.findings[0].message


def test_crash_on_one_page_is_z001_and_the_check_goes_on(tmp_path: Path) -> None:
    """A seolint bug while analysing one file is Z001 on that file, not exit 2 for all."""
    from seolint.config import Settings
    from seolint.engine import Context, _Analyser
    from seolint.registry import select_rules
    from seolint.sources.files import FileItem

    (tmp_path / "a.html").write_text(GOOD)
    settings = Settings()
    analyser = _Analyser(Context(settings, tuple(c.rule.code for c in select_rules(settings))))

    def boom(*_a: object, **_k: object) -> None:
        raise KeyError("bug")

    analyser.analyse = boom  # type: ignore[method-assign]
    item = FileItem(str(tmp_path / "a.html"), "a.html", "https://seolint.invalid/a.html", False)
    result = analyser.analyse_file(item)
    assert [f.code for f in result.findings] == ["Z001"]
    assert result.path == "a.html"


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses names that are not UTF-8")
def test_file_name_not_utf8(tmp_path: Path) -> None:
    """`bad\\xff.html`: UnicodeEncodeError in files.file_url ended the run."""
    (tmp_path / "good.html").write_text(GOOD)
    (tmp_path / os.fsdecode(b"bad\xff.html")).write_bytes(GOOD.encode())
    for fmt in ("json", "text", "github", "sarif", "junit", "gitlab", "markdown", "html"):
        done = seolint("check", ".", "--format", fmt, cwd=tmp_path)
        assert done.returncode in (0, 1), (fmt, done.stderr)
        assert b"bad\\" in done.stdout and b"xff.html" in done.stdout, fmt  # byte escaped
    _, data = report(tmp_path)
    assert {p["path"] for p in data["pages"]} == {"good.html", "bad\\xff.html"}


# --- item 5: seolint-disable-next-line is linear ---------------------------------------------

def _old_suppressing(finding: Finding, directives: list[Directive], rules: dict) -> Directive | None:
    """The quadratic reference the index replaced, kept to hold the two equal."""
    for d in directives:
        if d.kind == "file" and suppress._names(d, finding, rules):
            return d
    line = finding.line
    if line is None:
        return None
    for d in directives:
        if ((d.kind == "next-line" and d.line + 1 == line) or (
                d.kind == "line" and d.line == line)) and suppress._names(d, finding, rules):
            return d
    state: Directive | None = None
    for d in sorted((d for d in directives if d.kind in ("disable", "enable")),
                    key=lambda d: d.line):
        if d.kind == "disable" and d.line <= line and suppress._names(d, finding, rules):
            state = d
        elif d.kind == "enable" and d.line < line and state is not None and (
                not d.rules or any(suppress._matches(s, finding, rules) for s in d.rules)):
            state = None
    return state


def _finding(code: str, name: str, line: int | None) -> Finding:
    return Finding(code, name, "links", "warning", "m", None, None, "a.html", line, None)


def test_next_line_suppression_is_linear() -> None:
    """16k `seolint-disable-next-line` comments took 28 s: every finding walked every directive
    (about 128 million steps here; now one lookup each). The bound is 40 times what the index
    takes on a busy machine, and a tenth of what the old loop took."""
    import time

    from seolint.registry import load_rules

    n = 16_000
    text = "".join("<!-- seolint-disable-next-line L001 -->\n<a>click here</a>\n"
                   for _ in range(n))
    directives = scan(text)
    findings = [_finding("L001", "non-descriptive-link-text", 2 * i + 2) for i in range(n)]
    rules = load_rules()
    started = time.process_time()
    outcome = apply(findings, directives, rules, frozenset({"L001"}))
    assert time.process_time() - started < 2.0
    assert outcome.suppressed == n and not outcome.kept and not outcome.unused


_KINDS = st.sampled_from(["disable", "enable", "next-line", "line", "file"])
_SELECTORS = st.lists(st.sampled_from(["T003", "H", "titles", "title-too-long", "H001"]),
                      max_size=2).map(tuple)
_DIRECTIVES = st.lists(st.builds(Directive, _KINDS, _SELECTORS, st.integers(1, 12),
                                 st.just("<!-- -->")), max_size=12)
_FINDINGS = st.lists(st.builds(lambda c, line: _finding(*c, line),
                               st.sampled_from([("T003", "title-too-long"),
                                                ("H001", "missing-h1"), ("L001", "x")]),
                               st.none() | st.integers(1, 12)), max_size=8)


@settings(max_examples=150, deadline=None)
@given(_DIRECTIVES, _FINDINGS)
def test_indexed_suppression_agrees_with_the_quadratic_one(directives: list[Directive],
                                                           findings: list[Finding]) -> None:
    from seolint.registry import load_rules

    rules = load_rules()
    index = suppress._Index(directives, rules)
    for f in findings:
        assert suppress.suppressing(f, directives, rules, index) is _old_suppressing(
            f, directives, rules)


# --- item 9: file names are escaped in every format ------------------------------------------

def test_escape_sequence_in_file_name_is_escaped_everywhere(tmp_path: Path) -> None:
    """`g\\x1b[31m.html` put a raw ESC in the github format's `file=`."""
    (tmp_path / "g\x1b[31m.html").write_text("<p>x</p>")
    for fmt in ("text", "github", "gitlab", "json", "sarif", "junit", "markdown", "html"):
        done = seolint("check", ".", "--format", fmt, cwd=tmp_path)
        assert done.returncode in (0, 1), (fmt, done.stderr)
        assert b"\x1b" not in done.stdout, fmt
        assert b"\x1b" not in done.stderr, fmt
