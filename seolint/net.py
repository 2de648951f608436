"""All HTTP goes through here: the one module that knows httpx (and only its core API:
`Client`, `AsyncClient`, `Response`, transports), so the client can be swapped.

Policy (CRAWLER.md), for `seolint check URL` and `seolint crawl` alike:

- A User-Agent that names seolint and its version.
- Timeouts: connect and read (httpx's, per network operation), plus a total deadline per
  request around the whole exchange, since a server that drips one byte a second never trips a
  per-operation timeout.
- Bodies: a Content-Length over the cap is refused before reading; the body is streamed and cut
  at the cap (5 MB for pages). Only gzip and deflate are asked for, and they are decoded here,
  not by httpx, with zlib's `max_length`, so the decoder's output is bounded too: a 1 KB body
  that would inflate to 1 GB stops at the cap having used a few kilobytes. Any other encoding
  is refused.
- Redirects: `AsyncFetcher.get` makes exactly one request; the crawler follows Location by hand
  (scope, robots.txt and loops are its business). `fetch_page` follows up to 10.
- Retries: `retry_wait` is the policy: connect errors, 408, 429 and 5xx are retried at most
  twice; Retry-After (seconds or an HTTP date) is honoured up to 60 s, otherwise the wait is
  an exponential backoff with jitter (0.5 s, 1 s, times 0.5 to 1.5).
- Failures raise FetchError with a message fit for a finding; nothing here prints.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import httpx

from seolint.document import RawDocument, header_value
from seolint.options import USER_AGENT

HTML_TYPES = ("text/html", "application/xhtml+xml")
ACCEPT_HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
ACCEPT_ENCODING = "gzip, deflate"  # only what _Decoder can bound
RETRY_STATUSES = frozenset({408, 429})  # and every 5xx
MAX_RETRIES = 2
RETRY_AFTER_CAP = 60.0  # seconds
BACKOFF_BASE = 0.5  # seconds; doubled per attempt, times a jitter of 0.5 to 1.5


class FetchError(Exception):
    """The URL could not be fetched: timeout, connection error, too large, ...

    `retryable` marks connection failures, which the retry policy may try again."""

    def __init__(self, message: str, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


class NotHtmlResponse(Exception):
    """The URL answered with something other than HTML."""


@dataclass(frozen=True, slots=True)
class FetchLimits:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0  # seconds for the whole response, so a trickling server cannot stall us
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 10


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def is_html_type(content_type: str | None) -> bool:
    return media_type(content_type) in HTML_TYPES


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n / 1024:.0f} KB"


# --- bounded bodies ---------------------------------------------------------------------------

class _Decoder:
    """Collects a body, decoding gzip or deflate with bounded output.

    `raw_limit` caps the bytes on the wire, `limit` the decoded bytes. With `truncate`, hitting
    either cap ends the body quietly (robots.txt: parse the first 500 KiB) instead of failing."""

    def __init__(self, encoding: str | None, limit: int, raw_limit: int | None = None,
                 truncate: bool = False) -> None:
        enc = ",".join(e.strip() for e in (encoding or "").lower().split(",") if e.strip())
        self._z: Any = None
        self._deflate = False
        if enc in ("", "identity"):
            pass
        elif enc in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif enc == "deflate":
            self._deflate = True  # zlib-wrapped per the RFC, raw from some servers: see feed()
        else:
            raise FetchError(f"Unsupported Content-Encoding {encoding!r} (seolint asks only for "
                             "gzip or deflate)")
        self.limit = limit
        self.raw_limit = raw_limit if raw_limit is not None else limit
        self.truncate = truncate
        self.raw = 0
        self.size = 0
        self.full = False  # truncated at a cap
        self._parts: list[bytes] = []

    def feed(self, data: bytes) -> None:
        if self.full or not data:
            return
        self.raw += len(data)
        if self.raw > self.raw_limit:
            if not self.truncate:
                raise FetchError(f"Body is over the {_size(self.raw_limit)} limit; not linted")
            data = data[: len(data) - (self.raw - self.raw_limit)]
            self.full = True
        if self._deflate and self._z is None:
            # RFC 9110 deflate is zlib-wrapped; a bare deflate stream has no zlib header.
            wrapped = (len(data) >= 2 and (data[0] & 0x0F) == 8
                       and (data[0] * 256 + data[1]) % 31 == 0)
            self._z = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        if self._z is None:
            self._add(data)
            return
        buf = data
        try:
            while buf and not self._z.eof and not self.full:
                self._add(self._z.decompress(buf, self.limit - self.size + 1))
                buf = self._z.unconsumed_tail
        except zlib.error as exc:
            raise FetchError(f"The compressed body is corrupt ({exc})") from None

    def _add(self, out: bytes) -> None:
        if not out:
            return
        self.size += len(out)
        if self.size > self.limit:
            if not self.truncate:
                what = "inflates to over" if self._z is not None else "is over"
                hint = " (a compression bomb?)" if self._z is not None else ""
                raise FetchError(f"Body {what} the {_size(self.limit)} limit{hint}; not linted")
            out = out[: len(out) - (self.size - self.limit)]
            self.size = self.limit
            self.full = True
        self._parts.append(out)

    def body(self) -> bytes:
        if self._z is not None and not self.full and not self._z.eof:
            try:
                self._add(self._z.flush())
            except zlib.error as exc:
                raise FetchError(f"The compressed body is corrupt ({exc})") from None
        return b"".join(self._parts)


def _content_length(headers: Any) -> int | None:
    value = headers.get("content-length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _errors(exc: BaseException, connect: float, read: float) -> FetchError:
    if isinstance(exc, httpx.ConnectTimeout):
        return FetchError(f"Connection timed out after {connect:g} s", retryable=True)
    if isinstance(exc, httpx.ConnectError):
        return FetchError(f"Cannot connect: {exc or type(exc).__name__}", retryable=True)
    if isinstance(exc, httpx.ReadTimeout):
        return FetchError(f"No data for {read:g} s (read timeout)")
    if isinstance(exc, httpx.TimeoutException):
        return FetchError(f"Timed out ({type(exc).__name__})")
    if isinstance(exc, httpx.TooManyRedirects):
        return FetchError("Too many redirects")
    if isinstance(exc, httpx.RemoteProtocolError):
        return FetchError(f"The server broke the HTTP protocol: {exc}")
    if isinstance(exc, (httpx.InvalidURL, httpx.UnsupportedProtocol)):
        return FetchError(f"Not a URL seolint can fetch: {exc}")
    return FetchError(f"{type(exc).__name__}: {exc}")


# --- one page, synchronously (seolint check URL) ---------------------------------------------

def fetch_page(url: str, limits: FetchLimits = FetchLimits(),
               user_agent: str = USER_AGENT) -> RawDocument:
    timeout = httpx.Timeout(limits.read_timeout, connect=limits.connect_timeout)
    headers = {"User-Agent": user_agent, "Accept-Encoding": ACCEPT_ENCODING,
               "Accept": ACCEPT_HTML}
    started = time.monotonic()
    try:
        with httpx.Client(timeout=timeout, headers=headers, follow_redirects=True,
                          max_redirects=limits.max_redirects) as client:
            with client.stream("GET", url) as response:
                ctype = response.headers.get("content-type", "")
                if ctype and not is_html_type(ctype):
                    raise NotHtmlResponse(f"{url} is {ctype.split(';')[0]}, not HTML")
                length = _content_length(response.headers)
                if length is not None and length > limits.max_bytes and not response.headers.get(
                        "content-encoding"):
                    raise FetchError(f"Body is over the {_size(limits.max_bytes)} limit "
                                     f"(Content-Length {_size(length)}); not linted")
                decoder = _Decoder(response.headers.get("content-encoding"), limits.max_bytes)
                for chunk in response.iter_raw():
                    decoder.feed(chunk)
                    if time.monotonic() - started > limits.deadline:
                        raise FetchError(f"Response took over {limits.deadline:.0f} s; gave up")
                body = decoder.body()
                return RawDocument(
                    url=str(response.url),
                    path=None,
                    body=body,
                    status=response.status_code,
                    headers=tuple(response.headers.items()),
                    # parse.decode lets a byte-order mark outrank it (HTML standard).
                    charset=_charset(ctype),
                )
    except httpx.TooManyRedirects:
        raise FetchError(f"More than {limits.max_redirects} redirects") from None
    except httpx.HTTPError as exc:
        raise _errors(exc, limits.connect_timeout, limits.read_timeout) from None


# --- the crawler's client ---------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Answer:
    """One HTTP response: status, headers and (when it was read) the decoded body."""

    url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    content_type: str  # the media type, lower-cased; "" when the server sent none
    charset: str | None  # from Content-Type
    body: bytes | None  # None when not read (a redirect, a type that is not wanted)
    location: str | None  # a redirect's Location, resolved against `url`
    truncated: bool = False  # cut at the cap (only when the caller allowed it)

    def header(self, name: str) -> str | None:
        return header_value(self.headers, name)


ReadPolicy = Callable[[int, str], bool]  # (status, media type) -> read the body?


class AsyncFetcher:
    """An httpx.AsyncClient with seolint's bounds. One request per `get`, no redirects."""

    def __init__(self, *, user_agent: str = USER_AGENT, connect_timeout: float = 10.0,
                 read_timeout: float = 20.0, deadline: float = 30.0,
                 max_connections: int = 8, transport: Any = None) -> None:
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.deadline = deadline
        self._client = httpx.AsyncClient(
            headers={"User-Agent": user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout, pool=None),
            limits=httpx.Limits(max_connections=max_connections,
                                max_keepalive_connections=max_connections),
            follow_redirects=False,
            transport=transport,
        )

    async def __aenter__(self) -> AsyncFetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def get(self, url: str, *, read: ReadPolicy, max_bytes: int,
                  accept: str = ACCEPT_HTML, truncate: bool = False,
                  raw_limit: int | None = None) -> Answer:
        """GET `url` once, within the deadline. The body is read when `read(status, type)`
        says so, up to `max_bytes` decoded (`raw_limit` on the wire, default the same);
        over it, FetchError, or with `truncate` the first `max_bytes`."""
        try:
            async with asyncio.timeout(self.deadline):
                return await self._get(url, read, max_bytes, accept, truncate, raw_limit)
        except TimeoutError:
            raise FetchError(f"Response took over {self.deadline:g} s (the per-request "
                             "deadline); gave up") from None
        except httpx.HTTPError as exc:
            raise _errors(exc, self.connect_timeout, self.read_timeout) from None
        except (ValueError, UnicodeError) as exc:  # a URL or header httpx cannot even encode
            raise FetchError(f"Not a URL seolint can fetch: {exc}") from None

    async def _get(self, url: str, read: ReadPolicy, max_bytes: int, accept: str,
                   truncate: bool, raw_limit: int | None) -> Answer:
        async with self._client.stream("GET", url, headers={"Accept": accept}) as response:
            headers = tuple(response.headers.items())
            ctype = response.headers.get("content-type", "")
            status = response.status_code
            location = None
            if 300 <= status < 400 and "location" in response.headers:
                try:
                    location = urljoin(str(response.url), response.headers["location"].strip())
                except ValueError:
                    location = response.headers["location"]
            body: bytes | None = None
            full = False
            if location is None and read(status, media_type(ctype)):
                limit = raw_limit if raw_limit is not None else max_bytes
                length = _content_length(response.headers)
                if (length is not None and length > limit and not truncate
                        and not response.headers.get("content-encoding")):
                    raise FetchError(f"Body is over the {_size(limit)} limit (Content-Length "
                                     f"{_size(length)}); not linted")
                decoder = _Decoder(response.headers.get("content-encoding"), max_bytes,
                                   raw_limit, truncate)
                if response.is_stream_consumed:
                    # A prebuilt response (MockTransport): httpx has decoded it already.
                    decoder = _Decoder(None, max_bytes, raw_limit, truncate)
                    decoder.feed(response.content)
                else:
                    async for chunk in response.aiter_raw():
                        decoder.feed(chunk)
                        if decoder.full:
                            break
                    if not decoder.full:
                        await _close_if_overrun(self._client, response)
                body = decoder.body()
                full = decoder.full
            return Answer(str(response.url), status, headers, media_type(ctype),
                          _charset(ctype), body, location, full)


