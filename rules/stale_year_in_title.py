"""Title names a past year ("Complete Guide 2025" read in 2026).

## What it does
Looks for years in the page's `<title>`: four digits from 1990 on, standing as a word (in
Chinese, Japanese and Korean, "2025年" counts too). The rule fires when the latest year the title
names is before the current year (the year of the run, or `current-year`). Read in 2026,
"Best Laptops 2025" fires, while "Prices 2019 vs 2026" and "Inflation 2020-2026" do not: they
name the current year, so the page is being kept up to date.

Numbers seolint can tell are not years stay silent: a decade ("the 1990s"), a price or a
percentage ("$2000", "2000%"), part of a longer number ("1.2019", "12,019"), a model number
glued to letters ("RTX2080"). "2000 calories" looks like a year, and fires. Years before 1990
are history ("The 1966 World Cup"), never a freshness claim, and are not checked.

## Why is this bad?
A year in a title is a promise of freshness: "Best Laptops 2025" tells a reader in 2026 that the
page is out of date, so they click the result with this year in it, and search engines may
rewrite the title. Writers add the year to evergreen guides and then forget to update it; this is
the reminder.

A year is sometimes the subject, not a date stamp: "What I learned in 2019", a race report, a
news post. seolint cannot tell which a title means, so the finding is only "info": update the
content and the year when the page is an evergreen guide, and otherwise leave it or suppress it
on that page.

## Example
```html
<head><title>Running Backwards: The Complete Guide for 2024</title></head>
```

## Use instead
```html
<head><title>Running Backwards: The Complete Guide</title></head>
```

Listing pages (date archives, tag pages, paginated indexes) are not checked: their year is
their subject.

## Options
- `current-year` (default 0: the year of the run, from the computer's clock). Set a year to get
  the same findings whatever the date, for example in tests or to lint for next January. This is
  seolint's own rule: none of Yoast, Screaming Frog or Lighthouse checks it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from seolint.document import FACT_TITLE, Page
from seolint.rule import Violation, page_rule, shorten

FIRST_YEAR = 1990  # earlier years in a title are history, not a freshness claim

# A year standing as a word: not glued to letters or digits ("RTX2080", "1990s"), not an amount
# ("$2000", "2000%"), not part of a longer number ("1.2019", "2019.5", "12,019"). Chinese,
# Japanese and Korean write no spaces and mark a year with 年/년 ("2025年版"), so their
# characters do not glue.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef"
_GLUE = rf"[^\W{_CJK}]"
_YEAR = re.compile(
    rf"(?<!{_GLUE})(?<![$€£¥#])(?<!\d[.,])((?:19|20)[0-9][0-9])(?!{_GLUE}|[%°]|[.,]\d)"
)
# Identifiers that start with a year: CVE-2012-2122, "CVE 2012-2122", RFC-style ids.
_ID_BEFORE = re.compile(r"(?:CVE|GHSA|ISO|RFC)[\s-]*$", re.I)


@dataclass(frozen=True)
class Options:
    current_year: int = 0  # 0: the year of the run; seolint's own rule, no external source

    def __post_init__(self) -> None:
        if self.current_year and not FIRST_YEAR < self.current_year < 10000:
            raise ValueError("'current-year' must be 0 (this year) or a year after 1990")


def years(text: str) -> list[int]:
    """The years from 1990 on that `text` names, in order (full-width digits count too)."""
    text = unicodedata.normalize("NFKC", text)
    return [int(m.group(1)) for m in _YEAR.finditer(text)
            if int(m.group(1)) >= FIRST_YEAR and not _ID_BEFORE.search(text[: m.start()])]


def _dated_content(page: Page) -> bool:
    # A listing's year is its subject ("July 2010 archives", "Posts from 2019"), not a stamp.
    return page.kind in ("post", "page")


@page_rule("T006", "stale-year-in-title", category="titles", severity="info", options=Options,
           applies=_dated_content,
           requires=frozenset({FACT_TITLE}))
def check(page: Page, opts: Options) -> Iterator[Violation]:
    title = page.title
    if title is None:
        return
    current = opts.current_year or date.today().year
    named = years(title.text)
    if not named or max(named) >= current:
        return
    latest = max(named)
    yield Violation(
        title,
        f"Title names {latest}, {current - latest} year{'s' if current - latest > 1 else ''} "
        f"before {current}: \"{shorten(title.text)}\"",
        fix=f"Update the page and change {latest} to {current} in the title if it is meant to "
        f"be current; leave it if the page is about {latest}",
    )
