"""A post links to no other page of the site.

## What it does
Counts the links in a post's main content (not navigation, sidebars, footers or comments) that
lead to another page of the same site: a link to the post itself or to one of its own sections
does not count. Reports a post with none. A post whose internal links all carry
`rel="nofollow"` is reported at `info` severity, as Yoast rates it "ok" rather than "bad".

Applies to posts only (a page with `og:type` article, `article:published_time`, BlogPosting or
Article JSON-LD, or a dated URL); redirect stubs, listings and ordinary pages are not checked.
When linting files, links written as absolute URLs to your own domain count as internal only if
the site's base URL is known: `base-url`, else the generator's config (Zola `base_url`, Hugo
`baseURL`, Jekyll `url` + `baseurl`, Astro `site`), else for a built site its CNAME or home
page's canonical. Without one, a post whose text links by absolute URL is not reported: any of
those links may lead to the site itself (the blog's own posts, its docs), which seolint cannot
tell. Measured precision (tests/precision): 70 % (7 of 10 labelled findings still made) before
the generator's base URL was read and this; the wrong ones were posts linking their own blog
by absolute URL (blog.rust-lang.org, svelte.dev). On a fresh sample
(tests/precision/labels-2.jsonl, a88837d) 90 % (9 of 10): the wrong one was a Hugo product page
taken for a post (Hugo writes og:type article on every regular page); on a Hugo site og:type
alone no longer makes a post, which left 52 such pages of flink.apache.org alone.

## Why is this bad?
Links from a post to related posts help readers go on reading, and help search engines find the
other posts and understand how they relate. Links in the theme's menus are the same on every
page and say nothing about this post's subject. Yoast's "Internal links" assessment rates a text
without internal links as bad.

## Example
```html
<html lang="en"><head><meta property="og:type" content="article"></head><body>
<nav><a href="/">Home</a></nav>
<main><p>Running backwards is easier than it looks once you practise.</p></main>
</body></html>
```

## Use instead
```html
<html lang="en"><head><meta property="og:type" content="article"></head><body>
<nav><a href="/">Home</a></nav>
<main><p>Running backwards is easier than it looks once you practise the
<a href="/posts/balance-drills.html">balance drills</a>.</p></main>
</body></html>
```

## Options
None: Yoast asks for at least one internal link in the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from seolint.document import FACT_BODY, Page
from seolint.parse import PSEUDO_ORIGIN
from seolint.rule import NoOptions, Violation, is_post, page_rule

_PSEUDO_HOST = urlsplit(PSEUDO_ORIGIN).hostname  # a file's URL when no base URL is known


def _page_key(url: str) -> str:
    url = url.split("#", 1)[0]
    for index in ("index.html", "index.htm"):
        if url.endswith("/" + index):
            url = url[: -len(index)]
    return url.rstrip("/")


@page_rule("L003", "no-internal-links", category="links", severity="warning", applies=is_post,
           requires=frozenset({FACT_BODY}))
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    here = _page_key(page.url)
    internal = [
        link for link in page.links
        if link.in_main and link.internal and link.url is not None
        and _page_key(link.url) != here
    ]
    if not internal and urlsplit(page.url).hostname == _PSEUDO_HOST and any(
            link.in_main and not link.internal and link.url is not None
            and link.url.startswith(("http://", "https://")) for link in page.links):
        return  # no base URL: an absolute link may be to the site itself, which we cannot tell
    if not internal:
        yield Violation(
            None,
            "The post's main content links to no other page of the site",
            fix="Link the post to at least one related post or page of the site, in the text",
        )
    elif all("nofollow" in link.rel for link in internal):
        yield Violation(
            internal[0],
            f"All {len(internal)} internal links in the post are rel=\"nofollow\"",
            fix="Remove rel=\"nofollow\" from the links to your own pages",
            severity="info",
        )
