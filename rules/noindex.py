"""The page tells search engines not to index it (noindex).

## What it does
Reports a page whose `<meta name="robots">` or `<meta name="googlebot">` tag, or whose
`X-Robots-Tag` response header, holds `noindex` or `none`. The finding is placed on the meta tag
when there is one. Redirect stubs and pages that answered an HTTP error (X001) are not checked.

A noindex is rightly there, and not reported, on pages that are copies or lists of pages that
are indexed elsewhere, so the rule never advises removing it from them:

- listing pages (tag, category, author and date archives, search results, paginated lists
  such as `/page/2/`, `?page=2`, or a page with `<link rel="prev">`): they repeat the posts'
  own titles and excerpts, and the posts are what should rank. Yoast and Rank Math noindex
  them by default, and Google's pagination guidance lets them be found through the links;
- WordPress `?replytocom=` copies, a post's page again for each comment reply link;
- a page whose canonical names another URL: it says it is a duplicate of that one, and the
  noindex keeps the copy out as well;
- drafts (a `/drafts/` folder), and error pages.

A page that duplicates an indexable page without saying so (no canonical) is rightly noindex
too, but a page rule cannot see the other page: when `seolint` reports a noindex on such a
copy, keep the noindex and ignore this rule for its path. Other intended noindex pages
(thank-you pages, a staging copy): ignore this rule for those paths with `per-path-ignores` in
the config, e.g. `"thanks/*" = ["noindex"]`.

## Why is this bad?
A page with noindex is left out of search results however good it is. A noindex left over from a
staging site, a plugin setting or a theme template hides pages that were meant to be found.
Lighthouse fails "Page is blocked from indexing" on it.

## Example
```html
<html lang="en"><head>
<title>Running backwards</title>
<meta name="robots" content="noindex, follow">
</head><body><h1>Running backwards</h1></body></html>
```

## Use instead
```html
<html lang="en"><head>
<title>Running backwards</title>
<meta name="robots" content="index, follow">
</head><body><h1>Running backwards</h1></body></html>
```

## Options
None: `noindex` and `none` are the directives that keep a page out of the index (Google Search
Central, "Robots meta tag, data-nosnippet, and X-Robots-Tag specifications").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

from seolint.document import Page
from seolint.parse import resolve
from seolint.rule import NoOptions, Violation, page_rule, shorten

_BLOCKING = frozenset({"noindex", "none"})
_FIX = ("Remove the noindex if this page should be found in search and copies no other page; "
        "if it is meant to stay out, ignore noindex for this path with per-path-ignores")
# Listing and error paths (as seolint.parse reads a page's kind), drafts, and pagination.
_LISTING_PATH = re.compile(
    r"/(tag|tags|category|categories|archive|archives|author|authors|label|search|etiqueta"
    r"|categoria|drafts?)(/|\.html?$|$)|/page/?\d+(/(index\.html?)?)?$"
    r"|/(404|410|500|error|not-found)(\.html?|/)?$",
    re.IGNORECASE,
)
# A comment-reply copy, a page of a paginated list, search results (?p=123 is a post itself).
_COPY_PARAMS = frozenset({"replytocom", "page", "paged", "s", "q", "query"})


def rightly_noindex(page: Page) -> bool:
    """A page whose noindex is right: a listing, a paginated or comment-reply copy, a page that
    names another URL as its canonical, a draft, an error page (see the module docstring)."""
    if page.kind == "listing":
        return True
    parts = urlsplit(page.url)
    if _LISTING_PATH.search(parts.path):
        return True
    if {k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)} & _COPY_PARAMS:
        return True
    if any("prev" in t.rel or "previous" in t.rel for t in page.link_tags if t.in_head):
        return True
    for tag in page.canonicals:
        target = resolve(page.url, tag.href) if tag.href and tag.in_head else None
        if target is not None and target.split("#")[0].rstrip("/") != page.url.split("#")[
                0].rstrip("/"):
            return True
    return False


def _applies(page: Page) -> bool:
    return (page.kind != "redirect" and (page.status is None or page.status < 400)
            and not rightly_noindex(page))


@page_rule("X004", "noindex", category="indexability", severity="warning", applies=_applies)
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    if not page.noindex:
        return
    for meta in page.metas:
        if meta.key in ("robots", "googlebot") and meta.content:
            directives = {d.strip().lower() for d in meta.content.split(",")}
            if directives & _BLOCKING:
                yield Violation(
                    meta,
                    "Search engines are told not to index the page: "
                    f'<meta name="{meta.key}" content="{shorten(meta.content.strip(), 50)}">',
                    fix=_FIX,
                )
                return
    header = next(
        (value for name, value in page.headers if name.lower() == "x-robots-tag"
         and any(part.split(":")[-1].strip().lower() in _BLOCKING for part in value.split(","))),
        "noindex",
    )
    yield Violation(
        None,
        "Search engines are told not to index the page: "
        f'X-Robots-Tag: {shorten(header.strip(), 50)}',
        fix=_FIX,
    )
