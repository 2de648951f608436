"""Heading ids as each static-site generator computes them, so `#fragment` links in Markdown
sources can be checked against the ids the built site will have (D010 broken-fragment).

Each scheme follows the generator's own code, not a guess:

- ``github``: github-slugger (Astro's rehype-heading-ids, many Eleventy and SvelteKit setups,
  Hugo's goldmark without Hugo): lower-case, drop other numbers, punctuation except ``-``,
  symbols, controls, format and separators except the space; spaces become ``-``. Duplicates get
  ``-1``, ``-2``... (a suffix that collides is skipped).
- ``hugo`` (goldmark's ``autoHeadingIDType = "github"``, Hugo's default): keep letters, digits and
  ``_`` lower-cased, ``-``, space and tab become ``-``, drop the rest; an empty id is ``heading``.
  ``hugo-ascii`` (``github-ascii``) first removes accents, then drops non-ASCII.
  ``blackfriday``: runs of anything but letters and numbers become one ``-``, none at the ends.
- ``kramdown-gfm`` (Jekyll's default ``input: GFM``): lower-case, drop what is not a word
  character, ``-``, space or tab; spaces and tabs become ``-``; an empty id means no id. Its text
  is kramdown's: typographic symbols (``--``, ``---``, ``...``, ``<<``, ``>>``) are characters that
  the id drops, so :func:`kramdown_text` removes them from the non-code parts first.
- ``kramdown`` (``input: kramdown``): drop everything up to the first ASCII letter, keep ASCII
  letters, digits, spaces and ``-``; an empty id is ``section``.
- ``zola``: the `slug` crate: transliterate to ASCII, runs of anything but letters and digits
  become one ``-``, none at the ends; duplicates ``-1``, ``-2``. The transliteration of scripts
  without a decomposition (CJK, Cyrillic) is a table seolint does not carry: such headings are
  *unsure* and a fragment that might name them is not reported.
- ``markdown-it-anchor``: trim, lower-case, whitespace runs to ``-``, then percent-encoded
  (``encodeURIComponent``); duplicates ``-1``, ``-2``.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

SCHEMES = ("github", "hugo", "hugo-ascii", "blackfriday", "kramdown-gfm", "kramdown", "zola",
           "markdown-it-anchor")

# github-slugger strips these general categories (its script/generate-regex.mjs), keeping the
# plain "-" and " ".
_GITHUB_STRIP = frozenset({"No", "Pe", "Pf", "Pi", "Ps", "Po", "Pd", "Sm", "Sc", "Sk", "So", "Cc",
                           "Co", "Cf", "Cn", "Cs", "Zs", "Zl", "Zp"})
_WS = re.compile(r"\s+")


def _github(text: str) -> str:
    out = []
    for ch in text.lower():
        if ch == " ":
            out.append("-")
        elif ch == "-" or unicodedata.category(ch) not in _GITHUB_STRIP:
            out.append(ch)
    return "".join(out)


def _remove_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text)
                   if unicodedata.category(c) != "Mn")


def _hugo(text: str, ascii_only: bool = False) -> str:
    # goldmark hands Hugo the heading text trimmed; isSpace is only space and tab.
    text = text.strip()
    if ascii_only:
        text = _remove_accents(text)
    out = []
    for ch in text:
        if ascii_only and ord(ch) > 127:
            continue
        if ch in "- \t":
            out.append("-")
        elif ch == "_" or ch.isalpha() or unicodedata.category(ch) == "Nd":
            out.append(ch.lower())
    return "".join(out)


def _blackfriday(text: str) -> str:
    out: list[str] = []
    dash = False
    for ch in text:
        if ch.isalpha() or unicodedata.category(ch)[0] == "N":
            if dash and out:
                out.append("-")
            dash = False
            out.append(ch.lower())
        else:
            dash = True
    return "".join(out)


def _is_word(ch: str) -> bool:
    """Ruby's \\p{Word}: letters, marks, decimal numbers, connector punctuation."""
    cat = unicodedata.category(ch)
    return cat[0] in "LM" or cat in ("Nd", "Pc")


def _kramdown_gfm(text: str) -> str:
    out = []
    for ch in text.lower():
        if ch in " \t":
            out.append("-")
        elif ch == "-" or _is_word(ch):
            out.append(ch)
    return "".join(out)


_LEADING_NON_LETTERS = re.compile(r"^[^a-zA-Z]+")
_KRAMDOWN_DROP = re.compile(r"[^a-zA-Z0-9 -]")


def _kramdown(text: str) -> str:
    gen = _LEADING_NON_LETTERS.sub("", text)
    gen = _KRAMDOWN_DROP.sub("", gen)
    return gen.replace(" ", "-").lower()


