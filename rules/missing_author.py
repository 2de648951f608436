"""A post names no author.

## What it does
Looks for an author anywhere seolint can read one:

- `<meta name="author">`, `<meta property="article:author">`, `<meta name="twitter:creator">`,
  `<meta name="dc.creator">`;
- an `author` or `creator` in the page's JSON-LD;
- a `rel="author"` link, or markup with `itemprop="author"` or a class naming an author or a
  byline (`class="byline"`, `class="post-author"`; comment authors do not count);
- `author`, `authors` or `creator` in the front matter of a Markdown source.

Applies to posts only (a page with `og:type` article, `article:published_time`, BlogPosting
JSON-LD, or a dated URL): a contact page needs no byline.

Not in the default selection (select it with `--select E002` or in the config): its measured
precision on the labelled corpus sample (tests/precision, findings judged by reading the page)
is 0 % (0 of 7); the wrong ones were bylines written as plain text under the date (Hugo themes),
and Markdown posts whose theme names the author site-wide.

## Why is this bad?
Readers trust a post more when they know who wrote it, and Google's guidance on helpful,
people-first content asks "who created the content" and recommends a byline. None of Yoast,
Screaming Frog or Lighthouse checks it: it is seolint's own rule.

## Example
```html
<html lang="en"><head><meta property="og:type" content="article"></head><body>
<article><h1>Running backwards</h1><p>Backward running is fun.</p></article>
</body></html>
```

## Use instead
```html
<html lang="en"><head><meta property="og:type" content="article">
<meta name="author" content="Ana Ruiz"></head><body>
<article><h1>Running backwards</h1><p class="byline">By Ana Ruiz</p>
<p>Backward running is fun.</p></article>
</body></html>
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from seolint.document import FACT_BODY, Page
from seolint.rule import NoOptions, Violation, built_with, is_markdown, is_post, page_rule

_META = frozenset({"author", "article:author", "twitter:creator", "dc.creator",
                   "dcterms.creator", "sailthru.author", "parsely-author"})
_FRONT_MATTER = ("author", "authors", "creator", "by")
_JSON_KEYS = ("author", "creator")


def _present(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, dict):
        return any(_present(value.get(k)) for k in ("name", "@id", "url", "alternateName"))
    if isinstance(value, list):
        return any(_present(v) for v in value)
    return False


def has_author(page: Page) -> bool:
    if any(m.key in _META and (m.content or "").strip() for m in page.metas):
        return True
    for block in page.json_ld:
        if any(_present(item.get(k)) for item in block.items() for k in _JSON_KEYS):
            return True
    if any("author" in t.rel for t in page.link_tags) or any(
            "author" in link.rel for link in page.links):
        return True
    if page.bylines:
        return True
    fm = page.front_matter
    return isinstance(fm, dict) and any(_present(fm.get(k)) for k in _FRONT_MATTER)


@page_rule("E002", "missing-author", category="evidence", severity="info", applies=is_post,
           requires=frozenset({FACT_BODY}),
           default_enabled=False)
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    if has_author(page):
        return
    yield Violation(
        None,
        "The post names no author (no author meta tag, JSON-LD author, rel=author link, byline "
        "or front matter author)",
        fix=_fix(page),
    )


def _fix(page: Page) -> str:
    """In the language of the source: front matter for Markdown, the source and the theme for a
    page whose generator is known, HTML otherwise."""
    if is_markdown(page):
        return "Add `author:` with the writer's name to the front matter"
    generator = built_with(page)
    if generator:
        return (f"Add `author:` to the post's front matter and have the {generator} theme's post "
                "layout print it as a byline and <meta name=\"author\">")
    return ("Add a byline with the writer's name, and <meta name=\"author\"> or an author in "
            "the post's JSON-LD")
