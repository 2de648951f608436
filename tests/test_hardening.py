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
from seolint.analysis.analyser import Analyser, Context
from seolint.rule import Finding
from seolint.suppress import Directive, apply, scan

GOOD = ("<!doctype html><html lang=\"en\"><head><title>A good page about running backwards"
        "</title></head><body><h1>Running backwards</h1><p>Some text.</p></body></html>")


def seolint(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """The installed command in a real subprocess: file names reach it as the OS gives them."""
    return subprocess.run([sys.executable, "-m", "seolint", *args, "--no-progress"], cwd=cwd,
                          capture_output=True, timeout=120)


def invoke(folder: Path, *args: str) -> tuple[int, bytes, bytes]:
    """The command in this process (cheaper than a child): exit code, stdout, stderr bytes."""
    from typer.testing import CliRunner

    from seolint.cli import app

    old = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(app, [*args, "--no-progress"])
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout_bytes, result.stderr_bytes


def report(folder: Path, *args: str) -> tuple[int, dict]:
    code, out, err = invoke(folder, "check", ".", "--format", "json", *args)
    assert code in (0, 1), err.decode(errors="replace")
    return code, json.loads(out)


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


def _analyser() -> Analyser:
    from seolint.config import Settings
    from seolint.registry import select_rules

    settings = Settings()
    return Analyser(Context(settings, tuple(cr.rule.code for cr in select_rules(settings))))


def test_parser_giving_up_is_a_finding_on_that_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever else makes the parser raise ParserRejectedMarkup becomes X002 on that page."""
    from bs4.builder import ParserRejectedMarkup

    from seolint.analysis import analyser as module
    from seolint.document import RawDocument

    def reject(*_a: object, **_k: object) -> None:
        raise ParserRejectedMarkup("no")

    monkeypatch.setattr(module, "parse", reject)
    result = _analyser().analyse(RawDocument("https://example.com/", "a.html", b"<p>x</p>"))
    assert [f.code for f in result.findings] == ["X002"]
    assert "rejected" in result.findings[0].message


def test_crash_on_one_page_is_z001_and_the_check_goes_on(tmp_path: Path) -> None:
    """A seolint bug while analysing one file is Z001 on that file, not exit 2 for all."""
    from seolint.sources.files import FileItem

    (tmp_path / "a.html").write_text(GOOD)
    analyser = _analyser()

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
    for fmt in ("text", "github", "sarif", "junit", "gitlab", "markdown", "html"):
        code, out, err = invoke(tmp_path, "check", ".", "--format", fmt)
        assert code in (0, 1), (fmt, err)
        assert b"bad\\" in out and b"xff.html" in out, fmt  # its stray byte escaped
    _, data = report(tmp_path)
    assert {p["path"] for p in data["pages"]} == {"good.html", "bad\\xff.html"}


def test_markdown_file_name_not_utf8(tmp_path: Path) -> None:
    """Found by the long fuzz profile: `bad\\xff.md` broke the Markdown discovery's quote()."""
    (tmp_path / os.fsdecode(b"bad\xff.md")).write_bytes(b"+++\n\n\n")
    (tmp_path / "good.md").write_text("---\ntitle: A good post\n---\n# Good\n\nText.\n")
    _, data = report(tmp_path)
    assert {p["path"] for p in data["pages"]} == {"good.md", "bad\\xff.md"}
    bad = next(p for p in data["pages"] if p["path"] == "bad\\xff.md")
    assert bad["url"] is None or "%FF" in bad["url"]


def test_symlink_loop_is_a_finding(tmp_path: Path) -> None:
    """A symlink loop named .html raised RuntimeError out of Path.resolve."""
    (tmp_path / "good.html").write_text(GOOD)
    os.symlink("loop.html", tmp_path / "loop.html")
    _, data = report(tmp_path)
    found = by_path(data)
    assert found["loop.html"] == ["X002"]
    message = next(f["message"] for f in data["findings"] if f["path"] == "loop.html")
    assert "loop" in message
    assert any(p["path"] == "good.html" and p["kind"] for p in data["pages"])


def test_symlink_loop_named_md_is_a_finding(tmp_path: Path) -> None:
    """The Markdown discovery resolved every symlink: a loop raised RuntimeError there too."""
    (tmp_path / "good.md").write_text("---\ntitle: A good post\n---\n# Good\n\nText.\n")
    os.symlink("loop.md", tmp_path / "loop.md")
    _, data = report(tmp_path)
    assert by_path(data)["loop.md"] == ["X002"]
    assert any(p["path"] == "good.md" and p["kind"] for p in data["pages"])


FRONT_MATTER_FAILURES = {
    "hour out of range": ("---\ntitle: A post\ndate: 2024-01-01 25:61:61\n---\n", 3),
    "offset out of range": ("---\ntitle: A post\ndate: 2024-01-01 10:00:00 +99:00\n---\n", 3),
    "5,000-digit integer": ("---\ntitle: A post\nviews: " + "9" * 5000 + "\n---\n", 3),
    "YAML 3,000 deep": ("---\ntitle: A post\ntags: " + "[" * 3000 + "]" * 3000 + "\n---\n", 2),
    "TOML 5,000 deep": ("+++\ntitle = 'A post'\ntags = " + "[" * 5000 + "]" * 5000 + "\n+++\n",
                        2),
    "TOML 5,000-digit integer": ("+++\nviews = " + "9" * 5000 + "\n+++\n", 2),
}


@pytest.mark.parametrize("case", sorted(FRONT_MATTER_FAILURES))
def test_front_matter_that_cannot_be_built_is_f001_with_the_body_linted(tmp_path: Path,
                                                                        case: str) -> None:
    """ValueError (a date out of range, 5,000 digits) or RecursionError (deep nesting) escaped
    the front matter reader and ended the whole check."""
    front, line = FRONT_MATTER_FAILURES[case]
    (tmp_path / "good.md").write_text("---\ntitle: A good post\n---\n# Good\n\nText.\n")
    (tmp_path / "bad.md").write_text(front + "# Body heading\n\nThe body is still linted.\n")
    _, data = report(tmp_path)
    f001 = [f for f in data["findings"] if f["path"] == "bad.md" and f["code"] == "F001"]
    assert len(f001) == 1 and f001[0]["line"] == line, f001
    assert "Front matter cannot be read" in f001[0]["message"]
    bad = next(p for p in data["pages"] if p["path"] == "bad.md")
    assert bad["kind"] is not None and bad["words"] > 0  # the body was linted
    assert any(p["path"] == "good.md" for p in data["pages"])


# --- item 2: only regular files are read ----------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("name", ["pipe.md", "pipe.html", "pipe.markdown"])
def test_fifo_is_refused_whatever_its_name(tmp_path: Path, name: str) -> None:
    """A FIFO named .md hung the run at open() (one named .html was refused)."""
    (tmp_path / "good.md").write_text("---\ntitle: A good post\n---\n# Good\n\nText.\n")
    os.mkfifo(tmp_path / name)
    done = subprocess.run([sys.executable, "-m", "seolint", "check", ".", "--format", "json",
                           "--no-progress"], cwd=tmp_path, capture_output=True, timeout=90)
    data = json.loads(done.stdout)
    message = next(f["message"] for f in data["findings"] if f["path"] == name)
    assert message.startswith("Not a regular file")


def test_open_regular_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    from seolint.sources.files import open_regular

    os.mkfifo(tmp_path / "p")
    with pytest.raises(OSError, match="Not a regular file"):
        open_regular(tmp_path / "p")
    (tmp_path / "f").write_bytes(b"abc")
    fh, size = open_regular(tmp_path / "f")
    with fh:
        assert (fh.read(), size) == (b"abc", 3)


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
        code, out, err = invoke(tmp_path, "check", ".", "--format", fmt)
        assert code in (0, 1), (fmt, err)
        assert b"\x1b" not in out and b"\x1b" not in err, fmt
        # shown escaped: \x1b as titles are, \u001b in JSON, %1B in a SARIF URI
        assert any(e in out for e in (b"g\\x1b[31m.html", b"g\\\\x1b[31m.html",
                                      b"g\\u001b[31m.html", b"g%1B%5B31m.html")), fmt


# --- item 6: memory on small hostile pages ---------------------------------------------------

def _cap_page(n: int) -> str:
    return ("<html lang=\"en\"><head><title>Many headings, links and images</title></head><body>"
            + "".join(f"<h2>Heading {i}</h2><p><a href=\"/p{i}\">post {i}</a><img src=\"/i{i}\">"
                      "</p>" for i in range(n)))


@pytest.fixture
def small_caps(monkeypatch: pytest.MonkeyPatch) -> None:
    """The caps made small, so that a page of a few hundred elements reaches them."""
    from seolint import htmltree
    from seolint import parse as p

    for name, value in (("MAX_HEADINGS", 10), ("MAX_LINKS", 20), ("MAX_IMAGES", 10),
                        ("MAX_BLOCKS", 20)):
        monkeypatch.setattr(p, name, value)
    monkeypatch.setattr(htmltree, "MAX_NODES", 1000)
    monkeypatch.setattr(p, "MAX_NODES", 1000)


def test_caps_on_headings_links_images_blocks_each_reported_once(small_caps: None) -> None:
    from seolint.parse import parse_html

    page = parse_html(_cap_page(25))
    assert (len(page.headings), len(page.links), len(page.images), len(page.blocks)) == (
        10, 20, 10, 20)
    limits = {lim.what: lim for lim in page.limits}
    assert set(limits) == {"headings", "links", "images", "text blocks"}
    assert (limits["headings"].found, limits["headings"].kept) == (25, 10)
    assert (limits["links"].found, limits["images"].found) == (25, 25)
    assert limits["headings"].line == 1


def test_node_cap_stops_reading_and_says_where(small_caps: None) -> None:
    from seolint.parse import parse_html

    page = parse_html("<p>first</p>\n" + "<br>\n" * 1500 + "<p>never read</p>")
    assert [lim.what for lim in page.limits] == ["nodes"]
    assert page.limits[0].line is not None and page.limits[0].line > 400
    assert [b.text for b in page.blocks] == ["first"]


def test_blank_runs_do_not_count_toward_the_block_cap(small_caps: None) -> None:
    """The corpus's julialang download table has 11,293 blocks but twice as many blank runs
    between cells: counting those made it a false Z003."""
    from seolint.parse import parse_html

    page = parse_html("<table>" + "<tr> <td>x</td> <td> </td>\n</tr>\n" * 15 + "</table>")
    assert len(page.blocks) == 15 and page.limits == ()


def test_real_caps_hold_on_a_real_size_page() -> None:
    from seolint import parse as p
    from seolint.parse import parse_html

    page = parse_html("<h2>x</h2>" * (p.MAX_HEADINGS + 5))
    assert len(page.headings) == p.MAX_HEADINGS
    assert [(lim.what, lim.found) for lim in page.limits] == [("headings", p.MAX_HEADINGS + 5)]


def test_z003_once_per_cap_through_check(tmp_path: Path, small_caps: None) -> None:
    from typer.testing import CliRunner

    from seolint.cli import app

    (tmp_path / "big.html").write_text(_cap_page(25))
    result = CliRunner().invoke(app, ["check", str(tmp_path / "big.html"), "--select", "Z003",
                                      "--format", "json", "--no-progress"])
    z003 = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "Z003"]
    assert sorted(f["message"] for f in z003) == [
        "Page has 25 headings; seolint analysed the first 10 (limit 10)",
        "Page has 25 images; seolint analysed the first 10 (limit 10)",
        "Page has 25 links; seolint analysed the first 20 (limit 20)",
        "Page has more than 20 text blocks; seolint analysed the first 20 (limit 20)",
    ]
    assert all(f["line"] == 1 for f in z003)


