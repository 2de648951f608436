"""A run of more than 300 words of text has no subheading.

## What it does
Splits the main content at its headings and counts the words of each section's paragraphs, list
items, quotes and other text (code blocks and tables are not counted, as everywhere in seolint,
nor list items that are issue-tracker entries, `[FLINK-26726] - Remove the ...`: a generated
release-note list is scanned like a table).
A section over `max-words` is reported at its first block; over `bad-words` it is reported as a
warning, else as info. The text before the first heading is a section too. Only the main content
counts: navigation, sidebars, footers and comments are not part of any section. Posts and pages
are checked; listing pages (home, tag and archive pages) string excerpts of several posts together
and are not one text, so they are not.

Yoast does not assess texts of 300 words or fewer; with the default thresholds such a text can
never hold a section over 300 words, so that rule is kept without a separate check.

Measured precision (tests/precision/labels-2.jsonl, a fresh sample of a88837d): 80 % (8 of 10).
Both wrong ones were generated release-note lists of issue-tracker entries ("[FLINK-26726] -
Remove the unregistered task ...", 346 and 462 words under one "Bug" heading), which a reader
scans and nobody splits under subheadings; such entries are no longer counted.

## Why is this bad?
Readers scan: subheadings let them see what a long post covers and jump to the part they came
for, and a wall of text sends them back to the search results. Yoast's SubheadingDistribution
assessment wants at most 300 words per section and marks over 350 as bad.

## Example
```html
<body>
<h1>Running backwards</h1>
<p>Backwards running works the muscles in a new order. Backwards running works the muscles in a
new order. Backwards running works the muscles in a new order. Backwards running works the
muscles in a new order. Backwards running works the muscles in a new order. Backwards running
works the muscles in a new order. Backwards running works the muscles in a new order. Backwards
running works the muscles in a new order. Backwards running works the muscles in a new order.
Backwards running works the muscles in a new order. Backwards running works the muscles in a new
order. Backwards running works the muscles in a new order. Backwards running works the muscles
in a new order. Backwards running works the muscles in a new order. Backwards running works the
muscles in a new order. Backwards running works the muscles in a new order. Backwards running
works the muscles in a new order. Backwards running works the muscles in a new order. Backwards
running works the muscles in a new order. Backwards running works the muscles in a new order.
Backwards running works the muscles in a new order. Backwards running works the muscles in a new
order. Backwards running works the muscles in a new order. Backwards running works the muscles
in a new order. Backwards running works the muscles in a new order. Backwards running works the
muscles in a new order. Backwards running works the muscles in a new order. Backwards running
works the muscles in a new order. Backwards running works the muscles in a new order. Backwards
running works the muscles in a new order. Backwards running works the muscles in a new order.
Backwards running works the muscles in a new order. Backwards running works the muscles in a new
order. Backwards running works the muscles in a new order.</p>
</body>
```

## Use instead
```html
<body>
<h1>Running backwards</h1>
<h2>Why it works</h2>
<p>Backwards running works the muscles in a new order, and it is easier on the knees.</p>
<h2>How to start</h2>
<p>Start on a track, with a friend who looks ahead for you.</p>
</body>
```

## Options
- `max-words` (default 300, Yoast SubheadingDistribution's recommended maximum)
- `bad-words` (default 350, Yoast's "far too many": above it the finding is a warning)
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import FACT_BODY, Page, TextBlock
from seolint.rule import Violation, page_rule

_NOT_COUNTED = ("pre", "table")
# An issue-tracker entry in a generated release-note list: "[FLINK-26726] - Remove the ...",
# "GH-1234: fix ...". Such a list is reference data a reader scans, like a table.
_ISSUE_ENTRY = re.compile(r"\[?[A-Z][A-Z0-9]{1,15}-\d+\]?\s*[-–—:]\s")


def _applies(page: Page) -> bool:
    # A listing page strings excerpts of several posts together: it is not one text to read.
    return page.kind in ("post", "page")


@dataclass(frozen=True)
class Options:
    max_words: int = 300  # Yoast SubheadingDistribution: recommendedMaximumLength
    bad_words: int = 350  # Yoast SubheadingDistribution: farTooMany

    def __post_init__(self) -> None:
        if self.max_words < 1:
            raise ValueError("'max-words' must be at least 1")
        if self.bad_words < self.max_words:
            raise ValueError("'bad-words' must be at least 'max-words'")


@page_rule("H007", "long-section-without-subheading", category="headings", severity="info",
           options=Options, applies=_applies,
           requires=frozenset({FACT_BODY}))
def check(page: Page, opts: Options) -> Iterator[Violation]:
    sections: list[tuple[TextBlock, int]] = []
    first: TextBlock | None = None
    words = 0
    for block in page.blocks:
        if block.kind == "heading":
            if first is not None:
                sections.append((first, words))
            first, words = None, 0
            continue
        if first is None:
            first = block
        if block.kind not in _NOT_COUNTED and not (
                block.kind == "li" and _ISSUE_ENTRY.match(block.text)):
            words += block.words
    if first is not None:
        sections.append((first, words))
    for block, count in sections:
        if count <= opts.max_words:
            continue
        needed = math.ceil(count / opts.max_words) - 1
        yield Violation(
            block,
            f"{count} words without a subheading (recommended at most {opts.max_words})",
            fix=f"Add at least {needed} subheading{'s' if needed != 1 else ''} to this section, "
                f"at most {opts.max_words} words apart, each naming what its part covers",
            severity="warning" if count > opts.bad_words else None,
        )
