"""The one pool of analysis worker processes, for check, crawl and any later caller.

- `analysis_context()`: the multiprocessing context workers start from (a fork server on POSIX
  that has already imported the analysis, every rule and their heavy libraries), started on
  this process's sys.path whatever the current folder holds (`start_forkserver`).
- `Workers`: the processes, one socket each, running `worker_main` (a FileItem or a
  RawDocument in, its encoded result out).
- `analyse_files()`: check's files, results in input order (ordered, over the sockets).
  The crawl streams pages through the same workers from its event loop
  (seolint.analysis.stream.WorkerPool); the editor server analyses one page in process
  (seolint.analysis.analyse_document).
- `encode_result()` and `ResultDecoder`: a worker's PageResult as plain tuples, and back.

Imports: seolint.analysis.analyser, sources (a file's reading, a crawled page's outlinks),
result, registry, rule, document.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import selectors
import signal
import socket
import sys
import threading
import time
from collections import deque
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
            flat[i] = tuple((link.target, link.pos.line, link.pos.column) for link in flat[i])
        values[_R_SUMMARY] = tuple(flat)
    return tuple(values), links


class ResultDecoder:
    """encode_result's inverse, for one crawl: the strings, positions and links that pages repeat
    are shared across every result decoded."""

    def __init__(self) -> None:
        self._shared: dict[Any, Any] = {}
        # Shared: nav links repeat on every page, and their positions with them
        self._links: dict[tuple[str, int | None, int | None], LinkRef] = {}
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

    def _link(self, link: tuple[str, int | None, int | None]) -> LinkRef:
        found = self._links.get(link)
        if found is None:
            target, line, column = link
            target = self._intern(target)
            # Keyed by the shared string, not the one that just arrived (which is dropped)
            found = self._links[(target, line, column)] = LinkRef(
                target, self._position((line, column)))
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
    """Analysis worker processes (worker_main), one socket each: the one pool of check, crawl and
    any other caller. Check feeds it in order (analyse_files), the crawl from its event loop
    (seolint.analysis.stream.WorkerPool); both send pickled jobs and read encoded results.

    Not concurrent.futures.ProcessPoolExecutor: that hands every page through two threads of
    this process (a feeder that pickles the call, a manager that unpickles the result and
    resolves the future), and those threads fight the main thread (the crawl's event loop) for
    the GIL. Measured on the 3,000-page crawl bench with two workers, they cost this process
    about 0.5 ms of CPU a page, on a machine whose cores the workers need; and it pickles
    results as dataclasses, which unpickle through Python code (encode_result says why)."""

    PER_WORKER = 2  # pages a worker holds: one analysed, one waiting (never idle for a round trip)
    # Check's files: a FileItem is a path, not a body, so a worker can hold more without memory,
    # and does not idle while a busy machine is slow to schedule this process. Up to 8 a worker
    # (ProcessPoolExecutor's chunks held about 40): at the end one worker finishes at most 7
    # pages after the other.
    FILES_PER_WORKER = 8

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


def _frame(payload: bytes) -> bytes:
    return len(payload).to_bytes(FRAME, "big") + payload


def analyse_files(items: list[FileItem], ctx: Context, jobs: int | None,
                  progress: Callable[[], None] | None = None) -> Iterator[PageResult]:
    """PageResults in input order: in this process for a few files, else in the workers.

    Each worker holds at most FILES_PER_WORKER files; a result is yielded as soon as every file
    before it is done. A worker that dies costs nothing but speed: the files it held, and every file
    not yet sent, are analysed here, in order."""
    count = jobs or (os.cpu_count() or 1)
    if count <= 1 or len(items) < POOL_THRESHOLD:
        analyser = Analyser(ctx)
        for item in items:
            yield analyser.analyse_file(item)
            if progress:
                progress()
        return
    workers = Workers(min(count, len(items)), analysis_context(), ctx)
    try:
        workers.start()
        yield from _ordered(workers, items, ctx, progress)
    finally:
        workers.close()


def _ordered(workers: Workers, items: list[FileItem], ctx: Context,
             progress: Callable[[], None] | None) -> Iterator[PageResult]:
    decoder = ResultDecoder()
    done: dict[int, PageResult] = {}
    waiting: dict[socket.socket, deque[int]] = {sock: deque() for sock in workers._socks}
    buffers: dict[socket.socket, bytearray] = {sock: bytearray() for sock in workers._socks}
    todo = iter(range(len(items)))
    next_out = 0
    broken = False

    def feed(sock: socket.socket) -> None:
        while len(waiting[sock]) < Workers.FILES_PER_WORKER:
            index = next(todo, None)
            if index is None:
                return
            waiting[sock].append(index)
            sock.sendall(_frame(pickle.dumps(items[index], pickle.HIGHEST_PROTOCOL)))

    with selectors.DefaultSelector() as selector:
        try:
            for sock in workers._socks:
                selector.register(sock, selectors.EVENT_READ)
                feed(sock)
        except OSError:
            broken = True
        while not broken and next_out < len(items):
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
                if progress:
                    progress()
            if next_out >= len(items):
                break
            for key, _ in selector.select():
                sock = key.fileobj
                assert isinstance(sock, socket.socket)
                try:
                    data = sock.recv(1 << 20)
                except OSError:
                    data = b""
                if not data:  # the worker died: what it held is analysed here
                    broken = True
                    break
                buf = buffers[sock]
                buf += data
                start = 0
                while len(buf) - start >= FRAME:
                    end = start + FRAME + int.from_bytes(buf[start:start + FRAME], "big")
                    if len(buf) < end:
                        break
                    ok, value = pickle.loads(bytes(buf[start + FRAME:end]))
                    if not ok:
                        raise value
                    done[waiting[sock].popleft()] = decoder.decode(value)[0]
                    start = end
                del buf[:start]
                try:
                    feed(sock)
                except OSError:
                    broken = True
                    break
    if next_out < len(items):  # a worker died: the rest, in order, in this process
        analyser = Analyser(ctx)
        for index in range(next_out, len(items)):
            result = done.pop(index, None)
            yield result if result is not None else analyser.analyse_file(items[index])
            if progress:
                progress()
