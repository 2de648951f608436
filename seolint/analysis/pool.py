"""The worker processes that analyse pages, for check and crawl alike.

- `analysis_context()`: the multiprocessing context workers start from (a fork server on POSIX
  that has already imported the analysis, every rule and their heavy libraries).
- `analyse_files()`: check's files, results in input order (a ProcessPoolExecutor).
- `worker_main()`: a crawl worker, answering pages over its socket (seolint.analysis.stream
  holds the event loop's end, WorkerPool).
- `encode_result()` and `ResultDecoder`: a worker's PageResult as plain tuples, and back.

Imports: seolint.analysis.analyser, sources (a crawled page's outlinks), result, document.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import pickle
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import fields
from operator import attrgetter
from typing import Any

from seolint.analysis.analyser import Analyser, Context
from seolint.document import LinkRef, PageSummary, Position, RawDocument
from seolint.registry import load_rules
from seolint.result import PageResult
from seolint.rule import Finding
from seolint.sources.crawl.links import Outlink, outlinks
from seolint.sources.files import FileItem

POOL_THRESHOLD = 40  # pages; below this a pool costs more than it saves

# --- process pool -----------------------------------------------------------------------------

# Each worker process builds its analyser once, in the pool initializer; this is per-process
# state set exactly once, not shared mutable state.
_worker: Analyser | None = None


def _init_worker(ctx: Context) -> None:
    global _worker
    _worker = Analyser(ctx)


def _work(item: FileItem) -> PageResult:
    assert _worker is not None
    return _worker.analyse_file(item)


# Libraries the analysis imports lazily on the first page (MinHash and phrase counting use
# numpy): imported once by the fork server, every worker shares them instead of loading its own
# copy. A name that is not installed is skipped by the fork server.
_HEAVY_LIBRARIES = ("numpy", "Stemmer")


def analysis_context(*extra: str) -> Any:
    """The multiprocessing context analysis workers start from, for check and crawl alike.

    On POSIX, a fork server (forking a process with threads, such as rich's progress refresher
    or the crawl's, is unsafe) that has already imported the engine, every rule module, their
    heavy libraries and seolint.preload (word lists), plus `extra` modules: workers start at
    once and share those pages instead of each holding a copy. Elsewhere, spawn."""
    if os.name != "posix":
        return multiprocessing.get_context("spawn")
    mp = multiprocessing.get_context("forkserver")
    rule_modules = sorted({r.module for r in load_rules().values()})
    mp.set_forkserver_preload(["seolint.analysis.pool", *extra, *rule_modules, *_HEAVY_LIBRARIES,
                               "seolint.preload"])
    return mp


def analyse_files(items: list[FileItem], ctx: Context, jobs: int | None,
                  progress: Callable[[], None] | None = None) -> Iterator[PageResult]:
    """PageResults in input order, in a pool when it pays."""
    workers = jobs or (os.cpu_count() or 1)
    if workers <= 1 or len(items) < POOL_THRESHOLD:
        analyser = Analyser(ctx)
        for item in items:
            yield analyser.analyse_file(item)
            if progress:
                progress()
        return
    mp = analysis_context()
    chunk = max(1, min(32, len(items) // (workers * 8)))
    with cf.ProcessPoolExecutor(workers, mp_context=mp, initializer=_init_worker,
                                initargs=(ctx,)) as pool:
        for result in pool.map(_work, items, chunksize=chunk):
            yield result
            if progress:
                progress()


# --- the crawl's pool ---------------------------------------------------------------------------

def _analyse_with(analyser: Analyser, doc: RawDocument) -> tuple[PageResult, tuple[Outlink, ...]]:
    found: list[tuple[Outlink, ...]] = []
    result = analyser.analyse(doc, on_page=lambda page: found.append(outlinks(page)))
    return result, (found[0] if found else ())


# A worker's result crosses to the crawl as plain tuples, not dataclasses. Pickle rebuilds a
# frozen slotted dataclass through a Python __setstate__ per object, and a page holds dozens
# (a Position per link): on the bench site that was 110 us of this process's CPU a page, and as
# much in the worker to pickle it; tuples of strings and ints pickle in C. The fields are read
# from the dataclasses, so a field added to one travels without a change here; a field typed
# Position, or tuple[LinkRef, ...], is flattened to (line, column) and (target, line, column,
# fragment).
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
# Finding fields that repeat across pages (rule names, fix texts): shared, see ResultDecoder
_F_SHARED = tuple(_FINDING_NAMES.index(n)
                  for n in ("code", "name", "category", "severity", "message", "fix"))
_F_URL = _FINDING_NAMES.index("url")

Encoded = tuple[tuple[Any, ...], tuple[Outlink, ...]]


def encode_result(result: PageResult, links: tuple[Outlink, ...]) -> Encoded:
    """A worker's (PageResult, outlinks) as plain tuples; ResultDecoder.decode is the inverse."""
    values = list(_result_values(result))
    values[_R_FINDINGS] = tuple(map(_finding_values, result.findings))
    summary = result.summary
    if summary is not None:
        flat = list(_summary_values(summary))
        for i in _S_POSITIONS:
            pos = flat[i]
            flat[i] = (pos.line, pos.column)
        for i in _S_LINKS:
            flat[i] = tuple((link.target, link.pos.line, link.pos.column, link.fragment)
                            for link in flat[i])
        values[_R_SUMMARY] = tuple(flat)
    return tuple(values), links


class ResultDecoder:
    """encode_result's inverse, for one crawl: the strings, positions and links that pages repeat
    are shared across every result decoded."""

    def __init__(self) -> None:
        self._shared: dict[Any, Any] = {}
        # Shared: nav links repeat on every page, and their positions with them
        self._links: dict[tuple[str, int | None, int | None, str | None], LinkRef] = {}
        self._positions: dict[tuple[int | None, int | None], Position] = {}

    def compact(self, result: PageResult) -> PageResult:
        """Share what pages repeat, so 10,000 pages stay small (a result analysed in this
        process; one from a worker is shared as it is decoded)."""
        return self.decode(encode_result(result, ()))[0]

    def decode(self, encoded: Encoded) -> tuple[PageResult, tuple[Outlink, ...]]:
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

    def _link(self, link: tuple[str, int | None, int | None, str | None]) -> LinkRef:
        found = self._links.get(link)
        if found is None:
            target, line, column, fragment = link
            target = self._intern(target)
            # Keyed by the shared string, not the one that just arrived (which is dropped)
            found = self._links[(target, line, column, fragment)] = LinkRef(
                target, self._position((line, column)), fragment)
        return found


def _start_forkserver() -> None:
    """Start the fork server now, from the main thread, ignoring Ctrl-C while it is spawned.

    Ctrl-C is the crawl's to handle (it stops fetching and reports what was crawled), but the
    server is in the crawl's process group: one arriving while it starts Python and imports the
    analysis (half a second) killed it with a traceback on the terminal. A process started with
    SIGINT ignored keeps ignoring it, and Python then never turns it into KeyboardInterrupt; the
    workers it forks ignore it too (worker_main). Spawning takes milliseconds, and only then is
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


FRAME = 8  # bytes of a frame's length prefix (unsigned, big-endian)


def worker_main(sock: socket.socket, ctx: Context) -> None:
    """A worker process: read a pickled RawDocument, answer with the pickled outcome, until the
    crawl closes the socket. The outcome is (True, (result, outlinks)) or (False, exception),
    so an unexpected error reaches the crawl as it would from a function call."""
    # Ctrl-C is the crawl's to handle (stop fetching, report what was crawled): a worker
    # finishes the pages it holds instead of dying with a KeyboardInterrupt.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    analyser = Analyser(ctx)
    reader = sock.makefile("rb")
    try:
        while True:
            head = reader.read(FRAME)
            if len(head) < FRAME:
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
            sock.sendall(len(payload).to_bytes(FRAME, "big") + payload)
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
