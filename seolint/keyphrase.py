"""The focus keyphrase of a page: where it comes from, and where and how often it occurs.

**Where it comes from**, first found wins:

1. `--keyphrase` on the command line (`Settings.keyphrase`);
2. the page's front matter: `keyphrase`, `focus_keyphrase`, `focus-keyphrase`, `keyword`, or the
   first of `keywords` (a list or a comma-separated string); in an HTML page,
   `<meta name="keyphrase" content="...">` (the old `keywords` meta tag is not read: themes
   fill it with a post's tags);
3. the config's per-path table, `[tool.seolint.keyphrases]` `"posts/*running*" = "running"`
   (globs matched against the file path and the URL path, as `per-path-ignores` are);
4. otherwise it is **inferred**: the most distinctive phrase of one to three words of the page,
   and every message and the JSON report say that it was inferred.

Only a keyphrase the writer chose is held to Yoast's placement rules (K001-K008, K010); an
inferred one is used to catch keyword stuffing (K009), where the page's own most repeated
phrase is exactly the one to measure.

**How inference works, and why not against the whole site.** Pages are parsed once and
analysed independently in worker processes, so a page never sees the others. A site-wide
document-frequency table would need either a second parse of every page or a pre-scan of every
file before the workers start (about a tenth of a run), and it would make a page's result depend
on which other files were passed on the command line: `seolint check post.html` and `seolint
check site/` would infer different keyphrases for the same post. seolint instead scores phrases
against a bundled background of what is *not* distinctive in the language: its function words
(`seolint/data/lang/<code>.toml`, and English's, which turn up in quotes and code on pages in
every language) and numbers never start or end a candidate, and a phrase scores by

    occurrences in the main content x length bonus (1, 1.5, 1.8 for 1-3 content words)
    x (1 + in title + in h1 + 0.5 if in a subheading + 0.5 if in the first paragraph)

so the phrase the page repeats *and* puts in its title and headings wins, which is what a
writer's focus keyphrase is. When the winner is mostly used inside longer phrases (at least half
of its uses), the best of those longer phrases wins instead ("backward running", not "running",
on a running blog). Word order does not matter, as in matching.
A phrase must occur at least twice (three times for one word).

**How matching works** (Yoast's KeywordCount, with stems instead of word-form lists):

- The keyphrase's function words are dropped ("the best of running" -> best, running); a
  keyphrase in double quotes is matched exactly, word for word.
- Words are compared by snowball stem in the page's language ("runs", "running" -> run), with
  accents folded ("música" = "musica"), so plurals and inflections match.
- Hyphens: "backward-running" in the text holds both "backward" and "running", and "e-mail" in
  the keyphrase matches "email". Apostrophes: a possessive "'s" is dropped ("Joost's" ->
  joost), an elided article is split off ("l'istruzione" -> istruzione), and other apostrophes
  are removed ("O'Brien" -> obrien).
- A sentence holds the keyphrase when it holds every content word, in any order; it counts as
  many times as its rarest content word occurs there. Headings, list items and table cells
  count (tables are not prose for readability, but their words are on the page); code does not.
- Density is count / words x 100 over the same text, and Yoast adjusts it for the keyphrase's
  length: density x (0.7 + content words / 3).
"""

from __future__ import annotations

import fnmatch
import math
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from seolint.document import Page
from seolint.text import PARAGRAPH_KINDS, Sentence, TextAnalysis, analysis
from seolint.text.languages import SNOWBALL, lang_data
from seolint.text.segment import WORD, is_number, split_sentences

# An explicit <meta name="keyphrase" content="..."> in an HTML page. The old keywords meta tag
# is not read: themes fill it from a post's tags, which are not a focus keyphrase.
META_KEYS = frozenset({"keyphrase", "focus-keyphrase", "seolint:keyphrase"})
FRONT_MATTER_KEYS = ("keyphrase", "focus_keyphrase", "focus-keyphrase", "focus_keyword",
                     "focus-keyword", "keyword", "keywords")
