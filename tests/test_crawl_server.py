"""A real HTTP server on 127.0.0.1 for crawl tests: serves a fixture folder, plus programmable
routes for hostile behaviour (redirect loops, drips, hangs, bombs). Also checks itself.

Threaded (one thread per connection, HTTP/1.1 keep-alive), so a hanging route does not block
the others; `stop()` releases every handler that waits.
"""

from __future__ import annotations

import gzip
import mimetypes
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx

Route = Callable[["Handler"], None]


@dataclass
class Hit:
    path: str  # path and query as requested
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802
        site = self.server.site
        with site.lock:
            site.log.append(Hit(self.path, {k.lower(): v for k, v in self.headers.items()}))
        parts = urlsplit(self.path)
        route = site.routes.get(self.path) or site.routes.get(parts.path)
        if route is None:
            for prefix, fn in site.prefixes.items():
                if parts.path.startswith(prefix):
                    route = fn
                    break
        try:
            if route is not None:
                route(self)
            else:
                site.static(self)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True

    # helpers for routes
    def send(self, status: int, body: bytes | str = b"", content_type: str | None = "text/html",
             headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    @property
    def stopping(self) -> threading.Event:
        return self.server.site.stop_event


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: SiteServer

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that hang up (a crawler giving up on a drip) are not the server's error."""
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class SiteServer:
    """Serves `root` (a folder: `/a/` -> a/index.html) and `routes` on 127.0.0.1."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self.routes: dict[str, Route] = {}
        self.prefixes: dict[str, Route] = {}
        self.log: list[Hit] = []
        self.vars: dict[str, str] = {}  # {{NAME}} in served .html/.xml/.txt files -> value
        self.lock = threading.Lock()
        self.stop_event = threading.Event()
        self._server = _Server(("127.0.0.1", 0), Handler)
        self._server.site = self
        self.port = self._server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.vars["BASE"] = self.base
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self.stop_event.set()
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str = "/") -> str:
        return self.base + path

    def route(self, path: str, fn: Route) -> None:
        self.routes[path] = fn

    def prefix(self, path: str, fn: Route) -> None:
        self.prefixes[path] = fn

    def requested(self, path: str) -> list[Hit]:
        with self.lock:
            return [h for h in self.log if urlsplit(h.path).path == path or h.path == path]

    def paths(self) -> list[str]:
        with self.lock:
            return [h.path for h in self.log]

    def static(self, h: Handler) -> None:
        if self.root is None:
            h.send(404, "<html><body><h1>Not found</h1></body></html>")
            return
        rel = unquote(urlsplit(h.path).path).lstrip("/")
        target = (self.root / rel).resolve()
        if not target.is_relative_to(self.root.resolve()):
            h.send(404, "not found", "text/plain")
            return
        if target.is_dir():
            if not h.path.split("?")[0].endswith("/"):
                h.send(301, b"", None, {"Location": urlsplit(h.path).path + "/"})
                return
            target = target / "index.html"
        if not target.is_file():
            h.send(404, "<html><head><title>Not found</title></head><body><h1>Not found</h1>"
                        "</body></html>")
            return
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if target.suffix == ".xml":
            ctype = "application/xml"
        data = target.read_bytes()
        if target.suffix in (".html", ".xml", ".txt"):
            for name, value in self.vars.items():
                data = data.replace(b"{{" + name.encode() + b"}}", value.encode())
        h.send(200, data, ctype)


def ring_site(root: Path, n: int, site: SiteServer) -> None:
    """n posts linked in a ring, and a sitemap that lists them (so the pool starts at once)."""
    for i in range(n):
        links = " ".join(f"<a href='/p{(i + k) % n}/'>post {(i + k) % n}</a>" for k in (1, 2))
        folder = root / f"p{i}"
        folder.mkdir()
        (folder / "index.html").write_text(
            f"<!doctype html><html lang=en><head><title>Post number {i} of a generated "
            f"blog</title></head><body><main><h1>Post {i}</h1><p>Words {i}.</p>{links}"
            "</main></body></html>", encoding="utf-8")
    (root / "index.html").write_text("<html><head><title>Home</title></head><body>"
                                     "<a href='/p0/'>first</a></body></html>")
    (root / "sitemap.xml").write_text(
        "<urlset>" + "".join(f"<url><loc>{site.url(f'/p{i}/')}</loc></url>"
                             for i in range(n)) + "</urlset>")


# --- ready-made hostile routes ------------------------------------------------------------------

def redirect(to: str, status: int = 301) -> Route:
    def route(h: Handler) -> None:
        h.send(status, b"", None, {"Location": to})
    return route


def page(html: str, status: int = 200, content_type: str = "text/html; charset=utf-8",
         headers: dict[str, str] | None = None) -> Route:
    def route(h: Handler) -> None:
        h.send(status, html, content_type, headers)
    return route


def drip(interval: float, total: int = 10_000) -> Route:
    """Headers at once, then one byte every `interval` seconds."""
    def route(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(total))
        h.end_headers()
        for _ in range(total):
            h.wfile.write(b"x")
            h.wfile.flush()
            if h.stopping.wait(interval):
                return
    return route


def hang(h: Handler) -> None:
    """Accept the request and never answer."""
    h.stopping.wait(60)
    h.close_connection = True


def endless(h: Handler) -> None:
    """A page that never ends (no Content-Length, chunks until the client goes away)."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Connection", "close")
    h.end_headers()
    h.wfile.write(b"<html><head><title>Endless</title></head><body>")
    chunk = b"<p>" + b"and on " * 1000 + b"</p>\n"
    while not h.stopping.is_set():
        h.wfile.write(chunk)
    h.close_connection = True


_BOMB: bytes | None = None


def bomb_bytes() -> bytes:
    """About 200 KB of gzip that inflates to 200 MB of zeros."""
    global _BOMB
    if _BOMB is None:
        z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        block = b"\0" * (1 << 20)
        parts = [z.compress(block) for _ in range(200)]
        parts.append(z.flush())
        _BOMB = b"".join(parts)
    return _BOMB


def gzip_bomb(h: Handler) -> None:
    h.send(200, bomb_bytes(), "text/html", {"Content-Encoding": "gzip"})


def gzipped(html: str) -> Route:
    def route(h: Handler) -> None:
        h.send(200, gzip.compress(html.encode("utf-8")), "text/html; charset=utf-8",
               {"Content-Encoding": "gzip"})
    return route


# --- the server checks itself -----------------------------------------------------------------

def test_server_serves_folders_routes_and_logs(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<h1>A</h1>", encoding="utf-8")
    with SiteServer(tmp_path) as site:
        site.route("/r", redirect("/a/"))
        with httpx.Client() as client:
            assert client.get(site.url("/a/")).text == "<h1>A</h1>"
            assert client.get(site.url("/r")).status_code == 301
            assert client.get(site.url("/missing")).status_code == 404
            assert client.get(site.url("/a")).headers["location"] == "/a/"
        assert [urlsplit(p).path for p in site.paths()] == ["/a/", "/r", "/missing", "/a"]


def test_hanging_routes_are_released_on_stop() -> None:
    site = SiteServer()
    site.route("/hang", hang)
    site.__enter__()
    with httpx.Client(timeout=0.2) as client:
        try:
            client.get(site.url("/hang"))
        except httpx.ReadTimeout:
            pass
    started = time.monotonic()
    site.stop()
    assert time.monotonic() - started < 2
