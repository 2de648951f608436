"""`seolint crawl URL`: discover a blog's pages by following links and reading its sitemaps.

Policy (CRAWLER.md). Every number is a `CrawlOptions` default, settable with a CLI option or in
the config's `[crawl]` table.

- **Scope.** The seed's host (and port; http and https alike), narrowed by `--include` regexes
  when given (then only matching URLs are crawled, which may name other hosts too) and by
  `--exclude` regexes. Off-site links are counted, never fetched; a redirect off the site is
  recorded (X003) and not followed. http(s) only.
- **Order.** Breadth first, one depth level at a time: the next level is built from the finished
  level's pages in order, links in document order, so which URLs are crawled (and how each is
  shown) never depends on which response arrived first. The sitemap's URLs join at depth 1.
- **Dedup** on a canonical key (w3lib: scheme and host lower-cased, default port, fragment and
  dot segments dropped, percent-encoding and query order normalised, tracking parameters such as
  utm_*, gclid and fbclid removed). Reports show URLs as they were found.
- **Politeness.** robots.txt per origin (seolint.sources.robots), never requesting what it
  forbids; per host at most 4 requests at once and `--delay` between request starts, a larger
  Crawl-delay winning (capped at 10 s, with a warning); 429 and 503 with Retry-After pause the
  whole host for that long (capped at 60 s); retries and backoff as seolint.net says.
- **Bounds.** 500 pages, depth 10, URLs of 2,083 characters, 50 query variants per path, a path
  segment repeated 3 times (`/a/b/a/b/a/b/a`), 10 redirects per URL, and seolint.net's per-
  request bounds (timeouts, a total deadline, 5 MB bodies, bounded decompression). A URL a trap
  bound refuses becomes one warning per trap, at the link that led there.
- **Analysis.** Fetching runs on one asyncio loop in this process; each HTML body is analysed by
  the engine's page analyser, in a thread for small crawls and in worker processes (one per
  core, WorkerPool) once the crawl passes POOL_THRESHOLD pages, so the loop never blocks on
  parsing. The loop itself writes pages to the workers and reads their results (no threads in
  between), which come back as plain tuples (encode_result). The main process keeps only each
  page's PageResult (findings and a compact PageSummary), never the parsed page or its body.
"""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
import functools
import os
import pickle
import re
import signal
import socket
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from operator import attrgetter
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

from seolint import engine
from seolint.config import ConfigError, Settings, build_options
from seolint.document import (
    CrawlFacts,
    FetchFact,
    LinkRef,
    Page,
    PageSummary,
    Position,
    RawDocument,
    SitemapEntry,
)
from seolint.engine import Context, PageResult, _Analyser, source_finding, stamp
from seolint.net import (
    ACCEPT_HTML,
    USER_AGENT,
    Answer,
    AsyncFetcher,
    FetchError,
    retry_wait,
    retryable_status,
)
from seolint.parse import authority, resolve, site_key
from seolint.registry import select_rules
from seolint.rule import Finding
from seolint.sources import robots as robots_mod
from seolint.sources.sitemap import MAX_BYTES as SITEMAP_MAX_BYTES
from seolint.sources.sitemap import MAX_INDEX_DEPTH, MAX_URLS, SitemapError, parse_sitemap

POOL_THRESHOLD = engine.POOL_THRESHOLD
# While the pool starts, this process analyses pages up to this size itself. A larger one (a
# 5 MB page can take 600 MB and 15 s to analyse) waits for a worker, where its memory goes
# with the page instead of staying with the crawl.
HERE_MAX_BYTES = 256 * 1024

# Query parameters that only track where a click came from (w3lib's url_query_cleaner list,
# plus every utm_*): dropped from the dedup key.
TRACKING_PARAMS = frozenset({
    "gclid", "gclsrc", "dclid", "fbclid", "msclkid", "yclid", "twclid", "ttclid", "igshid",
    "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "srsltid", "wbraid",
    "gbraid", "oly_anon_id", "oly_enc_id", "vero_id", "rb_clickid", "s_cid",
})
# Page-like paths: no extension, or one that servers use for HTML. A link to /a.pdf or /b.jpg
# that is not HTML is fine; a link to /post/ that is not HTML is X007.
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_PAGE_EXTENSIONS = frozenset({"", "html", "htm", "xhtml", "shtml", "php", "asp", "aspx", "jsp",
                              "cfm", "cgi", "pl"})


@dataclass(frozen=True)
class CrawlOptions:
    """The crawl's bounds and manners. Config: `[crawl]` with these names in kebab-case."""

    max_pages: int = 500
    max_depth: int = 10
    concurrency: int = 4  # requests at once, per host
    delay: float = 0.0  # seconds between request starts, per host (Crawl-delay wins if larger)
    timeout: float = 30.0  # the total deadline of one request, in seconds
    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # per network read
    user_agent: str = USER_AGENT
    ignore_robots: bool = False
    include: tuple[str, ...] = ()  # regexes: crawl only matching URLs (they may be off-host)
    exclude: tuple[str, ...] = ()  # regexes: never crawl matching URLs
    max_url_length: int = 2083
    max_query_variants: int = 50  # distinct queries per path
    max_repeated_segments: int = 3  # the same path segment more often is a trap
    max_body_size: int = 5 * 1024 * 1024
    max_redirects: int = 10
    retries: int = 2
    retry_after_cap: float = 60.0
    backoff: float = 0.5  # first retry wait, doubled each time, with jitter
    max_crawl_delay: float = 10.0
    sitemaps: bool = True  # read robots.txt's sitemaps and /sitemap.xml

    def __post_init__(self) -> None:
        for name in ("max_pages", "concurrency", "max_url_length", "max_query_variants",
                     "max_repeated_segments", "max_body_size"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name.replace('_', '-')} must be at least 1")
        for name in ("max_depth", "max_redirects", "retries"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name.replace('_', '-')} must not be negative")
        for name in ("delay", "retry_after_cap", "backoff", "max_crawl_delay"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name.replace('_', '-')} must not be negative")
        for name in ("timeout", "connect_timeout", "read_timeout"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name.replace('_', '-')} must be positive")
        for pattern in (*self.include, *self.exclude):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"bad URL pattern {pattern!r}: {exc}") from None


def crawl_options(table: dict[str, Any], overrides: dict[str, Any], where: str) -> CrawlOptions:
    """CrawlOptions from the config's [crawl] table, then the command line's options."""
    opts, _ = build_options(CrawlOptions, {k: v for k, v in table.items() if k != "severity"},
                            where)
    if "severity" in table:
        raise ConfigError(f"{where}: unknown option 'severity'")
    try:
        return replace(opts, **{k: v for k, v in overrides.items() if v is not None})
    except ValueError as exc:
        raise ConfigError(str(exc)) from None


# --- URLs ---------------------------------------------------------------------------------

def dedup_key(url: str) -> str:
    """The dedup key: w3lib's canonical URL, default port and tracking parameters dropped."""
    canon = canonicalize_url(url)
    parts = urlsplit(canon)
    netloc = parts.netloc
    if (parts.scheme == "http" and netloc.endswith(":80")) or (
            parts.scheme == "https" and netloc.endswith(":443")):
        netloc = netloc.rsplit(":", 1)[0]
    query = parts.query
    if query:
        kept = [p for p in query.split("&")
                if not _tracking(p.split("=", 1)[0])]
        query = "&".join(kept)
    return urlunsplit((parts.scheme, netloc, parts.path or "/", query, ""))


