"""Two or more indexable pages share their h1.

## What it does
Groups indexable pages by the text of their first `<h1>` (case and spacing ignored) and reports
each page of a group of two or more, naming the others.

Not in the default selection (select it with `--select D003` or in the config): its measured
precision on the labelled corpus sample (tests/precision, findings judged by reading the page)
is 56 % (5 of 9); the wrong ones were a paginated listing's shared "Recent Posts" h1 and a
post's h1 on its language versions (those are now left out, see sitetools.Alternates).

## Why is this bad?
The h1 is the page's visible title; when many pages share it (a theme that puts the blog's name
in an h1 on every page, say), neither readers nor search engines can tell the pages apart by it.
Screaming Frog's "Duplicate" H1 filter.

## Example
```html
<html><head><title>Running backwards</title></head><body><h1>My Running Blog</h1></body></html>
```
```html
<html><head><title>Minimalist shoes</title></head><body><h1>My Running Blog</h1></body></html>
```

## Use instead
```html
<html><head><title>Running backwards</title></head><body><h1>Running backwards</h1></body></html>
```
```html
<html><head><title>Minimalist shoes</title></head><body><h1>Minimalist shoes</h1></body></html>
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


@site_rule("D003", "duplicate-h1", category="headings", severity="info", options=Options,
           default_enabled=False)
def check(site: Site, opts: Options) -> Iterator[Violation]:
    yield from duplicate_violations(
        site.pages, lambda p: p.h1, lambda p: p.h1_pos, "h1",
        "Give this page an h1 of its own, unique among these {n} pages",
        opts.show_pages,
        template_fix=("Make the template print each page's own title as its <h1>, and the "
                      "site's name as a <p> or a link"),
    )
