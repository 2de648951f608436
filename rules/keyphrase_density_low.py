"""The focus keyphrase occurs too rarely in the text (adjusted density under 0.5 %).

## What it does
Counts the keyphrase in the main content as Yoast's KeywordDensity does: a sentence (headings
and list items included) holds it when it holds every content word, matched by stem in any
order, and counts as often as its rarest content word occurs there. Density is occurrences per
100 words, adjusted for the keyphrase's length by Yoast's factor 0.7 + content words / 3 (a
longer keyphrase is harder to repeat). The rule fires when the adjusted density is under
`min-percent`, or when the keyphrase occurs only once; two occurrences are enough when that is
all the text's length asks for. Texts under 100 words are not checked, as in Yoast. Applies to
pages with a keyphrase the writer chose.

## Why is this bad?
A page that names its topic once or never gives search engines little reason to rank it for
that topic, and readers little sign they are in the right place.

## Example
```html
<html lang="en"><head><meta name="keyphrase" content="backward running"></head><body><main>
<p>Backward running is fun. Many people try it on a track, with a friend who watches the way.
It spares the knees, it works the calves, and it burns energy. Start with a slow walk and add
short jogs after a week. Keep your back straight, take short steps and land on the balls of your
feet. Look over your shoulder now and then, and stop when you feel dizzy. Most people find it
easy within a month, and some of them never go back to the old way of running. Wear light
shoes, pick a quiet hour, and bring water on warm days.</p>
</main></body></html>
```

## Use instead
```html
<html lang="en"><head><meta name="keyphrase" content="backward running"></head><body><main>
<p>Backward running is fun. Many people try backward running on a track, with a friend who
watches the way. It spares the knees, it works the calves, and it burns energy. Start with a
slow walk and add short jogs after a week. Keep your back straight, take short steps and land on
the balls of your feet. Look over your shoulder now and then, and stop when you feel dizzy. Most
people find backward running easy within a month, and some never go back to the old way. Wear
light shoes, pick a quiet hour, and bring water on warm days.</p>
</main></body></html>
```

## Options
- `min-percent` (default 0.5, Yoast KeywordDensity's minimum)
- `min-words` (default 100: Yoast does not assess shorter texts)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import FACT_BODY, Page
from seolint.keyphrase import declared_keyphrase, density, recommended_count
from seolint.rule import Violation, page_rule


@dataclass(frozen=True)
class Options:
    min_percent: float = 0.5  # Yoast KeywordDensity: minimum
    min_words: int = 100  # Yoast KeywordDensity: isApplicable needs 100 words


def _applies(page: Page) -> bool:
    kp = declared_keyphrase(page) if page.kind in ("post", "page") else None
    return kp is not None and kp.usable


@page_rule("K008", "keyphrase-density-low", category="keyphrase", severity="warning",
           options=Options, applies=_applies, requires=frozenset({FACT_BODY}))
def check(page: Page, opts: Options) -> Iterator[Violation]:
    kp = declared_keyphrase(page)
    if kp is None:
        return
    d = density(page, kp)
    if d.words < opts.min_words:
        return
    wanted = recommended_count(d.words, kp, opts.min_percent, "min")
    too_few = d.count <= 1 or (d.adjusted < opts.min_percent
                               and not (d.count == 2 and wanted <= 2))
    if not too_few:
        return
    times = f"{d.count} time{'s' if d.count != 1 else ''}"
    yield Violation(
        None,
        f"The keyphrase {kp.label()} occurs {times} in {d.words} words: density "
        f"{d.adjusted:.2f}% adjusted for its length (recommended at least "
        f"{opts.min_percent:g}%, about {wanted} times)",
        fix=f"Use \"{kp.text}\" about {max(1, wanted - d.count)} more "
            f"time{'s' if wanted - d.count != 1 else ''}, where it reads naturally",
    )
