"""Two or more posts target the same focus keyphrase.

## What it does
Groups indexable posts and pages by their declared focus keyphrase (front matter `keyphrase` or
`keywords`, `<meta name="keyphrase">`, or the per-path `keyphrases` config table), compared by
stems in the page's language so that "running shoe" and "Running Shoes" are one target, and
reports each page of a group of two or more, naming the others. Inferred keyphrases are not
compared (they are guesses), nor one given with `--keyphrase` (it names one page's target).

## Why is this bad?
Two pages aimed at one query compete with each other: search engines pick one, often not the
better one, and the other's links and effort are wasted. Yoast warns when a focus keyphrase was
"previously used" for the same reason.

## Example
```html
<html lang="en"><head><title>Running shoes for beginners</title><meta name="keyphrase" content="running shoes"></head><body><h1>Shoes</h1></body></html>
```
```html
<html lang="en"><head><title>The best running shoe of 2026</title><meta name="keyphrase" content="Running Shoe"></head><body><h1>Shoe</h1></body></html>
```

## Use instead
```html
<html lang="en"><head><title>Running shoes for beginners</title><meta name="keyphrase" content="beginner running shoes"></head><body><h1>Shoes</h1></body></html>
```
```html
<html lang="en"><head><title>Trail shoes compared</title><meta name="keyphrase" content="trail shoes"></head><body><h1>Trail</h1></body></html>
```

## Options
- `show-pages` (default 3): how many of the other pages the message names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import PageSummary, Position, Site
from seolint.rule import Violation, shorten, site_rule
from seolint.sitetools import others


@dataclass(frozen=True)
class Options:
    show_pages: int = 3  # enough to recognise the pattern without flooding the line


@site_rule("D005", "keyphrase-cannibalisation", category="keyphrase", severity="warning",
           options=Options)
def check(site: Site, opts: Options) -> Iterator[Violation]:
    groups: dict[str, list[PageSummary]] = defaultdict(list)
    for page in site.pages:
        if page.indexable and page.kind in ("post", "page") and page.keyphrase_key:
            groups[page.keyphrase_key].append(page)
    for group in groups.values():
        if len(group) < 2:
            continue
        for page in group:
            yield Violation(
                Position(),
                f"Keyphrase \"{shorten(page.keyphrase or '', 60)}\" is also the target of "
                f"{len(group) - 1} other page{'s' if len(group) > 2 else ''}: "
                f"{others(group, page, opts.show_pages)}",
                fix="Give each page its own keyphrase, or merge the pages into one and redirect "
                    "the others to it",
                page=page,
            )
