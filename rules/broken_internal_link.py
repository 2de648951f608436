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

import re
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from seolint.document import Site
from seolint.rule import NoOptions, Violation, shorten, site_rule
from seolint.sitetools import candidate_keys, url_key

# "/www.example.com/page": an href written without its scheme, resolved as a relative path.
_HOST_LIKE = re.compile(r"^/(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(/|$)", re.IGNORECASE)


@site_rule("D007", "broken-internal-link", category="links", severity="error")
def check(site: Site, opts: NoOptions) -> Iterator[Violation]:
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
            )
