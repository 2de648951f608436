"""A post cites nothing outside the site (no outbound links).

## What it does
Counts the http(s) links in a post's main content (not navigation, sidebars, footers or comments)
that lead to another site, and reports a post with none. Unlike Yoast, links with
`rel="nofollow"`, `"sponsored"` or `"ugc"` count: they still show the reader a source, and
Google asks for those attributes on paid and user-written links.

Applies to posts only (a page with `og:type` article, `article:published_time`, BlogPosting or
Article JSON-LD, or a dated URL). When linting files without `base-url`, absolute links to your
own domain look external; set `base-url` so they count as internal.

Not in the default selection (select it with `--select L004` or in the config): its measured
precision on the labelled corpus sample (tests/precision, findings judged by reading the page)
is 67 % (4 of 6); the wrong ones were personal stories with nothing outside the site to cite.

## Why is this bad?
Links to sources let readers check a claim and show search engines which pages the post builds
on; a post that cites nothing reads as unsupported. Yoast's "Outbound links" assessment asks for
at least one. Some posts need no sources, so this is a hint (info), not a warning.

## Example
```html
<html lang="en"><head><meta property="og:type" content="article"></head><body>
<main><p>Studies show that running backwards burns more energy, as
<a href="/posts/energy.html">I wrote before</a>.</p></main>
<footer><a href="https://twitter.com/example">Follow me</a></footer>
</body></html>
```

## Use instead
```html
<html lang="en"><head><meta property="og:type" content="article"></head><body>
<main><p>A <a href="https://example.org/retro-running-study">2012 study</a> found that running
backwards burns about 30 % more energy.</p></main>
</body></html>
```

## Options
None: Yoast asks for at least one outbound link in the text.
"""

from __future__ import annotations

from collections.abc import Iterator

from seolint.document import FACT_BODY, Page
from seolint.rule import NoOptions, Violation, is_post, page_rule


@page_rule("L004", "no-outbound-links", category="links", severity="info", applies=is_post,
           requires=frozenset({FACT_BODY}),
           default_enabled=False)
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    # Link.url is only set for http(s) targets, so mailto: and tel: links never count.
    if any(link.in_main and not link.internal and link.url is not None for link in page.links):
        return
    yield Violation(
        None,
        "The post's main content links to no page outside the site",
        fix="Link at least one source, study or reference the post relies on, in the text",
    )
