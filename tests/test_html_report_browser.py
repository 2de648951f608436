"""The HTML report in a real browser: headless Chromium, driven over the DevTools protocol.

These tests install nothing. When Debian's `chromium` is on PATH (or SEOLINT_CHROMIUM names a
Chromium binary) they open reports headless and check that the page rendered (a non-blank
screenshot, the site score in the DOM, the script ran under the page's CSP), that it works (sort,
filter, page detail, a phone-width layout without sideways scrolling), that nothing in a hostile
report executes, and that no request leaves the file. Without chromium they skip, saying how to
install it (`apt-get install chromium`; docs/html-report.md, "Browser tests").

How "no request left the file" is checked, three ways:
- the DevTools Network domain lists every request the page makes (`Network.requestWillBeSent`):
  only the report's own file:// URL (and data: URLs) may appear;
- a local HTTP server stands in for the outside world: hostile data points at it, and it must
  receive nothing;
- a control page that does load from that server proves both detectors see a request when
  there is one, so a silent pass cannot come from a blind detector.

The DevTools client below is a minimal websocket client on the standard library (no test
dependency to install): chromium is started with --remote-debugging-port=0, and its port is read
from the "DevTools listening on ws://..." line it prints.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import tempfile
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from seolint.engine import PageResult, Report
from seolint.reporters.html import render_html

from .conftest import FIXTURES
from .test_html_report import build_report, crawl_report, large_report

pytestmark = pytest.mark.browser

FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
    "--hide-scrollbars", "--mute-audio", "--remote-debugging-port=0",
)
INSTALL_HINT = ("chromium is not installed, so the browser tests are skipped: install Debian's "
                "`chromium` (apt-get install chromium) or set SEOLINT_CHROMIUM to a Chromium "
                "binary; see docs/html-report.md, 'Browser tests'")


def find_chromium() -> str | None:
    env = os.environ.get("SEOLINT_CHROMIUM")
    if env:
        return env if Path(env).exists() else shutil.which(env)
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


# --- a minimal websocket client (RFC 6455), enough for the DevTools protocol -------------------

class WebSocket:
    def __init__(self, url: str, timeout: float = 30.0) -> None:
        parts = urlsplit(url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
                           "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
                           ).encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("DevTools closed the connection during the handshake")
            head += chunk
        status, _, self.buffer = head.partition(b"\r\n\r\n")
        if b" 101 " not in status.split(b"\r\n", 1)[0]:
            raise ConnectionError(status.decode("latin-1"))

    def _read(self, n: int) -> bytes:
        while len(self.buffer) < n:
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                raise ConnectionError("DevTools closed the connection")
            self.buffer += chunk
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def send(self, text: str) -> None:
        payload = text.encode()
        n = len(payload)
        head = bytes([0x81])
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 1 << 16:
            head += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        self.sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def recv(self) -> str:
        message = b""
        while True:
            b0, b1 = self._read(2)
            n = b1 & 0x7F
            if n == 126:
                (n,) = struct.unpack(">H", self._read(2))
            elif n == 127:
                (n,) = struct.unpack(">Q", self._read(8))
            mask = self._read(4) if b1 & 0x80 else None
            data = self._read(n)
            if mask:
                data = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
            opcode = b0 & 0x0F
            if opcode == 0x8:
                raise ConnectionError("DevTools closed the websocket")
            if opcode == 0x9:  # ping: answer, keep reading
                continue
            if opcode in (0x0, 0x1, 0x2):
                message += data
                if b0 & 0x80:
                    return message.decode()

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass


class Browser:
    """One headless chromium, its DevTools websocket, and the events it sends."""

    def __init__(self, binary: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="seolint-chromium-")
        self.proc = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            start_new_session=True,
        )
        self.stderr: list[str] = []
        url = self._devtools_url()
        threading.Thread(target=self._drain, daemon=True).start()
        self.ws = WebSocket(url)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def _devtools_url(self) -> str:
        assert self.proc.stderr is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.proc.stderr.readline().decode("utf-8", "replace")
            if not line:
                if self.proc.poll() is not None:
                    break
                continue
            self.stderr.append(line)
            m = re.search(r"DevTools listening on (ws://\S+)", line)
            if m:
                return m.group(1)
        self.close()
        raise RuntimeError("chromium did not start:\n" + "".join(self.stderr[-20:]))

    def _drain(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.stderr.append(line.decode("utf-8", "replace"))

    def call(self, method: str, session: str | None = None, timeout: float = 60.0,
             **params: Any) -> dict[str, Any]:
        self.next_id += 1
        msg: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        self.ws.send(json.dumps(msg))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)
        raise TimeoutError(method)

    def wait_for(self, method: str, session: str, timeout: float = 60.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        seen = 0
        while time.monotonic() < deadline:
            for ev in self.events[seen:]:
                if ev["method"] == method and ev.get("sessionId") == session:
                    self.events.remove(ev)
                    return ev
            seen = len(self.events)
            msg = json.loads(self.ws.recv())
            if "method" in msg:
                self.events.append(msg)
        raise TimeoutError(method)

    def open(self, url: str, width: int = 1280, height: int = 900, mobile: bool = False
             ) -> Tab:
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Network", "Page", "Runtime", "Log"):
            self.call(f"{domain}.enable", session)
        self.call("Emulation.setDeviceMetricsOverride", session, width=width, height=height,
                  deviceScaleFactor=1, mobile=mobile)
        started = time.monotonic()
        self.call("Page.navigate", session, url=url)
        self.wait_for("Page.loadEventFired", session)
        tab = Tab(self, session, target, url, time.monotonic() - started)
        tab.settle()
        return tab

    def close(self) -> None:
        try:
            if getattr(self, "ws", None):
                try:
                    self.call("Browser.close", timeout=5)
                except Exception:
                    pass
                self.ws.close()
        finally:
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
            shutil.rmtree(self.profile, ignore_errors=True)


@dataclass
class Tab:
    browser: Browser
    session: str
    target: str
    url: str
    load_seconds: float

    def evaluate(self, expression: str) -> Any:
        result = self.browser.call("Runtime.evaluate", self.session, expression=expression,
                                   returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def settle(self, seconds: float = 0.3) -> None:
        """Let timers and pending events run, collecting what they send."""
        self.evaluate(f"new Promise(r => setTimeout(r, {int(seconds * 1000)}))")

    def events(self, method: str) -> list[dict[str, Any]]:
        return [e["params"] for e in self.browser.events
                if e["method"] == method and e.get("sessionId") == self.session]

    @property
    def requests(self) -> list[str]:
        return [e["request"]["url"] for e in self.events("Network.requestWillBeSent")]

    @property
    def problems(self) -> list[str]:
        """Console errors, CSP violations, uncaught exceptions and dialogs (alert...)."""
        out = [f"log {e['entry']['level']}: {e['entry'].get('text')}"
               for e in self.events("Log.entryAdded")
               if e["entry"]["level"] in ("error", "warning")]
        out += [f"exception: {e['exceptionDetails']}" for e in self.events(
            "Runtime.exceptionThrown")]
        out += [f"console {e['type']}: {e['args']}" for e in self.events(
            "Runtime.consoleAPICalled") if e["type"] in ("error", "warning", "assert")]
        out += [f"dialog: {e}" for e in self.events("Page.javascriptDialogOpening")]
        return out

    def screenshot(self, path: Path, full_page: bool = True) -> bytes:
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            size = self.browser.call("Page.getLayoutMetrics", self.session)["cssContentSize"]
            params.update(captureBeyondViewport=True, clip={
                "x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 12000),
                "scale": 1})
        data = base64.b64decode(self.browser.call("Page.captureScreenshot", self.session,
                                                  **params)["data"])
        path.write_bytes(data)
        return data

    def close(self) -> None:
        self.browser.call("Target.closeTarget", targetId=self.target)


# --- PNG: enough to tell a rendered page from a blank one ----------------------------------------

def png_pixels(data: bytes, max_rows: int = 1000) -> tuple[int, int, list[bytes], int]:
    """(width, height, the first max_rows unfiltered rows, bytes per pixel) of an 8-bit RGB or
    RGBA PNG (pure Python: the top of the page is enough to tell rendered from blank)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    height = bpp = 0
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), (depth, colour)
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(min(height, max_rows)):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 0:
            rows.append(bytes(line))
            prev = line
            continue
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 0xFF
            elif f == 2:
                line[x] = (line[x] + b) & 0xFF
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, rows, bpp


