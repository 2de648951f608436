"""The crawl's analysis workers (seolint.analysis.stream.WorkerPool): what crosses from a worker
to the crawl must arrive unchanged, and a worker that dies must cost nothing but speed."""

from __future__ import annotations

import asyncio
import os
import pickle
import signal
from dataclasses import replace
from pathlib import Path
from typing import Any

from seolint.analysis.analyser import Analyser, Context
from seolint.analysis.pool import (
    PoolBroken,
    ResultDecoder,
    _analyse_with,
    _pickled_error,
    encode_result,
)
from seolint.analysis.stream import HERE_MAX_BYTES, StreamAnalysis, WorkerPool, _WorkerLink
from seolint.config import Settings
from seolint.document import RawDocument
from seolint.registry import select_rules
from seolint.result import PageResult
from seolint.rule import Finding
from seolint.sources.crawl import Crawler

from .conftest import FIXTURES
from .test_crawl_server import SiteServer, ring_site

BASE = "http://blog.example"


def _crawler(seed: str, settings: Settings) -> tuple[Crawler, StreamAnalysis]:
    analysis = StreamAnalysis(settings)
    return Crawler(seed, settings, analysis=analysis), analysis


def _analyser() -> Analyser:
    settings = Settings()
    return Analyser(Context(settings, tuple(cr.rule.code for cr in select_rules(settings))))


def _fixture_pages() -> list[RawDocument]:
    docs = []
    for root in (FIXTURES / "sites", FIXTURES / "rules"):
        for file in sorted(root.rglob("*.html")):
            rel = file.relative_to(root).as_posix()
            docs.append(RawDocument(url=f"{BASE}/{rel}", path=None, body=file.read_bytes(),
                                    status=200, headers=(("content-type", "text/html"),)))
    docs.append(RawDocument(
        url=f"{BASE}/suppressed/", path=None, status=200,
        body=b"<html><head><title>x</title><!-- seolint-disable-file T002 --></head>"
             b"<body><!-- seolint-disable-next-line H001 --><p>Hi</p></body></html>"))
    return docs


def test_results_cross_from_a_worker_unchanged() -> None:
    """encode_result, pickled, then ResultDecoder.decode gives back equal results and outlinks, for
    every fixture page (findings, positions, links, hreflangs, suppression comments)."""
    analyser = _analyser()
    decoder = ResultDecoder()
    docs = _fixture_pages()
    assert len(docs) > 50
    kinds = set()
    for doc in docs:
        result, links = _analyse_with(analyser, doc)
        wire = pickle.loads(pickle.dumps(encode_result(result, links), pickle.HIGHEST_PROTOCOL))
        back, back_links = decoder.decode(wire)
        assert back == result, doc.url
        assert back_links == links
        kinds.update(k for k, v in (("findings", result.findings), ("directives",
                     result.directives)) if v)
        if result.summary is not None:
            kinds.update(k for k in ("internal_links", "hreflangs")
                         if getattr(result.summary, k))
    assert kinds == {"findings", "directives", "internal_links", "hreflangs"}


def test_decoding_shares_what_pages_repeat() -> None:
    analyser = _analyser()
    decoder = ResultDecoder()
    doc = _fixture_pages()[0]
    first = decoder.decode(encode_result(*_analyse_with(analyser, doc)))[0]
    second = decoder.decode(encode_result(*_analyse_with(analyser, doc)))[0]
    assert first.summary is not None and second.summary is not None
    for a, b in zip(first.summary.internal_links, second.summary.internal_links, strict=True):
        assert a is b
    for a, b in zip(first.findings, second.findings, strict=True):
        assert a.message is b.message and a.name is b.name


