"""Title is wider than search results show (over 600 px in Arial 20 px).

## What it does
Measures the page's `<title>` as a results page sets it, in Arial at 20 px, and reports titles
wider than `max-pixels`. The widths come from a bundled table of Liberation Sans, a font with
Arial's metrics, so "WWW" counts as wider than "iii". Characters the table lacks are estimated:
CJK and other full-width characters at one em (20 px), other scripts at the average width of a
lowercase Latin letter (see `seolint.titlewidth`).

## Why is this bad?
Search engines cut titles by width, not by characters, and put an ellipsis where they cut, so
the end of a wide title is never read. A 50-character title in capitals or wide letters can be
cut while a 65-character one in narrow letters fits; a 30-character Japanese title is already
about 600 px. Yoast's "SEO title width" check and Screaming Frog's "Over X Pixels" filter
measure the same way; this is the finer measure next to T003's count of characters.

## Example
In capitals, 54 characters are 663 px wide:
```html
<head><title>MARATHON TRAINING FOR BUSY PARENTS: WEEK-BY-WEEK PLANS</title></head>
```

## Use instead
The same 54 characters in title case are 519 px wide:
```html
<head><title>Marathon Training for Busy Parents: Week-by-Week Plans</title></head>
```

## Options
- `max-pixels` (default 600): Yoast's PageTitleWidth limit (Screaming Frog's "Over 561 Pixels"
  filter is stricter). Google does not publish its cut-off; its result title line is about
  600 px wide. At 580 px, 1 of the 9 labelled findings (tests/precision) was wrong: a 585 px
  title whose last letter might be cut; none of the right ones was under 620 px.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import FACT_TITLE, Page
from seolint.rule import Violation, is_content_page, page_rule, shorten
from seolint.titlewidth import char_widths


@dataclass(frozen=True)
class Options:
    # Yoast PageTitleWidth: 600 px, about Google's result title line
    max_pixels: int = 600


@page_rule("T004", "title-too-wide", category="titles", severity="warning", options=Options,
           applies=is_content_page,
           requires=frozenset({FACT_TITLE}))
def check(page: Page, opts: Options) -> Iterator[Violation]:
    title = page.title
    if title is None or not title.text:
        return
    widths = char_widths(title.text)
    width = sum(widths)
    if round(width) <= opts.max_pixels:
        return
    # How many characters must go from the end for the rest to fit.
    cut, remaining = 0, width
    while remaining > opts.max_pixels and cut < len(widths):
        cut += 1
        remaining -= widths[-cut]
    letters = [ch for ch in title.text if ch.isalpha()]
    capitals = sum(ch.isupper() for ch in letters) > len(letters) / 2
    how = " or write it in title case instead of capitals" if capitals else ""
    s = "s" if cut > 1 else ""
    yield Violation(
        title,
        f"Title is {round(width)} px wide in Arial 20 px (limit {opts.max_pixels}): "
        f"\"{shorten(title.text)}\"",
        fix=f"Shorten the title by about {cut} character{s}{how}",
    )
