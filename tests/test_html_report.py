"""The HTML report, parsed: structure, the Content-Security-Policy, hostile data, crawl data, size.

Golden structure tests: the output is parsed (BeautifulSoup, html.parser) and its parts checked,
never string-matched as a whole, so wording and styling can change without churn. The browser
tests (test_html_report_browser.py) open the same reports in headless Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from typer.testing import CliRunner

from seolint import engine
from seolint.cli import app
from seolint.config import Settings
from seolint.document import CrawlFacts, FetchFact
from seolint.engine import PageResult, Report
from seolint.registry import select_rules
from seolint.reporters import get
from seolint.reporters.html import FALLBACK_ROWS, FIX_PAGES_SHOWN, link, render_html, view
from seolint.rule import Finding
from seolint.scoring import PageInput, compute, rule_infos
from seolint.sources.files import discover

from .conftest import FIXTURES, ROOT

TEMPLATES = ROOT / "seolint" / "reporters" / "templates"


# --- reports to render (shared with the browser tests) ----------------------------------------

def build_report(folder: Path, **settings: Any) -> Report:
    """Lint a folder as `seolint check` does, in this process."""
    s = Settings(jobs=1, **settings)
    found = discover([str(folder)], s.base_url, s.exclude)
    return engine.lint(list(found.items), [], s, found.complete, found.known_urls)


@dataclass(frozen=True)
class CrawledReport(Report):
    """A report with the crawl's facts on it, as `seolint crawl` will hand them to reporters."""

    crawl: Any = None


def _scored(pages: list[PageResult], settings: Settings, orphans: tuple[Finding, ...] = (),
            crawl: Any = None) -> CrawledReport:
    """A report from hand-made pages, scored by the real scoring code as if every selected rule
    applied to each page that has a kind."""
    configured = tuple(select_rules(settings))
    infos = rule_infos(((cr.rule.code, cr.rule.category, cr.severity) for cr in configured),
                       settings.scoring)
    codes = frozenset(infos)
    scores = compute([PageInput(p.location, codes if p.kind and p.kind != "redirect"
                                else frozenset(), p.findings) for p in pages], infos)
    findings = tuple(f for p in pages for f in p.findings) + orphans
    return CrawledReport(tuple(pages), findings, configured, settings, scores, crawl=crawl)


def _finding(code: str, name: str, category: str, severity: str, message: str, fix: str | None,
             url: str | None, path: str | None = None, line: int | None = None) -> Finding:
    return Finding(code, name, category, severity, message, fix, url, path, line,  # type: ignore[arg-type]
                   1 if line else None)


def crawl_report(outside: str = "http://127.0.0.1:9") -> CrawledReport:
    """A crawl's report with status codes, redirect chains, blocked and failed URLs, and hostile
    strings everywhere a crawler could put them; `outside` stands for any other host."""
    home = "https://blog.example.com/"
    old = "https://blog.example.com/old"
    evil = "javascript:alert('url')"
    pages = [
        PageResult(home, None, "listing", "Home <b>bold</b>", 120, (), (), None,
                   {"words": 120, "reading_ease": 64.2}),
        PageResult(old, None, "redirect", None, 0, (), (), None),
        PageResult(evil, None, "post",
                   f'"><img src="{outside}/title.gif" onerror="window.__pwned=1">\x1b[31mred',
                   10,
                   (_finding("X001", "http-error", "indexability", "error",
                             f"HTTP 404 <script>window.__pwned=2</script> {outside}/msg.gif",
                             f'Fix <a href="javascript:alert(3)">it</a> {outside}/fix.gif', evil),),
                   (), None,
                   {"keyphrase": f'<img src="{outside}/kp.gif">',
                    "readability": {"flesch": 12.5, "note": "<script>alert(4)</script>"}}),
        PageResult(f"{outside}/linked", None, "page", "A page on another host", 50,
                   (_finding("X001", "http-error", "indexability", "error", "HTTP 500", None,
                             f"{outside}/linked"),), (), None),
    ]
    facts = (
        FetchFact(home, 200, indexable=True),
        FetchFact(old, 200, final_url="https://blog.example.com/new/",
                  hops=((301, "http://blog.example.com/new"), (308, "https://blog.example.com/new/"))),
        FetchFact(evil, 302, hops=((302, "javascript:alert('hop')"),
                                   (301, "data:text/html,<script>alert(5)</script>")),
                  redirect_stop="<img src=x onerror=alert(6)>"),
        FetchFact(f"{outside}/linked", 500),
        FetchFact("https://blog.example.com/private", blocked=True),
        FetchFact("https://blog.example.com/slow", error="timed out <script>"),
    )
    crawl = CrawlFacts(facts, {f.url: i for i, f in enumerate(facts)}, complete=False,
                       seeds=(home,))
    return _scored(pages, Settings(), crawl=crawl)


