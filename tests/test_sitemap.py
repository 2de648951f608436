"""Sitemaps: parsing (urlset, index, gzip, text), refusing entity bombs, bounds; and the folder
pipeline of `seolint check DIR` that feeds D006/D008 (fixtures/rules/D008/)."""

from __future__ import annotations

import gzip
import json
import zlib
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seolint.cli import app
from seolint.sources.sitemap import SitemapError, gunzip, parse_sitemap
from seolint.testing import markers

from .conftest import FIXTURES, ROOT

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://blog.example/</loc><lastmod>2026-01-01</lastmod></url>
  <url>
    <loc> https://blog.example/posts/a/ </loc>
  </url>
</urlset>
"""


def test_urlset_with_lines() -> None:
    parsed = parse_sitemap(URLSET)
    assert parsed.kind == "urlset"
    assert parsed.locs == [("https://blog.example/", 3), ("https://blog.example/posts/a/", 5)]


def test_index_gzip_bom_and_prefixed_namespaces() -> None:
    index = (b'\xef\xbb\xbf<?xml version="1.0"?>\n<sm:sitemapindex xmlns:sm="http://www.sitemaps'
             b'.org/schemas/sitemap/0.9"><sm:sitemap><sm:loc>https://blog.example/s1.xml'
             b'</sm:loc></sm:sitemap></sm:sitemapindex>')
    parsed = parse_sitemap(gzip.compress(index))
    assert parsed.kind == "index" and parsed.locs == [("https://blog.example/s1.xml", 2)]


def test_text_sitemap() -> None:
    parsed = parse_sitemap(b"https://blog.example/\n\nhttps://blog.example/a/\n")
    assert parsed.kind == "text" and [u for u, _ in parsed.locs] == [
        "https://blog.example/", "https://blog.example/a/"]
    with pytest.raises(SitemapError, match="Not a sitemap"):
        parse_sitemap(b"User-agent: *\nDisallow: /\n")


@pytest.mark.parametrize(("doc", "message"), [
    (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
     b"<urlset><url><loc>&b;</loc></url></urlset>", "DTD"),
    (b'<?xml version="1.0"?><!DOCTYPE urlset SYSTEM "http://evil.example/x.dtd"><urlset/>',
     "DTD"),
    (b"<urlset><url><loc>https://a/</loc></url>", "not well-formed"),
    (b"<html><body>Not found</body></html>", "root element is <html>"),
])
def test_hostile_and_broken_xml_is_refused(doc: bytes, message: str) -> None:
    with pytest.raises(SitemapError, match=message):
        parse_sitemap(doc)


def test_bounds_on_urls_bytes_and_inflation() -> None:
    many = b"<urlset>" + b"<url><loc>https://a/x</loc></url>" * 20 + b"</urlset>"
    parsed = parse_sitemap(many, max_urls=5)
    assert len(parsed.locs) == 5 and parsed.truncated
    with pytest.raises(SitemapError, match="over"):
        parse_sitemap(b"x" * 2048, max_bytes=1024)
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    bomb = z.compress(b"\0" * (8 << 20)) + z.flush()
    with pytest.raises(SitemapError, match="compression bomb"):
        gunzip(bomb, 1 << 20)


# --- check DIR: D008 over a folder's sitemap ---------------------------------------------------

def _check(folder: Path, select: str) -> dict:
    shown = folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder
    result = CliRunner().invoke(app, ["check", str(shown), "--select", select, "-f", "json"],
                                catch_exceptions=False)
    return json.loads(result.stdout)


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


# Folders are sites for `seolint check`; the .toml files beside them are crawl facts, run by
# tests/test_rules.py::test_crawl_rule_fixture.
@pytest.mark.parametrize("folder", sorted(p for p in (FIXTURES / "rules" / "D008").iterdir()
                                          if p.is_dir()), ids=lambda p: p.name)
def test_d008_fixtures(folder: Path) -> None:
    data = _check(folder, "D008,X002")
    got = Counter((f["path"], f["line"]) for f in data["findings"] if f["code"] == "D008")
    want: Counter[tuple[str, int | None]] = Counter()
    for file in sorted(folder.rglob("*")):
        if file.suffix in (".html", ".xml"):
            for m in markers(file.read_text(encoding="utf-8")):
                if m.code == "D008":
                    want[(file.relative_to(ROOT).as_posix(), m.line)] += 1
    assert got == want
    assert not [f for f in data["findings"] if f["code"] == "X002"]
    if folder.name.startswith("fine"):
        assert not want


def _site(root: Path, sitemap: str) -> Path:
    (root / "index.html").write_text("<html lang=en><head><title>Home</title></head>"
                                     "<body><a href='/a.html'>a</a></body></html>")
    (root / "a.html").write_text("<html lang=en><head><title>A</title></head>"
                                 "<body><a href='/'>home</a></body></html>")
    (root / "b.html").write_text("<html lang=en><head><title>B</title></head>"
                                 "<body><a href='/'>home</a></body></html>")
    (root / "sitemap.xml").write_text(sitemap)
    return root


def test_unreadable_sitemap_is_x002_and_stops_missing_page_reports(tmp_path: Path) -> None:
    site = _site(tmp_path, '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]><urlset/>')
    data = _check(site, "D008,X002")
    assert [(f["code"], f["path"]) for f in data["findings"]] == [
        ("X002", str(site / "sitemap.xml"))]
    result = CliRunner().invoke(app, ["check", str(site), "--select", "X002"])
    assert "sitemap.xml" in result.stdout and "DTD" in result.stdout  # shown in text too


def test_d006_in_a_folder_with_a_sitemap(tmp_path: Path) -> None:
    site = _site(tmp_path, "https://blog.example/\nhttps://blog.example/a.html\n"
                           "https://blog.example/b.html\n")
    data = _check(site, "D006,D008")
    assert [(f["code"], Path(f["path"]).name, f["message"]) for f in data["findings"]] == [
        ("D006", "b.html", "No other page of the site links to this page (only the sitemap "
                           "lists it)")]


def test_a_feed_listed_as_a_sitemap_is_accepted_not_read() -> None:
    # Nikola's sitemapindex.xml lists each category's RSS feed (damianavila-nikola): search
    # engines take feeds as sitemaps, so it is no "Not a sitemap" error.
    rss = b'<?xml version="1.0"?><rss version="2.0"><channel><item><link>https://b.example/a/'
    rss += b"</link></item></channel></rss>"
    atom = b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id></entry></feed>'
    for doc in (rss, atom):
        parsed = parse_sitemap(doc)
        assert parsed.kind == "feed" and parsed.locs == []


def test_d008_names_the_page_of_a_double_slash_url() -> None:
    """bekahhw.com's sitemap writes every URL with "//"; the pages are at the URLs with one
    slash, so "no such file" would be wrong: the finding is the double slash, and the page counts
    as listed (no "missing from the sitemap" on it)."""
    data = _check(FIXTURES / "rules" / "D008" / "fires_double_slash", "D008")
    assert [f["message"] for f in data["findings"]] == [
        "Sitemap lists a URL with a double slash, //: the page is /",
        "Sitemap lists a URL with a double slash, //I-did-something: the page is /I-did-something",
        "Sitemap lists a URL with a double slash, //b/: the page is /b/",
        "Sitemap lists //hidden-ai-work, which is not a page of the site (no such file)",
    ]
