"""A post has no Article structured data, or a JSON-LD block is broken or incomplete.

## What it does
Reports two problems under one code:

- `missing-article-schema`: a post (the parser's page kind "post": og:type article, article
  meta tags, a dated URL, ...) with no JSON-LD item of an Article type (`BlogPosting`,
  `Article`, `NewsArticle` or another schema.org subtype of Article). Items are found at the top
  level, in lists, in `@graph`, and as the `mainEntity` of another item. When a JSON-LD block
  on the page does not parse, this is not reported: the article may be in that block, and
  `invalid-json-ld` already points at it.
- `invalid-json-ld`, on every page: a `<script type="application/ld+json">` block that is
  empty or is not valid JSON (a trailing comma, a comment, an unescaped quote), or an
  Article-type item without `headline`, `datePublished` or `author`.

Microdata (`itemtype="https://schema.org/BlogPosting"`) and RDFa are not read: a theme that
marks posts up only with microdata gets `missing-article-schema`.

## Why is this bad?
Article structured data is how Google learns a post's headline, author and dates for its results
(article rich results, the byline and date under the title, Discover). A block that does not
parse is thrown away whole, whatever it held. Google's Article documentation recommends
`headline`, `author`, `datePublished`, `dateModified` and `image`; the first three are the ones
without which the markup says little that the page does not.

## Example
```html
<head>
<meta property="og:type" content="article">
<title>Running backwards</title>
</head>
```
```html
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "BlogPosting", "headline": "Running backwards",}
</script>
```

## Use instead
```html
<head>
<meta property="og:type" content="article">
<title>Running backwards</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "BlogPosting",
 "headline": "Running backwards", "datePublished": "2026-03-01",
 "author": {"@type": "Person", "name": "Ana Ruiz"}}
</script>
</head>
```

## Options
- `required` (default `headline`, `datePublished`, `author`): the properties an Article-type
  item must have; Google's Article structured data documentation (recommended properties).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from seolint.document import JsonLd, Page, Position
from seolint.rule import Violation, page_rule, shorten

INVALID = "invalid-json-ld"

# schema.org Article and the subtypes Google reads as articles (lower-cased, prefix removed).
ARTICLE_TYPES = frozenset({
    "article", "blogposting", "newsarticle", "techarticle", "scholarlyarticle", "report",
    "liveblogposting", "analysisnewsarticle", "opinionnewsarticle", "reportagenewsarticle",
    "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle", "satiricalarticle",
})
_JSON_POS = re.compile(r"line (\d+) column (\d+)")
_JSON_CHAR = re.compile(r"\(char (\d+)\)")


@dataclass(frozen=True)
class Options:
    # Google Search Central, Article structured data: recommended properties
    required: tuple[str, ...] = ("headline", "datePublished", "author")


def _types(item: dict[str, Any]) -> list[str]:
    raw = item.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    # "BlogPosting", "schema:BlogPosting" and "https://schema.org/BlogPosting" are one type.
    return [re.split(r"[/:#]", v.strip())[-1] for v in values if isinstance(v, str)]


def _is_article(item: dict[str, Any]) -> bool:
    return any(t.lower() in ARTICLE_TYPES for t in _types(item))


def _articles(block: JsonLd) -> Iterator[dict[str, Any]]:
    seen: set[int] = set()
    stack: list[Any] = list(block.items())
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
            continue
        if not isinstance(item, dict) or id(item) in seen:
            continue
        seen.add(id(item))
        if _is_article(item):
            yield item
        # A WebPage whose mainEntity is the BlogPosting is a common way to nest it.
        main = item.get("mainEntity")
        if isinstance(main, (dict, list)):
            stack.append(main)


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _present(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, dict)):
        return bool(value)
    return True


def _parse_error(block: JsonLd) -> str:
    if not block.raw.strip():
        return "JSON-LD block is empty"
    error = block.error or "invalid JSON"
    # json says "Expecting ...: line 7 column 1 (char 120)", counting inside the script; say
    # the page's line instead (line 1 is the <script> tag's own line), and name the commonest
    # cause when it is one.
    where = _JSON_POS.search(error)
    if where is None or block.pos.line is None:
        return f"JSON-LD does not parse: {error}"
    text = re.sub(r"(\s+at)?[\s:]*$", "", error[: where.start()])
    line = block.pos.line + int(where.group(1)) - 1
    char = _JSON_CHAR.search(error)
    hint = ""
    if char is not None:
        at = int(char.group(1))
        bad = block.raw[at:at + 1]
        if block.raw[:at].rstrip().endswith(",") and block.raw[at:].lstrip()[:1] in ("}", "]"):
            hint = " (a trailing comma)"
        elif text.startswith("Invalid control character") and bad in ("\r", "\n"):
            hint = r" (a line break inside a string: write it as \n)"
        elif text.startswith("Invalid control character") and bad == "\t":
            hint = r" (a tab inside a string: write it as \t)"
    return f"JSON-LD does not parse: {text} at line {line}{hint}"


_MICRODATA_ARTICLES = frozenset({"blogposting", "article", "newsarticle", "techarticle",
                                 "socialmediaposting", "report", "scholarlyarticle"})


@page_rule("M008", "missing-article-schema", category="meta", severity="warning",
           options=Options, aliases=(INVALID,))
def check(page: Page, opts: Options) -> Iterator[Violation]:
    found_article = False
    unparsed = False
    for block in page.json_ld:
        if block.error is not None or not block.raw.strip():
            unparsed = True
            yield Violation(
                block, _parse_error(block),
                fix="Fix the JSON (no trailing commas or comments, double quotes, line breaks "
                    "escaped); in a template, print strings through a JSON filter (Liquid: "
                    "| jsonify) and check the result with Google's Rich Results Test",
                name=INVALID, severity="error",
            )
            continue
        for item in _articles(block):
            found_article = True
            missing = [p for p in opts.required if not _present(item.get(p))]
            if missing:
                kind = (_types(item) or ["Article"])[0]
                headline = item.get("headline")
                about = f' "{shorten(headline)}"' if isinstance(headline, str) and headline else ""
                yield Violation(
                    block,
                    f"{kind}{about} lacks {len(missing)} of {len(opts.required)} required "
                    f"properties: {', '.join(missing)}",
                    fix=f"Add {_join(missing)} to the {kind} JSON-LD",
                    name=INVALID,
                )
    if any(t.rsplit("/", 1)[-1].lower() in _MICRODATA_ARTICLES for t in page.microdata_types):
        found_article = True  # schema.org microdata (itemtype) says the same thing
    if page.kind == "post" and not found_article and not unparsed and not page.is_fragment:
        yield Violation(
            page.head_pos if page.has_head_element else Position(1, 1),
            "Post has no Article structured data (BlogPosting, Article or NewsArticle JSON-LD)",
            fix='Add a <script type="application/ld+json"> with "@type": "BlogPosting", '
                "headline, datePublished and author to <head>",
        )