def test_a_result_with_extras_and_no_summary_round_trips() -> None:
    finding = Finding("Z001", "internal-error", "internal", "error", "Rule crashed", "Report it",
                      "https://x.test/a", None, 3, 4, (("traceback", "Traceback ..."),))
    result = PageResult("https://x.test/a", None, None, None, 0, (finding,), ("T001",), None,
                        {"words": 3, "lang": "en"}, (), ("https://x.test/tag/",))
    assert ResultDecoder().decode(encode_result(result, (("https://x.test/b", "a", 2),))) == (
        result, (("https://x.test/b", "a", 2),))


def test_a_worker_error_that_does_not_unpickle_arrives_as_a_runtime_error() -> None:
    class Odd(Exception):
        def __init__(self, a: int, b: int) -> None:
            super().__init__(f"{a}/{b}")

    ok, exc = pickle.loads(_pickled_error(Odd(1, 2)))
    assert not ok and isinstance(exc, RuntimeError) and str(exc) == "Odd: 1/2"
    ok, exc = pickle.loads(_pickled_error(ValueError("plain")))
    assert not ok and isinstance(exc, ValueError) and str(exc) == "plain"


def _pages(results: list[PageResult]) -> list[tuple[object, ...]]:
    return [(r.url, r.kind, r.findings, r.summary, r.metrics) for r in results]


def test_a_worker_that_dies_mid_crawl_costs_nothing_but_speed(tmp_path: Path) -> None:
    """Kill a worker while it holds pages: they, and every later page, are analysed in the
    crawl's thread, and the outcome is the one a single process gives."""
    n = 60
    killed: list[int] = []
    with SiteServer(tmp_path) as site:
        ring_site(tmp_path, n, site)
        one = _crawler(site.url("/"), replace(Settings(), jobs=1))[0].run()
        crawler, analysis = _crawler(site.url("/"), replace(Settings(), jobs=2))

        def progress(done: int, queued: int, errors: int, seconds: float) -> None:
            pool = analysis._pool
            if done >= 10 and not killed and pool is not None and pool._procs:
                killed.append(pool._procs[0].pid)
                os.kill(pool._procs[0].pid, signal.SIGKILL)

        crawler.progress = progress
        two = crawler.run()
    assert killed, "the pool never started"
    assert analysis._pool is not None and analysis._pool.broken is not None
    assert "worker" in analysis._pool.broken  # not "the crawl is over": it broke mid-crawl
    assert analysis._thread is not None  # which analysed the rest
    assert len(one.results) == n + 1
    assert _pages(one.results) == _pages(two.results)
    assert all(not p.is_alive() for p in analysis._pool._procs)


def test_pool_workers_exit_when_the_crawl_ends(tmp_path: Path) -> None:
    with SiteServer(tmp_path) as site:
        ring_site(tmp_path, 60, site)
        crawler, analysis = _crawler(site.url("/"), replace(Settings(), jobs=2))
        outcome = crawler.run()
    assert len(outcome.results) == 61
    assert analysis._pool is not None and analysis._pool.broken == "the crawl is over"
    assert analysis._pool._procs and all(not p.is_alive() for p in analysis._pool._procs)


def test_positions_and_links_are_flattened() -> None:
    """If PageSummary's annotations changed form, the encoding would still be right but slow:
    say so here instead."""
    from seolint.analysis import pool

    assert len(pool._S_POSITIONS) >= 4 and pool._S_LINKS


# --- what a failure of the pool, or in it, costs ------------------------------------------

class _FakePool:
    """Stands in for WorkerPool in StreamAnalysis.analyse: answers every page with `outcome`."""

    def __init__(self, outcome: BaseException) -> None:
        self.outcome = outcome

    async def analyse(self, doc: RawDocument) -> Any:
        raise self.outcome


async def _none() -> int:
    return 0