def _tracking(name: str) -> bool:
    name = unquote(name).lower()
    return name.startswith("utm_") or name in TRACKING_PARAMS


def _host_port(url: str) -> tuple[str, int | None] | None:
    """(host, port) of an http(s) URL, the default ports as None; None for anything else."""
    return _host_port_of(authority(url))


@functools.lru_cache(maxsize=4096)
def _host_port_of(prefix: str) -> tuple[str, int | None] | None:
    try:
        parts = urlsplit(prefix)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return parts.hostname.lower(), (None if port in (None, 80, 443) else port)


def _page_like(url: str) -> bool:
    last = urlsplit(url).path.rsplit("/", 1)[-1]
    ext = last.rsplit(".", 1)[-1].lower() if "." in last else ""
    return ext in _PAGE_EXTENSIONS


def _shown(url: str, limit: int = 100) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"


# --- what a worker sends back --------------------------------------------------------------

Outlink = tuple[str, str, int | None]  # (URL, kind: a/canonical/hreflang/refresh, line)


def outlinks(page: Page) -> tuple[Outlink, ...]:
    """The URLs a crawler should look at from this page, in document order: followed links
    (not rel=nofollow, none at all under a nofollow robots directive), the canonical URL, hreflang
    alternates and a meta refresh target."""
    out: list[Outlink] = []
    if not page.robots & {"nofollow", "none"}:
        for link in page.links:
            if link.url is not None and "nofollow" not in link.rel:
                out.append((link.url, "a", link.pos.line))
    for tag in page.link_tags:
        if not tag.in_head or not tag.href or not tag.href.strip():
            continue
        if "canonical" in tag.rel or ("alternate" in tag.rel and tag.hreflang is not None):
            url = resolve(page.url, tag.href)
            if url is not None:
                out.append((url, "canonical" if "canonical" in tag.rel else "hreflang",
                            tag.pos.line))
    if page.refresh is not None and page.refresh.url is not None:
        out.append((page.refresh.url, "refresh", page.refresh.pos.line))
    seen: set[tuple[str, str]] = set()
    unique = []
    for item in out:
        if (item[0], item[1]) not in seen:
            seen.add((item[0], item[1]))
            unique.append(item)
    return tuple(unique)


def _analyse_with(analyser: _Analyser, doc: RawDocument) -> tuple[PageResult, tuple[Outlink, ...]]:
    found: list[tuple[Outlink, ...]] = []
    result = analyser.analyse(doc, on_page=lambda page: found.append(outlinks(page)))
    return result, (found[0] if found else ())


# A worker's result crosses to the crawl as plain tuples, not dataclasses. Pickle rebuilds a
# frozen slotted dataclass through a Python __setstate__ per object, and a page holds dozens
# (a Position per link): on the bench site that was 110 us of this process's CPU a page, and as
# much in the worker to pickle it; tuples of strings and ints pickle in C. The fields are read
# from the dataclasses, so a field added to one travels without a change here; a field typed
# Position, or tuple[LinkRef, ...], is flattened to (line, column) and (target, line, column).
_RESULT_NAMES = tuple(f.name for f in fields(PageResult))
_SUMMARY_NAMES = tuple(f.name for f in fields(PageSummary))
_FINDING_NAMES = tuple(f.name for f in fields(Finding))
_result_values = attrgetter(*_RESULT_NAMES)
_summary_values = attrgetter(*_SUMMARY_NAMES)
_finding_values = attrgetter(*_FINDING_NAMES)
_R_URL, _R_KIND, _R_FINDINGS, _R_NA, _R_SUMMARY, _R_METRICS = (
    _RESULT_NAMES.index(n)
    for n in ("url", "kind", "findings", "not_applicable", "summary", "metrics"))
_S_URL = _SUMMARY_NAMES.index("url")
_S_POSITIONS = tuple(i for i, f in enumerate(fields(PageSummary))
                     if f.type in ("Position", Position))
_S_LINKS = tuple(i for i, f in enumerate(fields(PageSummary))
                 if f.type in ("tuple[LinkRef, ...]", tuple[LinkRef, ...]))
# Finding fields that repeat across pages (rule names, fix texts): shared, see Crawler._decode
_F_SHARED = tuple(_FINDING_NAMES.index(n)
                  for n in ("code", "name", "category", "severity", "message", "fix"))
_F_URL = _FINDING_NAMES.index("url")

Encoded = tuple[tuple[Any, ...], tuple[Outlink, ...]]


def encode_result(result: PageResult, links: tuple[Outlink, ...]) -> Encoded:
    """A worker's (PageResult, outlinks) as plain tuples; Crawler._decode is the inverse."""
    values = list(_result_values(result))
    values[_R_FINDINGS] = tuple(map(_finding_values, result.findings))
    summary = result.summary
    if summary is not None:
        flat = list(_summary_values(summary))
        for i in _S_POSITIONS:
            pos = flat[i]
            flat[i] = (pos.line, pos.column)
        for i in _S_LINKS:
            flat[i] = tuple((link.target, link.pos.line, link.pos.column) for link in flat[i])
        values[_R_SUMMARY] = tuple(flat)
    return tuple(values), links


def _start_forkserver() -> None:
    """Start the fork server now, from the main thread, ignoring Ctrl-C while it is spawned.

    Ctrl-C is the crawl's to handle (it stops fetching and reports what was crawled), but the
    server is in the crawl's process group: one arriving while it starts Python and imports the
    analysis (half a second) killed it with a traceback on the terminal. A process started with
    SIGINT ignored keeps ignoring it, and Python then never turns it into KeyboardInterrupt; the
    workers it forks ignore it too (_pool_main). Spawning takes milliseconds, and only then is
    this process deaf to Ctrl-C."""
    if threading.current_thread() is not threading.main_thread():
        return  # signal handlers can only be changed from the main thread
    from multiprocessing import forkserver

    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)


class PoolBroken(RuntimeError):
    """A worker process died or never came up: the crawl analyses in its thread instead."""


_FRAME = 8  # bytes of a frame's length prefix (unsigned, big-endian)


def _pool_main(sock: socket.socket, ctx: Context) -> None:
    """A worker process: read a pickled RawDocument, answer with the pickled outcome, until the
    crawl closes the socket. The outcome is (True, (result, outlinks)) or (False, exception),
    so an unexpected error reaches the crawl as it would from a function call."""
    # Ctrl-C is the crawl's to handle (stop fetching, report what was crawled): a worker
    # finishes the pages it holds instead of dying with a KeyboardInterrupt.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    analyser = _Analyser(ctx)
    reader = sock.makefile("rb")
    try:
        while True:
            head = reader.read(_FRAME)
            if len(head) < _FRAME:
                return  # the crawl is over (or gone)
            size = int.from_bytes(head, "big")
            data = reader.read(size)
            if len(data) < size:
                return
            try:
                doc = pickle.loads(data)
                out: tuple[bool, Any] = (True, encode_result(*_analyse_with(analyser, doc)))
                payload = pickle.dumps(out, pickle.HIGHEST_PROTOCOL)
            except Exception as exc:
                payload = _pickled_error(exc)
            sock.sendall(len(payload).to_bytes(_FRAME, "big") + payload)
    except OSError:
        return  # the crawl closed its end while this page was analysed
    finally:
        reader.close()
        sock.close()