_CONFIGURED = "seolint.keyphrase.configured"
_KEYPHRASE = "seolint.keyphrase"
_DECLARED = "seolint.keyphrase.declared"
_TERMS = "seolint.keyphrase.terms"
_ELIDING = frozenset({"fr", "it", "ca", "pt", "es", "oc"})  # l'école, dell'arte
_SLUG_SPLIT = re.compile(r"[-_.+~,\s/]+")
_SLUG_EXT = re.compile(r"\.(?:html?|php|aspx?|jsp)$", re.IGNORECASE)
MAX_INFER_WORDS = 3


@dataclass(frozen=True)
class Keyphrase:
    """A focus keyphrase, ready for matching."""

    text: str  # as given (or the inferred phrase as it appears most often on the page)
    source: str  # "cli", "front-matter", "meta", "config" or "inferred"
    lang: str | None
    words: tuple[str, ...]  # lower-cased words of the phrase
    content: tuple[str, ...]  # the words that carry meaning (all of them when `exact`)
    stems: tuple[str, ...]  # match keys of `content`, duplicates removed
    exact: bool = False  # written in double quotes: matched word for word

    @property
    def inferred(self) -> bool:
        return self.source == "inferred"

    @property
    def usable(self) -> bool:
        """False for a keyphrase of function words only ("the", "how to"): nothing to match."""
        return bool(self.stems)

    @property
    def length_factor(self) -> float:
        """Yoast's keyphrase-length factor for density: 0.7 + content words / 3."""
        return 0.7 + max(1, len(self.stems)) / 3

    def label(self) -> str:
        """How messages name it: the phrase in quotes, "(inferred)" when it was."""
        return f'"{self.text}"' + (" (inferred)" if self.inferred else "")


# --- normalising and stemming -------------------------------------------------------------

_stems: dict[tuple[str, str], str] = {}
_stemmers: dict[str, Any] = {}
STEM_CACHE_LIMIT = 500_000


def _fold(word: str) -> str:
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem(word: str, lang: str | None) -> str:
    """The snowball stem of a lower-case word in `lang`, accents folded; the folded word itself
    where snowball has no stemmer for the language."""
    key = (lang or "", word)
    hit = _stems.get(key)
    if hit is not None:
        return hit
    algorithm = SNOWBALL.get(lang or "")
    if algorithm is None:
        out = _fold(word)
    else:
        stemmer = _stemmers.get(algorithm)
        if stemmer is None:
            import snowballstemmer  # type: ignore[import-untyped]

            stemmer = _stemmers[algorithm] = snowballstemmer.stemmer(algorithm)
        out = _fold(stemmer.stemWord(word))
    if len(_stems) < STEM_CACHE_LIMIT:
        _stems[key] = out
    return out


def _unapostrophe(word: str, lang: str | None) -> str:
    if "'" not in word:
        return word
    head, _, tail = word.partition("'")
    if not tail:
        return head  # "runners'"
    if tail == "s" and "'" not in tail:
        return head  # "joost's"
    if lang in _ELIDING and len(head) <= 3 and "'" not in tail:
        return tail  # "l'istruzione", "dell'arte" keeps "arte"
    return word.replace("'", "")


_keys: dict[str, dict[str, tuple[str, ...]]] = {}


def keys(token: str, lang: str | None) -> tuple[str, ...]:
    """The match keys of one word of text: its stem, and for a hyphenated word also the stems
    of its parts and of the word written without hyphens (cached per language and word)."""
    cache = _keys.get(lang or "")
    if cache is None:
        cache = _keys[lang or ""] = {}
    hit = cache.get(token)
    if hit is None:
        hit = _keys_of(token, lang)
        if len(cache) < STEM_CACHE_LIMIT:
            cache[token] = hit
    return hit


