"""Page has more than one meta description.

## What it does
Reports every `<meta name="description">` after the first. Other descriptions, such as
`og:description` or `twitter:description`, are not counted.

## Why is this bad?
Search engines use one description, and which one is up to them; two usually mean a theme and an
SEO plugin both write one, and the one the writer edits may be the one that loses. Screaming
Frog reports "Multiple" meta descriptions.

## Example
```html
<head>
<meta name="description" content="Why running backwards strengthens your knees and how to start.">
<meta name="description" content="Just another WordPress site">
</head>
```

## Use instead
```html
<head>
<meta name="description" content="Why running backwards strengthens your knees and how to start.">
<meta property="og:description" content="Why running backwards strengthens your knees.">
</head>
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from seolint.document import FACT_DESCRIPTION, Page
from seolint.rule import NoOptions, Violation, is_content_page, page_rule, shorten


@page_rule("M004", "multiple-meta-descriptions", category="meta", severity="warning",
           applies=is_content_page,
           requires=frozenset({FACT_DESCRIPTION}))
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    first, *extra = page.descriptions or (None,)
    if first is None:
        return
    for meta in extra:
        text = " ".join((meta.content or "").split())
        quoted = f'"{shorten(text)}"' if text else "(empty)"
        yield Violation(
            meta,
            f"Extra meta description (the first is on line {first.pos.line}): {quoted}",
            fix=f"Keep one meta description: remove this one, or the one on line "
            f"{first.pos.line} if this one is the better summary",
        )