async def _close_if_overrun(client: httpx.AsyncClient, response: httpx.Response) -> None:
    """Never reuse a connection whose server sent more than the Content-Length it announced.

    h11 reads exactly Content-Length bytes of body and keeps the rest for the next response on
    the connection: a server that lies (`Content-Length: 8` and 60 bytes) puts its surplus, or a
    whole forged response, in front of the answer to the next URL asked there, so that URL gets
    another's content or error. httpx has no public way to see those bytes, so this looks at
    the connection the response came on (httpcore's pool, h11's trailing data) once the body is
    read and, when bytes are waiting there, closes it: the pool drops a closed connection and
    the next request opens a fresh one. Where those internals differ (another transport,
    another httpx), nothing is done."""
    stream = response.extensions.get("network_stream")
    pool = getattr(getattr(client, "_transport", None), "_pool", None)
    if stream is None:
        return
    for conn in list(getattr(pool, "connections", ())):
        inner = getattr(conn, "_connection", None)
        if getattr(inner, "_network_stream", None) is not stream:
            continue
        state = getattr(inner, "_h11_state", None)
        try:
            waiting = state is not None and bool(state.trailing_data[0])
        except AttributeError:
            return
        if waiting and inner is not None:
            await inner.aclose()  # idle now: the response's body is all read
        return


