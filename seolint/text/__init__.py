"""Text analysis of a page's main content, done once per page and shared by every rule.

`analysis(page)` splits the main content into sentence units and words, works out the page's
language, and offers the measures the readability, keyphrase and evidence rules read:

- **What is prose.** Paragraphs, list items, headings, quotes and loose text of the main content
  (`Page.blocks`). Code blocks and tables are not prose: they are left out of every measure,
  word counts included (`Page.main_words` counts the same words). Navigation, sidebars,
  footers and comments never reach the blocks (seolint.parse).
- **Sentences** never cross blocks (seolint.text.segment): a heading or a list item is its own
  unit, and a paragraph without a full stop is one long sentence, which is what a reader gets.
- **Language**: front matter, `<html lang>`, else detected (seolint.text.languages). Measures
  that depend on the language are `None` ("not applicable") where seolint has no data for it;
  they are never computed with English constants.
- **Flesch reading ease** with the language's own formula (Yoast's constants, see
  languages.FLESCH), on words that are not numbers (Yoast strips numbers first too), clamped
  to 0-100; **Flesch-Kincaid grade** for English only.
- **Reading time** at the language's reading speed (IReST, Trauzettel-Klosinski & Dietz 2012).

Why not textstat for the formulas: it splits sentences and counts words its own way over one
flat string, so it cannot score a single paragraph with the page's sentence units, and its
`set_lang` is global state. seolint uses the CMU dictionary textstat 0.7.8 bundles for English
syllables, and nothing that downloads data.

Cost: one regex pass per block for sentences and words; syllables are one cached dictionary
look-up per word. Passive voice and transition words are computed on first use. A 100,000-word
page takes well under a second.

The package may import seolint.document only (and its own modules).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from seolint.document import LINE_BREAK, Page, Position, TextBlock
from seolint.text import syllables as _syllables
from seolint.text.languages import NO_SPACES, LangData, detect, lang_data, primary
from seolint.text.prose import prose_words
from seolint.text.segment import is_number, split_sentences, words
from seolint.text.style import beginning, has_transition, is_passive

PROSE_KINDS = frozenset({"p", "li", "heading", "quote", "other"})
PARAGRAPH_KINDS = frozenset({"p", "quote", "other"})
_CACHE_KEY = "seolint.text.analysis"
_CLOSERS = "\"'”’»)]}」』） "


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or heading, or list item without a full stop)."""

    text: str
    tokens: tuple[str, ...]  # words as written
    lower: tuple[str, ...]  # the same, lower-cased, curly apostrophes straightened
    unit: int  # index of its block in TextAnalysis.units

    @property
    def words(self) -> int:
        return len(self.tokens)


@dataclass(frozen=True, slots=True)
class Unit:
    """A prose block of the main content and the range of its sentences."""

    block: TextBlock
    first: int  # index of its first sentence in TextAnalysis.sentences
    count: int  # number of sentences

    @property
    def kind(self) -> str:
        return self.block.kind

    @property
    def pos(self) -> Position:
        return self.block.pos

    @property
    def words(self) -> int:
        return self.block.words

    @property
    def quoted(self) -> bool:
        """Inside a <blockquote>: another author's words, which the writer cannot edit."""
        return self.block.quoted