def assert_not_blank(data: bytes) -> None:
    width, height, rows, bpp = png_pixels(data)
    assert width > 300 and height > 300
    background = rows[0][:3]
    colours: set[bytes] = set()
    inked = total = 0
    for row in rows[::3]:
        for x in range(0, width * bpp, bpp * 3):
            px = row[x:x + 3]
            colours.add(px)
            total += 1
            inked += px != background
    assert len(colours) > 20, f"only {len(colours)} colours: blank?"
    assert inked / total > 0.03, f"only {inked / total:.1%} of the page differs from background"


# --- fixtures ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    binary = find_chromium()
    if not binary:
        pytest.skip(INSTALL_HINT)
    b = Browser(binary)
    try:
        yield b
    finally:
        b.close()


@pytest.fixture
def canary() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server standing in for the outside world: (its URL, the paths it was asked
    for)."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/gif")
            self.end_headers()
            self.wfile.write(base64.b64decode("R0lGODlhAQABAAAAACw="))

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


def write_report(report: Report, path: Path) -> Path:
    path.write_text(render_html(report), encoding="utf-8")
    return path


def only_the_file(tab: Tab) -> None:
    requests = tab.requests
    assert tab.url in requests, f"the DevTools request log missed the file itself: {requests}"
    strays = [u for u in requests if u != tab.url and not u.startswith("data:")]
    assert not strays, f"requests left the file: {strays}"


