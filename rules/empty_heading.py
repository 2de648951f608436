"""A heading has no text.

## What it does
Reports every `<h1>` to `<h6>` on the page whose text, with spaces collapsed, is empty. A heading
that holds only an image with a non-empty `alt` (a logo in an `<h1>`) has text for screen readers
and search engines and is not reported.

## Why is this bad?
An empty heading is a hole in the outline: screen readers announce "heading level 2" and nothing
else, and search engines get no topic from it. They usually come from a theme's template with an
empty variable (`<h1>{{ page.title }}</h1>` on a page without a title) or from an icon font.

## Example
```html
<h1>Running backwards</h1>
<h2></h2>
<p>Start slowly.</p>
```

## Use instead
```html
<h1>Running backwards</h1>
<h2>How to start</h2>
<p>Start slowly.</p>
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from seolint.document import Heading, Page, Position
from seolint.rule import NoOptions, Violation, is_content_page, page_rule

# How far below an empty heading's start tag an image may sit and still be taken as its content
# (`<h1>\n  <a href="/">\n    <img alt="Blog">`): see _image_alt.
_IMAGE_LINES = 2


def _key(pos: Position) -> tuple[int, int]:
    return (pos.line or 0, pos.column or 0)


def _image_alt(page: Page, heading: Heading, following: Heading | None) -> str | None:
    """The alt text of an image that appears to be the heading's only content.

    Heading.text comes from the heading's text nodes only, so `<h1><img alt="Blog"></h1>` looks
    empty. Until the parser records a heading's accessible text (as it does for links), take the
    first image after the heading's start tag, within a couple of lines, before the next heading
    and before any main-content text block: that is the heading's image in theme markup.
    """
    if heading.pos.line is None:
        return None
    start = _key(heading.pos)
    end = _key(following.pos) if following is not None and following.pos.line else None
    for image in page.images:
        pos = _key(image.pos)
        if pos <= start:
            continue
        if (end is not None and pos >= end) or pos[0] - start[0] > _IMAGE_LINES:
            return None
        if any(start < _key(b.pos) < pos for b in page.blocks):
            return None
        return (image.alt or "").strip() or None
    return None


@page_rule("H004", "empty-heading", category="headings", severity="warning",
           applies=is_content_page)
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    headings = page.headings
    for i, heading in enumerate(headings):
        if heading.text:
            continue
        following = headings[i + 1] if i + 1 < len(headings) else None
        if _image_alt(page, heading, following):
            continue
        yield Violation(
            heading, f"<h{heading.level}> has no text",
            fix=f"Write the heading's text, or remove the empty <h{heading.level}>",
        )
