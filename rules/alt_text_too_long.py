"""Image alt text is over 100 characters.

## What it does
Counts the characters of each image's alt text (spaces collapsed) and reports alt texts over
`max-chars`.

Not in the default selection (select it with `--select I002` or in the config): its measured
precision on the labelled corpus sample (tests/precision, findings judged by reading the page)
is 0 % (0 of 6): every long alt text sampled was the right one, the text of a tweet shown as
an image, the data of a chart, the summary of a table.

## Why is this bad?
Alt text should say briefly what the image shows. Screen readers read it in one go, without a way
to pause or skip within it, and some cut it off; a long alt text is often a caption or a list of
keywords in the wrong place. Screaming Frog reports "Alt Text Over 100 Characters".

## Example
```html
<img src="/img/finish.jpg" width="800" height="600" alt="Photo of a large group of runners in colourful shirts crossing the finish line of the city marathon backwards while the crowd cheers">
```

## Use instead
```html
<figure>
<img src="/img/finish.jpg" width="800" height="600" alt="Runners crossing the finish line backwards">
<figcaption>The crowd cheered as the group crossed the line of the city marathon.</figcaption>
</figure>
```

## Options
- `max-chars` (default 100, Screaming Frog's "Alt Text Over 100 Characters" filter)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import FACT_BODY, Page
from seolint.rule import Violation, is_content_page, page_rule, shorten


@dataclass(frozen=True)
class Options:
    max_chars: int = 100  # Screaming Frog: Images > Alt Text Over 100 Characters


@page_rule("I002", "alt-text-too-long", category="images", severity="warning", options=Options,
           applies=is_content_page,
           requires=frozenset({FACT_BODY}),
           default_enabled=False)
def check(page: Page, opts: Options) -> Iterator[Violation]:
    for image in page.images:
        if not image.alt:
            continue
        alt = " ".join(image.alt.split())
        length = len(alt)
        if length > opts.max_chars:
            yield Violation(
                image,
                f'Alt text is {length} characters (limit {opts.max_chars}): "{shorten(alt)}"',
                fix=f"Shorten the alt text by at least {length - opts.max_chars} characters and "
                    "move the rest to a caption or the text",
            )
