"""Few subheadings (h2, h3) reflect the focus keyphrase, or nearly all of them do.

## What it does
Counts the h2 and h3 headings of the main content that reflect the keyphrase: that hold more
than half of its content words (all of them for a one- or two-word keyphrase), matched by stem.
It fires when under `min-percent` of them do, and, with at least `stuffing-min-headings`
subheadings, when over `max-percent` do (over-optimisation). Pages without h2/h3 are not
checked. Applies to pages with a keyphrase the writer chose.

## Why is this bad?
Subheadings are what scanning readers and search engines read to see what each part of a page
covers; some of them should say the page's topic. All of them saying it reads as stuffing.
Yoast's SubHeadingsKeyword assessment wants 30 % to 75 % of subheadings to reflect it.

## Example
```html
<html lang="en"><head><meta name="keyphrase" content="backward running"></head><body><main>
<h1>Backward running</h1>
<h2>Why it works</h2><p>It spares the knees.</p>
<h2>How to start</h2><p>Walk first.</p>
<h2>What to wear</h2><p>Light shoes.</p>
</main></body></html>
```

## Use instead
```html
<html lang="en"><head><meta name="keyphrase" content="backward running"></head><body><main>
<h1>Backward running</h1>
<h2>Why backward running works</h2><p>It spares the knees.</p>
<h2>How to start</h2><p>Walk first.</p>
<h2>What to wear</h2><p>Light shoes.</p>
</main></body></html>
```

## Options
- `min-percent` (default 30, Yoast SubHeadingsKeyword's lower bound)
- `max-percent` (default 75, Yoast's upper bound: more reads as over-optimised)
- `stuffing-min-headings` (default 4: with fewer subheadings, having the keyphrase in all of
  them is normal and not reported)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import FACT_BODY, Page
from seolint.keyphrase import declared_keyphrase, match
from seolint.rule import Violation, page_rule


@dataclass(frozen=True)
class Options:
    min_percent: float = 30.0  # Yoast SubHeadingsKeyword: lowerBoundary
    max_percent: float = 75.0  # Yoast SubHeadingsKeyword: upperBoundary
    stuffing_min_headings: int = 4


def _applies(page: Page) -> bool:
    kp = declared_keyphrase(page) if page.kind in ("post", "page") else None
    return kp is not None and kp.usable


def _reflects(found: int, total: int) -> bool:
    return found == total if total <= 2 else found > total / 2


@page_rule("K005", "keyphrase-rare-in-subheadings", category="keyphrase", severity="info",
           options=Options, applies=_applies, requires=frozenset({FACT_BODY}))
def check(page: Page, opts: Options) -> Iterator[Violation]:
    kp = declared_keyphrase(page)
    subheads = [h for h in page.headings
                if h.level in (2, 3) and h.in_main and not h.hidden and h.text]
    if kp is None or not subheads:
        return
    hits = 0
    for h in subheads:
        m = match(h.text, kp)
        hits += _reflects(m.found, m.total)
    share = 100.0 * hits / len(subheads)
    if share < opts.min_percent:
        yield Violation(
            subheads[0],
            f"{hits} of {len(subheads)} h2/h3 subheadings reflect the keyphrase {kp.label()} "
            f"({share:.0f}%; recommended at least {opts.min_percent:g}%)",
            fix=f"Use \"{kp.text}\" or its words in one or two more subheadings",
        )
    elif share > opts.max_percent and len(subheads) >= opts.stuffing_min_headings:
        yield Violation(
            subheads[0],
            f"{hits} of {len(subheads)} h2/h3 subheadings repeat the keyphrase {kp.label()} "
            f"({share:.0f}%; recommended at most {opts.max_percent:g}%)",
            fix="Let some subheadings say what their section covers in other words",
        )
