"""seolint.net: bounded bodies, bounded decompression, the deadline, retry policy; and the
crawler's URL keys. httpx's MockTransport stands in for servers (no sockets, no internet)."""

from __future__ import annotations

import asyncio
import gzip
import random
import time
import tracemalloc
import zlib
from email.utils import formatdate

import httpx
import pytest

from seolint.config import Settings
from seolint.engine import crawl
from seolint.net import (
    AsyncFetcher,
    FetchError,
    _Decoder,
    retry_after,
    retry_wait,
    retryable_status,
)
from seolint.sources.crawl import CrawlOptions, dedup_key

MB = 1024 * 1024


def _get(handler, url: str = "http://site.test/", *, read=lambda s, t: True,  # type: ignore[no-untyped-def]
         max_bytes: int = MB, deadline: float = 5.0, truncate: bool = False):
    async def go():  # type: ignore[no-untyped-def]
        async with AsyncFetcher(transport=httpx.MockTransport(handler), deadline=deadline) as f:
            return await f.get(url, read=read, max_bytes=max_bytes, truncate=truncate)
    return asyncio.run(go())


# --- bodies ---------------------------------------------------------------------------------

def test_gzip_bomb_stops_at_the_cap_without_inflating_it() -> None:
    bomb = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    data = b"".join(bomb.compress(b"\0" * MB) for _ in range(100)) + bomb.flush()
    decoder = _Decoder("gzip", 2 * MB, raw_limit=len(data) + 1)
    # A bound on bytes, not on time (a loaded machine is slow, never more hungry): the decoder
    # holds at most the cap, so the peak allocation stays a few MB (zlib grows its output
    # buffer by doubling), not the 200 MB that inflating the whole 100 MB bomb took.
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="inflates to over the 2.0 MB limit"):
            decoder.feed(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert decoder.size <= 2 * MB + 1
    assert peak < 8 * MB, peak


@pytest.mark.parametrize("wrap", [zlib.MAX_WBITS, -zlib.MAX_WBITS])
def test_deflate_zlib_wrapped_or_raw(wrap: int) -> None:
    z = zlib.compressobj(6, zlib.DEFLATED, wrap)
    data = z.compress(b"<p>hello</p>" * 100) + z.flush()
    decoder = _Decoder("deflate", MB)
    for i in range(0, len(data), 7):
        decoder.feed(data[i:i + 7])
    assert decoder.body() == b"<p>hello</p>" * 100


def test_unknown_encodings_and_corrupt_bodies_are_refused() -> None:
    with pytest.raises(FetchError, match="Unsupported Content-Encoding 'br'"):
        _Decoder("br", MB)
    with pytest.raises(FetchError, match="corrupt"):
        _Decoder("gzip", MB).feed(b"\x1f\x8bnot gzip at all")


def test_truncate_keeps_the_first_bytes() -> None:
    decoder = _Decoder(None, 10, truncate=True)
    decoder.feed(b"0123456789abcdef")
    assert decoder.body() == b"0123456789" and decoder.full


def test_content_length_over_the_cap_is_refused_before_reading() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Length": str(50 * MB),
                                            "Content-Type": "text/html"}, content=b"x")
    with pytest.raises(FetchError, match="Content-Length 50.0 MB"):
        _get(handler)


def test_body_over_the_cap_on_the_stream() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Type": "text/html"},
                              stream=httpx.ByteStream(b"x" * (2 * MB)))
    with pytest.raises(FetchError, match="Body is over the 1.0 MB limit"):
        _get(handler)


def test_gzip_body_is_decoded_and_headers_are_kept() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["accept-encoding"] == "gzip, deflate"
        assert request.headers["user-agent"].startswith("seolint/")
        return httpx.Response(200, headers={"Content-Type": "text/html; charset=ISO-8859-1",
                                            "Content-Encoding": "gzip"},
                              content=gzip.compress("Café".encode("latin-1")))
    answer = _get(handler)
    assert answer.body == "Café".encode("latin-1")
    assert answer.charset == "ISO-8859-1" and answer.content_type == "text/html"


