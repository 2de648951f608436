"""Property-based fuzzing (Hypothesis) over the parser, Markdown front matter, the config loader
and `seolint check` end to end, in every output format. docs/fuzzing.md says how to run it.

Properties: no exception escapes (a bad page is a finding, bad config is ConfigError), the exit
code is 0, 1 or 2, every page is reported, and the output stays valid (JSON parses, SARIF
validates against the 2.1.0 schema when ../shared/schemas is there, JUnit XML parses, no raw
control character reaches any format).

Inputs are generated from pieces known to have broken HTML tools (unknown marked sections,
deep nesting, void elements, references, JSON-LD, control characters, huge numbers, hostile
file names) and mutated from the repository's own fixture pages. The `ci` profile (the default,
conftest.py) keeps the whole file near 30 s; `pytest -m fuzz --hypothesis-profile=long` runs far
more examples by hand.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from seolint.analysis.analyser import Analyser, Context
from seolint.config import ConfigError, Settings, load_settings, settings_from_dict
from seolint.document import RawDocument
from seolint.registry import RegistryError, select_rules
from seolint.sources.frontmatter import split
from seolint.sources.markdown.site import REPO_DOCS
from tests.conftest import FIXTURES, SHARED

pytestmark = pytest.mark.fuzz

FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit", "markdown", "html")
# A raw control character in an output (ESC starts a terminal escape sequence); tab, LF, CR are
# layout. JSON escapes them itself, so the parsed text is checked there too.
_RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# --- generated HTML --------------------------------------------------------------------------

_TAGS = ["p", "h1", "h2", "h3", "a", "img", "div", "main", "article", "nav", "li", "ul", "br",
         "title", "meta", "link", "script", "style", "table", "td", "pre", "code", "svg",
         "noscript", "template", "time", "span", "b", "textarea", "head", "body", "html"]
_ATTRS = ["href", "src", "alt", "rel", "name", "content", "property", "lang", "class", "id",
          "hidden", "type", "datetime", "itemprop", "role", "style", "hreflang", "charset"]
_HOSTILE = [
    "<![foo[x]]>", "<![CDATA[x]]>", "<![if x]>", "<![endif]>", "<![", "<!--", "-->", "<!doctype",
    "<?xml version='1.0'?>", "&#x1b;", "&#0;", "&#99999999;", "&amp", "&notanentity;", "\x1b[31m",
    "\u202e", "\x00", "\ufffd", "</p></p></p>", "<p>" * 50, "<b>" * 200, "<a href=x>" * 30,
    '<script type="application/ld+json">' + "[" * 300 + "]" * 300 + "</script>",
    '<script type="application/ld+json">{"@type": "BlogPosting", "headline": 1e999}</script>',
    '<script type="application/ld+json">{bad json</script>',
    '<meta http-equiv="refresh" content="0; url=javascript:alert(1)">',
    '<a href="http://user:pass@example.com/">x</a>', '<a href="http://[::1">x</a>',
    '<base href="//evil">', "9" * 5000, "<title>" + "x" * 3000 + "</title>",
    "<!-- seolint-disable-next-line -->", "<!-- seolint-disable T001,nonsense -->",
]


def _attr_value() -> st.SearchStrategy[str]:
    return st.one_of(st.text(max_size=30), st.sampled_from(
        ["", "/", "#x", "javascript:x", "http://example.com/a?b=1#c", "../../x", "nofollow",
         "application/ld+json", "display:none", "en", "description", "og:title", "canonical",
         "alternate", "x-default", "12", "noindex"]))


@st.composite
def _element(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(_TAGS))
    attrs = draw(st.lists(st.tuples(st.sampled_from(_ATTRS), _attr_value()), max_size=3))
    rendered = "".join(f' {k}="{v.replace(chr(34), "&quot;")}"' for k, v in attrs)
    inner = ""
    if depth < 3:
        inner = "".join(draw(st.lists(_node(depth + 1), max_size=4)))
    close = draw(st.booleans())
    return f"<{tag}{rendered}>{inner}" + (f"</{tag}>" if close else "")


def _node(depth: int) -> st.SearchStrategy[str]:
    return st.one_of(st.text(max_size=40), st.sampled_from(_HOSTILE), _element(depth))


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """A page from generated elements and hostile pieces, sometimes in a whole document."""
    body = "".join(draw(st.lists(_node(0), max_size=12)))
    if draw(st.booleans()):
        title = draw(st.text(max_size=80))
        return (f'<!doctype html><html lang="en"><head><title>{title}</title></head>'
                f"<body>{body}</body></html>")
    return body


@cache
def _fixture_pages() -> tuple[bytes, ...]:
    """The repository's own fixture pages, to mutate: real structure, then broken."""
    out = []
    for folder in ("rules", "hostile", "sample-blog", "markdown"):
        for path in sorted((FIXTURES / folder).rglob("*")):
            if path.suffix in (".html", ".htm", ".md") and path.stat().st_size < 200_000:
                out.append(path.read_bytes())
    return tuple(out)


