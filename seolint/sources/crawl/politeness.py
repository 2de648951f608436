"""Politeness (Scrapy's downloader middlewares): how the crawl asks a server for anything.

- robots.txt per origin (seolint.sources.robots), read once, never requesting what it forbids.
- Per host at most `concurrency` requests at once (4) and `delay` seconds between request
  starts; a larger Crawl-delay wins, capped at `max-crawl-delay` (10 s) with a warning.
- 429 and 503 with Retry-After pause the whole host for that long (capped at 60 s); retries
  (2) and their backoff (0.5 s, doubled each time, with jitter) as seolint.net says.

Imports: net, options, sources.robots, sibling crawl modules.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from seolint.net import ACCEPT_HTML, Answer, AsyncFetcher, FetchError, retry_wait, retryable_status
from seolint.options import CrawlOptions
from seolint.sources import robots as robots_mod
from seolint.sources.crawl.frontier import host_port
from seolint.sources.crawl.frontier import origin as origin_of


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


class Politeness:
    """Every request of a crawl, through its host's gate, with retries; robots.txt per origin.

    `warnings` collects what the user should know (a Crawl-delay capped, a robots.txt that
    forbids everything). `fetcher` is set by the crawl once its HTTP client is open."""

    def __init__(self, opts: CrawlOptions, warnings: list[str]) -> None:
        self.opts = opts
        self.warnings = warnings
        self.fetcher: AsyncFetcher | None = None
        self.gates: dict[str, HostGate] = {}
        self.robots: dict[str, robots_mod.Robots] = {}
        self.robots_tasks: dict[str, asyncio.Task[robots_mod.Robots]] = {}

    def gate(self, url: str) -> HostGate:
        host = (urlsplit(url).hostname or "").lower()
        gate = self.gates.get(host)
        if gate is None:
            gate = self.gates[host] = HostGate(self.opts.concurrency, self.opts.delay)
        return gate

    async def fetch(self, url: str, *, read: Callable[[int, str], bool] | None = None,
                    max_bytes: int | None = None, accept: str = ACCEPT_HTML,
                    truncate: bool = False) -> Answer:
        fetcher = self.fetcher
        assert fetcher is not None, "the crawl opens its HTTP client before it fetches"
        gate = self.gate(url)
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
                    answer = await fetcher.get(url, read=policy, max_bytes=limit,
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

    async def robots_for(self, url: str) -> robots_mod.Robots:
        origin = origin_of(url)
        found = self.robots.get(origin)
        if found is not None:
            return found
        task = self.robots_tasks.get(origin)
        if task is None:
            task = asyncio.create_task(self.fetch_robots(origin))
            self.robots_tasks[origin] = task
        robots = await asyncio.shield(task)
        self.robots[origin] = robots
        return robots

    async def fetch_robots(self, origin: str) -> robots_mod.Robots:
        url = origin + "/robots.txt"
        current = url
        try:
            for _ in range(robots_mod.MAX_REDIRECTS + 1):
                answer = await self.fetch(
                    current, read=lambda s, t: 200 <= s < 300, max_bytes=robots_mod.MAX_BYTES,
                    accept="text/plain,*/*;q=0.5", truncate=True)
                if answer.location is None:
                    break
                if host_port(answer.location) != host_port(url):
                    return self.robots_done(origin, robots_mod.Robots.allow_all(
                        url, "robots.txt redirects to another host"))
                current = answer.location
            else:
                return self.robots_done(origin, robots_mod.Robots.allow_all(
                    url, "robots.txt redirects too often"))
            robots = robots_mod.from_answer(url, answer.status, answer.body, None)
        except FetchError as exc:
            robots = robots_mod.from_answer(url, None, None, str(exc))
        return self.robots_done(origin, robots)

    def robots_done(self, origin: str, robots: robots_mod.Robots) -> robots_mod.Robots:
        if robots.mode == "disallow-all" and not self.opts.ignore_robots:
            self.warnings.append(
                f"{robots.reason}: RFC 9309 says to crawl nothing on {origin} (use "
                "--ignore-robots on a site you own)")
        delay = robots.crawl_delay if not self.opts.ignore_robots else None
        if delay is not None and delay > self.opts.delay:
            host = (urlsplit(origin).hostname or "").lower()
            capped = min(delay, self.opts.max_crawl_delay)
            if delay > capped:
                self.warnings.append(
                    f"{origin}/robots.txt asks for a Crawl-delay of {delay:g} s; seolint waits "
                    f"{capped:g} s (crawl.max-crawl-delay)")
            gate = self.gates.get(host)
            if gate is None:
                gate = self.gates[host] = HostGate(self.opts.concurrency, capped)
            gate.delay = max(gate.delay, capped)
        self.robots[origin] = robots
        return robots


__all__ = ["HostGate", "Politeness"]
