"""Languages: which one a page is written in, and the word lists seolint has for it.

The language comes from the page's front matter (`lang`/`language`), else `<html lang>`, else it
is detected from the main content with py3langid (its model ships inside its wheel: nothing is
downloaded). Detection needs 20 words and a confident answer (probability 0.8); below that the
language is unknown, and every language-dependent measure is "not applicable" rather than a
guess in English.

Word lists live in `seolint/data/lang/<code>.toml`, one file per language, read once per process
(`functools.cache`). A language without a file still gets stemming (snowball has 30 languages)
and word counts; the measures that need a list (transition words, passive voice, the Flesch
formula) are not applicable there until someone adds the list.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

# Flesch reading ease per language: base - a * words/sentence - b * syllables/word.
# Yoast's formulas (yoastseo languageProcessing/languages/<code>/helpers/
# calculateFleschReadingScore.js), written per word rather than per 100 words:
#   en  Flesch (1948)            206.835 - 1.015 ASL - 84.6 ASW
#   de  Amstad (1978)            180     - 1.0   ASL - 58.5 ASW
#   es  Fernández Huerta (1959)  206.84  - 1.02  ASL - 60   ASW
#   fr  Kandel & Moles (1958)    207     - 1.015 ASL - 73.6 ASW
#   it  Flesch-Vacca (1972)      217     - 1.3   ASL - 60   ASW
#   nl  Douma (1960)             206.84  - 0.93  ASL - 77   ASW
#   pt  Martins et al. (1996)    248.835 - 1.015 ASL - 84.6 ASW
#   ru  Oborneva (2006)          206.835 - 1.3   ASL - 60.1 ASW
FLESCH: dict[str, tuple[float, float, float]] = {
    "en": (206.835, 1.015, 84.6),
    "de": (180.0, 1.0, 58.5),
    "es": (206.84, 1.02, 60.0),
    "fr": (207.0, 1.015, 73.6),
    "it": (217.0, 1.3, 60.0),
    "nl": (206.84, 0.93, 77.0),
    "pt": (248.835, 1.015, 84.6),
    "ru": (206.835, 1.3, 60.1),
}

# Snowball stemmers by primary language subtag.
SNOWBALL = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech",
    "da": "danish", "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian",
    "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
    "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian", "lt": "lithuanian",
    "ne": "nepali", "no": "norwegian", "nb": "norwegian", "nn": "norwegian", "fa": "persian",
    "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian",
    "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}

# Scripts written without spaces between words: word counts mean little there.
NO_SPACES = frozenset({"zh", "ja", "th", "lo", "km", "my"})

DEFAULT_SENTENCE_LENGTH = 20  # Yoast SentenceLengthInText, most languages
DEFAULT_READING_WPM = 200  # words per minute where IReST gives no figure

_TAG = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*$", re.IGNORECASE)
_NOT_LANGUAGES = frozenset({"und", "mul", "zxx", "mis", "x-default"})


@dataclass(frozen=True)
class Passive:
    """How to find a passive clause: an auxiliary and a participle, in order or in one clause."""

    order: str  # "after": participle within `window` words after the auxiliary; "clause": both
    window: int
    auxiliaries: frozenset[str]
    fillers: frozenset[str]
    suffixes: tuple[str, ...]
    prefixes: tuple[str, ...]  # the participle must start with one (German, Dutch); () = any
    any_suffixes: tuple[str, ...]  # suffixes that make a participle whatever the prefix (-iert)
    irregular: frozenset[str]
    exceptions: frozenset[str]
    idioms: tuple[tuple[str, ...], ...] = ()  # "get used to": auxiliary + participle, not passive

    def is_participle(self, word: str) -> bool:
        if word in self.exceptions or len(word) < 4:
            return False
        if word in self.irregular:
            return True
        if self.any_suffixes and word.endswith(self.any_suffixes):
            return True
        if not word.endswith(self.suffixes):
            return False
        return not self.prefixes or word.startswith(self.prefixes)


@dataclass(frozen=True)
class LangData:
    """Everything seolint knows about one language. Empty lists mean "not known"."""

    code: str
    name: str = ""
    has_file: bool = False
    sentence_length: int = DEFAULT_SENTENCE_LENGTH
    reading_wpm: int = DEFAULT_READING_WPM
    abbreviations: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    transitions: frozenset[str] = frozenset()  # single words
    transition_phrases: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    two_part: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    first_word_exceptions: frozenset[str] = frozenset()
    claim_nouns: frozenset[str] = frozenset()
    claim_verbs: frozenset[str] = frozenset()
    claim_phrases: tuple[tuple[str, ...], ...] = ()
    statistic_words: tuple[tuple[str, ...], ...] = ()
    passive: Passive | None = None

    @property
    def flesch(self) -> tuple[float, float, float] | None:
        return FLESCH.get(self.code)

    @property
    def has_transitions(self) -> bool:
        return bool(self.transitions or self.transition_phrases)

    @property
    def stemmer(self) -> str | None:
        return SNOWBALL.get(self.code)


def primary(tag: str | None) -> str | None:
    """The primary subtag of a language tag, lower-cased ("pt-BR" -> "pt"); None if unusable."""
    if not tag:
        return None
    tag = tag.strip()
    if not _TAG.match(tag) or tag.lower() in _NOT_LANGUAGES:
        return None
    code = re.split(r"[-_]", tag, maxsplit=1)[0].lower()
    return {"iw": "he", "in": "id", "ji": "yi", "jw": "jv"}.get(code, code)


def _words(items: Iterable[Any]) -> list[tuple[str, ...]]:
    return [tuple(str(item).lower().split()) for item in items if str(item).strip()]


def _passive(table: dict[str, Any]) -> Passive:
    irregular = {w.lower() for w in table.get("irregular-participles", [])}
    for ending in table.get("irregular-inflect", []):
        # Romance participles agree with their subject: "hecho", "hecha", "hechos", "hechas".
        for word in list(irregular):
            if word[-1:] in "oe" and len(word) > 3:
                irregular.add(word[:-1] + ending)
            else:
                irregular.add(word + ending)
    return Passive(
        order=str(table.get("order", "after")),
        window=int(table.get("window", 3)),
        auxiliaries=frozenset(w.lower() for w in table.get("auxiliaries", [])),
        fillers=frozenset(w.lower() for w in table.get("fillers", [])),
        suffixes=tuple(table.get("participle-suffixes", [])),
        prefixes=tuple(table.get("participle-prefixes", [])),
        any_suffixes=tuple(table.get("participle-any", [])),
        irregular=frozenset(irregular),
        exceptions=frozenset(w.lower() for w in table.get("participle-exceptions", [])),
        idioms=tuple(_words(table.get("idioms", []))),
    )


@cache
def lang_data(code: str | None) -> LangData:
    """The word lists for a primary language subtag, read once per process."""
    if not code:
        return LangData(code="")
    try:
        raw = resources.files("seolint").joinpath(f"data/lang/{code}.toml").read_bytes()
    except (FileNotFoundError, OSError):
        return LangData(code=code)
    data = tomllib.loads(raw.decode("utf-8"))
    singles: set[str] = set()
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for words in _words(data.get("transition-words", [])):
        if len(words) == 1:
            singles.add(words[0])
        else:
            phrases.setdefault(words[0], []).append(words)
    two_part = tuple(
        (tuple(a.lower().split()), tuple(b.lower().split()))
        for a, b in data.get("two-part-transition-words", [])
    )
    return LangData(
        code=code,
        name=str(data.get("name", code)),
        has_file=True,
        sentence_length=int(data.get("sentence-length", DEFAULT_SENTENCE_LENGTH)),
        reading_wpm=int(data.get("reading-wpm", DEFAULT_READING_WPM)),
        abbreviations=frozenset(a.lower().rstrip(".") for a in data.get("abbreviations", [])),
        function_words=frozenset(w.lower() for w in data.get("function-words", [])),
        transitions=frozenset(singles),
        # longest first, so "in the end" is tried before "in the"
        transition_phrases={k: tuple(sorted(v, key=len, reverse=True))
                            for k, v in phrases.items()},
        two_part=two_part,
        first_word_exceptions=frozenset(
            w.lower() for w in data.get("first-word-exceptions", [])),
        claim_nouns=frozenset(w.lower() for w in data.get("claim-nouns", [])),
        claim_verbs=frozenset(w.lower() for w in data.get("claim-verbs", [])),
        claim_phrases=tuple(_words(data.get("claim-phrases", []))),
        statistic_words=tuple(_words(data.get("statistic-words", []))),
        passive=_passive(data["passive"]) if isinstance(data.get("passive"), dict) else None,
    )


# --- detection --------------------------------------------------------------------------------

MIN_DETECT_WORDS = 20
MIN_DETECT_PROBABILITY = 0.8
_identifier: Any = None  # py3langid's model, loaded on first use (0.7 s), once per process


def detect(text: str, words: int) -> str | None:
    """The language of `text` by py3langid, or None when too short or not confident."""
    global _identifier
    if words < MIN_DETECT_WORDS:
        return None
    if _identifier is None:
        from py3langid.langid import (  # type: ignore[import-untyped]
            MODEL_FILE,
            LanguageIdentifier,
        )

        _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    code, probability = _identifier.classify(text[:4000])
    if probability < MIN_DETECT_PROBABILITY:
        return None
    return primary(str(code))