def _pickled_error(exc: Exception) -> bytes:
    """The exception, pickled so that it also unpickles (an exception whose __init__ takes other
    arguments than it passes to Exception does not): else a RuntimeError that names it."""
    try:
        payload = pickle.dumps((False, exc), pickle.HIGHEST_PROTOCOL)
        pickle.loads(payload)
        return payload
    except Exception:
        return pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")),
                            pickle.HIGHEST_PROTOCOL)


def _same(link: _WorkerLink) -> _WorkerLink:
    return link


class _WorkerLink(asyncio.Protocol):
    """The crawl's end of one worker's socket: frames in, futures resolved in order."""

    def __init__(self, pool: WorkerPool) -> None:
        self.pool = pool
        self.transport: asyncio.Transport | None = None
        self.waiting: deque[asyncio.Future[Any]] = deque()  # sent, in the order sent
        self._buf = bytearray()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        buf = self._buf
        buf += data
        start = 0
        while len(buf) - start >= _FRAME:
            end = start + _FRAME + int.from_bytes(buf[start:start + _FRAME], "big")
            if len(buf) < end:
                break
            # Nothing waits when the pool broke meanwhile (another worker died, and the pages
            # went to the crawl's thread): the result is dropped.
            fut = self.waiting.popleft() if self.waiting else None
            if fut is not None and not fut.done():  # done: cancelled by Ctrl-C meanwhile
                fut.set_result(bytes(buf[start + _FRAME:end]))
            start = end
        if start:
            del buf[:start]
            self.pool._pump()

    def eof_received(self) -> bool:
        self.pool._broken("an analysis worker exited")
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.pool.closed:
            self.pool._broken(f"an analysis worker's connection was lost ({exc})")


class WorkerPool:
    """Analysis worker processes, fed and read by the event loop itself.

    Not concurrent.futures.ProcessPoolExecutor: that hands every page through two threads of
    this process (a feeder that pickles the call, a manager that unpickles the result and
    resolves the future), and those threads fight the event loop for the GIL. Measured on the
    3,000-page bench with two workers, they cost this process about 0.5 ms of CPU a page, on a
    machine whose cores the workers need. Here each worker has a socket; the loop writes a
    pickled RawDocument to it and reads the result back when epoll says it is there.

    Each worker holds at most PER_WORKER pages (one analysed, one waiting in its socket, so it
    never idles for a round trip); the rest wait here, first come, first served. When a worker
    dies the pool is broken, as an executor's is: every page it holds fails with PoolBroken,
    and the crawl analyses them in its thread."""

    PER_WORKER = 2

    def __init__(self, jobs: int, mp_context: Any, ctx: Context) -> None:
        self.jobs = jobs
        self._mp = mp_context
        self._ctx = ctx
        self._procs: list[Any] = []
        self._socks: list[socket.socket] = []
        self._links: list[_WorkerLink] = []
        self._queue: deque[tuple[bytes, asyncio.Future[Any]]] = deque()
        self.broken: str | None = None
        self.closed = False
        self._lock = threading.Lock()  # start() runs in a thread, close() in the loop's

    def start(self) -> None:
        """Start the processes. Blocking (the first start brings the forkserver up, which
        imports the analysis libraries): the crawl calls it from a thread."""
        for _ in range(self.jobs):
            if self.closed:
                return  # the crawl ended while the forkserver came up
            mine, theirs = socket.socketpair()
            proc = self._mp.Process(target=_pool_main, args=(theirs, self._ctx), daemon=True,
                                    name="seolint-analyse")
            try:
                proc.start()
            finally:
                theirs.close()
            with self._lock:
                if not self.closed:
                    self._procs.append(proc)
                    self._socks.append(mine)
                    continue
            # close() ran while this worker started: it never saw it, so end it here.
            mine.close()  # the worker reads end-of-file and exits
            proc.join(2.0)
            if proc.is_alive():
                proc.terminate()
                proc.join(1.0)
            return

    async def connect(self) -> None:
        """Hand the sockets to the event loop (after start)."""
        loop = asyncio.get_running_loop()
        for sock in self._socks:
            link = _WorkerLink(self)
            # create_connection, not create_unix_connection: socketpair() is AF_INET on Windows
            await loop.create_connection(functools.partial(_same, link), sock=sock)
            self._links.append(link)

    async def analyse(self, doc: RawDocument) -> Encoded:
        """The page's encode_result()."""
        if self.broken is not None:
            raise PoolBroken(self.broken)
        fut: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self._queue.append((pickle.dumps(doc, pickle.HIGHEST_PROTOCOL), fut))
        self._pump()
        ok, value = pickle.loads(await fut)
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    def _pump(self) -> None:
        queue = self._queue
        while queue:
            link = min(self._links, key=lambda k: len(k.waiting), default=None)
            if link is None or link.transport is None or len(link.waiting) >= self.PER_WORKER:
                return
            data, fut = queue.popleft()
            if fut.done():
                continue  # cancelled while it waited: not sent
            link.waiting.append(fut)
            link.transport.write(len(data).to_bytes(_FRAME, "big") + data)  # one send()

    def _broken(self, why: str) -> None:
        if self.broken is None:
            self.broken = why
        error = PoolBroken(self.broken)
        for link in self._links:
            while link.waiting:
                fut = link.waiting.popleft()
                if not fut.done():
                    fut.set_exception(error)
        while self._queue:
            _, fut = self._queue.popleft()
            if not fut.done():
                fut.set_exception(error)

    def close(self, timeout: float = 10.0) -> None:
        """Stop the workers: closing a socket ends its worker after the page it is analysing;
        one still busy after `timeout` seconds (a pathological page) is terminated."""
        with self._lock:  # a worker start() finishes after this is its own to end
            self.closed = True
            procs, socks = list(self._procs), list(self._socks)
        self._broken("the crawl is over")
        for link in self._links:
            if link.transport is not None:
                link.transport.abort()
        for sock in socks:
            sock.close()
        deadline = time.monotonic() + timeout
        for proc in procs:
            proc.join(max(0.0, deadline - time.monotonic()))
            if proc.is_alive():
                proc.terminate()
                proc.join(1.0)


# --- politeness ---------------------------------------------------------------------------

class HostGate:
    """Per host: at most `concurrency` requests at once, and `delay` seconds between starts.

    Start times are handed out in the order requests arrive (first come, first served), so a
    Crawl-delay spaces requests in crawl order."""

    def __init__(self, concurrency: int, delay: float) -> None:
        self._sem = asyncio.Semaphore(concurrency)
        self.delay = delay
        self._next = 0.0  # the earliest start of the next request
        self._paused = 0.0  # nobody starts before this (Retry-After)

    def pause(self, seconds: float) -> None:
        """Nobody starts a request here for `seconds` (a 429 or 503 with Retry-After)."""
        self._paused = max(self._paused, time.monotonic() + seconds)
        self._next = max(self._next, self._paused)

    async def __aenter__(self) -> HostGate:
        await self._sem.acquire()
        try:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + self.delay
            while True:
                wait = max(start, self._paused) - time.monotonic()
                if wait <= 0:
                    return self
                await asyncio.sleep(wait)
        except BaseException:
            self._sem.release()
            raise

    async def __aexit__(self, *exc: object) -> None:
        self._sem.release()


# --- the crawl ----------------------------------------------------------------------------

@dataclass(slots=True)
class _Entry:
    url: str  # as found
    key: str
    depth: int
    via: str | None = None  # the page that linked to it
    page: str | None = None  # the URL its page is reported under (after redirects)


