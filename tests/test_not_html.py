"""X007 not-html: files named .html that hold a feed, XML or JSON get X007 and no page rule.

The fixtures in fixtures/rules/X007 are shaped like what a WordPress static export writes:
`feed/index.html` (RSS 2.0, WordPress's feed-rss2 template), `feed/atom/index.html`, and the
wp-json answers saved as `index.html`. fires-* must give X007 and nothing else; fine-* (XHTML
with an XML declaration, a fragment that starts with "[") are pages and get no X007.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from seolint.config import Settings
from seolint.engine import lint
from seolint.parse import NotHtmlError, parse_html
from seolint.sniff import not_html
from seolint.sources.files import discover

from .conftest import FIXTURES

FOLDER = FIXTURES / "rules" / "X007"


@pytest.fixture(scope="module")
def by_file() -> dict[str, list[tuple[str, str]]]:
    settings = Settings(select=("ALL",), jobs=1)
    found = discover([str(FOLDER)], None)
    report = lint(list(found.items), [], settings, found.complete, found.known_urls)
    out: dict[str, list[tuple[str, str]]] = {p.name: [] for p in FOLDER.iterdir()}
    for f in report.findings:
        out[Path(f.path or "").name].append((f.code, f.message))
    return out


@pytest.mark.parametrize("name", sorted(p.name for p in FOLDER.glob("fires-*")))
def test_feeds_and_json_named_html_are_x007_only(by_file: dict, name: str) -> None:
    codes = [code for code, _ in by_file[name]]
    assert codes == ["X007"], by_file[name]
    assert by_file[name][0][1].startswith(("Not an HTML page: an ", "Not an HTML page: a "))


@pytest.mark.parametrize("name", sorted(p.name for p in FOLDER.glob("fine-*")))
def test_xhtml_and_fragments_stay_pages(by_file: dict, name: str) -> None:
    assert "X007" not in [code for code, _ in by_file[name]]


@pytest.mark.parametrize(("text", "why"), [
    ('<?xml version="1.0"?>\n<!-- generator -->\n<rss version="2.0"><channel/></rss>', "RSS"),
    ("\ufeff  <feed xmlns='http://www.w3.org/2005/Atom'></feed>", "Atom"),
    ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
     'xmlns="http://purl.org/rss/1.0/"><channel/></rdf:RDF>', "RSS 1.0"),
    ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/"/>', "XML"),
    ('  {"version": "1.0", "type": "rich"}', "JSON"),
])
def test_sniffing(text: str, why: str) -> None:
    reason = not_html(text)
    assert reason is not None and why in reason
    with pytest.raises(NotHtmlError):
        parse_html(text)


@pytest.mark.parametrize("text", [
    "<p>rss feeds explained</p>", "[draft] notes <p>x</p>", "<!DOCTYPE html><html><feed></feed>",
    '<?xml version="1.0"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"></html>',
    "{{ template }} leaked <p>x</p>",
])
def test_pages_are_not_sniffed_away(text: str) -> None:
    assert not_html(text) is None
