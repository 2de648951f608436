"""Sentence-level style checks: passive voice, transition words, sentence beginnings.

Each works on a sentence's lower-cased word tokens and the language's word lists
(`seolint/data/lang/<code>.toml`), so adding a language is adding a file.
"""

from __future__ import annotations

import re

from seolint.text.languages import LangData, Passive

# Passive clauses end at punctuation that separates clauses.
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]| - ")


def is_passive(text: str, tokens: list[str], rules: Passive,
               original: tuple[str, ...] | None = None) -> bool:
    """Is there a passive clause in the sentence?

    "after" languages (English, Romance): an auxiliary, then within `window` words (only
    adverbs from `fillers` in between) a participle. "clause" languages (German, Dutch): an
    auxiliary and a participle anywhere in the same clause, in either order ("das gebaut
    wurde"). A capitalised word after the first is a name, or a German noun ("Geheimdienst"),
    never a participle."""
    aux = rules.auxiliaries
    if aux.isdisjoint(tokens):
        return False
    if rules.order == "clause":
        first = True
        for clause in _CLAUSE_BREAK.split(text):
            words = _tokens(clause)
            lower = [w.lower() for w in words]
            pairs = enumerate(zip(lower, words, strict=True))
            if aux.intersection(lower) and any(
                    rules.is_participle(w) for j, (w, orig) in pairs
                    if w not in aux and (orig[:1].islower() or (first and j == 0))):
                return True
            first = first and not words
        return False
    if original is None:
        original = tuple(_tokens(text))
    capital = {i for i, w in enumerate(original) if i and w[:1].isupper()}
    for i, word in enumerate(tokens):
        if word not in aux:
            continue
        if rules.idioms and any(tuple(tokens[i: i + len(p)]) == p for p in rules.idioms):
            continue
        for j in range(i + 1, min(len(tokens), i + 1 + rules.window)):
            nxt = tokens[j]
            if j not in capital and rules.is_participle(nxt):
                return True
            if nxt not in rules.fillers:
                break
    return False


def _tokens(text: str) -> list[str]:
    from seolint.text.segment import WORD

    return WORD.findall(text)


def has_transition(tokens: list[str], lang: LangData) -> bool:
    """Does the sentence hold a transition word or phrase (or both halves of a two-part one)?"""
    if not lang.transitions.isdisjoint(tokens):
        return True
    phrases = lang.transition_phrases
    n = len(tokens)
    if not phrases.keys().isdisjoint(tokens):
        for i, word in enumerate(tokens):
            candidates = phrases.get(word)
            if candidates:
                for phrase in candidates:
                    if tuple(tokens[i: i + len(phrase)]) == phrase:
                        return True
    if lang.two_part and n > 2:
        present = set(tokens)
        for first, second in lang.two_part:
            if first[0] not in present or second[0] not in present:
                continue
            at = find(tokens, first)
            if at >= 0 and find(tokens, second, at + len(first)) >= 0:
                return True
    return False


def find(tokens: list[str], phrase: tuple[str, ...], start: int = 0) -> int:
    """Index of the first occurrence of `phrase` in `tokens` at or after `start`, else -1."""
    k = len(phrase)
    first = phrase[0]
    for i in range(start, len(tokens) - k + 1):
        if tokens[i] == first and (k == 1 or tuple(tokens[i: i + k]) == phrase):
            return i
    return -1


def beginning(tokens: list[str], lang: LangData) -> str | None:
    """How a sentence begins, for spotting repeats: its first word, or its first two when the
    first is an article or numeral ("the cat" and "the dog" are different beginnings)."""
    if not tokens:
        return None
    first = tokens[0]
    if first in lang.first_word_exceptions and len(tokens) > 1:
        return f"{first} {tokens[1]}"
    return first