def combine(a: Report, b: Report) -> CrawledReport:
    """Two reports' pages in one, re-scored (the hostile fixture plus the hostile crawl)."""
    pages = sorted([*a.pages, *b.pages], key=lambda p: p.location)
    return _scored(pages, a.settings, crawl=getattr(b, "crawl", None) or getattr(a, "crawl", None))


def large_report(n: int = 3000) -> CrawledReport:
    """A synthetic site of n pages with findings in the proportions of a real blog (about six a
    page, most from the theme), for size and responsiveness."""
    shared = "Este es el blog personal de alguien que escribe sobre programación y otras cosas"
    pages = []
    for i in range(n):
        path = f"site/{2010 + i % 12}/{i:05d}/index.html"
        title = f"Post number {i}: notes about topic {i % 37} and what came of it"
        f: list[Finding] = [
            _finding("M007", "missing-social-tags", "meta", "info",
                     "3 of 3 Open Graph tags missing: og:title, og:description, og:image",
                     'Add <meta property="og:image" content="…"> in <head>', None, path, 2),
            _finding("M006", "missing-canonical", "meta", "warning", "No canonical link",
                     "Add <link rel=\"canonical\" href=\"the page's absolute URL\"> to <head>",
                     None, path, 2),
        ]
        if i % 3 == 0:
            f.append(_finding("T003", "title-too-long", "titles", "warning",
                              f'Title is {len(title)} characters (limit 60): "{title[:60]}…"',
                              f"Shorten the title by at least {len(title) - 60} characters",
                              None, path, 4))
        if i % 10 < 7:
            f.append(_finding("D002", "duplicate-meta-description", "meta", "warning",
                              f'Meta description "{shared[:60]}…" is shared with {n // 10 * 7} '
                              f"other pages: site/2010/00000/index.html, "
                              f"site/2011/00001/index.html and {n // 10 * 7 - 2} more",
                              "Write a description of this page's own content", None, path, 5))
        if i % 5 == 0:
            f.append(_finding("H002", "skipped-heading-level", "headings", "warning",
                              "<h4> follows <h2>", "Change it to <h3> or add the missing <h3>",
                              None, path, 40 + i % 50))
        if i % 4 == 0:
            f.append(_finding("L003", "no-internal-links", "links", "warning",
                              "The post links to no other page of the site",
                              "Link the post to at least one related post", None, path))
        if i % 97 == 0:
            f.append(_finding("H001", "missing-h1", "headings", "error", "The page has no <h1>",
                              "Add one <h1> that says what the page is about", None, path))
        metrics = {"words": 200 + i % 1500, "paragraphs": 3 + i % 20, "headings": i % 9,
                   "links_internal": i % 7, "links_external": i % 3, "images": i % 4,
                   "main_content": "article", "reading_ease": round(30 + (i * 7.3) % 60, 1)}
        pages.append(PageResult(None, path, "post" if i % 8 else "listing", title,
                                metrics["words"], tuple(f), ("H006", "H007"), None, metrics))
    return _scored(pages, Settings())


# --- helpers ----------------------------------------------------------------------------------

