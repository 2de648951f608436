"""The analysis worker processes for check, crawl and later callers: one fork server, two drivers.

- `analysis_context()`: the multiprocessing context workers start from (a fork server on POSIX
  that has already imported the analysis, every rule and their heavy libraries), started on
  this process's sys.path whatever the current folder holds (`start_forkserver`).
- `Workers`: the processes, one socket each, running `worker_main` (a FileItem or a
  RawDocument in, its encoded result out).
- `analyse_files()`: check's files, results in input order (a ProcessPoolExecutor on the same
  fork server: measured faster for check than the sockets, see its docstring). The crawl
  streams pages through `Workers` from its event loop (seolint.analysis.stream.WorkerPool);
  the editor server analyses one page in process (seolint.analysis.analyse_document).
- `encode_result()` and `ResultDecoder`: a worker's PageResult as plain tuples, and back.

Imports: seolint.analysis.analyser, sources (a file's reading, a crawled page's outlinks),
result, registry, rule, document.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import pickle
import signal
import socket
import sys
import threading
import time
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

# Libraries the analysis imports lazily on the first page (MinHash and phrase counting use
# numpy): imported once by the fork server, every worker shares them instead of loading its own
# copy. A name that is not installed is skipped by the fork server.
_HEAVY_LIBRARIES = ("numpy", "Stemmer")


def analysis_context(*extra: str, quiet_sigint: bool = False) -> Any:
    """The multiprocessing context analysis workers start from, for check and crawl alike.

    On POSIX, a fork server (forking a process with threads, such as rich's progress refresher
    or the crawl's, is unsafe) that has already imported the analysis, every rule module, their
    heavy libraries and seolint.preload (word lists), plus `extra` modules: workers start at
    once and share those pages instead of each holding a copy. It is started here, on this
    process's sys.path (start_forkserver), `quiet_sigint` as that says. Elsewhere, spawn."""
    if os.name != "posix":
        return multiprocessing.get_context("spawn")
    mp = multiprocessing.get_context("forkserver")
    rule_modules = sorted({r.module for r in load_rules().values()})
    mp.set_forkserver_preload(["seolint.analysis.pool", *extra, *rule_modules, *_HEAVY_LIBRARIES,
                               "seolint.preload"])
    start_forkserver(quiet_sigint)
    return mp


def forkserver_environ(path: list[str] | None = None) -> dict[str, str]:
    """The environment the fork server must start with to import what this process imports.

    The server is `python -c ...`, so its sys.path starts with the current folder, and it
    imports the analysis before any worker exists: run from a folder that holds a `seolint/`
    package (the project's own checkout, with seolint installed from a wheel), it imported
    that copy, and every worker it forked failed on "No module named 'seolint.rules'".
    CPython 3.11's forkserver.main takes a sys_path argument and never applies it. So the
    server starts with PYTHONSAFEPATH (no current folder in front) and PYTHONPATH set to this
    process's sys.path, in order ('' as the folder it stood for, as multiprocessing.spawn
    does): the server resolves every import as this process does."""
    from multiprocessing import process

    entries = sys.path if path is None else path
    resolved = [process.ORIGINAL_DIR if p == "" else p for p in entries]
    return {"PYTHONSAFEPATH": "1", "PYTHONPATH": os.pathsep.join(resolved)}


def start_forkserver(quiet_sigint: bool = False) -> None:
    """Start the fork server now (a no-op when it runs), on this process's sys.path.

    `quiet_sigint`: spawn it with Ctrl-C ignored. Ctrl-C is the crawl's to handle (it stops
    fetching and reports what was crawled), but the server is in the crawl's process group: one
    arriving while it starts Python and imports the analysis (half a second) killed it with a
    traceback on the terminal. A process started with SIGINT ignored keeps ignoring it, and
    Python then never turns it into KeyboardInterrupt; the workers it forks ignore it too
    (worker_main). Spawning takes milliseconds, and only then is this process deaf to Ctrl-C.
    Signal handlers can only be changed from the main thread: elsewhere it is spawned as is."""
    from multiprocessing import forkserver

    quiet = quiet_sigint and threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if quiet else None
    saved = {k: os.environ.get(k) for k in ("PYTHONSAFEPATH", "PYTHONPATH")}
    os.environ.update(forkserver_environ())
    try:
        forkserver.ensure_running()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if quiet:
            signal.signal(signal.SIGINT, previous)


# --- what crosses between a worker and this process ----------------------------------------

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


class PoolBroken(RuntimeError):
    """A worker process died or never came up: its pages are analysed in this process."""


FRAME = 8  # bytes of a frame's length prefix (unsigned, big-endian)


def worker_main(sock: socket.socket, ctx: Context) -> None:
    """A worker process: read a pickled job, answer with the pickled outcome, until the other
    end closes the socket. A job is a FileItem (check: read it, then analyse it) or a
    RawDocument (crawl: analyse it, and find its outlinks). The outcome is (True, encoded
    (result, outlinks)) or (False, exception), so an unexpected error reaches the caller as it
    would from a function call."""
    # Ctrl-C is the caller's to handle (the crawl stops fetching and reports what was crawled;
    # check stops): a worker finishes the page it holds instead of dying with a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    analyser = Analyser(ctx)
    reader = sock.makefile("rb")
    try:
        while True:
            head = reader.read(FRAME)
            if len(head) < FRAME:
                return  # the run is over (or its process gone)
            size = int.from_bytes(head, "big")
            data = reader.read(size)
            if len(data) < size:
                return
            try:
                job = pickle.loads(data)
                if isinstance(job, FileItem):
                    encoded = encode_result(analyser.analyse_file(job), ())
                else:
                    encoded = encode_result(*_analyse_with(analyser, job))
                out: tuple[bool, Any] = (True, encoded)
                payload = pickle.dumps(out, pickle.HIGHEST_PROTOCOL)
            except Exception as exc:
                payload = _pickled_error(exc)
            sock.sendall(len(payload).to_bytes(FRAME, "big") + payload)
    except OSError:
        return  # the other end closed while this page was analysed
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


# --- the worker processes ------------------------------------------------------------------------

class Workers:
    """Analysis worker processes (worker_main), one socket each, for a caller with an event loop:
    the crawl feeds it from its loop (seolint.analysis.stream.WorkerPool), sending pickled jobs
    (a RawDocument, or a FileItem) and reading encoded results.

    Not concurrent.futures.ProcessPoolExecutor: that hands every page through two threads of
    this process (a feeder that pickles the call, a manager that unpickles the result and
    resolves the future), and those threads fight the main thread (the crawl's event loop) for
    the GIL. Measured on the 3,000-page crawl bench with two workers, they cost this process
    about 0.5 ms of CPU a page, on a machine whose cores the workers need; and it pickles
    results as dataclasses, which unpickle through Python code (encode_result says why). Check
    has no loop to protect, and its executor's chunks measured faster there (analyse_files)."""

    PER_WORKER = 2  # pages a worker holds: one analysed, one waiting (never idle for a round trip)

    def __init__(self, jobs: int, mp_context: Any, ctx: Context) -> None:
        self.jobs = jobs
        self._mp = mp_context
        self._ctx = ctx
        self._procs: list[Any] = []
        self._socks: list[socket.socket] = []
        self.closed = False
        self._lock = threading.Lock()  # the crawl runs start() in a thread, close() in its loop

    def start(self) -> None:
        """Start the processes. Blocking (the first start brings the fork server up, which
        imports the analysis libraries): the crawl calls it from a thread."""
        for _ in range(self.jobs):
            if self.closed:
                return  # the run ended while the fork server came up
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

    def close(self, timeout: float = 10.0) -> None:
        """Stop the workers: closing a socket ends its worker after the page it is analysing;
        one still busy after `timeout` seconds (a pathological page) is terminated."""
        with self._lock:  # a worker start() finishes after this is its own to end
            self.closed = True
            procs, socks = list(self._procs), list(self._socks)
        self._closing()
        for sock in socks:
            sock.close()
        deadline = time.monotonic() + timeout
        for proc in procs:
            proc.join(max(0.0, deadline - time.monotonic()))
            if proc.is_alive():
                proc.terminate()
                proc.join(1.0)

    def _closing(self) -> None:
        """What a subclass lets go of before the sockets close (the crawl's transports)."""


# Each check worker builds its analyser once, in the executor's initializer: per-process state
# set exactly once, not shared mutable state.
_worker: Analyser | None = None


def _init_worker(ctx: Context) -> None:
    global _worker
    _worker = Analyser(ctx)


def _work(item: FileItem) -> PageResult:
    assert _worker is not None
    return _worker.analyse_file(item)


def analyse_files(items: list[FileItem], ctx: Context, jobs: int | None,
                  progress: Callable[[], None] | None = None) -> Iterator[PageResult]:
    """PageResults in input order: in this process for a few files, else in worker processes
    started from the same fork server as the crawl's (analysis_context).

    Check feeds them with a ProcessPoolExecutor in chunks, not over Workers' sockets: a check
    holds no event loop that its threads would slow down, and the socket driver, one file a
    frame, measured about 20 % slower on a 1,575-page site (docs/architecture.md)."""
    count = jobs or (os.cpu_count() or 1)
    if count <= 1 or len(items) < POOL_THRESHOLD:
        analyser = Analyser(ctx)
        for item in items:
            yield analyser.analyse_file(item)
            if progress:
                progress()
        return
    mp = analysis_context()
    chunk = max(1, min(32, len(items) // (count * 8)))
    with cf.ProcessPoolExecutor(count, mp_context=mp, initializer=_init_worker,
                                initargs=(ctx,)) as pool:
        for result in pool.map(_work, items, chunksize=chunk):
            yield result
            if progress:
                progress()
