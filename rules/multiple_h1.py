"""The page has more than one `<h1>`.

## What it does
Counts the `<h1>` elements on the whole page, the theme's included, and reports the second and
every later one, naming how many there are and what the first one says.

A common case on blogs: the theme puts the site's name in an `<h1>` in the header (or sidebar)
and the post's title in another. The fix is then in the theme: make the site's name a `<p>` or a
link, and keep the post title as the page's only `<h1>`. Another: a Markdown post that starts
with `# Title` under a theme that already prints the title as `<h1>`.

## Why is this bad?
One h1 says what the page is about; several make it ambiguous which one is the page's title, and
the outline has several tops. HTML allows more than one, but Yoast (SingleH1), Screaming Frog
("Multiple" H1) and markdownlint (MD025) all recommend one.

## Example
```html
<header><h1>My Running Blog</h1></header>
<main><h1>Running backwards</h1><p>Start slowly.</p></main>
```

## Use instead
```html
<header><p class="site-title">My Running Blog</p></header>
<main><h1>Running backwards</h1><p>Start slowly.</p></main>
```

## Options
None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from seolint.document import FACT_BODY, Heading, Page
from seolint.rule import NoOptions, Violation, is_content_page, is_markdown, page_rule, shorten


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


# | - en dash, em dash, middle dot, colon, guillemet
_TITLE_SEPARATORS = re.compile(r"\s+[|\-\u2013\u2014\u00b7:\u00bb]\s+")


def _names_page(page: Page, h1: Heading) -> bool:
    """Does the h1 carry the page's title? Titles read "Post title | Site name": compare with the
    part before the first separator."""
    if page.title is None or not h1.text:
        return False
    main = _norm(_TITLE_SEPARATORS.split(page.title.text)[0])
    return bool(main) and main in _norm(h1.text)


def _links_home(page: Page, h1: Heading) -> bool:
    """`<h1><a href="/">My Blog</a></h1>`: the theme's site name."""
    if h1.pos.line is None or not h1.text:
        return False
    text = _norm(h1.text)
    return any(
        link.internal and link.url and link.pos.line is not None
        and 0 <= link.pos.line - h1.pos.line <= 2 and _norm(link.text) == text
        and urlsplit(link.url).path in ("", "/")
        for link in page.links
    )


@page_rule("H003", "multiple-h1", category="headings", severity="warning",
           applies=is_content_page,
           requires=frozenset({FACT_BODY}))
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    h1s = page.h1s
    if len(h1s) < 2:
        return
    first = h1s[0]
    quoted = f'"{shorten(first.text)}"' if first.text else "empty"
    line = f" on line {first.pos.line}" if first.pos.line is not None else ""
    # The theme's h1 (site name, tagline) comes first and the post's title after it.
    theme_first = _links_home(page, first) or not _names_page(page, first)
    markdown = is_markdown(page)
    for h1 in h1s[1:]:
        if markdown:
            # The first h1 of a Markdown source is its front-matter title (title-as-h1), or its
            # first `#` heading: the body's later `#` headings are the extra ones.
            fix = ("Remove this `#` heading: it repeats the title" if h1.text and
                   _norm(h1.text) == _norm(first.text) else
                   f"Change this `#` heading to `##`: the page already has its <h1>, {quoted}")
        elif h1.text and _norm(h1.text) == _norm(first.text):
            fix = "Remove this repeated <h1> (the page already shows the same title)"
        elif theme_first and _names_page(page, h1):
            fix = (f"Make the theme's <h1> {quoted} a <p> or a link, and keep this <h1>, the "
                   "page's title, as its only <h1>")
        else:
            fix = "Change this heading to <h2>, or merge it into the first <h1>"
        # Shared by many pages, the theme's h1 is the one to change, once, in its template.
        shared = (f"Make the theme's <h1> {quoted} a <p> or a link in its template, and keep "
                  "each page's own title as its only <h1>" if theme_first and not markdown else
                  f'Change the <h1> "{shorten(h1.text, 50)}" to <h2> in the template that '
                  "prints it, and keep each page's own title as its only <h1>")
        yield Violation(
            h1, f"{len(h1s)} <h1> elements on the page: this one is \"{shorten(h1.text, 50)}\", "
                f"the first{line} is {quoted}", fix=fix, template_fix=shared,
        )
