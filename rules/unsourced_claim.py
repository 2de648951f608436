"""A sentence states a statistic or appeals to research, and its paragraph cites no source.

## What it does
Looks at each sentence of the main content's paragraphs, list items and quotes (not headings,
code or tables) for

- a **statistic**: a percentage ("30%", "20-30 %", "12 percent"), a multiple ("3 times more",
  "twice as"), a proportion ("1 in 4", "8 out of 10"), or the language's own phrases
  (`statistic-words` in `seolint/data/lang/<language>.toml`);
- an **appeal to evidence**: a word such as "study", "research", "scientists", "survey" followed
  within a few words by "shows", "found", "indicates", "reveals" ..., or a phrase such as
  "according to" or "clinically proven" (`claim-nouns`, `claim-verbs`, `claim-phrases`).

It fires, once per sentence, when the sentence's paragraph has no link and no citation mark
("[3]", "(Smith, 2019)", "et al.", "Source:"). Offers ("20% off", "save 50%") are not
statistics. Sidebars, comments and footers are not main content and are never checked.

## Why is this bad?
A number or "studies show" without a source asks the reader to take it on trust, and readers and
search engines both trust pages that show their evidence (Google's guidance on helpful content
asks whether a page cites sources). Linking the study lets a reader check it, and keeps the
writer honest when the number came from nowhere. None of Yoast, Screaming Frog or Lighthouse
checks this: it is seolint's own rule.

## Example
```html
<html lang="en"><body><main>
<p>Research studies indicate that backward running puts approximately 30% less stress on
your knees.</p>
</main></body></html>
```

## Use instead
```html
<html lang="en"><body><main>
<p>A <a href="https://example.org/flynn-1994">1994 study</a> found that backward running puts
about 30% less stress on the knees.</p>
</main></body></html>
```

## Options
None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from seolint.document import FACT_BODY, Page
from seolint.rule import NoOptions, Violation, page_rule, shorten
from seolint.text import Sentence, TextAnalysis, analysis
from seolint.text.style import find

_KINDS = frozenset({"p", "li", "quote", "other"})
_PERCENT = re.compile(r"\d(?:[\d.,]*\d)?\s?(?:%|‰|％)")
# "3x faster", "10-fold"; "3 times more" is in each language's statistic-words, because
# "repeat 3-5 times" is no statistic.
_MULTIPLE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s?(?:[x×]\s+(?:more|less|faster|slower|higher|lower|greater|better|"
    r"worse|likely|as)\b|-?fold\b)", re.IGNORECASE)
_PROPORTION = re.compile(r"\b\d+\s+(?:in|out of|of every)\s+\d+\b", re.IGNORECASE)
_OFFER = re.compile(r"(?:%|percent)\s*(?:off|discount|rabatt|de descuento|de réduction)\b|"
                    r"\b(?:save|sale|discount|coupon|rabatt|descuento)\b", re.IGNORECASE)
_CITATION = re.compile(r"\[\d+\]|\bet al\b|\(\s*[A-Z][^\s(),]+(?:\s+(?:and|&)\s+[A-Z]\S+)?,?"
                       r"\s+(?:19|20)\d\d[a-z]?\s*\)|\b(?:source|sources|quelle|fuente|"
                       r"source\s?:)\s*:", re.IGNORECASE)
_WINDOW = 4  # a claim verb must follow its noun within this many words
_DIGIT = re.compile(r"\d")


def _applies(page: Page) -> bool:
    return page.kind in ("post", "page")


@cache
def _firsts(phrases: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    return frozenset(p[0] for p in phrases if p)


def _statistic(sentence: Sentence, text: TextAnalysis, words: set[str]) -> bool:
    s = sentence.text
    if _DIGIT.search(s) and (
            _PERCENT.search(s) or _MULTIPLE.search(s) or _PROPORTION.search(s)):
        return not _OFFER.search(s)
    phrases = text.data.statistic_words
    if words.isdisjoint(_firsts(phrases)):
        return False
    lower = list(sentence.lower)
    for phrase in phrases:
        if find(lower, phrase) >= 0:
            return not _OFFER.search(s)
    return False


def _appeal(sentence: Sentence, text: TextAnalysis, words: set[str]) -> bool:
    data = text.data
    nouns, verbs = data.claim_nouns, data.claim_verbs
    lower = list(sentence.lower)
    for phrase in data.claim_phrases:
        if phrase[0] in words and find(lower, phrase) >= 0:
            return True
    if words.isdisjoint(nouns) or words.isdisjoint(verbs):
        return False
    for i, word in enumerate(lower):
        if word in nouns and any(w in verbs for w in lower[i + 1: i + 1 + _WINDOW]):
            return True
    return False


@page_rule("E001", "unsourced-claim", category="evidence", severity="warning",
           applies=_applies, requires=frozenset({FACT_BODY}))
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    text = analysis(page)
    data = text.data
    cues = data.claim_nouns | _firsts(data.claim_phrases) | _firsts(data.statistic_words)
    for unit in text.units:
        if unit.kind not in _KINDS or unit.block.links:
            continue
        sentences = text.sentences_of(unit)
        if not _DIGIT.search(unit.block.text) and all(
                cues.isdisjoint(s.lower) for s in sentences):
            continue  # no number and no word that starts a claim: nothing to check
        if _CITATION.search(unit.block.text):
            continue
        for sentence in sentences:
            words = set(sentence.lower)
            statistic = _statistic(sentence, text, words)
            appeal = _appeal(sentence, text, words)
            if not (statistic or appeal):
                continue
            what = ("A statistic and an appeal to research" if statistic and appeal
                    else "A statistic" if statistic else "An appeal to research")
            yield Violation(
                unit,
                f"{what} without a source: \"{shorten(sentence.text, 90)}\"",
                fix="Link the study or data behind it in this paragraph, or cut the claim",
            )
