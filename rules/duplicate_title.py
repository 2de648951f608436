"""Two or more indexable pages share a title.

## What it does
Groups indexable pages (not noindex, not redirect stubs) by their title, compared without regard
to case or spacing, and reports each page of a group of two or more, naming the others.

## Why is this bad?
A title is how a search result says which page it is. Pages with one title compete with each
other and look interchangeable in results; paginated archives and tag pages that all say "Home"
are the usual cause. Screaming Frog's "Duplicate" page-title filter.

Pages that are hreflang alternates of one another (a post and its translation) are not
duplicates of each other. Measured precision (tests/precision): 88 % (7 of 8) before that,
the wrong one a translation; 100 % now.

## Example
```html
<html><head><title>Home</title></head><body><h1>Latest posts</h1></body></html>
```
```html
<html><head><title>Home</title></head><body><h1>Older posts</h1></body></html>
```

## Use instead
```html
<html><head><title>Latest posts | My Blog</title></head><body><h1>Latest posts</h1></body></html>
```
```html
<html><head><title>Older posts, page 2 | My Blog</title></head><body><h1>Older posts</h1></body></html>
```

## Options
- `show-pages` (default 3): how many of the other pages the message names.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import Site
from seolint.rule import Violation, site_rule
from seolint.sitetools import duplicate_violations


@dataclass(frozen=True)
class Options:
    show_pages: int = 3  # enough to recognise the pattern without flooding the line


@site_rule("D001", "duplicate-title", category="titles", severity="warning", options=Options)
def check(site: Site, opts: Options) -> Iterator[Violation]:
    yield from duplicate_violations(
        site.pages, lambda p: p.title, lambda p: p.title_pos, "Title",
        "Write a title that says what this page is, unique among these {n} pages",
        opts.show_pages,
        template_fix=("Make the template print each page's own title (the post's title, the "
                      "tag's name, the page number of a paginated list) instead of one text "
                      "for all its pages"),
    )
