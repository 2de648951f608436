"""An internal link points to a page that does not exist.

## What it does
When linting a folder (a built site), resolves every link to the site's own pages and reports
those whose target is not among the folder's files, trying the forms a static server would
serve: the path itself, a folder with `index.html`, and the path with `.html` added. Links to
other hosts, and runs over single files (where the rest of the site is unknown), are not checked.
Crawling (`seolint crawl`) checks links by their HTTP status instead.

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

from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from seolint.document import Site
from seolint.rule import NoOptions, Violation, shorten, site_rule
from seolint.sitetools import candidate_keys, url_key


@site_rule("D007", "broken-internal-link", category="links", severity="error")
def check(site: Site, opts: NoOptions) -> Iterator[Violation]:
    if not site.complete:
        return
    known = {url_key(u) for u in site.known_urls}
    known.update(url_key(p.url) for p in site.pages)
    for page in site.pages:
        reported: set[str] = set()
        for link in page.internal_links:
            if any(k in known for k in candidate_keys(link.target)):
                continue
            shown = unquote(urlsplit(link.target).path) or "/"
            yield Violation(
                link,
                f"Link to {shorten(shown, 100)} points to no page of the site",
                fix="Fix the link's target, or remove the link" if shown not in reported
                else "Fix this link too",
                page=page,
            )
            reported.add(shown)
