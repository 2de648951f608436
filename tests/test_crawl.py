"""`seolint crawl` end to end, against real HTTP servers on 127.0.0.1 (tests/test_crawl_server.py)
serving the fixture sites in fixtures/sites/. No test touches the internet.

- blog: an ordinary blog with planted defects; the crawl-only findings are marked in its files
  (`<!-- expect: CODE -->`) and in expected.toml, and every page's page-level findings must be
  those `seolint check URL` gives for the same page.
- hostile: every trap of the issue; each must become a finding, nothing forbidden or off-site may
  be requested, and the crawl must finish quickly.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from seolint.cli import app
from seolint.registry import load_rules
from seolint.testing import markers

from .conftest import FIXTURES, ROOT
from .test_crawl_server import (
    Handler,
    SiteServer,
    bomb_bytes,
    drip,
    endless,
    gzip_bomb,
    hang,
    page,
    redirect,
    ring_site,
)

SITES = FIXTURES / "sites"
CRAWL_CODES = {"D006", "D007", "D008", "X001", "X002", "X003", "X005", "X006", "X007"}


def crawl(*args: str, cwd: Path | None = None) -> tuple[int, dict, str]:
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, ["crawl", *args, "-f", "json", "--no-progress"],
                                    catch_exceptions=False)
    finally:
        os.chdir(old)
    try:
        data = json.loads(result.stdout)
    except ValueError:
        raise AssertionError(result.output) from None
    return result.exit_code, data, result.stderr


def path_of(url: str | None) -> str:
    return urlsplit(url or "").path


# --- an ordinary blog -----------------------------------------------------------------------

@pytest.fixture
def blog() -> SiteServer:
    with SiteServer() as offsite, SiteServer(SITES / "blog") as site:
        site.vars["OFFSITE"] = offsite.base
        site.route("/old-shoes/", redirect("/older-shoes/"))
        site.route("/older-shoes/", redirect("/posts/shoes/"))
        site.offsite = offsite  # type: ignore[attr-defined]
        yield site


def _file_url_path(rel: Path) -> str:
    text = "/" + rel.as_posix()
    return text[: -len("index.html")] if text.endswith("/index.html") else text


def test_blog_crawl_finds_every_planted_defect_and_nothing_else(blog: SiteServer) -> None:
    code, data, _ = crawl(blog.url("/"), "--timeout", "5")
    got = Counter((path_of(f["url"]), f["code"], f["line"]) for f in data["findings"]
                  if f["code"] in CRAWL_CODES)
    want: Counter[tuple[str, str, int | None]] = Counter()
    root = SITES / "blog"
    for file in sorted(root.rglob("*")):
        if file.suffix not in (".html", ".xml"):
            continue
        for m in markers(file.read_text(encoding="utf-8")):
            want[(_file_url_path(file.relative_to(root)), m.code, m.line)] += 1
    for item in tomllib.loads((root / "expected.toml").read_text())["finding"]:
        want[(item["url"], item["code"], None)] += 1
    # expect-page markers have no line: compare those without it.
    loose = {(p, c) for (p, c, line) in want if line is None}
    got_cmp = Counter((p, c, None if (p, c) in loose else line) for (p, c, line) in got.elements())
    assert got_cmp == want
    assert code == 1


def test_blog_crawl_never_requests_forbidden_or_offsite_urls(blog: SiteServer) -> None:
    crawl(blog.url("/"), "--timeout", "5")
    paths = blog.paths()
    assert paths[0] == "/robots.txt"
    assert not any(p.startswith("/private/") for p in paths)
    assert blog.offsite.paths() == []  # type: ignore[attr-defined]
    counts = Counter(urlsplit(p).path for p in paths)
    assert counts["/posts/shoes/"] == 1  # ?utm_source=home and the plain URL are one page
    assert all(hit.headers["user-agent"].startswith("seolint/") for hit in blog.log)
    assert all(hit.headers.get("accept-encoding") == "gzip, deflate" for hit in blog.log)


def test_blog_page_findings_are_those_of_check(blog: SiteServer) -> None:
    _, data, _ = crawl(blog.url("/"), "--timeout", "5")
    page_codes = {c for c, r in load_rules().items() if r.scope == "page"}
    pages = [p["url"] for p in data["pages"] if p["kind"] not in (None, "redirect")]
    assert len(pages) >= 7  # the 404 answer is no page: it is X001 only, never analysed
    result = CliRunner().invoke(app, ["check", *pages, "-f", "json"], catch_exceptions=False)
    checked = json.loads(result.stdout)

    def by_url(report: dict) -> Counter:
        return Counter((f["url"], f["code"], f["line"], f["message"]) for f in report["findings"]
                       if f["code"] in page_codes and f["url"] in pages)

    assert by_url(data) == by_url(checked)


def test_blog_crawl_is_deterministic(blog: SiteServer) -> None:
    first = crawl(blog.url("/"), "--timeout", "5")[1]
    second = crawl(blog.url("/"), "--timeout", "5", "--concurrency", "1")[1]
    assert first["findings"] == second["findings"]
    assert [p["url"] for p in first["pages"]] == [p["url"] for p in second["pages"]]


def test_page_and_depth_limits_bound_the_crawl(blog: SiteServer) -> None:
    _, data, err = crawl(blog.url("/"), "--max-pages", "3")
    assert len([p for p in data["pages"] if p["kind"] != "redirect"]) <= 3
    assert "stopped at --max-pages 3" in err
    _, data, _ = crawl(blog.url("/"), "--max-depth", "0")
    assert [path_of(p["url"]) for p in data["pages"]] == ["/"]
    assert any(f["code"] == "X002" and "past --max-depth 0" in f["message"]
               for f in data["findings"])
    # An incomplete crawl cannot say a page is an orphan.
    assert not any(f["code"] == "D006" for f in data["findings"])


def test_include_and_exclude_patterns(blog: SiteServer) -> None:
    _, data, _ = crawl(blog.url("/"), "--exclude", r"/posts/(draft|orphan)/")
    crawled = {path_of(p["url"]) for p in data["pages"]}
    assert "/posts/draft/" not in crawled and "/posts/orphan/" not in crawled
    assert not any(urlsplit(p).path.startswith(("/posts/draft/", "/posts/orphan/"))
                   for p in blog.paths())
    _, data, _ = crawl(blog.url("/"), "--include", r"^http://127\.0\.0\.1:\d+/(posts/shoes/.*)?$")
    assert {path_of(p["url"]) for p in data["pages"]} <= {"/", "/posts/shoes/", "/old-shoes/"}


def test_crawl_options_come_from_the_config(blog: SiteServer, tmp_path: Path) -> None:
    (tmp_path / "seolint.toml").write_text('[crawl]\nmax-pages = 2\n', encoding="utf-8")
    _, data, _ = crawl(blog.url("/"), cwd=tmp_path)
    assert len(data["pages"]) <= 2
    (tmp_path / "seolint.toml").write_text('[crawl]\nmax-pagez = 2\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["crawl", blog.url("/"), "--config",
                                      str(tmp_path / "seolint.toml")])
    assert result.exit_code == 2 and "max-pagez" in result.output


def test_bad_urls_and_options_exit_2() -> None:
    for args in (["ftp://example.com/"], ["example.com"], ["http://127.0.0.1:9/", "--concurrency",
                                                           "0"],
                 ["http://127.0.0.1:9/", "--exclude", "("]):
        result = CliRunner().invoke(app, ["crawl", *args])
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output


def test_text_output_is_quiet_about_progress_when_not_a_terminal(blog: SiteServer) -> None:
    result = CliRunner().invoke(app, ["crawl", blog.url("/"), "--select", "D007"])
    assert result.exit_code == 1
    assert "D007 broken-internal-link" in result.stdout
    assert "Crawling" not in result.stderr and "\r" not in result.stderr
    assert "crawled" in result.stderr  # the one-line summary


# --- robots.txt -----------------------------------------------------------------------------

HOME = ("<html lang=en><head><title>Home of a small test site for robots rules</title></head>"
        "<body><a href='/a'>A</a> <a href='/b'>B</a> <a href='/c'>C</a></body></html>")


def test_robots_4xx_allows_everything() -> None:
    with SiteServer() as site:
        site.route("/", page(HOME))
        for p in ("/a", "/b", "/c"):
            site.route(p, page("<title>x</title>"))
        crawl(site.url("/"))
        assert {"/a", "/b", "/c"} <= set(site.paths())


def test_robots_5xx_disallows_everything(tmp_path: Path) -> None:
    (tmp_path / "seolint.toml").write_text("[crawl]\nbackoff = 0.01\n", encoding="utf-8")
    with SiteServer() as site:
        site.route("/robots.txt", page("down", 503, "text/plain"))
        site.route("/", page(HOME))
        code, data, err = crawl(site.url("/"), cwd=tmp_path)
        assert set(site.paths()) == {"/robots.txt"}  # retried, and nothing else requested
        assert [f["code"] for f in data["findings"]] == ["X005"]
        assert "robots.txt answered 503" in err
        assert code == 0  # X005 is a warning


def test_robots_token_and_crawl_delay() -> None:
    with SiteServer() as site:
        site.route("/robots.txt", page("User-agent: *\nDisallow: /\n\nUser-agent: seolint\n"
                                       "Disallow: /c\nCrawl-delay: 0.3\n", 200, "text/plain"))
        site.route("/", page(HOME))
        for p in ("/a", "/b", "/c"):
            site.route(p, page("<title>x</title>"))
        crawl(site.url("/"))
        hits = [h for h in site.log if h.path in ("/", "/a", "/b")]
        assert [h.path for h in hits] == ["/", "/a", "/b"]
        assert "/c" not in site.paths()
        gaps = [b.at - a.at for a, b in zip(hits, hits[1:], strict=False)]
        assert min(gaps) >= 0.25, gaps


def test_ignore_robots_warns_and_crawls() -> None:
    with SiteServer() as site:
        site.route("/robots.txt", page("User-agent: *\nDisallow: /\n", 200, "text/plain"))
        site.route("/", page(HOME))
        _, _, err = crawl(site.url("/"), "--ignore-robots")
        assert "--ignore-robots" in err and "/" in site.paths()


# --- a hostile site -------------------------------------------------------------------------

def _calendar(h: Handler) -> None:
    month = urlsplit(h.path).query.partition("=")[2] or "2024-01"
    year, mon = (int(x) for x in month.split("-"))
    links = []
    for step in (-2, -1, 1, 2):
        m = year * 12 + mon - 1 + step
        links.append(f"<a href='/calendar?month={m // 12}-{m % 12 + 1:02d}'>{step}</a>")
    h.send(200, f"<html><head><title>Calendar {month}</title></head><body>{' '.join(links)}"
                "</body></html>")


def _deep(h: Handler) -> None:
    n = h.path.rstrip("/").count("/")
    h.send(200, f"<html><head><title>Level {n}</title></head><body>"
                f"<a href='{n}/'>deeper</a></body></html>")


def _loops(h: Handler) -> None:
    h.send(200, "<html><head><title>Loops</title></head><body><a href='a/'>a</a> "
                "<a href='b/'>b</a></body></html>")


class _Busy:
    """503 with Retry-After: 1 the first time, then the page."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, h: Handler) -> None:
        self.calls += 1
        if self.calls == 1:
            h.send(503, "busy", "text/plain", {"Retry-After": "1"})
        else:
            h.send(200, "<html><head><title>Fine after a while</title></head></html>")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteServer, SiteServer, dict,
                                                                  str, float]:
    config = tmp_path_factory.mktemp("hostile") / "seolint.toml"
    config.write_text("[crawl]\nmax-query-variants = 8\nmax-depth = 6\nmax-body-size = 1048576\n"
                      "backoff = 0.05\n", encoding="utf-8")
    with SiteServer() as offsite, SiteServer(SITES / "hostile") as site:
        site.vars["OFFSITE"] = offsite.base
        site.route("/loop/a", redirect("/loop/b"))
        site.route("/loop/b", redirect("/loop/a", 302))
        for n in range(20):
            site.route(f"/hop/{n}", redirect(f"/hop/{n + 1}"))
        site.route("/hop/20", page("<title>Finally</title>"))
        site.route("/endless", endless)
        site.route("/bomb", gzip_bomb)
        site.route("/drip", drip(0.5))
        site.route("/hang", hang)
        site.route("/error-500", page("<html><head><title>Oops</title></head></html>", 500))
        site.route("/busy-503", _Busy())
        site.route("/slow-down-429", page("slow down", 429, "text/plain", {"Retry-After": "0"}))
        site.route("/binary", lambda h: h.send(200, bytes(range(256)) * 40, "text/html"))
        site.prefix("/calendar", _calendar)
        site.prefix("/deep/", _deep)
        site.prefix("/loops/", _loops)
        site.route("/redirect-away", redirect(offsite.url("/landing"), 302))
        site.route("/empty", page("", 200))
        site.route("/feed.json", page("{}", 200, "application/json"))
        # The bomb is built before the crawl, not by the server on the first request: its 200
        # level-9 compressions of 1 MB take 0.8 s of CPU (several seconds on a loaded machine),
        # and that wait, the test server's, ran inside the client's 2.5 s per-request deadline,
        # so /bomb came back as "Response took over 2.5 s" instead of a bomb refused. The
        # deadline is there for /drip and /hang; the bomb's own bound is on bytes inflated.
        bomb_bytes()
        started = time.monotonic()
        result = CliRunner().invoke(app, ["crawl", site.url("/"), "-f", "json", "--timeout",
                                          "2.5", "--config", str(config)],
                                    catch_exceptions=False)
        seconds = time.monotonic() - started
        yield site, offsite, json.loads(result.stdout), result.stderr, seconds


