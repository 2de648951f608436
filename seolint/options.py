"""The option types of config's tables, as plain frozen dataclasses: `[crawl]` (CrawlOptions),
`[markdown]` (MarkdownOptions), `[links]` (LinkOptions, the outbound-link checker's) and
`[scoring]` (ScoringConfig), with the defaults they need (the user agent, the generators' names,
the severity weights).

They live at the bottom, below config, so config builds them from its tables without importing a
source or the scoring (config.crawl_options, config.markdown_options, config.scoring_config), and
each reads its own from here. Imports: seolint itself (the version) only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from seolint import __version__

USER_AGENT = f"seolint/{__version__} (+https://pypi.org/project/seolint/)"
# The generators seolint knows how to place a Markdown source for (seolint.sources.generators)
GENERATORS = ("hugo", "jekyll", "zola", "astro", "eleventy", "sveltekit", "generic")
# What one finding of each severity costs a page (seolint.scoring says how scores are made)
SEVERITY_WEIGHTS: dict[str, float] = {"error": 3.0, "warning": 2.0, "info": 1.0}


@dataclass(frozen=True)
class CrawlOptions:
    """The crawl's bounds and manners. Config: `[crawl]` with these names in kebab-case."""

    max_pages: int = 500
    max_depth: int = 10
    concurrency: int = 4  # requests at once, per host
    delay: float = 0.0  # seconds between request starts, per host (Crawl-delay wins if larger)
    timeout: float = 30.0  # the total deadline of one request, in seconds
    # The whole crawl's budget in seconds: what is left when it runs out is reported as not
    # crawled, so a hostile or rate-limiting site cannot hold a run for ever.
    max_time: float = 300.0
    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # per network read
    user_agent: str = USER_AGENT
    ignore_robots: bool = False
    include: tuple[str, ...] = ()  # regexes: crawl only matching URLs (they may be off-host)
    exclude: tuple[str, ...] = ()  # regexes: never crawl matching URLs
    max_url_length: int = 2083
    max_query_variants: int = 50  # distinct queries per path
    max_repeated_segments: int = 3  # the same path segment more often is a trap
    max_body_size: int = 5 * 1024 * 1024
    max_redirects: int = 10
    retries: int = 2
    retry_after_cap: float = 60.0
    backoff: float = 0.5  # first retry wait, doubled each time, with jitter
    max_crawl_delay: float = 10.0
    sitemaps: bool = True  # read robots.txt's sitemaps and /sitemap.xml

    def __post_init__(self) -> None:
        for name in ("max_pages", "concurrency", "max_url_length", "max_query_variants",
                     "max_repeated_segments", "max_body_size"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name.replace('_', '-')} must be at least 1")
        for name in ("max_depth", "max_redirects", "retries"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name.replace('_', '-')} must not be negative")
        for name in ("delay", "retry_after_cap", "backoff", "max_crawl_delay"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name.replace('_', '-')} must not be negative")
        for name in ("timeout", "connect_timeout", "read_timeout", "max_time"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name.replace('_', '-')} must be positive")
        for pattern in (*self.include, *self.exclude):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"bad URL pattern {pattern!r}: {exc}") from None


@dataclass(frozen=True)
class MarkdownOptions:
    """The `[markdown]` table of the config (`[tool.seolint.markdown]` in pyproject.toml)."""

    generator: str | None = None  # hugo, jekyll, zola, astro, eleventy, sveltekit, generic
    content: tuple[str, ...] = ()  # folders `seolint check` lints when given no path
    title_as_h1: bool = True  # the theme prints the front-matter title as the page's <h1>
    title_template: str = "{title}"  # the <title> the theme builds, e.g. "{title} | My Blog"
    include_drafts: bool = False
    permalinks: tuple[tuple[str, str], ...] = ()  # section -> pattern ("*": every section)


@dataclass(frozen=True)
class ScoringConfig:
    """The `[scoring]` table: severity-weights, and weights and caps by rule code."""

    severity_weights: Mapping[str, float] = field(default_factory=lambda: dict(SEVERITY_WEIGHTS))
    weights: Mapping[str, float] = field(default_factory=dict)  # by rule code
    caps: Mapping[str, int] = field(default_factory=dict)  # by rule code


@dataclass(frozen=True)
class LinkOptions:
    """[links] in the config; the defaults are the policy in the module docstring."""

    check_external: bool = False
    exclude: tuple[str, ...] = ()  # regexes: matching URLs are neither requested nor reported
    concurrency: int = 2  # requests at once to one host
    delay: float = 0.0  # seconds between two requests to one host
    budget: float = 60.0  # seconds for the whole check
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    request_timeout: float = 20.0  # one request, in all
    retry_after_cap: float = 10.0
    max_redirects: int = 10
    cache: bool = True
    cache_dir: str | None = None
    cache_ttl: float = 86400.0  # a working link is trusted this long
    cache_ttl_failed: float = 3600.0  # a broken or unverified one this long
    user_agent: str = USER_AGENT

    def __post_init__(self) -> None:
        if self.concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        if self.max_redirects < 0:
            raise ValueError("max-redirects must be 0 or more")
        for name in ("delay", "budget", "connect_timeout", "read_timeout", "request_timeout",
                     "retry_after_cap", "cache_ttl", "cache_ttl_failed"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name.replace('_', '-')} must not be negative")
        for pattern in self.exclude:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"exclude pattern {pattern!r} is not a regex ({exc})") from None


__all__ = ["GENERATORS", "SEVERITY_WEIGHTS", "USER_AGENT", "CrawlOptions", "LinkOptions",
           "MarkdownOptions", "ScoringConfig"]