def _keys_of(token: str, lang: str | None) -> tuple[str, ...]:
    word = _unapostrophe(token.lower().replace("’", "'"), lang)
    if "-" not in word:
        return (stem(word, lang),)
    parts = [p for p in word.split("-") if p]
    out = [stem(word.replace("-", ""), lang)]
    out.extend(stem(p, lang) for p in parts)
    return tuple(dict.fromkeys(out))


def phrase_key(word: str, lang: str | None) -> str:
    """The match key of one keyphrase word: hyphens dropped ("e-mail" -> email)."""
    return stem(_unapostrophe(word.lower().replace("’", "'"), lang).replace("-", ""), lang)


def make(text: str, source: str, lang: str | None) -> Keyphrase:
    raw = " ".join(text.split())
    exact = len(raw) > 2 and raw[0] in "\"“”" and raw[-1] in "\"“”"
    words = tuple(w.lower().replace("’", "'") for w in WORD.findall(raw))
    function_words = lang_data(lang).function_words
    if exact:
        content = words
    else:
        content = tuple(w for w in words
                        if w not in function_words and _unapostrophe(w, lang) not in
                        function_words)
    stems = tuple(dict.fromkeys(phrase_key(w, lang) for w in content if phrase_key(w, lang)))
    return Keyphrase(raw.strip("\"“”") if exact else raw, source, lang, words, content, stems,
                     exact)


# --- where the keyphrase comes from ---------------------------------------------------------

def _path_matches(where: str, glob: str) -> bool:
    return fnmatch.fnmatch(where, glob) or fnmatch.fnmatch(where, "*/" + glob.lstrip("/"))


def configure(page: Page, cli: str | None,
              table: Sequence[tuple[str, str]] = ()) -> None:
    """Record the keyphrase the run's settings give this page (the engine calls this right
    after parsing, in the worker)."""
    if cli and cli.strip():
        page._cache[_CONFIGURED] = (cli.strip(), "cli")
        return
    if table:
        wheres = [w for w in (page.path, urlsplit(page.url).path) if w]
        for glob, phrase in table:
            if any(_path_matches(w, glob) for w in wheres):
                page._cache[_CONFIGURED] = (phrase, "config-table")
                return


def _front_matter(page: Page) -> str | None:
    fm = page.front_matter
    if not isinstance(fm, dict):
        return None
    for key in FRONT_MATTER_KEYS:
        value = fm.get(key)
        if isinstance(value, (list, tuple)):
            value = next((v for v in value if isinstance(v, str) and v.strip()), None)
        elif isinstance(value, str) and key == "keywords":
            value = value.split(",")[0]
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def declared(page: Page) -> tuple[str, str] | None:
    """(keyphrase, source) chosen by the writer: CLI, front matter, meta, config; else None."""
    configured = page._cache.get(_CONFIGURED)
    if configured is not None and configured[1] == "cli":
        return configured[0], "cli"
    fm = _front_matter(page)
    if fm:
        return fm, "front-matter"
    for meta in page.metas:
        if meta.key in META_KEYS and meta.content and meta.content.strip():
            return meta.content.strip(), "meta"
    if configured is not None:
        return configured[0], "config"
    return None


def keyphrase(page: Page) -> Keyphrase | None:
    """The page's keyphrase (declared, else inferred), or None when there is none to infer."""
    if _KEYPHRASE in page._cache:
        return page._cache[_KEYPHRASE]  # type: ignore[no-any-return]
    result = declared_keyphrase(page)
    if result is None:
        result = infer(page)
    page._cache[_KEYPHRASE] = result
    return result


def declared_keyphrase(page: Page) -> Keyphrase | None:
    """The keyphrase the writer chose, or None (never inferred: that costs a pass)."""
    if _DECLARED in page._cache:
        return page._cache[_DECLARED]  # type: ignore[no-any-return]
    chosen = declared(page)
    result = make(chosen[0], chosen[1], analysis(page).lang) if chosen else None
    page._cache[_DECLARED] = result
    return result