# --- tests ------------------------------------------------------------------------------------

def test_sample_blog_renders_with_score_and_loads_nothing(browser: Browser, tmp_path: Path
                                                          ) -> None:
    report = build_report(FIXTURES / "sample-blog")
    page = write_report(report, tmp_path / "report.html")
    tab = browser.open(page.as_uri())
    try:
        assert tab.evaluate("document.documentElement.classList.contains('js')"), \
            "the report's script did not run (a CSP hash mismatch?)"
        shown = tab.evaluate("document.getElementById('site-score').textContent.trim()")
        assert report.score is not None and shown == f"{report.score:.1f}".removesuffix(".0")
        gauge = tab.evaluate("document.querySelector('svg.gauge .gauge-value').textContent")
        assert gauge == shown
        rows = tab.evaluate("document.querySelectorAll('#page-table tbody tr').length")
        assert rows == len(report.pages)
        fixes = tab.evaluate("document.querySelectorAll('ol.fixes > li').length")
        assert fixes == len(report.fixes)
        assert_not_blank(tab.screenshot(tmp_path / "sample-desktop.png"))
        only_the_file(tab)
        assert not tab.problems, tab.problems
    finally:
        tab.close()


def test_table_sorts_filters_and_opens_page_detail(browser: Browser, tmp_path: Path) -> None:
    report = build_report(FIXTURES / "sample-blog")
    page = write_report(report, tmp_path / "report.html")
    tab = browser.open(page.as_uri())
    try:
        scores = ("Array.from(document.querySelectorAll('#page-table tbody tr:not(.detail-row) "
                  "td .score')).map(e => e.textContent)")
        before = tab.evaluate(scores)
        numeric = [float(s) for s in before if s != "–"]
        assert numeric == sorted(numeric), "lowest score first by default"
        tab.evaluate("document.querySelector('th[data-sort=\"score\"] button').click()")
        after = [float(s) for s in tab.evaluate(scores) if s != "–"]
        assert after == sorted(after, reverse=True)
        assert tab.evaluate("document.querySelector('th[data-sort=\"score\"]')"
                            ".getAttribute('aria-sort')") == "descending"

        # Filter by a rule: only pages with a finding of that rule remain.
        code = report.fixes[0].code
        expected = sum(1 for p in report.pages if any(f.code == code for f in p.findings))
        tab.evaluate(f"(() => {{ const s = document.getElementById('f-rule'); s.value = '{code}';"
                     " s.dispatchEvent(new Event('change')); })()")
        assert tab.evaluate("document.querySelectorAll('#page-table tbody tr').length") == expected
        assert "filtered from" in tab.evaluate("document.getElementById('table-status')"
                                               ".textContent")

        # Search is debounced; wait for it.
        tab.evaluate("(() => { const s = document.getElementById('f-rule'); s.value = '';"
                     " s.dispatchEvent(new Event('change'));"
                     " const q = document.getElementById('f-q'); q.value = 'tags/';"
                     " q.dispatchEvent(new Event('input')); })()")
        tab.settle(0.4)
        locs = tab.evaluate("Array.from(document.querySelectorAll('#page-table tbody .loc'))"
                            ".map(e => e.textContent)")
        assert locs and all("tags/" in loc for loc in locs)

        # A fix's "show in the table" button filters to that fix's pages.
        tab.evaluate("document.getElementById('f-q').value = ''")
        tab.evaluate("document.querySelector('button.show-fix[data-fix=\"0\"]').click()")
        shown = tab.evaluate("document.querySelectorAll('#page-table tbody tr').length")
        assert shown == len(report.fixes[0].pages)
        assert not tab.evaluate("document.getElementById('f-fix').hidden")

        # A page link in a fix opens that page's detail: findings, fixes, metrics.
        tab.evaluate("location.hash = '#page-0'")
        tab.settle()
        detail = tab.evaluate("document.getElementById('detail-0').innerText")
        first = report.pages[0]
        assert f"Findings ({len(first.findings)})" in detail
        for f in first.findings:
            assert f.code in detail
        assert "Words in the main content" in detail
        assert tab.evaluate("document.activeElement.tagName") == "H3"

        # The toggle closes it again.
        tab.evaluate("document.querySelector('.page-toggle[data-i=\"0\"]').click()")
        assert tab.evaluate("document.getElementById('detail-0')") is None
        assert not tab.problems, tab.problems
        only_the_file(tab)
    finally:
        tab.close()


