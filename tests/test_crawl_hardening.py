"""Issue 18, the crawl's items: credentials in links, a total time budget, Retry-After that
pauses one URL only, an oversized robots.txt, a lying Content-Length. Every server is real and
on 127.0.0.1; every test is bounded by timeouts and by the crawl's own --max-time."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from pathlib import Path

import pytest

from seolint.net import AsyncFetcher, FetchError
from tests.test_crawl import crawl
from tests.test_crawl_server import Handler, SiteServer, hang, page

HEAD = "<html lang=\"en\"><head><title>A page of the hardening test site</title></head><body>"


def _html(body: str) -> str:
    return HEAD + body + "</body></html>"


# --- item 3: links with userinfo -------------------------------------------------------------

def test_links_with_credentials_are_never_followed_nor_printed() -> None:
    with SiteServer() as site:
        host = site.base.removeprefix("http://")
        links = [f"http://user:s3cret@{host}/x", f"http://{host}\\@{host}/y",
                 f"http://{host}%5C@{host}/z", f"http://admin:hunter2@{host}/"]
        site.route("/", page(_html("<h1>Home</h1>" + "".join(
            f'<p><a href="{u}">link {i}</a></p>' for i, u in enumerate(links))
            + '<p><a href="/x">the real x</a></p>')))
        site.route("/x", page(_html("<h1>X</h1><p>x</p>")))
        site.route("/y", page(_html("<h1>Y</h1><p>y</p>")))
        site.route("/z", page(_html("<h1>Z</h1><p>z</p>")))
        code, data, stderr = crawl(site.url("/"), "--max-time", "60")
        hits = list(site.log)
    assert all("authorization" not in h.headers for h in hits), [h.path for h in hits]
    assert sorted(h.path for h in hits if h.path != "/robots.txt" and h.path != "/sitemap.xml"
                  ) == ["/", "/x"]  # each once: no second crawl per credentialed variant
    text = json.dumps(data) + stderr
    for secret in ("s3cret", "hunter2", "user:", "admin:"):
        assert secret not in text
    refused = [f for f in data["findings"] if "user name or password" in f["message"]]
    assert len(refused) == 1, refused
    assert "***@" in refused[0]["message"] and "(3 more like it)" in refused[0]["message"]


def test_a_seed_with_credentials_is_refused_without_echoing_them() -> None:
    from typer.testing import CliRunner

    from seolint.cli import app

    result = CliRunner().invoke(app, ["crawl", "http://me:topsecret@127.0.0.1:9/"])
    assert result.exit_code == 2
    assert "topsecret" not in result.output and "***@127.0.0.1:9" in result.output


def test_redirect_to_credentials_is_not_followed() -> None:
    with SiteServer() as site:
        host = site.base.removeprefix("http://")
        site.route("/", page(_html('<h1>Home</h1><p><a href="/go">go</a></p>')))
        site.route("/go", lambda h: h.send(302, "", None,
                                           {"Location": f"http://u:pw1234@{host}/"}))
        _, data, stderr = crawl(site.url("/"), "--max-time", "60")
        hits = list(site.log)
    assert all("authorization" not in h.headers for h in hits)
    assert "pw1234" not in json.dumps(data) + stderr


# --- item 4: a total budget; Retry-After pauses one URL only ---------------------------------

def test_retry_after_an_hour_holds_neither_the_url_nor_the_host() -> None:
    """Two URLs answering `429 Retry-After: 3600` held a three-page crawl 122 s with
    --timeout 5: each paused the whole host 60 s, and each retry again."""
    with SiteServer() as site:
        site.route("/", page(_html('<h1>Home</h1><p><a href="/a">a</a> <a href="/b">b</a> '
                                   '<a href="/c">c</a></p>')))
        for p in ("/a", "/b"):
            site.route(p, page("slow down", 429, "text/plain", {"Retry-After": "3600"}))
        site.route("/c", page(_html("<h1>C</h1><p>c</p>")))
        started = time.monotonic()
        _, data, _ = crawl(site.url("/"), "--timeout", "5", "--max-time", "60")
        took = time.monotonic() - started
        asked = [h.path for h in site.log]
    assert took < 20, took
    assert asked.count("/a") == 1 and asked.count("/b") == 1  # not retried within the crawl
    statuses = {f["url"].rsplit("/", 1)[-1]: f["message"] for f in data["findings"]
                if f["code"] == "X001"}
    assert "429" in statuses["a"] and "429" in statuses["b"]
    assert any(p["url"] == site.url("/c") and p["kind"] for p in data["pages"])


def test_a_short_retry_after_delays_only_its_url() -> None:
    """503 Retry-After: 2 on /slow: /slow is asked again after 2 s; /fast is not held."""
    first: dict[str, float] = {}

    def slow(h: Handler) -> None:
        if "slow" not in first:
            first["slow"] = time.monotonic()
            h.send(503, "busy", "text/plain", {"Retry-After": "2"})
        else:
            h.send(200, _html("<h1>Slow</h1><p>at last</p>"))

    def fast(h: Handler) -> None:
        first.setdefault("fast", time.monotonic())
        h.send(200, _html("<h1>Fast</h1><p>fast</p>"))

    with SiteServer() as site:
        site.route("/", page(_html('<h1>Home</h1><p><a href="/slow">s</a> <a href="/fast">f'
                                   '</a></p>')))
        site.route("/slow", slow)
        site.route("/fast", fast)
        _, data, _ = crawl(site.url("/"), "--concurrency", "1", "--max-time", "60")
    assert first["fast"] - first["slow"] < 1.5  # the host was not paused for /slow's sake
    assert any(p["url"].endswith("/slow") and p["kind"] for p in data["pages"])


def test_max_time_bounds_the_crawl_and_reports_what_is_left() -> None:
    with SiteServer() as site:
        links = "".join(f'<a href="/hang/{i}">h{i}</a> ' for i in range(6))
        site.route("/", page(_html(f"<h1>Home</h1><p>{links}</p>")))
        site.prefix("/hang/", hang)
        started = time.monotonic()
        code, data, stderr = crawl(site.url("/"), "--max-time", "3", "--timeout", "30")
        took = time.monotonic() - started
    assert took < 15, took
    assert code in (0, 1)
    assert "stopped at --max-time 3 s: 6 URLs found were not crawled" in stderr
    assert any(p["url"] == site.url("/") and p["kind"] for p in data["pages"])


def test_max_time_in_the_config_and_its_bounds(tmp_path: Path) -> None:
    from seolint.config import ConfigError, crawl_options

    assert crawl_options({"max-time": 12}, {}, "t").max_time == 12
    with pytest.raises(ConfigError, match="max-time must be positive"):
        crawl_options({"max-time": 0}, {}, "t")


# --- item 10: an oversized robots.txt ------------------------------------------------------

def test_oversized_robots_txt_is_a_warning_and_conservative_past_the_cut() -> None:
    body = ("User-agent: *\nAllow: /blog/\nDisallow: /private/\n" + "# padding\n" * 1_100_000
            + "Disallow: /late/\n")  # 11 MB; the Disallow comes far past 500 KiB
    with SiteServer() as site:
        site.route("/robots.txt", page(body, 200, "text/plain"))
        site.route("/", page(_html('<h1>Home</h1><p><a href="/blog/a">a</a> <a href="/late/b">'
                                   'b</a> <a href="/other">c</a></p>')))
        site.route("/blog/a", page(_html("<h1>A</h1><p>a</p>")))
        site.route("/late/b", page(_html("<h1>B</h1><p>b</p>")))
        site.route("/other", page(_html("<h1>C</h1><p>c</p>")))
        _, data, _ = crawl(site.url("/blog/a"), "--max-time", "60")
        asked = {h.path for h in site.log}
    assert "/late/b" not in asked and "/other" not in asked  # past the cut: forbidden
    warning = [f for f in data["findings"] if "robots.txt is over the 500 KiB" in f["message"]]
    assert len(warning) == 1 and warning[0]["severity"] == "warning"
    assert "(Content-Length 10.5 MB)" in warning[0]["message"]


def test_robots_cut_keeps_what_the_part_read_allows() -> None:
    from seolint.sources import robots

    text = b"User-agent: *\nAllow: /blog/\n" + b"# x\n" * 200_000 + b"Disallow: /blog/x\n"
    rules = robots.from_answer("http://h/robots.txt", 200, text, None)
    assert rules.truncated
    assert rules.allowed("http://h/blog/x")  # the part read allows it explicitly
    assert not rules.allowed("http://h/elsewhere")
    small = robots.from_answer("http://h/robots.txt", 200, b"User-agent: *\nDisallow: /a\n", None)
    assert not small.truncated and small.allowed("http://h/elsewhere")


# --- item 11: a lying Content-Length -------------------------------------------------------

class _LyingServer:
    """A raw-socket HTTP/1.1 server: /lie announces Content-Length 8 and sends a forged second
    response after it; every other path answers honestly. Counts connections."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        buf = b""
        with conn:
            while not self.stop.is_set():
                try:
                    data = conn.recv(65536)
                except OSError:
                    return
                if not data:
                    return
                buf += data
                while b"\r\n\r\n" in buf:
                    head, buf = buf.split(b"\r\n\r\n", 1)
                    path = head.split(b" ")[1].decode()
                    if path == "/lie":
                        forged = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                                  b"Content-Length: 13\r\n\r\n<p>forged</p>")
                        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                                     b"Content-Length: 8\r\n\r\n<p>a</p>" + forged)
                    else:
                        body = f"<p>real {path}</p>".encode()
                        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                                     b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


