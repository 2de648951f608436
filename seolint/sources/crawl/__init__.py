"""`seolint crawl URL`: discover a blog's pages by following links and reading its sitemaps.

Policy (CRAWLER.md). Every number is a `CrawlOptions` default (seolint.options), settable with a
CLI option or in the config's `[crawl]` table. The parts, as Scrapy keeps them:

- `frontier`: which URLs are visited. Scope (the seed's host and port, --include, --exclude;
  off-site links counted, never fetched; http(s) only), dedup on a canonical key (w3lib, tracking
  parameters dropped), traps and limits (500 pages, depth 10, URLs of 2,083 characters, 50 query
  variants per path, a path segment repeated 3 times), one warning per trap.
- `politeness`: robots.txt per origin, never requesting what it forbids; per host at most 4
  requests at once and `--delay` between starts, a larger Crawl-delay winning (capped at 10 s);
  429 and 503 with Retry-After pause the host (capped at 60 s); retries and backoff as
  seolint.net says, with its per-request bounds (timeouts, a deadline, 5 MB bodies).
- `sitemaps`: robots.txt's sitemaps and /sitemap.xml, their URLs joining at depth 1.
- `crawler`: the breadth-first fetch loop, redirects by hand (10 per URL; off-site ones recorded
  as X003, not followed), and the outcome (`outcome`).
- `links`: the URLs to follow from a parsed page (run by the analysis, in its worker).

The crawl only reads: the analysis of each page is passed in as a PageAnalysis (the engine
passes seolint.analysis.stream.StreamAnalysis). Imports: result, net, options, parse, document,
config, sources.robots and sources.sitemap; never engine or analysis.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from seolint.config import crawl_options
    from seolint.options import CrawlOptions
    from seolint.sources.crawl.crawler import Crawler, PageAnalysis, Progress
    from seolint.sources.crawl.frontier import TRACKING_PARAMS, Frontier, dedup_key
    from seolint.sources.crawl.links import Outlink, outlinks
    from seolint.sources.crawl.outcome import CrawlOutcome, CrawlStats
    from seolint.sources.crawl.politeness import HostGate, Politeness

# Names load on first use (PEP 562): the analysis workers import `links` alone, and must not pay
# for httpx and the fetch loop they never run.
_WHERE = {
    "crawl_options": "seolint.config", "CrawlOptions": "seolint.options",
    "Crawler": "seolint.sources.crawl.crawler", "PageAnalysis": "seolint.sources.crawl.crawler",
    "Progress": "seolint.sources.crawl.crawler",
    "TRACKING_PARAMS": "seolint.sources.crawl.frontier",
    "Frontier": "seolint.sources.crawl.frontier", "dedup_key": "seolint.sources.crawl.frontier",
    "Outlink": "seolint.sources.crawl.links", "outlinks": "seolint.sources.crawl.links",
    "CrawlOutcome": "seolint.sources.crawl.outcome", "CrawlStats": "seolint.sources.crawl.outcome",
    "HostGate": "seolint.sources.crawl.politeness",
    "Politeness": "seolint.sources.crawl.politeness",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "TRACKING_PARAMS",
    "CrawlOptions",
    "CrawlOutcome",
    "CrawlStats",
    "Crawler",
    "Frontier",
    "HostGate",
    "Outlink",
    "PageAnalysis",
    "Politeness",
    "Progress",
    "crawl_options",
    "dedup_key",
    "outlinks",
]