def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def sha(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def csp_of(doc: BeautifulSoup) -> dict[str, list[str]]:
    meta = doc.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert isinstance(meta, Tag)
    out: dict[str, list[str]] = {}
    for part in str(meta["content"]).split(";"):
        name, *values = part.split()
        out[name] = values
    return out


def embedded(doc: BeautifulSoup) -> dict[str, Any]:
    block = doc.find("script", id="report-data")
    assert isinstance(block, Tag) and block.get("type") == "application/json"
    return json.loads(block.string or "")


@pytest.fixture(scope="module")
def sample() -> tuple[Report, str]:
    report = build_report(FIXTURES / "sample-blog")
    return report, render_html(report)


@pytest.fixture(scope="module")
def hostile() -> tuple[Report, str]:
    report = combine(build_report(FIXTURES / "hostile"), crawl_report())
    return report, render_html(report)


# --- the command line -------------------------------------------------------------------------

def test_check_writes_an_html_report_with_format_html(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["check", "fixtures/sample-blog", "--format", "html",
                                      "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 1  # the sample blog has planted errors
    doc = soup(out.read_text(encoding="utf-8"))
    assert doc.find("h1") is not None and doc.find(id="site-score") is not None
    # Without -o the page goes to stdout, as every other format does.
    result = CliRunner().invoke(app, ["check", "fixtures/sample-blog", "-f", "html"],
                                catch_exceptions=False)
    assert result.stdout.lstrip().lower().startswith("<!doctype html>")
    assert get("html") is not None


# --- one file, nothing loaded -----------------------------------------------------------------

def test_the_csp_forbids_everything_but_the_hashed_inline_style_and_script(
        sample: tuple[Report, str]) -> None:
    doc = soup(sample[1])
    head = doc.head
    assert head is not None
    first = [t for t in head.children if isinstance(t, Tag)][:2]
    assert first[0].name == "meta" and first[0].get("charset") == "utf-8"
    assert first[1].get("http-equiv") == "Content-Security-Policy", "the CSP must come first"
    csp = csp_of(doc)
    assert csp["default-src"] == ["'none'"]
    assert csp["img-src"] == ["data:"]
    assert csp["base-uri"] == ["'none'"] and csp["form-action"] == ["'none'"]
    scripts = [s for s in doc.find_all("script") if s.get("type") != "application/json"]
    styles = doc.find_all("style")
    assert len(scripts) == 1 and len(styles) == 1
    assert csp["script-src"] == [f"'{sha(scripts[0].string)}'"]
    assert csp["style-src"] == [f"'{sha(styles[0].string)}'"]
    assert "unsafe" not in " ".join(v for vs in csp.values() for v in vs)


def test_nothing_in_the_page_can_load_anything(sample: tuple[Report, str]) -> None:
    doc = soup(sample[1])
    for tag in doc.find_all(True):
        assert not any(a.lower().startswith("on") for a in tag.attrs), tag.name
        assert "style" not in tag.attrs, f"<{tag.name} style>: the CSP would block it"
        assert "src" not in tag.attrs, tag
    assert not doc.find_all(["img", "iframe", "object", "embed", "form", "base", "video",
                             "audio", "source", "picture"])
    links = doc.find_all("link")
    assert [(tag.get("rel"), tag.get("href")) for tag in links] == [(["icon"], "data:,")]
    ids = {t["id"] for t in doc.find_all(id=True)}
    for a in doc.find_all("a", href=True):
        href = a["href"]
        if href.startswith("#"):
            assert href[1:] in ids, f"dangling link {href}"
        else:
            assert re.match(r"https?://", href), href
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    assert "url(" not in css and "@import" not in css


def test_the_script_never_parses_html_or_evaluates_strings() -> None:
    js = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                 "new Function", "setTimeout('", 'setTimeout("', "fetch(", "XMLHttpRequest",
                 "WebSocket", "import(", ".src ="):
        assert sink not in js, sink
    for source in (js, (TEMPLATES / "report.css").read_text(encoding="utf-8")):
        assert "</script" not in source.lower() and "</style" not in source.lower()


def test_the_templates_ship_in_the_wheel(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("seolint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("report.html.j2", "report.css", "report.js"):
        assert f"seolint/reporters/templates/{name}" in names
    assert "seolint/charts.py" in names and "seolint/reporters/html.py" in names


# --- what it shows ----------------------------------------------------------------------------

def test_scores_fixes_charts_and_table_are_all_there(sample: tuple[Report, str]) -> None:
    report, html = sample
    doc = soup(html)
    assert report.score is not None
    assert doc.find(id="site-score").get_text(strip=True) == f"{report.score:.1f}".removesuffix(".0")
    gauge = doc.select_one("svg.gauge")
    assert gauge is not None and str(report.score).removesuffix(".0") in gauge.get_text()
    # the ranked fixes, in order, each expandable to its pages
    items = doc.select("ol.fixes > li.fix")
    assert len(items) == len(report.fixes)
    gains = [float(li.select_one(".gain strong").get_text().lstrip("+")) for li in items]
    assert gains == sorted(gains, reverse=True)
    for li, fx in zip(items, report.fixes, strict=True):
        assert li.find("details") and li.find("summary")
        assert fx.code in li.select_one(".fix-meta").get_text()
        assert len(li.select(".fix-pages li")) == min(len(fx.pages), FIX_PAGES_SHOWN)
    # charts: findings by category and severity, the distribution of page scores, with text
    for chart in doc.select("svg.chart"):
        assert chart.get("role") == "img"
        title_id, desc_id = chart["aria-labelledby"].split()
        assert chart.find(id=title_id).get_text() and chart.find(id=desc_id).get_text()
    sev = doc.select_one("svg.severity-bars")
    assert sev is not None and "errors" in sev.find("desc").get_text()
    hist = doc.select_one("svg.histogram")
    assert hist is not None and len(hist.select("rect.bar")) == 10
    # each chart has its numbers as a table too
    assert len(doc.select("#charts details.data-table table")) == 2
    # the page table: the fallback rows, worst first
    rows = doc.select("#page-table tbody tr")
    assert len(rows) == min(len(report.pages), FALLBACK_ROWS)
    scores = [float(s) for r in rows if (s := r.select_one(".score").get_text()) != "–"]
    assert scores == sorted(scores)
    headers = [th.get("data-sort") for th in doc.select("#page-table thead th")]
    assert headers[:3] == ["title", "score", "words"] and "findings" in headers


def test_headings_are_in_order_and_charts_have_text(sample: tuple[Report, str]) -> None:
    doc = soup(sample[1])
    levels = [int(h.name[1]) for h in doc.find_all(re.compile(r"^h[1-6]$"))]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels
    assert doc.html.get("lang") == "en"
    assert doc.find("meta", attrs={"name": "viewport"}) is not None
    # severity is never colour alone: the words are there
    counts = doc.select_one("ul.counts").get_text(" ", strip=True)
    assert "errors" in counts and "warnings" in counts


def test_the_embedded_data_matches_the_report(sample: tuple[Report, str]) -> None:
    report, html = sample
    data = embedded(soup(html))
    assert len(data["pages"]) == len(report.pages)
    root = data["root"]
    for entry, page in zip(data["pages"], report.pages, strict=True):
        assert root + entry["p"] == page.location
        assert entry.get("t") == page.title
        assert sum(entry["n"]) == len(page.findings)
        for f, finding in zip(entry.get("f", []), page.findings, strict=True):
            assert f[0] == finding.code and data["s"][f[4]] == finding.message
    assert [fx["r"] for fx in data["fixes"]] == list(range(1, len(report.fixes) + 1))
    for fx, fix in zip(data["fixes"], report.fixes, strict=True):
        assert sorted(root + data["pages"][i]["p"] for i in fx["pg"]) == sorted(fix.pages)


def test_rendering_is_deterministic(sample: tuple[Report, str]) -> None:
    report, html = sample
    assert render_html(report) == html


def test_reading_ease_and_keyphrase_metrics_are_shown_when_present() -> None:
    report = crawl_report()
    doc = soup(render_html(report))
    assert doc.select_one('th[data-sort="ease"]') is not None
    data = embedded(doc)
    home = next(p for p in data["pages"] if p.get("t") == "Home <b>bold</b>")
    assert home["re"] == 64.2
    assert "keyphrase" in data["mk"] and "readability › flesch" in data["mk"]
    # the readability metrics of a real run land in the table
    real = build_report(FIXTURES / "sample-blog")
    if any("reading_ease" in p.metrics for p in real.pages):
        assert soup(render_html(real)).select_one('th[data-sort="ease"]') is not None
    # without the metric, no empty column
    plain = Report((PageResult(None, "a.html", "post", "A", 10, (), (), None, {"words": 10}),),
                   (), ())
    assert soup(render_html(plain)).select_one('th[data-sort="ease"]') is None


def test_a_report_with_no_pages_or_no_scores_renders() -> None:
    for report in (Report((), (), ()),
                   Report((PageResult(None, "broken.html", None, None, 0, (), (), None),), (),
                          ())):
        doc = soup(render_html(report))
        assert doc.find(id="site-score").get_text(strip=True) == "–"
        assert doc.select_one(".all-clear") is not None


# --- hostile page data ------------------------------------------------------------------------

def test_hostile_text_is_inert(hostile: tuple[Report, str]) -> None:
    report, html = hostile
    assert "\x1b" not in html and "\x07" not in html and "\u202e" not in html
    assert len(re.findall(r"<script", html, re.I)) == 2
    assert len(re.findall(r"</script", html, re.I)) == 2
    assert len(re.findall(r"<style", html, re.I)) == 1
    assert not re.search(r"<(img|svg on|iframe|link rel=stylesheet)", html, re.I)
    doc = soup(html)
    for tag in doc.find_all(True):
        assert not any(a.lower().startswith("on") for a in tag.attrs), tag
    for a in doc.find_all(href=True):
        assert re.match(r"^(#[\w-]+|https?://[^\s\"<>]+|data:,)$", a["href"]), a["href"]
    data = embedded(doc)
    titles = [p.get("t") or "" for p in data["pages"]]
    # the text survives, as text: visible escapes instead of control characters
    assert any("<script>window.__pwned='title'" in t and "\\x1b[31mRED" in t for t in titles)
    assert any("{{ 7*7 }}" in t for t in titles), "template syntax in data is not evaluated"
    assert all(len(t) <= 300 for t in titles), "very long titles are cut"
    messages = data["s"]
    assert any("javascript:alert('canonical')" in m for m in messages)
    # visible text in the HTML itself (the fix list) is escaped, not markup
    fix_texts = " ".join(t.get_text() for t in doc.select(".fix-pages a"))
    assert "<script>" in fix_texts


def test_only_http_urls_become_links(hostile: tuple[Report, str]) -> None:
    report, html = hostile
    data = embedded(soup(html))
    urls = {p.get("u") for p in data["pages"]} - {None}
    assert urls and all(u.startswith(("http://", "https://")) for u in urls)
    evil = next(p for p in data["pages"] if p.get("ut") == "javascript:alert('url')")
    assert "u" not in evil
    hops = [hop for p in data["pages"] for hop in p.get("rd", [])]
    assert any(h[1].startswith("javascript:") and h[2] is None for h in hops)
    assert any(h[1].startswith("data:") and h[2] is None for h in hops)
    assert any(h[2] == "https://blog.example.com/new/" for h in hops)


@pytest.mark.parametrize("url,ok", [
    ("https://example.com/a?b=c#d", True),
    ("HTTP://EXAMPLE.COM/", True),
    ("javascript:alert(1)", False),
    ("JaVaScRiPt:alert(1)", False),
    (" https://example.com/", False),
    ("https://example.com/\x1b[31m", False),
    ("https://exa mple.com/", False),
    ('https://example.com/"onmouseover="x', False),
    ("data:text/html,<script>", False),
    ("//example.com/", False),
    ("https:///nohost", False),
    ("file:///etc/passwd", False),
    ("https://example.com/\u202eexe.txt", False),
    (None, False),
])
def test_link_accepts_only_plain_http_urls(url: str | None, ok: bool) -> None:
    assert (link(url) is not None) is ok


# --- crawl data -------------------------------------------------------------------------------

def test_crawl_status_codes_and_redirect_chains_are_shown() -> None:
    report = crawl_report()
    doc = soup(render_html(report))
    section = doc.find(id="crawl")
    assert section is not None and section.find("h2") is not None
    chart = section.select_one("svg.histogram")
    assert chart is not None
    desc = chart.find("desc").get_text()
    for label in ("200: 1", "301: 1", "302: 1", "500: 1", "blocked: 1", "failed: 1"):
        assert label in desc, desc
    chains = section.select("ol.chain")
    assert len(chains) == 2
    first = [li.get_text(" ", strip=True) for li in chains[0].find_all("li")]
    assert first == ["301 https://blog.example.com/old", "308 http://blog.example.com/new",
                     "200 https://blog.example.com/new/"]
    hostile = chains[1]
    assert not [a for a in hostile.find_all("a") if not a["href"].startswith("http")]
    assert "javascript:alert('hop')" in hostile.get_text()
    assert "Stopped: <img src=x onerror=alert(6)>" in section.get_text()
    facts = dict((dt.get_text(), dd.get_text()) for dt, dd in zip(
        section.select(".facts dt"), section.select(".facts dd"), strict=True))
    assert facts["Started from"] == "https://blog.example.com/"
    assert facts["Complete"].startswith("no")
    assert doc.select_one('th[data-sort="status"]') is not None
    assert doc.find(id="f-status") is not None
    data = embedded(doc)
    assert {p.get("st") for p in data["pages"]} >= {200, 302, 500}


def test_a_real_crawl_shows_its_status_codes_and_redirects(tmp_path: Path) -> None:
    """The crawler's own CrawlFacts, from a local server whose directories redirect (301) to
    their slash, and a missing page (404)."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from seolint.engine import crawl
    from seolint.sources.crawl import CrawlOptions

    page = ('<!doctype html><html lang="en"><head><title>{t}</title></head><body><main>'
            "<h1>{t}</h1><p>{body}</p></main></body></html>")
    (tmp_path / "posts").mkdir()
    (tmp_path / "index.html").write_text(page.format(
        t="Home of a tiny site", body='<a href="/posts">Posts</a> <a href="/gone.html">Gone</a>'))
    (tmp_path / "posts" / "index.html").write_text(page.format(
        t="The posts of a tiny site", body='<a href="/">Home</a>'))

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(Quiet, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        seed = f"http://127.0.0.1:{server.server_address[1]}/"
        settings = Settings(jobs=1)
        outcome = crawl(seed, settings, CrawlOptions(), None)
    finally:
        server.shutdown()
        server.server_close()
    built = engine.build_report(outcome.results, settings, outcome.complete,
                                sitemap=outcome.sitemap, crawl=outcome.facts,
                                extra_findings=outcome.findings,
                                sitemap_complete=outcome.sitemap_complete)
    report = built if getattr(built, "crawl", None) is not None else CrawledReport(
        built.pages, built.findings, built.rules, built.settings, built.scores,
        crawl=outcome.facts)
    doc = soup(render_html(report))
    section = doc.find(id="crawl")
    assert section is not None
    desc = section.select_one("svg.histogram desc").get_text()
    assert "301: 1" in desc and "404: 1" in desc, desc
    chain = [li.get_text(" ", strip=True) for li in section.select("ol.chain li")]
    assert chain == [f"301 {seed}posts", f"200 {seed}posts/"]
    data = embedded(doc)
    assert {p["p"]: p.get("st") for p in data["pages"]}["/posts"] == 301


def test_a_report_without_crawl_data_has_no_crawl_section(sample: tuple[Report, str]) -> None:
    doc = soup(sample[1])
    assert doc.find(id="crawl") is None and doc.find(id="f-status") is None


# --- large sites ------------------------------------------------------------------------------

def test_a_3000_page_report_stays_proportionate() -> None:
    report = large_report(3000)
    html = render_html(report)
    doc = soup(html)
    size = len(html.encode())
    findings = len(report.findings)
    # the JSON report of the same run is about 700 bytes a finding; this stays well under half
    assert size < 260 * findings, f"{size:,} bytes for {findings:,} findings"
    assert len(doc.select("#page-table tbody tr")) == FALLBACK_ROWS
    for li in doc.select("ol.fixes > li"):
        assert len(li.select(".fix-pages li")) <= FIX_PAGES_SHOWN
    data = embedded(doc)
    assert len(data["pages"]) == 3000
    assert len(data["s"]) < findings / 2, "repeated strings are stored once"


def test_view_model_reshapes_and_computes_nothing_about_seo(sample: tuple[Report, str]) -> None:
    report, _ = sample
    v = view(report)
    assert v["site_score"] == report.score
    assert [f["gain"] for f in v["fixes"]] == [f.gain for f in report.fixes]
    assert sum(n for _, n, _ in v["bins"]) == sum(
        1 for p in report.pages if (s := report.page_score(p.location)) and s.score is not None)
    assert sum(r["total"] for r in v["severity_table"]) == len(report.findings)