def _zola(text: str) -> tuple[str, bool]:
    """(slug, sure). Accented Latin decomposes; other scripts need deunicode's table."""
    sure = True
    out: list[str] = []
    dash = True  # no leading "-"
    for ch in _remove_accents(text):
        if ord(ch) > 127:
            folded = unicodedata.normalize("NFKD", ch)
            if folded.isascii():
                chars = folded
            else:
                sure = False
                chars = "-"
        else:
            chars = ch
        for c in chars:
            if c.isascii() and c.isalnum():
                out.append(c.lower())
                dash = False
            elif not dash:
                out.append("-")
                dash = True
    slug = "".join(out)
    return slug[:-1] if slug.endswith("-") else slug, sure


def _markdown_it_anchor(text: str) -> str:
    # encodeURIComponent leaves A-Z a-z 0-9 - _ . ! ~ * ' ( ) unescaped
    return quote(_WS.sub("-", text.strip().lower()), safe="-_.!~*'()")


_TYPOGRAPHY = re.compile(r"<<\s|\s>>|<<|>>|---|--|\.\.\.")


def kramdown_text(text: str) -> str:
    """The non-code part of a heading as kramdown's id sees it: its typographic symbols (dashes,
    ellipsis, guillemets with the space they swallow) are characters the GFM id drops."""
    return _TYPOGRAPHY.sub("", text)


class HeadingIds:
    """The ids one page's headings get, in order, with the scheme's rule for duplicates.

    `take(id)` records an id that is already set (``{#id}``, raw HTML), so an automatic id
    that would collide with it is numbered as the generator numbers it."""

    def __init__(self, scheme: str) -> None:
        if scheme not in SCHEMES:
            raise ValueError(f"unknown heading id scheme {scheme!r} (known: {', '.join(SCHEMES)})")
        self.scheme = scheme
        self.used: set[str] = set()
        self._counts: dict[str, int] = {}
        self.unsure = False  # a heading whose id seolint cannot compute for sure

    def take(self, ident: str) -> None:
        self.used.add(ident)

    def add(self, text: str) -> str | None:
        """The id the next heading with this text gets; None when it gets none (kramdown's
        empty id) or when seolint cannot be sure of it (then `unsure` is set)."""
        scheme = self.scheme
        if scheme == "github":
            return self._numbered_github(_github(text))
        if scheme in ("hugo", "hugo-ascii"):
            base = _hugo(text, scheme == "hugo-ascii") or "heading"
            return self._numbered(base, first=1)
        if scheme == "blackfriday":
            return self._numbered(_blackfriday(text) or "heading", first=1)
        if scheme == "kramdown-gfm":
            return self._kramdown_gfm(_kramdown_gfm(text))
        if scheme == "kramdown":
            return self._numbered(_kramdown(text) or "section", first=1)
        if scheme == "zola":
            slug, sure = _zola(text)
            if not sure:
                self.unsure = True
                return None
            return self._numbered(slug, first=1)
        return self._numbered(_markdown_it_anchor(text), first=1)

    def _numbered(self, base: str, first: int) -> str:
        """base, else base-1, base-2, ...: the first that is free (goldmark, zola, kramdown,
        markdown-it-anchor)."""
        ident = base
        n = first
        while ident in self.used:
            ident = f"{base}-{n}"
            n += 1
        self.used.add(ident)
        return ident

    def _numbered_github(self, base: str) -> str:
        # github-slugger counts per original slug and skips suffixes already taken.
        ident = base
        while ident in self.used:
            self._counts[base] = self._counts.get(base, 0) + 1
            ident = f"{base}-{self._counts[base]}"
        self.used.add(ident)
        self._counts.setdefault(ident, 0)
        return ident

    def _kramdown_gfm(self, base: str) -> str | None:
        # kramdown-parser-gfm counts every heading per base, even those whose id is empty (and
        # so not set): ";;" after ";.;" gets "-1".
        count = self._counts.get(base, -1) + 1
        self._counts[base] = count
        ident = base + (f"-{count}" if count > 0 else "")
        if not ident:
            return None
        self.used.add(ident)
        return ident


# The generators seolint knows (seolint.sources.generators) and the scheme each uses by default.
GENERATOR_SCHEMES = {
    "hugo": "hugo",
    "jekyll": "kramdown-gfm",
    "zola": "zola",
    "astro": "github",
    "eleventy": "markdown-it-anchor",
    "sveltekit": "github",
    "gatsby": "github",
    "docusaurus": "github",
}

# Hugo's markup.goldmark.parser.autoHeadingIDType values.
HUGO_ID_TYPES = {"github": "hugo", "github-ascii": "hugo-ascii", "blackfriday": "blackfriday"}