@dataclass
class _Trap:
    kind: str
    detail: str
    first: str  # the first URL refused
    page: str | None  # the page whose link led there
    line: int | None
    count: int = 1


@dataclass
class CrawlStats:
    fetched: int = 0  # URLs requested (redirect hops, robots.txt and sitemaps not counted)
    pages: int = 0  # HTML pages analysed
    errors: int = 0  # fetch failures and HTTP errors
    offsite: int = 0  # distinct off-site URLs linked (never fetched)
    blocked: int = 0  # URLs robots.txt forbids (never fetched)
    not_crawled: int = 0  # URLs left out by --max-pages or --max-depth
    limit: str | None = None  # which limit cut the crawl short
    interrupted: bool = False
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)


@dataclass
class CrawlOutcome:
    results: list[PageResult]
    facts: CrawlFacts
    sitemap: tuple[SitemapEntry, ...] | None
    sitemap_complete: bool
    findings: list[Finding]  # raised by the crawler itself (traps, unreadable sitemaps)
    stats: CrawlStats

    @property
    def complete(self) -> bool:
        return self.facts.complete


Progress = Callable[[int, int, int, float], None]  # (done, queued, errors, seconds)


class Crawler:
    def __init__(self, seed: str, settings: Settings, options: CrawlOptions = CrawlOptions(),
                 progress: Progress | None = None, transport: Any = None) -> None:
        self.seed = seed
        self.settings = settings
        self.opts = options
        self.progress = progress
        self.transport = transport
        configured = select_rules(settings)
        self.ctx = Context(settings, tuple(cr.rule.code for cr in configured))
        self.x001 = next((cr for cr in configured if cr.rule.code == "X001"), None)
        host = _host_port(seed)
        if host is None:
            raise ConfigError(f"cannot crawl {seed!r}: not an http(s) URL")
        self.host = host
        self.includes = [re.compile(p) for p in options.include]
        self.excludes = [re.compile(p) for p in options.exclude]
        self.stats = CrawlStats()
        self.seen: dict[str, _Entry] = {}
        self.alias: dict[str, str] = {}  # URL as linked -> key
        self.facts: dict[str, FetchFact] = {}
        self.results: dict[str, PageResult] = {}
        self.robots: dict[str, robots_mod.Robots] = {}
        self._robots_tasks: dict[str, asyncio.Task[robots_mod.Robots]] = {}
        self.gates: dict[str, HostGate] = {}
        self.variants: Counter[str] = Counter()
        self.traps: dict[tuple[str, str], _Trap] = {}
        self.offsite: set[int] = set()  # hashes of the off-site URLs linked: counted only
        self._shared: dict[Any, Any] = {}
        self.refused: set[str] = set()  # keys a trap bound or the depth limit turned away
        self.findings: list[Finding] = []
        self.sitemap_entries: list[SitemapEntry] = []
        self.sitemap_read = False
        self.sitemap_complete = True
        self.complete = True
        self.stopping = False
        self.done = 0
        self.admitted = 0
        self.started = 0.0
        # Shared: nav links repeat on every page, and their positions with them
        self._links: dict[tuple[str, int | None, int | None], LinkRef] = {}
        self._positions: dict[tuple[int | None, int | None], Position] = {}
        self._pool: WorkerPool | None = None
        self._thread: cf.ThreadPoolExecutor | None = None
        self._local: _Analyser | None = None
        self._here = 0  # pages given to this process's analysis thread and not yet done
        self._pool_ready: asyncio.Future[None] | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._sitemap_task: asyncio.Task[None] | None = None

    # -- entry point -------------------------------------------------------------------------

    def run(self) -> CrawlOutcome:
        """Crawl, and return what was found. Ctrl-C stops fetching and returns what was
        crawled so far; a second Ctrl-C aborts."""
        return asyncio.run(self._main())

    async def _main(self) -> CrawlOutcome:
        loop = asyncio.get_running_loop()
        self.started = time.monotonic()
        jobs = self.settings.jobs or (os.cpu_count() or 1)
        self._slots = asyncio.Semaphore(max(4, jobs * 4))
        installed = False
        try:
            loop.add_signal_handler(signal.SIGINT, self._interrupt)
            installed = True
        except (NotImplementedError, RuntimeError, ValueError):
            pass  # not the main thread (tests), or no signals here
        try:
            self.fetcher = AsyncFetcher(
                user_agent=self.opts.user_agent,
                connect_timeout=min(self.opts.connect_timeout, self.opts.timeout),
                read_timeout=min(self.opts.read_timeout, self.opts.timeout),
                deadline=self.opts.timeout,
                max_connections=max(4, self.opts.concurrency * 2),
                transport=self.transport)
            async with self.fetcher:
                try:
                    await self._crawl()
                except asyncio.CancelledError:
                    if not self.stopping:
                        raise  # not ours: Ctrl-C is handled by stopping, not by cancelling
        finally:
            if installed:
                loop.remove_signal_handler(signal.SIGINT)
            self._shutdown()
        self.stats.seconds = time.monotonic() - self.started
        return self._outcome()

    def _interrupt(self) -> None:
        if self.stopping:
            raise KeyboardInterrupt
        self.stopping = True
        self.stats.interrupted = True
        for task in [*self._tasks, *self._robots_tasks.values(), self._sitemap_task]:
            if task is not None:
                task.cancel()

    def _shutdown(self) -> None:
        if self._pool is not None:
            self._pool.close()
        if self._thread is not None:
            self._thread.shutdown(wait=True, cancel_futures=True)

    # -- the breadth-first loop ----------------------------------------------------------

    async def _crawl(self) -> None:
        seed = self.seed
        key = dedup_key(seed)
        entry = _Entry(seed, key, 0)
        self.seen[key] = entry
        self.alias[seed] = key
        self.admitted = 1
        origin_robots = await self._robots_for(seed)
        if not self.opts.ignore_robots and not origin_robots.allowed(seed):
            self._record(entry, FetchFact(seed, blocked=True))
            self.stats.blocked += 1
            why = f" ({origin_robots.reason})" if origin_robots.reason else ""
            self._finding("X005", f"robots.txt forbids crawling the start URL{why}; nothing was "
                                  "crawled",
                          "Allow seolint in robots.txt (User-agent: seolint), or crawl with "
                          "--ignore-robots on a site you own", seed, None)
            return
        level: list[_Entry] = [entry]
        depth = 0
        while level and not self.stopping:
            outs = await self._run_level(level)
            candidates: list[tuple[str, str, int | None, _Entry | None]] = []
            for parent, links in zip(level, outs, strict=True):
                for url, kind, line in links:
                    candidates.append((url, kind, line, parent))
            if depth == 0:
                self._start_sitemaps(seed)
            sitemap_task = self._sitemap_task
            if depth == 0 and sitemap_task is not None:
                try:
                    await sitemap_task
                except asyncio.CancelledError:
                    if not self.stopping:
                        raise
                for e in self.sitemap_entries:
                    if e.on_site:
                        candidates.append((e.url, "sitemap", None, None))
            if self.stopping:
                break
            await self._prefetch_robots(url for url, *_ in candidates)
            level = []
            for url, kind, line, via in candidates:
                admitted = self._admit(url, kind, depth + 1, via, line)
                if admitted is not None:
                    level.append(admitted)
            depth += 1
        if self._sitemap_task is not None and not self._sitemap_task.done():
            self._sitemap_task.cancel()

    def _start_sitemaps(self, start: str) -> None:
        """Read the sitemaps (once), of the origin the start URL landed on: in parallel with
        the start page's analysis, which waits for them to know whether the site is large."""
        if not self.opts.sitemaps or self._sitemap_task is not None:
            return
        robots = self.robots.get(_origin(start))
        if robots is None:
            robots = self.robots.get(_origin(self.seed))
        if robots is not None:
            self._sitemap_task = asyncio.create_task(self._read_sitemaps(robots, start))

    async def _run_level(self, level: list[_Entry]) -> list[tuple[Outlink, ...]]:
        """Visit a level's URLs with a fixed number of workers (not a task per URL: a level of
        10,000 URLs would hold 10,000 coroutines); the host gates set the real pace."""
        outs: list[tuple[Outlink, ...]] = [()] * len(level)
        todo = iter(enumerate(level))

        async def worker() -> None:
            for i, entry in todo:
                outs[i] = await self._visit(entry)

        jobs = self.settings.jobs or (os.cpu_count() or 1)
        count = min(len(level), max(8, 4 * self.opts.concurrency + 4 * jobs))
        tasks = []
        for _ in range(count):
            task = asyncio.create_task(worker())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            tasks.append(task)
        for out in await asyncio.gather(*tasks, return_exceptions=True):
            if isinstance(out, BaseException) and not isinstance(out, asyncio.CancelledError):
                raise out
        return outs

    # -- admission: scope, dedup, traps, limits ------------------------------------------

    def _in_scope(self, url: str) -> bool:
        if self.includes:
            if not any(p.search(url) for p in self.includes):
                return False
        elif _host_port(url) != self.host:
            return False
        return not any(p.search(url) for p in self.excludes)

    def _key(self, url: str) -> str:
        key = self.alias.get(url)
        if key is None:
            key = dedup_key(url)
            self.alias[url] = url if key == url else key  # one string, not two alike
        return key

    def _admit(self, url: str, kind: str, depth: int, parent: _Entry | None,
               line: int | None) -> _Entry | None:
        known = self.alias.get(url)
        if known is not None and (known in self.seen or known in self.refused):
            return None  # the common case: a link to a page already met (navigation)
        if hash(url) in self.offsite or _host_port(url) is None:
            return None
        if not self._in_scope(url):
            if _host_port(url) != self.host:
                self.offsite.add(hash(url))
            return None
        try:
            key = self._key(url)
        except (ValueError, UnicodeError):
            return None
        if key in self.seen or key in self.refused:
            return None
        if len(url) > self.opts.max_url_length:
            self._trap("url-length", "", url, parent, line,
                       f"is {len(url)} characters long, over the {self.opts.max_url_length} "
                       "limit")
            return None
        parts = urlsplit(key)
        segments = [s for s in parts.path.split("/") if s]
        if segments:
            segment, times = Counter(segments).most_common(1)[0]
            if times > self.opts.max_repeated_segments:
                self._trap("repeated-segments", segments[0], url, parent, line,
                           f"repeats the path segment {unquote(segment)!r} {times} times (a "
                           "path that loops, such as /a/b/a/b/...)")
                return None
        if parts.query:
            base = f"{parts.scheme}://{parts.netloc}{parts.path}"
            if self.variants[base] >= self.opts.max_query_variants:
                self._trap("query-variants", base, url, parent, line,
                           f"is one of over {self.opts.max_query_variants} query variants of "
                           f"{unquote(parts.path)} (an endless calendar or filter?)")
                return None
        if depth > self.opts.max_depth:
            self.complete = False
            self.stats.not_crawled += 1
            self.stats.limit = self.stats.limit or "max-depth"
            self._trap("depth", "", url, parent, line,
                       f"is {depth} links from the start URL, past --max-depth "
                       f"{self.opts.max_depth} (an endlessly deep path?)")
            return None
        robots = self.robots.get(_origin(url))
        if robots is not None and not self.opts.ignore_robots and not robots.allowed(url):
            entry = _Entry(url, key, depth, parent.url if parent else None)
            self.seen[key] = entry
            self._record(entry, FetchFact(url, blocked=True))
            self.stats.blocked += 1
            return None
        if self.admitted >= self.opts.max_pages:
            self.complete = False
            self.stats.not_crawled += 1
            self.stats.limit = self.stats.limit or "max-pages"
            return None
        if parts.query:
            self.variants[f"{parts.scheme}://{parts.netloc}{parts.path}"] += 1
        entry = _Entry(url, key, depth, parent.url if parent else None)
        self.seen[key] = entry
        self.admitted += 1
        if self.admitted > POOL_THRESHOLD:
            self._want_pool()
        return entry

    def _trap(self, kind: str, bucket: str, url: str, parent: _Entry | None, line: int | None,
              detail: str) -> None:
        self.refused.add(self._safe_key(url))
        found = self.traps.get((kind, bucket))
        if found is not None:
            found.count += 1
            return
        self.traps[(kind, bucket)] = _Trap(kind, detail, url,
                                           (parent.page or parent.url) if parent else None,
                                           line if parent else None)

    # -- visiting one URL: redirects by hand ---------------------------------------------

    async def _visit(self, entry: _Entry) -> tuple[Outlink, ...]:
        if self.stopping:
            return ()
        try:
            return await self._visit_inner(entry)
        except Exception as exc:  # a seolint bug on one URL must not end the whole crawl
            found = source_finding(
                self.settings, "Z001",
                f"seolint crashed on this URL: {type(exc).__name__}: {exc}",
                "Report this seolint bug with the URL; run with --debug for details",
                entry.url, None)
            self.results[entry.url] = PageResult(entry.url, None, None, None, 0,
                                                 (found,) if found else (), (), None)
            return ()
        finally:
            self.done += 1
            if self.progress is not None:
                self.progress(self.done, max(0, self.admitted - self.done), self.stats.errors,
                              time.monotonic() - self.started)

    async def _visit_inner(self, entry: _Entry) -> tuple[Outlink, ...]:
        current = entry.url
        hops: list[tuple[int, str]] = []
        chain = {entry.key}
        self.stats.fetched += 1
        while True:
            page_like = _page_like(current)

            def wanted(status: int, media: str, page_like: bool = page_like) -> bool:
                return media in _HTML_TYPES or (media == "" and page_like)

            try:
                answer = await self._fetch(current, read=wanted)
            except FetchError as exc:
                self.stats.errors += 1
                fact = FetchFact(entry.url, error=str(exc), hops=tuple(hops),
                                 final_url=current if hops else None)
                self._record(entry, fact)
                if hops:
                    self._redirect_result(entry)
                    self._record_final(current, FetchFact(current, error=str(exc)))
                self._failure(current, "X002", str(exc),
                              "Check that the URL answers; run again later if the server was "
                              "busy")
                return ()
            if answer.location is None and 300 <= answer.status < 400:
                self._record(entry, FetchFact(entry.url, answer.status, hops=tuple(hops)))
                self._failure(current, "X002",
                              f"Answered HTTP {answer.status} without a Location header",
                              "Make the redirect name its target, or answer 200")
                return ()
            if answer.location is not None:
                target = answer.location
                hops.append((answer.status, target))
                stop = None
                if _host_port(target) is None:
                    stop = "offsite"  # mailto:, ftp:, a broken URL: not the site
                elif not self._in_scope(target) and not self._adopt(entry, target):
                    # Another host, or this one but outside --include/--exclude (not reported)
                    stop = "offsite" if _host_port(target) != self.host else "excluded"
                elif self._safe_key(target) in chain:
                    stop = "loop"
                elif len(hops) > self.opts.max_redirects:
                    stop = "too-many"
                elif not self.opts.ignore_robots and not (
                        await self._robots_for(target)).allowed(target):
                    stop = "blocked"
                if stop is None:
                    owner = self.seen.get(self._safe_key(target))
                    if owner is not None and owner is not entry:
                        # Crawled (or being crawled) under its own URL: no second request; the
                        # outcome copies that URL's answer here.
                        self._record(entry, FetchFact(entry.url, None, final_url=target,
                                                      hops=tuple(hops)))
                        self._redirect_result(entry)
                        return ()
                if stop is not None:
                    if stop == "loop":
                        self.stats.errors += 1
                    self._record(entry, FetchFact(entry.url, answer.status, final_url=target,
                                                  hops=tuple(hops), redirect_stop=stop))
                    if stop == "blocked":
                        self._record_final(target, FetchFact(target, blocked=True))
                    self._redirect_result(entry)
                    return ()
                chain.add(self._safe_key(target))
                current = target
                continue
            return await self._final(entry, current, hops, answer)

    def _adopt(self, entry: _Entry, target: str) -> bool:
        """The start URL redirecting between example.com and www.example.com: crawl the host it
        lands on (what the user meant), and say so."""
        new = _host_port(target)
        if (entry.depth != 0 or entry.url != self.seed or self.includes or new is None
                or new[1] != self.host[1] or site_key(new[0]) != site_key(self.host[0])):
            return False
        self.stats.warnings.append(f"the start URL redirects to {new[0]}: crawling that host")
        self.host = new
        return True

    def _safe_key(self, url: str) -> str:
        try:
            return self._key(url)
        except (ValueError, UnicodeError):
            return url

    async def _final(self, entry: _Entry, current: str, hops: list[tuple[int, str]],
                     answer: Answer) -> tuple[Outlink, ...]:
        entry.page = current  # links found on the page are reported at this URL
        status = answer.status
        if status >= 400:
            self.stats.errors += 1
        if hops:
            final_key = self._safe_key(current)
            owner = self.seen.get(final_key)
            fact = FetchFact(entry.url, status, final_url=current, hops=tuple(hops),
                             content_type=answer.content_type or None)
            self._record(entry, fact)
            self._redirect_result(entry)
            if owner is not None and owner is not entry:
                return ()  # the page is (or will be) crawled under its own URL
            final = _Entry(current, final_key, entry.depth, entry.via)
            self.seen[final_key] = final
            entry = final
        if entry.depth == 0 and entry.via is None:
            self._start_sitemaps(current)  # the start page: its host is settled now
        # An error answer's body ("Error response", a theme's 404 page) is no page of the site:
        # it is X001 (and D007 on the pages linking it), never linted or followed as content.
        if answer.body is not None and status < 400:
            doc = RawDocument(url=current, path=None, body=answer.body, status=status,
                              headers=answer.headers,
                              charset=answer.charset)
            result, links = await self._analyse(doc)
            result = _crawl_wording(result)
            indexable = result.summary.indexable if result.summary is not None else None
            self._record(entry, FetchFact(entry.url, status,
                                          content_type=answer.content_type or None,
                                          indexable=indexable))
            self.results[current] = result
            self.stats.pages += 1
            return links
        self._record(entry, FetchFact(entry.url, status, content_type=answer.content_type or None,
                                      indexable=False))
        if status >= 400:
            self.results[current] = self._status_result(current, status, answer.headers)
        elif _page_like(current) and answer.content_type:
            self._failure(current, "X007",
                          f"Not an HTML page: {_shown(current)} is {answer.content_type}",
                          "Link to the HTML page instead, or serve the page as text/html")
        return ()

    def _record(self, entry: _Entry, fact: FetchFact) -> None:
        self.facts[entry.key] = fact

    def _record_final(self, url: str, fact: FetchFact) -> None:
        key = self._safe_key(url)
        self.facts.setdefault(key, fact)

    def _redirect_result(self, entry: _Entry) -> None:
        self.results.setdefault(entry.url, PageResult(entry.url, None, "redirect", None, 0, (),
                                                      (), None))

    def _failure(self, url: str, code: str, message: str, fix: str | None) -> None:
        found = source_finding(self.settings, code, message, fix, url, None)
        self.results[url] = PageResult(url, None, None, None, 0,
                                       (found,) if found else (), (), None)

    def _status_result(self, url: str, status: int,
                       headers: tuple[tuple[str, str], ...]) -> PageResult:
        """An error answer that is not HTML: the findings X001 (http-error) gives."""
        findings: list[Finding] = []
        if self.x001 is not None and self.x001.rule.check is not None:
            from seolint.parse import parse

            page = parse(RawDocument(url=url, path=None, body=b"<html></html>", status=status,
                                     headers=headers))
            for v in self.x001.rule.check(page, self.x001.options):
                found = stamp(self.x001, v, url, None)
                if found is not None:
                    findings.append(found)
        return PageResult(url, None, None, None, 0, tuple(findings), (), None)

    def _compact(self, result: PageResult) -> PageResult:
        """Share what pages repeat, so 10,000 pages stay small (a result analysed in this
        process's thread; one from a worker is shared as it is decoded)."""
        return self._decode(encode_result(result, ()))[0]

    def _decode(self, encoded: Encoded) -> tuple[PageResult, tuple[Outlink, ...]]:
        """encode_result's inverse, sharing what pages repeat, so 10,000 pages stay small: a
        result arrives unpickled, with its own copy of every string (rule names, a theme's
        navigation links, the same fix text on every page)."""
        values, links = encoded
        intern = self._intern
        out = list(values)
        url = out[_R_URL]
        findings = []
        for f in out[_R_FINDINGS]:
            f = list(f)
            for i in _F_SHARED:
                if f[i]:
                    f[i] = intern(f[i])
            f[_F_URL] = url
            findings.append(Finding(*f))
        out[_R_FINDINGS] = tuple(findings)
        out[_R_METRICS] = {intern(k): intern(v) if isinstance(v, str) else v
                           for k, v in out[_R_METRICS].items()}
        out[_R_NA] = intern(out[_R_NA])
        if out[_R_KIND]:
            out[_R_KIND] = intern(out[_R_KIND])
        flat = out[_R_SUMMARY]
        if flat is not None:
            flat = list(flat)
            flat[_S_URL] = url or flat[_S_URL]
            for i in _S_POSITIONS:
                flat[i] = self._position(flat[i])
            for i in _S_LINKS:
                flat[i] = tuple(map(self._link, flat[i]))
            out[_R_SUMMARY] = PageSummary(*flat)
        return PageResult(*out), links

    def _intern(self, value: Any) -> Any:
        return self._shared.setdefault(value, value)

    def _position(self, where: tuple[int | None, int | None]) -> Position:
        found = self._positions.get(where)
        if found is None:
            found = self._positions[where] = Position(*where)
        return found

    def _link(self, link: tuple[str, int | None, int | None]) -> LinkRef:
        found = self._links.get(link)
        if found is None:
            target, line, column = link
            target = self._intern(target)
            # Keyed by the shared string, not the one that just arrived (which is dropped)
            found = self._links[(target, line, column)] = LinkRef(
                target, self._position((line, column)))
        return found

    # -- one request, politely, with retries ---------------------------------------------

    def _gate(self, url: str) -> HostGate:
        host = (urlsplit(url).hostname or "").lower()
        gate = self.gates.get(host)
        if gate is None:
            gate = self.gates[host] = HostGate(self.opts.concurrency, self.opts.delay)
        return gate

    async def _fetch(self, url: str, *, read: Callable[[int, str], bool] | None = None,
                     max_bytes: int | None = None, accept: str = ACCEPT_HTML,
                     truncate: bool = False) -> Answer:
        gate = self._gate(url)
        limit = max_bytes or self.opts.max_body_size
        attempts = self.opts.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1

            def policy(status: int, media: str, last: bool = last) -> bool:
                if not last and retryable_status(status):
                    return False  # it will be asked again
                if read is not None:
                    return read(status, media)
                return media in ("", "text/html", "application/xhtml+xml")

            async with gate:
                try:
                    answer = await self.fetcher.get(url, read=policy, max_bytes=limit,
                                                    accept=accept, truncate=truncate)
                except FetchError as exc:
                    if not exc.retryable or last:
                        raise
                    wait = retry_wait(attempt, cap=self.opts.retry_after_cap,
                                      base=self.opts.backoff)
                else:
                    if last or not retryable_status(answer.status):
                        return answer
                    wait = retry_wait(attempt, answer.status, answer.headers,
                                      cap=self.opts.retry_after_cap, base=self.opts.backoff)
                    if answer.status in (429, 503) and answer.header("retry-after"):
                        gate.pause(wait)
            await asyncio.sleep(wait)
        raise AssertionError("unreachable")

    # -- robots.txt ----------------------------------------------------------------------

    async def _robots_for(self, url: str) -> robots_mod.Robots:
        origin = _origin(url)
        found = self.robots.get(origin)
        if found is not None:
            return found
        task = self._robots_tasks.get(origin)
        if task is None:
            task = asyncio.create_task(self._fetch_robots(origin))
            self._robots_tasks[origin] = task
        robots = await asyncio.shield(task)
        self.robots[origin] = robots
        return robots

    async def _prefetch_robots(self, urls: Iterable[str]) -> None:
        origins = set()
        for url in urls:
            if url in self.alias or hash(url) in self.offsite:
                continue  # met before: its origin's robots.txt is known
            if _host_port(url) is None or not self._in_scope(url):
                continue
            origin = _origin(url)
            if origin not in self.robots:
                origins.add(origin)
        if origins:
            await asyncio.gather(*(self._robots_for(o + "/") for o in sorted(origins)))

    async def _fetch_robots(self, origin: str) -> robots_mod.Robots:
        url = origin + "/robots.txt"
        current = url
        try:
            for _ in range(robots_mod.MAX_REDIRECTS + 1):
                answer = await self._fetch(
                    current, read=lambda s, t: 200 <= s < 300, max_bytes=robots_mod.MAX_BYTES,
                    accept="text/plain,*/*;q=0.5", truncate=True)
                if answer.location is None:
                    break
                if _host_port(answer.location) != _host_port(url):
                    return self._robots_done(origin, robots_mod.Robots.allow_all(
                        url, "robots.txt redirects to another host"))
                current = answer.location
            else:
                return self._robots_done(origin, robots_mod.Robots.allow_all(
                    url, "robots.txt redirects too often"))
            robots = robots_mod.from_answer(url, answer.status, answer.body, None)
        except FetchError as exc:
            robots = robots_mod.from_answer(url, None, None, str(exc))
        return self._robots_done(origin, robots)

    def _robots_done(self, origin: str, robots: robots_mod.Robots) -> robots_mod.Robots:
        if robots.mode == "disallow-all" and not self.opts.ignore_robots:
            self.stats.warnings.append(
                f"{robots.reason}: RFC 9309 says to crawl nothing on {origin} (use "
                "--ignore-robots on a site you own)")
        delay = robots.crawl_delay if not self.opts.ignore_robots else None
        if delay is not None and delay > self.opts.delay:
            host = (urlsplit(origin).hostname or "").lower()
            capped = min(delay, self.opts.max_crawl_delay)
            if delay > capped:
                self.stats.warnings.append(
                    f"{origin}/robots.txt asks for a Crawl-delay of {delay:g} s; seolint waits "
                    f"{capped:g} s (crawl.max-crawl-delay)")
            gate = self.gates.get(host)
            if gate is None:
                gate = self.gates[host] = HostGate(self.opts.concurrency, capped)
            gate.delay = max(gate.delay, capped)
        self.robots[origin] = robots
        return robots

    # -- sitemaps ------------------------------------------------------------------------

    async def _read_sitemaps(self, robots: robots_mod.Robots, start: str) -> None:
        origin = _origin(start)
        named = [u for u in robots.sitemaps if _host_port(u) is not None]
        queue: list[tuple[str, int, bool]] = []  # (URL, depth, named: errors are findings)
        for url in named:
            if _host_port(url) == self.host:
                queue.append((url, 1, True))
            else:
                self.stats.warnings.append(f"robots.txt names a sitemap on another host, not "
                                           f"read: {_shown(url)}")
        probe = origin + "/sitemap.xml"
        if not any(self._safe_key(u) == self._safe_key(probe) for u, _, _ in queue):
            queue.append((probe, 1, False))
        seen: set[str] = set()
        while queue and not self.stopping:
            url, depth, named_here = queue.pop(0)
            key = self._safe_key(url)
            if key in seen:
                continue  # listed twice, or an index that lists itself: read once
            seen.add(key)
            if not self.opts.ignore_robots and not (await self._robots_for(url)).allowed(url):
                continue
            try:
                answer = await self._fetch_sitemap(url)
            except FetchError as exc:
                if named_here:
                    self._sitemap_problem(url, f"Sitemap could not be fetched: {exc}")
                continue
            if answer is None:
                continue
            final, status, body = answer
            if status >= 400 or body is None:
                if named_here:
                    self._sitemap_problem(url, f"Sitemap answered HTTP {status}")
                continue
            try:
                parsed = parse_sitemap(body, max_urls=MAX_URLS, max_bytes=SITEMAP_MAX_BYTES)
            except SitemapError as exc:
                if named_here or body.lstrip()[:5] in (b"<?xml", b"<urls", b"<site") or \
                        body[:2] == b"\x1f\x8b":
                    self._sitemap_problem(url, str(exc))
                continue
            self.sitemap_read = True
            if parsed.truncated:
                self._sitemap_problem(url, f"Sitemap lists over {MAX_URLS} URLs; the rest were "
                                           "not read (split it with a sitemap index)")
            if parsed.kind == "index":
                if depth >= MAX_INDEX_DEPTH:
                    self._sitemap_problem(url, "Sitemap index inside a sitemap index: the "
                                               "nested one was not read (depth limit 2)")
                    continue
                for loc, _ in parsed.locs:
                    child = resolve(final, loc)
                    if child is None:
                        continue
                    if _host_port(child) == self.host:
                        queue.append((child, depth + 1, True))
                continue
            for loc, line in parsed.locs:
                absolute = resolve(final, loc)
                if absolute is None:
                    continue
                on_site = _host_port(absolute) == self.host
                self.sitemap_entries.append(
                    SitemapEntry(absolute, loc, url, None, line, on_site))

    async def _fetch_sitemap(self, url: str) -> tuple[str, int, bytes | None] | None:
        current = url
        for _ in range(self.opts.max_redirects + 1):
            answer = await self._fetch(current, read=lambda s, t: 200 <= s < 300,
                                       max_bytes=SITEMAP_MAX_BYTES,
                                       accept="application/xml,text/xml,text/plain;q=0.9,"
                                              "*/*;q=0.5")
            if answer.location is None:
                return current, answer.status, answer.body
            if _host_port(answer.location) != self.host:
                return None
            current = answer.location
        return None

    def _sitemap_problem(self, url: str, message: str) -> None:
        self.sitemap_complete = False
        self._finding("X002", message, "Fix the sitemap (it must be a well-formed sitemaps.org "
                                       "file of at most 50,000 URLs and 50 MB)", url, None)

    def _finding(self, code: str, message: str, fix: str, url: str, line: int | None,
                 severity: str | None = None) -> None:
        found = source_finding(self.settings, code, message, fix, url, None, line, severity)
        if found is not None:
            self.findings.append(found)

    # -- analysis ------------------------------------------------------------------------

    def _want_pool(self) -> None:
        jobs = self.settings.jobs or (os.cpu_count() or 1)
        if self._pool is not None or jobs <= 1:
            return
        mp = engine.analysis_context("seolint.sources.crawl")  # _pool_main lives here
        if os.name == "posix":
            _start_forkserver()
        pool = self._pool = WorkerPool(jobs, mp, self.ctx)
        loop = asyncio.get_running_loop()

        async def start() -> None:
            # Start the workers from a thread: starting the forkserver takes a moment, and the
            # loop keeps fetching meanwhile.
            await loop.run_in_executor(None, pool.start)
            await pool.connect()

        self._pool_ready = asyncio.ensure_future(start())
        # A crawl that ends before its first analysed page never awaits it: not an error.
        self._pool_ready.add_done_callback(lambda t: t.cancelled() or t.exception())

    async def _analyse(self, doc: RawDocument) -> tuple[PageResult, tuple[Outlink, ...]]:
        # At most a few pages wait for analysis at a time: their bodies are in memory, and a
        # full queue holds the fetchers back (backpressure) instead of piling up pages.
        async with self._slots:
            if self._pool_ready is None and self._thread is None:
                # The first page: if the sitemap says the site is large, analyse everything in
                # the pool from the start, so this process never loads the analysis libraries.
                task = self._sitemap_task
                if task is not None and not task.done():
                    await asyncio.wait({task}, timeout=2.0)
                if len(self.sitemap_entries) >= POOL_THRESHOLD:
                    self._want_pool()
            if self._pool_ready is not None:
                # Once the pool is up, pages go to it, not to the thread: a thread busy parsing
                # in this process would slow the event loop down (the GIL). But the fork server
                # takes half a second to import the analysis, while fetched pages queue and
                # this process idles: meanwhile, this process analyses them one at a time.
                if (not self._pool_ready.done() and self._here == 0
                        and len(doc.body) <= HERE_MAX_BYTES):
                    return await self._analyse_here(doc)
                try:
                    await self._pool_ready
                except Exception:  # the pool never came up (its fork server died, ...)
                    self._pool_ready = None  # this and every later page: the thread
                else:
                    assert self._pool is not None
                    try:
                        # An exception the analysis raised in a worker is re-raised here, for
                        # this page only (Z001), and the pool goes on.
                        encoded = await self._pool.analyse(doc)
                    except PoolBroken:  # a worker died: this and every later page, the thread
                        self._pool_ready = None
                    else:
                        return self._decode(encoded)
            return await self._analyse_here(doc)

    async def _analyse_here(self, doc: RawDocument) -> tuple[PageResult, tuple[Outlink, ...]]:
        """Analyse a page in this process's analysis thread (small sites, a pool still starting
        or broken)."""
        if self._thread is None:
            self._thread = cf.ThreadPoolExecutor(1, thread_name_prefix="seolint-analyse")
            self._local = _Analyser(self.ctx)
        local = self._local
        assert local is not None
        self._here += 1
        try:
            result, links = await asyncio.get_running_loop().run_in_executor(
                self._thread, _analyse_with, local, doc)
        finally:
            self._here -= 1
        return self._compact(result), links

    # -- the outcome ---------------------------------------------------------------------

    def _outcome(self) -> CrawlOutcome:
        for trap in self.traps.values():
            more = f" ({trap.count - 1} more like it)" if trap.count > 1 else ""
            fixes = {
                "depth": "Link to deep pages from shallower ones (or list them in the sitemap), "
                         "or raise --max-depth",
                "url-length": "Use shorter URLs; a URL that keeps growing is usually a bug in "
                              "the links that make it",
                "repeated-segments": "Fix the relative link that makes the path repeat (a "
                                     "missing leading /, or a missing <base href>)",
                "query-variants": "Mark such links rel=\"nofollow\" or disallow them in "
                                  "robots.txt; raise crawl.max-query-variants if they are "
                                  "real pages",
            }
            found = source_finding(self.settings, "X002",
                                   f"Not crawled: {_shown(trap.first)} {trap.detail}{more}",
                                   fixes[trap.kind], trap.page or trap.first, None, trap.line,
                                   "warning")
            if found is not None:
                self.findings.append(found)
        if self.stats.limit == "max-pages":
            self.stats.warnings.append(
                f"stopped at --max-pages {self.opts.max_pages}: {self.stats.not_crawled} more "
                "URLs were found and not crawled")
        self.stats.offsite = len(self.offsite)
        for key, fact in list(self.facts.items()):
            if fact.hops and fact.status is None and fact.error is None and fact.final_url:
                final = self.facts.get(self._safe_key(fact.final_url))
                if final is None:
                    continue
                if final.blocked:
                    self.facts[key] = replace(fact, redirect_stop="blocked")
                else:
                    self.facts[key] = replace(fact, status=final.status, error=final.error,
                                              content_type=final.content_type,
                                              indexable=final.indexable)
        ordered = sorted(self.facts.values(), key=lambda f: f.url)
        index = {id(f): i for i, f in enumerate(ordered)}
        by_key = {k: index[id(f)] for k, f in self.facts.items()}
        facts = CrawlFacts(tuple(ordered), _Lookup(self.alias, by_key),
                           self.complete and not self.stats.interrupted, (self.seed,))
        results = sorted(self.results.values(), key=lambda r: r.url or "")
        sitemap = tuple(self.sitemap_entries) if self.sitemap_read else None
        return CrawlOutcome(results, facts, sitemap, self.sitemap_complete, self.findings,
                            self.stats)


class _Lookup(Mapping[str, int]):
    """URL as linked -> index of its FetchFact, through the dedup key, without building a third
    dictionary of every URL."""

    def __init__(self, alias: dict[str, str], index: dict[str, int]) -> None:
        self._alias = alias
        self._index = index

    def __getitem__(self, url: str) -> int:
        return self._index[self._alias[url]]

    def __iter__(self) -> Iterator[str]:
        return (u for u, k in self._alias.items() if k in self._index)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _crawl_wording(result: PageResult) -> PageResult:
    """The analyser words X007 for files ("remove the .html extension"); say it for URLs."""
    if result.kind is not None or not result.findings:
        return result
    findings = tuple(
        replace(f, message=f.message.replace("the file is empty", "the body is empty"),
                fix="Make the URL serve its HTML page, or stop linking to it")
        if f.code == "X007" else f
        for f in result.findings)
    return replace(result, findings=findings)


def _origin(url: str) -> str:
    return _origin_of(authority(url))


@functools.lru_cache(maxsize=4096)
def _origin_of(prefix: str) -> str:
    parts = urlsplit(prefix)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"
