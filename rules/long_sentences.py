"""Too many long sentences (over 20 words), and sentences far too long to read.

## What it does
Counts the words of each sentence of the main content and reports the page when more than
`max-percent` of its sentences are longer than the language's limit: 20 words, 25 in Spanish,
Italian, Portuguese and Catalan, 15 in Hebrew and Turkish (Yoast's limits; `max-words` sets one
for every language). Over `bad-percent` the finding is a warning.

Each sentence over `very-long-words` is also pointed to on its own, at its paragraph, because
one 60-word sentence is worth splitting whatever the average says.

Sentences never run across paragraphs; headings and list items are sentence units of their own.
Code blocks and tables are not prose and are not counted, nor are quotations (`<blockquote>`):
the writer cannot shorten another author's sentences.

In the default selection since its precision on a fresh sample was measured: 100 % (40 of
40 findings drawn at random after the fixes below, seed 22, judged by reading the page; Wilson
95 % lower bound 91.2 %, tests/precision/labels-readability.jsonl). On the first sample it was
93 % (14 of 15); its one wrong finding left there is the share on a 10-sentence meeting note
whose 3 long sentences are list items of a schedule. Text that is not the writer's prose is not
counted (seolint.text.prose): a list of names (a release's contributors), code, a shell session
or TeX written as text; a URL or a formula in a sentence counts as one word. A full stop after an abbreviation
("e.g.", "Dr.") or inside a number ("3.5") does not end a sentence. Pages under 50 words are
not checked, nor are languages written without spaces (Chinese, Japanese, Thai).

## Why is this bad?
Long sentences are hard to follow, and harder still on a phone. Yoast's SentenceLengthInText
assessment wants at most 25 % of sentences over 20 words and marks over 30 % as bad.

## Example
```html
<html lang="en"><body><main>
<p>Running backwards, which some people also call retro running or reverse running, is an old
training method that athletes in many sports have used for decades to build balance and strength.
Because you cannot see where you are going when you run backwards, you should always choose a
flat and open place without obstacles and ideally bring a friend who can watch the way for you.
Start slowly.</p>
</main></body></html>
```

## Use instead
```html
<html lang="en"><body><main>
<p>Running backwards is also called retro running. Athletes have used it for decades. It builds
balance and strength. You cannot see where you are going, so choose a flat, open place. Bring a
friend who can watch the way for you. Start slowly and build up over a few weeks.</p>
</main></body></html>
```

## Options
- `max-words` (default 0: the language's limit, 20 in most languages)
- `max-percent` (default 25, Yoast SentenceLengthInText's recommended maximum)
- `bad-percent` (default 30, Yoast's "bad" band: above it the finding is a warning)
- `very-long-words` (default 40: a sentence this long is pointed to on its own; 0 turns it off)
- `min-words` (default 50: pages with fewer words are not checked)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import FACT_BODY, Page
from seolint.rule import Violation, page_rule, shorten
from seolint.text import analysis


@dataclass(frozen=True)
class Options:
    max_words: int = 0  # 0: the language's limit (Yoast: 20, es/it/pt/ca 25, he/tr 15)
    max_percent: float = 25.0  # Yoast SentenceLengthInText: recommendedValue
    bad_percent: float = 30.0  # Yoast: above it, red
    very_long_words: int = 40
    min_words: int = 50

    def __post_init__(self) -> None:
        if self.max_words < 0 or self.very_long_words < 0:
            raise ValueError("word limits must not be negative")
        if self.bad_percent < self.max_percent:
            raise ValueError("'bad-percent' must be at least 'max-percent'")


def _applies(page: Page) -> bool:
    return page.kind in ("post", "page") and analysis(page).spaced


@page_rule("R002", "long-sentences", category="readability", severity="info", options=Options,
           applies=_applies, requires=frozenset({FACT_BODY}))
def check(page: Page, opts: Options) -> Iterator[Violation]:
    text = analysis(page)
    if text.words < opts.min_words:
        return
    limit = opts.max_words or text.sentence_limit
    # A quotation's sentences are another author's: the writer cannot split them. A list of
    # names, code or a formula written as text is no sentence to split (seolint.text.prose).
    prose = text.prose_words
    counted = [(s, n) for s, n in zip(text.sentences, prose, strict=True)
               if n and not text.units[s.unit].quoted]
    if counted:
        over = [(s, n) for s, n in counted if n > limit]
        long = len(over)
        share = 100.0 * long / len(counted)
        if share > opts.max_percent:
            yield Violation(
                None,
                f"{share:.1f}% of sentences have more than {limit} words ({long} of "
                f"{len(counted)}; recommended at most {opts.max_percent:g}%)",
                fix=f"Split the long sentences until at most {opts.max_percent:g}% have more "
                    f"than {limit} words",
                severity="warning" if share > opts.bad_percent else None,
                # Which sentences: the line of each (its paragraph's), so the writer can find it
                extra=(("sentences", tuple((text.units[x.unit].pos.line, n,
                                            shorten(x.text, 80)) for x, n in over)),),
            )
    if opts.very_long_words:
        for sentence, n in counted:
            if n > opts.very_long_words:
                yield Violation(
                    text.units[sentence.unit],
                    f"Sentence of {n} words: \"{shorten(sentence.text, 60)}\"",
                    fix="Split it into two or three sentences of one idea each",
                )