# --- occurrences ----------------------------------------------------------------------------

def sentence_terms(page: Page) -> list[list[tuple[str, ...]]]:
    """Per sentence of the main content, the match keys of each word (cached per page). Table
    cells count here, after the prose: a keyphrase in a table is on the page for readers and
    search engines alike, though a table is not prose to score for readability. Code does not."""
    cached = page._cache.get(_TERMS)
    if cached is None:
        text = analysis(page)
        lang = text.lang
        get = _keys.setdefault(lang or "", {}).get
        cached = [[get(t) or keys(t, lang) for t in s.tokens] for s in text.sentences]
        for block in page.blocks:
            if block.kind == "table":
                for part in split_sentences(block.text, text.data.abbreviations):
                    cached.append([keys(t, lang) for t in WORD.findall(part)])
        page._cache[_TERMS] = cached
    return cached  # type: ignore[no-any-return]


def content_words(page: Page) -> int:
    """Words the keyphrase density is taken over: the prose and the tables of the main
    content (Yoast counts every word of the text)."""
    return analysis(page).words + sum(b.words for b in page.blocks if b.kind == "table")


def _count_in(terms: list[tuple[str, ...]], kp: Keyphrase) -> int:
    """How many times the keyphrase occurs in one sentence (0 unless every content word is
    there; else as often as its rarest content word)."""
    if kp.exact:
        return _exact_count([t[0] for t in terms], kp)
    wanted = kp.stems
    # Most sentences hold none of the words: find that out without building a Counter.
    hits = [key for token_keys in terms for key in token_keys if key in wanted]
    if len(hits) < len(wanted):
        return 0
    if len(wanted) == 1:
        return len(hits)
    counts = Counter(hits)
    if len(counts) < len(wanted):
        return 0
    return min(counts.values())


def _exact_count(stems: list[str], kp: Keyphrase) -> int:
    target = [phrase_key(w, kp.lang) for w in kp.content]
    k = len(target)
    return sum(1 for i in range(len(stems) - k + 1) if stems[i: i + k] == target)


def count(page: Page, kp: Keyphrase) -> int:
    """Occurrences of the keyphrase in the main content (Yoast's keyphrase count)."""
    if not kp.usable:
        return 0
    return sum(_count_in(terms, kp) for terms in sentence_terms(page))


def sentences_with(page: Page, kp: Keyphrase) -> list[int]:
    """Indexes of the sentences that hold the keyphrase."""
    return [i for i, terms in enumerate(sentence_terms(page)) if _count_in(terms, kp)]


@dataclass(frozen=True)
class Density:
    count: int
    words: int
    density: float  # percent
    adjusted: float  # percent, x (0.7 + content words / 3)


def density(page: Page, kp: Keyphrase) -> Density:
    words = content_words(page)
    n = count(page, kp)
    raw = 100.0 * n / words if words else 0.0
    return Density(n, words, raw, raw * kp.length_factor)


@dataclass(frozen=True)
class Match:
    """How a keyphrase shows up in a short text (a title, a slug, an alt text)."""

    found: int  # content words present
    total: int  # content words of the keyphrase
    occurrences: int  # times the whole keyphrase occurs
    at_start: bool  # the text starts with the keyphrase (after leading function words)

    @property
    def all(self) -> bool:
        return self.total > 0 and self.found == self.total

    @property
    def fraction(self) -> float:
        return self.found / self.total if self.total else 0.0


