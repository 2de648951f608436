"""No other page of the site links to this page (an orphan).

## What it does
Builds the site's link graph from every page's links (`rel="nofollow"` links do not count, nor a
page's links to itself) and reports indexable pages that no other page links to:

- linting a folder (a built site): any page of the folder, whether or not a sitemap lists it;
- crawling: pages the crawl found only through the sitemap (in it, linked from nowhere).

A link to a URL that redirects counts for the page it lands on. Not reported: the homepage and
the crawl's start page, error pages (`404.html`), redirect stubs and noindex pages, which are not
meant to be found by links, and listing pages (date archives, tag, category and author pages, and
their later pages), which a theme generates for the posts they list: nothing need link to the
archive of 28 July 2010, and linking to it would help no reader. Runs only when the whole site is known: a folder, or a crawl that
no page or depth limit cut short (single files and partial crawls cannot tell). On Markdown
sources, posts and sections (`_index.md`) are not reported either: the generator lists them on
pages the sources do not hold (home, archives, feeds, menus); a source page (`about.md`) that
nothing links to still is.

## Why is this bad?
Search engines discover pages and judge their importance by the links to them; a page nothing
links to gets little or no link value, is crawled rarely, and readers cannot reach it either.
Screaming Frog reports such "orphan URLs" from the sitemap.

## Example
```html
<!-- page0.html, linked from nowhere --><html><body><p>A post no one links to. It links to <a href="/page1.html">the other one</a>.</p></body></html>
```
```html
<!-- page1.html --><html><body><p>A post.</p></body></html>
```

## Use instead
```html
<!-- page0.html --><html><body><p>See <a href="/page1.html">the other post</a>.</p></body></html>
```
```html
<!-- page1.html --><html><body><p>See <a href="/page0.html">the first post</a>.</p></body></html>
```

## Options
None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from seolint.document import MARKDOWN_SUFFIXES, PageSummary, Site
from seolint.rule import NoOptions, Violation, site_rule
from seolint.sitetools import candidate_keys, url_key

# Error pages a static site generator writes (404.html, /error/): never linked on purpose.
_ERROR_PAGE = re.compile(r"/(404|410|500|error|not-found)(\.html?|/)?$", re.IGNORECASE)


def _exempt(page: PageSummary, key: str, seeds: set[str]) -> bool:
    if page.kind in ("redirect", "listing") or not page.indexable:
        return True
    path = unquote(urlsplit(page.url).path) or "/"
    if path in ("/", "/index.html", "/index.htm") or _ERROR_PAGE.search(path):
        return True
    if page.kind in ("post", "listing") and (page.path or "").lower().endswith(MARKDOWN_SUFFIXES):
        # A Markdown post or section: the generator links it from listings and menus the
        # sources do not hold (home page, archives, feeds), so it is not an orphan for want
        # of a link from another post.
        return True
    return key in seeds


@site_rule("D006", "orphan-page", category="links", severity="warning")
def check(site: Site, opts: NoOptions) -> Iterator[Violation]:
    crawl = site.crawl
    if not site.complete or len(site.pages) < 2 or (crawl is not None and not crawl.complete):
        return
    seeds = {url_key(crawl.landing(s)) for s in crawl.seeds} if crawl else set()
    own_keys = [url_key(page.url) for page in site.pages]
    inbound: set[str] = set()
    # Every page links the same navigation, tags and archives: work out each target's keys
    # once, and once its keys are in `inbound`, skip it (only a link to itself adds nothing).
    keys_of: dict[str, list[str]] = {}
    counted: set[str] = set()
    for page, own in zip(site.pages, own_keys, strict=True):
        for link in page.internal_links:
            target = link.target
            if target in counted:
                continue
            keys = keys_of.get(target)
            if keys is None:
                keys = keys_of[target] = candidate_keys(crawl.landing(target) if crawl
                                                        else target)
            if own in keys:
                continue  # a link to itself
            inbound.update(keys)
            counted.add(target)
    listed: set[str] | None = None  # read only when there is an orphan to describe
    for page, key in zip(site.pages, own_keys, strict=True):
        if key in inbound or _exempt(page, key, seeds):
            continue
        if listed is None:
            listed = ({url_key(e.url) for e in site.sitemap if e.on_site}
                      if site.sitemap is not None else set())
        where = " (only the sitemap lists it)" if key in listed else ""
        yield Violation(
            None,
            f"No other page of the site links to this page{where}",
            fix="Link to it from a related post or a listing page, or remove the page if it is "
                "no longer wanted",
            page=page,
            template_fix="Link these pages from a listing the theme builds (an archive, a tag or "
                         "category page, the home page), or remove the ones no longer wanted",
        )
