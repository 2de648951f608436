"""Title is longer than search results show (over 60 characters).

## What it does
Counts the characters of the page's `<title>` and reports titles over `max-chars` that are
also wider than `max-pixels` in the results' font: a title of narrow letters that fits is shown
whole, however many characters it has.

## Why is this bad?
Search engines cut long titles in their results with an ellipsis, so the end of the title, often
the part that says what the page is about, is never read. Screaming Frog flags titles over 60
characters; pixel width (T004) is the finer measure, characters the simpler one.

Measured precision (tests/precision, findings judged by reading the page): 70 % (7 of 10) on
characters alone; two of the three wrong ones were 61- and 62-character titles that fit in the
results (558 and 562 px), hence the width check. The third was a 62-character title of 599 px
where only the site name's last word would be cut, hence Yoast's 600 px rather than 580.
On a fresh sample (tests/precision/labels-2.jsonl, a88837d) 89 % (8 of 9): the wrong one was
the title of a meta-refresh redirect stub (161 Hugo alias stubs whose title is the target URL),
which no result shows; redirect stubs are no longer checked, as title-too-wide does not.

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
- `max-pixels` (default 600, as title-too-wide: Yoast's PageTitleWidth, about the width of
  Google's result title line): a title that fits in this width is not reported
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import FACT_TITLE, Page
from seolint.rule import Violation, is_content_page, page_rule, shorten
from seolint.titlewidth import pixel_width


@dataclass(frozen=True)
class Options:
    max_chars: int = 60  # Screaming Frog: Page Titles > Over 60 Characters
    max_pixels: int = 600  # as T004 (Yoast PageTitleWidth): a title this narrow is shown whole


@page_rule("T003", "title-too-long", category="titles", severity="warning", options=Options,
           applies=is_content_page,
           requires=frozenset({FACT_TITLE}))
def check(page: Page, opts: Options) -> Iterator[Violation]:
    title = page.title
    if title is None:
        return
    length = len(title.text)
    if length > opts.max_chars and round(pixel_width(title.text)) > opts.max_pixels:
        yield Violation(
            title,
            f"Title is {length} characters (limit {opts.max_chars}): \"{shorten(title.text)}\"",
            fix=f"Shorten the title by at least {length - opts.max_chars} "
                f"character{'s' if length - opts.max_chars != 1 else ''}",
        )
