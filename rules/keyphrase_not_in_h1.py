"""The main heading (h1) does not hold the focus keyphrase.

## What it does
Looks for every content word of the keyphrase (matched by stem) in the page's first `<h1>`.
Pages without an h1 are left to H001 (missing-h1). Applies to pages with a keyphrase the writer
chose (`--keyphrase`, front matter, `<meta name="keyphrase">`, the `keyphrases` config).

## Why is this bad?
The h1 is the headline readers see when they land; when it names what they searched for, they
know they are in the right place, and search engines read it as the page's topic. Yoast does
not check it (its SEO title check covers the title tag), but it is common practice.

## Example
```html
<html lang="en"><head><meta name="keyphrase" content="backward running"></head><body><main>
<h1>Turn around!</h1><p>Backward running is fun.</p>
</main></body></html>
```

## Use instead
```html
<html lang="en"><head><meta name="keyphrase" content="backward running"></head><body><main>
<h1>Backward running: turn around!</h1><p>Backward running is fun.</p>
</main></body></html>
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from seolint.document import FACT_BODY, Page
from seolint.keyphrase import declared_keyphrase, match
from seolint.rule import NoOptions, Violation, page_rule, shorten


def _applies(page: Page) -> bool:
    kp = declared_keyphrase(page) if page.kind in ("post", "page") else None
    return kp is not None and kp.usable


@page_rule("K004", "keyphrase-not-in-h1", category="keyphrase", severity="info",
           applies=_applies, requires=frozenset({FACT_BODY}))
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    kp = declared_keyphrase(page)
    h1 = next((h for h in page.h1s if h.in_main and h.text), None) or next(
        (h for h in page.h1s if h.text), None)
    if kp is None or h1 is None:
        return
    m = match(h1.text, kp)
    if m.all:
        return
    yield Violation(
        h1,
        f"The h1 lacks the keyphrase {kp.label()} ({m.found} of {m.total} content words): "
        f"\"{shorten(h1.text)}\"",
        fix=f"Use \"{kp.text}\" in the main heading",
    )
