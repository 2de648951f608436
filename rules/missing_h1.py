"""The page has no `<h1>`.

## What it does
Reports a page with content of its own (not a redirect stub) that has no `<h1>` element anywhere
in its body, the theme's markup included. Listing pages (the home page, tag and archive pages)
are checked too, as Screaming Frog does: they are pages people land on and deserve a heading
that names them. An `<h1>` without text is not missing: that is `empty-heading` (H004).

## Why is this bad?
The h1 is the page's visible title. Search engines use it to understand what the page is about
and screen-reader users jump to it to start reading; without one the outline has no top.
Screaming Frog's "Missing" H1 filter and pyseoanalyzer both report it.

## Example
```html
<h2>Why run backwards?</h2>
<p>Running backwards is easier on the knees than running forwards.</p>
```

## Use instead
```html
<h1>Running backwards</h1>
<h2>Why run backwards?</h2>
<p>Running backwards is easier on the knees than running forwards.</p>
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from seolint.document import FACT_BODY, Page
from seolint.rule import (
    NoOptions,
    Violation,
    is_content_page,
    is_markdown,
    page_rule,
    shorten,
)


@page_rule("H001", "missing-h1", category="headings", severity="error", applies=is_content_page,
           requires=frozenset({FACT_BODY}))
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    if page.h1s:
        return
    first = next((h for h in page.headings if h.text), None)
    markdown = is_markdown(page)
    # A fragment without its layout (T001): what many of them share is the missing layout.
    shared = ("Give these pages a layout that prints each one's title as its <h1> (they have "
              "none: see T001)" if page.is_fragment else None)
    if page.is_fragment:
        yield Violation(page.body_pos, "No <h1> on the page, which has no layout",
                        fix="Give the page a layout that prints its title as the <h1> (see "
                            "T001), or keep the file out of the published site if it is not "
                            "a page", template_fix=shared)
        return
    if first is None:
        yield Violation(page.body_pos, "No <h1> on the page (and no other heading)",
                        fix="Add a `title:` to the front matter (the theme prints it as the "
                            "<h1>), or a `#` heading that names what the post is about"
                        if markdown else "Add an <h1> that names what the page is about",
                        template_fix=shared)
        return
    hashes = "#" * first.level
    yield Violation(
        page.body_pos,
        f'No <h1> on the page; the first heading is <h{first.level}> "{shorten(first.text)}"',
        fix=(f'Make "{shorten(first.text, 40)}" the page\'s only `#` heading (it is `{hashes}`) '
             "if it is the post's title, or add a `title:` to the front matter")
        if markdown else
        f"Add an <h1> that names what the page is about, or change <h{first.level}> "
        f'"{shorten(first.text, 40)}" to <h1> if it is the page\'s title',
        template_fix=shared,
    )