@st.composite
def mutated_pages(draw: st.DrawFn) -> bytes:
    """A fixture page with a few bytes flipped, cut, repeated or a hostile piece spliced in."""
    pages = _fixture_pages()
    data = bytearray(draw(st.sampled_from(pages)) if pages else b"<p>x</p>")
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["flip", "cut", "repeat", "splice", "byte"]))
        if op == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "cut":
            del data[at:at + draw(st.integers(1, 64))]
        elif op == "repeat":
            piece = data[at:at + draw(st.integers(1, 32))]
            data[at:at] = piece * draw(st.integers(1, 20))
        elif op == "splice":
            data[at:at] = draw(st.sampled_from(_HOSTILE)).encode("utf-8", "surrogatepass")
        else:
            data[at:at] = bytes([draw(st.integers(0, 255))])
    return bytes(data)


def _page_bytes() -> st.SearchStrategy[bytes]:
    return st.one_of(html_pages().map(lambda s: s.encode("utf-8", "surrogatepass")),
                     mutated_pages())


@cache
def _analyser() -> Analyser:
    config = Settings()
    return Analyser(Context(config, tuple(cr.rule.code for cr in select_rules(config))))


@given(_page_bytes())
def test_analysing_any_page_never_raises(body: bytes) -> None:
    """parse, every page rule and the summary: a PageResult always, whatever the bytes."""
    result = _analyser().analyse(RawDocument("https://example.com/post/", "post.html", body))
    assert result.path == "post.html"
    for f in result.findings:
        assert f.message and f.code


# --- front matter ----------------------------------------------------------------------------

_YAML_VALUES = st.one_of(
    st.text(max_size=30), st.integers(), st.sampled_from(
        ["2024-01-01", "2024-01-01 25:61:61", "2024-01-01 10:00:00 +99:00", "2024-13-45",
         "9" * 5000, "[" * 200 + "]" * 200, "{a: {b: [1, 2, {c: d}]}}", "&a [*a, *a]", "*a",
         "!!python/object:os.system", "'unclosed", "- x\n- y", "yes", "~", ".nan", "0x1F"]))
_TOML_VALUES = st.one_of(
    st.integers().map(str), st.text(max_size=20).map(json.dumps), st.sampled_from(
        ["2024-01-01T10:00:00Z", "2024-01-01T10:00:00+99:00", "1979-05-27", "25:61:61",
         "9" * 5000, "[" * 300 + "]" * 300, "{ a = { b = 1 } }", "[1, 'a']", "inf", "nan",
         "'''x'''", '"unclosed', "true"]))
# `draft` and `published` (which drop a post from the run) are left to the front-matter test
# only, so that check's "every page is reported" stays exact.
_SITE_KEYS = ["title", "date", "description", "tags", "slug", "keyphrase", "seolint",
              "aliases", "layout", "lastmod", "x"]
_KEYS = st.sampled_from([*_SITE_KEYS, "draft", "published", "permalink"])


@st.composite
def front_matter(draw: st.DrawFn, keys: st.SearchStrategy[str] = _KEYS) -> str:
    if draw(st.booleans()):
        lines = [f"{draw(keys)}: {draw(_YAML_VALUES)}" for _ in range(draw(st.integers(0, 6)))]
        fence = "---"
    else:
        lines = [f"{draw(keys)} = {draw(_TOML_VALUES)}" for _ in range(draw(st.integers(0, 6)))]
        fence = "+++"
    closed = draw(st.booleans()) or draw(st.booleans())
    body = draw(st.text(max_size=60))
    return fence + "\n" + "\n".join(lines) + ("\n" + fence if closed else "") + "\n" + body


@given(front_matter())
def test_front_matter_never_raises(text: str) -> None:
    fm = split(text)
    if fm.error is not None:
        assert fm.error_line is not None and fm.error_line >= 1
        assert fm.data == {}
    json.dumps(fm.data)  # JSON-safe, as reports and worker processes need


# --- the config loader -----------------------------------------------------------------------

_CONFIG_KEYS = st.sampled_from(
    ["select", "ignore", "extend-select", "fail-on", "base-url", "content-selector", "exclude",
     "per-path-ignores", "rules", "max-file-size", "jobs", "scoring", "fail-under",
     "max-warnings", "markdown", "crawl", "keyphrases", "unknown-key"])
_SCALARS = st.one_of(st.booleans(), st.integers(), st.floats(allow_nan=True),
                     st.text(max_size=20), st.sampled_from(
                         ["http://[::1", "http://example.com:99999/", "https://example.com",
                          "div[[[", "main", "ALL", "T001", "5MB", "error", "-1", "titles"]))
