"""Bytes to text as a browser decodes a page: byte-order mark, charset, <meta charset>, UTF-8,
then detection. Split from seolint.parse (which re-exports it) to keep that module under 800
lines; it imports nothing of seolint's.
"""

from __future__ import annotations

import re

from bs4.dammit import EncodingDetector
from charset_normalizer import from_bytes

_UNDECODABLE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ufffd]")


class NotHtmlError(ValueError):
    """The bytes are not an HTML document (binary data, or text that does not decode)."""


def _detect(raw: bytes) -> str:
    """Guess an undeclared legacy encoding. Among the guesses that read equally well, prefer
    windows-1252, the web's default for undeclared pages (WHATWG): on short Western texts the
    detectors cannot tell it from windows-1250, and the wrong pick garbles every accent."""
    matches = list(from_bytes(raw[:65536]))
    if not matches:
        return "windows-1252"
    best = min(m.chaos for m in matches)
    ties = [m for m in matches if m.chaos <= best + 0.01]
    for m in ties:
        if "cp1252" in m.could_be_from_charset:
            return "windows-1252"
    return ties[0].encoding


def decode(raw: bytes, charset: str | None = None) -> tuple[str, str | None]:
    """Bytes to text, or NotHtmlError for binary data or an empty file.

    The order: a byte-order mark, the Content-Type charset, the page's own <meta charset>,
    strict UTF-8, then detection."""
    if not raw.strip():
        raise NotHtmlError(f"the file is empty ({len(raw)} bytes)")
    head = raw[:4096]
    utf16_bom = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not utf16_bom and b"\x00" in head:
        raise NotHtmlError("binary data (NUL bytes), not HTML")
    candidates: list[str] = []
    # A byte-order mark outranks the Content-Type charset (WHATWG "encoding sniffing"): a
    # server's default charset header is often wrong, a BOM never is.
    body, bom_encoding = EncodingDetector.strip_byte_order_mark(raw)
    if bom_encoding:
        candidates.append(bom_encoding)
    if charset:
        candidates.append(charset)
    declared = EncodingDetector.find_declared_encoding(body[:4096], is_html=True)
    if declared:
        candidates.append(declared)
    candidates.append("utf-8")
    text: str | None = None
    used: str | None = None
    for name in candidates:
        try:
            text, used = body.decode(name), name
            break
        except (UnicodeDecodeError, LookupError):
            continue
    if text is None:
        used = _detect(body)
        text = body.decode(used, errors="replace")
    # A page that only decodes by replacing most of itself is binary with a text/html label.
    sample = text[:4096]
    bad = len(_UNDECODABLE.findall(sample))
    if sample and bad / len(sample) > 0.1:
        raise NotHtmlError("mostly control characters or undecodable bytes, not HTML")
    return text, used
