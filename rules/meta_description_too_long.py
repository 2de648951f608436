"""Meta description is longer than search results show (over 155 characters).

## What it does
Counts the characters of the page's meta description, with runs of whitespace counted as one
space, and reports descriptions over `max-chars`.

## Why is this bad?
Search engines cut long descriptions in their results with an ellipsis, so the end of the
summary, often the reason to click, is never read. Screaming Frog flags descriptions "Over 155
Characters"; Yoast's meta description length check wants at most 156.

## Example
```html
<head>
<title>Running Backwards: A Beginner's Guide</title>
<meta name="description" content="In this complete and detailed guide we explain everything you
  could ever want to know about running backwards, from the history of the sport to the science
  of knee health, shoes, technique and training plans.">
</head>
```

## Use instead
```html
<head>
<title>Running Backwards: A Beginner's Guide</title>
<meta name="description" content="Why running backwards strengthens your knees, how to start
  without falling over, and a four-week plan for beginners.">
</head>
```

## Options
- `max-chars` (default 155, Screaming Frog's "Over 155 Characters" filter; Yoast allows 156)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import FACT_DESCRIPTION, Page
from seolint.rule import Violation, is_content_page, page_rule, shorten


@dataclass(frozen=True)
class Options:
    max_chars: int = 155  # Screaming Frog: Meta Description > Over 155 Characters (Yoast: 156)


@page_rule("M002", "meta-description-too-long", category="meta", severity="warning",
           options=Options, applies=is_content_page,
           requires=frozenset({FACT_DESCRIPTION}))
def check(page: Page, opts: Options) -> Iterator[Violation]:
    descriptions = page.descriptions
    if not descriptions:
        return
    text = " ".join((descriptions[0].content or "").split())
    length = len(text)
    over = length - opts.max_chars
    if over > 0:
        s = "s" if over > 1 else ""
        yield Violation(
            descriptions[0],
            f"Meta description is {length} characters (limit {opts.max_chars}): "
            f"\"{shorten(text)}\"",
            fix=f"Shorten the meta description by at least {over} character{s}",
            template_fix=f"Shorten the description the template prints on all these pages by "
                         f"at least {over} character{s}, or better, have it print each page's own",
        )
