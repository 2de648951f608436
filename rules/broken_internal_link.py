"""An internal link points to a page that does not exist.

## What it does
When linting a folder (a built site), resolves every link to the site's own pages and reports
those whose target is not among the folder's files, trying the forms a static server would
serve: the path itself, a folder with `index.html`, and the path with `.html` added. Links to
other hosts, and runs over single files (where the rest of the site is unknown), are not checked.
Crawling (`seolint crawl`) checks links by their HTTP status instead: a link (or the canonical
link) whose target answered 4xx or 5xx, after redirects, or could not be fetched.

## Why is this bad?
A broken link is a dead end for a reader and a wasted request for a crawler, and it leaks the
link's value. Screaming Frog and every link checker report them.

## Example
```html
<!-- page0.html --><html><body><p>See <a href="/posts/missing/">the old post</a>.</p></body></html>
```

## Use instead
```html
<!-- page0.html --><html><body><p>See <a href="/page0.html">this post</a>.</p></body></html>
```

## Options
None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from http import HTTPStatus
from urllib.parse import unquote, urlsplit

from seolint.document import FetchFact, Site
from seolint.rule import NoOptions, Violation, shorten, site_rule
from seolint.sitetools import candidate_keys, url_key

# "/www.example.com/page": an href written without its scheme, resolved as a relative path.
_HOST_LIKE = re.compile(r"^/(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(/|$)", re.IGNORECASE)


@site_rule("D007", "broken-internal-link", category="links", severity="error")
def check(site: Site, opts: NoOptions) -> Iterator[Violation]:
    if site.crawl is not None:
        yield from _by_status(site)
        return
    if not site.complete:
        return
    known = {url_key(u) for u in site.known_urls}
    known.update(url_key(p.url) for p in site.pages)
    for page in site.pages:
        for link in page.internal_links:
            if any(k in known for k in candidate_keys(link.target)):
                continue
            shown = unquote(urlsplit(link.target).path) or "/"
            if _HOST_LIKE.match(shown) and not shown.lower().endswith((".html", ".htm")):
                fix = f"Add https:// in front of {shorten(shown[1:], 60)}: it reads as a path"
            else:
                fix = "Fix the link's target, or remove the link"
            yield Violation(
                link,
                f"Link to {shorten(shown, 100)} points to no page of the site",
                fix=fix,
                page=page,
                template_fix=f"Fix the link to {shorten(shown, 60)} where the template prints it "
                             "(navigation, sidebar or footer), or remove it",
            )


def _status(code: int) -> str:
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)


def _broken(fact: FetchFact) -> str | None:
    """Why a crawled URL is a dead end (after its redirects), or None when it is not."""
    if fact.blocked or fact.redirect_stop in ("offsite", "blocked", "excluded"):
        return None  # not fetched on purpose: X005 and X003 report these
    if fact.error is not None:
        return f"could not be fetched ({shorten(fact.error, 80)})"
    if fact.redirect_stop == "loop":
        return "ends in a redirect loop"
    if fact.redirect_stop == "too-many":
        return "redirects more than 10 times"
    if fact.status is not None and fact.status >= 400:
        via = f"redirects to {shorten(fact.final_url, 80)}, which " if fact.final_url else ""
        return f"{via}answered HTTP {_status(fact.status)}"
    return None


def _by_status(site: Site) -> Iterator[Violation]:
    """Crawling: links (and canonical links) whose target answered 4xx/5xx or failed."""
    crawl = site.crawl
    assert crawl is not None
    for page in site.pages:
        for link in page.internal_links:
            fact = crawl.get(link.target)
            why = _broken(fact) if fact is not None else None
            if why is not None:
                shown = unquote(urlsplit(link.target).path) or "/"
                yield Violation(link, f"Link to {shorten(shown, 100)} {why}",
                                fix="Fix the link's target, or remove the link", page=page)
        fact = crawl.get(page.canonical_url)
        why = _broken(fact) if fact is not None else None
        if why is not None:
            yield Violation(page.canonical_pos,
                            f"Canonical URL {shorten(page.canonical_url or '', 100)} {why}",
                            fix="Point the canonical at the page's own working URL", page=page)