# --- retries ----------------------------------------------------------------------------------

def retryable_status(status: int) -> bool:
    return status in RETRY_STATUSES or 500 <= status < 600


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP date; None when unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def retry_wait(attempt: int, status: int | None = None,
               headers: Iterable[tuple[str, str]] = (), *, cap: float = RETRY_AFTER_CAP,
               base: float = BACKOFF_BASE, rng: random.Random | None = None) -> float:
    """Seconds to wait before retry number `attempt + 1` (attempt counts from 0).

    429 and 503 with a usable Retry-After wait that long, capped at `cap`; everything else
    backs off exponentially with jitter."""
    if status in (429, 503):
        for name, value in headers:
            if name.lower() == "retry-after":
                wait = retry_after(value)
                if wait is not None:
                    return min(wait, cap)
    jitter = (rng or random).uniform(0.5, 1.5)
    return min(base * (2 ** attempt) * jitter, cap)


# --- the outbound-link checker's client -------------------------------------------------------

LINK_BODY_BYTES = 4096  # a GET reads no more: the status is all the link checker wants


def _origin(url: str) -> str:
    """"scheme://host:port" of an absolute URL, lower-cased: what one client serves."""
    start = url.find("://")
    end = min((i for i in (url.find(c, start + 3) for c in "/?#") if i >= 0), default=len(url))
    return url[:end].lower()