def test_phone_width_has_no_sideways_scrolling(browser: Browser, tmp_path: Path) -> None:
    report = build_report(FIXTURES / "sample-blog")
    page = write_report(report, tmp_path / "report.html")
    tab = browser.open(page.as_uri() + "#page-1", width=390, height=844, mobile=True)
    try:
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        assert tab.evaluate("document.getElementById('detail-1') !== null")
        assert_not_blank(tab.screenshot(tmp_path / "sample-phone.png"))
        assert not tab.problems, tab.problems
    finally:
        tab.close()


def test_hostile_report_runs_nothing_and_loads_nothing(browser: Browser, tmp_path: Path,
                                                       canary: tuple[str, list[str]]) -> None:
    outside, hits = canary
    hostile = build_report(FIXTURES / "hostile")
    crafted = crawl_report(outside)
    report = Report(hostile.pages + crafted.pages, hostile.findings + crafted.findings,
                    hostile.rules, hostile.settings, hostile.scores)
    page = write_report(report, tmp_path / "hostile.html")
    tab = browser.open(page.as_uri())
    try:
        # Open every page's detail, so the script draws all the hostile data it has.
        tab.evaluate("document.getElementById('f-size').value = '250';"
                     "document.getElementById('f-size').dispatchEvent(new Event('change'));"
                     "document.querySelectorAll('.page-toggle').forEach(b => b.click());"
                     "document.querySelectorAll('.fix details').forEach(d => d.open = true)")
        tab.settle(0.5)
        assert tab.evaluate("document.querySelectorAll('.detail').length") == len(report.pages)
        assert tab.evaluate("typeof window.__pwned") == "undefined"
        assert tab.evaluate("document.scripts.length") == 2
        assert tab.evaluate(
            "Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes)"
            ".some(a => /^on/i.test(a.name))).length") == 0
        hrefs = tab.evaluate("Array.from(document.querySelectorAll('[href]'))"
                             ".map(e => e.getAttribute('href'))")
        assert all(re.match(r"^(#[\w-]+|https?://|data:,$)", h) for h in hrefs), hrefs
        assert tab.evaluate("document.querySelectorAll('img, iframe, object, embed, form, "
                            "base, link[rel=stylesheet], meta[http-equiv=refresh]').length") == 0
        text = tab.evaluate("document.body.innerText")
        assert "<script>window.__pwned='title'" in text  # shown, as text
        assert "\\x1b[31mRED" in text  # the escape code made visible
        assert "\x1b" not in text
        assert "javascript:alert('canonical')" in text
        assert_not_blank(tab.screenshot(tmp_path / "hostile.png"))
        only_the_file(tab)
        assert hits == [], f"the report made the browser fetch {hits}"
        assert not tab.problems, tab.problems
    finally:
        tab.close()


