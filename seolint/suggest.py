""""Did you mean ...?" for a config key, option or rule name one edit away from a known one.

One edit is one character inserted, deleted, replaced, or two neighbours swapped ("fail_on" for
`fail-on`, "titel-too-long" for `title-too-long`), compared without case. Only a single nearest
candidate is suggested: two equally near ones would be a guess.
"""

from __future__ import annotations

from collections.abc import Iterable


def one_edit_apart(a: str, b: str) -> bool:
    """True when `a` and `b` differ by exactly one insertion, deletion, substitution or swap of
    two adjacent characters (optimal string alignment distance 1)."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]])
    short, long = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1:]


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The one choice a single edit from `word` (case-insensitive), else None."""
    low = word.strip().lower()
    found = sorted({c for c in choices if one_edit_apart(low, c.lower())})
    return found[0] if len(found) == 1 else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'x'?)` to append to an error message, or "" when nothing is that near."""
    match = closest(word, choices)
    return f" (did you mean {match!r}?)" if match else ""
