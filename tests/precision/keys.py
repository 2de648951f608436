"""Label keys of the precision sample that survive line moves, and matching them to findings.

A label names a finding by what a person would point at, not by its line:

- `site`: the corpus folder, `sites/NAME` or `markdown/NAME` (as bench/ecosystem.py names them);
- `file`: the file, relative to that folder;
- `code`: the rule code;
- `quote`: the element the message quotes (a title, an href, an img src, a heading, a sentence's
  start), the first "..." span of the message without its "…" cut; "" when the message quotes
  nothing;
- `prefix`: the message's shape, quotes emptied and numbers as "#" ("Paragraph is very hard
  to read", "#% of sentences have more than # words"), which tells apart two kinds of finding
  of one rule and survives a changed count;
- `at`: only where the rule fired more than once on the file with the same quote and prefix:
  the first 40 characters of text (tags stripped) where the finding points, so two such
  findings are told apart by their element, not by their line number.

- `also`: only where even `at` cannot tell two findings apart (two "Read More" links on one
  page): the part of the message after its quote, which names the target.

A current finding matches a label when site, file and code are equal, its message holds
`"quote`, its shape starts with `prefix` (a label without quote ignores quotes the message
gained since), and (when `at` is set) the text where it points
starts with `at`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
AT_CHARS = 40
_QUOTED = re.compile(r'"(.+?)…?"(?=[\s:,;)]|$)')
_TAG = re.compile(r"<[^>]*>|<[^>]*$")
_SPACE = re.compile(r"\s+")
_QUOTED_ANY = re.compile(r'"[^"]*"')
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_LINE_NO = re.compile(r"(?: on)? line \d+")


@cache
def split_path(path: str) -> tuple[str, str]:
    """(site key, file relative to the site) of a corpus path."""
    rel = Path(path).resolve().relative_to(CORPUS.resolve())
    group, name, *rest = rel.parts
    return f"{group}/{name}", "/".join(rest)


def quote_of(message: str) -> str:
    m = _QUOTED.search(message)
    return m.group(1).rstrip("…") if m else ""


def also_of(message: str, prefix: str) -> str:
    """What follows the quote (or, without one, the prefix), line numbers left out."""
    m = _QUOTED.search(message)
    tail = message[m.end():] if m else message[len(prefix):]
    return _LINE_NO.sub("", tail)[:60].rstrip("…")


def prefix_of(message: str) -> str:
    """The message's shape: quotes emptied, each number a "#", cut at the first colon (after
    it come paths and lists) and at 40 characters."""
    shape = _NUMBER.sub("#", _QUOTED_ANY.sub('""', message))
    return shape.split(":", 1)[0][:40]


@lru_cache(maxsize=64)
def _lines(path: str) -> tuple[str, ...]:
    try:
        return tuple(Path(path).read_text(encoding="utf-8", errors="replace").splitlines())
    except OSError:
        return ()


def text_at(path: str, line: int | None, column: int | None) -> str:
    """The text (tags stripped, spaces collapsed) from a position on, AT_CHARS characters."""
    lines = _lines(path)
    if not line or line > len(lines):
        return ""
    first = lines[line - 1][max(0, (column or 1) - 1):]
    chunk = " ".join((first, *lines[line: line + 12]))
    return _SPACE.sub(" ", _TAG.sub(" ", chunk)).strip()[:AT_CHARS]


def key_of(finding: Mapping[str, Any], with_at: bool = True) -> dict[str, Any]:
    site, file = split_path(finding["path"])
    key = {"site": site, "file": file, "code": finding["code"],
           "quote": quote_of(finding["message"]), "prefix": prefix_of(finding["message"])}
    if with_at:
        key["at"] = text_at(finding["path"], finding.get("line"), finding.get("column"))
    return key


def matches(label: Mapping[str, Any], finding: Mapping[str, Any]) -> bool:
    if finding.get("code") != label["code"] or not finding.get("path"):
        return False
    try:
        if split_path(finding["path"]) != (label["site"], label["file"]):
            return False
    except ValueError:  # a path outside the corpus
        return False
    message = finding["message"]
    if label["quote"] and f'"{label["quote"]}' not in message:
        return False
    shape = prefix_of(message)
    if not label["quote"] and '""' not in label["prefix"]:
        # The message quoted nothing when it was labelled: a quote added since (H002 names
        # the heading, `<h4> "Published" follows <h1>`) does not make it another finding.
        shape = shape.replace(' ""', "")
    if not shape.startswith(label["prefix"]):
        return False
    if label.get("also") and label["also"] not in _LINE_NO.sub("", message):
        return False
    if label.get("at"):
        return text_at(finding["path"], finding.get("line"), finding.get("column")).startswith(
            label["at"])
    return True


def found(label: Mapping[str, Any], findings: Iterable[Mapping[str, Any]]) -> bool:
    return any(matches(label, f) for f in findings)


def label_id(label: Mapping[str, Any]) -> str:
    """One line that names a label, as the allowlist writes it."""
    parts = [label["site"], label["file"], label["code"], label["quote"] or label["prefix"]]
    if label.get("at"):
        parts.append("@" + label["at"])
    if label.get("also"):
        parts.append("+" + label["also"])
    return " | ".join(p.replace("\n", " ").strip() for p in parts)