class TextAnalysis:
    """The analysed main content of one page. Immutable by convention; measures are computed
    on first use and kept."""

    def __init__(self, page: Page, lang: str | None, lang_source: str,
                 units: tuple[Unit, ...], sentences: tuple[Sentence, ...]) -> None:
        self.page = page
        self.lang = lang
        self.lang_source = lang_source  # "front-matter", "html", "detected" or "unknown"
        self.data: LangData = lang_data(lang)
        self.units = units
        self.sentences = sentences

    # --- structure ---------------------------------------------------------------------------
    @cached_property
    def words(self) -> int:
        return sum(u.words for u in self.units)

    @cached_property
    def paragraphs(self) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if u.kind in PARAGRAPH_KINDS)

    def sentences_of(self, unit: Unit) -> tuple[Sentence, ...]:
        return self.sentences[unit.first: unit.first + unit.count]

    @cached_property
    def prose_words(self) -> tuple[int | None, ...]:
        """Per sentence: its words of prose (a URL or a TeX formula is one word), None when it
        is no prose (a list of names, code or a formula written as text: seolint.text.prose).
        Only the length rules read it; every other measure counts the sentence's tokens."""
        return tuple(prose_words(s.text) for s in self.sentences)

    def prose_words_of(self, unit: Unit) -> int:
        """The words of prose of one unit: its prose sentences' words."""
        counts = self.prose_words[unit.first: unit.first + unit.count]
        return sum(n for n in counts if n)

    @property
    def spaced(self) -> bool:
        """False for languages written without spaces, where word counts mean little."""
        return self.lang not in NO_SPACES

    @property
    def reading_minutes(self) -> float:
        return self.words / self.data.reading_wpm

    # --- readability -------------------------------------------------------------------------
    @property
    def flesch_applicable(self) -> bool:
        return bool(self.lang) and self.data.flesch is not None and _syllables.supported(
            self.lang or "")

    @cached_property
    def _sentence_counts(self) -> dict[int, tuple[int, int]]:
        """Per sentence (by id): (words that are not numbers, their syllables), counted once."""
        lang = self.lang or ""
        count = _syllables.count
        get = _syllables.cache_for(lang).get
        out: dict[int, tuple[int, int]] = {}
        for s in self.sentences:
            words = [t for t in s.tokens if not (t[0].isdigit() and is_number(t))]
            known = [get(t) for t in words]
            if None in known:
                known = [count(t, lang) for t in words]
            out[id(s)] = (len(words), sum(known))  # type: ignore[arg-type]
        return out

    def counts(self, sentences: Sequence[Sentence]) -> tuple[int, int, int]:
        """(sentences, words, syllables) for Flesch: number tokens are not words there, and a
        unit cut at a semicolon is not a sentence of its own. Sentence units (R002, R006...)
        still end at a semicolon; Flesch's average sentence length does not: counted that way,
        reading ease orders the 4,724 CLEAR excerpts more as teachers do (Spearman 0.537 to 0.567,
        textstat 0.545: bench/readability_agreement.py), and TextComplexityDE's German sentences
        no worse."""
        stats = self._sentence_counts
        n_sent = n_words = n_syl = 0
        last = len(sentences) - 1
        for i, s in enumerate(sentences):
            words, syl = stats[id(s)]
            if words:
                joined = (i < last and sentences[i + 1].unit == s.unit
                          and s.text.rstrip(_CLOSERS).endswith(";"))
                n_sent += 0 if joined else 1
                n_words += words
                n_syl += syl
        return max(n_sent, 1) if n_words else n_sent, n_words, n_syl

    def flesch_of(self, sentences: Sequence[Sentence]) -> float | None:
        """Flesch reading ease of some sentences with the page language's formula, 0-100;
        None where the language has no formula or there are no words."""
        if not self.flesch_applicable:
            return None
        n_sent, n_words, n_syl = self.counts(sentences)
        if not n_words:
            return None
        base, per_sentence, per_syllable = self.data.flesch  # type: ignore[misc]
        score = base - per_sentence * n_words / n_sent - per_syllable * n_syl / n_words
        return round(min(100.0, max(0.0, score)), 1)

    @cached_property
    def flesch(self) -> float | None:
        return self.flesch_of(self.sentences)

    @cached_property
    def grade(self) -> float | None:
        """Flesch-Kincaid grade level: English only (its constants are English)."""
        if self.lang != "en":
            return None
        n_sent, n_words, n_syl = self.counts(self.sentences)
        if not n_words:
            return None
        return round(max(0.0, 0.39 * n_words / n_sent + 11.8 * n_syl / n_words - 15.59), 1)

    @property
    def sentence_limit(self) -> int:
        return self.data.sentence_length

    @cached_property
    def long_sentences(self) -> tuple[Sentence, ...]:
        limit = self.sentence_limit
        return tuple(s for s in self.sentences if s.words > limit)

    @cached_property
    def long_share(self) -> float | None:
        """Percentage of sentences over the language's limit (Yoast SentenceLength)."""
        counted = [s for s in self.sentences if s.words]
        if not counted or not self.spaced:
            return None
        return 100.0 * len(self.long_sentences) / len(counted)

    @cached_property
    def passive(self) -> tuple[bool, ...] | None:
        """Per sentence: passive? None where the language has no passive rules."""
        rules = self.data.passive
        if rules is None:
            return None
        return tuple(is_passive(s.text, s.lower, rules, s.tokens)  # type: ignore[arg-type]
                     for s in self.sentences)

    @cached_property
    def passive_share(self) -> float | None:
        flags = self.passive
        if flags is None or not flags:
            return None
        return 100.0 * sum(flags) / len(flags)

    @cached_property
    def transitions(self) -> tuple[bool, ...] | None:
        """Per sentence: holds a transition word? None where the language has no list."""
        if not self.data.has_transitions:
            return None
        return tuple(has_transition(list(s.lower), self.data) for s in self.sentences)

    @cached_property
    def transition_share(self) -> float | None:
        flags = self.transitions
        if flags is None or not flags:
            return None
        return 100.0 * sum(flags) / len(flags)

    def beginning(self, sentence: Sentence) -> str | None:
        return beginning(list(sentence.lower), self.data)

    def metrics(self) -> dict[str, Any]:
        """The numbers for the JSON report (seolint.metrics)."""

        def r(value: float | None) -> float | None:
            return None if value is None else round(value, 1)

        return {
            "language": self.lang,
            "language_source": self.lang_source,
            "sentences": len(self.sentences),
            "paragraphs": len(self.paragraphs),
            "reading_time_minutes": round(self.reading_minutes, 1) if self.spaced else None,
            "reading_ease": self.flesch,
            "grade": self.grade,
            "long_sentences_pct": r(self.long_share),
            "passive_pct": r(self.passive_share),
            "transition_pct": r(self.transition_share),
        }


