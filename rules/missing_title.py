"""Page has no `<title>`, or an empty one.

## What it does
Reports a page with no `<title>` element (a `<title>` inside inline `<svg>` or `<math>` names the
drawing, not the page, and does not count), and a page whose title is empty or only whitespace.

## Why is this bad?
The title is the headline of the page in search results, in the browser tab and in bookmarks.
Without one, search engines make one up from the page, and screen readers announce the file
name. Lighthouse's `document-title` audit and Yoast both fail a page without a title.

## Example
```html
<html lang="en">
<head><meta charset="utf-8"></head>
<body><h1>Running backwards</h1></body>
</html>
```

## Use instead
```html
<html lang="en">
<head><meta charset="utf-8"><title>Running Backwards: A Beginner's Guide</title></head>
<body><h1>Running backwards</h1></body>
</html>
```

## Options
None. A page that redirects with `<meta http-equiv="refresh">` is exempt: it is never shown.
"""

from __future__ import annotations

from collections.abc import Iterator

from seolint.document import FACT_HEAD, FACT_TITLE, Page, Position
from seolint.rule import NoOptions, Violation, is_content_page, page_rule


@page_rule("T001", "missing-title", category="titles", severity="error",
           applies=is_content_page,
           requires=frozenset({FACT_TITLE}))
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    title = page.title
    if title is None and page.is_fragment:
        yield Violation(
            Position(1, 1),
            "Page has no <head> and no <title>: it is a fragment without its layout",
            fix="Build the page with a layout so it gets a <head> and a <title> (Jekyll: "
                "`layout:` in its front matter), or keep the file out of the published site if "
                "it is not a page",
            template_fix="Give these pages a layout so they get a <head> and a <title> (Jekyll: "
                         "`layout:` in their front matter, or a default layout in _config.yml), "
                         "or keep the files out of the published site if they are not pages",
        )
    elif title is None and FACT_HEAD not in page.facts:
        # A Markdown source: its <title> is what the theme makes of the front-matter title.
        yield Violation(
            page.head_pos,
            "Front matter has no title",
            fix="Add a `title:` to the front matter that names the post's topic in 30 to 60 "
                "characters",
        )
    elif title is None:
        yield Violation(
            page.head_pos,
            "Page has no <title>",
            fix="Add a <title> to <head> that names the page's topic in 30 to 60 characters",
        )
    elif not title.text:
        yield Violation(
            title,
            "Title is empty",
            fix="Write a title that names the page's topic in 30 to 60 characters",
        )