def _analyse_with_pool(start_error: BaseException | None, pool: Any
                       ) -> tuple[StreamAnalysis, PageResult | BaseException]:
    """StreamAnalysis.analyse of one page, with a pool that came up (start_error None) or failed
    to."""
    analysis = StreamAnalysis(Settings())
    doc = RawDocument(url=f"{BASE}/a/", path=None, status=200,
                      body=b"<html><head><title>A page</title></head><body><p>Hi</p></body>")

    async def go() -> PageResult | BaseException:
        ready = asyncio.get_running_loop().create_future()
        if start_error is None:
            ready.set_result(None)
        else:
            ready.set_exception(start_error)
        analysis._pool_ready = ready
        analysis._pool = pool
        try:
            return (await analysis.analyse(doc, _none))[0]
        except Exception as exc:
            return exc

    try:
        return analysis, asyncio.run(go())
    finally:
        if analysis._thread is not None:
            analysis._thread.shutdown()


def test_an_error_raised_by_the_analysis_in_a_worker_fails_that_page_only() -> None:
    """The worker's exception (a RuntimeError when it could not be pickled as it was) becomes
    this page's Z001, and later pages still go to the pool."""
    analysis, outcome = _analyse_with_pool(None, _FakePool(RuntimeError("Odd: 1/2")))
    assert isinstance(outcome, RuntimeError) and str(outcome) == "Odd: 1/2"
    assert analysis._pool_ready is not None  # the pool is still in use
    assert analysis._thread is None


def test_a_broken_pool_sends_this_and_later_pages_to_the_thread() -> None:
    analysis, outcome = _analyse_with_pool(None, _FakePool(PoolBroken("a worker exited")))
    assert isinstance(outcome, PageResult) and outcome.title == "A page"
    assert analysis._pool_ready is None


def test_a_pool_that_never_came_up_sends_pages_to_the_thread() -> None:
    """A fork server that died while it imported the analysis: whatever it raised (EOFError
    here), the page is analysed in the crawl's thread, and so is every later one."""
    analysis, outcome = _analyse_with_pool(EOFError("unexpected EOF"), None)
    assert isinstance(outcome, PageResult) and outcome.title == "A page"
    assert analysis._pool_ready is None


def test_a_result_that_arrives_after_the_pool_broke_is_dropped() -> None:
    """Another worker died and its pages went to the thread: the frames this worker still sends
    have nobody waiting, and must not raise inside the event loop."""
    pool = WorkerPool(0, None, None)  # type: ignore[arg-type]
    link = _WorkerLink(pool)
    payload = pickle.dumps((True, None))
    link.data_received(len(payload).to_bytes(8, "big") + payload)
    assert not link.waiting and not link._buf


class _RecordingPool:
    """A pool that analyses in this process and records what it was given."""

    def __init__(self) -> None:
        self.given: list[str] = []
        self.analyser = _analyser()

    async def analyse(self, doc: RawDocument) -> Any:
        self.given.append(doc.url)
        return encode_result(*_analyse_with(self.analyser, doc))


def test_while_the_pool_starts_only_small_pages_are_analysed_in_this_process() -> None:
    """A page analysed here leaves its memory with the crawl: a large one (a 5 MB page can take
    600 MB) waits for a worker instead."""
    small = RawDocument(url=f"{BASE}/small/", path=None, status=200,
                        body=b"<html><head><title>Small page</title></head><body>Hi</body>")
    large = RawDocument(url=f"{BASE}/large/", path=None, status=200,
                        body=b"<title>Large page</title><p>" + b"word " * (HERE_MAX_BYTES // 4))
    analysis = StreamAnalysis(Settings())
    pool = _RecordingPool()

    async def go() -> list[str | None]:
        loop = asyncio.get_running_loop()
        ready = loop.create_future()
        loop.call_later(0.2, ready.set_result, None)  # the pool comes up a moment later
        analysis._pool_ready, analysis._pool = ready, pool
        results = await asyncio.gather(analysis.analyse(large, _none),
                                       analysis.analyse(small, _none))
        return [r.title for r, _ in results]

    try:
        titles = asyncio.run(go())
    finally:
        if analysis._thread is not None:
            analysis._thread.shutdown()
    assert titles == ["Large page", "Small page"]
    assert pool.given == [large.url]  # the small one was analysed here, not sent