def language(page: Page) -> tuple[str | None, str]:
    """(primary language subtag or None, where it came from)."""
    fm = page.front_matter
    for key in ("lang", "language", "locale"):
        value = fm.get(key) if isinstance(fm, dict) else None
        code = primary(value) if isinstance(value, str) else None
        if code:
            return code, "front-matter"
    code = primary(page.lang)
    if code:
        return code, "html"
    blocks = [b for b in page.blocks if b.kind in PROSE_KINDS]
    n_words = sum(b.words for b in blocks)
    text = " ".join(b.text for b in blocks[:200])
    code = detect(text, n_words)
    return (code, "detected") if code else (None, "unknown")


def analysis(page: Page) -> TextAnalysis:
    """The page's text analysis, computed on first use and cached on the page."""
    cached = page._cache.get(_CACHE_KEY)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    lang, source = language(page)
    data = lang_data(lang)
    abbreviations = data.abbreviations
    units: list[Unit] = []
    sentences: list[Sentence] = []
    for block in page.blocks:
        if block.kind not in PROSE_KINDS:
            continue
        index = len(units)
        first = len(sentences)
        if block.kind == "heading":
            parts = [block.text.replace(LINE_BREAK, " ")]  # one heading, however many lines
        else:
            parts = split_sentences(block.text, abbreviations)
        for part in parts:
            tokens = tuple(words(part))
            if not tokens:
                continue  # "…", "—", an emoji: no words, no sentence
            lower = tuple(words(part.lower().replace("’", "'")))
            if len(lower) != len(tokens):  # a letter whose lower case is two ("İ")
                lower = tuple(t.lower().replace("’", "'") for t in tokens)
            sentences.append(Sentence(part, tokens, lower, index))
        units.append(Unit(block, first, len(sentences) - first))
    result = TextAnalysis(page, lang, source, tuple(units), tuple(sentences))
    page._cache[_CACHE_KEY] = result
    return result


__all__ = ["PARAGRAPH_KINDS", "PROSE_KINDS", "Sentence", "TextAnalysis", "Unit", "analysis",
           "language"]
