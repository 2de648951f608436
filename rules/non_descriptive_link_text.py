"""Link text says nothing about the target ("click here", "read more", a bare URL).

## What it does
Compares the text of every link with a list of phrases that do not describe where the link goes
("click here", "read more", "here", "more", "link", "learn more", ...), in the page's language
(the primary subtag of `<html lang>`: `de-AT` reads the German list) and in English, whose
theme strings ("Read more") turn up on pages in every language. A page with no `lang`, or a
language without a list, is checked against English alone. The text is compared after
lower-casing and removing accents, punctuation and surrounding spaces, so "Read more »" and
"→ Read more…" match "read more". A link whose only content is an image is judged by the image's
alt text. A bare URL as the link text is reported only with `flag-bare-urls`.

Every link on the page counts, in the main content and in navigation, sidebars and footers alike,
as in Lighthouse: search engines read anchor text wherever it is, and a theme's "Read more" under
every teaser is the most common case (fix it once in the template). Set `main-content-only` to
check only the article. Like Lighthouse, links without a usable http(s) target (`mailto:`,
`tel:`, `javascript:`, L002's business), `rel="nofollow"` links and links to the page itself
(`#section`) are skipped.

The phrase lists live in `seolint/data/link_text.json` (en, de, es, fr, it, nl, pt, sv, ja, ko,
ta, fa).

## Why is this bad?
Anchor text is one of the strongest signals a search engine has about the page a link points to,
and "click here" tells it nothing. Screen-reader users who jump from link to link hear a list of
"read more, read more, here". Lighthouse's SEO audit "Links do not have descriptive text" fails
on these phrases.

Measured precision (tests/precision, findings judged by reading the page): 100 % (7 of 7) on
the phrases; 14 % (1 of 7) on bare URLs, which were nearly always the information given (a
bibliography's "Retrieved from" URL, a repository to clone, "report issues at https://…"), so
they are no longer reported by default.

## Example
```html
<html lang="en"><body>
<p>The 2024 race results are out: <a href="/2024/race-results.html">click here</a>.</p>
</body></html>
```

## Use instead
```html
<html lang="en"><body>
<p>The <a href="/2024/race-results.html">2024 race results</a> are out.</p>
</body></html>
```

## Options
- `main-content-only` (default false: every link counts, as in Lighthouse's link-text audit)
- `flag-bare-urls` (default false: see the measured precision; true reports a full http(s)
  URL used as the link text)
- `extend-phrases` (default none: further phrases to treat as non-descriptive, in any language)
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from urllib.parse import unquote, urlsplit

from seolint.document import FACT_BODY, Link, Page
from seolint.rule import Violation, is_content_page, page_rule, shorten

_NON_WORD = re.compile(r"[\W_]+")
_EXTENSION = re.compile(r"\.[a-z0-9]{1,5}$", re.IGNORECASE)


@lru_cache(maxsize=8192)  # a site's navigation repeats the same link texts on every page
def normalise(text: str) -> str:
    """Lower-case, no accents, punctuation and symbols replaced by single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _NON_WORD.sub(" ", unicodedata.normalize("NFC", bare)).strip()


@cache
def phrase_lists() -> dict[str, frozenset[str]]:
    """The bundled lists, normalised, by language subtag (read once per process)."""
    raw = json.loads(files("seolint").joinpath("data/link_text.json").read_text("utf-8"))
    return {
        lang: frozenset(normalise(p) for p in phrases)
        for lang, phrases in raw.items()
        if not lang.startswith("$")
    }


@dataclass(frozen=True)
class Options:
    main_content_only: bool = False  # Lighthouse link-text checks every link on the page
    flag_bare_urls: bool = False  # true: a full URL as the link text; 1 of 7 right on the corpus
    extend_phrases: tuple[str, ...] = ()  # ours: a site's own stock phrases


def _phrases(page: Page, opts: Options) -> frozenset[str]:
    lists = phrase_lists()
    primary = (page.lang or "").split("-")[0].split("_")[0].strip().lower()
    found = lists["en"] | lists.get(primary, frozenset())
    if opts.extend_phrases:
        found |= {normalise(p) for p in opts.extend_phrases}
    return found


def _same_page(a: str, b: str) -> bool:
    def key(url: str) -> str:
        url = url.split("#", 1)[0]
        for index in ("index.html", "index.htm"):
            if url.endswith("/" + index):
                url = url[: -len(index)]
        return url.rstrip("/")

    return key(a) == key(b)


def _is_url(text: str) -> bool:
    if any(ch.isspace() for ch in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _hint(link: Link) -> str | None:
    """Words from the target's URL slug, as a concrete suggestion ("race results")."""
    if link.url is None:
        return None
    segments = [s for s in urlsplit(link.url).path.split("/") if s]
    while segments and _EXTENSION.sub("", segments[-1]).lower() in ("index", "default"):
        segments.pop()
    if not segments:
        return None
    words = normalise(unquote(_EXTENSION.sub("", segments[-1])))
    if not any(ch.isalpha() for ch in words):
        return None
    return words


@page_rule("L001", "non-descriptive-link-text", category="links", severity="warning",
           options=Options, applies=is_content_page,
           requires=frozenset({FACT_BODY}))
def check(page: Page, opts: Options) -> Iterator[Violation]:
    phrases = _phrases(page, opts)
    for link in page.links:
        if link.url is None or "nofollow" in link.rel or _same_page(link.url, page.url):
            continue
        if opts.main_content_only and not link.in_main:
            continue
        text = link.text.strip()
        if not text:
            continue
        if opts.flag_bare_urls and _is_url(text):
            yield Violation(
                link,
                f'Link text is a bare URL: "{shorten(text)}"',
                fix=f"Replace the URL with words that name the linked page, {_example(link)}",
            )
        elif normalise(text) in phrases:
            yield Violation(
                link,
                f'Link text "{shorten(text)}" does not say what {shorten(link.href or "", 50)} '
                "is about",
                fix=f"Describe the target in the link text, {_example(link)}",
                template_fix=f'Make the template\'s "{shorten(text, 30)}" link name its target, '
                             "e.g. with the post's title",
            )


def _example(link: Link) -> str:
    hint = _hint(link)
    return f'e.g. "{shorten(hint, 40)}"' if hint else "e.g. its title"
