"""The writer's view of a page in the terminal: its text metrics, and the sentences to change.

`seolint check content/posts/my-draft.md -k "..."` is what a writer runs before publishing, so a
run of one page (or `--verbose`) shows every number the report carries for it (seolint.metrics:
words, reading time, reading ease and grade, long-sentence, passive and transition shares, the
keyphrase with its count and density), and under an R002 or R004 finding the line of each long
or passive sentence (the first few; `--verbose` lists them all). Nothing is computed here: the
numbers are the JSON report's `pages[].metrics`, the sentences what the rule put in its finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from seolint.sanitize import clean

SHOWN_SENTENCES = 3  # under a finding, without --verbose


def _pct(value: Any) -> str:
    return "n/a" if value is None else f"{value:g}%"


def metrics_lines(metrics: Mapping[str, Any] | None) -> list[str]:
    """Every text number of one page, in three lines: length and ease, shares, keyphrase.
    Empty for pages that are not one text (listings, redirect stubs, unreadable pages)."""
    if not metrics or "reading_ease" not in metrics:
        return []
    lang = metrics.get("language") or "language unknown"
    first = [f"{metrics.get('words', 0)} words"]
    if metrics.get("reading_time_minutes") is not None:
        first.append(f"{max(1, round(metrics['reading_time_minutes']))} min read")
    ease = metrics.get("reading_ease")
    first.append(f"reading ease {ease:g} ({lang})" if ease is not None
                 else f"reading ease n/a ({lang})")
    if metrics.get("grade") is not None:
        first.append(f"grade {metrics['grade']:g}")
    shares = [f"long sentences {_pct(metrics.get('long_sentences_pct'))}",
              f"passive {_pct(metrics.get('passive_pct'))}",
              f"transition words {_pct(metrics.get('transition_pct'))}"]
    lines = [" · ".join(first), " · ".join(shares)]
    if metrics.get("keyphrase"):
        source = metrics.get("keyphrase_source")
        how = " (inferred)" if metrics.get("keyphrase_inferred") else (
            f" (from {source})" if source else "")
        kp = f"keyphrase \"{clean(str(metrics['keyphrase']), 60)}\"{how}"
        if metrics.get("keyphrase_count") is not None:
            kp += f" · found {metrics['keyphrase_count']}x"
        if metrics.get("keyphrase_density") is not None:
            kp += f" · density {metrics['keyphrase_density']:g}%"
            adjusted = metrics.get("keyphrase_density_adjusted")
            if adjusted is not None and adjusted != metrics["keyphrase_density"]:
                kp += f" ({adjusted:g}% adjusted for the keyphrase's length, as Yoast)"
        lines.append(kp)
    else:
        lines.append("no keyphrase (give one with -k, or keyphrase: in front matter)")
    return lines


def sentence_lines(extra: Iterable[tuple[str, Any]], location: str,
                   verbose: bool) -> list[str]:
    """`path:LINE  N words  "the sentence…"` for the sentences an R002/R004 finding names,
    the first few, or all under --verbose; then how many more there are."""
    sentences: tuple[Any, ...] = ()
    for key, value in extra:
        if key == "sentences":
            sentences = tuple(value)
    if not sentences:
        return []
    shown = sentences if verbose else sentences[:SHOWN_SENTENCES]
    out = []
    for line, words, text in shown:
        where = f"{clean(location)}:{line}" if line else clean(location)
        out.append(f"{where}  {words} words  \"{clean(str(text), 100)}\"")
    if len(sentences) > len(shown):
        out.append(f"and {len(sentences) - len(shown)} more (--verbose lists them all)")
    return out
