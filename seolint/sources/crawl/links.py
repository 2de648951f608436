"""The URLs a crawler follows from a page. A pure function of the parsed Page: the analysis runs it
in the worker that parsed the page, so only the links cross back to the crawl, never the page.

Imports: document, parse.
"""

from __future__ import annotations

from seolint.document import Page
from seolint.parse import resolve

Outlink = tuple[str, str, int | None]  # (URL, kind: a/canonical/hreflang/refresh, line)


def outlinks(page: Page) -> tuple[Outlink, ...]:
    """The URLs a crawler should look at from this page, in document order: followed links
    (not rel=nofollow, none at all under a nofollow robots directive), the canonical URL, hreflang
    alternates and a meta refresh target."""
    out: list[Outlink] = []
    if not page.robots & {"nofollow", "none"}:
        for link in page.links:
            if link.url is not None and "nofollow" not in link.rel:
                out.append((link.url, "a", link.pos.line))
    for tag in page.link_tags:
        if not tag.in_head or not tag.href or not tag.href.strip():
            continue
        if "canonical" in tag.rel or ("alternate" in tag.rel and tag.hreflang is not None):
            url = resolve(page.url, tag.href)
            if url is not None:
                out.append((url, "canonical" if "canonical" in tag.rel else "hreflang",
                            tag.pos.line))
    if page.refresh is not None and page.refresh.url is not None:
        out.append((page.refresh.url, "refresh", page.refresh.pos.line))
    seen: set[tuple[str, str]] = set()
    unique = []
    for item in out:
        if (item[0], item[1]) not in seen:
            seen.add((item[0], item[1]))
            unique.append(item)
    return tuple(unique)


__all__ = ["Outlink", "outlinks"]
