"""An `<h1>` or `<h2>` is longer than 70 characters.

## What it does
Counts the characters of each heading at the checked levels (`<h1>` and `<h2>` by default), with
spaces collapsed, and reports those over `max-chars`.

Not in the default selection (select it with `--select H005` or in the config): its measured
precision on the labelled corpus sample (tests/precision, findings judged by reading the page)
is 0 % (0 of 7); the wrong ones were post titles repeated as headings of listing pages, and
headings one to four characters over the limit that nobody would shorten.

## Why is this bad?
A heading is a label, read at a glance: a long one reads as a sentence and buries the words that
say what the section is about. Search engines also show headings as sitelinks and jump links,
where long ones are cut. Screaming Frog's "Over 70 Characters" filters for H1 and H2.

## Example
```html
<h1>Running backwards</h1>
<h2>Everything you ever wanted to know about running backwards safely, and a little more</h2>
```

## Use instead
```html
<h1>Running backwards</h1>
<h2>How to run backwards safely</h2>
```

## Options
- `max-chars` (default 70, Screaming Frog's H1 and H2 "Over 70 Characters" filters)
- `levels` (default `["h1", "h2"]`, the levels Screaming Frog checks): the heading levels to check
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import FACT_BODY, Page
from seolint.rule import Violation, is_content_page, page_rule, shorten

_LEVELS = {f"h{n}": n for n in range(1, 7)}


@dataclass(frozen=True)
class Options:
    max_chars: int = 70  # Screaming Frog: H1 / H2 > Over 70 Characters
    levels: tuple[str, ...] = ("h1", "h2")  # Screaming Frog reports H1 and H2 only

    def __post_init__(self) -> None:
        unknown = [lv for lv in self.levels if lv.lower() not in _LEVELS]
        if unknown:
            raise ValueError(f"'levels' takes h1 to h6, not {', '.join(map(repr, unknown))}")
        if self.max_chars < 1:
            raise ValueError("'max-chars' must be at least 1")


@page_rule("H005", "heading-too-long", category="headings", severity="warning", options=Options,
           applies=is_content_page,
           requires=frozenset({FACT_BODY}),
           default_enabled=False)
def check(page: Page, opts: Options) -> Iterator[Violation]:
    levels = {_LEVELS[lv.lower()] for lv in opts.levels}
    for heading in page.headings:
        if heading.level not in levels:
            continue
        length = len(heading.text)
        if length > opts.max_chars:
            yield Violation(
                heading,
                f"<h{heading.level}> is {length} characters (limit {opts.max_chars}): "
                f'"{shorten(heading.text)}"',
                fix=f"Shorten the heading by at least {length - opts.max_chars} characters",
            )
