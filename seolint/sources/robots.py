"""robots.txt, read as RFC 9309 says, with protego (wildcards, Crawl-delay, Sitemap lines).

Policy:
- One robots.txt per origin (scheme, host and port), fetched before anything else there.
- 2xx: the rules apply, for the product token `seolint` (a `User-agent: seolint` group wins
  over `*`). Only the first 500 KiB are parsed (RFC 9309 section 2.5).
- 3xx: followed up to 5 hops on the same host; further, or off the host, counts as unavailable.
- 4xx (and "unavailable"): no rules, everything is allowed.
- 5xx, or the server unreachable: everything is disallowed (the site may be down; RFC 9309
  section 2.3.1.4), and the crawl says so.
- `/robots.txt` itself is always allowed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from protego import Protego

TOKEN = "seolint"
MAX_BYTES = 500 * 1024
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Robots:
    """The robots.txt rules of one origin."""

    url: str  # the robots.txt URL
    mode: str  # "rules", "allow-all" (4xx, missing), "disallow-all" (5xx, unreachable)
    reason: str = ""  # why allow-all or disallow-all, for messages
    text: str = ""
    _parser: Protego | None = field(default=None, compare=False, repr=False)

    @classmethod
    def parse(cls, url: str, text: str) -> Robots:
        return cls(url, "rules", "", text, Protego.parse(text))

    @classmethod
    def allow_all(cls, url: str, reason: str) -> Robots:
        return cls(url, "allow-all", reason)

    @classmethod
    def disallow_all(cls, url: str, reason: str) -> Robots:
        return cls(url, "disallow-all", reason)

    def allowed(self, url: str) -> bool:
        if urlsplit(url).path == "/robots.txt":
            return True
        if self.mode == "allow-all":
            return True
        if self.mode == "disallow-all" or self._parser is None:
            return False
        try:
            return bool(self._parser.can_fetch(url, TOKEN))
        except Exception:  # protego on a pathological URL: be polite, do not fetch it
            return False

    @property
    def crawl_delay(self) -> float | None:
        if self._parser is None:
            return None
        delay = self._parser.crawl_delay(TOKEN)
        return float(delay) if delay is not None else None

    @property
    def sitemaps(self) -> list[str]:
        if self._parser is None:
            return []
        return [s.strip() for s in self._parser.sitemaps if s and s.strip()]


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def from_answer(url: str, status: int | None, body: bytes | None, error: str | None) -> Robots:
    """The rules from what fetching `url` gave: a status and body, or an error."""
    if error is not None or status is None:
        return Robots.disallow_all(url, f"robots.txt could not be fetched ({error or 'no answer'})")
    if 200 <= status < 300:
        text = (body or b"")[:MAX_BYTES].decode("utf-8", errors="replace")
        return Robots.parse(url, text.lstrip("\ufeff"))
    if 400 <= status < 500:
        return Robots.allow_all(url, f"robots.txt answered {status}")
    if status >= 500:
        return Robots.disallow_all(url, f"robots.txt answered {status}")
    return Robots.allow_all(url, f"robots.txt answered {status}")
