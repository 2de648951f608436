"""The sitemap lists a URL that is not an indexable page, or leaves out a page that is.

## What it does
Runs when the site has an XML or text sitemap: `sitemap.xml` (or the sitemaps robots.txt names)
in the folder being linted, or the sitemaps a crawl read. It reports, at the sitemap's line:

- a listed URL on another host (a sitemap may only list its own site's URLs);
- a listed URL that is not an indexable page: no such file in the folder, an HTTP error, a
  failed fetch, a redirect (list the final URL instead), blocked by robots.txt, a redirect stub,
  noindex, or a page whose canonical link names another URL;
- a listed URL with a double slash in its path (`https://blog.example//my-post`, a template that
  joins the site URL and a path starting with `/`) where the page is at the URL with one slash:
  the finding names that page, rather than calling it missing, and the page counts as listed;

and, on the page, an indexable page that no sitemap lists. Paginated listings (`/page/2/`,
`?page=2`), other listing pages (date archives, tag, category and author pages: a sitemap is for
the posts and pages themselves, and most generators' sitemaps leave archives out) and error pages
are not expected in a sitemap, nor a page without a `<title>` (a fragment without its layout, a
vendor README copied into the site: T001 reports it). When a sitemap could not be read in
full, missing pages are not reported (they may be in the part that was not read).

Linting a folder without `base-url`, the listed URLs are matched to files by their path.

Measured precision (tests/precision/labels-2.jsonl, a fresh sample of a88837d): 0 % (0 of 2
judged; 9 more were tag pages the corpus lacks): both were URLs of bekahhw.com's sitemap, every
one of whose 237 URLs has a double slash, called "no such file" though 229 of the pages exist;
they are now reported as the double slash they are.

## Why is this bad?
A sitemap tells search engines which URLs to index. Listing URLs that redirect, fail or must not
be indexed wastes their crawl and makes them trust the sitemap less; leaving out real pages means
those are found late or not at all. Screaming Frog's sitemap report lists both ("non-indexable
URLs in sitemap", "URLs not in sitemap").

## Example
What the crawl learned (crawl facts, as in `seolint.testing`): the sitemap lists `/old/`, which
redirects to `/new/`, and leaves out the page `/about/`.

```toml
[[page]]
url = "https://blog.example/new/"
html = "<title>New</title><h1>New</h1>"

[[page]]
url = "https://blog.example/about/"
html = "<title>About</title><h1>About</h1>"
expect = ["sitemap-mismatch"]  # an indexable page no sitemap lists

[[url]]
url = "https://blog.example/old/"
status = 200
hops = [[301, "https://blog.example/new/"]]

[[sitemap]]
url = "https://blog.example/old/"
expect = ["sitemap-mismatch"]  # a listed URL that redirects
```

## Use instead
List every indexable page by its final URL, and nothing else.

```toml
[[page]]
url = "https://blog.example/new/"
html = "<title>New</title><h1>New</h1>"

[[page]]
url = "https://blog.example/about/"
html = "<title>About</title><h1>About</h1>"

[[sitemap]]
url = "https://blog.example/new/"

[[sitemap]]
url = "https://blog.example/about/"
```

## Options
- `include-paginated` (default false): also expect paginated and other listing pages in the
  sitemap.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from http import HTTPStatus
from urllib.parse import unquote, urlsplit

from seolint.document import PageSummary, Position, Site, SitemapEntry, summary_stub
from seolint.parse import PSEUDO_ORIGIN
from seolint.rule import Violation, shorten, site_rule
from seolint.sitetools import candidate_keys, url_key

_PAGINATED = re.compile(r"/page/\d+/?$|[?&](page|paged)=\d+", re.IGNORECASE)
_ERROR_PAGE = re.compile(r"/(404|410|500|error|not-found)(\.html?|/)?$", re.IGNORECASE)
_PSEUDO_HOST = urlsplit(PSEUDO_ORIGIN).hostname
_TRACKING = frozenset({"gclid", "fbclid", "msclkid", "dclid", "yclid", "mc_cid", "mc_eid", "_ga",
                       "_gl", "igshid"})


@dataclass(frozen=True)
class Options:
    include_paginated: bool = False


def _status(code: int) -> str:
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)


def _shown(url: str) -> str:
    parts = urlsplit(url)
    if parts.hostname == _PSEUDO_HOST:
        return shorten(unquote(parts.path) + (f"?{parts.query}" if parts.query else ""), 90)
    return shorten(url, 90)


def _canonical_elsewhere(page: PageSummary, url: str | None = None) -> str | None:
    """The canonical URL when it names another page than `url` (default: the page's URL)."""
    target = page.canonical_url
    if not target or target == (url or page.url):  # most pages name themselves, verbatim
        return None
    mine, theirs = urlsplit(url or page.url), urlsplit(target)
    if mine.hostname == _PSEUDO_HOST:  # a local file knows only its path
        same = _path(mine.path) == _path(theirs.path)
    else:
        same = (url_key(url or page.url) == url_key(target)
                and _query(mine.query) == _query(theirs.query))
    return None if same else target


def _query(query: str) -> list[str]:
    """The query's parameters in order, without the ones that only track clicks."""
    kept = []
    for part in query.split("&"):
        name = unquote(part.split("=", 1)[0]).lower()
        if part and not name.startswith("utm_") and name not in _TRACKING:
            kept.append(part)
    return sorted(kept)


def _path(path: str) -> str:
    path = unquote(path) or "/"
    for index in ("index.html", "index.htm"):
        if path.endswith("/" + index):
            path = path[: -len(index)]
    return path


def _at(entry: SitemapEntry) -> PageSummary:
    return summary_stub(entry.sitemap_url or "", entry.sitemap_path)


_SLASHES = re.compile(r"/{2,}")


def _one_slash(url: str) -> str:
    """The URL with each run of slashes in its path made one ("//my-post" -> "/my-post")."""
    parts = urlsplit(url)
    return parts._replace(path=_SLASHES.sub("/", parts.path)).geturl()


def _find(by_key: dict[str, PageSummary], url: str) -> tuple[str, PageSummary] | None:
    """The page served at `url` and its key (its URL's url_key, the key it is filed under)."""
    for key in candidate_keys(url):
        page = by_key.get(key)
        if page is not None:
            return key, page
    return None


def _listed(entry: SitemapEntry, what: str, fix: str) -> Violation:
    """A finding on a sitemap entry, at its line: "Sitemap lists <url><what>"."""
    shown = _shown(entry.listed if not entry.on_site else entry.url)
    return Violation(Position(entry.line), f"Sitemap lists {shown}{what}", fix=fix,
                     page=_at(entry))


@site_rule("D008", "sitemap-mismatch", category="indexability", severity="warning",
           options=Options)
def check(site: Site, opts: Options) -> Iterator[Violation]:
    if site.sitemap is None:
        return
    crawl = site.crawl
    page_keys = [url_key(p.url) for p in site.pages]
    by_key = dict(zip(page_keys, site.pages, strict=True))
    known: set[str] | None = None  # needed only for a listed URL that is no page
    listed: set[str] = set()
    remove = "Remove the URL from the sitemap (or fix the page it points to)"
    for entry in site.sitemap:
        if not entry.on_site:
            yield _listed(entry, ", on another host than the site",
                          "List only this site's URLs (each host has its own sitemap)")
            continue
        target = entry.url
        if crawl is not None:
            fact = crawl.get(entry.url)
            if fact is None:
                continue  # not crawled (outside the scope or past a limit): nothing to say
            if fact.blocked:
                yield _listed(entry, ", which robots.txt blocks",
                              "Remove it from the sitemap, or allow it in robots.txt")
                continue
            if fact.error is not None:
                yield _listed(entry, f", which could not be fetched: {shorten(fact.error, 80)}",
                              remove)
                continue
            if fact.hops:
                final = fact.final_url or fact.hops[-1][1]
                listed.add(url_key(final))
                yield _listed(entry, f", which redirects to {_shown(final)}",
                              f"List the final URL ({shorten(final, 80)}) instead")
                continue
            if fact.status is not None and fact.status >= 400:
                yield _listed(entry, f", which answered HTTP {_status(fact.status)}", remove)
                continue
            target = fact.final_url or entry.url
        found = _find(by_key, target)
        single = _one_slash(target)
        if found is None and single != target and (again := _find(by_key, single)) is not None:
            listed.add(again[0])
            yield Violation(
                Position(entry.line), f"Sitemap lists a URL with a double slash, "
                f"{_shown(entry.url)}: the page is {_shown(single)}",
                fix="Remove the extra slash (the sitemap template joins the site URL and a "
                    "path that starts with /)", page=_at(entry))
            continue
        if found is None:
            listed.add(url_key(target))
            if crawl is None:
                if known is None:
                    known = {url_key(u) for u in site.known_urls}
                if not any(k in known for k in candidate_keys(target)):
                    yield _listed(entry, ", which is not a page of the site (no such file)",
                                  remove)
            continue
        key, page = found
        listed.add(key)
        if page.kind == "redirect":
            yield _listed(entry, ", a redirect stub", "List the page it redirects to instead")
        elif not page.indexable:
            yield _listed(entry, ", which is not indexable (noindex)",
                          "Remove it from the sitemap, or remove its noindex")
        elif (canonical := _canonical_elsewhere(page, target)) is not None:
            yield _listed(entry, f", whose canonical link names {_shown(canonical)}",
                          "List the canonical URL instead, or fix the canonical link")
    if not site.sitemap_complete:
        return
    for page, key in zip(site.pages, page_keys, strict=True):
        if page.kind == "redirect" or not page.indexable or key in listed:
            continue
        path = urlsplit(page.url).path
        if _ERROR_PAGE.search(path) or _canonical_elsewhere(page) is not None:
            continue
        if page.title is None:
            continue  # a fragment without its layout (T001), or a vendor README: not a page yet
        if not opts.include_paginated and (_PAGINATED.search(page.url) or page.kind == "listing"):
            continue
        yield Violation(None, "Indexable page is missing from the sitemap",
                        fix="Add the page to the sitemap (or noindex it if it should not be "
                            "found)", page=page,
                        template_fix="Make the sitemap generator list these pages (its plugin "
                                     "or template), or noindex them if they should not be found")


# A source rule with a check: it judges what only a source knows (the sitemap's contents), so
# it cannot run on pages alone; the engine runs it over the whole site after the pages.
check = replace(check, scope="source")
