"""The crawl's fetch loop (Scrapy's engine): breadth first, one depth level at a time, each URL
fetched politely with its redirects followed by hand, each HTML body handed to the analysis.

- **Order.** The next level is built from the finished level's pages in order, links in document
  order, so which URLs are crawled (and how each is shown) never depends on which response
  arrived first. The sitemap's URLs join at depth 1.
- **Redirects.** At most 10 per URL; a redirect off the site is recorded (X003) and not
  followed; the start URL moving between example.com and www.example.com moves the crawl.
- **Analysis** is not here: the caller passes a PageAnalysis (seolint.analysis.stream gives
  one), which analyses each page, in worker processes once the crawl is large, and returns its
  PageResult and the links to follow. The main process keeps only each page's PageResult.

Imports: result, net, options, document, config, sibling crawl modules; never the analysis.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import replace
from typing import Any, Protocol

from seolint.config import Settings
from seolint.document import CrawlFacts, FetchFact, RawDocument
from seolint.net import Answer, AsyncFetcher, FetchError
from seolint.options import CrawlOptions
from seolint.result import PageResult, source_finding
from seolint.rule import Finding
from seolint.sources.crawl.frontier import (
    HTML_TYPES,
    Entry,
    Frontier,
    dedup_key,
    host_port,
    page_like,
    shown,
)
from seolint.sources.crawl.frontier import origin as origin_of
from seolint.sources.crawl.links import Outlink
from seolint.sources.crawl.outcome import CrawlOutcome, CrawlStats, Lookup
from seolint.sources.crawl.politeness import Politeness
from seolint.sources.crawl.sitemaps import SitemapReader

Progress = Callable[[int, int, int, float], None]  # (done, queued, errors, seconds)
_DEFAULTS = CrawlOptions()


class PageAnalysis(Protocol):
    """What the crawl needs from the analysis, passed in by the caller (the engine) so that this
    source never imports it: seolint.analysis.stream.StreamAnalysis is the one implementation."""

    def grew(self, admitted: int) -> None:
        """The crawl has admitted this many URLs so far (a large crawl starts the workers)."""

    async def analyse(self, doc: RawDocument, expected: Callable[[], Awaitable[int]]
                      ) -> tuple[PageResult, tuple[Outlink, ...]]:
        """The page's result and the links to follow. `expected()` is how many pages the crawl
        expects (the sitemap's count, awaited briefly), asked before the first page."""

    def status_result(self, url: str, status: int,
                      headers: tuple[tuple[str, str], ...]) -> PageResult:
        """The result of an error answer that is not HTML (X001's findings)."""

    def close(self) -> None:
        """Stop whatever the analysis started (threads, worker processes)."""


class Crawler:
    def __init__(self, seed: str, settings: Settings, options: CrawlOptions = _DEFAULTS,
                 progress: Progress | None = None, transport: Any = None, *,
                 analysis: PageAnalysis) -> None:
        self.seed = seed
        self.settings = settings
        self.opts = options
        self.progress = progress
        self.transport = transport
        self.analysis = analysis
        self.stats = CrawlStats()
        self.facts: dict[str, FetchFact] = {}
        self.results: dict[str, PageResult] = {}
        self.politeness = Politeness(options, self.stats.warnings)
        self.frontier = Frontier(seed, options, self.stats, self.politeness.robots, self._record,
                                 analysis.grew)
        self.sitemaps = SitemapReader(options, self.politeness, self.frontier,
                                      self.stats.warnings, self._sitemap_problem,
                                      lambda: self.stopping)
        self.findings: list[Finding] = []
        self.stopping = False
        self.done = 0
        self.started = 0.0
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
        installed = False
        try:
            loop.add_signal_handler(signal.SIGINT, self._interrupt)
            installed = True
        except (NotImplementedError, RuntimeError, ValueError):
            pass  # not the main thread (tests), or no signals here
        try:
            fetcher = self.politeness.fetcher = AsyncFetcher(
                user_agent=self.opts.user_agent,
                connect_timeout=min(self.opts.connect_timeout, self.opts.timeout),
                read_timeout=min(self.opts.read_timeout, self.opts.timeout),
                deadline=self.opts.timeout,
                max_connections=max(4, self.opts.concurrency * 2),
                transport=self.transport)
            async with fetcher:
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
        for task in [*self._tasks, *self.politeness.robots_tasks.values(), self._sitemap_task]:
            if task is not None:
                task.cancel()

    def _shutdown(self) -> None:
        self.analysis.close()

    # -- the breadth-first loop ----------------------------------------------------------

    async def _crawl(self) -> None:
        seed = self.seed
        key = dedup_key(seed)
        entry = Entry(seed, key, 0)
        frontier = self.frontier
        frontier.seen[key] = entry
        frontier.alias[seed] = key
        frontier.admitted = 1
        origin_robots = await self.politeness.robots_for(seed)
        if not self.opts.ignore_robots and not origin_robots.allowed(seed):
            self._record(entry, FetchFact(seed, blocked=True))
            self.stats.blocked += 1
            why = f" ({origin_robots.reason})" if origin_robots.reason else ""
            self._finding("X005", f"robots.txt forbids crawling the start URL{why}; nothing was "
                                  "crawled",
                          "Allow seolint in robots.txt (User-agent: seolint), or crawl with "
                          "--ignore-robots on a site you own", seed, None)
            return
        level: list[Entry] = [entry]
        depth = 0
        while level and not self.stopping:
            outs = await self._run_level(level)
            candidates: list[tuple[str, str, int | None, Entry | None]] = []
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
                for e in self.sitemaps.entries:
                    if e.on_site:
                        candidates.append((e.url, "sitemap", None, None))
            if self.stopping:
                break
            await self._prefetch_robots(url for url, *_ in candidates)
            level = []
            for url, kind, line, via in candidates:
                admitted = frontier.admit(url, kind, depth + 1, via, line)
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
        robots = self.politeness.robots.get(origin_of(start))
        if robots is None:
            robots = self.politeness.robots.get(origin_of(self.seed))
        if robots is not None:
            self._sitemap_task = asyncio.create_task(self.sitemaps.read_all(robots, start))

    async def _run_level(self, level: list[Entry]) -> list[tuple[Outlink, ...]]:
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

    async def _prefetch_robots(self, urls: Iterable[str]) -> None:
        frontier = self.frontier
        origins = set()
        for url in urls:
            if url in frontier.alias or hash(url) in frontier.offsite:
                continue  # met before: its origin's robots.txt is known
            if host_port(url) is None or not frontier.in_scope(url):
                continue
            origin = origin_of(url)
            if origin not in self.politeness.robots:
                origins.add(origin)
        if origins:
            await asyncio.gather(*(self.politeness.robots_for(o + "/") for o in sorted(origins)))

    # -- visiting one URL: redirects by hand ---------------------------------------------

    async def _visit(self, entry: Entry) -> tuple[Outlink, ...]:
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
                self.progress(self.done, max(0, self.frontier.admitted - self.done),
                              self.stats.errors,
                              time.monotonic() - self.started)

    async def _visit_inner(self, entry: Entry) -> tuple[Outlink, ...]:
        frontier = self.frontier
        current = entry.url
        hops: list[tuple[int, str]] = []
        chain = {entry.key}
        self.stats.fetched += 1
        while True:
            like_page = page_like(current)

            def wanted(status: int, media: str, like_page: bool = like_page) -> bool:
                return media in HTML_TYPES or (media == "" and like_page)

            try:
                answer = await self.politeness.fetch(current, read=wanted)
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
                if host_port(target) is None:
                    stop = "offsite"  # mailto:, ftp:, a broken URL: not the site
                elif not frontier.in_scope(target) and not frontier.adopt(entry, target):
                    # Another host, or this one but outside --include/--exclude (not reported)
                    stop = "offsite" if host_port(target) != frontier.host else "excluded"
                elif frontier.safe_key(target) in chain:
                    stop = "loop"
                elif len(hops) > self.opts.max_redirects:
                    stop = "too-many"
                elif not self.opts.ignore_robots and not (
                        await self.politeness.robots_for(target)).allowed(target):
                    stop = "blocked"
                if stop is None:
                    owner = frontier.seen.get(frontier.safe_key(target))
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
                chain.add(frontier.safe_key(target))
                current = target
                continue
            return await self._final(entry, current, hops, answer)

    async def _final(self, entry: Entry, current: str, hops: list[tuple[int, str]],
                     answer: Answer) -> tuple[Outlink, ...]:
        entry.page = current  # links found on the page are reported at this URL
        status = answer.status
        if status >= 400:
            self.stats.errors += 1
        if hops:
            final_key = self.frontier.safe_key(current)
            owner = self.frontier.seen.get(final_key)
            fact = FetchFact(entry.url, status, final_url=current, hops=tuple(hops),
                             content_type=answer.content_type or None)
            self._record(entry, fact)
            self._redirect_result(entry)
            if owner is not None and owner is not entry:
                return ()  # the page is (or will be) crawled under its own URL
            final = Entry(current, final_key, entry.depth, entry.via)
            self.frontier.seen[final_key] = final
            entry = final
        if entry.depth == 0 and entry.via is None:
            self._start_sitemaps(current)  # the start page: its host is settled now
        if answer.body is not None:
            doc = RawDocument(url=current, path=None, body=answer.body, status=status,
                              headers=answer.headers,
                              charset=answer.charset)
            result, links = await self.analysis.analyse(doc, self._expected_pages)
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
            self.results[current] = self.analysis.status_result(current, status, answer.headers)
        elif page_like(current) and answer.content_type:
            self._failure(current, "X007",
                          f"Not an HTML page: {shown(current)} is {answer.content_type}",
                          "Link to the HTML page instead, or serve the page as text/html")
        return ()

    def _record(self, entry: Entry, fact: FetchFact) -> None:
        self.facts[entry.key] = fact

    def _record_final(self, url: str, fact: FetchFact) -> None:
        key = self.frontier.safe_key(url)
        self.facts.setdefault(key, fact)

    def _redirect_result(self, entry: Entry) -> None:
        self.results.setdefault(entry.url, PageResult(entry.url, None, "redirect", None, 0, (),
                                                      (), None))

    def _failure(self, url: str, code: str, message: str, fix: str | None) -> None:
        found = source_finding(self.settings, code, message, fix, url, None)
        self.results[url] = PageResult(url, None, None, None, 0,
                                       (found,) if found else (), (), None)

    async def _expected_pages(self) -> int:
        """How many pages the sitemap lists, once it is read (waiting at most 2 s for it): the
        analysis asks before the first page, to start its workers at once for a large site."""
        task = self._sitemap_task
        if task is not None and not task.done():
            await asyncio.wait({task}, timeout=2.0)
        return len(self.sitemaps.entries)

    def _sitemap_problem(self, url: str, message: str) -> None:
        self._finding("X002", message, "Fix the sitemap (it must be a well-formed sitemaps.org "
                                       "file of at most 50,000 URLs and 50 MB)", url, None)

    def _finding(self, code: str, message: str, fix: str, url: str, line: int | None,
                 severity: str | None = None) -> None:
        found = source_finding(self.settings, code, message, fix, url, None, line, severity)
        if found is not None:
            self.findings.append(found)

    # -- the outcome ---------------------------------------------------------------------

    def _outcome(self) -> CrawlOutcome:
        frontier = self.frontier
        for trap in frontier.traps.values():
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
                                   f"Not crawled: {shown(trap.first)} {trap.detail}{more}",
                                   fixes[trap.kind], trap.page or trap.first, None, trap.line,
                                   "warning")
            if found is not None:
                self.findings.append(found)
        if self.stats.limit == "max-pages":
            self.stats.warnings.append(
                f"stopped at --max-pages {self.opts.max_pages}: {self.stats.not_crawled} more "
                "URLs were found and not crawled")
        self.stats.offsite = len(frontier.offsite)
        for key, fact in list(self.facts.items()):
            if fact.hops and fact.status is None and fact.error is None and fact.final_url:
                final = self.facts.get(frontier.safe_key(fact.final_url))
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
        facts = CrawlFacts(tuple(ordered), Lookup(frontier.alias, by_key),
                           frontier.complete and not self.stats.interrupted, (self.seed,))
        results = sorted(self.results.values(), key=lambda r: r.url or "")
        sitemap = tuple(self.sitemaps.entries) if self.sitemaps.read else None
        return CrawlOutcome(results, facts, sitemap, self.sitemaps.complete, self.findings,
                            self.stats)


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


__all__ = ["Crawler", "PageAnalysis", "Progress"]
