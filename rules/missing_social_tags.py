"""The page lacks the Open Graph tags that social previews use (og:title, og:description, og:image).

## What it does
Checks `<head>` for `og:title`, `og:description` and `og:image` meta tags with non-empty content
and reports, in one finding, every one that is missing or empty. Files with no `<html>`, no
`<head>`, no title and no meta tags (an include, a verification file) are not judged.

## Why is this bad?
When a post is shared on Facebook, LinkedIn, Mastodon, Slack or X, the preview card is built from
these tags. Without them the platform guesses (often the site's name, the first sentence of the
navigation, or no image at all), and a plain link gets fewer clicks than a card. X falls back to
the Open Graph tags when its own `twitter:` tags are absent, but not the other way round, so the
Open Graph tags are the ones to have. pyseoanalyzer reports missing og:title, og:description and
og:image.

## Example
```html
<head>
<title>Running backwards</title>
<meta property="og:title" content="Running backwards">
</head>
```

## Use instead
```html
<head>
<title>Running backwards</title>
<meta property="og:title" content="Running backwards">
<meta property="og:description" content="Why running backwards eases knee pain, and how to start">
<meta property="og:image" content="https://example.com/img/running-backwards.jpg">
</head>
```

## Options
None. The three tags are the ones pyseoanalyzer checks and the Open Graph protocol's basic
metadata asks for (og:type and og:url are the other two; platforms fill them in themselves).
"""

from __future__ import annotations

from collections.abc import Iterator

from seolint.document import Page, Position
from seolint.rule import NoOptions, Violation, is_content_page, page_rule

REQUIRED = ("og:title", "og:description", "og:image")


@page_rule("M007", "missing-social-tags", category="meta", severity="info",
           applies=is_content_page)
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    if page.is_fragment:
        return  # T001 reports the missing head once
    missing: list[str] = []
    empty: list[str] = []
    for key in REQUIRED:
        found = page.meta_all(key)
        if not found:
            missing.append(key)
        elif not any((m.content or "").strip() for m in found):
            empty.append(key)
    if not missing and not empty:
        return
    count = len(missing) + len(empty)
    if not empty:
        message = f"{count} of {len(REQUIRED)} Open Graph tags missing: {', '.join(missing)}"
        verb = "Add"
    else:
        which = ", ".join([f"{k} (missing)" for k in missing] + [f"{k} (empty)" for k in empty])
        message = f"{count} of {len(REQUIRED)} Open Graph tags missing or empty: {which}"
        verb = "Fill in" if not missing else "Add or fill in"
    tags = [f'<meta property="{k}" content="…">' for k in missing + empty]
    to_add = tags[0] if len(tags) == 1 else f"{', '.join(tags[:-1])} and {tags[-1]}"
    yield Violation(
        page.head_pos if page.has_head_element else Position(1, 1),
        message,
        fix=f"{verb} {to_add} in <head>",
        template_fix="Make the template print og:title, og:description and og:image from each "
                     "page's own title, description and image in <head>",
    )
