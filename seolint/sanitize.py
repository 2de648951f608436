"""Page text is hostile: make it safe to show in a terminal.

Control characters (C0, DEL, C1: escape sequences start with ESC or CSI) and bidirectional
overrides (which can make text read differently from what it is) are shown as visible escapes
(`\\x1b`, `\\u202e`) rather than interpreted. Rich markup is never parsed from page text because
the text reporter builds rich `Text` objects (no markup); `escape_markup` is for anything that
must go through a markup string.
"""

from __future__ import annotations

import re

from rich.markup import escape

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_NEWLINES = re.compile(r"[\t\n\r\u2028\u2029]+")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str, limit: int | None = None) -> str:
    """One line of text, safe for a terminal: controls shown as escapes, cut with an ellipsis."""
    text = _NEWLINES.sub(" ", text)
    text = _UNSAFE.sub(_visible, text)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def escape_markup(text: str) -> str:
    return escape(clean(text))
