"""Keyphrase inference counts phrase windows with numpy on long pages and in a plain loop on
short ones (so a one-page check need not import numpy): the two must count the same."""

from __future__ import annotations

import random

from seolint import keyphrase


def _sequence(rng: random.Random, words: int, vocabulary: int) -> list[int]:
    seq: list[int] = []
    while len(seq) < words:
        for _ in range(rng.randint(3, 25)):
            seq.append(rng.choice([0, -1, *range(1, vocabulary + 1)]))
        seq.append(-2)
    return seq


def test_plain_loop_counts_as_numpy_does() -> None:
    rng = random.Random(7)
    for words, vocabulary in [(0, 3), (5, 2), (60, 4), (400, 12), (3000, 40), (3000, 400)]:
        seq = _sequence(rng, words, vocabulary)
        m = vocabulary + 1
        assert keyphrase._window_codes(seq, m) == keyphrase._window_codes_numpy(seq, m)


def test_phrase_counts_decode_pairs_gaps_and_triples() -> None:
    rows = [["run", "", "shoe", "fast"], ["run", "", "shoe", "fast"], ["fast", "run"]]
    singles = keyphrase.Counter(w for row in rows for w in row)
    del singles[""]
    counted = keyphrase._phrase_counts(rows, singles)
    assert counted[("run", "shoe")] == 2  # "run of shoe": the pair, twice
    assert counted[("fast", "shoe")] == 2
    assert ("fast", "run") not in counted
