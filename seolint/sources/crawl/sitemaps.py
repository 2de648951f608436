"""A crawl's sitemaps: robots.txt's Sitemap lines and /sitemap.xml of the origin the start URL
landed on, read in parallel with the start page. Their on-site URLs join the crawl at depth 1;
a sitemap robots.txt names that cannot be read is an X002 finding, a probe of /sitemap.xml that
is missing is nothing. At most 50,000 URLs and 50 MB a file, and one level of sitemap index.

Imports: sources.sitemap, sources.robots, net, options, parse, sibling crawl modules.
"""

from __future__ import annotations

from collections.abc import Callable

from seolint.document import SitemapEntry
from seolint.net import FetchError
from seolint.options import CrawlOptions
from seolint.parse import resolve
from seolint.sources import robots as robots_mod
from seolint.sources.crawl.frontier import Frontier, host_port, shown
from seolint.sources.crawl.frontier import origin as origin_of
from seolint.sources.crawl.politeness import Politeness
from seolint.sources.sitemap import MAX_BYTES as SITEMAP_MAX_BYTES
from seolint.sources.sitemap import MAX_INDEX_DEPTH, MAX_URLS, SitemapError, parse_sitemap


class SitemapReader:
    """Reads the sitemaps once; `entries` holds every URL they list, `read` whether one was read
    at all, `complete` whether every one was read whole. `problem(url, message)` reports a
    sitemap that could not be read; `stopping()` says the crawl was interrupted."""

    def __init__(self, opts: CrawlOptions, politeness: Politeness, frontier: Frontier,
                 warnings: list[str], problem: Callable[[str, str], None],
                 stopping: Callable[[], bool]) -> None:
        self.opts = opts
        self.politeness = politeness
        self.frontier = frontier
        self.warnings = warnings
        self._problem = problem
        self._stopping = stopping
        self.entries: list[SitemapEntry] = []
        self.read = False
        self.complete = True

    async def read_all(self, robots: robots_mod.Robots, start: str) -> None:
        origin = origin_of(start)
        named = [u for u in robots.sitemaps if host_port(u) is not None]
        queue: list[tuple[str, int, bool]] = []  # (URL, depth, named: errors are findings)
        for url in named:
            if host_port(url) == self.frontier.host:
                queue.append((url, 1, True))
            else:
                self.warnings.append(f"robots.txt names a sitemap on another host, not "
                                           f"read: {shown(url)}")
        probe = origin + "/sitemap.xml"
        if not any(self.frontier.safe_key(u) == self.frontier.safe_key(probe) for u, _, _ in queue):
            queue.append((probe, 1, False))
        seen: set[str] = set()
        while queue and not self._stopping():
            url, depth, named_here = queue.pop(0)
            key = self.frontier.safe_key(url)
            if key in seen:
                continue  # listed twice, or an index that lists itself: read once
            seen.add(key)
            if not self.opts.ignore_robots and not (
                    await self.politeness.robots_for(url)).allowed(url):
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
            self.read = True
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
                    if host_port(child) == self.frontier.host:
                        queue.append((child, depth + 1, True))
                continue
            for loc, line in parsed.locs:
                absolute = resolve(final, loc)
                if absolute is None:
                    continue
                on_site = host_port(absolute) == self.frontier.host
                self.entries.append(
                    SitemapEntry(absolute, loc, url, None, line, on_site))

    async def _fetch_sitemap(self, url: str) -> tuple[str, int, bytes | None] | None:
        current = url
        for _ in range(self.opts.max_redirects + 1):
            answer = await self.politeness.fetch(
                current, read=lambda s, t: 200 <= s < 300, max_bytes=SITEMAP_MAX_BYTES,
                accept="application/xml,text/xml,text/plain;q=0.9,*/*;q=0.5")
            if answer.location is None:
                return current, answer.status, answer.body
            if host_port(answer.location) != self.frontier.host:
                return None
            current = answer.location
        return None

    def _sitemap_problem(self, url: str, message: str) -> None:
        self.complete = False
        self._problem(url, message)


__all__ = ["SitemapReader"]
