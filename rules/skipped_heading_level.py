"""Heading levels skip a step (for example h2 then h4).

## What it does
Checks that each heading is at most one level deeper than the one before it, over the whole page
in document order (a theme's headings count too: they are part of the outline).

## Why is this bad?
Search engines and screen readers read headings as the outline of the page; a skipped level
leaves a hole in it. Screaming Frog reports "Non-Sequential" headings; markdownlint has MD001.

## Example
```html
<h1>Running backwards</h1>
<h2>Pricing</h2>
<h4>Monthly plans</h4>
```

## Use instead
```html
<h1>Running backwards</h1>
<h2>Pricing</h2>
<h3>Monthly plans</h3>
```

## Options
None. The first heading on a page may be at any level (as markdownlint MD001): a page without an
h1 is H001's finding, not this one's.
"""

from __future__ import annotations

from collections.abc import Iterator

from seolint.document import FACT_BODY, Page
from seolint.rule import NoOptions, Violation, is_markdown, page_rule, shorten


@page_rule("H002", "skipped-heading-level", category="headings", severity="warning",
           requires=frozenset({FACT_BODY}))
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    previous: int | None = None
    for heading in page.headings:
        if previous is not None and heading.level > previous + 1:
            # The heading's text, quoted, tells a theme's heading on every page (one template
            # fix) from a post's own.
            text = f' "{shorten(heading.text, 50)}"' if heading.text else ""
            want = previous + 1
            yield Violation(
                heading,
                f"<h{heading.level}>{text} follows <h{previous}>",
                fix=f"Make it a `{'#' * want}` heading, or add the missing `{'#' * want}` heading "
                    "above it" if is_markdown(page) else
                f"Change it to <h{want}> or add the missing <h{want}>",
            )
        previous = heading.level
