"""robots.txt, read as RFC 9309 says, with protego (wildcards, Crawl-delay, Sitemap lines).

Policy:
- One robots.txt per origin (scheme, host and port), fetched before anything else there.
- 2xx: the rules apply, for the product token `seolint` (a `User-agent: seolint` group wins
  over `*`). Only the first 500 KiB are parsed (RFC 9309 section 2.5). Past that cut seolint
  is conservative: the line the cut splits is dropped and `Disallow: /` is added for `*` (and
  for `seolint` when it has a group), so what the part read allows explicitly stays allowed
  and everything else is taken as forbidden; the crawl says so in a warning finding.
- 3xx: followed up to 5 hops on the same host; further, or off the host, counts as unavailable.
- 4xx (and "unavailable"): no rules, everything is allowed.
- 5xx, or the server unreachable: everything is disallowed (the site may be down; RFC 9309
  section 2.3.1.4), and the crawl says so.
- `/robots.txt` itself is always allowed.
"""

from __future__ import annotations

import re
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
    truncated: bool = False  # cut at MAX_BYTES: everything past the cut is taken as forbidden

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


def cut(url: str, text: str) -> Robots:
    """A robots.txt read only to MAX_BYTES: the rules read, and `Disallow: /` past the cut."""
    head = text.rsplit("\n", 1)[0] if "\n" in text else ""  # the split line is not a rule
    tail = "\n\nUser-agent: *\nDisallow: /\n"
    if _OWN_GROUP.search(head):
        tail += f"\nUser-agent: {TOKEN}\nDisallow: /\n"
    robots = Robots.parse(url, head + tail)
    return Robots(url, "rules", f"robots.txt is over {MAX_BYTES // 1024} KiB; only that much "
                  "was read", robots.text, robots._parser, truncated=True)


_OWN_GROUP = re.compile(rf"^\s*user-agent\s*:\s*{TOKEN}\b", re.IGNORECASE | re.MULTILINE)


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def from_answer(url: str, status: int | None, body: bytes | None, error: str | None,
                truncated: bool = False) -> Robots:
    """The rules from what fetching `url` gave: a status and body, or an error. `truncated`:
    the body was cut at MAX_BYTES (see the module's policy for what happens past the cut)."""
    if error is not None or status is None:
        return Robots.disallow_all(url, f"robots.txt could not be fetched ({error or 'no answer'})")
    if 200 <= status < 300:
        raw = body or b""
        truncated = truncated or len(raw) > MAX_BYTES
        text = raw[:MAX_BYTES].decode("utf-8", errors="replace").lstrip("\ufeff")
        if truncated:
            return cut(url, text)
        return Robots.parse(url, text)
    if 400 <= status < 500:
        return Robots.allow_all(url, f"robots.txt answered {status}")
    if status >= 500:
        return Robots.disallow_all(url, f"robots.txt answered {status}")
    return Robots.allow_all(url, f"robots.txt answered {status}")
