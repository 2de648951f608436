"""The crawl's analysis (seolint.sources.crawl.PageAnalysis): pages stream in from the event
loop and their results stream back, decoded and compacted.

- A small crawl (up to POOL_THRESHOLD pages) is analysed in one thread of this process, so the
  loop never blocks on parsing.
- Once the crawl passes POOL_THRESHOLD pages (or its sitemap says it will), one worker process
  per core (seolint.analysis.pool.WorkerPool), fed and read by the event loop itself. While the
  pool starts, this process analyses small pages itself; a worker that dies sends this and every
  later page to the thread.
- At most 4 pages per worker wait for analysis: a full queue holds the fetchers back
  (backpressure) instead of piling up bodies.
- This process keeps each page's PageResult (findings and a compact PageSummary), with the
  strings and links that pages repeat shared, never the parsed page or its body.

Imports: seolint.analysis.pool, seolint.analysis.analyser, parse, registry, result, document.
"""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
import functools
import os
import pickle
import socket
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from seolint.analysis.analyser import Analyser, Context
from seolint.analysis.pool import (
    FRAME,
    POOL_THRESHOLD,
    Encoded,
    PoolBroken,
    ResultDecoder,
    _analyse_with,
    _start_forkserver,
    analysis_context,
    worker_main,
)
from seolint.config import Settings
from seolint.document import RawDocument
from seolint.registry import select_rules
from seolint.result import PageResult, stamp
from seolint.rule import Finding
from seolint.sources.crawl.links import Outlink

# While the pool starts, this process analyses pages up to this size itself. A larger one (a
# 5 MB page can take 600 MB and 15 s to analyse) waits for a worker, where its memory goes
# with the page instead of staying with the crawl.
HERE_MAX_BYTES = 256 * 1024


# --- the pool's event-loop end: one socket per worker -------------------------------------

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
        while len(buf) - start >= FRAME:
            end = start + FRAME + int.from_bytes(buf[start:start + FRAME], "big")
            if len(buf) < end:
                break
            # Nothing waits when the pool broke meanwhile (another worker died, and the pages
            # went to the crawl's thread): the result is dropped.
            fut = self.waiting.popleft() if self.waiting else None
            if fut is not None and not fut.done():  # done: cancelled by Ctrl-C meanwhile
                fut.set_result(bytes(buf[start + FRAME:end]))
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
            proc = self._mp.Process(target=worker_main, args=(theirs, self._ctx), daemon=True,
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
            link.transport.write(len(data).to_bytes(FRAME, "big") + data)  # one send()

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


# --- the crawl's analysis ------------------------------------------------------------------

class StreamAnalysis:
    """One crawl's analysis: a thread, then worker processes once the crawl is large."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        configured = select_rules(settings)
        self.ctx = Context(settings, tuple(cr.rule.code for cr in configured))
        self.x001 = next((cr for cr in configured if cr.rule.code == "X001"), None)
        jobs = settings.jobs or (os.cpu_count() or 1)
        self._slots = asyncio.Semaphore(max(4, jobs * 4))
        self.decoder = ResultDecoder()
        self._pool: WorkerPool | None = None
        self._thread: cf.ThreadPoolExecutor | None = None
        self._local: Analyser | None = None
        self._here = 0  # pages given to this process's analysis thread and not yet done
        self._pool_ready: asyncio.Future[None] | None = None

    def grew(self, admitted: int) -> None:
        if admitted > POOL_THRESHOLD:
            self._want_pool()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
        if self._thread is not None:
            self._thread.shutdown(wait=True, cancel_futures=True)

    def status_result(self, url: str, status: int,
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

    def _want_pool(self) -> None:
        jobs = self.settings.jobs or (os.cpu_count() or 1)
        if self._pool is not None or jobs <= 1:
            return
        mp = analysis_context()
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

    async def analyse(self, doc: RawDocument, expected: Callable[[], Awaitable[int]]
                      ) -> tuple[PageResult, tuple[Outlink, ...]]:
        # At most a few pages wait for analysis at a time: their bodies are in memory, and a
        # full queue holds the fetchers back (backpressure) instead of piling up pages.
        async with self._slots:
            if self._pool_ready is None and self._thread is None:
                # The first page: if the sitemap says the site is large, analyse everything in
                # the pool from the start, so this process never loads the analysis libraries.
                if await expected() >= POOL_THRESHOLD:
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
                        return self.decoder.decode(encoded)
            return await self._analyse_here(doc)

    async def _analyse_here(self, doc: RawDocument) -> tuple[PageResult, tuple[Outlink, ...]]:
        """Analyse a page in this process's analysis thread (small sites, a pool still starting
        or broken)."""
        if self._thread is None:
            self._thread = cf.ThreadPoolExecutor(1, thread_name_prefix="seolint-analyse")
            self._local = Analyser(self.ctx)
        local = self._local
        assert local is not None
        self._here += 1
        try:
            result, links = await asyncio.get_running_loop().run_in_executor(
                self._thread, _analyse_with, local, doc)
        finally:
            self._here -= 1
        return self.decoder.compact(result), links


__all__ = ["HERE_MAX_BYTES", "StreamAnalysis"]
