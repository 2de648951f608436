"""Too many sentences in the passive voice (over 10 %).

## What it does
Finds sentences with a passive clause: a form of "be" or "get" followed by a past participle
in English ("was built", "is often used"), "werden" and a participle in German and Dutch, "ser",
"être", "essere"/"venire" and a participle in Spanish, French, Italian and Portuguese. The page
fires when more than `max-percent` of its sentences are passive, and is a warning over
`bad-percent`. The paragraph with the most passive sentences is named in the message.

The word lists are in `seolint/data/lang/<language>.toml`; a language without a `[passive]`
table there (Russian, for one) is not applicable rather than guessed. Predicative adjectives
that look like participles ("is interested", "got tired") are listed as exceptions. Pages under
50 words are not checked.

Not in the default selection (select it with `--select R004` or in the config): its measured
precision on the labelled corpus sample (tests/precision, findings judged by reading the page)
is 33 % (3 of 9); the wrong ones were one or two passive sentences in a short note already
exceed 10 %, and the passive of definitions ("Julia is guaranteed to build…") is the clear form.

## Why is this bad?
Passive sentences hide who does what and take more words. Yoast's PassiveVoice assessment
wants at most 10 % of sentences passive and marks over 15 % as bad.

## Example
```html
<html lang="en"><body><main>
<p>The study was conducted by a team in Ohio. Runners were asked to run backwards for six weeks.
Their knees were examined every week. The results were published in a journal. The method is
now used by many coaches. Some concerns were raised about falls. Helmets were recommended by
the authors, and the track was closed to other runners.</p>
</main></body></html>
```

## Use instead
```html
<html lang="en"><body><main>
<p>A team in Ohio ran the study. They asked runners to run backwards for six weeks. A doctor
examined their knees every week. The team published the results in a journal. Many coaches now
use the method. Some people worry about falls. The authors recommend a helmet, and they closed
the track to other runners.</p>
</main></body></html>
```

## Options
- `max-percent` (default 10, Yoast PassiveVoice's recommended maximum)
- `bad-percent` (default 15, Yoast's "bad" band: above it the finding is a warning)
- `min-words` (default 50: pages with fewer words are not checked)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import FACT_BODY, Page
from seolint.rule import Violation, page_rule, shorten
from seolint.text import analysis


@dataclass(frozen=True)
class Options:
    max_percent: float = 10.0  # Yoast PassiveVoice: recommendedValue
    bad_percent: float = 15.0  # Yoast: above it, red
    min_words: int = 50

    def __post_init__(self) -> None:
        if self.bad_percent < self.max_percent:
            raise ValueError("'bad-percent' must be at least 'max-percent'")


def _applies(page: Page) -> bool:
    return page.kind in ("post", "page") and analysis(page).data.passive is not None


@page_rule("R004", "passive-voice", category="readability", severity="info", options=Options,
           applies=_applies, requires=frozenset({FACT_BODY}),
           default_enabled=False)
def check(page: Page, opts: Options) -> Iterator[Violation]:
    text = analysis(page)
    flags = text.passive
    if not flags or text.words < opts.min_words:
        return
    passive = sum(flags)
    share = 100.0 * passive / len(flags)
    if share <= opts.max_percent:
        return
    per_unit = Counter(text.sentences[i].unit for i, f in enumerate(flags) if f)
    worst, n = per_unit.most_common(1)[0]
    unit = text.units[worst]
    where = f"; {n} in the paragraph at line {unit.pos.line}" if unit.pos.line and n > 1 else ""
    yield Violation(
        None,
        f"{share:.1f}% of sentences use the passive voice ({passive} of {len(flags)}; "
        f"recommended at most {opts.max_percent:g}%{where})",
        fix="Rewrite passive sentences in the active voice: say who does what",
        severity="warning" if share > opts.bad_percent else None,
        # Which sentences: the line of each (its paragraph's), so the writer can find it
        extra=(("sentences", tuple(
            (text.units[x.unit].pos.line, x.words, shorten(x.text, 80))
            for x, passive_ in zip(text.sentences, flags, strict=True) if passive_)),),
    )