def match(text: str | None, kp: Keyphrase, *, tokens: Iterable[str] | None = None) -> Match:
    """Which of the keyphrase's content words occur in `text` (or in given tokens)."""
    words = list(tokens) if tokens is not None else WORD.findall(text or "")
    terms = [keys(w, kp.lang) for w in words]
    present = {key for t in terms for key in t}
    wanted = kp.stems
    found = sum(1 for s in wanted if s in present)
    occurrences = _count_in(terms, kp) if found == len(wanted) and wanted else 0
    function_words = lang_data(kp.lang).function_words
    i = 0
    while i < len(words) and words[i].lower() in function_words:
        i += 1
    head = {key for t in terms[i: i + len(wanted)] for key in t}
    at_start = bool(wanted) and all(s in head for s in wanted)
    return Match(found, len(wanted), occurrences, at_start)


def slug_words(page: Page) -> list[str]:
    """The words of the page's URL slug: the last segment of its path ("index.html" skipped),
    from the front matter's `slug`, else the canonical URL (the one search results show), else
    the page's URL."""
    fm = page.front_matter
    if isinstance(fm, dict) and isinstance(fm.get("slug"), str) and fm["slug"].strip():
        segment = fm["slug"].strip()
    else:
        canonical = next((t.href for t in page.canonicals if t.href and t.href.strip()), None)
        try:
            path = urlsplit(canonical.strip() if canonical else page.url).path
        except ValueError:
            path = urlsplit(page.url).path
        parts = [p for p in path.split("/") if p]
        if parts and parts[-1].lower() in ("index.html", "index.htm", "index.php"):
            parts.pop()
        if not parts:
            return []
        segment = _SLUG_EXT.sub("", unquote(parts[-1]))
    return [w for w in _SLUG_SPLIT.split(segment) if w]


# --- inference ------------------------------------------------------------------------------

_LENGTH_BONUS = {1: 1.0, 2: 1.5, 3: 1.8}
LONGER_SHARE = 0.5  # longer phrases win when together they cover half the shorter one's uses


def infer(page: Page, text: TextAnalysis | None = None) -> Keyphrase | None:
    """The most distinctive phrase of one to three words of the page (see the module doc)."""
    text = text or analysis(page)
    if not text.sentences or not text.spaced:
        return None
    lang = text.lang
    cache = _content_keys(lang, text.data.function_words)
    per_sentence: list[list[str]] = []
    function_words = text.data.function_words
    get = cache.get
    every: list[str] = []
    for sentence in text.sentences:
        stems = [get(w) for w in sentence.lower]
        if None in stems:
            for i, w in enumerate(sentence.lower):
                if stems[i] is None:
                    stems[i] = cache[w] = _content_key(w, lang, function_words)
        per_sentence.append(stems)  # type: ignore[arg-type]
        every.extend(stems)  # type: ignore[arg-type]
    singles = Counter(every)
    del singles[""]
    if not singles:
        return None
    eligible: dict[tuple[str, ...], int] = {(k,): v for k, v in singles.items() if v >= 3}
    eligible.update(_phrase_counts(per_sentence, singles))
    if not eligible:
        return None
    boosts = _boost_texts(page, text)
    scored: dict[tuple[str, ...], float] = {}

    def score(key: tuple[str, ...]) -> float:
        value = scored.get(key)
        if value is None:
            boost = 1.0
            for weight, keyset in boosts:
                if keyset.issuperset(key):
                    boost += weight
            value = scored[key] = eligible[key] * _LENGTH_BONUS[min(len(key), 3)] * boost
        return value

    # Boosting every candidate costs more than counting them: only a phrase whose best possible
    # boost reaches the best unboosted score can win, so only those are scored (exactly the
    # same winner as scoring all).
    most = 1.0 + sum(weight for weight, _ in boosts)
    floor = max(n * _LENGTH_BONUS[min(len(k), 3)] for k, n in eligible.items())
    contenders = [k for k, n in eligible.items()
                  if n * _LENGTH_BONUS[min(len(k), 3)] * most >= floor]
    best = min(contenders, key=lambda k: (-score(k), k))
    # A phrase that holds the winner is the more distinctive choice when the winner is mostly
    # used inside longer phrases: "backward running" rather than "running" on a running blog.
    for size in (2, 3):
        wanted = set(best)
        longer = [k for k in eligible if len(k) == size and wanted.issubset(k)]
        if longer and sum(eligible[k] for k in longer) >= LONGER_SHARE * eligible[best]:
            best = min(longer, key=lambda k: (-score(k), k))
    surface = _surface(text, per_sentence, best)
    return make(surface.lower() if not surface.isupper() else surface, "inferred", lang)