_VALUES = st.recursive(_SCALARS,
                       lambda kids: st.lists(kids, max_size=3)
                       | st.dictionaries(st.text(max_size=12), kids, max_size=3),
                       max_leaves=8)


@given(st.dictionaries(_CONFIG_KEYS, _VALUES, max_size=4))
def test_config_from_any_table_is_settings_or_config_error(table: dict[str, Any]) -> None:
    from seolint.engine import validate

    try:
        validate(settings_from_dict(table, "fuzz.toml"))
    except (ConfigError, RegistryError):
        pass


def _toml_line(key: str, value: str) -> str:
    return f"{key} = {value}"


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_CONFIG_KEYS, _TOML_VALUES), max_size=5), st.booleans())
def test_config_file_is_settings_or_config_error(tmp_path: Path, lines: list[tuple[str, str]],
                                                  as_pyproject: bool) -> None:
    text = "\n".join(_toml_line(k, v) for k, v in lines) + "\n"
    name = "pyproject.toml" if as_pyproject else "seolint.toml"
    if as_pyproject:
        text = "[tool.seolint]\n" + text
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    try:
        load_settings(path)
    except ConfigError as exc:
        assert str(exc)


# --- `seolint check` end to end, every format ------------------------------------------------

@cache
def _sarif_validator() -> Any:
    path = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if not path.is_file():
        return None
    import jsonschema

    schema = json.loads(path.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


_NAMES = st.one_of(st.from_regex(r"[a-z0-9-]{1,12}", fullmatch=True),
                   st.sampled_from(["g\x1b[31m", "a b", "ünï", "x%41", "$(id)", "-rf", "a\tb",
                                    "bad\udcff"]))


@st.composite
def sites(draw: st.DrawFn) -> list[tuple[str, bytes]]:
    """One to three pages: HTML (generated or mutated) and Markdown with generated front
    matter, under generated file names (an ESC, a non-UTF-8 byte, spaces)."""
    files: dict[str, bytes] = {}
    for _ in range(draw(st.integers(1, 3))):
        stem = draw(_NAMES)
        if draw(st.booleans()):
            name, body = stem + ".html", draw(_page_bytes())
        else:
            name = stem + ".md"
            body = (draw(front_matter(st.sampled_from(_SITE_KEYS))) + "\n"
                    + draw(html_pages())).encode(
                "utf-8", "surrogatepass")
        files[name] = body
    return sorted(files.items())


def _write(folder: Path, files: list[tuple[str, bytes]]) -> None:
    for name, body in files:
        (folder / name).write_bytes(body)  # "bad\udcff" is the byte 0xff on disk


def _check_output(fmt: str, out: bytes, pages: int) -> None:
    assert not _RAW_CONTROL.search(out), (fmt, _RAW_CONTROL.search(out))
    if fmt in ("json", "sarif", "gitlab"):
        data = json.loads(out)
        text = json.dumps(data, ensure_ascii=False)
        assert "\x1b" not in text or fmt == "json"  # JSON carries a file name's ESC escaped
        if fmt == "json":
            assert len(data["pages"]) == pages
        if fmt == "sarif":
            validator = _sarif_validator()
            if validator is not None:
                errors = sorted(validator.iter_errors(data), key=str)
                assert not errors, errors[0].message
    elif fmt == "junit":
        root = ET.fromstring(out)
        cases = root.findall(".//testcase")
        assert len([c for c in cases if c.get("name") != "site"]) == pages
    elif fmt == "github":
        for line in out.decode("utf-8").splitlines()[:-1]:
            assert line.startswith("::"), line


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(sites(), st.sampled_from(FORMATS))
def test_check_on_generated_sites_in_every_format(files: list[tuple[str, bytes]],
                                                  fmt: str) -> None:
    from typer.testing import CliRunner

    from seolint.cli import app

    names = {n.lower() for n, _ in files}
    assume(len(names) == len(files))  # a case-insensitive file system would merge two
    # README.md, LICENSE.md ... are a repository's documents, not posts: not pages
    pages = sum(1 for n, _ in files
                if not (n.endswith(".md") and n[:-3].lower() in REPO_DOCS))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _write(folder, files)
        old = Path.cwd()
        os.chdir(folder)
        try:
            result = CliRunner().invoke(app, ["check", ".", "--format", fmt, "--no-progress"])
        finally:
            os.chdir(old)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        repr(result.exception))
    assert result.exit_code in (0, 1, 2), result.exit_code
    assert b"Traceback" not in result.stderr_bytes
    if result.exit_code == 2:
        # only a usage or config problem may be exit 2, never a crash on a page
        assert b"internal error" not in result.stderr_bytes, result.stderr_bytes[-500:]
        return
    _check_output(fmt, result.stdout_bytes, pages)