def test_void_elements_in_paragraphs_are_linear() -> None:
    """bs4 kept unclosed void elements in a list and scanned it at every end tag: 100,000
    `<p><img></p>` cost 10^10 comparisons."""
    import time

    from seolint.htmltree import parse_tree

    text = "<p><img src=x></p>" * 50_000
    started = time.process_time()
    tree = parse_tree(text)
    assert time.process_time() - started < 8.0  # about 2 s; the list took over 30
    assert len(tree.all("img")) == 50_000


def test_100k_headings_stay_under_300_mb(tmp_path: Path) -> None:
    """The issue's page: 100k headings in a 2.7 MB file took 546 MB. One fresh child process,
    so its peak RSS is the only one getrusage reports."""
    page = tmp_path / "h.html"
    page.write_text("<html><head><title>Headings</title></head><body>"
                    + "".join(f"<h2>Heading number {i}</h2>\n" for i in range(100_000)))
    code = ("import resource, subprocess, sys; subprocess.run([sys.executable, '-m', 'seolint', "
            "'check', sys.argv[1], '--format', 'json'], stdout=subprocess.DEVNULL, timeout=300); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True,
                          text=True, timeout=330, check=True)
    peak_mb = int(done.stdout) / 1024
    assert peak_mb < 300, peak_mb


