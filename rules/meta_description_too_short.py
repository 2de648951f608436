"""Meta description is too short to sum up the page (under 70 characters).

## What it does
Counts the characters of the page's meta description, with runs of whitespace counted as one
space, and reports descriptions shorter than `min-chars`. East Asian wide and full-width
characters (Chinese, Japanese, Korean) count as two: each is twice as wide as a Latin letter and
carries about as much as two of them. An empty description is M001's finding, not this one's.

## Why is this bad?
A short description such as "My blog post about running" leaves most of the snippet's room
unused, tells the reader little, and search engines often replace it with text of their own
choosing. Screaming Frog flags descriptions "Below 70 Characters"; Yoast wants more than 120.

## Example
```html
<head>
<title>Running Backwards: A Beginner's Guide</title>
<meta name="description" content="A post about running backwards.">
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
- `min-chars` (default 70, Screaming Frog's "Below 70 Characters" filter; Yoast wants over 120)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import FACT_DESCRIPTION, Page
from seolint.rule import Violation, is_content_page, page_rule, shorten
from seolint.titlewidth import shortfall


@dataclass(frozen=True)
class Options:
    min_chars: int = 70  # Screaming Frog: Meta Description > Below 70 Characters


@page_rule("M003", "meta-description-too-short", category="meta", severity="warning",
           options=Options, applies=is_content_page,
           requires=frozenset({FACT_DESCRIPTION}))
def check(page: Page, opts: Options) -> Iterator[Violation]:
    descriptions = page.descriptions
    if not descriptions:
        return
    text = " ".join((descriptions[0].content or "").split())
    if not text:
        return  # M001
    short = shortfall(text, opts.min_chars)
    if short is None:
        return
    counted, more = short
    yield Violation(
        descriptions[0],
        f"Meta description is {counted} (minimum {opts.min_chars}): \"{shorten(text)}\"",
        fix=f"Lengthen the meta description by {more}: say what the reader will learn or get",
        template_fix=f"Lengthen the description the template prints on all these pages by "
                     f"{more}, or better, have it print each page's own",
    )
