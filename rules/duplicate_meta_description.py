"""Two or more indexable pages share a meta description.

## What it does
Groups indexable pages by their meta description (case and spacing ignored) and reports each
page of a group of two or more, naming the others. Empty descriptions are M001's finding.

## Why is this bad?
Search engines show the description as the snippet under the title; a site-wide description
copied onto every page says nothing about any of them, and engines then write their own.
Screaming Frog's "Duplicate" meta-description filter.

## Example
```html
<html><head><title>Post one</title><meta name="description" content="My blog about running, training and racing."></head></html>
```
```html
<html><head><title>Post two</title><meta name="description" content="My blog about running, training and racing."></head></html>
```

## Use instead
```html
<html><head><title>Post one</title><meta name="description" content="How to start running backwards safely in three weeks."></head></html>
```
```html
<html><head><title>Post two</title><meta name="description" content="A 12-week plan for your first half marathon."></head></html>
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


@site_rule("D002", "duplicate-meta-description", category="meta", severity="warning",
           options=Options)
def check(site: Site, opts: Options) -> Iterator[Violation]:
    yield from duplicate_violations(
        site.pages, lambda p: p.description, lambda p: p.description_pos, "Meta description",
        "Write a description of this page's own content, unique among these {n} pages",
        opts.show_pages,
        template_fix=("Make the template print each page's own description (its front matter "
                      "`description:`, else its summary) instead of one site-wide text, and "
                      "write one for each post"),
    )
