"""Page does not say its language (no `<html lang>`, or not a language tag).

## What it does
Reports a page whose `<html>` element has no `lang` attribute (nor `xml:lang`), or a page with no
`<html>` element at all, and a `lang` that is not a well-formed BCP 47 language tag: a primary
language of two or three letters (`en`, `fil`), then optional script, region and variant subtags
(`zh-Hant-TW`, `de-CH-1996`), separated by hyphens. Common mistakes it catches: `lang="english"`,
`lang="en_US"` (an underscore), `lang="{{ site.lang }}"` (an unrendered template).

## Why is this bad?
Screen readers pick their voice and pronunciation from `lang`; search engines, browsers'
translation offers and hyphenation use it too, and seolint's readability rules (R001) need it to
pick the formula of the page's language. Lighthouse's accessibility audits `html-has-lang` and
`html-lang-valid` fail a page without a valid one.

## Example
```html
<html>
<head><title>Running Backwards: A Beginner's Guide</title></head>
</html>
```

## Use instead
```html
<html lang="en">
<head><title>Running Backwards: A Beginner's Guide</title></head>
</html>
```

## Options
None. The tag is checked for its form (RFC 5646), not against the registry of languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from seolint.document import Page
from seolint.rule import NoOptions, Violation, is_content_page, page_rule, shorten

# RFC 5646 language tags, without the registry: language (2-3 letters, up to three extlangs),
# script (4 letters), region (2 letters or 3 digits), variants, extensions, private use; or a
# private-use or grandfathered "x-"/"i-" tag. Primary subtags of 4-8 letters are reserved or
# unregistered in practice, so "english" is not a language tag.
_LANG_TAG = re.compile(
    r"""
    (?:
      [a-z]{2,3}(?:-[a-z]{3}){0,3}           # language, extlang
      (?:-[a-z]{4})?                          # script
      (?:-(?:[a-z]{2}|[0-9]{3}))?             # region
      (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*  # variants
      (?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*     # extensions
      (?:-x(?:-[a-z0-9]{1,8})+)?              # private use
    | [xi](?:-[a-z0-9]{1,8})+                 # private use, grandfathered
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)


def is_language_tag(value: str) -> bool:
    return _LANG_TAG.fullmatch(value) is not None


def _suggest(value: str) -> str | None:
    """A corrected tag when the mistake is plain (an underscore for a hyphen)."""
    fixed = value.replace("_", "-")
    return fixed if fixed != value and is_language_tag(fixed) else None


@page_rule("M005", "missing-lang", category="meta", severity="warning", applies=is_content_page)
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    if page.is_fragment:
        return  # T001 reports the missing head once
    lang = page.lang
    if lang is None:
        yield Violation(
            page.html_pos,
            "<html> does not set lang" if page.has_html_element
            else "Page has no <html> element, so no lang attribute",
            fix='Add the language of the page to the <html> element, e.g. <html lang="en">',
        )
        return
    if is_language_tag(lang):
        return
    suggestion = _suggest(lang)
    yield Violation(
        page.html_pos,
        f"lang=\"{shorten(lang, 40)}\" is not a language tag",
        fix=f'Write lang="{suggestion}"' if suggestion
        else 'Write a BCP 47 language tag such as "en", "en-GB" or "pt-BR"',
    )