def _phrase_counts(per_sentence: list[list[str]], singles: Counter[str]
                   ) -> dict[tuple[str, ...], int]:
    """Two- and three-word phrases used at least twice, with their counts: "a b" (adjacent),
    "a of b" (a function word between, counted as the pair) and "a b c", each as its sorted
    keys, never across sentences.

    A phrase that occurs twice is made of words that occur twice, so only those get an id; the
    id order is the keys' order, so a sorted phrase of ids is the sorted phrase of keys. The
    windows of the whole page are then counted in one numpy pass (Python tuples for every
    window cost more than the rest of the inference), or, while numpy is not loaded and the
    page is short, in a plain loop with the same codes: importing numpy (0.15 s) is most of a
    one-page `seolint check`."""
    order = sorted(k for k, v in singles.items() if v >= 2)
    if not order:
        return {}
    ident = {k: i for i, k in enumerate(order, start=1)}  # 0: a function word; -1: once only
    seq: list[int] = []
    for row in per_sentence:
        seq.extend(ident.get(x, -1) if x else 0 for x in row)
        seq.append(-2)  # a sentence boundary: no window spans it
    m = len(order) + 1
    if "numpy" in sys.modules or len(seq) > PLAIN_LOOP_WORDS:
        counted = _window_codes_numpy(seq, m)
    else:
        counted = _window_codes(seq, m)
    out: dict[tuple[str, ...], int] = {}
    square = m * m
    for code, n in counted:
        if code < square:
            out[(order[code // m - 1], order[code % m - 1])] = n
        else:
            out[(order[code // square - 1], order[code // m % m - 1], order[code % m - 1])] = n
    return out


# Below this many words a page's windows are counted without numpy (about 2 ms at the limit).
PLAIN_LOOP_WORDS = 5000


def _window_codes(seq: list[int], m: int) -> list[tuple[int, int]]:
    """(code, count) of every phrase window used at least twice, in code order, as
    _window_codes_numpy counts them."""
    counts: Counter[int] = Counter()
    for i in range(len(seq) - 1):
        a, b = seq[i], seq[i + 1]
        if a > 0 and b > 0 and a != b:
            counts[min(a, b) * m + max(a, b)] += 1
    for i in range(len(seq) - 2):
        a, b, c = seq[i], seq[i + 1], seq[i + 2]
        if a <= 0 or c <= 0 or a == c:
            continue
        if b == 0:  # "a of c": the pair (a, c)
            counts[min(a, c) * m + max(a, c)] += 1
        elif b > 0 and b != a and b != c:
            x, y, z = sorted((a, b, c))
            counts[(x * m + y) * m + z] += 1
    return sorted((code, n) for code, n in counts.items() if n >= 2)


def _window_codes_numpy(seq: list[int], m: int) -> list[tuple[int, int]]:
    import numpy as np

    ids = np.array(seq, dtype=np.int64)
    a, b = ids[:-1], ids[1:]
    keep = (a > 0) & (b > 0) & (a != b)
    pairs = np.minimum(a, b)[keep] * m + np.maximum(a, b)[keep]
    a, b, c = ids[:-2], ids[1:-1], ids[2:]
    ends = (a > 0) & (c > 0) & (a != c)
    gap = ends & (b == 0)  # "a of c": the pair (a, c)
    pairs_gap = np.minimum(a, c)[gap] * m + np.maximum(a, c)[gap]
    full = ends & (b > 0) & (b != a) & (b != c)
    trio = np.sort(np.stack([a[full], b[full], c[full]]), axis=0)
    triples = (trio[0] * m + trio[1]) * m + trio[2]  # >= m*m: never a pair's code
    codes, counts = np.unique(np.concatenate([pairs, pairs_gap, triples]), return_counts=True)
    return list(zip(codes[counts >= 2].tolist(), counts[counts >= 2].tolist(), strict=True))


_content_caches: dict[str, dict[str, str]] = {}


def _content_keys(lang: str | None, function_words: frozenset[str]) -> dict[str, str]:
    """Per language: lower-case word -> its match key, or "" for a function word or number."""
    return _content_caches.setdefault(lang or "", {})


def _content_key(word: str, lang: str | None, function_words: frozenset[str]) -> str:
    # English function words too: quotes, code and titles in English turn up on pages in every
    # language.
    english = lang_data("en").function_words
    bare = _unapostrophe(word, lang)
    if (len(word) < 2 or is_number(word) or word in function_words or bare in function_words
            or word in english or bare in english):
        return ""
    return phrase_key(word, lang)


def _surface(text: TextAnalysis, per_sentence: list[list[str]], key: tuple[str, ...]) -> str:
    """The most common way the page writes the phrase with these keys."""
    wanted = set(key)
    seen: Counter[str] = Counter()
    size = len(key)
    for sentence, stems in zip(text.sentences, per_sentence, strict=True):
        if not wanted.issubset(stems):
            continue
        for i, first in enumerate(stems):
            if first not in wanted:
                continue
            for j in (i + size, i + size + 1):  # "a b", or "a of b"
                window = stems[i:j]
                if len(window) == j - i and window[-1] in wanted and set(window) - {""} == wanted:
                    seen[" ".join(sentence.tokens[i:j])] += 1
                    break
    return seen.most_common(1)[0][0] if seen else " ".join(key)


def _boost_texts(page: Page, text: TextAnalysis) -> list[tuple[float, set[str]]]:
    lang = text.lang

    def keyset(strings: Iterable[str | None]) -> set[str]:
        return {k for s in strings if s for w in WORD.findall(s) for k in keys(w, lang)}

    title = page.title.text if page.title else None
    h1 = [h.text for h in page.h1s]
    subheads = [h.text for h in page.headings if h.level in (2, 3) and h.in_main]
    first = next((u for u in text.units if u.kind in PARAGRAPH_KINDS and u.count), None)
    intro = [s.text for s in text.sentences_of(first)] if first else []
    return [(1.0, keyset([title])), (1.0, keyset(h1)), (0.5, keyset(subheads)),
            (0.5, keyset(intro))]


def first_paragraph(text: TextAnalysis) -> tuple[Sentence, ...]:
    """The sentences of the introduction: the first paragraph of the main content."""
    for unit in text.units:
        if unit.kind in PARAGRAPH_KINDS and unit.count:
            return text.sentences_of(unit)
    return ()


def recommended_count(words: int, kp: Keyphrase, percent: float, rounding: str) -> int:
    """Yoast's recommended keyphrase count for a density bound (at least 2)."""
    value = percent * words / (100 * kp.length_factor)
    if value < 2:
        return 2
    return math.ceil(value) if rounding == "min" else math.floor(value)


def metrics(page: Page) -> dict[str, Any]:
    """Keyphrase numbers for the JSON report."""
    kp = keyphrase(page)
    if kp is None:
        return {"keyphrase": None, "keyphrase_source": None, "keyphrase_inferred": None,
                "keyphrase_count": None, "keyphrase_density": None}
    d = density(page, kp)
    return {"keyphrase": kp.text, "keyphrase_source": kp.source,
            "keyphrase_inferred": kp.inferred, "keyphrase_count": d.count,
            "keyphrase_density": round(d.density, 2),
            "keyphrase_density_adjusted": round(d.adjusted, 2)}
