"""What a crawl returns: the pages' results, the fetch facts (statuses, redirect chains), the
sitemap, the crawler's own findings and its counters.

Imports: result, document, rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from seolint.document import CrawlFacts, SitemapEntry
from seolint.result import PageResult
from seolint.rule import Finding


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


class Lookup(Mapping[str, int]):
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


__all__ = ["CrawlOutcome", "CrawlStats", "Lookup"]
