"""The URL slug does not hold the focus keyphrase's words.

## What it does
Splits the last part of the page's URL path (the slug: `/posts/backward-running/` gives
"backward running"; `index.html` is skipped, extensions dropped, `%xx` decoded) into words.
The URL is the canonical one when the page has a canonical link, as search results show that
one; a front matter `slug` wins over both. It looks for the keyphrase's content words, matched
by stem, and fires when a one- or two-word keyphrase is not all there, or when half or fewer of
a longer keyphrase's words are. Pages at the site root have no slug and are not checked. Applies to pages
with a keyphrase the writer chose.

## Why is this bad?
The slug shows in search results and in every link to the page; the keyphrase in it tells
searchers and search engines what the page is about before they open it. Yoast's UrlKeyword
assessment asks for it.

## Example
```html
<html lang="en"><head><meta name="keyphrase" content="backward running"></head><body><main>
<p>Backward running is fun.</p>
</main></body></html>
```

## Use instead
```html
<html lang="en"><head><meta name="keyphrase" content="backward running">
<link rel="canonical" href="https://example.com/backward-running/"></head><body><main>
<p>Backward running is fun.</p>
</main></body></html>
```

The examples are linted as `example.html`, whose slug is "example"; the fixed page is checked
against its canonical URL, whose slug is "backward-running".

## Options
None: Yoast's UrlKeyword rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from seolint.document import FACT_BODY, Page
from seolint.keyphrase import declared_keyphrase, match, slug_words
from seolint.rule import NoOptions, Violation, page_rule


def _applies(page: Page) -> bool:
    kp = declared_keyphrase(page) if page.kind in ("post", "page") else None
    return kp is not None and kp.usable


def _enough(found: int, total: int) -> bool:
    return found == total if total <= 2 else found > total / 2


@page_rule("K006", "keyphrase-not-in-slug", category="keyphrase", severity="info",
           applies=_applies, requires=frozenset({FACT_BODY}))
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    kp = declared_keyphrase(page)
    words = slug_words(page)
    if kp is None or not words:
        return
    m = match(None, kp, tokens=words)
    if _enough(m.found, m.total):
        return
    slug = "-".join(words)
    suggestion = "-".join(kp.content) if kp.content else kp.text
    yield Violation(
        None,
        f"The URL slug \"{slug}\" lacks the keyphrase {kp.label()} ({m.found} of {m.total} "
        "content words)",
        fix=f"Use a slug such as \"{suggestion.lower()}\", and redirect the old URL to it",
    )
