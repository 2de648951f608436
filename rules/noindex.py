"""The page tells search engines not to index it (noindex).

## What it does
Reports a page whose `<meta name="robots">` or `<meta name="googlebot">` tag, or whose
`X-Robots-Tag` response header, holds `noindex` or `none`. The finding is placed on the meta tag
when there is one. Redirect stubs and pages that answered an HTTP error (X001) are not checked.

A noindex is often intended (search results, thank-you pages, drafts): ignore this rule for those
paths with `per-path-ignores` in the config, e.g. `"search/*" = ["noindex"]`.

## Why is this bad?
A page with noindex is left out of search results however good it is. A noindex left over from a
staging site, a plugin setting or a theme template hides pages that were meant to be found.
Lighthouse fails "Page is blocked from indexing" on it.

## Example
```html
<html lang="en"><head>
<title>Running backwards</title>
<meta name="robots" content="noindex, follow">
</head><body><h1>Running backwards</h1></body></html>
```

## Use instead
```html
<html lang="en"><head>
<title>Running backwards</title>
<meta name="robots" content="index, follow">
</head><body><h1>Running backwards</h1></body></html>
```

## Options
None: `noindex` and `none` are the directives that keep a page out of the index (Google Search
Central, "Robots meta tag, data-nosnippet, and X-Robots-Tag specifications").
"""

from __future__ import annotations

from collections.abc import Iterator

from seolint.document import Page
from seolint.rule import NoOptions, Violation, page_rule, shorten

_BLOCKING = frozenset({"noindex", "none"})
_FIX = ("Remove the noindex directive if this page should be found in search, or ignore "
        "noindex for this path with per-path-ignores")


def _applies(page: Page) -> bool:
    return page.kind != "redirect" and (page.status is None or page.status < 400)


@page_rule("X004", "noindex", category="indexability", severity="warning", applies=_applies)
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    if not page.noindex:
        return
    for meta in page.metas:
        if meta.key in ("robots", "googlebot") and meta.content:
            directives = {d.strip().lower() for d in meta.content.split(",")}
            if directives & _BLOCKING:
                yield Violation(
                    meta,
                    "Search engines are told not to index the page: "
                    f'<meta name="{meta.key}" content="{shorten(meta.content.strip(), 50)}">',
                    fix=_FIX,
                )
                return
    header = next(
        (value for name, value in page.headers if name.lower() == "x-robots-tag"
         and any(part.split(":")[-1].strip().lower() in _BLOCKING for part in value.split(","))),
        "noindex",
    )
    yield Violation(
        None,
        "Search engines are told not to index the page: "
        f'X-Robots-Tag: {shorten(header.strip(), 50)}',
        fix=_FIX,
    )
