"""URLs as the parser reads them: hrefs resolved against a page, and the site key of a host.

Split from seolint.parse (which re-exports them) to keep that module under 800 lines; it imports
nothing of seolint's, so every layer may use it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit, urlunsplit


def site_key(host: str | None) -> str:
    host = (host or "").lower()
    return host.removeprefix("www.")


_AUTHORITY_END = re.compile(r"[/?#]")


def authority(url: str) -> str:
    """The URL up to the end of its authority ("https://host:8080"): all that its scheme, host
    and port are read from. A page can link a hundred thousand URLs on a handful of hosts, so
    what is read from those is cached by this."""
    start = url.find("://")
    if start < 0:
        return url
    end = _AUTHORITY_END.search(url, start + 3)
    return url[:end.start()] if end else url


def url_site_key(url: str) -> str:
    """site_key of a URL's host."""
    return _site_key_of(authority(url))


@lru_cache(maxsize=4096)
def _site_key_of(prefix: str) -> str:
    return site_key(urlsplit(prefix).hostname)


_resolved: dict[tuple[str, str], str | None] = {}
RESOLVE_CACHE_LIMIT = 100_000


def resolve(base: str, href: str) -> str | None:
    """An href resolved against `base`, without fragment; None for non-navigable schemes.

    Memoised for what a site repeats on every page (navigation, tag links): an absolute URL
    resolves the same against any base, and a root-relative one ("/tags/x/") against any base
    of the same origin, so those are cached by origin; a page-relative href is not."""
    href = href.strip()
    if not href:
        return None
    if href[0] == "/" and not href.startswith("//"):
        key = (authority(base), href)
    elif href.startswith(("http://", "https://")):
        key = ("", href)
    else:
        return _resolve(base, href)
    try:
        return _resolved[key]
    except KeyError:
        url = _resolve(base, href)
        if len(_resolved) < RESOLVE_CACHE_LIMIT:
            _resolved[key] = url
        return url


# RFC 3986 section 3.1: a scheme is a letter, then letters, digits, "+", "-", "."; a colon later
# in a fragment or query ("#fn:1", "#NOTE:-setup") starts no scheme.
_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


def _resolve(base: str, href: str) -> str | None:
    m = _URL_SCHEME.match(href)
    scheme = m.group()[:-1].lower() if m else ""
    if scheme and scheme not in ("http", "https"):
        return None
    try:
        url = urljoin(base, href)
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))
