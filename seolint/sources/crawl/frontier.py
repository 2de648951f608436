"""The frontier: which URLs the crawl visits (Scrapy's scheduler).

- **Dedup** on a canonical key (w3lib: scheme and host lower-cased, default port, fragment and
  dot segments dropped, percent-encoding and query order normalised, tracking parameters such as
  utm_*, gclid and fbclid removed). Reports show URLs as they were found.
- **Scope.** The seed's host (and port; http and https alike), narrowed by `--include` regexes
  when given (then only matching URLs are crawled, which may name other hosts too) and by
  `--exclude` regexes. Off-site links are counted, never fetched.
- **Traps and limits.** URLs of over 2,083 characters, over 50 query variants per path, a path
  segment repeated over 3 times (`/a/b/a/b/a/b/a`), past --max-depth: refused, one warning per
  trap at the link that led there; past --max-pages: counted, not crawled.

Imports: options, document, parse, sibling crawl modules.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import unquote, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

from seolint.config import ConfigError
from seolint.document import FetchFact
from seolint.options import CrawlOptions
from seolint.parse import authority, site_key
from seolint.sources.crawl.outcome import CrawlStats

# Query parameters that only track where a click came from (w3lib's url_query_cleaner list,
# plus every utm_*): dropped from the dedup key.
TRACKING_PARAMS = frozenset({
    "gclid", "gclsrc", "dclid", "fbclid", "msclkid", "yclid", "twclid", "ttclid", "igshid",
    "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "srsltid", "wbraid",
    "gbraid", "oly_anon_id", "oly_enc_id", "vero_id", "rb_clickid", "s_cid",
})
# Page-like paths: no extension, or one that servers use for HTML. A link to /a.pdf or /b.jpg
# that is not HTML is fine; a link to /post/ that is not HTML is X007.
HTML_TYPES = ("text/html", "application/xhtml+xml")
PAGE_EXTENSIONS = frozenset({"", "html", "htm", "xhtml", "shtml", "php", "asp", "aspx", "jsp",
                             "cfm", "cgi", "pl"})


# --- URLs ---------------------------------------------------------------------------------

def dedup_key(url: str) -> str:
    """The dedup key: w3lib's canonical URL, default port and tracking parameters dropped."""
    canon = canonicalize_url(url)
    parts = urlsplit(canon)
    netloc = parts.netloc
    if (parts.scheme == "http" and netloc.endswith(":80")) or (
            parts.scheme == "https" and netloc.endswith(":443")):
        netloc = netloc.rsplit(":", 1)[0]
    query = parts.query
    if query:
        kept = [p for p in query.split("&")
                if not _tracking(p.split("=", 1)[0])]
        query = "&".join(kept)
    return urlunsplit((parts.scheme, netloc, parts.path or "/", query, ""))


def _tracking(name: str) -> bool:
    name = unquote(name).lower()
    return name.startswith("utm_") or name in TRACKING_PARAMS


def host_port(url: str) -> tuple[str, int | None] | None:
    """(host, port) of an http(s) URL, the default ports as None; None for anything else."""
    return _host_port_of(authority(url))


@functools.lru_cache(maxsize=4096)
def _host_port_of(prefix: str) -> tuple[str, int | None] | None:
    try:
        parts = urlsplit(prefix)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return parts.hostname.lower(), (None if port in (None, 80, 443) else port)


def page_like(url: str) -> bool:
    last = urlsplit(url).path.rsplit("/", 1)[-1]
    ext = last.rsplit(".", 1)[-1].lower() if "." in last else ""
    return ext in PAGE_EXTENSIONS


def shown(url: str, limit: int = 100) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"


def origin(url: str) -> str:
    return _origin_of(authority(url))


@functools.lru_cache(maxsize=4096)
def _origin_of(prefix: str) -> str:
    parts = urlsplit(prefix)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


# --- admission: scope, dedup, traps, limits ------------------------------------------

@dataclass(slots=True)
class Entry:
    url: str  # as found
    key: str
    depth: int
    via: str | None = None  # the page that linked to it
    page: str | None = None  # the URL its page is reported under (after redirects)


@dataclass
class Trap:
    kind: str
    detail: str
    first: str  # the first URL refused
    page: str | None  # the page whose link led there
    line: int | None
    count: int = 1


class _Robots(Protocol):
    def allowed(self, url: str) -> bool: ...


