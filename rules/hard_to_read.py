"""Text is hard to read (low Flesch reading ease), on the page or in one paragraph.

## What it does
Scores the main content with Flesch reading ease, using the formula of the page's language:
Flesch (English), Amstad (German), Fernández Huerta (Spanish), Kandel & Moles (French),
Flesch-Vacca (Italian), Douma (Dutch), Martins (Portuguese) and Oborneva (Russian), with
Yoast's constants. The page fires under `min-score` (info) and under `bad-score` (warning).

Then it scores every paragraph of at least `paragraph-min-words` words on its own and points to
each one under `paragraph-score`, even when the page's average is fine: one very hard paragraph
is easy to fix once it is found, and an average hides it.

Words are counted without numbers, sentences never run across paragraphs, headings and list
items are sentence units of their own, and code blocks and tables are not prose. Languages
without a formula are not applicable: seolint never scores them with English constants. Pages
under 50 words are not scored (R007 thin-content covers them).

Not in the default selection (select it with `--select R001` or in the config): its measured
precision on the labelled corpus sample (tests/precision, findings judged by reading the page)
is 42 % (8 of 19); the wrong ones were pages scoring just under 60 with ordinary technical
prose, and short paragraphs whose score a few long words or names sink (lists of linked project
names, lint names in code, a release-note item).

## Why is this bad?
Long sentences and long words make a reader work harder; on the web they leave. Yoast marks a
score under 60 as "fairly difficult" and under 50 as "difficult" to read.

## Example
```html
<html lang="en"><body><main>
<p>Notwithstanding considerable methodological heterogeneity, contemporary epidemiological
investigations consistently demonstrate that retrograde locomotion substantially diminishes
patellofemoral compressive loading, thereby facilitating rehabilitation following anterior
cruciate ligament reconstruction, particularly amongst individuals experiencing persistent
musculoskeletal discomfort during conventional anterograde ambulation. Consequently,
practitioners increasingly incorporate retrograde locomotion into comprehensive rehabilitative
programmes, notwithstanding persisting uncertainties regarding optimal dosage parameters.</p>
</main></body></html>
```

## Use instead
```html
<html lang="en"><body><main>
<p>Running backwards is easy on the knees. Many studies say so. It puts less load on the front
of the knee. That is why it helps people who hurt their knee. You can try it after knee
surgery. Ask your doctor first. Start with a slow walk, then jog a bit.</p>
</main></body></html>
```

## Options
- `min-score` (default 60: Yoast's "fairly difficult" band starts below it)
- `bad-score` (default 50: Yoast's "difficult"; below it the finding is a warning)
- `paragraph-score` (default 30: Flesch's "very difficult", college-graduate text)
- `paragraph-min-words` (default 30: shorter paragraphs give unsteady scores)
- `min-words` (default 50: pages with fewer words are not scored)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import FACT_BODY, Page
from seolint.rule import Violation, page_rule
from seolint.text import analysis


@dataclass(frozen=True)
class Options:
    min_score: float = 60.0  # Yoast FleschReadingEase: "fairly difficult" below 60
    bad_score: float = 50.0  # Yoast: "difficult" below 50
    paragraph_score: float = 30.0  # Flesch (1948): 0-30 "very difficult"
    paragraph_min_words: int = 30
    min_words: int = 50

    def __post_init__(self) -> None:
        if self.bad_score > self.min_score:
            raise ValueError("'bad-score' must not be above 'min-score'")


def _applies(page: Page) -> bool:
    return page.kind in ("post", "page") and analysis(page).flesch_applicable


def _band(score: float) -> str:
    if score < 30:
        return "very difficult"
    if score < 50:
        return "difficult"
    if score < 60:
        return "fairly difficult"
    return "fairly easy" if score < 80 else "easy"


@page_rule("R001", "hard-to-read", category="readability", severity="info", options=Options,
           applies=_applies, requires=frozenset({FACT_BODY}),
           default_enabled=False)
def check(page: Page, opts: Options) -> Iterator[Violation]:
    text = analysis(page)
    if text.words < opts.min_words:
        return
    score = text.flesch
    if score is not None and score < opts.min_score:
        yield Violation(
            None,
            f"Flesch reading ease is {score:.1f} (below {opts.min_score:g}: {_band(score)} to "
            f"read)",
            fix="Shorten the longest sentences and swap long words for common short ones",
            severity="warning" if score < opts.bad_score else None,
        )
    for unit in text.paragraphs:
        if unit.words < opts.paragraph_min_words or unit.quoted:  # a quotation is not the writer's
            continue
        sentences = text.sentences_of(unit)
        par = text.flesch_of(sentences)
        if par is None or par >= opts.paragraph_score:
            continue
        longest = max((s.words for s in sentences), default=0)
        yield Violation(
            unit,
            f"Paragraph is very hard to read: Flesch reading ease {par:.1f} (below "
            f"{opts.paragraph_score:g}; the page scores {score:.1f}); {unit.words} words in "
            f"{len(sentences)} sentence{'s' if len(sentences) != 1 else ''}, the longest "
            f"{longest} words",
            fix="Split this paragraph's long sentences and use shorter, more common words",
        )
