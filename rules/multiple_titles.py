"""Page has more than one `<title>`, or a `<title>` outside `<head>`.

## What it does
Finds the page's title (the first `<title>` in `<head>`) and reports every other `<title>`: a
second one in `<head>`, or one in the body. A page whose only title is in the body gets one
finding, on that title. A `<title>` inside inline `<svg>` or `<math>` belongs to the drawing and
is ignored.

`<head>` is optional in HTML: when a page leaves the tag out, a title that comes before the
body's first content is in the head the browser opens for it, and is not reported.

## Why is this bad?
Browsers and search engines take one title: with several, which one wins is up to them, and a
`<title>` in the body is often a theme or plugin printing a second, different headline. Screaming
Frog reports "Multiple" page titles and titles "Outside <head>".

## Example
```html
<head>
<title>Running Backwards: A Beginner's Guide</title>
<title>Blog | Running Backwards</title>
</head>
```

## Use instead
```html
<head>
<title>Running Backwards: A Beginner's Guide</title>
</head>
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from seolint.document import FACT_TITLE, Page, Position, Title
from seolint.rule import NoOptions, Violation, is_content_page, page_rule, shorten


def _key(pos: Position) -> tuple[int, int]:
    return (pos.line or 0, pos.column or 0)


def _in_head(page: Page, title: Title) -> bool:
    """In <head>, counting the head a browser opens when the tag is left out."""
    if title.in_head:
        return True
    if page.has_head_element:
        return False
    # No <head> tag: the head lasts until the body's first content.
    if page.has_body_element:
        return _key(title.pos) < _key(page.body_pos)
    content = [x.pos for x in (*page.headings, *page.links, *page.images)]
    content += [b.pos for b in page.blocks if b.kind != "other"]
    return not content or _key(title.pos) < min(map(_key, content))


def _quote(title: Title) -> str:
    return f'"{shorten(title.text)}"' if title.text else "(empty)"


@page_rule("T002", "multiple-titles", category="titles", severity="warning",
           applies=is_content_page,
           requires=frozenset({FACT_TITLE}))
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    placed = [_in_head(page, t) for t in page.titles]
    main = placed.index(True) if True in placed else 0
    for i, title in enumerate(page.titles):
        if i == main and placed[i]:
            continue
        if i == main:
            yield Violation(
                title,
                f"<title> is outside <head>: {_quote(title)}",
                fix="Move the <title> into <head>",
            )
            continue
        where = "<title> in <head>" if placed[i] else "<title> outside <head>"
        yield Violation(
            title,
            f"Extra {where} (the page's title is on line {page.titles[main].pos.line}): "
            f"{_quote(title)}",
            fix=f"Remove this <title>; if its text is the better title, put it in the one on "
            f"line {page.titles[main].pos.line}",
        )
