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

## Precision, and why it is not in the default selection
E001 runs only when selected (`--select E001`, or `extend-select = ["E001"]` in the config):
it is not precise enough to be on by default. On seolint's real-blog corpus (9 built sites, 3
Markdown repos), a random sample of its findings read one by one was right on 5 of 45 (11 %)
at first. Most numbers in a blog are the writer's own (a benchmark, a survey's results, a
postmortem, an estimate), or no statistic at all. The rule now stays silent on:

- idioms and code: "100%", "90% sure", "not 100% correct", "left: 25%;", `<pre>` and
  highlighter code;
- first-person sentences ("we're seeing a 2-10% improvement"): the writer is the source;
- statistics on a page whose title says it reports its own numbers (survey, results,
  benchmark, report, year in review, state of ...);
- every claim on a page that links the literature (doi.org, arXiv, PubMed, ACM, IEEE, a
  `.pdf`, ...): a post that summarises the paper it links is sourced;
- an attribution with no appeal to research in it ("according to package.json": only
  "according to a study / experts / the survey" appeals to evidence).

That cut its findings on the corpus from 891 to 267, and a new random sample of 42 was right on
10 (24 %): still far under the 90 % a default rule needs. What is left wrong is mostly a
writer's own measurement told in the third person ("LTO builds were 4% to 20% faster"),
instructions ("keep it below 5%") and hypotheticals, which a rule that reads one sentence
cannot tell from a borrowed statistic. Select it when you write articles that lean on other
people's numbers, and read its findings as questions.

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
# Percentages that are no statistic: idioms of certainty ("100% sure", "not 100% correct",
# "90% of the time"), "100%" as an intensifier, and CSS or code ("left: 25%;", "width:50%").
_IDIOM = re.compile(
    r"\b\d{1,3}\s?%\s+(?:sure|certain|confident|correct|right|wrong|true|honest|agree|"
    r"positive|serious|convinced|accurate|done|no|yes|of the time|committed|on board|behind|"
    r"ready|fine|happy|satisfied|safe|free|clear|yours)\b|(?<![\d.,])100\s?%|"
    r"[\w-]+\s*:\s*-?\d+(?:\.\d+)?\s?%\s*[;})]?", re.IGNORECASE)
# The writer is the source of a number they measured or estimated themselves ("we're seeing a
# 2-10% improvement", "I think a ~25% slow-down is worth it"): first-person sentences are theirs.
_FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'd", "me", "my", "we", "we're", "we've",
                           "we'd", "we'll", "our", "ours", "us"})
# A page whose title says it reports its own numbers: a survey's results, a benchmark, a report.
_OWN_DATA_TITLE = re.compile(r"\b(?:survey|results|benchmarks?|report|year in review|"
                             r"retrospective|state of|census|statistics|numbers)\b", re.IGNORECASE)
# Links to the literature: a post that summarises the paper it links is sourced by that link.
_SCHOLARLY = re.compile(
    r"(?:doi\.org|arxiv\.org|ncbi\.nlm\.nih\.gov|pubmed|scholar\.google|semanticscholar|"
    r"researchgate|jstor\.org|sciencedirect|springer|nature\.com|science\.org|acm\.org|"
    r"ieee\.org|openreview\.net|aclanthology|biorxiv|medrxiv|ssrn\.com|wiley\.com|"
    r"plos\.org|\.pdf(?:$|[?#]))", re.IGNORECASE)


def _applies(page: Page) -> bool:
    return page.kind in ("post", "page")


@cache
def _firsts(phrases: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    return frozenset(p[0] for p in phrases if p)


def _statistic(sentence: Sentence, text: TextAnalysis, words: set[str]) -> bool:
    s = _IDIOM.sub(" ", sentence.text)
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
        if phrase[0] in words:
            at = find(lower, phrase)
            if at < 0:
                continue
            # "clinically proven", "a study by" say it themselves; an attribution ("according
            # to", "según el") appeals to evidence only when a study, survey, expert ... follows
            # it: "according to package.json" is no appeal to research.
            if not nouns.isdisjoint(phrase) or not verbs.isdisjoint(phrase):
                return True
            end = at + len(phrase)
            if not nouns.isdisjoint(lower[end:end + _WINDOW]):
                return True
    if words.isdisjoint(nouns) or words.isdisjoint(verbs):
        return False
    for i, word in enumerate(lower):
        if word in nouns and any(w in verbs for w in lower[i + 1: i + 1 + _WINDOW]):
            return True
    return False


@page_rule("E001", "unsourced-claim", category="evidence", severity="warning",
           applies=_applies, requires=frozenset({FACT_BODY}), default_enabled=False)
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    if any(link.in_main and link.url and _SCHOLARLY.search(link.url) for link in page.links):
        return  # the post cites the paper it discusses
    own_data = page.title is not None and bool(_OWN_DATA_TITLE.search(page.title.text))
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
            if not _FIRST_PERSON.isdisjoint(words):
                continue  # the writer's own measurement or estimate
            statistic = not own_data and _statistic(sentence, text, words)
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
