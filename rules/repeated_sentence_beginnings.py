"""Three or more sentences in a row start with the same word.

## What it does
Compares the first word of each sentence of the main content with the next ones, and reports
each run of more than `max-repeats` consecutive sentences that begin alike, at the paragraph
where the run starts. When the first word is an article, a demonstrative or a numeral ("The",
"This", "Two"), the first two words are compared, so "The knees ..." and "The calves ..." are
different beginnings (Yoast's SentenceBeginnings does the same). Headings and list items end a
run: parallel list items ("Use ...", "Use ...") are good style.

Not in the default selection (select it with `--select R006` or in the config): its measured
precision on the labelled corpus sample (tests/precision, findings judged by reading the page)
is 25 % (2 of 8); the wrong ones were deliberate anaphora ("Let's reframe… Let's make… Let's
have…"), list items ("Week 1:", "Week 2-3:"), quotations and shell commands.

## Why is this bad?
Sentences that all start the same way read like a list and lose the reader's attention. Yoast's
SentenceBeginnings assessment flags three or more in a row.

## Example
```html
<html lang="en"><body><main>
<p>Backward running is fun. Backward running is cheap. Backward running is good for the knees.
Try it this week.</p>
</main></body></html>
```

## Use instead
```html
<html lang="en"><body><main>
<p>Backward running is fun. It costs nothing, and it is good for the knees. Try it this
week.</p>
</main></body></html>
```

## Options
- `max-repeats` (default 2: three sentences in a row with one beginning fire, as in Yoast)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import FACT_BODY, Page
from seolint.rule import Violation, page_rule
from seolint.text import Sentence, analysis

_RESET = ("heading", "li")


@dataclass(frozen=True)
class Options:
    max_repeats: int = 2  # Yoast SentenceBeginnings: 3 or more consecutive is too many

    def __post_init__(self) -> None:
        if self.max_repeats < 1:
            raise ValueError("'max-repeats' must be at least 1")


def _applies(page: Page) -> bool:
    return page.kind in ("post", "page") and analysis(page).spaced


@page_rule("R006", "repeated-sentence-beginnings", category="readability", severity="info",
           options=Options, applies=_applies, requires=frozenset({FACT_BODY}),
           default_enabled=False)
def check(page: Page, opts: Options) -> Iterator[Violation]:
    text = analysis(page)
    run: list[Sentence] = []
    current: str | None = None

    def report() -> Iterator[Violation]:
        if len(run) > opts.max_repeats and current is not None:
            first = run[0]
            shown = " ".join(first.tokens[: len(current.split())])
            yield Violation(
                text.units[first.unit],
                f"{len(run)} consecutive sentences start with \"{shown}\"",
                fix="Vary the beginnings: merge two of the sentences, or start one with its "
                    "subject, a transition or a detail",
            )

    for sentence in text.sentences:
        unit = text.units[sentence.unit]
        start = None if unit.kind in _RESET else text.beginning(sentence)
        if start is not None and start == current:
            run.append(sentence)
            continue
        yield from report()
        run = [sentence] if start is not None else []
        current = start
    yield from report()
