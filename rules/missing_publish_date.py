"""A post shows no publish or update date.

## What it does
Looks for a date anywhere seolint can read one:

- `<meta property="article:published_time">` or `article:modified_time`, `og:updated_time`,
  `<meta name="date">`, `dc.date`, `dcterms.created`/`modified`, `pubdate`;
- `datePublished`, `dateModified` or `dateCreated` in the page's JSON-LD;
- a `<time>` element, markup with `itemprop="datePublished"` (or `dateModified`), or an element
  whose class names a date (`class="post-date"`, `class="published"`) and that shows a year;
- a line of the main content such as "Published on March 2, 2025" or "Last updated: 2025-03-02";
- `date`, `published`, `updated`, `lastmod` or `modified` in the front matter.

Applies to posts only (a page with `og:type` article, BlogPosting JSON-LD, or a dated URL).

Not in the default selection (select it with `--select E003` or in the config): its measured
precision on the labelled corpus sample (tests/precision, findings judged by reading the page)
is 0 % (0 of 6); the wrong ones were product and documentation pages taken for posts (a theme's
og:type=article on every page), and a "Posted by … on April 30, 2017" in the page header.

## Why is this bad?
Readers judge whether advice is current by its date, and search engines show the date in their
results; a post without one looks abandoned or hides its age. Google's documentation on
publication dates asks for a visible date and `datePublished`/`dateModified` in structured
data. None of Yoast, Screaming Frog or Lighthouse checks it: it is seolint's own rule.

## Example
```html
<html lang="en"><head><meta property="og:type" content="article"></head><body>
<article><h1>Running backwards</h1><p>Backward running is fun.</p></article>
</body></html>
```

## Use instead
```html
<html lang="en"><head><meta property="og:type" content="article"></head><body>
<article><h1>Running backwards</h1>
<p>Published <time datetime="2025-03-02">2 March 2025</time></p>
<p>Backward running is fun.</p></article>
</body></html>
```

## Options
None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from seolint.document import FACT_BODY, Page
from seolint.rule import NoOptions, Violation, built_with, is_markdown, is_post, page_rule

_META = frozenset({"article:published_time", "article:modified_time", "og:updated_time",
                   "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.modified",
                   "dcterms.date", "pubdate", "publish_date", "publish-date", "published_time",
                   "last-modified", "sailthru.date", "parsely-pub-date"})
_JSON_KEYS = ("datePublished", "dateModified", "dateCreated", "uploadDate")
_FRONT_MATTER = ("date", "published", "pubdate", "publish_date", "updated", "lastmod",
                 "last_modified", "modified", "created")
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januar|februar|märz|mai|"
    "juni|juli|oktober|dezember|enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
    "septiembre|octubre|noviembre|diciembre|janvier|février|mars|avril|juin|juillet|août|"
    "septembre|octobre|novembre|décembre|gennaio|febbraio|aprile|maggio|giugno|luglio|"
    "settembre|ottobre|dicembre|januari|februari|maart|augustus|janeiro|fevereiro|março|"
    "maio|junho|julho|setembro|outubro|novembro|dezembro"
)
_DATE = re.compile(
    r"\b(?:(?:19|20)\d\d[-/.][01]?\d[-/.][0-3]?\d|[0-3]?\d[-/.][01]?\d[-/.](?:19|20)\d\d|"
    rf"(?:{_MONTHS})\.?\s+[0-3]?\d(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d|"
    rf"[0-3]?\d\.?\s+(?:de\s+)?(?:{_MONTHS})\.?\s+(?:de\s+)?(?:19|20)\d\d)\b",
    re.IGNORECASE)
_STAMP = re.compile(
    r"\b(?:published|posted|updated|last\s+updated|last\s+modified|written|date|dated|"
    r"veröffentlicht|aktualisiert|publicado|actualizado|publié|mis à jour|pubblicato|"
    r"aggiornato|gepubliceerd|bijgewerkt|atualizado)\b",
    re.IGNORECASE)


def _present(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None and not isinstance(value, (dict, list, bool))


def has_date(page: Page) -> bool:
    if any(m.key in _META and (m.content or "").strip() for m in page.metas):
        return True
    for block in page.json_ld:
        if any(_present(item.get(k)) for item in block.items() for k in _JSON_KEYS):
            return True
    if page.dates:
        return True
    for block in page.blocks[:8] + page.blocks[-8:]:
        if block.kind in ("pre", "table") or len(block.text) > 300:
            continue
        if _DATE.search(block.text) and _STAMP.search(block.text):
            return True
    fm = page.front_matter
    return isinstance(fm, dict) and any(_present(fm.get(k)) for k in _FRONT_MATTER)


@page_rule("E003", "missing-publish-date", category="evidence", severity="warning",
           applies=is_post, requires=frozenset({FACT_BODY}),
           default_enabled=False)
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    if has_date(page):
        return
    yield Violation(
        None,
        "The post shows no publish or update date (no article:published_time, JSON-LD "
        "datePublished, <time> element, dated byline or front matter date)",
        fix=_fix(page),
        template_fix="Print each post's own date (its front matter `date:`) in the post "
                     "layout, in a <time datetime> element, and as datePublished in its JSON-LD",
    )


def _fix(page: Page) -> str:
    if is_markdown(page):
        return "Add `date:` (YYYY-MM-DD) to the front matter, the day the post was published"
    generator = built_with(page)
    if generator:
        return (f"Set `date:` in the post's front matter and have the {generator} theme's post "
                "layout print it in a <time datetime> element")
    return ("Show the date the post was published or last updated in a <time datetime> "
            "element, and add datePublished to its JSON-LD")
