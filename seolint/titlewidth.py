"""How wide a title is on a search results page, in pixels of Arial at 20 px.

Results pages set titles in Arial 20 px and cut them with an ellipsis at about 600 px, so
pixels, not characters, decide what is read ("WWW" is wider than "iii"). The widths come from a
bundled table of Liberation Sans, which is metric-compatible with Arial: every glyph has Arial's
advance width. `tools/make_title_widths.py` writes the table (seolint/data/
liberation_sans_widths.json) from the font; it covers Latin (with Latin-1, Extended-A and -B and
Extended Additional), Greek, Cyrillic, General Punctuation and Currency Symbols.

How a title is measured:
- The text is NFC-normalised first, so an "e" plus a combining accent counts as one "é".
- Format characters (soft hyphen, zero-width space and joiners, direction marks) and combining
  marks: zero, as they take no room of their own.
- A character in the table: its advance width. Kerning is not applied (browsers kern Arial
  little, and the sum of advances errs on the side of "too wide" by a pixel or two).
- A character not in the table, East Asian wide or full-width (CJK ideographs, kana, Hangul,
  full-width forms, most emoji): 1 em, the width those glyphs have in the fallback fonts.
- Any other character not in the table (Arabic, Hebrew, Devanagari, Thai, ...): the average
  width of the lowercase letters a-z, an estimate rather than a measurement.

The table is read once, lazily, on first use.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

ARIAL_TITLE_PX = 20.0  # the font size of a title on Google's results page
_DATA = "liberation_sans_widths.json"


@dataclass(frozen=True, slots=True)
class _Table:
    units_per_em: int
    advances: dict[int, int]  # codepoint -> advance width in font units
    fallback: float  # the average lowercase a-z advance, in font units


@lru_cache(maxsize=1)
def _table() -> _Table:
    raw = resources.files("seolint").joinpath("data", _DATA).read_text(encoding="utf-8")
    data = json.loads(raw)
    advances: dict[int, int] = {}
    for first, widths in data["runs"]:
        for offset, width in enumerate(widths):
            advances[first + offset] = width
    lower = [advances[cp] for cp in range(ord("a"), ord("z") + 1)]
    return _Table(int(data["units_per_em"]), advances, sum(lower) / len(lower))


def is_wide(char: str) -> bool:
    """East Asian wide or full-width: takes a full em (and two columns in a terminal)."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def _units(char: str, table: _Table) -> float:
    if unicodedata.category(char) in ("Cf", "Mn", "Me"):
        return 0.0  # even where the font has a glyph: a soft hyphen shows only at a line break
    width = table.advances.get(ord(char))
    if width is not None:
        return width
    if is_wide(char):
        return float(table.units_per_em)
    return table.fallback


def char_widths(text: str, font_px: float = ARIAL_TITLE_PX) -> list[float]:
    """The width in pixels of each character of the NFC-normalised `text`."""
    table = _table()
    scale = font_px / table.units_per_em
    return [_units(ch, table) * scale for ch in unicodedata.normalize("NFC", text)]


def pixel_width(text: str, font_px: float = ARIAL_TITLE_PX) -> float:
    """The width of `text` in pixels of Arial at `font_px` (20 px, as in search results)."""
    return sum(char_widths(text, font_px))


def display_length(text: str) -> int:
    """Characters, counting East Asian wide and full-width ones as two (they are twice as wide
    and carry about twice the meaning of a Latin letter)."""
    return sum(2 if is_wide(ch) else 1 for ch in text)


def shortfall(text: str, minimum: int) -> tuple[str, str] | None:
    """None when `text` reaches `minimum` (display_length); else how long it is and how much it
    needs, as message parts: ("12 characters", "at least 18 characters"), with the wide-character
    count where it differs."""
    chars = len(text)
    length = display_length(text)
    if length >= minimum:
        return None
    need = minimum - length
    if length == chars:
        return f"{chars} characters", f"at least {need} character{'s' if need > 1 else ''}"
    return (f"{chars} characters, {length} counting wide characters as two",
            f"about {-(-need // 2)} wide or {need} narrow characters")


__all__ = ["ARIAL_TITLE_PX", "char_widths", "display_length", "is_wide", "pixel_width",
           "shortfall"]
