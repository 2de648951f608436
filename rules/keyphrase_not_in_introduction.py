"""The introduction (the first paragraph) does not hold the focus keyphrase.

## What it does
Takes the first paragraph of the main content (headings before it are skipped) and looks for a
sentence that holds every content word of the keyphrase, matched by stem. It fires as a
warning when no sentence does and the words are not all in the paragraph, and as info when they
are in the paragraph but spread over several sentences. Applies to pages with a keyphrase the
writer chose (`--keyphrase`, front matter, `<meta name="keyphrase">`, the `keyphrases` config).

## Why is this bad?
Readers and search engines both read the introduction to learn what the page is about. Yoast's
IntroductionKeyword assessment wants the keyphrase in one sentence of the first paragraph.

## Example
```html
<html lang="en"><head><meta name="keyphrase" content="backward running"></head><body><main>
<p>Most people picture running as moving forward. It does not have to be.</p>
<p>Backward running is gaining fans.</p>
</main></body></html>
```

## Use instead
```html
<html lang="en"><head><meta name="keyphrase" content="backward running"></head><body><main>
<p>Backward running is gaining fans. It is kind to the knees.</p>
</main></body></html>
```

## Options
None: Yoast's rule, the keyphrase in one sentence of the first paragraph.
"""

from __future__ import annotations

from collections.abc import Iterator

from seolint.document import FACT_BODY, Page
from seolint.keyphrase import declared_keyphrase, match
from seolint.rule import NoOptions, Violation, page_rule
from seolint.text import PARAGRAPH_KINDS, analysis


def _applies(page: Page) -> bool:
    kp = declared_keyphrase(page) if page.kind in ("post", "page") else None
    return kp is not None and kp.usable


@page_rule("K002", "keyphrase-not-in-introduction", category="keyphrase", severity="warning",
           applies=_applies, requires=frozenset({FACT_BODY}))
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    kp = declared_keyphrase(page)
    text = analysis(page)
    unit = next((u for u in text.units if u.kind in PARAGRAPH_KINDS and u.count), None)
    if kp is None or unit is None:
        return
    sentences = text.sentences_of(unit)
    if any(match(None, kp, tokens=s.tokens).all for s in sentences):
        return
    whole = match(None, kp, tokens=[t for s in sentences for t in s.tokens])
    if whole.all:
        yield Violation(
            unit,
            f"The first paragraph holds the keyphrase {kp.label()}, but not within one sentence",
            fix=f"Use \"{kp.text}\" in one sentence of the first paragraph",
            severity="info",
        )
        return
    yield Violation(
        unit,
        f"The first paragraph lacks the keyphrase {kp.label()} ({whole.found} of "
        f"{whole.total} content words)",
        fix=f"Say what the page is about in its first paragraph, using \"{kp.text}\"",
    )
