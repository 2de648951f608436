"""No image's alt text reflects the focus keyphrase.

## What it does
Looks at the alt text of the images in the main content (hidden and decorative images, those
with `alt=""` or `role="presentation"`, are left out) and counts those that hold more than half
of the keyphrase's content words (all of them for a one- or two-word keyphrase), matched by
stem. With fewer than `many-images` images it fires when none does; with more, when under
`min-percent` do. Pages without images are not checked. Applies to pages with a keyphrase the
writer chose.

## Why is this bad?
Alt text is what screen readers read and what image search indexes; an image that shows the
page's topic should say so. Yoast's KeyphraseInImageText assessment asks for the keyphrase in
at least one alt text, and in 30 % of them once there are five or more images.

## Example
```html
<html lang="en"><head><meta name="keyphrase" content="backward running"></head><body><main>
<p>Backward running is fun.</p>
<img src="/track.jpg" alt="A running track at dawn" width="800" height="600">
</main></body></html>
```

## Use instead
```html
<html lang="en"><head><meta name="keyphrase" content="backward running"></head><body><main>
<p>Backward running is fun.</p>
<img src="/track.jpg" alt="A woman doing backward running on a track" width="800" height="600">
</main></body></html>
```

## Options
- `many-images` (default 5: from this many images on, a share is asked for, as in Yoast)
- `min-percent` (default 30, Yoast KeyphraseInImageText's lower bound)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import FACT_BODY, Page
from seolint.keyphrase import declared_keyphrase, match
from seolint.rule import Violation, page_rule


@dataclass(frozen=True)
class Options:
    many_images: int = 5  # Yoast KeyphraseInImageText: from 5 images on, a share applies
    min_percent: float = 30.0  # Yoast KeyphraseInImageText: lowerBoundary


def _applies(page: Page) -> bool:
    kp = declared_keyphrase(page) if page.kind in ("post", "page") else None
    return kp is not None and kp.usable


def _reflects(found: int, total: int) -> bool:
    return found == total if total <= 2 else found > total / 2


@page_rule("K007", "keyphrase-not-in-image-alt", category="keyphrase", severity="info",
           options=Options, applies=_applies, requires=frozenset({FACT_BODY}))
def check(page: Page, opts: Options) -> Iterator[Violation]:
    kp = declared_keyphrase(page)
    images = [i for i in page.images
              if i.in_main and not i.hidden and i.role not in ("presentation", "none")
              and i.alt is not None and i.alt.strip()]
    if kp is None or not images:
        return
    hits = 0
    for image in images:
        m = match(image.alt, kp)
        hits += _reflects(m.found, m.total)
    if len(images) < opts.many_images:
        if hits == 0:
            yield Violation(
                images[0],
                f"No alt text of the {len(images)} image{'s' if len(images) != 1 else ''} "
                f"reflects the keyphrase {kp.label()}",
                fix=f"Describe an image that shows the topic with words of \"{kp.text}\" in "
                    "its alt text",
            )
        return
    share = 100.0 * hits / len(images)
    if share < opts.min_percent:
        yield Violation(
            images[0],
            f"{hits} of {len(images)} image alt texts reflect the keyphrase {kp.label()} "
            f"({share:.0f}%; recommended at least {opts.min_percent:g}%)",
            fix=f"Use the words of \"{kp.text}\" in the alt text of the images that show the "
                "topic",
        )
