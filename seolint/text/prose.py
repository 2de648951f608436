"""Which sentences are the writer's prose, and how many words of it they hold.

A paragraph of a blog is not always prose. On the real blogs of the corpus, the "sentences" the
length rules (R002, R003) reported and nobody would split were:

- **enumerations**: the contributor list of a release announcement ("Ahmed Hamdy, Aitozi,
  Aleksandr Pilipenko, ..." as one 268-word paragraph), a list of modules or hash names: items of
  one to three words, one after another, joined by commas;
- **code and data written as text**: a shell session, an SQL query, a Markdown table left in a
  paragraph, TeX source of a formula (`$$ \\hat{y}(x~|~\\theta) = ... $$`), where most tokens hold
  the marks of code (`\\ { } | = < > _ $ ^ ~`);
- **addresses**: a URL is one thing the reader skips, not the dozen words ("sa", "t", "rct", ...)
  its query string splits into; a formula in running text (`$x_i$`) is one term.

`prose_words(text)` counts the words of a sentence with each URL and each TeX formula as one
word, and is None when the sentence is an enumeration or code-like (not prose at all).
"""

from __future__ import annotations

import re

from seolint.text.segment import words

_URL = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"]+", re.IGNORECASE)
# TeX as MathJax and KaTeX read it in text: $$...$$, \[...\], \(...\), and $...$ when the dollar
# signs hug the formula ("$x_i$"), which "$5 and $10" does not (a digit follows the second).
_MATH = re.compile(
    r"\$\$.+?\$\$|\\\[.+?\\\]|\\\(.+?\\\)|(?<![\w$\\])\$(?=[^\s$])[^$\n]{1,300}?(?<=[^\s\\])\$(?![\w$])",
    re.DOTALL)
_PLACEHOLDER = " x "
# A token of code: TeX or shell marks, a pipe of a table, an assignment, generics, snake_case.
_CODE_TOKEN = re.compile(r"[\\{}|^~=<>$]|::|\w_\w|\(\)")
_ITEM_SPLIT = re.compile(r"[,;、，]|\s(?:and|und|y|et|e|en)\s")
CODE_SHARE = 0.4  # tokens with marks of code, of all tokens: above it, code rather than prose
MIN_ITEMS = 8  # an enumeration has at least this many items ...
SHORT_ITEM_WORDS = 3  # ... of at most this many words ...
SHORT_SHARE = 0.8  # ... for this share of its items, which hold most of its words
ITEM_WORD_SHARE = 0.75


def _is_code(text: str) -> bool:
    tokens = text.split()
    if len(tokens) < 4:
        return False
    code = sum(1 for t in tokens if _CODE_TOKEN.search(t))
    return code > CODE_SHARE * len(tokens)


def _is_enumeration(text: str) -> bool:
    items = [n for n in (len(words(p)) for p in _ITEM_SPLIT.split(text)) if n]
    if len(items) < MIN_ITEMS:
        return False
    short = [n for n in items if n <= SHORT_ITEM_WORDS]
    return (len(short) >= SHORT_SHARE * len(items)
            and sum(short) >= ITEM_WORD_SHARE * sum(items))


def prose_words(text: str) -> int | None:
    """Words of prose in a sentence (a URL or a formula is one), None when it is not prose."""
    if _is_code(text):
        return None
    plain = _MATH.sub(_PLACEHOLDER, _URL.sub(_PLACEHOLDER, text))
    if _is_enumeration(plain):
        return None
    return len(words(plain))


__all__ = ["prose_words"]