def _findings(data: dict, path: str, code: str | None = None) -> list[dict]:
    return [f for f in data["findings"] if path_of(f["url"]) == path
            and (code is None or f["code"] == code)]


def test_hostile_crawl_finishes_quickly(hostile: tuple) -> None:
    # A guard against a trap that holds the crawl: /hang answers after 60 s and /drip would take
    # 5,000 s, so a missing deadline shows as a minute or more. The crawl takes 5-6 s on an idle
    # machine and was seen at 13-15 s under load (a 15 s bound flaked); 30 s keeps the guard with
    # room for a loaded CI runner. That each trap is cut by the deadline, not merely finished,
    # is what test_every_trap_becomes_a_finding checks (/drip: "per-request deadline").
    _, _, _, err, seconds = hostile
    assert seconds < 30, seconds
    assert "Traceback" not in err


@pytest.mark.parametrize(("path", "code", "name", "text"), [
    ("/loop/a", "X003", "redirect-loop", "Redirect loop"),
    ("/hop/0", "X003", "redirect-chain", "not followed further"),
    ("/endless", "X002", "fetch-failed", "over the 1.0 MB limit"),
    ("/bomb", "X002", "fetch-failed", "inflates to over the 1.0 MB limit"),
    ("/drip", "X002", "fetch-failed", "per-request deadline"),
    ("/hang", "X002", "fetch-failed", ""),
    ("/error-500", "X001", "http-error", "500"),
    ("/slow-down-429", "X001", "http-error", "429"),
    ("/binary", "X007", "not-html", "binary"),
    ("/empty", "X007", "not-html", "empty"),
    ("/redirect-away", "X003", "offsite-redirect", "off the site"),
    ("/sitemap.xml", "X002", "fetch-failed", "DTD"),
    ("/", "X005", "blocked-by-robots", "/admin/secret.html"),
    ("/calendar", "X002", "fetch-failed", "query variants"),
    (None, "X002", "fetch-failed", "past --max-depth 6"),
])
def test_every_trap_becomes_a_finding(hostile: tuple, path: str | None, code: str, name: str,
                                      text: str) -> None:
    data = hostile[2]
    found = (_findings(data, path, code) if path is not None
             else [f for f in data["findings"] if f["code"] == code])
    assert found, f"no {code} on {path}: {[(path_of(f['url']), f['code']) for f in data['findings']]}"
    assert any(f["name"] == name and text in f["message"] for f in found), [
        (f["name"], f["message"]) for f in found]