class LinkProbe:
    """HEAD or GET one URL for the link checker (seolint.sources.linkcheck): no redirects
    followed (the checker records each hop), no cookies kept or sent, no credentials (no .netrc,
    `trust_env=False`), and a GET's body read to LINK_BODY_BYTES at most, then dropped.

    One small client per origin, sharing one TLS context: httpcore's pool scans all its
    connections on every request, so one pool for hundreds of hosts costs more than the
    requests (measured in bench/bench_links.py: 24 % of the politeness bound with one pool).
    `release(url)` closes an origin's client once the checker is done with it."""

    def __init__(self, *, user_agent: str = USER_AGENT, connect_timeout: float = 5.0,
                 read_timeout: float = 10.0, deadline: float = 20.0,
                 per_origin: int = 2, transport: Any = None) -> None:
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.deadline = deadline
        self.per_origin = per_origin
        self.user_agent = user_agent
        self.transport = transport
        self._clients: dict[str, httpx.AsyncClient] = {}
        self._tls: Any = None

    def _client(self, url: str) -> httpx.AsyncClient:
        key = _origin(url)
        client = self._clients.get(key)
        if client is None:
            from http.cookiejar import CookieJar, DefaultCookiePolicy

            if self._tls is None and self.transport is None:
                import ssl

                import certifi

                self._tls = ssl.create_default_context(cafile=certifi.where())
            client = self._clients[key] = httpx.AsyncClient(
                headers={"User-Agent": self.user_agent, "Accept": "*/*",
                         "Accept-Encoding": "identity"},
                timeout=httpx.Timeout(self.read_timeout, connect=self.connect_timeout,
                                      pool=None),
                limits=httpx.Limits(max_connections=self.per_origin,
                                    max_keepalive_connections=self.per_origin),
                follow_redirects=False,
                # A jar whose policy accepts no domain: Set-Cookie is never stored or replayed.
                cookies=CookieJar(DefaultCookiePolicy(allowed_domains=[])),
                trust_env=False,
                verify=self._tls if self._tls is not None else True,
                transport=self.transport,
            )
        return client

    async def release(self, url: str) -> None:
        client = self._clients.pop(_origin(url), None)
        if client is not None:
            await client.aclose()

    async def __aenter__(self) -> LinkProbe:
        return self

    async def __aexit__(self, *exc: object) -> None:
        clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            await client.aclose()

    async def request(self, method: str, url: str) -> Answer:
        """One request within the deadline; FetchError when there is no answer."""
        try:
            async with asyncio.timeout(self.deadline):
                async with self._client(url).stream(method, url) as response:
                    status = response.status_code
                    location = None
                    if 300 <= status < 400 and "location" in response.headers:
                        try:
                            location = urljoin(str(response.url),
                                               response.headers["location"].strip())
                        except ValueError:
                            location = response.headers["location"]
                    # Read to the end of a short answer (a HEAD's is empty): an answer read to
                    # its end leaves the connection open for the next URL on the host.
                    body = b""
                    if not response.is_stream_consumed:
                        async for chunk in response.aiter_raw():
                            body += chunk
                            if len(body) >= LINK_BODY_BYTES:
                                break
                    ctype = response.headers.get("content-type", "")
                    return Answer(str(response.url), status, tuple(response.headers.items()),
                                  media_type(ctype), _charset(ctype), body[:LINK_BODY_BYTES],
                                  location)
        except TimeoutError:
            raise FetchError(f"No answer within {self.deadline:g} s", retryable=True) from None
        except httpx.HTTPError as exc:
            error = _errors(exc, self.connect_timeout, self.read_timeout)
            if isinstance(exc, httpx.TimeoutException):
                error.retryable = True
            raise error from None
        except (ValueError, UnicodeError) as exc:
            raise FetchError(f"Not a URL seolint can fetch: {exc}") from None
