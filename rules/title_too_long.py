"""Title is longer than search results show (over 60 characters).

## What it does
Counts the characters of the page's `<title>` and reports titles over `max-chars`.

## Why is this bad?
Search engines cut long titles in their results with an ellipsis, so the end of the title, often
the part that says what the page is about, is never read. Screaming Frog flags titles over 60
characters; pixel width (T004) is the finer measure, characters the simpler one.

## Example
```html
<head><title>The Complete and Definitive Beginner's Guide to Running Backwards Safely in 2026</title></head>
```

## Use instead
```html
<head><title>Running Backwards: A Beginner's Guide</title></head>
```

## Options
- `max-chars` (default 60, Screaming Frog's "Over 60 Characters" filter)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import FACT_TITLE, Page
from seolint.rule import Violation, page_rule, shorten


@dataclass(frozen=True)
class Options:
    max_chars: int = 60  # Screaming Frog: Page Titles > Over 60 Characters


@page_rule("T003", "title-too-long", category="titles", severity="warning", options=Options,
           requires=frozenset({FACT_TITLE}))
def check(page: Page, opts: Options) -> Iterator[Violation]:
    title = page.title
    if title is None:
        return
    length = len(title.text)
    if length > opts.max_chars:
        yield Violation(
            title,
            f"Title is {length} characters (limit {opts.max_chars}): \"{shorten(title.text)}\"",
            fix=f"Shorten the title by at least {length - opts.max_chars} "
                f"character{'s' if length - opts.max_chars != 1 else ''}",
        )
