"""Title is too short to say what the page is about (under 30 characters).

## What it does
Counts the characters of the page's `<title>` and reports titles shorter than `min-chars`. East
Asian wide and full-width characters (Chinese, Japanese, Korean) count as two: each is twice as
wide as a Latin letter and carries about as much as two of them, so a 15-character Japanese title
is not "too short". An empty title is T001's finding, not this one's.

Not in the default selection (select it with `--select T005` or in the config): its measured
precision on the labelled corpus sample (tests/precision, findings judged by reading the page)
is 25 % (2 of 8); the wrong ones were short titles that say exactly what the post is ("RLS
Deprecation", "Announcing Rust 1.77.2", "Overcoming Imposter Syndrome").

## Why is this bad?
A title such as "Home" or "Blog post" wastes the most visible line of a search result: it names
neither the topic nor why to click, and search engines often replace a short title with one of
their own. Screaming Frog flags titles "Below 30 Characters".

## Example
```html
<head><title>Running tips</title></head>
```

## Use instead
```html
<head><title>Running Backwards: 7 Tips for Beginners</title></head>
```

## Options
- `min-chars` (default 30, Screaming Frog's "Below 30 Characters" filter)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import FACT_TITLE, Page
from seolint.rule import Violation, is_content_page, page_rule, shorten
from seolint.titlewidth import shortfall


@dataclass(frozen=True)
class Options:
    min_chars: int = 30  # Screaming Frog: Page Titles > Below 30 Characters


@page_rule("T005", "title-too-short", category="titles", severity="warning", options=Options,
           applies=is_content_page,
           requires=frozenset({FACT_TITLE}),
           default_enabled=False)
def check(page: Page, opts: Options) -> Iterator[Violation]:
    title = page.title
    if title is None or not title.text:
        return  # T001
    short = shortfall(title.text, opts.min_chars)
    if short is None:
        return
    counted, more = short
    yield Violation(
        title,
        f"Title is {counted} (minimum {opts.min_chars}): \"{shorten(title.text)}\"",
        fix=f"Lengthen the title by {more}: name the topic and what the reader gets",
        template_fix=f'Make the template write each page\'s own title instead of '
                     f'"{shorten(title.text, 40)}" on all of them (the post\'s title, the tag\'s '
                     "name, the page number)",
    )