def test_repeated_path_segments_are_a_trap(hostile: tuple) -> None:
    data = hostile[2]
    assert any(f["code"] == "X002" and "repeats the path segment" in f["message"]
               for f in data["findings"])


def test_hostile_crawl_requests_nothing_forbidden_or_offsite(hostile: tuple) -> None:
    site, offsite, data, _, _ = hostile
    assert offsite.paths() == []
    assert not any(p.startswith("/admin/") for p in site.paths())
    assert not any(p.startswith("javascript") or "mailto" in p for p in site.paths())
    # The loop and the chain stop: at most 11 hops of the chain, each loop URL a few times.
    assert len([p for p in site.paths() if p.startswith("/hop/")]) <= 11
    assert len([p for p in site.paths() if p.startswith("/loop/")]) <= 4


def test_retry_after_is_honoured_and_errors_are_retried(hostile: tuple) -> None:
    site, _, data, _, _ = hostile
    busy = site.requested("/busy-503")
    assert len(busy) == 2 and busy[1].at - busy[0].at >= 0.9
    assert not [f for f in _findings(data, "/busy-503") if f["code"] in CRAWL_CODES]
    assert len(site.requested("/error-500")) == 3  # the first try and two retries
    assert len(site.requested("/slow-down-429")) == 3


def test_latin1_page_declared_in_meta_is_read(hostile: tuple) -> None:
    data = hostile[2]
    (latin,) = [p for p in data["pages"] if path_of(p["url"]) == "/latin1/"]
    assert latin["title"].startswith("Café crème et résumé")


