"""An image has no alt attribute.

## What it does
Reports every `<img>` without an `alt` attribute, in the main content or not. An empty
`alt=""` is not reported: it marks a decorative image, which screen readers skip, and is valid.
Tracking pixels (`width` and `height` both 0 or 1) are skipped, as they are never seen.

## Why is this bad?
Search engines read the alt text to understand what an image shows (and to rank it in image
search); screen readers read it aloud, and without it announce the file name instead. Lighthouse
("Image elements do not have [alt] attributes") and Screaming Frog ("Missing Alt Attribute") both
report it.

## Example
```html
<p><img src="/img/race-finish.jpg" width="800" height="600"></p>
```

## Use instead
```html
<p><img src="/img/race-finish.jpg" width="800" height="600"
        alt="Runners crossing the finish line backwards">
<img src="/img/divider.svg" width="600" height="10" alt=""></p>
```

## Options
None: an alt attribute is required (Lighthouse image-alt, Screaming Frog).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from seolint.document import FACT_BODY, Image, Page
from seolint.rule import (
    NoOptions,
    Violation,
    built_with,
    is_content_page,
    is_markdown,
    page_rule,
    shorten,
)

_LEADING_INT = re.compile(r"\s*(\d+)")


def _pixels(value: str | None) -> int | None:
    match = _LEADING_INT.match(value or "")
    return int(match.group(1)) if match else None


def _is_tracking_pixel(image: Image) -> bool:
    width, height = _pixels(image.width), _pixels(image.height)
    return width is not None and height is not None and width <= 1 and height <= 1


@page_rule("I001", "missing-alt-text", category="images", severity="error",
           applies=is_content_page,
           requires=frozenset({FACT_BODY}))
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    for image in page.images:
        if image.alt is not None or _is_tracking_pixel(image) or image.hidden:
            continue
        # Lighthouse image-alt accepts these as the image's name or as "not content".
        if image.role in ("presentation", "none") or (image.aria_label or "").strip():
            continue
        src = f' "{shorten(image.src, 60)}"' if image.src else ""
        yield Violation(
            image,
            f"Image{src} has no alt attribute",
            fix=_fix(page, image),
            template_fix=f"Add alt text to {_named(image)} where it is written once (the "
                         "theme's template, or the post these pages all show), or alt=\"\" if it "
                         "is only decoration",
        )


def _fix(page: Page, image: Image) -> str:
    """In the language of the source the image was written in."""
    if image.markdown:
        # Markdown cannot mark an image decorative: `![](x)` is always an omission.
        return f"Write what the image shows between the brackets: ![a description]({_src(image)})"
    if is_markdown(page):
        return 'Add alt="what the image shows" to this <img> tag, or alt="" if it is decoration'
    generator = built_with(page)
    if generator and not image.in_main:
        return (f"Add alt text to this image in the {generator} theme's template, or alt=\"\" "
                "if it is only decoration")
    if generator:
        return ("Add alt text in the post's source, e.g. ![what it shows](image.jpg) in Markdown, "
                "or alt=\"\" if it is only decoration")
    return 'Add alt text that says what the image shows, or alt="" if it is only decoration'


def _named(image: Image) -> str:
    """The image as a reader of the fix can find it: its src, or the kind of an inline image
    (a notebook's base64 plot says nothing in its first 60 characters)."""
    src = (image.src or "").strip()
    if src.lower().startswith("data:"):
        return f"the inline {src[5:].split(';')[0].split(',')[0] or 'data:'} image"
    return f'the image "{shorten(src, 60)}"' if src else "the image"


def _src(image: Image) -> str:
    return shorten(image.src or "image.jpg", 60)