def test_redirects_are_one_hop_with_the_location_resolved() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(301, headers={"Location": "../b?x=1"})
    answer = _get(handler, "http://site.test/a/b/c")
    assert answer.status == 301 and answer.location == "http://site.test/a/b?x=1"
    assert answer.body is None


def test_bodies_the_caller_does_not_want_are_not_read() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Type": "image/png"}, content=b"\x89PNG")
    answer = _get(handler, read=lambda s, t: t == "text/html")
    assert answer.body is None and answer.content_type == "image/png"


class _Trickle(httpx.AsyncByteStream):
    async def __aiter__(self):  # type: ignore[no-untyped-def]
        for _ in range(100):
            await asyncio.sleep(0.05)
            yield b"x"


def test_the_total_deadline_stops_a_trickle() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Type": "text/html"}, stream=_Trickle())
    started = time.monotonic()
    with pytest.raises(FetchError, match="per-request deadline"):
        _get(handler, deadline=0.3)
    assert time.monotonic() - started < 2


def test_connection_errors_are_retryable_messages() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused")
    with pytest.raises(FetchError) as exc:
        _get(handler)
    assert exc.value.retryable and "Connection refused" in str(exc.value)


# --- retries --------------------------------------------------------------------------------

def test_retry_after_seconds_dates_and_garbage() -> None:
    assert retry_after("120") == 120.0
    now = time.time()
    assert 29 <= retry_after(formatdate(now + 30, usegmt=True), now) <= 31  # type: ignore[operator]
    assert retry_after(formatdate(now - 30, usegmt=True), now) == 0.0
    assert retry_after("soon") is None and retry_after(None) is None


def test_retry_wait_caps_retry_after_and_jitters_the_backoff() -> None:
    assert retry_wait(0, 429, [("Retry-After", "3600")]) == 60.0
    assert retry_wait(0, 503, [("retry-after", "2")]) == 2.0
    rng = random.Random(1)
    waits = [retry_wait(a, 500, [("Retry-After", "2")], rng=rng) for a in (0, 1)]
    assert 0.25 <= waits[0] <= 0.75 and 0.5 <= waits[1] <= 1.5  # 500 ignores Retry-After
    assert all(retryable_status(s) for s in (408, 429, 500, 502, 503, 504))
    assert not any(retryable_status(s) for s in (400, 401, 403, 404, 410))


# --- dedup keys -----------------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b"), [
    ("HTTP://Example.COM:80/a/./b/../c#top", "http://example.com/a/c"),
    ("https://example.com:443/p?b=2&a=1", "https://example.com/p?a=1&b=2"),
    ("https://example.com/p?utm_source=x&id=3&fbclid=y&gclid=z", "https://example.com/p?id=3"),
    ("https://example.com/caf%C3%A9", "https://example.com/café"),
    ("https://example.com", "https://example.com/"),
])
def test_url_keys_fold_what_names_the_same_page(a: str, b: str) -> None:
    assert dedup_key(a) == dedup_key(b)


def test_url_keys_keep_what_differs() -> None:
    assert dedup_key("https://example.com/a") != dedup_key("https://example.com/a/")
    assert dedup_key("https://example.com/?p=1") != dedup_key("https://example.com/?p=2")
    assert dedup_key("http://example.com/") != dedup_key("https://example.com/")


# --- the crawler on a mock transport ----------------------------------------------------------

def test_crawler_follows_links_on_its_host_only() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.path == "/":
            return httpx.Response(200, headers={"Content-Type": "text/html"}, content=(
                b"<title>Home</title><a href='/a'>a</a> <a href='http://other.test/x'>x</a>"
                b" <a href='https://site.test:8443/y'>y</a> <a href='/a#part'>again</a>"))
        if request.url.path == "/a":
            return httpx.Response(200, headers={"Content-Type": "text/html"},
                                  content=b"<title>A</title>")
        return httpx.Response(404)

    outcome = crawl("http://site.test/", Settings(), CrawlOptions(sitemaps=False),
                    transport=httpx.MockTransport(handler))
    assert seen == ["http://site.test/robots.txt", "http://site.test/", "http://site.test/a"]
    assert [r.url for r in outcome.results] == ["http://site.test/", "http://site.test/a"]
    assert outcome.stats.offsite == 2
