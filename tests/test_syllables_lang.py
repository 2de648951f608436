"""Syllable and sentence-unit rules per language (seolint.text.syllables, seolint.text.segment).

Every expected count is the word's syllabification in a standard reference, spoken form:
German after Duden ("neu·e", "Na·ti·on"), Dutch after Van Dale / Woordenlijst ("the·o·rie",
"si·tu·a·tie"), French as pronounced in standard French (mute e and the verb ending "-ent" are
not syllables, as in seolint's existing "grande" = 1: [lɔ.ʒik], [paʁl]), Portuguese after the
grammars' rules (Cunha & Cintra: falling and nasal diphthongs are one syllable, i/u before a
stressed vowel are not: "di·as", "te·o·ri·a", but the unstressed final "-ia" after the accent
is a rising diphthong: "his·tó·ria"), Russian one syllable per vowel letter.
"""

from __future__ import annotations

import pytest

from seolint.text import syllables
from seolint.text.segment import LINE_BREAK, split_sentences


@pytest.mark.parametrize(("word", "n"), [
    ("neue", 2), ("Bauer", 2), ("Frauen", 2), ("Eier", 2),  # diphthong, then a vowel
    ("Nation", 3), ("Theater", 3), ("Theorie", 3), ("Situation", 5), ("Januar", 3),  # hiatus
    ("aktuell", 3), ("Quelle", 2), ("Qualität", 3),  # "qu": the u is a consonant
    ("Ferien", 3), ("Familien", 4), ("Wien", 1), ("erschien", 2), ("Bienen", 2),  # -ien
    ("Haus", 1), ("Zeitung", 2), ("Flughafen", 3), ("Niveau", 2), ("Bayern", 2), ("York", 1),
])
def test_german(word: str, n: int) -> None:
    assert syllables.count(word, "de") == n


@pytest.mark.parametrize(("word", "n"), [
    ("theorie", 3), ("situatie", 4), ("zoals", 2), ("radio", 3), ("januari", 4),  # hiatus
    ("koeien", 2), ("mooie", 2), ("huis", 1), ("niveau", 2), ("één", 1),  # digraphs
    ("België", 3), ("ideeën", 3),  # diaeresis
    ("loyaal", 2), ("quota", 2),  # "y" before a vowel, "qu"
])
def test_dutch(word: str, n: int) -> None:
    assert syllables.count(word, "nl") == n


@pytest.mark.parametrize(("word", "n"), [
    ("grande", 1), ("année", 2), ("vie", 1),  # mute final e
    ("parlent", 1), ("peuvent", 1), ("étaient", 2), ("jouent", 1),  # verb ending -ent
    ("souvent", 2), ("président", 3), ("moment", 2), ("client", 2), ("cent", 1),  # spoken -ent
    ("logique", 2), ("quelques", 1), ("que", 1), ("langue", 1),  # qu, gu
    ("réalité", 4), ("théorie", 3), ("création", 3), ("aéroport", 4), ("poésie", 3),  # hiatus
    ("nuit", 1), ("pied", 1), ("oui", 1), ("nation", 2), ("bruit", 1),  # glides
    ("triomphe", 2), ("crier", 2), ("cruel", 2),  # after consonant + l/r: full vowels
    ("feuille", 1), ("moyen", 2), ("août", 1), ("naïf", 2), ("Noël", 2),
])
def test_french(word: str, n: int) -> None:
    assert syllables.count(word, "fr") == n


@pytest.mark.parametrize(("word", "n"), [
    ("dias", 2), ("sua", 2), ("duas", 2), ("teoria", 4), ("social", 3), ("criar", 2),
    ("região", 3), ("João", 2), ("mãe", 1),  # nasal diphthongs
    ("muito", 2), ("pai", 1), ("céu", 1), ("ideia", 3), ("meio", 2),  # falling diphthongs
    ("quando", 2), ("guerra", 2), ("quais", 1),  # qu, gu
    ("história", 3), ("água", 2), ("área", 2), ("família", 3),  # unstressed final -ia, -ua
    ("Lisboa", 3), ("saída", 3), ("país", 2),
])
def test_portuguese(word: str, n: int) -> None:
    assert syllables.count(word, "pt") == n


@pytest.mark.parametrize(("word", "n"), [
    ("книга", 2), ("ядрышко", 3), ("в", 0), ("к", 0), ("с", 0),  # clitic prepositions
    ("ДНК", 1), ("Windows", 2), ("и", 1),
])
def test_russian(word: str, n: int) -> None:
    assert syllables.count(word, "ru") == n


@pytest.mark.parametrize(("lang", "word", "n"), [
    ("es", "poeta", 3), ("es", "ciudad", 2), ("es", "país", 2), ("es", "guerra", 2),
    ("it", "istruzione", 4), ("it", "piano", 2), ("it", "uomo", 2), ("it", "paese", 3),
])
def test_spanish_and_italian_diphthongs(lang: str, word: str, n: int) -> None:
    assert syllables.count(word, lang) == n


def test_counts_are_cached_per_language() -> None:
    assert syllables.count("via", "nl") == 2 and syllables.cache_for("nl")["via"] == 2
    assert syllables.count("Haus", "de") == 1 and "Haus" not in syllables.cache_for("nl")


# --- sentence units --------------------------------------------------------------------------

def test_a_footnote_after_the_full_stop_still_ends_the_sentence() -> None:
    text = "Foi em 1890.[48] A cedência veio depois.[49][50] Isto[3] e aquilo. Fim"
    assert split_sentences(text, frozenset()) == [
        "Foi em 1890.[48]", "A cedência veio depois.[49][50]", "Isto[3] e aquilo.", "Fim"]


def test_a_full_stop_inside_a_word_is_still_not_an_end() -> None:
    assert split_sentences("See example.com[1] for v2.0.[2]x more", frozenset()) == [
        "See example.com[1] for v2.0.[2]x more"]


def test_a_line_break_ends_a_unit() -> None:
    text = f"Lettuce{LINE_BREAK}Lettuce is easy to grow. It likes{LINE_BREAK}shade"
    assert split_sentences(text, frozenset()) == [
        "Lettuce", "Lettuce is easy to grow.", "It likes", "shade"]
