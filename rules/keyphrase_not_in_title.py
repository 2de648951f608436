"""The title does not hold the focus keyphrase (or holds it, but not at the start).

## What it does
Looks for the keyphrase's content words in the page's `<title>` (or the front matter's `title`
for a Markdown source), matched by stem, so "Backward runs" holds "backward running". The rule
fires as a warning when some content word is missing, and as info when all are there but the
title does not start with them (leading articles such as "The" are skipped).

The keyphrase is the one the writer chose: `--keyphrase`, front matter `keyphrase`/`keywords`,
`<meta name="keyphrase">`, or the config's `keyphrases` table. Pages without one are not applicable, as in Yoast (an
inferred keyphrase is only used for K009 keyword-stuffing).

## Why is this bad?
The title is what searchers see first, and search engines weigh the words in it. Yoast's
KeyphraseInSEOTitle assessment wants the keyphrase in the title, best at its beginning.

## Example
```html
<html lang="en"><head><title>How I learned to love the track</title>
<meta name="keyphrase" content="backward running"></head>
<body><main><p>Backward running is fun.</p></main></body></html>
```

## Use instead
```html
<html lang="en"><head><title>Backward running: how I learned to love the track</title>
<meta name="keyphrase" content="backward running"></head>
<body><main><p>Backward running is fun.</p></main></body></html>
```

## Options
None: the keyphrase comes from `--keyphrase`, front matter, `<meta name="keyphrase">` or the
`keyphrases` config table.
"""

from __future__ import annotations

from collections.abc import Iterator

from seolint.document import FACT_BODY, Page, Position
from seolint.keyphrase import declared_keyphrase, match
from seolint.rule import NoOptions, Violation, page_rule, shorten


def _applies(page: Page) -> bool:
    kp = declared_keyphrase(page) if page.kind in ("post", "page") else None
    return kp is not None and kp.usable


def _title(page: Page) -> tuple[str, Position] | None:
    if page.title is not None and page.title.text:
        return page.title.text, page.title.pos
    fm = page.front_matter.get("title") if isinstance(page.front_matter, dict) else None
    if isinstance(fm, str) and fm.strip():
        return fm.strip(), Position()
    return None


@page_rule("K001", "keyphrase-not-in-title", category="keyphrase", severity="warning",
           applies=_applies, requires=frozenset({FACT_BODY}))
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    kp = declared_keyphrase(page)
    found = _title(page)
    if kp is None or found is None:
        return
    title, pos = found
    m = match(title, kp)
    if not m.all:
        yield Violation(
            pos,
            f"Title lacks the keyphrase {kp.label()} ({m.found} of {m.total} content words): "
            f"\"{shorten(title)}\"",
            fix=f"Put \"{kp.text}\" in the title, best at its start",
        )
    elif not m.at_start:
        yield Violation(
            pos,
            f"Title holds the keyphrase {kp.label()}, but not at its start: \"{shorten(title)}\"",
            fix=f"Move \"{kp.text}\" to the beginning of the title",
            severity="info",
        )