class Frontier:
    """The URLs met so far (by dedup key, and as linked), the ones refused, the traps met, and
    the admission of a link into the next breadth-first level.

    `robots` is the crawl's robots.txt per origin (seolint.sources.crawl.politeness), read when
    a link is admitted; `record` notes the FetchFact of a URL that robots.txt forbids; `admitted`
    is told the number of URLs admitted, each time one is (the analysis starts its workers when
    the crawl grows large)."""

    def __init__(self, seed: str, opts: CrawlOptions, stats: CrawlStats,
                 robots: Mapping[str, _Robots],
                 record: Callable[[Entry, FetchFact], None],
                 admitted: Callable[[int], None]) -> None:
        host = host_port(seed)
        if host is None:
            raise ConfigError(f"cannot crawl {seed!r}: not an http(s) URL")
        self.seed = seed
        self.opts = opts
        self.stats = stats
        self.robots = robots
        self._record = record
        self._admitted = admitted
        self.host = host
        self.includes = [re.compile(p) for p in opts.include]
        self.excludes = [re.compile(p) for p in opts.exclude]
        self.seen: dict[str, Entry] = {}
        self.alias: dict[str, str] = {}  # URL as linked -> key
        self.variants: Counter[str] = Counter()
        self.traps: dict[tuple[str, str], Trap] = {}
        self.offsite: set[int] = set()  # hashes of the off-site URLs linked: counted only
        self.refused: set[str] = set()  # keys a trap bound or the depth limit turned away
        self.complete = True
        self.admitted = 0

    def in_scope(self, url: str) -> bool:
        if self.includes:
            if not any(p.search(url) for p in self.includes):
                return False
        elif host_port(url) != self.host:
            return False
        return not any(p.search(url) for p in self.excludes)

    def key(self, url: str) -> str:
        key = self.alias.get(url)
        if key is None:
            key = dedup_key(url)
            self.alias[url] = url if key == url else key  # one string, not two alike
        return key

    def admit(self, url: str, kind: str, depth: int, parent: Entry | None,
              line: int | None) -> Entry | None:
        known = self.alias.get(url)
        if known is not None and (known in self.seen or known in self.refused):
            return None  # the common case: a link to a page already met (navigation)
        if hash(url) in self.offsite or host_port(url) is None:
            return None
        if not self.in_scope(url):
            if host_port(url) != self.host:
                self.offsite.add(hash(url))
            return None
        try:
            key = self.key(url)
        except (ValueError, UnicodeError):
            return None
        if key in self.seen or key in self.refused:
            return None
        if len(url) > self.opts.max_url_length:
            self.trap("url-length", "", url, parent, line,
                      f"is {len(url)} characters long, over the {self.opts.max_url_length} "
                      "limit")
            return None
        parts = urlsplit(key)
        segments = [s for s in parts.path.split("/") if s]
        if segments:
            segment, times = Counter(segments).most_common(1)[0]
            if times > self.opts.max_repeated_segments:
                self.trap("repeated-segments", segments[0], url, parent, line,
                          f"repeats the path segment {unquote(segment)!r} {times} times (a "
                          "path that loops, such as /a/b/a/b/...)")
                return None
        if parts.query:
            base = f"{parts.scheme}://{parts.netloc}{parts.path}"
            if self.variants[base] >= self.opts.max_query_variants:
                self.trap("query-variants", base, url, parent, line,
                          f"is one of over {self.opts.max_query_variants} query variants of "
                          f"{unquote(parts.path)} (an endless calendar or filter?)")
                return None
        if depth > self.opts.max_depth:
            self.complete = False
            self.stats.not_crawled += 1
            self.stats.limit = self.stats.limit or "max-depth"
            self.trap("depth", "", url, parent, line,
                      f"is {depth} links from the start URL, past --max-depth "
                      f"{self.opts.max_depth} (an endlessly deep path?)")
            return None
        robots = self.robots.get(origin(url))
        if robots is not None and not self.opts.ignore_robots and not robots.allowed(url):
            entry = Entry(url, key, depth, parent.url if parent else None)
            self.seen[key] = entry
            self._record(entry, FetchFact(url, blocked=True))
            self.stats.blocked += 1
            return None
        if self.admitted >= self.opts.max_pages:
            self.complete = False
            self.stats.not_crawled += 1
            self.stats.limit = self.stats.limit or "max-pages"
            return None
        if parts.query:
            self.variants[f"{parts.scheme}://{parts.netloc}{parts.path}"] += 1
        entry = Entry(url, key, depth, parent.url if parent else None)
        self.seen[key] = entry
        self.admitted += 1
        self._admitted(self.admitted)
        return entry

    def trap(self, kind: str, bucket: str, url: str, parent: Entry | None, line: int | None,
             detail: str) -> None:
        self.refused.add(self.safe_key(url))
        found = self.traps.get((kind, bucket))
        if found is not None:
            found.count += 1
            return
        self.traps[(kind, bucket)] = Trap(kind, detail, url,
                                          (parent.page or parent.url) if parent else None,
                                          line if parent else None)

    def adopt(self, entry: Entry, target: str) -> bool:
        """The start URL redirecting between example.com and www.example.com: crawl the host it
        lands on (what the user meant), and say so."""
        new = host_port(target)
        if (entry.depth != 0 or entry.url != self.seed or self.includes or new is None
                or new[1] != self.host[1] or site_key(new[0]) != site_key(self.host[0])):
            return False
        self.stats.warnings.append(f"the start URL redirects to {new[0]}: crawling that host")
        self.host = new
        return True

    def safe_key(self, url: str) -> str:
        try:
            return self.key(url)
        except (ValueError, UnicodeError):
            return url


__all__ = ["HTML_TYPES", "PAGE_EXTENSIONS", "TRACKING_PARAMS", "Entry", "Frontier", "Trap",
           "dedup_key", "host_port", "origin", "page_like", "shown"]