def test_minhash_in_slices_equals_one_step() -> None:
    import numpy as np

    from seolint import similarity

    hashes = np.arange(1, 50_000, 7, dtype=np.uint32)
    sliced = similarity.minhash(hashes)
    old = similarity.MINHASH_CHUNK
    similarity.MINHASH_CHUNK = 10**9
    try:
        assert similarity.minhash(hashes) == sliced
    finally:
        similarity.MINHASH_CHUNK = old


# --- item 7: deep JSON-LD is M008 on that block, the page is linted --------------------------

def test_deep_json_ld_is_invalid_json_ld_and_page_linted(tmp_path: Path) -> None:
    """1,000 nested arrays in ld+json turned the whole page into one X002."""
    deep = "[" * 1000 + "]" * 1000
    (tmp_path / "deep.html").write_text(
        "<html lang=\"en\"><head><title>A post with deep structured data</title>"
        f"<script type=\"application/ld+json\">{deep}</script></head>"
        "<body><h1>Deep</h1><p>Body text.</p></body></html>")
    _, data = report(tmp_path)
    codes = by_path(data)["deep.html"]
    assert "X002" not in codes
    invalid = [f for f in data["findings"] if f["name"] == "invalid-json-ld"]
    assert len(invalid) == 1 and "nested more than 64 levels" in invalid[0]["message"]
    assert "M001" in codes  # the rest of the page was linted