def test_lying_content_length_does_not_poison_the_next_response() -> None:
    server = _LyingServer()

    async def run() -> list[object]:
        out: list[object] = []
        async with AsyncFetcher(max_connections=1, read_timeout=5, deadline=10) as fetcher:
            for path in ("/lie", "/b", "/c"):
                try:
                    answer = await fetcher.get(f"http://127.0.0.1:{server.port}{path}",
                                               read=lambda s, t: True, max_bytes=10_000)
                    out.append(answer.body)
                except FetchError as exc:
                    out.append(str(exc))
        return out

    try:
        bodies = asyncio.run(asyncio.wait_for(run(), 60))
    finally:
        server.close()
    assert bodies == [b"<p>a</p>", b"<p>real /b</p>", b"<p>real /c</p>"]
    assert server.connections == 2  # the lying one was dropped, the next one kept


def test_honest_server_keeps_its_connection() -> None:
    server = _LyingServer()

    async def run() -> None:
        async with AsyncFetcher(max_connections=1, read_timeout=5, deadline=10) as fetcher:
            for path in ("/a", "/b", "/c"):
                await fetcher.get(f"http://127.0.0.1:{server.port}{path}",
                                  read=lambda s, t: True, max_bytes=10_000)

    try:
        asyncio.run(asyncio.wait_for(run(), 60))
    finally:
        server.close()
    assert server.connections == 1
