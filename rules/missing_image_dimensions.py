"""An image has no width and height attributes, so the page jumps as it loads.

## What it does
Reports every `<img>` that lacks a `width` or a `height` attribute holding a number of pixels
(Lighthouse's test: the value starts with a digit; `width="auto"` does not count). Inline SVG
images (`data:image/svg+xml`) are skipped, as Lighthouse does: they have no network delay to
shift the layout. Nor is any other image inlined as a `data:` URI (a notebook's plots): its bytes
are in the page, so its size is known when it is laid out; but a lazy-loading placeholder (a
`data:` src with `data-src`, `data-original`, `data-lazy-src` or `data-srcset` naming the real
image) is checked, because the image swapped in for it shifts the layout just the same.

In a Markdown source, an image written `![alt](src)` is not checked: Markdown has no place for
a width or a height (the generator's image processing or render hook adds them, or does not),
so the rule is not applicable to it. A raw `<img>` tag in the Markdown is checked. An emoji
image (an alt that is only an emoji, `<img class=twemoji alt="🔍">`, as Twemoji and WordPress
write them) is skipped: the emoji script's CSS sizes it to the line's text.

An image inside a box the theme sizes in CSS is skipped too: Material for MkDocs' author avatar
(`.md-author`, a 32 px box).

In the default selection since its precision on a fresh sample was measured: 100 % (40 of 40
findings drawn at random after those fixes, seed 22, judged by reading the page; Wilson 95 %
lower bound 91.2 %, tests/precision/labels-readability.jsonl). On the first sample it was 93 %
(14 of 15); its wrong finding there, an author avatar Material sizes in CSS, is fixed.

seolint reads HTML, not CSS: an image sized only by a stylesheet is reported too. Adding the
attributes costs nothing and keeps working when the stylesheet changes.

## Why is this bad?
Until an image without dimensions has loaded, the browser does not know how much space it needs,
so the text below jumps down when it arrives. That layout shift is measured by Cumulative Layout
Shift (CLS), one of Google's Core Web Vitals. With `width` and `height` set, browsers reserve
the space from the aspect ratio, even when CSS scales the image (`max-width: 100%;
height: auto`). Lighthouse reports "Image elements do not have explicit width and height".

## Example
```html
<p><img src="/img/finish.jpg" alt="Runners crossing the finish line backwards"></p>
```

## Use instead
```html
<p><img src="/img/finish.jpg" width="1200" height="800"
        alt="Runners crossing the finish line backwards"></p>
```

## Options
None: both attributes are needed (Lighthouse unsized-images, web.dev "Optimize CLS").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from seolint.document import FACT_BODY, Page
from seolint.rule import NoOptions, Violation, is_content_page, page_rule, shorten

# Lighthouse: parseInt(value) >= 0, and a leading "+" is rejected as Chrome does.
_DIMENSION = re.compile(r"\s*\d")


def _valid(value: str | None) -> bool:
    return value is not None and _DIMENSION.match(value) is not None


_EMOJI_JOINERS = frozenset("\u200d\ufe0e\ufe0f\u20e3")


def _is_emoji(alt: str | None) -> bool:
    """The alt is an emoji and nothing else, as emoji scripts write it (alt="🔍")."""
    text = (alt or "").strip()
    return 0 < len(text) <= 8 and all(
        ch in _EMOJI_JOINERS or unicodedata.category(ch) in ("So", "Sk") for ch in text)


# Class tokens of elements whose size the theme's CSS fixes whatever the image inside: Material
# for MkDocs' author avatar (`.md-typeset .md-author`: width and height 32 px, overflow hidden,
# src/templates/assets/stylesheets/main/components/_author.scss).
_SIZED_FRAMES = frozenset({"md-author"})


def _sized_frame(frame: str | None) -> bool:
    return frame is not None and not _SIZED_FRAMES.isdisjoint(frame.split())


@page_rule("I003", "missing-image-dimensions", category="images", severity="info",
           applies=is_content_page,
           requires=frozenset({FACT_BODY}))
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    for image in page.images:
        src = (image.src or "").strip()
        if src.lower().startswith("data:image/svg+xml") or image.hidden:
            continue  # a <noscript> copy of a lazy-loaded image never reaches the layout
        if src.lower().startswith("data:") and not image.lazy:
            continue  # in the page's own bytes: its size is known when it is laid out
        if _sized_frame(image.frame):
            continue  # the theme's CSS fixes the box around it
        if image.markdown:
            continue  # `![alt](src)` cannot carry dimensions: the theme's render hook decides
        if _is_emoji(image.alt):
            continue  # an emoji image (Twemoji, WordPress): sized to 1em of its line by CSS
        missing = [name for name, value in (("width", image.width), ("height", image.height))
                   if not _valid(value)]
        if not missing:
            continue
        what = " and ".join(missing)
        plural = "s" if len(missing) > 1 else ""
        quoted = f' "{shorten(src, 60)}"' if src else ""
        invalid = [f'{name}="{value}"' for name, value in
                   (("width", image.width), ("height", image.height))
                   if value is not None and name in missing]
        if invalid:
            message = f"Image{quoted} has no {what} in pixels ({', '.join(invalid)})"
        else:
            message = f"Image{quoted} has no {what} attribute{plural}"
        yield Violation(
            image,
            message,
            fix=f"Set the {what} attribute{plural} to the image's own size in pixels (CSS can "
                "still scale it)",
        )
