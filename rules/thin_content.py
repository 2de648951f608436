"""A post has too little main content (under 300 words).

## What it does
Counts the words of the main content (paragraphs, list items, headings and quotes; not code
blocks, tables, navigation, sidebars, footers or comments) of indexable posts and pages, and
reports those under `min-words`; under `bad-words` it is a warning. By default only posts are
checked (`kinds`): an about or contact page is short by nature. Listing pages, redirect stubs,
error pages and noindex pages are never checked. Languages written without spaces
(Chinese, Japanese, Thai) are not applicable: a word count means little there.

Not in the default selection (select it with `--select R007` or in the config): its measured
precision on the labelled corpus sample (tests/precision, findings judged by reading the page)
is 67 % (6 of 9); the wrong ones were complete short announcements of 243 to 252 words, with
nothing to add.

## Why is this bad?
A short page rarely answers a searcher's question well enough to rank, and search engines may
treat it as thin content. Yoast's TextLength assessment asks for at least 300 words in a post;
Screaming Frog reports pages under 200 words as "low content".

## Example
```html
<html lang="en"><head><meta property="og:type" content="article"></head><body><main>
<h1>Backward running</h1>
<p>Backward running is good for your knees. Try it!</p>
</main></body></html>
```

## Use instead
```html
<html lang="en"><head><meta property="og:type" content="article"></head><body><main>
<h1>Backward running</h1>
<p>Backward running, also called retro running, is an old training method that athletes in
many sports use to build balance, strength and coordination. You run the usual way, only
backwards, which sounds odd and feels odder for the first few sessions.</p>
<p>The main benefit is for the knees. Running backwards lands on the front of the foot, so the
knee bends less at impact and the load on the front of the knee drops. Runners who come back
from a knee injury often use it for that reason, and so do people who want cardio with less
impact than running forwards.</p>
<p>It is also a harder workout than it looks. Your calves, hamstrings and glutes work in an
order they are not used to, and your core works hard to keep you upright. Many people find that
a few minutes backwards leave them as tired as a much longer run forwards.</p>
<p>The risk is falling. You cannot see what is behind you, so choose a flat and open place such
as a running track or an empty field, and bring a friend who can watch the way for you. Look
over your shoulder now and then, and stop as soon as you feel dizzy or unsure.</p>
<p>Start by walking backwards for five to ten minutes. Keep your back straight, take short and
quick steps, and land on the balls of your feet. When walking feels easy, add short jogs of
thirty seconds, and build up from there over a few weeks.</p>
<p>Twice a week is enough for most people. Add a minute or two each week, rest the day after,
and keep a note of how your knees feel. If they feel better, you have found a new tool for your
training.</p>
<p>Finally, wear light shoes with a firm heel, and bring water on warm days. A cap helps in the
sun, and a quiet hour at the track makes the first sessions far less stressful.</p>
</main></body></html>
```

## Options
- `min-words` (default 300, Yoast TextLength's recommended minimum for posts)
- `bad-words` (default 100: below it, Yoast's "far too short", the finding is a warning)
- `kinds` (default `["post"]`; add `"page"` to check pages that are not posts too)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from seolint.document import FACT_BODY, Page
from seolint.rule import Violation, page_rule
from seolint.text import analysis

_ERROR_PATH = re.compile(r"/(404|410|500|error|not-found)(\.html?|/)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Options:
    min_words: int = 300  # Yoast TextLength: recommendedMinimum
    bad_words: int = 100  # Yoast TextLength: far too short below 100 words
    kinds: tuple[str, ...] = ("post",)

    def __post_init__(self) -> None:
        if self.bad_words > self.min_words:
            raise ValueError("'bad-words' must not be above 'min-words'")


def _applies(page: Page) -> bool:
    if page.kind not in ("post", "page") or not page.indexable:
        return False
    if _ERROR_PATH.search(urlsplit(page.url).path):
        return False
    return analysis(page).spaced


@page_rule("R007", "thin-content", category="readability", severity="info", options=Options,
           applies=_applies, requires=frozenset({FACT_BODY}),
           default_enabled=False)
def check(page: Page, opts: Options) -> Iterator[Violation]:
    words = page.main_words
    if words >= opts.min_words or page.kind not in opts.kinds:
        return
    yield Violation(
        None,
        f"Main content has {words} word{'s' if words != 1 else ''} (recommended at least "
        f"{opts.min_words})",
        fix=f"Add at least {opts.min_words - words} words that answer the reader's question, "
            "or merge this page into a related one",
        severity="warning" if words < opts.bad_words else None,
    )
