"""A page links to a URL of the site that robots.txt forbids crawling.

## What it does
Crawling only (`seolint crawl`): the crawler reads robots.txt first (RFC 9309, product token
`seolint`) and never requests a URL it disallows. This rule reports, at the link, each internal
link (and canonical link) to such a URL.

## Why is this bad?
Search engines cannot read a blocked page, so a link to it leads their crawler nowhere and the
page cannot rank on its content (it may still be indexed, without a description, from the links
alone). A canonical link to a blocked URL names a page search engines cannot check. Usually the
robots.txt rule is broader than intended, or the link points at a private area. Lighthouse and
Screaming Frog both report blocked URLs.

## Example
What the crawl learned (crawl facts, as in `seolint.testing`): the home page links to
`/drafts/`, which robots.txt disallows.

```toml
[[page]]
url = "https://blog.example/"
html = '''<a href="/drafts/">Drafts</a> <a href="/about/">About</a>'''
expect = ["blocked-by-robots"]

[[url]]
url = "https://blog.example/drafts/"
blocked = true
```

## Use instead
Link only to pages search engines may read (or allow the URL in robots.txt).

```toml
[[page]]
url = "https://blog.example/"
html = '''<a href="/about/">About</a>'''

[[url]]
url = "https://blog.example/drafts/"
blocked = true
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import unquote, urlsplit

from seolint.document import Site
from seolint.rule import NoOptions, Violation, shorten, site_rule

_FIX = ("Remove the link, or allow the URL in robots.txt if search engines should read it")


def _shown(url: str) -> str:
    parts = urlsplit(url)
    return shorten((unquote(parts.path) or "/") + (f"?{parts.query}" if parts.query else ""), 90)


@site_rule("X005", "blocked-by-robots", category="indexability", severity="warning")
def check(site: Site, opts: NoOptions) -> Iterator[Violation]:
    crawl = site.crawl
    if crawl is None:
        return
    for page in site.pages:
        for link in page.internal_links:
            fact = crawl.get(link.target)
            if fact is None:
                continue
            if fact.blocked:
                yield Violation(link, f"Link to {_shown(link.target)}, which robots.txt blocks",
                                fix=_FIX, page=page)
            elif fact.redirect_stop == "blocked" and fact.hops:
                yield Violation(link, f"Link to {_shown(link.target)}, which redirects to "
                                      f"{_shown(fact.hops[-1][1])}, which robots.txt blocks",
                                fix=_FIX, page=page)
        fact = crawl.get(page.canonical_url)
        canonical_fix = ("Allow the canonical URL in robots.txt, or point the canonical at a "
                         "URL search engines may read")
        if fact is not None and fact.blocked:
            yield Violation(page.canonical_pos,
                            f"Canonical URL {_shown(fact.url)} is blocked by robots.txt",
                            fix=canonical_fix, page=page)
        elif fact is not None and fact.redirect_stop == "blocked" and fact.hops:
            yield Violation(page.canonical_pos,
                            f"Canonical URL {_shown(fact.url)} redirects to "
                            f"{_shown(fact.hops[-1][1])}, which robots.txt blocks",
                            fix=canonical_fix, page=page)


# A source rule with a check: only a crawl knows what robots.txt blocks, so it cannot run on
# pages alone; the engine runs it over the whole site after the pages.
check = replace(check, scope="source")