def test_non_html_asset_is_recorded_not_reported(hostile: tuple) -> None:
    assert not _findings(hostile[2], "/feed.json")


def test_hostile_titles_are_harmless_in_the_terminal_report(hostile: tuple) -> None:
    site = hostile[0]
    result = CliRunner().invoke(app, ["crawl", site.url("/hostile-title/"), "--max-depth", "0",
                                      "--select", "T,M001", "--fail-on", "never"])
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "[bold red]Pwned[/]" in result.stdout  # shown as typed, not interpreted by rich
    assert "<script>" in result.stdout


# --- Ctrl-C ---------------------------------------------------------------------------------

def test_ctrl_c_stops_and_reports_what_was_crawled(tmp_path: Path) -> None:
    with SiteServer() as site:
        links = " ".join(f"<a href='/slow/{i}'>{i}</a>" for i in range(20))
        site.route("/", page(f"<html><head><title>Many slow pages</title></head><body>{links}"
                             "</body></html>"))
        site.prefix("/slow/", lambda h: (h.stopping.wait(0.3),
                                         h.send(200, "<title>slow</title>")))
        proc = subprocess.Popen(
            [sys.executable, "-m", "seolint", "crawl", site.url("/"), "-f", "json",
             "--concurrency", "1", "--no-progress"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, text=True)
        deadline = time.monotonic() + 20
        while len(site.requested("/")) == 0 or len(site.paths()) < 4:
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    data = json.loads(out)
    assert 1 <= len(data["pages"]) < 21
    assert "interrupted" in err and "Traceback" not in err


def _group(pgid: int) -> list[int]:
    """The processes of a process group, from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # after the name: state, ppid, pgrp
            found.append(int(stat.parent.name))
    return found


@pytest.mark.parametrize("after", [1, 50], ids=["while-the-pool-starts", "pool-running"])
def test_ctrl_c_during_a_pool_crawl_reports_and_leaves_no_process_behind(
        tmp_path: Path, after: int) -> None:
    """Past POOL_THRESHOLD pages the analysis runs in worker processes forked from a server.
    Ctrl-C in a terminal reaches the whole process group: sent as soon as the first page is
    asked for (the fork server is still importing the analysis) or once the pool is busy, it
    must end with a report, no traceback from any process, and none of them left."""
    n = 80
    with SiteServer(tmp_path) as site:
        ring_site(tmp_path, n, site)
        proc = subprocess.Popen(
            [sys.executable, "-m", "seolint", "crawl", site.url("/"), "-f", "json",
             "--no-progress", "--jobs", "2", "--delay", "0.05"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, text=True,
            start_new_session=True)  # its own process group, as a terminal's foreground job
        deadline = time.monotonic() + 30
        while len([p for p in site.paths() if p.startswith("/p")]) < after:
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.01)
        if after > 1:
            assert len(_group(proc.pid)) >= 3  # the crawl, the fork server and its workers
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    data = json.loads(out)
    assert len(data["pages"]) <= n + 1
    if after > 1:
        assert len(data["pages"]) >= 40
    assert "interrupted" in err
    assert "Traceback" not in err and "Fatal Python error" not in err, err
    deadline = time.monotonic() + 10
    while True:
        try:
            os.killpg(proc.pid, 0)  # is any process of the group still there?
        except ProcessLookupError:
            break
        assert time.monotonic() < deadline, "a worker or the fork server outlived the crawl"
        time.sleep(0.1)


# --- the process pool ---------------------------------------------------------------------

def test_large_crawls_analyse_in_the_pool_with_the_same_findings(tmp_path: Path) -> None:
    """Past POOL_THRESHOLD pages the crawl analyses in worker processes; the report must be
    exactly the one a single process gives."""
    n = 60
    with SiteServer(tmp_path) as site:
        ring_site(tmp_path, n, site)
        _, one, _ = crawl(site.url("/"), "--jobs", "1")
        _, two, _ = crawl(site.url("/"), "--jobs", "2")
    assert len(one["pages"]) == n + 1
    assert one["findings"] == two["findings"] and one["pages"] == two["pages"]


# --- smaller cases ------------------------------------------------------------------------

def test_bom_wins_over_the_header_charset_and_3xx_without_location() -> None:
    with SiteServer() as site:
        site.route("/", page("<title>Home page with two links in it</title>"
                             "<a href='/bom'>bom</a> <a href='/no-location'>x</a>"))
        body = "\ufeff<html><head><title>Caf\u00e9 cr\u00e8me</title></head></html>"
        site.route("/bom", lambda h: h.send(200, body.encode("utf-8"),
                                            "text/html; charset=iso-8859-1"))
        site.route("/no-location", lambda h: h.send(302, b"", None))
        _, data, _ = crawl(site.url("/"))
    titles = {path_of(p["url"]): p["title"] for p in data["pages"]}
    assert titles["/bom"] == "Café crème"
    assert [f["code"] for f in _findings(data, "/no-location") if f["code"] in CRAWL_CODES] == [
        "X002"]


def test_sitemap_index_loops_and_nesting_are_bounded() -> None:
    with SiteServer() as site:
        site.route("/", page("<title>Home</title>"))
        site.route("/robots.txt", page(f"Sitemap: {site.url('/index.xml')}\n", 200,
                                       "text/plain"))
        site.route("/index.xml", page(
            f"<sitemapindex><sitemap><loc>{site.url('/index.xml')}</loc></sitemap>"
            f"<sitemap><loc>{site.url('/nested.xml')}</loc></sitemap>"
            f"<sitemap><loc>{site.url('/posts.xml.gz')}</loc></sitemap></sitemapindex>",
            200, "application/xml"))
        site.route("/nested.xml", page(
            f"<sitemapindex><sitemap><loc>{site.url('/deeper.xml')}</loc></sitemap>"
            "</sitemapindex>", 200, "application/xml"))
        posts = gzip.compress(f"<urlset><url><loc>{site.url('/a')}</loc></url></urlset>"
                              .encode())
        site.route("/posts.xml.gz", lambda h: h.send(200, posts, "application/gzip"))
        site.route("/a", page("<title>A page only the gzipped sitemap lists</title>"))
        _, data, _ = crawl(site.url("/"), "--select", "X002,D006")
        assert len(site.requested("/index.xml")) == 1 and not site.requested("/deeper.xml")
    assert "/a" in {path_of(p["url"]) for p in data["pages"]}
    assert any("nested one was not read" in f["message"] for f in data["findings"])
    assert any(f["code"] == "D006" and path_of(f["url"]) == "/a" for f in data["findings"])


def test_include_widens_the_crawl_to_another_host() -> None:
    with SiteServer() as other, SiteServer() as site:
        site.route("/", page(f"<title>Home</title><a href='{other.url('/x')}'>x</a>"))
        other.route("/x", page("<title>X on the other host</title>"))
        _, data, _ = crawl(site.url("/"), "--include", r"^http://127\.0\.0\.1:\d+/")
        assert other.paths() == ["/robots.txt", "/x"]
    assert {path_of(p["url"]) for p in data["pages"]} == {"/", "/x"}


def test_the_start_url_may_redirect_to_its_www_host() -> None:
    import httpx

    from seolint.config import Settings
    from seolint.engine import crawl
    from seolint.sources.crawl import CrawlOptions

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "blog.test":
            return httpx.Response(301, headers={"Location": "https://www.blog.test/"})
        if request.url.path == "/":
            return httpx.Response(200, headers={"Content-Type": "text/html"},
                                  content=b"<title>Home</title><a href='/a'>a</a>")
        if request.url.path == "/a":
            return httpx.Response(200, headers={"Content-Type": "text/html"},
                                  content=b"<title>A</title>")
        return httpx.Response(404)

    outcome = crawl("https://blog.test/", Settings(), CrawlOptions(),
                    transport=httpx.MockTransport(handler))
    assert [r.url for r in outcome.results] == ["https://blog.test/", "https://www.blog.test/",
                                                "https://www.blog.test/a"]
    assert any("redirects to www.blog.test" in w for w in outcome.stats.warnings)
