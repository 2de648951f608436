"""The focus keyphrase is too long (over 4 content words), or has no content words at all.

## What it does
Counts the content words of the keyphrase the writer chose (function words such as "the",
"how", "to" do not count) and fires when there are more than `max-words`. A keyphrase made only
of function words ("how to", "the best of") cannot be matched at all: the rule reports it under
its second name, `keyphrase-only-function-words`, and the other keyphrase rules are not
applicable on that page.

## Why is this bad?
Searchers rarely type long phrases word for word, and a long keyphrase can hardly be used
naturally in a title, a slug and a first sentence. Yoast's KeyphraseLength assessment
recommends one to four content words.

## Example
```html
<html lang="en"><head>
<meta name="keyphrase" content="best cheap lightweight trail running shoes for wide feet">
</head><body><main><p>Trail running shoes for wide feet.</p></main></body></html>
```

## Use instead
```html
<html lang="en"><head><meta name="keyphrase" content="trail shoes for wide feet">
</head><body><main><p>Trail running shoes for wide feet.</p></main></body></html>
```

## Options
- `max-words` (default 4, Yoast KeyphraseLength's recommended maximum)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import FACT_BODY, Page
from seolint.keyphrase import declared_keyphrase
from seolint.rule import Violation, page_rule


@dataclass(frozen=True)
class Options:
    max_words: int = 4  # Yoast KeyphraseLength: recommendedMaximum


def _applies(page: Page) -> bool:
    return page.kind in ("post", "page") and declared_keyphrase(page) is not None


@page_rule("K010", "keyphrase-too-long", category="keyphrase", severity="warning",
           options=Options, aliases=("keyphrase-only-function-words",), applies=_applies,
           requires=frozenset({FACT_BODY}))
def check(page: Page, opts: Options) -> Iterator[Violation]:
    kp = declared_keyphrase(page)
    if kp is None:
        return
    if not kp.usable:
        yield Violation(
            None,
            f"The keyphrase \"{kp.text}\" has only function words, so seolint cannot find it "
            "in the text; the other keyphrase rules were skipped",
            fix="Choose a keyphrase with at least one word that names the topic",
            name="keyphrase-only-function-words",
        )
        return
    n = len(kp.content)
    if n > opts.max_words:
        yield Violation(
            None,
            f"The keyphrase \"{kp.text}\" has {n} content words (recommended at most "
            f"{opts.max_words})",
            fix=f"Shorten it to the {opts.max_words} words or fewer that searchers type",
        )