def test_json_ld_loaded_but_too_deep_is_refused() -> None:
    from seolint.parse import parse_html

    ok = "[" * 60 + "]" * 60
    deep = "[" * 300 + "]" * 300  # json loads it; pickling it for a worker would not
    page = parse_html(f"<script type=\"application/ld+json\">{ok}</script>"
                      f"<script type=\"application/ld+json\">{deep}</script>")
    assert page.json_ld[0].error is None
    assert page.json_ld[1].data is None and "nested" in (page.json_ld[1].error or "")


def test_long_json_ld_array_is_linear() -> None:
    """JsonLd.items() popped the front of a list: 300,000 objects took 22 s."""
    import time

    from seolint.parse import parse_html

    html = ("<script type=\"application/ld+json\">[" + ",".join(["{}"] * 300_000)
            + "]</script><p>x</p>")
    page = parse_html(html)
    started = time.process_time()
    assert len(page.json_ld[0].items()) == 300_000
    assert time.process_time() - started < 2.0


# --- item 8: bad config values exit 2 naming the key -----------------------------------------

@pytest.mark.parametrize(("toml", "expected"), [
    ('base-url = "http://[::1"', "'base-url' is not a valid URL (Invalid IPv6 URL)"),
    ('base-url = "http://example.com:99999/"', "'base-url' is not a valid URL (Port out of"),
    ('content-selector = "div[[["', "'content-selector' is not a valid CSS selector"),
    ("jobs = " + "9" * 5000, "key 'jobs' (line 1) is a number of more than 4,300 digits"),
    ("select = " + "[" * 5000 + "]" * 5000, "key 'select' (line 1) is nested too deeply"),
    ("[crawl]\nmax-pages = " + "{a=" * 3000 + "}" * 3000,
     "key 'max-pages' in [crawl] (line 2) is nested too deeply"),
])
def test_bad_config_value_exits_2_naming_the_key(tmp_path: Path, toml: str,
                                                 expected: str) -> None:
    (tmp_path / "a.html").write_text(GOOD)
    (tmp_path / "seolint.toml").write_text(toml + "\n")
    done = seolint("check", ".", cwd=tmp_path)
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert expected in err
    assert "internal error" not in err and "Traceback" not in err


def test_bad_content_selector_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(GOOD)
    for command in (["check", "."], ["crawl", "http://127.0.0.1:9/"]):
        done = seolint(*command, "--content-selector", "div[[[", cwd=tmp_path)
        err = done.stderr.decode()
        assert done.returncode == 2, err
        assert "--content-selector" in err and "not a valid CSS selector" in err


def test_broken_pyproject_above_is_not_our_config(tmp_path: Path) -> None:
    """find_config skips someone else's pyproject.toml that tomllib cannot read at all."""
    from seolint.config import find_config

    (tmp_path / "pyproject.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    assert find_config(tmp_path) is None
