"""The meta description does not hold the focus keyphrase.

## What it does
Looks for every content word of the keyphrase (matched by stem) in the meta description, or the
front matter's `description` for a Markdown source. Pages without a description are left to
M001 (missing-meta-description). Applies to pages with a keyphrase the writer chose
(`--keyphrase`, front matter, `<meta name="keyphrase">`, the `keyphrases` config).

## Why is this bad?
Search engines show the description under the title and highlight the searched words in it; a
description with the keyphrase tells the searcher this page is the answer. Yoast's
MetaDescriptionKeyword assessment asks for it.

## Example
```html
<html lang="en"><head><meta name="keyphrase" content="backward running">
<meta name="description" content="Why some runners turn around, and what it does for them.">
</head><body><main><p>Backward running is fun.</p></main></body></html>
```

## Use instead
```html
<html lang="en"><head><meta name="keyphrase" content="backward running">
<meta name="description" content="What backward running does for your knees, and how to start.">
</head><body><main><p>Backward running is fun.</p></main></body></html>
```

## Options
None: Yoast's rule, the keyphrase in the meta description.
"""

from __future__ import annotations

from collections.abc import Iterator

from seolint.document import FACT_BODY, Page, Position
from seolint.keyphrase import declared_keyphrase, match
from seolint.rule import NoOptions, Violation, page_rule


def _applies(page: Page) -> bool:
    kp = declared_keyphrase(page) if page.kind in ("post", "page") else None
    return kp is not None and kp.usable


def _description(page: Page) -> tuple[str, Position] | None:
    descs = page.descriptions
    if descs and (descs[0].content or "").strip():
        return (descs[0].content or "").strip(), descs[0].pos
    fm = page.front_matter.get("description") if isinstance(page.front_matter, dict) else None
    if isinstance(fm, str) and fm.strip():
        return fm.strip(), Position()
    return None


@page_rule("K003", "keyphrase-not-in-meta-description", category="keyphrase",
           severity="warning", applies=_applies, requires=frozenset({FACT_BODY}))
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    kp = declared_keyphrase(page)
    found = _description(page)
    if kp is None or found is None:
        return
    description, pos = found
    m = match(description, kp)
    if m.all:
        return
    yield Violation(
        pos,
        f"Meta description lacks the keyphrase {kp.label()} ({m.found} of {m.total} content "
        "words)",
        fix=f"Rewrite the description to use \"{kp.text}\" once",
    )
