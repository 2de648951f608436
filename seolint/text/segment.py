"""Sentences and words.

A block of main content (a paragraph, list item, heading, quote) is split into sentences on
`.`, `!`, `?`, `…` and `;` (and `。！？` in Chinese and Japanese, `؟` in Arabic and Persian)
followed by a space and something that can start a sentence. A semicolon joins two sentences
that could stand alone, and Flesch counted it as a sentence end, as Yoast does. It is *not* split:

- inside numbers and names ("3.5 km", "v2.0", "example.com"): no space after the mark (a
  footnote reference right after the mark does not count: "in 1910.[12] Then" is two);
- after an abbreviation of the page's language ("Dr. Smith", "e.g. this", "z.B. das"), an
  initial ("J. R. R. Tolkien"), a dotted abbreviation ("U.S. Army"), or a list number ("1. First");
- before a lower-case letter ("approx. five", "... and then").

Blocks are never joined: headings and list items are sentence units of their own, with or
without a full stop, and no sentence runs from one paragraph into the next. Nor does one run
across a line break (`<br>`, LINE_BREAK in a block's text): a line such as "Lettuce<br>Lettuce
is..." is a title of its own, as a poem's line or an address line is. A newline in the HTML
source is only whitespace and splits nothing.
"""

from __future__ import annotations

import re

from seolint.document import LINE_BREAK

# Words as seolint counts them everywhere (parse.count_words): letters and digits, joined by
# apostrophes or hyphens ("don't", "retro-running", "20-30").
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_MARKS = re.compile(r"[.!?…‼⁇⁈⁉;؟。！？]+")
_CLOSERS = frozenset("\"'”’»)]}」』）")
_CJK_ENDS = frozenset("。！？")
# Footnote references right after the mark: "...in 1910.[12][13] Then" (Wikipedia, papers)
_FOOTNOTES = re.compile(r"(?:\[(?:\d{1,4}|[a-z]|[^\W\d_]{1,12}\s\d{1,4})\])+")
_DOTTED = re.compile(r"^(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}$")
_OPENERS = "\"'“‘«([{¿¡"


def words(text: str) -> list[str]:
    return WORD.findall(text)


def is_number(token: str) -> bool:
    """A token of digits, maybe joined by hyphens ("2025", "20-30"): not a word with syllables."""
    return token[0].isdigit() and not any(ch.isalpha() for ch in token)


def split_sentences(text: str, abbreviations: frozenset[str]) -> list[str]:
    """The sentences of one block of text, in order, stripped; [] for an empty block."""
    if LINE_BREAK in text:
        return [s for line in text.split(LINE_BREAK) for s in _split(line, abbreviations)]
    return _split(text, abbreviations)


def _split(text: str, abbreviations: frozenset[str]) -> list[str]:
    out: list[str] = []
    start = 0
    n = len(text)
    for m in _MARKS.finditer(text):
        end = m.end()
        while end < n and text[end] in _CLOSERS:
            end += 1
        notes = _FOOTNOTES.match(text, end)
        if notes is not None:
            end = notes.end()
        mark = m.group()
        if mark[-1] not in _CJK_ENDS:
            if end < n and not text[end].isspace():
                continue  # "3.5", "example.com", "?!x"
            j = end
            while j < n and text[j].isspace():
                j += 1
            while j < n and text[j] in _OPENERS:
                j += 1
            if j < n and text[j].islower() and mark != ";":
                continue  # "e.g. the", "approx. five", "... and"
            if mark == "." and _not_an_end(text, start, m.start(), abbreviations):
                continue
        sentence = text[start:end].strip()
        if sentence:
            out.append(sentence)
        start = end
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def _not_an_end(text: str, start: int, stop: int, abbreviations: frozenset[str]) -> bool:
    """Is the full stop at text[stop], in a sentence begun at `start`, part of an abbreviation,
    an initial or a list number? Only the last token is looked at, found backwards from the
    mark: slicing the sentence so far for every full stop would make "Dr. Dr. Dr. ..." cost the
    square of its length."""
    if stop <= start or text[stop - 1].isspace():
        return True  # a full stop with nothing (or a space) before it
    first = stop - 1
    while first > start and not text[first - 1].isspace():
        first -= 1
    token = text[first:stop].lstrip(_OPENERS)
    if not token:
        return False
    lower = token.lower()
    if lower in abbreviations:
        return True
    if len(token) == 1 and token.isalpha() and token.isupper():
        return True  # an initial: "J. Smith"
    if _DOTTED.match(token):
        return True  # "U.S", "e.g", "z.B"
    if token.isdigit() and len(token) <= 3 and len(token) == stop - first:
        while first > start and text[first - 1].isspace():
            first -= 1
        return first == start  # a list number at the start of the block: "1. First"
    return False