def test_the_request_detectors_see_a_request_when_there_is_one(
        browser: Browser, tmp_path: Path, canary: tuple[str, list[str]]) -> None:
    outside, hits = canary
    page = tmp_path / "control.html"
    page.write_text(f'<!doctype html><title>control</title><img src="{outside}/control.gif">',
                    encoding="utf-8")
    tab = browser.open(page.as_uri())
    try:
        assert f"{outside}/control.gif" in tab.requests
        assert "/control.gif" in hits
    finally:
        tab.close()


def test_a_3000_page_report_opens_paginated(browser: Browser, tmp_path: Path) -> None:
    report = large_report(3000)
    page = write_report(report, tmp_path / "large.html")
    tab = browser.open(page.as_uri())
    try:
        assert tab.evaluate("document.querySelectorAll('#page-table tbody tr').length") == 50
        assert "of 3,000 pages" in tab.evaluate(
            "document.getElementById('table-status').textContent")
        tab.evaluate("document.querySelector('.pager [data-go=\"last\"]').click()")
        assert tab.evaluate("document.getElementById('pager-pos').textContent") == "Page 60 of 60"
        tab.evaluate("document.querySelector('th[data-sort=\"title\"] button').click()")
        assert tab.evaluate("document.getElementById('pager-pos').textContent") == "Page 1 of 60"
        assert_not_blank(tab.screenshot(tmp_path / "large.png", full_page=False))
        only_the_file(tab)
        assert not tab.problems, tab.problems
        print(f"3,000-page report: {page.stat().st_size / 1e6:.1f} MB, "
              f"load event after {tab.load_seconds:.2f} s")
    finally:
        tab.close()


def test_pages_without_crawl_data_or_scores_still_render(browser: Browser, tmp_path: Path
                                                         ) -> None:
    empty = Report((PageResult(None, "broken.html", None, None, 0, (), (), None),), (), ())
    tab = browser.open(write_report(empty, tmp_path / "empty.html").as_uri())
    try:
        assert tab.evaluate("document.getElementById('site-score').textContent.trim()") == "–"
        assert tab.evaluate("document.querySelectorAll('#page-table tbody tr').length") == 1
        assert not tab.problems, tab.problems
    finally:
        tab.close()
